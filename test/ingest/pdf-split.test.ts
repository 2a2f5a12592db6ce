import { PDFDocument, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { DocumentUnreadableError, PayloadTooLargeError } from "../../src/errors.ts";
import { assemblePdf, pdfPartPages, readPdfPages } from "../../src/ingest/parse-pdf.ts";
import { inProcessParser, workerParser, type DocumentParser, type ParserLimits } from "../../src/ingest/parser.ts";
import { PDF_MIN_PAGES_PER_PART, parserPool } from "../../src/ingest/pool.ts";

const LIMITS: ParserLimits = { maxPages: 1000, maxDecompressedBytes: 64 * 1024 * 1024, parseTimeoutMs: 60_000, parseMemoryMb: 256 };

/**
 * A manual of `pages` pages: the same running header and a page-number footer on each, a heading every tenth page
 * and body lines.
 */
async function manual(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle("Pump manual");
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage([400, 600]);
    page.drawText("Pump manual - operating instructions", { x: 40, y: 570, size: 9, font });
    let y = 520;
    if (n % 10 === 1) {
      page.drawText(`${Math.ceil(n / 10)}. Chapter about part ${n}`, { x: 40, y, size: 16, font });
      y -= 30;
    }
    for (let line = 0; line < 20; line++) {
      page.drawText(`Line ${line} of page ${n}: the pump keeps water moving at a steady rate`, { x: 40, y, size: 10, font });
      y -= 14;
      if (line % 6 === 5) y -= 10;
    }
    page.drawText(String(n), { x: 195, y: 30, size: 9, font });
  }
  return pdf.save();
}

/** A parser that records the parts and assemblies it is asked for and can fail one part. */
function recording(real: DocumentParser, failPart?: number) {
  const parts: number[] = [];
  let assembled = 0;
  const parser: DocumentParser = {
    parse: (bytes, fileName, extra) => real.parse(bytes, fileName, extra),
    async pdfPart(bytes, fileName, range, extra) {
      parts.push(range.index);
      if (range.index === failPart) throw new DocumentUnreadableError(`${fileName}: part ${range.index} broke`);
      return real.pdfPart!(bytes, fileName, range, extra);
    },
    async pdfAssemble(list, bytes, fileName, extra) {
      assembled++;
      return real.pdfAssemble!(list, bytes, fileName, extra);
    },
    close: () => real.close(),
  };
  return { parser, parts, assembled: () => assembled };
}

let long: Uint8Array;
let short: Uint8Array;
beforeAll(async () => {
  long = await manual(2 * PDF_MIN_PAGES_PER_PART + 6);
  short = await manual(12);
});

