import { describe, expect, it } from "vitest";
import { buildDocument, type BlockDraft } from "./build-document.ts";
import { isContentsLine, isIndexLine, markContentsAndIndex, numberedHeadingLevel } from "./structure.ts";

function paragraphs(...texts: string[]): BlockDraft[] {
  return texts.map((text) => ({ kind: "paragraph", text, page: null }));
}

describe("numberedHeadingLevel", () => {
  it("reads the level from Korean and decimal numbering, and a question's level from its section", () => {
    expect(numberedHeadingLevel("제3장 근로시간", 2)).toBe(1);
    expect(numberedHeadingLevel("제 2 절 휴가", 2)).toBe(2);
    expect(numberedHeadingLevel("3.2 Options", 2)).toBe(2);
    expect(numberedHeadingLevel("2.4.1. Block size", 2)).toBe(3);
    expect(numberedHeadingLevel("Chapter 4 Indexes", 2)).toBe(1);
    expect(numberedHeadingLevel("Q. 연차는 언제 생기나요?", 3)).toBe(3);
  });

  it("leaves articles to the clause parser, and sentences and dates alone", () => {
    expect(numberedHeadingLevel("제12조(연차휴가)", 2)).toBeNull();
    expect(numberedHeadingLevel("3. 신청은 인사 시스템에서 합니다.", 2)).toBeNull();
    expect(numberedHeadingLevel("2024. 3. 15.", 2)).toBeNull();
    expect(numberedHeadingLevel("1,000", 2)).toBeNull();
  });

  it("takes no form's blank date for a heading (\"20 . . . 고객명 : (서명/인)\", \"20 년 월 일\")", () => {
    // A bank's 상품설명서 ends with a line for the signature date, the year's last digits left blank.
    expect(numberedHeadingLevel("20 . . . 고객명 : (서명/인)", 2)).toBeNull();
    expect(numberedHeadingLevel("20 년 월 일 신청인 (인)", 2)).toBeNull();
    expect(numberedHeadingLevel("20 년 월 일", 2)).toBeNull();
    // Titles starting with a mark or a word are still headings.
    expect(numberedHeadingLevel("2 「금융소비자보호법」상 권리", 2)).toBe(1);
    expect(numberedHeadingLevel("3 년도별 계획", 2)).toBe(1);
    expect(numberedHeadingLevel("4 .NET 런타임 설치", 2)).toBe(1);
  });

  it("takes no date or count for a heading (a Google Docs minutes' \"10 June 2026\" under \"Date:\", a 회의록's \"5 차\")", () => {
    // The value under a minutes' bold "Date:" label, and a 회의록 form's 차수 cell read out of its table: a day of a
    // month and a counted round, not section 10 "June 2026" or section 5 "차".
    expect(numberedHeadingLevel("10 June 2026", 2)).toBeNull();
    expect(numberedHeadingLevel("3 Sept. 2024", 2)).toBeNull();
    expect(numberedHeadingLevel("27 March", 2)).toBeNull();
    expect(numberedHeadingLevel("5 차", 2)).toBeNull();
    expect(numberedHeadingLevel("12 회차", 2)).toBeNull();
    expect(numberedHeadingLevel("3 명", 2)).toBeNull();
    // A title that only starts like one still is: "May" as a word, a round with its subject, a month's own section.
    expect(numberedHeadingLevel("2 Mayflower compact", 2)).toBe(1);
    expect(numberedHeadingLevel("1 차 회의 결과", 2)).toBe(1);
    expect(numberedHeadingLevel("3 March budget review", 2)).toBe(1);
    expect(numberedHeadingLevel("3 년도별 계획", 2)).toBe(1);
  });

  it("reads 'N장' chapters, and takes no numbered sentence or figures for a heading", () => {
    expect(numberedHeadingLevel("7장. 새로운 데비안 시스템으로 부팅하기", 2)).toBe(1);
    expect(numberedHeadingLevel("12장 용어 설명", 2)).toBe(1);
    // A list item that is a sentence and a lead-in (install.ko.txt), and a line of a time table's figures.
    expect(numberedHeadingLevel("1. 간단한 방법은 설치를 완료하고 새로 부팅한 후 다른 시간대를 선택하는 것입니다. 다음과 같은 명령을 사용합니다:", 2)).toBeNull();
    expect(numberedHeadingLevel("2. 다음 명령을 실행합니다:", 2)).toBeNull();
    expect(numberedHeadingLevel("0.0 0 0.0 0 UTC", 2)).toBeNull();
    expect(numberedHeadingLevel("4.1 \\ChapterTOCFormat 명령", 2)).toBe(2);
  });
});

