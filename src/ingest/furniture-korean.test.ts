import { describe, expect, it } from "vitest";
import { findRunningLines, type PageLines } from "./furniture.ts";

function removed(pages: PageLines[]): string[] {
  return findRunningLines(pages).map(({ page, index }) => `${page}:${pages.find((p) => p.page === page)!.lines[index]!.text}`);
}

describe("findRunningLines, a lecture deck (PowerPoint 2010)", () => {
  /** A slide: the topic's numbered title at the top, a bulleted subtitle, 16 pt bullets, and "- n -" at the foot. */
  const slide = (number: number, title: string, subtitle: string): PageLines => ({
    page: number,
    lines: [
      { text: title, y: 508, fontSize: 18 },
      { text: subtitle, y: 463, fontSize: 18 },
      { text: `• 배열 ${number}개를 만들고 모양을 바꾸는 방법 (${number}번째 예제)`, y: 433, fontSize: 16 },
      { text: `• ${"거너더러머버서어저처커터"[number - 1]} 원소의 개수는 그대로 유지되며 데이터 타입도 같다`, y: 403, fontSize: 16 },
      { text: `• ${"가나다라마바사아자차카타"[number - 1]}열을 기준으로 설명을 이어서 적는 셋째 줄의 글`, y: 373, fontSize: 16 },
      { text: `- ${number} -`, y: 7, fontSize: 10 },
    ],
  });

  it("keeps numbered topic titles and bulleted subtitles a little larger than the bullets as the slides' sections, not running headers", () => {
    const pages = Array.from({ length: 12 }, (_, index) => index + 1).map((number) =>
      slide(number, number <= 6 ? "1. Numpy" : "2. Pandas", number <= 3 ? "❖ Array shape" : number <= 6 ? "❖ Array 연산" : "❖ Series"),
    );
    expect(removed(pages)).toEqual(pages.map(({ page }) => `${page}:- ${page} -`));
  });

  it("still takes an unnumbered header a little larger than the text, on a few pages, for a running header", () => {
    const pages = Array.from({ length: 12 }, (_, index) => index + 1).map((number) => slide(number, number <= 6 ? "한국저작권보호원" : "사내 교육 자료", "❖ 개요"));
    expect(removed(pages).filter((line) => /보호원|교육 자료/.test(line))).toHaveLength(12);
  });
});
