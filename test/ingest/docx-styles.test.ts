import { describe, expect, it } from "vitest";
import { outlineHeadingStyleMap } from "../../src/ingest/docx-styles.ts";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage, W_NS as W } from "../fixtures/docx.ts";
import { expectDocumentInvariants } from "./invariants.ts";

const style = (id: string, name: string, properties: string, basedOn?: string) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${basedOn === undefined ? "" : `<w:basedOn w:val="${basedOn}"/>`}<w:pPr>${properties}</w:pPr></w:style>`;

/** A company template's styles: built-in headings, its own heading styles, and styles that are not headings. */
const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
  style("Normal", "Normal", "") +
  style("Heading1", "heading 1", '<w:outlineLvl w:val="0"/>', "Normal") +
  style("Heading2", "heading 2", '<w:outlineLvl w:val="1"/>', "Normal") +
  // Based on Heading 2, with the level stated again (as Word writes it) or only inherited.
  style("HeadingInvisNum", "heading 2 invisible num", '<w:outlineLvl w:val="1"/>', "Heading2") +
  style("PolicyClause", "Policy Clause", "", "Heading2") +
  // Its own outline level, based on Normal.
  style("AppendixTitle", "Appendix Title &amp; Notes", '<w:outlineLvl w:val="0"/>', "Normal") +
  style("Heading7", "heading 7", '<w:outlineLvl w:val="6"/>', "Normal") +
  // Body text (outline level 9), a table of contents level, and a plain style.
  style("BodyText", "Body Text", '<w:outlineLvl w:val="9"/>', "Normal") +
  style("TOC1", "toc 1", "", "Heading1") +
  style("Quote", "Quote", "", "Normal") +
  `</w:styles>`;

function paragraph(text: string, styleId?: string): string {
  return `<w:p>${styleId === undefined ? "" : `<w:pPr><w:pStyle w:val="${styleId}"/></w:pPr>`}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

async function companyHandbook(): Promise<Uint8Array> {
  const body = [
    paragraph("Travel policy", "Heading1"),
    paragraph("Booking", "Heading2"),
    paragraph("Book flights through the travel desk at least two weeks ahead.", "BodyText"),
    paragraph("Meals", "PolicyClause"),
    paragraph("Meals are refunded up to 40 euros a day.", "Quote"),
    paragraph("References", "HeadingInvisNum"),
    paragraph("See the expenses policy for receipts."),
    paragraph("Forms & contacts", "AppendixTitle"),
    paragraph("The travel desk answers on extension 4410."),
  ].join("");
  return docxPackage({ body, styles: STYLES });
}

describe("a Word template's own heading styles", () => {
  it("are headings at their outline level, set on the style or inherited from the heading style it is based on", async () => {
    const { document } = await parseDocument(await companyHandbook(), "handbook.docx");
    expectDocumentInvariants(document);
    expect(document.blocks.map(({ kind, level, text }) => [kind, level ?? null, text])).toEqual([
      ["heading", 1, "Travel policy"],
      ["heading", 2, "Booking"],
      ["paragraph", null, "Book flights through the travel desk at least two weeks ahead."],
      ["heading", 2, "Meals"],
      ["paragraph", null, "Meals are refunded up to 40 euros a day."],
      ["heading", 2, "References"],
      ["paragraph", null, "See the expenses policy for receipts."],
      ["heading", 1, "Forms & contacts"],
      ["paragraph", null, "The travel desk answers on extension 4410."],
    ]);
  });

  it("maps only styles mammoth does not: not the built-in headings, not body text, tables of contents or plain styles", () => {
    expect(outlineHeadingStyleMap(STYLES)).toEqual([
      "p[style-name='heading 2 invisible num'] => h2:fresh",
      "p[style-name='Policy Clause'] => h2:fresh",
      "p[style-name='Appendix Title & Notes'] => h1:fresh",
      "p[style-name='heading 7'] => h6:fresh",
    ]);
    expect(outlineHeadingStyleMap(style("Odd", "It's mine", '<w:outlineLvl w:val="2"/>'))).toEqual(["p[style-name='It\\'s mine'] => h3:fresh"]);
  });
});

/**
 * Word's Paragraph ▸ Outline level set on the paragraph itself, not on a style: Korean public-sector templates (the
 * data.go.kr "Open API 활용가이드") title their sections this way in the body style, and Word lists them in its
 * navigation pane and table of contents like any heading.
 */
