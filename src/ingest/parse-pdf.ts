import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { definePDFJSModule, getDocumentProxy } from "unpdf";
import { DocumentUnreadableError, JikjiError, PayloadTooLargeError, errorMessage } from "../errors.ts";
import { buildDocument, type BlockDraft } from "./build-document.ts";
import { INVISIBLE } from "./decode-text.ts";
import { ocrParagraphs, ocrPdfPages, type OcrOptions } from "./ocr.ts";
import {
  dropScriptGapSpaces,
  hasScriptChangeSpace,
  itemsToLines,
  layOutPages,
  outlineIsStructure,
  shiftedHangulFonts,
  unshiftHangul,
  type Line,
  type OutlineEntry,
  type PositionedText,
} from "./pdf-layout.ts";
import { hasDotLeader, isContentsTitle, isDateAlone } from "./structure.ts";
import type { Furniture, ParsedDocument } from "./types.ts";

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

/**
 * A page's shown glyphs' characters in content order, space glyphs included and the gaps between glyphs not: what
 * tells a space the file wrote from a gap pdf.js's text reads as one.
 */
async function glyphText(page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }> }): Promise<string> {
  const { OPS } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const { fnArray, argsArray } = await page.getOperatorList();
  let text = "";
  for (const [index, fn] of fnArray.entries()) {
    if (fn !== OPS.showText && fn !== OPS.showSpacedText) continue;
    const [glyphs] = argsArray[index] as [unknown[]];
    for (const glyph of glyphs) {
      if (typeof glyph === "object" && glyph !== null && typeof (glyph as { unicode?: unknown }).unicode === "string") {
        text += (glyph as { unicode: string }).unicode;
      }
    }
  }
  return text;
}

/** pdf.js gives a font's ascent in its text styles when it knows it (NaN or 0 for symbol, Type 3 and many TeX fonts). */
function hasAscent(style: unknown): boolean {
  const ascent = (style as { ascent?: unknown } | undefined)?.ascent;
  return typeof ascent === "number" && Number.isFinite(ascent) && ascent !== 0;
}

/** ZapfDingbats, the standard dingbats font (ReportLab, FPDF and form fields draw check marks and boxes with it). */
export function isDingbatsFontName(name: string): boolean {
  return /^(?:[A-Z]{6}\+)?(?:ITC)?ZapfDingbats/i.test(name);
}

/** ZapfDingbats' codes 0x21–0x7E and 0xA1–0xFE as the dingbats they show (pdf.js's own dingbats glyph list). */
const DINGBATS_LOW = "✁✂✃✄☎✆✇✈✉☛☞✌✍✎✏✐✑✒✓✔✕✖✗✘✙✚✛✜✝✞✟✠✡✢✣✤✥✦✧★✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹✺✻✼✽✾✿❀❁❂❃❄❅❆❇❈❉❊❋●❍■❏❐❑❒▲▼◆❖◗❘❙❚❛❜❝❞";
const DINGBATS_HIGH = "❡❢❣❤❥❦❧♣♦♥♠①②③④⑤⑥⑦⑧⑨⑩❶❷❸❹❺❻❼❽❾❿➀➁➂➃➄➅➆➇➈➉➊➋➌➍➎➏➐➑➒➓➔→↔↕➘➙➚➛➜➝➞➟➠➡➢➣➤➥➦➧➨➩➪➫➬➭➮➯\u00f0➱➲➳➴➵➶➷➸➹➺➻➼➽➾";

/**
 * Text drawn in ZapfDingbats as the dingbats it shows. pdf.js maps the font's glyph names ("a71") through the standard
 * glyph list, which lacks them, and falls back to the character codes: "●" came out as "l", "■" as "n", "✓" as "4"
 * ("DSTerminal Core l ONLINE", a banner of "nnnn"). Only codes pdf.js left as such are mapped; text a ToUnicode map
 * already gave as dingbats is kept.
 */
export function shownDingbats(text: string): string {
  return text.replace(/[\x21-\x7e\xa1-\xfe]/g, (char) => {
    const code = char.charCodeAt(0);
    return (code < 0x7f ? DINGBATS_LOW[code - 0x21] : DINGBATS_HIGH[code - 0xa1]) ?? char;
  });
}

