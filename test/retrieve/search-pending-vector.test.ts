/**
 * Hybrid search does not wait for the query's embedding before the index starts: the lexical leg runs while the
 * embedding call is on its way (issue 12 §6). Fakes only, no timing: the embedding is held until the test lets it go.
 */
import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/retrieve/embed/port.ts";
import type { IndexQuery, SearchIndex } from "../../src/retrieve/index/port.ts";
import { createSearch } from "../../src/retrieve/search.ts";
import type { Store } from "../../src/store/store.ts";

function heldEmbedder() {
  let release!: (vectors: number[][]) => void;
  let fail!: (error: Error) => void;
  const embedder: Embedder = {
    model: "held",
    dimensions: 2,
    maxEmbeddingsPerCall: 8,
    embed: () =>
      new Promise<number[][]>((resolve, reject) => {
        release = resolve;
        fail = reject;
      }),
  };
  return { embedder, release: (vector: number[]) => release([vector]), fail: (error: Error) => fail(error) };
}

function recordingIndex(seen: Array<{ query: IndexQuery; vectorAtHand: boolean }>): SearchIndex {
  return {
    search: async (query: IndexQuery) => {
      seen.push({ query, vectorAtHand: Array.isArray(query.vector) });
      await query.vector;
      return [];
    },
  } as unknown as SearchIndex;
}

const store = { visibleChunks: async () => new Map() } as unknown as Store;

/** A search over the recording index, with its embedding held. */
function hybridSearch() {
  const held = heldEmbedder();
  const seen: Array<{ query: IndexQuery; vectorAtHand: boolean }> = [];
  const search = createSearch({ store, index: recordingIndex(seen), embedder: held.embedder, reranker: null });
  return { held, seen, search };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("hybrid search and the query's embedding", () => {
  it("hands the index the embedding still on its way, so the lexical leg need not wait for it", async () => {
    const { held, seen, search } = hybridSearch();
    const result = search({ query: "quarterly budget forecast", k: 3, filter: {} });
    await tick();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.vectorAtHand).toBe(false);
    expect(seen[0]!.query.terms.length).toBeGreaterThan(0);
    held.release([0.6, 0.8]);
    expect(await result).toEqual({ query: "quarterly budget forecast", hits: [] });
    expect(await seen[0]!.query.vector).toEqual([0.6, 0.8]);
  });

  it("waits for the embedding when the question has no terms to search lexically", async () => {
    const { held, seen, search } = hybridSearch();
    const result = search({ query: "?!", k: 3, filter: {} });
    await tick();
    expect(seen).toHaveLength(0);
    held.release([1, 0]);
    await result;
    expect(seen).toHaveLength(1);
    expect(seen[0]!.vectorAtHand).toBe(true);
  });

  it("lets the embedding call's failure reach the caller as it is", async () => {
    const { held, search } = hybridSearch();
    const result = search({ query: "quarterly budget", k: 3, filter: {} });
    await tick();
    const failure = new Error("embedding server said 502");
    held.fail(failure);
    await expect(result).rejects.toBe(failure);
  });
});
