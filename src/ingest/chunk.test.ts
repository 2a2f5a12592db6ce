import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.ts";
import { expectChunkInvariants } from "../../test/ingest/invariants.ts";
import { buildDocument, type BlockDraft } from "./build-document.ts";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS, validateChunkOptions } from "./chunk.ts";

function doc(blocks: BlockDraft[]) {
  return buildDocument(blocks, { title: null, pageCount: null, warnings: [] });
}

function paragraph(text: string, page: number | null = null): BlockDraft {
  return { kind: "paragraph", text, page };
}

function heading(level: number, text: string): BlockDraft {
  return { kind: "heading", level, text, page: null };
}

/** Sentences of distinct, recognisable content: "Sentence 7 is here." */
function numberedSentences(from: number, count: number): string {
  return Array.from({ length: count }, (_, index) => `Sentence ${from + index} is here.`).join(" ");
}

describe("validateChunkOptions", () => {
  it("rejects overlap that is not smaller than the chunk size, and non-positive sizes", () => {
    expect(() => validateChunkOptions({ maxChars: 100, overlapChars: 100 })).toThrow(InvalidInputError);
    expect(() => validateChunkOptions({ maxChars: 100, overlapChars: 150 })).toThrow(/overlapChars \(150\)/);
    expect(() => validateChunkOptions({ maxChars: 0, overlapChars: 0 })).toThrow(/maxChars must be a positive/);
    expect(() => validateChunkOptions({ maxChars: -5, overlapChars: 0 })).toThrow(InvalidInputError);
    expect(() => validateChunkOptions({ maxChars: 100, overlapChars: -1 })).toThrow(InvalidInputError);
    expect(() => validateChunkOptions({ maxChars: 1.5, overlapChars: 0 })).toThrow(InvalidInputError);
    expect(() => validateChunkOptions(DEFAULT_CHUNK_OPTIONS)).not.toThrow();
    expect(() => validateChunkOptions({ maxChars: 100, overlapChars: 0, pageBreaks: "yes" as unknown as boolean })).toThrow(
      /pageBreaks must be true or false, got yes/,
    );
  });

  it("is applied by chunkDocument", () => {
    expect(() => chunkDocument(doc([paragraph("Hi.")]), { maxChars: 10, overlapChars: 10 })).toThrow(InvalidInputError);
  });
});