/** A font's own name as pdf.js exported it with the page's operators, or "" when it has none. */
function loadedFontName(commonObjs: { has(id: string): boolean; get(id: string): unknown }, fontName: string): string {
  if (!commonObjs.has(fontName)) return "";
  const font = commonObjs.get(fontName) as { name?: unknown } | null;
  return typeof font?.name === "string" ? font.name : "";
}

/**
 * A font name that says bold: "Arial-BoldMT", "Calibri,Bold", "SourceSansPro-Semibold", "NanumGothicBold",
 * "Roboto-Black", "Lato-Heavy", and TeX's bold extended faces ("CMBX10", "SFBX1000", "LMRoman10-Bold").
 */
export function isBoldFontName(name: string): boolean {
  const base = name.replace(/^[A-Z]{6}\+/, "");
  return /bold|black|heavy|demi(?!light)|[-,]bd$/i.test(base) || /^(?:cmbx|sfbx|ecbx|cmssbx)\d/i.test(base);
}

/** Pages found to position their words (no space glyphs) after which a file's glyphs are no longer read. */
const POSITIONED_WORD_PAGES = 3;

interface ScriptCounts {
  hangul: number;
  other: number;
}

const HANGUL_OR_CJK = /[\u1100-\u11ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]/;

/** Adds the page's characters, font by font, to the counts of Hangul (and CJK) characters and of other ones. */
function countScripts(counts: Map<string, ScriptCounts>, items: ReadonlyArray<{ str: string; fontName: string }>): void {
  for (const item of items) {
    let entry = counts.get(item.fontName);
    if (entry === undefined) counts.set(item.fontName, (entry = { hangul: 0, other: 0 }));
    for (const character of item.str) {
      if (HANGUL_OR_CJK.test(character)) entry.hangul++;
      else if (/\S/.test(character)) entry.other++;
    }
  }
}

function mostlyHangul(counts: ScriptCounts | undefined): boolean {
  return counts !== undefined && counts.hangul > counts.other;
}

/**
 * What a font's text says of its pitch: the narrowest and widest advance per character (an item's width over its
 * characters and its size) of its printable-ASCII items, and how many different such items it has shown.
 */
interface Advances {
  texts: Set<string>;
  min: number;
  max: number;
}

/** Adds the page's items, font by font, to what their widths say of each font's pitch. */
function noteAdvances(advances: Map<string, Advances>, items: ReadonlyArray<{ str: string; fontName: string; width: number; transform: number[] }>): void {
  for (const item of items) {
    const text = item.str;
    // Figures say nothing: most proportional fonts set their digits (and a digit's comma) at one width.
    if (!/[A-Za-z].*[A-Za-z]/.test(text) || !/^[\x20-\x7e]+$/.test(text)) continue;
    const size = Math.hypot(item.transform[0] ?? 0, item.transform[1] ?? 0);
    if (!(size > 0) || !(item.width > 0)) continue;
    const advance = item.width / (text.length * size);
    let entry = advances.get(item.fontName);
    if (entry === undefined) advances.set(item.fontName, (entry = { texts: new Set(), min: advance, max: advance }));
    if (entry.texts.size < FIXED_PITCH_TEXTS) entry.texts.add(text);
    entry.min = Math.min(entry.min, advance);
    entry.max = Math.max(entry.max, advance);
  }
}

/** Different items a font must have shown, all as wide per character, before its widths call it fixed-pitch. */
const FIXED_PITCH_TEXTS = 3;

/**
 * A font whose every character has advanced as far as every other, over three different texts, at a typewriter's
 * width (Courier, TeX Gyre Cursor, DejaVu Sans Mono and Consolas all set 0.55–0.6 em): a listing's font, even where
 * pdf.js does not call it monospaced (its widths array gives a glyph or two the text never uses another width).
 * A proportional font's texts differ by several per cent (its tabular digits alone, all one width, are not looked
 * at); a font without widths (every glyph the default 1 em or 0.5 em) is outside the range.
 */
