/**
 * From positioned lines to blocks, for paged documents: running headers and footers come out, lines join into
 * paragraphs (Korean words and hyphenated English words put back together), tables of contents and indexes are
 * marked, and headings are found from the outline or from numbering. Pure: pdf.js stays in parse-pdf.ts.
 */
import { joinLetterSpacedWord, type BlockDraft } from "./build-document.ts";
import { findRunningLines } from "./furniture.ts";
import { learnLineJoining, type JoinLines } from "./line-breaks.ts";
import { isBareTitle, isContentsLine, isContentsTitle, isDateAlone, isIndexLine, isIndexTitle, numberedHeadingLevel } from "./structure.ts";
import type { BlockRole, Furniture } from "./types.ts";

export interface Line {
  text: string;
  x: number;
  endX: number;
  y: number;
  fontSize: number;
  /** The text layer had whitespace at the start or the end of the line (trimmed from `text`). */
  spaceAtStart: boolean;
  spaceAtEnd: boolean;
  /** Every word of the line is set in a monospaced font (code, a command, a path). */
  monospace?: boolean;
  /** Every word of the line is set in a bold font, in one run (no column gap: not a table's header row). */
  bold?: boolean;
  /** The line's runs of text parted by column gaps, when it has more than one: a table row's cells. */
  cells?: Cell[];
}

/** A run of a line's text set apart from the rest by a column gap. */
export interface Cell {
  text: string;
  x: number;
  endX: number;
  /** The size of the cell's largest type. */
  fontSize?: number;
}

export interface PositionedText {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
  /** The item's font is monospaced (pdf.js's fallback family for it is "monospace"). */
  monospace?: boolean;
  /** The item's font is bold (by its name). */
  bold?: boolean;
}

export interface OutlineEntry {
  title: string;
  /** 1 for top-level entries. */
  level: number;
  /** 1-based physical page the entry points at. */
  page: number;
  /** Height on the page the entry points at, when its destination gives one. */
  top: number | null;
}

interface PageOfLines {
  page: number;
  lines: Line[];
}

/** Where a section starts: a line of a page, which is the heading itself when `isHeadingLine`. */
interface SectionStart {
  page: number;
  line: number;
  level: number;
  title: string;
  /** How many lines the printed heading spans (0 when the title was not found on the page). */
  headingLines: number;
  order: number;
}

/** `tables`: read tables row by row (off by default: measured in BENCHMARKS.md, audit16kpdf). */
export interface TableOption {
  tables?: boolean;
}

export function layOutPages(
  pages: readonly PageOfLines[],
  documentOutline: readonly OutlineEntry[],
  options: TableOption = {},
): { blocks: BlockDraft[]; furniture: Furniture[] } {
  const furniture: Furniture[] = [];
  const running = findRunningLines(pages, documentOutline.map((entry) => entry.title));
  const removed = new Map<number, Set<number>>();
  for (const line of running) {
    if (!removed.has(line.page)) removed.set(line.page, new Set());
    removed.get(line.page)!.add(line.index);
  }
  const bodyPages = pages.map(({ page, lines }) => {
    const drop = removed.get(page);
    if (drop === undefined) return { page, lines };
    lines.forEach((line, index) => {
      if (!drop.has(index)) return;
      const position = running.find((candidate) => candidate.page === page && candidate.index === index)!.position;
      furniture.push({ page, position, text: line.text });
    });
    return { page, lines: lines.filter((_, index) => !drop.has(index)) };
  });

  const join = learnLineJoining(bodyPages.flatMap(({ lines }) => lines.map((line) => line.text)));
  const bodyFontSize = commonFontSize(bodyPages.flatMap(({ lines }) => lines));
  const outline = structuralOutline(bodyPages, documentOutline);
  const starts = outline.length > 0 ? outlineStarts(bodyPages, outline) : [];
  const titleSizes = outline.length > 0 ? [] : sizedTitleSizes(bodyPages.flatMap(({ lines }) => lines), bodyFontSize);
  const roles = lineRoles(bodyPages);

  const blocks: BlockDraft[] = [];
  // Pages whose last line of text runs to the right margin: a paragraph there goes on overleaf.
  const runsOver = new Set<number>();
  const path: Array<{ level: number; title: string }> = [];
  let startIndex = 0;
  let lastSectionLevel = 0;
  // The numbered heading a subsection below the outline's depth would number itself under ("9.3.2" for "9.3.2.1").
  let numbered: NumberedHeading[] = [];
  bodyPages.forEach(({ page, lines }, pageIndex) => {
    const pageRoles = roles[pageIndex]!;
    const headingAt = new Map<number, { level: number; lines: number }>();
    const sectionAt = new Map<number, SectionStart[]>();
    while (startIndex < starts.length && starts[startIndex]!.page === page) {
      const start = starts[startIndex++]!;
      if (!sectionAt.has(start.line)) sectionAt.set(start.line, []);
      sectionAt.get(start.line)!.push(start);
      if (start.headingLines > 0 && !headingAt.has(start.line)) headingAt.set(start.line, { level: start.level, lines: start.headingLines });
    }
    if (outline.length > 0) {
      const textSize = pageTextSize(lines.filter((_line, index) => pageRoles[index] === "body"), bodyFontSize);
      numbered = subheadingsBelowOutline(page, lines, pageRoles, textSize, headingAt, sectionAt, numbered);
    }
    if (outline.length === 0) {
      const gaps = lines.slice(1).map((line, index) => lines[index]!.y - line.y);
      const usualGap = lineSpacings(lines, gaps).get(0) ?? null;
      const bodyLines = lines.filter((_line, index) => pageRoles[index] === "body");
      const textLeft = commonLeft(bodyLines);
      const textSize = pageTextSize(bodyLines, bodyFontSize);
      let titleEnd = -1;
      lines.forEach((line, index) => {
        // A date alone is no title, however it is set: a LaTeX title block's "November, 2002" under its author.
        if (pageRoles[index] !== "body" || index <= titleEnd || isDateAlone(line.text)) return;
        const level =
          inferredHeadingLevel(lines, index, textSize, usualGap, lastSectionLevel + 1) ??
          (isOutdentedTitle(line, textLeft, lines[index - 1], lines[index + 1]) ? 1 : null);
        const sized = level === null ? sizedTitle(lines, index, titleSizes, usualGap) : null;
        const bold = level === null && sized === null ? boldTitle(lines, index, usualGap) : 0;
        if (bold > 0) {
          // A bold title in the text's size ranks under the numbered and larger titles around it, and does not move
          // them: the next such title is its sibling, not its child. A numbered one ("1. Purpose") keeps its number's.
          const text = lines.slice(index, index + bold).map((part) => part.text).join(" ");
          const numbered = numberedHeadingLevel(text, lastSectionLevel + 1);
          headingAt.set(index, { level: numbered ?? Math.min(6, Math.max(titleSizes.length, lastSectionLevel) + 1), lines: bold });
          titleEnd = index + bold - 1;
          if (numbered !== null && !/^(?:Q\d*\s*[.:)]|질문|Q\s)/.test(text)) lastSectionLevel = numbered;
          return;
        }
        if (level === null && sized === null) return;
        headingAt.set(index, level !== null ? { level, lines: 1 } : sized!);
        titleEnd = index + (sized?.lines ?? 1) - 1;
        if (!/^(?:Q\d*\s*[.:)]|질문|Q\s)/.test(line.text)) lastSectionLevel = level ?? sized!.level;
      });
    }
    const last = lines.at(-1);
    if (last !== undefined && pageRoles.at(-1) === "body") {
      const rightEdge = Math.max(...lines.map((line) => line.endX));
      if (last.endX >= rightEdge - Math.max(2 * last.fontSize, (rightEdge - last.x) * 0.05)) runsOver.add(page);
    }
    for (const paragraph of linesToParagraphs(lines, join, headingAt, pageRoles, options.tables === true)) {
      const role = pageRoles[paragraph.firstLine]!;
      for (const start of collectStarts(sectionAt, paragraph.firstLine, paragraph.lastLine)) {
        while (path.length > 0 && path.at(-1)!.level >= start.level) path.pop();
        path.push({ level: start.level, title: start.title });
      }
      const draft: BlockDraft = paragraph.heading
        ? { kind: "heading", level: paragraph.heading, text: paragraph.text, page }
        : { kind: paragraph.code === true && role === "body" ? "code" : paragraph.table === true ? "table" : "paragraph", text: paragraph.text, page };
      if (role !== "body") draft.role = role;
      if (outline.length > 0) draft.section = path.map((part) => part.title);
      blocks.push(draft);
    }
  });
  finishSentencesAcrossPages(blocks, join, runsOver);
  return { blocks, furniture };
}

/** A printed heading's number ("9.3.2") and its section's level. */
interface NumberedHeading {
  number: string;
  level: number;
}

/** The number a heading line opens with: "9.3.2 Null marking" → "9.3.2", "Chapter 2 Overview" → "2". */
function headingNumber(text: string): string | null {
  return /^(?:(?:chapter|part|appendix)\s+)?(\d{1,2}(?:\.\d{1,2}){0,5})\.?\s/i.exec(text)?.[1] ?? null;
}

/**
 * Subsections an outline does not go down to ("9.3.2.1 Finding flanking zero pairs" under the bookmarked "9.3.2 Null
 * marking", when the bookmarks stop at level 3; "3.1" under an outline of chapters only) were read as paragraphs of
 * the section above, their titles quoted as text. A line numbered as the next level under the last numbered heading
 * (or one it is under), short, not a sentence, starting with a capital and set apart from the lines around it (by space
 * or by a larger type) opens a subsection there: its heading and a section. `open` holds the numbered headings in force, outermost first; the
 * headings in force at the end of the page are returned.
 */
