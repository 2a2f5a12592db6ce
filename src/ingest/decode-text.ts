export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "euc-kr";

export interface DecodedText {
  /** NFC-normalised, with every line ending turned into "\n" and no byte-order mark. */
  text: string;
  encoding: TextEncodingName;
  /** Set when bytes had to be replaced with U+FFFD; ingest shows it to the user. */
  warnings: string[];
}

/**
 * Korean documents from older Windows tools are often EUC-KR/CP949 rather than UTF-8. Decoding them as UTF-8 fails
 * on the first Hangul byte, so a failed strict UTF-8 decode is retried as EUC-KR (WHATWG's "euc-kr" is CP949),
 * and accepted when the result reads as Korean.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return finish(strictOrLossy(bytes.subarray(3), "utf-8"));
  if (startsWith(bytes, [0xff, 0xfe])) return finish(strictOrLossy(bytes.subarray(2), "utf-16le"));
  if (startsWith(bytes, [0xfe, 0xff])) return finish(strictOrLossy(bytes.subarray(2), "utf-16be"));

  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== null) return finish({ text: utf8, encoding: "utf-8", warnings: [] });

  const korean = tryDecode(bytes, "euc-kr");
  if (korean !== null && readsAsKorean(korean)) return finish({ text: korean, encoding: "euc-kr", warnings: [] });

  return finish(strictOrLossy(bytes, "utf-8"));
}

/** Whether decoding as UTF-8 or EUC-KR yields text, which is what tells text from binary data. */
export function isDecodableText(bytes: Uint8Array): boolean {
  if (tryDecode(bytes, "utf-8") !== null) return true;
  const korean = tryDecode(bytes, "euc-kr");
  return korean !== null && readsAsKorean(korean);
}

function strictOrLossy(bytes: Uint8Array, encoding: TextEncodingName): DecodedText {
  const strict = tryDecode(bytes, encoding);
  if (strict !== null) return { text: strict, encoding, warnings: [] };
  const lossy = new TextDecoder(encoding).decode(bytes);
  const replaced = lossy.split("\uFFFD").length - 1;
  return {
    text: lossy,
    encoding,
    warnings: [
      `the text is not valid ${encoding.toUpperCase()}${encoding === "utf-8" ? " or EUC-KR" : ""}; ` +
        `${replaced} undecodable byte sequence(s) were replaced with U+FFFD`,
    ],
  };
}

function tryDecode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Latin-1 or random bytes can also decode as EUC-KR, into a scatter of Hanja and symbols. Real Korean text is
 * mostly Hangul syllables among its non-ASCII characters.
 */
function readsAsKorean(text: string): boolean {
  let nonAscii = 0;
  let hangul = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) continue;
    nonAscii++;
    if (code >= 0xac00 && code <= 0xd7a3) hangul++;
  }
  return nonAscii > 0 && hangul / nonAscii >= 0.5;
}

function finish(decoded: DecodedText): DecodedText {
  const text = decoded.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").normalize("NFC");
  return { ...decoded, text };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Characters that show as nothing: a soft hyphen (`&shy;`, "Soft&shy;ware"), a zero-width space (Javadoc's
 * `refund&#8203;(String id)`, an editor's "비밀&#8203;번호", Google Docs' bookmarks and titles), a word joiner, a byte-order
 * mark inside the text. Left in, they cut the word they sit in into two terms, so that "Software" or "비밀번호" no longer
 * finds it. One set for every parser that drops them (HTML, Markdown, PDF titles and bookmarks).
 */
export const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
