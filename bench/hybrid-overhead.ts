/**
 * Where hybrid search's time goes at 100k chunks (issue 12, part 6), with a local OpenAI-compatible embedding
 * server that answers at once (test/fakes/openai-server.ts: jikji's hashing embedder, 384 dimensions, in this
 * process). No real model: the vectors are a weak bag-of-terms signal, so this measures cost, never quality.
 *
 *   npx node bench/hybrid-overhead.ts build <lexical 100k data dir> <out dir>
 *     Copies a built data dir (`cp -a`; node bench/assist.ts build … 100000: real-text padding, bench/lib/padding.ts)
 *     and runs jikji's reindex over the copy (store → index port, bulk writes, then the optimize that builds the
 *     vector index) with the hashing embedder in this process: the same vectors the local server returns, without
 *     100k chunks of JSON through HTTP (that build had not finished after 25 min on the loaded machine). Prints how
 *     long each stage took.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/hybrid-overhead.ts run <out dir> [--queries 300]
 *     For distinct real questions (KorQuAD dev, Korean; the real-document set, English), after a warm-up, each part
 *     on its own: the embedding round trip; the index's lexical leg, dense leg and both legs fused; RRF alone;
 *     hydration from the store of the lexical and of the fused candidates; then the whole `search()` lexical-only,
 *     hybrid with a fresh query (embedding call included) and hybrid again (query vector cached). "jikji adds"
 *     is the whole hybrid search less the embedding call less the whole lexical search, paired per query.
 *     `--embed-delay MS` makes the embedding server answer after MS (a model on other hardware): the lexical leg
 *     runs while the call is on its way, so the whole hybrid search then costs about the call plus the dense leg.
 *     With `JIKJI_LEXICAL_MEMORY=on` in the environment the lexical leg is serve's default one (the in-memory index,
 *     built before the first query); without it, LanceDB's full-text index, as one-shot commands use.
 */
import { connect } from "@lancedb/lancedb";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { clauseKeys } from "../src/ingest/clauses.ts";
import { rebuildIndex } from "../src/operate/index-status.ts";
import { createHashingEmbedder } from "../src/retrieve/embed/hashing.ts";
import { percentile } from "../src/retrieve/eval.ts";
import { fuseRrf } from "../src/retrieve/rrf.ts";
import { createSearch } from "../src/retrieve/search.ts";
import { queryTerms } from "../src/retrieve/tokenize.ts";
import { openJikji } from "../src/runtime.ts";
import { startFakeOpenAIServer } from "../test/fakes/openai-server.ts";
import { loadKorquad } from "./lib/korquad.ts";
import { loadRealQuestions } from "./lib/real-docs.ts";

const DIMENSIONS = 384;
const MODEL = "hashing-bench";
const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { queries: { type: "string", default: "300" }, "embed-delay": { type: "string", default: "0" } },
  allowPositionals: true,
});
const [mode, first, second] = positionals;

const server = await startFakeOpenAIServer();
server.embeddingDimensions = DIMENSIONS;
// --embed-delay MS: the server answers after MS, as a model on other hardware does; the lexical leg can run meanwhile.
server.defaultEmbeddings = { kind: "vectors", order: "as-is", delayMs: Number(values["embed-delay"]) };
const env = {
  JIKJI_EMBED_BASE_URL: server.baseURL,
  JIKJI_EMBED_MODEL: MODEL,
  JIKJI_EMBED_DIMENSIONS: String(DIMENSIONS),
  // `JIKJI_LEXICAL_MEMORY=on` measures the lexical leg serve uses by default (built before the first query here).
  ...(process.env.JIKJI_LEXICAL_MEMORY ? { JIKJI_LEXICAL_MEMORY: process.env.JIKJI_LEXICAL_MEMORY } : {}),
  // `JIKJI_DENSE_READ=ids|row-ids`: what the dense leg reads of its candidates (with the in-memory lexical leg only).
  ...(process.env.JIKJI_DENSE_READ ? { JIKJI_DENSE_READ: process.env.JIKJI_DENSE_READ } : {}),
};

