import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.ts";

function sentences(text: string): string[] {
  return splitSentences(text).map((span) => text.slice(span.start, span.end));
}

describe("splitSentences", () => {
  it("splits English sentences at . ! and ?", () => {
    expect(sentences("It works. Does it? Yes!  Good.")).toEqual(["It works.", "Does it?", "Yes!", "Good."]);
  });

  it("splits Korean sentences after Hangul endings", () => {
    expect(sentences("데비안은 자유 소프트웨어입니다. 무엇인가요? 좋아요! 그렇죠. 끝")).toEqual([
      "데비안은 자유 소프트웨어입니다.",
      "무엇인가요?",
      "좋아요!",
      "그렇죠.",
      "끝",
    ]);
  });

  it("does not split inside a Korean date written with periods (2019. 2. 28.)", () => {
    // A real tax ruling (HWP): "…업무가 종료된 2019. 2. 28.경이라고 봄이 타당하므로 …" was quoted up to "2019.".
    expect(sentences("업무가 종료된 2019. 2. 28.경이라고 봄이 타당하다. 처분은 2020. 12. 1. 이루어졌다. 총 3건이다. 2. 다음")).toEqual([
      "업무가 종료된 2019. 2. 28.경이라고 봄이 타당하다.",
      "처분은 2020. 12. 1. 이루어졌다.",
      "총 3건이다.",
      "2. 다음",
    ]);
  });

  it("does not split after a year abbreviated with an apostrophe ('25.) or a year before a month written in Hangul (2025. 5월)", () => {
    // A 공공기관's 품질관리 추진계획 (HWP): "□ (운영기간) ‘25. 5월 ~ 10월" was quoted as "(운영기간) ‘25.".
    expect(sentences("□ (운영기간) ‘25. 5월 ~ 10월 * 실태평가 완료시까지")).toEqual(["□ (운영기간) ‘25. 5월 ~ 10월 * 실태평가 완료시까지"]);
    expect(sentences("□ (기간) '26. 상반기 중 실시")).toEqual(["□ (기간) '26. 상반기 중 실시"]);
    expect(sentences("○ 2025. 5월부터 시행한다. 다음 문장이다.")).toEqual(["○ 2025. 5월부터 시행한다.", "다음 문장이다."]);
  });

  it("does not split after a Korean date's month when the date has no day (2023. 7. ~ 2024. 7.)", () => {
    // 인사혁신처's 모집 공고 (HWPX): "◇ 활동기간 : 2023. 7. ~ 2024. 7.(1년)" was quoted as "활동기간 : 2023. 7.".
    expect(sentences("◇ 활동기간 : 2023. 7. ~ 2024. 7.(1년)")).toEqual(["◇ 활동기간 : 2023. 7. ~ 2024. 7.(1년)"]);
    expect(sentences("사업은 2025. 12. 이후 시작한다. 총 3건이다. 2. 다음")).toEqual(["사업은 2025. 12. 이후 시작한다.", "총 3건이다.", "2. 다음"]);
  });

  it("splits at the ideographic full stop", () => {
    expect(sentences("첫 문장입니다。 둘째 문장입니다。")).toEqual(["첫 문장입니다。", "둘째 문장입니다。"]);
  });

  it("does not split after common abbreviations, initials or dotted acronyms", () => {
    expect(sentences("See Fig. 3 and e.g. the table. Mr. Kim met J. R. Smith in the U.S. Then he left.")).toEqual([
      "See Fig. 3 and e.g. the table.",
      "Mr. Kim met J. R. Smith in the U.S. Then he left.",
    ]);
    expect(sentences("Use No. 5 first. Done.")).toEqual(["Use No. 5 first.", "Done."]);
  });

  it("does not split decimals or version numbers", () => {
    expect(sentences("The ratio is 3.14 today. Version 2.0.1 is out.")).toEqual([
      "The ratio is 3.14 today.",
      "Version 2.0.1 is out.",
    ]);
  });

  it("does not split before a lower-case word, which marks an unknown abbreviation", () => {
    expect(sentences("It takes approx. five minutes. Next step.")).toEqual([
      "It takes approx. five minutes.",
      "Next step.",
    ]);
  });

  it("does not end a sentence at a macro name's exclamation mark before a lower-case word", () => {
    expect(sentences("You can use the + operator or the format! macro to concatenate String values. It works.")).toEqual([
      "You can use the + operator or the format! macro to concatenate String values.",
      "It works.",
    ]);
    // An exclamation after a word still ends the sentence before a capital, and always after Hangul.
    expect(sentences("Stop! Then go. 좋아요! 다음으로 갑니다.")).toEqual(["Stop!", "Then go.", "좋아요!", "다음으로 갑니다."]);
  });

  it("keeps list markers that start a sentence with what they mark", () => {
    expect(sentences("1., i. 또는 I.를 입력하여 번호 매기기 목록을 시작합니다. * 또는 -를 입력합니다.")).toEqual([
      "1., i. 또는 I.를 입력하여 번호 매기기 목록을 시작합니다.",
      "* 또는 -를 입력합니다.",
    ]);
    expect(sentences("a. Install the package. Then run it.")).toEqual(["a. Install the package.", "Then run it."]);
    // A one-letter word ends a sentence that has words of its own.
    expect(sentences("The count is called n. Then it grows.")).toEqual(["The count is called n.", "Then it grows."]);
  });

  it("keeps a Korean item's mark (\"가.\", \"나.\") with its item, while a one-syllable word still ends a sentence", () => {
    expect(sentences("나. 안전보건관리책임자등이 업무를 충실하게 수행하는지를 반기 1회 이상 평가ㆍ관리할 것")).toEqual([
      "나. 안전보건관리책임자등이 업무를 충실하게 수행하는지를 반기 1회 이상 평가ㆍ관리할 것",
    ]);
    expect(sentences("가. 사망자가 1명 이상 발생. 다. 추가 피해방지를 위한 조치")).toEqual(["가. 사망자가 1명 이상 발생.", "다. 추가 피해방지를 위한 조치"]);
    expect(sentences("그럼 가. 이제 다 왔다.")).toEqual(["그럼 가.", "이제 다 왔다."]);
  });

  it("keeps a leading list number with its item", () => {
    expect(sentences("1. Install the package. 2. Run it.")).toEqual(["1. Install the package.", "2. Run it."]);
  });

  it("keeps closing quotes and brackets with the sentence they close", () => {
    expect(sentences('He said "Stop." Then he left. (This is an aside.) 그는 "좋아요."라고 말했다. 끝.')).toEqual([
      'He said "Stop."',
      "Then he left.",
      "(This is an aside.)",
      '그는 "좋아요."라고 말했다.',
      "끝.",
    ]);
  });

  it("treats newlines as hard boundaries", () => {
    expect(sentences("first line without a mark\nsecond line\n\n  third. fourth")).toEqual([
      "first line without a mark",
      "second line",
      "third. fourth",
    ]);
  });

  it("returns trimmed spans with the offset applied, leaving only whitespace uncovered", () => {
    const text = "  One.   Two?\n\tThree  ";
    const spans = splitSentences(text, 100);
    expect(spans).toEqual([
      { start: 102, end: 106 },
      { start: 109, end: 113 },
      { start: 115, end: 120 },
    ]);
    let uncovered = text;
    for (const span of [...spans].reverse()) {
      uncovered = uncovered.slice(0, span.start - 100) + uncovered.slice(span.end - 100);
    }
    expect(uncovered.trim()).toBe("");
  });

  it("with ellipsisGoesOn, does not end a sentence inside a spaced ellipsis (\\documentclass[. . . ], \"the options . . . follow\")", () => {
    const text = "1. Global: \\documentclass[. . . ] (e. g. driver)\nThe options . . . follow the class. Then the package.";
    const spans = splitSentences(text, 0, { ellipsisGoesOn: true }).map((span) => text.slice(span.start, span.end));
    expect(spans).toEqual([
      "1. Global: \\documentclass[. . . ] (e. g. driver)",
      "The options . . . follow the class.",
      "Then the package.",
    ]);
    // The chunker's default is unchanged.
    expect(sentences(text)).toContain("1. Global: \\documentclass[.");
  });

  it("returns nothing for empty or whitespace-only text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences(" \n\t ")).toEqual([]);
  });
});
