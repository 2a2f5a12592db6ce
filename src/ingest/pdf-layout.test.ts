import { describe, expect, it } from "vitest";
import { dropScriptGapSpaces, itemsToLines, layOutPages, outlineIsStructure, shiftedHangulFonts, unshiftHangul, type Line } from "./pdf-layout.ts";

describe("shiftedHangulFonts", () => {
  it("finds a font whose Latin letters extract as one block of Hangul syllables and puts them back", () => {
    const items = [
      { str: "ko", fontName: "sans" },
      { str: "줮쥔쥅쥘", fontName: "t1" },
      { str: "은 한국어 조판의 표준으로 자리잡은 지도 어언 수년이 흘렀다", fontName: "myeongjo" },
      { str: "줱줮줲 쥃쥔쥁쥎", fontName: "t1" },
      { str: "줬쥐즈지진질집짓", fontName: "myeongjo-c9" },
      { str: "줮쥔", fontName: "few" },
    ];
    const shifted = shiftedHangulFonts(items);
    expect([...shifted]).toEqual([["t1", 0xc900]]);
    expect(unshiftHangul("ko줮쥔쥅쥘을 줱줮줲 쥃쥔쥁쥎 줐케이오텍중", 0xc900)).toBe("ko.TEX을 1.2 CTAN \u201c케이오텍\u201d");
  });

  it("leaves a real Korean font alone even when a page uses few of its syllables", () => {
    expect(shiftedHangulFonts([{ str: "줬다 쥐 줬고 쥐가", fontName: "c9" }]).size).toBe(0);
    expect(shiftedHangulFonts([{ str: "줮쥔쥅쥘줱줲쥃쥁", fontName: undefined }]).size).toBe(0);
    expect(shiftedHangulFonts([{ str: "줱줲줳줴줵줶줷줸", fontName: "digits" }]).size).toBe(0);
  });
});

describe("layOutPages without an outline", () => {
  const line = (text: string, x: number, y: number): Line => ({ text, x, endX: x + text.length * 5, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false });

  it("takes a man page's section titles for headings: upper-case lines set out to the left of the text (groff -man -Tpdf)", () => {
    // The layout of jq(1) typeset by gropdf: section titles at x 72, their text indented to 108.
    const lines = [
      line("NAME", 72, 760),
      line("jq - Command-line JSON processor", 108, 747),
      line("SYNOPSIS", 72, 731),
      line("jq [options...] filter [files...]", 108, 718),
      line("DESCRIPTION", 72, 702),
      line("jq can transform JSON in various ways, by selecting, iterating, reducing and otherwise", 108, 689),
      line("mangling JSON documents. The options are listed in the table below.", 108, 677),
      line("NOTE", 108, 661),
      line("Options marked with an asterisk take an argument.", 108, 648),
      line("BASIC FILTERS", 72, 632),
      line("Identity: .", 90, 619),
      line("The absolute simplest filter is . . This is a filter that takes its input and produces it", 108, 606),
      line("unchanged as output. That is, this is the identity operator.", 108, 594),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => [block.text, block.level])).toEqual([
      ["NAME", 1],
      ["SYNOPSIS", 1],
      ["DESCRIPTION", 1],
      ["BASIC FILTERS", 1],
    ]);
  });
  it("does not take an SQL listing's upper-case lines at the listing's margin for titles (an IBM Redbook's example)", () => {
    // The prose is indented to 152; the listing starts left of it at 137, its WHEN/THEN lines indented under CASE.
    const prose = [
      "To implement this column mask, run the SQL statement that is shown in the example below. The",
      "statement creates the mask and enables it; the mask applies once access control is activated.",
    ].map((text, index) => line(text, 152, 760 - index * 12));
    const listing = [
      line("CREATE MASK HR_SCHEMA.MASK_TAX_ID_ON_EMPLOYEES", 137, 730),
      line("FOR COLUMN TAX_ID", 137, 718),
      line("RETURN", 137, 706),
      line("CASE", 137, 694),
      line("WHEN VERIFY_GROUP_FOR_USER ( SESSION_USER , 'HR' ) = 1", 162, 682),
      line("THEN EMPLOYEES . TAX_ID", 162, 670),
      line("ELSE 'XXX-XX-XXXX'", 162, 658),
      line("END", 137, 646),
      line("ENABLE ;", 137, 634),
    ];
    const after = [
      "Now that you have created the row permission and the two column masks, access control must be",
      "activated on the table. To do so, complete the following steps in the navigator of the system.",
      "The row permission and the two column masks are enabled by the last clause in the scripts.",
    ].map((text, index) => line(text, 152, 610 - index * 12));
    const { blocks } = layOutPages([{ page: 1, lines: [...prose, ...listing, ...after] }], []);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => block.text)).toEqual([]);
  });

  it("does not take a numbered table row for a heading: '1 VPN Banner Banner 확인 1.5' in a 채점기준 table (한글)", () => {
    const row = (y: number, cells: Array<[string, number, number]>): Line => ({
      text: cells.map(([text]) => text).join(" "),
      x: cells[0]![1],
      endX: cells.at(-1)![2],
      y,
      fontSize: 10,
      spaceAtStart: false,
      spaceAtEnd: false,
      cells: cells.map(([text, x, endX]) => ({ text, x, endX, fontSize: 10 })),
    });
    const lines = [
      row(695.5, [["번호", 84, 103], ["채점 기준", 149, 193], ["내용", 347, 367], ["배점", 497, 517]]),
      row(664, [["1", 91, 96], ["VPN Banner", 144, 198], ["Banner 확인", 329, 385], ["1.5", 500, 513]]),
      row(597.3, [["3", 91, 96], ["NLB 보안 확인", 323, 391], ["1.5", 500, 513]]),
      row(564, [["4", 91, 96], ["VPN 정상 구성 확인", 310, 404], ["1.5", 500, 513]]),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.filter((block) => block.kind === "heading")).toEqual([]);
  });

  it("takes a centred 제N장 set in the text's size, close under the article before it, for a chapter title (한글 2022's 규정)", () => {
    // 한국인터넷진흥원 인사규정 p2: the chapter title centred between the margins (85–510), as near the line above as
    // the lines of an article are to each other, with a blank line's space under it.
    const at = (text: string, x: number, y: number, endX: number): Line => ({ text, x, endX, y, fontSize: 10.6, spaceAtStart: false, spaceAtEnd: false });
    const lines = [
      at("제1장 총칙", 270.3, 760, 324.3),
      at("제4조(임면권자) 모든 직원은 원장이 임면한다. 다만, 필요한 경우에는 임면에 관한 권", 85, 722.3, 510),
      at("한을 위임할 수 있다.", 96.1, 704.5, 198.1),
      at("제2장 채용", 270.3, 686.7, 324.3),
      at("제5조(채용방법) ① 직원의 채용은 공개경쟁을 원칙으로 한다. 다만, 특별한 사유가 있는", 85, 649, 510.1),
      at("경우에는 특별채용을 할 수 있다.", 96.1, 630.6, 255.8),
      at("제6조(직원의 수습) 원장은 직원을 신규 채용하는 경우에는 일정기간 동안 수습을 명할", 85, 612.3, 510.1),
      at("수 있다.", 96.1, 594, 130),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => [block.text, block.level])).toEqual([
      ["제1장 총칙", 1],
      ["제2장 채용", 1],
    ]);
  });
});

describe("layOutPages, two columns", () => {
  const line = (text: string, x: number, y: number, fontSize = 10): Line => ({ text, x, endX: x + 230, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("keeps a sentence that runs on into the next column whole, and puts the footnote at the column's foot after it", () => {
    // A TUGboat article's page 1: the left column ends mid-sentence above a footnote; the right column goes on.
    const left = [
      "babelbib has been developed in order to be extendable to",
      "more languages in cooperation with the babel package. The",
      "author would be grateful for any offers of assistance with",
      "adding more languages. How this can be done is described",
      "in section 4. The",
    ].map((text, index) => line(text, 72, 700 - index * 12));
    const footnote = [
      line("1 In some languages, not all names for other languages are", 72, 110, 8),
      line("present, yet.", 72, 101, 8),
    ];
    const right = [
      "current version only runs with LaTeX 2e. babelbib provides",
      "commands to change the typography of a bibliography.",
    ].map((text, index) => line(text, 320, 700 - index * 12));
    const body = ["With babelbib, replacements for the standard BibTeX styles", "are shipped with the package."].map((text, index) => line(text, 320, 670 - index * 12));
    const { blocks } = layOutPages([{ page: 1, lines: [...left, ...footnote, ...right, ...body] }], []);
    const texts = blocks.map((block) => block.text);
    expect(texts[0]).toContain("described in section 4. The current version only runs with LaTeX 2e.");
    expect(texts.indexOf("1 In some languages, not all names for other languages are present, yet.")).toBeGreaterThan(0);
    // A new column that starts a sentence of its own is still a paragraph of its own.
    expect(texts.at(-1)).toBe("With babelbib, replacements for the standard BibTeX styles are shipped with the package.");
  });
});

describe("layOutPages, numbered headings in the body's size", () => {
  const line = (text: string, y: number): Line => ({ text, x: 72, endX: 72 + text.length * 5, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false });

  it("takes a numbered title standing alone for a heading (LaTeX article headings in bold body size, no outline), not a numbered sentence", () => {
    const text = (first: string, y: number) => [first, "is set in paragraphs that run over several lines of the", "page with the usual spacing between them as body text does."].map((part, index) => line(part, y - index * 12));
    const pages = [
      {
        page: 1,
        lines: [
          line("2 Multilingual bibliographies", 700),
          line("2.1 Available packages", 680),
          ...text("The restriction to one bibliography language", 660),
          line("3 packages were tested.", 610),
          ...text("The second paragraph of the section", 590),
          line("2.2 Different approaches", 540),
          ...text("Two approaches are possible for bibliographies", 520),
        ],
      },
    ];
    const { blocks } = layOutPages(pages, []);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => [block.text, block.level])).toEqual([
      ["2 Multilingual bibliographies", 1],
      ["2.1 Available packages", 2],
      ["2.2 Different approaches", 2],
    ]);
  });
});

describe("layOutPages, figures set large", () => {
  it("does not take a report's call-out figure ('2.5 kilograms CO₂e/boe' at 45 pt) for a numbered heading", () => {
    const line = (text: string, y: number, fontSize: number): Line => ({ text, x: 72, endX: 400, y, fontSize, spaceAtStart: false, spaceAtEnd: false });
    const body = ["We are investing to grow in the region, where natural gas production is helping to reduce", "emissions and improve air quality, and the fields export natural gas to neighbouring countries."];
    const lines = [
      ...body.map((text, index) => line(text, 700 - index * 14, 10)),
      line("2.5 kilograms CO₂e/boe", 620, 45),
      line("carbon intensity from our operations in 2022", 580, 9),
      line("3 Operations in the region", 540, 14),
      ...body.map((text, index) => line(text, 520 - index * 14, 10)),
      line("3.1 enumerate and itemize", 480, 12),
      ...body.map((text, index) => line(text, 450 - index * 14, 10)),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => block.text)).toEqual(["3 Operations in the region", "3.1 enumerate and itemize"]);
  });
});

describe("layOutPages, titles set larger without an outline", () => {
  it("takes unnumbered lines set larger and apart for titles, ranked by size (a Word PDF saved without bookmarks), not larger-type paragraphs", () => {
    const line = (text: string, y: number, fontSize: number, x = 72): Line => ({ text, x, endX: x + text.length * 6, y, fontSize, spaceAtStart: false, spaceAtEnd: false });
    const paragraph = (first: string, y: number) =>
      [first, "the word processor predates modern computers and has evolved through several technological", "milestones that are described in the sections of this chapter, one after the other."].map(
        (text, index) => line(text, y - index * 14, 12),
      );
    const page1 = [
      line("The Evolution of the Word Processor", 760, 12),
      ...paragraph("The concept of", 732),
      line("Typewriters and Tape", 680, 16),
      line("Pre-Digital Era (19th - Early", 650, 13.4),
      line("20th Century)", 634, 13.4),
      ...paragraph("The origins of", 606),
      // A lead paragraph in larger type: four lines, not a title.
      ...["Word processing changed how offices", "worked, how letters were written and", "how books were made, in a few short", "decades of the twentieth century"].map((text, index) => line(text, 540 - index * 16, 13.4)),
      ...paragraph("During this period", 460),
      line("Early machines were standalone.", 410, 13.4),
      line("Figures set larger", 396, 13.4),
      ...paragraph("Early word processors", 380),
      line("The Birth of Word Processing (1960s - 1970s)", 320, 13.4),
      ...paragraph("The term word processor", 290),
    ];
    // A report's call-out figure, set larger and apart, is not a title.
    const page2 = [line("2,32,822 New jobs created", 820, 13.4), line("Julian Seward, https://sourceware.org/bzip2/", 790, 13.4), ...paragraph("Personal computers", 760), ...paragraph("The advent of", 700), line("The Modern Era", 640, 16), ...paragraph("Microsoft Word", 610)];
    // The rest of the document's text, in the body's size.
    const page3 = [760, 700, 640, 580, 520, 460, 400, 340].flatMap((y) => paragraph("Later on", y));
    const { blocks } = layOutPages([{ page: 1, lines: page1 }, { page: 2, lines: page2 }, { page: 3, lines: page3 }], []);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => [block.text, block.level])).toEqual([
      ["Typewriters and Tape", 1],
      ["Pre-Digital Era (19th - Early 20th Century)", 2],
      ["The Birth of Word Processing (1960s - 1970s)", 2],
      ["The Modern Era", 1],
    ]);
  });
});

