/**
 * Which embedded engine backs the default SearchIndex? LanceDB (through our adapter, exactly as jikji uses it)
 * versus PGlite + pgvector (a postings table with BM25 computed in SQL, and exact cosine search with `<=>`), on the
 * same corpus: chunks built from KorQuAD paragraphs' sentences with some English sentences mixed in, terms from
 * our tokenizer, random 384-d vectors. Both dense legs are exact (no ANN index), as the adapter runs today.
 *
 *   npx node bench/index-choice.ts [--chunks 20000] [--queries 100]
 *
 * LanceDB's disk figure right after the build includes the table versions the adapter keeps for ten minutes;
 * a second row gives the size once they are cleaned up. Reads ../shared/bench/korquad in place. Prints one table; speed is measured here, never asserted in tests.
 */
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { connect } from "@lancedb/lancedb";
import { vector as pgvector } from "@electric-sql/pglite-pgvector";
import { BM25_B, BM25_K1 } from "../src/retrieve/bm25.ts";
import { createEmbeddedIndex } from "../src/retrieve/index/embedded.ts";
import type { IndexPoint } from "../src/retrieve/index/port.ts";
import { queryTerms, termCounts } from "../src/retrieve/tokenize.ts";

const KORQUAD = new URL("../../shared/bench/korquad/KorQuAD_v1.0_dev.part-a.json", import.meta.url);
const DIMENSIONS = 384;
const BATCH = 1_000;
const LIMIT = 10;

const { values: args } = parseArgs({
  options: { chunks: { type: "string", default: "20000" }, queries: { type: "string", default: "100" } },
});
const CHUNKS = Number(args.chunks);
const QUERIES = Number(args.queries);
/** PGlite's SQL BM25 takes about a second a query at 20k chunks; fewer queries keep the run under two minutes. */
const PGLITE_LEXICAL_QUERIES = Math.min(QUERIES, 20);
/** Just below the adapter's optimize threshold: the slowest state lexical search is left in between optimizes. */
const UNINDEXED_TAIL = 1_999;

/** mulberry32: a small seeded PRNG, so every run measures the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENGLISH_WORDS = (
  "policy budget report approval travel expense hotel invoice contract employee leave holiday security access " +
  "password server backup incident review quarterly annual meeting schedule project deadline vendor payment " +
  "training onboarding manager department insurance pension salary overtime remote office equipment laptop"
).split(" ");

interface Corpus {
  texts: string[];
  questions: string[];
}

async function loadCorpus(next: () => number): Promise<Corpus> {
  const data = JSON.parse(await readFile(KORQUAD, "utf8")) as {
    data: Array<{ title: string; paragraphs: Array<{ context: string; qas: Array<{ question: string }> }> }>;
  };
  const sentences: string[] = [];
  const questions: string[] = [];
  for (const article of data.data) {
    for (const paragraph of article.paragraphs) {
      sentences.push(...paragraph.context.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.length > 10));
      for (const qa of paragraph.qas) questions.push(qa.question);
    }
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const texts = Array.from({ length: CHUNKS }, () => {
    const parts: string[] = [];
    const count = 3 + Math.floor(next() * 5);
    for (let i = 0; i < count; i++) {
      if (next() < 0.2) {
        const words = Array.from({ length: 8 + Math.floor(next() * 10) }, () => pick(ENGLISH_WORDS));
        parts.push(`${words.join(" ")}.`);
      } else {
        parts.push(pick(sentences));
      }
    }
    return parts.join(" ");
  });
  return { texts, questions };
}

function randomVector(next: () => number): number[] {
  return Array.from({ length: DIMENSIONS }, () => next() * 2 - 1);
}

async function directorySize(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timeEach<T>(inputs: readonly T[], run: (input: T) => Promise<unknown>): Promise<number[]> {
  for (const input of inputs.slice(0, 10)) await run(input);
  const samples: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await run(input);
    samples.push(performance.now() - started);
  }
  return samples;
}

interface Result {
  engine: string;
  /** Top-10 chunk ids of each lexical query, for agreement between engines. */
  top: string[][];
  buildSeconds: number;
  lexical: number[];
  dense: number[];
  hits: number;
  bytes: number;
}