describe("chunkDocument", () => {
  it("defaults to 1200 characters with 200 of overlap", () => {
    expect(DEFAULT_CHUNK_OPTIONS).toEqual({ maxChars: 1200, overlapChars: 200, pageBreaks: false, sectionBreaks: true });
  });

  it("packs short paragraphs into one chunk", () => {
    const document = doc([paragraph("First paragraph."), paragraph("둘째 문단입니다.")]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toBe("First paragraph.\n\n둘째 문단입니다.");
  });

  it("splits only at sentence ends and keeps every chunk a slice of the text", () => {
    const options = { maxChars: 120, overlapChars: 0 };
    const document = doc([paragraph(numberedSentences(1, 20)), paragraph(numberedSentences(21, 20))]);
    const chunks = chunkDocument(document, options);
    expect(chunks.length).toBeGreaterThan(5);
    expectChunkInvariants(document, chunks, options);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^Sentence \d+ is here\..*\.$/s);
  });

  it("repeats whole trailing sentences of the previous chunk as overlap", () => {
    const options = { maxChars: 100, overlapChars: 45 };
    const document = doc([paragraph(numberedSentences(1, 12))]);
    const chunks = chunkDocument(document, options);
    expectChunkInvariants(document, chunks, options);
    for (let index = 1; index < chunks.length; index++) {
      const previous = chunks[index - 1]!;
      const current = chunks[index]!;
      const overlap = previous.charEnd - current.charStart;
      expect(overlap).toBeGreaterThan(0);
      expect(overlap).toBeLessThanOrEqual(options.overlapChars);
      // The repeated part is whole sentences: it starts where a sentence starts.
      expect(current.text).toMatch(/^Sentence \d+ is here\./);
    }
    // 5 sentences of 19 characters fill 100; the last two (39 characters) fit in 45 of overlap.
    expect(chunks[0]!.text).toBe(numberedSentences(1, 5));
    expect(chunks[1]!.text.startsWith("Sentence 4 is here. Sentence 5 is here. Sentence 6 is here.")).toBe(true);
  });

  it("does not overlap when overlapChars is zero", () => {
    const chunks = chunkDocument(doc([paragraph(numberedSentences(1, 12))]), { maxChars: 100, overlapChars: 0 });
    for (let index = 1; index < chunks.length; index++) {
      expect(chunks[index]!.charStart).toBeGreaterThan(chunks[index - 1]!.charEnd);
    }
  });

  it("starts a chunk at every heading and tracks the heading path", () => {
    const document = doc([
      heading(1, "Guide"),
      paragraph("Intro text."),
      heading(2, "Install"),
      paragraph("Install it."),
      heading(3, "On Linux"),
      paragraph("Use apt."),
      heading(2, "Usage"),
      paragraph("Run it."),
      heading(1, "Appendix"),
      paragraph("More."),
    ]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.map((chunk) => [chunk.text, chunk.headingPath])).toEqual([
      ["Guide\n\nIntro text.", ["Guide"]],
      ["Install\n\nInstall it.", ["Guide", "Install"]],
      ["On Linux\n\nUse apt.", ["Guide", "Install", "On Linux"]],
      ["Usage\n\nRun it.", ["Guide", "Usage"]],
      ["Appendix\n\nMore.", ["Appendix"]],
    ]);
  });

  it("keeps a heading with the sub-heading that directly follows it", () => {
    const document = doc([heading(1, "1장 개요"), heading(2, "1.1 목적"), paragraph("목적을 설명합니다.")]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.headingPath).toEqual(["1장 개요", "1.1 목적"]);
    expect(chunks[0]!.text).toBe("1장 개요\n\n1.1 목적\n\n목적을 설명합니다.");
  });

  it("never overlaps across a heading", () => {
    const options = { maxChars: 100, overlapChars: 60 };
    const document = doc([paragraph(numberedSentences(1, 6)), heading(2, "Next"), paragraph(numberedSentences(7, 6))]);
    const chunks = chunkDocument(document, options);
    expectChunkInvariants(document, chunks, options);
    const nextSection = chunks.find((chunk) => chunk.text.startsWith("Next"))!;
    expect(nextSection.headingPath).toEqual(["Next"]);
    const before = chunks[nextSection.ordinal - 1]!;
    expect(before.charEnd).toBeLessThan(nextSection.charStart);
    for (const chunk of chunks.slice(nextSection.ordinal + 1)) expect(chunk.text).not.toContain("Next");
  });

  it("carries the pages of the blocks a chunk covers", () => {
    const document = doc([
      paragraph("Page one text.", 1),
      paragraph("Page two text.", 2),
      paragraph("Page three text is a bit longer than the others.", 3),
    ]);
    const chunks = chunkDocument(document, { maxChars: 60, overlapChars: 0 });
    expect(chunks.map((chunk) => [chunk.pageStart, chunk.pageEnd])).toEqual([
      [1, 2],
      [3, 3],
    ]);
    const unpaged = chunkDocument(doc([paragraph("No pages here.")]), DEFAULT_CHUNK_OPTIONS);
    expect([unpaged[0]!.pageStart, unpaged[0]!.pageEnd]).toEqual([null, null]);
  });

  it("with pageBreaks, ends a chunk where a page begins and starts the next page without overlap", () => {
    const document = doc([
      paragraph(numberedSentences(1, 12), 1),
      paragraph(numberedSentences(13, 12), 2),
      paragraph(numberedSentences(25, 3), 3),
    ]);
    const options = { maxChars: 1200, overlapChars: 200, pageBreaks: true };
    const chunks = chunkDocument(document, options);
    expectChunkInvariants(document, chunks, options);
    expect(chunks.map((chunk) => [chunk.pageStart, chunk.pageEnd])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(chunks[1]!.text.startsWith("Sentence 13 is here.")).toBe(true);
    // Without the switch the same document is one chunk over all three pages.
    const across = chunkDocument(document, { maxChars: 1200, overlapChars: 200 });
    expect(across.map((chunk) => [chunk.pageStart, chunk.pageEnd])).toEqual([[1, 3]]);
  });

  it("with pageBreaks, lets a tiny piece or a lone heading run on into the next page", () => {
    const document = doc([
      paragraph("Short line.", 1),
      paragraph(numberedSentences(1, 12), 2),
      { kind: "heading", level: 1, text: "설치 방법", page: 2 },
      paragraph("패키지를 설치하려면 다음 명령을 실행합니다. 설치가 끝나면 다시 시작합니다.", 3),
    ]);
    const chunks = chunkDocument(document, { maxChars: 1200, overlapChars: 200, pageBreaks: true });
    expect(chunks.map((chunk) => [chunk.pageStart, chunk.pageEnd])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(chunks[1]!.text).toMatch(/^설치 방법\n\n패키지를/u);
    expect(chunks[1]!.headingPath).toEqual(["설치 방법"]);
  });

  it("with sectionBreaks false, lets a heading share a chunk with the section before it", () => {
    const document = doc([heading(1, "설치"), paragraph("먼저 패키지를 내려받습니다."), heading(1, "제거"), paragraph("패키지를 지웁니다.")]);
    expect(chunkDocument(document, DEFAULT_CHUNK_OPTIONS).map((chunk) => chunk.headingPath)).toEqual([["설치"], ["제거"]]);
    const shared = chunkDocument(document, { ...DEFAULT_CHUNK_OPTIONS, sectionBreaks: false });
    expect(shared).toHaveLength(1);
    expect(shared[0]!.text).toBe(document.text);
    expect(shared[0]!.headingPath).toEqual(["제거"]);
  });

  it("with pageBreaks, still packs page-less documents by size alone", () => {
    const document = doc([paragraph(numberedSentences(1, 10)), paragraph(numberedSentences(11, 10))]);
    const options = { maxChars: 1200, overlapChars: 200 };
    expect(chunkDocument(document, { ...options, pageBreaks: true })).toEqual(chunkDocument(document, options));
  });

  it("cuts a single sentence longer than maxChars at whitespace near the limit", () => {
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");
    const options = { maxChars: 50, overlapChars: 10 };
    const document = doc([paragraph(`${words}.`)]);
    const chunks = chunkDocument(document, options);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(50);
      if (chunk !== chunks.at(-1)) expect(chunk.text.length).toBeGreaterThan(25);
      expect(chunk.text).toMatch(/^word\d+( word\d+)*\.?$/);
    }
    expect(chunks.map((chunk) => chunk.text).join(" ")).toBe(`${words}.`);
  });

  it("hard-cuts a sentence without whitespace, never splitting a surrogate pair", () => {
    const unspaced = "가".repeat(25) + "😀".repeat(10) + "나".repeat(25);
    const document = doc([paragraph(unspaced)]);
    const chunks = chunkDocument(document, { maxChars: 30, overlapChars: 5 });
    expect(chunks.map((chunk) => chunk.text).join("")).toBe(unspaced);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(30);
      expect(chunk.text).toBe(chunk.text.toWellFormed());
    }
  });

  it("returns no chunks for a document without blocks", () => {
    expect(chunkDocument(doc([]), DEFAULT_CHUNK_OPTIONS)).toEqual([]);
  });
});

