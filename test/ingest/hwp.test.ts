import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import CFB from "cfb";
import { describe, expect, it } from "vitest";
import { PayloadTooLargeError } from "../../src/errors.ts";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { parseHwp } from "../../src/ingest/parse-hwp.ts";
import { parseHwpx } from "../../src/ingest/parse-hwpx.ts";
import { writeZip } from "../fixtures/zip-writer.ts";
import { writeStoredZip } from "../../src/ingest/zip.ts";
import { cli } from "../helpers/cli.ts";
import { expectChunkInvariants, expectDocumentInvariants } from "./invariants.ts";

const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/hwp/${name}`, import.meta.url)));

function tableBlocks(text: string, blocks: Array<{ kind: string; text: string }>): string[] {
  return blocks.filter((block) => block.kind === "table" && block.text.includes(text)).map((block) => block.text);
}

describe("HWP 5.0 (compound file, zlib-compressed BodyText records)", () => {
  it("reads a real press release by content, whatever its name, with its tables row by row", async () => {
    const { mediaType, document } = await parseDocument(await fixture("hwpjs-noori.hwp"), "press-release.bin");
    expect(mediaType).toBe("application/x-hwp");
    expectDocumentInvariants(document);
    expectChunkInvariants(document, chunkDocument(document, DEFAULT_CHUNK_OPTIONS), DEFAULT_CHUNK_OPTIONS);
    expect(document.text).toContain("한국형발사체(KSLV-2)의 새로운 이름으로 “누리”가 선정되었다고 밝혔다.");
    const [header] = tableBlocks("보도일시", document.blocks);
    expect(header!.split("\n")[1]).toBe("배포일시 | 2018. 9. 3.(월) 09:00 | 담당부서 | 거대공공연구정책과");
  });

  it("keeps a cover table's label | value rows", async () => {
    const { document } = await parseDocument(await fixture("hwpjs-basicsReport.hwp"), "report.hwp");
    expect(tableBlocks("과목명", document.blocks)[0]).toMatch(/^과목명 \| .+\n담당교수 \| .+\n학과명 \| .+\n학번 \| 200012345\n이름 \| /);
  });

  it("takes headings from outline paragraph shapes, not from a style's name, and refuses to inflate past the decompression limit", () => {
    // Paragraph shape 1 is an outline level 1 (개요 1); the style "개요 1" (style 1) on a plain shape is not a
    // heading: writers apply it and then change the shape, and Hancom draws no outline head for such a paragraph.
    const hwp = syntheticHwp(
      [
        { style: 1, shape: 1, text: "총칙" },
        { text: "이 규정은 휴가에 관하여 정한다." },
        { style: 1, text: "휴가의 종류" },
      ],
      0b1,
      { paraShapes: [{ head: 0, level: 0, id: 0 }, { head: 1, level: 0, id: 0 }] },
    );
    const document = parseHwp(hwp, "rules.hwp", 1024 * 1024);
    expect(document.blocks.map(({ kind, level, text }) => ({ kind, level, text }))).toEqual([
      { kind: "heading", level: 1, text: "총칙" },
      { kind: "paragraph", level: undefined, text: "이 규정은 휴가에 관하여 정한다." },
      { kind: "paragraph", level: undefined, text: "휴가의 종류" },
    ]);
    expect(document.title).toBe("총칙");
    expect(() => parseHwp(hwp, "rules.hwp", 16)).toThrow(PayloadTooLargeError);
    expect(() => parseHwp(hwp, "rules.hwp", 16)).toThrow(/rules\.hwp would decompress past the limit .*JIKJI_MAX_DECOMPRESSED_MB/);
  });

  it("writes Hancom's automatic paragraph numbers (DocInfo numberings, paragraph shapes, the section's outline numbering) into the text", () => {
    // Numbering 1 is the section's outline numbering (1. / 가. / 1)), numbering 2 a "(1)" list. Paragraph shapes:
    // 0 none, 1 outline level 1, 2 outline level 2, 3 numbered by numbering 2, 4 a bullet.
    const definitions = {
      numberings: [
        [[0, "^1."], [8, "^2."], [0, "^3)"], [8, "^4)"], [0, "(^5)"], [8, "(^6)"], [1, "^7"]],
        [[0, "(^1)"], [0, "^2."], [0, "^3."], [0, "^4."], [0, "^5."], [0, "^6."], [0, "^7."]],
      ] as Array<Array<[number, string]>>,
      paraShapes: [
        { head: 0, level: 0, id: 0 },
        { head: 1, level: 0, id: 0 },
        { head: 1, level: 1, id: 0 },
        { head: 2, level: 0, id: 2 },
        { head: 3, level: 0, id: 1 },
      ] as SyntheticParaShape[],
      outlineNumbering: 1,
    };
    const hwp = syntheticHwp(
      [
        { shape: 1, text: "총칙" },
        { shape: 2, text: "목적" },
        { text: "이 규정은 휴가에 관하여 정한다." },
        { shape: 2, text: "정의" },
        { shape: 3, text: "연차휴가" },
        // An empty numbered paragraph shows no number and does not count.
        { shape: 3 },
        { shape: 3, text: "병가" },
        { shape: 4, text: "글머리" },
        { shape: 1, text: "보칙" },
        { shape: 2, text: "시행일" },
      ],
      0b1,
      definitions,
    );
    const document = parseHwp(hwp, "rules.hwp", 1024 * 1024);
    expect(document.blocks.map(({ kind, level, text }) => `${kind}${level ?? ""} ${text}`)).toEqual([
      "heading1 1. 총칙",
      "heading2 가. 목적",
      "paragraph 이 규정은 휴가에 관하여 정한다.",
      "heading2 나. 정의",
      "paragraph (1) 연차휴가",
      "paragraph (2) 병가",
      "paragraph 글머리",
      "heading1 2. 보칙",
      "heading2 가. 시행일",
    ]);
  });

  it("numbers a real report's outline and numbered paragraphs (hwp.js basicsReport: 본문 중제목 outline, 본문 소제목 numbered ^1.^2.)", async () => {
    const { document } = await parseDocument(await fixture("hwpjs-basicsReport.hwp"), "report.hwp");
    expect(document.text).toContain("1. 본문 중제목 (본문 중제목)");
    expect(document.text).toContain("1.1. 본문 소제목 (본문 소제목)");
    expect(document.text).toContain("1.2. 본문 소제목: Title(본문소제목)");
  });

  it("keeps a captioned table a table: the caption's auto-number control does not cut the table off from its cells", () => {
    // Records as Hancom writes a table with a caption ("표 1", hwplib's sample_hwp/basic/표.hwp): the `tbl ` control,
    // the caption's list and paragraph with its `atno` control, then the TABLE record and one list per cell.
    const control = (id: string, size = 40) => {
      const data = Buffer.alloc(size);
      data.write([...id].reverse().join(""), 0, "latin1");
      return data;
    };
    const paragraphHeader = (length: number) => {
      const data = Buffer.alloc(22);
      data.writeUInt32LE(length, 0);
      return data;
    };
    const text = (value: string) => Buffer.from(`${value}\r`, "utf16le");
    const table = Buffer.alloc(22);
    table.writeUInt16LE(2, 4); // rows
    table.writeUInt16LE(2, 6); // columns
    table.writeUInt16LE(2, 18); // cells in row 1
    table.writeUInt16LE(2, 20); // cells in row 2
    const cell = (value: string): Array<[number, number, Uint8Array]> => [
      [56, 2, Buffer.alloc(34)],
      [50, 2, paragraphHeader(value.length + 1)],
      [51, 3, text(value)],
    ];
    const hwp = syntheticHwp([
      { text: "연차휴가 일수는 다음과 같다." },
      {
        text: " ",
        then: [
          [55, 1, control("tbl ")],
          [56, 2, Buffer.alloc(34)],
          [50, 2, paragraphHeader(6)],
          [51, 3, text("표 연차휴가")],
          [55, 3, control("atno", 12)],
          [61, 2, table],
          ...cell("근속"),
          ...cell("일수"),
          ...cell("1년"),
          ...cell("15일"),
        ],
      },
    ]);
    const document = parseHwp(hwp, "leave.hwp", 1024 * 1024);
    expect(document.blocks.map(({ kind, text }) => `${kind}: ${text}`)).toEqual([
      "paragraph: 연차휴가 일수는 다음과 같다.",
      "paragraph: 표 연차휴가",
      "table: 근속 | 일수\n1년 | 15일",
    ]);
  });

  it("leaves a hidden comment (숨은 설명, the tcmt control) out of the text: Hancom neither shows nor prints it", () => {
    const paragraphHeader = Buffer.alloc(22);
    paragraphHeader.writeUInt32LE(6, 0);
    const comment = Buffer.alloc(8);
    comment.write("tmct", 0, "latin1");
    const hwp = syntheticHwp([
      {
        text: "연차휴가는 15일이다.",
        then: [
          [55, 1, comment],
          [56, 2, Buffer.alloc(34)],
          [50, 2, paragraphHeader],
          [51, 3, Buffer.from("검토 필요: 20일?\r", "utf16le")],
        ],
      },
      { text: "병가는 60일이다." },
    ]);
    expect(parseHwp(hwp, "leave.hwp", 1024 * 1024).blocks.map((block) => block.text)).toEqual(["연차휴가는 15일이다.", "병가는 60일이다."]);
  });

  it("pages paragraphs by the layout Hancom saved: a line placed higher than the one before starts a new page", () => {
    // PARA_LINE_SEG gives each line's vertical position on its page (HWPUNIT from the body's top); Hancom writes it
    // from its own layout when it saves. A table is placed from its anchor line down by its height (the `tbl `
    // control's size at offset 20); the page body is the paper height less the margins (PAGE_DEF, under `secd`).
    const pageDefinition = Buffer.alloc(40);
    [59528, 84188, 8504, 8504, 5668, 4252, 4252, 4252].forEach((value, index) => pageDefinition.writeUInt32LE(value, index * 4));
    const bodyHeight = 84188 - 5668 - 4252 - 4252 - 4252;
    const tableControl = Buffer.alloc(40);
    tableControl.write(" lbt", 0, "latin1");
    tableControl.writeUInt32LE(bodyHeight * 2, 20); // two pages tall
    const table = Buffer.alloc(20);
    table.writeUInt16LE(1, 4);
    table.writeUInt16LE(1, 6);
    table.writeUInt16LE(1, 18);
    const cellParagraph = Buffer.alloc(22);
    cellParagraph.writeUInt32LE(5, 0);
    const hwp = syntheticHwp([
      { text: "제1장 총칙", lines: [0], then: [[57, 2, pageDefinition]] },
      { text: "이 규정은 직원의 휴가에 관하여 정한다.", lines: [2000, 4000] },
      { text: "둘째 쪽에서 시작하는 문단이다.", lines: [0, 2000] },
      { text: "한 문단이 쪽을 넘는다.", lines: [60000, 1000] },
      { text: "셋째 쪽의 문단이다.", lines: [3000] },
      {
        text: " ",
        lines: [5000],
        then: [
          [55, 1, tableControl],
          [61, 2, table],
          [56, 2, Buffer.alloc(34)],
          [50, 2, cellParagraph],
          [51, 3, Buffer.from("연차휴가\r", "utf16le")],
        ],
      },
      // The table ends on page 5, 5000 below where it began on page 3: a line below that is still on page 5.
      { text: "표 다음 문단이다.", lines: [6000] },
      { text: "여섯째 쪽이다.", lines: [1000] },
      // A page break before a line at the very top: the position alone (0 after 0) would not tell.
      { text: "빈 쪽 다음", lines: [0] },
      { text: "일곱째 쪽이다.", lines: [0], pageBreak: true },
    ]);
    const document = parseHwp(hwp, "rules.hwp", 1024 * 1024);
    expect(document.blocks.map((block) => `${block.page} ${block.text}`)).toEqual([
      "1 제1장 총칙",
      "1 이 규정은 직원의 휴가에 관하여 정한다.",
      "2 둘째 쪽에서 시작하는 문단이다.",
      "2 한 문단이 쪽을 넘는다.",
      "3 셋째 쪽의 문단이다.",
      "3 연차휴가",
      "5 표 다음 문단이다.",
      "6 여섯째 쪽이다.",
      "7 빈 쪽 다음",
      "8 일곱째 쪽이다.",
    ]);
    expect(document.pageCount).toBe(8);
    // Pages do not make it a PDF: a numbered line is still taken for a heading when the file marks none.
    expect(document.blocks[0]).toMatchObject({ kind: "heading", level: 1, text: "제1장 총칙" });
  });

  it("reads a one-column table that frames the body (a tax tribunal decision) as paragraphs, paged by its cells' lines", () => {
    // The 조세심판원 decisions hold the whole decision in a one-column table: "[주 문]", its text, "[이 유]", its text
    // over many pages. Read as one table block it was one run of text with no sections and the first page for all of
    // it. A cell's lines are placed from the cell's top and start again at the top of each page the cell runs onto.
    const control = Buffer.alloc(40);
    control.write(" lbt", 0, "latin1");
    control.writeUInt32LE(60000, 20);
    const table = Buffer.alloc(22);
    table.writeUInt16LE(2, 4); // rows
    table.writeUInt16LE(1, 6); // columns
    table.writeUInt16LE(1, 18);
    table.writeUInt16LE(1, 20);
    const paragraph = (text: string, lines: number[]): Array<[number, number, Uint8Array]> => {
      const header = Buffer.alloc(22);
      header.writeUInt32LE(text.length + 1, 0);
      const segments = Buffer.alloc(36 * lines.length);
      lines.forEach((position, line) => segments.writeInt32LE(position, line * 36 + 4));
      return [
        [50, 2, header],
        [51, 3, Buffer.from(`${text}\r`, "utf16le")],
        [53, 3, segments],
      ];
    };
    const hwp = syntheticHwp([
      {
        text: " ",
        lines: [0],
        then: [
          [55, 1, control],
          [61, 2, table],
          [56, 2, Buffer.alloc(34)],
          ...paragraph("[이 유]", [0]),
          [56, 2, Buffer.alloc(34)],
          ...paragraph("1. 처분개요", [0]),
          ...paragraph("가. 청구법인은 광업을 영위하는 사업자로서 광업권을 양도하였다.", [2000, 60000, 0]),
          ...paragraph("나. 처분청은 법인사업자 조사를 실시하였다.", [2000, 4000]),
        ],
      },
      { text: "이 건 심판청구는 재조사 결정한다.", lines: [8000] },
    ]);
    const document = parseHwp(hwp, "decision.hwp", 1024 * 1024);
    expect(document.blocks.map((block) => `${block.kind} ${block.page} ${block.text}`)).toEqual([
      "paragraph 1 [이유]",
      "heading 1 1. 처분개요",
      "paragraph 1 가. 청구법인은 광업을 영위하는 사업자로서 광업권을 양도하였다.",
      "paragraph 2 나. 처분청은 법인사업자 조사를 실시하였다.",
      "paragraph 2 이 건 심판청구는 재조사 결정한다.",
    ]);
  });

  it("leaves pages unknown when a writer saved no layout (no line positions, or all at the top)", () => {
    const none = parseHwp(syntheticHwp([{ text: "첫 문단이다." }, { text: "둘째 문단이다." }]), "a.hwp", 1024 * 1024);
    expect(none.blocks.map((block) => block.page)).toEqual([null, null]);
    expect(none.pageCount).toBeNull();
    const flat = parseHwp(syntheticHwp([{ text: "첫 문단이다.", lines: [0] }, { text: "둘째 문단이다.", lines: [0, 0] }]), "b.hwp", 1024 * 1024);
    expect(flat.blocks.map((block) => block.page)).toEqual([null, null]);
    expect(flat.pageCount).toBeNull();
  });

  it("says a password-protected HWP is encrypted", () => {
    expect(() => parseHwp(syntheticHwp([{ style: 0, text: "비밀" }], 0b11), "secret.hwp", 1024 * 1024)).toThrow(
      /secret\.hwp is an encrypted \(password-protected\) HWP file/,
    );
  });
});

describe("HWPX (OWPML: zipped XML)", () => {
  it("reads a real press release with its tables and body paragraphs", async () => {
    const { mediaType, document } = await parseDocument(await fixture("hwpxlib-error_20241104_mot.hwpx"), "mot.hwpx");
    expect(mediaType).toBe("application/hwp+zip");
    expectDocumentInvariants(document);
    expect(tableBlocks("보도시점", document.blocks)).toEqual(["보도시점 | 2024. 1. 2.(화) 08:00 | 배포 | 2024. 1. 2.(화) 08:00"]);
    expect(document.text).toContain("장미란 제2차관은 1월 2일(화), 2024년 새해를 맞이해 진천 국가대표 선수촌과 이천 장애인 국가대표 선수촌을 연달아 방문해");
  });

  it("keeps a table's rows and cells in order", async () => {
    const { document } = await parseDocument(await fixture("hwpxlib-tool_textextractor_Table.hwpx"), "grades.hwpx");
    const [table] = tableBlocks("국어", document.blocks);
    expect(table!.split("\n").slice(0, 3)).toEqual(["이름 | 국어 | 영어 | 수학", "개똥이 | 89 | 65 | 78", "칠득이 | 77 | 77 | 77"]);
  });

  it("turns outline paragraphs into headings that chunks carry as their heading path", async () => {
    const { document } = await parseDocument(await fixture("hwpxlib-tool_textextractor_ParaHead.hwpx"), "heads.hwpx");
    const headings = document.blocks.filter((block) => block.kind === "heading").map(({ level, text }) => `${level} ${text}`);
    expect(headings.slice(0, 3)).toEqual(["1 1. 개요1", "2 가. 개요1-1", "2 나. 개요1-2"]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expectChunkInvariants(document, chunks, DEFAULT_CHUNK_OPTIONS);
  });

  it("writes Hancom's automatic paragraph numbers into the text as the editor shows them", async () => {
    // header.xml defines the numberings (hh:numbering > hh:paraHead: "^1.^2." in DIGIT, "^2." in HANGUL_SYLLABLE…);
    // a paragraph's shape points at one (hh:heading type="NUMBER" idRef level), outline paragraphs at the section's
    // outline numbering (hp:secPr outlineShapeIDRef). Numbered paragraphs count on across a change of numbering
    // shape (this file's author named each paragraph by the number Hancom shows it with: 번호2 is numbering 3's first
    // paragraph), outline paragraphs count on their own; a level resets those below, a skipped level shows its start.
    const { document } = await parseDocument(await fixture("hwpxlib-tool_textextractor_ParaHead.hwpx"), "heads.hwpx");
    const texts = document.blocks.map((block) => block.text);
    const numbered = texts.filter((text) => /번호|개요/.test(text));
    expect(numbered).toEqual([
      "1. 번호1",
      "2. 번호2",
      "3. 번호3",
      "3.1. 번호3-1",
      "3.2. 번호3-2",
      "4. 번호4",
      "4.1.1.1. 번호-4-1-1-1",
      "4.1.1.2. 번호-4-1-1-2",
      "4.1.2. 번호-4-1-2",
      "4.1.2.1. 번호-4-1-2-1",
      "1. 개요1",
      "가. 개요1-1",
      "나. 개요1-2",
      "다. 개요1-3",
      "2. 개요2",
      "가. 개요2-1",
      "1) 개요2-1-1",
    ]);
    // Bullets draw a symbol (a private-use glyph here) and carry no number: their text stays as typed.
    expect(texts.filter((text) => text.includes("글머리"))).toEqual(["글머리1-1", "글머리1-2", "글머리2-1", "글머리2-2"]);
  });

  it("leaves a hidden comment (hp:hiddenComment, 숨은 설명) out of the text", () => {
    const paragraph = (inner: string) => `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0">${inner}</hp:run></hp:p>`;
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      paragraph(`<hp:t>연차휴가는 15일이다.</hp:t><hp:ctrl><hp:hiddenComment><hp:subList>${paragraph("<hp:t>검토 필요: 20일?</hp:t>")}</hp:subList></hp:hiddenComment></hp:ctrl>`) +
      paragraph("<hp:t>병가는 60일이다.</hp:t>") +
      `</hs:sec>`;
    const hwpx = writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents/section0.xml", data: new TextEncoder().encode(section) },
    ]);
    const document = parseHwpx(hwpx, "leave.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => block.text)).toEqual(["연차휴가는 15일이다.", "병가는 60일이다."]);
  });

  it("pages paragraphs by the line positions Hancom saved (hp:lineseg vertpos), a page break and a table's height", () => {
    const paragraph = (text: string, lines: number[], attributes = "") =>
      `<hp:p paraPrIDRef="0" styleIDRef="0"${attributes}><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run>` +
      `<hp:linesegarray>${lines.map((position) => `<hp:lineseg textpos="0" vertpos="${position}" vertsize="1000"/>`).join("")}</hp:linesegarray></hp:p>`;
    const bodyHeight = 84186 - 4252 - 4252 - 5668 - 4252;
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:secPr><hp:pagePr landscape="WIDELY" width="59528" height="84186">` +
      `<hp:margin header="4252" footer="4252" left="8504" right="8504" top="5668" bottom="4252"/></hp:pagePr></hp:secPr><hp:t>제1장 총칙</hp:t></hp:run>` +
      `<hp:linesegarray><hp:lineseg textpos="0" vertpos="0" vertsize="1000"/></hp:linesegarray></hp:p>` +
      paragraph("첫 쪽의 문단이다.", [2000, 4000]) +
      paragraph("둘째 쪽에서 시작한다.", [0, 2000]) +
      paragraph("셋째 쪽이다.", [0], ' pageBreak="1"') +
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:tbl rowCnt="1" colCnt="2"><hp:sz width="40000" height="${bodyHeight * 2}"/>` +
      `<hp:tr><hp:tc><hp:subList>${paragraph("근속", [0])}</hp:subList></hp:tc><hp:tc><hp:subList>${paragraph("일수", [0])}</hp:subList></hp:tc></hp:tr>` +
      `</hp:tbl></hp:run><hp:linesegarray><hp:lineseg textpos="0" vertpos="3000" vertsize="1000"/></hp:linesegarray></hp:p>` +
      paragraph("표 다음 문단이다.", [4000]) +
      `</hs:sec>`;
    const hwpx = writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents/section0.xml", data: new TextEncoder().encode(section) },
    ]);
    const document = parseHwpx(hwpx, "rules.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => `${block.kind} ${block.page} ${block.text}`)).toEqual([
      "heading 1 제1장 총칙",
      "paragraph 1 첫 쪽의 문단이다.",
      "paragraph 2 둘째 쪽에서 시작한다.",
      "paragraph 3 셋째 쪽이다.",
      "table 3 근속 | 일수",
      "paragraph 5 표 다음 문단이다.",
    ]);
    expect(document.pageCount).toBe(5);
  });

  it("reads a one-column table that frames the body as paragraphs, paged by its cells' lines", () => {
    const paragraph = (text: string, lines: number[]) =>
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run>` +
      `<hp:linesegarray>${lines.map((position) => `<hp:lineseg textpos="0" vertpos="${position}" vertsize="1000"/>`).join("")}</hp:linesegarray></hp:p>`;
    const cell = (inner: string) => `<hp:tr><hp:tc><hp:subList>${inner}</hp:subList></hp:tc></hp:tr>`;
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:tbl rowCnt="2" colCnt="1"><hp:sz width="40000" height="60000"/>` +
      cell(paragraph("[이 유]", [0])) +
      cell(paragraph("1. 처분개요", [0]) + paragraph("가. 청구법인은 광업권을 양도하였다.", [2000, 60000, 0]) + paragraph("나. 처분청은 조사를 실시하였다.", [2000])) +
      `</hp:tbl></hp:run><hp:linesegarray><hp:lineseg textpos="0" vertpos="0" vertsize="1000"/></hp:linesegarray></hp:p>` +
      paragraph("이 건 심판청구는 재조사 결정한다.", [4000]) +
      `</hs:sec>`;
    const hwpx = writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents/section0.xml", data: new TextEncoder().encode(section) },
    ]);
    const document = parseHwpx(hwpx, "decision.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => `${block.kind} ${block.page} ${block.text}`)).toEqual([
      "paragraph 1 [이유]",
      "heading 1 1. 처분개요",
      "paragraph 1 가. 청구법인은 광업권을 양도하였다.",
      "paragraph 2 나. 처분청은 조사를 실시하였다.",
      "paragraph 2 이 건 심판청구는 재조사 결정한다.",
    ]);
  });

  it("says a password-protected HWPX is encrypted instead of reading its ciphertext as an empty document", () => {
    // 한글's 문서 암호 encrypts each part (AES-256-CBC) and lists that in META-INF/manifest.xml; content.hpf and
    // version.xml stay plain, so the file opens as an HWPX titled "암호로 보호되는 파일" with nothing in it.
    const encryption =
      `<odf:encryption-data checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" checksum="AAAA">` +
      `<odf:algorithm algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" initialisation-vector="AAAA"/></odf:encryption-data>`;
    const manifest =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` +
      `<odf:file-entry full-path="Contents/header.xml" media-type="application/xml" size="2832">${encryption}</odf:file-entry>` +
      `<odf:file-entry full-path="Contents/section0.xml" media-type="application/xml" size="1808">${encryption}</odf:file-entry></odf:manifest>`;
    const file = writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents/content.hpf", data: new TextEncoder().encode(`<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:metadata><opf:title>암호로 보호되는 파일</opf:title></opf:metadata></opf:package>`) },
      { name: "Contents/header.xml", data: new Uint8Array([0x8f, 0x12, 0xa7, 0x00, 0x3c]) },
      { name: "Contents/section0.xml", data: new Uint8Array([0x4b, 0xe1, 0x09, 0xfe, 0x77]) },
      { name: "META-INF/manifest.xml", data: new TextEncoder().encode(manifest) },
    ]);
    const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
    expect(() => parseHwpx(file, "secret.hwpx", limits)).toThrow(/secret\.hwpx is an encrypted \(password-protected\) HWPX file/);
    // A manifest without encryption data is an ordinary file.
    const plain = writeStoredZip([
      { name: "Contents/section0.xml", data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p"><hp:p><hp:run><hp:t>공개 문서</hp:t></hp:run></hp:p></hs:sec>`) },
      { name: "META-INF/manifest.xml", data: new TextEncoder().encode(`<odf:manifest xmlns:odf="m"><odf:file-entry full-path="Contents/section0.xml" media-type="application/xml"/></odf:manifest>`) },
    ]);
    expect(parseHwpx(plain, "open.hwpx", limits).text).toContain("공개 문서");
  });

  it("reads a file without a manifest, detected by its Contents/section0.xml", async () => {
    const { mediaType, document } = await parseDocument(await fixture("hwpxlib-error_20240626_no_manifest.hwpx"), "notice.zip");
    expect(mediaType).toBe("application/hwp+zip");
    expect(document.text).toContain("울산광역시 남구 구세 조례 일부개정조례안");
  });
});