async function benchLance(
  points: IndexPoint[],
  tail: IndexPoint[],
  lexicalQueries: string[][],
  denseQueries: number[][],
): Promise<Result[]> {
  const dir = await mkdtemp(join(tmpdir(), "jikji-bench-lance-"));
  const index = createEmbeddedIndex({ dir });
  const started = performance.now();
  await index.open(DIMENSIONS);
  for (let start = 0; start < points.length; start += BATCH) await index.upsert(points.slice(start, start + BATCH));
  const buildSeconds = (performance.now() - started) / 1000;
  let hits = 0;
  const lexical = await timeEach(lexicalQueries, async (terms) => {
    hits += (await index.search({ terms, filter: {}, limit: LIMIT })).length;
  });
  const top: string[][] = [];
  for (const terms of lexicalQueries) top.push((await index.search({ terms, filter: {}, limit: LIMIT })).map((hit) => hit.chunkId));
  const dense = await timeEach(denseQueries, (vector) => index.search({ terms: [], vector, filter: {}, limit: LIMIT }));
  const bytes = await directorySize(dir);

  await index.upsert(tail);
  const lexicalWithTail = await timeEach(lexicalQueries, (terms) => index.search({ terms, filter: {}, limit: LIMIT }));
  await index.close();
  // The adapter keeps superseded versions for ten minutes; this is the size once they are gone.
  const db = await connect(dir);
  const table = await db.openTable("chunks");
  await table.optimize({ cleanupOlderThan: new Date() });
  table.close();
  db.close();
  const settledBytes = await directorySize(dir);
  await rm(dir, { recursive: true, force: true });
  return [
    { engine: "LanceDB 0.39 (FTS + flat cosine)", buildSeconds, lexical, dense, hits, bytes, top },
    {
      engine: `  same, + ${UNINDEXED_TAIL} rows not yet in the FTS index`,
      buildSeconds: Number.NaN,
      lexical: lexicalWithTail,
      dense: [],
      hits: Number.NaN,
      bytes: Number.NaN,
      top: [],
    },
    {
      engine: "  same, disk once old versions are cleaned up",
      buildSeconds: Number.NaN,
      lexical: [],
      dense: [],
      hits: Number.NaN,
      bytes: settledBytes,
      top: [],
    },
  ];
}

async function benchPglite(points: IndexPoint[], lexicalQueries: string[][], denseQueries: number[][]): Promise<Result> {
  const dir = await mkdtemp(join(tmpdir(), "jikji-bench-pglite-"));
  const pg = await PGlite.create(dir, { extensions: { vector: pgvector } });
  const started = performance.now();
  await pg.exec(`
    CREATE EXTENSION IF NOT EXISTS vector;
    CREATE TABLE chunks (id integer PRIMARY KEY, chunk_id text NOT NULL, length integer NOT NULL,
                         embedding vector(${DIMENSIONS}) NOT NULL);
    CREATE TABLE postings (term text NOT NULL, chunk integer NOT NULL, tf integer NOT NULL);
    CREATE TABLE corpus_stats (documents integer NOT NULL, avgdl double precision NOT NULL);
  `);
  for (let start = 0; start < points.length; start += BATCH) {
    const batch = points.slice(start, start + BATCH);
    const ids = batch.map((_, i) => start + i);
    await pg.query(
      `INSERT INTO chunks SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[]::vector[])`,
      [
        ids,
        batch.map((point) => point.chunkId),
        batch.map((point) => [...point.terms.values()].reduce((sum, count) => sum + count, 0)),
        batch.map((point) => `[${point.vector?.join(",")}]`),
      ],
    );
    const terms: string[] = [];
    const chunkIds: number[] = [];
    const tfs: number[] = [];
    batch.forEach((point, i) => {
      for (const [term, count] of point.terms) {
        terms.push(term);
        chunkIds.push(start + i);
        tfs.push(count);
      }
    });
    await pg.query(`INSERT INTO postings SELECT * FROM unnest($1::text[], $2::int[], $3::int[])`, [terms, chunkIds, tfs]);
  }
  await pg.exec(`
    CREATE INDEX postings_term ON postings (term);
    INSERT INTO corpus_stats SELECT count(*), avg(length) FROM chunks;
    ANALYZE;
  `);
  const buildSeconds = (performance.now() - started) / 1000;

  // BM25 with Lucene's IDF, document frequency counted from the postings at query time.
  const bm25 = `
    WITH q AS (SELECT term, count(*) AS qtf FROM unnest($1::text[]) AS term GROUP BY term),
         df AS (SELECT p.term, count(*) AS n FROM postings p JOIN q USING (term) GROUP BY p.term)
    SELECT c.chunk_id,
           sum(q.qtf * ln(1 + (s.documents - df.n + 0.5) / (df.n + 0.5))
               * p.tf * ${BM25_K1 + 1} / (p.tf + ${BM25_K1} * (1 - ${BM25_B} + ${BM25_B} * c.length / s.avgdl))) AS score
    FROM postings p JOIN q USING (term) JOIN df USING (term) JOIN chunks c ON c.id = p.chunk CROSS JOIN corpus_stats s
    GROUP BY c.chunk_id ORDER BY score DESC LIMIT ${LIMIT}`;
  let hits = 0;
  const top: string[][] = [];
  const lexical = await timeEach(lexicalQueries.slice(0, PGLITE_LEXICAL_QUERIES), async (terms) => {
    const { rows } = await pg.query<{ chunk_id: string }>(bm25, [terms]);
    hits += rows.length;
    top.push(rows.map((row) => row.chunk_id));
  });
  const dense = await timeEach(denseQueries, (vector) =>
    pg.query(`SELECT chunk_id FROM chunks ORDER BY embedding <=> $1::vector LIMIT ${LIMIT}`, [`[${vector.join(",")}]`]),
  );
  await pg.close();
  const bytes = await directorySize(dir);
  await rm(dir, { recursive: true, force: true });
  // timeEach ran the first 10 queries twice (warm-up); keep the timed pass.
  return { engine: "PGlite 0.5 + pgvector (SQL BM25 + exact <=>)", buildSeconds, lexical, dense, hits, bytes, top: top.slice(10) };
}

