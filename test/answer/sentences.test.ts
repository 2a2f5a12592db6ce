import { describe, expect, it } from "vitest";
import { sentenceSpans } from "../../src/answer/sentences.ts";

const quotes = (text: string) => sentenceSpans(text).map((span) => text.slice(span.start, span.end));

describe("sentenceSpans", () => {
  it("ends a Korean sentence at 다./요./음. even with no space after it", () => {
    expect(quotes("휴가는 3일 전까지 신청한다.팀장이 승인하면 확정됩니다.승인 여부는 메일로 알려드림.")).toEqual([
      "휴가는 3일 전까지 신청한다.",
      "팀장이 승인하면 확정됩니다.",
      "승인 여부는 메일로 알려드림.",
    ]);
  });

  it("ends a Korean sentence after a footnote mark that PDF text puts after its full stop", () => {
    expect(quotes("이 명령은 줄나눔을 행한다.2 다음 명령은 페이지나눔 없이 줄을 나눈다.")).toEqual([
      "이 명령은 줄나눔을 행한다.2",
      "다음 명령은 페이지나눔 없이 줄을 나눈다.",
    ]);
  });

  it("quotes list items without their bullets, and keeps numbered steps and options whole", () => {
    const text = "● The main dialog is similar to 5.0.\n• 색 조정 대화상자도 비슷하다.\n1. 첫 단계를 실행한다.\n-t --test Check integrity of the files.";
    expect(quotes(text)).toEqual([
      "The main dialog is similar to 5.0.",
      "색 조정 대화상자도 비슷하다.",
      "1. 첫 단계를 실행한다.",
      "-t --test Check integrity of the files.",
    ]);
  });

  it("keeps each table row and each command line a span of its own", () => {
    const text = "명령어 출력 설명\n\\today March 17, 2021 오늘 날짜\napt update\napt install foo";
    expect(quotes(text)).toEqual(["명령어 출력 설명", "\\today March 17, 2021 오늘 날짜", "apt update", "apt install foo"]);
  });

  it("returns verbatim slices of the text", () => {
    const text = "  ● First item here.  \n\n Second: a clause, and more.  ";
    for (const span of sentenceSpans(text)) expect(text.slice(span.start, span.end).trim()).toBe(text.slice(span.start, span.end));
  });
});
