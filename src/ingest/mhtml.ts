import { DocumentUnreadableError } from "../errors.ts";
import { decodeText } from "./decode-text.ts";

/**
 * A web page saved as one file (MHTML: Chrome's and Edge's "Webpage, Single File" .mhtml, Internet Explorer's .mht,
 * in which many Korean intranet notices and 정부·은행 help pages were kept): a MIME message whose parts are the page's
 * HTML and its images and style sheets, each in a transfer encoding (quoted-printable, base64). The page's text is
 * its HTML part, decoded.
 */

/** How much of the file's start holds the message's headers. */
const HEADER_BYTES = 16 * 1024;

/**
 * Whether the bytes are an MHTML file: a MIME message whose own headers (before the first empty line) say it is
 * `multipart/related`. An HTML page or a text that only mentions the header in its text is not.
 */
export function isMhtml(bytes: Uint8Array): boolean {
  const head = latin1(bytes.subarray(0, HEADER_BYTES)).replace(/^\uFEFF/, "");
  const end = head.search(/\r?\n\r?\n/);
  const headers = unfold(end === -1 ? head : head.slice(0, end));
  // Every line of a header block is a header ("Name: value"); prose that mentions the type is not.
  if (!headers.split("\n").every((line) => /^[A-Za-z][\w-]*:/.test(line))) return false;
  return /^content-type:[ \t]*multipart\/related\b/im.test(headers);
}

export interface SavedPage {
  /** The page's HTML, decoded to text. */
  html: string;
  /** The message's Subject (browsers write the page's title there), decoded; "" if none. */
  subject: string;
  warnings: string[];
}

/**
 * The HTML of a saved page: the part the message names as its start (`start=`), else the one at the address it was
 * saved from (Chrome's `Snapshot-Content-Location`), else the first HTML part. Throws DocumentUnreadableError, naming
 * what is missing, when the message has no boundary or no HTML part.
 */
export function readMhtml(bytes: Uint8Array, fileName: string): SavedPage {
  const text = latin1(bytes).replace(/^\uFEFF/, "");
  const split = text.search(/\r?\n\r?\n/);
  if (split === -1) throw new DocumentUnreadableError(`${fileName} is a saved web page (MHTML) with headers but no parts`);
  const headers = parseHeaders(text.slice(0, split));
  const type = headers.get("content-type") ?? "";
  const boundary = parameter(type, "boundary");
  if (boundary === "") {
    throw new DocumentUnreadableError(`${fileName} is a saved web page (MHTML) whose Content-Type names no boundary, so its parts cannot be told apart`);
  }
  const parts = splitParts(text.slice(split), boundary).map((raw) => {
    const end = raw.search(/\r?\n\r?\n|^\r?\n/);
    const partHeaders = parseHeaders(end === -1 ? raw : raw.slice(0, end));
    const body = end === -1 ? "" : raw.slice(end).replace(/^\r?\n\r?\n|^\r?\n/, "");
    return { headers: partHeaders, body };
  });
  const html = parts.filter((part) => /^text\/html\b/i.test(part.headers.get("content-type") ?? "text/plain"));
  const start = parameter(type, "start").replace(/^<|>$/g, "");
  const location = headers.get("snapshot-content-location") ?? "";
  const page =
    (start === "" ? undefined : html.find((part) => (part.headers.get("content-id") ?? "").replace(/^<|>$/g, "") === start)) ??
    (location === "" ? undefined : html.find((part) => part.headers.get("content-location") === location)) ??
    html[0];
  if (page === undefined) {
    const types = [...new Set(parts.map((part) => (part.headers.get("content-type") ?? "text/plain").split(";")[0]!.trim()))];
    throw new DocumentUnreadableError(
      `${fileName} is a saved web page (MHTML) without an HTML part (parts: ${types.slice(0, 5).join(", ") || "none"})`,
    );
  }
  const decoded = decodeBody(page.body, page.headers.get("content-transfer-encoding") ?? "", parameter(page.headers.get("content-type") ?? "", "charset"));
  return { html: decoded.text, subject: encodedWords(headers.get("subject") ?? ""), warnings: decoded.warnings };
}