describe("HWP and HWPX through jikji ingest", () => {
  it("picks them up in a folder walk and makes them searchable", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "jikji-hwp-"));
    try {
      const folder = fileURLToPath(new URL("../fixtures/hwp/", import.meta.url));
      const ingested = await cli(["ingest", folder, "--json", "--data-dir", dataDir]);
      // The six samples and their README.md.
      expect(JSON.parse(ingested.stdout)).toEqual({ ingested: 7, unchanged: 0, failed: [] });
      const found = await cli(["search", "한국형발사체 새로운 이름 누리", "--json", "--data-dir", dataDir]);
      expect((JSON.parse(found.stdout) as { hits: Array<{ source: string }> }).hits[0]!.source).toBe("hwpjs-noori.hwp");
      const table = await cli(["search", "개똥이 국어 점수", "--json", "--data-dir", dataDir]);
      expect((JSON.parse(table.stdout) as { hits: Array<{ source: string }> }).hits[0]!.source).toBe("hwpxlib-tool_textextractor_Table.hwpx");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** A paragraph of a synthetic HWP: its style and paragraph shape (indexes into DocInfo), and its text (none: empty). */
interface SyntheticParagraph {
  style?: number;
  shape?: number;
  text?: string;
  /** Records that follow the paragraph's own (its controls and their lists): [tag offset from 0x10, level, data]. */
  then?: Array<[number, number, Uint8Array]>;
  /** Its lines' vertical positions on the page, as Hancom's last layout saved them (PARA_LINE_SEG). */
  lines?: number[];
  /** Its lines' text height and segment width (HWPUNIT), the same for each line. */
  segment?: { height: number; width: number };
  /** It starts with a page break (쪽 나누기). */
  pageBreak?: boolean;
}

/** A paragraph shape: its 문단 머리 (0 none, 1 outline, 2 numbering, 3 bullet), 0-based level and numbering/bullet id. */
interface SyntheticParaShape {
  head: 0 | 1 | 2 | 3;
  level: number;
  id: number;
}

/**
 * A minimal HWP 5.0 file built to the specification: FileHeader; DocInfo with numberings, paragraph shapes and two
 * styles ("바탕글", "개요 1"); one compressed section whose first paragraph holds the section definition (its outline
 * numbering id). A numbering is 7 levels of [format code, text]. Tags are HWPTAG_BEGIN (0x10) + the spec's offset.
 */
function syntheticHwp(
  paragraphs: SyntheticParagraph[],
  properties = 0b1,
  definitions: { numberings?: Array<Array<[number, string]>>; paraShapes?: SyntheticParaShape[]; outlineNumbering?: number } = {},
): Uint8Array {
  const record = (tag: number, level: number, data: Uint8Array) => {
    const header = Buffer.alloc(4);
    header.writeUInt32LE(tag | (level << 10) | (data.length << 20));
    return Buffer.concat([header, data]);
  };
  const wstring = (text: string) => {
    const length = Buffer.alloc(2);
    length.writeUInt16LE(text.length);
    return Buffer.concat([length, Buffer.from(text, "utf16le")]);
  };
  const numbering = (levels: Array<[number, string]>) => {
    const heads = levels.map(([format, text]) => {
      const info = Buffer.alloc(12);
      info.writeUInt32LE(format << 5, 0);
      return Buffer.concat([info, wstring(text)]);
    });
    const starts = Buffer.alloc(2 + 7 * 4);
    for (let level = 0; level < 7; level++) starts.writeUInt32LE(1, 2 + level * 4);
    return record(0x10 + 7, 0, Buffer.concat([...heads, starts]));
  };
  const paraShape = ({ head, level, id }: SyntheticParaShape) => {
    const data = Buffer.alloc(54);
    data.writeUInt32LE(((head << 23) | (level << 25)) >>> 0, 0);
    data.writeUInt16LE(id, 30);
    return record(0x10 + 9, 0, data);
  };
  const style = (local: string, english: string) => record(0x10 + 10, 0, Buffer.concat([wstring(local), wstring(english), Buffer.alloc(8)]));
  const docInfo = Buffer.concat([
    ...(definitions.numberings ?? []).map(numbering),
    ...(definitions.paraShapes ?? [{ head: 0, level: 0, id: 0 }]).map(paraShape),
    style("바탕글", "Normal"),
    style("개요 1", "Outline 1"),
  ]);
  const sectionDefinition = Buffer.alloc(40);
  sectionDefinition.write("dces", 0, "latin1");
  sectionDefinition.writeUInt16LE(definitions.outlineNumbering ?? 0, 18);
  const body = Buffer.concat(
    paragraphs.flatMap(({ style: styleId = 0, shape = 0, text, then = [], lines, segment, pageBreak = false }, index) => {
      const lineSegments = Buffer.alloc(36 * (lines?.length ?? 0));
      lines?.forEach((position, line) => {
        lineSegments.writeInt32LE(position, line * 36 + 4);
        if (segment !== undefined) {
          lineSegments.writeInt32LE(segment.height, line * 36 + 12);
          lineSegments.writeInt32LE(segment.width, line * 36 + 28);
        }
      });
      const header = Buffer.alloc(22);
      header.writeUInt32LE((text?.length ?? 0) + 1, 0);
      header.writeUInt16LE(shape, 8);
      header.writeUInt8(styleId, 10);
      header.writeUInt8(pageBreak ? 0b100 : 0, 11);
      return [
        record(0x10 + 50, 0, header),
        ...(text === undefined ? [] : [record(0x10 + 51, 1, Buffer.from(`${text}\r`, "utf16le"))]),
        ...(lines === undefined ? [] : [record(0x10 + 53, 1, lineSegments)]),
        ...(index === 0 ? [record(0x10 + 55, 1, sectionDefinition)] : []),
        ...then.map(([tag, level, data]) => record(0x10 + tag, level, data)),
      ];
    }),
  );
  const fileHeader = Buffer.alloc(256);
  fileHeader.write("HWP Document File", 0, "latin1");
  fileHeader.writeUInt32LE(0x05000300, 32);
  fileHeader.writeUInt32LE(properties, 36);
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, "/FileHeader", fileHeader);
  CFB.utils.cfb_add(container, "/DocInfo", deflateRawSync(docInfo));
  CFB.utils.cfb_add(container, "/BodyText/Section0", deflateRawSync(body));
  return new Uint8Array(CFB.write(container, { type: "buffer" }) as Buffer);
}

describe("page headers and footers in HWP", () => {
  it("keeps the header control's text out of the body and records it as furniture", async () => {
    const bytes = new Uint8Array(await readFile(new URL("../fixtures/hwp/hwpjs-basicsReport.hwp", import.meta.url)));
    const { document } = await parseDocument(bytes, "report.hwp");
    expect(document.furniture).toEqual([{ page: null, position: "header", text: "리포트 제목 / 전공명" }]);
    expect(document.text).not.toContain("리포트 제목 / 전공명");
    expect(document.blocks.find((block) => block.text === "차례")?.role).toBe("toc");
    expect(document.blocks.find((block) => block.text === "02 본론 12")?.role).toBe("toc");
  });
});

describe("section boxes in Korean reports and notices", () => {
  const hwpxOf = (body: string) => {
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      body +
      `</hs:sec>`;
    return writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents/section0.xml", data: new TextEncoder().encode(section) },
    ]);
  };
  const paragraph = (text: string) => `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
  const table = (rows: string[][]) =>
    `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:tbl rowCnt="${rows.length}" colCnt="${rows[0]!.length}">` +
    rows.map((row) => `<hp:tr>${row.map((cell) => `<hp:tc><hp:subList>${paragraph(cell)}</hp:subList></hp:tc>`).join("")}</hp:tr>`).join("") +
    `</hp:tbl></hp:run></hp:p>`;
  const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };

  it("heads each section with the title a notice draws in a one-row box, and files what follows under it", () => {
    // A 과기정통부 공고: "1 |  | 신청 방법 및 접수 기간 |" over each section, its contents in a box "|  | 목차 |  |".
    const hwpx = hwpxOf(
      paragraph("과학기술정보통신부 공고 제2026-0320호") +
        table([["", "목차", ""]]) +
        paragraph("1. 신청 방법 및 접수 기간 3") +
        paragraph("2. 기술료 4") +
        table([["1", "", "신청 방법 및 접수 기간", ""]]) +
        paragraph("범부처통합연구지원시스템을 통하여 신청한다.") +
        table([["2", "", "기술료", ""]]) +
        table([["신규 채용", "기술료를 감면한다."], ["납부 유예", "1년 유예한다."]]) +
        // Not boxes: an answer grid, a two-cell row that is no section, a box holding a sentence.
        table([["①", "ㄱ", "②", "ㄴ"]]) +
        table([["(가)", "(나)"]]) +
        table([["3", "신청은 온라인으로 한다."]]),
    );
    const document = parseHwpx(hwpx, "notice.hwpx", limits);
    expect(document.blocks.map((block) => `${block.kind}${block.level ?? ""}${block.role ? ` ${block.role}` : ""} ${block.text}`)).toEqual([
      "paragraph 과학기술정보통신부 공고 제2026-0320호",
      "table toc | 목차 |",
      "paragraph toc 1. 신청 방법 및 접수 기간 3",
      "paragraph toc 2. 기술료 4",
      "heading1 1 신청 방법 및 접수 기간",
      "paragraph 범부처통합연구지원시스템을 통하여 신청한다.",
      "heading1 2 기술료",
      "table 신규 채용 | 기술료를 감면한다.\n납부 유예 | 1년 유예한다.",
      "table ① | ㄱ | ② | ㄴ",
      "table (가) | (나)",
      "table 3 | 신청은 온라인으로 한다.",
    ]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.find((chunk) => chunk.text.includes("범부처통합"))?.headingPath).toEqual(["1 신청 방법 및 접수 기간"]);
    expect(chunks.find((chunk) => chunk.text.includes("기술료를 감면"))?.headingPath).toEqual(["2 기술료"]);
  });

  it("heads each answer of a boxed Q&A (\"질문 1 |  | …?\") with its question, one level below the section it is in", () => {
    // A 심사평가원 보도자료 answers its 질의 응답 under "질문 1", "질문 2" boxes: every answer, to the last, sat under a
    // "3. 고식적요법(palliative)" line that the first answer quoted.
    const hwpx = hwpxOf(
      paragraph("키트루다주·옵디보주 급여기준 질의 응답 공개") +
        table([["붙임", "", "급여기준 적용 관련 질의 응답"]]) +
        table([["질문 1", "", "옵디보주와 키트루다주의 보험 적용 대상은 어떻게 되나요?"]]) +
        paragraph("옵디보주와 키트루다주는 2017년 8월 21일부터 건강보험이 적용됩니다.") +
        paragraph("3. 고식적요법(palliative)") +
        table([["질문 2", "", "비소세포폐암에 옵디보주, 키트루다주 급여기준 질의사항"]]) +
        paragraph("PD-1 inhibitor는 옵디보주, 키트루다주를 말합니다.") +
        // A box that asks nothing of a numbered question is no question: a two-cell row of answers.
        table([["질문", "답변"]]),
    );
    const document = parseHwpx(hwpx, "qna.hwpx", limits);
    expect(document.blocks.filter((block) => block.kind === "heading").map((block) => `${block.level} ${block.text}`)).toEqual([
      "1 붙임 급여기준 적용 관련 질의 응답",
      "2 질문 1 옵디보주와 키트루다주의 보험 적용 대상은 어떻게 되나요?",
      "2 3. 고식적요법(palliative)",
      "2 질문 2 비소세포폐암에 옵디보주, 키트루다주 급여기준 질의사항",
    ]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.find((chunk) => chunk.text.includes("PD-1 inhibitor는"))?.headingPath).toEqual([
      "붙임 급여기준 적용 관련 질의 응답",
      "질문 2 비소세포폐암에 옵디보주, 키트루다주 급여기준 질의사항",
    ]);
  });

  it("sets a report's outline headings one level below its boxed chapters (Ⅰ, Ⅱ) and a press release's annex (별첨, 참고 2)", () => {
    const heading = (text: string) =>
      `<hp:p paraPrIDRef="1" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
    const header =
      `<?xml version="1.0" encoding="UTF-8"?><hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"><hh:refList><hh:paraProperties>` +
      `<hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr><hh:paraPr id="1"><hh:heading type="OUTLINE" idRef="0" level="0"/></hh:paraPr>` +
      `</hh:paraProperties></hh:refList></hh:head>`;
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      paragraph("해외직접투자 동향") +
      table([["Ⅰ", "", "사업개요"]]) +
      heading("사업일반") +
      paragraph("사업기간은 6개월이다.") +
      table([["별첨", "", "세부 통계(단위: 억 달러)"]]) +
      heading("분기별 동향") +
      table([["참고 2", "해외직접투자 개념 (외국환거래법 제3조)"]]) +
      `</hs:sec>`;
    const hwpx = writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents/header.xml", data: new TextEncoder().encode(header) },
      { name: "Contents/section0.xml", data: new TextEncoder().encode(section) },
    ]);
    const document = parseHwpx(hwpx, "report.hwpx", limits);
    expect(document.blocks.map((block) => `${block.kind}${block.level ?? ""} ${block.text}`)).toEqual([
      "paragraph 해외직접투자 동향",
      "heading1 Ⅰ 사업개요",
      "heading2 사업일반",
      "paragraph 사업기간은 6개월이다.",
      "heading1 별첨 세부 통계(단위: 억 달러)",
      "heading2 분기별 동향",
      "heading1 참고 2 해외직접투자 개념 (외국환거래법 제3조)",
    ]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.find((chunk) => chunk.text.includes("6개월"))?.headingPath).toEqual(["Ⅰ 사업개요", "사업일반"]);
  });
});