describe("numbered headings in documents without marked headings", () => {
  it("takes a numbered title that asks ('1.1. 데비안이란?') for a heading, and a numbered sentence for none", () => {
    const doc = buildDocument(paragraphs("1장. 데비안에 오신 것을 환영합니다", "1.1. 데비안이란?", "데비안은 자원자로 구성된 조직입니다.", "2. 다음 명령을 실행합니다."), {
      title: null,
      pageCount: null,
      warnings: [],
    });
    expect(doc.blocks.map((block) => [block.kind, block.level])).toEqual([
      ["heading", 1],
      ["heading", 2],
      ["paragraph", undefined],
      ["paragraph", undefined],
    ]);
  });
});

describe("chapters of a regulation whose title alone is styled a heading", () => {
  it("takes 제N장 paragraphs for headings even when the document marks other headings (a Word 규정 with a Heading 1 title)", () => {
    const drafts: BlockDraft[] = [
      { kind: "heading", level: 1, text: "취업규칙", page: null },
      ...paragraphs("제1장 총칙", "제1조(목적) 이 규칙은 직원의 복무에 관한 사항을 정함을 목적으로 한다.", "제2장 채용", "3. 채용 서류", "제5조(채용서류) 신규 채용자는 서류를 제출하여야 한다."),
    ];
    const doc = buildDocument(drafts, { title: null, pageCount: null, warnings: [] });
    expect(doc.blocks.map((block) => [block.kind, block.level])).toEqual([
      ["heading", 1],
      ["heading", 1],
      ["paragraph", undefined],
      ["heading", 1],
      ["paragraph", undefined],
      ["paragraph", undefined],
    ]);
  });
});

describe("numbered items of an article in a regulation without marked headings", () => {
  it("keeps an article's 각 호 items ('1. 기업신용등급제공업무') as paragraphs, not sections", () => {
    // A Word 지침 whose chapters, articles and items are all typed in one body style (audit13kdocx).
    const doc = buildDocument(
      paragraphs(
        "제 1 편 총 칙",
        "제 1 조 (목적) 이 지침은 다음 각 호의 업무를 담당하는 조직의 기준을 정함을 목적으로 한다.",
        "1. 기업신용등급제공업무",
        "2. 기술신용평가업무",
        "제 2 조 (정의)",
        "① 이 지침에서 사용하는 용어의 정의는 다음 각 호와 같다.",
        "1. 평가자",
        "제 2 편 내부통제 조직",
        "1. 내부통제 조직의 구성",
      ),
      { title: null, pageCount: null, warnings: [] },
    );
    expect(doc.blocks.map((block) => [block.kind, block.level])).toEqual([
      ["heading", 1],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["heading", 1],
      // Outside any article, a numbered title under a division is a section of it, one level below.
      ["heading", 2],
    ]);
  });

  it("takes an annex's numbered titles for its sections again ('<별표2> …' then '1. 접근통제')", () => {
    const doc = buildDocument(paragraphs("제1조(시행일) 이 규정은 2022년 11월 25일 시행한다.", "1. 시행 전의 계약", "<별표2> 보안대책 마련 기준", "1. 접근통제", "① 접근권한을 최소한으로 부여한다."), {
      title: null,
      pageCount: null,
      warnings: [],
    });
    expect(doc.blocks.map((block) => [block.kind, block.level])).toEqual([
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["heading", 1],
      ["paragraph", undefined],
    ]);
  });

  it("keeps the items after a lead-in ('다음 각 호의 …') as paragraphs in an annex, and the annex's next section a heading", () => {
    const doc = buildDocument(
      paragraphs(
        "<별표2> 보안대책 마련 기준",
        "1. 접근통제",
        "② 개인신용정보를 송·수신할 때에는 암호화해야 한다. 보안서버는 다음 각 호의 어느 하나의 기능을 갖추어야 한다.",
        "1. 웹서버에 SSL 인증서를 설치하는 기능",
        "2. 웹서버에 암호화 응용프로그램을 설치하는 기능",
        "③ 개인신용정보를 PC에 저장할 때에는 이를 암호화해야 한다.",
        "2. 접속기록의 위·변조방지",
      ),
      { title: null, pageCount: null, warnings: [] },
    );
    expect(doc.blocks.map((block) => [block.kind, block.level])).toEqual([
      ["paragraph", undefined],
      ["heading", 1],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["paragraph", undefined],
      ["heading", 1],
    ]);
  });

  it("nests a numbered section under the chapter it follows ('제 1 장 …' then '1. 고객 신뢰의 극대화')", () => {
    const doc = buildDocument(
      paragraphs("제 1 장 고객에 대한 윤리", "1. 고객 신뢰의 극대화", "고객의 신뢰는 사업 기반이다.", "2. 고객에 대한 가치 제공", "제 2 장 주주에 대한 윤리", "1. 주주 이익 보호"),
      { title: null, pageCount: null, warnings: [] },
    );
    expect(doc.blocks.map((block) => [block.kind, block.level])).toEqual([
      ["heading", 1],
      ["heading", 2],
      ["paragraph", undefined],
      ["heading", 2],
      ["heading", 1],
      ["heading", 2],
    ]);
  });
});

