/**
 * CPU of reading an answer's neighbour chunks from the store alone (`store.chunksAt`), at the size /v1/ask asks for:
 * the chunks before and after each of the top `DEFAULT_ASK_K` lexical hits of 400 real questions (bench/lib/serve.ts's
 * Korean/English mix), after 100 warm-up calls, five rounds (median printed too). Process CPU (`process.cpuUsage`),
 * so it holds on a busy machine. Also prints a hash of every call's rows (in position order), so two builds can be
 * shown to read the same rows.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/neighbour-cpu.ts <data dir> [--rounds 5]
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { DEFAULT_ASK_K } from "../src/answer/ask.ts";
import { loadConfig } from "../src/config.ts";
import { queryTerms } from "../src/retrieve/tokenize.ts";
import { openJikji } from "../src/runtime.ts";
import { loadAverage, mixedQuestions } from "./lib/serve.ts";

const { positionals, values } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { rounds: { type: "string", default: "5" } } });
const dataDir = positionals[0];
const roundCount = Number(values.rounds);
if (!dataDir || !Number.isInteger(roundCount) || roundCount < 1) {
  console.error("usage: npx node bench/neighbour-cpu.ts <data dir> [--rounds 5]");
  process.exit(2);
}
const jikji = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false, observe: false });
const questions = (await mixedQuestions()).slice(0, 400);
type Position = { documentId: string; version: number; ordinal: number };
const asks: Position[][] = [];
for (const question of questions) {
  const hits = await jikji.index.search({ terms: queryTerms(question), filter: {}, limit: DEFAULT_ASK_K });
  const visible = await jikji.store.visibleChunks(hits.map((hit) => hit.chunkId));
  // As search's attachNeighbours asks: the ordinals either side of each hit, none below 0.
  asks.push(
    [...visible.values()].flatMap(({ chunk }) =>
      [chunk.ordinal - 1, chunk.ordinal + 1].filter((ordinal) => ordinal >= 0).map((ordinal) => ({ documentId: chunk.documentId, version: chunk.version, ordinal })),
    ),
  );
}
const hash = createHash("sha256");
let rowCount = 0;
for (const positions of asks) {
  const rows = await jikji.store.chunksAt(positions);
  rowCount += rows.length;
  rows.sort((a, b) => a.documentId.localeCompare(b.documentId) || a.version - b.version || a.ordinal - b.ordinal);
  hash.update(JSON.stringify(rows));
}
for (let i = 0; i < 100; i++) await jikji.store.chunksAt(asks[i]!);
const rounds: number[] = [];
for (let round = 0; round < roundCount; round++) {
  const cpu = process.cpuUsage();
  for (const positions of asks) await jikji.store.chunksAt(positions);
  const used = process.cpuUsage(cpu);
  rounds.push((used.user + used.system) / 1000 / asks.length);
}
const median = [...rounds].sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
const positionCount = asks.reduce((sum, positions) => sum + positions.length, 0);
console.log(
  `chunksAt of ${(positionCount / asks.length).toFixed(1)} positions (${asks.length} calls, ${rowCount} rows, rows ${hash.digest("hex").slice(0, 16)}): ` +
    `${rounds.map((ms) => ms.toFixed(3)).join(" / ")} ms CPU a call, median ${median.toFixed(3)}; load average ${loadAverage()}`,
);
await jikji.close();