function subheadingsBelowOutline(
  page: number,
  lines: readonly Line[],
  roles: readonly BlockRole[],
  textSize: number,
  headingAt: Map<number, { level: number; lines: number }>,
  sectionAt: Map<number, SectionStart[]>,
  open: readonly NumberedHeading[],
): NumberedHeading[] {
  const gaps = lines.slice(1).map((line, index) => lines[index]!.y - line.y);
  const usualGap = lineSpacings(lines, gaps).get(0) ?? null;
  let stack = [...open];
  for (let index = 0; index < lines.length; index++) {
    const heading = headingAt.get(index);
    if (heading !== undefined) {
      const number = headingNumber(lines.slice(index, index + heading.lines).map((part) => part.text).join(" "));
      stack = number === null ? [] : [{ number, level: heading.level }];
      index += heading.lines - 1;
      continue;
    }
    if (stack.length === 0 || roles[index] !== "body") continue;
    const line = lines[index]!;
    const number = headingNumber(line.text);
    if (number === null || line.text.length > 80 || /[.,;:!?]["'”’)]?$/.test(line.text)) continue;
    if (!/^\S+\s+\p{Lu}/u.test(line.text) || /^(?:chapter|part|appendix)\s/i.test(line.text)) continue;
    const parent = stack.findLastIndex((open) => number.startsWith(`${open.number}.`) && !number.slice(open.number.length + 1).includes("."));
    if (parent === -1) continue;
    const usual = usualGap ?? line.fontSize * 1.2;
    const apart = (upper: Line | undefined, lower: Line | undefined) => upper === undefined || lower === undefined || isParagraphGap(upper.y - lower.y, usual);
    // A title in a larger type than the text is set apart by its size alone: pandoc's xelatex template leaves no more
    // space under "2.1.1 Installing Docker" (12 pt over 10 pt text) than between lines, nor between two such titles.
    const larger = line.fontSize >= textSize * TITLE_SIZE_RATIO;
    // A title wrapped onto a second line in its size, which goes on in lower case ("…without some Debian-" over
    // "specific tweaking?"), is one heading. A larger title's second line may measure a little smaller ("going on",
    // without capitals or ascenders) but is still larger than the text.
    const next = lines[index + 1];
    const sameSize = (other: Line) => Math.abs(other.fontSize - line.fontSize) < 0.5 || (larger && other.fontSize >= textSize * TITLE_SIZE_RATIO);
    const wrapped = next !== undefined && roles[index + 1] === "body" && /^\p{Ll}/u.test(next.text) && sameSize(next);
    if (wrapped && /[.,;:!]["'”’)]?$/.test(next.text)) continue;
    const count = wrapped ? 2 : 1;
    if (!larger && (!apart(lines[index - 1], line) || !apart(lines[index + count - 1], lines[index + count]))) continue;
    const level = stack[parent]!.level + 1;
    const first = line.text.replace(/^\S+\s+/, "").trim();
    const title = wrapped ? (first.endsWith("-") ? first + next.text.trim() : `${first} ${next.text.trim()}`) : first;
    headingAt.set(index, { level, lines: count });
    sectionAt.set(index, [...(sectionAt.get(index) ?? []), { page, line: index, level, title, headingLines: count, order: Number.MAX_SAFE_INTEGER }]);
    stack = [...stack.slice(0, parent + 1), { number, level }];
    index += count - 1;
  }
  return stack;
}

/** A list item's letter mark: "b. ", "c) ", "(d) ". */
const LETTERED_ITEM = /^(?:[a-z][.)]|\([a-z]\))\s/;

/** The most text carried back over a page break: the end of one sentence, never a paragraph's worth. */
const MAX_CARRIED_CHARS = 300;

/**
 * A paragraph that a page break cuts mid-sentence ("…which may not be" | "wanted. To avoid this…") would be quoted as
 * two broken sentences. The end of the sentence is carried back to the page it starts on, so a quote reads whole and
 * cites the page where it begins; the rest of the paragraph stays on its own page. Only when the page ends without a
 * sentence's end and the next page's first paragraph starts in lower case, or, in Korean, which has no case, when the
 * page's last line runs to the margin and the next page's text starts with a syllable, not an item's mark
 * ("…위반사실을 구체적으" | "로 명시)과 …").
 */
function finishSentencesAcrossPages(blocks: BlockDraft[], join: JoinLines, runsOver: ReadonlySet<number>): void {
  for (let index = 0; index + 1 < blocks.length; index++) {
    const before = blocks[index]!;
    const after = blocks[index + 1]!;
    if (before.kind !== "paragraph" || after.kind !== "paragraph" || before.role !== undefined || after.role !== undefined) continue;
    if (before.page == null || after.page !== before.page + 1) continue;
    if (/[.!?:;。]["'”’)]?$/.test(before.text)) continue;
    // A lettered item's mark ("b. com.dslfoundry.plaintext" after "a. …" on the page before) opens no sentence's end.
    const goesOn =
      (/^[a-z]/.test(after.text) && !LETTERED_ITEM.test(after.text)) ||
      (runsOver.has(before.page) && /^[\uac00-\ud7a3]/.test(after.text) && !ITEM_START.test(after.text));
    if (!goesOn) continue;
    // The next item's mark ("나.", "2.") ends the carried text; its period ends no sentence.
    const nextItem = /\s(?=(?:[가-하]|\d{1,2})[.)]\s)/.exec(after.text.slice(0, MAX_CARRIED_CHARS + 1));
    // A paragraph overleaf that ends without a sentence's end, short enough, is the rest of the text whole: a
    // definition's last words ("…(이하 “가명정보”라 한다)") before the next item on a line of its own.
    const end =
      /^.*?[.!?]["'”’)]?(?=\s|$)/.exec(after.text.slice(0, nextItem?.index ?? MAX_CARRIED_CHARS + 1)) ??
      (nextItem !== null ? [after.text.slice(0, nextItem.index)] : after.text.length <= MAX_CARRIED_CHARS ? [after.text] : null);
    if (end === null) continue;
    before.text = join(before.text, end[0], { reachesRightEdge: true, spaceInTextLayer: false });
    const rest = after.text.slice(end[0].length).trim();
    if (rest === "") blocks.splice(index + 1, 1);
    else after.text = rest;
  }
}

/** An article's printed title at the start of a line or an outline entry: "제12조(연차휴가)", "제3조의2 (정의)". */
const ARTICLE_TITLE = /^\s*제\s*\d+\s*조(?:\s*의\s*\d+)?\s*[(（]/u;

/**
 * The outline entries that are the document's structure. A regulation exported from Hancom keeps its author's
 * bookmarks (under a "책갈피" entry) on a few of its articles; taken for sections, "제22조(가족수당)" became the
 * section of 제23조 to 제27조 (their lexical terms too). Article entries naming fewer than half the articles the
 * pages print are such bookmarks and are left out (the article is the chunk's clause path anyway); when what remains
 * points at one page only, there is no outline to follow and the headings are found as without one.
 */
function structuralOutline(pages: readonly PageOfLines[], bookmarks: readonly OutlineEntry[]): readonly OutlineEntry[] {
  const outline = bookmarks.filter((entry) => !isBookmarkedSentence(entry.title));
  const articleEntries = outline.filter((entry) => ARTICLE_TITLE.test(entry.title)).length;
  if (articleEntries === 0) return nestedByNumbers(outline);
  const printedArticles = pages.reduce((count, { lines }) => count + lines.filter((line) => ARTICLE_TITLE.test(line.text)).length, 0);
  if (articleEntries * 2 >= printedArticles) return nestedByNumbers(outline);
  const rest = outline.filter((entry) => !ARTICLE_TITLE.test(entry.title));
  return new Set(rest.map((entry) => entry.page)).size > 1 ? nestedByNumbers(rest) : [];
}

/**
 * Whether the bookmarks alone make the document's structure, whatever its pages print: some entry is a title (not a
 * sentence) and none is an article's (those are weighed against the articles the pages print). Headings are then
 * never inferred from the pages, so bold titles are not looked for and the fonts' names are not needed.
 */
export function outlineIsStructure(bookmarks: readonly OutlineEntry[]): boolean {
  const outline = bookmarks.filter((entry) => !isBookmarkedSentence(entry.title));
  return outline.length > 0 && !outline.some((entry) => ARTICLE_TITLE.test(entry.title));
}

/**
 * An outline entry that is a sentence, not a title: 한글 makes a bookmark of every paragraph in one of its 개요
 * (outline) styles, and authors number their body paragraphs with them, so a Hancom PDF's outline can hold "데이터 상의
 * 오류로 판단하여 해당 공연 데이터는 모두 제거하였다." (or a whole 1,000-character paragraph) between its titles. A
 * Korean sentence ends in a verb's final ending and a full stop; a title does not.
 */
function isBookmarkedSentence(title: string): boolean {
  const text = title.trim();
  const words = text.split(/\s+/).length;
  return (words >= 3 && /(?:다|요|음|함|됨|임)\s*[.。]$/u.test(text)) || (words >= 10 && /\p{Ll}[.!?]$/u.test(text)) || text.length > 200;
}

/** A section number leading a title ("3.1.6 Leaves", "4.0 Confidentiality"), trailing zeros dropped: [3, 1, 6], [4]. */
function sectionNumber(title: string): number[] | null {
  const match = /^\s*(\d{1,3}(?:\.\d{1,3})*)\.?\s+\S/u.exec(title);
  if (match === null) return null;
  const parts = match[1]!.split(".").map(Number);
  while (parts.length > 1 && parts.at(-1) === 0) parts.pop();
  return parts;
}

/**
 * The outline with each numbered entry taken out of numbered parents whose number does not lead its own. A Word
 * document's heading styles can disagree with its numbering (the Algolix handbook's "4.0 Confidentiality" one level
 * under "3.1.6 Leaves Segregation"), and the whole chapter then had the leave section's title in its path.
 */
function nestedByNumbers(outline: readonly OutlineEntry[]): OutlineEntry[] {
  const open: Array<{ level: number; depth: number; number: number[] | null }> = [];
  return outline.map((entry) => {
    while (open.length > 0 && open.at(-1)!.level >= entry.level) open.pop();
    const number = sectionNumber(entry.title);
    if (number !== null) {
      const leads = (parent: number[]) => parent.length < number.length && parent.every((part, i) => part === number[i]);
      while (open.length > 0 && open.at(-1)!.number !== null && !leads(open.at(-1)!.number!)) open.pop();
    }
    const depth = (open.at(-1)?.depth ?? 0) + 1;
    open.push({ level: entry.level, depth, number });
    return depth === entry.level ? entry : { ...entry, level: depth };
  });
}

/** Section starts attached to lines first..last of a paragraph, in outline order. */
function collectStarts(sectionAt: Map<number, SectionStart[]>, first: number, last: number): SectionStart[] {
  const found: SectionStart[] = [];
  for (let line = first; line <= last; line++) found.push(...(sectionAt.get(line) ?? []));
  return found.sort((a, b) => a.order - b.order);
}

/** Letters and digits only, lower-cased: how outline titles and printed headings are compared. */
function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Places each outline entry on a line of its page: the line (or two lines) that prints its title, possibly after
 * a number ("1.1 간략한 역사" for "간략한 역사"); otherwise the first line at or below the destination's height;
 * otherwise the top of the page.
 */
function outlineStarts(pages: readonly PageOfLines[], outline: readonly OutlineEntry[]): SectionStart[] {
  const byPage = new Map(pages.map((page) => [page.page, page.lines]));
  const starts: SectionStart[] = [];
  outline.forEach((entry, order) => {
    const lines = byPage.get(entry.page);
    if (lines === undefined) return;
    const title = comparable(entry.title);
    const printed: Array<{ line: number; count: number }> = [];
    for (let index = 0; index < lines.length && title !== ""; index++) {
      const count = titleLinesAt(lines, index, title);
      if (count > 0) printed.push({ line: index, count });
    }
    // Where the page prints the title more than once (a function's name in the prose before its own heading, every
    // function's "Parameters", a running header repeating the section's title), the one nearest the destination, at
    // or below it (up to a line's height: some producers point at the title's baseline), is the heading.
    const nearDestination =
      entry.top === null
        ? []
        : printed
            .filter(({ line }) => lines[line]!.y <= entry.top! + lines[line]!.fontSize)
            .sort((a, b) => Math.abs(entry.top! - lines[a.line]!.y) - Math.abs(entry.top! - lines[b.line]!.y));
    const found = nearDestination[0] ?? printed[0] ?? null;
    // A title that starts its line's text ("제1조(목적) 이 법은 …"): the first such line at or just below the
    // destination, which some producers set at the baseline of the line before the title (law.go.kr's PDFs).
    const opensLine =
      found !== null || title.length < 3
        ? -1
        : lines.findIndex(
            (candidate) =>
              (entry.top === null || (candidate.y <= entry.top + 1 && candidate.y >= entry.top - 4 * candidate.fontSize)) &&
              comparable(candidate.text).startsWith(title),
          );
    let line = found?.line ?? (opensLine === -1 ? 0 : opensLine);
    if (found === null && opensLine === -1 && entry.top !== null) {
      const below = lines.findIndex((candidate) => candidate.y <= entry.top! + 1);
      // A destination under the page's last line, whose title opens the next page: pdfTeX's hyperref sets the anchor
      // before the heading, and a page break between them leaves it at the foot of the page before ("1.5 프로젝트
      // 구성요소" bookmarked at page 11, y=83, below its last line, printed atop page 12).
      const overleaf = below === -1 ? titleOpening(pages[pages.findIndex((page) => page.page === entry.page) + 1], title) : null;
      if (overleaf !== null) {
        starts.push({ page: overleaf.page, line: overleaf.line, level: entry.level, title: entry.title.trim(), headingLines: overleaf.count, order });
        return;
      }
      line = below === -1 ? lines.length - 1 : below;
    }
    starts.push({ page: entry.page, line, level: entry.level, title: entry.title.trim(), headingLines: found?.count ?? 0, order });
  });
  return starts.sort((a, b) => a.page - b.page || a.line - b.line || a.order - b.order);
}

/** Lines from the top of a page that a section's printed title may follow (a running header left in, a rule's label). */
const OPENING_LINES = 3;

/** Where `page` prints the comparable `title` on one of its first lines, over one line or two. */
function titleOpening(page: PageOfLines | undefined, title: string): { page: number; line: number; count: number } | null {
  if (page === undefined || title === "") return null;
  for (let index = 0; index < Math.min(OPENING_LINES, page.lines.length); index++) {
    const count = titleLinesAt(page.lines, index, title);
    if (count > 0) return { page: page.page, line: index, count };
  }
  return null;
}

/**
 * How many lines from `index` print the comparable `title`: 1 when that line does, 2 when it starts the title and
 * the next line completes it (one more under a chapter's label), 0 when none.
 */
function titleLinesAt(lines: readonly Line[], index: number, title: string): number {
  const one = comparable(lines[index]!.text);
  if (printsTitle(one, title)) return 1;
  // A chapter's label on a line of its own over the title ("Chapter 2" over "Overview", LaTeX's book and report
  // classes; "APPENDIX B" over "Glossary") is part of the heading, not the end of the section before it, and so is
  // over a title wrapped onto two lines ("Chapter 4" over "Windows 10 Pro/Student" and "Installation").
  if (index + 1 < lines.length && CHAPTER_LABEL.test(lines[index]!.text.trim()) && !CHAPTER_LABEL.test(lines[index + 1]!.text.trim())) {
    const under = titleLinesAt(lines, index + 1, title);
    if (under > 0) return under + 1;
  }
  // A line of digits alone opens the title only as its number ("1.2" over "연구목적"): a paragraph's last line that
  // happens to be all digits once compared ("2020)." closing a citation) is no part of the heading under it.
  const bareNumber = /^\d+$/.test(one) && !SECTION_NUMBER_LINE.test(lines[index]!.text.trim());
  return one !== "" && !bareNumber && title.startsWith(one.replace(/^\d+/, "")) && printsTitle(one + comparable(lines[index + 1]?.text ?? ""), title) ? 2 : 0;
}

/** A section's number on a line of its own: "1.2", "3.", "제 2 장", "2 절". */
const SECTION_NUMBER_LINE = /^(?:제\s?)?\d{1,3}(?:\.\d{1,3})*\.?(?:\s?[장절편부])?$/;

/** A chapter's, part's or appendix's label and number alone: "Chapter 2", "PART IV", "Appendix B". */
const CHAPTER_LABEL = /^(?:chapter|part|appendix)\s+(?:\d{1,3}|[IVXLC]{1,6}|[A-Z])\.?$/i;

/**
 * The printed line is the title, or a number followed by the title ("11간략한역사" for "간략한역사"), or the title with
 * its chapter's number set after it ("Introduction 1" for "1 Introduction": rinohtype sets a chapter's number at the
 * right margin of its title's line).
 */
function printsTitle(printed: string, title: string): boolean {
  if (printed === title) return true;
  const numbered = /^(\d{1,3})(\D.+)$/.exec(title);
  if (numbered !== null && printed === `${numbered[2]!}${numbered[1]!}`) return true;
  if (!printed.endsWith(title) || title.length < 2) return false;
  return /^(?:제?\d+[장절편부]?|[a-z]\d*|chapter\d+|부록[a-z]?)$/.test(printed.slice(0, printed.length - title.length));
}

/**
 * Without an outline, a line is a heading when it is numbered like one ("3.2 Options", "제3장", "Q.") and stands
 * out: a larger font than the body, or a line on its own (more space above it than between lines).
 */
function inferredHeadingLevel(
  lines: readonly Line[],
  index: number,
  bodyFontSize: number,
  usualGap: number | null,
  questionLevel: number,
): number | null {
  const line = lines[index]!;
  // A line of three cells or more parted by column gaps is a table's row ("1 | VPN Banner | Banner 확인 | 1.5").
  if (line.text.length > 80 || (line.cells?.length ?? 0) >= 3) return null;
  const level = numberedHeadingLevel(line.text, questionLevel);
  if (level === null) return null;
  // A figure and its unit in display type ("2.5 kilograms CO₂e/boe" at 45 pt over 10 pt text), a report's call-out,
  // is not a numbered title. A title may start in lower case ("6.2 enumerate", a package's name; "3.6. zlib
  // compatibility functions" at twice the text's size), but is not set at three times its size.
  if (/^[\d.]+\s+\p{Ll}/u.test(line.text) && line.fontSize >= bodyFontSize * 3) return null;
  if (line.fontSize >= bodyFontSize * 1.08) return level;
  const previous = lines[index - 1];
  const next = lines[index + 1];
  const gapAbove = previous === undefined ? Infinity : previous.y - line.y;
  const gapBelow = next === undefined ? Infinity : line.y - next.y;
  // More space above and below than between the lines of a paragraph on this page.
  const usual = usualGap ?? line.fontSize * 1.2;
  const apart = (gap: number) => gap > usual * 1.3 + 0.5;
  if (!apart(gapAbove) || !apart(gapBelow)) {
    // 한글 sets a 규정's "제2장 채용" in the text's size, centred, as close under the article before it as that
    // article's lines are to each other: centred and apart from what follows, it is still the chapter's title.
    return apart(gapBelow) && /^제\s*\d+\s*[장절편관]\s/.test(line.text) && centred(lines, line) ? level : null;
  }
  if (/^(?:제\s*\d|chapter|part|Q)/i.test(line.text)) return level;
  // A LaTeX article's bold headings are set in the body's size: "2.1 Available packages", a number without a closing
  // dot and a capitalised title that is not a sentence ("3 packages were tested." is one).
  return /^\d{1,2}(?:\.\d{1,2}){0,4}\s+\p{Lu}/u.test(line.text) && !/[.,;:!?]$/.test(line.text) ? level : null;
}

/** A short line whose middle is the middle of the page's text (within a font size), well in from its left margin. */
function centred(lines: readonly Line[], line: Line): boolean {
  const left = Math.min(...lines.map((other) => other.x));
  const right = Math.max(...lines.map((other) => other.endX));
  return line.x - left > (right - left) / 4 && Math.abs((line.x + line.endX) / 2 - (left + right) / 2) <= line.fontSize;
}

/** A size that titles are set in holds at most this share of a document's characters (else it is body text). */
const TITLE_SIZE_MAX_SHARE = 0.15;
/** How much larger than the body a title's type is. */
const TITLE_SIZE_RATIO = 1.1;
/** The longest title, over at most two lines. */
const TITLE_MAX_CHARS = 120;

/** Type sizes ("12.5") as half points, so sizes that differ by rounding count as one. */
function halfPoints(fontSize: number): number {
  return Math.round(fontSize * 2) / 2;
}

/**
 * The type sizes a document without an outline sets its unnumbered titles in, largest first (at most three: levels 1
 * to 3). A PDF saved from Word, Pages or Google Docs without bookmarks marks its headings only by a larger size
 * ("Pre-Digital Era (19th - Early 20th Century)" at 13.4 pt over 12 pt text); without this they were body
 * paragraphs and no chunk had a section path. A size counts when it is larger than the body's, carries a small share of
 * the characters, and some line set in it reads as a title.
 */
function sizedTitleSizes(lines: readonly Line[], bodyFontSize: number): number[] {
  const characters = new Map<number, number>();
  let total = 0;
  for (const line of lines) {
    const size = halfPoints(line.fontSize);
    characters.set(size, (characters.get(size) ?? 0) + line.text.length);
    total += line.text.length;
  }
  const sizes = new Set<number>();
  for (const line of lines) {
    const size = halfPoints(line.fontSize);
    if (size < bodyFontSize * TITLE_SIZE_RATIO || characters.get(size)! > total * TITLE_SIZE_MAX_SHARE) continue;
    if (readsAsTitle(line.text)) sizes.add(size);
  }
  return [...sizes].sort((left, right) => right - left).slice(0, 3);
}

/** A title's opening year: "2025년도 ICT 분야 … 공고", "2024 정보보호 실태조사" (a figure has no year's four digits alone). */
const YEAR_OPENING = /^(?:19|20)\d{2}\s?(?:년도?\s?)?[\p{Lu}\p{Lo}]/u;

/** Words starting with a capital (or a letter of a script without case) or a year, not a sentence, a figure ("2,32,822 New
 * jobs created", "₹17,81,841 crore" in a report's call-outs), a list item, a caption's run-on or a title page's
 * author line with its web address ("Julian Seward, https://sourceware.org/bzip2/"). */
function readsAsTitle(text: string): boolean {
  return (
    text.length >= 2 &&
    text.length <= TITLE_MAX_CHARS &&
    /\p{L}/u.test(text) &&
    !/[.,;:]$/.test(text) &&
    (/^["'“‘(]?[\p{Lu}\p{Lo}]/u.test(text) || YEAR_OPENING.test(text)) &&
    !/https?:\/\/|www\./i.test(text)
  );
}

/**
 * A title set in one of `sizes` (see `sizedTitleSizes`): one or two lines of that size standing apart from the text
 * around them, that read as a title. Its level is its size's rank. Larger text that runs on for more lines is a lead
 * paragraph or a call-out, not a title.
 */
function sizedTitle(lines: readonly Line[], index: number, sizes: readonly number[], usualGap: number | null): { level: number; lines: number } | null {
  const line = lines[index]!;
  const size = halfPoints(line.fontSize);
  const level = sizes.indexOf(size) + 1;
  if (level === 0) return null;
  const sameRun = (upper: Line, lower: Line) =>
    halfPoints(upper.fontSize) === size && halfPoints(lower.fontSize) === size && upper.y - lower.y > 0 && upper.y - lower.y < size * 1.6;
  const previous = lines[index - 1];
  if (previous !== undefined && sameRun(previous, line)) return null;
  let count = 1;
  while (lines[index + count] !== undefined && sameRun(lines[index + count - 1]!, lines[index + count]!)) count++;
  if (count > 2) return null;
  const text = lines
    .slice(index, index + count)
    .map((part) => part.text)
    .join(" ");
  if (!readsAsTitle(text) || lines.slice(index, index + count - 1).some((part) => /[.,;:]$/.test(part.text))) return null;
  const usual = usualGap ?? line.fontSize * 1.2;
  const next = lines[index + count];
  const last = lines[index + count - 1]!;
  const apartAbove = previous === undefined || previous.y - line.y > usual * 1.2;
  const apartBelow = next === undefined || last.y - next.y > usual * 1.1 || next.y > last.y;
  return apartAbove && apartBelow ? { level, lines: count } : null;
}

/** The longest title set in bold at the text's size, over at most two lines. */
const BOLD_TITLE_MAX_CHARS = 80;

/** Bold text runs about 0.55 em a character (0.6 in capitals); a line spread wider is cells of a table. */
const BOLD_TITLE_MAX_EMS_PER_CHARACTER = 0.75;

/** Labels that open a call-out, not a section: "Note", "Warning:", "참고". */
const CALLOUT_LABEL = /^(?:notes?|warning|caution|danger|tip|hint|important|attention|example|remember|참고|주의|경고|예시|비고)\b/iu;

/**
 * A title set in bold at the size of the text under it, the only mark many PDFs saved from Word or Google Docs give
 * their subheadings ("Health & Wellness", "1. Purpose" in Calibri-Bold over Calibri): joined to the paragraph below it,
 * the title was quoted as the paragraph's first words and named no section. One or two bold lines that open a block
 * (the page's first line, after a paragraph gap, or after a line that ended a sentence or stopped short) and read as a
 * title, over regular text of the same size that starts where the title does (further right is a term over its
 * definition) and not in lower case. A bold sentence, a label ending in a colon and a call-out's "Note" are not titles.
 * Returns how many lines the title spans, 0 when the line opens none.
 */
function boldTitle(lines: readonly Line[], index: number, usualGap: number | null): number {
  const line = lines[index]!;
  if (line.bold !== true || line.monospace === true) return 0;
  const previous = lines[index - 1];
  const usual = usualGap ?? line.fontSize * 1.2;
  const fullWidth = Math.max(...lines.map((candidate) => candidate.endX - candidate.x));
  const sameBlock = (upper: Line, lower: Line) => upper.y - lower.y > 0 && !isParagraphGap(upper.y - lower.y, usual);
  if (previous !== undefined && sameBlock(previous, line)) {
    if (previous.bold === true) return 0;
    const endedShort = previous.endX - previous.x < fullWidth * 0.75;
    // Set out left of the line above it, the title is no wrapped line of that line's list item or indented block.
    const outdented = line.x < previous.x - line.fontSize / 2;
    if (!/[.!?:;。]["'”’)]?$/.test(previous.text) && !endedShort && !outdented) return 0;
  }
  let count = 1;
  const following = lines[index + 1];
  // Two bold lines one over the other: a title wrapped onto a second line, or a chapter's title over its first section's
  // ("3. HOW WE WORK" over "3.1 Flexible Hours & Output"), set apart by a paragraph gap or numbered anew.
  const overTitle =
    following?.bold === true && (!sameBlock(line, following) || numberedHeadingLevel(following.text, 1) !== null) && boldTitle(lines, index + 1, usualGap) > 0;
  if (!overTitle && following?.bold === true && sameBlock(line, following) && Math.abs(following.fontSize - line.fontSize) < 0.5) count = 2;
  const last = lines[index + count - 1]!;
  const next = lines[index + count];
  if (next === undefined || next.monospace === true || !sameBlockOrParagraph(last, next, usual)) return 0;
  // A bulleted list may be set in another size than its title and indented under it ("OPENING ROUTINE" over "• Arrive …").
  const overList = BULLET_START.test(next.text) && next.x >= line.x - line.fontSize / 4;
  // A title numbered as a subsection ("4.1.2.1. Upgrade benefits") may be set smaller than its text or over an indented
  // one: Word's heading 4 style in an openCONFIGURATOR manual is 11 pt bold over 12 pt text.
  const subsection = SUBSECTION_TITLE.test(line.text);
  if (!overTitle && (next.bold === true || (!overList && !subsection && (Math.abs(next.fontSize - line.fontSize) >= 0.5 || next.x > line.x + line.fontSize)) || /^\p{Ll}/u.test(next.text))) return 0;
  const title = lines.slice(index, index + count);
  // A table's header row, its cells spread across the page with spaces between them, is no title.
  if (title.some((part) => part.endX - part.x > part.text.length * part.fontSize * BOLD_TITLE_MAX_EMS_PER_CHARACTER)) return 0;
  const text = title.map((part) => part.text).join(" ");
  if (text.length > BOLD_TITLE_MAX_CHARS || !/^["'“‘(]?[\p{Lu}\p{Lo}\d]/u.test(text) || !/\p{L}/u.test(text)) return 0;
  if (/[.,;:!]["'”’)]?$/.test(text) || CALLOUT_LABEL.test(text) || LIST_MARK.test(text) && !/^\d{1,3}[.)]\s/.test(text)) return 0;
  return count;
}

/** A subsection's number (two parts or more) and a capitalised title: "4.1.2.1. Upgrade benefits", "3.2 Options". */
const SUBSECTION_TITLE = /^\d{1,2}(?:\.\d{1,2}){1,5}\.?\s+\p{Lu}/u;

/** The next line goes on below (not a new column, not set apart by more than a couple of paragraph gaps). */
function sameBlockOrParagraph(upper: Line, lower: Line, usual: number): boolean {
  const gap = upper.y - lower.y;
  return gap > 0 && gap < usual * 3 + upper.fontSize;
}

/** Upper-case words only ("SYNOPSIS", "SEE ALSO", "REGULAR EXPRESSIONS (PCRE)"), with three letters or more. */
const CAPITALS_TITLE = /^(?=(?:[^A-Z]*[A-Z]){3})[A-Z][A-Z0-9]*(?:[ /&,()'-]+[A-Z0-9()]+)*$/;

/**
 * A section title of a man page typeset to PDF (groff -man): upper-case words set out to the left of the page's
 * text ("NAME" at the margin, its text indented), the one mark such a PDF gives its sections, with no outline and
 * no numbering. An upper-case line in line with the text ("NOTE") is not one, nor is one whose neighbour starts where it
 * does: an SQL listing set left of indented prose ("RETURN" / "CASE" / "END" at the listing's margin, its WHEN lines
 * indented) is code, and a title's neighbours are its section's indented text.
 */
function isOutdentedTitle(line: Line, textLeft: number | null, previous: Line | undefined, next: Line | undefined): boolean {
  if (textLeft === null || line.text.length > 40 || line.x > textLeft - line.fontSize * 1.5 || !CAPITALS_TITLE.test(line.text)) return false;
  return [previous, next].every((neighbour) => neighbour === undefined || neighbour.x >= line.x + line.fontSize);
}

/** Where most of a page's text starts (by characters), or null for a page without text. */
function commonLeft(lines: readonly Line[]): number | null {
  const characters = new Map<number, number>();
  for (const line of lines) {
    const x = Math.round(line.x);
    characters.set(x, (characters.get(x) ?? 0) + line.text.length);
  }
  let best: number | null = null;
  let bestCount = -1;
  for (const [x, count] of characters) {
    if (count > bestCount) [best, bestCount] = [x, count];
  }
  return best;
}

/** A page with at least this many characters of text in one size has its own body size. */
const PAGE_TEXT_CHARS = 200;

/**
 * The size a heading on this page must stand out from: the document's body size, or the page's own when the page
 * sets much of its text larger (a contract whose clauses are set at 10 pt while its many pages of rate tables, at
 * 9 pt, make 9 pt the document's body size: every "1. …" item of a clause would otherwise be larger than the body).
 * A page with little text (a chapter's title page) keeps the document's.
 */
function pageTextSize(lines: readonly Line[], bodyFontSize: number): number {
  const size = commonFontSize(lines);
  const characters = lines.filter((line) => Math.round(line.fontSize * 2) / 2 === size).reduce((sum, line) => sum + line.text.length, 0);
  return characters >= PAGE_TEXT_CHARS ? Math.max(bodyFontSize, size) : bodyFontSize;
}

/** The font size of most of the text. */
function commonFontSize(lines: readonly Line[]): number {
  const characters = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.fontSize * 2) / 2;
    characters.set(size, (characters.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of characters) {
    if (count > bestCount) [best, bestCount] = [size, count];
  }
  return best;
}

/**
 * Tables of contents and indexes, line by line: from a "목차"/"Contents" (or "색인"/"Index") title, the entries that
 * follow it (a line without a page number, such as a group letter, stays in when an entry follows); the table ends at the first other
 * line, so a chapter's own short table of contents does not take the chapter's first section with it. A page that
 * continues a table from the page before, or that is mostly entries, starts inside one.
 */
function lineRoles(pages: readonly PageOfLines[]): BlockRole[][] {
  const roles: BlockRole[][] = [];
  let carried: BlockRole = "body";
  // A contents list without page numbers (a Markdown manual printed from a browser: "1. 전체 개요", "2. 실습 시나리오")
  // is its numbered titles in rising order; the first title numbered again from the start ("1. 전체 개요" after
  // "8. …") is the body's first heading. Off once an entry has a page number: such a list is read by those.
  let entryNumber = 0;
  let pagedEntries = false;
  // A contents whose page numbers come first ("13   Chapter 4: Quickstart", rinohtype's): its numbers do not go down
  // (the body's "1 Introduction" after "57 Index" is no entry). Off once an entry ends with its page number.
  let leadingPage = 0;
  let endingPages = false;
  const numberedEntry = (text: string) => {
    const match = NUMBERED_ENTRY.exec(text.trim());
    return !pagedEntries && match !== null && Number(match[1]) > entryNumber ? Number(match[1]) : null;
  };
  for (const { lines } of pages) {
    const texts = lines.map((line) => line.text);
    const share = (test: (text: string, index: number) => boolean) => texts.filter(test).length / Math.max(1, texts.length);
    let mode: BlockRole = "body";
    // A page of titles and nothing else is a contents without page numbers (a 약관's list of its articles).
    const titlesOnly = texts.length >= MIN_TITLE_LINES && share(isBareTitle) >= TITLE_PAGE_SHARE;
    const titleEntries = titlesOnly || carried === "toc";
    const leadingPageAt = (index: number): number | null => {
      const number = endingPages ? null : leadingPageNumber(lines[index]);
      return number !== null && number >= leadingPage ? number : null;
    };
    const isContentsEntry = (text: string, index: number) =>
      isContentsLine(text) || (titleEntries && isBareTitle(text)) || numberedEntry(text) !== null || leadingPageAt(index) !== null;
    if (titlesOnly) mode = "toc";
    else if (carried === "toc" && (share(isContentsLine) >= 0.5 || share(isContentsEntry) >= TITLE_PAGE_SHARE || (entryNumber > 0 && numberedEntry(texts[0] ?? "") !== null))) {
      mode = "toc";
    }
    else if (carried === "index" && share((text) => isIndexLine(text) || isContentsLine(text)) >= 0.5) mode = "index";
    else if (texts.length >= 5 && share((text) => DOT_LEADER_LINE.test(text)) >= 0.6) mode = "toc";
    const pageRoles: BlockRole[] = [];
    texts.forEach((text, index) => {
      if (isContentsTitle(text)) {
        mode = "toc";
        [entryNumber, pagedEntries, leadingPage, endingPages] = [0, false, 0, false];
      } else if (isIndexTitle(text)) mode = "index";
      else if (mode !== "body") {
        // Index entries may use dot leaders as contents entries do ("1단 . . . . 10").
        const isEntry = mode === "toc" ? isContentsEntry : (line: string) => isIndexLine(line) || isContentsLine(line);
        // The page may end on a term whose entries continue overleaf.
        const entryFollows = index === texts.length - 1 || [index + 1, index + 2].some((next) => next < texts.length && isEntry(texts[next]!, next));
        if (!isEntry(text, index) && !(text.length <= 60 && entryFollows)) mode = "body";
        else if (mode === "toc") {
          if (isContentsLine(text)) pagedEntries = true;
          entryNumber = numberedEntry(text) ?? entryNumber;
          const lead = leadingPageAt(index);
          if (lead !== null) leadingPage = lead;
          else if (isContentsLine(text)) endingPages = true;
        }
      }
      pageRoles.push(mode);
    });
    roles.push(pageRoles);
    carried = pageRoles.at(-1) ?? "body";
  }
  return roles;
}

/** The page number a contents entry opens with, before a capitalised title that is no sentence ("13 Chapter 4: Quickstart"). */
function leadingPageNumber(line: Line | undefined): number | null {
  const match = /^(\d{1,4})\s+\p{Lu}/u.exec(line?.text ?? "");
  if (match === null || line!.text.length > 80 || /[.!?;,]$/.test(line!.text)) return null;
  return Number(match[1]);
}

/** A numbered title as a contents list without page numbers gives it: "3. STEP 1 — 마스터 데이터 등록", not a sentence. */
const NUMBERED_ENTRY = /^(\d{1,2})\.\s+(?!.*[.。!?:]$)\S.{0,59}$/u;

/** A page of at least this many lines, this share of them bare titles, is a table of contents. */
const MIN_TITLE_LINES = 8;
const TITLE_PAGE_SHARE = 0.7;

/** A table-of-contents line with a dot leader, for pages that are mostly such lines. */
const DOT_LEADER_LINE = /(?:(?:\.\s?){4,}|_{4,})\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$/i;

interface Paragraph {
  text: string;
  /** Heading level when the paragraph is a heading line. */
  heading: number | null;
  firstLine: number;
  lastLine: number;
  /** Every line is set in a monospaced font: a listing, kept line by line. */
  code?: boolean;
  /** A table: one row a line, its cells " | "-separated. */
  table?: boolean;
}

/**
 * Groups a page's lines into paragraphs. A paragraph ends at a larger-than-usual gap between baselines (usual for
 * lines of that font size), at a jump upwards (a new column), after a short line that ends a sentence (typeset
 * paragraphs without extra spacing), around headings, and where a table of contents or an index begins or ends.
 * Inside a table of contents or an index every line is kept as its own line.
 */
function linesToParagraphs(
  lines: readonly Line[],
  join: JoinLines,
  headingAt: ReadonlyMap<number, { level: number; lines: number }>,
  roles: readonly BlockRole[],
  tables: boolean,
): Paragraph[] {
  if (lines.length === 0) return [];
  const gaps = lines.slice(1).map((line, index) => lines[index]!.y - line.y);
  const spacing = lineSpacings(lines, gaps);
  const fullWidth = Math.max(...lines.map((line) => line.endX - line.x));
  const rightEdge = Math.max(...lines.map((line) => line.endX));

  const bodySize = commonFontSize(lines);
  const paragraphs: Paragraph[] = [];
  // Footnotes lifted from the foot of a column, set after the paragraph that runs on past them.
  let held: Paragraph[] = [];
  const close = (paragraph: Paragraph): void => {
    if (paragraph.code === true && paragraph.lastLine > paragraph.firstLine) paragraph.text = listingText(lines.slice(paragraph.firstLine, paragraph.lastLine + 1));
    paragraphs.push(paragraph, ...held);
    held = [];
  };
  const isFootnote = (paragraph: Paragraph | null): boolean =>
    paragraph !== null &&
    paragraph.heading === null &&
    lines[paragraph.firstLine]!.fontSize < bodySize * 0.9 &&
    FOOTNOTE_START.test(paragraph.text);
  let current: Paragraph | null = null;
  // The last lettered item's letter on the page (가 = 0, 나 = 1 …) for each mark ("." or ")"): a report nests "가)"
  // items under "가." items, and "나." follows the "가." before the "가)", "나)" under it.
  const lastLetter = new Map<string, number>();
  const noteLetter = (text: string): void => {
    const letter = itemLetter(text);
    if (letter !== null) lastLetter.set(SYLLABLE_MARK.exec(text)![2]!, letter);
  };
  const tableAt = new Map((tables ? findTables(lines, join, headingAt, roles) : []).map((table) => [table.firstLine, table]));
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const table = tableAt.get(index);
    if (table !== undefined) {
      if (current !== null) close(current);
      close({ text: table.rows.join("\n"), heading: null, firstLine: index, lastLine: table.lastLine, table: true });
      index = table.lastLine;
      current = null;
      continue;
    }
    const heading = headingAt.get(index);
    if (heading !== undefined) {
      if (current !== null) close(current);
      const span = lines.slice(index, index + heading.lines);
      // A title broken after a hyphen ("…without some Debian-" over "specific tweaking?") goes on without a space.
      const text = span.map((part) => part.text).reduce((title, part) => (/\p{L}-$/u.test(title) && /^\p{Ll}/u.test(part) ? title + part : `${title} ${part}`));
      paragraphs.push({ text, heading: heading.level, firstLine: index, lastLine: index + span.length - 1 });
      index += span.length - 1;
      current = null;
      continue;
    }
    if (roles[index] === "body" && line.monospace !== true && TYPED_RULE.test(line.text.replace(/\s+/g, ""))) {
      // A rule typed as a row of one character ("*****", "=====", "━━━━") parts the text around it and says nothing.
      if (current !== null) close(current);
      current = null;
      continue;
    }
    if (current === null) {
      current = { text: line.text, heading: null, firstLine: index, lastLine: index, code: line.monospace === true };
      noteLetter(line.text);
      continue;
    }
    const previous = lines[index - 1]!;
    const gap = gaps[index - 1]!;
    // From a line of one size to a line of another, the tightest of the two sizes' and the page's usual spacing: a
    // size whose lines stand alone (a page's subheadings set a little larger, each apart from the text above it)
    // learns only the paragraph gap before them as its own, which would join each such line to the text above it.
    const usual = usualSpacing(spacing, previous.fontSize, line.fontSize);
    const widerGap = usual !== null && isParagraphGap(gap, usual);
    const newColumn = gap < -0.5 * line.fontSize;
    const shortLastLine = previous.endX - previous.x < fullWidth * 0.75 && /[.!?。:]["'”’)]?$/.test(previous.text);
    const reachesRightEdge = previous.endX >= rightEdge - Math.max(2 * previous.fontSize, (rightEdge - previous.x) * 0.05);
    // An item of a list ("가. 사망자가 1명 이상 발생", "2. …", "③ …") after a line that ended where the item's first
    // word would still have fitted: the line was broken on purpose, not wrapped.
    // So is an item set left of the item it follows ("나. 면적 기준" after "2) … 준주거지역", which filled its line):
    // a wrapped line of an item never starts left of the item's own first line.
    const itemStart = lines[current.firstLine]!;
    // A bulleted line in line with the bulleted item before it is the next item however far that item ran: a wrapped
    // line of an item does not open with a bullet.
    const nextItem =
      ITEM_START.test(line.text) &&
      (rightEdge - previous.endX > wordWidth(line.text, line.fontSize) + line.fontSize / 2 ||
        (ITEM_START.test(itemStart.text) && line.x < itemStart.x - line.fontSize / 4) ||
        (BULLET_START.test(line.text) && BULLET_START.test(itemStart.text) && Math.abs(line.x - itemStart.x) < line.fontSize / 4) ||
        nextNumberedItem(itemStart.text, line.text) ||
        (FIRST_ITEM.test(line.text) && /(?:[\uac00-\ud7a3][.:]|:)$/.test(previous.text)) ||
        articleAfter(line, previous) ||
        backAtHangingEdge(line, itemStart, lines.slice(current.firstLine + 1, index))) &&
      followsLetteredItems(line.text, lastLetter);
    // A short line of its own, over a line set further right, that ended where the next line's first word would
    // still have fitted, is a term over its definition (a definition list, a labelled block): broken off on purpose.
    // A list item's first line over its lines wrapped under its bullet is not one, nor is a table cell's (the next
    // word did not fit the cell, which ends short of the page's text).
    const termOverDefinition =
      current.firstLine === index - 1 &&
      gap > line.fontSize / 2 &&
      previous.endX - previous.x < fullWidth * 0.5 &&
      line.x > previous.x + line.fontSize &&
      rightEdge - previous.endX > wordWidth(line.text, line.fontSize) + line.fontSize &&
      !LIST_MARK.test(previous.text) &&
      previous.monospace !== true;
    const lineByLine = roles[index] !== "body";
    // Into or out of lines set in code font after a line that ended short: a listing (or a command on a line of its
    // own) begins or ends there. A wrapped line of prose that happens to be all code font ("/etc/restic/backup.env")
    // comes after a line that ran to the margin, and stays in its paragraph.
    const listingEdge = (previous.monospace === true) !== (line.monospace === true) && !reachesRightEdge;
    if (newColumn && roles[index] === "body" && /^[a-z]/.test(line.text)) {
      // A sentence that runs on into the next column, perhaps past footnotes at the foot of the first one.
      const footnotes: Paragraph[] = [];
      let open: Paragraph | null = current;
      while (open !== null && isFootnote(open)) {
        footnotes.unshift(open);
        open = open === current ? (paragraphs.at(-1) ?? null) : (paragraphs.at(-1 - footnotes.length + 1) ?? null);
      }
      const openLine = open === null ? undefined : lines[open.lastLine];
      if (
        open !== null &&
        openLine !== undefined &&
        open.heading === null &&
        roles[open.lastLine] === "body" &&
        Math.abs(openLine.fontSize - line.fontSize) < 0.5 &&
        !/[.!?:;。]["'”’)]?$/.test(open.text)
      ) {
        // `open` and every footnote but `current` were closed already: take them back.
        if (footnotes.length > 0) paragraphs.splice(paragraphs.length - (footnotes.length - 1) - 1, footnotes.length);
        held.push(...footnotes);
        open.text = join(open.text, line.text, { reachesRightEdge: true, spaceInTextLayer: openLine.spaceAtEnd || line.spaceAtStart });
        open.lastLine = index;
        current = open;
        continue;
      }
    }
    // Within a listing the lines are kept as set: a line ending in a colon or a bulleted line is the listing's own text
    // (a comment, a Python block's opening line, a bullet drawn in the code font), no sentence or item of prose.
    const inListing = current.code === true && previous.monospace === true && line.monospace === true;
    const proseBreak = !inListing && (shortLastLine || nextItem || termOverDefinition);
    if (widerGap || newColumn || proseBreak || listingEdge || roles[index] !== roles[index - 1]) {
      close(current);
      current = { text: line.text, heading: null, firstLine: index, lastLine: index, code: line.monospace === true };
      noteLetter(line.text);
    } else {
      current.code = current.code === true && line.monospace === true;
      current.text = lineByLine || current.code
        ? `${current.text}\n${line.text}`
        : join(current.text, line.text, {
            reachesRightEdge,
            spaceInTextLayer: previous.spaceAtEnd || line.spaceAtStart,
          });
      current.lastLine = index;
    }
  }
  if (current !== null) close(current);
  paragraphs.push(...held);
  return paragraphs;
}

/** A line of one character repeated, a rule typed across the page: "*****" over a 공고's warning, "=====", "━━━━". */
const TYPED_RULE = /^([*=~#─━═―-])\1{9,}$/u;

/** A table found among a page's lines: its rows, cells " | "-separated, and the lines it spans. */
interface FoundTable {
  firstLine: number;
  lastLine: number;
  rows: string[];
}

/** A line of a listing (monospaced, kept as set) or of a table of contents (a dot leader) is no table row. */
function mayBeRow(line: Line): boolean {
  return line.monospace !== true && !/(?:\.\s?){4,}/.test(line.text);
}

/** How far (font sizes) from a column's start a cell may begin and still be in that column. */
const CELL_SLACK = 0.5;

/** A cell that is only a list item's mark, set apart from the item's text by a tab: a list, not a table. */
const BULLET_CELL = /^(?:[•▪◦○●□■※–\-§➢►▶✓✔·*\uf0a7\uf0b7\uf0d8\uf0fc]|o|\(?\d{1,3}[.)]|[a-zA-Z가-하][.)]|\([a-z가-하]\)|[\u2460-\u2473\u3260-\u327b])$/;

/**
 * A listing's line number: a bare number set smaller than the rest of its line (LaTeX's listings number their lines
 * at 5 pt beside 9 pt code). Read as a table, a listing became rows of "44 | Among the following persons …".
 */
function isLineNumber(cell: Cell, line: Line): boolean {
  return /^\d{1,5}$/.test(cell.text) && cell.fontSize !== undefined && cell.fontSize < 0.8 * line.fontSize;
}

/** A table's caption ("Table 4.5: HPROT Indicators", "표 3. 수수료"), set close under it: the end of the table. */
const TABLE_CAPTION = /^(?:table|tab\.|표|그림|figure|fig\.)\s*\p{N}+(?:[.-]\p{N}+)*\s*[:.]?\s/iu;

/** The furthest apart (font sizes) two lines of one table may be set, baseline to baseline. */
const TABLE_LINE_GAP = 3;

/**
 * Tables among a page's lines, row by row. A table starts at a line of two or more cells (runs of text parted by
 * column gaps, see `itemsToLines`) and takes its columns from where that line's cells start; every later cell must
 * start where a column does (a justified line's widened word gaps fall anywhere), and a first cell that is only a
 * bullet or an item's number makes a list, not a table. A later line of two or more cells whose first cell is in the
 * first column starts a row; a line whose cells all fall in the columns, its
 * first column empty or its one cell there ending before the second column, is a cell's text wrapped onto the next
 * line (a 화면 문구 wrapped in its column, the row's ID still on the row's first line) and goes to the row above,
 * column by column. A line of running text (starting in the first column and crossing into the second) ends the
 * table. Read line by line instead, a row's wrapped cell ran into the next row ("…올바르지 AUTH-001 본인 재입력 후
 * 재시도 실무자 않습니다."). Two rows at least; a heading or a change of role ends a table.
 */
function findTables(
  lines: readonly Line[],
  join: JoinLines,
  headingAt: ReadonlyMap<number, { level: number; lines: number }>,
  roles: readonly BlockRole[],
): FoundTable[] {
  const tables: FoundTable[] = [];
  for (let first = 0; first < lines.length; first++) {
    const head = lines[first]!;
    if (head.cells === undefined || roles[first] !== "body" || headingAt.has(first) || !mayBeRow(head)) continue;
    if (BULLET_CELL.test(head.cells[0]!.text) || isLineNumber(head.cells[0]!, head)) continue;
    const columns = head.cells.map((cell) => cell.x);
    const centres = head.cells.map((cell) => (cell.x + cell.endX) / 2);
    // A cell is in a column when it starts where the column does, or, centred in its column (한글's cells), when its
    // middle is the middle of the column's first cell.
    const columnOf = (cell: Cell, size: number): number => {
      const starting = columns.findIndex((x) => Math.abs(cell.x - x) <= CELL_SLACK * size);
      return starting !== -1 ? starting : centres.findIndex((centre) => Math.abs((cell.x + cell.endX) / 2 - centre) <= CELL_SLACK * size);
    };
    const rows: string[][] = [head.cells.map((cell) => cell.text)];
    // Where each column's text of the current row last ended, and the table's right edge so far.
    let ends = head.cells.map((cell) => cell.endX);
    let rightEdge = head.endX;
    let last = first;
    // The baselines of the current row's lines, each with the last column filled on it: TeX sets a p{} column's cell
    // as a paragraph of its own, drawn whole (its wrapped lines too) before the row's next cell, which goes back up.
    let baselines = [{ y: head.y, column: head.cells.length - 1 }];
    // The closest two lines of the table have been set so far, baseline to baseline.
    let lineStep = Infinity;
    const onBaseline = (line: Line, y: number): boolean => Math.abs(line.y - y) <= 0.25 * line.fontSize;
    // A line of one cell in the first column starts a row when, after its own wrapped lines, the row's next cell is
    // drawn on its baseline.
    const nextCellDrawnAfter = (index: number): boolean => {
      const line = lines[index]!;
      for (let next = index + 1; next < Math.min(lines.length, index + 1 + WRAPPED_CELL_LINES * 2); next++) {
        const other = lines[next]!;
        if (onBaseline(other, line.y)) return other.x > line.endX && columnOf(other.cells?.[0] ?? other, other.fontSize) > 0;
        if (other.y >= line.y || other.cells !== undefined || columnOf(other, other.fontSize) !== 0) return false;
      }
      return false;
    };
    for (let index = first + 1; index < lines.length; index++) {
      const line = lines[index]!;
      const gap = lines[index - 1]!.y - line.y;
      const cells = line.cells ?? [{ text: line.text, x: line.x, endX: line.endX }];
      const at = cells.map((cell) => columnOf(cell, line.fontSize));
      // A cell drawn after the wrapped lines of the cell before it, back up on one of the row's baselines.
      const back = gap <= 0 ? baselines.find((baseline) => onBaseline(line, baseline.y) && at.every((column) => column > baseline.column)) : undefined;
      if (roles[index] !== "body" || headingAt.has(index) || (gap <= 0 && back === undefined) || gap > TABLE_LINE_GAP * line.fontSize || !mayBeRow(line)) break;
      if (TABLE_CAPTION.test(line.text)) break;
      if (gap > 0) lineStep = Math.min(lineStep, gap);
      if (back !== undefined) {
        const row = rows.at(-1)!;
        cells.forEach((cell, position) => {
          const column = at[position]!;
          row[column] = row[column] === "" ? cell.text : `${row[column]} ${cell.text}`;
          ends[column] = cell.endX;
        });
        back.column = Math.max(...at);
        rightEdge = Math.max(rightEdge, line.endX);
        last = index;
        continue;
      }
      const below = baselines.find((baseline) => onBaseline(line, baseline.y));
      if (below !== undefined) below.column = Math.max(below.column, ...at);
      else baselines.push({ y: line.y, column: Math.max(...at) });
      if (at.some((column) => column === -1) || new Set(at).size !== at.length || BULLET_CELL.test(cells[0]!.text) || isLineNumber(cells[0]!, line)) break;
      if ((cells.length >= 2 && at[0] === 0) || (cells.length === 1 && at[0] === 0 && nextCellDrawnAfter(index))) {
        baselines = [{ y: line.y, column: Math.max(...at) }];
        const row = columns.map(() => "");
        ends = columns.map(() => -Infinity);
        cells.forEach((cell, position) => {
          row[at[position]!] = cell.text;
          ends[at[position]!] = cell.endX;
        });
        rows.push(row);
      } else {
        const crosses = cells.some((cell, position) => at[position]! + 1 < columns.length && cell.endX > columns[at[position]! + 1]!);
        if (crosses) break;
        // A cell's wrapped line follows at the table's line spacing; one set a paragraph's gap further down starts a
        // row whose other cells are set elsewhere (한글 centres them in their row): the table's rows end there.
        if (gap > 0 && isParagraphGap(gap, lineStep)) break;
        // A line of two cells or more, its first column empty, one of whose cells would have fitted on its column's
        // line above, was not wrapped there: it is a row under a first cell spanning rows (LaTeX's \multirow: a
        // bit's number over its values "1" and "0"), which it repeats.
        const fitsAbove = (cell: Cell, position: number): boolean => {
          const column = at[position]!;
          const right = column + 1 < columns.length ? columns[column + 1]! - TABLE_COLUMN_GAP * line.fontSize : rightEdge;
          return ends[column]! > -Infinity && wordWidth(cell.text, line.fontSize) + 0.5 * line.fontSize <= right - ends[column]!;
        };
        // Unless the first column's text for these rows is drawn later, set between them (Excel and 한글 centre a
        // merged cell over its rows and draw it after them): the cell above is not theirs.
        const lateFirstCell = lines.some(
          (other, position) =>
            position > index + 1 &&
            other.cells === undefined &&
            Math.abs(other.y - line.y) <= 1.5 * gap &&
            other.x >= columns[0]! - CELL_SLACK * line.fontSize &&
            other.endX <= columns[1]!,
        );
        // The row above has text in each column the line fills: a cell broken by the writer's own line break under an
        // empty cell (한글 centres a one-line cell in a two-line row, "주소, 계약자번호" beside "임대료 수납관리") is not.
        const fullAbove = at.every((column) => rows.at(-1)![column] !== "");
        if (cells.length >= 2 && fullAbove && cells.some(fitsAbove)) {
          const above = rows.at(-1)!;
          const row = columns.map((_, column) => (column < at[0]! && !lateFirstCell ? above[column]! : ""));
          ends = columns.map(() => -Infinity);
          cells.forEach((cell, position) => {
            row[at[position]!] = cell.text;
            ends[at[position]!] = cell.endX;
          });
          rows.push(row);
          baselines = [{ y: line.y, column: Math.max(...at) }];
          rightEdge = Math.max(rightEdge, line.endX);
          last = index;
          continue;
        }
        const row = rows.at(-1)!;
        cells.forEach((cell, position) => {
          const column = at[position]!;
          // A cell's line that left room for another syllable before the next column was wrapped at a space.
          const cellRight = column + 1 < columns.length ? columns[column + 1]! - COLUMN_GAP * line.fontSize : rightEdge;
          const end = { reachesRightEdge: cellRight - ends[column]! < line.fontSize, spaceInTextLayer: false };
          row[column] = row[column] === "" ? cell.text : join(row[column]!, cell.text, end);
          ends[column] = cell.endX;
        });
      }
      rightEdge = Math.max(rightEdge, line.endX);
      last = index;
    }
    if (rows.length < 2) continue;
    tables.push({ firstLine: first, lastLine: last, rows: rows.map((row) => row.join(" | ")) });
    first = last;
  }
  return tables;
}

/**
 * A listing's lines, one per line, each indented by as many spaces as its left edge stands right of the listing's
 * leftmost line, in the listing's own character width (a monospaced line's width over its characters; the narrowest
 * such ratio, since runs of spaces inside a line were drawn wider than the one space they became).
 */
function listingText(lines: readonly Line[]): string {
  const left = Math.min(...lines.map((line) => line.x));
  const widths = lines.filter((line) => line.text.length >= 4).map((line) => (line.endX - line.x) / line.text.length);
  const character = widths.length > 0 ? Math.min(...widths) : 0;
  return lines
    .map((line) => (character > 0 ? " ".repeat(Math.max(0, Math.round((line.x - left) / character))) : "") + line.text)
    .join("\n");
}

/**
 * The mark that starts an item of a list: "가." / "가)" / "(가)", "1." / "1)" / "(1)" (not "1.5"), a 기준's "1-3-9.", a circled number,
 * an article ("제3조(…)"), a bullet or a dash followed by a space.
 */
const ITEM_START = /^(?:[가-하]\s?[.)](?:\s|(?=[『「《〈“"'(]))|\d{1,3}\s?[.)](?!\d)|\d{1,3}의\d{1,2}\.\s|\d{1,2}(?:-\d{1,3}){1,3}\.\s|\((?:\d{1,3}|[가-하])\)|[\u2460-\u2473\u3260-\u327b]|제\s?\d+\s?조(?:의?\s?\d+)?\s?\(|[•▪◦○●□■❖❑※–➢►▶✓✔-]\s)/;

/**
 * A list's first item ("1.", "①", "(1)", "1)"): after a sentence that ended its line ("…다음의 사업을 한다.", "…다음과
 * 같다:") it starts the list even where the sentence filled the line, as 한글 sets an article's opening sentence.
 */
const FIRST_ITEM = /^(?:1\s?[.)](?!\d)|\(1\)|\u2460)/;

/** A decimal item's mark: its number, its branch number ("7의2." → 7, 2; 법령's 가지번호) and its mark ("." or ")"). */
const DECIMAL_ITEM = /^(\d{1,3})(?:의(\d{1,2}))?\s?([.)])(?!\d)/;

/**
 * An article's title opening a line ("제3조(정의) 이 규정에서", "제27조3(가족돌봄휴가)"), not an article cited at the start of
 * a wrapped line ("제3조(정의)에 따른 임원은", "제10조(허가기준) 및 제11조").
 */
const ARTICLE_OPENING = /^제\s?\d+\s?조(?:의?\s?\d+)?\s?[(（][^)）\n]{1,40}[)）](?![가-힣])(?!\s*(?:제\s*\d+\s*[항호]|및|또는|내지|·|,))/u;

/**
 * Whether a line opens the next article of a 규정: its title after a line that ended a sentence or closed an
 * amendment note ("… 시행한다.", "<개정 2019. 6. 28.>", "[전문개정 2017. 8. 28.]"). An article back at its own left edge
 * under one whose wrapped lines hang right of it is any item's case (`backAtHangingEdge`).
 */
function articleAfter(line: Line, previous: Line): boolean {
  return ARTICLE_OPENING.test(line.text) && /[.!?。:][>\]"'”’)]*$/.test(previous.text);
}

/**
 * Whether an item's mark stands back at the left edge of the item before it, whose wrapped lines all hang right of
 * that edge: a wrapped line would stand with them. 한글 sets a 규정's articles and a 공고's "가." items so, and the
 * line before may have run to the margin.
 */
function backAtHangingEdge(line: Line, itemStart: Line, wrapped: readonly Line[]): boolean {
  const edge = line.fontSize / 4;
  return Math.abs(line.x - itemStart.x) < edge && wrapped.length > 0 && wrapped.every((under) => under.x > itemStart.x + edge);
}

/**
 * The line opens with the item that comes next after the item `itemText` opens with: "3." after "2.", "7의2." or
 * "8." after "7.", "8." after "7의2.", "②" after "①". A wrapped line of an item does not start with the next item's
 * number, however far the item before ran.
 */
function nextNumberedItem(itemText: string, text: string): boolean {
  const circled = (value: string) => {
    const code = value.codePointAt(0) ?? 0;
    return code >= 0x2460 && code <= 0x2473 ? code - 0x2460 + 1 : null;
  };
  const item = circled(itemText);
  if (item !== null) return circled(text) === item + 1;
  const open = DECIMAL_ITEM.exec(itemText);
  const next = DECIMAL_ITEM.exec(text);
  if (open === null || next === null || open[3] !== next[3]) return false;
  const [number, nextNumber] = [Number(open[1]), Number(next[1])];
  const [branch, nextBranch] = [open[2] === undefined ? 1 : Number(open[2]), next[2] === undefined ? null : Number(next[2])];
  return nextBranch === null ? nextNumber === number + 1 : nextNumber === number && nextBranch === branch + 1;
}

/** A line opening with a bullet glyph (not a dash, which a wrapped line may open with). */
const BULLET_START = /^[•▪◦○●□■❖❑➢►▶✓✔]\s/;

/**
 * Word's bullets drawn from its Symbol and Wingdings fonts come out of the text layer as private-use characters that
 * show as empty boxes: "\uf0b7" for "•", "\uf0a7" for "▪", "\uf0d8" for "➢", "\uf0fc" for "✓".
 */
const SYMBOL_FONT_BULLETS: Readonly<Record<string, string>> = {
  "\uf0b7": "•",
  "\uf0a7": "▪",
  "\uf0d8": "➢",
  "\uf0fc": "✓",
  // Wingdings' small bullet (Word 2010's "Wingdings 159").
  "\uf09f": "•",
  // PowerPoint's Wingdings bullets: "v" is ❖, "n" is ■, "q" is ❑, "l" is ●.
  "\uf076": "❖",
  "\uf06e": "■",
  "\uf071": "❑",
  "\uf06c": "●",
};

/** A line's leading bullet from a symbol font as the bullet it shows. */
function shownBullet(text: string): string {
  const bullet = SYMBOL_FONT_BULLETS[text[0] ?? ""];
  return bullet === undefined || !/^.\s/u.test(text) ? text : bullet + text.slice(1);
}

const ITEM_LETTERS = "가나다라마바사아자차카타파하";

/** A list item's mark at the start of its first line, Word's bullets included ("§ ", "o ", "", "➢ "). */
const LIST_MARK = /^(?:[•▪◦○●□■❖❑※–\-§➢►▶✓✔·*\uf0a7\uf0b7\uf0d8\uf0fc\uf09f\uf076\uf06e\uf071\uf06c]\s?|o\s|\d{1,3}[.)]\s|[a-z][.)]\s|\((?:\d{1,3}|[a-z])\)\s)/;

/** A syllable and a period or parenthesis opening a line: a lettered item's mark, or a word's last syllable. */
const SYLLABLE_MARK = /^([\uac00-\ud7a3])\s?([.)])(?:\s|(?=[『「《〈“"'(]))/;

/** The letter of a lettered item's mark ("나. …" → 1), or null. */
function itemLetter(text: string): number | null {
  const mark = SYLLABLE_MARK.exec(text);
  if (mark === null) return null;
  const letter = ITEM_LETTERS.indexOf(mark[1]!);
  return letter === -1 ? null : letter;
}

/**
 * A lettered mark starts an item only as the first ("가.") or as the one after the last seen: "다." at the start of
 * a line is as often the end of a word cut by the line break ("…식자된" | "다. 이것을 …").
 */
function followsLetteredItems(text: string, lastLetter: ReadonlyMap<string, number>): boolean {
  const mark = SYLLABLE_MARK.exec(text);
  if (mark === null) return true;
  const letter = itemLetter(text);
  return letter !== null && (letter === 0 || letter === (lastLetter.get(mark[2]!) ?? -1) + 1);
}

/** About how wide a text's first word is set (a line's, a cell's): a Hangul or CJK character one em, anything else about half of one. */
function wordWidth(text: string, fontSize: number): number {
  const word = text.trimStart().split(/\s/, 1)[0] ?? "";
  let ems = 0;
  for (const character of word) ems += WIDE_CHARACTER.test(character) ? 1 : 0.55;
  return ems * fontSize;
}

/** A footnote's first line: its mark ("1", "12", "*", "†") then its text. */
const FOOTNOTE_START = /^(?:\d{1,2}|[*†‡§¶])\s?[A-Za-z\u00c0-\u024f\uac00-\ud7a3"“(]/;

function sizeClass(fontSize: number): number {
  return Math.round(fontSize);
}

/** A line at least this share of the page's widest line is running text, not a fragment of a formula or a table. */
const TEXT_LINE_SHARE = 0.4;

/**
 * The usual gap between baselines for each font size on the page (key 0: all sizes): a lower quartile, because on
 * short pages paragraph gaps can be half of all gaps, and per size, because code and footnotes are set tighter.
 * The glyphs of a displayed matrix, of stacked sub- and superscripts or of a drawing come out as many narrow lines
 * set tighter than the text (a Korean document's text is often set 1.6 lines apart), and can pull the quartile so
 * low that every line of the page's paragraphs looks like a paragraph of its own. So when the quartile of the gaps
 * between lines of running text (both wide, three gaps or more) is itself a paragraph gap by the page's quartile,
 * the text's own is used.
 */
function lineSpacings(lines: readonly Line[], gaps: readonly number[]): Map<number, number> {
  const fullWidth = Math.max(...lines.map((line) => line.endX - line.x));
  const isText = (line: Line) => line.endX - line.x >= fullWidth * TEXT_LINE_SHARE;
  const all = new Map<number, number[]>();
  const betweenText = new Map<number, number[]>();
  gaps.forEach((gap, index) => {
    const line = lines[index + 1]!;
    if (gap <= 0 || gap >= 3 * line.fontSize) return;
    const text = isText(line) && isText(lines[index]!);
    for (const key of [0, sizeClass(line.fontSize)]) {
      if (!all.has(key)) all.set(key, []);
      all.get(key)!.push(gap);
      if (!text) continue;
      if (!betweenText.has(key)) betweenText.set(key, []);
      betweenText.get(key)!.push(gap);
    }
  });
  const quartile = (values: readonly number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 4)]!;
  const spacing = new Map<number, number>();
  for (const [key, values] of all) {
    if (key !== 0 && values.length < 3) continue;
    const usual = quartile(values);
    const text = betweenText.get(key) ?? [];
    spacing.set(key, text.length >= 3 && isParagraphGap(quartile(text), usual) ? quartile(text) : usual);
  }
  return spacing;
}

/** The usual gap from a line of one size to the next: its size's, or between two sizes the tightest known. */
function usualSpacing(spacing: ReadonlyMap<number, number>, previousSize: number, size: number): number | null {
  const own = spacing.get(sizeClass(size));
  if (sizeClass(previousSize) === sizeClass(size)) return own ?? spacing.get(0) ?? null;
  const known = [own, spacing.get(sizeClass(previousSize)), spacing.get(0)].filter((value) => value !== undefined);
  return known.length === 0 ? null : Math.min(...known);
}

/** A gap between baselines this much wider than the usual one ends a paragraph. */
function isParagraphGap(gap: number, usual: number): boolean {
  return gap > usual * 1.3 + 0.5;
}

/** pdf.js marks line ends with `hasEOL`; a jump in the baseline also ends a line. */
export function itemsToLines(drawn: readonly PositionedText[], options: TableOption = {}): Line[] {
  const items = placeLateMarkers(placeOverlaidWords(drawn));
  const inMargin = marginStamp(items);
  const lines: Line[] = [];
  let current: Line | null = null;
  // The line's runs of text: a gap wider than a column gap (or a jump back) starts a new one. A word spaced out letter
  // by letter ("요 약", a table header "구 분") is joined within its run, never across runs, which may be a table's
  // columns ("월", "화", "수").
  let runs: Cell[] = [];
  // Where the line's last visible text ends, null before any.
  let inkEndX: number | null = null;
  // The line has a blank as wide as a column gap (a table's cells, which some producers space with one wide blank).
  let spread = false;
  const endLine = (): void => {
    if (current !== null && current.text.trim() !== "") {
      const cells = runs
        .map((run) => ({ ...run, text: joinLetterSpacedWord(run.text.replace(/\s+/g, " ").trim()) }))
        .filter((run) => run.text !== "");
      if (cells.length > 0) cells[0] = { ...cells[0]!, text: shownBullet(cells[0]!.text) };
      lines.push({
        ...current,
        text: joinSpacedChapterTitle(cells.map((cell) => cell.text).join(" ")),
        bold: current.bold === true && cells.length === 1 && !spread,
        spaceAtStart: /^\s/.test(current.text),
        spaceAtEnd: /\s$/.test(current.text),
        ...(cells.length > 1 ? { cells } : {}),
      });
    }
    current = null;
    runs = [];
    spread = false;
  };
  for (const item of items) {
    const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
    if (isSlanted(a, b) || inMargin(item)) continue;
    const fontSize = Math.hypot(a, b);
    if (current !== null && Math.abs(current.y - y) > 0.5 * Math.max(current.fontSize, fontSize)) endLine();
    if (item.str !== "") {
      if (current === null) {
        // A blank's width does not extend the line: Hancom PDF gives its spaces widths of several words (a 69 pt space
        // between words 8 pt apart), which set the line's end far past the margin.
        const end = item.str.trim() === "" ? x : x + item.width;
        current = {
          text: item.str,
          x,
          endX: end,
          y,
          fontSize,
          spaceAtStart: false,
          spaceAtEnd: false,
          monospace: item.monospace === true,
          bold: item.bold === true,
        };
        runs = [{ text: item.str, x, endX: end, fontSize }];
        inkEndX = null;
      } else {
        if (item.str.trim() !== "") {
          current.monospace = (current.monospace === true || current.text.trim() === "") && item.monospace === true;
          current.bold = (current.bold === true || current.text.trim() === "") && item.bold === true;
        } else if (item.width > COLUMN_GAP * fontSize) spread = true;
        // Many PDFs position words instead of emitting spaces; a visible gap between items is a word break, and so
        // is a jump back to the left by more than a letter (texinfo sets "[Function]" at the right margin first).
        const gap = x - current.endX;
        const jumpsBack = gap < -Math.max(current.fontSize, fontSize);
        const needsSpace = (gap > 0.15 * fontSize || jumpsBack) && !/\s$/.test(current.text) && !/^\s/.test(item.str);
        current.text += (needsSpace ? " " : "") + item.str;
        // The column gap is measured from the last ink, not from a blank: ReportLab fills a table's column gaps with
        // space items as wide as the gap, which leave no gap between items at all.
        const inked = item.str.trim() !== "";
        const gapFrom = inked && inkEndX !== null ? (x - inkEndX) / Math.max(current.fontSize, fontSize) : 0;
        // Reading tables, a narrower gap parts cells too (a LaTeX tabular's 2 × \tabcolsep, 12 pt: 1.1 em at 10.9 pt),
        // unless a side is one letter (a word spaced out letter by letter, "구    분").
        const narrowColumnGap =
          options.tables === true &&
          gapFrom > TABLE_COLUMN_GAP &&
          [...(runs[runs.length - 1]?.text.trim() ?? "")].length >= 2 &&
          [...item.str.trim()].length >= 2;
        const columnGap = gapFrom > COLUMN_GAP || narrowColumnGap;
        // Nor does a blank's width extend its cell: 한글 follows each cell's text with a blank hundreds of points wide.
        if (jumpsBack || columnGap) runs.push({ text: item.str, x, endX: x + item.width, fontSize });
        else {
          const run = runs[runs.length - 1]!;
          if (inked && run.text.trim() === "") run.x = x;
          run.text += (needsSpace ? " " : "") + item.str;
          if (inked) run.endX = run.text.trim() === item.str.trim() ? x + item.width : Math.max(run.endX, x + item.width);
          if (inked) run.fontSize = run.text.trim() === item.str.trim() ? fontSize : Math.max(run.fontSize ?? 0, fontSize);
        }
        if (item.str.trim() !== "") current.endX = Math.max(current.endX, x + item.width);
        current.fontSize = Math.max(current.fontSize, fontSize);
      }
      if (item.str.trim() !== "") inkEndX = x + item.width;
    }
    if (item.hasEOL) endLine();
  }
  endLine();
  const ordered = placeLateLines(lines);
  return options.tables === true ? rejoinDrawnAfterWraps(ordered) : ordered;
}

/** A chapter's number and its title spaced out syllable by syllable: "제 1 장 총 칙", "제5장 휴 가". */
const SPACED_CHAPTER_TITLE = /^(제\s?\d{1,3}\s?[편장절관]\s)((?:[\uac00-\ud7a3]\s+){1,5}[\uac00-\ud7a3])$/u;

/**
 * A chapter's title that 한글 spaces out across the line ("제 1 장 총 칙", its syllables two ems apart, each a run of
 * its own) with its syllables joined ("제 1 장 총칙"): the section path read "휴 가", which no search for 휴가 meets.
 * A title of words ("제3장 금지 사항 및 벌칙") is left as it is.
 */
function joinSpacedChapterTitle(text: string): string {
  const spaced = SPACED_CHAPTER_TITLE.exec(text);
  return spaced === null ? text : `${spaced[1]}${spaced[2]!.replace(/\s+/g, "")}`;
}

/**
 * Lines drawn after the text below them put back where they stand. Some producers draw a page's title (or its running
 * header) after its text: macOS Quartz from Pages drew "Installation Process" last, read as the page's closing line
 * and the title of nothing. A line set above every line drawn before it, across some of their width (the same
 * column), goes before them all; a second column, which starts beside the first, not over it, keeps its place.
 */
function placeLateLines(lines: Line[]): Line[] {
  const placed: Line[] = [];
  // The first `moved` lines of `placed` were put back above the rest; a late paragraph's next lines join them in order.
  let moved = 0;
  for (const line of lines) {
    const rest = placed.slice(moved);
    const aboveAll = rest.length > 0 && rest.every((other) => line.y > other.y + line.fontSize / 2);
    const sameColumn = rest.some((other) => line.x < other.endX && other.x < line.endX);
    // A drop cap (one large letter, its baseline within the paragraph it opens) is no line of its own to move.
    if (aboveAll && sameColumn && /\p{L}.*\p{L}/u.test(line.text)) {
      let at = 0;
      while (at < moved && placed[at]!.y >= line.y) at++;
      placed.splice(at, 0, line);
      moved++;
      continue;
    }
    const between = gapAboveLastLines(placed, moved, line);
    if (between === null) placed.push(line);
    else placed.splice(between, 0, line);
  }
  return placed;
}

/**
 * Where a line drawn after the paragraph under it goes: Canva draws each title after the text box below it, so an
 * employee handbook read "…up to and including termination" "OPEN DOOR POLICY" "The company has an open door…" with
 * every policy's title after its text and over the next one's. A line with words, set in the empty space between two
 * lines of the page's last run of lines in its column (going down, not smaller than it is) and starting where the
 * line under it starts, goes between them.
 */
function gapAboveLastLines(placed: readonly Line[], from: number, line: Line): number | null {
  const last = placed.at(-1);
  if (last === undefined || line.y <= last.y + line.fontSize / 2 || !/\p{L}.*\p{L}/u.test(line.text)) return null;
  const sameColumn = (other: Line) => line.x < other.endX && other.x < line.endX;
  // The run's lines from the last up, those of other columns (a page number drawn amid the text) passed over.
  let below: { line: Line; at: number } | null = null;
  for (let at = placed.length - 1; at >= from; at--) {
    const above = placed[at]!;
    if (!sameColumn(above)) continue;
    if (below !== null) {
      if (above.y <= below.line.y || line.fontSize < below.line.fontSize * 0.9) return null;
      const between = line.y > below.line.y + line.fontSize / 2 && line.y < above.y - line.fontSize / 2;
      // A title over its paragraph: as far left as the paragraph, in a space between paragraphs at least two lines
      // high. Not a formula's part or a table's cell, which sit in the gaps of the lines around them.
      if (between) return Math.abs(line.x - below.line.x) <= line.fontSize / 2 && above.y - below.line.y >= 2 * line.fontSize ? below.at : null;
    }
    below = { line: above, at };
  }
  return null;
}

/** How many lines back a piece of a line drawn after its wrapped cells may be put back. */
const WRAPPED_CELL_LINES = 3;

/**
 * Puts back together a table row drawn cell by cell: ReportLab draws a row's wrapped cell whole, its second line
 * ("않습니다.") before the row's next cells ("AUTH-001 본인 재입력 후 재시도 실무자"), so the row's last cells come
 * after the wrap as a line of their own, on the row's baseline. A line on the baseline of one of the last few lines,
 * wholly right of the lines drawn between them (which lie just below that baseline, each starting where one of that
 * line's later cells starts), joins it as further cells.
 */
function rejoinDrawnAfterWraps(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    let target = -1;
    for (let back = out.length - 1; back >= Math.max(0, out.length - WRAPPED_CELL_LINES - 1); back--) {
      const candidate = out[back]!;
      if (Math.abs(candidate.y - line.y) > 0.25 * line.fontSize) continue;
      const between = out.slice(back + 1);
      // The lines between are the row's wrapped cells: each starts where one of the row's later cells does.
      const cellStarts = (candidate.cells ?? []).slice(1).map((cell) => cell.x);
      if (
        between.length > 0 &&
        between.every(
          (wrapped) =>
            wrapped.y < candidate.y &&
            candidate.y - wrapped.y < (between.length + 1) * 2 * line.fontSize &&
            wrapped.endX <= line.x &&
            cellStarts.some((x) => Math.abs(wrapped.x - x) <= CELL_SLACK * line.fontSize),
        ) &&
        candidate.endX <= line.x
      ) {
        target = back;
      }
      break;
    }
    if (target === -1) {
      out.push(line);
      continue;
    }
    const row = out[target]!;
    const cellsOf = (part: Line): Cell[] => part.cells ?? [{ text: part.text, x: part.x, endX: part.endX }];
    out[target] = {
      ...row,
      text: `${row.text} ${line.text}`,
      endX: Math.max(row.endX, line.endX),
      fontSize: Math.max(row.fontSize, line.fontSize),
      spaceAtEnd: line.spaceAtEnd,
      monospace: row.monospace === true && line.monospace === true,
      cells: [...cellsOf(row), ...cellsOf(line)],
    };
  }
  return out;
}

/** A list item's number or bullet standing alone: "1.", "b)", "iv.", "•". */
const MARKER_ONLY = /^(?:\d{1,3}[.)]|[a-zA-Z][.)]|[ivxlc]{1,5}[.)]|[•◦▪■●○–-])$/;

/**
 * List numbers drawn after the rest of the page, put back before their item's first line. WeasyPrint draws an
 * ordered list's markers last, each on its item's baseline just left of it: read in drawing order, the numbers came
 * out as a column of "1." "2." lines at the page's end and the items ran together as one paragraph. A marker item
 * alone that comes after text lower on the page goes before the item that opens a line on its baseline, starting
 * just right of it; everything else keeps its order.
 */
function placeLateMarkers<T extends PositionedText>(items: readonly T[]): T[] {
  const placed: T[] = [];
  let lowest = Infinity;
  for (const item of items) {
    const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
    const size = Math.hypot(a, b);
    if (MARKER_ONLY.test(item.str.trim()) && lowest < y - size) {
      const opens = placed.findIndex((other, index) => {
        const [, , , , otherX = 0, otherY = 0] = other.transform;
        const previous = placed[index - 1];
        const startsLine = previous === undefined || previous.hasEOL || Math.abs((previous.transform[5] ?? 0) - otherY) > 0.25 * size;
        return startsLine && Math.abs(otherY - y) <= 0.25 * size && otherX >= x + item.width - OVERLAY_SLACK && otherX <= x + item.width + 2 * size;
      });
      if (opens !== -1) {
        placed.splice(opens, 0, { ...item, str: `${item.str.trim()} `, hasEOL: false });
        continue;
      }
    }
    if (item.str.trim() !== "") lowest = Math.min(lowest, y);
    placed.push(item);
  }
  return placed;
}

/** How far (points) a word drawn over a blank may stand out of the blank's ends. */
const OVERLAY_SLACK = 1;

/**
 * Words drawn over a blank left for them, put in the blank's place. Some producers set a line's text with a blank (a
 * space item as wide as a word) where a word in another font goes, and draw that word after the rest of the line
 * (openhtmltopdf does so with a 상품설명서's bold words: "…상환할 경우 [고객이 부담]하는 금액입니다."). Read in drawing
 * order the word lands after the line's end. A word whose extent lies within a blank earlier on its baseline takes
 * the blank's place (what is left of the blank after it stays for the word's next piece); the rest keeps its order,
 * so text set at the right margin first (texinfo's "[Function]"), which covers no blank, is not moved.
 */
function placeOverlaidWords<T extends PositionedText>(items: readonly T[]): T[] {
  const placed: T[] = [];
  for (const item of items) {
    const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
    const size = Math.hypot(a, b);
    // A blank drawn over a word placed already on its line stands for no space: Print To PDF draws a 한글 line's
    // blanks after its Hangul, over the digits' and brackets' gaps that the words drawn into them now fill.
    // So does one drawn across a word placed already (Distiller's second pass over a 한글 line: the blank that held the
    // digits' places spans the Hangul drawn in the first).
    if (item.str !== "" && item.str.trim() === "" && !item.hasEOL && (overInk(placed, x, y, size) || spansInk(placed, x, x + item.width, y, size))) continue;
    const opening = LINE_MARKER.test(item.str.trim()) ? lineOpening(placed, x + item.width, y, size) : -1;
    if (opening !== -1) {
      placed.splice(opening, 0, { ...item, str: `${item.str.trim()} `, hasEOL: false });
      if (item.hasEOL) placed[placed.length - 1] = { ...placed[placed.length - 1]!, hasEOL: true };
      continue;
    }
    const blank = item.str.trim() === "" || item.width <= 0 ? -1 : blankUnder(placed, x, x + item.width, y, size);
    if (blank === -1) {
      const gap = item.str.trim() === "" || item.width <= 0 ? -1 : gapUnder(placed, x, x + item.width, y, size);
      const inner = gap === -1 && item.str.trim() !== "" && item.width > 0 ? innerGapUnder(placed, x, x + item.width, y, size) : null;
      if (inner !== null) {
        // The item pdf.js merged is cut at the gap: its text before the gap, the word drawn into it, the rest.
        const under = placed[inner.index]!;
        const [, , , , underX = 0] = under.transform;
        const at = (left: number) => [...under.transform.slice(0, 4), left, ...under.transform.slice(5)];
        const before = { ...under, str: under.str.slice(0, inner.space), width: x - underX, hasEOL: false };
        const after = { ...under, str: under.str.slice(inner.space + 1), transform: at(x + item.width), width: underX + under.width - (x + item.width) };
        placed.splice(inner.index, 1, before, { ...item, hasEOL: false }, after);
        if (item.hasEOL) placed[placed.length - 1] = { ...placed[placed.length - 1]!, hasEOL: true };
      } else if (gap === -1) {
        // A word ending where its line's first word starts (within half an em) is that line's opening: 한글 printed
        // through PScript5 to Acrobat Distiller draws a line's Hangul first, then its digits and Latin letters ("2025"
        // before "년도 ICT 분야"), each pass leaving blanks for the other's words.
        const opening = item.str.trim() === "" || item.width <= 0 ? -1 : lineOpening(placed, x + item.width, y, size, size / 2);
        if (opening === -1) placed.push(item);
        else {
          placed.splice(opening, 0, { ...item, hasEOL: false });
          if (item.hasEOL) placed[placed.length - 1] = { ...placed[placed.length - 1]!, hasEOL: true };
        }
      } else {
        placed.splice(gap, 0, { ...item, hasEOL: false });
        if (item.hasEOL) placed[placed.length - 1] = { ...placed[placed.length - 1]!, hasEOL: true };
      }
      continue;
    }
    const under = placed[blank]!;
    const [, , , , blankX = 0] = under.transform;
    const [, , , , nextX = Infinity] = placed.slice(blank + 1).find((next) => next.str.trim() !== "")?.transform ?? [];
    const rest = Math.min(blankX + under.width, nextX) - (x + item.width);
    const remainder = rest > OVERLAY_SLACK ? [{ ...under, transform: [...under.transform.slice(0, 4), x + item.width, ...under.transform.slice(5)], width: rest }] : [];
    placed.splice(blank, 1, { ...item, hasEOL: false }, ...remainder);
    // The line's end stays where it was drawn.
    if (item.hasEOL) placed[placed.length - 1] = { ...placed[placed.length - 1]!, hasEOL: true };
  }
  return placed;
}

/**
 * Where a word drawn after the rest of its line goes when it fills the empty gap between two words placed before it,
 * left to right, on its baseline (Microsoft's "Print To PDF" draws a 한글 document's digits, brackets and ① last,
 * into gaps the line left for them; the blanks under them, if any, are gone as script-change spaces): the index of
 * the right-hand word, or -1. A word that overlaps a placed one (text drawn twice for bold) or lies outside every gap
 * (texinfo's "[Function]" set at the right margin first) keeps its drawing order.
 */
function gapUnder(placed: readonly PositionedText[], from: number, to: number, y: number, size: number): number {
  let right: PositionedText | null = null;
  for (let index = placed.length - 1; index >= 0; index--) {
    const left = placed[index]!;
    const [, , , , x = 0, baseline = 0] = left.transform;
    if (Math.abs(baseline - y) > 0.25 * size || left.hasEOL) return -1;
    if (left.str.trim() === "") continue;
    if (right !== null) {
      const [, , , , rightX = 0] = right.transform;
      if (x + left.width <= from + OVERLAY_SLACK && to <= rightX + OVERLAY_SLACK && x < rightX) return placed.indexOf(right);
    }
    right = left;
  }
  return -1;
}

/**
 * A gap inside one item on the current line (baseline `y`) that a word drawn after it fills: Microsoft's "Print To
 * PDF" draws a 한글 line's Hangul first and its digits, brackets and dots after, and pdf.js reads the gaps left for
 * them as spaces of one item ("제 조 목적", then "1", "(", ")"). Where the item's letters stand is estimated (a
 * Hangul or CJK character one em, any other half of one, the width left shared by its spaces); the word must lie on
 * one such space and be no wider than it by more than half an em. The item's index and the space's, or null.
 */
function innerGapUnder(placed: readonly PositionedText[], from: number, to: number, y: number, size: number): { index: number; space: number } | null {
  for (let index = placed.length - 1; index >= 0; index--) {
    const under = placed[index]!;
    const [a = 0, b = 0, , , x = 0, baseline = 0] = under.transform;
    if (Math.abs(baseline - y) > 0.25 * size || under.hasEOL) return null;
    if (under.str.trim() === "" || !under.str.includes(" ")) continue;
    if (from < x + OVERLAY_SLACK || to > x + under.width + OVERLAY_SLACK) continue;
    const em = Math.hypot(a, b);
    const characters = [...under.str];
    const spaces = characters.filter((character) => character === " ").length;
    const inked = characters.reduce((sum, character) => sum + (character === " " ? 0 : (WIDE_CHARACTER.test(character) ? 1 : 0.5) * em), 0);
    const spaceWidth = (under.width - inked) / spaces;
    if (spaceWidth <= 0) return null;
    let left = x;
    let offset = 0;
    for (const character of characters) {
      if (character === " ") {
        const centre = left + spaceWidth / 2;
        if (Math.abs((from + to) / 2 - centre) <= em / 2 && to - from <= spaceWidth + em / 2 && offset > 0) return { index, space: offset };
        left += spaceWidth;
      } else left += (WIDE_CHARACTER.test(character) ? 1 : 0.5) * em;
      offset += character.length;
    }
    return null;
  }
  return null;
}

/** An item's or a clause's number alone: "1.", "가.", "(3)", "②", a bullet. */
const LINE_MARKER = /^(?:\d{1,3}[.)]|[가-하][.)]|\(\d{1,3}\)|[\u2460-\u2473]|[•◦▪■●○])$/;

/**
 * Where a line's number drawn after the line's words goes: Print To PDF draws a 한글 item's "1." or a clause's "②"
 * after the words of its line. A marker ending just left of every word placed on its baseline (within two ems of the
 * leftmost; a word, within `reach`) goes before the line's first word: the index of that word, or -1. A marker away
 * from the words (a label at the right margin drawn first, then the line from the left) keeps its order.
 */
function lineOpening(placed: readonly PositionedText[], end: number, y: number, size: number, reach = 2 * size): number {
  let first = -1;
  let left = Infinity;
  for (let index = placed.length - 1; index >= 0; index--) {
    const word = placed[index]!;
    const [, , , , x = 0, baseline = 0] = word.transform;
    if (Math.abs(baseline - y) > 0.25 * size || word.hasEOL) break;
    first = index;
    if (word.str.trim() !== "") left = Math.min(left, x);
  }
  return first !== -1 && left !== Infinity && end <= left + OVERLAY_SLACK && left - end <= reach ? first : -1;
}

/** Whether `x` on the current line (baseline `y`) lies within a word placed on it already. */
function overInk(placed: readonly PositionedText[], x: number, y: number, size: number): boolean {
  for (let index = placed.length - 1; index >= 0; index--) {
    const word = placed[index]!;
    const [, , , , left = 0, baseline = 0] = word.transform;
    if (Math.abs(baseline - y) > 0.25 * size || word.hasEOL) return false;
    if (word.str.trim() !== "" && x >= left - OVERLAY_SLACK && x < left + word.width - OVERLAY_SLACK) return true;
  }
  return false;
}

/** Whether a word placed already on the current line (baseline `y`) lies wholly within `from`..`to`. */
function spansInk(placed: readonly PositionedText[], from: number, to: number, y: number, size: number): boolean {
  for (let index = placed.length - 1; index >= 0; index--) {
    const word = placed[index]!;
    const [, , , , left = 0, baseline = 0] = word.transform;
    if (Math.abs(baseline - y) > 0.25 * size || word.hasEOL) return false;
    if (word.str.trim() !== "" && word.width > 0 && left >= from - OVERLAY_SLACK && left + word.width <= to + OVERLAY_SLACK) return true;
  }
  return false;
}

/** A character set a full em wide: Hangul, CJK, full-width forms. */
const WIDE_CHARACTER = /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7a3\uff00-\uffef]/;

/**
 * The index of a blank on the current line (baseline `y`) that spans `from`..`to` with text already placed after it,
 * or -1. A blank ends where the next text placed after it starts: pdf.js gives some files' spaces widths far wider
 * than the gap they leave (a 학칙's letter-spaced "공 학 사" from PDF24), so the width alone would swallow the next
 * letter. A word drawn straight after its blank is in order already.
 */
function blankUnder(placed: readonly PositionedText[], from: number, to: number, y: number, size: number): number {
  let nextX = Infinity;
  for (let index = placed.length - 1; index >= 0; index--) {
    const candidate = placed[index]!;
    const [, , , , x = 0, baseline = 0] = candidate.transform;
    if (Math.abs(baseline - y) > 0.25 * size || candidate.hasEOL) return -1;
    const blank = candidate.str.trim() === "";
    if (blank && nextX !== Infinity && x - OVERLAY_SLACK <= from && to <= Math.min(x + candidate.width, nextX) + OVERLAY_SLACK) return index;
    if (!blank) nextX = x;
  }
  return -1;
}

/**
 * Text turned a quarter in a page's side margin, wholly left or right of all the upright text: a stamp along the edge
 * ("arXiv:2004.04906v3 [cs.CL] 30 Sep 2020", a document number, "uncontrolled when printed"). Read in order it
 * landed mid-sentence. A landscape page (no upright text) and a sideways table heading (among the text) are kept.
 */
function marginStamp(items: readonly PositionedText[]): (item: PositionedText) => boolean {
  let left = Infinity;
  let right = -Infinity;
  for (const item of items) {
    const [a = 0, b = 0, , , x = 0] = item.transform;
    if (item.str.trim() === "" || Math.abs(b) > Math.abs(a) * 0.01) continue;
    left = Math.min(left, x);
    right = Math.max(right, x + item.width);
  }
  if (left > right) return () => false;
  return (item) => {
    const [a = 0, b = 0, , , x = 0] = item.transform;
    if (Math.abs(a) > Math.abs(b) * 0.01 || item.str.trim() === "") return false;
    // Turned a quarter, the glyphs stand on one side of the baseline's x: left of it when turned anticlockwise.
    const size = Math.abs(b);
    const [from, to] = b > 0 ? [x - size, x] : [x, x + size];
    return to <= left || from >= right;
  };
}

/** A gap between two text items wider than this many font sizes parts runs of text (a table's columns), not letters. */
const COLUMN_GAP = 1.5;

/**
 * Reading tables (`tables`), a gap this many font sizes wide parts cells when neither side is a single letter: LaTeX
 * sets a tabular's columns 2 × \tabcolsep (12 pt) apart, 1.1 em at 10.9 pt, where a justified line's word space is
 * rarely half an em; a table is still only found where later rows' cells start in the same columns.
 */
const TABLE_COLUMN_GAP = 1;

/** A space pdf.js put between a Hangul syllable and a digit or Latin letter: in a file that writes its spaces as
 * glyphs, it may be a gap word processors leave at a script change ("제 1 조" for 제1조). */
const SCRIPT_CHANGE_SPACE = /[\uac00-\ud7a3] (?=[0-9A-Za-z])|[0-9A-Za-z] (?=[\uac00-\ud7a3])/;
/** Characters pdf.js leaves out of its text (format marks) and whitespace: not compared when aligning. */
const UNCOMPARED = /[\s\p{Cf}]/u;
/** Share of a page's other spaces that must be space glyphs before a missing glyph is taken to mean no space. */
const SPACE_GLYPH_SHARE = 0.8;
/** Fewer spaces than this elsewhere on the page are too little evidence of how the file writes its spaces. */
const SPACE_GLYPH_MIN = 5;

/** Whether a page's text has a space at a script change that `dropScriptGapSpaces` would look at. */
export function hasScriptChangeSpace(items: ReadonlyArray<{ str: string }>): boolean {
  return items.some((item) => SCRIPT_CHANGE_SPACE.test(item.str));
}

/**
 * pdf.js writes a space both for a space glyph and for a gap between glyphs, and merges the two on purpose. LibreOffice
 * and Word (with "space between Asian and Western text", their Korean default) leave a quarter-em gap where Hangul
 * meets a digit or a Latin letter, so "제1조", "2만5천원" read "제 1 조", "2 만 5 천원". `glyphs` is the page's glyph
 * text in content order (from its operator list: each shown glyph's character, space glyphs included, gaps not).
 * Where the page writes its spaces as glyphs (at least 80% of its other in-item spaces have one, and at least 5), a
 * space at a script change without a space glyph is dropped. Pages whose glyphs do not line up with the text
 * character for character, or which position their words instead of writing spaces, are returned as they are;
 * `spacesAreGlyphs` says which (false: positioned words; null: too few spaces or no alignment to judge).
 */
export function dropScriptGapSpaces<T extends { str: string }>(
  items: readonly T[],
  glyphs: string,
): { items: readonly T[]; spacesAreGlyphs: boolean | null } {
  const characters: string[] = [];
  const spaceBefore: boolean[] = [];
  let pending = false;
  for (const character of glyphs.split("")) {
    if (UNCOMPARED.test(character)) {
      pending ||= /\s/.test(character);
      continue;
    }
    characters.push(character);
    spaceBefore.push(pending);
    pending = false;
  }
  // Each in-item space between two characters: where it sits, whether a space glyph is there, at a script change.
  const spaces: Array<{ item: number; index: number; glyph: boolean; scriptChange: boolean }> = [];
  let next = 0;
  for (const [itemIndex, item] of items.entries()) {
    const text = item.str;
    for (let index = 0; index < text.length; index++) {
      const character = text[index]!;
      if (UNCOMPARED.test(character)) continue;
      if (characters[next] !== character) return { items, spacesAreGlyphs: null };
      if (index >= 2 && text[index - 1] === " " && !UNCOMPARED.test(text[index - 2]!)) {
        spaces.push({
          item: itemIndex,
          index: index - 1,
          glyph: spaceBefore[next]!,
          scriptChange: SCRIPT_CHANGE_SPACE.test(text.slice(index - 2, index + 1)),
        });
      }
      next++;
    }
  }
  const others = spaces.filter((space) => !space.scriptChange);
  const withGlyph = others.filter((space) => space.glyph).length;
  if (others.length < SPACE_GLYPH_MIN) return { items, spacesAreGlyphs: null };
  if (withGlyph < SPACE_GLYPH_SHARE * others.length) return { items, spacesAreGlyphs: false };
  const drop = new Map<number, Set<number>>();
  for (const space of spaces) {
    if (space.scriptChange && !space.glyph) drop.set(space.item, (drop.get(space.item) ?? new Set()).add(space.index));
  }
  if (drop.size === 0) return { items, spacesAreGlyphs: true };
  const dropped = items.map((item, index) => {
    const indexes = drop.get(index);
    return indexes === undefined ? item : { ...item, str: item.str.split("").filter((_, at) => !indexes.has(at)).join("") };
  });
  return { items: dropped, spacesAreGlyphs: true };
}

/** How far (degrees) a line of text may lean off the horizontal or the vertical before it is a slant. */
const SLANT_TOLERANCE_DEGREES = 10;

/**
 * Text set on a slant: a watermark or stamp drawn across the page ("draft", "CONFIDENTIAL", "SAMPLE"). It is not part
 * of what the page says, and read in order it lands in the middle of a paragraph (and as the title of a PDF without
 * one). Text turned a quarter (a sideways table heading, a landscape page) is kept.
 */
function isSlanted(a: number, b: number): boolean {
  if (a === 0 && b === 0) return false;
  const degrees = Math.abs((Math.atan2(b, a) * 180) / Math.PI) % 90;
  return degrees > SLANT_TOLERANCE_DEGREES && degrees < 90 - SLANT_TOLERANCE_DEGREES;
}

/** Fewer distinct characters than this from one font are too little evidence to call its text shifted. */
const SHIFTED_FONT_MIN_CHARACTERS = 8;
/** The share of a shifted font's distinct characters that must stand for printable ASCII (the rest: quotes, dashes). */
const SHIFTED_FONT_ASCII_SHARE = 0.8;
/** T1 (Cork) codes below 0x20 that text uses: quotation marks and dashes. */
const T1_LOW: Readonly<Record<number, string>> = { 0x10: "\u201c", 0x11: "\u201d", 0x12: "\u201e", 0x15: "\u2013", 0x16: "\u2014" };

/**
 * Fonts whose text came out as Hangul syllables although they print Latin letters: a broken ToUnicode map that put
 * a one-byte font's codes into one 256-character block of syllables (nanumtype1's T1 font does this, so "ko.TeX"
 * extracts as "ko줮쥔쥅쥘": code c as U+C900 + c). A font is judged over every item given (the pages of a PDF part):
 * shifted when at least 8 distinct characters came from it, all syllables of one block, at least 80% of them standing
 * for printable ASCII and Latin letters among those. A real Korean font shows syllables across its block's whole
 * range. Returns each shifted font's block base (0xC900 above).
 */
export function shiftedHangulFonts(items: ReadonlyArray<{ str: string; fontName?: string }>): Map<string, number> {
  const characters = new Map<string, Set<number>>();
  for (const { str, fontName } of items) {
    if (fontName === undefined) continue;
    const seen = characters.get(fontName) ?? new Set<number>();
    for (const character of str) if (character.trim() !== "") seen.add(character.codePointAt(0)!);
    characters.set(fontName, seen);
  }
  const shifted = new Map<string, number>();
  for (const [fontName, seen] of characters) {
    const codes = [...seen];
    if (codes.length < SHIFTED_FONT_MIN_CHARACTERS) continue;
    const base = codes[0]! & ~0xff;
    if (!codes.every((code) => code >= 0xac00 && code <= 0xd7a3 && (code & ~0xff) === base)) continue;
    const ascii = codes.map((code) => code & 0xff).filter((low) => low >= 0x21 && low <= 0x7e);
    const letters = ascii.filter((low) => /[A-Za-z]/.test(String.fromCharCode(low))).length;
    if (ascii.length >= SHIFTED_FONT_ASCII_SHARE * codes.length && letters >= 2) shifted.set(fontName, base);
  }
  return shifted;
}

/**
 * A shifted font's text with each syllable of its block put back: printable ASCII and T1's Latin-1 letters (0xC0 and
 * above) as themselves, T1's quotation marks and dashes as theirs; any other code stays as it came.
 */
export function unshiftHangul(text: string, base: number): string {
  return text.replace(/[\uac00-\ud7a3]/g, (character) => {
    const code = character.charCodeAt(0);
    if ((code & ~0xff) !== base) return character;
    const low = code & 0xff;
    if ((low >= 0x21 && low <= 0x7e) || low >= 0xc0) return String.fromCharCode(low);
    return T1_LOW[low] ?? character;
  });
}