describe("chunkDocument roles and parser-given sections", () => {
  it("never puts a table of contents or an index in the same chunk as body text, and labels each chunk's role", () => {
    const parsed = doc([
      { kind: "paragraph", text: "목차", page: 1, role: "toc" },
      { kind: "paragraph", text: "1.1 개요 . . . . . . 3 1.2 목적 . . . . . . 4", page: 1, role: "toc" },
      paragraph("본문이 시작된다. 여기가 내용이다.", 2),
      { kind: "paragraph", text: "찾아보기", page: 9 },
      { kind: "paragraph", text: "가격, 12, 40\n계약, 7", page: 9 },
    ]);
    const chunks = chunkDocument(parsed, DEFAULT_CHUNK_OPTIONS);
    expectChunkInvariants(parsed, chunks, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.map((chunk) => [chunk.role, chunk.pageStart])).toEqual([
      ["toc", 1],
      ["body", 2],
      ["index", 9],
    ]);
  });

  it("keeps a chapter title directly followed by its contents list with that list, not as a chunk of its own", () => {
    // DocBook chapter pages (the Debian installation guide, GIMP's help): the title, then only the chapter's
    // contents. A chunk holding nothing but the title matches the title's words better than any paragraph does.
    const parsed = doc([
      heading(1, "Chapter 2. System Requirements"),
      { kind: "paragraph", text: "Table of Contents", page: null, role: "toc" },
      { kind: "list", text: "2.1. Supported Hardware\n2.2. Memory and Disk Space Requirements", page: null, role: "toc" },
    ]);
    const chunks = chunkDocument(parsed, DEFAULT_CHUNK_OPTIONS);
    expectChunkInvariants(parsed, chunks, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.map((chunk) => [chunk.role, chunk.text.split("\n")[0]])).toEqual([["toc", "Chapter 2. System Requirements"]]);
    expect(chunks[0]!.headingPath).toEqual(["Chapter 2. System Requirements"]);
  });

  it("packs the entries of a numbered table of contents together: an entry is not a clause that starts a chunk", () => {
    // Sphinx/LaTeX contents pages: every line starts "N.N Title", the form a regulation's "Section 4.2" takes.
    const entries = [
      "2.2 Debian mentors and sponsors . . . . . . . . . . . . . . 6",
      "3.1 Maintaining your Debian information . . . . . . . . . . 9",
      "3.1.3 Manage release-critical bugs . . . . . . . . . . . . 10",
      "3.2 Administrative Duties . . . . . . . . . . . . . . . . . 10",
      "4.1.1 Basic rules for use . . . . . . . . . . . . . . . . . 15",
    ];
    const parsed = doc([
      { kind: "paragraph", text: "Contents", page: 3, role: "toc" },
      ...entries.map((text): BlockDraft => ({ kind: "paragraph", text, page: 3, role: "toc" })),
      paragraph("2.2 Debian mentors and sponsors", 6),
      paragraph("The mentors list helps new maintainers.", 6),
      paragraph("3.1 Maintaining your Debian information", 9),
      paragraph("Keep your information current.", 9),
    ]);
    const chunks = chunkDocument(parsed, DEFAULT_CHUNK_OPTIONS);
    expectChunkInvariants(parsed, chunks, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.filter((chunk) => chunk.role === "toc")).toHaveLength(1);
    expect(chunks.find((chunk) => chunk.role === "toc")!.text).toContain("4.1.1 Basic rules for use");
    // Body text still starts a chunk at a numbered section.
    expect(chunks.filter((chunk) => chunk.role === "body").map((chunk) => chunk.pageStart)).toEqual([6, 9]);
  });

  it("closes a contents title's section where the body starts, though no heading follows it", () => {
    // A 요구사항 명세서 (Word): "목차" set large and bold over its list, then the body's parts marked "■ 기능적 요구사항"
    // in the body style; all 33 requirement tables after the list were in the section "목차".
    const parsed = doc([
      heading(1, "식단관리 어플리케이션 요구사항 명세서"),
      { kind: "heading", level: 1, text: "목차", page: null, role: "toc" },
      { kind: "list", text: "1. 기능 요구사항\n2. 성능 요구사항", page: null, role: "toc" },
      paragraph("■ 기능적 요구사항"),
      { kind: "table", text: "요구사항 ID | R-0001 | 요구사항 명 | 회원가입 기능 추가", page: null },
    ]);
    const chunks = chunkDocument(parsed, DEFAULT_CHUNK_OPTIONS);
    expectChunkInvariants(parsed, chunks, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.find((chunk) => chunk.text.includes("2. 성능"))?.headingPath).toEqual(["목차"]);
    expect(chunks.find((chunk) => chunk.text.includes("R-0001"))?.headingPath).toEqual([]);
  });

  it("follows a section path the parser gives (a PDF outline) and starts a chunk where it changes", () => {
    const parsed = doc([
      { kind: "heading", level: 1, text: "Chapter 1", page: 1, section: ["Chapter 1"] },
      { kind: "paragraph", text: "Intro text.", page: 1, section: ["Chapter 1"] },
      { kind: "paragraph", text: "Options text.", page: 2, section: ["Chapter 1", "1.1 Options"] },
    ]);
    const chunks = chunkDocument(parsed, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.map((chunk) => [chunk.text, chunk.headingPath])).toEqual([
      ["Chapter 1\n\nIntro text.", ["Chapter 1"]],
      ["Options text.", ["Chapter 1", "1.1 Options"]],
    ]);
  });
});