describe("titles of HWP and HWPX files", () => {
  const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
  const paragraph = (text: string, shape = 0) => `<hp:p paraPrIDRef="${shape}" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
  const hwpx = (metadataTitle: string, body: string) => {
    const header =
      `<?xml version="1.0" encoding="UTF-8"?><hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"><hh:refList><hh:paraProperties>` +
      `<hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr><hh:paraPr id="1"><hh:heading type="OUTLINE" idRef="0" level="0"/></hh:paraPr>` +
      `</hh:paraProperties></hh:refList></hh:head>`;
    const content = `<?xml version="1.0" encoding="UTF-8"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:metadata><opf:title>${metadataTitle}</opf:title></opf:metadata></opf:package>`;
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">${body}</hs:sec>`;
    return writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents/content.hpf", data: new TextEncoder().encode(content) },
      { name: "Contents/header.xml", data: new TextEncoder().encode(header) },
      { name: "Contents/section0.xml", data: new TextEncoder().encode(section) },
    ]);
  };

  it("names an HWPX by the headline it opens with when its metadata title is a template's leftover number", () => {
    // 기획재정부's press releases carry "3" as their 문서 정보 title, from the template; their outline headings
    // ("1. 분기별 동향") begin in the annex, seven pages in.
    const body = paragraph("‘24년 1분기 해외직접투자는 150.9억 달러로 전년동기비 14.6% 감소") + paragraph("2024년 1분기 해외직접투자액은 총 150.9억 달러이다.") + paragraph("분기별 동향", 1);
    expect(parseHwpx(hwpx("3", body), "release.hwpx", limits).title).toBe("‘24년 1분기 해외직접투자는 150.9억 달러로 전년동기비 14.6% 감소");
    expect(parseHwpx(hwpx("해외직접투자 동향", body), "release.hwpx", limits).title).toBe("해외직접투자 동향");
    // Opening with a long paragraph, the first heading names it.
    expect(parseHwpx(hwpx("", paragraph("가".repeat(130)) + paragraph("분기별 동향", 1)), "release.hwpx", limits).title).toBe("분기별 동향");
  });

  it("does not take a metadata title whose words the document never prints (a paper size, another file's title)", () => {
    // A 연구개발계획서 template carries "210mm" as its 문서 정보 title; a school's form copied from another file keeps
    // that file's "연구회 유형 및 지원 예산". The HWP binary of the same form is named by its opening line.
    const body = paragraph("정보통신·방송 기술개발사업 신청용 연구개발계획서") + paragraph("연구개발과제의 필요성을 적는다. 지원 내용은 아래와 같다.");
    expect(parseHwpx(hwpx("210mm", body), "plan.hwpx", limits).title).toBe("정보통신·방송 기술개발사업 신청용 연구개발계획서");
    expect(parseHwpx(hwpx("연구회 유형 및 지원 예산", body), "plan.hwpx", limits).title).toBe("정보통신·방송 기술개발사업 신청용 연구개발계획서");
    expect(parseHwpx(hwpx("strikethrough", body), "plan.hwpx", limits).title).toBe("정보통신·방송 기술개발사업 신청용 연구개발계획서");
    // A template's cut-off line ("2025년 4" over "2025년  보고서") and a field's label ("담당교사" of "담당교사: ◯◯◯")
    // name nothing either.
    const report = paragraph("2025년 기부·답례품 실적 분석보고서") + paragraph("4개 분야 15개 통계를 담았다.") + paragraph("(4) 시간대별 기부 건수");
    expect(parseHwpx(hwpx("2025년 4", report), "report.hwpx", limits).title).toBe("2025년 기부·답례품 실적 분석보고서");
    expect(parseHwpx(hwpx("2025년 기부·답례품 실적 분석보고서", report), "report.hwpx", limits).title).toBe("2025년 기부·답례품 실적 분석보고서");
    const plan = paragraph("2026학년도 1학기 3학년 음악 교수학습운영 및 평가계획") + paragraph("담당교사: ◯◯◯, ◯◯◯") + paragraph("평가 계획을 적는다.");
    expect(parseHwpx(hwpx("담당교사", plan), "plan.hwpx", limits).title).toBe("2026학년도 1학기 3학년 음악 교수학습운영 및 평가계획");
    expect(parseHwpx(hwpx("평가계획", plan), "plan.hwpx", limits).title).toBe("평가계획");
    // Its words printed anywhere, spaced or not, in any case: the metadata title stands.
    expect(parseHwpx(hwpx("연구개발계획서 (지원)", body), "plan.hwpx", limits).title).toBe("연구개발계획서 (지원)");
    expect(parseHwpx(hwpx("Guide", paragraph("사용 GUIDE") + paragraph("본문이다.")), "guide.hwpx", limits).title).toBe("Guide");
  });

  it("names an exam paper by its page header, not by its first question or an instruction to the candidates", () => {
    // The 수능 papers opened with "1. … 의 값은? [2점]" under the header "수학 영역"; a school's 정기시험 with
    // "◦ 인쇄된 문항지의 과목명, 전체쪽수, 인쇄상태를 확인하시오." under "2026학년도 (2)학년 (1)학기 (1)차 정기시험 (정보)과 문항지".
    const header = (text: string) =>
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:ctrl><hp:header id="0" applyPageType="BOTH"><hp:subList>${paragraph(text)}</hp:subList></hp:header></hp:ctrl></hp:run></hp:p>`;
    const exam = (headerText: string, first: string) => hwpx("", header(headerText) + paragraph(first) + paragraph("① 1 ② 2 ③ 3 ④ 4 ⑤ 5") + paragraph("2. 다음 중 옳은 것은? [3점]"));
    const paper = parseHwpx(exam("2026학년도 (2)학년 (1)학기 (1)차 정기시험 (정보)과 문항지", "◦ 인쇄된 문항지의 과목명, 전체쪽수, 인쇄상태를 확인하시오."), "exam.hwpx", limits);
    expect(paper.furniture.map((item) => item.text)).toEqual(["2026학년도 (2)학년 (1)학기 (1)차 정기시험 (정보)과 문항지"]);
    expect(paper.title).toBe("2026학년도 (2)학년 (1)학기 (1)차 정기시험 (정보)과 문항지");
    expect(parseHwpx(exam("수학 영역", "1. 다음 빈칸에 알맞은 용어로 짝지어진 것은? [3.8점]"), "exam.hwpx", limits).title).toBe("수학 영역");
    // A report's first section is no question, and a page number names nothing.
    expect(parseHwpx(exam("한국수자원공사", "1. 사업 개요"), "report.hwpx", limits).title).toBe("1. 사업 개요");
    expect(parseHwpx(exam("- 2 -", "1. 다음 중 옳은 것은? [2점]"), "exam.hwpx", limits).title).toBe("1. 다음 중 옳은 것은? [2점]");
  });

  it("names a form by the title under its annex label ([붙임 1], <별지 제2호 서식>), HWP and HWPX alike", () => {
    const lines = ["[붙임 1]", "2026학년도 자율(전공)동아리 개설 신청서", "동아리명과 지도교사를 적는다."];
    expect(parseHwp(syntheticHwp(lines.map((text) => ({ text }))), "form.hwp", 1024 * 1024).title).toBe("2026학년도 자율(전공)동아리 개설 신청서");
    expect(parseHwpx(hwpx("", lines.map((text) => paragraph(text)).join("")), "form.hwpx", limits).title).toBe("2026학년도 자율(전공)동아리 개설 신청서");
    for (const label of ["<별지 제2호 서식>", "붙임 2", "[별표 3]", "참고1"]) {
      expect(parseHwpx(hwpx("", paragraph(label) + paragraph("개인정보 수집·이용 동의서")), "form.hwpx", limits).title).toBe("개인정보 수집·이용 동의서");
    }
    // A bracketed tag over the title is a label too; a long paragraph under it names nothing.
    expect(parseHwpx(hwpx("", paragraph("[2026-기술개발사업-신청용 계획서]") + paragraph("정보통신·방송 기술개발사업 신청용 연구개발계획서")), "plan.hwpx", limits).title).toBe(
      "정보통신·방송 기술개발사업 신청용 연구개발계획서",
    );
    expect(parseHwpx(hwpx("", paragraph("[보도자료]") + paragraph("가".repeat(130))), "release.hwpx", limits).title).toBe("[보도자료]");
    // A headline set over two lines, the first ending in a comma (a 보도자료's), is one title.
    expect(parseHwpx(hwpx("", paragraph("우리가 독자 개발하여 최초 발사하는 한국형발사체,") + paragraph("국민이 정한 그 이름은 ｢누리｣") + paragraph("과기정통부는 밝혔다.")), "release.hwpx", limits).title).toBe(
      "우리가 독자 개발하여 최초 발사하는 한국형발사체, 국민이 정한 그 이름은 ｢누리｣",
    );
    // A label with a title on its line is the title.
    expect(parseHwpx(hwpx("", paragraph("[붙임 1] 동아리 개설 신청서") + paragraph("본문이다.")), "form.hwpx", limits).title).toBe("[붙임 1] 동아리 개설 신청서");
  });

  it("names an HWP by its opening line, not a later heading, and joins a title spaced out letter by letter", () => {
    const document = parseHwp(
      syntheticHwp([{ text: "웹한글기안기 제품 규격" }, { text: "1. 웹한글기안기 제품소개" }, { text: "웹 브라우저에서 문서를 작성한다." }]),
      "spec.hwp",
      1024 * 1024,
    );
    expect(document.blocks[1]).toMatchObject({ kind: "heading", text: "1. 웹한글기안기 제품소개" });
    expect(document.title).toBe("웹한글기안기 제품 규격");
    expect(parseHwp(syntheticHwp([{ text: "제 안 요 청 서" }, { text: "[사업명 : 생성형 AI 서비스 시범 도입]" }]), "rfp.hwp", 1024 * 1024).title).toBe("제안요청서");
  });
});

describe("footnotes and endnotes in HWP and HWPX", () => {
  it("puts an HWP note anchored in a table cell after the table, not into the cell's text", () => {
    // 2010-01-06 통합재정통계: each "경상수입" row label carries a footnote; its text had joined the cell
    // ("경상수입 경상수입 ․조세수입 : …"), and a report's boxed title "Ⅱ |  | … 문제점" its note's text.
    const control = (id: string) => {
      const data = Buffer.alloc(40);
      data.write([...id].reverse().join(""), 0, "latin1");
      return data;
    };
    const header = (length: number) => {
      const data = Buffer.alloc(22);
      data.writeUInt32LE(length, 0);
      return data;
    };
    const text = (value: string) => Buffer.from(`${value}\r`, "utf16le");
    const table = Buffer.alloc(22);
    table.writeUInt16LE(1, 4);
    table.writeUInt16LE(2, 6);
    table.writeUInt16LE(2, 18);
    const hwp = syntheticHwp([
      { text: "통합재정수지는 다음과 같다.", then: [[55, 1, control("fn  ")], [56, 2, Buffer.alloc(34)], [50, 2, header(9)], [51, 3, text("잠정 집계이다.")]] },
      {
        text: " ",
        then: [
          [55, 1, control("tbl ")],
          [61, 2, table],
          [56, 2, Buffer.alloc(34)],
          [50, 2, header(5)],
          [51, 3, text("경상수입")],
          [55, 3, control("fn  ")],
          [56, 4, Buffer.alloc(34)],
          [50, 4, header(20)],
          [51, 5, text("조세수입 : 사회보장기여금 포함")],
          [56, 2, Buffer.alloc(34)],
          [50, 2, header(7)],
          [51, 3, text("19,124")],
        ],
      },
      { text: "관리대상수지는 466십억원이다." },
    ]);
    expect(parseHwp(hwp, "stats.hwp", 1024 * 1024).blocks.map((block) => `${block.kind}: ${block.text}`)).toEqual([
      "paragraph: 통합재정수지는 다음과 같다.",
      "paragraph: 잠정 집계이다.",
      "table: 경상수입 | 19,124",
      "paragraph: 조세수입 : 사회보장기여금 포함",
      "paragraph: 관리대상수지는 466십억원이다.",
    ]);
  });

  it("puts an HWPX note after the paragraph or the table that holds its anchor", () => {
    const paragraph = (inner: string) => `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0">${inner}</hp:run></hp:p>`;
    const note = (kind: string, text: string) => `<hp:ctrl><hp:${kind} number="1"><hp:subList>${paragraph(`<hp:t>${text}</hp:t>`)}</hp:subList></hp:${kind}></hp:ctrl>`;
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      paragraph(`<hp:t>3D 프린팅은 원료를 쌓는다.</hp:t>${note("footNote", "플라스틱 액체를 쓴다.")}`) +
      paragraph(
        `<hp:tbl rowCnt="1" colCnt="3"><hp:tr>` +
          `<hp:tc><hp:subList>${paragraph("<hp:t>Ⅱ</hp:t>")}</hp:subList></hp:tc><hp:tc><hp:subList>${paragraph("")}</hp:subList></hp:tc>` +
          `<hp:tc><hp:subList>${paragraph(`<hp:t>예상되는 문제점</hp:t>${note("endNote", "표 안의 미주이다.")}`)}</hp:subList></hp:tc>` +
          `</hp:tr></hp:tbl>`,
      ) +
      paragraph("<hp:t>인프라가 부족하다.</hp:t>") +
      `</hs:sec>`;
    const hwpx = writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents/section0.xml", data: new TextEncoder().encode(section) },
    ]);
    const document = parseHwpx(hwpx, "report.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => `${block.kind}${block.level ?? ""}: ${block.text}`)).toEqual([
      "paragraph: 3D 프린팅은 원료를 쌓는다.",
      "paragraph: 플라스틱 액체를 쓴다.",
      "heading1: Ⅱ 예상되는 문제점",
      "paragraph: 표 안의 미주이다.",
      "paragraph: 인프라가 부족하다.",
    ]);
  });
});

