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
import { serve } from "@hono/node-server";
import { pino } from "pino";
import { createApp, type AppDeps } from "../src/api/app.ts";
import { createMetricsRoutes, observeRequests } from "../src/api/observe.ts";
import { loadConfig } from "../src/config.ts";
import { createIngestQueue } from "../src/ingest/queue.ts";
import { createObservability } from "../src/operate/observer.ts";
import { createSearch } from "../src/retrieve/search.ts";
import { openJikji } from "../src/runtime.ts";
import { ingestKorquad } from "./lib/ingest-korquad.ts";

const QUERIES = 600;
const WARM_UP = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-observe-bench-"));
const config = loadConfig({}, { dataDir: path.join(root, "data") });
const jikji = await openJikji(config, { scanIndex: false });
const { documents, questions } = await ingestKorquad(jikji);

const logFile = path.join(root, "requests.log");
const logDestination = pino.destination({ dest: logFile, sync: false });
const observability = createObservability(config.observe, { logDestination, defaultMetrics: true });
const searchDeps = { store: jikji.store, index: jikji.index, embedder: null, reranker: jikji.reranker, rerankDepth: config.rerank.depth };

const uploadsDir = path.join(root, "uploads");
const queue = createIngestQueue({ ...jikji, uploadsDir, maxFileBytes: 1024 * 1024 });
const base: AppDeps = {
  store: jikji.store,
  index: jikji.index,
  search: createSearch(searchDeps),
  queue,
  uploadsDir,
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

const servers = await Promise.all(
  Object.entries(variants).map(async ([name, app]) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise((resolve) => server.once("listening", resolve));
    const address = server.address();
    return { name, server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, times: [] as number[] };
  }),
);

const sample = questions.filter((_, i) => i % 4 === 0).slice(0, QUERIES + WARM_UP);
if (sample.length < QUERIES + WARM_UP) throw new Error(`only ${sample.length} questions`);
for (const [i, question] of sample.entries()) {
  for (let j = 0; j < servers.length; j++) {
    const target = servers[(i + j) % servers.length]!;
    const t0 = performance.now();
    const response = await fetch(`${target.url}/v1/search`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": `bench-${i}` },
      body: JSON.stringify({ query: question.question, k: 10 }),
    });
    await response.json();
    const elapsed = performance.now() - t0;
    if (response.status !== 200) throw new Error(`${target.name}: HTTP ${response.status}`);
    if (i >= WARM_UP) target.times.push(elapsed);
  }
}
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