describe("chunkDocument, a clause a heading opened", () => {
  it("ends at the next heading at its level or above that opens none, back to the clause around it", () => {
    // A 제안서 (docx.js): "5.2 ETRI 제주관광데이터 과제와의 연계" was read as Section 5.2 (a number, then a capital), and the
    // conclusion "6. 결론" after it, which is no clause, was filed under Section 5.2. A Korean outline heading is no
    // English section at all now (its line holds Hangul), so none of these opens a clause and none leaks into "6. 결론";
    // the English agreement below keeps the closing rule itself under test.
    const proposal = doc([
      heading(1, "5. 기대효과"),
      paragraph("5.1 KTX 연계: 부산역 도착 시점을 활용합니다."),
      heading(2, "5.2 ETRI 제주관광데이터 과제와의 연계"),
      paragraph("핵심 로직은 동일하게 재사용할 수 있습니다."),
      heading(1, "6. 결론"),
      paragraph("세 목표를 하나의 데이터 파이프라인으로 통합해 해소합니다."),
    ]);
    const chunks = chunkDocument(proposal, DEFAULT_CHUNK_OPTIONS);
    expectChunkInvariants(proposal, chunks, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.map((chunk) => [chunk.headingPath.at(-1), chunk.clausePath])).toEqual([
      ["5. 기대효과", null],
      ["5.2 ETRI 제주관광데이터 과제와의 연계", null],
      ["6. 결론", null],
    ]);
    // A section closed by an unnumbered heading beside it leaves the article it is in.
    const agreement = doc([
      heading(1, "Article 5 Definitions"),
      heading(2, "5.1 Terms"),
      paragraph("Terms have the meaning given here."),
      heading(2, "Other words"),
      paragraph("Other words have their ordinary meaning."),
      heading(3, "Plurals"),
      paragraph("The singular includes the plural."),
    ]);
    const clauses = chunkDocument(agreement, DEFAULT_CHUNK_OPTIONS).map((chunk) => [chunk.headingPath.at(-1), chunk.clausePath]);
    expect(clauses).toContainEqual(["Other words", "Article 5"]);
    expect(clauses).toContainEqual(["Plurals", "Article 5"]);
  });
});

