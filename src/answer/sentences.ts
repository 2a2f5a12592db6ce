/** Sentence and clause spans of a text, as offsets into it, so quotes stay verbatim slices of the source. */
import { splitSentences } from "../ingest/sentences.ts";

export interface Span {
  start: number;
  end: number;
}

/** Quotes and extractive sentences stay short enough to read at a glance. */
export const MAX_SPAN_CHARS = 200;

const CLAUSE_END = /[,;:，；、]\s|\s[-–—]\s/g;

function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** Cuts a long span at clause punctuation, else at a space, never above `max` characters. */
function cutLong(text: string, span: Span, max: number, out: Span[]): void {
  let start = span.start;
  while (span.end - start > max) {
    const window = text.slice(start, start + max);
    let cut = -1;
    for (const match of window.matchAll(CLAUSE_END)) if (match.index > max / 3) cut = match.index + 1;
    if (cut < 0) cut = window.lastIndexOf(" ") > max / 3 ? window.lastIndexOf(" ") : max;
    const piece = trimmed(text, start, start + cut);
    if (piece) out.push(piece);
    start += cut;
  }
  const rest = trimmed(text, start, span.end);
  if (rest) out.push(rest);
}

/**
 * The sentences of a passage (by the same Korean/English rules the chunker splits at), long ones cut at
 * clauses so a quote stays short.
 */
export function sentenceSpans(text: string, max = MAX_SPAN_CHARS): Span[] {
  const out: Span[] = [];
  for (const sentence of splitSentences(text)) cutLong(text, sentence, max, out);
  return out;
}
