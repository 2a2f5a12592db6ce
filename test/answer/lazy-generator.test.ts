import { describe, expect, it } from "vitest";
import { lazyGenerator } from "../../src/answer/generate/lazy.ts";
import type { GenerationEvent, Generator } from "../../src/answer/generate/port.ts";
import { generatorFrom } from "../../src/answer/wire.ts";
import { loadConfig } from "../../src/config.ts";
import { startFakeOpenAIServer } from "../fakes/openai-server.ts";

function scripted(text: string): Generator {
  return {
    model: "scripted",
    async generate() {
      return { text, reasoning: null, finishReason: "stop" };
    },
    async *stream() {
      yield { type: "text", delta: text } satisfies GenerationEvent;
      yield { type: "done", finishReason: "stop" } satisfies GenerationEvent;
    },
  };
}

const request = { messages: [{ role: "user" as const, content: "연차는 며칠?" }] };

describe("lazyGenerator", () => {
  it("loads its adapter on the first call only, and shares one load between calls made together", async () => {
    let loads = 0;
    const generator = lazyGenerator("m", async () => {
      loads++;
      return scripted("15일");
    });
    expect(generator.model).toBe("m");
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([generator.generate(request), generator.generate(request)]);
    expect([a.text, b.text]).toEqual(["15일", "15일"]);
    const events: GenerationEvent[] = [];
    for await (const event of generator.stream(request)) events.push(event);
    expect(events).toEqual([{ type: "text", delta: "15일" }, { type: "done", finishReason: "stop" }]);
    expect(loads).toBe(1);
  });

  it("passes a failed load to the caller and tries again on the next call", async () => {
    let loads = 0;
    const generator = lazyGenerator("m", async () => {
      loads++;
      if (loads === 1) throw new Error("cannot load");
      return scripted("ok");
    });
    await expect(generator.generate(request)).rejects.toThrow("cannot load");
    expect((await generator.generate(request)).text).toBe("ok");
    expect(loads).toBe(2);
  });
});

describe("generatorFrom", () => {
  it("is null without a model, and otherwise reaches the configured endpoint through the loaded client", async () => {
    expect(generatorFrom(loadConfig({}))).toBeNull();
    const fake = await startFakeOpenAIServer();
    try {
      fake.chat.push({ kind: "answer", content: "연차는 15일입니다." });
      const generator = generatorFrom(loadConfig({ JIKJI_LLM_BASE_URL: fake.baseURL, JIKJI_LLM_MODEL: "exaone" }))!;
      expect(generator.model).toBe("exaone");
      expect(fake.chatRequests()).toHaveLength(0);
      expect((await generator.generate(request)).text).toBe("연차는 15일입니다.");
      expect(fake.chatRequests()[0]!.body.model).toBe("exaone");
    } finally {
      await fake.close();
    }
  });
});