describe("layOutPages, a document whose body size is set by its tables", () => {
  const line = (text: string, y: number, fontSize: number, x = 72): Line => ({ text, x, endX: x + text.length * fontSize * 0.9, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("does not take a clause's numbered items for headings on a page set larger than the document's many pages of 9 pt tables", () => {
    const table = (page: number) => ({
      page,
      lines: Array.from({ length: 30 }, (_, row) => line(`요금제 ${row + 1} 월정액 55,000원 데이터 무제한 음성 기본제공 부가통화 300분 영상 30분`, 760 - row * 14, 9)),
    });
    const clauses = {
      page: 3,
      lines: [
        line("제2장 계약체결", 740, 10),
        line("제5조 (전화번호 부여 및 변경)", 710, 10),
        line("① 회사는 부여 가능한 전화번호 중에서 신청자가 선택하는 번호를 부여하거나 또는 추첨을 통해", 692, 10),
        line("부여할 수 있습니다.", 675, 10, 92),
        line("② 회사는 다음 각 호의 1에 해당하는 경우에는 이용고객의 전화번호를 변경 할 수 있습니다.", 646, 10),
        line("1. 공익목적 수행상 전화번호의 통일을 필요로 하는 경우", 617, 10, 97),
        line("2. 수용구역 변경 등 회사의 기술상 부득이한 경우", 588, 10, 97),
        line("③ 회사는 제2항의 규정에 의한 전화번호의 변경 시에는 변경예정일 30일전까지 전화번호의", 559, 10),
        line("변경사유, 변경예정번호 및 변경예정일을 해당 이용고객에게 통보하여야 합니다. 단, 이용고객의", 542, 10, 92),
        line("책임 있는 사유로 인하여 통보할 수 없을 때에는 영업점에 게시함으로써 통보한 것으로 봅니다.", 525, 10, 92),
      ],
    };
    const { blocks } = layOutPages([table(1), table(2), clauses], []);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => block.text)).toEqual(["제2장 계약체결"]);
    expect(blocks.map((block) => block.text)).toContain("1. 공익목적 수행상 전화번호의 통일을 필요로 하는 경우");
  });
});

describe("layOutPages, a statute printed from law.go.kr", () => {
  const line = (text: string, x: number, endX: number, y: number): Line => ({ text, x, endX, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false });
  const lines = [
    line("제1장 총칙", 54.6, 103.6, 612.5),
    line("제1조(목적) 이 법은 사업 또는 사업장, 공중이용시설 및 공중교통수단을 운영하거나 인체에 해로운 원료나 제조물을", 34, 553.4, 586.5),
    line("취급하면서 안전ㆍ보건 조치의무를 위반하여 인명피해를 발생하게 한 사업주, 경영책임자, 공무원 및 법인의 처벌", 46, 552.5, 570.5),
    line("등을 규정함으로써 중대재해를 예방하고 시민과 종사자의 생명과 신체를 보호함을 목적으로 한다.", 46, 483.3, 554.5),
    line("제2조(정의) 이 법에서 사용하는 용어의 뜻은 다음과 같다.", 34, 292.3, 528.5),
    line("2. “중대산업재해”란 「산업안전보건법」 제2조제1호에 따른 산업재해 중 다음 각 목의 어느 하나에 해당하는 결과를", 50, 565, 512.5),
    line("야기한 재해를 말한다.", 60, 159.5, 496.5),
    line("가. 사망자가 1명 이상 발생", 60, 181.7, 480.5),
    line("나. 동일한 사고로 6개월 이상 치료가 필요한 부상자가 2명 이상 발생", 60, 368.3, 464.5),
    line("다. 동일한 유해요인으로 급성중독 등 대통령령으로 정하는 직업성 질병자가 1년 이내에 3명 이상 발생", 60, 518.8, 448.5),
    line("3. “중대시민재해”란 특정 원료 또는 제조물, 공중이용시설 또는 공중교통수단의 설계, 제조, 설치, 관리상의 결함을", 50, 565, 432.5),
    line("원인으로 하여 발생한 재해로서 다음 각 목의 어느 하나에 해당하는 결과를 야기한 재해를 말한다. 다만, 중대산", 60, 565, 416.5),
    line("업재해에 해당하는 재해는 제외한다.", 60, 224.8, 400.5),
    line("4. “공중이용시설”이란 다음 각 목의 시설 중 시설의 규모나 면적 등을 고려하여 대통령령으로 정하는 시설을 말한", 50, 565, 384.5),
    line("다. 다만, 「소상공인 보호 및 지원에 관한 법률」 제2조에 따른 소상공인의 사업장은 제외한다.", 60, 480, 368.5),
  ];

  it("starts a paragraph at each item of a list that follows a line ending short of the margin, not at a wrapped line that starts like one", () => {
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text).filter((text) => /^[가-다2-4]\./.test(text))).toEqual([
      "2. “중대산업재해”란 「산업안전보건법」 제2조제1호에 따른 산업재해 중 다음 각 목의 어느 하나에 해당하는 결과를 야기한 재해를 말한다.",
      "가. 사망자가 1명 이상 발생",
      "나. 동일한 사고로 6개월 이상 치료가 필요한 부상자가 2명 이상 발생",
      "다. 동일한 유해요인으로 급성중독 등 대통령령으로 정하는 직업성 질병자가 1년 이내에 3명 이상 발생",
      "3. “중대시민재해”란 특정 원료 또는 제조물, 공중이용시설 또는 공중교통수단의 설계, 제조, 설치, 관리상의 결함을 원인으로 하여 발생한 재해로서 다음 각 목의 어느 하나에 해당하는 결과를 야기한 재해를 말한다. 다만, 중대산업재해에 해당하는 재해는 제외한다.",
      "4. “공중이용시설”이란 다음 각 목의 시설 중 시설의 규모나 면적 등을 고려하여 대통령령으로 정하는 시설을 말한다. 다만, 「소상공인 보호 및 지원에 관한 법률」 제2조에 따른 소상공인의 사업장은 제외한다.",
    ]);
    // "다." after a line cut short (by a formula) ends a word when no "나." came before it.
    const cut = [line("∑ 이 오면 별다른 지정이 없는 한 텍스트 스타일로 식자된", 34, 300, 700), line("다. 이것을 디스플레이 스타일로 하라고 알려주려면 다음과 같이 한다.", 34, 400, 684)];
    expect(layOutPages([{ page: 1, lines: cut }], []).blocks.map((block) => block.text)).toEqual([
      "∑ 이 오면 별다른 지정이 없는 한 텍스트 스타일로 식자된 다. 이것을 디스플레이 스타일로 하라고 알려주려면 다음과 같이 한다.",
    ]);
  });

  it("places an outline entry on the line its title opens, when the destination is the baseline of the line before", () => {
    const outline = [
      { title: "제1장 총칙\n", level: 1, page: 1, top: 632.5 },
      { title: "제1조(목적)", level: 2, page: 1, top: 612.5 },
      { title: "제2조(정의)", level: 2, page: 1, top: 554.5 },
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], outline);
    const sectionOf = (start: string) => blocks.find((block) => block.text.startsWith(start))?.section?.join(" > ");
    expect(sectionOf("제1장 총칙")).toBe("제1장 총칙");
    expect(sectionOf("제1조(목적)")).toBe("제1장 총칙 > 제1조(목적)");
    expect(sectionOf("제2조(정의)")).toBe("제1장 총칙 > 제2조(정의)");
    expect(sectionOf("가. 사망자가")).toBe("제1장 총칙 > 제2조(정의)");
  });
});

describe("layOutPages, bookmarks on a few articles", () => {
  const line = (text: string, y: number, endX: number): Line => ({ text, x: 72, endX, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false });
  /** An article of two lines: the first runs to the right margin, the second ends short. */
  const article = (head: string, tail: string, y: number): Line[] => [line(head, y, 520), line(tail, y - 14, 300)];

  it("does not take a bookmark on one article for the section of the articles after it (a Hancom export's 책갈피)", () => {
    // 보수규정 as exported with the author's bookmarks: the document, a 책갈피 folder, and two of its six articles.
    const pages = [
      { page: 1, lines: [line("보수규정", 760, 140), line("제1장 총칙", 730, 150),
        ...article("제1조(목적) 이 규정은 한국저작권보호원 직원의 보수에 관한", "사항을 정함을 목적으로 한다.", 710),
        ...article("제2조(적용범위) 직원의 보수에 관하여는 법령에서 정한 것을", "제외하고는 이 규정에 의한다.", 670),
        ...article("제3조(정의) 이 규정에서 보수란 연봉과 제수당을 합산한", "금액을 말한다.", 630)] },
      { page: 2, lines: [line("제2장 수당", 760, 150),
        ...article("제4조(가족수당) 부양가족이 있는 직원에게는 예산의 범위에서", "가족수당을 지급한다.", 740),
        ...article("제5조(명절휴가비) 설날 및 추석날 현재 근무 중인 직원에게는", "명절휴가비를 지급한다.", 700),
        ...article("제6조(직책수당) 보직자에게는 예산의 범위에서 별표에 따른", "직책수당을 지급한다.", 660)] },
    ];
    const outline = [
      { title: "보수규정", level: 1, page: 1, top: null },
      { title: "책갈피", level: 2, page: 1, top: null },
      { title: "제3조(정의)", level: 3, page: 1, top: 640 },
      { title: "제4조(가족수당)", level: 3, page: 2, top: 750 },
    ];
    const { blocks } = layOutPages(pages, outline);
    const sectionOf = (start: string) => (blocks.find((block) => block.text.startsWith(start))?.section ?? []).join(" > ");
    expect(sectionOf("제5조(명절휴가비)")).not.toContain("가족수당");
    expect(sectionOf("제6조(직책수당)")).not.toContain("가족수당");
    expect(sectionOf("제4조(가족수당)")).not.toContain("정의");
  });

  it("keeps an outline that names every article (a statute's own bookmarks)", () => {
    const pages = [{ page: 1, lines: [...article("제1조(목적) 이 법은 근로조건의 기준을 정함으로써 근로자의", "기본적 생활을 보장한다.", 710), ...article("제2조(정의) 이 법에서 사용하는 용어의 뜻은 다음과 같다.", "1. 근로자란 사람을 말한다.", 670)] }];
    const outline = [
      { title: "제1조(목적)", level: 1, page: 1, top: 720 },
      { title: "제2조(정의)", level: 1, page: 1, top: 680 },
    ];
    const { blocks } = layOutPages(pages, outline);
    expect(blocks.find((block) => block.text.startsWith("제2조"))?.section).toEqual(["제2조(정의)"]);
  });
});

describe("layOutPages, an outline nested against its own numbers", () => {
  const line = (text: string, y: number, endX = 300): Line => ({ text, x: 72, endX, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false });

  it("does not keep a numbered section inside another whose number is not a prefix of its own (a Word handbook's heading levels)", () => {
    // The Algolix handbook's bookmarks: 4.0 and 5.0 one level under 3.1.6, as their heading styles had it.
    const pages = [
      { page: 5, lines: [line("3.1.6 Leaves Segregation", 700), line("3.1.6.1 Short Leave", 680), line("Two short leaves will be considered as one full day of leave.", 665)] },
      { page: 10, lines: [line("4.0 Confidentiality & Data Protection", 700), line("We want to ensure that private information is well-protected.", 685), line("5.0 Workplace Harassment", 660), line("Each of us should do our part to prevent harassment.", 645)] },
    ];
    const outline = [
      { title: "3.1.6 Leaves Segregation", level: 1, page: 5, top: 710 },
      { title: "3.1.6.1 Short Leave", level: 2, page: 5, top: 690 },
      { title: "4.0 Confidentiality & Data Protection", level: 2, page: 10, top: 710 },
      { title: "5.0 Workplace Harassment", level: 2, page: 10, top: 670 },
    ];
    const { blocks } = layOutPages(pages, outline);
    const sectionOf = (start: string) => (blocks.find((block) => block.text.startsWith(start))?.section ?? []).join(" > ");
    expect(sectionOf("Two short leaves")).toBe("3.1.6 Leaves Segregation > 3.1.6.1 Short Leave");
    expect(sectionOf("We want to ensure")).toBe("4.0 Confidentiality & Data Protection");
    expect(sectionOf("Each of us")).toBe("5.0 Workplace Harassment");
  });
});

