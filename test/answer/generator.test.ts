import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOpenAIGenerator, type OpenAIGeneratorConfig } from "../../src/answer/generate/openai.ts";
import type { GenerationEvent } from "../../src/answer/generate/port.ts";
import { UpstreamError } from "../../src/errors.ts";
import { describeGeneratorContract } from "../contracts/generator.contract.ts";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";

const MODEL = "LGAI-EXAONE/EXAONE-4.0-32B";

function config(server: FakeOpenAIServer, overrides: Partial<OpenAIGeneratorConfig> = {}): OpenAIGeneratorConfig {
  return { baseURL: server.baseURL, model: MODEL, timeoutMs: 5_000, maxRetries: 0, ...overrides };
}

describeGeneratorContract("openai adapter against the fake EXAONE endpoint", async () => {
  const server = await startFakeOpenAIServer();
  return {
    generator: createOpenAIGenerator(config(server)),
    script: (replies) => server.chat.push(...replies),
    close: () => server.close(),
  };
});

async function drain(events: AsyncIterable<GenerationEvent>): Promise<string> {
  let text = "";
  for await (const event of events) if (event.type === "text") text += event.delta;
  return text;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

const messages = [{ role: "user" as const, content: "질문" }];

describe("openai generator adapter", () => {
  let server: FakeOpenAIServer;
  beforeEach(async () => {
    server = await startFakeOpenAIServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("sends thinking off, EXAONE sampling, the end-of-turn stop and the extra headers", async () => {
    const generator = createOpenAIGenerator(
      config(server, { apiKey: "secret-key", headers: { "X-Friendli-Team": "team-1" } }),
    );
    await generator.generate({ messages, maxTokens: 77 });
    const [request] = server.chatRequests();
    expect(request!.body.chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(request!.body.temperature).toBeLessThan(0.6);
    expect(request!.body.top_p).toBe(0.95);
    expect(request!.body.stop).toEqual(["[|endofturn|]"]);
    expect(request!.body.max_tokens).toBe(77);
    expect(request!.body).not.toHaveProperty("repetition_penalty");
    expect(request!.headers["x-friendli-team"]).toBe("team-1");
    expect(request!.headers.authorization).toBe("Bearer secret-key");
  });

  it("can leave chat_template_kwargs and stop out for servers that reject them", async () => {
    const generator = createOpenAIGenerator(config(server, { sendChatTemplateKwargs: false, stop: [] }));
    await generator.generate({ messages });
    const [request] = server.chatRequests();
    expect(request!.body).not.toHaveProperty("chat_template_kwargs");
    expect(request!.body).not.toHaveProperty("stop");
  });

  it("on a reasoning-only reply, retries with thinking explicitly off", async () => {
    const generator = createOpenAIGenerator(config(server, { sendChatTemplateKwargs: false }));
    server.chat.push({ kind: "answer", content: "", reasoning: "thinking only" }, { kind: "answer", content: "답 [1]" });
    const generation = await generator.generate({ messages });
    expect(generation.text).toBe("답 [1]");
    const requests = server.chatRequests();
    expect(requests).toHaveLength(2);
    expect(requests[0]!.body).not.toHaveProperty("chat_template_kwargs");
    expect(requests[1]!.body.chat_template_kwargs).toEqual({ enable_thinking: false });
  });

  it("EXAONE 4.0 answers without reasoning because thinking is switched off", async () => {
    server.defaultChat = { kind: "exaone-4.0", reasoning: "secret chain of thought", answer: "Answer [1]." };
    const generator = createOpenAIGenerator(config(server));
    expect((await generator.generate({ messages })).reasoning).toBeNull();
  });

  it("holds a stream from a model that reasons without an opening tag until </thought>", async () => {
    const generator = createOpenAIGenerator(config(server, { model: "LGAI-EXAONE/EXAONE-Deep-32B" }));
    server.chat.push({ kind: "answer", content: "chain of thought here\n</thought>\n\n답은 900k입니다 [1]." });
    expect(await drain(generator.stream({ messages }))).toBe("답은 900k입니다 [1].");
  });

  it("maps an unreachable endpoint to upstream_unavailable", async () => {
    const url = server.baseURL;
    await server.close();
    const generator = createOpenAIGenerator({ baseURL: url, model: MODEL, timeoutMs: 2_000, maxRetries: 0 });
    const error = await failure(generator.generate({ messages }));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.retryable).toBe(true);
    server = await startFakeOpenAIServer();
  });

  it("retries a 500 and maps a lasting one to upstream_error with the status", async () => {
    server.defaultChat = { kind: "status", status: 500 };
    const generator = createOpenAIGenerator(config(server, { maxRetries: 1 }));
    const error = await failure(generator.generate({ messages }));
    expect(error.code).toBe("upstream_error");
    expect(error.status).toBe(500);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it("recovers when a retry after a 503 succeeds", async () => {
    server.chat.push({ kind: "status", status: 503 }, { kind: "answer", content: "fine [1]" });
    const generator = createOpenAIGenerator(config(server, { maxRetries: 2 }));
    expect((await generator.generate({ messages })).text).toBe("fine [1]");
  });

  it("does not retry a 400", async () => {
    server.defaultChat = { kind: "status", status: 400, message: "bad request" };
    const generator = createOpenAIGenerator(config(server, { maxRetries: 2 }));
    const error = await failure(generator.generate({ messages }));
    expect(error.code).toBe("upstream_error");
    expect(error.retryable).toBe(false);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it("maps a slow reply to upstream_timeout", async () => {
    server.defaultChat = { kind: "slow", delayMs: 5_000, content: "late" };
    const generator = createOpenAIGenerator(config(server, { timeoutMs: 200 }));
    expect((await failure(generator.generate({ messages }))).code).toBe("upstream_timeout");
  });

  it("maps a slow stream to upstream_timeout", async () => {
    server.defaultChat = { kind: "slow", delayMs: 5_000, content: "late" };
    const generator = createOpenAIGenerator(config(server, { timeoutMs: 200 }));
    expect((await failure(drain(generator.stream({ messages })))).code).toBe("upstream_timeout");
  });

  it("maps a stream that stops sending mid-answer (connection left open) to upstream_timeout, not an early end", async () => {
    server.chat.push({ kind: "stall", content: "The block size is 900 kB [1]. More text", afterChars: 12 });
    const generator = createOpenAIGenerator(config(server, { timeoutMs: 300 }));
    const received: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of generator.stream({ messages })) if (event.type === "text") received.push(event.delta);
      })(),
    );
    expect(received.join("")).toBe("The block si");
    expect(error.code).toBe("upstream_timeout");
    expect(error.message).toMatch(/stopped sending/);
  });

  it("maps a stream cut mid-way to an upstream error after the text sent so far", async () => {
    server.chat.push({ kind: "cut", content: "The block size is 900 kB [1]. More text", afterChars: 12 });
    const generator = createOpenAIGenerator(config(server));
    const received: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of generator.stream({ messages })) if (event.type === "text") received.push(event.delta);
      })(),
    );
    expect(["upstream_error", "upstream_unavailable"]).toContain(error.code);
    expect(received.join("")).toBe("The block si");
  });

  it("maps a body that is not a chat completion to upstream_error", async () => {
    server.defaultChat = { kind: "garbage", body: JSON.stringify({ hello: "world" }) };
    const generator = createOpenAIGenerator(config(server));
    expect((await failure(generator.generate({ messages }))).code).toBe("upstream_error");
  });

  it("never puts the API key in an error message", async () => {
    server.defaultChat = { kind: "status", status: 401, message: "invalid key" };
    const generator = createOpenAIGenerator(config(server, { apiKey: "sk-very-secret" }));
    const error = await failure(generator.generate({ messages }));
    expect(`${error.message} ${String(error.cause)}`).not.toContain("sk-very-secret");
  });
});
