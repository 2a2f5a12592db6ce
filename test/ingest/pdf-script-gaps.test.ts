import fs from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/ingest/parse.ts";
import { KOREAN_FONT } from "../fixtures/compliance/corpus.ts";
import { expectDocumentInvariants } from "./invariants.ts";

const SIZE = 11;

/**
 * Writes each line the way LibreOffice and Word write Korean text with "space between Asian and Western text" on
 * (their Korean default): a real space is a space glyph, and where Hangul meets a digit or a Latin letter the next run
 * starts a quarter em further on, with no glyph. With `spaceGlyphs` false every word is positioned instead, spaces
 * included (as pdfTeX and many PDF writers do), so no gap can be told from a space.
 */
async function scriptGapPdf(lines: readonly string[], spaceGlyphs: boolean): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const font = await document.embedFont(fs.readFileSync(KOREAN_FONT), { subset: true });
  const page = document.addPage([595, 842]);
  let y = 780;
  for (const line of lines) {
    drawWithGaps(page, font, line, y, spaceGlyphs);
    y -= SIZE * 2.5;
  }
  return document.save();
}

function drawWithGaps(page: PDFPage, font: PDFFont, line: string, y: number, spaceGlyphs: boolean): void {
  // Runs of one script (Hangul or not); spaces stay with the text unless words are to be positioned.
  const runs = spaceGlyphs ? line.split(/(?<=[가-힣])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[가-힣])/) : line.split(/ +|(?<=[가-힣])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[가-힣])/);
  let x = 56;
  for (const run of runs) {
    page.drawText(run, { x, y, size: SIZE, font });
    x += font.widthOfTextAtSize(run, SIZE) + SIZE * 0.25;
  }
}

describe("PDF gaps at script changes (LibreOffice/Word autospace between Hangul and digits)", () => {
  const LINES = [
    "제1조(목적) 이 규정은 여비 지급에 관한 사항을 정함을 목적으로 한다.",
    "일비는 1일 2만5천원으로 하며 왕복 12킬로미터 미만은 100분의 30을 지급한다.",
    "이 규정은 PDF와 HWP 파일에도 적용한다.",
  ];

  it("drops the gap pdf.js reads as a space where the file has no space glyph, keeping real spaces", async () => {
    const { document } = await parseDocument(await scriptGapPdf(LINES, true), "여비규정.pdf");
    expectDocumentInvariants(document);
    for (const line of LINES) expect(document.text).toContain(line);
  });

  it("leaves a file that positions its words instead of writing spaces as it reads", async () => {
    const { document } = await parseDocument(await scriptGapPdf(LINES, false), "positioned.pdf");
    expectDocumentInvariants(document);
    expect(document.text).toContain("제 1 조(목적) 이 규정은");
    expect(document.text).toContain("2 만 5 천원으로");
  });
});
