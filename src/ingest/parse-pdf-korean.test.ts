import { describe, expect, it } from "vitest";
import { assemblePdf } from "./parse-pdf.ts";

/** What the parse worker sends for a one-page PDF of 11 pt lines 14 pt apart, without outline or metadata title. */
function onePagePart(texts: readonly string[]) {
  const lines = texts.map((text, i) => ({ text, x: 72, endX: 400, y: 760 - 14 * i, fontSize: 11, spaceAtStart: false, spaceAtEnd: false }));
  return { pageCount: 1, from: 1, to: 1, pages: [{ page: 1, lines }], scanned: [], blank: 0, warnings: [], firstLine: lines[0]!.text, outline: [], metadataTitle: "" };
}

describe("assemblePdf, the title of a PDF without a metadata title", () => {
  it("does not take a web address over the cover's title for the title (a Word 2010 manual's cover)", async () => {
    const cover = onePagePart(["https://github.com/ARPA-GO/shipcurve", "ARPA-GO 사용자 매뉴얼", "Python 을 기반으로 한 선박계산 오픈소스 라이브러리"]);
    expect((await assemblePdf([cover], new Uint8Array(), "manual.pdf")).title).toBe("ARPA-GO 사용자 매뉴얼");
    const mail = onePagePart(["E-mail: help@example.org", "업무 매뉴얼"]);
    expect((await assemblePdf([mail], new Uint8Array(), "manual.pdf")).title).toBe("업무 매뉴얼");
  });
});
