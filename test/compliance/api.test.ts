import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";

const ADMIN = "admin-token-0123456789abcdef";
const HR = "hr-reader-token-0123456789ab";
const FINANCE = "finance-reader-token-012345";

const RULES_2024 = [
  "# 취업규칙",
  "제1조(목적) 이 규칙은 직원의 근로조건을 정함을 목적으로 한다.",
  "제5조(휴가의 신청) 휴가는 사용일 3일 전까지 부서장에게 신청한다.",
  "제12조(연차휴가) ① 1년간 80퍼센트 이상 출근한 직원에게 15일의 유급휴가를 준다.",
  "② 제1항의 휴가는 제5조에 따라 신청한다.",
  "부칙",
  "이 규칙은 2024년 1월 1일부터 시행한다.",
].join("\n\n");
const RULES_2025 = RULES_2024.replace("15일의 유급휴가", "16일의 유급휴가").replace("2024년 1월 1일", "2025년 3월 1일");

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let llm: FakeOpenAIServer;
let app: ReturnType<typeof createServerApp>["app"];
let rulesId: string;

function post(url: string, body: unknown, token = ADMIN) {
  return app.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

function get(url: string, token = ADMIN) {
  return app.request(url, { headers: { authorization: `Bearer ${token}` } });
}

interface StrictBody {
  answer: string;
  strict: boolean;
  withheld: number;
  citations: Array<{ ref: number; clause: string | null; quote: string; documentId: string }>;
  quotes: Array<{ quote: string; start: number; end: number; documentId: string; version: number; clause: string | null }>;
  related: Array<{ reference: string; clause: string | null }>;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-compliance-api-"));
  llm = await startFakeOpenAIServer();
  const config = loadConfig(
    {
      JIKJI_API_TOKENS: JSON.stringify({
        [ADMIN]: { name: "ops", admin: true },
        [HR]: { name: "hr-portal", groups: ["hr"] },
        [FINANCE]: { name: "finance", groups: ["finance"] },
      }),
      JIKJI_LLM_BASE_URL: llm.baseURL,
      JIKJI_LLM_MODEL: "exaone-double",
    },
    { dataDir: root },
  );
  jikji = await openJikji(config, { scanIndex: false });
  const collectionId = await jikji.store.ensureCollection("규정");
  await jikji.store.updateCollectionSettings(collectionId, { keepHistory: true });
  const add = (text: string) =>
    ingestFile(jikji, { collectionId, collection: "규정", source: "취업규칙.md", bytes: new TextEncoder().encode(text), accessGroups: ["hr"] });
  await add(RULES_2024);
  rulesId = (await add(RULES_2025)).documentId;
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
});