describe("labels spaced out to a column's width", () => {
  it("joins a label spaced out before its colon at the start of a line or cell, not words in running text", () => {
    // 한전KPS 제안요청서 (사업개요): "다. 사 업 비: 672,300,000원" under "라. 입찰방식: …"; a query types "사업비".
    const document = parseHwp(
      syntheticHwp([
        { text: "가. 사 업 명: 생성형 AI 서비스 시범 도입" },
        { text: "다. 사 업 비: 672,300,000원(부가세 별도)" },
        { text: "순 융 자 : 융자지출 - 융자회수" },
        { text: "※ 전 화 : 041-731-8226" },
        // Mid-line, in a blank form: left as typed.
        { text: "일자 : 20 년 월 일 성 명 : (서명)" },
        { text: "이 건 은 다음과 같다: 첫째," },
      ]),
      "rfp.hwp",
      1024 * 1024,
    );
    expect(document.blocks.map((block) => block.text)).toEqual([
      "가. 사업명: 생성형 AI 서비스 시범 도입",
      "다. 사업비: 672,300,000원(부가세 별도)",
      "순융자 : 융자지출 - 융자회수",
      "※ 전화 : 041-731-8226",
      "일자 : 20 년 월 일 성 명 : (서명)",
      "이 건 은 다음과 같다: 첫째,",
    ]);
  });
});

