import type { Embedder } from "./embed/port.ts";

/** How many query vectors a search keeps: 1,000 × 1,024 dimensions is about 8 MB. */
export const QUERY_VECTOR_CACHE_SIZE = 1_000;

/**
 * The text a query is embedded as, and so its cache key: Unicode NFKC (full-width Latin, compatibility jamo and
 * the like fold into their usual forms) with runs of white space made one space and the ends trimmed. Case is
 * kept: cased embedding models tell "Apple" from "apple".
 */
export function normaliseQuery(query: string): string {
  return query.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/**
 * The vectors of recent queries, so a repeated question (a user paging, a chat turn re-asked, the same FAQ from many
 * agents) skips the embedding round trip, which is most of what hybrid search costs. Keyed by the embedder's model
 * and the normalised query, which is also the text embedded, so a hit returns exactly what a call would; a model
 * change (another embedder behind the same cache) never reuses the old model's vectors. At most `capacity` entries,
 * least recently used going first. Concurrent asks for one query share one call; a failed call is not remembered.
 */
export function queryVectorCache(capacity = QUERY_VECTOR_CACHE_SIZE) {
  if (!Number.isSafeInteger(capacity) || capacity <= 0) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const recent = new Map<string, Promise<number[] | undefined>>();
  return {
    vectorOf(embedder: Embedder, query: string): Promise<number[] | undefined> {
      const text = normaliseQuery(query);
      const key = `${embedder.model}\u0000${text}`;
      const known = recent.get(key);
      if (known !== undefined) {
        recent.delete(key);
        recent.set(key, known);
        return known;
      }
      const vector = embedder.embed([text], { purpose: "query" }).then(([first]) => first);
      recent.set(key, vector);
      vector.catch(() => {
        if (recent.get(key) === vector) recent.delete(key);
      });
      if (recent.size > capacity) recent.delete(recent.keys().next().value!);
      return vector;
    },
    get size(): number {
      return recent.size;
    },
  };
}
