import { describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage, W_NS as W } from "../fixtures/docx.ts";
import { expectDocumentInvariants } from "./invariants.ts";

const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
  `</w:styles>`;

/** A paragraph of runs; a run given as [text] is bold, as Word writes a title typed in the body style and made bold. */
function paragraph(...runs: Array<string | [string]>): string {
  return `<w:p>${runs
    .map((run) => (typeof run === "string" ? `<w:r><w:t xml:space="preserve">${run}</w:t></w:r>` : `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${run[0]}</w:t></w:r>`))
    .join("")}</w:p>`;
}

const heading = (text: string) => `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;

async function parse(body: string) {
  const { document } = await parseDocument(await docxPackage({ body, styles: STYLES }), "policy.docx");
  expectDocumentInvariants(document);
  return document;
}

describe("a Word paragraph typed in the body style and made bold", () => {
  it("is a heading one level below the section around it when body text follows it", async () => {
    // An ISO 27001 template's "Objectives:" / "Focus Area:" under a Heading 1, and a terms-of-service page whose
    // "TERMS OF SERVICE FOR EMPLOYERS" and lead-ins are bold body paragraphs: their text sat under no title of its own.
    const document = await parse(
      paragraph(["CODE OF CONDUCT"]) +
        paragraph("Effective from July 15, 2021") +
        heading("Objectives, Focus Area and Usable Parties") +
        paragraph(["Objectives:"]) +
        paragraph("This approach controls how documents are produced and reviewed.") +
        paragraph(["Focus "], ["Area:"]) +
        paragraph("All papers and data related to the ISMS."),
    );
    expect(document.title).toBe("CODE OF CONDUCT");
    expect(document.blocks.map(({ kind, level, text }) => [kind, level ?? null, text])).toEqual([
      ["heading", 1, "CODE OF CONDUCT"],
      ["paragraph", null, "Effective from July 15, 2021"],
      ["heading", 1, "Objectives, Focus Area and Usable Parties"],
      ["heading", 2, "Objectives:"],
      ["paragraph", null, "This approach controls how documents are produced and reviewed."],
      ["heading", 2, "Focus Area:"],
      ["paragraph", null, "All papers and data related to the ISMS."],
    ]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.find((chunk) => chunk.text.includes("All papers"))?.headingPath).toEqual(["Objectives, Focus Area and Usable Parties", "Focus Area:"]);
  });

  it("titles the document only when it opens it, not as a bold line among the notes", async () => {
    // A 회의록 opens with "ASC 1차 회의록 (2019.05.10)" in the body style; far down, a name the team weighed stands
    // bold on its own line, and the whole document was titled "NEWRULES".
    const notes = ["초기 회의 안건", "1) 아이디어 정리, 제출 아이디어 확정", "2) 시나리오 확정 및 영상 제작 데드라인 설정", "뉴룰즈 (두아리파) : 가사가 너무 멋있다"];
    const document = await parse(paragraph("ASC 1차 회의록 (2019.05.10)") + notes.map((line) => paragraph(line)).join("") + paragraph(["NEWRULES"]) + paragraph("발키리: (밝히리)"));
    expect(document.blocks.find((block) => block.text === "NEWRULES")?.kind).toBe("heading");
    expect(document.title).not.toBe("NEWRULES");
    // A 공문's bold subject line under its 수신 and 참조 lines still titles the letter, by its subject as an HWP 공문's does.
    const letter = await parse(paragraph("주식회사 케이씨아이엠") + paragraph("수    신 : 고객사 대표이사 귀하") + paragraph("참    조 : 기술지원팀") + paragraph(["제    목 : 유지보수 계약 갱신 안내"]) + paragraph("귀사의 무궁한 발전을 기원합니다."));
    expect(letter.title).toBe("유지보수 계약 갱신 안내");
  });

  it("is a heading for each meeting of a 회의록 that dates its meetings in bold lines", async () => {
    const document = await parse(paragraph(["7/18"]) + paragraph("팀명과 팀장을 정했다.") + paragraph(["7/21"]) + paragraph("주제 아이디어를 공유했다."));
    expect(document.blocks.filter((block) => block.kind === "heading").map(({ level, text }) => [level, text])).toEqual([
      [1, "7/18"],
      [1, "7/21"],
    ]);
  });

  it("leaves numbered titles, articles and 부칙 to the readers of numbering and clauses", async () => {
    // A file that styles no heading and numbers its titles: they are its sections, and a bold line taken for a heading
    // would have stopped them being read so.
    const guide = await parse(paragraph(["개발 가이드"]) + paragraph("1. 개요") + paragraph("이 문서는 개발 규칙을 정한다.") + paragraph(["2. 코딩 규칙"]) + paragraph("변수는 카멜 표기법을 쓴다."));
    expect(guide.blocks.filter((block) => block.kind === "heading").map(({ level, text }) => [level, text])).toEqual([
      [1, "1. 개요"],
      [1, "2. 코딩 규칙"],
    ]);
    // Its bold opening line still titles it, as it would over styled headings: a 회의록 typed so had no title at all.
    expect(guide.title).toBe("개발 가이드");
    const minutes = await parse(paragraph(["회의록 - DIVE 2026 해커톤 짐캐리 연계 서비스 기획"]) + paragraph(["1. 회의 내용 요약"]) + paragraph("짐캐리 어플리케이션에 스케줄링 서비스를 추가한다."));
    expect(minutes.title).toBe("회의록 - DIVE 2026 해커톤 짐캐리 연계 서비스 기획");
    expect(minutes.blocks.map(({ kind }) => kind)).toEqual(["paragraph", "heading", "paragraph"]);
    // A bold date or a label opening it names no document.
    expect((await parse(paragraph(["2024. 3. 15."]) + paragraph("1. 안건") + paragraph("예산을 정했다."))).title).toBeNull();
    expect((await parse(paragraph(["January 21, 2022 (공문 작성일)"]) + paragraph("1. 안건") + paragraph("예산을 정했다."))).title).toBeNull();
    expect((await parse(paragraph(["수신: 전 직원"]) + paragraph("1. 안건") + paragraph("예산을 정했다."))).title).toBeNull();
    // A 개인정보 처리방침 with some articles' titles bold: as headings they held the articles after them that are not.
    const policy = await parse(heading("개인정보 처리방침") + paragraph(["제2조(처리 원칙)"]) + paragraph("회사는 법령에 따라 처리한다.") + paragraph(["제 조 (간사)"]) + paragraph("간사는 기획부서의 부서장으로 한다.") + paragraph(["- 다 음 -"]) + paragraph("일시 : 20XX년 00월 00일") + paragraph(["부칙"]) + paragraph("제1조 이 방침은 2024.08.01.부터 시행됩니다."));
    expect(policy.blocks.filter((block) => block.kind === "heading").map(({ text }) => text)).toEqual(["개인정보 처리방침"]);
  });

  it("is a heading when it is a label in capitals over body text, bold or not (\"PURPOSE:\", \"PROCEDURE:\")", async () => {
    // A change-management procedure typed in Times New Roman 12 pt throughout, its parts titled in capitals.
    const document = await parse(
      paragraph("[Company Name]") +
        paragraph("PURPOSE:") +
        paragraph("This procedure provides guidance for change management within the company.") +
        paragraph("PROCEDURE:") +
        paragraph("Submit a change request for any change to production systems.") +
        paragraph("TALENTLI WILL NOT BE LIABLE FOR ANY DAMAGES.") +
        paragraph("Some text follows."),
    );
    expect(document.title).toBeNull();
    expect(document.blocks.filter((block) => block.kind === "heading").map(({ level, text }) => [level, text])).toEqual([
      [1, "PURPOSE:"],
      [1, "PROCEDURE:"],
    ]);
  });

  it("is a heading when a square mark sets it apart (\"■ 기능적 요구사항\", \"□ 추진 배경\"), bold or not", async () => {
    // A 요구사항 정의서 (Word) titles each part "■ 기능적 요구사항" in the body style over its table; its parts sat in no
    // section, and none of them is the document's title.
    const table = (id: string, name: string) =>
      `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>요구사항 ID</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>${id}</w:t></w:r></w:p></w:tc></w:tr>` +
      `<w:tr><w:tc><w:p><w:r><w:t>요구사항 명</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>${name}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;
    const document = await parse(
      paragraph("■ 기능적 요구사항") + table("R-0001", "회원가입 기능 추가") + paragraph("■ 성능 요구사항") + table("R-0016", "데이터베이스 무결성 확보") +
        paragraph("□ 추진 배경") + paragraph("모바일 환경에 대응하여 어플리케이션을 구현한다."),
    );
    expect(document.blocks.filter((block) => block.kind === "heading").map(({ level, text }) => [level, text])).toEqual([
      [1, "■ 기능적 요구사항"],
      [1, "■ 성능 요구사항"],
      [1, "□ 추진 배경"],
    ]);
    expect(document.title).toBeNull();
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.find((chunk) => chunk.text.includes("R-0016"))?.headingPath).toEqual(["■ 성능 요구사항"]);
    // Marked lines in a row are a list, and a marked label with its value or a sentence is no title.
    const list = await parse(
      paragraph("■ 신분증 사본") + paragraph("■ 재직 증명서") + paragraph("서류는 3월 31일까지 제출한다.") + paragraph("■ 신청 기간: 3월 1일 ~ 3월 31일") +
        paragraph("기간 안에 신청한다.") + paragraph("□ 신청서는 인사팀에 제출한다.") + paragraph("늦은 신청은 받지 않는다."),
    );
    expect(list.blocks.filter((block) => block.kind === "heading")).toEqual([]);
  });

  it("stays a paragraph when it is emphasis: a bold sentence, bold words in a line, bold lines in a row, the last line", async () => {
    const document = await parse(
      paragraph(["Do not share passwords with anyone."]) +
        paragraph("IT will never ask for them.") +
        paragraph(["Note: "], "read the whole policy.") +
        paragraph("It changes every year.") +
        paragraph(["주식회사 직지"]) +
        paragraph(["서울특별시 중구 세종대로 110"]) +
        paragraph("대표 전화 02-123-4567") +
        paragraph(["Signature"]),
    );
    expect(document.blocks.filter((block) => block.kind === "heading")).toEqual([]);
  });
});