async function guideWithOutlineLevels(): Promise<Uint8Array> {
  const outline = (text: string, level: number, extra = "") =>
    `<w:p><w:pPr>${extra}<w:outlineLvl w:val="${level}"/></w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const body = [
    paragraph("서비스 목록", "Heading1"),
    paragraph("※ 오퍼레이션 목록은 각각의 서비스 명세에 표기"),
    outline("1. 서비스 명세", 0, '<w:pStyle w:val="Quote"/>'),
    outline("가. API 서비스 개요", 2),
    paragraph("코로나19 국가별 일일 확진자 현황을 제공한다."),
    // Outline level 9 is Word's "Body Text"; a level inside a tracked formatting change is the old formatting.
    outline("나. 상세기능 목록", 9),
    `<w:p><w:pPr><w:pPrChange w:id="1" w:author="a"><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>한 페이지 결과 수는 10이다.</w:t></w:r></w:p>`,
    outline("2. OpenAPI 에러 코드정리", 0),
    paragraph("에러코드 0은 정상이다."),
  ].join("");
  return docxPackage({ body, styles: STYLES });
}

describe("a Word paragraph's own outline level", () => {
  it("makes it a heading at that level, and the sections below it follow it", async () => {
    const { document } = await parseDocument(await guideWithOutlineLevels(), "guide.docx");
    expectDocumentInvariants(document);
    expect(document.blocks.map(({ kind, level, text }) => [kind, level ?? null, text])).toEqual([
      ["heading", 1, "서비스 목록"],
      ["paragraph", null, "※ 오퍼레이션 목록은 각각의 서비스 명세에 표기"],
      ["heading", 1, "1. 서비스 명세"],
      ["heading", 3, "가. API 서비스 개요"],
      ["paragraph", null, "코로나19 국가별 일일 확진자 현황을 제공한다."],
      ["paragraph", null, "나. 상세기능 목록"],
      ["paragraph", null, "한 페이지 결과 수는 10이다."],
      ["heading", 1, "2. OpenAPI 에러 코드정리"],
      ["paragraph", null, "에러코드 0은 정상이다."],
    ]);
    const paths = chunkDocument(document, DEFAULT_CHUNK_OPTIONS).map((chunk) => [chunk.headingPath.join(" > "), chunk.text.split("\n").at(-1)]);
    expect(paths).toContainEqual(["1. 서비스 명세 > 가. API 서비스 개요", "한 페이지 결과 수는 10이다."]);
    expect(paths).toContainEqual(["2. OpenAPI 에러 코드정리", "에러코드 0은 정상이다."]);
  });
});

/**
 * Word's (and Word for the web's) generated table of contents: each entry a paragraph in the "toc 1"… style, a
 * hyperlink to its heading, a tab and a PAGEREF field for the page. A design document put it under no "목차" title,
 * so nothing marked it: its lines were body text, and its last entry "4.3 Debug interface 22" opened the clause
 * "Section 4.3" that every chunk of the document then carried.
 */
async function designWithContents(): Promise<Uint8Array> {
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
    style("Normal", "Normal", "") +
    style("Title", "Title", "", "Normal") +
    style("Heading1", "heading 1", '<w:outlineLvl w:val="0"/>', "Normal") +
    style("Heading2", "heading 2", '<w:outlineLvl w:val="1"/>', "Normal") +
    style("TOC1", "toc 1", "", "Normal") +
    style("TOC2", "toc 2", "", "Normal") +
    `</w:styles>`;
  const field = (instruction: string) =>
    `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${instruction}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`;
  const entry = (text: string, page: number, styleId: string, first = false) =>
    `<w:p><w:pPr><w:pStyle w:val="${styleId}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9015"/></w:tabs></w:pPr>` +
    (first ? field('TOC \\o "1-9" \\z \\u \\h') : "") +
    `<w:hyperlink w:anchor="_Toc${page}${text.length}"><w:r><w:t xml:space="preserve">${text}</w:t></w:r><w:r><w:tab/></w:r>` +
    field(`PAGEREF _Toc${page}${text.length} \\h`) +
    `<w:r><w:t>${page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>` +
    `</w:p>`;
  const body = [
    paragraph("TCC GMAC 모듈 구조 설계서", "Title"),
    entry("1 모듈 개요", 2, "TOC1", true),
    entry("1.1 모듈 목적", 2, "TOC2"),
    entry("4 모듈 인터렉션", 11, "TOC1"),
    entry("4.3 Debug interface", 22, "TOC2"),
    `<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
    paragraph("1 모듈 개요", "Heading1"),
    paragraph("1.1 모듈 목적", "Heading2"),
    paragraph("TCC GMAC 모듈은 GMAC 디바이스를 초기화하기 위해 설계되었다."),
    paragraph("4 모듈 인터렉션", "Heading1"),
    paragraph("4.3 Debug interface", "Heading2"),
    paragraph("Debugfs 파일시스템에 디버깅 파일들을 생성한다."),
  ].join("");
  return docxPackage({ body, styles });
}

describe("Word's table of contents styles", () => {
  it("make their paragraphs contents entries, titled or not, and no entry opens a clause of the body", async () => {
    const { document } = await parseDocument(await designWithContents(), "설계서.docx");
    expectDocumentInvariants(document);
    expect(document.blocks.filter((block) => block.role === "toc").map((block) => block.text)).toEqual([
      "1 모듈 개요 2",
      "1.1 모듈 목적 2",
      "4 모듈 인터렉션 11",
      "4.3 Debug interface 22",
    ]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS).filter((chunk) => chunk.role === "body");
    const purpose = chunks.find((chunk) => chunk.text.includes("초기화하기 위해"));
    expect(purpose?.headingPath).toEqual(["1 모듈 개요", "1.1 모듈 목적"]);
    expect(purpose?.clausePath).toBeNull();
    expect(chunks.find((chunk) => chunk.text.includes("Debugfs"))?.clausePath).toBe("Section 4.3");
  });
});
