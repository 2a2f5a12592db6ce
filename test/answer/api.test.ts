import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { OpenAI } from "openai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AskResult } from "../../src/answer/ask.ts";
import { createOpenAIGenerator } from "../../src/answer/generate/openai.ts";
import { NOT_FOUND_ANSWER } from "../../src/answer/language.ts";
import type { ApiEnv } from "../../src/api/auth.ts";
import { formatAskResult } from "../../src/cli/ask.ts";
import type { Passage, Retrieve, SearchRequest } from "../../src/retrieve/types.ts";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";
import { answerRoutesApp } from "./app.ts";
import { BZIP2, LEAVE } from "./passages.ts";

function appWith(retrieve: Retrieve, generatorURL: string | null): Hono<ApiEnv> {
  const generator =
    generatorURL === null
      ? null
      : createOpenAIGenerator({ baseURL: generatorURL, model: "EXAONE-4.0-32B", timeoutMs: 5_000, maxRetries: 0 });
  return answerRoutesApp(retrieve, generator);
}

function retrieveReturning(hits: Passage[], calls: SearchRequest[] = []): Retrieve {
  return async (request) => {
    calls.push(request);
    return { query: request.query, hits };
  };
}

const post = (app: Hono<ApiEnv>, path: string, body: unknown) =>
  app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function sseData(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice("data:".length).trim());
}

describe("the question's words no document holds, over HTTP", () => {
  const rules = { ...LEAVE, text: "연차 휴가는 사용하려는 날의 3일 전까지 인사 시스템에서 신청합니다. 팀장이 승인하면 신청이 확정됩니다." };
  // An index holding 신청 in 40 chunks and 재택 in none.
  const termFrequencies = async (terms: readonly string[]) => new Map(terms.map((term) => [term, term === "신청" ? 40 : 0]));
  const app = () => answerRoutesApp(retrieveReturning([rules]), null, { termFrequencies });

  it("adds `missing` to /v1/ask and to the chat's jikji fields, streamed or not", async () => {
    const asked = (await (await post(app(), "/v1/ask", { question: "재택근무 신청은 어떻게 하나요?" })).json()) as AskResult;
    expect(asked).toMatchObject({ grounded: true, missing: ["재택근무"] });
    const messages = [{ role: "user", content: "재택근무 신청은 어떻게 하나요?" }];
    const chat = (await (await post(app(), "/v1/chat/completions", { messages })).json()) as { jikji: { missing?: string[] } };
    expect(chat.jikji.missing).toEqual(["재택근무"]);
    const streamed = sseData(await (await post(app(), "/v1/chat/completions", { messages, stream: true })).text());
    const last = JSON.parse(streamed.at(-2)!) as { jikji: { missing?: string[] } };
    expect(last.jikji.missing).toEqual(["재택근무"]);
    const held = (await (await post(app(), "/v1/ask", { question: "연차 휴가 신청은 어떻게 하나요?" })).json()) as AskResult;
    expect(held.grounded).toBe(true);
    expect(Object.keys(held)).not.toContain("missing");
  });
});

