import { InvalidInputError } from "../errors.ts";
import { collapseWhitespace } from "./build-document.ts";
import { clauseBoundaries, commonClausePath, formatClausePath, type ClausePart } from "./clauses.ts";
import { isBareTitle } from "./structure.ts";
import { splitSentences } from "./sentences.ts";
import type { ChunkRole } from "../store/schema.ts";
import type { Block, Chunk, ChunkOptions, ParsedDocument } from "./types.ts";

export { DEFAULT_CHUNK_OPTIONS } from "./chunk-defaults.ts";

/**
 * With `pageBreaks`, a chunk shorter than this (or than a quarter of `maxChars`, whichever is smaller) runs on into
 * the next page instead of standing alone: a page's last line or a caption is not worth a chunk of its own.
 */
export const PAGE_BREAK_MIN_CHARS = 200;

export function validateChunkOptions(options: ChunkOptions): void {
  const { maxChars, overlapChars } = options;
  if (!Number.isInteger(maxChars) || maxChars <= 0) {
    throw new InvalidInputError(`maxChars must be a positive integer, got ${maxChars}`);
  }
  if (!Number.isInteger(overlapChars) || overlapChars < 0) {
    throw new InvalidInputError(`overlapChars must be a non-negative integer, got ${overlapChars}`);
  }
  if (overlapChars >= maxChars) {
    throw new InvalidInputError(`overlapChars (${overlapChars}) must be smaller than maxChars (${maxChars})`);
  }
  for (const name of ["pageBreaks", "sectionBreaks"] as const) {
    const value = options[name];
    if (value !== undefined && typeof value !== "boolean") throw new InvalidInputError(`${name} must be true or false, got ${String(value)}`);
  }
}

/** The smallest piece the chunker moves around: a sentence, a heading line, or a cut of an oversized sentence. */
interface Unit {
  start: number;
  end: number;
  page: number | null;
  role: ChunkRole;
  isHeading: boolean;
  /** Part of a sentence longer than maxChars; never repeated as overlap, since overlap is whole sentences. */
  isFragment: boolean;
  /** Clause in force where the unit begins. */
  clause: ClausePart[];
  /** For a unit of a table block below its header row, where that header row lies in the text; else null. */
  header: { start: number; end: number } | null;
}

interface OpenHeading {
  level: number;
  text: string;
  /** A contents title ("목차", "Contents"): its section is the contents list and ends where the body starts. */
  contents: boolean;
}