describe("a statute's parts and chapters", () => {
  it("nests chapters under parts when the document has parts (제N편 > 제N장 > 제N절), and keeps chapters on top without", () => {
    // Both at level 1, a chapter replaced its part in every later section path (audit13kdocx: d17's parts and chapters flat).
    const withParts = buildDocument(
      paragraphs("제1편 총칙", "제1장 목적", "이 규정은 내부통제의 기준을 정한다.", "제1절 적용", "모든 임직원에게 적용한다.", "제2편 조직", "제1장 위원회", "위원회를 둔다."),
      { title: null, pageCount: null, warnings: [] },
    );
    expect(withParts.blocks.map((block) => [block.kind, block.level])).toEqual([
      ["heading", 1],
      ["heading", 2],
      ["paragraph", undefined],
      ["heading", 3],
      ["paragraph", undefined],
      ["heading", 1],
      ["heading", 2],
      ["paragraph", undefined],
    ]);
    const withoutParts = buildDocument(paragraphs("제1장 총칙", "제1절 목적", "목적을 정한다."), { title: null, pageCount: null, warnings: [] });
    expect(withoutParts.blocks.map((block) => block.level ?? null)).toEqual([1, 2, null]);
  });
});

describe("a statute's divisions marked as headings at one level", () => {
  it("nests a section (제N절) under its chapter and the articles under the section when a template gives them one heading level", () => {
    // A Google Docs 취업규칙 styles 제4장 and its 제1절 both Heading 1 and every 제N조 Heading 2: the section replaced the
    // chapter in the section path ["제1절 인사위원회", "제14조(…)"], and the chapter's name was lost from its articles.
    const heading = (text: string, level: number): BlockDraft => ({ kind: "heading", level, text, page: null });
    const document = buildDocument(
      [
        heading("제3장 복무", 1),
        heading("제7조(복무의무)", 2),
        { kind: "paragraph", text: "사원은 성실히 근무하여야 한다.", page: null },
        heading("제4장 인사", 1),
        heading("제1절 인사위원회", 1),
        heading("제12조(인사위원회의 구성)", 2),
        heading("제2절 배치", 1),
        heading("제15조(배치)", 2),
        heading("제5장 근로조건", 1),
        heading("제21조(근무형태)", 2),
        heading("부칙", 2),
        heading("제1조(시행일)", 3),
        heading("[별지 1] 표준근로계약서", 2),
      ],
      { title: null, pageCount: null, warnings: [] },
    );
    // 부칙 and the forms (별지) end the chapters: styled one level below them, they sat under the last chapter.
    expect(document.blocks.map((block) => block.level ?? null)).toEqual([1, 2, null, 1, 2, 3, 2, 3, 1, 2, 1, 3, 1]);
  });

  it("leaves divisions whose levels already nest as they are", () => {
    const heading = (text: string, level: number): BlockDraft => ({ kind: "heading", level, text, page: null });
    const document = buildDocument([heading("제1장 총칙", 1), heading("제1절 목적", 2), heading("제1조(목적)", 3), heading("제2장 인사", 1), heading("제2조(채용)", 3)], {
      title: null,
      pageCount: null,
      warnings: [],
    });
    expect(document.blocks.map((block) => block.level)).toEqual([1, 2, 3, 1, 3]);
  });
});

