/**
 * The tuning protocol for any parameter chosen on a development set: k folds by group (KorQuAD article, manual),
 * so near-duplicate questions about one article never sit on both sides. For each fold the grid value with the
 * best score on the other k-1 folds is chosen and scored on the held-out fold; the mean held-out score is what a
 * choice made this way is worth on data it was not tuned on.
 */
export interface FoldResult<P> {
  fold: number;
  /** Groups held out in this fold. */
  groups: number;
  chosen: P;
  /** Score of `chosen` on the k-1 tuning folds. */
  tuneScore: number;
  /** Score of `chosen` on the held-out fold. */
  heldOutScore: number;
}

export interface CrossValidation<P> {
  folds: Array<FoldResult<P>>;
  /** Mean of the held-out scores. */
  heldOutMean: number;
  /** The value chosen most often across folds (the first on a tie), for the record. */
  consensus: P;
}

/** Groups in sorted order dealt round-robin into `k` folds: deterministic, and every fold gets groups. */
export function assignFolds(groups: Iterable<string>, k: number): Map<string, number> {
  const sorted = [...new Set(groups)].sort();
  if (!Number.isInteger(k) || k < 2 || k > sorted.length) {
    throw new RangeError(`k must be a whole number from 2 to the number of groups (${sorted.length}), got ${k}`);
  }
  return new Map(sorted.map((group, i) => [group, i % k]));
}

export async function crossValidate<P, I>(options: {
  items: readonly I[];
  groupOf: (item: I) => string;
  k: number;
  grid: readonly P[];
  /** Higher is better; called with the items of some folds. */
  score: (parameter: P, items: readonly I[]) => number | Promise<number>;
}): Promise<CrossValidation<P>> {
  const { items, groupOf, k, grid, score } = options;
  if (grid.length === 0) throw new RangeError("the parameter grid is empty");
  const foldOf = assignFolds(items.map(groupOf), k);
  const folds: Array<FoldResult<P>> = [];
  for (let fold = 0; fold < k; fold++) {
    const tuning = items.filter((item) => foldOf.get(groupOf(item)) !== fold);
    const heldOut = items.filter((item) => foldOf.get(groupOf(item)) === fold);
    let chosen = grid[0]!;
    let tuneScore = -Infinity;
    for (const parameter of grid) {
      const value = await score(parameter, tuning);
      if (value > tuneScore) {
        chosen = parameter;
        tuneScore = value;
      }
    }
    const groups = [...foldOf.values()].filter((f) => f === fold).length;
    folds.push({ fold, groups, chosen, tuneScore, heldOutScore: await score(chosen, heldOut) });
  }
  const counts = new Map<P, number>();
  for (const { chosen } of folds) counts.set(chosen, (counts.get(chosen) ?? 0) + 1);
  const consensus = grid.reduce((best, parameter) => ((counts.get(parameter) ?? 0) > (counts.get(best) ?? 0) ? parameter : best));
  return { folds, heldOutMean: folds.reduce((sum, f) => sum + f.heldOutScore, 0) / k, consensus };
}
