import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createIngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

let root: string;
let jikji: Jikji;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-queue-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
});

afterAll(async () => {
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("upload queue after a restart", () => {
  it("runs again the jobs whose uploads were stored and fails the ones that never got their files", async () => {
    const uploadsDir = path.join(root, "uploads");
    await fs.mkdir(uploadsDir, { recursive: true });
    const collectionId = await jikji.store.ensureCollection("default");
    const stored = await jikji.store.createJob(collectionId, 1);
    await fs.writeFile(path.join(uploadsDir, `${stored.id}-0`), "# 재시작\n\n서버가 멈춘 뒤에도 올린 문서는 색인됩니다.\n");
    await jikji.store.setJobInputs(stored.id, [{ source: "restart.md", upload: `${stored.id}-0` }], []);
    const orphan = await jikji.store.createJob(collectionId, 1);

    const queue = createIngestQueue({ ...jikji, uploadsDir, maxFileBytes: 1024 * 1024 });
    expect(await queue.resumeUnfinished()).toBe(1);
    await queue.idle();

    expect(await jikji.store.getJob(stored.id)).toMatchObject({ status: "succeeded", counters: { ingested: 1 } });
    expect(await jikji.store.getJob(orphan.id)).toMatchObject({ status: "failed" });
    await expect(fs.stat(path.join(uploadsDir, `${stored.id}-0`))).rejects.toThrow();
    const { hits } = await jikji.search({ query: "서버가 멈춘 뒤 색인", k: 3, filter: {} });
    expect(hits[0]?.source).toBe("restart.md");
  });
});
