import { describe, expect, it } from "vitest";
import { findRunningLines, type PageLines } from "./furniture.ts";

/** A page: its header at y=800, body lines below, and a footer at y=40. */
function page(number: number, header: string | null, body: string[], footer: string | null): PageLines {
  const lines = [];
  if (header !== null) lines.push({ text: header, y: 800 });
  // Body lines differ from page to page, as real ones do.
  body.forEach((text, index) => lines.push({ text: `${text} (${String.fromCharCode(64 + (number % 26) + 1)})`, y: 760 - index * 14 }));
  if (footer !== null) lines.push({ text: footer, y: 40 });
  return { page: number, lines };
}

function removed(pages: PageLines[]): string[] {
  return findRunningLines(pages).map(({ page, index }) => `${page}:${pages.find((p) => p.page === page)!.lines[index]!.text}`);
}

describe("findRunningLines", () => {
  it("finds alternating headers that carry the page number, and bare page-number footers, front matter included", () => {
    const pages = [
      page(3, null, ["감사의 말", "본문 첫 줄"], "iii"),
      page(4, "iv 감사의 말", ["본문"], null),
      page(5, null, ["서 문", "본문"], "v"),
      page(13, null, ["제 1 장", "알아두어야 할 기본 사항", "본문"], "1"),
      page(14, "2 알아두어야 할 기본 사항", ["본문"], null),
      page(15, "기초 3", ["본문"], null),
      page(16, "4 알아두어야 할 기본 사항", ["본문"], null),
      page(17, "LATEX 입력 파일 5", ["본문"], null),
      page(25, null, ["제 2 장", "텍스트의 조판", "본문"], "13"),
      page(37, null, ["제 3 장", "수학식 조판", "본문"], "25"),
    ];
    expect(removed(pages).sort()).toEqual(
      ["3:iii", "4:iv 감사의 말", "5:v", "13:1", "14:2 알아두어야 할 기본 사항", "15:기초 3", "16:4 알아두어야 할 기본 사항", "17:LATEX 입력 파일 5", "25:13", "37:25"].sort(),
    );
  });

  it("finds a letterhead of four lines repeated on every page, but not the body lines under it", () => {
    const letterhead = ["PERSONAL INFORMATION", "COLLECTION STATEMENT", "AMS SECURITY HAS A ZERO HARM POLICY", "BE SAFETY CONSCIOUS AT ALL TIMES"];
    const pages = [1, 2, 3, 4].map((number) => ({
      page: number,
      lines: [
        ...letterhead.map((text, index) => ({ text, y: 780 - index * 20 })),
        // Body lines differ from page to page; the third from the foot ends in the page's number, as a footer does,
        // under a second footer line repeated on every page.
        ...["Kinds of information", "We collect your name.", "We collect your address."].map((text, index) => ({
          text: index === 2 ? `${text} (${number})` : `${text} (${String.fromCharCode(65 + number)})`,
          y: 680 - index * 14,
        })),
        { text: "Uncontrolled when printed", y: 28 },
        { text: `Version 1: September 2025 ${number} |`, y: 14 },
      ],
    }));
    expect(removed(pages).filter((line) => line.startsWith("2:")).sort()).toEqual(
      [
        "2:PERSONAL INFORMATION",
        "2:COLLECTION STATEMENT",
        "2:AMS SECURITY HAS A ZERO HARM POLICY",
        "2:BE SAFETY CONSCIOUS AT ALL TIMES",
        "2:Uncontrolled when printed",
        "2:Version 1: September 2025 2 |",
      ].sort(),
    );
  });

  it("finds a header repeated without page numbers, but not chapter titles that share a numbering pattern", () => {
    const pages = [1, 2, 3, 4].map((number) => page(number, "How to use bzip2", [`제 ${number} 장`, "본문"], null));
    expect(removed(pages)).toEqual(["1:How to use bzip2", "2:How to use bzip2", "3:How to use bzip2", "4:How to use bzip2"]);
  });

  it("finds a repeated header that ends in a number on the one page where that number is the page's (a man page's \"JQ(1)\")", () => {
    // Page 1's header ends in "(1)" and so looks numbered there; on the other pages it is the same repeated text.
    const pages = [1, 2, 3, 4].map((number) => page(number, "mtx-context(1) ConTeXt Process Management mtx-context(1)", ["body"], `version 1.04 ${number}`));
    expect(removed(pages).filter((line) => line.includes("ConTeXt"))).toEqual([1, 2, 3, 4].map((number) => `${number}:mtx-context(1) ConTeXt Process Management mtx-context(1)`));
  });

  it("finds a footer with the page number between two words (law.go.kr's \"법제처 2 국가법령정보센터\") and a spread's header with two page numbers", () => {
    const law = [1, 2, 3, 4].map((number) => page(number, "중대재해 처벌 등에 관한 법률", ["제1조(목적) 본문"], `법제처 ${number} 국가법령정보센터`));
    expect(removed(law).filter((line) => line.includes("법제처"))).toEqual([1, 2, 3, 4].map((number) => `${number}:법제처 ${number} 국가법령정보센터`));
    // Two printed pages to a physical page: page 10 shows 14 and 15.
    const spread = [10, 11, 12].map((number) => page(number, null, ["본문", "둘째 줄", "셋째 줄"], `${2 * number - 5} HANIL Report ${2 * number - 6} HANIL Report`));
    expect(removed(spread)).toEqual(["10:15 HANIL Report 14 HANIL Report", "11:17 HANIL Report 16 HANIL Report", "12:19 HANIL Report 18 HANIL Report"]);
    // Pages picked out of a statute keep their printed numbers, which do not follow the pages: on most pages, it is a footer.
    const picked = [2, 9, 12, 31, 32].map((printed, index) => page(index + 1, null, ["본문", "둘째 줄", "셋째 줄"], `법제처 ${printed} 국가법령정보센터`));
    expect(removed(picked)).toEqual(["1:법제처 2 국가법령정보센터", "2:법제처 9 국가법령정보센터", "3:법제처 12 국가법령정보센터", "4:법제처 31 국가법령정보센터", "5:법제처 32 국가법령정보센터"]);
    // A chapter title's number inside the line does not follow the pages, so the title stays.
    const chapters = Array.from({ length: 25 }, (_, index) => index + 13).map((number) =>
      page(number, null, ["본문", "둘째 줄", "셋째 줄"], [13, 25, 37].includes(number) ? `제 ${(number - 1) / 12} 장 개요` : null),
    );
    expect(removed(chapters)).toEqual([]);
    // Nor a chapter title whose number happens to be its page's printed number (chapters 3, 4 and 5 open pages 3, 4 and 5).
    const printed = Array.from({ length: 8 }, (_, index) => index + 13).map((number) =>
      page(number, [15, 16, 17].includes(number) ? `제 ${number - 12} 장` : `${number - 12} 배포와 설치`, ["본문", "둘째 줄", "셋째 줄"], null),
    );
    expect(removed(printed).filter((line) => line.includes("장"))).toEqual([]);
  });

  it("finds a bank form's footer whose numbers sit inside words (\"(10-3) 5-202-0012(21.0×29.7) 중질지(재생용지)\") on most pages", () => {
    // Shinhan Bank's 상품설명서: each page's footer carries "(form pages-page)" and the form's stock number (another on
    // page 2); two forms of 10 and 11 pages are printed one after the other, so no number follows the physical pages.
    const footer = (number: number) =>
      `(${number <= 10 ? 10 : 11}-${number <= 10 ? number : number - 10}) 5-20${number === 2 ? "1-1636" : "2-0012"}(21.0×29.7) 중질지(재생용지) (2024. 02 개정) 신한은행은 친환경용지를 사용합니다.`;
    const pages = Array.from({ length: 21 }, (_, index) => index + 1).map((number) => page(number, null, ["본문", "둘째 줄", "셋째 줄"], number === 7 ? null : footer(number)));
    expect(removed(pages)).toEqual(Array.from({ length: 21 }, (_, index) => index + 1).filter((number) => number !== 7).map((number) => `${number}:${footer(number)}`));
    // Table captions at the foot of each page differ by more than their numbers: they stay.
    const few = [1, 2, 3, 4, 5, 6, 7, 8].map((number) => page(number, null, ["본문", "둘째 줄"], number <= 3 ? `표 ${number}-1 연도별 금리(${2020 + number}년)` : `표 ${number}-2 ${number % 2 === 0 ? "지역별" : "연령별"} 대출 잔액(${2020 + number}년)`));
    expect(removed(few)).toEqual([]);
  });

  it("reads \"(2/10)\" as a page number, and keeps a section title whose number matches another page offset than the page's own", () => {
    // KB's 상품설명서: two copies of a 10-page form (은행용, 고객용); each page's foot shows "(n/10)" under the form's
    // stock number; sections 1, 2, 6 and 7 open pages 2, 3, 7 and 8 of each copy, just under the running header.
    const sections: Record<number, string> = { 2: "1 수수료 등 비용부담 사항", 3: "2 금융소비자의 권리", 7: "6 원리금 납부 연체에 따른 불이익", 8: "7 계약기간 및 연장사항" };
    const pages: PageLines[] = Array.from({ length: 20 }, (_, index) => index + 1).map((number) => {
      const inForm = ((number - 1) % 10) + 1;
      const lines = [{ text: "[준법감시인 심의필 제2024-4907-1호]", y: 817 }];
      if (sections[inForm] !== undefined) lines.push({ text: sections[inForm]!, y: 783 });
      lines.push({ text: `본문 ${number}쪽 첫 줄`, y: 758 }, { text: `본문 ${number}쪽 둘째 줄`, y: 743 });
      lines.push({ text: "E009–229(210×297) 모조지70g/㎡ (2024. 10 개정) K11", y: 45 }, { text: `(${inForm}/10)`, y: 26 });
      return { page: number, lines };
    });
    const found = removed(pages);
    expect(found.filter((line) => /사항|권리|불이익/.test(line))).toEqual([]);
    expect(found.filter((line) => line.includes("/10)"))).toHaveLength(20);
    expect(found.filter((line) => line.includes("E009"))).toHaveLength(20);
    // KISA's 안내서 sets each chapter's second section under the running header as a large "2": the same number at
    // the same height on three pages is a section's number, not a page's.
    const guide: PageLines[] = Array.from({ length: 12 }, (_, index) => index + 7).map((number) => ({
      page: number,
      lines: [
        { text: number % 2 === 0 ? `Ⅰ. 보안인증제도 ·· ${number - 1}` : `${number - 1} ·· 보안인증제도 안내서`, y: 800 },
        ...([9, 13, 17].includes(number) ? [{ text: "2", y: 770 }] : []),
        { text: `본문 ${number}`, y: 700 },
        { text: `본문 ${number} 끝`, y: 100 },
      ],
    }));
    expect(removed(guide).filter((line) => line.endsWith(":2"))).toEqual([]);
  });

  it("finds the page number of a page with one or two lines (a chapter's last lines, a lone note), at the foot like the others", () => {
    // Asciidoctor PDF: a chapter ends with one admonition on a page of its own; its number "3" is that page's second line.
    const pages = [
      page(1, null, ["Introducing LiquiDoc", "Welcome to the manual", "Here you will learn"], "1"),
      { page: 2, lines: [{ text: "This document contains lots of jargon. See the Jargon Guide if you get lost.", y: 785 }, { text: "2", y: 40 }] },
      page(3, null, ["Appendix A: Jargon Guide", "This is the full list"], "3"),
      { page: 4, lines: [{ text: "4", y: 40 }] },
      page(5, null, ["Appendix B: NOTICE", "The following packages"], "5"),
    ];
    expect(removed(pages).sort()).toEqual(["1:1", "2:2", "3:3", "4:4", "5:5"]);
  });

  it("finds a running header that names the page's section, which changes too often to repeat (LaTeX book class)", () => {
    // Even pages carry "Chapter 2. C4 Architecture Model", odd ones the section ("2.1. Level 1 — System Context"),
    // set smaller than the text at one height; the numbers are at the foot. No header text is on three pages.
    const headers = ["2.1. Level 1 — System Context", "Chapter 2. C4 Architecture Model", "2.2. Level 2 — Container Diagram", "Chapter 2. C4 Architecture Model", "2.4. Level 4 — Key Code Flows", "Chapter 3. Design Decisions & Technology Rationale", "3.3. Tailwind CSS v4"];
    const pages: PageLines[] = headers.map((header, index) => ({
      page: 13 + index,
      lines: [
        { text: header, y: 785.8, fontSize: 10.9 },
        { text: `Body text of the ${"abcdefg"[index]} page runs on here.`, y: 744.9, fontSize: 12 },
        { text: "And a second line of the same paragraph.", y: 730.4, fontSize: 12 },
        { text: `${13 + index}`, y: 55.2, fontSize: 10.9 },
      ],
    }));
    const titles = ["2 C4 Architecture Model", "2.1 Level 1 — System Context", "2.2 Level 2 — Container Diagram", "2.3 Level 3 — Component Diagram", "2.4 Level 4 — Key Code Flows", "3 Design Decisions & Technology Rationale", "3.3 Tailwind CSS v4"];
    expect(findRunningLines(pages, titles).filter(({ position }) => position === "header").map(({ page, index }) => pages[page - 13]!.lines[index]!.text)).toEqual(headers);
    // Titles that open their pages at one height, set larger than the text (Asciidoctor PDF's chapters), stay.
    const chapters: PageLines[] = ["Setup", "Build", "Contribute", "Understand"].map((title, index) => ({
      page: index + 1,
      lines: [{ text: title, y: 782.4, fontSize: 22 }, { text: `Text of ${title} runs on here.`, y: 753.2, fontSize: 10.5 }, { text: `A second line about ${title}.`, y: 737.4, fontSize: 10.5 }],
    }));
    expect(findRunningLines(chapters, ["Setup", "Build", "Contribute", "Understand"])).toEqual([]);
  });

  it("leaves a body line alone when it repeats at different heights, and short documents alone", () => {
    const pages = [1, 2, 3].map((number) => ({ page: number, lines: [{ text: "Note", y: 700 - number * 50 }, { text: "body", y: 300 }] }));
    expect(removed(pages)).toEqual([]);
    expect(removed([page(1, "Header", ["a"], "1"), page(2, "Header", ["b"], "2")])).toEqual([]);
    // A rule drawn with dashes is a line of punctuation only.
    expect(removed([1, 2, 3].map((number) => page(number, "———", ["body"], "|"))).sort()).toEqual(["1:|", "1:———", "2:|", "2:———", "3:|", "3:———"]);
  });
});

