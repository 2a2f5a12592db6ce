import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetricsRoutes, requestId } from "../../src/api/observe.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { formatLine } from "../../src/operate/log.ts";
import { createObservability } from "../../src/operate/observer.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { handbookPdf } from "../workspace/fixtures.ts";

const READER = "reader-token-0123456789abcdef";
const EDITOR = "editor-token-0123456789abcdef";
const LOOPBACK = { incoming: { socket: { remoteAddress: "127.0.0.1" } } };
const REMOTE = { incoming: { socket: { remoteAddress: "10.1.2.3" } } };
const QUERY = "연차휴가 신청 절차";

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];
const lines: string[] = [];

/** A pino destination that keeps every line. */
const capture = new Writable({
  write(chunk: Buffer | string, _encoding, callback) {
    lines.push(...String(chunk).split("\n").filter((line) => line !== ""));
    callback();
  },
});

function post(url: string, body: unknown, token: string, headers: Record<string, string> = {}) {
  return app.request(
    url,
    { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) },
    LOOPBACK,
  );
}

async function scrape(): Promise<string> {
  const response = await app.request("/metrics", {}, LOOPBACK);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

/** The value of one series (exact label set as Prometheus prints it), 0 when absent. */
function value(text: string, series: string): number {
  const line = text.split("\n").find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-observe-"));
  const config = loadConfig(
    {
      JIKJI_API_TOKENS: JSON.stringify({ [READER]: { name: "hr-portal" }, [EDITOR]: { name: "uploader", role: "admin" } }),
      JIKJI_LOG_LEVEL: "info",
      JIKJI_UNGROUPED_DOCUMENTS: "public",
    },
    { dataDir: root },
  );
  jikji = await openJikji(config, { scanIndex: false, observe: { logDestination: capture, defaultMetrics: false } });
  const collectionId = await jikji.store.ensureCollection("default");
  await ingestFile(jikji, {
    collectionId,
    collection: "default",
    source: "leave.md",
    bytes: new TextEncoder().encode("# 연차휴가\n\n연차휴가 신청 절차는 인사팀 포털에서 3일 전까지 신청하는 것입니다."),
    accessGroups: [],
  });
  // A second matching document, so the reranker has more than one hit to order.
  await ingestFile(jikji, {
    collectionId,
    collection: "default",
    source: "leave-faq.md",
    bytes: new TextEncoder().encode("# 자주 묻는 질문\n\n연차휴가 신청이 늦으면 팀장 승인이 필요합니다."),
    accessGroups: [],
  });
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 64 * 1024 * 1024 }));
});

