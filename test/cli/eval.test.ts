import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";
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

const KEYS = ["granularity", "latencyMs", "mrr@10", "questions", "recall@1", "recall@10", "recall@3", "recall@5"];

/** Three pages, each about one thing, so a page-level ranking can be right or wrong where a document-level one cannot. */
const PAGES = [
  "Chapter 1. Installing the archiver. Copy the program to a folder on your path and run it once.",
  "Chapter 2. Block size. The default block size is 900 kilobytes. Smaller blocks use less memory when compressing.",
  "Chapter 3. Recovering damaged files. The recovery tool extracts the intact blocks into separate files.",
];

async function writeManual(file: string): Promise<void> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of PAGES) {
    const page = pdf.addPage([595, 842]);
    const words = text.split(" ");
    for (let line = 0; line * 8 < words.length; line++) {
      page.drawText(words.slice(line * 8, line * 8 + 8).join(" "), { x: 50, y: 780 - line * 18, size: 12, font });
    }
  }
  await fs.writeFile(file, await pdf.save());
}

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
  expect(ingested.code, ingested.stdout + ingested.stderr).toBe(0);
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
    expect(result.stdout).toMatch(/^5 questions \(document level\)\nRecall@1  80\.0%\n/);
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

  describe("at page level", () => {
    let pageRoot: string;
    let dataDir: string;
    let pageQa: string;
    let llm: FakeOpenAIServer;

    beforeAll(async () => {
      pageRoot = path.join(root, "pages");
      await fs.mkdir(path.join(pageRoot, "docs"), { recursive: true });
      await writeManual(path.join(pageRoot, "docs", "archiver.pdf"));
      dataDir = path.join(pageRoot, "data");
      const ingested = await cli(["ingest", path.join(pageRoot, "docs"), "--json", "--data-dir", dataDir]);
      expect(ingested.code, ingested.stdout + ingested.stderr).toBe(0);
      pageQa = path.join(pageRoot, "qa.jsonl");
      const lines = [
        // Right page, both shapes.
        { question: "What block size is used by default?", relevant: ["archiver.pdf#2"], answer: "900 kilobytes", split: "tune" },
        { question: "How do I get back the intact blocks of a damaged file?", relevant: [{ source: "archiver.pdf", page: 3 }], answer: "intact blocks", split: "heldout" },
        // The right document but the wrong page: counts at document level, misses at page level.
        { question: "How do I install the archiver program?", relevant: ["archiver.pdf#3"], split: "heldout" },
      ];
      await fs.writeFile(pageQa, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
      llm = await startFakeOpenAIServer();
    });
    afterAll(() => llm.close());

    it("ranks (document, page) pairs and says so", async () => {
      const result = await cli(["eval", "--qa", pageQa, "--json", "--data-dir", dataDir]);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      const report = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(Object.keys(report).sort()).toEqual(KEYS);
      // The third question's document ranks first, but its named page (3) is not the install page (1).
      expect(report).toMatchObject({ questions: 3, granularity: "page", "recall@1": 0.6667 });
    });

    it("selects one split", async () => {
      const result = await cli(["eval", "--qa", pageQa, "--split", "tune", "--json", "--data-dir", dataDir]);
      expect(JSON.parse(result.stdout)).toMatchObject({ questions: 1, "recall@1": 1 });
      const unknown = await cli(["eval", "--qa", pageQa, "--split", "dev", "--data-dir", dataDir]);
      expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining("splits: tune, heldout")]);
    });

    it("reports the share of extractive answers containing the key phrase, and generative ones with a model", async () => {
      const extractiveOnly = await cli(["eval", "--qa", pageQa, "--answers", "--json", "--data-dir", dataDir]);
      expect(extractiveOnly.code).toBe(0);
      const report = JSON.parse(extractiveOnly.stdout);
      expect(report.answerContains).toEqual({ questions: 2, extractive: 1, generative: null });
      // Where the quotes come from (one document is ingested, so none is from another) and how many each answer has.
      expect(report.answerQuotes).toEqual({
        extractive: {
          answered: 2,
          quotes: 3,
          offDocument: 0,
          offDocumentShare: 0,
          answersOffDocument: 0,
          answersOffDocumentShare: 0,
          firstOffDocument: 0,
          paddedOffDocument: 0,
          byCitations: { "1": 1, "2": 1 },
        },
        generative: null,
      });

      // The model cites a passage for the first question and says something else for the second.
      llm.chat = [
        { kind: "answer", content: "By default blocks are 900 KILOBYTES [1]." },
        { kind: "answer", content: "Run the recovery tool [1]." },
      ];
      const env = { JIKJI_LLM_BASE_URL: llm.baseURL, JIKJI_LLM_MODEL: "exaone" };
      const withModel = await cli(["eval", "--qa", pageQa, "--answers", "--data-dir", dataDir], env);
      expect(withModel.stderr).toBe("");
      expect(withModel.stdout).toMatch(/^3 questions \(page level\)\n/);
      expect(withModel.stdout).toContain("Answers containing the key phrase (2 questions): extractive 100.0%, generative 50.0%");
      expect(withModel.stdout).toContain("Quotes from a document the question does not name (extractive): 0 of 3 (0.0%); answers with one: 0 of 2\n");
      expect(withModel.stdout).toContain("Quotes from a document the question does not name (generative): 0 of 2 (0.0%); answers with one: 0 of 2\n");
      expect(llm.chatRequests()).toHaveLength(2);
    });

    it("rejects --answers without key phrases and a bad page with its line number", async () => {
      const noAnswers = await cli(["eval", "--qa", qaFile, "--answers", "--data-dir", dataDir]);
      expect([noAnswers.code, noAnswers.stderr]).toEqual([2, expect.stringContaining('"answer" key phrase')]);
      const bad = path.join(pageRoot, "bad.jsonl");
      await fs.writeFile(bad, `{"question":"q","relevant":["archiver.pdf#2"]}\n{"question":"q","relevant":[{"source":"archiver.pdf","page":0}]}\n`);
      const result = await cli(["eval", "--qa", bad, "--data-dir", dataDir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("line 2:");
      expect(result.stderr).toContain('"relevant"[0].page must be a whole number from 1');
    });
  });
});