/**
 * Cuts a parsed document into chunks for retrieval. Each heading starts a chunk, and so does a change of section
 * path (PDF outline) or of role (a table of contents or an index never shares a chunk with body text); sentences
 * are packed up to `maxChars`; a chunk ends only at a sentence end unless one sentence alone is too long. The next chunk in the same
 * section repeats the previous chunk's trailing whole sentences, up to `overlapChars`. Every chunk is a contiguous
 * slice of `doc.text`, so a quoted passage can be checked against the stored document later.
 *
 * Regulations: an article (제N조, Article N, Section N.N), a paragraph (①) or an appendix starts a new chunk without
 * overlap, so a chunk never spans two articles, and each chunk carries the clause path its units share.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions): Chunk[] {
  validateChunkOptions(options);
  const { maxChars, overlapChars } = options;
  const sectionBreaks = options.sectionBreaks !== false;
  const pageBreakMin = options.pageBreaks === true ? Math.min(PAGE_BREAK_MIN_CHARS, Math.floor(maxChars / 4)) : null;
  const chunks: Chunk[] = [];
  const headings: OpenHeading[] = [];
  let current: Unit[] = [];
  let section: string[] = [];

  const emit = (): void => {
    const first = current[0];
    const last = current.at(-1);
    if (first === undefined || last === undefined) return;
    const pages = current.map((unit) => unit.page).filter((page) => page !== null);
    // A chapter title waiting for its first article does not empty the article's clause path.
    const clauseUnits = current.filter((unit) => !isTitle(doc.text, unit));
    chunks.push({
      ordinal: chunks.length,
      text: doc.text.slice(first.start, last.end),
      headingPath: section,
      role: first.role,
      clausePath: formatClausePath(commonClausePath((clauseUnits.length > 0 ? clauseUnits : current).map((unit) => unit.clause))),
      tableHeader: first.header === null ? null : doc.text.slice(first.header.start, first.header.end),
      pageStart: pages.length > 0 ? Math.min(...pages) : null,
      pageEnd: pages.length > 0 ? Math.max(...pages) : null,
      charStart: first.start,
      charEnd: last.end,
    });
  };

  const add = (unit: Unit): void => {
    const first = current[0];
    const last = current.at(-1);
    if (
      pageBreakMin !== null &&
      first !== undefined &&
      last !== undefined &&
      unit.page !== null &&
      last.page !== null &&
      unit.page !== last.page &&
      last.end - first.start >= pageBreakMin &&
      !current.every((open) => open.isHeading)
    ) {
      emit();
      current = [unit];
      return;
    }
    if (first === undefined || unit.end - first.start <= maxChars) {
      current.push(unit);
      return;
    }
    emit();
    current = [...trailingOverlap(current, unit, maxChars, overlapChars), unit];
  };

  const clauses = clauseBoundaries(withoutContents(doc));
  let nextClause = 0;
  let clause: ClausePart[] = [];
  /** Moves the clause state to `offset`; true when a hard boundary (article, paragraph…) was passed. */
  const advanceClause = (offset: number): boolean => {
    let hard = false;
    while (nextClause < clauses.length && clauses[nextClause]!.offset <= offset) {
      hard ||= clauses[nextClause]!.hard;
      clause = clauses[nextClause]!.path;
      nextClause++;
    }
    return hard;
  };
  const hardOffsets = clauses.filter((boundary) => boundary.hard).map((boundary) => boundary.offset);
  /**
   * Headings that opened a clause ("5.2 Scope", "Article 5"), outermost first, each with the clause path in force
   * before it. The text finds where a clause starts, not where it ends: a later heading at the same level or above that
   * opens none ("6. 결론" after "5.2 ETRI …") closes it, or the conclusion was filed under Section 5.2.
   */
  const clauseHeadings: Array<{ level: number; before: ClausePart[] }> = [];
  const closeClauseHeadings = (block: { start: number; end: number }, level: number): void => {
    let opened: ClausePart[] | null = null;
    for (let at = nextClause; at < clauses.length && clauses[at]!.offset < block.end; at++) opened = clauses[at]!.path;
    const closed = clauseHeadings.findIndex((open) => open.level >= level);
    const around = closed === -1 ? clause : clauseHeadings[closed]!.before;
    if (closed !== -1) clauseHeadings.length = closed;
    // What the heading's clause is inside of: the part of the path before it that the new path keeps (its article
    // for "5.1 Terms" under "Article 5"; nothing for "5.2" after the body's "5.1 Ownership …").
    if (opened !== null) clauseHeadings.push({ level, before: sharedStart(around, opened) });
    else clause = around;
  };

  for (const block of doc.blocks) {
    const units = splitAtOffsets(doc.text, blockUnits(doc.text, block, maxChars), hardOffsets);
    const role = block.role ?? "body";
    if (current.length > 0 && current[0]!.role !== role) {
      // A title directly followed by a contents list (a DocBook chapter page) goes with the list: alone, a chunk of
      // nothing but the title would match the title's words better than any paragraph does.
      if (role !== "body" && current.every((unit) => unit.isHeading)) {
        current = current.map((unit) => ({ ...unit, role }));
      } else {
        emit();
        current = [];
      }
    }
    if (block.section !== undefined) {
      if (!samePath(block.section, section)) {
        const nestsUnderPending =
          block.kind === "heading" && current.length > 0 && current.every((unit) => unit.isHeading) && startsWith(block.section, section);
        if (!nestsUnderPending && sectionBreaks) {
          emit();
          current = [];
        }
        section = block.section;
      }
    } else if (block.kind === "heading") {
      const level = block.level ?? 1;
      // A chapter title directly followed by its first section title stays with it instead of standing alone.
      const pendingHeadingsOnly = current.length > 0 && current.every((unit) => unit.isHeading);
      const nestsUnderPending = pendingHeadingsOnly && level > (headings.at(-1)?.level ?? 0);
      if (!nestsUnderPending && sectionBreaks) {
        emit();
        current = [];
      }
      closeClauseHeadings(block, level);
      while ((headings.at(-1)?.level ?? 0) >= level) headings.pop();
      headings.push({ level, text: collapseWhitespace(block.text), contents: role === "toc" });
      section = headings.map((heading) => heading.text);
    } else if (role === "body" && headings.at(-1)?.contents === true) {
      // The body after a contents list whose next title is typed in the body style ("■ 기능적 요구사항") is not in "목차".
      while (headings.at(-1)?.contents === true) headings.pop();
      section = headings.map((heading) => heading.text);
    }
    for (const unit of units) {
      const beforeAnnexes = !isAnnex(clause);
      // A contents or index entry ("3.1.3 Manage release-critical bugs . . . 10") names a clause without being one:
      // only body text starts a chunk at a clause, or a numbered contents page becomes one chunk per line.
      if (advanceClause(unit.start) && role === "body" && current.some((open) => !isTitle(doc.text, open))) {
        emit();
        current = [];
      }
      // 부칙 and 별표 stand after the chapters, not in the last one: a 학칙's "부칙" line is no heading, so the section
      // path its numbered chapters built would carry on into them. A heading or an outline places them itself.
      if (beforeAnnexes && isAnnex(clause) && role === "body" && block.kind !== "heading" && block.section === undefined && section.length > 0) {
        if (current.length > 0 && sectionBreaks) {
          emit();
          current = [];
        }
        headings.length = 0;
        section = [];
      }
      add({ ...unit, clause });
    }
  }
  emit();
  return chunks;
}

