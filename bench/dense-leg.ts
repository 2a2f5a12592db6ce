/**
 * Where the dense leg's time goes at 100k chunks (issue 12, part 6, helper hyb12). On a data dir built by
 * `bench/hybrid-overhead.ts build` (IVF-HNSW-SQ over 384-d hashing vectors), for real questions (KorQuAD dev in
 * Korean, the real-document set in English, as bench/hybrid-overhead.ts asks them) after a warm-up, each variant of
 * the dense leg's LanceDB query on its own, the variants' order rotated per question:
 *   - the adapter's dense leg (`index.search` with no terms, 120 candidates: the fusion depth at limit 30) without the
 *     in-memory lexical index (all columns from LanceDB, the default), with it and `denseRead` "ids" (documents and
 *     versions from memory) and "row-ids" (row addresses mapped to chunk ids);
 *   - the same query straight from LanceDB, in stages: building the query, `execute()` (LanceDB's native search up
 *     to its first answer), the batches' `next()` calls, Arrow IPC decoding, and the Arrow → JS rows conversion;
 *   - fewer columns (chunk id and distance; the row id and distance only: the ANN search without reading rows),
 *     fewer candidates (40), `fastSearch()` (no flat scan of unindexed rows), HNSW `ef` settings, an access-group
 *     filter as a prefilter (as the adapter filters) and as a postfilter.
 * For each: p50 / p95 ms, recall of the exact scan's top 40 among its candidates (the adapter's, for comparison),
 * and whether its ids and order equal the adapter's for the same vector.
 * "same ids and order" compares with the first adapter, for the same vector. Measurement only: nothing is written.
 *
 * First, three times, what reading the row-address map costs (time, heap).
 *
 *   flock /tmp/jikji-bench.lock npx node --expose-gc bench/dense-leg.ts <dir> [--queries 300]
 */
import { connect, Session, type Table, type VectorQuery } from "@lancedb/lancedb";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hashingVector } from "../src/retrieve/embed/hashing.ts";
import { percentile } from "../src/retrieve/eval.ts";
import { createEmbeddedIndex, INDEX_CACHE_BYTES, METADATA_CACHE_BYTES, sqlString } from "../src/retrieve/index/embedded.ts";
import { PUBLIC_ACCESS_GROUP } from "../src/retrieve/index/port.ts";
import { loadKorquad } from "./lib/korquad.ts";
import { loadRealQuestions } from "./lib/real-docs.ts";

// Arrow as LanceDB loads it (CommonJS), as embedded.ts does.
const { tableFromIPC, Table: ArrowTable } = createRequire(import.meta.url)("apache-arrow") as typeof import("apache-arrow");
const DIMENSIONS = 384;
const DEPTH = 120;
const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { queries: { type: "string", default: "300" } },
  allowPositionals: true,
});
const [dir] = positionals;
if (dir === undefined) {
  console.error("usage: npx node bench/dense-leg.ts <dir made by bench/hybrid-overhead.ts build> [--queries N]");
  process.exit(2);
}

const count = Number(values.queries);
const warmUp = 30;
const korean = loadKorquad().questions.map((question) => question.question);
const english = (await loadRealQuestions()).map((item) => item.question);
const asked: string[] = [];
for (let i = 0; asked.length < warmUp + count; i++) {
  asked.push(korean[(i * 7) % korean.length]!);
  if (i % 3 === 2) asked.push(english[Math.floor(i / 3) % english.length]!);
}

const index = createEmbeddedIndex({ dir: path.join(dir, "index") });
await index.open(DIMENSIONS);
// serve's adapter: the in-memory lexical index, which gives the dense leg its candidates' documents and versions.
const withMemory = createEmbeddedIndex({ dir: path.join(dir, "index"), lexicalMemory: "at-open", denseRead: "ids" });
await withMemory.open(DIMENSIONS);
// The same with row addresses mapped to chunk ids (the map is read at the first dense search).
const withRowIds = createEmbeddedIndex({ dir: path.join(dir, "index"), lexicalMemory: "at-open", denseRead: "row-ids" });
await withRowIds.open(DIMENSIONS);
const session = new Session(BigInt(INDEX_CACHE_BYTES), BigInt(METADATA_CACHE_BYTES));
const db = await connect(path.join(dir, "index"), { session });
const table = await db.openTable("chunks");

