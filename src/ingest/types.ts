import type { ChunkRole } from "../store/schema.ts";

/** What every parser produces: the document's normalised text and its structure, with provenance. */
export interface ParsedDocument {
  /** Title from the file's metadata or first heading; null when the file has none. */
  title: string | null;
  /** The whole normalised text. Every block's `start`/`end` are offsets into it. */
  text: string;
  /** Blocks in reading order. Consecutive blocks are separated in `text` by "\n\n". */
  blocks: Block[];
  /** Number of physical pages for paged formats (PDF), null otherwise. */
  pageCount: number | null;
  /** Per-page notes (for example "no text layer") that ingest reports to the user. */
  warnings: string[];
  /**
   * Running headers, footers, page numbers and navigation taken out of `text`: not indexed, never quoted, kept
   * for display. In page order.
   */
  furniture: Furniture[];
}

/** A line of page furniture (header, footer, page number) or navigation, removed from the document's text. */
export interface Furniture {
  /** 1-based page for paged formats, null otherwise. */
  page: number | null;
  position: "header" | "footer" | "navigation";
  text: string;
}

/** What a block is besides its kind: body text unless recognised as a table of contents or an index. */
export type BlockRole = "body" | "toc" | "index";

export type BlockKind = "heading" | "paragraph" | "list" | "table" | "code";

export interface Block {
  kind: BlockKind;
  /** 1-6 for headings, undefined otherwise. */
  level?: number;
  text: string;
  /** 1-based physical page for paged formats, null otherwise. */
  page: number | null;
  /** Absent means body text. */
  role?: BlockRole;
  /**
   * The section path at this block when the parser knows it better than the headings before it (a PDF outline);
   * absent means the chunker follows the heading blocks.
   */
  section?: string[];
  start: number;
  end: number;
}

export interface Chunk {
  ordinal: number;
  /** Exactly `document.text.slice(charStart, charEnd)`. */
  text: string;
  /** Section path, outermost first (chapter > section > subsection). */
  headingPath: string[];
  /** "toc" and "index" chunks are ranked down; body otherwise. */
  role: ChunkRole;
  /** Clause the chunk belongs to, e.g. "제12조(연차휴가) 제2항" or "Section 4.2(b)"; null outside any clause. */
  clausePath: string | null;
  /**
   * The header row of the table the chunk begins inside, when that row lies before the chunk ("상품명 | 가입기간 |
   * 기본금리" for a chunk of a long rate table's later rows); null otherwise. Not part of `text`: the chunk's context.
   */
  tableHeader: string | null;
  pageStart: number | null;
  pageEnd: number | null;
  charStart: number;
  charEnd: number;
}

export interface ChunkOptions {
  /** Upper bound on a chunk's length in characters (a single longer sentence is cut at this length). */
  maxChars: number;
  /** Characters of trailing sentences from the previous chunk repeated at the start of the next. */
  overlapChars: number;
  /**
   * A chunk ends where a new page begins (paged formats), unless it holds fewer than `PAGE_BREAK_MIN_CHARS`
   * characters so far; the next page's chunk starts without overlap. Absent or false: pages do not cut chunks.
   */
  pageBreaks?: boolean;
  /**
   * A heading or a change of section path starts a new chunk (absent or true, the default). False lets sections
   * share a chunk, which then carries the last section's path: measured on real manuals, kept only as a switch.
   */
  sectionBreaks?: boolean;
}
