import { describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage } from "../fixtures/docx.ts";
import { expectDocumentInvariants } from "./invariants.ts";

const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const table = (rows: string[][]) => `<w:tbl>${rows.map((row) => `<w:tr>${row.map((cell) => `<w:tc>${paragraph(cell)}</w:tc>`).join("")}</w:tr>`).join("")}</w:tbl>`;

async function parse(body: string) {
  const { document } = await parseDocument(await docxPackage({ body }), "서약서.docx");
  expectDocumentInvariants(document);
  return document;
}

describe("numbered lines in a document that styles no headings", () => {
  it("stay items when they follow one another with nothing under any of them", async () => {
    // A contest's 서약서 (Word, no heading styles): "☞ 기타 참가 유의사항" over six numbered notes, then the 공모
    // 요약서 form. Each note was taken for a section, and the form's chunks sat under "6. 제출된 공모작에 대한 내용은 …".
    const notes = ["1. 참가 자격에 결격사항 발생 시 자격 자동박탈", "2. 본선, 시상, 시연 등에 응하지 않을 경우 수상자 선정에서 제외", "3. 평가 및 수상자 선정 등 주최기관의 결정에 대해 이의 제기 불가", "4. 제출된 공모작에 대한 내용은 접수 및 평가과정에서 비밀 유지"];
    const document = await parse(paragraph("☞ 기타 참가 유의사항") + notes.map(paragraph).join("") + table([["공모제목", "날씨와 유형 별 산악 사고의 연관 관계"], ["공모배경", "증가하는 등산 인구에 따라 산악사고가 늘고 있다."]]));
    expect(document.blocks.filter((block) => block.kind === "heading")).toEqual([]);
    const form = chunkDocument(document, DEFAULT_CHUNK_OPTIONS).find((chunk) => chunk.text.includes("공모배경"));
    expect(form?.headingPath ?? []).not.toContain(notes[3]);
  });

  it("are sections when text comes under them, even after a run of numbered items", async () => {
    const document = await parse(
      paragraph("대목록") +
        ["1. 사원 인적사항 등록", "2. 공지사항 작성 기능", "3. 휴가 승인과 취소"].map(paragraph).join("") +
        paragraph("1. 인적사항 부분 회의내용") +
        paragraph("필요기능은 인적사항 등록, 수정, 검색이다.") +
        paragraph("2. 공지사항 부분 회의내용") +
        paragraph("관리자만 공지를 쓴다."),
    );
    expect(document.blocks.filter((block) => block.kind === "heading").map((block) => block.text)).toEqual(["1. 인적사항 부분 회의내용", "2. 공지사항 부분 회의내용"]);
  });
});