type Ids = string[];
const base = (current: Table, vector: number[], columns: string[], limit = DEPTH): VectorQuery =>
  current.vectorSearch(vector).distanceType("cosine").select(columns).limit(limit);

/** Columns read the way the adapter reads them (plainRows): one pass per column into plain objects. */
async function rows(query: VectorQuery, names: string[]): Promise<Array<Record<string, unknown>>> {
  const arrow = await query.toArrow();
  if (arrow.numRows === 0) return [];
  const out = Array.from({ length: arrow.numRows }, () => ({}) as Record<string, unknown>);
  for (const name of names) {
    let i = 0;
    for (const value of arrow.getChild(name)!) out[i++]![name] = value;
  }
  return out;
}

const stages: Record<string, number[]> = {};
const stage = (name: string, ms: number, i: number) => {
  if (i >= warmUp) (stages[name] ??= []).push(ms);
};

/** The current query, stage by stage, through the binding's own calls (what `toArrow()` does, timed in between). */
async function staged(vector: number[], i: number): Promise<Ids> {
  const t0 = performance.now();
  const query = base(table, vector, ["chunk_id", "document_id", "version", "_distance"]);
  // The binding's inner query (a hidden API; measurement only).
  const inner = await (query as unknown as { getInner(): Promise<{ execute(a?: number, b?: number): Promise<{ next(): Promise<Buffer | null> }> }> }).getInner();
  const t1 = performance.now();
  const stream = await inner.execute();
  const t2 = performance.now();
  const buffers: Buffer[] = [];
  let firstNext = 0;
  for (let buffer = await stream.next(); buffer; buffer = await stream.next()) {
    if (firstNext === 0) firstNext = performance.now();
    buffers.push(buffer);
  }
  const t3 = performance.now();
  const batches = buffers.flatMap((buffer) => tableFromIPC(buffer).batches);
  const arrow = new ArrowTable(batches);
  const t4 = performance.now();
  const out: Array<Record<string, unknown>> = Array.from({ length: arrow.numRows }, () => ({}));
  for (const name of ["chunk_id", "document_id", "version", "_distance"]) {
    let k = 0;
    for (const value of arrow.getChild(name)!) out[k++]![name] = value;
  }
  const t5 = performance.now();
  stage("stage: build the query", t1 - t0, i);
  stage("stage: execute() (native search, to the stream)", t2 - t1, i);
  stage("stage: first next() (rows read, IPC encoded)", firstNext - t2, i);
  stage("stage: remaining next() calls (end of stream)", t3 - firstNext, i);
  stage("stage: IPC decode", t4 - t3, i);
  stage("stage: Arrow → JS rows", t5 - t4, i);
  stage("stage: all", t5 - t0, i);
  return out.map((row) => String(row.chunk_id));
}

const FULL = ["chunk_id", "document_id", "version", "_distance"];
const GROUPS = `array_has_any(access_groups, [${sqlString(PUBLIC_ACCESS_GROUP)}, 'hr'])`;
const variants: Array<[string, (vector: number[], i: number) => Promise<Ids | null>]> = [
  ["adapter: index.search (dense only, 120)", async (vector) => (await index.search({ terms: [], vector, filter: {}, limit: DEPTH })).map((hit) => hit.chunkId)],
  ["adapter with the in-memory lexical index: JIKJI_DENSE_READ=ids", async (vector) => (await withMemory.search({ terms: [], vector, filter: {}, limit: DEPTH })).map((hit) => hit.chunkId)],
  ["adapter with the in-memory lexical index: JIKJI_DENSE_READ=row-ids", async (vector) => (await withRowIds.search({ terms: [], vector, filter: {}, limit: DEPTH })).map((hit) => hit.chunkId)],
  ["raw: 4 columns, 120 (the adapter's query)", async (vector) => (await rows(base(table, vector, FULL), FULL)).map((row) => String(row.chunk_id))],
  ["raw staged: 4 columns, 120", staged],
  ["raw: chunk_id + _distance, 120", async (vector) => (await rows(base(table, vector, ["chunk_id", "_distance"]), ["chunk_id", "_distance"])).map((row) => String(row.chunk_id))],
  ["raw: _distance + row id only, 120 (no row read)", async (vector) => {
    await rows(base(table, vector, ["_distance"]).withRowId(), ["_distance"]);
    return null;
  }],
  // A caller's access groups as search() passes them (public rows plus one group), prefiltered as the adapter does,
  // and postfiltered (which may return fewer than 120: not a lever the port allows, its cost only).
  ["raw: 4 columns, 120, access-group prefilter", async (vector) => (await rows(base(table, vector, FULL).where(GROUPS), FULL)).map((row) => String(row.chunk_id))],
  ["raw: 4 columns, 120, access-group postfilter", async (vector) => (await rows(base(table, vector, FULL).where(GROUPS).postfilter(), FULL)).map((row) => String(row.chunk_id))],
  ["raw: 4 columns, 40", async (vector) => (await rows(base(table, vector, FULL, 40), FULL)).map((row) => String(row.chunk_id))],
  ["raw: 4 columns, 120, fastSearch", async (vector) => (await rows(base(table, vector, FULL).fastSearch(), FULL)).map((row) => String(row.chunk_id))],
  ["raw: 4 columns, 120, ef 120", async (vector) => (await rows(base(table, vector, FULL).ef(120), FULL)).map((row) => String(row.chunk_id))],
  ["raw: 4 columns, 120, ef 360", async (vector) => (await rows(base(table, vector, FULL).ef(360), FULL)).map((row) => String(row.chunk_id))],
];