describe("a PDF's pages split across parsers", () => {
  it("gives the same document as one parser, running headers found across every part", async () => {
    const whole = await inProcessParser({}).parse(long, "manual.pdf");
    const a = recording(inProcessParser({}));
    const b = recording(inProcessParser({}));
    const pool = parserPool([a.parser, b.parser], { splitPdfPages: true });
    const split = await pool.parse(long, "manual.pdf");
    await pool.close();
    expect(split).toEqual(whole);
    expect([...a.parts, ...b.parts].sort()).toEqual([0, 1]);
    expect(a.assembled() + b.assembled()).toBe(1);
    // The header on every page of both halves is furniture, not text.
    const headers = split.document.furniture.filter((line) => line.text.startsWith("Pump manual"));
    expect(headers.map((line) => line.page)).toEqual(Array.from({ length: 2 * PDF_MIN_PAGES_PER_PART + 6 }, (_, i) => i + 1));
    expect(split.document.text).not.toContain("operating instructions");
    expect(split.document.pageCount).toBe(2 * PDF_MIN_PAGES_PER_PART + 6);
  });

  it("opens a PDF too short to split once, in one part", async () => {
    const a = recording(inProcessParser({}));
    const b = recording(inProcessParser({}));
    const pool = parserPool([a.parser, b.parser], { splitPdfPages: true });
    expect(await pool.parse(short, "short.pdf")).toEqual(await inProcessParser({}).parse(short, "short.pdf"));
    await pool.close();
    expect([...a.parts, ...b.parts]).toEqual([0]);
    expect(a.assembled() + b.assembled()).toBe(0);
  });

  it("does not split when switched off", async () => {
    const a = recording(inProcessParser({}));
    const b = recording(inProcessParser({}));
    const pool = parserPool([a.parser, b.parser]);
    expect((await pool.parse(long, "manual.pdf")).document.pageCount).toBe(2 * PDF_MIN_PAGES_PER_PART + 6);
    await pool.close();
    expect([...a.parts, ...b.parts]).toEqual([]);
  });

  it("fails the file with a failing part's error, and parses the next file", async () => {
    const a = recording(inProcessParser({}), 1);
    const b = recording(inProcessParser({}), 1);
    const pool = parserPool([a.parser, b.parser], { splitPdfPages: true });
    const failure = await pool.parse(long, "manual.pdf").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DocumentUnreadableError);
    expect((failure as Error).message).toBe("manual.pdf: part 1 broke");
    expect((await pool.parse(short, "short.pdf")).document.pageCount).toBe(12);
    await pool.close();
  });

  it("splits across real workers, each with its own limits: the same document, and the page limit still holds", async () => {
    const whole = await inProcessParser({}).parse(long, "manual.pdf");
    const pool = parserPool([workerParser(LIMITS, null), workerParser(LIMITS, null)], { splitPdfPages: true });
    try {
      expect(await pool.parse(long, "manual.pdf")).toEqual(whole);
    } finally {
      await pool.close();
    }
    const limited = parserPool([workerParser({ ...LIMITS, maxPages: 50 }, null), workerParser({ ...LIMITS, maxPages: 50 }, null)], {
      splitPdfPages: true,
    });
    try {
      const failure = await limited.parse(long, "manual.pdf").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PayloadTooLargeError);
      expect((failure as Error).message).toMatch(/manual\.pdf has 70 pages, over the limit of 50/);
    } finally {
      await limited.close();
    }
  });
});

describe("the parts of a PDF's pages", () => {
  it("cover every page once, in order, in parts as equal as they can be", () => {
    for (const pageCount of [1, 2, 3, 7, 64, 65, 143]) {
      for (const of of [1, 2, 3, 4]) {
        const covered: number[] = [];
        for (let index = 0; index < of; index++) {
          const { from, to } = pdfPartPages(pageCount, { index, of });
          expect(to - from + 1).toBeGreaterThanOrEqual(Math.floor(pageCount / of));
          for (let page = from; page <= to; page++) covered.push(page);
        }
        expect(covered).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
      }
    }
  });

  it("leave a PDF with fewer pages than the minimum a part whole, in the first part", () => {
    expect(pdfPartPages(40, { index: 0, of: 2, minPagesPerPart: 32 })).toEqual({ from: 1, to: 40 });
    expect(pdfPartPages(40, { index: 1, of: 2, minPagesPerPart: 32 })).toEqual({ from: 1, to: 0 });
    expect(pdfPartPages(64, { index: 1, of: 2, minPagesPerPart: 32 })).toEqual({ from: 33, to: 64 });
  });

  it("are refused when they leave a gap, and assemble into the document when whole", async () => {
    const first = await readPdfPages(long, "manual.pdf", {}, { index: 0, of: 3 });
    const third = await readPdfPages(long, "manual.pdf", {}, { index: 2, of: 3 });
    await expect(assemblePdf([first, third], long, "manual.pdf")).rejects.toThrow(/do not cover its pages in order/);
    const second = await readPdfPages(long, "manual.pdf", {}, { index: 1, of: 3 });
    expect(second.outline).toBeUndefined();
    const document = await assemblePdf([first, second, third], long, "manual.pdf");
    expect(document).toEqual((await inProcessParser({}).parse(long, "manual.pdf")).document);
  });
});
