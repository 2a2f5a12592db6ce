import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../src/access/keys.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { deleteDocument, ingestFile } from "../../src/ingest/ingest.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { handbookPdf } from "./fixtures.ts";

let root: string;
let jikji: Jikji;
let app: ReturnType<typeof createServerApp>["app"];
let queue: ReturnType<typeof createServerApp>["queue"];
let pdfId: string;
let pdfBytes: Uint8Array;
let mdId: string;
const keys: Record<string, string> = {};

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-workspace-routes-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
  const collectionId = await jikji.store.ensureCollection("default");
  pdfBytes = await handbookPdf();
  pdfId = (await ingestFile(jikji, { collectionId, collection: "default", source: "handbook.pdf", bytes: pdfBytes, accessGroups: ["hr"] })).documentId;
  mdId = (
    await ingestFile(jikji, {
      collectionId,
      collection: "default",
      source: "notes.md",
      bytes: new TextEncoder().encode("# 규정\n\n## 휴가\n\n연차 휴가는 15일입니다.\n\n## 출장\n\n출장비는 영수증으로 청구합니다."),
      accessGroups: ["hr"],
    })
  ).documentId;
  keys["hr-editor"] = (await createKey(jikji.accessStore, { name: "hr-editor", role: "editor", groups: ["hr"], collections: null, expiresInMs: null })).key;
  for (const [name, groups] of [["hr-reader", ["hr"]], ["finance-reader", ["finance"]]] as const) {
    keys[name] = (await createKey(jikji.accessStore, { name, role: "reader", groups: [...groups], collections: null, expiresInMs: null })).key;
  }
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 8 * 1024 * 1024 }));
}, 60_000);

afterAll(async () => {
  await queue?.idle();
  await jikji?.close();
  await fs.rm(root, { recursive: true, force: true });
});

const get = (url: string, key?: string) => app.request(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe("the source viewer's reads", () => {
  it("keeps each version's original bytes under the document id, never the file name", async () => {
    const kept = await fs.readdir(path.join(root, "originals", pdfId));
    expect(kept).toEqual([String((await jikji.store.getDocument(pdfId))!.version)]);
    expect(await fs.readdir(path.join(root, "originals"))).not.toContain("handbook.pdf");
  });

  it("serves the original PDF to a reader of its group, byte for byte, as inert data", async () => {
    const res = await get(`/v1/documents/${pdfId}/original`, keys["hr-reader"]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdfBytes);
  });

  it("answers 404 to a reader without access, the same as for a missing document, and 401 without a key", async () => {
    const hidden = await get(`/v1/documents/${pdfId}/original`, keys["finance-reader"]);
    expect(hidden.status).toBe(404);
    const missing = await get(`/v1/documents/00000000-0000-4000-8000-000000000000/original`, keys["finance-reader"]);
    expect(missing.status).toBe(404);
    type ErrorBody = { error: { code: string } };
    expect(((await hidden.json()) as ErrorBody).error.code).toBe(((await missing.json()) as ErrorBody).error.code);
    expect((await get(`/v1/documents/${pdfId}/chunks`, keys["finance-reader"])).status).toBe(404);
    expect((await get(`/v1/documents/${pdfId}/original`)).status).toBe(401);
  });

  it("serves a non-PDF original only as a download", async () => {
    const res = await get(`/v1/documents/${mdId}/original`, keys["hr-reader"]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe("attachment");
  });

  it("lists the published chunks in order with their pages and section paths", async () => {
    const res = await get(`/v1/documents/${mdId}/chunks`, keys["hr-reader"]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { document: unknown; chunks: Array<{ ordinal: number; text: string; section: string }> };
    expect(body.document).toMatchObject({ id: mdId, source: "notes.md", mediaType: "text/markdown" });
    const ordinals = body.chunks.map((chunk: { ordinal: number }) => chunk.ordinal);
    expect(ordinals).toEqual([...ordinals].sort((a, b) => a - b));
    expect(body.chunks.some((chunk: { text: string; section: string }) => chunk.text.includes("연차 휴가는 15일") && chunk.section.includes("휴가"))).toBe(true);
  });

  it("serves the workspace and pdf.js from jikji itself, under a CSP that allows nothing from outside", async () => {
    const page = await get("/workspace");
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:|'unsafe-eval'/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ["/workspace/app.js", "/workspace/viewer.js", "/workspace/i18n.js", "/workspace/app.css", "/workspace/vendor/pdf.min.mjs", "/workspace/vendor/pdf.worker.min.mjs"]) {
      const res = await get(asset);
      expect(res.status, asset).toBe(200);
      expect((await res.text()).length, asset).toBeGreaterThan(100);
    }
  });

  it("re-ingests from the kept original for an editor, as a job that publishes a new version; refuses a reader", async () => {
    const post = (key: string) => app.request(`/v1/documents/${pdfId}/reingest`, { method: "POST", headers: { authorization: `Bearer ${key}` } });
    expect((await post(keys["hr-reader"]!)).status).toBe(403);
    const before = (await jikji.store.getDocument(pdfId))!.version;
    const res = await post(keys["hr-editor"]!);
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    await queue.idle();
    const job = (await (await get(`/v1/jobs/${jobId}`, keys["hr-editor"])).json()) as { status: string; counters: { ingested: number } };
    expect(job.status).toBe("succeeded");
    expect(job.counters.ingested).toBe(1);
    const after = (await jikji.store.getDocument(pdfId))!;
    expect(after.version).toBeGreaterThan(before);
    expect(after.accessGroups).toEqual(["hr"]);
    expect(new Uint8Array((await jikji.originals.get(pdfId, after.version))!)).toEqual(pdfBytes);
  });

  it("gives a document ingested before originals were kept its original when its unchanged file is seen again", async () => {
    await fs.rm(path.join(root, "originals", pdfId), { recursive: true });
    expect((await get(`/v1/documents/${pdfId}/original`, keys["hr-reader"])).status).toBe(404);
    const collectionId = await jikji.store.ensureCollection("default");
    const again = await ingestFile(jikji, { collectionId, collection: "default", source: "handbook.pdf", bytes: pdfBytes, accessGroups: ["hr"] });
    expect(again.action).toBe("unchanged");
    const res = await get(`/v1/documents/${pdfId}/original`, keys["hr-reader"]);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdfBytes);
  });

  it("drops the originals when the document is deleted", async () => {
    expect(await deleteDocument(jikji, mdId)).toBe(true);
    await expect(fs.access(path.join(root, "originals", mdId))).rejects.toThrow();
  });
});
