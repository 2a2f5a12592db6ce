import { buildDocument, type BlockDraft } from "./build-document.ts";
import { learnLineJoining, type JoinLines, type LineEnd } from "./line-breaks.ts";
import type { ParsedDocument } from "./types.ts";

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
  const blocks = normalised
    .split(/\n[ \t]*\n/)
    .flatMap((paragraph) => paragraphBlocks(paragraph.split("\n").filter((line) => line.trim() !== ""), join));
  const firstLine = normalised.split("\n").find((line) => line.trim() !== "" && !RULE_LINE.test(line))?.trim() ?? null;
  const title = firstLine !== null && firstLine.length < MAX_TITLE_CHARS ? firstLine : null;
  return buildDocument(blocks, { title, pageCount: null, warnings: [] });
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