describe("titles spaced out letter by letter, longer ones", () => {
  it("joins a title or header cell of six to eight spaced syllables (통 합 재 정 통 계, 입 찰 공 고 번 호)", () => {
    const document = parseHwp(
      syntheticHwp([{ text: "통 합 재 정 통 계" }, { text: "(2010.1월 누계 기준/잠정)" }, { text: "주 민 등 록 번 호" }, { text: "이 건 은 그 외 의 일 이 다" }]),
      "stats.hwp",
      1024 * 1024,
    );
    expect(document.title).toBe("통합재정통계");
    // Nine syllables are no title spaced out: left as typed.
    expect(document.blocks.map((block) => block.text)).toEqual(["통합재정통계", "(2010.1월 누계 기준/잠정)", "주민등록번호", "이 건 은 그 외 의 일 이 다"]);
  });
});

describe("a table of contents without page numbers", () => {
  it("takes the titles after 목차 that the body repeats for its entries, not for headings", () => {
    // K-water 제안요청서: "목차", then "1. 제안공모요강", "1.1. 일반사항" … with no page numbers; each was taken for a
    // heading, and page 2 stood under "4.1. 예정공정표".
    const document = parseHwp(
      syntheticHwp([
        { text: "K-water 디지털플랫폼 구축" },
        { text: "목차" },
        { text: "1. 제안공모요강" },
        { text: "1.1. 일반사항" },
        { text: "2. 제안자를 위한 정보" },
        { text: "1. 제안공모요강" },
        { text: "1.1. 일반사항" },
        { text: "사업기간은 착수일로부터 24개월이다" },
        { text: "2. 제안자를 위한 정보" },
      ]),
      "rfp.hwp",
      1024 * 1024,
    );
    expect(document.blocks.map((block) => `${block.kind}${block.level ?? ""}${block.role ? ` ${block.role}` : ""} ${block.text}`)).toEqual([
      "paragraph K-water 디지털플랫폼 구축",
      "paragraph toc 목차",
      "paragraph toc 1. 제안공모요강",
      "paragraph toc 1.1. 일반사항",
      "paragraph toc 2. 제안자를 위한 정보",
      "heading1 1. 제안공모요강",
      "heading2 1.1. 일반사항",
      "paragraph 사업기간은 착수일로부터 24개월이다",
      "heading1 2. 제안자를 위한 정보",
    ]);
  });
});

describe("equations in HWP and HWPX", () => {
  // 한글's 수식 is an object in the line holding a script ("x^{2}+1"); a 문제지 read "1. 의 값은?" without it.
  it("writes an HWP equation's script where it stands in its line, and keeps a paragraph that is only an equation", () => {
    const control = "\u000b" + "\u0000".repeat(6) + "\u000b";
    const equation = (script: string): Array<[number, number, Uint8Array]> => {
      const header = Buffer.alloc(8);
      header.write("deqe", 0, "latin1");
      const length = Buffer.alloc(2);
      length.writeUInt16LE(script.length);
      return [
        [55, 1, header],
        [72, 2, Buffer.concat([Buffer.alloc(4), length, Buffer.from(script, "utf16le"), Buffer.alloc(12)])],
      ];
    };
    const picture = (): Array<[number, number, Uint8Array]> => {
      const header = Buffer.alloc(8);
      header.write(" osg", 0, "latin1");
      return [[55, 1, header]];
    };
    const document = parseHwp(
      syntheticHwp([
        { text: "2025학년도 수학 영역" },
        { text: `1. ${control} 의 값은?`, then: equation("x  ^{2} `+` 1") },
        { text: control, then: equation("E=mc  ^{2}") },
        // A picture before the equation: the script goes where the equation's own mark is.
        { text: `그림 ${control} 에서 ${control} 일 때`, then: [...picture(), ...equation("a over b")] },
        { text: `빈 그림 ${control}`, then: picture() },
        // The editor's keywords for sizing, fonts and operators print as what they draw.
        { text: `평점 = ${control}`, then: equation("배점한도 TIMES LEFT ( {최저입찰가격} over {해당입찰가격} RIGHT ) , rm P GEQ 0, h rarrow 0") },
      ]),
      "exam.hwp",
      1024 * 1024,
    );
    expect(document.blocks.map((block) => block.text)).toEqual(["2025학년도 수학 영역", "1. x^2 + 1 의 값은?", "E=mc^2", "그림 에서 a over b 일 때", "빈 그림", "평점 = 배점한도 × ( {최저입찰가격} over {해당입찰가격} ) , P ≥ 0, h → 0"]);
  });

  it("writes an HWPX equation's hp:script where it stands in its run", () => {
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>1. </hp:t>` +
      `<hp:equation version="Equation Version 60" font="HYhwpEQ"><hp:sz width="2000" height="1000"/><hp:script>x  ^{2} \`+\` 1</hp:script></hp:equation>` +
      `<hp:t>의 값은?</hp:t></hp:run></hp:p>` +
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:equation><hp:script>E=mc  ^{2}</hp:script></hp:equation></hp:run></hp:p></hs:sec>`;
    const file = writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(section) }]);
    const document = parseHwpx(file, "exam.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => block.text)).toEqual(["1. x^2 + 1 의 값은?", "E=mc^2"]);
  });
});

describe("bound and fixed-width spaces in HWP and HWPX", () => {
  // 묶음 빈칸 keeps "2026. 9. 23." on one line and 고정폭 빈칸 is a space of fixed width: both print a space. HWP
  // wrote the first as a hyphen ("2026.-9.-23.", a 2007 report's every footnote opening "-헌재 88헌가13"), HWPX
  // dropped both ("2026.9.23."). HWP's soft hyphen was printed mid-word ("Polizei-verwal-tungs-gesetz").
  it("reads an HWP bound space (30) and fixed-width space (31) as spaces, and its soft hyphen (24) as nothing", () => {
    const document = parseHwp(
      syntheticHwp([{ text: "접수 기간: 2026.\u001e9.\u001e23.(수)\u001f14:00까지" }, { text: "übergreifender Ver\u0018fassungs\u0018prin\u0018zip" }]),
      "notice.hwp",
      1024 * 1024,
    );
    expect(document.blocks.map((block) => block.text)).toEqual(["접수 기간: 2026. 9. 23.(수) 14:00까지", "übergreifender Verfassungsprinzip"]);
  });

  it("reads an HWPX hp:nbSpace and hp:fwSpace as spaces", () => {
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>접수 기간: 2026.<hp:nbSpace/>9.<hp:nbSpace/>23.(수)<hp:fwSpace/>14:00까지</hp:t></hp:run></hp:p></hs:sec>`;
    const file = writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(section) }]);
    const document = parseHwpx(file, "notice.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => block.text)).toEqual(["접수 기간: 2026. 9. 23.(수) 14:00까지"]);
  });
});

describe("annexes labelled on a line of their own", () => {
  // A school's 가정통신문 bundles its forms, each under "[붙임 N]" and its title on the next line. Read as two
  // paragraphs they headed nothing: the forms after a numbered 첨부서류 list sat under its last item
  // ("7. 거래처 등록을 위한 … 동의서"), and a question on 동아리 활동시간 was answered from another form.
  it("heads each form with its label and title, and sets the headings inside it one level below", () => {
    const document = parseHwp(
      syntheticHwp([
        { text: "[붙임 1]" },
        { text: "2026학년도 자율(전공)동아리 개설 신청서" },
        { text: "동아리명과 지도교사를 적는다." },
        { text: "[붙임 2]" },
        { text: "SW전문가 멘토 지원서" },
        { text: "【첨부서류】" },
        { text: "1. 이력서 1부(별도 양식 없음)" },
        { text: "2. 재직증명서" },
        { text: "<붙임 3>" },
        { text: "2026학년도 자율(전공)동아리 보고서" },
        { text: "동아리 활동시간은 매주 화요일이다." },
        // A label over a sentence, or with its title on its line, is no form's heading.
        { text: "붙임" },
        { text: "신청서는 9월 23일까지 제출한다." },
        { text: "붙임 4. 개인정보 동의서 1부. 끝." },
      ]),
      "forms.hwp",
      1024 * 1024,
    );
    expect(document.blocks.map((block) => `${block.kind}${block.level ?? ""} ${block.text}`)).toEqual([
      "heading1 [붙임 1] 2026학년도 자율(전공)동아리 개설 신청서",
      "paragraph 동아리명과 지도교사를 적는다.",
      "heading1 [붙임 2] SW전문가 멘토 지원서",
      "paragraph 【첨부서류】",
      "heading2 1. 이력서 1부(별도 양식 없음)",
      "heading2 2. 재직증명서",
      "heading1 <붙임 3> 2026학년도 자율(전공)동아리 보고서",
      "paragraph 동아리 활동시간은 매주 화요일이다.",
      "paragraph 붙임",
      "paragraph 신청서는 9월 23일까지 제출한다.",
      "paragraph 붙임 4. 개인정보 동의서 1부. 끝.",
    ]);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.find((chunk) => chunk.text.includes("동아리 활동시간"))?.headingPath).toEqual(["<붙임 3> 2026학년도 자율(전공)동아리 보고서"]);
  });
});

