import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { definePDFJSModule, getDocumentProxy } from "unpdf";
import { DocumentUnreadableError, JikjiError, PayloadTooLargeError, errorMessage } from "../errors.ts";
import { buildDocument, type BlockDraft } from "./build-document.ts";
import { ocrParagraphs, ocrPdfPages, type OcrOptions } from "./ocr.ts";
import type { ParsedDocument } from "./types.ts";

/**
 * pdf.js's Node loader reads CMaps and fonts with `fs.readFile(base + name)`, so these must be plain directory
 * paths with a trailing slash; unpdf's own default (a file:// URL) would not load with this build.
 */
const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const PDFJS_ASSETS = {
  cMapUrl: join(PDFJS_ROOT, "cmaps") + "/",
  standardFontDataUrl: join(PDFJS_ROOT, "standard_fonts") + "/",
  wasmUrl: join(PDFJS_ROOT, "wasm") + "/",
};

let pdfjsLoaded: Promise<void> | undefined;
// pdfjs-dist 6 no longer has `isEvalSupported`: it never compiles fonts to JavaScript (CVE-2024-4367's path), and
// 6.2.108+ carries the later advisories' fixes, so no option is needed to turn eval off.

/**
 * The installed pdfjs-dist rather than unpdf's bundled copy. Its legacy build, because the modern one calls
 * `Uint8Array.prototype.toHex`, which Node 24 lacks.
 */
function loadPdfjs(): Promise<void> {
  pdfjsLoaded ??= definePDFJSModule(() => import("pdfjs-dist/legacy/build/pdf.mjs"));
  return pdfjsLoaded;
}

let imageOperatorCodes: Promise<Set<number>> | undefined;

/** pdf.js's operator codes that paint a picture: what a scanned page is made of. */
function imageOperators(): Promise<Set<number>> {
  imageOperatorCodes ??= import("pdfjs-dist/legacy/build/pdf.mjs").then(
    ({ OPS }) =>
      new Set([
        OPS.paintImageXObject,
        OPS.paintInlineImageXObject,
        OPS.paintInlineImageXObjectGroup,
        OPS.paintImageXObjectRepeat,
        OPS.paintImageMaskXObject,
        OPS.paintImageMaskXObjectGroup,
        OPS.paintImageMaskXObjectRepeat,
      ]),
  );
  return imageOperatorCodes;
}

interface PositionedText {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  x: number;
  endX: number;
  y: number;
  fontSize: number;
}

export interface PdfOptions {
  /** A PDF with more pages is refused before any page is read. */
  maxPages?: number;
  /** Opens an encrypted PDF. */
  pdfPassword?: string;
  /** Recognise pages without a text layer; null or absent leaves them as warnings. */
  ocr?: OcrOptions | null;
}

/**
 * Extracts the text layer page by page, keeping physical 1-based page numbers on every block. Pages without a text
 * layer are OCR'd when `options.ocr` is given and tesseract is installed.
 */
export async function parsePdf(bytes: Uint8Array, fileName: string, options: PdfOptions = {}): Promise<ParsedDocument> {
  await loadPdfjs();
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js may transfer (detach) the buffer it is given; the caller still owns `bytes`.
    pdf = await getDocumentProxy(bytes.slice(), {
      ...PDFJS_ASSETS,
      cMapPacked: true,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
      ...(options.pdfPassword !== undefined ? { password: options.pdfPassword } : {}),
    });
  } catch (error) {
    throw unreadablePdf(fileName, error, options.pdfPassword !== undefined);
  }

  try {
    if (options.maxPages !== undefined && pdf.numPages > options.maxPages) {
      throw new PayloadTooLargeError(`${fileName} has ${pdf.numPages} pages, over the limit of ${options.maxPages} (JIKJI_MAX_PAGES)`);
    }
    const drafts: BlockDraft[] = [];
    const warnings: string[] = [];
    // Pages without a text layer that show a picture are scans; those with nothing drawn but lines are blank.
    const scanned: number[] = [];
    let blank = 0;
    const imageOps = await imageOperators();
    let firstLine: string | null = null;
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      let paragraphs: string[];
      try {
        const page = await pdf.getPage(pageNumber);
        const content = await page.getTextContent();
        const lines = itemsToLines(content.items.flatMap((item) => ("str" in item ? [item] : [])));
        firstLine ??= lines[0]?.text ?? null;
        paragraphs = linesToParagraphs(lines);
        if (paragraphs.length === 0) {
          const { fnArray } = await page.getOperatorList();
          if (fnArray.some((op) => imageOps.has(op))) scanned.push(pageNumber);
          else blank++;
        }
        page.cleanup();
      } catch (error) {
        warnings.push(`page ${pageNumber} could not be read (${errorMessage(error)})`);
        continue;
      }
      for (const text of paragraphs) drafts.push({ kind: "paragraph", text, page: pageNumber });
    }
    if (scanned.length > 0) {
      if (options.ocr) {
        const ocr = await ocrPdfPages(bytes, scanned, options.ocr);
        warnings.push(...ocr.notes);
        for (const [page, text] of ocr.pages) {
          for (const paragraph of ocrParagraphs(text)) drafts.push({ kind: "paragraph", text: paragraph, page });
        }
        // Recognised pages join the others in page order; the sort is stable within a page.
        drafts.sort((left, right) => (left.page ?? 0) - (right.page ?? 0));
        firstLine ??= ocr.pages.size > 0 ? (ocrParagraphs([...ocr.pages.values()][0]!)[0] ?? null) : null;
      } else {
        for (const page of scanned) warnings.push(`page ${page} has no text layer (needs OCR)`);
      }
    }
    if (drafts.length === 0) {
      if (scanned.length === 0) {
        throw new DocumentUnreadableError(
          `${fileName} has no text on any of its ${pdf.numPages} page(s): no text layer and no scanned images` +
            (blank < pdf.numPages && warnings.length > 0 ? ` (${warnings[0]})` : ""),
        );
      }
      throw new DocumentUnreadableError(
        `${fileName} has no text layer on any of its ${pdf.numPages} page(s); it is a scan and needs OCR` +
          (warnings.length > 0 ? ` (${warnings[0]})` : ""),
      );
    }
    const { info } = await pdf.getMetadata();
    const metadataTitle = (info as { Title?: unknown }).Title;
    const title = typeof metadataTitle === "string" && metadataTitle.trim() !== "" ? metadataTitle : firstLine;
    return buildDocument(drafts, { title, pageCount: pdf.numPages, warnings });
  } catch (error) {
    throw unreadablePdf(fileName, error);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

function unreadablePdf(fileName: string, error: unknown, passwordGiven = false): JikjiError {
  if (error instanceof JikjiError) return error;
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") {
    const advice = passwordGiven ? "the password given is wrong" : "pass its password (--pdf-password) or upload an unprotected copy";
    return new DocumentUnreadableError(`${fileName} is encrypted (password-protected); ${advice}`, { cause: error });
  }
  if (name === "InvalidPDFException") {
    return new DocumentUnreadableError(`${fileName} is not a valid PDF: ${errorMessage(error)}`, { cause: error });
  }
  return new DocumentUnreadableError(`${fileName} could not be read as a PDF: ${errorMessage(error)}`, { cause: error });
}

