import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];
const MAX_UPLOAD = 64 * 1024;

function upload(files: Array<{ name: string; content: string | Uint8Array; type?: string }>, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const file of files) form.append("file", new File([file.content as BlobPart], file.name, { type: file.type ?? "application/octet-stream" }));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return app.request("/v1/documents", { method: "POST", body: form });
}

async function finishedJob(jobId: string) {
  await queue.idle();
  const response = await app.request(`/v1/jobs/${jobId}`);
  expect(response.status).toBe(200);
  return json(response);
}

// Response bodies are checked field by field below; `any` keeps those assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

function search(body: unknown) {
  return app.request("/v1/search", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-api-"));
  const config = loadConfig({}, { dataDir: root });
  jikji = await openJikji(config, { scanIndex: true });
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: MAX_UPLOAD }));
});

afterAll(async () => {
  await queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("HTTP API", () => {
  it("reports health", async () => {
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: "ok", store: "pglite", index: "embedded" });
  });

  it("ingests an upload as a job and makes it searchable, filtered by access group", async () => {
    const response = await upload(
      [
        { name: "규정.md", content: "# 보안 규정\n\n외부 저장 매체는 보안팀 승인 후에만 사용할 수 있습니다.\n" },
        { name: "../../etc/passwd.txt", content: "Visitors must sign in at the front desk.\n" },
      ],
      { collection: "policies", accessGroups: "security, staff" },
    );
    expect(response.status).toBe(202);
    const accepted = await json(response);
    expect(accepted.files).toEqual(["규정.md", "passwd.txt"]);
    expect(response.headers.get("location")).toBe(`/v1/jobs/${accepted.jobId}`);

    const job = await finishedJob(accepted.jobId);
    expect(job).toMatchObject({ status: "succeeded", counters: { filesTotal: 2, filesDone: 2, ingested: 2, failed: 0 } });
    // The client's file name never becomes a path: the bytes were staged in the store, and are gone once ingested.
    await expect(fs.stat(path.join(root, "..", "..", "etc", "passwd.txt"))).rejects.toThrow();
    expect(await jikji.store.stagedFileCount()).toBe(0);

    const member = await json(search({ query: "외부 저장 매체 사용", accessGroups: ["security"] }));
    expect(member.hits[0]).toMatchObject({ source: "규정.md", collection: "policies" });
    const outsider = await json(search({ query: "외부 저장 매체 사용", accessGroups: ["sales"] }));
    expect(outsider.hits).toEqual([]);
  });

  it("stores a decomposed Hangul file name (a Mac's NFD) composed, so the same name from elsewhere is the same document", async () => {
    const fromMac = "분기 보고서.md".normalize("NFD");
    const first = await upload([{ name: fromMac, content: "# 보고서\n\n1분기 매출은 10억 원이다.\n" }], { collection: "mac" });
    expect(first.status).toBe(202);
    const accepted = await json(first);
    expect(accepted.files).toEqual(["분기 보고서.md"]);
    await finishedJob(accepted.jobId);

    const fromWindows = await upload([{ name: "분기 보고서.md", content: "# 보고서\n\n1분기 매출은 12억 원이다.\n" }], { collection: "mac" });
    const job = await finishedJob((await json(fromWindows)).jobId);
    expect(job.counters).toMatchObject({ ingested: 1, failed: 0 });
    const list = await json(app.request("/v1/documents?collection=mac"));
    expect(list.documents.map((d: { source: string; version: number }) => [d.source, d.version])).toEqual([["분기 보고서.md", 2]]);

    // A right-to-left override would make the name read as another file's ("reportdm.pdf").
    const spoofed = await upload([{ name: "report\u202efdp.md", content: "# 보고서\n\n본문.\n" }], { collection: "mac" });
    expect((await json(spoofed)).files).toEqual(["reportfdp.md"]);
  });

  it("lists, shows and deletes documents", async () => {
    const list = await json(app.request("/v1/documents?collection=policies"));
    expect(list.documents.map((d: { source: string }) => d.source).sort()).toEqual(["passwd.txt", "규정.md"]);
    const target = list.documents.find((d: { source: string }) => d.source === "규정.md");
    const shown = await json(app.request(`/v1/documents/${target.id}`));
    expect(shown).toMatchObject({ id: target.id, status: "ready", accessGroups: ["security", "staff"], title: "보안 규정" });

    expect((await app.request(`/v1/documents/${target.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await app.request(`/v1/documents/${target.id}`)).status).toBe(404);
    const after = await json(search({ query: "외부 저장 매체" }));
    expect(after.hits.some((hit: { source: string }) => hit.source === "규정.md")).toBe(false);
  });

  it("records a broken file as a failed job entry without touching what is stored", async () => {
    const before = await json(search({ query: "front desk visitors" }));
    const response = await upload([{ name: "broken.pdf", content: "%PDF-1.7\n garbage that is not a pdf" }]);
    expect(response.status).toBe(202);
    const job = await finishedJob((await json(response)).jobId);
    expect(job.status).toBe("failed");
    expect(job.files[0]).toMatchObject({ source: "broken.pdf", action: "failed", code: "document_unreadable" });
    expect(job.files[0].error.length).toBeGreaterThan(5);
    const after = await json(search({ query: "front desk visitors" }));
    expect(after.hits.map((h: { chunkId: string }) => h.chunkId)).toEqual(before.hits.map((h: { chunkId: string }) => h.chunkId));
  });

  it("answers bad requests with 4xx and a JSON error naming the problem", async () => {
    const tooBig = await upload([{ name: "big.txt", content: "가".repeat(MAX_UPLOAD) }]);
    expect(tooBig.status).toBe(413);
    expect((await json(tooBig)).error.code).toBe("payload_too_large");

    const junk = await upload([{ name: "photo.jpg", content: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0, 0, 1, 2, 0, 0]) }]);
    expect(junk.status).toBe(415);
    expect((await json(junk)).error.code).toBe("unsupported_media_type");

    const notMultipart = await app.request("/v1/documents", { method: "POST", body: "x", headers: { "content-type": "text/plain" } });
    expect(notMultipart.status).toBe(415);

    const twice = await upload([
      { name: "a.md", content: "# A\n\n하나.\n" },
      { name: "a.md", content: "# B\n\n둘.\n" },
    ]);
    expect(twice.status).toBe(400);
    expect((await json(twice)).error.message).toMatch(/two files are named "a\.md"/);

    const noFile = await upload([]);
    expect(noFile.status).toBe(400);
    expect((await json(noFile)).error.message).toMatch(/file/);

    const emptyQuery = await search({ query: "   " });
    expect(emptyQuery.status).toBe(400);
    expect((await json(emptyQuery)).error.message).toMatch(/body\.query/);

    const badK = await search({ query: "x", k: 0 });
    expect((await json(badK)).error.message).toMatch(/body\.k/);

    const badJson = await app.request("/v1/search", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(badJson.status).toBe(400);

    expect((await app.request("/v1/documents/not-a-uuid")).status).toBe(400);
    expect((await app.request("/v1/jobs/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const unknown = await app.request("/v2/nothing");
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe("not_found");
  });

  it("serves the bilingual page with a strict content security policy", async () => {
    const page = await app.request("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await page.text()).toContain("직지");
  });
});
