import mammoth from "mammoth";
import { DocumentUnreadableError, errorMessage } from "../errors.ts";
import { buildDocument } from "./build-document.ts";
import { numberDocxParagraphs } from "./docx-numbering.ts";
import { outlineHeadingStyleMap } from "./docx-styles.ts";
import { htmlToBlocks } from "./parse-html.ts";
import type { ParsedDocument } from "./types.ts";
import { readZipEntry, verifyZip, type ZipLimits } from "./zip.ts";

/** Word's and LibreOffice's "Title" style is the document's main heading; mammoth drops it to <p> otherwise. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh"];

/** Images carry no text for us; dropping them avoids base64-encoding every picture into the intermediate HTML. */
const DROP_IMAGES = mammoth.images.imgElement(async () => ({ src: "" }));

/**
 * DOCX through mammoth's semantic HTML (Word heading styles become h1-h6, tables stay tables), then the same block
 * builder as HTML, so both formats produce the same kinds of blocks. mammoth inflates the whole archive in memory,
 * so the archive is first checked against `limits` and every entry is shown to inflate to its declared size.
 */
export async function parseDocx(bytes: Uint8Array, fileName: string, limits: ZipLimits): Promise<ParsedDocument> {
  const entries = verifyZip(bytes, fileName, limits);
  // Word's automatic numbering ("제1장", "제3조", "1.") is written into the text first; mammoth would drop it.
  const document = numberDocxParagraphs(bytes, entries, fileName) ?? bytes;
  const stylesEntry = entries.find((entry) => entry.name === "word/styles.xml");
  const headingStyles = stylesEntry === undefined ? [] : outlineHeadingStyleMap(new TextDecoder().decode(readZipEntry(bytes, stylesEntry, fileName)));
  let converted: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(document.buffer, document.byteOffset, document.byteLength) },
      { styleMap: [...STYLE_MAP, ...headingStyles], convertImage: DROP_IMAGES, externalFileAccess: false },
    );
  } catch (error) {
    throw new DocumentUnreadableError(`${fileName} could not be read as a Word document: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const warnings = converted.messages
    .filter((message) => message.type === "error")
    .map((message) => `Word conversion: ${message.message}`);
  const { title, blocks } = htmlToBlocks(converted.value);
  return buildDocument(blocks, { title, pageCount: null, warnings });
}