describe("chunkDocument, a 학칙's 부칙 after its last chapter", () => {
  it("puts the 부칙 and the 별표 outside the last chapter's section path, keeping their clause paths", () => {
    // A university's 학칙 printed to PDF: chapters found from their numbering, then 부칙 revision after revision.
    const document = doc([
      heading(1, "제20장 학점은행제"),
      paragraph("제85조(학점은행제) 학점은행제의 운영에 관한 사항은 따로 정한다."),
      heading(1, "제21장 기타"),
      paragraph("제86조(세칙) 이 학칙의 시행에 필요한 세칙은 총장이 별도로 정한다."),
      paragraph("부칙"),
      paragraph("제1조(시행일) 이 변경 학칙은 1996년 3월 1일부터 시행한다."),
      paragraph("부 칙(한세 98-78호)"),
      paragraph("제1조(시행일) 이 변경 학칙은 1998년 3월 2일부터 시행한다."),
      paragraph("[별표 1] 모집단위별 입학정원"),
      paragraph("경영학과 40명, 신학과 30명"),
    ]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    const at = (words: string) => chunks.find((chunk) => chunk.text.includes(words))!;
    expect(at("제86조").headingPath).toEqual(["제21장 기타"]);
    expect(at("1996년").headingPath).toEqual([]);
    expect(at("1996년").clausePath).toBe("부칙 제1조(시행일)");
    expect(at("1998년").headingPath).toEqual([]);
    expect(at("경영학과").headingPath).toEqual([]);
    expect(at("경영학과").clausePath).toBe("별표 1");
  });
});

describe("clauses named in a table of contents", () => {
  it("open no clause: the contents' entries neither take a clause nor pass one on to the text after them", () => {
    // A Word handbook's contents line "3.2 Pay Schedule 27" read as the clause "Schedule 27", which every later
    // section then carried ("5.4 Sick Leave › Schedule 27 Section 5.4"); a 취업규칙's last entry "[별지 5] … 39" the same.
    const document = doc([
      heading(1, "Employee Handbook"),
      { kind: "paragraph", role: "toc", text: "Table of Contents\n3.2 Pay Schedule 27\n5.4 Sick Leave 38\n[별지 5] 징계처분사유설명서 39", page: null },
      heading(2, "Welcome Statement"),
      paragraph("Welcome to the City. This handbook describes your benefits."),
      heading(2, "5.4 Sick Leave"),
      paragraph("Sick leave accrues at the rate of 3.07 hours per pay period."),
    ]);
    const chunks = chunkDocument(document, { ...DEFAULT_CHUNK_OPTIONS, maxChars: 120, overlapChars: 20 });
    expectChunkInvariants(document, chunks, { ...DEFAULT_CHUNK_OPTIONS, maxChars: 120, overlapChars: 20 });
    expect(chunks.map((chunk) => [chunk.role, chunk.clausePath])).toEqual([
      ["toc", null],
      ["body", null],
      ["body", "Section 5.4"],
    ]);
    expect(chunks.at(-1)!.text).toContain("3.07 hours");
  });
});
