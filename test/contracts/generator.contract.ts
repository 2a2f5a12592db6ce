/**
 * What every Generator must do, whatever endpoint it talks to. Run against each adapter with a way to
 * script the endpoint's replies in EXAONE's real shapes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Generator, GenerationEvent } from "../../src/answer/generate/port.ts";
import type { ChatReply } from "../fakes/openai-server.ts";

export interface GeneratorSubject {
  generator: Generator;
  /** The replies the endpoint gives to the next calls, in order. */
  script(replies: ChatReply[]): void;
  close(): Promise<void>;
}

const REASONING = "Let me think. The user asks about block sizes; passage 1 says 900k. I should answer briefly.";
const ANSWER = "The block size is 900 kB [1].";
const messages = [{ role: "user" as const, content: "What is the block size?" }];

async function collect(events: AsyncIterable<GenerationEvent>): Promise<{ text: string; done: GenerationEvent[] }> {
  let text = "";
  const done: GenerationEvent[] = [];
  for await (const event of events) {
    if (event.type === "text") text += event.delta;
    else done.push(event);
  }
  return { text, done };
}

const shapes: Array<{ name: string; reply: ChatReply }> = [
  { name: "plain answer", reply: { kind: "answer", content: ANSWER } },
  { name: "reasoning in message.reasoning", reply: { kind: "answer", content: ANSWER, reasoning: REASONING } },
  {
    name: "reasoning in message.reasoning_content",
    reply: { kind: "answer", content: ANSWER, reasoningContent: REASONING },
  },
  { name: "EXAONE 4.0 inline <think>…</think>", reply: { kind: "answer", content: `<think>\n${REASONING}\n</think>\n\n${ANSWER}` } },
  { name: "EXAONE Deep inline <thought>…</thought>", reply: { kind: "answer", content: `<thought>\n${REASONING}\n</thought>\n\n${ANSWER}` } },
  { name: "raw server leaking [|endofturn|]", reply: { kind: "answer", content: `${ANSWER}[|endofturn|]` } },
];

export function describeGeneratorContract(name: string, makeSubject: () => Promise<GeneratorSubject>): void {
  describe(`Generator contract: ${name}`, () => {
    let subject: GeneratorSubject;
    beforeEach(async () => {
      subject = await makeSubject();
    });
    afterEach(async () => {
      await subject.close();
    });

    for (const shape of shapes) {
      it(`generate returns only the answer (${shape.name})`, async () => {
        subject.script([shape.reply]);
        const generation = await subject.generator.generate({ messages });
        expect(generation.text).toBe(ANSWER);
        expect(generation.text).not.toContain("think");
        if (shape.name.includes("reasoning") || shape.name.includes("inline")) expect(generation.reasoning).toBe(REASONING);
      });

      it(`stream emits only the answer (${shape.name})`, async () => {
        subject.script([shape.reply]);
        const { text, done } = await collect(subject.generator.stream({ messages }));
        expect(text).toBe(ANSWER);
        expect(text).not.toContain("passage 1 says");
        expect(done).toEqual([{ type: "done", finishReason: "stop" }]);
      });
    }

    it("retries a reasoning-only reply once and returns the retry's answer", async () => {
      subject.script([
        { kind: "answer", content: `<think>\n${REASONING}\n</think>\n\n` },
        { kind: "answer", content: ANSWER },
      ]);
      const generation = await subject.generator.generate({ messages });
      expect(generation.text).toBe(ANSWER);
    });

    it("retries a reasoning-only stream once and streams the retry's answer", async () => {
      subject.script([
        { kind: "answer", content: "", reasoningContent: REASONING },
        { kind: "answer", content: ANSWER },
      ]);
      const { text } = await collect(subject.generator.stream({ messages }));
      expect(text).toBe(ANSWER);
    });

    it("gives up after one retry and returns empty text rather than reasoning", async () => {
      subject.script([
        { kind: "answer", content: `<think>${REASONING}` },
        { kind: "answer", content: `<think>${REASONING}` },
      ]);
      const generation = await subject.generator.generate({ messages });
      expect(generation.text).toBe("");
      subject.script([
        { kind: "answer", content: `<think>${REASONING}` },
        { kind: "answer", content: `<think>${REASONING}` },
      ]);
      const streamed = await collect(subject.generator.stream({ messages }));
      expect(streamed.text).toBe("");
    });
  });
}