describe("findRunningLines, slide titles", () => {
  const WORDS = ["고유값", "분해", "대각화", "편미분", "학습률", "사용자", "아이템", "잠재요인", "평점", "오차", "정규화"];
  /** A slide: its title at the top in large type, body lines, and a small copyright footer. */
  const slide = (number: number, title: string): PageLines => ({
    page: number,
    lines: [
      { text: title, y: 481, fontSize: 32 },
      { text: `${WORDS[number % WORDS.length]} 행렬을 ${WORDS[(number + 3) % WORDS.length]} 방법`, y: 360, fontSize: 20 },
      { text: `${WORDS[(number + 5) % WORDS.length]} 값으로 ${WORDS[(number + 7) % WORDS.length]} 갱신`, y: 330, fontSize: 20 },
      { text: "Copyrightⓒ. Saebyeol Yu. All Rights Reserved.", y: 17, fontSize: 8 },
    ],
  });

  it("keeps a deck's slide titles, repeated over the slides of one topic in large type, as content (they are the slides' sections)", () => {
    const pages = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((number) => slide(number, number <= 5 ? "1 SGD" : "2 ALS"));
    expect(removed(pages)).toEqual(pages.map(({ page }) => `${page}:Copyrightⓒ. Saebyeol Yu. All Rights Reserved.`));
  });

  it("still takes a large header on most pages for a running header (a report's banner)", () => {
    const pages = [1, 2, 3, 4, 5].map((number) => slide(number, "2024 업무 매뉴얼"));
    expect(removed(pages).filter((line) => line.endsWith("업무 매뉴얼"))).toHaveLength(5);
  });
});
