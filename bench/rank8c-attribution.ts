/**
 * Which page a chunk that crosses a page turn is credited to (issue 8, rank8c), simulated over one split's searches:
 * each question is searched once (30 chunks, as `jikji eval` ranks pages) and the crossing chunks' pages are recomputed
 * under each rule before collapsing to pages. `distinct` is search's own rule (src/retrieve/pages.ts `bestPage`: the part
 * holding most distinct query terms; it must reproduce `actual`), `weighted` weighs each term by its rarity among the
 * 30 candidates (the built-in reranker's weights), `windowN` takes the page of the first query term in the best N-term window (rarity-weighted).
 * Only the tune split's changed questions are printed with their text; other splits print rank moves alone.
 *
 *   npx node bench/rank8c-attribution.ts --data-dir DIR [--split tune|heldout]
 *
 * DIR is a data dir of the tune + heldout documents, e.g. the one `bench/rank8c-diag.ts --data-dir DIR` ingests.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { rankPages, summarise, type QuestionOutcome } from "../src/retrieve/eval.ts";
import { queryTerms, tokenize } from "../src/retrieve/tokenize.ts";
import type { Passage } from "../src/retrieve/types.ts";
import { openJikji } from "../src/runtime.ts";
import type { PageSpan } from "../src/store/schema.ts";
import { loadRealQuestions } from "./lib/real-docs.ts";
const { values } = parseArgs({ options: { "data-dir": { type: "string" }, split: { type: "string", default: "tune" } } });
if (values["data-dir"] === undefined) throw new Error("--data-dir DIR is required");
const split = values.split!;
const app = await openJikji(loadConfig({}, { dataDir: join(values["data-dir"], "data") }), { scanIndex: false });
const fileOf = (source: string) => source.split(/[\\/]/).at(-1)!;

/** A rule: the page a crossing chunk is credited to, given the question's terms and their rarity among the candidates. */
type Rule = (text: string, spans: readonly PageSpan[], terms: readonly string[], weights: ReadonlyMap<string, number>) => number;

const partsOf = (text: string, spans: readonly PageSpan[]) =>
  spans.map((span, i) => ({ page: span.page, text: text.slice(span.start, spans[i + 1]?.start ?? text.length) }));

/** The page whose part scores most, the earliest on a tie; `score` reads the part's distinct query terms. */
const bestPart =
  (score: (held: ReadonlySet<string>, weights: ReadonlyMap<string, number>) => number): Rule =>
  (text, spans, terms, weights) => {
    const wanted = new Set(terms);
    let best = spans[0]!.page;
    let bestScore = -1;
    for (const part of partsOf(text, spans)) {
      const value = score(new Set(tokenize(part.text).filter((term) => wanted.has(term))), weights);
      if (value > bestScore + 1e-9) [best, bestScore] = [part.page, value];
    }
    return best;
  };

/** The page of the first query term inside the best `width`-term window (rarity-weighted distinct terms). */
const bestWindow =
  (width: number): Rule =>
  (text, spans, terms, weights) => {
    const wanted = new Set(terms);
    const stream = partsOf(text, spans).flatMap((part) => tokenize(part.text).map((term) => ({ term, page: part.page })));
    let best = -1;
    let at = 0;
    for (let i = 0; i < stream.length; i++) {
      const seen = new Set<string>();
      let value = 0;
      for (const { term } of stream.slice(i, i + width)) {
        if (wanted.has(term) && !seen.has(term)) (seen.add(term), (value += weights.get(term) ?? 0));
      }
      if (value > best + 1e-9) [best, at] = [value, i];
    }
    return stream.slice(at, at + width).find(({ term }) => wanted.has(term))?.page ?? spans[0]!.page;
  };

const RULES: Record<string, Rule> = {
  distinct: bestPart((held) => held.size),
  weighted: bestPart((held, weights) => [...held].reduce((sum, term) => sum + (weights.get(term) ?? 0), 0)),
  window12: bestWindow(12),
  window24: bestWindow(24),
  window48: bestWindow(48),
};

const outcomes = new Map<string, QuestionOutcome[]>([["actual", []], ...Object.keys(RULES).map((name) => [name, []] as [string, QuestionOutcome[]])]);
const moves = new Map<string, string[]>(Object.keys(RULES).map((name) => [name, []]));
for (const item of (await loadRealQuestions()).filter((candidate) => candidate.split === split)) {
  const hits = (await app.search({ query: item.question, k: 30, filter: {} })).hits;
  const terms = queryTerms(item.question);
  const holding = new Map<string, number>();
  for (const hit of hits) for (const term of new Set(tokenize(hit.text))) holding.set(term, (holding.get(term) ?? 0) + 1);
  const weights = new Map(terms.map((term) => {
    const df = holding.get(term) ?? 0;
    return [term, Math.log(1 + (hits.length - df + 0.5) / (df + 0.5))];
  }));
  const rankOf = (ranked: readonly Passage[]) => rankPages(ranked).map(fileOf).findIndex((key) => item.relevant.includes(key)) + 1;
  const outcome = (ranked: readonly Passage[]) => ({ ranked: rankPages(ranked).map(fileOf).slice(0, 10), relevant: item.relevant, latencyMs: 0 });
  outcomes.get("actual")!.push(outcome(hits));
  const base = rankOf(hits);
  for (const [name, rule] of Object.entries(RULES)) {
    const credited = hits.map((hit) => (hit.pageSpans.length < 2 ? hit : { ...hit, page: rule(hit.text, hit.pageSpans, terms, weights) }));
    outcomes.get(name)!.push(outcome(credited));
    const rank = rankOf(credited);
    if (rank !== base) moves.get(name)!.push(`${base || "-"} -> ${rank || "-"}${split === "tune" ? ` ${item.question}` : ""}`);
  }
}
console.log(`${split}: rule | top-1 | top-3 | R@5 | MRR@10 (wanted page's rank moves; - = not among the pages)`);
for (const [name, list] of outcomes) {
  const report = summarise(list);
  const figures = [report["recall@1"], report["recall@3"], report["recall@5"], report["mrr@10"]].map((value) => value.toFixed(3));
  console.log(`| ${name} | ${figures.join(" | ")} | ${(moves.get(name) ?? []).join("; ")} |`);
}
await app.close();
