/**
 * Reciprocal Rank Fusion (Cormack, Clarke & Büttcher, SIGIR 2009): a passage's fused score is the sum over the
 * ranked lists that contain it of `weight / (k + rank)`, rank counted from 1. Only ranks matter, so a BM25 score
 * and a cosine similarity can be fused without calibrating one against the other.
 */
import { InvalidInputError } from "../errors.ts";

export interface RrfOptions {
  /** Damping constant; larger values flatten the advantage of the very top ranks. Default 60. */
  k?: number;
  /** One weight per list, default 1 each. */
  weights?: readonly number[];
}

export interface FusedItem {
  id: string;
  score: number;
}

export const DEFAULT_RRF_K = 60;

/**
 * Fuses ranked lists, best first. An id repeated inside one list counts at its best rank only. Ties keep the
 * order in which the ids were first seen (list by list), so the result is deterministic.
 */
export function fuseRrf(
  lists: ReadonlyArray<ReadonlyArray<{ readonly id: string }>>,
  options: RrfOptions = {},
): FusedItem[] {
  const k = options.k ?? DEFAULT_RRF_K;
  if (!Number.isFinite(k) || k <= 0) throw new InvalidInputError(`RRF k must be a positive number, got ${k}`);
  const weights = options.weights;
  if (weights !== undefined) {
    if (weights.length !== lists.length) {
      throw new InvalidInputError(`RRF needs one weight per list: ${weights.length} weights for ${lists.length} lists`);
    }
    if (weights.some((weight) => !Number.isFinite(weight) || weight < 0)) {
      throw new InvalidInputError("RRF weights must be finite and not negative");
    }
  }

  const scores = new Map<string, number>();
  lists.forEach((list, listIndex) => {
    const weight = weights?.[listIndex] ?? 1;
    const seen = new Set<string>();
    list.forEach((item, position) => {
      if (seen.has(item.id)) return;
      seen.add(item.id);
      scores.set(item.id, (scores.get(item.id) ?? 0) + weight / (k + position + 1));
    });
  });

  // Array.prototype.sort is stable, so equal scores keep first-seen order.
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