describe("layOutPages, outline entries whose title the page prints twice", () => {
  const line = (text: string, y: number, fontSize = 11, endX = 300): Line => ({ text, x: 72, endX, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("places an entry on the printed title at or below its destination, not on the first line that prints the same words", () => {
    // Typst's wordometer manual: the prose of "word-count" names "word-count-callback()" before that function's own
    // heading, and each function has a "Parameters" subsection.
    const pages = [
      {
        page: 3,
        lines: [
          line("word-count()", 720, 11.4),
          line("Master function which accepts content (calling word-count-global()) or a callback function (calling", 684, 11, 524),
          line("word-count-callback()).", 670),
          line("Parameters", 650),
          line("arg content or fn: the content to count.", 630),
          line("word-count-callback()", 252, 11.4),
          line("Simultaneously take a word count of some content and insert it into that content.", 236),
          line("Parameters", 126),
          line("fn function: a function accepting a dictionary and returning content.", 110),
        ],
      },
    ];
    const outline = [
      { title: "word-count", level: 1, page: 3, top: 755 },
      { title: "Parameters", level: 2, page: 3, top: 667 },
      { title: "word-count-callback", level: 1, page: 3, top: 286 },
      { title: "Parameters", level: 2, page: 3, top: 143 },
    ];
    const { blocks } = layOutPages(pages, outline);
    const sectionOf = (start: string) => (blocks.find((block) => block.text.startsWith(start))?.section ?? []).join(" > ");
    expect(sectionOf("Master function")).toBe("word-count");
    expect(sectionOf("arg content")).toBe("word-count > Parameters");
    expect(sectionOf("Simultaneously")).toBe("word-count-callback");
    expect(sectionOf("fn function")).toBe("word-count-callback > Parameters");
    expect(blocks.find((block) => block.text.includes("Master function"))?.text).toContain("(calling word-count-callback()).");
  });
});

describe("layOutPages, code set in a monospaced font", () => {
  const line = (text: string, y: number, x = 72, monospace = false, endX = x + text.length * 6): Line => ({ text, x, endX, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false, monospace });

  it("keeps each line of a listing on its own line, with its indentation, apart from the prose around it (a Chromium runbook)", () => {
    const lines = [
      line("Run the commands top-to-bottom. Each step is idempotent, so it is safe to re-run a step if it was interrupted.", 760, 72, false, 540),
      line("Step 4: Set env vars", 740),
      line("cd ~/homelab", 726, 80, true),
      line("cp .envrc.example .envrc # edit .envrc, fill in all secrets", 714, 80, true),
      line("source .envrc", 702, 80, true),
      line("Step 5: Provision the VMs with Terraform", 684),
      line("resource \"proxmox_vm\" \"vm\" {", 670, 80, true),
      line("for_each = local.vms", 658, 92, true),
      line("}", 646, 80, true),
      line("Then run the Ansible playbooks in the order below, each one after the one before it has finished", 630, 72, false, 540),
      line("without errors on every host.", 618),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "Run the commands top-to-bottom. Each step is idempotent, so it is safe to re-run a step if it was interrupted."],
      ["paragraph", "Step 4: Set env vars"],
      ["code", "cd ~/homelab\ncp .envrc.example .envrc # edit .envrc, fill in all secrets\nsource .envrc"],
      ["paragraph", "Step 5: Provision the VMs with Terraform"],
      ["code", 'resource "proxmox_vm" "vm" {\n  for_each = local.vms\n}'],
      ["paragraph", "Then run the Ansible playbooks in the order below, each one after the one before it has finished without errors on every host."],
    ]);
  });

  it("keeps a listing whole through its lines that end in a colon and its bulleted lines (ReportLab Preformatted, Python)", () => {
    const lines = [
      line("Performs comprehensive security scan including:", 760, 114, true),
      line("• Memory analysis and process inspection", 751.2, 114, true),
      line("• File integrity verification", 742.4, 114, true),
      line("def fit(cls, mz_array, weights=None):", 720, 114, true),
      line("if weights is None:", 711.2, 126, true),
      line("weights = 1.0", 702.4, 138, true),
      line("return weights", 693.6, 126, true),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ["code", "Performs comprehensive security scan including:\n• Memory analysis and process inspection\n• File integrity verification"],
      ["code", "def fit(cls, mz_array, weights=None):\n  if weights is None:\n    weights = 1.0\n  return weights"],
    ]);
  });

  it("joins a wrapped prose line whose words are all set in code font to its paragraph", () => {
    const lines = [
      line("The backup script reads its settings from the environment file at the path", 760, 72, false, 540),
      line("/etc/restic/backup-environment.env", 746, 72, true, 540),
      line("and writes its log next to it.", 732),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "The backup script reads its settings from the environment file at the path /etc/restic/backup-environment.env and writes its log next to it."],
    ]);
  });
});

describe("layOutPages, definition lists", () => {
  const line = (text: string, x: number, y: number, endX: number): Line => ({ text, x, endX, y, fontSize: 10.5, spaceAtStart: false, spaceAtEnd: false });

  it("does not run a term into its definition indented under it (Asciidoctor PDF's glossary)", () => {
    const lines = [
      line("This is the full list of specialized terms used in this product documentation. They are also generated", 48.2, 753.2, 547),
      line("as JSON at /data/terms.json so we can highlight them in the text.", 48.2, 737.4, 400),
      line("artifact", 48.2, 693.9, 88.3),
      line("A digital package (file or archive) representing a discrete component of a product. Here we use", 63.2, 675.1, 547),
      line("artifact to describe a descrete instance of output, such as a single HTML or PDF file, or a Jekyll", 63.2, 659.3, 547),
      line("website or Deck.js slide presentation.", 63.2, 643.5, 248.3),
      line("Customize for your dev team", 48.2, 615.7, 216.6),
      line("The developer-oriented documents in this guide, which instruct how to develop LiquiDoc", 63.2, 597, 532),
      line("and LDCMF itself, can be replaced with style guides, workflow documents, and other", 63.2, 581.2, 532),
      line("resources oriented to your team's actual environment.", 63.2, 565.4, 345.5),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text)).toEqual([
      "This is the full list of specialized terms used in this product documentation. They are also generated as JSON at /data/terms.json so we can highlight them in the text.",
      "artifact",
      "A digital package (file or archive) representing a discrete component of a product. Here we use artifact to describe a descrete instance of output, such as a single HTML or PDF file, or a Jekyll website or Deck.js slide presentation.",
      "Customize for your dev team",
      "The developer-oriented documents in this guide, which instruct how to develop LiquiDoc and LDCMF itself, can be replaced with style guides, workflow documents, and other resources oriented to your team's actual environment.",
    ]);
  });

  it("keeps the pieces of one line together (a title page's \"143\" and \"분 동안 익히는\" set on one baseline)", () => {
    const lines = [line("143", 344.8, 521, 362.7), line("분 동안 익히는 LATEX 2ε", 364.7, 521, 480)];
    expect(layOutPages([{ page: 1, lines }], []).blocks.some((block) => block.text.includes("143 분 동안 익히는 LATEX 2ε"))).toBe(true);
  });

  it("keeps a list item's wrapped lines, indented under its bullet, in the item", () => {
    const lines = [
      line("• content: A word count is performed for the content and the results are accessible through", 80.9, 531.9, 514.4),
      line("#total-words and #total-characters. This uses a global state, so should only be used once.", 90.2, 517.5, 514.4),
      line("• function: A callback function accepting a dictionary of word count results and returning", 80.9, 488.7, 514.4),
      line("content to be word counted.", 90.2, 474.3, 277),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text)).toEqual([
      "• content: A word count is performed for the content and the results are accessible through #total-words and #total-characters. This uses a global state, so should only be used once.",
      "• function: A callback function accepting a dictionary of word count results and returning content to be word counted.",
    ]);
  });
});

describe("layOutPages, page breaks", () => {
  const line = (text: string, y: number): Line => ({ text, x: 72, endX: 72 + 300, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false });

  it("finishes a sentence cut by a page break on the page it starts on, and leaves the rest of the paragraph on its own page", () => {
    const pages = [
      { page: 2, lines: ["If you use a bibgerm style, no warning is produced, and the new", "item is typeset in the language of the preceding citation, which may not be"].map((text, index) => line(text, 700 - index * 12)) },
      { page: 3, lines: ["wanted. To avoid this, give every item its language field, as the", "next section shows."].map((text, index) => line(text, 700 - index * 12)) },
      { page: 4, lines: [line("The styles are listed in Table 2.", 700)] },
      { page: 5, lines: [line("babelbib needs the babel package.", 700)] },
    ];
    const { blocks } = layOutPages(pages, []);
    expect(blocks.map((block) => [block.page, block.text])).toEqual([
      [2, "If you use a bibgerm style, no warning is produced, and the new item is typeset in the language of the preceding citation, which may not be wanted."],
      [3, "To avoid this, give every item its language field, as the next section shows."],
      [4, "The styles are listed in Table 2."],
      [5, "babelbib needs the babel package."],
    ]);
  });

  it("carries no lettered item's mark back over a page break: \"b. com.dslfoundry.plaintext\" overleaf is the next item", () => {
    // Each item under a screenshot of its own, far below the one before.
    const pages = [
      { page: 1, lines: [line("Note: some of these plugins require additional plugins that MPS will", 700), line("suggest you install.", 688), line("a. com.mbeddr.mpsutil.treenotation", 400)] },
      {
        page: 2,
        lines: [
          line("b. com.dslfoundry.plaintext", 700),
          line("c) MPS Table Editor Component", 400),
          line("5. Restart MPS and rebuild the project in this order: first the", 300),
          line("solution, then the language.", 288),
        ],
      },
    ];
    const { blocks } = layOutPages(pages, []);
    expect(blocks.map((block) => [block.page, block.text])).toEqual([
      [1, "Note: some of these plugins require additional plugins that MPS will suggest you install."],
      [1, "a. com.mbeddr.mpsutil.treenotation"],
      [2, "b. com.dslfoundry.plaintext"],
      [2, "c) MPS Table Editor Component"],
      [2, "5. Restart MPS and rebuild the project in this order: first the solution, then the language."],
    ]);
  });

  it("carries back only the end of a lettered item cut by a page break, not the next item's mark (한글's 지침: '…갖춘 자' | '나. 근무성적이')", () => {
    const at = (text: string, x: number, y: number, endX: number): Line => ({ text, x, endX, y, fontSize: 10.6, spaceAtStart: false, spaceAtEnd: false });
    const pages = [
      {
        page: 3,
        lines: [
          at("2. 일반강사 : 회사가 주관하는 교육과정의 일부를 일시적으로 담당하는 자로서 다음 각", 96, 700, 510),
          at("목에 해당하는 자 중에서 선발한다.", 106, 682, 260),
          at("가. 해당 업무 분야에서 2년 이상의 실무 경험을 가진 자로서 동 분야에 관한 충", 106, 664, 510),
        ],
      },
      {
        page: 4,
        lines: [
          at("분한 지식 및 기능을 갖춘 자", 116, 760, 240),
          at("나. 근무성적이 우수하고 강사로서의 자질과 소양을 갖춘 자", 106, 742, 380),
        ],
      },
    ];
    const { blocks } = layOutPages(pages, []);
    expect(blocks.find((block) => block.text.startsWith("가."))?.text).toMatch(/^가\. .* 지식 및 기능을 갖춘 자$/);
    expect(blocks.map((block) => [block.page, block.text])).toContainEqual([4, "나. 근무성적이 우수하고 강사로서의 자질과 소양을 갖춘 자"]);
  });
});

