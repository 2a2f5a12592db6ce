import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.ts";
import { documentText, spanOf } from "./span.ts";

const TEXT = "취업규칙\n\n제1조(목적) 이 규칙은 근로조건을 정한다. 직원에게 적용한다.\n\n제2조(정의) 용어의 뜻은 다음과 같다.";

function chunk(text: string, clausePath: string | null) {
  const charStart = TEXT.indexOf(text);
  return { text, charStart, charEnd: charStart + text.length, clausePath, pageStart: null };
}

const CHUNKS = [
  chunk("취업규칙\n\n제1조(목적) 이 규칙은 근로조건을 정한다.", "제1조(목적)"),
  chunk("직원에게 적용한다.", "제1조(목적)"),
  chunk("제2조(정의) 용어의 뜻은 다음과 같다.", "제2조(정의)"),
];

describe("spans of the stored text", () => {
  it("rebuild the document text from its chunks, block separators included", () => {
    expect(documentText(CHUNKS)).toBe(TEXT);
  });

  it("return the span with its surroundings and clause, and refuse ranges outside the text", () => {
    const start = TEXT.indexOf("직원에게");
    const span = spanOf(CHUNKS, start, start + 9, 12);
    expect(span).toMatchObject({ text: "직원에게 적용한다", clauses: ["제1조(목적)"], before: " 근로조건을 정한다. " });
    expect(span.after).toBe(".\n\n제2조(정의) 용");
    for (const [from, to] of [[5, 5], [10, 4], [-1, 3], [0, TEXT.length + 1]]) {
      expect(() => spanOf(CHUNKS, from!, to!, 10)).toThrow(InvalidInputError);
    }
  });
});
