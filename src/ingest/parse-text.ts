import { buildDocument, type BlockDraft } from "./build-document.ts";
import { learnLineJoining, type JoinLines, type LineEnd } from "./line-breaks.ts";
import type { Furniture, ParsedDocument } from "./types.ts";

/** A first line longer than this is prose, not a title. */
const MAX_TITLE_CHARS = 120;
/** A line of rule characters only ("=====", "-----", "=-=-=-", "*****"): an underline or a separator, never words. */
const RULE_LINE = /^[ \t]*[-=_*~+#](?:[ \t]*[-=_*~+#]){2,}[ \t]*$/;
/** A bulleted or numbered item: "* 두벌식 지원", "- item", "• item", "1. step", "2) step"; group 1 is its indent. */
const ITEM_LINE = /^([ \t]*)(?:[-*+•·]|\d{1,2}[.)])[ \t]+(\S.*)$/;
/** A line led by a section number with a dot: "1. 개요", "2.1. 지원하는 하드웨어", "2.1.1 CPU". */
const OUTLINE_LINE = /^[ \t]*\d{1,2}(?:\.\d{1,2}){0,4}\.?[ \t]+\S/;
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
 * the hyphen stays when the document writes the pair with one elsewhere, "well-known"). In a file wrapped at a fixed
 * width that cuts words (w3m and lynx dumps cut Hangul between any two syllables: "있습니" + "다."), a cut between
 * two Hangul syllables is joined or spaced by the same joiner, from how the file writes the two syllables inside
 * its lines. Every other wrap is a space. nroff's overstrike (bold and underline by backspacing) is read as the
 * letters it prints.
 */
