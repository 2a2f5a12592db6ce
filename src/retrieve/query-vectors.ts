import type { Embedder } from "./embed/port.ts";

/**
 * The vectors of recent queries, so a repeated question (a user paging, a chat turn re-asked, the same FAQ from many
 * agents) skips the embedding round trip, which is most of what hybrid search costs. Least recently used goes first.
 * A failed call is not remembered. Keyed by the exact query text: the embedding of other text may differ.
 */
export function queryVectorCache(embedder: Embedder, capacity = 1_000): (query: string) => Promise<number[] | undefined> {
  const recent = new Map<string, Promise<number[] | undefined>>();
  return (query) => {
    const known = recent.get(query);
    if (known !== undefined) {
      recent.delete(query);
      recent.set(query, known);
      return known;
    }
    const vector = embedder.embed([query], { purpose: "query" }).then(([first]) => first);
    recent.set(query, vector);
    vector.catch(() => recent.delete(query));
    if (recent.size > capacity) recent.delete(recent.keys().next().value!);
    return vector;
  };
}
