import { describe, expect, it } from "vitest";
import { pageSpansOf } from "../ingest/page-spans.ts";
import type { Block } from "../ingest/types.ts";
import { bestPage, pageAt } from "./pages.ts";

const blocks: Block[] = [
  { kind: "paragraph", text: "첫째 쪽 내용", page: 1, start: 0, end: 7 },
  { kind: "paragraph", text: "여전히 첫째 쪽", page: 1, start: 9, end: 17 },
  { kind: "paragraph", text: "둘째 쪽: 여러 줄 수식 정렬", page: 2, start: 19, end: 35 },
];

describe("page spans", () => {
  it("records where each page starts inside a chunk", () => {
    expect(pageSpansOf(blocks, 3, 30)).toEqual([
      { start: 0, page: 1 },
      { start: 16, page: 2 },
    ]);
    expect(pageSpansOf(blocks, 19, 35)).toEqual([{ start: 0, page: 2 }]);
    expect(pageSpansOf([{ ...blocks[0]!, page: null }], 0, 7)).toEqual([]);
  });

  it("finds the page of an offset", () => {
    const spans = [
      { start: 0, page: 59 },
      { start: 120, page: 60 },
    ];
    expect(pageAt(spans, 0, 59)).toBe(59);
    expect(pageAt(spans, 119, 59)).toBe(59);
    expect(pageAt(spans, 120, 59)).toBe(60);
    expect(pageAt([], 50, null)).toBeNull();
  });

  it("points a hit at the page where the query's terms are", () => {
    const text = "a = b + c 수학식 조판 이야기\n\n여러 개의 식을 수직으로 정렬하는 방법";
    const spans = [
      { start: 0, page: 59 },
      { start: text.indexOf("여러"), page: 60 },
    ];
    expect(bestPage(text, spans, ["수직", "정렬"], 59)).toBe(60);
    expect(bestPage(text, spans, ["수학", "조판"], 59)).toBe(59);
    expect(bestPage(text, spans, ["없는말"], 59)).toBe(59);
  });
});
