/**
 * CPU of hydrating a search's candidates from the store alone (`store.visibleChunks`), at the size a search asks for:
 * the first-stage candidates (30, the reranker's depth) of 400 real questions (bench/lib/serve.ts's Korean/English
 * mix), after 100 warm-up calls, three rounds. Process CPU (`process.cpuUsage`), so it holds on a busy machine.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/hydration-cpu.ts <data dir>
 */
import { loadConfig } from "../src/config.ts";
import { DEFAULT_RERANK_DEPTH } from "../src/retrieve/search.ts";
import { queryTerms } from "../src/retrieve/tokenize.ts";
import { openJikji } from "../src/runtime.ts";
import { loadAverage, mixedQuestions } from "./lib/serve.ts";

const dataDir = process.argv[2];
if (!dataDir) {
  console.error("usage: npx node bench/hydration-cpu.ts <data dir>");
  process.exit(2);
}
const jikji = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false, observe: false });
const questions = (await mixedQuestions()).slice(0, 400);
const candidates: string[][] = [];
for (const question of questions) {
  const hits = await jikji.index.search({ terms: queryTerms(question), filter: {}, limit: DEFAULT_RERANK_DEPTH });
  candidates.push(hits.map((hit) => hit.chunkId));
}
for (let i = 0; i < 100; i++) await jikji.store.visibleChunks(candidates[i]!);
const rounds: number[] = [];
for (let round = 0; round < 3; round++) {
  const cpu = process.cpuUsage();
  for (const ids of candidates) await jikji.store.visibleChunks(ids);
  const used = process.cpuUsage(cpu);
  rounds.push((used.user + used.system) / 1000 / candidates.length);
}
console.log(
  `visibleChunks of ${DEFAULT_RERANK_DEPTH} candidates: ${rounds.map((ms) => ms.toFixed(3)).join(" / ")} ms CPU a call; load average ${loadAverage()}`,
);
await jikji.close();