/**
 * Groups a page's lines into paragraphs. A paragraph ends at a larger-than-usual gap between baselines, at a jump upwards
 * (a new column), or after a short line that ends a sentence (typeset paragraphs without extra spacing).
 */
function linesToParagraphs(lines: readonly Line[]): string[] {
  if (lines.length === 0) return [];
  const gaps = lines.slice(1).map((line, index) => lines[index]!.y - line.y);
  const lineSpacing = lowerQuartile(gaps.filter((gap, index) => gap > 0 && gap < 3 * lines[index + 1]!.fontSize));
  const fullWidth = Math.max(...lines.map((line) => line.endX - line.x));

  const paragraphs: string[] = [];
  let paragraph = lines[0]!.text;
  for (let index = 1; index < lines.length; index++) {
    const previous = lines[index - 1]!;
    const line = lines[index]!;
    const gap = gaps[index - 1]!;
    const widerGap = lineSpacing !== null && gap > lineSpacing * 1.3 + 0.5;
    const newColumn = gap < -0.5 * line.fontSize;
    const shortLastLine = previous.endX - previous.x < fullWidth * 0.75 && /[.!?。:]["'”’)]?$/.test(previous.text);
    if (widerGap || newColumn || shortLastLine) {
      paragraphs.push(paragraph);
      paragraph = line.text;
    } else {
      paragraph = joinWrappedLine(paragraph, line.text);
    }
  }
  paragraphs.push(paragraph);
  return paragraphs;
}

/** pdf.js marks line ends with `hasEOL`; a jump in the baseline also ends a line. */
function itemsToLines(items: readonly PositionedText[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  const endLine = (): void => {
    if (current !== null && current.text.trim() !== "") lines.push({ ...current, text: current.text.replace(/\s+/g, " ").trim() });
    current = null;
  };
  for (const item of items) {
    const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
    const fontSize = Math.hypot(a, b);
    if (current !== null && Math.abs(current.y - y) > 0.5 * Math.max(current.fontSize, fontSize)) endLine();
    if (item.str !== "") {
      if (current === null) {
        current = { text: item.str, x, endX: x + item.width, y, fontSize };
      } else {
        // Many PDFs position words instead of emitting spaces; a visible gap between items is a word break.
        const gap = x - current.endX;
        const needsSpace = gap > 0.15 * fontSize && !/\s$/.test(current.text) && !/^\s/.test(item.str);
        current.text += (needsSpace ? " " : "") + item.str;
        current.endX = Math.max(current.endX, x + item.width);
        current.fontSize = Math.max(current.fontSize, fontSize);
      }
    }
    if (item.hasEOL) endLine();
  }
  endLine();
  return lines;
}

/** A line ending in a hyphen after a letter continues the word ("well-" + "known"); otherwise lines meet at a space. */
function joinWrappedLine(paragraph: string, line: string): string {
  return /\p{L}-$/u.test(paragraph) ? paragraph + line : `${paragraph} ${line}`;
}

/** The usual line spacing: a lower quartile, because on short pages paragraph gaps can be half of all gaps. */
function lowerQuartile(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 4)]!;
}
