import { readFile } from "node:fs/promises";
import { PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { DocumentUnreadableError } from "../errors.ts";
import { expectDocumentInvariants } from "../../test/ingest/invariants.ts";
import { chunkDocument } from "./chunk.ts";
import { assemblePdf, isBoldFontName, parsePdf, utf8AsWritten } from "./parse-pdf.ts";

/** Pages as lists of lines; an empty list makes a page with a drawing but no text. Lines 16pt apart. */
async function makePdf(pages: Array<Array<string | null>>, title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (title !== undefined) pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([400, 500]);
    page.drawRectangle({ x: 10, y: 10, width: 20, height: 20 });
    let y = 450;
    for (const line of lines) {
      // null leaves a blank line, which is how a paragraph break looks on the page.
      if (line !== null) page.drawText(line, { x: 40, y, size: 12, font });
      y -= 16;
    }
  }
  return pdf.save();
}

/** What the parse worker sends for a one-page PDF of 11 pt lines 14 pt apart, with its outline and metadata title. */
function onePagePart(texts: readonly string[], outline: Array<{ title: string; level: number; page: number; top: number | null }>, metadataTitle: string) {
  const lines = texts.map((text, i) => ({ text, x: 72, endX: 400, y: 760 - 14 * i, fontSize: 11, spaceAtStart: false, spaceAtEnd: false }));
  return { pageCount: 1, from: 1, to: 1, pages: [{ page: 1, lines }], scanned: [], blank: 0, warnings: [], firstLine: lines[0]!.text, outline, metadataTitle };
}

