/**
 * What reading the index's status costs every open (src/operate/index-status.ts): the recorded analyzer, whether the
 * store holds a chunk (only when nothing is recorded), and the collection names. Times `readIndexStatus` on an
 * existing embedded store, in process, after a first read that pays for planning:
 *
 *   nice -n 10 flock /tmp/jikji-bench.lock npx node bench/index-status-cost.ts <data dir> [runs]
 *
 * The data dir is migrated to this build's schema (it gains `index_builds`): run it on a copy.
 */
import { readIndexStatus } from "../src/operate/index-status.ts";
import { openPglite } from "../src/store/pglite.ts";
import { createStore } from "../src/store/store.ts";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: bench/index-status-cost.ts <data dir> [runs]");
const runs = Number(process.argv[3] ?? 50);
const handle = await openPglite(dataDir);
const store = createStore(handle.db, { statements: handle.statements });
// What a one-shot command pays: the first read after the store opens (after one trivial query, as start-up's
// reconcile runs queries before it).
await store.ping();
let started = performance.now();
const first = await readIndexStatus(store, "embedded");
const firstMs = performance.now() - started;
const { chunks } = await store.counts();
console.log(`${chunks} chunks: first read after open ${firstMs.toFixed(2)} ms (${first.state})`);
for (const recorded of [false, true]) {
  // Unrecorded (a data dir from before versions were kept): the chunk probe runs too.
  await store.recordIndexBuild("embedded", recorded ? 1 : null);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await readIndexStatus(store, "embedded");
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${recorded ? "recorded" : "unrecorded"}: median ${times[Math.floor(runs / 2)]!.toFixed(2)} ms, p95 ${times[Math.floor(runs * 0.95)]!.toFixed(2)} ms over ${runs} reads`);
}
await handle.close();
