/**
 * A deterministic embedder with no model: the tokenizer's terms hashed into a fixed number of signed buckets
 * (feature hashing), L2-normalised. Texts sharing terms get close vectors; for offline use and tests.
 */
import { tokenize } from "../tokenize.ts";
import type { Embedder } from "./port.ts";

export interface HashingEmbedderConfig {
  dimensions?: number;
}

const DEFAULT_DIMENSIONS = 256;

/** FNV-1a, 32 bits, over UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function hashingVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const term of tokenize(text)) {
    const hash = fnv1a(term);
    // The top bit picks the sign so that collisions cancel out on average instead of piling up.
    vector[hash % dimensions]! += hash & 0x80000000 ? -1 : 1;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

export function createHashingEmbedder(config: HashingEmbedderConfig = {}): Embedder {
  const dimensions = config.dimensions ?? DEFAULT_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError("dimensions must be a positive integer");
  return {
    model: `hashing-${dimensions}`,
    dimensions,
    maxEmbeddingsPerCall: 1024,
    async embed(texts) {
      return texts.map((text) => hashingVector(text, dimensions));
    },
  };
}
