import { describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage } from "../fixtures/docx.ts";
import { expectDocumentInvariants } from "./invariants.ts";

/** A paragraph of runs; a run given as [text] is bold. */
function paragraph(...runs: Array<string | [string]>): string {
  return `<w:p>${runs
    .map((run) => (typeof run === "string" ? `<w:r><w:t xml:space="preserve">${run}</w:t></w:r>` : `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${run[0]}</w:t></w:r>`))
    .join("")}</w:p>`;
}

const cell = (...paragraphs: string[]) => `<w:tc>${paragraphs.join("")}</w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;

/**
 * One meeting of a student team's 회의록 (Word 16): a form table of label and value cells, its 회의내용 cell holding
 * the meeting's numbered ideas, each a paragraph.
 */
function minutes(round: number, date: string, ideas: string[]): string {
  return (
    paragraph(["회 의 록"]) +
    "<w:tbl>" +
    row(cell(paragraph("팀명")), cell(paragraph("Summer")), cell(paragraph("차수")), cell(paragraph(`${round} 차`))) +
    row(cell(paragraph("일 시")), cell(paragraph(date))) +
    row(cell(paragraph("장 소")), cell(paragraph("성곡 도서관"))) +
    row(cell(paragraph("참석자")), cell(paragraph("김기성 김윤성 양성호 정경진 정예원"))) +
    row(cell(paragraph("회의내용")), cell(...ideas.map((idea) => paragraph(idea)))) +
    row(cell(paragraph("결과물")), cell(paragraph(`회의록 : ${date} 회의록 작성`))) +
    "</w:tbl>"
  );
}

async function parse(body: string) {
  const { document } = await parseDocument(await docxPackage({ body }), "회의록.docx");
  expectDocumentInvariants(document);
  return document;
}

describe("a 회의록 whose meetings are form tables", () => {
  it("keeps a meeting's table a table when its 회의내용 cell holds many paragraphs, and no later meeting sits under its ideas", async () => {
    // The fifth of twelve meetings had a long 회의내용 cell (nine ideas, 1,500 characters): its table was taken for a
    // page laid out in a table and read as paragraphs, "5 차" became a section, the ideas' "2. 교내 아키네이터" another,
    // and every later meeting's chunks sat under that idea.
    const ideas = Array.from(
      { length: 8 },
      (_, i) => `${i + 1}. 아이디어 ${i + 1}: 음성파일을 불러와 API를 이용하여 텍스트로 변환하고 키워드를 통해 검색할 수 있는 노트 어플리케이션을 검토한다 (${"세부 기능 검토 ".repeat(6)})`,
    );
    const document = await parse(
      minutes(4, "2019 년 2 월 10 일", ["스마트칠판 구상도 검토"]) +
        minutes(5, "2019 년 2 월 17 일", ideas) +
        minutes(6, "2019 년 2 월 19 일", ["기존 아이디어에 대한 구체화"]),
    );
    expect(ideas.join("").length).toBeGreaterThan(1000);
    const tables = document.blocks.filter((block) => block.kind === "table");
    expect(tables).toHaveLength(3);
    expect(tables[1]!.text).toContain("팀명 | Summer | 차수 | 5 차");
    expect(tables[1]!.text).toContain("회의내용 | 1. 아이디어 1:");
    expect(document.blocks.some((block) => block.kind === "heading" && /^(?:5 차|\d\. 아이디어)/.test(block.text))).toBe(false);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    const sixth = chunks.find((chunk) => chunk.text.includes("기존 아이디어에 대한 구체화"));
    expect(sixth?.headingPath.some((heading) => heading.includes("아이디어"))).toBe(false);
  });
});

describe("a 신구대비표 laid out in a table of long cells side by side (현행 | 개정안 | 비고)", () => {
  it("still reads its articles as paragraphs, so each is a clause", async () => {
    const article = (n: number, text: string) => [`제 ${n} 조 (내부통제정책 수립)`, ...Array.from({ length: 4 }, (_, i) => `${"①②③④"[i]} ${text} 평가담당조직의 장은 내부통제체제를 수립하고 운영하기 위하여 다음 각 호의 업무를 담당한다. `.repeat(4))];
    const body =
      "<w:tbl>" +
      row(cell(paragraph("현행"), paragraph("(2024. 2. 22. 개정)")), cell(paragraph("개정안")), cell(paragraph("비고"))) +
      row(cell(...article(5, "기업부문 기획실은").map((line) => paragraph(line))), cell(...article(5, "부문 기획실은").map((line) => paragraph(line))), cell(paragraph("조직 명칭 변경"))) +
      "</w:tbl>";
    const document = await parse(body);
    expect(document.blocks.some((block) => block.kind === "table")).toBe(false);
    expect(document.blocks.map((block) => block.text)).toContain("제 5 조 (내부통제정책 수립)");
  });
});

describe("a meeting's minutes typed as bold labels over their values (Google Docs)", () => {
  it("takes no date under a \"Date:\" label for a numbered section", async () => {
    // "10 June 2026" read as section 10 titled "June 2026": the attendees, the summary and the action items sat under it.
    const document = await parse(
      paragraph(["Meeting Title:"]) +
        paragraph("Governance Committee Meeting") +
        paragraph(["Date:"]) +
        paragraph("10 June 2026") +
        paragraph(["Attendees:"]) +
        paragraph("CIO, IT Manager, Security Officer, Compliance Officer") +
        paragraph(["Discussion Summary:"]) +
        paragraph("User access review only 70% complete"),
    );
    expect(document.blocks.find((block) => block.text === "10 June 2026")?.kind).toBe("paragraph");
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.find((chunk) => chunk.text.includes("70% complete"))?.headingPath).not.toContain("10 June 2026");
  });
});

describe("a numbered item whose title and text are parted by a blank line (Google Docs 기획서)", () => {
  it("keeps the item's title on a line of its own, apart from the text under it", async () => {
    // A hackathon 기획서 exported from Google Docs: each part is a numbered item "배경 및 필요성", a blank line
    // (two line breaks), then its text, all in the one paragraph. The item read "3. 배경 및 필요성 해양 환경 문제에
    // 대한 …", the title run into the first sentence.
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const numbering =
      `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>` +
      `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const item = (...lines: string[]) =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${lines
        .map((line) => (line === "" ? "<w:r><w:br/></w:r>" : `<w:r><w:t xml:space="preserve">${line}</w:t></w:r>`))
        .join("")}</w:p>`;
    const { document } = await parseDocument(
      await docxPackage({
        body:
          item("아이디어 제목: 해양쓰레기 데이터 분석을 통한 플로깅 앱 개발") +
          item("배경 및 필요성", "", "", "해양 환경 문제에 대한 심각성이 심해지는 요즘, 해양쓰레기가 생태계 위협의 주 원인으로 지적되고 있다.") +
          item("참고문헌 ", "", " ", "", "차인환 외 4명, 플라스틱류 해양쓰레기와 생물피해 특성, 2015"),
        numbering,
      }),
      "기획서.docx",
    );
    expectDocumentInvariants(document);
    const text = document.blocks.map((block) => block.text).join("\n");
    expect(text).toContain("2. 배경 및 필요성\n해양 환경 문제에 대한 심각성이");
    expect(text).toContain("3. 참고문헌\n차인환 외 4명");
    // A line break alone goes on as a space, as it did.
    expect(text).toContain("1. 아이디어 제목: 해양쓰레기 데이터 분석을 통한 플로깅 앱 개발");
  });
});

describe("a sub-part's numbered title typed as the first line of its paragraph (Word 기획서)", () => {
  it("keeps \"3.3 …\" on its line, not run into the sentence after its line break", async () => {
    // "3.3 시각화 및 정보 공유 시스템" <w:br/> "분석된 데이터는 …": the title ends in a word and the text starts with a
    // syllable, as a sentence wrapped by a line break does, and the two read "3.3 시각화 및 정보 공유 시스템 분석된 데이터는".
    const body =
      `<w:p><w:r><w:t>3.2 중앙 서버 (Central Server)</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>엣지 디바이스에서 보낸 중요 데이터를 고성능 서버에서 정밀하게 분석합니다.</w:t></w:r></w:p>` +
      `<w:p><w:r><w:t>3.3 시각화 및 정보 공유 시스템</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>분석된 데이터는 직관적인 시각화 시스템을 통해 지도 위에 명확히 표시됩니다.</w:t></w:r></w:p>` +
      `<w:p><w:r><w:t>이 장비들은 컴퓨터 비전 기술을 이용하여 전투 지역의</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>적 장비를 자동으로 탐지합니다.</w:t></w:r></w:p>`;
    const { document } = await parseDocument(await docxPackage({ body }), "기획서.docx");
    expectDocumentInvariants(document);
    const texts = document.blocks.map((block) => block.text);
    expect(texts).toContain("3.3 시각화 및 정보 공유 시스템\n분석된 데이터는 직관적인 시각화 시스템을 통해 지도 위에 명확히 표시됩니다.");
    expect(texts).toContain("3.2 중앙 서버 (Central Server)\n엣지 디바이스에서 보낸 중요 데이터를 고성능 서버에서 정밀하게 분석합니다.");
    // A sentence wrapped by a line break still goes on.
    expect(texts).toContain("이 장비들은 컴퓨터 비전 기술을 이용하여 전투 지역의 적 장비를 자동으로 탐지합니다.");
  });
});