async function build(from: string, to: string): Promise<void> {
  if (fs.existsSync(to)) throw new Error(`${to} exists: give a new directory`);
  let started = performance.now();
  const stage = (name: string) => {
    const now = performance.now();
    console.log(`${name}: ${((now - started) / 1000).toFixed(1)} s`);
    started = now;
  };
  // The source is left as it is (other benches read it).
  execFileSync("cp", ["-a", from, to]);
  stage("copy");
  const jikji = await openJikji(loadConfig({}, { dataDir: to }), { scanIndex: false });
  try {
    // The index is written in bulk and folded at the end; optimize() builds IVF-HNSW-SQ at ≥ 20,000 rows.
    let written = started;
    const deps = { store: jikji.store, index: jikji.index, embedder: createHashingEmbedder({ dimensions: DIMENSIONS }) };
    const { chunks } = await rebuildIndex(deps, jikji.indexStatus().index, (done) => {
      written = performance.now();
      if (done % 20_000 === 0) process.stderr.write(`${done} chunks\n`);
    });
    const end = performance.now();
    console.log(`reindex of ${chunks.toLocaleString("en")} chunks with ${DIMENSIONS}-d vectors: ${((written - started) / 1000).toFixed(1)} s writing, ` +
      `${((end - written) / 1000).toFixed(1)} s folding and building the vector index`);
  } finally {
    await jikji.close();
  }
}

