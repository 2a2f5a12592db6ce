/**
 * BM25 pieces the lexical legs share. Qdrant scores a sparse vector as the dot product of query and document
 * weights, and with `modifier: "idf"` it multiplies each query dimension by the term's IDF over the collection
 * (`ln(1 + (N - n + 0.5) / (n + 0.5))`). So the document side must already carry BM25's saturated,
 * length-normalised term frequency, and the query side carries plain term counts.
 */
import type { TermCounts } from "./index/port.ts";

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/**
 * Average document length in terms, fixed instead of measured. A measured average would change with every upsert
 * and force rewriting every stored vector; a constant keeps each point's weights a function of the point alone.
 * 360 is the mean term count of KorQuAD paragraphs (≈ 520 characters) under our tokenizer, close to our chunk
 * size. A wrong constant only shifts how strongly length is normalised, not which documents match.
 */
export const BM25_AVGDL = 360;

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

/** A query's sparse vector: each term's count, so a repeated query term weighs more. */
export function querySparseVector(terms: readonly string[]): SparseVector {
  const weights = new Map<number, number>();
  for (const term of terms) {
    const index = termIndex(term);
    weights.set(index, (weights.get(index) ?? 0) + 1);
  }
  return toSparse(weights);
}