describe("layOutPages, a 약관's contents without page numbers", () => {
  const line = (text: string, y: number, endX = 300): Line => ({ text, x: 106, endX, y, fontSize: 9, spaceAtStart: false, spaceAtEnd: false });

  it("takes a page of article and chapter titles and nothing else for a table of contents, and its next page too, but not a body page that opens with titles", () => {
    const titles = [
      "제5관 보험료의 납입",
      "제25조(제2회 이후 보험료의 납입)",
      "제26조(보험료의 납입이 연체되는 경우 납입최고(독촉)와 계약의 해지)",
      "제27조(보험료의 납입을 연체하여 해지된 계약의 부활(효력회복))",
      "제6관 계약의 해지 및 보험료의 환급 등",
      "제29조(계약자의 임의해지 및 피보험자의 서면동의 철회)",
      "제29조의2(위법계약의 해지)",
      "제 30 조 (중대사유로 인한 해지) 제 31 조 (회사의 파산선고와 해지)",
      "제32조(보험료의 환급)",
    ];
    const pages = [
      { page: 3, lines: titles.map((text, index) => line(text, 700 - index * 55)) },
      { page: 4, lines: ["제35조(소멸시효)", "제36조(약관의 해석)", "특별약관 30", "1. 해외여행 중 질병사망 특별약관 31", "2. 해외여행 중 배상책임 특별약관 32"].map((text, index) => line(text, 700 - index * 55)) },
      {
        page: 12,
        lines: [
          line("제1관 목적 및 용어의 정의", 760),
          line("제1조(목적)", 740),
          line("이 보험계약은 보험계약자와 보험회사 사이에 피보험자의 상해에 대한 위험을 보장하기 위하여 체결됩니다.", 728, 516),
          line("제2조(용어의 정의)", 700),
          line("이 계약에서 사용되는 용어의 정의는 다음과 같습니다.", 688, 400),
          line("제3조(보험금의 지급사유)", 660),
          line("회사는 피보험자에게 다음 중 어느 하나의 사유가 발생한 경우에는 보험금을 지급합니다.", 648, 480),
          line("제4조(보험금 지급에 관한 세부규정)", 620),
          line("제3조 제1호의 사망에는 보험기간에 다음 어느 하나의 사유가 발생한 경우를 포함합니다.", 608, 470),
        ],
      },
    ];
    const { blocks } = layOutPages(pages, []);
    expect(blocks.filter((block) => block.page !== 12).every((block) => block.role === "toc")).toBe(true);
    expect(blocks.filter((block) => block.page === 12).some((block) => block.role === "toc")).toBe(false);
    expect(blocks.filter((block) => block.page === 12).some((block) => block.role === "toc")).toBe(false);
  });
});

describe("layOutPages, Korean page breaks", () => {
  const line = (text: string, y: number, endX = 516): Line => ({ text, x: 74, endX, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false });

  it("finishes a Korean sentence cut by a page break when the page's last line runs to the margin, and leaves a short last line alone", () => {
    const pages = [
      {
        page: 66,
        lines: [
          line("④ 제1항제1호에 따른 계약의 해지가 보험금 지급사유가 발생한 후에 이루어진 경우에 회사는 보험금을 지급하지", 93),
          line("않습니다. 이 경우 회사는 계약자에게 계약 전 알릴 의무 위반사실(계약해지 등의 원인이 되는 위반사실을 구체적으", 80),
        ],
      },
      {
        page: 67,
        lines: [
          line("로 명시)과 계약 전 알릴 의무사항이 중요한 사항에 해당되는 사유를 서면 등으로 알려드립니다. 또한 이 경우 계약", 758),
          line("해지로 인하여 회사가 환급하여야 할 보험료가 있을 경우에는 이를 계약자에게 지급합니다.", 745, 400),
          line("보험금 지급 절차", 720, 160),
        ],
      },
      { page: 68, lines: [line("보험금은 청구서류를 접수한 날부터 3영업일 이내에 지급합니다.", 758, 380)] },
    ];
    const { blocks } = layOutPages(pages, []);
    expect(blocks.map((block) => [block.page, block.text])).toEqual([
      [66, "④ 제1항제1호에 따른 계약의 해지가 보험금 지급사유가 발생한 후에 이루어진 경우에 회사는 보험금을 지급하지 않습니다. 이 경우 회사는 계약자에게 계약 전 알릴 의무 위반사실(계약해지 등의 원인이 되는 위반사실을 구체적으로 명시)과 계약 전 알릴 의무사항이 중요한 사항에 해당되는 사유를 서면 등으로 알려드립니다."],
      [67, "또한 이 경우 계약 해지로 인하여 회사가 환급하여야 할 보험료가 있을 경우에는 이를 계약자에게 지급합니다."],
      [67, "보험금 지급 절차"],
      [68, "보험금은 청구서류를 접수한 날부터 3영업일 이내에 지급합니다."],
    ]);
  });
});

describe("itemsToLines", () => {
  const item = (str: string, x: number, width: number, hasEOL = false) => ({ str, transform: [10, 0, 0, 10, x, 700], width, hasEOL });

  it("marks a line monospaced when every word on it is set in a monospaced font", () => {
    const mono = (str: string, x: number, width: number, hasEOL = false) => ({ ...item(str, x, width, hasEOL), monospace: true });
    const lines = itemsToLines([mono("cd", 72, 12), mono("~/homelab", 90, 54, true)]);
    expect(lines.map((line) => [line.text, line.monospace])).toEqual([["cd ~/homelab", true]]);
    const mixed = itemsToLines([item("Flash", 72, 30), mono("proxmox-ve_8.x.iso", 105, 108, true)]);
    expect(mixed.map((line) => [line.text, line.monospace])).toEqual([["Flash proxmox-ve_8.x.iso", false]]);
  });

  it("marks a line bold when every word on it is bold and no blank as wide as a column gap parts its cells", () => {
    const bold = (str: string, x: number, width: number, hasEOL = false) => ({ ...item(str, x, width, hasEOL), bold: true });
    expect(itemsToLines([bold("Sick", 72, 20), item(" ", 92, 3), bold("Leave", 95, 28, true)]).map((line) => [line.text, line.bold])).toEqual([["Sick Leave", true]]);
    expect(itemsToLines([bold("Sick", 72, 20), item(" Leave", 92, 31, true)]).map((line) => [line.text, line.bold])).toEqual([["Sick Leave", false]]);
    // Word spaces a table's header cells with one blank item as wide as the gap between them.
    const header = itemsToLines([bold("Offence Level", 84, 59), bold(" ", 143, 45), bold("1st Occasion", 188, 56, true)]);
    expect(header.map((line) => [line.text, line.bold])).toEqual([["Offence Level 1st Occasion", false]]);
  });

  it("shows Word's Symbol and Wingdings bullets as bullets and starts an item at each, after a line that did not wrap", () => {
    const at = (str: string, x: number, y: number, width: number) => ({ str, transform: [11, 0, 0, 11, x, y], width, hasEOL: true });
    const lines = itemsToLines([
      at("\uf0b7 Minimum necessary — access and use only the information you need to do your job.", 72, 473, 398),
      at("\uf0b7 Keep it secure — keep paperwork out of sight; lock screens and protect passwords; never leave", 72, 458, 444),
      at("records visible.", 90, 442, 67),
      at("\uf0d8 Call the police while still on the scene of the accident and obtain a police report.", 72, 427, 420),
      at("\uf0d8 Seek immediate medical assistance if needed.", 72, 412, 230),
      // Wingdings' small bullet (Word 2010's openCONFIGURATOR manual).
      at("\uf09f Generates a generic POWERLINK stack configuration (CDC format).", 72, 397, 330),
      at("\uf09f Generates the network variables in multiple formats.", 72, 382, 280),
    ]);
    expect(lines.map((line) => line.text[0])).toEqual(["•", "•", "r", "➢", "➢", "•", "•"]);
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text)).toEqual([
      "• Minimum necessary — access and use only the information you need to do your job.",
      "• Keep it secure — keep paperwork out of sight; lock screens and protect passwords; never leave records visible.",
      "➢ Call the police while still on the scene of the accident and obtain a police report.",
      "➢ Seek immediate medical assistance if needed.",
      "• Generates a generic POWERLINK stack configuration (CDC format).",
      "• Generates the network variables in multiple formats.",
    ]);
  });

  it("puts a space where the text layer jumps back to the left within a line (texinfo's right-aligned \"[Function]\" comes first)", () => {
    const lines = itemsToLines([item("[Function]", 450, 45), item("int asn1_copy_node (asn1 node dst,", 72, 170, true)]);
    expect(lines.map((line) => line.text)).toEqual(["[Function] int asn1_copy_node (asn1 node dst,"]);
    // A mark set back over the letter before it is not a word break.
    expect(itemsToLines([item("caf", 100, 15), item("e", 115, 5), item("\u0301", 116, 0, true)]).map((line) => line.text)).toEqual(["cafe\u0301"]);
  });

  it("leaves out text set on a slant (a \"draft\" or \"CONFIDENTIAL\" watermark) but keeps text turned a quarter (a sideways label)", () => {
    // The transform of a TUGboat preprint's "draft" watermark, drawn at about 55 degrees across the page.
    const watermark = { str: "draft", transform: [114.28, 163.22, -163.22, 114.28, 212.84, 178.56], width: 300, hasEOL: true };
    // Among the text (between its left and right edges): a sideways table heading.
    const sideways = { str: "Table 3", transform: [0, 10, -10, 0, 120, 400], width: 30, hasEOL: true };
    const lines = itemsToLines([item("When generating bibliographies", 72, 150, true), watermark, sideways]);
    expect(lines.map((line) => line.text)).toEqual(["When generating bibliographies", "Table 3"]);
  });

  it("leaves out a stamp turned a quarter in the side margin (arXiv's identifier along a paper's left edge), not a landscape page", () => {
    const stamp = { str: "arXiv:2004.04906v3 [cs.CL] 30 Sep 2020", transform: [0, 20, -20, 0, 36, 250], width: 300, hasEOL: true };
    const rightStamp = { str: "Uncontrolled when printed", transform: [0, -8, 8, 0, 560, 500], width: 120, hasEOL: true };
    const page = [item("Although ORQA successfully demonstrates that dense", 72, 230, true), stamp, rightStamp, item("retrieval can outperform BM25, setting new results", 72, 230, true)];
    expect(itemsToLines(page).map((line) => line.text)).toEqual([
      "Although ORQA successfully demonstrates that dense",
      "retrieval can outperform BM25, setting new results",
    ]);
    // A page printed sideways has no upright text: all of it is kept.
    expect(itemsToLines([stamp, rightStamp]).map((line) => line.text)).toEqual(["arXiv:2004.04906v3 [cs.CL] 30 Sep 2020", "Uncontrolled when printed"]);
  });

  it("joins a word spaced out letter by letter within a run of text, not across a table's column gap", () => {
    // Font size 10: "요 약" as one item; a header row whose cells "구 분", "비 고" sit 60 points apart; a row of
    // one-syllable column headers (days of the week) apart likewise; prose keeps its one-syllable words.
    expect(itemsToLines([item("요 약", 100, 25, true)]).map((line) => line.text)).toEqual(["요약"]);
    expect(itemsToLines([item("구 분", 100, 25), item("비 고", 185, 25, true)]).map((line) => line.text)).toEqual(["구분 비고"]);
    expect(itemsToLines([item("구", 100, 10), item("분", 112, 10), item("내", 200, 10), item("용", 212, 10, true)]).map((line) => line.text)).toEqual(["구분 내용"]);
    expect(itemsToLines([item("월", 100, 10), item("화", 160, 10), item("수", 220, 10, true)]).map((line) => line.text)).toEqual(["월 화 수"]);
    expect(itemsToLines([item("이 책을 읽으면 할 수 있다", 100, 120, true)]).map((line) => line.text)).toEqual(["이 책을 읽으면 할 수 있다"]);
  });

  it("puts words drawn later over a blank left for them back in their place (openhtmltopdf draws bold runs after the line)", () => {
    // A bank's 상품설명서 printed by openhtmltopdf: the regular text leaves blanks (space items as wide as the bold
    // words), and the bold words are drawn over them after the rest of the line. Read in drawing order, "고객이 부담"
    // came after the sentence's end.
    const lines = itemsToLines([
      item("※ 중도상환해약금이란 대출을 상환할 경우", 33.8, 248.8),
      item(" ", 282.6, 39.9),
      item("하는 금액입니다.", 322.5, 53.5),
      item("고객이 부담", 285, 37.4, true),
    ]);
    expect(lines.map((line) => line.text)).toEqual(["※ 중도상환해약금이란 대출을 상환할 경우 고객이 부담하는 금액입니다."]);
    // Two bold words over two blanks of one line, the second drawn in two pieces.
    const two = itemsToLines([
      item("여", 33.8, 7.1),
      item(" ", 40.9, 60),
      item("됩니다. 다만", 100.9, 50),
      item(" ", 150.9, 40),
      item("합니다.", 190.9, 30),
      item("3년이 경과하면", 42.6, 55),
      item("신청", 154, 18),
      item("해야", 172.5, 18, true),
    ]);
    expect(two.map((line) => line.text)).toEqual(["여 3년이 경과하면 됩니다. 다만 신청해야합니다."]);
  });

  it("puts a word drawn later into the gap left for it between two words of its line (Microsoft Print To PDF draws digits last)", () => {
    // 고용노동부's 표준취업규칙 printed to PDF from 한글: article numbers, brackets and ① are drawn after the rest of
    // their line, into gaps the line left; the blanks under them are dropped as script-change spaces. In drawing order
    // the article read "제 조 지각 10 ( )".
    const lines = itemsToLines([
      item("제", 57.7, 8.5),
      item("조 지각", 76.3, 28.8),
      item("10", 66.2, 10.1),
      item("(", 84.8, 3.2),
      item("조퇴 및 외출)", 111.8, 54.6),
      item("사원은 질병으로 지", 183.4, 162.6),
      item("①", 170.8, 8.3, true),
    ]);
    expect(lines.map((line) => line.text)).toEqual(["제10조 지각 ( 조퇴 및 외출) ① 사원은 질병으로 지"]);
    // Text set at the right margin first (texinfo's "[Function]") fills no gap: the line keeps its drawing order.
    expect(itemsToLines([item("[Function]", 480, 50), item("make_list", 72, 45), item("(size)", 120, 30, true)]).map((line) => line.text)).toEqual([
      "[Function] make_list (size)",
    ]);
    // Overdrawn text (a bold face made by drawing twice) fills no gap either.
    expect(itemsToLines([item("Warning", 72, 40), item("Warning", 72.3, 40), item("hot surface", 120, 50, true)]).map((line) => line.text)).toEqual([
      "Warning Warning hot surface",
    ]);
  });
});