/** The bytes as Latin-1 text: one character a byte, so that encoded parts can be turned back into their bytes. */
function latin1(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes);
}

/** Header lines continued on indented lines joined into one line each, line ends as "\n". */
function unfold(block: string): string {
  return block.replace(/\r\n?/g, "\n").replace(/\n[ \t]+/g, " ");
}

/** A header block's headers by lower-cased name (the first of a name wins), values trimmed. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of unfold(block).split("\n")) {
    const header = /^([A-Za-z][\w-]*):[ \t]*(.*)$/.exec(line);
    if (header !== null && !headers.has(header[1]!.toLowerCase())) headers.set(header[1]!.toLowerCase(), header[2]!.trim());
  }
  return headers;
}

/** A parameter of a header value (`boundary="----=_NextPart_000"`, `charset=ks_c_5601-1987`); "" if absent. */
function parameter(value: string, name: string): string {
  const match = new RegExp(`(?:^|;)[ \\t]*${name}[ \\t]*=[ \\t]*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value);
  return (match?.[1] ?? match?.[2] ?? "").trim();
}

/** The parts between the boundary's delimiter lines, up to the closing delimiter. */
function splitParts(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current !== null) parts.push(current.join("\n"));
      if (trimmed !== delimiter) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current !== null) parts.push(current.join("\n"));
  return parts;
}

/** A part's body as text: its transfer encoding undone, then its charset (or, without one, UTF-8 or EUC-KR as sniffed). */
function decodeBody(body: string, transferEncoding: string, charset: string): { text: string; warnings: string[] } {
  const encoding = transferEncoding.toLowerCase();
  const bytes =
    encoding === "quoted-printable"
      ? quotedPrintable(body)
      : encoding === "base64"
        ? Uint8Array.from(Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64"))
        : Uint8Array.from(body, (char) => char.charCodeAt(0) & 0xff);
  if (charset !== "" && !/^utf-?8$/i.test(charset)) {
    try {
      const text = new TextDecoder(charset.toLowerCase()).decode(bytes);
      return { text: text.replace(/\r\n?/g, "\n").normalize("NFC"), warnings: [] };
    } catch {
      // A charset the platform does not know: sniffed below, as a part without one.
    }
  }
  const decoded = decodeText(bytes);
  return { text: decoded.text, warnings: decoded.warnings };
}

/** Quoted-printable text's bytes: `=XX` is a byte, `=` at a line's end joins it to the next (RFC 2045 6.7). */
function quotedPrintable(body: string): Uint8Array {
  const joined = body.replace(/=[ \t]*\r?\n/g, "");
  const out: number[] = [];
  for (let at = 0; at < joined.length; at++) {
    const char = joined.charCodeAt(at);
    if (char === 0x3d && /^[0-9A-Fa-f]{2}$/.test(joined.slice(at + 1, at + 3))) {
      out.push(Number.parseInt(joined.slice(at + 1, at + 3), 16));
      at += 2;
    } else out.push(char & 0xff);
  }
  return Uint8Array.from(out);
}

/** A header's RFC 2047 encoded words (`=?utf-8?Q?=EC=9E=90=EC=A3=BC?=`, `=?ks_c_5601-1987?B?…?=`) decoded. */
function encodedWords(value: string): string {
  return value
    .replace(/(\?=)[ \t]+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (word, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toUpperCase() === "B" ? Uint8Array.from(Buffer.from(data, "base64")) : quotedPrintable(data.replaceAll("_", " "));
      try {
        return new TextDecoder(charset.toLowerCase()).decode(bytes);
      } catch {
        return word;
      }
    })
    .trim();
}