const next = random(20_240_601);
const corpus = await loadCorpus(next);
const allPoints: IndexPoint[] = [...corpus.texts, ...corpus.texts.slice(0, UNINDEXED_TAIL)].map((text, i) => ({
  chunkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  documentId: `doc-${Math.floor(i / 20)}`,
  version: 1,
  collection: "bench",
  accessGroups: [],
  terms: termCounts(text),
  vector: randomVector(next),
}));
const points = allPoints.slice(0, CHUNKS);
const tail = allPoints.slice(CHUNKS);
const lexicalQueries = Array.from({ length: QUERIES }, (_, i) => queryTerms(corpus.questions[(i * 13) % corpus.questions.length] ?? ""));
const denseQueries = Array.from({ length: QUERIES }, () => randomVector(next));
const meanTerms = points.reduce((sum, point) => sum + [...point.terms.values()].reduce((a, b) => a + b, 0), 0) / points.length;

const lance = await benchLance(points, tail, lexicalQueries, denseQueries);
const pglite = await benchPglite(points, lexicalQueries, denseQueries);
const results = [...lance, pglite];

/** Mean share of PGlite's top 10 that LanceDB also returns, over the queries both ran. */
const lanceTop = lance[0]?.top ?? [];
const overlaps = pglite.top.map((ids, i) => {
  const other = new Set(lanceTop[i] ?? []);
  return ids.length === 0 ? 1 : ids.filter((id) => other.has(id)).length / ids.length;
});
const agreement = overlaps.reduce((sum, value) => sum + value, 0) / Math.max(overlaps.length, 1);

const ms = (value: number) => (Number.isNaN(value) ? "-" : value.toFixed(1)).padStart(8);
console.log(
  `\n${CHUNKS} chunks (mean ${meanTerms.toFixed(0)} terms, ${DIMENSIONS}-d vectors), ${QUERIES} KorQuAD questions ` +
    `and ${QUERIES} random vectors, top ${LIMIT}, Node ${process.versions.node}\n`,
);
console.log(
  `${"engine".padEnd(46)} ${"build s".padStart(8)} ${"lex p50".padStart(8)} ${"lex p95".padStart(8)} ` +
    `${"dense p50".padStart(9)} ${"dense p95".padStart(9)} ${"disk MB".padStart(8)} ${"lex hits".padStart(8)}`,
);
for (const result of results) {
  console.log(
    `${result.engine.padEnd(46)} ${ms(result.buildSeconds)} ${ms(percentile(result.lexical, 50))} ` +
      `${ms(percentile(result.lexical, 95))} ${ms(percentile(result.dense, 50)).padStart(9)} ` +
      `${ms(percentile(result.dense, 95)).padStart(9)} ${ms(result.bytes / 1e6)} ` +
      `${(Number.isNaN(result.hits) ? "-" : String(result.hits)).padStart(8)}`,
  );
}
console.log(
  `\nLatencies in ms per query (p50/p95, after 10 warm-up queries). PGlite lexical over the first ` +
    `${PGLITE_LEXICAL_QUERIES} questions. lex hits = results returned over all lexical runs, warm-up included.\n` +
    `Top-10 agreement, LanceDB FTS vs SQL BM25 (fixed k1/b, corpus avgdl): ${(agreement * 100).toFixed(0)}% ` +
    `over ${overlaps.length} questions.`,
);
