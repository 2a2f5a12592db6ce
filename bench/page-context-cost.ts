/**
 * What reading the hits' pages costs an extractive answer (JIKJI_ANSWER_PAGE_CONTEXT, src/answer/page-context.ts):
 * the time of `store.chunksOnPages` for the pages of each question's first 6 hits, on the real-document set's tune
 * and heldout questions, three rounds, and the chunks it returns. The data dir must hold those documents already
 * (e.g. one `bench/answer-real-docs.ts --data-dir DIR --splits tune,heldout` made). Run under the bench lock:
 *
 *   flock /tmp/jikji-bench.lock nice -n 10 npx node bench/page-context-cost.ts DIR
 */
import { join } from "node:path";
import { DEFAULT_ASK_K } from "../src/answer/ask.ts";
import { loadConfig } from "../src/config.ts";
import { openJikji } from "../src/runtime.ts";
import { loadRealQuestions } from "./lib/real-docs.ts";

const root = process.argv[2];
if (root === undefined) throw new Error("usage: npx node bench/page-context-cost.ts DIR (the --data-dir of bench/answer-real-docs.ts)");
const app = await openJikji(loadConfig({}, { dataDir: join(root, "data") }), { scanIndex: false });
try {
  const items = (await loadRealQuestions()).filter((item) => item.split === "tune" || item.split === "heldout");
  const asked: Array<Array<{ documentId: string; version: number; page: number }>> = [];
  for (const item of items) {
    const hits = (await app.search({ query: item.question, k: DEFAULT_ASK_K, filter: {}, neighbours: true })).hits;
    asked.push(hits.flatMap((hit) => (hit.page === null ? [] : [{ documentId: hit.documentId, version: hit.version, page: hit.page }])));
  }
  const times: number[] = [];
  let rows = 0;
  for (let round = 0; round < 3; round++) {
    for (const pages of asked) {
      const start = performance.now();
      rows += (await app.store.chunksOnPages(pages)).length;
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(times.length * share))]!.toFixed(2);
  console.log(
    `chunksOnPages, pages of the first ${DEFAULT_ASK_K} hits, ${asked.length} questions x 3 (${(await app.store.counts()).chunks} chunks): ` +
      `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, ${(rows / times.length).toFixed(1)} chunks a call`,
  );
} finally {
  await app.close();
}
