import { DocumentUnreadableError, UnsupportedMediaTypeError } from "../errors.ts";
import { isDecodableText } from "./decode-text.ts";

export type MediaType =
  | "application/pdf"
  | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
  | "text/html"
  | "text/markdown"
  | "text/plain";

const DOCX: MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** How much of a file is inspected to tell text from binary data. */
const SNIFF_BYTES = 64 * 1024;

/** Formats people upload by mistake, named so the error tells them what they sent. */
const KNOWN_BINARY_SIGNATURES: ReadonlyArray<{ magic: readonly number[]; name: string }> = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: "a legacy Office file (.doc/.xls/.ppt/.hwp)" },
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

  if (startsWithBytes(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWithBytes(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const entries = zipEntryNames(bytes, fileName);
    if (entries.includes("word/document.xml")) return DOCX;
    const shown = entries.slice(0, 5).join(", ");
    throw new UnsupportedMediaTypeError(
      `${fileName} is a ZIP archive but not a Word document (no word/document.xml; entries: ${shown || "none"})`,
    );
  }

  const known = KNOWN_BINARY_SIGNATURES.find((signature) => startsWithBytes(bytes, signature.magic));
  if (known !== undefined) throw new UnsupportedMediaTypeError(`${fileName} is ${known.name}, which jikji cannot read`);
  if (!looksLikeText(bytes)) {
    throw new UnsupportedMediaTypeError(`${fileName} is binary data of an unknown type, not a document jikji can read`);
  }

  if (looksLikeHtml(bytes)) return "text/html";
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === "md" || extension === "markdown") return "text/markdown";
  if (extension === "html" || extension === "htm") return "text/html";
  return "text/plain";
}

/**
 * Reads the entry names from a ZIP's central directory: find the end-of-central-directory record (it sits in the
 * last 22 + up to 65,535 comment bytes), then walk the fixed-size headers it points at.
 */
function zipEntryNames(bytes: Uint8Array, fileName: string): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const unreadable = (problem: string) =>
    new DocumentUnreadableError(`${fileName} looks like a ZIP archive but ${problem}`);
  const endRecordSize = 22;
  const earliest = Math.max(0, bytes.length - endRecordSize - 0xffff);
  let endRecord = -1;
  for (let i = bytes.length - endRecordSize; i >= earliest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      endRecord = i;
      break;
    }
  }
  if (endRecord === -1) throw unreadable("its central directory is missing (truncated or corrupt file)");

  const entryCount = view.getUint16(endRecord + 10, true);
  let position = view.getUint32(endRecord + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder("utf-8");
  for (let entry = 0; entry < entryCount; entry++) {
    if (position + 46 > bytes.length || view.getUint32(position, true) !== 0x02014b50) {
      throw unreadable(`its central directory is corrupt at entry ${entry + 1} of ${entryCount}`);
    }
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    names.push(decoder.decode(bytes.subarray(position + 46, position + 46 + nameLength)));
    position += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWithBytes(bytes, [0xff, 0xfe]) || startsWithBytes(bytes, [0xfe, 0xff])) return true;
  let sample = bytes.subarray(0, SNIFF_BYTES);
  let controlBytes = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    const isTextControl = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x1b;
    if ((byte < 0x20 && !isTextControl) || byte === 0x7f) controlBytes++;
  }
  if (controlBytes > sample.length * 0.02) return false;
  // Do not judge a multi-byte character that the sample cut in half.
  if (bytes.length > sample.length) {
    let end = sample.length;
    while (end > sample.length - 4 && sample[end - 1]! >= 0x80) end--;
    sample = sample.subarray(0, end);
  }
  const withoutBom = startsWithBytes(sample, [0xef, 0xbb, 0xbf]) ? sample.subarray(3) : sample;
  return isDecodableText(withoutBom) || mostlyAscii(withoutBom);
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