describe("dropScriptGapSpaces", () => {
  const items = [{ str: "제 1 조(목적) 이 규정은 여비 지급에 관한 사항을 정한다. 일비는 2 만 5 천원이다." }];
  const glyphs = "제1조(목적)이 규정은 여비 지급에 관한 사항을 정한다.일비는 2만5천원이다.";

  it("drops a space at a script change where the page wrote no space glyph, and keeps one where it did", () => {
    const { items: dropped, spacesAreGlyphs } = dropScriptGapSpaces(items, glyphs.replace(")이", ") 이").replace(".일", ". 일"));
    expect(spacesAreGlyphs).toBe(true);
    expect(dropped.map((item) => item.str)).toEqual([
      "제1조(목적) 이 규정은 여비 지급에 관한 사항을 정한다. 일비는 2만5천원이다.",
    ]);
  });

  it("leaves the text when the glyphs do not line up with it or the page writes few spaces as glyphs", () => {
    expect(dropScriptGapSpaces(items, glyphs.replace("여비", "여행"))).toEqual({ items, spacesAreGlyphs: null });
    expect(dropScriptGapSpaces(items, glyphs.replace(/ /g, ""))).toEqual({ items, spacesAreGlyphs: false });
  });
});

describe("layOutPages, subheadings set a little larger", () => {
  it("ends the paragraph before a subheading in a larger size, however far apart the page's subheadings are from the text above them", () => {
    // A state driver's handbook saved by Word without bookmarks: 11 pt text at 11-12 pt leading, 13 pt subheadings
    // 28-33 pt below the line before them, each after a line that does not end a sentence (a web address, a list item).
    const line = (text: string, y: number, fontSize = 11, x = 60): Line => ({ text, x, endX: x + text.length * 5, y, fontSize, spaceAtStart: false, spaceAtEnd: false });
    const lines = [
      line("Age Requirements", 722.8, 13),
      line("• Commercial Class A, B or C (Interstate): 21 years of age or older", 704, 11, 110),
      line("• Non-Commercial Class C: 17 years of age or older", 691.9, 11, 110),
      line("For a more complete explanation of driving ages and requirements refer to", 679.6, 11, 140),
      line("https://www.example.gov/dovgdl.html", 668.3, 11, 215),
      line("Instruction Permits", 640.4, 13),
      line("• Class C or M Instruction Permit: 14 years of age or older", 627.1, 11, 110),
      line("• Commercial Instruction Permit (any class) 18 years of age or older", 614.9, 11, 110),
      line("Driver’s Education", 585.9, 13),
      line("There are many online Driver's Education courses being offered over the internet. Internet courses", 563.2),
      line("do not meet requirements for a Driver's License in Kansas.", 552.4),
      line("Appointment Scheduling", 522.9, 13),
      line("Appointments are recommended when visiting the driver’s license office. Please visit the office", 506),
      line("nearest to you for information on scheduling", 493.3),
      line("Online Knowledge Exam", 460.5, 13),
      line("The Department of Revenue offers the ability to complete the knowledge exam online.", 437.8),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    const texts = blocks.map((block) => block.text);
    for (const subheading of ["Instruction Permits", "Driver’s Education", "Appointment Scheduling", "Online Knowledge Exam"]) {
      expect(texts).toContain(subheading);
    }
  });
});

describe("layOutPages, a contents titled in the singular", () => {
  it("takes the entries under 'Table of Content' (an employee handbook from Google Docs) for a table of contents", () => {
    const line = (text: string, y: number, x = 90): Line => ({ text, x, endX: x + text.length * 5, y, fontSize: 11, spaceAtStart: false, spaceAtEnd: false });
    const lines = [
      line("Employee Handbook Distribution List:", 730),
      line("All Team Leads, Project Managers, and Human Resource Department", 718),
      line("TABLE OF CONTENT", 646, 241),
      line("1.0 Welcome 4", 632),
      line("2.0 Company Overview 4", 619),
      line("3.0 Workplace Policies 4", 606),
      line("3.1 Attendance & Leave Policy 4", 589),
      line("3.1.1 Purpose 4", 576),
      line("3.1.2 Scope 4", 565),
      line("4.0 Confidentiality & Data Protection 10", 552),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    const contents = blocks.filter((block) => block.role === "toc").map((block) => block.text);
    expect(contents.join("\n").split("\n")).toEqual(lines.slice(2).map((entry) => entry.text));
    expect(blocks.filter((block) => block.role === undefined).map((block) => block.text)).toEqual([
      "Employee Handbook Distribution List:",
      "All Team Leads, Project Managers, and Human Resource Department",
    ]);
  });
});

describe("layOutPages, an outline destination left at the foot of the page before its heading", () => {
  const line = (text: string, y: number, fontSize = 11): Line => ({ text, x: 57, endX: 400, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("starts the section at its heading on the next page (pdfTeX: hyperref's anchor stays on the page the heading broke from)", () => {
    // KUThesis (kotex, pdfTeX): "1.5 프로젝트 구성요소" opens page 12; its bookmark points at page 11, y=83, under the
    // last line of text there.
    const pages = [
      { page: 11, lines: [line("1.4 기타 컴파일 방법", 200, 14.3), line("TeXLive 2013 이후 버전에서 동작합니다.", 180), line("유닉스 환경에서는 make를 실행합니다.", 85)] },
      { page: 12, lines: [line("1.5 프로젝트 구성요소", 632, 14.3), line("본 템플릿에는 다음과 같은 구성요소가 포함되어 있습니다:", 610), line("1.6 헤더 사용방법", 380, 14.3), line("템플릿을 사용할 때 다음과 같은 옵션들을 지정할 수 있습니다:", 360)] },
    ];
    const outline = [
      { title: "기타 컴파일 방법", level: 1, page: 11, top: 202 },
      { title: "프로젝트 구성요소", level: 1, page: 11, top: 83.1 },
      { title: "헤더 사용방법", level: 1, page: 12, top: 373 },
    ];
    const { blocks } = layOutPages(pages, outline);
    const blockOf = (start: string) => blocks.find((block) => block.text.startsWith(start));
    expect(blockOf("유닉스 환경에서는")?.section).toEqual(["기타 컴파일 방법"]);
    expect(blockOf("1.5 프로젝트 구성요소")).toMatchObject({ kind: "heading", section: ["프로젝트 구성요소"], page: 12 });
    expect(blockOf("본 템플릿에는")?.section).toEqual(["프로젝트 구성요소"]);
    expect(blockOf("템플릿을 사용할 때")?.section).toEqual(["헤더 사용방법"]);
  });

  it("still starts a section at the foot of its page when the next page does not open with its title", () => {
    const pages = [
      { page: 3, lines: [line("Background", 700, 14), line("Text of the background.", 680), line("Closing words of the page.", 85)] },
      { page: 4, lines: [line("More text of the later section, carried over.", 700), line("And its end.", 680)] },
    ];
    const outline = [
      { title: "Background", level: 1, page: 3, top: 702 },
      { title: "Later", level: 1, page: 3, top: 83 },
    ];
    const { blocks } = layOutPages(pages, outline);
    expect(blocks.find((block) => block.text.startsWith("More text"))?.section).toEqual(["Later"]);
  });
});

describe("layOutPages, a Hancom outline made of its outline-styled paragraphs", () => {
  const line = (text: string, y: number, endX = 300): Line => ({ text, x: 72, endX, y, fontSize: 10, spaceAtStart: false, spaceAtEnd: false });

  it("does not take a bookmarked sentence for a section or a heading (body paragraphs in 한글's 개요 styles)", () => {
    // KOPIS 결과보고서 (Hancom PDF 1.3, Hwp 2018): every paragraph styled 개요 3–5 became a bookmark, sentences too.
    const pages = [
      {
        page: 6,
        lines: [
          line("1) 공연일시보다 예매일시가 늦은 경우", 356),
          line("데이터 상의 오류로 판단하여 해당 공연 데이터는 모두 제거하였다.", 338, 520),
          line("2) 중복 데이터일 경우", 320),
          line("컬럼 ‘입장권고유번호’에서 중복데이터가 존재하여, ‘예매/취소구분’을 기준으로 나누어 전처리하였다.", 302, 520),
        ],
      },
    ];
    const outline = [
      { title: "1) 공연일시보다 예매일시가 늦은 경우", level: 1, page: 6, top: 357 },
      { title: "데이터 상의 오류로 판단하여 해당 공연 데이터는 모두 제거하였다.", level: 2, page: 6, top: 339 },
      { title: "2) 중복 데이터일 경우", level: 1, page: 6, top: 321 },
      { title: "컬럼 ‘입장권고유번호’에서 중복데이터가 존재하여, ‘예매/취소구분’을 기준으로 나누어 전처리하였다.", level: 2, page: 6, top: 303 },
    ];
    const { blocks } = layOutPages(pages, outline);
    const blockOf = (start: string) => blocks.find((block) => block.text.startsWith(start));
    expect(blockOf("데이터 상의 오류로")).toMatchObject({ kind: "paragraph", section: ["1) 공연일시보다 예매일시가 늦은 경우"] });
    expect(blockOf("컬럼 ‘입장권고유번호’")).toMatchObject({ kind: "paragraph", section: ["2) 중복 데이터일 경우"] });
    expect(blockOf("2) 중복 데이터일 경우")).toMatchObject({ kind: "heading", section: ["2) 중복 데이터일 경우"] });
  });
});

describe("layOutPages, a contents list without page numbers under an emoji title", () => {
  const line = (text: string, y: number, fontSize = 11): Line => ({ text, x: 72, endX: 300, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("marks the numbered entries under '📑 목차' as contents, and the first heading after them as the heading it is", () => {
    // A Markdown manual printed from Chrome: its contents are a numbered list of the section titles, no page numbers.
    const entries = ["1. 전체 개요", "2. 실습 시나리오", "3. STEP 1 — 마스터 데이터 등록", "4. STEP 2 — 생산관리 흐름", "5. 자주 쓰는 단축 팁"];
    const lines = [
      line("📖 생산 및 외주 시스템 — 사용 예제 매뉴얼", 780, 20),
      line("회사: 서진정밀 (SEO JIN PRECISION CO.)", 750),
      line("📑 목차", 720, 16),
      ...entries.map((text, index) => line(text, 700 - index * 16)),
      line("1. 전체 개요", 600, 16),
      line("시스템 구성은 생산관리, 외주관리, 마스터 관리의 세 가지입니다.", 580),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    const toc = blocks.filter((block) => block.role === "toc").map((block) => block.text).join(" ");
    for (const entry of entries) expect(toc).toContain(entry);
    const headings = blocks.filter((block) => block.kind === "heading" && block.role !== "toc").map((block) => block.text);
    expect(headings).toContain("1. 전체 개요");
    expect(headings).not.toContain("2. 실습 시나리오");
    expect(blocks.find((block) => block.text.startsWith("시스템 구성은"))?.role).toBeUndefined();
  });

  it("follows the numbered entries onto the next page, up to the first heading", () => {
    const first = ["1. 시스템 개요", "2. 설치 및 실행", "3. 화면 구성", "4. 메뉴 안내 (12개)"].map((text, index) => line(text, 700 - index * 16));
    const body = Array.from({ length: 12 }, (_, index) => line(`본문 ${index + 1}번째 줄은 설명입니다. 생산관리 시스템의 기능을 설명합니다`, 600 - index * 16));
    const pages = [
      { page: 1, lines: [line("📑 목차", 720, 16), ...first] },
      { page: 2, lines: [line("5. 자주 묻는 질문 (FAQ)", 760), line("6. 기술 사양", 744), line("1. 시스템 개요", 700, 16), ...body] },
    ];
    const { blocks } = layOutPages(pages, []);
    expect(blocks.filter((block) => block.page === 2 && block.role === "toc").map((block) => block.text).join("\n")).toBe("5. 자주 묻는 질문 (FAQ)\n6. 기술 사양");
    expect(blocks.find((block) => block.page === 2 && block.kind === "heading")?.text).toBe("1. 시스템 개요");
  });
});

describe("layOutPages, tables", () => {
  // Items as ReportLab draws a table: the column gaps filled with space items as wide as the gap, a wrapped cell drawn
  // whole (both its lines) before the row's next cells, which come after it on the row's baseline.
  const at = (str: string, x: number, y: number, width: number, hasEOL = false) => ({ str, transform: [7.4, 0, 0, 7.4, x, y], width, hasEOL });
  const row = (y: number, cells: Array<[string, number, number]>) =>
    cells.flatMap(([text, x, width], index) => {
      const next = cells[index + 1];
      return next === undefined ? [at(text, x, y, width, true)] : [at(text, x, y, width), at(" ", x + width, y, next[1] - x - width)];
    });
  const items = [
    at("2. 오류 색인", 118.7, 340, 45, true),
    ...row(320.5, [["기능", 118.7, 14.8], ["화면 문구·상태", 186.7, 48.4], ["항목 ID", 322.8, 23.8], ["담당", 390.8, 14.8]]),
    ...row(302.3, [["로그인", 118.7, 22.2], ["사용자명 또는 비밀번호가 올바르지", 186.7, 118.1]]),
    at("않습니다.", 186.7, 292.1, 32.2, true),
    ...row(302.3, [["AUTH-001", 322.8, 39.7], ["실무자", 390.8, 22.2]]),
    ...row(273.9, [["권한", 118.7, 14.8], ["관리자만 접근할 수 있습니다.", 186.7, 98.5], ["AUTH-002", 322.8, 39.7], ["관리자", 390.8, 22.2]]),
    at("표에 없는 오류는 관리자에게 이관하고, 화면에 표시된 문구를 그대로 전달합니다. 고객 정보는 적지 않습니다.", 118.7, 250, 300, true),
  ];

  it("keeps each row of a table a row, a wrapped cell's second line in its cell and the row's ID on its row (ReportLab)", () => {
    const { blocks } = layOutPages([{ page: 1, lines: itemsToLines(items, { tables: true }) }], [], { tables: true });
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "2. 오류 색인"],
      [
        "table",
        "기능 | 화면 문구·상태 | 항목 ID | 담당\n로그인 | 사용자명 또는 비밀번호가 올바르지 않습니다. | AUTH-001 | 실무자\n권한 | 관리자만 접근할 수 있습니다. | AUTH-002 | 관리자",
      ],
      ["paragraph", "표에 없는 오류는 관리자에게 이관하고, 화면에 표시된 문구를 그대로 전달합니다. 고객 정보는 적지 않습니다."],
    ]);
  });

  it("leaves tables as lines of text unless asked to read them (JIKJI_PDF_TABLES=on)", () => {
    const { blocks } = layOutPages([{ page: 1, lines: itemsToLines(items) }], []);
    expect(blocks.some((block) => block.kind === "table")).toBe(false);
  });

  it("does not take a list whose bullets stand apart from their text, nor justified lines with wide word gaps, for a table", () => {
    const list = [
      ...row(400, [["-", 90, 4], ["X_Minimum", 108, 40]]),
      ...row(388, [["-", 90, 4], ["Y_Minimum", 108, 40]]),
      ...row(376, [["-", 90, 4], ["Pixels_Areas", 108, 44]]),
    ];
    const justified = [
      ...row(340, [["일치하지", 90, 30], ["않은", 150, 15], ["경우에는 역의 각 승강장 경계 및 출입구로부터", 185, 160]]),
      ...row(328, [["이내의 지역으로", 90, 55], ["할 수", 170, 18], ["있다.", 210, 18]]),
    ];
    const { blocks } = layOutPages([{ page: 1, lines: itemsToLines([...list, ...justified], { tables: true }) }], [], { tables: true });
    expect(blocks.filter((block) => block.kind === "table")).toEqual([]);
    expect(blocks.map((block) => block.text).join("\n")).not.toContain(" | ");
  });

  it("keeps a table whose last column's cells are centred one table (한글's 문책 기준: '감봉-견책' and the wider '견책-주의·경고')", () => {
    // 한국인터넷진흥원 인사규정 [별표 제10호]: the 문책유형 column's cells centred on x 506, so a wider one starts further left.
    const centred = (y: number, item: string, penalty: string, penaltyWidth: number) =>
      row(y, [[item, 136.1, 200], [penalty, 506 - penaltyWidth / 2, penaltyWidth]]);
    const lines = itemsToLines(
      [
        ...centred(646.9, "① 작업설비 등 고장(규칙 제9조 등)", "정직-감봉", 35.2),
        ...centred(629.3, "② 안전시설 미비, 부적절, 고장(규칙 제21조 등)", "정직-감봉", 35.2),
        ...centred(611.7, "⑧ 설계변경·변경요청의무(법 제71조제3항 후단)_도급인", "견책-주의·경고", 56.8),
        ...centred(594.1, "⑨ 비상구·소화설비 미비, 부적절, 고장(규칙 제241조제1항제3호 등)", "감봉-견책", 35.2),
      ],
      { tables: true },
    );
    const { blocks } = layOutPages([{ page: 1, lines }], [], { tables: true });
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      [
        "table",
        "① 작업설비 등 고장(규칙 제9조 등) | 정직-감봉\n② 안전시설 미비, 부적절, 고장(규칙 제21조 등) | 정직-감봉\n" +
          "⑧ 설계변경·변경요청의무(법 제71조제3항 후단)_도급인 | 견책-주의·경고\n⑨ 비상구·소화설비 미비, 부적절, 고장(규칙 제241조제1항제3호 등) | 감봉-견책",
      ],
    ]);
  });

  it("reads a table whose header and cells are centred, each followed by a blank drawn hundreds of points wide (한글's DHCP table)", () => {
    // 한글 2022 PDF: every cell's text is followed by a blank item as wide as the rest of the line and more.
    const cell = (text: string, x: number, y: number, width: number) => [at(text, x, y, width), at(" ", x + width, y, 1400 - x)];
    const line = (y: number, cells: Array<[string, number, number]>) => {
      const items = cells.flatMap(([text, x, width]) => cell(text, x, y, width));
      items[items.length - 1]!.hasEOL = true;
      return items;
    };
    const lines = itemsToLines(
      [
        ...line(338.4, [["Name", 96, 24], ["CIDR", 284, 25], ["Route Table", 455, 50]]),
        ...line(323, [["worldskills-korea.vpc", 58, 100], ["10.44.0.0/16", 266, 61], ["Default", 462.5, 35]]),
        ...line(304.4, [["worldskills-korea.pub-a", 63, 92], ["위 VPC CIDR의 101번째 Network 주소", 202, 186], ["worldskills-korea.pub-rt", 434, 92]]),
      ],
      { tables: true },
    );
    const { blocks } = layOutPages([{ page: 1, lines }], [], { tables: true });
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      [
        "table",
        "Name | CIDR | Route Table\nworldskills-korea.vpc | 10.44.0.0/16 | Default\nworldskills-korea.pub-a | 위 VPC CIDR의 101번째 Network 주소 | worldskills-korea.pub-rt",
      ],
    ]);
  });

  it("does not take a listing whose line numbers are set smaller than its code for a table (auto-multiple-choice's LaTeX listings)", () => {
    // Line numbers at 5 pt in the margin, the code at 9 pt, an empty line of code leaving its number alone.
    const sized = (str: string, x: number, y: number, width: number, size: number, hasEOL = false) => ({ str, transform: [size, 0, 0, size, x, y], width, hasEOL });
    const numbered = (y: number, number: string, code: string) => [sized(number, 40.4, y, 6.3, 5), sized(code, 63, y, code.length * 4.7, 9, true)];
    const listing = [
      ...numbered(416.4, "44", "Among the following persons, which one has ever been a President of the French Republic?"),
      ...numbered(405.4, "45", "\\begin{choices}"),
      sized("46", 40.4, 394.5, 6.3, 5, true),
      ...numbered(383.5, "47", "\\correctchoice{René Coty}"),
      ...numbered(372.5, "48", "\\wrongchoice{Alain Prost}"),
    ];
    const { blocks } = layOutPages([{ page: 1, lines: itemsToLines(listing, { tables: true }) }], [], { tables: true });
    expect(blocks.filter((block) => block.kind === "table")).toEqual([]);
    expect(blocks.map((block) => block.text).join("\n")).not.toContain(" | ");
  });
});

