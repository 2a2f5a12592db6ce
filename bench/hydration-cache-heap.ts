/**
 * What the hydration cache (JIKJI_HYDRATION_CACHE, src/store/hydration-cache.ts) really holds on the JS heap, against
 * the bytes its own count allows (JIKJI_HYDRATION_CACHE_MB). Opens a data dir, lists up to 100,000 chunk ids, hydrates
 * them all through `store.visibleChunks` in calls of 30 (search's candidate depth) so a cache of the size given fills
 * and evicts, and prints the live heap's growth after two full collections, against the same run with the cache off.
 * Counts bytes, not time: no lock needed.
 *
 *   for size in off 16 32 64; do npx node --expose-gc bench/hydration-cache-heap.ts <data dir> $size; done
 */
import { loadConfig } from "../src/config.ts";
import { openJikji } from "../src/runtime.ts";

const [dataDir, size] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!dataDir || !size || (size !== "off" && !/^[1-9]\d*$/.test(size)) || gc === undefined) {
  console.error("usage: npx node --expose-gc bench/hydration-cache-heap.ts <data dir> <off | MB>");
  process.exit(2);
}
const env: Record<string, string> = size === "off" ? { JIKJI_HYDRATION_CACHE: "off" } : { JIKJI_HYDRATION_CACHE: "on", JIKJI_HYDRATION_CACHE_MB: size };
const jikji = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false, observe: false });
const ids: string[] = [];
let after: string | null = null;
while (ids.length < 100_000) {
  const page = await jikji.store.visibleChunksPage(after, 5000);
  if (page.length === 0) break;
  for (const row of page) ids.push(row.chunk.id);
  after = page[page.length - 1]!.chunk.id;
}
gc();
gc();
const before = process.memoryUsage();
for (let i = 0; i < ids.length; i += 30) await jikji.store.visibleChunks(ids.slice(i, i + 30));
gc();
gc();
const end = process.memoryUsage();
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
console.log(
  `cache ${size === "off" ? "off" : `${size} MB`}: ${ids.length} chunks hydrated; live heap ${mb(before.heapUsed)} → ${mb(end.heapUsed)} MB ` +
    `(${mb(end.heapUsed - before.heapUsed)} MB), heap total ${mb(end.heapTotal)} MB, RSS ${mb(end.rss)} MB`,
);
await jikji.close();