function fixedPitch(advances: Advances | undefined): boolean {
  return (
    advances !== undefined &&
    advances.texts.size >= FIXED_PITCH_TEXTS &&
    advances.max <= advances.min * 1.003 &&
    advances.min >= 0.52 &&
    advances.max <= 0.68
  );
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

export interface PdfOptions {
  /** A PDF with more pages is refused before any page is read. */
  maxPages?: number;
  /** Opens an encrypted PDF. */
  pdfPassword?: string;
  /** Recognise pages without a text layer; null or absent leaves them as warnings. */
  ocr?: OcrOptions | null;
  /** Read tables row by row, cells " | "-separated (JIKJI_PDF_TABLES=on). */
  pdfTables?: boolean;
}

/**
 * Extracts the text layer page by page, keeping physical 1-based page numbers on every block. Pages without a text
 * layer are OCR'd when `options.ocr` is given and tesseract is installed.
 */
export async function parsePdf(bytes: Uint8Array, fileName: string, options: PdfOptions = {}): Promise<ParsedDocument> {
  return assemblePdf([await readPdfPages(bytes, fileName, options)], bytes, fileName, options);
}

/**
 * What one range of a PDF's pages gives: the lines of each page with text, the pages that are scans or blank, and
 * the notes on pages that could not be read. The part that holds the first page also carries the outline and the
 * metadata title (both are the document's, not a page's). Plain data: it crosses from a parse worker.
 */
export interface PdfPagesPart {
  pageCount: number;
  /** The 1-based pages read, first and last (inclusive); from > to when the range is empty. */
  from: number;
  to: number;
  pages: Array<{ page: number; lines: Line[] }>;
  scanned: number[];
  blank: number;
  warnings: string[];
  /** The first line of the first page in the range that has one. */
  firstLine: string | null;
  /** Present on the part that reads page 1 only. */
  outline?: OutlineEntry[];
  metadataTitle?: string | null;
}

/**
 * Which of a PDF's pages a part reads: part `index` (0-based) of `of` equal ranges. With `minPagesPerPart`, a PDF
 * with fewer pages than that for each part is not split: part 0 reads every page and the others none.
 */
export interface PdfPartRange {
  index: number;
  of: number;
  minPagesPerPart?: number;
  /** Told the page count once the document is open, before any page is read (the pool then queues the rest). */
  onPageCount?: (pageCount: number) => void;
}

/** The 1-based pages `from`..`to` (inclusive; from > to: none) that `range` reads of `pageCount` pages. */
export function pdfPartPages(pageCount: number, range: PdfPartRange): { from: number; to: number } {
  if (range.of > 1 && pageCount < (range.minPagesPerPart ?? 0) * range.of) {
    return range.index === 0 ? { from: 1, to: pageCount } : { from: 1, to: 0 };
  }
  return {
    from: Math.floor((range.index * pageCount) / range.of) + 1,
    to: Math.floor(((range.index + 1) * pageCount) / range.of),
  };
}

/**
 * Reads the pages of one part of a PDF (all of it by default). Each part opens the document itself, so parts can
 * run on different threads; the `maxPages` limit is checked by every part before any page is read.
 */
export async function readPdfPages(
  bytes: Uint8Array,
  fileName: string,
  options: PdfOptions = {},
  range: PdfPartRange = { index: 0, of: 1 },
): Promise<PdfPagesPart> {
  const pdf = await openPdf(bytes, fileName, options);
  try {
    if (options.maxPages !== undefined && pdf.numPages > options.maxPages) {
      throw new PayloadTooLargeError(`${fileName} has ${pdf.numPages} pages, over the limit of ${options.maxPages} (JIKJI_MAX_PAGES)`);
    }
    range.onPageCount?.(pdf.numPages);
    const { from, to } = pdfPartPages(pdf.numPages, range);
    const warnings: string[] = [];
    // Pages without a text layer that show a picture are scans; those with nothing drawn but lines are blank.
    const scanned: number[] = [];
    let blank = 0;
    const imageOps = await imageOperators();
    let firstLine: string | null = null;
    const pages: Array<{ page: number; lines: Line[] }> = [];
    const texts: Array<{ page: number; items: Array<PositionedText & { fontName: string }> }> = [];
    let positionedWordPages = 0;
    // pdf.js's name for each font (its loadedName) → the font's own name ("BCDEEE+Calibri-Bold"), "" when unknown.
    const fontNames = new Map<string, string>();
    // Each font's characters so far, Hangul and other: what tells a Korean body font from a monospaced one.
    const fontScripts = new Map<string, ScriptCounts>();
    // Each font's advances per character so far: what tells a fixed-pitch font pdf.js does not call monospaced.
    const fontAdvances = new Map<string, Advances>();
    const bookmarks = await readOutline(pdf);
    // Bold titles are looked for only where no outline makes the structure; naming the fonts costs reading the
    // operators of every page that brings a new font (+30–45 % on LaTeX manuals, which bring fonts throughout).
    const namesFonts = !outlineIsStructure(cleanOutline(bookmarks));
    for (let pageNumber = from; pageNumber <= to; pageNumber++) {
      try {
        const page = await pdf.getPage(pageNumber);
        const content = await page.getTextContent();
        // pdf.js names a monospaced font's fallback family "monospace" (from its fixed-pitch flag or its name, or
        // because all its glyphs are as wide). A font whose text is mostly Hangul is a Korean body font, all of whose
        // syllables are one em wide (한글 2022's Batang and Dotum subsets), not a listing's.
        const textItems = content.items.flatMap((item) => ("str" in item ? [item] : []));
        countScripts(fontScripts, textItems);
        noteAdvances(fontAdvances, textItems);
        const monospaced = (fontName: string) =>
          ((content.styles[fontName] as { fontFamily?: string } | undefined)?.fontFamily === "monospace" || fixedPitch(fontAdvances.get(fontName))) &&
          !mostlyHangul(fontScripts.get(fontName));
        // Fonts are named only once the page's operators are read; pdf.js names a font the same on every page, so
        // only a page that uses a font not seen before pays for reading them.
        const textFonts = new Set(textItems.map((item) => item.fontName));
        // A font pdf.js knows no ascent for (a symbol font, a Type 3 or TeX font) is named even where the outline makes
        // the structure, to tell ZapfDingbats, whose text pdf.js reads wrong: only where all its text on the page is
        // marks (one character, or one repeated: "l", "nn"), since each costs one page's operators (a TeX manual's
        // every text font had no ascent, +15-30 % parse time).
        const marksOnly = new Map<string, boolean>();
        for (const item of textItems) {
          if (item.str.trim() === "") continue;
          marksOnly.set(item.fontName, (marksOnly.get(item.fontName) ?? true) && /^(\S)\1*$/u.test(item.str.trim()));
        }
        const symbolCandidates = [...textFonts].filter(
          (fontName) => !fontNames.has(fontName) && marksOnly.get(fontName) === true && !hasAscent(content.styles[fontName]),
        );
        if ((namesFonts && [...textFonts].some((fontName) => !fontNames.has(fontName))) || symbolCandidates.length > 0) {
          await page.getOperatorList();
          for (const fontName of namesFonts ? textFonts : symbolCandidates) fontNames.set(fontName, loadedFontName(page.commonObjs, fontName));
        }
        let items = content.items.flatMap((item) => {
          if (!("str" in item)) return [];
          const fontName = fontNames.get(item.fontName) ?? "";
          const str = isDingbatsFontName(fontName) ? shownDingbats(item.str) : item.str;
          return [{ ...item, str, monospace: monospaced(item.fontName), bold: namesFonts && isBoldFontName(fontName) }];
        });
        // Only pages with a space at a script change pay for reading their glyphs, and only until three pages have
        // shown that this file positions its words instead of writing spaces (LaTeX's PDFs), which nothing can mend.
        if (positionedWordPages < POSITIONED_WORD_PAGES && hasScriptChangeSpace(items)) {
          const mended = dropScriptGapSpaces(items, await glyphText(page));
          items = [...mended.items];
          if (mended.spacesAreGlyphs === false) positionedWordPages++;
        }
        if (!items.some((item) => item.str.trim() !== "")) {
          const { fnArray } = await page.getOperatorList();
          if (fnArray.some((op) => imageOps.has(op))) scanned.push(pageNumber);
          else blank++;
        } else {
          // A page whose text layer has no letter, only its page number or a few symbols, over pictures shows its
          // words as images (a PowerPoint deck exported with fonts it could not embed draws each text box as an
          // image mask): it is read like a scan, its numbers kept.
          if (!items.some((item) => /\p{L}/u.test(item.str))) {
            const { fnArray } = await page.getOperatorList();
            if (fnArray.some((op) => imageOps.has(op))) scanned.push(pageNumber);
          }
          texts.push({ page: pageNumber, items });
        }
        page.cleanup();
      } catch (error) {
        warnings.push(`page ${pageNumber} could not be read (${errorMessage(error)})`);
      }
    }
    // Fonts are judged over the whole part, so one page with few letters of a shifted font is still repaired.
    const shifted = shiftedHangulFonts(texts.flatMap(({ items }) => items));
    for (const { page, items } of texts) {
      const lines = itemsToLines(
        shifted.size === 0
          ? items
          : items.map((item) => (shifted.has(item.fontName) ? { ...item, str: unshiftHangul(item.str, shifted.get(item.fontName)!) } : item)),
        { tables: options.pdfTables === true },
      );
      firstLine ??= lines[0]?.text ?? null;
      pages.push({ page, lines });
    }
    const part: PdfPagesPart = { pageCount: pdf.numPages, from, to, pages, scanned, blank, warnings, firstLine };
    if (from === 1 && to >= from) {
      part.outline = bookmarks;
      const { info } = await pdf.getMetadata();
      const metadataTitle = (info as { Title?: unknown }).Title;
      part.metadataTitle = typeof metadataTitle === "string" ? metadataTitle : null;
    }
    return part;
  } catch (error) {
    throw unreadablePdf(fileName, error);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function openPdf(bytes: Uint8Array, fileName: string, options: PdfOptions): Promise<Awaited<ReturnType<typeof getDocumentProxy>>> {
  await loadPdfjs();
  try {
    // pdf.js may transfer (detach) the buffer it is given; the caller still owns `bytes`.
    return await getDocumentProxy(bytes.slice(), {
      ...PDFJS_ASSETS,
      cMapPacked: true,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
      // Exports each font's own name to the main thread, the only mark of a bold font (a heading set in the body's size).
      fontExtraProperties: true,
      ...(options.pdfPassword !== undefined ? { password: options.pdfPassword } : {}),
    });
  } catch (error) {
    throw unreadablePdf(fileName, error, options.pdfPassword !== undefined);
  }
}

/**
 * The document from its parts' pages, which must cover every page once, in order: running headers and footers are
 * found across all pages here (never within one part), then lines become blocks, scanned pages are OCR'd (from
 * `bytes`), and the title comes from the metadata or the first line.
 */
export async function assemblePdf(
  parts: readonly PdfPagesPart[],
  bytes: Uint8Array,
  fileName: string,
  options: PdfOptions = {},
): Promise<ParsedDocument> {
  const first = parts[0];
  if (first === undefined || first.outline === undefined) throw new Error("assemblePdf needs the first part of the PDF");
  const pageCount = first.pageCount;
  let expected = 1;
  for (const part of parts) {
    if (part.pageCount !== pageCount || part.from !== expected) throw new Error(`the parts of ${fileName} do not cover its pages in order`);
    expected = Math.max(expected, part.to + 1);
  }
  if (expected !== pageCount + 1) throw new Error(`the parts of ${fileName} do not cover its pages in order`);
  try {
    const drafts: BlockDraft[] = [];
    const warnings = parts.flatMap((part) => part.warnings);
    const scanned = parts.flatMap((part) => part.scanned);
    const blank = parts.reduce((sum, part) => sum + part.blank, 0);
    let firstLine = parts.find((part) => part.firstLine !== null)?.firstLine ?? null;
    const outline = cleanOutline(first.outline);
    const { blocks, furniture } = layOutPages(
      parts.flatMap((part) => part.pages),
      outline,
      { tables: options.pdfTables === true },
    );
    drafts.push(...blocks);
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
        const withText = new Set(parts.flatMap((part) => part.pages.map(({ page }) => page)));
        for (const page of scanned) {
          warnings.push(withText.has(page) ? `page ${page} shows its text as images (needs OCR)` : `page ${page} has no text layer (needs OCR)`);
        }
      }
    }
    if (drafts.length === 0) {
      if (scanned.length === 0) {
        throw new DocumentUnreadableError(
          `${fileName} has no text on any of its ${pageCount} page(s): no text layer and no scanned images` +
            (blank < pageCount && warnings.length > 0 ? ` (${warnings[0]})` : ""),
        );
      }
      throw new DocumentUnreadableError(
        `${fileName} has no text layer on any of its ${pageCount} page(s); it is a scan and needs OCR` +
          (warnings.length > 0 ? ` (${warnings[0]})` : ""),
      );
    }
    const written = typeof first.metadataTitle === "string" ? cleanTitle(hexTitle(first.metadataTitle)) : "";
    const metadataTitle = written !== "" && !PLACEHOLDER_TITLE.test(written) && !LAYOUT_FILE_TITLE.test(written) && !SITE_STAMP_TITLE.test(written) ? fileNameTitle(written) : "";
    const title = metadataTitle !== "" ? metadataTitle : titleFromFirstPage(firstLine, parts[0]?.pages[0], furniture, outline);
    return buildDocument(drafts, { title, pageCount, warnings, furniture });
  } catch (error) {
    throw unreadablePdf(fileName, error);
  }
}

/** A title or bookmark as shown: its UTF-8 mended, without invisible characters, its spaces collapsed. */
function cleanTitle(text: string): string {
  return utf8AsWritten(text).replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** The bookmarks with their titles as shown, those that show nothing left out. */
function cleanOutline(entries: readonly OutlineEntry[]): OutlineEntry[] {
  return withoutHancomGroups(entries.map((entry) => ({ ...entry, title: cleanTitle(entry.title) })));
}

/** 한글's names for the groups its PDF outline files bookmarks under: 개요 (the outline styles) and 책갈피. */
const HANCOM_GROUP = /^(?:개요|책갈피)$/;
/** What 한글 writes for an outline paragraph without text, and the names of bookmarks it hides ("NTF00005cb454d7.hw"). */
const HANCOM_PLACEHOLDER = /^(?:\(내용없음\)|NTF[0-9a-f]+\.hw\S*)$/i;

/**
 * The outline without empty entries and, in a Hancom PDF, without 한글's scaffolding: a root named after the file over
 * its 개요 and 책갈피 groups, the groups themselves, the 책갈피 group's copy of the 개요 entries when both are there,
 * hidden bookmarks and "(내용없음)" placeholders. Every entry's level is then one more than its kept ancestors'. Taken as
 * it was, a competition task's sections read "클라우드컴퓨팅_부산_과제1 > 개요 > (내용없음) > (내용없음) > Certificates:",
 * and every later one "5. VPN > 5. VPN".
 */
function withoutHancomGroups(entries: readonly OutlineEntry[]): OutlineEntry[] {
  const groups = entries.filter((entry) => HANCOM_GROUP.test(entry.title));
  if (groups.length === 0) return entries.filter((entry) => entry.title !== "");
  const childrenOf = (index: number): OutlineEntry[] => {
    const children: OutlineEntry[] = [];
    for (let next = index + 1; next < entries.length && entries[next]!.level > entries[index]!.level; next++) {
      if (entries[next]!.level === entries[index]!.level + 1) children.push(entries[next]!);
    }
    return children;
  };
  const bothGroups = groups.some((entry) => entry.title === "개요") && groups.some((entry) => entry.title === "책갈피");
  const kept: OutlineEntry[] = [];
  // The original levels of the kept entries that enclose the current one.
  const ancestors: number[] = [];
  let skipBelow: number | null = null;
  for (const [index, entry] of entries.entries()) {
    if (skipBelow !== null && entry.level > skipBelow) continue;
    skipBelow = null;
    if (bothGroups && entry.title === "책갈피") {
      skipBelow = entry.level;
      continue;
    }
    const children = childrenOf(index);
    const scaffolding =
      entry.title === "" ||
      HANCOM_GROUP.test(entry.title) ||
      HANCOM_PLACEHOLDER.test(entry.title) ||
      (children.length > 0 && children.every((child) => HANCOM_GROUP.test(child.title)));
    if (scaffolding) continue;
    while (ancestors.length > 0 && ancestors.at(-1)! >= entry.level) ancestors.pop();
    kept.push({ ...entry, level: ancestors.length + 1 });
    ancestors.push(entry.level);
  }
  return kept;
}

/**
 * PDFDocEncoding's characters that are not Latin-1 (bytes 0x18–0x1F and 0x80–0xA0), by the byte they stand for.
 * A PDF text string without a byte-order mark is read in this encoding (PDF 32000-1, Annex D).
 */
const PDF_DOC_BYTES = new Map<string, number>(
  [
    [0x18, "\u02d8\u02c7\u02c6\u02d9\u02dd\u02db\u02da\u02dc"],
    [0x80, "\u2022\u2020\u2021\u2026\u2014\u2013\u0192\u2044\u2039\u203a\u2212\u2030\u201e\u201c\u201d\u2018\u2019\u201a\u2122\ufb01\ufb02\u0141\u0152\u0160\u0178\u017d\u0131\u0142\u0153\u0161\u017e"],
    [0xa0, "\u20ac"],
  ].flatMap(([first, characters]) => [...(characters as string)].map((character, i) => [character, (first as number) + i] as const)),
);

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A metadata title or bookmark a producer wrote as UTF-8 bytes without the byte-order mark PDF asks for (Microsoft's
 * "Print To PDF" names a Korean document "ê°œì€Ł í‚œì¤•ì·¨ìŠ–ê·œì¹Ž", which is "개정 표준취업규칙" read byte by byte): when
 * every character maps back to one byte and the bytes are valid UTF-8 with at least one character beyond ASCII, the
 * UTF-8 reading is the text. A real Latin-1 title ("Café", "Ångström") is not valid UTF-8 and stays as it is.
 */
export function utf8AsWritten(text: string): string {
  if (!/[\u0080-\uffff]/.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    const byte = PDF_DOC_BYTES.get(character) ?? (character.charCodeAt(0) <= 0xff ? character.charCodeAt(0) : undefined);
    if (byte === undefined) return text;
    bytes[i] = byte;
  }
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return text;
  }
}

const STRICT_EUC_KR = new TextDecoder("euc-kr", { fatal: true });

/**
 * A metadata title written as a PostScript hex string, angle brackets and all: Acrobat Distiller keeps a print job's
 * %%Title as it came, and PScript5 writes a Korean file name so ("<32303235B3E2…>", "2025년도 국가자격 검정시행안내
 * _최종.hwp" in EUC-KR). Its bytes are read as UTF-16 after a byte-order mark, else as UTF-8, else as EUC-KR (CP949);
 * bytes that read as none of them, or as control characters, name nothing (""), and the first page names the document.
 */
export function hexTitle(text: string): string {
  const hex = /^<((?:[0-9A-Fa-f]{2})+)>$/.exec(text.trim())?.[1];
  if (hex === undefined) return text;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const decoders = bytes[0] === 0xfe && bytes[1] === 0xff ? [new TextDecoder("utf-16be", { fatal: true })] : [STRICT_UTF8, STRICT_EUC_KR];
  for (const decoder of decoders) {
    try {
      const decoded = decoder.decode(bytes);
      return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded) ? "" : decoded;
    } catch {
      // Not this encoding: try the next.
    }
  }
  return "";
}

