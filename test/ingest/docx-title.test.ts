import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage, W_NS as W } from "../fixtures/docx.ts";

/** Body text at 10 pt (w:sz counts half-points), Word's headings larger, as Word and Google Docs write them. */
const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
  `<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="32"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="18"/></w:rPr></w:style>` +
  `</w:styles>`;

function paragraph(text: string, options: { style?: string; size?: number; center?: boolean } = {}): string {
  const properties = [options.style === undefined ? "" : `<w:pStyle w:val="${options.style}"/>`, options.center === true ? '<w:jc w:val="center"/>' : ""].join("");
  const run = options.size === undefined ? "" : `<w:rPr><w:b/><w:sz w:val="${options.size}"/><w:szCs w:val="${options.size}"/></w:rPr>`;
  return `<w:p>${properties === "" ? "" : `<w:pPr>${properties}</w:pPr>`}${text === "" ? "" : `<w:r>${run}<w:t xml:space="preserve">${text}</w:t></w:r>`}</w:p>`;
}

const core = (title: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
  `<dc:title>${title}</dc:title><dc:creator>인사팀</dc:creator></cp:coreProperties>`;

async function titleOf(body: string, coreXml?: string): Promise<string | null> {
  const { document } = await parseDocument(await docxPackage({ body, styles: STYLES, ...(coreXml === undefined ? {} : { core: coreXml }) }), "규정.docx");
  return document.title;
}

describe("a Word document's title", () => {
  it("is the title in its properties (docProps/core.xml) when the opening line is no title", async () => {
    const body = paragraph("제1장 총칙", { style: "Heading1" }) + paragraph("이 규정은 국내 출장의 여비를 정한다.");
    expect(await titleOf(body, core("여비 규정 &amp; 세칙"))).toBe("여비 규정 & 세칙");
    expect(await titleOf(body, core(""))).toBeNull();
    // A template carries its properties over: the printed title wins over a stale one ("변경전", the company's name).
    expect(await titleOf(paragraph("영업비밀관리규정", { size: 52 }) + paragraph("제정 2007.01.01.", { size: 16 }), core("변경전"))).toBe("영업비밀관리규정");
    expect(await titleOf(body, core("NICE그룹_공문서_01_240311"))).toBeNull();
    expect(await titleOf(paragraph("금융소비자 보호에", { size: 52 }) + paragraph("관한 내부통제규정", { size: 52 }) + paragraph("제정 2021.10.22", { size: 16 }), core("감사위원회규정"))).toBe(
      "금융소비자 보호에 관한 내부통제규정",
    );
  });

  it("is the opening paragraph set larger than the body text: a cover's title typed in the body style", async () => {
    // Google Docs exports a 취업규칙 whose cover reads "취 업   규 칙" in 36 pt bold after blank lines; its chapters are
    // Heading 1, and the title was the first of them, "제1장 총칙", for every chunk of the document.
    const cover = paragraph("") + paragraph("") + paragraph("취 업   규 칙", { size: 72, center: true }) + paragraph("2019. 04.", { size: 48, center: true });
    expect(await titleOf(cover + paragraph("제1장 총칙", { style: "Heading1" }) + paragraph("이 규칙은 사원의 복무를 정한다."))).toBe("취업규칙");
    // A plan's first line in 22 pt over 11 pt text, with no heading styles at all.
    // A form's title under the issuing office's line.
    expect(await titleOf(paragraph("경영관리본부 기획실") + paragraph("신구대비표 (내규관리규정)", { size: 48, center: true }) + paragraph("변경 내용은 다음과 같다."))).toBe("신구대비표 (내규관리규정)");
    expect(await titleOf(paragraph("Incident Response Plan", { size: 44 }) + paragraph("Owner: IT security", { size: 24 }) + paragraph("Classification: Internal"))).toBe("Incident Response Plan");
  });

  it("is not a numbered section, a caption or a body-sized opening line", async () => {
    // docx.js writes a proposal whose first paragraph is a figure's caption and whose first heading is "0. 개요".
    expect(await titleOf(paragraph("그림 1. 서비스 구조 개요", { style: "Caption", center: true }) + paragraph("0. 개요", { style: "Heading1" }) + paragraph("본 프로젝트는 부동산 의사결정을 돕는다."))).toBeNull();
    expect(await titleOf(paragraph("제1장 총칙", { style: "Heading1" }) + paragraph("제1조(목적) 이 규정은 여비를 정한다."))).toBeNull();
    expect(await titleOf(paragraph("1. 파일 명명 규칙", { size: 20 }) + paragraph("패키지명은 영문소문자를 사용한다.", { size: 16 }))).toBeNull();
    // A 회의록 opens with its first meeting's date in 14 pt bold over 10 pt notes: a date names no document.
    const minutes = paragraph("7/18", { size: 28 }) + paragraph("1. 팀프로젝트 준비 – 강사님 전달사항") + paragraph("팀명 정하기");
    expect(await titleOf(minutes)).toBeNull();
    expect(await titleOf(minutes, core("팀 프로젝트 회의록"))).toBe("팀 프로젝트 회의록");
    expect(await titleOf(paragraph("2024", { style: "Heading1" }) + paragraph("올해의 사업 계획입니다."))).toBeNull();
    // An unnumbered first heading still names the document, as before.
    expect(await titleOf(paragraph("Travel policy", { style: "Heading1" }) + paragraph("Book flights two weeks ahead."))).toBe("Travel policy");
  });
  it("keeps the words a tab or a line break sets apart in the opening title", async () => {
    // Google Docs: "Database Term Project Phase 3", seven tabs, "User manual" in 30 pt; the title read "Phase 3User manual".
    const tabbed = `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="60"/></w:rPr><w:t xml:space="preserve">Database Term Project Phase 3</w:t></w:r><w:r><w:tab/><w:tab/></w:r><w:r><w:rPr><w:b/><w:sz w:val="60"/></w:rPr><w:t>User manual</w:t></w:r></w:p>`;
    expect(await titleOf(tabbed + paragraph("2016114146 허정은") + paragraph("제출물 실행 및 사용방법"))).toBe("Database Term Project Phase 3 User manual");
    const broken = `<w:p><w:r><w:rPr><w:sz w:val="52"/></w:rPr><w:t>정보보호</w:t><w:br/><w:t>관리지침</w:t></w:r></w:p>`;
    expect(await titleOf(broken + paragraph("제1조(목적) 이 지침은 정보보호를 정한다."))).toBe("정보보호 관리지침");
  });
});
