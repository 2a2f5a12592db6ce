/**
 * Which approximate vector index the embedded index builds (issue 12, part 6): 100k chunks of ~500 characters of
 * KorQuAD sentences (seeded) written through the SearchIndex port with 384-d hashing vectors, then the dense leg
 * (top 120, cosine) timed as an exact scan, through IVF-HNSW-SQ and through IVF-PQ (LanceDB defaults, then with
 * refine 2, then nprobes 20), 100 KorQuAD questions after 30 warm-up. Recall: share of the exact scan's top 40 among
 * the index's 120 candidates. Measurement only: it calls LanceDB directly.
 * Run: flock /tmp/jikji-bench.lock npx node bench/vector-index-choice.ts [chunks] [existing dir]
 */
import { randomUUID } from "node:crypto";
import { connect, Index } from "@lancedb/lancedb";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmbeddedIndex } from "../src/retrieve/index/embedded.ts";
import { hashingVector } from "../src/retrieve/embed/hashing.ts";
import { termCounts } from "../src/retrieve/tokenize.ts";
import { percentile } from "../src/retrieve/eval.ts";
import { loadKorquad } from "./lib/korquad.ts";
const SIZE = Number(process.argv[2] ?? 100000), D = 384;
const dir = process.argv[3] ?? await mkdtemp(join(tmpdir(), "jikji-ann-"));
const { documents, questions } = loadKorquad();
const sentences = documents.flatMap((d) => d.body.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
let state = 7; const rnd = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
if (!process.argv[3]) {
  // No vector index from optimize(): this script builds each kind itself.
  const index = createEmbeddedIndex({ dir, vectorIndexMinRows: Number.POSITIVE_INFINITY }); await index.open(D);
  const t0 = performance.now();
  for (let s = 0; s < SIZE; s += 2000) {
    const pts = [];
    for (let i = s; i < Math.min(SIZE, s + 2000); i++) { let t = ""; while (t.length < 500) t += sentences[Math.floor(rnd() * sentences.length)] + " ";
      pts.push({ chunkId: randomUUID(), documentId: `d${i >> 3}`, version: 1, collection: "default", accessGroups: [], terms: termCounts(t), vector: hashingVector(t, D) }); }
    await index.upsert(pts); process.stderr.write(`\r${s}`);
  }
  await index.optimize(); await index.close();
  console.log(`built ${SIZE} in ${((performance.now() - t0) / 1000).toFixed(0)} s at ${dir}`);
}
const db = await connect(dir); const table = await db.openTable("chunks");
const qs = questions.slice(0, 130).map((q) => hashingVector(q.question, D));
async function bench(label: string, make: (v: number[]) => any) {
  const times: number[] = []; const ids: string[][] = [];
  for (const [i, v] of qs.entries()) { const t = performance.now(); const rows = await make(v).toArray(); if (i >= 30) times.push(performance.now() - t); ids.push(rows.map((r: any) => r.chunk_id)); }
  console.log(label, "p50", percentile(times, 50).toFixed(1), "p95", percentile(times, 95).toFixed(1)); return ids;
}
const flat = await bench("flat", (v) => table.vectorSearch(v).distanceType("cosine").select(["chunk_id"]).limit(120).bypassVectorIndex());
const recall = (ids: string[][]) => { let hit = 0, all = 0; ids.forEach((l, i) => { const truth = new Set(flat[i]!.slice(0, 40)); all += truth.size; hit += l.filter((x) => truth.has(x)).length; }); return (hit / all).toFixed(3); };
for (const [name, config] of [["hnswSq", Index.hnswSq({ distanceType: "cosine" })], ["ivfPq", Index.ivfPq({ distanceType: "cosine" })]] as const) {
  const t = performance.now();
  await table.createIndex("vector", { config, replace: true });
  console.log(name, "built in", ((performance.now() - t) / 1000).toFixed(1), "s");
  for (const [label, q] of [["default", (v: number[]) => table.vectorSearch(v).distanceType("cosine").select(["chunk_id"]).limit(120)],
    ["refine 2", (v: number[]) => table.vectorSearch(v).distanceType("cosine").select(["chunk_id"]).limit(120).refineFactor(2)],
    ["nprobes 20", (v: number[]) => table.vectorSearch(v).distanceType("cosine").select(["chunk_id"]).limit(120).nprobes(20)]] as const) {
    const ids = await bench(`${name} ${label}`, q); console.log("  recall@40 within 120:", recall(ids));
  }
}
table.close();
db.close();
if (!process.argv[3]) await rm(dir, { recursive: true, force: true });