// What JIKJI_DENSE_READ=row-ids's map costs to read (after every write, at the next dense search): every row's address
// and chunk id, as buildRowIds in embedded.ts reads them.
for (let round = 0; round < 3; round++) {
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const map = new Map<number, string>();
  for await (const batch of table.query().select(["chunk_id"]).withRowId()) {
    const ids = batch.getChild("chunk_id")!;
    const addresses = batch.getChild("_rowid")!;
    for (let i = 0; i < batch.numRows; i++) map.set(Number(addresses.get(i)), String(ids.get(i)));
  }
  const ms = performance.now() - started;
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`row-address map: ${map.size} rows read in ${ms.toFixed(0)} ms, heap +${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MB (with --expose-gc)`);
}

const times: Record<string, number[]> = {};
const recall: Record<string, { found: number; wanted: number }> = {};
const same: Record<string, { same: number; of: number }> = {};
for (const [i, question] of asked.entries()) {
  const vector = hashingVector(question, DIMENSIONS);
  const exact = (await rows(base(table, vector, ["chunk_id", "_distance"]).bypassVectorIndex(), ["chunk_id"])).map((row) => String(row.chunk_id));
  const truth = new Set(exact.slice(0, 40));
  const results: Record<string, Ids | null> = {};
  // Rotate the order so that whatever one variant leaves behind (GC, LanceDB's caches) falls on each alike.
  for (let k = 0; k < variants.length; k++) {
    const [name, run] = variants[(i + k) % variants.length]!;
    const started = performance.now();
    const ids = await run(vector, i);
    const ms = performance.now() - started;
    if (i < warmUp) continue;
    (times[name] ??= []).push(ms);
    results[name] = ids;
  }
  if (i < warmUp) continue;
  const reference = results[variants[0]![0]]!;
  for (const [name, ids] of Object.entries(results)) {
    if (ids === null) continue;
    const r = (recall[name] ??= { found: 0, wanted: 0 });
    r.found += ids.filter((id) => truth.has(id)).length;
    r.wanted += truth.size;
    const s = (same[name] ??= { same: 0, of: 0 });
    s.of++;
    if (ids.length === reference.length && ids.every((id, k) => id === reference[k])) s.same++;
  }
}
console.log(
  `Node ${process.version}, ${os.cpus().length} cores; ${await table.countRows()} rows; ${count} queries after ${warmUp} warm-up; ` +
    `load average ${os.loadavg().map((v) => v.toFixed(1)).join(" / ")} at the end; ${new Date().toISOString()}`,
);
console.log("| variant | p50 ms | p95 ms | recall of exact top 40 | same ids and order as the adapter |");
console.log("|---|---|---|---|---|");
for (const [name] of variants) {
  const t = times[name]!;
  const r = recall[name];
  const s = same[name];
  console.log(
    `| ${name} | ${percentile(t, 50).toFixed(2)} | ${percentile(t, 95).toFixed(2)} | ${r ? (r.found / r.wanted).toFixed(3) : "–"} | ${s ? `${s.same} / ${s.of}` : "–"} |`,
  );
}
for (const [name, t] of Object.entries(stages)) console.log(`| ${name} | ${percentile(t, 50).toFixed(2)} | ${percentile(t, 95).toFixed(2)} | | |`);
table.close();
db.close();
await index.close();
await withMemory.close();
await withRowIds.close();
