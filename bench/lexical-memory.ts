/**
 * The in-memory lexical leg at scale (issue 12, part 5; src/retrieve/index/lexical-memory.ts): its build time and
 * size over an existing data dir, and the CPU of the lexical leg alone, in memory against LanceDB's full-text
 * candidates, on the same queries (the real questions' terms, no expansion).
 *
 *   npx node bench/lexical-memory.ts <data dir> [--queries 400]
 *
 * The data dir is only read. Build time is wall time of reading every row's columns and laying the postings out;
 * heap is V8's used heap after a GC before and after (typed arrays' bytes are counted as external memory).
 */
import { parseArgs } from "node:util";
import { createEmbeddedIndex } from "../src/retrieve/index/embedded.ts";
import { queryTerms } from "../src/retrieve/tokenize.ts";
import { embeddedIndexDir } from "../src/runtime.ts";
import { loadAverage, mixedQuestions } from "./lib/serve.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { queries: { type: "string", default: "400" } },
  allowPositionals: true,
});
const dataDir = positionals[0];
if (!dataDir) {
  console.error("usage: npx node bench/lexical-memory.ts <data dir> [--queries N]");
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
const memory = () => {
  gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, external: usage.external + usage.arrayBuffers, rss: usage.rss };
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

const questions = (await mixedQuestions()).slice(0, Number(values.queries)).map((question) => queryTerms(question));
console.log(`${new Date().toISOString()} load ${loadAverage()}`);

const lance = createEmbeddedIndex({ dir: embeddedIndexDir(dataDir) });
const info = await lance.open(null);

async function cpuOf(index: typeof lance): Promise<number> {
  for (const terms of questions.slice(0, 50)) await index.search({ terms, filter: {}, limit: 40 });
  const start = process.cpuUsage();
  for (const terms of questions) await index.search({ terms, filter: {}, limit: 40 });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / questions.length;
}
const lanceCpu = await cpuOf(lance);
await lance.close();

const before = memory();
const started = performance.now();
let event: unknown = null;
const held = createEmbeddedIndex({ dir: embeddedIndexDir(dataDir), lexicalMemory: "at-open", onLexicalMemory: (e) => (event = e) });
await held.open(null);
const buildMs = performance.now() - started;
if (!(await held.lexicalMemoryReady())) throw new Error(`the in-memory index did not build: ${JSON.stringify(event)}`);
const after = memory();
const memoryCpu = await cpuOf(held);
console.log(`${info.points} rows; open + in-memory build ${(buildMs / 1000).toFixed(1)} s; ${JSON.stringify(event)}`);
console.log(`memory: heap +${mb(after.heap - before.heap)} MB, external (typed arrays) +${mb(after.external - before.external)} MB, RSS +${mb(after.rss - before.rss)} MB`);
console.log(`lexical-only search (limit 40), CPU a search (process, all threads): LanceDB FTS + rescoring ${lanceCpu.toFixed(2)} ms, in memory ${memoryCpu.toFixed(2)} ms`);
await held.close();