describe("outline numbers across sections", () => {
  // A 1030-page 헌법 주석서 puts each article's commentary in a section of its own, each with its own outline
  // numbering: Hancom starts each at "I." again, as its 목차 shows ("I. 기본 개념과 입헌취지 664"), where jikji counted
  // on to "CLXX. 기본 개념과 입헌취지". Sections sharing one numbering count on.
  it("starts an HWPX section's outline numbers again when the section takes another outline numbering", () => {
    const numbering = (id: number) =>
      `<hh:numbering id="${id}" start="0"><hh:paraHead start="1" level="1" numFormat="ROMAN_CAPITAL">^1.</hh:paraHead>` +
      `<hh:paraHead start="1" level="2" numFormat="DIGIT">^2.</hh:paraHead></hh:numbering>`;
    const header =
      `<?xml version="1.0" encoding="UTF-8"?><hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"><hh:refList>` +
      `<hh:numberings>${numbering(1)}${numbering(2)}</hh:numberings><hh:paraProperties>` +
      `<hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr>` +
      `<hh:paraPr id="1"><hh:heading type="OUTLINE" idRef="0" level="0"/></hh:paraPr>` +
      `<hh:paraPr id="2"><hh:heading type="OUTLINE" idRef="0" level="1"/></hh:paraPr>` +
      `</hh:paraProperties></hh:refList></hh:head>`;
    const paragraph = (text: string, shape: number) => `<hp:p paraPrIDRef="${shape}" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
    const section = (outline: number, body: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:secPr outlineShapeIDRef="${outline}"/></hp:run></hp:p>${body}</hs:sec>`;
    const file = writeStoredZip([
      { name: "Contents/header.xml", data: new TextEncoder().encode(header) },
      { name: "Contents/section0.xml", data: new TextEncoder().encode(section(1, paragraph("헌법 전문의 개념", 1) + paragraph("연혁", 1) + paragraph("제헌헌법", 2))) },
      { name: "Contents/section1.xml", data: new TextEncoder().encode(section(2, paragraph("헌법 제1조의 의미", 1) + paragraph("제헌헌법", 2))) },
      { name: "Contents/section2.xml", data: new TextEncoder().encode(section(2, paragraph("외국헌법과의 비교", 1))) },
    ]);
    const document = parseHwpx(file, "commentary.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => block.text)).toEqual(["I. 헌법 전문의 개념", "II. 연혁", "1. 제헌헌법", "I. 헌법 제1조의 의미", "1. 제헌헌법", "II. 외국헌법과의 비교"]);
  });
});

describe("HWPX archives written with Windows path separators", () => {
  it("reads an HWPX whose entry names use backslashes (Contents\\section0.xml), as Windows tools write them", async () => {
    // A filled 입찰공고 HWPX re-zipped by a Windows tool names its parts "Contents\section0.xml", "META-INF\manifest.xml";
    // jikji said it was a ZIP but no HWPX document.
    const section =
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>조달물자(물품) 구매입찰 공고</hp:t></hp:run></hp:p>` +
      `<hp:p paraPrIDRef="1" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>입찰개요</hp:t></hp:run></hp:p></hs:sec>`;
    const header =
      `<?xml version="1.0" encoding="UTF-8"?><hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"><hh:refList><hh:paraProperties>` +
      `<hh:paraPr id="1"><hh:heading type="OUTLINE" idRef="0" level="0"/></hh:paraPr></hh:paraProperties></hh:refList></hh:head>`;
    const file = writeStoredZip([
      { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
      { name: "Contents\\header.xml", data: new TextEncoder().encode(header) },
      { name: "Contents\\section0.xml", data: new TextEncoder().encode(section) },
    ]);
    const { mediaType, document } = await parseDocument(file, "notice.hwpx");
    expect(mediaType).toBe("application/hwp+zip");
    expect(document.blocks.map((block) => `${block.kind} ${block.text}`)).toEqual(["paragraph 조달물자(물품) 구매입찰 공고", "heading 입찰개요"]);
  });
});

describe("titles of forms that open with a note", () => {
  const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
  const hwpx = (lines: string[]) =>
    writeStoredZip([
      {
        name: "Contents/section0.xml",
        data: new TextEncoder().encode(
          `<hs:sec xmlns:hs="s" xmlns:hp="p">${lines.map((text) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`).join("")}</hs:sec>`,
        ),
      },
    ]);

  it("names a form by its title, not by the ※ or * notes above it, HWP and HWPX alike", () => {
    // 중소벤처기업진흥공단's 신청서 opens with two notes to the applicant; 창업진흥원's 사업계획서 with "※ 사업 신청 시, …";
    // a 딥테크 신청서 with its annex label and a note on one line. Each was titled by its note.
    const forms: Array<[string[], string]> = [
      [
        ["※ 신청서 작성에 어려움이 있는 경우에는 홈페이지의 온라인 신청 매뉴얼을 참고 하시거나 전담상담원에게 자문을 받으시기 바랍니다.", "* 표지의 굵은 선 안은 기재하지 마십시오.", "2026년 창업성공패키지 지원사업 청년창업사관학교(사업화지원) 신청서", "관리번호를 적는다."],
        "2026년 창업성공패키지 지원사업 청년창업사관학교(사업화지원) 신청서",
      ],
      [["【붙임1】 * 표지의 굵은 선 안은 기재하지 마십시오.", "창업성공패키지 2026년 딥테크창업사관학교 신청서", "관리번호를 적는다."], "창업성공패키지 2026년 딥테크창업사관학교 신청서"],
      [["※사업 신청 시, 사업계획서 작성 목차 페이지는 삭제하고 제출", "예비창업패키지 예비창업자 사업계획서", "※ 사업계획서는 15페이지 이내로 작성"], "예비창업패키지 예비창업자 사업계획서"],
    ];
    for (const [lines, title] of forms) {
      expect(parseHwp(syntheticHwp(lines.map((text) => ({ text }))), "form.hwp", 1024 * 1024).title).toBe(title);
      expect(parseHwpx(hwpx(lines), "form.hwpx", limits).title).toBe(title);
    }
    // A document that is all notes is still named by its first line.
    expect(parseHwpx(hwpx(["※ 유의사항", "※ 제출 기한을 지킨다."]), "notes.hwpx", limits).title).toBe("※ 유의사항");
  });
});

describe("lines broken by hand at the right edge in HWP and HWPX", () => {
  // A 해군 구매요구서 and a 조달청 입찰공고 were typed with Enter at each line's end, the next line indented with spaces
  // under the item's text. Hancom saved each line's text height and width (1000 and 42500 HWPUNIT here); the first
  // line's text takes about 40850 of them, so the next line's first word would not have fitted on it.
  const lines = [
    "2.1.1 납품될 장비는 계약일 기준 당해 년도 생산된 장비를 납품하여야 하며, 장비 납품 시",
    "      부하테스트를 할 수 있는 장비를 지참하여 부하시험을 하여야 한다.",
    "1.1 범위",
    "    이 구매요구서는 항공기 정비 시 사용하는 유압식 잭에 대하여 적용한다.",
    // A bibliography's entry that ends short of the edge is whole; the next entry is no line of it.
    "박선영, 생명과학기술의 발전과 인간의 존엄, 미국헌법연구 제17권 제2호(2006)",
    "박유희, 교육의 정치종속화 심화 우려, 새교육 제561호(2001)",
    // A full line ending in a sentence, and one before a labelled item, end where they end.
    "2.1.2 제작사는 항공기용 유압식 잭을 만드는 전문 제작사여야 하며, 인증서를 제출해야 한다.",
    "      상용 및 군용 잭 제작사로 명시되어 있어야 한다",
    "① 발급된 ‘소기업·소상공인 확인서’의 유효기간 시작일이 전자입찰서 제출마감일 이후인 경우",
    "② 전자입찰서 제출마감일 전일 이후 ‘소기업·소상공인 확인서’를 신청한 경우",
  ];
  const expected = [
    "2.1.1 납품될 장비는 계약일 기준 당해 년도 생산된 장비를 납품하여야 하며, 장비 납품 시 부하테스트를 할 수 있는 장비를 지참하여 부하시험을 하여야 한다.",
    "1.1 범위",
    "이 구매요구서는 항공기 정비 시 사용하는 유압식 잭에 대하여 적용한다.",
    "박선영, 생명과학기술의 발전과 인간의 존엄, 미국헌법연구 제17권 제2호(2006)",
    "박유희, 교육의 정치종속화 심화 우려, 새교육 제561호(2001)",
    "2.1.2 제작사는 항공기용 유압식 잭을 만드는 전문 제작사여야 하며, 인증서를 제출해야 한다.",
    "상용 및 군용 잭 제작사로 명시되어 있어야 한다",
    "① 발급된 ‘소기업·소상공인 확인서’의 유효기간 시작일이 전자입찰서 제출마감일 이후인 경우",
    "② 전자입찰서 제출마감일 전일 이후 ‘소기업·소상공인 확인서’를 신청한 경우",
  ];

  it("joins a line the author ended at the edge to the line after it (HWPX hp:lineseg)", () => {
    const paragraph = (text: string, index: number, width = 42500) =>
      `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run>` +
      `<hp:linesegarray><hp:lineseg textpos="0" vertpos="${index * 1600}" vertsize="1000" textheight="1000" horzsize="${width}"/></hp:linesegarray></hp:p>`;
    const section = (body: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">${body}</hs:sec>`;
    const file = (body: string) => writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(section(body)) }]);
    const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
    const document = parseHwpx(file(lines.map((text, index) => paragraph(text, index)).join("")), "spec.hwpx", limits);
    expect(document.blocks.map((block) => block.text)).toEqual(expected);
    // The item's first line is no heading of its own now: "2.1.1 납품될 장비는 … 장비 납품 시" had been a level-3 heading.
    expect(document.blocks[0]!.kind).toBe("paragraph");
    // The same lines on a wider segment leave room for the next word: Hancom would have set it there, so each is whole.
    const wide = parseHwpx(file(lines.slice(0, 2).map((text, index) => paragraph(text, index, 60000)).join("")), "spec.hwpx", limits);
    expect(wide.blocks).toHaveLength(2);
    // A flush next line gets no slack: an entry 4500 short of the edge before a 4150-wide word is whole; indented, it joins.
    const entry = (indent: string) => paragraph("박선영, 생명과학기술의 발전과 인간의 존엄, 미국헌법연구 제17권 제2호(2006)", 0, 41000) + paragraph(`${indent}박유희, 교육의 정치종속화 심화 우려`, 1, 41000);
    expect(parseHwpx(file(entry("")), "refs.hwpx", limits).blocks).toHaveLength(2);
    expect(parseHwpx(file(entry("  ")), "refs.hwpx", limits).blocks).toHaveLength(1);
  });

  it("joins a line the author ended at the edge to the line after it (HWP PARA_LINE_SEG), but not before a bulleted paragraph", () => {
    const paragraphs = lines.map((text, index) => ({ text, lines: [index * 1600], segment: { height: 1000, width: 42500 } }));
    const document = parseHwp(syntheticHwp(paragraphs), "spec.hwp", 1024 * 1024);
    expect(document.blocks.map((block) => block.text)).toEqual(expected);
    // A 보고서's bullets (문단 머리 글머리표) draw their mark from the paragraph's shape: each bulleted line opens an item.
    const bulleted = syntheticHwp([{ text: lines[0]!, lines: [0], segment: { height: 1000, width: 42500 } }, { text: lines[1]!, shape: 1, lines: [1600], segment: { height: 1000, width: 42500 } }], 0b1, {
      paraShapes: [
        { head: 0, level: 0, id: 0 },
        { head: 3, level: 0, id: 1 },
      ],
    });
    expect(parseHwp(bulleted, "report.hwp", 1024 * 1024).blocks).toHaveLength(2);
  });
});

