import fs from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { PDFDict, PDFDocument, PDFName, PDFNumber, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/ingest/parse.ts";
import { KOREAN_FONT } from "../fixtures/compliance/corpus.ts";
import { expectDocumentInvariants } from "./invariants.ts";

const SIZE = 11;
/** A glyph one em wide, in glyph space. */
const EM = 1000;

/**
 * A 규정 the way 한글 2022 saves it as PDF: its text in Batang or Dotum, whose font descriptors carry the fixed-pitch
 * flag, each article's first line filling the width and its last word cut at
 * the wrap ("…권" / "한을"). Below it, a listing in Courier, which is monospaced and is code.
 */
async function hancomRegulationPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const korean = await document.embedFont(fs.readFileSync(KOREAN_FONT), { subset: true });
  const courier = await document.embedFont(StandardFonts.Courier);
  const page = document.addPage([595, 842]);
  const lines: Array<[string, typeof korean]> = [
    ["제1장 총칙", korean],
    ["제2조(적용범위) 직원의 인사관리에 관하여 법령과 다른 규정에 따로 정한 경우를 제외", korean],
    ["하고는 이 규정이 정하는 바에 따른다.", korean],
    ["제4조(임면권자) 모든 직원은 원장이 임면한다. 다만 필요한 경우에는 임면에 관한 권", korean],
    ["한을 위임할 수 있다.", korean],
    ["", korean],
    ["for (let i = 0; i < rows.length; i++) {", courier],
    ["  total += rows[i].amount;", courier],
    ["}", courier],
  ];
  let y = 780;
  for (const [text, font] of lines) {
    if (text !== "") page.drawText(text, { x: 56, y, size: SIZE, font });
    y -= SIZE * 1.6;
  }
  // Give the written file's Korean font one width for every glyph, as 한글 writes its subset of Hangul syllables:
  // pdf.js calls a font whose glyphs are all as wide monospaced.
  const written = await PDFDocument.load(await document.save());
  for (const [, object] of written.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Subtype")) !== PDFName.of("CIDFontType2")) continue;
    object.delete(PDFName.of("W"));
    object.set(PDFName.of("DW"), PDFNumber.of(EM));
  }
  return written.save();
}

describe("Korean text in a font flagged fixed-pitch (한글 2022's Batang, Dotum)", () => {
  it("reads the articles as prose, words joined at the wrap, and keeps a Courier listing as code", async () => {
    const { document } = await parseDocument(await hancomRegulationPdf(), "인사규정.pdf");
    expectDocumentInvariants(document);
    const article = document.blocks.find((block) => block.text.startsWith("제2조(적용범위)"));
    expect(article?.kind).toBe("paragraph");
    expect(article?.text).not.toContain("\n");
    expect(document.text).toContain("임면에 관한 권한을 위임할 수 있다.");
    const listing = document.blocks.find((block) => block.text.startsWith("for (let i = 0;"));
    expect(listing?.kind).toBe("code");
    expect(listing?.text).toContain("\n  total += rows[i].amount;");
  });
});