describe("tables of contents and indexes", () => {
  it("recognises entries with dot leaders or page numbers, and index entries", () => {
    expect(isContentsLine("1.1 간략한 역사 . . . . . . . . 1")).toBe(true);
    expect(isContentsLine("Introduction ........ 12")).toBe(true);
    expect(isContentsLine("감사의 말 iii")).toBe(true);
    expect(isContentsLine("연차 휴가는 입사일로부터 1년이 지나면 15일이 주어집니다. 신청은 인사 시스템에서 합니다.")).toBe(false);
    expect(isIndexLine("가운데 정렬, 33")).toBe(true);
    expect(isIndexLine("bzip2, 4, 17–19")).toBe(true);
  });

  it("marks a 목차 title and its entries, and stops at the body", () => {
    const drafts = paragraphs("목차", "1장 총칙 3", "2장 근로시간 7", "제1장 총칙", "이 규정은 근로조건을 정한다.");
    markContentsAndIndex(drafts);
    expect(drafts.map((draft) => draft.role)).toEqual(["toc", "toc", "toc", undefined, undefined]);
  });

  it("marks a 목차 typed as numbered lines without page numbers, its entries worded unlike the body's titles", () => {
    // A student team's 제안서 in Word: "목차" then "1. 개요와 전체적 게임 컨셉" … "7. 참고문헌", one paragraph each; the
    // body's titles read "1. 개요와 게임 컨셉". The entries became headings, and the whole body sat under "7. 참고문헌".
    const drafts = paragraphs("목차", "1. 개요와 전체적 게임 컨셉", "2. 프로그램 구조(클라이언트, 서버, DB)", "3. 인게임 플레이 진행과정", "1. 개요와 게임 컨셉", "게임 제목 : Do Mine");
    drafts.push({ kind: "list", text: "2. 프로그램 구조\nA. 클라이언트\nTitle Scene", page: null });
    const document = buildDocument(drafts, { title: null, pageCount: null, warnings: [] });
    expect(document.blocks.map((block) => [block.kind, block.role ?? "body"])).toEqual([
      ["paragraph", "toc"],
      ["paragraph", "toc"],
      ["paragraph", "toc"],
      ["paragraph", "toc"],
      ["heading", "body"],
      ["paragraph", "body"],
      ["list", "body"],
    ]);
    // A mid-term report's contents as one Word list, sections numbered and their parts lettered.
    const outline = [...paragraphs("목차"), { kind: "list" as const, text: "1. 프로젝트 개요\n2. 진행상황\nA. 인게임\nB. 서버\nC. DB\n3. 현재 발생한 문제점\n4. 앞으로의 계획\nA. 인게임\nB. 서버", page: null }, ...paragraphs("1. 프로젝트 개요")];
    markContentsAndIndex(outline);
    expect(outline.map((draft) => draft.role)).toEqual(["toc", "toc", undefined]);
    // Two numbered titles after "목차" with the body's text after them are the body, not a contents.
    const body = paragraphs("목차", "1. 개요", "1.1 목적", "이 문서는 게임을 설명한다.");
    markContentsAndIndex(body);
    expect(body.map((draft) => draft.role)).toEqual(["toc", undefined, undefined, undefined]);
  });

  it("reads chapter-page numbers ('3-12', glued where an export dropped the tab) and keeps long chapter titles and wrapped entries in the table", () => {
    expect(isContentsLine("B. ROLE OF UNITED STATES TRUSTEE 1-1")).toBe(true);
    expect(isContentsLine("Appendix B Forms A-4")).toBe(true);
    expect(isContentsLine("A. PURPOSE1-1")).toBe(true);
    expect(isContentsLine("The effects are shown in the chart of COVID-19")).toBe(false);
    expect(isContentsLine("Use the dial to select mode2-3")).toBe(false);
    // A Word handbook exported by Google Docs: page numbers glued to the titles, a wrapped entry, a long chapter title.
    const drafts = paragraphs(
      "Table of Contents",
      "CHAPTER 1 - INTRODUCTION",
      "A. PURPOSE1-1",
      "B. ROLE OF UNITED STATES TRUSTEE1-1",
      "CHAPTER 4 – FINANCIAL AND OPERATIONAL POLICIES, PROCEDURES, AND REPORTING REQUIREMENTS",
      "A. BANK ACCOUNT AND DEPOSIT, INVESTMENT AND DISBURSEMENT OF",
      "FUNDS4-1",
      "1. BANKS4-1",
      "CHAPTER 1 – INTRODUCTION",
      "The United States Trustee appoints and supervises standing trustees.",
    );
    markContentsAndIndex(drafts);
    expect(drafts.map((draft) => draft.role)).toEqual([...Array<string>(8).fill("toc"), undefined, undefined]);
  });

  it("takes Word's 'Table of Figures' and a handbook's 'Table of Content' for contents titles", () => {
    const drafts = paragraphs(
      "Table of Figures",
      "Figure 6: The File Menu 8",
      "Figure 7: The Color Table Menu 9",
      "TABLE OF CONTENT",
      "1.0 Welcome 4",
      "2.0 Company Overview 4",
      "1.0 Welcome",
      "Welcome to the company, and thank you for joining our team.",
    );
    markContentsAndIndex(drafts);
    expect(drafts.map((draft) => draft.role)).toEqual([...Array<string>(6).fill("toc"), undefined, undefined]);
  });

  it("takes the short titles right after a contents title, unnumbered and without page numbers, for its entries", () => {
    // A Word employee handbook types its "Table of Contents" as plain lines, worded unlike its sections' titles
    // ("About us" for "About “Arche Softronix Pvt. Ltd.”"): they were body text, found before the sections they name.
    const drafts = paragraphs(
      "Table of Contents",
      "About us",
      "Mission and Vision Statement",
      "Arrival and Attendance",
      "Leave Policy",
      "Once again, Welcome to Arche Softronix Private Limited!!",
      "Leave Policy:",
      "Employees earn 1.5 days of leave a month.",
    );
    markContentsAndIndex(drafts);
    expect(drafts.map((draft) => draft.role)).toEqual([...Array<string>(5).fill("toc"), undefined, undefined, undefined]);
    // Two short lines are no contents list, and a contents title's text after a heading is left alone.
    const short = paragraphs("Contents", "Overview", "The kit holds a cable and a charger.", "Setup", "Plug it in.");
    markContentsAndIndex(short);
    expect(short.map((draft) => draft.role)).toEqual(["toc", undefined, undefined, undefined, undefined]);
  });

  it("ends a list of figures at a heading on a later page, though its title ends in the chapter's number ('Introduction 1')", () => {
    // rinohtype's manual: "List of Figures" on page 5, page 6 blank, chapter 1 opening page 7 with its number at the
    // right margin of its title's line. The chapter's heading was marked an entry of the list and left out of search.
    const drafts: BlockDraft[] = [
      { kind: "heading", level: 1, text: "List of Figures", page: 5 },
      { kind: "paragraph", text: "Figure 2.1: Some pages from Odpisy.pdf 9", page: 5 },
      { kind: "heading", level: 1, text: "Introduction 1", page: 7 },
      { kind: "paragraph", text: "rinohtype was initially conceived as a modern replacement for LaTeX.", page: 7 },
    ];
    markContentsAndIndex(drafts);
    expect(drafts.map((draft) => draft.role)).toEqual(["toc", "toc", undefined, undefined]);
    // A contents that goes on overleaf keeps its entries there, headings or not.
    const overleaf: BlockDraft[] = [
      { kind: "heading", level: 1, text: "Contents", page: 2 },
      { kind: "paragraph", text: "1 Scope 4", page: 2 },
      { kind: "paragraph", text: "2 Terms 5", page: 3 },
      { kind: "heading", level: 1, text: "Annexes 40", page: 3 },
    ];
    markContentsAndIndex(overleaf);
    expect(overleaf.map((draft) => draft.role)).toEqual(["toc", "toc", "toc", "toc"]);
  });

  it("never takes code for a table of contents", () => {
    const drafts: BlockDraft[] = [{ kind: "code", text: "loading ....... 10\nlinking ....... 20", page: null }];
    markContentsAndIndex(drafts);
    expect(drafts[0]!.role).toBeUndefined();
  });

  it("makes FAQ questions headings in any document, and numbered paragraphs headings where no heading was marked", () => {
    const doc = buildDocument(paragraphs("제1장 총칙", "이 규정은 근로조건을 정한다.", "Q. 연차는 언제 생기나요?", "입사 1년 후에 생깁니다."), {
      title: null,
      pageCount: null,
      warnings: [],
    });
    expect(doc.blocks.map((block) => [block.kind, block.level])).toEqual([
      ["heading", 1],
      ["paragraph", undefined],
      ["heading", 2],
      ["paragraph", undefined],
    ]);
  });

  it("takes only the question of an FAQ paragraph that holds its answer too for the heading, the answer staying text", () => {
    // A Markdown FAQ writes "**Q: …?**" with "A: …" on the next line: one paragraph, its lines joined with a space.
    const doc = buildDocument(
      paragraphs(
        "Frequently Asked Questions",
        "Q: How long does approval take? A: Typically 2-3 business days. Urgent requests may be faster.",
        "Q. 연차는 언제 생기나요? 입사 1년 후에 생깁니다.",
        "Q: Is it free?",
      ),
      { title: null, pageCount: null, warnings: [] },
    );
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "Frequently Asked Questions"],
      ["heading", "Q: How long does approval take?"],
      ["paragraph", "A: Typically 2-3 business days. Urgent requests may be faster."],
      ["heading", "Q. 연차는 언제 생기나요?"],
      ["paragraph", "입사 1년 후에 생깁니다."],
      ["heading", "Q: Is it free?"],
    ]);
  });
});
