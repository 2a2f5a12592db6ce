import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAsk, createChat, type AskEvent, type AskResult } from "../../src/answer/ask.ts";
import { createOpenAIGenerator } from "../../src/answer/generate/openai.ts";
import { NOT_FOUND_ANSWER } from "../../src/answer/language.ts";
import type { Passage, Retrieve, SearchRequest } from "../../src/retrieve/types.ts";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";
import { gapRelated, type QueryGap } from "../../src/retrieve/gaps.ts";
import { BZIP2, INJECTION, LEAVE, passage } from "./passages.ts";

/** Retrieval as a plain function: the port the answer layer consumes. */
function retrieveReturning(hits: Passage[], calls: SearchRequest[] = []): Retrieve {
  return async (request) => {
    calls.push(request);
    return { query: request.query, hits };
  };
}

async function collect(events: AsyncIterable<AskEvent>): Promise<{ text: string; result: AskResult }> {
  let text = "";
  let result: AskResult | undefined;
  for await (const event of events) {
    if (event.type === "delta") text += event.text;
    else result = event.result;
  }
  expect(result).toBeDefined();
  return { text, result: result! };
}

function expectMarkersBacked(result: AskResult): void {
  const refs = new Set(result.citations.map((citation) => citation.ref));
  for (const match of result.answer.matchAll(/\[(\d+)\]/g)) expect(refs.has(Number(match[1]))).toBe(true);
}

describe("the question's words no document holds (AskResult.missing)", () => {
  const rules = passage(1, "연차 휴가는 사용하려는 날의 3일 전까지 인사 시스템에서 신청합니다. 팀장이 승인하면 신청이 확정됩니다.");
  /** Chunk counts as an index would give them, capped at `atMost`; the calls are recorded. */
  const frequencies = (counts: Record<string, number>, calls: string[][] = []) =>
    async (terms: readonly string[], options: { atMost: number }) => {
      calls.push([...terms]);
      return new Map(terms.map((term) => [term, Math.min(options.atMost, counts[term] ?? 0)]));
    };

  it("names a topic the collection lacks under an answer about the question's other words", async () => {
    const calls: string[][] = [];
    const { ask } = createAsk({ retrieve: retrieveReturning([rules]), generator: null, termFrequencies: frequencies({ 신청: 40 }, calls) });
    const result = await ask({ question: "재택근무 신청은 어떻게 하나요?" });
    expect(result.grounded).toBe(true);
    expect(result.missing).toEqual(["재택근무"]);
    // One call, for the first term of each of the question's words.
    expect(calls).toEqual([["재택", "신청"]]);
  });

  it("says nothing when the collection holds the word elsewhere, when the missing word weighs little, or without an index to ask", async () => {
    const elsewhere = createAsk({ retrieve: retrieveReturning([rules]), generator: null, termFrequencies: frequencies({ 재택: 3, 신청: 40 }) });
    expect((await elsewhere.ask({ question: "재택근무 신청은 어떻게 하나요?" })).missing).toBeUndefined();
    // One rare word of a long question is a paraphrase, not the topic.
    const common = { 연차: 30, 휴가: 50, 사용: 200, 인사: 60, 시스: 20, 스템: 20, 신청: 40, 팀장: 30, 필요: 100 };
    const long = createAsk({ retrieve: retrieveReturning([rules]), generator: null, termFrequencies: frequencies(common) });
    const paraphrase = await long.ask({ question: "연차 휴가를 인사 시스템에서 신청할 때 팀장 결재가 필요한가요?" });
    expect(paraphrase.grounded).toBe(true);
    expect(paraphrase.missing).toBeUndefined();
    const unwired = createAsk({ retrieve: retrieveReturning([rules]), generator: null });
    expect((await unwired.ask({ question: "재택근무 신청은 어떻게 하나요?" })).missing).toBeUndefined();
  });

  it("is never added to a refusal, and streams with the finished result", async () => {
    const calls: string[][] = [];
    const none = createAsk({ retrieve: retrieveReturning([]), generator: null, termFrequencies: frequencies({}, calls) });
    const refused = await none.ask({ question: "재택근무 신청은 어떻게 하나요?" });
    expect(refused.grounded).toBe(false);
    expect(refused.missing).toBeUndefined();
    expect(calls).toEqual([]);
    const { askStream } = createAsk({ retrieve: retrieveReturning([rules]), generator: null, termFrequencies: frequencies({ 신청: 40 }) });
    const { result } = await collect(askStream({ question: "재택근무 신청은 어떻게 하나요?" }));
    expect(result.missing).toEqual(["재택근무"]);
  });
});

