import { buildDocument, type BlockDraft } from "./build-document.ts";
import { learnLineJoining, type JoinLines, type LineEnd } from "./line-breaks.ts";
import type { Furniture, ParsedDocument } from "./types.ts";

/** A first line longer than this is prose, not a title. */
const MAX_TITLE_CHARS = 120;
/** A line of rule characters only ("=====", "-----", "=-=-=-", "*****"): an underline or a separator, never words. */
const RULE_LINE = /^[ \t]*[-=_*~+#](?:[ \t]*[-=_*~+#]){2,}[ \t]*$/;
/** A bulleted or numbered item: "* 두벌식 지원", "- item", "• item", "1. step", "2) step"; group 1 is its indent. */
const ITEM_LINE = /^([ \t]*)(?:[-*+•·]|\d{1,2}[.)])[ \t]+(\S.*)$/;
/** A line over a rule this long or shorter is a heading ("Nabi 나비" over "========"), a longer one is prose. */
const MAX_HEADING_CHARS = 80;

/**
 * Plain text: blank lines separate paragraphs. Lines inside a paragraph are joined with a space, because most text
 * files are hard-wrapped prose and a sentence must not end where the author's editor wrapped it. What READMEs and
 * FAQs print as structure is kept: a short line underlined with "===" or "---" is a heading, a rule line alone is a
 * separator (never text), and two or more bulleted or numbered lines in a paragraph are a list, one item a line
 * (a wrapped item's indented continuation joins its item), so items are not run together into one sentence. Runs of
 * spaces inside a line (justified text) become one space. An English word hyphenated at a line's end ("ap-" +
 * "plication", as nroff and fmt-justified files wrap) is joined as the PDF parser joins it (src/ingest/line-breaks.ts:
 * the hyphen stays when the document writes the pair with one elsewhere, "well-known"); every other wrap is a space.
 * nroff's overstrike (bold and underline by backspacing) is read as the letters it prints.
 */
export function parseText(text: string): ParsedDocument {
  const normalised = withoutOverstrike(text.replace(/\r\n?/g, "\n"));
  // The joiner learns from every line of the file: only a file with a hyphenated line end pays for it.
  let joinLines: JoinLines | undefined;
  const join = (paragraph: string, line: string): string =>
    HYPHENATED_END.test(paragraph)
      ? (joinLines ??= learnLineJoining(normalised.split("\n").map(clean)))(paragraph, line, HARD_WRAP)
      : `${paragraph} ${line}`;
  const paged = pagedText(normalised);
  const blocks: BlockDraft[] = [];
  // Paragraphs are what blank lines separate, each on the page it starts on.
  const separator = /\n[ \t]*\n/g;
  for (let start = 0; ; ) {
    const match = separator.exec(paged.text);
    const lines = paged.text.slice(start, match?.index ?? paged.text.length).split("\n").filter((line) => line.trim() !== "");
    const page = paged.pageAt(start);
    for (const block of paragraphBlocks(lines, join)) blocks.push({ ...block, page });
    if (match === null) break;
    start = match.index + match[0].length;
  }
  const firstLine = paged.text.split("\n").find((line) => line.trim() !== "" && !RULE_LINE.test(line))?.trim() ?? null;
  const title = firstLine !== null && firstLine.length < MAX_TITLE_CHARS ? firstLine : null;
  return buildDocument(blocks, { title, pageCount: paged.pageCount, warnings: [], furniture: paged.furniture });
}

/** nroff's centred page number ("-2-", "- 12 -"), alone on its line. */
const NROFF_PAGE_NUMBER = /^[ \t]*-[ \t]*(\d{1,4})[ \t]*-[ \t]*$/;
/** A page's first or last line recurring on at least this share of the pages is its running header or footer. */
const RUNNING_SHARE = 0.4;

interface PagedText {
  /** The text without its page furniture, a sentence the page cut joined again. */
  text: string;
  pageCount: number | null;
  furniture: Furniture[];
  /** The page an offset of `text` is on; null for a file without pages. */
  pageAt(offset: number): number | null;
}

/**
 * Pages of a paged text file and what they print around the text: form feeds end pages (RFCs and other text
 * formatted for a line printer), whose first and last lines are a running header and footer when they recur, page
 * number aside ("RFC 2616  HTTP/1.1  June 1999", "Fielding, et al.  Standards Track  [Page 7]"); a file without
 * form feeds is paged by nroff's centred page numbers ("-2-") when it prints two or more. The furniture is kept out
 * of the text (and kept for display), and a paragraph the page cut in two is joined again when the next page goes
 * on with a lower-case word.
 */
