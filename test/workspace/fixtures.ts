import fs from "node:fs/promises";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { debianFile } from "../fixtures/debian.ts";

/** The font is embedded whole: pdf-lib's subsetting drops glyphs that pdf.js then cannot draw. Three pages; only page 2 is about annual leave, so a question about leave cites page 2. */
export const PAGES = [
  ["회사 소개", "우리 회사는 서울에 본사를 두고 있습니다.", "The head office is in Seoul."],
  ["연차 휴가", "연차 휴가는 입사 1년 후 15일이 주어집니다.", "Annual leave is fifteen days after the first year."],
  ["출장비", "출장비는 영수증을 붙여 청구합니다.", "Travel costs are claimed with receipts."],
];

/** A Korean font: the system's Nanum when installed, else Un Batang from Debian's package (cached by the fixture). */
async function fontFile(): Promise<string> {
  const local = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";
  if (await fs.access(local).then(() => true, () => false)) return local;
  return debianFile("fonts-unfonts-core", "usr/share/fonts/truetype/unfonts-core/UnBatang.ttf");
}

export async function handbookPdf(): Promise<Uint8Array> {
  const fontPath = await fontFile();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await fs.readFile(fontPath), { subset: false });
  for (const lines of PAGES) {
    const page = pdf.addPage([420, 560]);
    lines.forEach((line, i) => page.drawText(line, { x: 40, y: 500 - i * 24, size: i === 0 ? 16 : 12, font }));
  }
  return pdf.save();
}
