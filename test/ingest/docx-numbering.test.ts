import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/ingest/docx-numbering.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage, W_NS as W } from "../fixtures/docx.ts";
import { expectDocumentInvariants } from "./invariants.ts";

function paragraph(text: string, properties = ""): string {
  return `<w:p>${properties === "" ? "" : `<w:pPr>${properties}</w:pPr>`}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

const list = (numId: number) => `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`;

function level(index: number, format: string, text: string, extra = ""): string {
  return `<w:lvl w:ilvl="${index}"><w:start w:val="1"/><w:numFmt w:val="${format}"/>${extra}<w:lvlText w:val="${text}"/></w:lvl>`;
}

/** A Word 규정 as Word writes one with a multilevel list on its heading styles: the numbers are in numbering.xml only. */
async function numberedRegulation(): Promise<Uint8Array> {
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
    `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
    `</w:styles>`;
  const numbering =
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>` +
    // Articles count on through the chapters (lvlRestart 0), as a 규정's do.
    `<w:abstractNum w:abstractNumId="0">${level(0, "decimal", "제%1장", '<w:pStyle w:val="Heading1"/>')}${level(1, "decimal", "제%2조", '<w:pStyle w:val="Heading2"/><w:lvlRestart w:val="0"/>')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="1">${level(0, "ganada", "%1.")}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="2">${level(0, "decimalEnclosedCircle", "%1")}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="3">${level(0, "bullet", "•")}</w:abstractNum>` +
    `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
    `<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>` +
    `</w:numbering>`;
  const body = [
    paragraph("총칙", '<w:pStyle w:val="Heading1"/>'),
    paragraph("목적", '<w:pStyle w:val="Heading2"/>'),
    paragraph("이 규정은 여비에 관한 사항을 정함을 목적으로 한다."),
    paragraph("서류", '<w:pStyle w:val="Heading2"/>'),
    paragraph("신규 채용자는 다음 서류를 제출하여야 한다."),
    paragraph("이력서", list(2)),
    paragraph("졸업증명서", list(2)),
    paragraph("국내 여비", '<w:pStyle w:val="Heading1"/>'),
    paragraph("일비", '<w:pStyle w:val="Heading2"/>'),
    paragraph("일비는 1일당 2만5천원으로 한다.", list(3)),
    paragraph("공용차량을 이용하면 일비의 2분의 1을 감액한다.", list(3)),
    paragraph("참고 항목", list(4)),
  ].join("");
  return docxPackage({ body, styles, numbering });
}

describe("Word's automatic numbering", () => {
  it("is written into the text, so chapters and articles keep their numbers in headings, paths and clauses", async () => {
    const { document } = await parseDocument(await numberedRegulation(), "규정.docx");
    expectDocumentInvariants(document);
    expect(document.blocks.map(({ kind, level, text }) => [kind, level ?? null, text])).toEqual([
      ["heading", 1, "제1장 총칙"],
      ["heading", 2, "제1조 목적"],
      ["paragraph", null, "이 규정은 여비에 관한 사항을 정함을 목적으로 한다."],
      ["heading", 2, "제2조 서류"],
      ["paragraph", null, "신규 채용자는 다음 서류를 제출하여야 한다."],
      ["list", null, "가. 이력서\n나. 졸업증명서"],
      ["heading", 1, "제2장 국내 여비"],
      ["heading", 2, "제3조 일비"],
      ["list", null, "① 일비는 1일당 2만5천원으로 한다.\n② 공용차량을 이용하면 일비의 2분의 1을 감액한다."],
      ["list", null, "참고 항목"],
    ]);
  });

  it("numbers a text box's list once, though Word writes the box twice (DrawingML and its VML fallback)", async () => {
    const zip = await JSZip.loadAsync(await numberedRegulation());
    const MC =
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" ' +
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"';
    const step = (text: string) => paragraph(text, list(3));
    const box = (content: string, wrapper: string) => `<w:p><w:r>${wrapper.replace("CONTENT", content)}</w:r></w:p>`;
    const steps = step("보건소에 신고한다.") + step("방역 조치를 한다.");
    const alternate =
      `<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${steps}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:textbox><w:txbxContent>${steps}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent>`;
    const body = box("", alternate) + step("종결한다.");
    zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W} ${MC}><w:body>${body}</w:body></w:document>`);
    const { document } = await parseDocument(await zip.generateAsync({ type: "uint8array" }), "절차.docx");
    expect(document.text).toContain("① 보건소에 신고한다.\n② 방역 조치를 한다.");
    expect(document.text).toContain("③ 종결한다.");
  });

  it("numbers a paragraph as it is now, not as a tracked formatting change says it was", async () => {
    const zip = await JSZip.loadAsync(await numberedRegulation());
    // The writer took "부칙" out of the circled list with Track Changes on: Word shows it unnumbered, and the items
    // after it go on from ②, not ③.
    const was = (properties: string) => `<w:pPrChange w:id="7" w:author="법무팀" w:date="2024-03-01T00:00:00Z"><w:pPr>${properties}</w:pPr></w:pPrChange>`;
    const body =
      paragraph("일비는 1일당 2만5천원으로 한다.", list(3)) +
      paragraph("부칙", was(list(3))) +
      paragraph("이 규정은 2024년 3월 1일부터 시행한다.", `${list(3)}${was("")}`);
    zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
    const { document } = await parseDocument(await zip.generateAsync({ type: "uint8array" }), "여비규정.docx");
    expect(document.blocks.map(({ text }) => text)).toEqual(["① 일비는 1일당 2만5천원으로 한다.", "부칙", "② 이 규정은 2024년 3월 1일부터 시행한다."]);
  });

  it("restarts a list where a new instance of it overrides its start, and counts on from there in the old instance", async () => {
    // An ISO 27001 template: "I. Purpose of managing risks:" … "IV." in the body list, then the Heading 2 titles share
    // that list; the first is "Restart Numbering"-ed (a new w:num with a startOverride), the next ones carry the style's
    // own w:num. Word's contents read "I. Risk Assessment", "II. Risk Acceptance"; they came out "V.", "VI.".
    const styles =
      `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
      `<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
      `</w:styles>`;
    const numbering =
      `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>` +
      `<w:abstractNum w:abstractNumId="0">${level(0, "upperRoman", "%1.")}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
      `<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
      `</w:numbering>`;
    const body = [
      paragraph("Purpose of managing risks:", list(1)),
      paragraph("Time Period:", list(1)),
      paragraph("Risk Assessment", `<w:pStyle w:val="Heading2"/>${list(2)}`),
      paragraph("Risk acceptance is decided by the risk owner."),
      paragraph("Risk Acceptance", '<w:pStyle w:val="Heading2"/>'),
    ].join("");
    const { document } = await parseDocument(await docxPackage({ body, styles, numbering }), "risk.docx");
    expect(document.blocks.map(({ text }) => text)).toEqual([
      "I. Purpose of managing risks:\nII. Time Period:",
      "I. Risk Assessment",
      "Risk acceptance is decided by the risk owner.",
      "II. Risk Acceptance",
    ]);
  });

  it("writes no number into an empty numbered paragraph, which Word still counts", async () => {
    // A 요구사항정의서's "목차" is followed by an empty paragraph left in a numbered list: a block reading only "1." was
    // indexed. Word shows the number but counts the paragraph, so the next item is "2.".
    const numbering =
      `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>` +
      `<w:abstractNum w:abstractNumId="0">${level(0, "decimal", "%1.")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const body = [
      paragraph("목차"),
      `<w:p><w:pPr>${list(1)}</w:pPr></w:p>`,
      `<w:p><w:pPr>${list(1)}</w:pPr><w:r><w:t xml:space="preserve"> </w:t></w:r></w:p>`,
      paragraph("인적사항 등록", list(1)),
      paragraph("대목록"),
    ].join("");
    const { document } = await parseDocument(await docxPackage({ body, numbering }), "요구사항정의서.docx");
    expectDocumentInvariants(document);
    expect(document.blocks.map(({ text }) => text)).toEqual(["목차", "3. 인적사항 등록", "대목록"]);
  });

  it("writes counters in Word's formats", () => {
    expect([1, 4, 20].map((value) => formatNumber(value, "decimalEnclosedCircle"))).toEqual(["①", "④", "⑳"]);
    expect([1, 3, 15].map((value) => formatNumber(value, "ganada"))).toEqual(["가", "다", "가"]);
    expect([1, 12, 21].map((value) => formatNumber(value, "koreanCounting"))).toEqual(["일", "십이", "이십일"]);
    expect([4, 9, 14].map((value) => formatNumber(value, "upperRoman"))).toEqual(["IV", "IX", "XIV"]);
    expect([1, 27].map((value) => formatNumber(value, "lowerLetter"))).toEqual(["a", "a"]);
    expect(formatNumber(7, "somethingNew")).toBe("7");
  });
});
