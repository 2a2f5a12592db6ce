import mammoth from "mammoth";
import { DocumentUnreadableError, errorMessage } from "../errors.ts";
import { buildDocument } from "./build-document.ts";
import { dropControlPrompts } from "./docx-controls.ts";
import { numberDocxParagraphs } from "./docx-numbering.ts";
import { markOutlineLevels, OUTLINE_LEVEL_STYLE_MAP } from "./docx-outline.ts";
import { outlineHeadingStyleMap } from "./docx-styles.ts";
import { docxTitle } from "./docx-title.ts";
import { htmlToBlocks } from "./parse-html.ts";
import type { ParsedDocument } from "./types.ts";
import { readZipEntry, verifyZip, writeStoredZip, type ZipEntry, type ZipLimits } from "./zip.ts";

/**
 * Word's and LibreOffice's "Title" style is the document's main heading; mammoth drops it to <p> otherwise. The
 * entries of Word's generated table of contents (styles "toc 1"…"toc 9") are contents whether or not a "목차" title
 * stands over them: untitled (Word for the web's design documents), their lines read as body text, and an entry such
 * as "4.3 Debug interface 22" opened a clause every later chunk carried.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  ...Array.from({ length: 9 }, (_, level) => `p[style-name='toc ${level + 1}'] => p.toc:fresh`),
];

/**
 * Images carry no text for us; dropping them avoids base64-encoding every picture into the intermediate HTML. Their
 * descriptions go too: a description names a picture ("Green Pace logo", Word 365's generated "텍스트, 스크린샷이(가)
 * 표시된 사진"), and a logo alone in a Title or heading paragraph read as a section titled by it.
 */
const DROP_IMAGES = mammoth.images.imgElement(async () => ({ src: "", alt: "" }));

/**
 * DOCX through mammoth's semantic HTML (Word heading styles become h1-h6, tables stay tables), then the same block
 * builder as HTML, so both formats produce the same kinds of blocks. mammoth inflates the whole archive in memory,
 * so the archive is first checked against `limits` and every entry is shown to inflate to its declared size.
 */
