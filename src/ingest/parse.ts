import { decodeText } from "./decode-text.ts";
import { detectMediaType, type MediaType } from "./detect.ts";
import type { PdfOptions, PdfPagesPart, PdfPartRange } from "./parse-pdf.ts";
import type { ParsedDocument } from "./types.ts";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip.ts";

export { buildDocument, type BlockDraft, type DocumentMeta } from "./build-document.ts";
export type { MediaType } from "./detect.ts";

/** Bounds and options for one parse; everything is optional so the pure parsers stay easy to call in tests. */
export interface ParseOptions extends PdfOptions {
  zip?: ZipLimits;
}

/**
 * Detects the file's type and parses it into normalised text and blocks. `fileName` only informs type detection
 * and error messages; nothing is read from the filesystem by that name.
 *
 * Each format's parser is imported when the first file of that format arrives. A parse worker runs under a small
 * heap limit, and the parsers' code (mammoth, htmlparser2, cfb, unpdf) would otherwise take up to half of a 16 MB
 * heap before the worker reads a byte, so a fresh worker could run out of memory on a one-line text file.
 */
export async function parseDocument(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions = {},
): Promise<{ mediaType: MediaType; document: ParsedDocument }> {
  const mediaType = detectMediaType(bytes, fileName);
  const zip = options.zip ?? DEFAULT_ZIP_LIMITS;
  switch (mediaType) {
    case "application/pdf": {
      const { parsePdf } = await import("./parse-pdf.ts");
      return { mediaType, document: await parsePdf(bytes, fileName, options) };
    }
    case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
      const { parseDocx } = await import("./parse-docx.ts");
      return { mediaType, document: await parseDocx(bytes, fileName, zip) };
    }
    case "application/hwp+zip": {
      const { parseHwpx } = await import("./parse-hwpx.ts");
      return { mediaType, document: parseHwpx(bytes, fileName, zip) };
    }
    case "application/x-hwp": {
      const { parseHwp } = await import("./parse-hwp.ts");
      return { mediaType, document: parseHwp(bytes, fileName, zip.maxDecompressedBytes) };
    }
    case "text/html":
    case "text/markdown":
    case "text/plain": {
      if (mediaType === "text/html") {
        const { isMhtml, readMhtml } = await import("./mhtml.ts");
        if (isMhtml(bytes)) {
          // A saved page's own title, else the Subject the browser wrote from it; an e-mail (.eml) is read the same way.
          const page = readMhtml(bytes, fileName);
          const document = (await import("./parse-html.ts")).parseHtml(page.html);
          // An e-mail's Subject titles it, whatever <title> its HTML carries (a newsletter template's own).
          const title = (page.mail && page.subject !== "") || document.title === null || document.title === "" ? page.subject || document.title : document.title;
          return { mediaType, document: { ...document, title, warnings: [...page.warnings, ...document.warnings] } };
        }
      }
      const decoded = decodeText(bytes);
      const parse =
        mediaType === "text/html"
          ? (await import("./parse-html.ts")).parseHtml
          : mediaType === "text/markdown"
            ? (await import("./parse-markdown.ts")).parseMarkdown
            : (await import("./parse-text.ts")).parseText;
      const document = parse(decoded.text);
      return { mediaType, document: { ...document, warnings: [...decoded.warnings, ...document.warnings] } };
    }
  }
}

/**
 * One part of a PDF split across parse workers (`parserPool`): its pages, or the whole document when the PDF is too
 * small to split (part 0 then parses all of it and the other parts, `none`, read no page). A file that is not a PDF
 * after all is parsed whole by part 0.
 */
export type PdfPartOutcome =
  | { kind: "pages"; part: PdfPagesPart }
  | { kind: "whole"; result: Awaited<ReturnType<typeof parseDocument>> }
  | { kind: "none" };

export async function parsePdfPart(bytes: Uint8Array, fileName: string, range: PdfPartRange, options: ParseOptions = {}): Promise<PdfPartOutcome> {
  if (detectMediaType(bytes, fileName) !== "application/pdf") {
    return range.index === 0 ? { kind: "whole", result: await parseDocument(bytes, fileName, options) } : { kind: "none" };
  }
  const { assemblePdf, readPdfPages } = await import("./parse-pdf.ts");
  const part = await readPdfPages(bytes, fileName, options, range);
  if (part.from > part.to) return { kind: "none" };
  if (part.from === 1 && part.to === part.pageCount) {
    return { kind: "whole", result: { mediaType: "application/pdf", document: await assemblePdf([part], bytes, fileName, options) } };
  }
  return { kind: "pages", part };
}

/** The document from every part's pages, in page order (`assemblePdf`). */
export async function assemblePdfParts(
  parts: readonly PdfPagesPart[],
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions = {},
): Promise<Awaited<ReturnType<typeof parseDocument>>> {
  const { assemblePdf } = await import("./parse-pdf.ts");
  return { mediaType: "application/pdf", document: await assemblePdf(parts, bytes, fileName, options) };
}