afterAll(async () => {
  await queue.idle();
  await jikji.close();
  await llm.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("strict answers over HTTP", () => {
  it("withholds the invented sentence, keeps the quoted one, and returns checkable offsets and related clauses", async () => {
    llm.chat.push({
      kind: "answer",
      content:
        "1년간 80퍼센트 이상 출근한 직원에게 16일의 유급휴가를 준다 [1]. 연차휴가는 매년 12월에 현금으로 정산됩니다 [1]. 직원은 휴가를 충분히 누릴 수 있습니다.",
    });
    const response = await post("/v1/ask", { question: "제12조 1항에 따른 연차휴가는 며칠인가요?", collection: "규정", strict: true }, HR);
    expect(response.status).toBe(200);
    const body = (await response.json()) as StrictBody;
    expect(body.strict).toBe(true);
    expect(body.withheld).toBe(2);
    expect(body.answer).toBe("1년간 80퍼센트 이상 출근한 직원에게 16일의 유급휴가를 준다. [1]");
    expect(body.citations.map((citation) => citation.clause)).toEqual(["제12조(연차휴가) 제1항"]);

    const [quote] = body.quotes;
    const span = await get(`/v1/documents/${quote!.documentId}/text?start=${quote!.start}&end=${quote!.end}&context=40`, HR);
    expect(span.status).toBe(200);
    const spanBody = (await span.json()) as { text: string; before: string; clauses: string[]; version: number };
    expect(spanBody.text.replace(/\s+/g, " ")).toBe(quote!.quote.replace(/\s+/g, " "));
    expect(spanBody.before).toContain("제12조(연차휴가)");
    expect(spanBody.clauses).toEqual(["제12조(연차휴가) 제1항"]);
    expect(spanBody.version).toBe(quote!.version);
  });

  it("resolves a cited clause's cross-reference to the clause it names", async () => {
    llm.chat.push({ kind: "answer", content: "제1항의 휴가는 제5조에 따라 신청한다 [1]." });
    const body = (await (await post("/v1/ask", { question: "제12조 2항은 무엇을 정하나요?", collection: "규정", strict: true }, HR)).json()) as StrictBody;
    expect(body.withheld).toBe(0);
    expect(body.related.map((clause) => [clause.reference, clause.clause])).toContainEqual(["제5조", "제5조(휴가의 신청)"]);
  });

  it("says 'not in the documents' for a clause that does not exist, without asking the model", async () => {
    const before = llm.chatRequests().length;
    const body = (await (await post("/v1/ask", { question: "제40조 3항은 무엇을 정하나요?", collection: "규정", strict: true }, HR)).json()) as StrictBody;
    expect(body.answer).toBe("문서에서 답을 찾을 수 없습니다.");
    expect(body.citations).toEqual([]);
    expect(llm.chatRequests().length).toBe(before);
  });

  it("answers from the version in force on the day asked about", async () => {
    llm.chat.push({ kind: "answer", content: "1년간 80퍼센트 이상 출근한 직원에게 15일의 유급휴가를 준다 [1]." });
    const old = (await (await post("/v1/ask", { question: "제12조 1항 연차휴가", collection: "규정", strict: true, asOf: "2024-06-01" }, HR)).json()) as StrictBody;
    expect(old.answer).toContain("15일");
    expect(old.quotes[0]!.version).toBe(1);
    const search = (await (await post("/v1/search", { query: "제12조 1항", asOf: "2025-03-01" }, HR)).json()) as {
      hits: Array<{ text: string; clause: string | null; version: number }>;
    };
    expect(search.hits[0]).toMatchObject({ clause: "제12조(연차휴가) 제1항", version: 2 });
    expect(search.hits[0]!.text).toContain("16일");
  });

  it("is strict on the OpenAI-compatible chat route too, by the collection's default", async () => {
    const collectionId = await jikji.store.findCollection("규정");
    await jikji.store.updateCollectionSettings(collectionId!, { strict: true });
    try {
      // Without markers: each sentence is checked against every passage the model was shown.
      llm.chat.push({ kind: "answer", content: "휴가는 사용일 3일 전까지 부서장에게 신청한다. 신청은 메신저로도 됩니다." });
      const response = await post("/v1/chat/completions", { messages: [{ role: "user", content: "휴가는 언제까지 부서장에게 신청하나요?" }], collection: "규정" }, HR);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { choices: Array<{ message: { content: string } }>; jikji: { strict: boolean; withheld: number } };
      expect(body.choices[0]!.message.content).toMatch(/^휴가는 사용일 3일 전까지 부서장에게 신청한다\. \[\d\]$/u);
      expect(body.jikji).toMatchObject({ strict: true, withheld: 1 });
    } finally {
      await jikji.store.updateCollectionSettings(collectionId!, { strict: false });
    }
  });

  it("rejects a malformed asOf naming the field", async () => {
    const response = await post("/v1/ask", { question: "연차", asOf: "2025-02-30" });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("asOf");
  });
});

describe("document versions and spans", () => {
  it("lists the versions with their effective dates", async () => {
    const response = await get(`/v1/documents/${rulesId}/versions`, HR);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { versions: Array<{ version: number; effectiveFrom: string | null; effectiveTo: string | null; current: boolean }> };
    expect(body.versions.map((row) => [row.version, row.effectiveFrom, row.effectiveTo, row.current])).toEqual([
      [1, "2024-01-01", "2025-03-01", false],
      [2, "2025-03-01", null, true],
    ]);
  });

  it("serves a span only to callers who may read the document, and validates the range", async () => {
    expect((await get(`/v1/documents/${rulesId}/text?start=0&end=10`, HR)).status).toBe(200);
    expect((await get(`/v1/documents/${rulesId}/text?start=0&end=10&version=1`, HR)).status).toBe(200);
    // Another group's reader learns nothing, not even that the document exists.
    expect((await get(`/v1/documents/${rulesId}/text?start=0&end=10`, FINANCE)).status).toBe(404);
    expect((await get(`/v1/documents/${rulesId}/versions`, FINANCE)).status).toBe(404);
    expect((await get(`/v1/documents/00000000-0000-4000-8000-000000000000/text?start=0&end=10`)).status).toBe(404);
    expect((await get(`/v1/documents/${rulesId}/text?start=0&end=10&version=9`)).status).toBe(404);
    for (const range of ["start=5&end=5", "start=0&end=999999", "start=-1&end=3", "start=a&end=3", "end=3"]) {
      const response = await get(`/v1/documents/${rulesId}/text?${range}`);
      expect(response.status, range).toBe(400);
    }
  });
});