describe("paragraphs without a word in HWP and HWPX", () => {
  it("leaves out a form's empty bullets and typed rules, keeping tables", () => {
    // A 사업계획서 template leaves "◦" and "-" under each heading for the applicant; a 입찰공고 types a rule of dashes
    // under each section title. They were blocks of their own, quoted in every passage around them.
    const lines = ["1-1. 제품·서비스의 개발동기", "◦", "-", "※ 개발 동기를 기재", "-".repeat(40), "1. 입찰개요", "수요기관: 해병대 군수단", "㉠"];
    // A circled letter alone labels a 수능 passage's box: the questions point at it.
    const kept = ["1-1. 제품·서비스의 개발동기", "※ 개발 동기를 기재", "1. 입찰개요", "수요기관: 해병대 군수단", "㉠"];
    expect(parseHwp(syntheticHwp(lines.map((text) => ({ text }))), "plan.hwp", 1024 * 1024).blocks.map((block) => block.text)).toEqual(kept);
    const section =
      `<hs:sec xmlns:hs="s" xmlns:hp="p">${lines.map((text) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`).join("")}` +
      `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl><hp:tr><hp:tc><hp:subList><hp:p><hp:run><hp:t>주민등록번호</hp:t></hp:run></hp:p></hp:subList></hp:tc>` +
      `<hp:tc><hp:subList><hp:p><hp:run><hp:t>-</hp:t></hp:run></hp:p></hp:subList></hp:tc></hp:tr></hp:tbl></hp:run></hp:p></hs:sec>`;
    const file = writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(section) }]);
    const document = parseHwpx(file, "plan.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => block.text)).toEqual([...kept, "주민등록번호 | -"]);
  });
});

describe("section boxes that hold the number and the title in one cell", () => {
  it("heads each section with a box \"Ⅰ. 자가진단표 |\", \"1. 문제인식 (Problem) |\", \"Ⅱ-①. 창업기업 증빙 |\"", () => {
    // 중진공's 청년창업사관학교 신청서 draws each section's number and title in one cell of a one-row table whose other
    // cell is a coloured bar; they were tables and the sections had no heading at all.
    const paragraph = (text: string) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
    const box = (cells: string[]) =>
      `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl><hp:tr>${cells.map((cell) => `<hp:tc><hp:subList>${cell === "" ? "<hp:p/>" : paragraph(cell)}</hp:subList></hp:tc>`).join("")}</hp:tr></hp:tbl></hp:run></hp:p>`;
    const section =
      `<hs:sec xmlns:hs="s" xmlns:hp="p">` +
      paragraph("2026년 창업성공패키지 지원사업 청년창업사관학교 신청서") +
      box(["Ⅰ. 자가진단표", ""]) +
      paragraph("신청자격 유무를 확인한다.") +
      box(["1. 문제인식 (Problem)", ""]) +
      paragraph("굼벵이는 식품으로 판매가 가능하다.") +
      box(["Ⅱ-①. 창업기업 증빙", ""]) +
      paragraph("사업자등록증명을 첨부한다.") +
      // Not boxes: a sentence, a date, a cell without a number.
      box(["1. 본 내용은 신청자가 직접 확인합니다.", ""]) +
      box(["2026. 3. 15.", ""]) +
      box(["관리번호", ""]) +
      `</hs:sec>`;
    const file = writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(section) }]);
    const document = parseHwpx(file, "form.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => `${block.kind}${block.level ?? ""} ${block.text}`)).toEqual([
      "paragraph 2026년 창업성공패키지 지원사업 청년창업사관학교 신청서",
      "heading1 Ⅰ. 자가진단표",
      "paragraph 신청자격 유무를 확인한다.",
      "heading1 1. 문제인식 (Problem)",
      "paragraph 굼벵이는 식품으로 판매가 가능하다.",
      "heading1 Ⅱ-①. 창업기업 증빙",
      "paragraph 사업자등록증명을 첨부한다.",
      "table 1. 본 내용은 신청자가 직접 확인합니다. |",
      "table 2026. 3. 15. |",
      "table 관리번호 |",
    ]);
  });
});

describe("sub-sections numbered with hyphens in HWP and HWPX", () => {
  it("takes \"1-1. …\" and \"3-2-1. …\" under a section for sections as deep as their number", () => {
    // 중진공's 신청서 numbers its sub-sections "1-1.", "3-2-1."; a 조달청 공고 "3-1. 제출서류" under "3. 입찰참가자격".
    // They were paragraphs, and the instructions and answers under them had only the section box for a path.
    const lines = ["3. 입찰참가자격", "다음 각 호의 자격을 모두 갖춘 자이어야 합니다.", "3-1. 제출서류", "별도 제출할 필요가 없습니다.", "3-2-1. 내수시장 확보 방안 (경쟁 및 판매가능성)", "약재상과 이커머스를 통해 판매중", "2-3 일이 걸린다.", "02-12 34"];
    const document = parseHwp(syntheticHwp(lines.map((text, index) => ({ text, lines: [index * 1600] }))), "form.hwp", 1024 * 1024);
    expect(document.blocks.filter((block) => block.kind === "heading").map((block) => `${block.level} ${block.text}`)).toEqual([
      "1 3. 입찰참가자격",
      "2 3-1. 제출서류",
      "3 3-2-1. 내수시장 확보 방안 (경쟁 및 판매가능성)",
    ]);
  });
});

describe("tables nested in a one-column box in HWP and HWPX", () => {
  // A 입찰공고 draws each section in a one-column box, and its schedule (구분 | 공고기간 | …) is a table inside that
  // box. The box's paragraphs are the body's; the schedule was lost in HWPX and one " / "-joined paragraph in HWP.
  const expected = [
    "heading 1. 입찰개요",
    "paragraph ∎입 찰 일 정",
    "table 구분 | 공고기간\n날짜 | 2026.03.03. ~ 2026.04.13.",
    "paragraph ※ 공고기간은 연장될 수 있다.",
    "paragraph 마감 전날까지 등록하여야 한다.",
    "heading 2. 입찰참가자격",
  ];

  it("gives back the table of a box's cell, and the paragraphs of a box in a box, in HWP", () => {
    const control = Buffer.alloc(40);
    control.write(" lbt", 0, "latin1");
    const table = (rows: number, columns: number) => {
      const data = Buffer.alloc(18 + rows * 2);
      data.writeUInt16LE(rows, 4);
      data.writeUInt16LE(columns, 6);
      for (let row = 0; row < rows; row++) data.writeUInt16LE(columns, 18 + row * 2);
      return data;
    };
    const paragraph = (text: string, level: number): Array<[number, number, Uint8Array]> => {
      const header = Buffer.alloc(22);
      header.writeUInt32LE(text.length + 1, 0);
      return [
        [50, level, header],
        [51, level + 1, Buffer.from(`${text}\r`, "utf16le")],
      ];
    };
    const cell = (level: number, ...texts: string[]): Array<[number, number, Uint8Array]> => [[56, level, Buffer.alloc(34)], ...texts.flatMap((text) => paragraph(text, level))];
    const hwp = syntheticHwp([
      {
        text: " ",
        then: [
          [55, 1, control],
          [61, 2, table(1, 1)],
          ...cell(2, "1. 입찰개요", "∎입 찰 일 정"),
          [50, 2, Buffer.alloc(22)],
          [55, 3, control],
          [61, 4, table(2, 2)],
          ...cell(4, "구분"),
          ...cell(4, "공고기간"),
          ...cell(4, "날짜"),
          ...cell(4, "2026.03.03. ~ 2026.04.13."),
          [50, 2, Buffer.alloc(22)],
          [55, 3, control],
          [61, 4, table(1, 1)],
          ...cell(4, "※ 공고기간은 연장될 수 있다.", "마감 전날까지 등록하여야 한다."),
        ],
      },
      { text: "2. 입찰참가자격" },
    ]);
    const document = parseHwp(hwp, "notice.hwp", 1024 * 1024);
    expect(document.blocks.map((block) => `${block.kind} ${block.text}`)).toEqual(expected);
  });

  it("gives back the table of a box's cell, and the paragraphs of a box in a box, in HWPX", () => {
    const paragraph = (text: string) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
    const table = (rows: string[][][]) =>
      `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl>` +
      rows.map((row) => `<hp:tr>${row.map((cell) => `<hp:tc><hp:subList>${cell.map(paragraph).join("")}</hp:subList></hp:tc>`).join("")}</hp:tr>`).join("") +
      `</hp:tbl><hp:t/></hp:run></hp:p>`;
    const schedule = table([
      [["구분"], ["공고기간"]],
      [["날짜"], ["2026.03.03. ~ 2026.04.13."]],
    ]);
    const note = table([[["※ 공고기간은 연장될 수 있다.", "마감 전날까지 등록하여야 한다."]]]);
    const box =
      `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl><hp:tr><hp:tc><hp:subList>` +
      paragraph("1. 입찰개요") +
      paragraph("∎입 찰 일 정") +
      schedule +
      note +
      `</hp:subList></hp:tc></hp:tr></hp:tbl></hp:run></hp:p>`;
    const section = `<hs:sec xmlns:hs="s" xmlns:hp="p">${box}${paragraph("2. 입찰참가자격")}</hs:sec>`;
    const file = writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(section) }]);
    const document = parseHwpx(file, "notice.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => `${block.kind} ${block.text}`)).toEqual(expected);
  });
});

describe("titles of letters, letterheads and covers in HWP and HWPX", () => {
  const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
  const hwpxOf = (lines: string[]) =>
    writeStoredZip([
      {
        name: "Contents/section0.xml",
        data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p">${lines.map((text) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`).join("")}</hs:sec>`),
      },
    ]);
  const titles = (lines: string[]) => [parseHwp(syntheticHwp(lines.map((text) => ({ text }))), "a.hwp", 1024 * 1024).title, parseHwpx(hwpxOf(lines), "a.hwpx", limits).title];

  it("names a 공문 by its 제목 line, not the sender's name above it", () => {
    // A company's 공문 opens with its name spaced out ("(주) 골 든 래 빗"), then 수신, (경유) and 제목.
    const letter = ["(주) 골 든 래 빗", "수신 : 대표이사", "(경유) 경영지원 및 관리", "제 목 출판 기획 및 저작권 관리 등 경영지원 서비스 협의 건", "1. 귀 사의 일익 번창하심을 기원합니다."];
    expect(titles(letter)).toEqual(Array(2).fill("출판 기획 및 저작권 관리 등 경영지원 서비스 협의 건"));
    expect(titles(["한국건설기술연구원", "수신자 내부결재", "제목: 2026년 연구과제 착수 보고", "본문이다."])).toEqual(Array(2).fill("2026년 연구과제 착수 보고"));
    // No 수신 line, no letter: a line that begins "제목" is what it is.
    expect(titles(["제목이 없는 글", "본문이다."])).toEqual(Array(2).fill("제목이 없는 글"));
  });

  it("names a 시행문 by the 제목 row of the letterhead table it opens with, not by its first sentence", () => {
    // 서울특별시's 시행문 sets slogan, sender, 수신, (경유) and 제목 in one table; the body's first sentence under it
    // ("국토교통부 도심주택공급협력과-3448(…)호와 관련하여 … 제출합니다.") was the title.
    const cell = (text: string) => `<hp:tc><hp:subList>${text === "" ? "<hp:p/>" : `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`}</hp:subList></hp:tc>`;
    const letterhead =
      `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl>` +
      [["마음이 모이면 서울이 됩니다.", ""], ["", "서울특별시"], ["수신", "국토교통부장관(도심주택공급협력과장)"], ["(경유)", ""], ["제목", "소규모주택정비사업 추진실적 제출('25.3분기)"]]
        .map((row) => `<hp:tr>${row.map(cell).join("")}</hp:tr>`)
        .join("") +
      `</hp:tbl></hp:run></hp:p>`;
    const body = ["국토교통부 도심주택공급협력과-3448(2025.10.13.)호와 관련하여 붙임과 같이 추진실적을 제출합니다.", "붙임 소규모주택정비사업 추진현황. 끝."];
    const file = writeStoredZip([
      {
        name: "Contents/section0.xml",
        data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p">${letterhead}${body.map((text) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`).join("")}</hs:sec>`),
      },
    ]);
    expect(parseHwpx(file, "letter.hwpx", limits).title).toBe("소규모주택정비사업 추진실적 제출('25.3분기)");
    // A table with no 수신 row is no letterhead: a 제목 row in a form names nothing.
    const form = writeStoredZip([
      {
        name: "Contents/section0.xml",
        data: new TextEncoder().encode(
          `<hs:sec xmlns:hs="s" xmlns:hp="p"><hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl><hp:tr>${cell("제목")}${cell("연구과제명")}</hp:tr></hp:tbl></hp:run></hp:p>` +
            `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>연구개발계획서</hp:t></hp:run></hp:p></hs:sec>`,
        ),
      },
    ]);
    expect(parseHwpx(form, "form.hwpx", limits).title).toBe("연구개발계획서");
  });

  it("names a form by the title row of the table it opens with when its first line is a numbered section", () => {
    // 중소벤처기업부's 사업계획서 and 중간보고서 forms open with "[서식 1]" and a table titled in its first row over the
    // applicant's rows; they were titled by their first section, "1. 제조AI특화 스마트공장 구축 개요".
    const cell = (text: string) => `<hp:tc><hp:subList>${text === "" ? "<hp:p/>" : `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`}</hp:subList></hp:tc>`;
    const table = (rows: string[][]) =>
      `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl>${rows.map((row) => `<hp:tr>${row.map(cell).join("")}</hp:tr>`).join("")}</hp:tbl></hp:run></hp:p>`;
    const line = (text: string) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
    const file = (body: string) => writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p">${body}</hs:sec>`) }]);
    const head = table([["제조AI특화 스마트공장 중간보고서(점검표)"], ["도입기업명", "", "공급기업명", ""], ["과제번호", "", "컨소시엄 참여 공급기업명", ""]]);
    const sections = line("1. 스마트공장 구축 개요") + line("1.1 스마트공장 구축 목표") + line("구축 목표를 적는다.");
    expect(parseHwpx(file(line("[서식 1]") + head + line("※ 수행기업은 진행현황을 작성하여 등록") + sections), "form.hwpx", limits).title).toBe("제조AI특화 스마트공장 중간보고서(점검표)");
    expect(parseHwpx(file(head + sections), "form.hwpx", limits).title).toBe("제조AI특화 스마트공장 중간보고서(점검표)");
    // A headline under the table names the document; a one-row banner ("| 보도자료 |") is no form's head.
    expect(parseHwpx(file(head + line("스마트공장 구축 사업 중간 점검 결과") + sections), "form.hwpx", limits).title).toBe("스마트공장 구축 사업 중간 점검 결과");
    expect(parseHwpx(file(table([["", "보도자료", ""]]) + sections), "form.hwpx", limits).title).toBe("1. 스마트공장 구축 개요");
  });

  it("names a cover by the title in its box when the first line under it is the cover's date", () => {
    // A 교육청's 세출예산 집행지침 (123 pages) sets its title in a one-cell box over "2024. 8." and "(정책기획조정관)": it
    // was titled "2024. 8.".
    // The box is a table of three rows, its title in the middle row's one cell between rows of empty spacer cells.
    const cell = (text: string) => `<hp:tc><hp:subList>${text === "" ? "<hp:p/>" : `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`}</hp:subList></hp:tc>`;
    const spacer = `<hp:tr>${cell("")}${cell("")}${cell("")}</hp:tr>`;
    const box = (text: string) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl>${spacer}<hp:tr>${cell(text)}</hp:tr>${spacer}</hp:tbl></hp:run></hp:p>`;
    const line = (text: string) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
    const file = (body: string) => writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p">${body}</hs:sec>`) }]);
    const cover = box("2024년도 인천광역시 교육비특별회계 세출예산 집행지침") + line("2024. 8.") + line("(정책기획조정관)") + line("● 이 지침은 예산집행의 기본원칙을 정한 것이다.");
    expect(parseHwpx(file(cover), "rules.hwpx", limits).title).toBe("2024년도 인천광역시 교육비특별회계 세출예산 집행지침");
    expect(parseHwpx(file(box("2025학년도 학교 안전교육 계획") + line("2025년 3월 4일") + line("본문이다.")), "plan.hwpx", limits).title).toBe("2025학년도 학교 안전교육 계획");
    // A banner ("| 보도자료 |") over a date names nothing: the headline under the date does.
    expect(parseHwpx(file(box("보도자료") + line("2020. 9. 1.(화)") + line("2021년 예산안 국회 제출") + line("본문이다.")), "press.hwpx", limits).title).not.toBe("보도자료");
  });

  it("names a press release by the headline in the last row of its header table, without its sub-headlines", () => {
    // A 서울시 보도자료 sets date, embargo, banner, contacts and then its headline (with "- … -" sub-headlines) in one
    // table, and opens its body with a sentence: it had no title.
    const cell = (text: string) => `<hp:tc><hp:subList>${text === "" ? "<hp:p/>" : `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`}</hp:subList></hp:tc>`;
    const table = (rows: string[][]) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl>${rows.map((row) => `<hp:tr>${row.map(cell).join("")}</hp:tr>`).join("")}</hp:tbl></hp:run></hp:p>`;
    const line = (text: string) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
    const file = (body: string) => writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p">${body}</hs:sec>`) }]);
    const header = table([
      ["2023. 4. 6.(목) 석간용", ""],
      ["", "보도자료"],
      ["담당부서 :", "상권활성화담당관"],
      ["서울시, 양재천‧합정 등 서울 대표 골목상권 5곳에서 봄맞이행사 개최 - 양재천길, 합마르뜨 등 5개 골목상권에서 진행 -"],
    ]);
    const body = line("□ 양재천, 합정, 장충단길 등 서울지역 5개 대표 골목상권에서 4월~5월 봄맞이 시민참여행사가 다양하게 열린다.");
    expect(parseHwpx(file(header + body), "press.hwpx", limits).title).toBe("서울시, 양재천‧합정 등 서울 대표 골목상권 5곳에서 봄맞이행사 개최");
    // A body opening with a long line that ends on a noun ("… 5곳.") is no title either.
    const noun = line("□ 양재천, 합정, 장충단길, 선유로, 오류로 등 서울지역 5개 대표 골목상권에서 4월~5월 봄맞이 시민참여행사가 다양하게 열린다. 행사가 진행되는 곳은 서울시가 잠재력 있는 상권을 서울 대표 골목으로 만들어 가고 있는 ‘로컬브랜드 상권’ 5곳.");
    expect(parseHwpx(file(header + noun), "press.hwpx", limits).title).toBe("서울시, 양재천‧합정 등 서울 대표 골목상권 5곳에서 봄맞이행사 개최");
    // A headline under the table names the release as before.
    expect(parseHwpx(file(header + line("골목상권 봄맞이행사 개최") + body), "press.hwpx", limits).title).toBe("골목상권 봄맞이행사 개최");
  });

  it("passes over a letterhead's postcode, address and web site to the notice's name", () => {
    // A 입찰공고 opens with its sender's letterhead; it was titled "우편번호 : 30148".
    const notice = ["우편번호 : 30148", "주소:세종특별자치시 국책연구원5로 19(반곡동)", "홈페이지 : http://www.epis.or.kr", "입찰공고", "(총액/협상계약/국내입찰)"];
    expect(titles(notice)).toEqual(Array(2).fill("입찰공고"));
    expect(titles(["전화 : 02-000-0000", "FAX: 02-000-0001", "2026년 가정통신문", "본문이다."])).toEqual(Array(2).fill("2026년 가정통신문"));
    // A document that is only a letterhead is named by its first line still.
    expect(titles(["주소: 세종특별자치시 국책연구원5로 19"])).toEqual(Array(2).fill("주소: 세종특별자치시 국책연구원5로 19"));
  });

  it("joins a cover's title broken after words that lead into the rest (\"… 산출을 위한\")", () => {
    const cover = ["AI 기반 적정공사비 산출을 위한", "공사비 변경 LLM 서비스 프로토타입 개발", "과업지시서", "2026. 06.", "한국건설기술연구원"];
    expect(titles(cover)).toEqual(Array(2).fill("AI 기반 적정공사비 산출을 위한 공사비 변경 LLM 서비스 프로토타입 개발"));
    expect(titles(["개인정보 보호 및", "정보보안 지침", "제1조(목적)"])).toEqual(Array(2).fill("개인정보 보호 및 정보보안 지침"));
    // A title that ends as a title is not joined to the next line.
    expect(titles(["공사비 변경 LLM 서비스 개발", "과업지시서"])).toEqual(Array(2).fill("공사비 변경 LLM 서비스 개발"));
  });
});

