/**
 * A short soak over a real socket: queries (search and extractive ask), uploads and deletes at once against the
 * whole `serve` app. Asserts outcomes only (no failed request, every acknowledged upload searchable, every deleted
 * document gone), never timings; `bench/load.ts soak` runs the same driver for ten minutes at 100k chunks.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { listenOnLoopback, type Listening } from "../helpers/listen.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { DOCS_DIR, ingestAssistDocs } from "../fixtures/assist/corpus.ts";
import { soak } from "../helpers/soak.ts";

let root: string;
let jikji: Jikji;
let server: Listening | undefined;
let baseURL: string;

beforeAll(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), "jikji-soak-"));
  // Rate limits as in production would refuse a soak from one address; raised, not switched off.
  jikji = await openJikji(loadConfig({ JIKJI_RATE_LIMIT_PER_IP: "1000000" }, { dataDir: root }), { scanIndex: true });
  await ingestAssistDocs(jikji);
  const { app } = createServerApp(jikji);
  server = await listenOnLoopback(app.fetch);
  baseURL = server.base;
});

afterAll(async () => {
  await server?.close();
  await jikji.queue.idle();
  await jikji.close();
  await fsp.rm(root, { recursive: true, force: true });
});

describe("soak: queries, uploads and deletes at once", () => {
  it("fails no request, finds every acknowledged upload and none of the deleted ones", async () => {
    const filler = fs
      .readdirSync(DOCS_DIR)
      .flatMap((name) => fs.readFileSync(path.join(DOCS_DIR, name), "utf8").split(/\n+/))
      .map((line) => line.replace(/^#+\s*/, "").trim())
      .filter((line) => line.length > 20);
    const questions = [
      "환불은 며칠 안에 받을 수 있나요?",
      "How long does shipping take?",
      "요금제를 바꾸면 언제부터 적용되나요?",
      "How do I reset my account password?",
      "서비스 장애 보상은 어떻게 되나요?",
      "Can I get a refund after 14 days?",
    ];
    const report = await soak({
      baseURL,
      durationMs: 8_000,
      queryClients: 4,
      questions,
      filler,
      collection: "soak",
      deleteEveryMs: 300,
      minUploads: 6,
      minDeletes: 2,
    });
    expect(report.errors).toEqual([]);
    expect(report.unsearchable).toEqual([]);
    expect(report.notGone).toEqual([]);
    expect(report.uploads.length).toBeGreaterThanOrEqual(6);
    expect(report.uploads.every((upload) => upload.jobStatus === "succeeded")).toBe(true);
    expect(report.deletes).toBeGreaterThanOrEqual(2);
    expect(report.searches).toBeGreaterThan(0);
    expect(report.asks).toBeGreaterThan(0);
  }, 180_000);
});
