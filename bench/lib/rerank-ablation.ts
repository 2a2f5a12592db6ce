import type { BuiltinFeature, BuiltinWeights } from "../../src/retrieve/rerank/builtin.ts";

/** The built-in reranker's features, in the order the ablation tables list them. */
export const FEATURES: BuiltinFeature[] = ["coverage", "proximity", "phrase", "numbers", "heading", "rolePenalty", "layoutPenalty"];

/**
 * The ablation's rows: the first stage alone, the reranker with `base`, then one row per feature, switched off
 * when `base` uses it and switched on (at 0.1) when it does not. `null` weights mean no reranker.
 */
export function ablationRows(base: BuiltinWeights): Array<[string, BuiltinWeights | null]> {
  return [
    ["first stage only (JIKJI_RERANK=off)", null],
    ["built-in, all features", base],
    ...FEATURES.map((feature): [string, BuiltinWeights] =>
      base[feature] > 0
        ? [`built-in without ${feature}`, { ...base, [feature]: 0 }]
        : [`built-in with ${feature} at 0.1`, { ...base, [feature]: 0.1 }],
    ),
  ];
}