async function run(dir: string): Promise<void> {
  const count = Number(values.queries);
  const warmUp = 30;
  const korean = loadKorquad().questions.map((question) => question.question);
  const english = (await loadRealQuestions()).map((item) => item.question);
  const asked: string[] = [];
  for (let i = 0; asked.length < warmUp + count; i++) {
    asked.push(korean[(i * 7) % korean.length]!);
    if (i % 3 === 2) asked.push(english[Math.floor(i / 3) % english.length]!);
  }
  const jikji = await openJikji(loadConfig(env, { dataDir: dir }), { scanIndex: false });
  const forget = setInterval(() => (server.requests.length = 0), 1_000);
  try {
    const embedder = jikji.embedder!;
    const lexicalSearch = createSearch({ store: jikji.store, index: jikji.index, embedder: null, reranker: jikji.reranker });
    const parts: Record<string, number[]> = {};
    const note = (name: string, ms: number, i: number) => {
      if (i >= warmUp) (parts[name] ??= []).push(ms);
    };
    const time = async <T>(run: () => Promise<T> | T): Promise<[T, number]> => {
      const started = performance.now();
      const result = await run();
      return [result, performance.now() - started];
    };
    const counts = await jikji.store.counts();
    const db = await connect(path.join(dir, "index"));
    const table = await db.openTable("chunks");
    const hasVectorIndex = (await table.listIndices()).some((entry) => entry.columns.includes("vector"));
    const recall = { found: 0, wanted: 0 };
    // Hybrid hydrates and reranks more rows: the lexical leg often finds fewer than `limit` chunks, the fused list never.
    const candidates = { lexical: 0, fused: 0 };
    for (const [i, query] of asked.slice(0, warmUp + count).entries()) {
      const terms = [...queryTerms(query), ...clauseKeys(query)];
      const [[vector], embedMs] = await time(() => embedder.embed([query], { purpose: "query" }));
      note("embedding round trip (uncached)", embedMs, i);
      const limit = 30; // what search() asks the index for at k 10 with the reranker's depth of 30
      const [lexical, lexicalMs] = await time(() => jikji.index.search({ terms, filter: {}, limit }));
      note("index: lexical leg alone", lexicalMs, i);
      const [dense, denseMs] = await time(() => jikji.index.search({ terms: [], vector: vector!, filter: {}, limit: 120 }));
      note("index: dense leg alone (120 candidates, vector index)", denseMs, i);
      // Measurement only: the same leg as an exact scan, straight from LanceDB, for its time and the index's recall.
      const [exact, exactMs] = await time(
        () => table.vectorSearch([...vector!]).distanceType("cosine").select(["chunk_id"]).limit(120).bypassVectorIndex().toArray() as Promise<Array<{ chunk_id: string }>>,
      );
      note("(for comparison) dense leg as an exact scan", exactMs, i);
      if (i >= warmUp) {
        const truth = new Set(exact.slice(0, 40).map((row) => row.chunk_id));
        recall.found += dense.filter((hit) => truth.has(hit.chunkId)).length;
        recall.wanted += truth.size;
      }
      const [fused, bothMs] = await time(() => jikji.index.search({ terms, vector: vector!, filter: {}, limit }));
      note("index: both legs + RRF", bothMs, i);
      const [, fuseMs] = await time(() => fuseRrf([lexical.map((hit) => ({ id: hit.chunkId })), dense.map((hit) => ({ id: hit.chunkId }))]));
      note("RRF alone", fuseMs, i);
      // Alternating which goes first, as below.
      const hydrate = async (hits: Array<{ chunkId: string }>) => (await time(() => jikji.store.visibleChunks(hits.map((hit) => hit.chunkId))))[1];
      let hydrateLexicalMs: number;
      let hydrateFusedMs: number;
      if (i % 2 === 0) {
        hydrateLexicalMs = await hydrate(lexical);
        hydrateFusedMs = await hydrate(fused);
      } else {
        hydrateFusedMs = await hydrate(fused);
        hydrateLexicalMs = await hydrate(lexical);
      }
      note("hydration: lexical candidates", hydrateLexicalMs, i);
      note("hydration: fused candidates", hydrateFusedMs, i);
      if (i >= warmUp) {
        candidates.lexical += lexical.length;
        candidates.fused += fused.length;
      }
      // A variant of the question the cache has not seen (the vector above was fetched outside the search); the
      // lexical search gets the same text, so both look up the same terms.
      const fresh = `${query} ${i}`;
      // Lexical first on even queries, last on odd ones: whatever the steps before leave behind (GC debt, the
      // index's threads) falls on both paths alike.
      const lexicalWhole = () => time(() => lexicalSearch({ query: fresh, k: 10, filter: {} }));
      let wholeLexicalMs = i % 2 === 0 ? (await lexicalWhole())[1] : 0;
      const [, coldMs] = await time(() => jikji.search({ query: fresh, k: 10, filter: {} }));
      const [, warmMs] = await time(() => jikji.search({ query: fresh, k: 10, filter: {} }));
      if (i % 2 === 1) wholeLexicalMs = (await lexicalWhole())[1];
      note("search(): lexical only", wholeLexicalMs, i);
      note("search(): hybrid, query not cached", coldMs, i);
      note("search(): hybrid, query vector cached", warmMs, i);
      note("jikji adds beyond the embedding call (cold − embedding − lexical)", coldMs - embedMs - wholeLexicalMs, i);
      note("jikji adds with the vector cached (cached − lexical)", warmMs - wholeLexicalMs, i);
    }
    console.log(
      `Node ${process.version}, ${os.cpus().length} cores; ${counts.chunks.toLocaleString("en")} chunks with ${DIMENSIONS}-d vectors; ` +
        `${count} queries after ${warmUp} warm-up; load average ${os.loadavg().map((v) => v.toFixed(1)).join(" / ")} at the end`,
    );
    console.log(
      `vector index: ${hasVectorIndex ? "IVF-HNSW-SQ" : "none (exact scan)"}; of the exact scan's top 40, ` +
        `${((100 * recall.found) / recall.wanted).toFixed(1)} % are among the dense leg's 120 candidates`,
    );
    console.log(`candidates per query (mean): lexical leg ${(candidates.lexical / count).toFixed(1)}, both legs fused ${(candidates.fused / count).toFixed(1)}`);
    table.close();
    db.close();
    console.log("| part | p50 ms | p95 ms |");
    console.log("|---|---|---|");
    for (const [name, times] of Object.entries(parts)) {
      console.log(`| ${name} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 95).toFixed(2)} |`);
    }
  } finally {
    clearInterval(forget);
    await jikji.close();
  }
}

try {
  if (mode === "build" && first && second) await build(first, second);
  else if (mode === "run" && first) await run(first);
  else {
    console.error("usage: npx node bench/hybrid-overhead.ts build <lexical data dir> <out dir> | run <dir> [--queries N]");
    process.exitCode = 2;
  }
} finally {
  await server.close();
}
