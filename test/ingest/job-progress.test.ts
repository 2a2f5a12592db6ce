import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { inProcessParser, type DocumentParser } from "../../src/ingest/parser.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];
let release: () => void;

/** The real parser, held at the job's second file until the test has looked at the job: a gate, not a fake. */
function gatedParser(): DocumentParser {
  const real = inProcessParser({});
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    async parse(bytes, fileName, extra) {
      if (fileName === "second.md") await gate;
      return real.parse(bytes, fileName, extra);
    },
    close: () => real.close(),
  };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-jobs-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: true });
  ({ app, queue } = createServerApp(jikji, { parser: gatedParser(), maxUploadBytes: 1024 * 1024 }));
});

afterAll(async () => {
  release();
  await queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

async function job(id: string) {
  const response = await app.request(`/v1/jobs/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; counters: { filesTotal: number; filesDone: number; chunks: number } };
}

describe("GET /v1/jobs/:id during a job", () => {
  it("shows the counters moving while files are still being ingested", async () => {
    const form = new FormData();
    form.append("file", new File(["# 첫째\n\n첫 번째 문서의 본문입니다. 두 문장입니다."], "first.md"));
    form.append("file", new File(["# 둘째\n\n두 번째 문서입니다."], "second.md"));
    form.append("file", new File(["Third document."], "third.txt"));
    const accepted = await app.request("/v1/documents", { method: "POST", body: form });
    expect(accepted.status).toBe(202);
    const { jobId } = (await accepted.json()) as { jobId: string };

    let during = await job(jobId);
    while (during.counters.filesDone < 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      during = await job(jobId);
    }
    expect(during.status).toBe("running");
    expect(during.counters).toMatchObject({ filesTotal: 3, filesDone: 1, ingested: 1, failed: 0 });
    expect(during.counters.chunks).toBeGreaterThan(0);

    release();
    await queue.idle();
    const after = await job(jobId);
    expect(after.status).toBe("succeeded");
    expect(after.counters).toMatchObject({ filesTotal: 3, filesDone: 3, ingested: 3 });
    expect(after.counters.chunks).toBeGreaterThan(during.counters.chunks);
  });

  it("opens an encrypted PDF with the upload's pdfPassword field", async () => {
    const pdf = await fs.readFile(new URL("../fixtures/hostile/encrypted.pdf", import.meta.url));
    const upload = async (password?: string) => {
      const form = new FormData();
      form.append("file", new File([pdf], "encrypted.pdf"));
      if (password !== undefined) form.append("pdfPassword", password);
      const accepted = await app.request("/v1/documents", { method: "POST", body: form });
      expect(accepted.status).toBe(202);
      await queue.idle();
      const response = await app.request(`/v1/jobs/${((await accepted.json()) as { jobId: string }).jobId}`);
      return (await response.json()) as { status: string; files: Array<{ action: string; error?: string }> };
    };
    const without = await upload();
    expect(without.files[0]!.error).toMatch(/encrypted\.pdf is encrypted \(password-protected\)/);
    expect((await upload("secret")).files[0]!.action).toBe("ingested");
  });
});