/**
 * A metadata title that a program or a template put there and nobody changed: PowerPoint's for a deck whose first
 * slide has no title placeholder ("PowerPoint 프레젠테이션", "PowerPoint Presentation"), a template's own name
 * ("Company Presentation Template", "New Default Template"), an editor's "Untitled" or "제목 없음". It names no
 * document; the first page's title does.
 */
const PLACEHOLDER_TITLE =
  /^(?:(?:microsoft )?powerpoint (?:프레젠테이션|presentation)|(?:\p{L}+ )?(?:presentation|default|powerpoint|slide) template|untitled(?: document| presentation)?|제목 없음|프레젠테이션\d*|presentation\d*)$/iu;

/**
 * A metadata title that is a layout or drawing program's working file ("920-561E.indd", InDesign's, which Acrobat
 * Distiller and Adobe PDF Library keep as the title; QuarkXPress, FrameMaker, Scribus, Illustrator, a PostScript
 * file): a job number or a designer's file name, not the document's title, which its first page prints.
 */
const LAYOUT_FILE_TITLE = /\.(?:indd|indt|idml|qxd|qxp|fm|book|sla|ai|eps|ps|cdr|pmd|p65|pub)$/i;

/**
 * A manuals site's stamp on a manual downloaded from it ("ManualsLib - Makes it easy to find manuals online!"): every
 * manual from the site carries the same one, and the first page names the manual.
 */