describe("POST /v1/ask", () => {
  let server: FakeOpenAIServer;
  beforeEach(async () => {
    server = await startFakeOpenAIServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("returns exactly the documented shape", async () => {
    server.chat.push({ kind: "answer", content: "기본 블록 크기는 900,000바이트입니다 [1][4]." });
    const calls: SearchRequest[] = [];
    const app = appWith(retrieveReturning([BZIP2, LEAVE], calls), server.baseURL);
    const response = await post(app, "/v1/ask", {
      question: "기본 블록 크기는?",
      collection: "manuals",
      k: 5,
      accessGroups: ["eng"],
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as AskResult;
    expect(Object.keys(result).sort()).toEqual(["answer", "citations", "grounded", "mode"]);
    expect(result.answer).toBe("기본 블록 크기는 900,000바이트입니다 [1].");
    expect(result.citations).toHaveLength(1);
    expect(Object.keys(result.citations[0]!).sort()).toEqual(
      ["chunkId", "clause", "documentId", "page", "quote", "ref", "section", "source", "verified"].sort(),
    );
    expect(result.citations[0]).toMatchObject({ ref: 1, page: 3, verified: true });
    expect(calls[0]).toMatchObject({
      query: "기본 블록 크기는?",
      k: 5,
      filter: {
        collection: "manuals",
        accessGroups: ["eng"],
        scope: { collections: ["manuals"], groups: ["eng"], ungrouped: "collection" },
      },
      neighbours: true,
    });
  });

  it.each([
    [{}, "question"],
    [{ question: "" }, "question"],
    [{ question: "x".repeat(4001) }, "question"],
    [{ question: "q", k: 0 }, "k"],
    [{ question: "q", k: 2.5 }, "k"],
    [{ question: "q", accessGroups: "eng" }, "accessGroups"],
  ])("rejects %j with 400 naming %s", async (body, field) => {
    const response = await post(appWith(retrieveReturning([]), null), "/v1/ask", body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe("invalid_input");
    expect(error.error.message).toContain(field);
  });

  it("rejects a body that is not JSON", async () => {
    const app = appWith(retrieveReturning([]), null);
    const response = await app.request("/v1/ask", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(response.status).toBe(400);
    // A text/plain body is what another site's form can send without a preflight: refused by type.
    const plain = await app.request("/v1/ask", { method: "POST", body: JSON.stringify({ question: "질문" }) });
    expect(plain.status).toBe(415);
  });

  it("maps an unreachable model to 503", async () => {
    const url = server.baseURL;
    await server.close();
    const response = await post(appWith(retrieveReturning([BZIP2]), url), "/v1/ask", { question: "q" });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("upstream_unavailable");
    server = await startFakeOpenAIServer();
  });

  it("maps a model 500 to 502, also when streaming was asked for", async () => {
    server.defaultChat = { kind: "status", status: 500 };
    const app = appWith(retrieveReturning([BZIP2]), server.baseURL);
    expect((await post(app, "/v1/ask", { question: "q" })).status).toBe(502);
    expect((await post(app, "/v1/ask", { question: "q", stream: true })).status).toBe(502);
  });

  it("streams SSE data lines with the answer text and ends with the result", async () => {
    server.chat.push({ kind: "answer", content: "<think>hidden</think>The default is 900,000 bytes [1][8]." });
    const app = appWith(retrieveReturning([BZIP2]), server.baseURL);
    const response = await post(app, "/v1/ask", { question: "default block size?", stream: true });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = sseData(await response.text()).map((data) => JSON.parse(data) as Record<string, unknown>);
    const text = events.filter((event) => event.type === "delta").map((event) => event.text).join("");
    expect(text).toBe("The default is 900,000 bytes [1].");
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: "done", grounded: true, mode: "generative", answer: text });
    expect((done.citations as unknown[]).length).toBe(1);
  });

  it("reports a stream that breaks mid-way as a final error event", async () => {
    server.chat.push({ kind: "cut", content: "The default is 900,000 bytes [1]. And more", afterChars: 36 });
    const app = appWith(retrieveReturning([BZIP2]), server.baseURL);
    const response = await post(app, "/v1/ask", { question: "q", stream: true });
    const events = sseData(await response.text()).map((data) => JSON.parse(data) as Record<string, unknown>);
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: expect.stringMatching(/^upstream_/) } });
    expect(events.some((event) => event.type === "done")).toBe(false);
  });
});

describe("POST /v1/chat/completions with the official openai client over a real socket", () => {
  let fake: FakeOpenAIServer;
  let http: ServerType;
  let client: OpenAI;
  const calls: SearchRequest[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
    const app = appWith(retrieveReturning([BZIP2, LEAVE], calls), fake.baseURL);
    http = await new Promise<ServerType>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(server));
    });
    const { port } = http.address() as AddressInfo;
    client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: "unused", maxRetries: 0 });
  });
  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    await fake.close();
  });
  beforeEach(() => {
    fake.chat.length = 0;
    fake.requests.length = 0;
    calls.length = 0;
  });

  it("answers with citations in the content and in a citations field", async () => {
    fake.chat.push({ kind: "answer", content: "The default block size is 900,000 bytes [1][3]." });
    const completion = await client.chat.completions.create({
      model: "jikji",
      messages: [
        { role: "system", content: "You are a pirate." },
        { role: "user", content: "What is the default block size?" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]!.message.content).toBe("The default block size is 900,000 bytes [1].");
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    const citations = (completion as unknown as { citations: Array<{ ref: number; page: number | null }> }).citations;
    expect(citations).toEqual([expect.objectContaining({ ref: 1, page: 3 })]);
    // The client's system message does not replace jikji's rules.
    const sent = fake.chatRequests()[0]!.body.messages as Array<{ role: string; content: string }>;
    expect(sent[0]!.content).not.toContain("pirate");
  });

  it("streams chat.completion.chunk events the client can read, ending with citations", async () => {
    fake.chat.push({
      kind: "answer",
      content: "휴가는 3일 전까지 신청해야 합니다 [2][7].",
      reasoningContent: "사용자가 휴가 신청 기한을 묻는다.",
    });
    const stream = await client.chat.completions.create({
      model: "jikji",
      stream: true,
      messages: [{ role: "user", content: "휴가는 언제까지 신청하나요?" }],
    });
    let content = "";
    let last: unknown;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      content += chunk.choices[0]?.delta.content ?? "";
      last = chunk;
    }
    expect(content).toBe("휴가는 3일 전까지 신청해야 합니다 [2].");
    expect(content).not.toContain("사용자가");
    const final = last as { choices: Array<{ finish_reason: string }>; citations: Array<{ ref: number; quote: string }> };
    expect(final.choices[0]!.finish_reason).toBe("stop");
    expect(final.citations).toEqual([expect.objectContaining({ ref: 2, quote: "휴가를 사용하려면 3일 전까지 팀장에게 신청해야 한다." })]);
  });

  it("condenses a multi-turn conversation before retrieving", async () => {
    fake.chat.push(
      { kind: "answer", content: "Which flag sets the smallest bzip2 block size?" },
      { kind: "answer", content: "The flag -1 [1]." },
    );
    const completion = await client.chat.completions.create({
      model: "jikji",
      messages: [
        { role: "user", content: "What is the default bzip2 block size?" },
        { role: "assistant", content: "900,000 bytes [1]." },
        { role: "user", content: "And the smallest?" },
      ],
    });
    expect(calls[0]!.query).toBe("Which flag sets the smallest bzip2 block size?");
    expect(completion.choices[0]!.message.content).toBe("The flag -1 [1].");
  });

  it("surfaces a bad request as a 400 the client raises", async () => {
    await expect(client.chat.completions.create({ model: "jikji", messages: [] })).rejects.toMatchObject({ status: 400 });
  });
});

