import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssistEvent } from "../../src/assist/hub.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";
import { ingestAssistDocs } from "../fixtures/assist/corpus.ts";

let root: string;
let jikji: Jikji;
let fake: FakeOpenAIServer;
let server: ReturnType<typeof createServerApp>;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-assist-llm-"));
  fake = await startFakeOpenAIServer();
  const config = loadConfig({ JIKJI_LLM_BASE_URL: fake.baseURL, JIKJI_LLM_MODEL: "LGAI-EXAONE/EXAONE-4.0-32B" }, { dataDir: root });
  jikji = await openJikji(config, { scanIndex: false });
  await ingestAssistDocs(jikji);
  server = createServerApp(jikji);
});

afterAll(async () => {
  await server.assist.idle();
  await jikji.close();
  await fake.close();
  await fs.rm(root, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  server.app.request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("assist with a model configured", () => {
  it("answers the turn with the extractive suggestion and streams a grounded generative one after it", async () => {
    fake.chat.push({ kind: "slow", delayMs: 300, content: "3만 원 이상 주문하시면 배송비가 무료입니다 [1]." });
    const { id } = (await (await post("/v1/assist/sessions", { collection: "support" })).json()) as { id: string };
    const streamed: AssistEvent[] = [];
    server.assist.subscribe(id, (event) => streamed.push(event));

    const response = await post(`/v1/assist/sessions/${id}/turns`, { speaker: "customer", text: "삼만 원 넘으면 배송비 무료인가요", final: true });
    const reply = (await response.json()) as { suggestions: Array<{ mode: string; text: string }> };
    // The reply carries the extractive suggestion only: it never waits for the model.
    expect(reply.suggestions.map((s) => s.mode)).toEqual(["extractive"]);

    await server.assist.idle();
    const suggestions = streamed.filter((event) => event.type === "suggestions").flatMap((event) => event.suggestions);
    expect(suggestions.map((s) => s.mode)).toEqual(["extractive", "generative"]);
    const generative = suggestions[1]!;
    expect(generative.text).toBe("3만 원 이상 주문하시면 배송비가 무료입니다 [1].");
    expect(generative.citations[0]).toMatchObject({ source: "배송-안내.md", verified: true });
    // The model was shown the passages as untrusted data, in a chat request.
    expect(fake.requests.some((request) => request.path.endsWith("/chat/completions"))).toBe(true);
  });

  it("drops a model answer that cites nothing, keeping the extractive suggestion", async () => {
    fake.chat.push({ kind: "answer", content: "잘 모르겠지만 아마 무료일 거예요." });
    const { id } = (await (await post("/v1/assist/sessions", { collection: "support" })).json()) as { id: string };
    await post(`/v1/assist/sessions/${id}/turns`, { speaker: "customer", text: "제주도는 추가 배송비가 얼마예요", final: true });
    await server.assist.idle();
    const transcript = (await (await server.app.request(`/v1/assist/sessions/${id}`)).json()) as {
      turns: Array<{ suggestions: Array<{ mode: string }> }>;
    };
    expect(transcript.turns[0]!.suggestions.map((s) => s.mode)).toEqual(["extractive"]);
  });
});
