import { DocumentUnreadableError, UnsupportedMediaTypeError } from "../errors.ts";
import { isDecodableText } from "./decode-text.ts";
import { isMhtml } from "./mhtml.ts";
import { isZip, readZipDirectory, type ZipEntry } from "./zip.ts";

export type MediaType =
  | "application/pdf"
  | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
  | "text/html"
  | "text/markdown"
  | "text/plain"
  | "application/hwp+zip"
  | "application/x-hwp";

const DOCX: MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** How much of a file is inspected to tell text from binary data. */
const SNIFF_BYTES = 64 * 1024;

/** Formats people upload by mistake, named so the error tells them what they sent. */
const KNOWN_BINARY_SIGNATURES: ReadonlyArray<{ magic: readonly number[]; name: string }> = [
  { magic: CFB_SIGNATURE, name: "a legacy Office file (.doc/.xls/.ppt) or an HWP file older than 5.0" },
  { magic: [0x89, 0x50, 0x4e, 0x47], name: "a PNG image" },
  { magic: [0xff, 0xd8, 0xff], name: "a JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], name: "a GIF image" },
  { magic: [0x1f, 0x8b], name: "a gzip archive" },
];

/**
 * Decides how to parse a file: by its content first, since extensions lie, then by its extension for the text
 * formats that content cannot tell apart (Markdown and plain text). `fileName` is only looked at, never opened.
 */
export function detectMediaType(bytes: Uint8Array, fileName: string): MediaType {
  if (bytes.length === 0) throw new DocumentUnreadableError(`${fileName} is empty`);
  if (indexOfAscii(bytes, "%PDF-", 1024) !== -1) return "application/pdf";

  if (isZip(bytes)) {
    const directory = readZipDirectory(bytes, fileName);
    const entries = directory.map((entry) => entry.name);
    if (entries.includes("word/document.xml")) return DOCX;
    if (isHwpx(bytes, directory)) return "application/hwp+zip";
    const shown = entries.slice(0, 5).join(", ");
    throw new UnsupportedMediaTypeError(
      `${fileName} is a ZIP archive but not a Word or HWPX document (no word/document.xml or Contents/section0.xml; entries: ${shown || "none"})`,
    );
  }

  // An HWP 5.0 file is a compound file whose FileHeader stream starts with this signature.
  if (startsWithBytes(bytes, CFB_SIGNATURE) && indexOfAscii(bytes, "HWP Document File", bytes.length) !== -1) {
    return "application/x-hwp";
  }
  // HWP 3.0 and older (HWP 97, 아래아한글 2.x) write their own format, not a compound file: "HWP Document File V3.00".
  const oldHwp = /^HWP Document File V(\d+\.\d+)/.exec(new TextDecoder("latin1").decode(bytes.subarray(0, 32)));
  if (oldHwp !== null) {
    throw new UnsupportedMediaTypeError(
      `${fileName} is an HWP ${oldHwp[1]} document (HWP 97 or older), which jikji cannot read: open it in Hancom Office and save it as HWP 5 (.hwp) or HWPX`,
    );
  }
  const known = KNOWN_BINARY_SIGNATURES.find((signature) => startsWithBytes(bytes, signature.magic));
  if (known !== undefined) throw new UnsupportedMediaTypeError(`${fileName} is ${known.name}, which jikji cannot read`);
  if (!looksLikeText(bytes)) {
    throw new UnsupportedMediaTypeError(`${fileName} is binary data of an unknown type, not a document jikji can read`);
  }

  // A web page saved as one file (.mhtml/.mht) is read as the HTML page it holds.
  if (looksLikeHtml(bytes) || isMhtml(bytes)) return "text/html";
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  // MDX (Markdown with JSX, the pages of Docusaurus and Next.js doc sites) reads as Markdown.
  if (extension === "md" || extension === "markdown" || extension === "mdx") return "text/markdown";
  if (extension === "html" || extension === "htm") return "text/html";
  return "text/plain";
}

/** HWPX (OWPML) stores its media type uncompressed in a first `mimetype` entry, as ODF does; some writers omit it. */
function isHwpx(bytes: Uint8Array, entries: readonly ZipEntry[]): boolean {
  if (entries.some((entry) => /^Contents\/section\d+\.xml$/.test(entry.name))) return true;
  const mimetype = entries.find((entry) => entry.name === "mimetype" && entry.method === 0);
  if (mimetype === undefined) return false;
  const at = mimetype.localHeaderOffset;
  if (at + 30 > bytes.length) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const text = new TextDecoder().decode(bytes.subarray(start, start + Math.min(mimetype.compressedSize, 64)));
  return text.trim() === "application/hwp+zip";
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWithBytes(bytes, [0xff, 0xfe]) || startsWithBytes(bytes, [0xfe, 0xff])) return true;
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let controlBytes = 0;
  for (let index = 0; index < sample.length; index++) {
    const byte = sample[index]!;
    if (byte === 0) return false;
    const isTextControl =
      byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x1b || isOverstrike(sample, index);
    if ((byte < 0x20 && !isTextControl) || byte === 0x7f) controlBytes++;
  }
  if (controlBytes > sample.length * 0.02) return false;
  const withoutBom = startsWithBytes(sample, [0xef, 0xbb, 0xbf]) ? sample.subarray(3) : sample;
  if (mostlyAscii(withoutBom)) return true;
  // A sample shorter than the file may end inside a character (UTF-8's are up to four bytes, EUC-KR's two): judge
  // it without its last 0–3 bytes. Dropping a fixed run of high bytes instead cut the character before in half.
  const cuts = bytes.length > SNIFF_BYTES ? [0, 1, 2, 3] : [0];
  return cuts.some((cut) => isDecodableText(withoutBom.subarray(0, withoutBom.length - cut)));
}

/**
 * A backspace between two printed characters: nroff's overstrike, how groff -Tascii and old manuals' .txt files
 * print bold ("P\bP") and underline ("_\bx"). Each such letter costs three bytes, two of them printable.
 */
function isOverstrike(bytes: Uint8Array, index: number): boolean {
  if (bytes[index] !== 0x08 || index === 0) return false;
  const before = bytes[index - 1]!;
  const after = bytes[index + 1];
  return before >= 0x20 && before !== 0x7f && after !== undefined && after >= 0x20 && after !== 0x7f;
}

/**
 * Text in a legacy single-byte encoding (Latin-1 accents) is mostly ASCII and still a text file; decodeText replaces
 * and warns about the strays. Even accent-heavy Latin-1 prose stays well under this share of high bytes.
 */
function mostlyAscii(bytes: Uint8Array): boolean {
  let high = 0;
  for (const byte of bytes) if (byte >= 0x80) high++;
  return high <= bytes.length * 0.3;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  let head = new TextDecoder("utf-8").decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, "").trimStart();
  // Skip an XML declaration and comments, which XHTML files (DocBook output, for one) put first.
  for (;;) {
    const skipped = head.replace(/^<\?xml[^>]*\?>\s*/i, "").replace(/^<!--[\s\S]*?-->\s*/, "");
    if (skipped === head) break;
    head = skipped;
  }
  return /^<!doctype\s+html|^<html[\s>]/i.test(head);
}

function startsWithBytes(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function indexOfAscii(bytes: Uint8Array, needle: string, within: number): number {
  const last = Math.min(bytes.length, within) - needle.length;
  outer: for (let i = 0; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}
