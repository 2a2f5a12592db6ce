import type { ChunkRole, PageSpan } from "../store/schema.ts";
import type { ChunkRow } from "../store/store.ts";
import type { QueryGap } from "./gaps.ts";
import type { SearchFilter } from "./index/port.ts";

export interface SearchRequest {
  query: string;
  /** Number of passages wanted. */
  k: number;
  filter: SearchFilter;
  /** Attach the chunks just before and after each hit (for answers: a procedure is seldom in one chunk). */
  neighbours?: boolean;
  /** Cancels what can be cancelled (an HTTP reranker's call). */
  signal?: AbortSignal;
}

/** A chunk next to a hit in the same document version, shown with it for context. */
export interface NeighbourChunk {
  chunkId: string;
  text: string;
  pageStart: number | null;
  pageEnd: number | null;
  pageSpans: PageSpan[];
  /** Where the chunk lies in its document's text; neighbours overlap the hit by a few sentences. */
  charStart: number;
  charEnd: number;
  /** Clause path of the neighbour chunk; a neighbour may belong to the next clause. */
  clausePath?: string | null;
  /** Section path of the neighbour chunk; a neighbour may belong to the next section. */
  headingPath?: string[];
  /** A table of contents or an index next to the hit is never quoted for it. Absent means body text. */
  role?: ChunkRole;
  /** The header row of the table the neighbour begins inside, when it does not hold it (`Chunk.tableHeader`). */
  tableHeader?: string | null;
}

/** A passage found by search, hydrated from the store (the source of truth). */
export interface Passage {
  documentId: string;
  /** The file's path relative to the ingested folder, or its name. */
  source: string;
  title: string | null;
  /**
   * 1-based physical page (PDF) where the match is: for a passage crossing pages, the page whose part
   * holds most of the query's terms. Null for formats without pages.
   */
  page: number | null;
  pageStart: number | null;
  pageEnd: number | null;
  /** Where each page begins inside `text`; empty for formats without pages. */
  pageSpans: PageSpan[];
  chunkId: string;
  score: number;
  text: string;
  /** Section path, outermost first. */
  headingPath: string[];
  /** "body" unless ingest marked the chunk as table of contents, index or boilerplate. */
  role?: ChunkRole;
  /** Clause path, e.g. "제12조(연차휴가) 제2항"; null outside any clause. */
  clausePath: string | null;
  /**
   * The header row of the table the passage begins inside, when that row lies before it ("상품명 | 가입기간 | 기본금리");
   * null or absent otherwise. Context, not part of `text`: never quoted as the passage's words.
   */
  tableHeader?: string | null;
  /** The document version the passage belongs to (history versions appear under `asOf`). */
  version: number;
  collection: string;
  charStart: number;
  charEnd: number;
  /** Present when the search asked for neighbours; null where the hit starts or ends its document. */
  neighbours?: { before: NeighbourChunk | null; after: NeighbourChunk | null };
}

export interface SearchResult {
  query: string;
  hits: Passage[];
  /** The second ranking stage, when one is configured and there was something to rerank. */
  rerank?: RerankReport;
  /** Question words the collection lacks and the alternatives searched for them (gap-only expansion), when any. */
  gaps?: QueryGap[];
}

export interface RerankReport {
  /** The reranker's name, e.g. "builtin" or "http:bge-reranker-v2-m3". */
  reranker: string;
  /** "applied", or "fallback" when the reranker failed and the hits keep the first-stage order. */
  status: "applied" | "fallback";
  /** Why it fell back. */
  warning?: string;
}

/** What the answer layer needs from retrieval. */
export type Retrieve = (request: SearchRequest) => Promise<SearchResult>;

/** The fields of a hit that `jikji search --json` and `POST /v1/search` promise outside tools, in order. */
export function hitSummary(hit: Passage) {
  return {
    documentId: hit.documentId,
    source: hit.source,
    title: hit.title,
    page: hit.page,
    chunkId: hit.chunkId,
    score: hit.score,
    text: hit.text,
    section: sectionLabel(hit.headingPath),
    clause: hit.clausePath,
  };
}

/** The section path as people read it ("제1장 총칙 > 1.2 목적"); null when the passage has none. */
export function sectionLabel(headingPath: readonly string[]): string | null {
  return headingPath.length > 0 ? headingPath.join(" > ") : null;
}

/**
 * A clause path as printed after a section label: without the article the label already ends with, where a
 * regulation styles its articles as headings ("… > 제7조(숙박비)" + "제7조(숙박비) 제3항" → "제3항"); null when nothing
 * is left. Spaces are ignored in the comparison ("제 7 조" in a PDF's text), and the article must end where a clause
 * part does ("제1조" is no prefix of "제1조의2").
 */
export function clauseAfterSection(section: string | null | undefined, clause: string | null | undefined): string | null {
  if (clause === null || clause === undefined) return null;
  const last = section?.split(" > ").at(-1)?.replace(/\s+/g, "");
  if (last === undefined || last === "") return clause;
  let matched = 0;
  let index = 0;
  for (; index < clause.length && matched < last.length; index++) {
    if (/\s/.test(clause[index]!)) continue;
    if (clause[index] !== last[matched]) return clause;
    matched++;
  }
  if (matched < last.length || (index < clause.length && !/\s/.test(clause[index]!))) return clause;
  const rest = clause.slice(index).trim();
  return rest === "" ? null : rest;
}

/** A stored chunk of a document as a passage, printed on `page`, with its search `score`. */
export function chunkPassage(
  chunk: ChunkRow,
  document: { id: string; source: string; title: string | null; collection: string },
  page: number | null,
  score: number,
): Passage {
  return {
    documentId: document.id,
    source: document.source,
    title: document.title,
    page,
    pageStart: chunk.pageStart,
    pageEnd: chunk.pageEnd,
    pageSpans: chunk.pageSpans,
    chunkId: chunk.id,
    score,
    text: chunk.text,
    headingPath: chunk.headingPath,
    role: chunk.role,
    clausePath: chunk.clausePath,
    tableHeader: chunk.tableHeader,
    version: chunk.version,
    collection: document.collection,
    charStart: chunk.charStart,
    charEnd: chunk.charEnd,
  };
}
