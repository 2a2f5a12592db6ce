/**
 * BM25 pieces the lexical legs share. Qdrant scores a sparse vector as the dot product of query and document
 * weights, and with `modifier: "idf"` it multiplies each query dimension by the term's IDF over the collection
 * (`ln(1 + (N - n + 0.5) / (n + 0.5))`). So the document side must already carry BM25's saturated,
 * length-normalised term frequency, and the query side carries plain term counts. The embedded index computes
 * exactly the same sum with `bm25Score`, so both adapters rank alike.
 */
import type { TermCounts, WeightedTerm } from "./index/port.ts";

/**
 * k1 and b were set on the KorQuAD development half (BENCHMARKS.md): with Hangul bigrams a term repeated in a
 * passage says little more than one occurrence, so saturation is fast (k1 0.5, where the textbook 1.2 lost 0.8
 * points of Recall@1), and length matters moderately (b 0.5).
 */
export const BM25_K1 = 0.5;
export const BM25_B = 0.5;
/**
 * Average document length in terms, fixed instead of measured. A measured average would change with every upsert
 * and force rewriting every stored vector; a constant keeps each point's weights a function of the point alone.
 * 215 is the mean term count of KorQuAD paragraphs (≈ 520 characters) with their title under our tokenizer.
 * A wrong constant only shifts how strongly length is normalised, not which documents match.
 */
export const BM25_AVGDL = 215;

export interface Bm25Parameters {
  k1: number;
  b: number;
  avgdl: number;
}

const DEFAULT_PARAMETERS: Bm25Parameters = { k1: BM25_K1, b: BM25_B, avgdl: BM25_AVGDL };

/** The document-side BM25 weight of a term seen `tf` times in a document of `docLength` terms. */
export function bm25TermWeight(tf: number, docLength: number, parameters: Bm25Parameters = DEFAULT_PARAMETERS): number {
  if (tf <= 0) return 0;
  const { k1, b, avgdl } = parameters;
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * docLength) / avgdl));
}

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const utf8 = new TextEncoder();

/**
 * The sparse-vector dimension of a term: 32-bit FNV-1a of its UTF-8 bytes. Stable across processes and versions,
 * needs no vocabulary to store or share. The cost is collisions: with n distinct terms about n²/2³³ pairs share a
 * dimension (≈ 100 pairs at a million terms); such a pair behaves as one term with a lower IDF, which can only add
 * a weak spurious match, never hide a true one.
 */
export function termIndex(term: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of utf8.encode(term)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

export interface SparseVector {
  /** Unique, ascending. */
  indices: number[];
  values: number[];
}

function toSparse(weights: Map<number, number>): SparseVector {
  const indices = [...weights.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((index) => weights.get(index) ?? 0) };
}

/** A document's BM25-weighted sparse vector. Colliding terms add up, since indices must be unique. */
export function documentSparseVector(terms: TermCounts, parameters: Bm25Parameters = DEFAULT_PARAMETERS): SparseVector {
  let docLength = 0;
  for (const count of terms.values()) docLength += count;
  const weights = new Map<number, number>();
  for (const [term, count] of terms) {
    if (count <= 0) continue;
    const index = termIndex(term);
    weights.set(index, (weights.get(index) ?? 0) + bm25TermWeight(count, docLength, parameters));
  }
  return toSparse(weights);
}

/** A query's sparse vector: each term's count, so a repeated query term weighs more, plus expansion terms at their weights. */
export function querySparseVector(terms: readonly string[], expansion: readonly WeightedTerm[] = []): SparseVector {
  const weights = new Map<number, number>();
  for (const term of terms) {
    const index = termIndex(term);
    weights.set(index, (weights.get(index) ?? 0) + 1);
  }
  for (const { term, weight } of expansion) {
    const index = termIndex(term);
    weights.set(index, (weights.get(index) ?? 0) + weight);
  }
  return toSparse(weights);
}

/** Qdrant's IDF (`modifier: "idf"`), for a term found in `n` of `total` points. */
export function bm25Idf(n: number, total: number): number {
  return Math.log(1 + (total - n + 0.5) / (n + 0.5));
}

/**
 * A document's BM25 score for a query, the same sum Qdrant computes from `documentSparseVector`,
 * `querySparseVector` and its IDF modifier: Σ over query terms of count × IDF × document weight (an expansion
 * term's count being its weight). `document` needs only the counts of the query's terms; `docLength` is the
 * document's total term count.
 */
export function bm25Score(
  queryTerms: readonly string[],
  document: TermCounts,
  docLength: number,
  idf: (term: string) => number,
  parameters: Bm25Parameters = DEFAULT_PARAMETERS,
  expansion: readonly WeightedTerm[] = [],
): number {
  let score = 0;
  for (const term of queryTerms) {
    const tf = document.get(term);
    if (tf !== undefined) score += idf(term) * bm25TermWeight(tf, docLength, parameters);
  }
  for (const { term, weight } of expansion) {
    const tf = document.get(term);
    if (tf !== undefined) score += weight * idf(term) * bm25TermWeight(tf, docLength, parameters);
  }
  return score;
}

/** How many documents hold each term, kept in step with writes, for IDF. */
export class DocumentFrequencies {
  #counts = new Map<string, number>();
  #documents = 0;

  get documents(): number {
    return this.#documents;
  }

  /** Counts a document by its distinct terms (`remove` takes the same terms back out); a Set is taken as it is. */
  add(terms: Iterable<string>): void {
    this.#documents++;
    for (const term of terms instanceof Set ? (terms as Set<string>) : new Set(terms)) this.#counts.set(term, (this.#counts.get(term) ?? 0) + 1);
  }

  remove(terms: Iterable<string>): void {
    this.#documents = Math.max(0, this.#documents - 1);
    for (const term of new Set(terms)) {
      const left = (this.#counts.get(term) ?? 0) - 1;
      if (left > 0) this.#counts.set(term, left);
      else this.#counts.delete(term);
    }
  }

  frequency(term: string): number {
    return this.#counts.get(term) ?? 0;
  }

  idf(term: string): number {
    return bm25Idf(this.frequency(term), this.#documents);
  }

  /** A plain snapshot, so an index can keep its counts on disk instead of re-reading every chunk. */
  toSnapshot(): { documents: number; counts: Array<[string, number]> } {
    return { documents: this.#documents, counts: [...this.#counts] };
  }

  static fromSnapshot(snapshot: { documents: number; counts: Array<[string, number]> }): DocumentFrequencies {
    const restored = new DocumentFrequencies();
    restored.#documents = snapshot.documents;
    restored.#counts = new Map(snapshot.counts);
    return restored;
  }
}
