import { describe, expect, it } from "vitest";
import { outlineHeadingStyleMap } from "../../src/ingest/docx-styles.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage, W_NS as W } from "../fixtures/docx.ts";
import { expectDocumentInvariants } from "./invariants.ts";

const style = (id: string, name: string, properties: string, basedOn?: string) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${basedOn === undefined ? "" : `<w:basedOn w:val="${basedOn}"/>`}<w:pPr>${properties}</w:pPr></w:style>`;

/** A company template's styles: built-in headings, its own heading styles, and styles that are not headings. */
const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
  style("Normal", "Normal", "") +
  style("Heading1", "heading 1", '<w:outlineLvl w:val="0"/>', "Normal") +
  style("Heading2", "heading 2", '<w:outlineLvl w:val="1"/>', "Normal") +
  // Based on Heading 2, with the level stated again (as Word writes it) or only inherited.
  style("HeadingInvisNum", "heading 2 invisible num", '<w:outlineLvl w:val="1"/>', "Heading2") +
  style("PolicyClause", "Policy Clause", "", "Heading2") +
  // Its own outline level, based on Normal.
  style("AppendixTitle", "Appendix Title &amp; Notes", '<w:outlineLvl w:val="0"/>', "Normal") +
  style("Heading7", "heading 7", '<w:outlineLvl w:val="6"/>', "Normal") +
  // Body text (outline level 9), a table of contents level, and a plain style.
  style("BodyText", "Body Text", '<w:outlineLvl w:val="9"/>', "Normal") +
  style("TOC1", "toc 1", "", "Heading1") +
  style("Quote", "Quote", "", "Normal") +
  `</w:styles>`;

function paragraph(text: string, styleId?: string): string {
  return `<w:p>${styleId === undefined ? "" : `<w:pPr><w:pStyle w:val="${styleId}"/></w:pPr>`}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

async function companyHandbook(): Promise<Uint8Array> {
  const body = [
    paragraph("Travel policy", "Heading1"),
    paragraph("Booking", "Heading2"),
    paragraph("Book flights through the travel desk at least two weeks ahead.", "BodyText"),
    paragraph("Meals", "PolicyClause"),
    paragraph("Meals are refunded up to 40 euros a day.", "Quote"),
    paragraph("References", "HeadingInvisNum"),
    paragraph("See the expenses policy for receipts."),
    paragraph("Forms & contacts", "AppendixTitle"),
    paragraph("The travel desk answers on extension 4410."),
  ].join("");
  return docxPackage({ body, styles: STYLES });
}

describe("a Word template's own heading styles", () => {
  it("are headings at their outline level, set on the style or inherited from the heading style it is based on", async () => {
    const { document } = await parseDocument(await companyHandbook(), "handbook.docx");
    expectDocumentInvariants(document);
    expect(document.blocks.map(({ kind, level, text }) => [kind, level ?? null, text])).toEqual([
      ["heading", 1, "Travel policy"],
      ["heading", 2, "Booking"],
      ["paragraph", null, "Book flights through the travel desk at least two weeks ahead."],
      ["heading", 2, "Meals"],
      ["paragraph", null, "Meals are refunded up to 40 euros a day."],
      ["heading", 2, "References"],
      ["paragraph", null, "See the expenses policy for receipts."],
      ["heading", 1, "Forms & contacts"],
      ["paragraph", null, "The travel desk answers on extension 4410."],
    ]);
  });

  it("maps only styles mammoth does not: not the built-in headings, not body text, tables of contents or plain styles", () => {
    expect(outlineHeadingStyleMap(STYLES)).toEqual([
      "p[style-name='heading 2 invisible num'] => h2:fresh",
      "p[style-name='Policy Clause'] => h2:fresh",
      "p[style-name='Appendix Title & Notes'] => h1:fresh",
      "p[style-name='heading 7'] => h6:fresh",
    ]);
    expect(outlineHeadingStyleMap(style("Odd", "It's mine", '<w:outlineLvl w:val="2"/>'))).toEqual(["p[style-name='It\\'s mine'] => h3:fresh"]);
  });
});