afterAll(async () => {
  await queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("/metrics", () => {
  it("names the series and moves them after a search, an ask and an upload", async () => {
    const before = await scrape();
    for (const name of [
      "jikji_http_requests_total",
      "jikji_http_request_duration_seconds",
      "jikji_search_stage_duration_seconds",
      "jikji_ask_stage_duration_seconds",
      "jikji_ingest_pages_total",
      "jikji_ingest_chunks_total",
      "jikji_ingest_failures_total",
      "jikji_ingest_queue_depth",
      "jikji_ingest_jobs",
      "jikji_ingest_queue_oldest_age_seconds",
      "jikji_store_size_bytes",
      "jikji_index_points",
      "jikji_index_size_bytes",
      "jikji_index_cache_bytes",
      "jikji_upstream_request_duration_seconds",
    ]) {
      expect(before).toContain(`# TYPE ${name} `);
    }

    const searched = await post("/v1/search", { query: QUERY }, READER);
    expect(searched.status).toBe(200);
    expect(((await searched.json()) as { hits: unknown[] }).hits.length).toBeGreaterThan(1);
    expect((await post("/v1/ask", { question: `${QUERY}는 어떻게 되나요?` }, READER)).status).toBe(200);
    const form = new FormData();
    form.append("file", new File([(await handbookPdf()) as Uint8Array<ArrayBuffer>], "handbook.pdf", { type: "application/pdf" }));
    form.append("file", new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff])], "broken.pdf"));
    const upload = await app.request("/v1/documents", { method: "POST", headers: { authorization: `Bearer ${EDITOR}` }, body: form }, LOOPBACK);
    expect(upload.status).toBe(202);
    await queue.idle();
    const after = await scrape();

    const requests = 'jikji_http_requests_total{method="POST",route="/v1/search",status="200"}';
    expect(value(after, requests)).toBe(value(before, requests) + 1);
    expect(value(after, 'jikji_http_request_duration_seconds_count{method="POST",route="/v1/search"}')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'jikji_http_requests_total{method="POST",route="/v1/documents",status="202"}')).toBe(1);
    // Search's retrieve stage ran for the search and for the ask's retrieval; the built-in reranker for both.
    const retrieve = 'jikji_search_stage_duration_seconds_count{stage="retrieve"}';
    expect(value(after, retrieve)).toBeGreaterThanOrEqual(value(before, retrieve) + 2);
    expect(value(after, 'jikji_search_stage_duration_seconds_count{stage="rerank"}')).toBeGreaterThan(
      value(before, 'jikji_search_stage_duration_seconds_count{stage="rerank"}'),
    );
    expect(value(after, 'jikji_ask_stage_duration_seconds_count{stage="retrieve"}')).toBe(
      value(before, 'jikji_ask_stage_duration_seconds_count{stage="retrieve"}') + 1,
    );
    expect(value(after, "jikji_ingest_pages_total")).toBe(value(before, "jikji_ingest_pages_total") + 3);
    expect(value(after, "jikji_ingest_chunks_total")).toBeGreaterThan(value(before, "jikji_ingest_chunks_total"));
    expect(value(after, 'jikji_ingest_files_total{action="ingested"}')).toBe(1);
    expect(value(after, 'jikji_ingest_files_total{action="failed"}')).toBe(1);
    expect(after).toMatch(/^jikji_ingest_failures_total\{reason="[a-z_]+"\} 1$/m);
    expect(value(after, "jikji_ingest_queue_depth")).toBe(0);
    // The backlog and sizes come from the store and the index: the upload's chunks are in both now.
    expect(value(after, 'jikji_ingest_jobs{status="queued"}')).toBe(0);
    expect(value(after, "jikji_ingest_queue_oldest_age_seconds")).toBe(0);
    expect(value(before, "jikji_store_size_bytes")).toBeGreaterThan(0);
    expect(value(after, "jikji_index_points")).toBe(value(before, "jikji_index_points") + value(after, "jikji_ingest_chunks_total") - value(before, "jikji_ingest_chunks_total"));
    expect(value(after, "jikji_index_size_bytes")).toBeGreaterThan(value(before, "jikji_index_size_bytes"));
    // A job waiting in the store (queued by any instance) shows in the backlog.
    const waiting = await jikji.store.createJob(null, 1);
    const queuedScrape = await scrape();
    expect(value(queuedScrape, 'jikji_ingest_jobs{status="queued"}')).toBe(1);
    expect(queuedScrape).toMatch(/^jikji_ingest_queue_oldest_age_seconds \d/m);
    await jikji.store.updateJob(waiting.id, { status: "failed", error: "test" });
    expect(value(await scrape(), 'jikji_ingest_jobs{status="queued"}')).toBe(0);
    // Route patterns, not raw paths: a document id never becomes a label.
    await app.request("/v1/documents/00000000-0000-4000-8000-000000000000", { headers: { authorization: `Bearer ${READER}` } }, LOOPBACK);
    expect(await scrape()).toContain('route="/v1/documents/:id",status="404"');
  });

  it("refuses a caller off this machine, and an API key does not open it", async () => {
    const remote = await app.request("/metrics", {}, REMOTE);
    expect(remote.status).toBe(403);
    expect(await remote.text()).not.toContain("jikji_http_requests_total");
    expect((await app.request("/metrics", { headers: { authorization: `Bearer ${EDITOR}` } }, REMOTE)).status).toBe(403);
    // app.request without a socket: the address is unknown, so refused too.
    expect((await app.request("/metrics")).status).toBe(403);
  });

  it("with JIKJI_METRICS_TOKEN wants that token, from anywhere, and nothing else", async () => {
    const token = "metrics-token-0123456789abcdef";
    const config = loadConfig({ JIKJI_METRICS_TOKEN: token }, { dataDir: root });
    expect(config.observe.metricsToken).toBe(token);
    const observability = createObservability(config.observe, { defaultMetrics: false });
    const routes = new Hono().route("/", createMetricsRoutes({ observability, token: config.observe.metricsToken }));
    routes.onError((error, c) => c.json({ error: String(error) }, 401));
    expect((await routes.request("/metrics", {}, LOOPBACK)).status).toBe(401);
    expect((await routes.request("/metrics", { headers: { authorization: `Bearer ${READER}` } }, REMOTE)).status).toBe(401);
    const ok = await routes.request("/metrics", { headers: { authorization: `Bearer ${token}` } }, REMOTE);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("jikji_http_requests_total");
    expect(() => loadConfig({ JIKJI_METRICS_TOKEN: "short" }, { dataDir: root })).toThrow(/JIKJI_METRICS_TOKEN/);
  });
});