describe("ask without a model (extractive)", () => {
  it("answers an English question from the passages with citations", async () => {
    const calls: SearchRequest[] = [];
    const { ask } = createAsk({ retrieve: retrieveReturning([BZIP2, LEAVE], calls), generator: null });
    const result = await ask({ question: "What block size do flags -1 to -9 set?", filter: { collection: "manuals" }, k: 4 });
    expect(result.mode).toBe("extractive");
    expect(result.grounded).toBe(true);
    expect(result.citations[0]).toMatchObject({ ref: 1, page: 3, source: "manuals/bzip2.pdf" });
    expect(calls[0]).toEqual({
      query: "What block size do flags -1 to -9 set?",
      k: 4,
      filter: { collection: "manuals" },
      neighbours: true,
    });
    expectMarkersBacked(result);
  });

  it("says plainly in Korean when nothing was found", async () => {
    const { ask } = createAsk({ retrieve: retrieveReturning([]), generator: null });
    expect(await ask({ question: "휴가는 며칠인가요?" })).toEqual({
      answer: NOT_FOUND_ANSWER.ko,
      mode: "extractive",
      grounded: false,
      citations: [],
    });
  });

  it("streams the extractive answer and ends with the result", async () => {
    const { askStream } = createAsk({ retrieve: retrieveReturning([BZIP2, LEAVE]), generator: null });
    const { text, result } = await collect(askStream({ question: "휴가 신청은 언제까지?" }));
    expect(text).toBe(result.answer);
    // Extractive citations are numbered in the order the answer quotes them, from [1].
    expect(result.citations.map((citation) => citation.ref)).toEqual([1]);
    expect(result.citations[0]).toMatchObject({ source: LEAVE.source, chunkId: LEAVE.chunkId });
  });

  it("answers a Korean question from an English page through the gaps search found (untranslatedWeight)", async () => {
    const options = passage(
      1,
      "-d --decompress Force decompression.\n-t --test Check integrity of the specified file(s), but don't decompress them.\n" +
        "-k --keep Keep (don't delete) input files during compression or decompression.",
    );
    const gaps: QueryGap[] = [
      { terms: ["압축"], alternatives: ["compress", "compression"] },
      { terms: ["파일"], alternatives: ["file"] },
      { terms: ["검사"], alternatives: ["test", "check"] },
      { terms: ["옵션"], alternatives: ["option"] },
    ];
    // The other hits are Korean pages on other topics: their sentences are candidates too, and hold none of the
    // untranslated words (풀지, 않고, 깨졌는지, 싶, 쓰), which then weigh as the rarest.
    const korean = Array.from({ length: 3 }, (_, i) =>
      passage(
        i + 2,
        Array.from({ length: 12 }, (_, j) => `${i * 12 + j + 1}번 항목은 패키지 목록을 내려받아 새 버전을 설치한다.`).join("\n"),
      ),
    );
    const retrieve: Retrieve = async (request) => ({ query: request.query, hits: [options, ...korean], gaps });
    const question = "압축을 풀지 않고 파일이 깨졌는지만 검사하고 싶어요. 어떤 옵션을 쓰나요?";
    // At 0.7 (JIKJI_GAP_ANSWER_WEIGHT=0.7): with these few candidates the untranslated words weigh less than on a
    // real page list, and at 1 the old picker scrapes past minCoverage.
    const gapTerms = (found: readonly QueryGap[]) => gapRelated(found, 0.7);
    const before = createAsk({ retrieve, generator: null, gapTerms });
    expect((await before.ask({ question })).grounded).toBe(false);
    const after = createAsk({ retrieve, generator: null, gapTerms, untranslatedWeight: 0.5 });
    const result = await after.ask({ question });
    expect(result.grounded).toBe(true);
    expect(result.citations[0]).toMatchObject({ ref: 1, chunkId: "chunk-1", quote: "-t --test Check integrity of the specified file(s), but don't decompress them." });
    expectMarkersBacked(result);
  });
});