describe("layOutPages, spaces drawn wider than their gap", () => {
  it("does not let a blank's width stretch its line past the margin and cut a lettered item after its first line (Hancom PDF)", () => {
    // Hancom PDF 1.3 gives a justified line's spaces widths of several words: a 69 pt blank between words 8 pt apart,
    // and a 1113 pt one after a figure's caption.
    const at = (str: string, x: number, y: number, width: number, hasEOL = false) => ({ str, transform: [13, 0, 0, 13, x, y], width, hasEOL });
    const items = [
      at("접함: 인접에 해당", 75.6, 524.4, 85, false),
      at(" ", 160.6, 524.4, 1113, true),
      at("가)", 101.9, 431.9, 19.4),
      at(" ", 121.4, 431.9, 69),
      at("사업대상지가", 129.6, 431.9, 77.8),
      at(" ", 207.5, 431.9, 69),
      at("제2종·제3종일반주거지역으로서 부지면적 500㎡ 이", 215.8, 431.9, 322.3, true),
      at("상(사업대상지에 준주거지역 또는 상업지역이 함께 포함된 경우에는", 127.6, 408.5, 410.5, true),
      at("1)~2)]에는 준주거지역으로 용도지역을 세분 변경할 수 있다.", 127.6, 385.1, 380.9, true),
    ];
    const lines = itemsToLines(items);
    expect(lines.map((line) => Math.round(line.endX))).toEqual([161, 538, 538, 509]);
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text.slice(0, 12))).toEqual(["접함: 인접에 해당", "가) 사업대상지가 제2"]);
    expect(blocks[1]!.text).toMatch(/포함된 경우에는 1\)~2\)\]에는 .*있다\.$/);
  });
});

describe("layOutPages, a 기준's numbered and lettered items", () => {
  const line = (text: string, x: number, y: number, endX: number): Line => ({ text, x, endX, y, fontSize: 13, spaceAtStart: false, spaceAtEnd: false });

  it("starts an item at a \"1-3-9.\" number and at \"나.\" after the \"가)\", \"나)\" items under \"가.\" (서울시 역세권 청년주택 기준)", () => {
    const lines = [
      line("1-3-8. “관련 위원회”란 조례 제5조제3항에 따른 위원회를 말한다", 56, 700, 480),
      line("1-3-9. “청년주택 운영자문위원회”란 청년주택 사업의 원활한 추진을 위하여", 56, 676, 540),
      line("임대료 산정 등 관련 사항에 대하여 자문하기 위한 위원회를 말한다.", 92, 652, 470),
      line("3-2-1. 조례 제7조제4항에 따라 용도지역 변경이 있는 경우 용적률, 공공기여율", 56, 628, 540),
      line("등 기준은 다음과 같다.", 92, 604, 230),
      line("가. 준주거지역으로 변경되는 경우", 80, 580, 300),
      line("가) 주거 비율: 85% 이상", 100, 556, 260),
      line("나) 비주거 비율: 15% 이하(가로변 비주거 설치 의무)", 100, 532, 420),
      line("나. 근린상업지역으로 변경되는 경우", 80, 508, 310),
      line("1) 기본용적률: 540% 이하", 92, 484, 270),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text.split(" ")[0])).toEqual(["1-3-8.", "1-3-9.", "3-2-1.", "가.", "가)", "나)", "나.", "1)"]);
  });

  it("starts an item set left of the item before, even when that item filled its line", () => {
    const lines = [
      line("가. 현재 용도지역 기준", 89, 604, 230),
      line("1) 준주거지역으로 변경: 제2종·제3종일반주거지역", 95.5, 580, 407),
      line("2) 일반 또는 근린상업지역으로 변경: 제2종·제3종일반주거지역, 준주거지역", 95.5, 557, 535.5),
      line("나. 면적 기준", 89, 534, 172),
      line("※ 서울주택도시공사에서 매입임대주택으로 공급하는 경우 분양주택 반영 제외", 108.4, 511, 535.7),
      line("1-3-4. “공공지원민간임대주택”이란 조례 제2조제2호나목의 주택으로써, 주택", 56.6, 488, 538.1),
      line("세대수 및 총 연면적의 50% 이상으로 각각 계획하되 [인접 및 도로 기준", 110, 465, 538),
      line("1)~2)]에는 준주거지역으로 용도지역을 세분 변경할 수 있다.", 110, 442, 508),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text.split(" ")[0])).toEqual(["가.", "1)", "2)", "나.", "※", "1-3-4."]);
  });
});