describe("parsePdf", () => {
  it("extracts text per physical page, splitting paragraphs at blank lines and joining wrapped lines", async () => {
    const bytes = await makePdf(
      [["Annual report", null, "Revenue grew in the", "second quarter.", null, "Costs fell."], [], ["Last page text."]],
      "Report 2024",
    );
    const doc = await parsePdf(bytes, "report.pdf");
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("Report 2024");
    expect(doc.pageCount).toBe(3);
    expect(doc.blocks.map((block) => [block.page, block.text])).toEqual([
      [1, "Annual report"],
      [1, "Revenue grew in the second quarter."],
      [1, "Costs fell."],
      [3, "Last page text."],
    ]);
    // Page 2 holds only a rectangle: blank, not a scan, so nothing to OCR and nothing to warn about.
    expect(doc.warnings).toEqual([]);
  });

  it("leaves the caller's bytes usable and takes the first line as title without metadata", async () => {
    const bytes = await makePdf([["First line here", null, "Body."]]);
    const doc = await parsePdf(bytes, "a.pdf");
    expect(doc.title).toBe("First line here");
    expect((await parsePdf(bytes, "a.pdf")).text).toBe(doc.text);
  });

  it("does not take a running header for the title: the first line under it, or a man page's header without its repeated name", async () => {
    const pages = (header: string, first: string) =>
      [1, 2, 3, 4].map((number) => [header, null, number === 1 ? first : `Body text of page ${number}.`, null, `Section ${number * 7} ends here.`]);
    const journal = await parsePdf(await makePdf(pages("Quarterly Bulletin, Volume 3", "Multilingual Bibliographies")), "article.pdf");
    expect(journal.title).toBe("Multilingual Bibliographies");
    const man = await parsePdf(await makePdf(pages("JQ(1) General Commands Manual JQ(1)", "NAME")), "jq.pdf");
    expect(man.title).toBe("JQ(1) General Commands Manual");
  });

  it("takes a running header that the first page prints again under it for the title (a 한글 규정's name over every page and over its first article)", async () => {
    // 복무 규정 (Hancom PDF): "복무 규정" heads every page and stands again, larger, over the first page's enactment
    // dates; the title was the first date line.
    const pages = [1, 2, 3, 4].map((number) =>
      number === 1
        ? ["Service Regulations", null, "Service Regulations", "Enacted 2006. 7. 25. by the 1st board", null, "Article 1 (Purpose) These rules set out how staff serve."]
        : ["Service Regulations", null, `Article ${number * 3} (Duty) Body text of page ${number}.`, null, `Article ${number * 3 + 1} ends here.`],
    );
    expect((await parsePdf(await makePdf(pages), "rules.pdf")).title).toBe("Service Regulations");
  });

  it("does not take a page number under a running header for the title (a 별표 cut out of a 규정, '· •21')", async () => {
    const pages = [1, 2, 3, 4].map((number) =>
      number === 1
        ? ["Personnel Regulations", "· •21", "Common Hiring Qualifications", null, "1. A doctorate and 11 years of experience in the field."]
        : ["Personnel Regulations", null, `${number}. Body text of page ${number}.`, null, `Item ${number * 3 + 1} ends here.`],
    );
    expect((await parsePdf(await makePdf(pages), "annex.pdf")).title).toBe("Common Hiring Qualifications");
  });

  it("does not take a line without a letter for the title: a cover's date over the document's name", async () => {
    const cover = onePagePart(["2025. 2", "클라우드컴퓨팅서비스 보안인증제도 안내서", "한국인터넷진흥원"], [], "");
    expect((await assemblePdf([cover], new Uint8Array(), "guide.pdf")).title).toBe("클라우드컴퓨팅서비스 보안인증제도 안내서");
  });

  it("does not take a date in words for the title: a cover's \"30th June 2016\" over its user guide's name", async () => {
    for (const date of ["30th June 2016", "June 30, 2016", "November, 2002", "Updated: Monday, 3 March 2025", "Sept. 2019"]) {
      const cover = onePagePart([date, "LINKSPACE USER GUIDE", "27 Old Gloucester Street"], [], "");
      expect((await assemblePdf([cover], new Uint8Array(), "guide.pdf")).title).toBe("LINKSPACE USER GUIDE");
    }
    // A title that holds a date is still the title.
    const dated = onePagePart(["Annual Report June 2016", "Body."], [], "");
    expect((await assemblePdf([dated], new Uint8Array(), "report.pdf")).title).toBe("Annual Report June 2016");
  });

  it("does not take a table of contents entry for the title of a PDF that opens on its contents", async () => {
    const contents = await makePdf([
      ["MAIN GAME .................................. 6", "CREATURES .................................. 6", "Fleet Handbook for Drivers", null, "ITEMS ...................................... 19"],
      ["Body text."],
    ]);
    expect((await parsePdf(contents, "codex.pdf")).title).toBe("Fleet Handbook for Drivers");
    const onlyContents = await makePdf([["Contents", "Safety .................................... 3", "Tyres ..................................... 9"], ["Body text."]]);
    expect((await parsePdf(onlyContents, "manual.pdf")).title).toBeNull();
    // With an outline (an OpenOffice export whose Title metadata is empty), its first entry names the document.
    const part = onePagePart(["MAIN GAME .................................. 6", "CREATURES .................................. 6"], [{ title: "Codex DAO", level: 1, page: 1, top: null }], "");
    expect((await assemblePdf([part], new Uint8Array(), "codex.pdf")).title).toBe("Codex DAO");
  });

  it("keeps a Google Docs bookmark's zero-width space out of the section path, and a printed file name's extension out of the title", async () => {
    const outline = [
      { title: "3.0 Workplace Policies\u200b ", level: 1, page: 1, top: null },
      { title: " \u200b", level: 1, page: 1, top: null },
    ];
    const part = (metadataTitle: string) =>
      onePagePart(["3.0 Workplace Policies", "We expect you to be present during your scheduled working hours."], outline, metadataTitle);
    const handbook = await assemblePdf([part("Algolix Employee HandBook.docx")], new Uint8Array(), "handbook.pdf");
    expect(handbook.blocks.map((block) => block.section)).toEqual([["3.0 Workplace Policies"], ["3.0 Workplace Policies"]]);
    expect(handbook.title).toBe("Algolix Employee HandBook");
    expect((await assemblePdf([part("Microsoft Word - A1 panel printer user manual.doc")], new Uint8Array(), "a1.pdf")).title).toBe("A1 panel printer user manual");
    expect((await assemblePdf([part("Release notes for v2.1.docx files")], new Uint8Array(), "notes.pdf")).title).toBe("Release notes for v2.1.docx files");
  });

  it("follows a Hancom PDF's 개요 outline, without its file-name root, its 책갈피 copy, hidden NTF bookmarks or '(내용없음)' placeholders", async () => {
    // 한글 2022's outline of a competition task: the file name over a 책갈피 group (hidden bookmarks, then a copy of
    // the 개요 entries) and the 개요 group, whose first titles are empty paragraphs' "(내용없음)".
    const entry = (title: string, level: number, top: number | null) => ({ title, level, page: 1, top });
    const outline = [
      entry("클라우드컴퓨팅_부산_과제1", 1, null),
      entry("책갈피", 2, null),
      entry("NTF00005cb454d7.hw", 3, 777),
      entry("Certificates:", 3, 747),
      entry("5. VPN", 3, 705),
      entry("개요", 2, null),
      entry("(내용없음)", 3, 760),
      entry("(내용없음)", 4, 760),
      entry(" Certificates:", 5, 747),
      entry(" 5. VPN", 4, 705),
      entry(" A.) Control Host (EC2)", 5, 677),
    ];
    const part = onePagePart(
      ["인증서를 사용하기 위해 아래 파일을 사용합니다.", "Certificates:", "- server.crt (Self-Signed Certificate)", "", "5. VPN", "Client VPN을 사용해 접근합니다.", "A.) Control Host (EC2)", "- Instance Type: t3.medium"],
      outline,
      "",
    );
    const task = await assemblePdf([part], new Uint8Array(), "task.pdf");
    expect(task.blocks.find((block) => block.text.startsWith("- server.crt"))?.section).toEqual(["Certificates:"]);
    expect(task.blocks.find((block) => block.text.startsWith("Client VPN"))?.section).toEqual(["5. VPN"]);
    expect(task.blocks.find((block) => block.text.startsWith("- Instance Type"))?.section).toEqual(["5. VPN", "A.) Control Host (EC2)"]);
  });

  it("does not take a program's or a template's placeholder for the title: the first slide's title names the deck", async () => {
    const deck = (metadataTitle: string) => onePagePart(["추천시스템 실습하기", "김현우", "무비렌즈 데이터를 이용한 실습"], [], metadataTitle);
    for (const placeholder of ["PowerPoint 프레젠테이션", "PowerPoint Presentation", "Company Presentation Template", "New Default Template", "Untitled", "제목 없음"]) {
      expect((await assemblePdf([deck(placeholder)], new Uint8Array(), "deck.pdf")).title).toBe("추천시스템 실습하기");
    }
    for (const title of ["PowerPoint 활용 교육 자료", "Employment Contract Template", "2024 사업 설명회 프레젠테이션 자료"]) {
      expect((await assemblePdf([deck(title)], new Uint8Array(), "deck.pdf")).title).toBe(title);
    }
  });

  it("does not take a layout program's working file for the title (InDesign's \"920-561E.indd\"): the first page names it", async () => {
    const sheet = (metadataTitle: string) => onePagePart(["PACE Modular Pressure Controller", "A new generation of high precision pressure controller."], [], metadataTitle);
    for (const working of ["920-561E.indd", "DS_PACE_rev4.INDD", "brochure final.qxp", "manual.fm", "Layout 1.sla", "cover.ai", "untitled.ps"]) {
      expect((await assemblePdf([sheet(working)], new Uint8Array(), "pace.pdf")).title, working).toBe("PACE Modular Pressure Controller");
    }
    // A manuals site's stamp on a manual downloaded from it names every such manual alike.
    expect((await assemblePdf([sheet("ManualsLib - Makes it easy to find manuals online!")], new Uint8Array(), "pace.pdf")).title).toBe("PACE Modular Pressure Controller");
    expect((await assemblePdf([sheet("ManualsLib Guide to Pumps")], new Uint8Array(), "pace.pdf")).title).toBe("ManualsLib Guide to Pumps");
    // A word processor's file name still names its document, without the extension.
    expect((await assemblePdf([sheet("Employee HandBook.docx")], new Uint8Array(), "pace.pdf")).title).toBe("Employee HandBook");
    expect((await assemblePdf([sheet("Adobe Illustrator Basics")], new Uint8Array(), "pace.pdf")).title).toBe("Adobe Illustrator Basics");
  });

  it("reads a metadata title written as UTF-8 bytes without a byte-order mark (Microsoft Print To PDF) as UTF-8", async () => {
    const pdf = await PDFDocument.create();
    // The title's UTF-8 bytes as a literal string, as the printer writes it; readers take each byte as PDFDocEncoding.
    const bytes = new TextEncoder().encode("개정 표준취업규칙(2025년, 배포).hwp");
    (pdf as unknown as { getInfoDict(): { set(key: PDFName, value: PDFString): void } }).getInfoDict().set(PDFName.of("Title"), PDFString.of(String.fromCharCode(...bytes)));
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([400, 500]).drawText("Rules of employment", { x: 40, y: 450, size: 12, font });
    expect((await parsePdf(await pdf.save(), "rules.pdf")).title).toBe("개정 표준취업규칙(2025년, 배포)");

    expect(utf8AsWritten("ê°œì€Ł í‚œì¤•ì·¨ìŠ–ê·œì¹Ž")).toBe("개정 표준취업규칙");
    // Latin-1 titles are not valid UTF-8 read as bytes, and text beyond one byte a character is already decoded.
    for (const title of ["Café menu", "Ångström units", "Œuvres — tome 2", "취업규칙", "Plain title"]) expect(utf8AsWritten(title)).toBe(title);
  });

  it("reads a metadata title written as a PostScript hex string in EUC-KR (한글 printed through PScript5 to Acrobat Distiller)", async () => {
    // Distiller keeps the print job's %%Title, "<3230…>", as the title's text: the file name's EUC-KR bytes in hex.
    const hex = (bytes: readonly number[]) => `<${bytes.map((byte) => byte.toString(16).toUpperCase().padStart(2, "0")).join("")}>`;
    const eucKr = [0x32, 0x30, 0x32, 0x35, 0xb3, 0xe2, 0xb5, 0xb5, 0x20, 0xb0, 0xcb, 0xc1, 0xa4, 0xbd, 0xc3, 0xc7, 0xe0, 0xbe, 0xc8, 0xb3, 0xbb, 0x2e, 0x68, 0x77, 0x70];
    const notice = (metadataTitle: string) => onePagePart(["2025년도 자격검정 시행 공고", "검정시행계획을 아래와 같이 공고합니다."], [], metadataTitle);
    expect((await assemblePdf([notice(hex(eucKr))], new Uint8Array(), "notice.pdf")).title).toBe("2025년도 검정시행안내");
    expect((await assemblePdf([notice(hex([...new TextEncoder().encode("시행 공고.docx")]))], new Uint8Array(), "notice.pdf")).title).toBe("시행 공고");
    // Bytes that read as no text leave the title to the first page; a title that merely looks like hex stays.
    expect((await assemblePdf([notice(hex([0xff, 0xff, 0x80, 0x81]))], new Uint8Array(), "notice.pdf")).title).toBe("2025년도 자격검정 시행 공고");
    expect((await assemblePdf([notice("<ABC> report")], new Uint8Array(), "notice.pdf")).title).toBe("<ABC> report");
  });

  it("tells a blank PDF from a scan, and reports a scan as needing OCR when OCR is off", async () => {
    const blank = await makePdf([[], []]);
    await expect(parsePdf(blank, "blank.pdf")).rejects.toThrow(DocumentUnreadableError);
    await expect(parsePdf(blank, "blank.pdf")).rejects.toThrow(/blank\.pdf has no text on any of its 2 page\(s\): no text layer and no scanned images/);
    const scan = new Uint8Array(await readFile(new URL("../../test/fixtures/hostile/scanned-korean.pdf", import.meta.url)));
    await expect(parsePdf(scan, "scan.pdf")).rejects.toThrow(
      /scan\.pdf has no text layer on any of its 1 page\(s\); it is a scan and needs OCR \(page 1 has no text layer \(needs OCR\)\)/,
    );
  });

  it("reads a page whose text layer is only its page number over pictures as a scan (a deck whose text boxes were drawn as images)", async () => {
    const scan = await PDFDocument.load(await readFile(new URL("../../test/fixtures/hostile/scanned-korean.pdf", import.meta.url)));
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (const number of [1, 2, 3]) {
      const [slide] = await pdf.copyPages(scan, [0]);
      pdf.addPage(slide!).drawText(String(number), { x: 20, y: 12, size: 9, font });
    }
    pdf.addPage([400, 500]).drawText("Appendix: data sources", { x: 40, y: 450, size: 12, font });
    const doc = await parsePdf(await pdf.save(), "deck.pdf");
    expect(doc.warnings).toEqual([1, 2, 3].map((page) => `page ${page} shows its text as images (needs OCR)`));
    expect(doc.title).toBeNull();
    expect(doc.blocks.map((block) => block.text)).toContain("Appendix: data sources");
  });

  it("reports an encrypted PDF as unreadable and says it is encrypted", async () => {
    const bytes = new Uint8Array(await readFile(new URL("../../test/fixtures/docs/password-protected.pdf", import.meta.url)));
    await expect(parsePdf(bytes, "secret.pdf")).rejects.toThrow(DocumentUnreadableError);
    await expect(parsePdf(bytes, "secret.pdf")).rejects.toThrow(/secret\.pdf is encrypted/);
  });

  it("reports a corrupt PDF as unreadable, naming the problem", async () => {
    const corrupt = new TextEncoder().encode("%PDF-1.7\nthis is not a pdf body at all\n%%EOF");
    await expect(parsePdf(corrupt, "broken.pdf")).rejects.toThrow(DocumentUnreadableError);
    await expect(parsePdf(corrupt, "broken.pdf")).rejects.toThrow(/broken\.pdf is not a valid PDF: .+/);
  });

  it("reads a bold line in the text's size over regular text as a title, not as the paragraph's first words", async () => {
    // A handbook saved from Word without bookmarks: its subheadings are Calibri-Bold at the body's 11 pt, set at the
    // body's line spacing right over their paragraphs. Lines are [text, bold, blank lines before].
    const lines: Array<[string, boolean, number]> = [
      ["Employee Handbook", true, 0],
      ["This handbook explains how we work together and what we", false, 1],
      ["expect from everyone.", false, 0],
      ["1. Purpose", true, 1],
      ["This policy sets out the leave that every employee may take.", false, 0],
      ["Health and Wellness", true, 1],
      ["All full-time employees are covered by the group health plan.", false, 0],
      ["Sick Leave", true, 0],
      ["Ten days of sick leave are granted each year.", false, 0],
      ["Note", true, 1],
      ["A medical certificate is needed after two days away.", false, 0],
      ["Every absence must be reported before nine.", true, 1],
      ["Late reports are recorded by the supervisor.", false, 0],
      ["Carry-over rules:", true, 1],
      ["Up to five days may be carried into the next year.", false, 0],
      ["2. Working Hours", true, 1],
      ["2.1 Core Hours", true, 1],
      ["Core hours run from ten to four.", false, 0],
      ["Leave type            Days            Notice", true, 1],
      ["Annual leave            20            Two weeks", false, 0],
    ];
    const pdf = await PDFDocument.create();
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    const page = pdf.addPage([500, 700]);
    let y = 660;
    for (const [text, isBold, blanks] of lines) {
      y -= 14 * (blanks + 1);
      page.drawText(text, { x: 40, y, size: 11, font: isBold ? bold : regular });
    }
    const doc = await parsePdf(await pdf.save(), "handbook.pdf");
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level ?? null, block.text])).toEqual([
      ["heading", 1, "Employee Handbook"],
      ["paragraph", null, "This handbook explains how we work together and what we expect from everyone."],
      ["heading", 1, "1. Purpose"],
      ["paragraph", null, "This policy sets out the leave that every employee may take."],
      ["heading", 2, "Health and Wellness"],
      ["paragraph", null, "All full-time employees are covered by the group health plan."],
      ["heading", 2, "Sick Leave"],
      ["paragraph", null, "Ten days of sick leave are granted each year."],
      // A call-out's label, a bold sentence and a label ending in a colon open no section.
      ["paragraph", null, "Note A medical certificate is needed after two days away."],
      ["paragraph", null, "Every absence must be reported before nine. Late reports are recorded by the supervisor."],
      ["paragraph", null, "Carry-over rules:"],
      ["paragraph", null, "Up to five days may be carried into the next year."],
      // A chapter's bold title over its first section's, and a table's bold header row over its first row.
      ["heading", 1, "2. Working Hours"],
      ["heading", 2, "2.1 Core Hours"],
      ["paragraph", null, "Core hours run from ten to four."],
      ["paragraph", null, "Leave type Days Notice Annual leave 20 Two weeks"],
    ]);
    const chunks = chunkDocument(doc, { maxChars: 200, overlapChars: 0 });
    const sick = chunks.find((chunk) => chunk.text.includes("Ten days"))!;
    expect(sick.headingPath).toEqual(["1. Purpose", "Sick Leave"]);
  });

  it("tells bold fonts by their names", () => {
    for (const name of ["BCDEEE+Calibri-Bold", "Arial-BoldMT", "TimesNewRomanPS-BoldMT", "Cambria,Bold", "SourceSansPro-Semibold", "NanumGothicBold", "Roboto-Black", "CMBX10", "Helvetica-Bold"]) {
      expect(isBoldFontName(name), name).toBe(true);
    }
    for (const name of ["BCDGEE+Calibri", "ArialMT", "NotoSansCJKkr-DemiLight", "Roboto-Medium", "CMR10", "Helvetica-Oblique", ""]) {
      expect(isBoldFontName(name), name).toBe(false);
    }
  });
});

