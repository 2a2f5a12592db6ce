import { decodeText } from "./decode-text.ts";
import { detectMediaType, type MediaType } from "./detect.ts";
import { parseDocx } from "./parse-docx.ts";
import { parseHtml } from "./parse-html.ts";
import { parseHwp } from "./parse-hwp.ts";
import { parseHwpx } from "./parse-hwpx.ts";
import { parseMarkdown } from "./parse-markdown.ts";
import { parsePdf, type PdfOptions } from "./parse-pdf.ts";
import { parseText } from "./parse-text.ts";
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
 */
export async function parseDocument(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions = {},
): Promise<{ mediaType: MediaType; document: ParsedDocument }> {
  const mediaType = detectMediaType(bytes, fileName);
  const zip = options.zip ?? DEFAULT_ZIP_LIMITS;
  switch (mediaType) {
    case "application/pdf":
      return { mediaType, document: await parsePdf(bytes, fileName, options) };
    case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
      return { mediaType, document: await parseDocx(bytes, fileName, zip) };
    case "application/hwp+zip":
      return { mediaType, document: parseHwpx(bytes, fileName, zip) };
    case "application/x-hwp":
      return { mediaType, document: parseHwp(bytes, fileName, zip.maxDecompressedBytes) };
    case "text/html":
    case "text/markdown":
    case "text/plain": {
      const decoded = decodeText(bytes);
      const parse = mediaType === "text/html" ? parseHtml : mediaType === "text/markdown" ? parseMarkdown : parseText;
      const document = parse(decoded.text);
      return { mediaType, document: { ...document, warnings: [...decoded.warnings, ...document.warnings] } };
    }
  }
}