function pagedText(text: string): PagedText {
  const unpaged: PagedText = { text, pageCount: null, furniture: [], pageAt: () => null };
  const furniture: Furniture[] = [];
  let pages: Array<{ number: number; lines: string[] }>;
  if (text.includes("\f")) {
    const raw = text.split("\f").map((page) => page.split("\n"));
    while (raw.length > 1 && raw.at(-1)!.every((line) => line.trim() === "")) raw.pop();
    if (raw.length < 2) return unpaged;
    const key = (line: string | undefined): string | null =>
      line === undefined ? null : line.trim().replace(/\s+/g, " ").replace(/\d+/g, "#");
    const edge = (lines: string[], from: "first" | "last"): number => {
      const indexes = lines.map((line, index) => (line.trim() === "" ? -1 : index)).filter((index) => index >= 0);
      return (from === "first" ? indexes[0] : indexes.at(-1)) ?? -1;
    };
    const counts = (from: "first" | "last"): Map<string, number> => {
      const seen = new Map<string, number>();
      for (const lines of raw) {
        const found = key(lines[edge(lines, from)]);
        if (found !== null) seen.set(found, (seen.get(found) ?? 0) + 1);
      }
      return seen;
    };
    const headers = counts("first");
    const footers = counts("last");
    const running = (seen: Map<string, number>, line: string | undefined): boolean => {
      const found = key(line);
      const count = found === null ? 0 : (seen.get(found) ?? 0);
      return count >= 2 && count >= raw.length * RUNNING_SHARE;
    };
    pages = raw.map((lines, index) => {
      const kept = [...lines];
      const last = edge(kept, "last");
      if (last >= 0 && running(footers, kept[last])) {
        furniture.push({ page: index + 1, position: "footer", text: kept[last]!.trim().replace(/\s+/g, " ") });
        kept.splice(last, 1);
      }
      const first = edge(kept, "first");
      if (first >= 0 && running(headers, kept[first])) {
        furniture.push({ page: index + 1, position: "header", text: kept[first]!.trim().replace(/\s+/g, " ") });
        kept.splice(first, 1);
      }
      return { number: index + 1, lines: kept };
    });
  } else {
    const lines = text.split("\n");
    const marks = lines.flatMap((line, index) => {
      const number = NROFF_PAGE_NUMBER.exec(line)?.[1];
      return number === undefined ? [] : [{ index, number: Number(number) }];
    });
    if (marks.length < 2 || marks.some((mark, index) => index > 0 && mark.number <= marks[index - 1]!.number)) return unpaged;
    // ms and me print the number at the top of pages 2, 3…; a footer numbering starts at 1 on the first page.
    const header = marks[0]!.number !== 1;
    pages = [{ number: 1, lines: lines.slice(0, marks[0]!.index) }];
    marks.forEach((mark, index) => {
      const number = header ? mark.number : mark.number + 1;
      furniture.push({ page: header ? number : mark.number, position: header ? "header" : "footer", text: lines[mark.index]!.trim() });
      pages.push({ number, lines: lines.slice(mark.index + 1, marks[index + 1]?.index ?? lines.length) });
    });
  }
  let joined = "";
  const starts: Array<{ offset: number; page: number }> = [];
  for (const page of pages) {
    const body = page.lines.join("\n").replace(/^(?:[ \t]*\n)+/, "").replace(/\s+$/, "");
    if (body === "") continue;
    const goesOn = joined !== "" && /^[ \t]*\p{Ll}/u.test(body) && !/[.!?:]["')\]]?$/.test(joined);
    joined += joined === "" ? "" : goesOn ? "\n" : "\n\n";
    starts.push({ offset: joined.length, page: page.number });
    joined += body;
  }
  const pageAt = (offset: number): number | null => {
    let page: number | null = starts[0]?.page ?? null;
    for (const start of starts) {
      if (start.offset > offset) break;
      page = start.page;
    }
    return page;
  };
  return { text: joined, pageCount: pages.at(-1)?.number ?? null, furniture, pageAt };
}

/**
 * nroff's overstrike read as the letters it prints: a character, a backspace and the character struck over it
 * ("P\bP" bold, "_\bx" underlined) show the last one, as `col -b` keeps it.
 */
function withoutOverstrike(text: string): string {
  return text.includes("\x08") ? text.replace(/[^\n\x08]\x08/g, "") : text;
}

/** A line that ends inside an English word, with the hyphen the wrap put there. */
const HYPHENATED_END = /[A-Za-z]-$/;
/** How a text file's wrap is handed to the line joiner: the author's own break, with no space after it. */
const HARD_WRAP: LineEnd = { reachesRightEdge: true, spaceInTextLayer: false };

/** A line's words with single spaces between them: justified text pads lines with runs of spaces. */
function clean(line: string): string {
  return line.trim().replace(/[ \t]+/g, " ");
}

function paragraphBlocks(lines: readonly string[], join: (paragraph: string, line: string) => string): BlockDraft[] {
  const blocks: BlockDraft[] = [];
  const listed = lines.filter((line) => ITEM_LINE.test(line)).length >= 2;
  let prose: string[] = [];
  let items: Array<{ indent: number; text: string }> = [];
  const flush = (): void => {
    if (prose.length > 0) blocks.push({ kind: "paragraph", text: prose.reduce(join), page: null });
    if (items.length > 0) blocks.push({ kind: "list", text: items.map((item) => item.text).join("\n"), page: null });
    prose = [];
    items = [];
  };
  for (const line of lines) {
    if (RULE_LINE.test(line)) {
      const heading = prose.length === 1 && items.length === 0 && blocks.length === 0 ? prose[0]! : null;
      if (heading !== null && heading.length <= MAX_HEADING_CHARS) {
        blocks.push({ kind: "heading", level: line.includes("=") ? 1 : 2, text: heading, page: null });
        prose = [];
      } else flush();
      continue;
    }
    const item = listed ? ITEM_LINE.exec(line) : null;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (item !== null) {
      if (prose.length > 0) flush();
      items.push({ indent: item[1]!.length, text: clean(item[2]!) });
    } else if (items.length > 0 && indent > items.at(-1)!.indent) {
      items.at(-1)!.text = join(items.at(-1)!.text, clean(line));
    } else {
      if (items.length > 0) flush();
      prose.push(clean(line));
    }
  }
  flush();
  return blocks;
}
