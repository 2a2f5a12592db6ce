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
 * `multipart/related`, or one HTML part. An HTML page or a text that only mentions the header in its text is not.
 */
export function isMhtml(bytes: Uint8Array): boolean {
  const head = latin1(bytes.subarray(0, HEADER_BYTES)).replace(/^\uFEFF/, "");
  const end = head.search(/\r?\n\r?\n/);
  const headers = unfold(end === -1 ? head : head.slice(0, end));
  // Every line of a header block is a header ("Name: value"); prose that mentions the type is not.
  if (!headers.split("\n").every((line) => /^[A-Za-z][\w-]*:/.test(line))) return false;
  if (/^content-type:[ \t]*multipart\/related\b/im.test(headers)) return true;
  // An e-mail kept as a file (.eml: a notice, a newsletter): its text in alternative parts (plain and HTML), with
  // attachments (mixed), or in one text part.
  if (isMail(headers) && /^content-type:[ \t]*(?:multipart\/(?:alternative|mixed)|text\/(?:html|plain))\b/im.test(headers)) return true;
  // Internet Explorer saves a page without images as one HTML part: the message is the page.
  return /^mime-version:/im.test(headers) && /^content-type:[ \t]*text\/html\b/im.test(headers);
}

/** Whether a message's headers are an e-mail's (someone's From, with a Subject or Date), not a browser's saved page. */
function isMail(headers: string): boolean {
  return /^mime-version:/im.test(headers) && /^from:(?![ \t]*[<"]?saved by)/im.test(headers) && /^(?:subject|date):/im.test(headers);
}

export interface SavedPage {
  /** The page's HTML, decoded to text. */
  html: string;
  /** The message's Subject (browsers write the page's title there), decoded; "" if none. */
  subject: string;
  /** Whether the message is an e-mail, whose Subject titles it whatever its HTML's <title> says. */
  mail: boolean;
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
  const subject = encodedWords(headers.get("subject") ?? "");
  const mail = isMail(text.slice(0, split));
  /** An e-mail's HTML with its Subject as its heading (unless its HTML has one) and its sender and date over its text. */
  const asMail = (html: string): string => (mail ? withMailHeaders(html, headers, subject) : html);
  if (/^text\/(?:html|plain)\b/i.test(type)) {
    const decoded = decodeBody(text.slice(split).replace(/^\r?\n\r?\n/, ""), headers.get("content-transfer-encoding") ?? "", parameter(type, "charset"));
    const html = /^text\/plain\b/i.test(type) ? plainAsHtml(decoded.text) : decoded.text;
    return { html: asMail(html), subject, mail, warnings: decoded.warnings };
  }
  const boundary = parameter(type, "boundary");
  if (boundary === "") {
    throw new DocumentUnreadableError(`${fileName} is a saved web page (MHTML) whose Content-Type names no boundary, so its parts cannot be told apart`);
  }
  const parts = leafParts(text.slice(split), boundary, 0);
  // An attachment (a forwarded page, a .html file sent along) is not the message's text.
  const shownParts = parts.filter((part) => !/^attachment\b/i.test(part.headers.get("content-disposition") ?? ""));
  const html = shownParts.filter((part) => /^text\/html\b/i.test(part.headers.get("content-type") ?? "text/plain"));
  const plain = mail && html.length === 0 ? shownParts.find((part) => /^text\/plain\b/i.test(part.headers.get("content-type") ?? "text/plain")) : undefined;
  if (plain !== undefined) {
    const decoded = decodeBody(plain.body, plain.headers.get("content-transfer-encoding") ?? "", parameter(plain.headers.get("content-type") ?? "", "charset"));
    return { html: asMail(plainAsHtml(decoded.text)), subject, mail, warnings: decoded.warnings };
  }
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
  const decode = (part: Part): { text: string; warnings: string[] } =>
    decodeBody(part.body, part.headers.get("content-transfer-encoding") ?? "", parameter(part.headers.get("content-type") ?? "", "charset"));
  const decoded = decode(page);
  const warnings = [...decoded.warnings];
  // The page's frames (Chrome saves each <iframe>'s document as an HTML part of its own, IE each <frame>'s): shown
  // where the page shows them, in place of the frame that names them (src="cid:…" or the frame's address).
  const frames = html.filter((part) => part !== page).map((part) => ({ part, used: false, text: "" }));
  const frameOf = (source: string): (typeof frames)[number] | undefined => {
    const address = source.replace(/&amp;/g, "&");
    return frames.find(
      (frame) =>
        !frame.used &&
        (address === `cid:${(frame.part.headers.get("content-id") ?? "").replace(/^<|>$/g, "")}` || address === frame.part.headers.get("content-location")),
    );
  };
  const inline = (text: string, depth: number): string =>
    depth > 3
      ? text
      : text.replace(/<i?frame\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>(?:\s*<\/iframe\s*>)?/gi, (element, double?: string, single?: string) => {
          const frame = frameOf(double ?? single ?? "");
          if (frame === undefined) return element;
          frame.used = true;
          const body = decode(frame.part);
          warnings.push(...body.warnings);
          return `<div>${inline(bodyOf(body.text), depth + 1)}</div>`;
        });
  let shown = inline(decoded.text, 0);
  // Chrome names every frame's part <frame-…@mhtml.blink>; one that no element names had its document written by a
  // script (an e-mail template's preview), and is shown after the page's text. Other parts no frame names are not shown.
  const rest = frames.filter((frame) => !frame.used && /^<?frame-/i.test(frame.part.headers.get("content-id") ?? "")).map((frame) => {
    const body = decode(frame.part);
    warnings.push(...body.warnings);
    return `<div>${bodyOf(body.text)}</div>`;
  });
  if (rest.length > 0) {
    const close = shown.toLowerCase().lastIndexOf("</body");
    shown = close === -1 ? shown + rest.join("") : shown.slice(0, close) + rest.join("") + shown.slice(close);
  }
  return { html: asMail(shown), subject, mail, warnings: [...new Set(warnings)] };
}

/** How deep multiparts nest and are still opened (an e-mail's mixed > related > alternative is three). */
const MAX_PART_DEPTH = 4;

/** The parts of a multipart body, a nested multipart's parts in its place (an e-mail's alternative inside its mixed). */
function leafParts(body: string, boundary: string, depth: number): Part[] {
  return splitParts(body, boundary).flatMap((raw): Part[] => {
    const end = raw.search(/\r?\n\r?\n|^\r?\n/);
    const partHeaders = parseHeaders(end === -1 ? raw : raw.slice(0, end));
    const partBody = end === -1 ? "" : raw.slice(end).replace(/^\r?\n\r?\n|^\r?\n/, "");
    const type = partHeaders.get("content-type") ?? "";
    const inner = parameter(type, "boundary");
    if (/^multipart\//i.test(type) && inner !== "" && depth < MAX_PART_DEPTH) return leafParts(partBody, inner, depth + 1);
    return [{ headers: partHeaders, body: partBody }];
  });
}

/** A plain-text e-mail's text as HTML: each blank-line-separated paragraph a <p>, its lines parted by <br>. */
function plainAsHtml(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

/**
 * An e-mail's HTML with what its reader shows above its text: the Subject as the heading (unless the HTML has its own
 * <h1>) and the sender and date ("From: 인사팀 <hr@…>", "Date: …"), which answer who sent a notice and when; read
 * without them, a notice had no title and said nothing of either.
 */
function withMailHeaders(html: string, headers: ReadonlyMap<string, string>, subject: string): string {
  const fields = (["from", "date"] as const)
    .map((name) => [name, encodedWords(headers.get(name) ?? "")] as const)
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name === "from" ? "From" : "Date"}: ${escapeHtml(value)}`);
  const heading = subject !== "" && !/<h1\b/i.test(html) ? `<h1>${escapeHtml(subject)}</h1>` : "";
  const top = `${heading}${fields.length > 0 ? `<p>${fields.join("<br>")}</p>` : ""}`;
  const body = /<body\b[^>]*>/i.exec(html);
  return body === null ? top + html : html.slice(0, body.index + body[0].length) + top + html.slice(body.index + body[0].length);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** What a frame's document shows: the inside of its <body>, else all of it but its <head>. */
function bodyOf(html: string): string {
  const body = /<body\b[^>]*>([^]*?)(?:<\/body\s*>|$)/i.exec(html);
  return body !== null ? body[1]! : html.replace(/<head\b[^>]*>[^]*?<\/head\s*>/i, "").replace(/<\/?html\b[^>]*>|<!doctype[^>]*>/gi, "");
}

/**
 * The bytes as Latin-1 text: one character a byte (U+0000–U+00FF), so that encoded parts can be turned back into their
 * bytes. Not `TextDecoder("latin1")`, which is Windows-1252 and reads 0x80–0x9F as other characters (0x95 as •):
 * an 8-bit part's UTF-8 bytes came back as other bytes.
 */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
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
  // At most one byte a character: a saved page's HTML part can be megabytes, so no array of numbers.
  const out = new Uint8Array(joined.length);
  let length = 0;
  for (let at = 0; at < joined.length; at++) {
    const char = joined.charCodeAt(at);
    const byte = char === 0x3d && at + 2 < joined.length ? Number.parseInt(joined.slice(at + 1, at + 3), 16) : Number.NaN;
    if (!Number.isNaN(byte) && /^[0-9A-Fa-f]{2}$/.test(joined.slice(at + 1, at + 3))) {
      out[length++] = byte;
      at += 2;
    } else out[length++] = char & 0xff;
  }
  return out.subarray(0, length);
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
