import type { PageSpan } from "../store/schema.ts";
import type { SearchFilter } from "./index/port.ts";

export interface SearchRequest {
  query: string;
  /** Number of passages wanted. */
  k: number;
  filter: SearchFilter;
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
  headingPath: string[];
  /** Clause path, e.g. "제12조(연차휴가) 제2항"; null outside any clause. */
  clausePath: string | null;
  /** The document version the passage belongs to (history versions appear under `asOf`). */
  version: number;
  collection: string;
  charStart: number;
  charEnd: number;
}

export interface SearchResult {
  query: string;
  hits: Passage[];
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
    clause: hit.clausePath,
  };
}
