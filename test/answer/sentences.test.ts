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

  it("keeps a spaced ellipsis inside its sentence (\\documentclass[. . . ])", () => {
    const text = "There are four places for options:\n1. Global: \\documentclass[. . . ] (e. g. driver)\n2. Package: \\usepackage[. . . ]";
    expect(sentenceSpans(text).map((span) => text.slice(span.start, span.end))).toEqual([
      "There are four places for options:",
      "1. Global: \\documentclass[. . . ] (e. g. driver)",
      "2. Package: \\usepackage[. . . ]",
    ]);
  });

  it("ends a Korean sentence after a footnote mark that PDF text puts after its full stop", () => {
    expect(quotes("이 명령은 줄나눔을 행한다.2 다음 명령은 페이지나눔 없이 줄을 나눈다.")).toEqual([
      "이 명령은 줄나눔을 행한다.2",
      "다음 명령은 페이지나눔 없이 줄을 나눈다.",
    ]);
  });

  it("keeps a sentence just over the quote length whole, and never cuts inside brackets", () => {
    const nmu =
      "Usually this means that other developers are allowed to NMU (see Non-Maintainer Uploads (NMUs)) your package " +
      "if a big problem (release critical bug, security update, etc.) occurs while you're on vacation.";
    const owner =
      "So although let s3 = s1 + &s2; looks like it will copy both strings and create a new one, this statement " +
      "actually takes ownership of s1, appends a copy of the contents of s2, and then returns ownership of the result.";
    expect(quotes(`${nmu} Next.`)).toEqual([nmu, "Next."]);
    expect(quotes(owner)).toEqual([owner]);
    // A much longer one is still cut, at a clause outside brackets.
    const long = `${"The first part of this sentence goes on (with an aside, and more) ".repeat(3)}and then, finally, it ends here ${"after many more words ".repeat(4)}today.`;
    const pieces = quotes(long);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(250);
      expect((piece.match(/\(/g) ?? []).length).toBe((piece.match(/\)/g) ?? []).length);
    }
  });

  it("keeps an asterisk or a hyphen that starts a sentence mid-line: it is what the sentence is about, not a bullet", () => {
    expect(quotes("1., i. 또는 I.를 입력하여 목록을 시작합니다. * 또는 -를 입력하여 글머리 기호 목록을 시작합니다.\n* 다음 항목.")).toEqual([
      "1., i. 또는 I.를 입력하여 목록을 시작합니다.",
      "* 또는 -를 입력하여 글머리 기호 목록을 시작합니다.",
      "다음 항목.",
    ]);
    expect(quotes("First item done. • Second item here.")).toEqual(["First item done.", "Second item here."]);
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

  it("keeps a phone extension (ext. 4357, Tel. 02-…) inside its sentence", () => {
    expect(quotes("If you're locked out, contact the helpdesk at ext. 4357. Call Tel. 02-555-0100 after hours.")).toEqual([
      "If you're locked out, contact the helpdesk at ext. 4357.",
      "Call Tel. 02-555-0100 after hours.",
    ]);
  });

  it("goes on after a question or exclamation mark inside quotation marks that the sentence goes on from", () => {
    // A button's or a link's label quoted mid-sentence ends nothing: the sentence goes on after its closing quote.
    expect(quotes('로그인 화면에서 "비밀번호를 잊으셨나요?" 링크를 클릭하고 이메일을 입력하세요. 재설정 링크가 발송됩니다.')).toEqual([
      '로그인 화면에서 "비밀번호를 잊으셨나요?" 링크를 클릭하고 이메일을 입력하세요.',
      "재설정 링크가 발송됩니다.",
    ]);
    expect(quotes('Click "Forgot password?" on the sign-in page. Then check your mail.')).toEqual([
      'Click "Forgot password?" on the sign-in page.',
      "Then check your mail.",
    ]);
    // A quoted question that is a sentence of its own still ends, and so does one followed by a new sentence.
    expect(quotes('"비밀번호를 잊으셨나요?" 다음 안내를 따르세요.')).toEqual(['"비밀번호를 잊으셨나요?"', "다음 안내를 따르세요."]);
    expect(quotes('He asked "Why?" Nobody answered.')).toEqual(['He asked "Why?"', "Nobody answered."]);
    expect(quotes("Is it on? Check the light.")).toEqual(["Is it on?", "Check the light."]);
  });

  it("keeps a bracketed remark after a sentence's full stop with that sentence", () => {
    // "(== Open Resource 기능)" says what the key of the sentence before it does; alone it is a stub.
    expect(quotes("프로젝트를 선택한 뒤 `ctrl + shift + r` 을 누르자. (== Open Resource 기능)\n2. 검색어를 입력한다.")).toEqual([
      "프로젝트를 선택한 뒤 `ctrl + shift + r` 을 누르자. (== Open Resource 기능)",
      "2. 검색어를 입력한다.",
    ]);
    expect(quotes("Restart the service. (This takes a minute.) Then log in.")).toEqual([
      "Restart the service. (This takes a minute.)",
      "Then log in.",
    ]);
    // A long bracketed note is a sentence of its own.
    expect(quotes("4. 귀교 후 확인서를 제출해야 한다. (확인서에는 반드시 해당병원의 직인이 찍혀 있어야 함)")).toEqual([
      "4. 귀교 후 확인서를 제출해야 한다.",
      "(확인서에는 반드시 해당병원의 직인이 찍혀 있어야 함)",
    ]);
    // A bracketed number ending the line labels the next item.
    expect(quotes("③ 결과를 임원에게 보고하여야 한다. (1)")).toEqual(["③ 결과를 임원에게 보고하여야 한다.", "(1)"]);
    // A bracketed line of its own is no remark on the line before it.
    expect(quotes("Restart the service.\n(optional) Clear the cache.")).toEqual(["Restart the service.", "(optional) Clear the cache."]);
  });

  it("returns verbatim slices of the text", () => {
    const text = "  ● First item here.  \n\n Second: a clause, and more.  ";
    for (const span of sentenceSpans(text)) expect(text.slice(span.start, span.end).trim()).toBe(text.slice(span.start, span.end));
  });
});