describe("layOutPages, lines that are not table rows", () => {
  it("makes no table of a listing's lines nor of contents lines whose page numbers stand apart (Debian FAQ)", () => {
    const at = (str: string, x: number, y: number, width: number, hasEOL = false, monospace = false) => ({ str, transform: [10, 0, 0, 10, x, y], width, hasEOL, monospace });
    const items = [
      at("2.1 What is the latest version of Debian? . . . . . . . . . . . . . . . .", 90, 700, 300),
      at("5", 520, 700, 5, true),
      at("2.2 Are there package upgrades in stable? . . . . . . . . . . . . . . . .", 90, 688, 300),
      at("5", 520, 688, 5, true),
      at("Release:", 72, 600, 48, false, true),
      at("unstable", 150, 600, 48, true, true),
      at("Codename:", 72, 588, 54, false, true),
      at("sid", 150, 588, 18, true, true),
    ];
    const { blocks } = layOutPages([{ page: 1, lines: itemsToLines(items, { tables: true }) }], [], { tables: true });
    expect(blocks.filter((block) => block.kind === "table")).toEqual([]);
  });
});

describe("outlineIsStructure (whether the fonts' names are needed)", () => {
  const entry = (title: string, page: number) => ({ title, level: 1, page, top: null });

  it("is true when some bookmark is a title and none an article's: the pages' headings are then never inferred", () => {
    expect(outlineIsStructure([entry("1 Introduction", 1), entry("2 Options", 4)])).toBe(true);
    expect(outlineIsStructure([entry("데이터 상의 오류로 판단하여 해당 공연 데이터는 모두 제거하였다.", 2), entry("2. 분석 방법", 3)])).toBe(true);
  });

  it("is false with no bookmarks, with sentences only, or with articles, which the printed articles decide", () => {
    expect(outlineIsStructure([])).toBe(false);
    expect(outlineIsStructure([entry("데이터 상의 오류로 판단하여 해당 공연 데이터는 모두 제거하였다.", 2)])).toBe(false);
    expect(outlineIsStructure([entry("제1장 총칙", 1), entry("제22조(가족수당)", 5)])).toBe(false);
  });
});

describe("layOutPages, bulleted lists under small bold labels (TextEdit → macOS Quartz, no outline)", () => {
  const line = (text: string, x: number, y: number, endX: number, fontSize = 10.3, bold = false): Line => ({ text, x, endX, y, fontSize, bold, spaceAtStart: false, spaceAtEnd: false });

  it("starts an item at each bullet aligned with the item before, even after a line that ran to the margin", () => {
    const lines = [
      line("• Check treatment rooms — fresh linens, products stocked, tools sterilised", 76, 534.4, 399),
      line("• Review day's appointment schedule (WhatsApp Business / booking system)", 76, 517.8, 413),
      line("• Prepare welcome beverages (herbal tea, infused water)", 76, 501.1, 325),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text)).toEqual(lines.map((part) => part.text));
  });

  it("takes a bold label set left of the bullets for the title of the list under it, not the end of the item above", () => {
    const lines = [
      line("OPENING ROUTINE (8:30 AM — BEFORE FIRST CLIENT)", 65, 581.9, 277, 7.8, true),
      line("• Arrive 30 minutes before first appointment", 76, 567.7, 276),
      line("• Switch on air conditioning, diffusers, ambient music", 76, 551.1, 316),
      line("• Review day's appointment schedule (WhatsApp Business / booking system)", 76, 534.4, 413),
      line("• Post daily Instagram Story (today's availability or ambiance shot)", 76, 517.8, 369),
      line("DURING SERVICE HOURS (9:00 AM — 7:00 PM)", 65, 495.8, 239, 7.8, true),
      line("• Greet every client by name at the door", 76, 481.6, 258),
      line("• Offer welcome beverage and brief consultation", 76, 464.9, 294),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "OPENING ROUTINE (8:30 AM — BEFORE FIRST CLIENT)"],
      ...lines.slice(1, 5).map((part) => ["paragraph", part.text]),
      ["heading", "DURING SERVICE HOURS (9:00 AM — 7:00 PM)"],
      ...lines.slice(6).map((part) => ["paragraph", part.text]),
    ]);
  });
});

