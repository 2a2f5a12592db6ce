import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openJikji } from "../../src/runtime.ts";
import { DOCS_DIR, TRANSCRIPTS_DIR } from "../fixtures/assist/corpus.ts";
import { cli } from "../helpers/cli.ts";

let root: string;
let dataDir: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-assist-cli-"));
  dataDir = path.join(root, "data");
  const ingested = await cli(["ingest", DOCS_DIR, "--collection", "support", "--data-dir", dataDir, "--json"]);
  expect(ingested.code).toBe(0);
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("jikji assist", () => {
  it("replays a recorded call with per-turn latency and whether each expectation was met", async () => {
    const transcript = path.join(TRANSCRIPTS_DIR, "ko-02.jsonl");
    const result = await cli(["assist", "replay", transcript, "--collection", "support", "--data-dir", dataDir, "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.turns).toHaveLength(4);
    for (const turn of report.turns) expect(turn.latencyMs).toBeGreaterThanOrEqual(0);
    // "어 그 삼만 원 넘으면 배송비 무료인가요" → the free-shipping sentence; "네 알겠습니다 감사합니다" → silence.
    expect(report.turns[1]).toMatchObject({ expected: "30,000원 이상이면 배송비가 무료", met: true });
    expect(report.turns[3]).toMatchObject({ expected: null, met: true, suggestions: [] });
    expect(report.summary.scores[0]).toMatchObject({ language: "ko", answerTurns: 2, silenceTurns: 2 });

    const text = await cli(["assist", "replay", transcript, "--collection", "support", "--data-dir", dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/✓\s+2 customer final .* ms/);
    expect(text.stdout).toContain("→ 주문 금액이 30,000원 이상이면 배송비가 무료입니다.");
    expect(text.stdout).toMatch(/final customer turns: p50 [\d.]+ ms, p95 [\d.]+ ms/);
  });

  it("summarises feedback per collection", async () => {
    const jikji = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false });
    try {
      const [session] = await Promise.all([jikji.store.createAssistSession({ collection: "support", accessGroups: null, language: "ko", principal: "cli" })]);
      const turn = await jikji.store.recordAssistTurn(session!.id, { speaker: "customer", text: "배송비", final: true });
      const document = (await jikji.store.listDocuments({ limit: 100, offset: 0 })).find((d) => d.source === "배송-안내.md")!;
      const suggestion = await jikji.store.addAssistSuggestion({
        sessionId: session!.id,
        turnId: turn.id,
        kind: "answer",
        mode: "extractive",
        text: "30,000원 미만 주문의 배송비는 3,000원입니다.",
        citations: [{ documentId: document.id, source: document.source, title: null, page: null, section: null, chunkId: "c1", quote: "q", verified: true }],
        confidence: 0.7,
        query: "배송비",
        queryTerms: ["배송", "송비"],
      });
      for (const event of ["displayed", "not_helpful"] as const) {
        await jikji.store.addAssistFeedback({ sessionId: session!.id, suggestion, event, comment: null });
      }
    } finally {
      await jikji.close();
    }
    const result = await cli(["assist", "feedback", "--collection", "support", "--data-dir", dataDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("support:");
    expect(result.stdout).toContain("displayed→clicked 0% (0/1)");
    expect(result.stdout).toContain("not helpful ×1: 배송-안내.md");
  });

  it("refuses a malformed transcript with the line and field", async () => {
    const bad = path.join(root, "bad.jsonl");
    await fs.writeFile(bad, '{"speaker":"customer","text":"배송비","final":true}\n{"speaker":"robot","text":"x","final":true}\n');
    const result = await cli(["assist", "replay", bad, "--data-dir", dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("bad.jsonl:2: speaker");
    // A final turn with only spaces is refused where it stands, before anything is replayed (the API refuses it too).
    const blank = path.join(root, "blank.jsonl");
    await fs.writeFile(blank, '{"speaker":"customer","text":"배송비","final":true}\n{"speaker":"customer","text":"  ","final":true}\n');
    const blankResult = await cli(["assist", "replay", blank, "--data-dir", dataDir]);
    expect(blankResult.code).toBe(1);
    expect(blankResult.stderr).toContain("blank.jsonl:2: text: a final turn must not be empty");
    const missing = await cli(["assist", "replay", "--data-dir", dataDir]);
    expect(missing.code).toBe(2);
  });
});