describe("parts and sections of a government report typed without outline styles", () => {
  const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
  const hwpxOf = (lines: string[]) =>
    writeStoredZip([
      {
        name: "Contents/section0.xml",
        data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p">${lines.map((text) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`).join("")}</hs:sec>`),
      },
    ]);
  const headings = (lines: string[]) =>
    [parseHwp(syntheticHwp(lines.map((text) => ({ text }))), "a.hwp", 1024 * 1024), parseHwpx(hwpxOf(lines), "a.hwpx", limits)].map((document) =>
      document.blocks.filter((block) => block.kind === "heading").map((block) => `${block.level} ${block.text}`),
    );

  it("takes \"Ⅰ. 일반현황\" for a part and \"󰊱 기구 및 조직 현황\" (한컴's circled numbers) for its sections", () => {
    // A ministry's 업무보고 (23 pages) numbers its parts Ⅰ–Ⅳ and their sections 󰊱 󰊲 󰊳: it had no heading at all.
    const report = [
      "행정안전부 업무보고",
      "Ⅰ. 일반 현황 1",
      "Ⅱ. 중점 추진과제 6",
      "Ⅰ. 일반현황",
      "\u{F02B1} 기구 및 조직 현황",
      "1차관 1본부 7실·1대변인",
      "\u{F02B2} 인원 현황",
      "1. 정원 현황",
      "정원은 3,867명이다.",
      "Ⅱ. 중점 추진과제",
      "[나 라] 정의로운 사회통합",
      "\u{F02B1} 시민참여 활성화 기반 조성 (국정과제9·14)",
      "□ 참여 플랫폼 구축",
      "\u{F02B2} 채용분야 : 정규직",
      "□ 공개 채용",
    ];
    const expected = ["1 Ⅰ. 일반현황", "2 \u{F02B1} 기구 및 조직 현황", "2 \u{F02B2} 인원 현황", "3 1. 정원 현황", "1 Ⅱ. 중점 추진과제", "2 \u{F02B1} 시민참여 활성화 기반 조성 (국정과제9·14)"];
    expect(headings(report)).toEqual([expected, expected]);
  });

  it("takes \"Ⅰ. 과업 개요\" for a part when its first numbered section follows, and sets those sections one below it", () => {
    // A school's 과업 설명서 and a 교육청's 제안서 작성 지침서 number their parts Ⅰ–Ⅴ and the sections under each "1.",
    // "2.": the parts stayed paragraphs, so "1. 일반 내용" of Ⅱ and of Ⅲ had the same section path.
    const plan = [
      "2025학년도 도제 캠프 과업 설명서",
      "Ⅰ. 과업 개요",
      "1. 과업명 : 도제 캠프 용역",
      "2. 추진 목적",
      "가. 도제교육의 이해를 증진시킨다.",
      "Ⅱ. 과업 내용",
      "1. 일반 내용",
      "가. 과업 수행자는 운영 방안을 제시하여야 한다.",
      "Ⅲ. 과업 수행 지침",
      "1. 일반 내용",
      "가. 본 사업은 성실히 수행하여야 한다.",
    ];
    const expected = ["1 Ⅰ. 과업 개요", "2 1. 과업명 : 도제 캠프 용역", "2 2. 추진 목적", "1 Ⅱ. 과업 내용", "2 1. 일반 내용", "1 Ⅲ. 과업 수행 지침", "2 1. 일반 내용"];
    expect(headings(plan)).toEqual([expected, expected]);
  });

  it("sets circled sections below the \"1.\" sections they follow in a part (Ⅰ > 1. > 󰊱), as they come", () => {
    // A 교육청's 세출예산 집행지침 (123 pages) nests 한컴's circled numbers under its "1." sections: each "󰊱 개요" sat
    // at the level of "1. 지방보조금", and "2. 민간위탁사업비" one below "󰊳 세부지침" of the section before.
    const rules = [
      "세출예산 집행지침",
      "Ⅰ. 일반기준",
      "1. 목적",
      "○ 이 지침은 예산집행의 기준을 정한다.",
      "Ⅱ. 사업별 기준",
      "1. 지방보조금",
      "\u{F02B1} 개요",
      "1) 근거",
      "\u{F02B2} 기본지침",
      "○ 교육감은 보조금을 관리하여야 한다.",
      "2. 민간위탁사업비",
      "\u{F02B1} 개요",
      "○ 위탁사업의 필요성을 판단한다.",
      "Ⅲ. 성질별 기준",
      "1. 인건비(110목)",
      "\u{F02B1} 보수(110-01)",
      "○ 보수는 규정에 따라 지급한다.",
    ];
    const expected = [
      "1 Ⅰ. 일반기준",
      "2 1. 목적",
      "1 Ⅱ. 사업별 기준",
      "2 1. 지방보조금",
      "3 \u{F02B1} 개요",
      "3 \u{F02B2} 기본지침",
      "2 2. 민간위탁사업비",
      "3 \u{F02B1} 개요",
      "1 Ⅲ. 성질별 기준",
      "2 1. 인건비(110목)",
      "3 \u{F02B1} 보수(110-01)",
    ];
    expect(headings(rules)).toEqual([expected, expected]);
  });

  it("leaves a 제안요청서's outline of the proposal to write as it was: parts over numbers with nothing under them", () => {
    const outline = ["9. 제안서 작성목차", "Ⅰ. 회사소개", "1. 일반현황", "2. 조직 및 인원", "Ⅱ. 계량평가", "1. 유사사업 실적", "2. 경영상태", "10. 제안서 세부작성지침", "가. 제안서는 한글로 작성한다."];
    expect(headings(outline).map((found) => found.filter((heading) => heading.includes("Ⅰ") || heading.includes("Ⅱ") || heading.includes("10.")))).toEqual(
      Array(2).fill(["1 10. 제안서 세부작성지침"]),
    );
  });

  it("leaves Roman-numbered items that no circled sections follow as they were (a 입찰공고's list of documents)", () => {
    const notice = ["5. 제출서류", "Ⅰ. 입찰참가 자격 서류", "사업자등록증 1부", "Ⅱ. 제안평가 자료", "제안서 1부", "6. 제안서 평가"];
    expect(headings(notice)).toEqual(Array(2).fill(["1 5. 제출서류", "1 6. 제안서 평가"]));
  });
});

describe("titles under a form's labelled note and in a notice's banner", () => {
  const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
  const paragraph = (text: string) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p>`;
  const hwpxOf = (body: string) => writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p">${body}</hs:sec>`) }]);

  it("passes over a form's label with its note after an underscore to the form's name", () => {
    // A 시청's 전기자동차 구매 지원신청서 opens "[별지 제1호 서식] _ 서명란에 모두 서명 必 …", which was its title.
    const lines = ["[별지 제1호 서식] _ 서명란에 모두 서명 必(공동명의자 포함), 추가보조금 칸에 모두 체크", "2026년 전기자동차 구매 지원신청서", "성명을 적는다."];
    expect(parseHwp(syntheticHwp(lines.map((text) => ({ text }))), "form.hwp", 1024 * 1024).title).toBe("2026년 전기자동차 구매 지원신청서");
    expect(parseHwpx(hwpxOf(lines.map(paragraph).join("")), "form.hwpx", limits).title).toBe("2026년 전기자동차 구매 지원신청서");
  });

  it("names a 가정통신문 by the name its opening banner quotes, not by its greeting", () => {
    const cell = (text: string) => `<hp:tc><hp:subList>${text === "" ? "<hp:p/>" : paragraph(text)}</hp:subList></hp:tc>`;
    const banner = `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:tbl><hp:tr>${cell("")}${cell("「 초등학생 대상 범죄 예방 안내 (재강조)」")}${cell("솔숲 교육 소식 담당: 안전교육")}</hp:tr></hp:tbl></hp:run></hp:p>`;
    const greeting = paragraph("행복한 송림교육을 위해 늘 힘써 주시는 학부모님께 감사드립니다.") + paragraph("안녕하세요? 최근 약취・유인 시도가 있었습니다.");
    expect(parseHwpx(hwpxOf(banner + greeting), "letter.hwpx", limits).title).toBe("초등학생 대상 범죄 예방 안내 (재강조)");
    // A title line under the banner names the notice itself.
    expect(parseHwpx(hwpxOf(banner + paragraph("2026학년도 1학기 안전교육 안내") + greeting), "letter.hwpx", limits).title).toBe("2026학년도 1학기 안전교육 안내");
  });
});

describe("a drop cap in HWPX", () => {
  it("begins its paragraph's first word with the drop cap's letter, and keeps an ordinary text box's text its own", () => {
    // A newspaper-style article sets its first letter as a drop cap (문단 첫 글자 장식): a drawing object holding "기"
    // in the paragraph "초생활수급자인 A씨는 …". Read as a text box, "기" was a paragraph of its own and the word broken.
    const box = (dropcap: string, text: string) =>
      `<hp:rect dropcapstyle="${dropcap}"><hp:drawText><hp:subList><hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text}</hp:t></hp:run></hp:p></hp:subList></hp:drawText></hp:rect>`;
    const section =
      `<hs:sec xmlns:hs="s" xmlns:hp="p">` +
      `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0">${box("DoubleLine", "기")}<hp:t>초생활수급자인 A씨는 보험료를 냈다.</hp:t></hp:run></hp:p>` +
      `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0">${box("None", "사진 설명")}<hp:t>둘째 문단이다.</hp:t></hp:run></hp:p></hs:sec>`;
    const file = writeStoredZip([{ name: "Contents/section0.xml", data: new TextEncoder().encode(section) }]);
    const document = parseHwpx(file, "article.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 });
    expect(document.blocks.map((block) => block.text)).toEqual(["기초생활수급자인 A씨는 보험료를 냈다.", "사진 설명", "둘째 문단이다."]);
  });
});

describe("pictures in an HWPX archive", () => {
  const limits = { maxDecompressedBytes: 64 * 1024 * 1024, maxEntries: 10, maxCompressionRatio: 200 };
  const section = new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p"><hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>모의고사 문제지</hp:t></hp:run></hp:p></hs:sec>`);

  it("reads a file whose bitmap picture compresses past the zip-bomb ratio, since pictures are never inflated", () => {
    // A 고등학교 모의고사 HWPX holds a 6.2 MB BMP (a flat-coloured banner) that deflates to 8.7 KB, 737:1: the whole
    // exam was refused as a zip bomb, though jikji reads only the XML parts.
    const bitmap = new Uint8Array(4 * 1024 * 1024).fill(0xff);
    const file = writeZip([
      { name: "Contents/section0.xml", data: section },
      { name: "BinData/image3.bmp", data: bitmap },
    ]);
    expect(parseHwpx(file, "exam.hwpx", limits).text).toBe("모의고사 문제지");
  });

  it("still refuses a part it reads that inflates past the ratio", () => {
    const bomb = new Uint8Array(4 * 1024 * 1024);
    const file = writeZip([
      { name: "Contents/section0.xml", data: section },
      { name: "Contents/header.xml", data: bomb },
    ]);
    expect(() => parseHwpx(file, "bomb.hwpx", limits)).toThrow(/bomb\.hwpx looks like a zip bomb: entry Contents\/header\.xml inflates \d+:1/);
  });
});

describe("questions of an exam paper in HWP and HWPX", () => {
  const limits = { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 };
  const hwpxOf = (lines: string[]) =>
    writeStoredZip([
      {
        name: "Contents/section0.xml",
        data: new TextEncoder().encode(`<hs:sec xmlns:hs="s" xmlns:hp="p">${lines.map((text) => `<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0"><hp:t>${text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</hp:t></hp:run></hp:p>`).join("")}</hs:sec>`),
      },
    ]);
  const headings = (lines: string[]) =>
    [parseHwp(syntheticHwp(lines.map((text) => ({ text }))), "exam.hwp", 1024 * 1024), parseHwpx(hwpxOf(lines), "exam.hwpx", limits)].map((document) =>
      document.blocks.filter((block) => block.kind === "heading").map((block) => `${block.level} ${block.text}`),
    );

  it("heads every question, a long one with its condition (\"(단, …)\") and a formula's figures after its number too", () => {
    // A 사회탐구 paper and a 수학 모의고사: questions over 80 characters, or starting with a figure, stayed paragraphs,
    // so their choices and passages sat under the question before.
    const questions = [
      "1. 다음 글에서 개인과 사회의 관계를 바라보는 필자의 관점에 대한 옳은 설명만을 <보기>에서 고른 것은?",
      "인간의 자유란 환경과 완전히 분리된 인간의 인격성에서 비롯한다는 견해가 있다.",
      "① ㄱ, ㄴ ② ㄱ, ㄷ ③ ㄴ, ㄷ ④ ㄴ, ㄹ ⑤ ㄷ, ㄹ",
      "2. 다음 자료에 대한 설명으로 옳은 설명만을 <보기>에서 있는 대로 고른 것은? (단, A∼C는 각각 머튼의 아노미 이론, 차별 교제 이론, 낙인 이론 중 하나임.)",
      "* 교사는 질문별로 각각 채점함.",
      "3. 수열 { a_n } 에 대하여 sum from k=1 to 5 ( 3a_k - 2k ) = 18 일 때, a₁+a₂+a₃+a₄+a₅의 값은? [3점]",
      "① 16 ② 17 ③ 18 ④ 19 ⑤ 20",
      "4. 4^{ - {1} over {2}} × 8^{ {1} over {3}} 의 값은? [2점]",
      "① {1} over {4} ② {1} over {2} ③ 1 ④ 2 ⑤ 4",
    ];
    const expected = [0, 3, 5, 7].map((at) => `1 ${questions[at]}`);
    expect(headings(questions)).toEqual([expected, expected]);
  });
});