describe("layOutPages, a LaTeX book's chapter label over the chapter's title", () => {
  const line = (text: string, y: number, fontSize = 10): Line => ({ text, x: 72, endX: 72 + text.length * fontSize * 0.5, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("takes the \"Chapter 2\" line into the chapter's heading, not into the section before it (pandoc → xelatex, report class)", () => {
    const pages = [
      { page: 7, lines: [line("1.5 Status of this document", 700, 14), line("This document provides information to the community.", 680)] },
      { page: 8, lines: [line("Chapter 2", 640, 20.7), line("Overview", 600, 24.8), line("mzPeak is an open, next-generation file format.", 560)] },
      { page: 9, lines: [line("APPENDIX B", 640, 20.7), line("Glossary", 600, 24.8), line("Terms used in this document.", 560)] },
      // A title wrapped onto two lines under its label (pandoc → xelatex, an installation guide).
      { page: 13, lines: [line("Chapter 4", 640, 20.7), line("Windows 10 Pro/Student", 600, 24.8), line("Installation", 570, 24.8), line("For each of the sections below, add:", 530)] },
    ];
    const outline = [
      { title: "Status of this document", level: 1, page: 7, top: 712 },
      { title: "Overview", level: 1, page: 8, top: 660 },
      { title: "Glossary", level: 1, page: 9, top: 660 },
      { title: "Windows 10 Pro/Student Installation", level: 1, page: 13, top: 660 },
    ];
    const { blocks } = layOutPages(pages, outline);
    expect(blocks.map((block) => [block.kind, block.text, block.section])).toEqual([
      ["heading", "1.5 Status of this document", ["Status of this document"]],
      ["paragraph", "This document provides information to the community.", ["Status of this document"]],
      ["heading", "Chapter 2 Overview", ["Overview"]],
      ["paragraph", "mzPeak is an open, next-generation file format.", ["Overview"]],
      ["heading", "APPENDIX B Glossary", ["Glossary"]],
      ["paragraph", "Terms used in this document.", ["Glossary"]],
      ["heading", "Chapter 4 Windows 10 Pro/Student Installation", ["Windows 10 Pro/Student Installation"]],
      ["paragraph", "For each of the sections below, add:", ["Windows 10 Pro/Student Installation"]],
    ]);
  });
});

describe("layOutPages, numbered headings below the outline's depth", () => {
  const line = (text: string, y: number, fontSize = 10, endX = 520): Line => ({ text, x: 72, endX, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("takes a numbered title one level under its bookmarked section for a subsection of it (pandoc → xelatex, bookmarks to level 3)", () => {
    let y = 712;
    const lines: Line[] = [];
    const add = (text: string, gap: number, fontSize = 10, endX = 520) => lines.push(line(text, (y -= gap), fontSize, endX));
    const paragraph = (first: string, gap = 20) => {
      add(first, gap);
      add("and the rest of the paragraph goes on for a second full line of text on the page, as paragraphs", 12);
      add("do.", 12, 10, 100);
    };
    add("9.3.2 Null marking", 12, 11.5, 200);
    paragraph("For spectra with many small gaps, even zero-run stripping leaves too much information behind,");
    add("9.3.2.1 Finding flanking zero pairs", 24, 10, 240);
    paragraph("Zero-intensity points on the flanks of peaks still cost non-trivial storage in sparse datasets,");
    add("9.3.2.1 Pairs are found in one pass.", 24, 10, 260);
    paragraph("See section 9.3.2.1 for the details of the pairs; readers may skip it, for it is long, and it");
    add("9.3.2.2 Decoding null pairs", 24, 10, 240);
    paragraph("Decoding null pairs means finding regions bounded by two nulls, which is done in one pass,");
    // A title wrapped onto a second line (the Debian FAQ's questions, xdvipdfmx) is one heading.
    add("9.3.2.3 Can I install and compile a kernel without some Debian-", 24, 10, 520);
    add("specific tweaking?", 12, 10, 160);
    paragraph("Yes, the kernel is built the usual way, with no Debian-specific steps to it at all, and its");
    const pages = [{ page: 22, lines }];
    const outline = [{ title: "Null marking", level: 3, page: 22, top: 712 }];
    const { blocks } = layOutPages(pages, outline);
    expect(blocks.find((block) => block.text.startsWith("9.3.2.3"))?.text).toBe("9.3.2.3 Can I install and compile a kernel without some Debian-specific tweaking?");
    expect(blocks.map((block) => [block.kind, block.text.slice(0, 30), block.section])).toEqual([
      ["heading", "9.3.2 Null marking", ["Null marking"]],
      ["paragraph", "For spectra with many small ga", ["Null marking"]],
      ["heading", "9.3.2.1 Finding flanking zero ", ["Null marking", "Finding flanking zero pairs"]],
      ["paragraph", "Zero-intensity points on the f", ["Null marking", "Finding flanking zero pairs"]],
      ["paragraph", "9.3.2.1 Pairs are found in one", ["Null marking", "Finding flanking zero pairs"]],
      ["paragraph", "See section 9.3.2.1 for the de", ["Null marking", "Finding flanking zero pairs"]],
      ["heading", "9.3.2.2 Decoding null pairs", ["Null marking", "Decoding null pairs"]],
      ["paragraph", "Decoding null pairs means find", ["Null marking", "Decoding null pairs"]],
      ["heading", "9.3.2.3 Can I install and comp", ["Null marking", "Can I install and compile a kernel without some Debian-specific tweaking?"]],
      ["paragraph", "Yes, the kernel is built the u", ["Null marking", "Can I install and compile a kernel without some Debian-specific tweaking?"]],
    ]);
  });
});

describe("layOutPages, numbered headings below the outline's depth in a larger type", () => {
  const line = (text: string, y: number, fontSize = 10, endX = 520): Line => ({ text, x: 72, endX, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("takes a numbered title set larger than the text for a subsection though no more space sets it apart (pandoc → xelatex, bookmarks to level 2)", () => {
    let y = 712;
    const lines: Line[] = [];
    const add = (text: string, gap: number, fontSize = 10, endX = 520) => lines.push(line(text, (y -= gap), fontSize, endX));
    add("2.1 Installation via Docker", 12, 14.3, 260);
    add("Docker runs the course's Python in a container on any system, the same for every student, and it", 26);
    add("needs no more than a download and an account to get going with the labs.", 18, 10, 400);
    add("2.1.1 Installing Docker", 26, 12, 200);
    add("Draw on the instructions from the Docker site for your operating system, and restart when it asks", 20);
    add("you to, before the next step.", 18, 10, 200);
    add("2.1.2 Installing Python", 26, 12, 200);
    add("2.1.3 Running Python: calling init will let you check to see what is", 20, 12, 450);
    // The title's second line measures smaller than its first, having no capital letter.
    add("going on", 14, 11.2, 190);
    add("Open a terminal and start the container; the notebook opens in the browser on its own, and", 20);
    // A numbered line in the text's size, no further from its neighbours than they are from each other, stays text.
    add("2.1.4 Apples are listed in the table below with their prices", 18, 10, 400);
    add("and nothing else.", 18, 10, 150);
    const outline = [{ title: "Installation via Docker", level: 2, page: 9, top: 712 }];
    const { blocks } = layOutPages([{ page: 9, lines }], outline);
    expect(blocks.map((block) => [block.kind, block.text.slice(0, 24), block.section?.at(-1)])).toEqual([
      ["heading", "2.1 Installation via Doc", "Installation via Docker"],
      ["paragraph", "Docker runs the course's", "Installation via Docker"],
      ["heading", "2.1.1 Installing Docker", "Installing Docker"],
      ["paragraph", "Draw on the instructions", "Installing Docker"],
      ["heading", "2.1.2 Installing Python", "Installing Python"],
      ["heading", "2.1.3 Running Python: ca", "Running Python: calling init will let you check to see what is going on"],
      ["paragraph", "Open a terminal and star", "Running Python: calling init will let you check to see what is going on"],
    ]);
  });
});

describe("itemsToLines, list numbers drawn after the page's text (WeasyPrint)", () => {
  const at = (str: string, x: number, y: number, width: number, hasEOL = true) => ({ str, transform: [10, 0, 0, 10, x, y], width, hasEOL });

  it("puts each number drawn last back before its item's first line, and leaves numbers drawn in reading order alone", () => {
    const lines = itemsToLines([
      at("beschikbaarheid van deelnemers bekijkt, gebeurt het volgende:", 57, 375.9, 264),
      at("Het CalDAV free/busy-verzoek (POST naar /outbox) wordt onderschept", 74, 352, 301),
      at("Nextcloud verwerkt eerst de lokale gebruikers", 74, 334.2, 324),
      at("De plugin identificeert externe deelnemers en bevraagt de", 74, 316, 437),
      at("Microsoft Graph API", 74, 300.7, 123),
      at("3. Statusmapping", 57, 234.6, 78),
      at("1.", 64, 352.4, 8),
      at("2.", 64, 334.2, 8),
      at("3.", 64, 316.4, 8),
    ]);
    expect(lines.map((line) => line.text)).toEqual([
      "beschikbaarheid van deelnemers bekijkt, gebeurt het volgende:",
      "1. Het CalDAV free/busy-verzoek (POST naar /outbox) wordt onderschept",
      "2. Nextcloud verwerkt eerst de lokale gebruikers",
      "3. De plugin identificeert externe deelnemers en bevraagt de",
      "Microsoft Graph API",
      "3. Statusmapping",
    ]);
  });
});

describe("itemsToLines, a title drawn after the text under it (macOS Quartz from Pages)", () => {
  const at = (str: string, x: number, y: number, width: number, size = 15) => ({ str, transform: [size, 0, 0, size, x, y], width, hasEOL: true });

  it("puts a line set above all the text drawn before it, in the same column, back at the top; a second column stays after the first", () => {
    const lines = itemsToLines([
      at("This extension's installation process is very simple. In order to install", 36, 595, 504),
      at("it, make sure that you have access to the filesystem.", 36, 575, 400),
      at("2", 36, 41, 7, 12),
      at("Installation Process", 36, 639, 235, 24),
      at("JetRails Extension For Cloudflare User Guide", 108, 733, 329),
    ]);
    expect(lines.map((line) => line.text)).toEqual([
      "JetRails Extension For Cloudflare User Guide",
      "Installation Process",
      "This extension's installation process is very simple. In order to install",
      "it, make sure that you have access to the filesystem.",
      "2",
    ]);
    // airSlate drew a page's first paragraph after the rest: its lines stay together, in order, at the top.
    const late = itemsToLines([
      at("The rest of the page, drawn first.", 36, 500, 300),
      at("Personal Support Professionals may request, but", 36, 560, 320),
      at("due to a perceived conflict with ethics, not to take part.", 36, 540, 360),
    ]);
    expect(late.map((line) => line.text)).toEqual([
      "Personal Support Professionals may request, but",
      "due to a perceived conflict with ethics, not to take part.",
      "The rest of the page, drawn first.",
    ]);
    // A drop cap drawn after its paragraph stays where it was drawn (Chromium's handbook: "I" of "Inquiry").
    const dropCap = itemsToLines([
      at("nquiry Institute is an educational institution, and this", 70, 590, 300),
      at("statement is both true and insufficient.", 36, 575, 260),
      at("I", 36, 615, 20, 40),
    ]);
    expect(dropCap.map((line) => line.text).at(-1)).toBe("I");
    const columns = itemsToLines([
      at("The left column's first line of text", 36, 700, 230),
      at("and its second line.", 36, 682, 150),
      at("The right column starts a little higher", 300, 710, 230),
      at("and goes on here.", 300, 692, 150),
    ]);
    expect(columns.map((line) => line.text)).toEqual([
      "The left column's first line of text",
      "and its second line.",
      "The right column starts a little higher",
      "and goes on here.",
    ]);
  });
});

describe("layOutPages, a chapter's number set after its title (rinohtype)", () => {
  const line = (text: string, y: number, fontSize = 10, endX = 500): Line => ({ text, x: 72, endX, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

  it("takes \"Introduction 1\" for the outline's \"1 Introduction\": a heading, not an entry of the list of figures before it", () => {
    const pages = [
      { page: 5, lines: [line("List of Figures", 700, 20, 250), line("Figure 2.1: Some pages from Odpisy.pdf 9", 660)] },
      {
        page: 7,
        lines: [
          line("Introduction 1", 700, 24),
          line("rinohtype was initially conceived as a modern replacement for LaTeX. An important goal in", 650),
          line("the design of rinohtype is for documents to be much easier to customize than in LaTeX.", 638, 10, 470),
          line("1.1 Usage Examples", 600, 14, 220),
          line("rinohtype supports three modes of operation, which are discussed in more detail.", 580, 10, 460),
        ],
      },
    ];
    const outline = [
      { title: "List of Figures", level: 1, page: 5, top: 720 },
      { title: "1 Introduction", level: 1, page: 7, top: 730 },
      { title: "1.1 Usage Examples", level: 2, page: 7, top: 615 },
    ];
    const { blocks } = layOutPages(pages, outline);
    const chapter = blocks.find((block) => block.text === "Introduction 1");
    expect(chapter).toMatchObject({ kind: "heading", level: 1 });
    expect(chapter?.role).toBeUndefined();
    expect(blocks.find((block) => block.text.startsWith("rinohtype was"))?.section).toEqual(["1 Introduction"]);
  });
});

describe("layOutPages, a contents whose page numbers come first (rinohtype)", () => {
  const line = (text: string, y: number, fontSize = 10): Line => ({ text, x: 72, endX: 72 + text.length * 5, y, fontSize, spaceAtStart: false, spaceAtEnd: false });
  /** An entry "13   Chapter 4: Quickstart": the page number, a wide space (not a column gap), the title. */
  const entry = (page: string, title: string, y: number): Line => line(`${page} ${title}`, y);

  it("marks the entries as the table's, on its first page and overleaf, and stops at the body", () => {
    const pages = [
      {
        page: 3,
        lines: [
          line("Contents", 720, 20),
          entry("5", "Chapter ??: List of Figures", 680),
          entry("7", "Chapter 1: Introduction", 660),
          entry("7", "Usage Examples", 648),
          entry("13", "Chapter 4: Quickstart", 620),
          entry("13", "Command-Line Renderer", 608),
          entry("14", "High-level PDF Library", 596),
        ],
      },
      { page: 4, lines: [entry("37", "Coding guidelines", 720), entry("39", "Chapter 10: Developing", 700), entry("57", "Index", 680)] },
      {
        page: 7,
        lines: [
          line("rinohtype was initially conceived as a modern replacement for LaTeX. An important goal in", 650),
          line("the design of rinohtype is for documents to be much easier to customize than in LaTeX.", 638),
        ],
      },
    ];
    const { blocks } = layOutPages(pages, []);
    const roleOf = (start: string) => blocks.find((block) => block.text.includes(start))?.role ?? "body";
    for (const title of ["Contents", "List of Figures", "Chapter 4: Quickstart", "Command-Line Renderer", "High-level PDF Library", "Coding guidelines", "57 Index"]) {
      expect(roleOf(title), title).toBe("toc");
    }
    expect(roleOf("rinohtype was initially")).toBe("body");
  });

  it("does not take the body's first numbered title after a contents with page numbers at the end for an entry", () => {
    const pages = [
      {
        page: 2,
        lines: [
          line("Contents", 720, 20),
          line("Introduction 3", 690),
          line("Scope 4", 678),
          entry("1", "Introduction", 600),
          line("This guide explains how the service is run and who looks after each part of it.", 580),
        ],
      },
    ];
    const { blocks } = layOutPages(pages, []);
    expect(blocks.find((block) => block.text.startsWith("1 Introduction"))?.role).toBeUndefined();
  });
});

describe("layOutPages, a date in a title block", () => {
  it("does not take a LaTeX title block's date for a heading, though it is set in a title's size", () => {
    const line = (text: string, y: number, fontSize: number, x = 78, endX = 530): Line => ({ text, x, endX, y, fontSize, spaceAtStart: false, spaceAtEnd: false });
    const body = (y: number) =>
      [0, 1, 2].map((i) => line(i === 2 ? "and ends here." : "Body text of the manual runs on across the page in its usual size, line after line, as", y - 12 * i, 10, 78, i === 2 ? 200 : 530));
    const lines = [
      line("Vincent Simonet", 703, 12, 262, 347),
      line("November, 2002", 680, 12, 264, 346),
      line("1 Overview", 637, 14.3, 78, 168),
      ...body(615),
      line("2 Compilation and installation", 560, 14.3, 78, 300),
      ...body(538),
      line("Instructions", 490, 12, 78, 150),
      ...body(468),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.find((block) => block.text === "November, 2002")?.kind).toBe("paragraph");
    expect(blocks.find((block) => block.text === "1 Overview")?.kind).toBe("heading");
  });
});

describe("itemsToLines, titles drawn after the paragraph under them (Canva)", () => {
  const at = (str: string, x: number, y: number, width: number, size = 12) => ({ str, transform: [size, 0, 0, size, x, y], width, hasEOL: true });

  it("puts each title back over its paragraph, between the paragraphs it stands between", () => {
    const lines = itemsToLines([
      at("EQUAL OPPORTUNITY EMPLOYMENT", 40, 700, 260, 13),
      at("This company is an equal opportunity employer and does not", 40, 684, 420),
      at("unlawfully discriminate against employees or applicants.", 40, 670, 380),
      at("Employees are prohibited from unlawfully consuming controlled", 40, 636, 430),
      // The page's number drawn amid the text, in its margin.
      at("pn", 527, 560, 10, 8),
      at("substances while on duty.", 40, 622, 180),
      at("DRUG-FREE / ALCOHOL-FREE ENVIRONMENT", 40, 652, 300, 13),
      at("The company has an open door policy and takes employee", 40, 588, 410),
      at("concerns and problems seriously.", 40, 574, 230),
      at("OPEN DOOR POLICY", 40, 604, 140, 13),
      // A footnote mark or superscript drawn late, smaller than the text, stays where it was drawn.
      at("a b", 300, 580, 8, 6),
    ]);
    expect(lines.map((line) => line.text)).toEqual([
      "EQUAL OPPORTUNITY EMPLOYMENT",
      "This company is an equal opportunity employer and does not",
      "unlawfully discriminate against employees or applicants.",
      "DRUG-FREE / ALCOHOL-FREE ENVIRONMENT",
      "Employees are prohibited from unlawfully consuming controlled",
      "pn",
      "substances while on duty.",
      "OPEN DOOR POLICY",
      "The company has an open door policy and takes employee",
      "concerns and problems seriously.",
      "a b",
    ]);
  });

  it("leaves a second column drawn after the first where it was drawn", () => {
    const lines = itemsToLines([
      at("The left column's first line of text", 36, 700, 230),
      at("and its second line, and its third", 36, 682, 230),
      at("and its last one.", 36, 664, 150),
      at("The right column's first line", 300, 700, 230),
      at("and its second line.", 300, 682, 150),
    ]);
    expect(lines.map((line) => line.text)).toEqual([
      "The left column's first line of text",
      "and its second line, and its third",
      "and its last one.",
      "The right column's first line",
      "and its second line.",
    ]);
  });
});

describe("layOutPages, a bold subsection title over text in another size", () => {
  it("takes a bold \"4.1.2.1.\" title for a heading though its text is set larger or indented (Word's heading 4)", () => {
    const line = (text: string, y: number, fontSize: number, x = 71, endX = 521, bold = false): Line => ({ text, x, endX, y, fontSize, spaceAtStart: false, spaceAtEnd: false, bold });
    const lines = [
      line("4.1.2. Upgrade pre v1.4.0 openCONFIGURATOR projects", 741, 13, 71, 416, true),
      line("As openCONFIGURATOR version 1.4.0 and higher cannot deal with old projects created", 719.5, 12),
      line("prior to this version an upgrade is highly recommended. The project files no longer supported", 703.7, 12),
      line("have an '.oct' file extension.", 687.7, 12, 71, 204),
      line("4.1.2.1. Upgrade benefits", 662.6, 11, 71, 203, true),
      line("In pre 1.4.x projects the node configuration files are only available in the '.octx'", 642.1, 12, 107),
      line("format which is not compliant to the XDD specification.", 621.3, 12, 107, 400),
      line("4.1.2.2. Old project backup", 590, 11, 71, 213, true),
      line("The old projects will be moved to <ProjectName>_<old_version> in the same directory", 570.3, 12),
      line("without any modification.", 549.5, 12, 71, 195),
      // A bold lead-in over text in another size, without a subsection's number, is still no title.
      line("Important notes", 520, 11, 71, 160, true),
      line("Administrator privileges are required to install openCONFIGURATOR on Windows.", 500, 12),
    ];
    const { blocks } = layOutPages([{ page: 14, lines }], []);
    expect(blocks.map((block) => [block.kind, block.text.slice(0, 27)])).toEqual([
      ["heading", "4.1.2. Upgrade pre v1.4.0 o"],
      ["paragraph", "As openCONFIGURATOR version"],
      ["heading", "4.1.2.1. Upgrade benefits"],
      ["paragraph", "In pre 1.4.x projects the n"],
      ["heading", "4.1.2.2. Old project backup"],
      ["paragraph", "The old projects will be mo"],
      ["paragraph", "Important notes Administrat"],
    ]);
  });
});
