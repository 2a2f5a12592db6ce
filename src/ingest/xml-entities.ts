import { Parser } from "htmlparser2";

/**
 * XML text with its five predefined entities and numeric character references decoded, `&amp;` last so that
 * "&amp;lt;" stays "&lt;". For the XML parts jikji reads with its own scanners (HWPX sections, DOCX styles and
 * core properties); HTML goes through htmlparser2's decoder.
 */
export function decodeXmlEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&amp;/g, "&");
}

/**
 * Text with HTML's named and numeric character references decoded ("R&amp;D", "&lt;tag&gt;", "&nbsp;", "&#x200B;"), as
 * a Markdown page shows them: htmlparser2's own decoder, the text's "<" kept as text.
 */
export function decodeHtmlEntities(text: string): string {
  if (!/&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(text)) return text;
  let decoded = "";
  const parser = new Parser({ ontext: (data) => (decoded += data) }, { decodeEntities: true });
  parser.write(text.replace(/</g, "&lt;"));
  parser.end();
  return decoded;
}