describe("ask without a model: the configured picker levers (pickerTuning)", () => {
  const question = "How can I salvage readable blocks from a corrupted bzip2 backup archive?";
  const section = passage(1, "The recovery program writes each readable part into a file of its own.", {
    headingPath: ["Recovering blocks from a corrupted bzip2 archive"],
  });

  it("reach the non-strict extractive answer", async () => {
    const retrieve = retrieveReturning([section]);
    expect((await createAsk({ retrieve, generator: null }).ask({ question })).grounded).toBe(false);
    const { ask } = createAsk({ retrieve, generator: null, pickerTuning: { inheritedWeight: 0.5 } });
    const result = await ask({ question });
    expect(result.grounded).toBe(true);
    expect(result.citations[0]).toMatchObject({ ref: 1, chunkId: "chunk-1" });
    expectMarkersBacked(result);
  });
});

describe("ask with EXAONE (fake endpoint)", () => {
  let server: FakeOpenAIServer;
  beforeEach(async () => {
    server = await startFakeOpenAIServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const generator = () =>
    createOpenAIGenerator({ baseURL: server.baseURL, model: "EXAONE-4.0-32B", timeoutMs: 5_000, maxRetries: 0 });

  it("answers in Korean with citations, without reasoning, and without out-of-range markers", async () => {
    server.chat.push({
      kind: "answer",
      content: `<think>\n사용자는 휴가 신청 기한을 묻는다. [9]를 인용하면 안 된다.\n</think>\n\n휴가는 3일 전까지 팀장에게 신청해야 합니다 [2][9]. 미사용 휴가는 이월되지 않습니다 [2, 7].`,
    });
    const { ask } = createAsk({ retrieve: retrieveReturning([BZIP2, LEAVE]), generator: generator() });
    const result = await ask({ question: "휴가는 언제까지 신청해야 하나요?" });
    expect(result).toMatchObject({ mode: "generative", grounded: true });
    expect(result.answer).toBe("휴가는 3일 전까지 팀장에게 신청해야 합니다 [2]. 미사용 휴가는 이월되지 않습니다 [2].");
    expect(result.answer).not.toContain("사용자는");
    expect(result.citations).toHaveLength(1);
    expect(result.citations[0]).toMatchObject({ ref: 2, documentId: LEAVE.documentId, verified: true });
    expectMarkersBacked(result);
  });

  it("sends the passages and the question to the model with thinking off", async () => {
    server.chat.push({ kind: "answer", content: "900,000 bytes [1]." });
    const { ask } = createAsk({ retrieve: retrieveReturning([BZIP2]), generator: generator() });
    await ask({ question: "Default block size?" });
    const request = server.chatRequests()[0]!;
    expect(request.body.chat_template_kwargs).toEqual({ enable_thinking: false });
    const messages = request.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]!.role).toBe("system");
    expect(messages[1]!.content).toContain('<passage n="1" source="manuals/bzip2.pdf" page="3">');
  });

  it("is not grounded when the model says the documents do not hold the answer", async () => {
    server.chat.push({ kind: "answer", content: "The documents do not contain the answer to this question." });
    const { ask } = createAsk({ retrieve: retrieveReturning([BZIP2]), generator: generator() });
    expect(await ask({ question: "Who won the 2002 World Cup?" })).toEqual({
      answer: NOT_FOUND_ANSWER.en,
      mode: "generative",
      grounded: false,
      citations: [],
    });
  });

  it("is not grounded when no citation survives, and never shows the uncited text", async () => {
    server.chat.push({ kind: "answer", content: "ARRR [9]" });
    const { ask } = createAsk({ retrieve: retrieveReturning([INJECTION]), generator: generator() });
    const result = await ask({ question: "질문입니다" });
    expect(result).toEqual({ answer: NOT_FOUND_ANSWER.ko, mode: "generative", grounded: false, citations: [] });
  });

  it("does not call the model when retrieval finds nothing", async () => {
    const { ask } = createAsk({ retrieve: retrieveReturning([]), generator: generator() });
    expect((await ask({ question: "anything" })).grounded).toBe(false);
    expect(server.chatRequests()).toHaveLength(0);
  });

  it("streams only cited answer text: no reasoning, no out-of-range markers, same text as the result", async () => {
    server.chunkChars = 2;
    server.chat.push({
      kind: "answer",
      content: `<think>secret reasoning [5]</think>\n\nThe default is 900,000 bytes [1][5]. Memory grows with it [1, 3].`,
    });
    const { askStream } = createAsk({ retrieve: retrieveReturning([BZIP2, LEAVE]), generator: generator() });
    const events: AskEvent[] = [];
    for await (const event of askStream({ question: "Default block size?" })) events.push(event);
    const text = events.flatMap((event) => (event.type === "delta" ? [event.text] : [])).join("");
    const done = events.at(-1)!;
    expect(done.type).toBe("done");
    const result = (done as { result: AskResult }).result;
    expect(text).not.toContain("secret");
    expect(text).not.toMatch(/\[[35]\]/);
    expect(text.trim()).toBe(result.answer);
    expect(result.answer).toBe("The default is 900,000 bytes [1]. Memory grows with it [1].");
    expect(result.grounded).toBe(true);
  });

  it("streams the not-found sentence instead of uncited text", async () => {
    server.chat.push({ kind: "answer", content: "I think it is probably 42." });
    const { askStream } = createAsk({ retrieve: retrieveReturning([BZIP2]), generator: generator() });
    const { text, result } = await collect(askStream({ question: "What is the answer?" }));
    expect(text).toBe(NOT_FOUND_ANSWER.en);
    expect(result.grounded).toBe(false);
  });
});

