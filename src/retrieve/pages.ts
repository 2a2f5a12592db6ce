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
 */
export function bestPage(
  text: string,
  spans: readonly PageSpan[],
  queryTerms: readonly string[],
  fallback: number | null,
): number | null {
  if (spans.length < 2) return spans[0]?.page ?? fallback;
  const wanted = new Set(queryTerms);
  let best = spans[0]!.page;
  let bestScore = -1;
  spans.forEach((span, i) => {
    const part = text.slice(span.start, spans[i + 1]?.start ?? text.length);
    const score = new Set(tokenize(part).filter((term) => wanted.has(term))).size;
    if (score > bestScore) {
      best = span.page;
      bestScore = score;
    }
  });
  return best;
}
