import type { Store } from "../store/store.ts";
import type { Embedder } from "./embed/port.ts";
import type { SearchFilter, SearchIndex } from "./index/port.ts";
import { bestPage } from "./pages.ts";
import { clauseKeys } from "../ingest/clauses.ts";
import { queryTerms } from "./tokenize.ts";
import type { Passage, SearchRequest, SearchResult } from "./types.ts";

export interface SearchDeps {
  store: Store;
  index: SearchIndex;
  embedder: Embedder | null;
  /** The dense leg's weight in fusion (lexical = 1). */
  denseWeight?: number;
}

/**
 * Candidates fetched per wanted hit: some may belong to versions replaced since they were indexed, or to history
 * versions not in force on the day asked about.
 */
const OVERFETCH = 3;
const OVERFETCH_WITH_HISTORY = 6;

function visibleTo(filter: SearchFilter, collection: string, accessGroups: readonly string[]): boolean {
  if (filter.collection !== undefined && filter.collection !== collection) return false;
  if (filter.accessGroups === undefined || accessGroups.length === 0) return true;
  return accessGroups.some((group) => filter.accessGroups!.includes(group));
}

/**
 * Lexical (+ dense when an embedder is configured) search under a filter, fused in the index,
 * then hydrated from the store. The store decides what is visible: a point of a replaced version
 * or a document whose access groups changed never reaches the caller, even before the index catches up.
 */
export function createSearch(deps: SearchDeps) {
  return async function search(request: SearchRequest): Promise<SearchResult> {
    // A clause the question names ("제12조 2항", "Section 4.2(b)") matches the keys indexed with that clause.
    const terms = [...queryTerms(request.query), ...clauseKeys(request.query)];
    const vector = deps.embedder ? (await deps.embedder.embed([request.query]))[0] : undefined;
    if (terms.length === 0 && !vector) return { query: request.query, hits: [] };

    const candidates = await deps.index.search({
      terms,
      ...(vector ? { vector } : {}),
      ...(deps.denseWeight !== undefined ? { denseWeight: deps.denseWeight } : {}),
      filter: request.filter,
      limit: request.k * (request.filter.asOf !== undefined ? OVERFETCH_WITH_HISTORY : OVERFETCH),
    });
    const rows = await deps.store.visibleChunks(
      candidates.map((hit) => hit.chunkId),
      request.filter.asOf,
    );
    const hits: Passage[] = [];
    for (const candidate of candidates) {
      const row = rows.get(candidate.chunkId);
      if (!row || !visibleTo(request.filter, row.collection, row.document.accessGroups)) continue;
      hits.push({
        documentId: row.document.id,
        source: row.document.source,
        title: row.document.title,
        page: bestPage(row.chunk.text, row.chunk.pageSpans, terms, row.chunk.pageStart),
        pageStart: row.chunk.pageStart,
        pageEnd: row.chunk.pageEnd,
        pageSpans: row.chunk.pageSpans,
        chunkId: row.chunk.id,
        score: candidate.score,
        text: row.chunk.text,
        headingPath: row.chunk.headingPath,
        clausePath: row.chunk.clausePath,
        version: row.chunk.version,
        collection: row.collection,
        charStart: row.chunk.charStart,
        charEnd: row.chunk.charEnd,
      });
      if (hits.length === request.k) break;
    }
    return { query: request.query, hits };
  };
}