/** The parts two clause paths start with alike. */
function sharedStart(a: readonly ClausePart[], b: readonly ClausePart[]): ClausePart[] {
  let length = 0;
  while (length < a.length && length < b.length && a[length]!.key === b[length]!.key && a[length]!.kind === b[length]!.kind) length++;
  return a.slice(0, length);
}

/** A clause path inside the 부칙 or a 별표/별지. */
function isAnnex(clause: readonly ClausePart[]): boolean {
  return clause[0]?.kind === "addenda" || clause[0]?.kind === "appendix";
}

/**
 * A heading, or a short line outside any article ("제2장 휴가", "부칙"): it waits for the clause that follows
 * instead of standing alone, and does not narrow that clause's path.
 */
function isTitle(text: string, unit: Unit): boolean {
  if (unit.isHeading) return true;
  const short = unit.end - unit.start <= 60 && !/[.다。:]$/u.test(text.slice(unit.start, unit.end));
  if (!short) return false;
  // "Article 2 Access control" on its own line waits for its first section.
  const last = unit.clause.at(-1);
  if (last?.kind === "article" && /^(?:Article|ARTICLE)\s/u.test(text.slice(unit.start, unit.end))) return true;
  // So does "제5조(보험금의 분담)" on its own line, before its first paragraph ("① …").
  if (unit.clause.some((part) => part.kind === "article") && isBareTitle(text.slice(unit.start, unit.end))) return true;
  return !unit.clause.some((part) => part.kind !== "addenda") && unit.end - unit.start <= 40;
}

/** Cuts units where a clause begins inside them ("…한다. 제5조(휴가) ① …" on one extracted line). */
function splitAtOffsets(text: string, units: Unit[], offsets: readonly number[]): Unit[] {
  const out: Unit[] = [];
  let next = 0;
  for (const unit of units) {
    while (next < offsets.length && offsets[next]! <= unit.start) next++;
    let start = unit.start;
    for (let i = next; i < offsets.length && offsets[i]! < unit.end; i++) {
      let end = offsets[i]!;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      if (end > start) out.push({ ...unit, start, end });
      start = offsets[i]!;
    }
    out.push({ ...unit, start });
  }
  return out;
}

/**
 * The longest run of whole trailing sentences of `previous` that fits in `overlapChars` and still leaves room for
 * `next` within `maxChars`. Headings are not repeated: they already appear in the chunk's heading path.
 */
function trailingOverlap(previous: Unit[], next: Unit, maxChars: number, overlapChars: number): Unit[] {
  const previousEnd = previous.at(-1)?.end ?? 0;
  let from = previous.length;
  while (from > 0) {
    const candidate = previous[from - 1]!;
    if (candidate.isHeading || candidate.isFragment) break;
    if (previousEnd - candidate.start > overlapChars || next.end - candidate.start > maxChars) break;
    from--;
  }
  return previous.slice(from);
}

