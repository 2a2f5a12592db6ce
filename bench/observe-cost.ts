/**
 * What metrics and logging cost on `POST /v1/search`: the same KorQuAD queries over a real socket against two apps
 * on one opened jikji, requests interleaved so load affects both alike:
 *   - plain: no request middleware, a search without stage timings;
 *   - metrics + logs: the request middleware (request id, route-labelled counter and histogram, one pino JSON line
 *     per request written to a file), and a search reporting retrieve/rerank timings to the histograms.
 * Both search the same index with the same reranker (built-in) and no key check.
 * Run: flock /tmp/jikji-bench.lock node bench/observe-cost.ts
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { createApp, type AppDeps } from "../src/api/app.ts";
import { createMetricsRoutes, observeRequests } from "../src/api/observe.ts";
import { loadConfig } from "../src/config.ts";
import { createIngestQueue } from "../src/ingest/queue.ts";
import { createObservability } from "../src/operate/observer.ts";
import { createSearch } from "../src/retrieve/search.ts";
import { openJikji } from "../src/runtime.ts";
import { ingestKorquad } from "./lib/ingest-korquad.ts";
import { interleaveSearches, percentile, serveVariants } from "./lib/interleaved.ts";

const QUERIES = 600;
const WARM_UP = 50;

const root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-observe-bench-"));
const config = loadConfig({}, { dataDir: path.join(root, "data") });
const jikji = await openJikji(config, { scanIndex: false });
const { documents, questions } = await ingestKorquad(jikji);

const logFile = path.join(root, "requests.log");
const logDestination = pino.destination({ dest: logFile, sync: false });
const observability = createObservability(config.observe, { logDestination, defaultMetrics: true });
const searchDeps = { store: jikji.store, index: jikji.index, embedder: null, reranker: jikji.reranker, rerankDepth: config.rerank.depth };

const queue = createIngestQueue({ ...jikji, maxFileBytes: 1024 * 1024 });
const base: AppDeps = {
  store: jikji.store,
  index: jikji.index,
  search: createSearch(searchDeps),
  queue,
  maxUploadBytes: 1024 * 1024,
  authenticator: null,
  http: { maxJsonBytes: config.http.maxJsonBytes, allowedHosts: [], allowedOrigins: [] },
  ungrouped: "collection",
  info: { store: "pglite", index: "embedded", embedder: null, generator: null },
};
const variants = {
  plain: createApp(base),
  "metrics + logs": createApp({
    ...base,
    search: createSearch({ ...searchDeps, onTimings: (timings) => observability.metrics.search(timings) }),
    observe: observeRequests(observability),
    routes: [createMetricsRoutes({ observability, token: null })],
  }),
};

const servers = await serveVariants(variants);

const sample = questions.filter((_, i) => i % 4 === 0).slice(0, QUERIES + WARM_UP);
if (sample.length < QUERIES + WARM_UP) throw new Error(`only ${sample.length} questions`);
await interleaveSearches(servers, sample.map((question) => question.question), { warmUp: WARM_UP, headers: (i) => ({ "x-request-id": `bench-${i}` }) });
const scrape = await (await fetch(`${servers[1]!.url}/metrics`)).text();
logDestination.flushSync();
const logLines = (await fs.readFile(logFile, "utf8")).split("\n").filter((line) => line !== "").length;
const counted = scrape.match(/^jikji_http_requests_total\{method="POST",route="\/v1\/search",status="200"\} (\d+)$/m)?.[1];

for (const { server } of servers) server.close();
await queue.idle();
await jikji.close();
await fs.rm(root, { recursive: true, force: true });

console.log(`${documents.length} documents, ${QUERIES} queries per variant after ${WARM_UP} warm-up, interleaved`);
console.log(`metrics app: ${counted} searches counted, ${logLines} log lines written, /metrics ${scrape.length} bytes`);
console.log("| variant | p50 ms | p95 ms | mean ms |");
console.log("|---|---:|---:|---:|");
for (const { name, times } of servers) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  console.log(`| ${name} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 95).toFixed(2)} | ${mean.toFixed(2)} |`);
}
