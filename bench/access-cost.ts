/**
 * What access control costs on `POST /v1/search`: the same KorQuAD queries over a real socket against three apps
 * on one opened jikji, requests interleaved so load affects all alike:
 *   - open: no authentication, no audit, no rate limits (the trusted local mode);
 *   - keys + rate limits: a stored reader key (looked up, cached 5 s), per-address/per-key buckets;
 *   - keys + rate limits + audit: the same, and every search leaves an audit row (batched writes).
 * The reader key reads the collection through its default groups, so the access scope is applied to every hit.
 * Then 50 chat requests with a 4 MB body: status, time to the 413, and the server's RSS before and after.
 * Run: flock /tmp/jikji-bench.lock node bench/access-cost.ts
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createKey } from "../src/access/keys.ts";
import { createRateLimiter } from "../src/access/rate-limit.ts";
import { createAnswerRoutes } from "../src/api/answer-routes.ts";
import { createApp, type AppDeps } from "../src/api/app.ts";
import { loadConfig } from "../src/config.ts";
import { createIngestQueue } from "../src/ingest/queue.ts";
import { openJikji } from "../src/runtime.ts";
import { ingestKorquad } from "./lib/ingest-korquad.ts";
import { interleaveSearches, percentile, serveVariants } from "./lib/interleaved.ts";

const QUERIES = 600;
const WARM_UP = 50;

const root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-access-bench-"));
const config = loadConfig({}, { dataDir: path.join(root, "data") });
const jikji = await openJikji(config, { scanIndex: false });
const { documents, questions } = await ingestKorquad(jikji);
await jikji.store.setCollectionDefaultGroups("korquad", ["staff"]);
const { key } = await createKey(jikji.accessStore, { name: "bench", role: "reader", groups: ["staff"], collections: null, expiresInMs: null });

const queue = createIngestQueue({ ...jikji, maxFileBytes: 1024 * 1024 });
const base: AppDeps = {
  store: jikji.store,
  index: jikji.index,
  search: jikji.search,
  queue,
  maxUploadBytes: 1024 * 1024,
  routes: [createAnswerRoutes({ ask: jikji.ask, chat: jikji.chat })],
  authenticator: null,
  http: { maxJsonBytes: config.http.maxJsonBytes, allowedHosts: [], allowedOrigins: [] },
  ungrouped: "collection",
  info: { store: "pglite", index: "embedded", embedder: null, generator: null },
};
const limits = () => ({
  perAddress: createRateLimiter(1_000_000),
  authFailures: createRateLimiter(1_000_000),
  perKey: createRateLimiter(1_000_000),
});
const variants = {
  open: createApp(base),
  "keys + rate limits": createApp({ ...base, authenticator: jikji.authenticator, rateLimits: limits() }),
  "keys + rate limits + audit": createApp({ ...base, authenticator: jikji.authenticator, rateLimits: limits(), audit: jikji.audit, accessStore: jikji.accessStore }),
};

const servers = await serveVariants(variants);

const sample = questions.filter((_, i) => i % 4 === 0).slice(0, QUERIES + WARM_UP);
if (sample.length < QUERIES + WARM_UP) throw new Error(`only ${sample.length} questions`);
const hits = await interleaveSearches(servers, sample.map((question) => question.question), { warmUp: WARM_UP, headers: () => ({ authorization: `Bearer ${key}` }) });
await jikji.audit.flush();
const auditRows = (await jikji.accessStore.readAudit({ limit: 100_000 })).length;

// 4 MB chat bodies against the full app.
const full = servers[2]!;
const huge = JSON.stringify({ messages: [{ role: "user", content: "가".repeat(Math.floor((4 * 1024 * 1024) / 3)) }] });
global.gc?.();
const rssBefore = process.memoryUsage().rss;
const bigTimes: number[] = [];
const statuses = new Set<number>();
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  const response = await fetch(`${full.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: huge,
  });
  await response.text();
  bigTimes.push(performance.now() - t0);
  statuses.add(response.status);
}
global.gc?.();
const rssAfter = process.memoryUsage().rss;
bigTimes.sort((a, b) => a - b);

for (const { server } of servers) server.close();
await queue.idle();
await jikji.close();
await fs.rm(root, { recursive: true, force: true });

console.log(`machine: ${os.cpus().length} cores, Node ${process.version}; ${documents.length} documents, ${servers[0]!.times.length} timed queries per variant after ${WARM_UP} warm-up (interleaved), k=10, ${hits} hits in all, ${auditRows} audit rows written (one per search of the audited variant)`);
console.log("| POST /v1/search | p50 ms | p95 ms |");
console.log("| --- | ---: | ---: |");
for (const { name, times } of servers) {
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 95).toFixed(2)} |`);
}
console.log(
  `\n50 × 4 MB /v1/chat/completions bodies: status ${[...statuses].join(",")}, p50 ${percentile(bigTimes, 50).toFixed(1)} ms, ` +
    `max ${bigTimes.at(-1)!.toFixed(1)} ms; server RSS ${(rssBefore / 1024 / 1024).toFixed(0)} MB before, ${(rssAfter / 1024 / 1024).toFixed(0)} MB after`,
);