const SITE_STAMP_TITLE = /^(?:manualslib|manualzz)(?:\.com)?\s*[-–|:]\s*\S/i;

/**
 * A metadata title that is the name of the file it was printed from ("Microsoft Word - manual.doc", "Employee
 * HandBook.docx", as Word's PDF printers and Google Docs set it) names the document without the program and the
 * extension.
 */
function fileNameTitle(title: string): string {
  return title
    .replace(/^Microsoft (?:Word|PowerPoint|Excel) - /i, "")
    .replace(/\.(?:docx?|dotx?|docm|rtf|odt|pptx?|xlsx?|pages|hwpx?)$/i, "")
    .trim();
}

/**
 * The title of a PDF without one in its metadata: its first line, unless that line is a running header or footer
 * (then the first line of the page that is not, unless the page prints the header again as its title). A header that
 * names its document at both ends, as a man page's does
 * ("JQ(1) General Commands Manual JQ(1)"), is the document's name once; the first line under it would be "NAME".
 * A document that opens on its table of contents ("MAIN GAME .......... 6") is named by its outline's first entry, or
 * by the first line of the page that is not an entry, or not at all.
 */
function titleFromFirstPage(
  firstLine: string | null,
  page: { page: number; lines: Line[] } | undefined,
  furniture: readonly Furniture[],
  outline: readonly OutlineEntry[],
): string | null {
  if (firstLine === null || page === undefined || page.lines[0]?.text !== firstLine) return firstLine !== null && namesSomething(firstLine) ? firstLine : null;
  const running = new Set(furniture.filter((line) => line.page === page.page).map((line) => line.text));
  const isContents = (text: string) => hasDotLeader(text) || isContentsTitle(text);
  // A line without a letter names nothing: a cover's date over its title ("2025. 2" over "클라우드컴퓨팅서비스
  // 보안인증제도 안내서"), a page number over a slide drawn as an image. Nor does an address alone: a project's web
  // address over its manual's title, a contact's e-mail.
  if (!namesSomething(firstLine)) return page.lines.find((line) => namesSomething(line.text) && !running.has(line.text) && !isContents(line.text))?.text ?? null;
  if (!running.has(firstLine) && !isContents(firstLine)) return firstLine;
  if (isContents(firstLine)) return outline[0]?.title.trim() || (page.lines.find((line) => !running.has(line.text) && !isContents(line.text))?.text ?? null);
  const words = firstLine.split(/\s+/);
  if (words.length >= 3 && words[0] === words.at(-1)) return words.slice(0, -1).join(" ");
  // A header naming its document that the first page prints again just under it, as the document's own title (a
  // 한글 규정's "복무 규정" over every page and over its first page's enactment dates), is the title.
  if (page.lines.slice(1, 4).some((line) => line.text === firstLine)) return firstLine;
  return page.lines.find((line) => !running.has(line.text) && namesSomething(line.text))?.text ?? firstLine;
}

