import { describe, expect, it } from "vitest";
import { createReasoningFilter, splitReasoning } from "../../src/answer/generate/reasoning.ts";

const THOUGHT = "The question is about leave. Passage 2 says 15 days.";

function streamed(text: string, size: number, holdUntilClose: boolean): { text: string; reasoning: string } {
  const filter = createReasoningFilter({ holdUntilClose });
  let out = "";
  for (let i = 0; i < text.length; i += size) out += filter.push(text.slice(i, i + size));
  out += filter.end();
  return { text: out, reasoning: filter.reasoning };
}

describe("splitReasoning", () => {
  it.each([
    [`<think>\n${THOUGHT}\n</think>\n\n15일입니다 [2].`],
    [`${THOUGHT}\n</think>\n\n15일입니다 [2].`],
    [`<thought>${THOUGHT}</thought>15일입니다 [2].`],
    [`${THOUGHT}</thought>\n15일입니다 [2].[|endofturn|]`],
  ])("splits %j", (content) => {
    expect(splitReasoning(content)).toEqual({ text: "15일입니다 [2].", reasoning: THOUGHT });
  });

  it("treats an unclosed reasoning block as no answer", () => {
    expect(splitReasoning(`<think>${THOUGHT}`)).toEqual({ text: "", reasoning: THOUGHT });
  });

  it("leaves a plain answer alone", () => {
    expect(splitReasoning("Plain [1].")).toEqual({ text: "Plain [1].", reasoning: null });
  });
});

describe("createReasoningFilter", () => {
  const cases: Array<[string, string, boolean]> = [
    ["opening tag", `<think>\n${THOUGHT}\n</think>\n\n15일입니다 [2].`, false],
    ["Deep tags", `<thought>${THOUGHT}</thought>\n15일입니다 [2].`, false],
    ["no opening tag, held by policy", `${THOUGHT}\n</thought>\n\n15일입니다 [2].`, true],
  ];
  for (const [name, content, hold] of cases) {
    it(`never releases reasoning (${name}) whatever the chunk size`, () => {
      for (const size of [1, 2, 3, 7, 100]) {
        const result = streamed(content, size, hold);
        expect(result.text).toBe("15일입니다 [2].");
        expect(result.reasoning).toBe(THOUGHT);
      }
    });
  }

  it("streams a plain answer without waiting when not holding", () => {
    const filter = createReasoningFilter({ holdUntilClose: false });
    expect(filter.push("Hello")).toBe("Hello");
  });

  it("releases held text as the answer when no closing tag ever comes", () => {
    expect(streamed("Just an answer [1].", 4, true).text).toBe("Just an answer [1].");
  });

  it("strips a leaked end-of-turn token split across chunks", () => {
    expect(streamed("Answer [1].[|endofturn|]", 2, false).text).toBe("Answer [1].");
  });
});
