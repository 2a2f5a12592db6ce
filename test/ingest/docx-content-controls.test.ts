import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage } from "../fixtures/docx.ts";

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const paragraph = (text: string) => `<w:p>${run(text)}</w:p>`;

/** A content control (w:sdt) around `content`; `placeholder` marks it as still showing its prompt (w:showingPlcHdr). */
function control(alias: string, content: string, placeholder: boolean): string {
  return `<w:sdt><w:sdtPr><w:alias w:val="${alias}"/><w:id w:val="1"/>${placeholder ? "<w:showingPlcHdr/>" : ""}<w:date><w:lid w:val="ko-KR"/></w:date></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
}

async function textOf(body: string): Promise<string> {
  const { document } = await parseDocument(await docxPackage({ body }), "회의록.docx");
  return document.blocks.map((block) => block.text).join("\n");
}

describe("Word content controls (w:sdt)", () => {
  it("drop the prompt a control shows until it is filled in, keeping what was typed into the others", async () => {
    // Word's cover page "[날짜 선택]" (Select date) under the author's name: the prompt was indexed as the document's text.
    const cover =
      `<w:tbl><w:tr><w:tc><w:p>${control("만든 이", run("TJ"), false)}${control("날짜", run("[날짜 선택]"), true)}</w:p></w:tc></w:tr></w:tbl>` +
      control("요약", paragraph("[문서 요약을 입력하십시오.]"), true) +
      paragraph("1. 회의 개요") +
      paragraph("일시 190424 수, 작성자 이연주");
    const text = await textOf(cover);
    expect(text).toContain("TJ");
    expect(text).toContain("일시 190424 수");
    expect(text).not.toContain("날짜 선택");
    expect(text).not.toContain("문서 요약");
  });

  it("keep a filled control's text, and the text after a prompt nested in another control", async () => {
    const body = control("회사", paragraph("[라차타]"), false) + control("부제", `<w:p>${run("2019 콘테스트 ")}${control("날짜", run("[날짜 선택]"), true)}${run(" 제출본")}</w:p>`, false);
    const text = await textOf(body);
    expect(text).toContain("[라차타]");
    expect(text).toContain("2019 콘테스트");
    expect(text).toContain("제출본");
    expect(text).not.toContain("날짜 선택");
  });
});
