/**
 * (d) Search latency p50/p95 and on-disk index size of the embedded default (LanceDB, lexical only, no embedding
 * call) at 10k and 100k chunks. Chunks are synthetic but realistic: each is ~500 characters of KorQuAD sentences
 * drawn at random (seeded), so term statistics look like real Korean prose; queries are KorQuAD questions.
 * Points are written through the SearchIndex port in batches of 2,000 (as reindex does), then searched as
 * `jikji search` does (k 10, 3× over-fetch); index-level latency, without the store's hydration of the 10 hits.
 * With the built-in reranker on (the default), search also rescores the top 30 candidates: the second table times
 * that step alone and index + rerank together, on the same queries (chunk texts held in memory, as the store's
 * hydration would hand them over). Run: flock /tmp/jikji-bench.lock npx node bench/latency.ts [chunks...]   (default: 10000 100000)
 */
import { randomUUID } from "node:crypto";
import { connect } from "@lancedb/lancedb";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { percentile } from "../src/retrieve/eval.ts";
import { createEmbeddedIndex } from "../src/retrieve/index/embedded.ts";
import type { IndexPoint } from "../src/retrieve/index/port.ts";
import { builtinScores } from "../src/retrieve/rerank/builtin.ts";
import { DEFAULT_RERANK_DEPTH } from "../src/retrieve/search.ts";
import { queryTerms, termCounts } from "../src/retrieve/tokenize.ts";
import { loadKorquad } from "./lib/korquad.ts";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [10_000, 100_000];
const QUERIES = 500;
const WARMUP = 50;
const BATCH = 2_000;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const { documents, questions } = loadKorquad();
const sentences = documents.flatMap((document) => document.body.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
const titles = [...new Set(documents.map((document) => document.title))];

console.log(`Node ${process.version}, ${(await import("node:os")).cpus().length} cores; ${QUERIES} queries after ${WARMUP} warm-up`);
console.log("| chunks | write s | first search s (loads document frequencies) | p50 ms | p95 ms | index MB as written | index MB after pruning old versions |");
console.log("|---|---|---|---|---|---|---|");
const rerankRows: string[] = [];
for (const size of SIZES) {
  const dir = await mkdtemp(join(tmpdir(), "jikji-bench-latency-"));
  const index = createEmbeddedIndex({ dir });
  try {
    await index.open(null);
    const random = seeded(size);
    const texts = new Map<string, string>();
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const writeStarted = performance.now();
    for (let start = 0; start < size; start += BATCH) {
      const points: IndexPoint[] = [];
      for (let i = start; i < Math.min(size, start + BATCH); i++) {
        let text = `${pick(titles)}\n`;
        while (text.length < 500) text += `${pick(sentences)} `;
        const chunkId = randomUUID();
        texts.set(chunkId, text);
        points.push({
          chunkId,
          documentId: `doc-${Math.floor(i / 8)}`,
          version: 1,
          collection: "default",
          accessGroups: [],
          terms: termCounts(text),
        });
      }
      await index.upsert(points);
    }
    // As every ingest job ends: fold the backlog in and save the document frequencies.
    await index.optimize();
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    await index.close();
    // Reopened as a fresh process (a one-shot `jikji search`) would: the first search loads the saved frequencies.
    const reopened = createEmbeddedIndex({ dir });
    await reopened.open(null);
    const firstStarted = performance.now();
    await reopened.search({ terms: queryTerms(questions[0]!.question), filter: {}, limit: 30 });
    const firstSeconds = (performance.now() - firstStarted) / 1000;
    const latencies: number[] = [];
    const rerankLatencies: number[] = [];
    const withRerank: number[] = [];
    for (let i = 0; i < WARMUP + QUERIES; i++) {
      const question = questions[(i * 7) % questions.length]!.question;
      const terms = queryTerms(question);
      const started = performance.now();
      const hits = await reopened.search({ terms, filter: {}, limit: 30 });
      const searched = performance.now();
      const candidates = hits.slice(0, DEFAULT_RERANK_DEPTH).map((hit) => ({
        id: hit.chunkId,
        text: texts.get(hit.chunkId)!,
        headingPath: [],
        score: hit.score,
      }));
      builtinScores(question, candidates);
      const reranked = performance.now();
      if (i >= WARMUP) {
        latencies.push(searched - started);
        rerankLatencies.push(reranked - searched);
        withRerank.push(reranked - started);
      }
    }
    rerankRows.push(
      `| ${size.toLocaleString("en")} | ${percentile(rerankLatencies, 50).toFixed(2)} | ${percentile(rerankLatencies, 95).toFixed(2)} | ` +
        `${percentile(withRerank, 50).toFixed(1)} | ${percentile(withRerank, 95).toFixed(1)} |`,
    );
    await reopened.close();
    const writtenMegabytes = (await directorySize(dir)) / 2 ** 20;
    // The adapter keeps table versions replaced by its optimize() for a minute (for reads still running);
    // pruning them now shows the steady-state size. Measurement only: jikji itself never calls LanceDB from here.
    const db = await connect(dir);
    const table = await db.openTable("chunks");
    await table.optimize({ cleanupOlderThan: new Date() });
    table.close();
    db.close();
    const prunedMegabytes = (await directorySize(dir)) / 2 ** 20;
    console.log(
      `| ${size.toLocaleString("en")} | ${writeSeconds.toFixed(1)} | ${firstSeconds.toFixed(2)} | ` +
        `${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${writtenMegabytes.toFixed(0)} | ${prunedMegabytes.toFixed(0)} |`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(`\nBuilt-in reranker over the top ${DEFAULT_RERANK_DEPTH} candidates (~500-character chunks), same ${QUERIES} queries:`);
console.log("| chunks | rerank p50 ms | rerank p95 ms | index + rerank p50 ms | index + rerank p95 ms |");
console.log("|---|---|---|---|---|");
for (const row of rerankRows) console.log(row);
