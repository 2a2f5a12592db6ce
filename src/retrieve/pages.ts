import type { PageSpan } from "../store/schema.ts";
import { tokenize } from "./tokenize.ts";

/** The page the character at `offset` of a chunk's text is printed on. */
export function pageAt(spans: readonly PageSpan[], offset: number, fallback: number | null): number | null {
  let page = fallback;
  for (const span of spans) {
    if (span.start > offset) break;
    page = span.page;
  }
  return page;
}

/**
 * For a chunk that crosses pages, the page whose part holds most of the query's distinct terms
 * (the earliest on a tie), so a hit points at the page where the match is, not where the chunk starts.
 * With `weights` (`termRarity`), a term counts its weight instead of 1 (a term missing from them counts 1).
 */
export function bestPage(
  text: string,
  spans: readonly PageSpan[],
  queryTerms: readonly string[],
  fallback: number | null,
  weights?: ReadonlyMap<string, number>,
): number | null {
  if (spans.length < 2) return spans[0]?.page ?? fallback;
  const wanted = new Set(queryTerms);
  let best = spans[0]!.page;
  let bestScore = -1;
  spans.forEach((span, i) => {
    const part = text.slice(span.start, spans[i + 1]?.start ?? text.length);
    let score = 0;
    for (const term of new Set(tokenize(part).filter((term) => wanted.has(term)))) score += weights?.get(term) ?? 1;
    if (score > bestScore) {
      best = span.page;
      bestScore = score;
    }
  });
  return best;
}

/**
 * How rare each query term is among a search's candidates (JIKJI_PAGE_RARITY): BM25's IDF over the candidates'
 * texts, so that in the page pick a word every candidate holds (the manual's own subject, 클라우드 in a cloud
 * guide, three bigrams of it) counts less than the word only the answering page holds (유효 of 유효기간).
 */
export function termRarity(queryTerms: readonly string[], texts: readonly string[]): Map<string, number> {
  const wanted = new Set(queryTerms);
  const held = new Map<string, number>();
  for (const text of texts) for (const term of new Set(tokenize(text).filter((term) => wanted.has(term)))) held.set(term, (held.get(term) ?? 0) + 1);
  const n = texts.length;
  const weights = new Map<string, number>();
  for (const term of wanted) {
    const df = held.get(term) ?? 0;
    weights.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  return weights;
}
