import type { Store } from "../store/store.ts";
import type { Embedder } from "./embed/port.ts";
import type { SearchFilter, SearchIndex } from "./index/port.ts";
import { bestPage } from "./pages.ts";
import { queryVectorCache } from "./query-vectors.ts";
import { queryTerms } from "./tokenize.ts";
import type { Passage, SearchRequest, SearchResult } from "./types.ts";

export interface SearchDeps {
  store: Store;
  index: SearchIndex;
  embedder: Embedder | null;
  /** The dense leg's weight in fusion (lexical = 1). */
  denseWeight?: number;
}

/** Candidates fetched per wanted hit: some may belong to versions replaced since they were indexed. */
const OVERFETCH = 3;

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
  const queryVector = deps.embedder ? queryVectorCache(deps.embedder) : null;
  return async function search(request: SearchRequest): Promise<SearchResult> {
    const terms = queryTerms(request.query);
    const vector = queryVector ? await queryVector(request.query) : undefined;
    if (terms.length === 0 && !vector) return { query: request.query, hits: [] };

    const candidates = await deps.index.search({
      terms,
      ...(vector ? { vector } : {}),
      ...(deps.denseWeight !== undefined ? { denseWeight: deps.denseWeight } : {}),
      filter: request.filter,
      limit: request.k * OVERFETCH,
    });
    const rows = await deps.store.visibleChunks(candidates.map((hit) => hit.chunkId));
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
        collection: row.collection,
        charStart: row.chunk.charStart,
        charEnd: row.chunk.charEnd,
      });
      if (hits.length === request.k) break;
    }
    return { query: request.query, hits };
  };
}