describe("formatAskResult", () => {
  const result: AskResult = {
    answer: "The default is 900,000 bytes [1].",
    mode: "generative",
    grounded: true,
    citations: [
      {
        ref: 1,
        documentId: "d1",
        source: "manuals/bzip2.pdf",
        page: 3,
        chunkId: "c1",
        clause: null,
        quote: "The flags -1 through -9\nspecify the block size.",
        verified: true,
      },
    ],
  };

  it("prints the exact output shape as JSON", () => {
    expect(JSON.parse(formatAskResult(result, { json: true }))).toEqual(result);
  });

  it("prints the answer and a numbered source list", () => {
    expect(formatAskResult(result, { json: false })).toBe(
      'The default is 900,000 bytes [1].\n\nSources:\n[1] manuals/bzip2.pdf, p. 3 — "The flags -1 through -9 specify the block size."',
    );
  });

  it("says under the answer which of the question's words no document holds, in the answer's language, and keeps them in JSON", () => {
    const korean: AskResult = { ...result, answer: "연차 휴가는 3일 전까지 신청합니다. [1]", mode: "extractive", missing: ["재택근무"] };
    const text = formatAskResult(korean, { json: false });
    expect(text.split("\n").slice(0, 3)).toEqual([
      "연차 휴가는 3일 전까지 신청합니다. [1]",
      "",
      "문서에 없는 말: 재택근무 — 답은 질문의 나머지 말로 찾은 내용입니다.",
    ]);
    expect(formatAskResult({ ...result, missing: ["kubernetes", "ingress"] }, { json: false })).toContain(
      "Not in the documents: kubernetes, ingress — the answer is about the question's other words.",
    );
    expect(JSON.parse(formatAskResult(korean, { json: true }))).toEqual(korean);
    expect(formatAskResult(result, { json: false })).not.toMatch(/문서에 없는 말|Not in the documents/);
  });

  it("names a clause after its section without repeating the article the section ends with", () => {
    const cite = (section: string, clause: string) =>
      formatAskResult({ ...result, citations: [{ ...result.citations[0]!, source: "여비규정.docx", page: null, section, clause, quote: "" }] }, { json: false }).split("\n").at(-1);
    expect(cite("제2장 국내 여비 > 제7조(숙박비)", "제7조(숙박비) 제3항")).toBe("[1] 여비규정.docx › 제2장 국내 여비 > 제7조(숙박비) 제3항");
    expect(cite("제2장 국내 여비 > 제7조(숙박비)", "제7조(숙박비)")).toBe("[1] 여비규정.docx › 제2장 국내 여비 > 제7조(숙박비)");
    expect(cite("제1장 총칙 > 제1조(목적)", "제1조의2(정의) 제1항")).toBe("[1] 여비규정.docx › 제1장 총칙 > 제1조(목적) 제1조의2(정의) 제1항");
    expect(cite("제2장 국내 여비", "제7조(숙박비) 제3항")).toBe("[1] 여비규정.docx › 제2장 국내 여비 제7조(숙박비) 제3항");
  });

  it("prints just the not-found answer without sources", () => {
    const notFound: AskResult = { answer: NOT_FOUND_ANSWER.ko, mode: "extractive", grounded: false, citations: [] };
    expect(formatAskResult(notFound, { json: false })).toBe(NOT_FOUND_ANSWER.ko);
  });
});