function samePath(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((part, index) => part === right[index]);
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length < path.length && prefix.every((part, index) => part === path[index]);
}

function blockUnits(text: string, block: Block, maxChars: number): Unit[] {
  const units: Unit[] = [];
  const isHeading = block.kind === "heading";
  const role = block.role ?? "body";
  const headerRow = block.kind === "table" ? tableHeaderRow(text, block) : null;
  const header = (start: number) => (headerRow !== null && start >= headerRow.end ? headerRow : null);
  for (const sentence of splitSentences(block.text, block.start)) {
    if (sentence.end - sentence.start <= maxChars) {
      units.push({ ...sentence, page: block.page, role, isHeading, isFragment: false, clause: [], header: header(sentence.start) });
      continue;
    }
    for (const piece of cutOversizedSentence(text, sentence.start, sentence.end, maxChars)) {
      units.push({ ...piece, page: block.page, role, isHeading, isFragment: true, clause: [], header: header(piece.start) });
    }
  }
  return units;
}

/** Where cells are joined in a table row as every parser writes it (HTML, DOCX, HWP/HWPX, Markdown, PDF tables). */
const CELL_JOIN = " | ";

/**
 * A table block's header row: its first line, when that is a row of two cells or more with words and no digit
 * ("상품명 | 가입기간 | 기본금리", "Option | Default | Meaning"), the same rule the extractive answer reads a header by.
 * A first row with a digit is a record (a key-value table's "사건번호 | 조심2023서1234"), not the names of columns.
 */
export function tableHeaderRow(text: string, block: Pick<Block, "start" | "end">): { start: number; end: number } | null {
  const newline = text.indexOf("\n", block.start);
  const lineEnd = newline === -1 || newline > block.end ? block.end : newline;
  if (lineEnd >= block.end) return null;
  const line = text.slice(block.start, lineEnd);
  if (/\p{N}/u.test(line) || !line.includes(CELL_JOIN)) return null;
  const filled = line.split(CELL_JOIN).filter((cell) => /\p{L}/u.test(cell));
  if (filled.length < 2) return null;
  let start = block.start;
  let end = lineEnd;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * Cuts a sentence longer than `maxChars` at the last whitespace in the second half of each window, or exactly at
 * the limit when there is none (long URLs, unspaced text), never between the halves of a surrogate pair.
 */
function cutOversizedSentence(text: string, start: number, end: number, maxChars: number): Array<{ start: number; end: number }> {
  const pieces: Array<{ start: number; end: number }> = [];
  let position = start;
  while (end - position > maxChars) {
    const limit = position + maxChars;
    let cut = limit;
    while (cut > position + maxChars / 2 && !/\s/.test(text[cut]!)) cut--;
    if (/\s/.test(text[cut]!) && cut > position) {
      let pieceEnd = cut;
      while (/\s/.test(text[pieceEnd - 1]!)) pieceEnd--;
      pieces.push({ start: position, end: pieceEnd });
      position = cut;
      while (/\s/.test(text[position]!)) position++;
    } else {
      const hardCut = isLowSurrogate(text.charCodeAt(limit)) && limit - 1 > position ? limit - 1 : limit;
      pieces.push({ start: position, end: hardCut });
      position = hardCut;
    }
  }
  pieces.push({ start: position, end });
  return pieces;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The document's text with its contents and index blocks blanked (same length, so offsets hold): their entries name
 * clauses without opening them. A handbook's contents line "3.2 Pay Schedule 27" opened the clause "Schedule 27",
 * and every section after the contents carried it ("Schedule 27 Section 5.4").
 */
function withoutContents(doc: ParsedDocument): string {
  const pieces: string[] = [];
  let from = 0;
  for (const block of doc.blocks) {
    if (block.role === undefined || block.role === "body") continue;
    pieces.push(doc.text.slice(from, block.start), doc.text.slice(block.start, block.end).replace(/[^\n]/g, " "));
    from = block.end;
  }
  pieces.push(doc.text.slice(from));
  return pieces.join("");
}