function hasLetter(text: string): boolean {
  return /\p{L}/u.test(text);
}

/** A line that may name a document: it has a letter and is not a web or e-mail address alone, nor a date alone. */
function namesSomething(text: string): boolean {
  const bare = text.trim().replace(/^(?:e-?mail|url|web(?:site)?|homepage|홈페이지|이메일)\s*:\s*/i, "");
  return hasLetter(text) && !/^(?:(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$/i.test(bare) && !isDateAlone(text);
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

/** Most outlines have tens or hundreds of entries; a hostile one is cut off here. */
const MAX_OUTLINE_ENTRIES = 5000;

/**
 * The document outline (bookmarks) as flat entries in order, each with its depth and the page (and height on the
 * page, when the destination gives one) it points at. Entries whose destination cannot be resolved are skipped;
 * a broken outline yields none rather than failing the document.
 */
async function readOutline(pdf: Awaited<ReturnType<typeof getDocumentProxy>>): Promise<OutlineEntry[]> {
  const entries: OutlineEntry[] = [];
  type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
  const walk = async (items: readonly Item[], level: number): Promise<void> => {
    for (const item of items) {
      if (entries.length >= MAX_OUTLINE_ENTRIES) return;
      try {
        const dest = typeof item.dest === "string" ? await pdf.getDestination(item.dest) : item.dest;
        const target = Array.isArray(dest) ? dest[0] : undefined;
        const pageIndex =
          typeof target === "number" ? target : target !== null && typeof target === "object" ? await pdf.getPageIndex(target as never) : null;
        const kind = Array.isArray(dest) ? (dest[1] as { name?: string } | undefined)?.name : undefined;
        const top = kind === "XYZ" ? dest![3] : kind === "FitH" || kind === "FitBH" ? dest![2] : null;
        if (pageIndex !== null && item.title.trim() !== "") {
          entries.push({ title: item.title, level, page: pageIndex + 1, top: typeof top === "number" ? top : null });
        }
      } catch {
        // An entry pointing nowhere is left out; its children may still resolve.
      }
      if (item.items.length > 0) await walk(item.items, level + 1);
    }
  };
  try {
    const outline = (await pdf.getOutline()) as Item[] | null;
    if (outline) await walk(outline, 1);
  } catch {
    return [];
  }
  return entries;
}