export function parseText(text: string): ParsedDocument {
  const normalised = withoutOverstrike(text.replace(/\r\n?/g, "\n"));
  // The joiner learns from every line of the file: only a file with a hyphenated line end, or with Hangul on both
  // sides of a wrap in a file wrapped at a fixed width, pays for it.
  let joinLines: JoinLines | undefined;
  const joiner = (): JoinLines => (joinLines ??= learnLineJoining(normalised.split("\n").map(clean)));
  const width = wordCuttingWidth(normalised.split("\n"));
  const join = (paragraph: string, line: string, wrapped: string): string => {
    if (HYPHENATED_END.test(paragraph)) return joiner()(paragraph, line, HARD_WRAP);
    if (width !== null && HANGUL.test(paragraph.at(-1) ?? "") && HANGUL.test(line[0] ?? "")) {
      // A line cut at the width may end inside a word; a shorter one ended at a space.
      return joiner()(paragraph, line, { reachesRightEdge: columns(wrapped) >= width - 2, spaceInTextLayer: false, cutsWords: true });
    }
    return `${paragraph} ${line}`;
  };
  // A drawn table's cell wraps where its own edge falls: the same joiner decides a Hangul cut there.
  const joinCell: JoinCell = (text, part, atEdge) => joiner()(text, part, { reachesRightEdge: atEdge, spaceInTextLayer: false, cutsWords: true });
  const paged = pagedText(normalised);
  const blocks: BlockDraft[] = [];
  // Paragraphs are what blank lines separate, each on the page it starts on.
  const separator = /\n[ \t]*\n/g;
  for (let start = 0; ; ) {
    const match = separator.exec(paged.text);
    const lines = paged.text.slice(start, match?.index ?? paged.text.length).split("\n").filter((line) => line.trim() !== "");
    const page = paged.pageAt(start);
    for (const block of paragraphBlocks(lines, join, joinCell)) blocks.push({ ...block, page });
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

const HANGUL = /^[\uac00-\ud7a3]$/;
/** Characters a fixed-width font draws two columns wide: Hangul, CJK, full-width forms. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;
/** Fewer wrapped lines than this say nothing about a file's width. */
const MIN_WRAPPED_LINES = 20;

/** The columns a line takes in a fixed-width font, trailing spaces left out. */
function columns(line: string): number {
  const text = line.trimEnd();
  return text.length + (text.match(WIDE)?.length ?? 0);
}

/** A file whose wrapped lines reach its width this often was cut wherever the width fell, not at spaces. */
const CUT_SHARE = 0.6;
/** Lines with a run of spaces inside: a file with this many is justified, padded to the width at its spaces. */
const JUSTIFIED_SHARE = 0.1;

/**
 * The width a file was wrapped at when its wrap cuts words: w3m and lynx dumps cut Hangul between any two syllables,
 * so nearly every wrapped line fills the width, where a wrap at spaces leaves a ragged edge (and justified text,
 * which fills it too, pads its spaces). The width is the 90th percentile of the columns of lines followed by
 * another line of the same paragraph (a longer URL or code line is an outlier). Null for any other file: too few
 * wrapped lines, lines too short to be wrapped prose, a ragged or justified edge.
 */
function wordCuttingWidth(lines: readonly string[]): number | null {
  const wrapped: string[] = [];
  for (let index = 0; index + 1 < lines.length; index++) {
    if (lines[index]!.trim() !== "" && lines[index + 1]!.trim() !== "") wrapped.push(lines[index]!);
  }
  if (wrapped.length < MIN_WRAPPED_LINES) return null;
  const widths = wrapped.map(columns).sort((left, right) => left - right);
  const width = widths[Math.floor(widths.length * 0.9)]!;
  if (width < 40) return null;
  const atEdge = widths.filter((columnsUsed) => columnsUsed >= width - 2).length / widths.length;
  const justified = wrapped.filter((line) => /\S {2,}\S/.test(line.trim())).length / wrapped.length;
  return atEdge >= CUT_SHARE && justified < JUSTIFIED_SHARE ? width : null;
}

/** A line's words with single spaces between them: justified text pads lines with runs of spaces. */
function clean(line: string): string {
  return line.trim().replace(/[ \t]+/g, " ");
}

/** Joins a line to the text before it; `wrapped` is the raw line the wrap came after. */
type Join = (paragraph: string, line: string, wrapped: string) => string;

/** Joins a drawn table cell's next line to its text; `atEdge` when the line before filled the cell. */
type JoinCell = (text: string, part: string, atEdge: boolean) => string;

function paragraphBlocks(lines: readonly string[], join: Join, joinCell: JoinCell): BlockDraft[] {
  const table = boxTable(lines, joinCell);
  if (table !== null) return [{ kind: "table", text: table, page: null }];
  // Section numbers leading every line of two, or most of three or more: an outline (a table of contents without
  // page numbers, as text dumps of manuals print it), one entry a line with its numbers.
  const numbered = lines.filter((line) => OUTLINE_LINE.test(line)).length;
  if (lines.length >= 2 && (numbered === lines.length || (lines.length >= 3 && numbered >= lines.length * 0.6))) {
    return [{ kind: "list", text: lines.map(clean).join("\n"), page: null }];
  }
  const blocks: BlockDraft[] = [];
  const listed = lines.filter((line) => ITEM_LINE.test(line)).length >= 2;
  let prose: Array<{ text: string; raw: string }> = [];
  let items: Array<{ indent: number; text: string; raw: string }> = [];
  const flush = (): void => {
    if (prose.length > 0) {
      const text = prose.slice(1).reduce((joined, line, index) => join(joined, line.text, prose[index]!.raw), prose[0]!.text);
      blocks.push({ kind: "paragraph", text, page: null });
    }
    if (items.length > 0) blocks.push({ kind: "list", text: items.map((item) => item.text).join("\n"), page: null });
    prose = [];
    items = [];
  };
  for (const line of lines) {
    if (RULE_LINE.test(line)) {
      const heading = prose.length === 1 && items.length === 0 && blocks.length === 0 ? prose[0]!.text : null;
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
      items.push({ indent: item[1]!.length, text: clean(item[2]!), raw: line });
    } else if (items.length > 0 && indent > items.at(-1)!.indent) {
      const last = items.at(-1)!;
      last.text = join(last.text, clean(line), last.raw);
      last.raw = line;
    } else {
      if (items.length > 0) flush();
      prose.push({ text: clean(line), raw: line });
    }
  }
  flush();
  return blocks;
}

/** Box-drawing characters that end a cell: every one but the horizontal rules. */
const BOX_JUNCTION = /[\u2502\u2503\u250c-\u254b\u2551-\u256c]/;
/** A cell of a drawn rule: horizontal box-drawing characters only. */
const BOX_RULE = /^[\u2500\u2501\u2504\u2505\u2508\u2509\u254c\u254d\u2550]+$/;

/**
 * A table drawn with box characters, as w3m and lynx print HTML tables and many tools print theirs: one row a line,
 * cells joined by " | " (as HTML tables are), trailing empty cells left off. Rows are the bands between rules across
 * the whole table; a rule across some columns only splits the band into rows there, and the cells of the other
 * columns, which span those rows, are repeated on each. A cell's lines are joined as the dump wrapped them: Hangul
 * cut at the cell's edge joins without a space. Null when the lines are not all such a table.
 */
function boxTable(lines: readonly string[], joinCell: JoinCell): string | null {
  if (lines.length < 3 || !/^[\u250c\u250f\u2552-\u2554]/.test(lines[0]!.trim())) return null;
  const rows = lines.map((line) => line.trim().split(BOX_JUNCTION));
  if (rows.some((row) => row.length < 3 || row[0] !== "" || row.at(-1) !== "")) return null;
  const cells = rows.map((row) => row.slice(1, -1));
  const isRule = (cell: string) => BOX_RULE.test(cell);
  const out: string[] = [];
  let band: string[][] = [];
  for (const row of [...cells, ["─"]]) {
    if (!row.every(isRule)) {
      band.push(row);
      continue;
    }
    // A band whose lines split into different numbers of cells is not a table this reads (a row spanning all
    // columns, such as a table's footnote, has one cell on each of its lines, which is fine).
    if (band.some((line) => line.length !== band[0]!.length)) return null;
    out.push(...bandRows(band, isRule, joinCell));
    band = [];
  }
  return out.length === 0 ? null : out.join("\n");
}

/** The rows of one band of a drawn table (see boxTable). */
function bandRows(band: readonly string[][], isRule: (cell: string) => boolean, joinCell: JoinCell): string[] {
  const spans: Array<[number, number]> = [];
  let start = 0;
  band.forEach((row, index) => {
    if (!row.some(isRule)) return;
    if (index > start) spans.push([start, index]);
    start = index + 1;
  });
  if (start < band.length) spans.push([start, band.length]);
  return spans.flatMap(([from, to]) => {
    const texts = band[0]!.map((_, column) => {
      let top = from;
      while (top > 0 && !isRule(band[top - 1]![column]!)) top--;
      let bottom = to;
      while (bottom < band.length && !isRule(band[bottom]![column]!)) bottom++;
      return cellText(band.slice(top, bottom).map((row) => row[column]!), joinCell);
    });
    while (texts.length > 0 && texts.at(-1) === "") texts.pop();
    return texts.length === 0 ? [] : [texts.join(" | ")];
  });
}

/**
 * A drawn cell's lines as one text: Hangul on both sides of a wrap at the cell's edge is joined or spaced by the
 * line joiner (dumps cut cells inside words and at spaces both), any other wrap is a space.
 */
function cellText(lines: readonly string[], joinCell: JoinCell): string {
  let text = "";
  let reachedEdge = false;
  for (const line of lines) {
    const part = clean(line);
    if (part === "") continue;
    text = text === "" ? part : HANGUL.test(text.at(-1)!) && HANGUL.test(part[0]!) ? joinCell(text, part, reachedEdge) : `${text} ${part}`;
    reachedEdge = columns(line) >= line.length + (line.match(WIDE)?.length ?? 0) - 2;
  }
  return text;
}
