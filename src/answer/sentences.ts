/** Sentence and clause spans of a text, as offsets into it, so quotes stay verbatim slices of the source. */
import { splitSentences } from "../ingest/sentences.ts";

export interface Span {
  start: number;
  end: number;
}

/** Quotes and extractive sentences stay short enough to read at a glance. */
export const MAX_SPAN_CHARS = 200;

const CLAUSE_END = /[,;:，；、]\s|\s[-–—]\s/g;

/** A list bullet before an item's words ("● ", "• ", "- "): not part of what is quoted. */
const BULLET = /^[●•◦▪■□▶►·∙‣⁃○◆◇※*-]\s+/u;

/**
 * A footnote mark printed after a Korean sentence's full stop ("…행한다.2 다음 명령은…"): the sentence ends after
 * the mark, which PDF text puts between the stop and the next sentence.
 */
const FOOTNOTE_AFTER_STOP = /[\p{Script=Hangul}]\.\p{N}{1,2}(?=\s+\S)/gu;

/** "* " or "- " starting a sentence after another on its line is what the sentence is about ("* 또는 -를 입력하여"). */
const ASCII_BULLET = /^[*-]\s/;

function trimmed(text: string, start: number, end: number, sentenceStart = false): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  const bullet = BULLET.exec(text.slice(start, end));
  const midLine = sentenceStart && /\S/.test(text.slice(text.lastIndexOf("\n", start - 1) + 1, start));
  if (bullet && start + bullet[0].length < end && !(midLine && ASCII_BULLET.test(bullet[0]))) start += bullet[0].length;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** Bracket depth at each position of a text: a clause mark inside brackets ("(bug, update, etc.)") is no cut. */
function depths(window: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (const char of window) {
    if ("([{（［".includes(char)) depth++;
    else if (")]}）］".includes(char)) depth = Math.max(0, depth - 1);
    for (let i = 0; i < char.length; i++) out.push(depth);
  }
  return out;
}

/**
 * Cuts a long span at clause punctuation outside brackets, else at a space, never above `max` characters. A span
 * up to a quarter over `max` stays whole: cutting it leaves a stub ("etc.) occurs while you're on vacation.").
 */
function cutLong(text: string, span: Span, max: number, out: Span[], sentenceStart = false): void {
  let start = span.start;
  const whole = max + Math.floor(max / 4);
  let first = true;
  while (span.end - start > whole) {
    const window = text.slice(start, start + max);
    const depth = depths(window);
    let cut = -1;
    for (const match of window.matchAll(CLAUSE_END)) if (match.index > max / 3 && depth[match.index] === 0) cut = match.index + 1;
    if (cut < 0) cut = window.lastIndexOf(" ") > max / 3 ? window.lastIndexOf(" ") : max;
    const piece = trimmed(text, start, start + cut, first && sentenceStart);
    if (piece) out.push(piece);
    start += cut;
    first = false;
  }
  const rest = trimmed(text, start, span.end, first && sentenceStart);
  if (rest) out.push(rest);
}

/**
 * The sentences of a passage (by the same Korean/English rules the chunker splits at), long ones cut at
 * clauses so a quote stays short.
 */
export function sentenceSpans(text: string, max = MAX_SPAN_CHARS): Span[] {
  const out: Span[] = [];
  for (const sentence of splitSentences(text, 0, { ellipsisGoesOn: true, quotedMarksGoOn: true, bracketedRemarks: true })) {
    let start = sentence.start;
    for (const mark of text.slice(sentence.start, sentence.end).matchAll(FOOTNOTE_AFTER_STOP)) {
      const cut = sentence.start + mark.index + mark[0].length;
      cutLong(text, { start, end: cut }, max, out, start === sentence.start);
      start = cut;
    }
    cutLong(text, { start, end: sentence.end }, max, out, start === sentence.start);
  }
  return out;
}