describe("request logs", () => {
  it("writes one JSON line per request with the caller's request id, and never the token or the query", async () => {
    lines.length = 0;
    const response = await post("/v1/search", { query: QUERY }, READER, { "x-request-id": "req-42.abc" });
    expect(response.headers.get("x-request-id")).toBe("req-42.abc");
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const record = records.find((entry) => entry.requestId === "req-42.abc");
    expect(record).toMatchObject({ msg: "request", method: "POST", route: "/v1/search", status: 200, principal: "hr-portal" });
    expect(typeof record!.durationMs).toBe("number");
    const all = lines.join("\n");
    expect(all).not.toContain(READER);
    expect(all).not.toContain(QUERY);
    expect(all.toLowerCase()).not.toContain("bearer");
  });

  it("replaces an unsafe request id and logs refused requests too", async () => {
    lines.length = 0;
    const refused = await app.request(
      "/v1/search",
      { method: "POST", headers: { "content-type": "application/json", "x-request-id": "a b<script>" }, body: JSON.stringify({ query: QUERY }) },
      LOOPBACK,
    );
    expect(refused.status).toBe(401);
    const id = refused.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const record = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.requestId === id);
    expect(record).toMatchObject({ status: 401, route: "/v1/search", principal: null });
    expect(requestId("x".repeat(129))).not.toBe("x".repeat(129));
  });

  it("logs each ingest file and job step without document text", async () => {
    lines.length = 0;
    const form = new FormData();
    form.append("file", new File(["# 보안\n\n비밀번호는 90일마다 바꿉니다.\n"], "security.md"));
    const upload = await app.request("/v1/documents", { method: "POST", headers: { authorization: `Bearer ${EDITOR}` }, body: form }, LOOPBACK);
    const { jobId } = (await upload.json()) as { jobId: string };
    await queue.idle();
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.find((entry) => entry.msg === "ingest file")).toMatchObject({ jobId, source: "security.md", action: "ingested" });
    expect(records.find((entry) => entry.msg === "ingest job")).toMatchObject({ jobId, status: "succeeded", files: 1 });
    expect(lines.join("\n")).not.toContain("비밀번호");
  });

  it("formats a line for a terminal", () => {
    const line = formatLine(JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 9, 5, 7, 12), msg: "request", status: 200, route: "/v1/search" }));
    expect(line).toBe("09:05:07.012 INFO  request status=200 route=/v1/search");
  });
});