describe("chat", () => {
  let server: FakeOpenAIServer;
  beforeEach(async () => {
    server = await startFakeOpenAIServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const history = [
    { role: "user" as const, content: "연차 휴가는 며칠인가요?" },
    { role: "assistant" as const, content: "15일입니다 [1]." },
    { role: "user" as const, content: "그럼 이월되나요?" },
  ];

  it("condenses a multi-turn history with the model and answers the standalone question", async () => {
    const generator = createOpenAIGenerator({ baseURL: server.baseURL, model: "m", timeoutMs: 5_000, maxRetries: 0 });
    server.chat.push(
      { kind: "answer", content: "연차 휴가는 다음 해로 이월되나요?" },
      { kind: "answer", content: "이월되지 않습니다 [1]." },
    );
    const calls: SearchRequest[] = [];
    const ask = createAsk({ retrieve: retrieveReturning([LEAVE], calls), generator });
    const result = await createChat({ ask, generator }).chat({ messages: history });
    expect(result.question).toBe("연차 휴가는 다음 해로 이월되나요?");
    expect(calls[0]!.query).toBe("연차 휴가는 다음 해로 이월되나요?");
    expect(result.answer).toBe("이월되지 않습니다 [1].");
    expect(result.citations[0]!.quote).toBe("미사용 휴가는 다음 해로 이월되지 않는다.");
  });

  it("keeps the user's question when the condensation switches language", async () => {
    const generator = createOpenAIGenerator({ baseURL: server.baseURL, model: "m", timeoutMs: 5_000, maxRetries: 0 });
    server.chat.push({ kind: "answer", content: "Is annual leave carried over?" });
    const chat = createChat({ ask: createAsk({ retrieve: retrieveReturning([LEAVE]), generator }), generator });
    expect(await chat.condense({ messages: history })).toBe("그럼 이월되나요?");
  });

  it("uses the last user message without a model", async () => {
    const chat = createChat({ ask: createAsk({ retrieve: retrieveReturning([LEAVE]), generator: null }), generator: null });
    const result = await chat.chat({ messages: history });
    expect(result.question).toBe("그럼 이월되나요?");
    expect(result.mode).toBe("extractive");
  });

  it("rejects a conversation without a user message", async () => {
    const chat = createChat({ ask: createAsk({ retrieve: retrieveReturning([]), generator: null }), generator: null });
    await expect(chat.chat({ messages: [{ role: "assistant", content: "hi" }] })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
