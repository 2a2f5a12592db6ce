import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQdrantDouble, type QdrantDouble } from "../fakes/qdrant-double.ts";
import { cli } from "../helpers/cli.ts";

let root: string;
let docs: string;
let qaFile: string;

const DOCUMENTS: Record<string, string> = {
  "hr/leave.md": "# 휴가 규정\n\n연차 휴가는 입사일로부터 1년이 지나면 15일이 주어집니다. 신청은 인사 시스템에서 합니다.\n",
  "hr/sick.md": "# 병가\n\n병가는 진단서를 제출하면 연간 30일까지 쓸 수 있습니다.\n",
  "security.txt": "Security policy\n\nLaptops must use full-disk encryption. Passwords are rotated every 90 days.\n",
  "rooms.txt": "회의실 예약\n\n회의실 예약은 사내 포털에서 신청합니다. 대회의실은 20명까지 들어갑니다.\n",
};

const QUESTIONS = [
  { question: "연차 휴가는 며칠인가요?", relevant: ["leave.md"] },
  { question: "병가를 쓰려면 무엇을 제출해야 하나요?", relevant: ["sick.md"] },
  { question: "How often are passwords rotated?", relevant: ["security.txt"] },
  { question: "회의실은 어디서 예약하나요?", relevant: ["rooms.txt"] },
  { question: "zebra", relevant: ["rooms.txt"] },
];

const KEYS = ["latencyMs", "mrr@10", "questions", "recall@1", "recall@10", "recall@3", "recall@5"];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-eval-"));
  docs = path.join(root, "docs");
  for (const [name, text] of Object.entries(DOCUMENTS)) {
    await fs.mkdir(path.dirname(path.join(docs, name)), { recursive: true });
    await fs.writeFile(path.join(docs, name), text);
  }
  qaFile = path.join(root, "qa.jsonl");
  await fs.writeFile(qaFile, QUESTIONS.map((item) => JSON.stringify(item)).join("\n") + "\n");
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function ingestAndEval(dataDir: string, env: Record<string, string> = {}) {
  const ingested = await cli(["ingest", docs, "--json", "--data-dir", dataDir], env);
  expect(ingested.code).toBe(0);
  const result = await cli(["eval", "--qa", qaFile, "--json", "--data-dir", dataDir], env);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown> & { latencyMs: { p50: number; p95: number } };
}

function expectFourOfFiveFirst(report: Awaited<ReturnType<typeof ingestAndEval>>): void {
  expect(Object.keys(report).sort()).toEqual(KEYS);
  expect(Object.keys(report.latencyMs).sort()).toEqual(["p50", "p95"]);
  // Four questions find their document first; "zebra" matches nothing anywhere.
  expect(report).toMatchObject({ questions: 5, "recall@1": 0.8, "recall@10": 0.8, "mrr@10": 0.8 });
  expect(report.latencyMs.p50).toBeGreaterThan(0);
  expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50);
}

describe("jikji eval", () => {
  it("reports document-level recall, MRR and latency on the embedded default", async () => {
    expectFourOfFiveFirst(await ingestAndEval(path.join(root, "embedded")));
  });

  describe("on the Qdrant adapter through the contract double", () => {
    let double: QdrantDouble;
    beforeAll(async () => {
      double = await startQdrantDouble();
    });
    afterAll(() => double.close());

    it("gives the same figures", async () => {
      expectFourOfFiveFirst(await ingestAndEval(path.join(root, "qdrant"), { QDRANT_URL: double.url }));
      expect(double.violations).toEqual([]);
    });
  });

  it("prints a readable summary without --json", async () => {
    const dataDir = path.join(root, "embedded");
    const result = await cli(["eval", "--qa", qaFile, "--k", "3", "--data-dir", dataDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^5 questions\nRecall@1  80\.0%\n/);
    expect(result.stdout).toMatch(/MRR@10    0\.8000/);
  });

  it("rejects a bad JSONL line with its line number and exit code 2", async () => {
    const bad = path.join(root, "bad.jsonl");
    await fs.writeFile(bad, `${JSON.stringify(QUESTIONS[0])}\n\n{"question": "연차", "relevant": "leave.md"}\n`);
    const result = await cli(["eval", "--qa", bad, "--data-dir", path.join(root, "embedded")]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("line 3:");
    expect(result.stderr).toContain('"relevant"');
  });

  it("rejects a missing --qa, a bad --k and an unreadable file with exit code 2", async () => {
    const dataDir = path.join(root, "embedded");
    const missing = await cli(["eval", "--data-dir", dataDir]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("--qa")]);
    const badK = await cli(["eval", "--qa", qaFile, "--k", "0", "--data-dir", dataDir]);
    expect([badK.code, badK.stderr]).toEqual([2, expect.stringContaining("--k")]);
    const absent = await cli(["eval", "--qa", path.join(root, "absent.jsonl"), "--data-dir", dataDir]);
    expect([absent.code, absent.stderr]).toEqual([2, expect.stringContaining("cannot read")]);
  });
});
