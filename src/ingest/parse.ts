import { decodeText } from "./decode-text.ts";
import { detectMediaType, type MediaType } from "./detect.ts";
import { parseDocx } from "./parse-docx.ts";
import { parseHtml } from "./parse-html.ts";
import { parseMarkdown } from "./parse-markdown.ts";
import { parsePdf } from "./parse-pdf.ts";
import { parseText } from "./parse-text.ts";
import type { ParsedDocument } from "./types.ts";

export { buildDocument, type BlockDraft, type DocumentMeta } from "./build-document.ts";
export type { MediaType } from "./detect.ts";

/**
 * Detects the file's type and parses it into normalised text and blocks. `fileName` only informs type detection
 * and error messages; nothing is read from the filesystem by that name.
 */
export async function parseDocument(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ mediaType: MediaType; document: ParsedDocument }> {
  const mediaType = detectMediaType(bytes, fileName);
  switch (mediaType) {
    case "application/pdf":
      return { mediaType, document: await parsePdf(bytes, fileName) };
    case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
      return { mediaType, document: await parseDocx(bytes, fileName) };
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