describe("parsePdf, ZapfDingbats text (ReportLab's status marks and boxes)", () => {
  /** A page whose status table marks each row with a ZapfDingbats "●", and a banner of "■" boxes; bookmarked or not. */
  async function dingbatsPdf(bookmarked: boolean): Promise<Uint8Array> {
    const pdf = await PDFDocument.create();
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const dingbats = await pdf.embedFont(StandardFonts.ZapfDingbats);
    const page = pdf.addPage([500, 700]);
    page.drawText("Component status", { x: 40, y: 640, size: 16, font: regular });
    page.drawText("■■", { x: 40, y: 610, size: 11, font: dingbats });
    page.drawText("FOR AUTHORIZED PERSONNEL ONLY", { x: 70, y: 610, size: 11, font: regular });
    page.drawText("Core", { x: 40, y: 590, size: 11, font: regular });
    page.drawText("●", { x: 120, y: 590, size: 11, font: dingbats });
    page.drawText("ONLINE", { x: 132, y: 590, size: 11, font: regular });
    page.drawText("✓", { x: 40, y: 550, size: 11, font: dingbats });
    page.drawText("Forensics loaded", { x: 52, y: 550, size: 11, font: regular });
    if (bookmarked) {
      const item = pdf.context.obj({ Title: PDFString.of("Component status"), Dest: [page.ref, PDFName.of("XYZ"), 40, 660, null] });
      const itemRef = pdf.context.register(item);
      const outlines = pdf.context.obj({ Type: "Outlines", First: itemRef, Last: itemRef, Count: 1 });
      const outlinesRef = pdf.context.register(outlines);
      item.set(PDFName.of("Parent"), outlinesRef);
      pdf.catalog.set(PDFName.of("Outlines"), outlinesRef);
    }
    return pdf.save();
  }

  it("reads the marks as the dingbats they show, not as the letters that share their codes (\"l ONLINE\", \"nn\")", async () => {
    for (const bookmarked of [false, true]) {
      const doc = await parsePdf(await dingbatsPdf(bookmarked), "status.pdf");
      const text = doc.blocks.map((block) => block.text).join("\n");
      expect(text, `bookmarked: ${bookmarked}`).toContain("Core ● ONLINE");
      expect(text).toContain("✓ Forensics loaded");
      expect(text).toContain("■■ FOR AUTHORIZED PERSONNEL ONLY");
      expect(text).not.toMatch(/\bl ONLINE|\bnn\b|4 Forensics/);
    }
  });
});