export async function parseDocx(bytes: Uint8Array, fileName: string, limits: ZipLimits): Promise<ParsedDocument> {
  // Pictures and embedded objects are never read for their content (DROP_IMAGES): a flat-coloured BMP deflates past a
  // bomb's ratio, and the whole document was refused for one screenshot.
  const entries = verifyZip(bytes, fileName, limits, (entry) => !/^word\/(?:media|embeddings)\//.test(entry.name));
  const part = (name: string) => {
    const entry = entries.find((candidate) => candidate.name === name);
    return entry === undefined ? null : new TextDecoder().decode(readZipEntry(bytes, entry, fileName));
  };
  const styles = part("word/styles.xml");
  const body = part("word/document.xml");
  const document = rewriteBody(bytes, entries, fileName, body, part("word/numbering.xml"), styles, part("word/_rels/document.xml.rels"));
  const headingStyles = styles === null ? [] : outlineHeadingStyleMap(styles);
  let converted: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(document.buffer, document.byteOffset, document.byteLength) },
      { styleMap: [...STYLE_MAP, ...OUTLINE_LEVEL_STYLE_MAP, ...headingStyles], convertImage: DROP_IMAGES, externalFileAccess: false },
    );
  } catch (error) {
    throw new DocumentUnreadableError(`${fileName} could not be read as a Word document: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const warnings = converted.messages
    .filter((message) => message.type === "error")
    .map((message) => `Word conversion: ${message.message}`);
  const { title: firstHeading, blocks } = htmlToBlocks(placeNotes(converted.value), { boldHeadings: true });
  return buildDocument(blocks, { title: docxTitle(part("docProps/core.xml"), body === null ? null : dropControlPrompts(body), styles, firstHeading), pageCount: null, warnings });
}

/**
 * Footnotes and endnotes as the reader sees them. mammoth marks a reference "[2]" (counting footnotes and endnotes
 * together) and lists every note at the end of the document without its number, each ending in a back-link arrow
 * "↑": the arrow was indexed and quoted, nothing tied "[2]" to its note, and the notes took the section and clause
 * of the document's last part (부칙). Each note now starts with its reference's label, loses the arrow, and follows
 * the paragraph, heading, list or table that cites it.
 */
function placeNotes(html: string): string {
  const list = /<ol><li id="(?:footnote|endnote)-[^"]+">[\s\S]*<\/ol>$/.exec(html);
  if (list === null) return html;
  const notes = new Map<string, string>();
  for (const item of list[0].slice("<ol>".length, -"</ol>".length).split(/(?=<li id="(?:footnote|endnote)-[^"]+">)/)) {
    const id = /^<li id="([^"]+)">/.exec(item)?.[1];
    if (id === undefined) continue;
    notes.set(id, item.slice(`<li id="${id}">`.length).replace(/<\/li>$/, "").replace(/ ?<a href="#(?:footnote|endnote)-ref-[^"]*">↑<\/a>/g, ""));
  }
  const body = html.slice(0, list.index);
  const blockEnd = blockEnds(body);
  const after = new Map<number, string[]>();
  for (const reference of body.matchAll(/<a href="#((?:footnote|endnote)-[^"]+)" id="(?:footnote|endnote)-ref-[^"]+">(\[\d+\])<\/a>/g)) {
    const note = notes.get(reference[1]!);
    if (note === undefined) continue;
    const labelled = note.startsWith("<p>") ? `<p>${reference[2]} ${note.slice("<p>".length).trimStart()}` : `<p>${reference[2]}</p>${note}`;
    const end = blockEnd(reference.index);
    after.set(end, [...(after.get(end) ?? []), labelled]);
  }
  let placed = "";
  let from = 0;
  for (const end of [...after.keys()].sort((a, b) => a - b)) {
    placed += body.slice(from, end) + after.get(end)!.join("");
    from = end;
  }
  return placed + body.slice(from);
}

/**
 * For offsets of mammoth's HTML asked in increasing order, where the block holding each ends: its outermost table
 * or list, else its paragraph or heading. One pass over the container tags for all of them.
 */
function blockEnds(html: string): (at: number) => number {
  const containers = [...html.matchAll(/<(\/?)(?:table|ol|ul)\b[^>]*>/g)].map((tag) => ({ end: tag.index + tag[0].length, step: tag[1] === "/" ? -1 : 1, at: tag.index }));
  let next = 0;
  let depth = 0;
  return (at) => {
    for (; next < containers.length && containers[next]!.at < at; next++) depth += containers[next]!.step;
    if (depth > 0) {
      let open = depth;
      for (let i = next; i < containers.length; i++) {
        open += containers[i]!.step;
        if (open === 0) return containers[i]!.end;
      }
      return html.length;
    }
    const close = /<\/(?:p|h[1-6])>/g;
    close.lastIndex = at;
    const found = close.exec(html);
    return found === null ? html.length : found.index + found[0].length;
  };
}

/**
 * The package with its body rewritten for mammoth, or the bytes unchanged when nothing needed it: Word's automatic
 * numbering written into the text first (mammoth would drop it; it reads the paragraphs' original styles), then the
 * paragraphs' own outline levels turned into heading styles. Content controls still showing their prompt lose it first,
 * and pictures whose relationship is missing lose the reference.
 */
function rewriteBody(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  fileName: string,
  body: string | null,
  numbering: string | null,
  styles: string | null,
  relationships: string | null,
): Uint8Array {
  if (body === null) return bytes;
  const prompted = dropControlPrompts(dropDanglingPictures(body, relationships));
  const numbered = numbering === null ? prompted : (numberDocxParagraphs(prompted, numbering, styles) ?? prompted);
  const rewritten = markOutlineLevels(numbered);
  if (rewritten === body) return bytes;
  return writeStoredZip(
    entries
      .filter((entry) => !entry.name.endsWith("/"))
      .map((entry) => ({ name: entry.name, data: entry.name === "word/document.xml" ? new TextEncoder().encode(rewritten) : readZipEntry(bytes, entry, fileName) })),
  );
}

/**
 * A picture (DrawingML's a:blip, VML's v:imagedata) that names a relationship the document does not have, without the
 * reference: Word shows an empty frame, but mammoth looks the target up, gets nothing and throws, and a generator that
 * copied a template's body without its picture relationships made the whole document unreadable for one lost logo.
 */
function dropDanglingPictures(body: string, relationships: string | null): string {
  const known = new Set([...(relationships ?? "").matchAll(/\bId="([^"]*)"/g)].map((match) => match[1]!));
  return body.replace(/(<(?:a:blip|v:imagedata)\b[^>]*?)\s+r:(?:embed|id|link)="([^"]*)"/g, (reference, element: string, id: string) =>
    known.has(id) ? reference : element,
  );
}
