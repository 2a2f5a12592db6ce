import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "../../src/access/audit.ts";
import { createKey } from "../../src/access/keys.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];
let admin: string;
let reader: string;

interface Entry {
  actor: string | null;
  method: string;
  route: string;
  status: number;
  outcome: string;
  query: string | null;
  documentIds: string[];
  chunkIds: string[];
  detail: Record<string, unknown>;
}

async function entries(): Promise<Entry[]> {
  const response = await app.request("/v1/audit", { headers: { authorization: `Bearer ${admin}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: Entry[] }).entries;
}

const json = (key: string | null) => ({ "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) });

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-audit-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
  const collectionId = await jikji.store.ensureCollection("default");
  await ingestFile(jikji, { collectionId, collection: "default", source: "leave.md", bytes: new TextEncoder().encode("# 연차\n\n연차 휴가는 15일입니다."), accessGroups: ["hr"] });
  admin = (await createKey(jikji.accessStore, { name: "ops", role: "admin", groups: null, collections: null, expiresInMs: null })).key;
  reader = (await createKey(jikji.accessStore, { name: "hr-portal", role: "reader", groups: ["hr"], collections: null, expiresInMs: null })).key;
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
});

afterAll(async () => {
  await queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("audit log", () => {
  it("records who searched for what and which documents and chunks came back", async () => {
    const response = await app.request("/v1/search", { method: "POST", headers: json(reader), body: JSON.stringify({ query: "연차 휴가" }) });
    const hits = ((await response.json()) as { hits: Array<{ documentId: string; chunkId: string }> }).hits;
    expect(hits.length).toBeGreaterThan(0);
    const row = (await entries()).find((entry) => entry.route === "/v1/search")!;
    expect(row).toMatchObject({ actor: "hr-portal", method: "POST", status: 200, outcome: "ok", query: "연차 휴가" });
    expect(row.documentIds).toEqual([hits[0]!.documentId]);
    expect(row.chunkIds).toEqual(hits.map((hit) => hit.chunkId));
  });

  it("records a streamed answer's citations once the stream ends", async () => {
    const response = await app.request("/v1/ask", { method: "POST", headers: json(reader), body: JSON.stringify({ question: "연차 휴가는 며칠인가요?", stream: true }) });
    await response.text();
    const row = (await entries()).find((entry) => entry.route === "/v1/ask")!;
    expect(row).toMatchObject({ actor: "hr-portal", outcome: "ok", query: "연차 휴가는 며칠인가요?" });
    expect(row.chunkIds.length).toBeGreaterThan(0);
  });

  it("records refusals: 401 without a key, 403 for a reader's upload, and key changes", async () => {
    await app.request("/v1/search", { method: "POST", headers: json("jk_not-a-real-key"), body: JSON.stringify({ query: "q" }) });
    const form = new FormData();
    form.append("file", new File(["# x\n\ny"], "x.md"));
    await app.request("/v1/documents", { method: "POST", headers: { authorization: `Bearer ${reader}` }, body: form });
    await app.request("/v1/keys", { method: "POST", headers: json(admin), body: JSON.stringify({ name: "new", role: "reader", groups: ["hr"] }) });
    await app.request("http://x/v1/search", { method: "POST", headers: { ...json(reader), host: "attacker.example" }, body: "{}" });
    const rows = await entries();
    expect(rows.find((entry) => entry.status === 403 && entry.route === "/v1/search")).toMatchObject({ outcome: "forbidden" });
    expect(rows.find((entry) => entry.outcome === "unauthorized")).toMatchObject({ actor: null, status: 401, route: "/v1/search" });
    expect(rows.find((entry) => entry.route === "/v1/documents" && entry.method === "POST")).toMatchObject({ actor: "hr-portal", status: 403, outcome: "forbidden" });
    const created = rows.find((entry) => entry.route === "/v1/keys" && entry.method === "POST")!;
    expect(created.detail).toMatchObject({ keyCreated: { name: "new", role: "reader" } });
    expect(JSON.stringify(rows)).not.toMatch(/jk_[A-Za-z0-9_-]{43}/);
  });

  it("is read by admins through jikji audit, filtered by key", async () => {
    await jikji.audit.flush();
    // The CLI opens the same data directory, so the server side lets go of it first.
    await queue.idle();
    await jikji.close();
    const result = await cli(["audit", "--json", "--key", "hr-portal", "--since", "1h", "--data-dir", root]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as Entry);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.every((line) => line.actor === "hr-portal")).toBe(true);
    const text = await cli(["audit", "--data-dir", root]);
    expect(text.stdout).toMatch(/hr-portal\s+POST\s+\/v1\/search/);
    // A day the store cannot compare (a duration reaching before year 1, an extended year) is a usage error.
    for (const since of ["999999d", "+275000-01-01"]) {
      const far = await cli(["audit", "--since", since, "--data-dir", root]);
      expect(far.code, since).toBe(2);
      expect(far.stderr, since).toMatch(/--since must be a date/);
    }
    jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
    ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
  });

  it("answers a 'since' the store cannot compare with 400 naming it, not a 500", async () => {
    for (const since of ["-200000-01-01", "+275000-01-01", "2026-02-30", "2026-13-01T00:00:00Z", "", "2026-01-01x"]) {
      const response = await app.request(`/v1/audit?since=${encodeURIComponent(since)}`, { headers: json(admin) });
      expect(response.status, since).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message, since).toMatch(/query\.since: must be an ISO date or time between the years 1 and 9999/);
    }
  });

  it("keeps writing rows after one whose text holds a NUL character (the store refuses NUL in text)", async () => {
    const log = createAuditLog(jikji.accessStore, { hashQueries: false, retentionDays: 30 });
    log.record({ principal: null, clientAddress: null, method: "POST", route: "/v1/search\u0000", status: 400, query: "휴\u0000가", detail: { name: "a\u0000b", nested: ["\u0000"] } });
    log.record({ principal: null, clientAddress: null, method: "POST", route: "/v1/search", status: 200, query: "after-the-nul-row" });
    await log.close();
    const rows = await jikji.accessStore.readAudit({ limit: 10 });
    expect(rows.map((row) => row.query)).toContain("after-the-nul-row");
    const nul = rows.find((row) => row.query?.startsWith("휴"));
    expect(nul?.query).toBe("휴\ufffd가");
    expect(nul?.detail).toEqual({ name: "a\ufffdb", nested: ["\ufffd"] });
  });

  it("hashes query text when told to, and prunes rows past the retention", async () => {
    const log = createAuditLog(jikji.accessStore, { hashQueries: true, retentionDays: 30 });
    log.record({ principal: null, clientAddress: null, method: "POST", route: "/v1/search", status: 200, query: "주민등록번호 조회" });
    await log.close();
    const rows = await jikji.accessStore.readAudit({ limit: 1 });
    expect(rows[0]!.query).toMatch(/^sha256:[0-9a-f]{64}$/);
    await jikji.accessStore.insertAudit([{ id: crypto.randomUUID(), at: new Date(Date.now() - 40 * 86_400_000), method: "GET", route: "/old", status: 200, outcome: "ok" }]);
    const pruner = createAuditLog(jikji.accessStore, { hashQueries: false, retentionDays: 30 });
    await pruner.close();
    expect((await jikji.accessStore.readAudit({ limit: 10_000 })).some((row) => row.route === "/old")).toBe(false);
  });
});