describe("parsePdf, a listing in a fixed-pitch font pdf.js does not call monospaced (rinohtype's TeX Gyre Cursor)", () => {
  /**
   * A page of prose and a two-line listing set in a Courier renamed "Cursor": its Widths give every character 600
   * units but one it never uses (as TeX Gyre Cursor's do for a glyph or two), so pdf.js does not flag it fixed-pitch.
   */
  async function cursorPdf(): Promise<Uint8Array> {
    const pdf = await PDFDocument.create();
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const cursor = await pdf.embedFont(StandardFonts.Courier);
    const page = pdf.addPage([500, 700]);
    page.drawText("Set the rinoh_documents configuration option in your conf.py file:", { x: 40, y: 640, size: 10, font: regular });
    page.drawText("rinoh_documents = [dict(doc='index',      # top-level file (index.rst)", { x: 48, y: 616, size: 9, font: cursor });
    page.drawText("                        target='manual')] # output file (manual.pdf)", { x: 48, y: 605, size: 9, font: cursor });
    page.drawText("The dictionary accepts optional keys in addition to the required ones.", { x: 40, y: 582, size: 10, font: regular });
    page.drawText("sphinx-build -b rinoh . _build/rinoh", { x: 48, y: 560, size: 9, font: cursor });
    page.drawText("Note that the builder requires two rendering passes.", { x: 40, y: 538, size: 10, font: regular });
    await pdf.flush();
    const dict = pdf.context.lookup(cursor.ref) as unknown as { set(key: PDFName, value: unknown): void };
    const widths = Array.from({ length: 126 - 32 + 1 }, (_, index) => (index === 126 - 32 ? 500 : 600));
    const descriptor = pdf.context.obj({
      Type: "FontDescriptor", FontName: "Cursor", Flags: 32, FontBBox: [-21, -123, 621, 806], ItalicAngle: 0, Ascent: 629, Descent: -157, CapHeight: 562, StemV: 51,
    });
    dict.set(PDFName.of("BaseFont"), PDFName.of("Cursor"));
    dict.set(PDFName.of("FirstChar"), pdf.context.obj(32));
    dict.set(PDFName.of("LastChar"), pdf.context.obj(126));
    dict.set(PDFName.of("Widths"), pdf.context.obj(widths));
    dict.set(PDFName.of("FontDescriptor"), pdf.context.register(descriptor));
    return pdf.save();
  }

  it("keeps the listing line by line as code, the prose around it as paragraphs", async () => {
    const doc = await parsePdf(await cursorPdf(), "manual.pdf");
    expectDocumentInvariants(doc);
    const code = doc.blocks.filter((block) => block.kind === "code").map((block) => block.text);
    expect(code).toHaveLength(2);
    expect(code[0]).toMatch(/^rinoh_documents = \[dict\(doc='index', +# top-level file \(index\.rst\)\n +target='manual'\)\] # output file \(manual\.pdf\)$/);
    expect(code[1]).toBe("sphinx-build -b rinoh . _build/rinoh");
    expect(doc.blocks.filter((block) => block.kind === "paragraph").map((block) => block.text)).toEqual([
      "Set the rinoh_documents configuration option in your conf.py file:",
      "The dictionary accepts optional keys in addition to the required ones.",
      "Note that the builder requires two rendering passes.",
    ]);
  });
});
