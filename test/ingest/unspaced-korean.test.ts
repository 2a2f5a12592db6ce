/**
 * Some Korean PDFs have a text layer with no spaces between words (`연차휴가는근로자가청구한시기에…`). Such a PDF is
 * generated here with a real Korean font (UnBatang from fonts-unfonts-core), its lines wrapped in the middle of
 * words as such documents are, and must stay searchable and quotable.
 */
import fontkit from "@pdf-lib/fontkit";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePdf } from "../../src/ingest/parse-pdf.ts";
import type { ParsedDocument } from "../../src/ingest/types.ts";
import { debianFile } from "../fixtures/debian.ts";
import { cli } from "../helpers/cli.ts";

const ARTICLES = [
  "연차휴가는근로자가청구한시기에주어야한다.다만근로자가청구한시기에휴가를주는것이사업운영에막대한지장이있는경우에는그시기를변경할수있다.",
  "사용자는근로자가출산전과출산후를통하여구십일의출산전후휴가를주어야한다.이경우휴가기간의배정은출산후에사십오일이상이되어야한다.",
  "퇴직금은퇴직한근로자에게계속근로기간일년에대하여삼십일분이상의평균임금을지급하는제도이다.",
];
const PER_LINE = 18;

async function unspacedPdf(): Promise<Uint8Array> {
  const fontPath = await debianFile("fonts-unfonts-core", "usr/share/fonts/truetype/unfonts-core/UnBatang.ttf");
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await fs.readFile(fontPath), { subset: true });
  for (const article of ARTICLES) {
    const page = pdf.addPage([400, 500]);
    // Fixed-width lines cut wherever the width runs out, inside words.
    for (let line = 0; line * PER_LINE < article.length; line++) {
      page.drawText(article.slice(line * PER_LINE, (line + 1) * PER_LINE), { x: 40, y: 450 - line * 18, size: 12, font });
    }
  }
  return pdf.save();
}

let root: string;
let doc: ParsedDocument;

beforeAll(async () => {
  const bytes = await unspacedPdf();
  doc = await parsePdf(bytes, "규정.pdf");
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-unspaced-"));
  await fs.mkdir(path.join(root, "docs"));
  await fs.writeFile(path.join(root, "docs", "규정.pdf"), bytes);
  const result = await cli(["ingest", path.join(root, "docs"), "--json", "--data-dir", path.join(root, "data")]);
  expect(result.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("a Korean PDF without spaces between words", () => {
  it("joins its wrapped lines without inventing spaces", () => {
    expect(doc.blocks.map((block) => [block.page, block.text])).toEqual(ARTICLES.map((article, index) => [index + 1, article]));
  });

  it("is found by a question written with spaces and particles", async () => {
    const result = await cli(["search", "출산 전후 휴가는 며칠인가요", "--k", "3", "--json", "--data-dir", path.join(root, "data")]);
    const { hits } = JSON.parse(result.stdout) as { hits: Array<{ page: number }> };
    expect(hits[0]!.page).toBe(2);
    const leave = await cli(["search", "연차 휴가를 청구한 시기", "--k", "3", "--json", "--data-dir", path.join(root, "data")]);
    expect((JSON.parse(leave.stdout) as { hits: Array<{ page: number }> }).hits[0]!.page).toBe(1);
  });

  it("is quoted sentence by sentence, each quote verified against the stored text", async () => {
    const result = await cli(["ask", "퇴직금은 어떤 제도인가요", "--json", "--data-dir", path.join(root, "data")]);
    const answer = JSON.parse(result.stdout) as { grounded: boolean; citations: Array<{ page: number; quote: string; verified: boolean }> };
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]).toMatchObject({ page: 3, verified: true });
    expect(answer.citations[0]!.quote).toContain("퇴직금은퇴직한근로자에게");
  });
});
