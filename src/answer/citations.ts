/**
 * Citation markers: `[n]`, `[n, m]` and `[n][m]` in a model's answer, mapped to the passages it was given.
 * Markers naming no passage are removed (and counted); the rest are written as `[n]` with n the passage's
 * 1-based number, so every marker left in the answer has a citation with that `ref`.
 */
import { pageAt } from "../retrieve/pages.ts";
import { sectionLabel, type Passage } from "../retrieve/types.ts";
import { tokenize } from "../retrieve/tokenize.ts";
import { sentenceSpans, type Span } from "./sentences.ts";

export interface Citation {
  ref: number;
  documentId: string;
  source: string;
  page: number | null;
  /** The passage's section path joined with " > ", null when it has none. */
  section?: string | null;
  chunkId: string;
  /** Clause path of the cited passage ("제12조(연차휴가) 제2항"), null outside any clause. */
  clause: string | null;
  quote: string;
  verified: boolean;
  /**
   * For a quoted table row whose header row is not in the cited chunk (a long table cut across chunks), the header's
   * cells over the quoted cells ("상품명 | 가입기간 | 기본금리"): the row's context, shown with it, not part of the quote.
   */
  tableHeader?: string;
}

export interface CitedAnswer {
  answer: string;
  citations: Citation[];
  /** References to passages that do not exist, removed from the answer. */
  droppedRefs: number;
}

const MARKER = /\[\s*(\d+(?:\s*[,，]\s*\d+)*)\s*\]/g;
/** Adjacent markers, `[1][2]` or `[1, 2] [3]`, are one citation group. */
const MARKER_GROUP = /\[\s*\d+(?:\s*[,，]\s*\d+)*\s*\](?:[ \t]*\[\s*\d+(?:\s*[,，]\s*\d+)*\s*\])*/g;
/**
 * What streamed text must hold back at its end: whitespace, complete markers another may join, and an
 * unfinished marker such as `[`, `[1` or `[1, `.
 */
const STREAM_TAIL = /[ \t]*(?:\[\s*\d+(?:\s*[,，]\s*\d+)*\s*\][ \t]*)*(?:\[\s*(?:\d+(?:\s*[,，]\s*\d*)*)?\s*)?$/;

interface Rewritten {
  text: string;
  dropped: number;
  /** Each kept ref with the claim it follows (the sentence text before the marker). */
  uses: Array<{ ref: number; claim: string }>;
}

const SENTENCE_BREAK = /[.!?。！？]\s|\n/g;

/** The sentence a marker at `index` supports: text back to the previous sentence end, markers removed. */
function claimBefore(text: string, index: number): string {
  const before = text
    .slice(0, index)
    .replace(MARKER, " ")
    .replace(/[\s.!?。！？]+$/, "");
  let start = 0;
  for (const match of before.matchAll(SENTENCE_BREAK)) start = match.index + match[0].length;
  return before.slice(start).trim();
}

/** Rewrites every complete marker in `text`: out-of-range refs dropped, repeats merged, `[n][m]` form. */
export function rewriteMarkers(text: string, passageCount: number): Rewritten {
  let dropped = 0;
  const uses: Rewritten["uses"] = [];
  let out = "";
  let last = 0;
  for (const group of text.matchAll(MARKER_GROUP)) {
    const refs = [...group[0].matchAll(MARKER)].flatMap((marker) =>
      marker[1]!.split(/[,，]/).map((part) => Number.parseInt(part.trim(), 10)),
    );
    const kept = [...new Set(refs.filter((ref) => ref >= 1 && ref <= passageCount))];
    dropped += refs.filter((ref) => ref < 1 || ref > passageCount).length;
    let head = text.slice(last, group.index);
    if (kept.length === 0) {
      // "claim [9]." becomes "claim." rather than "claim ."
      head = head.replace(/[ \t]+$/, "");
    } else {
      const claim = claimBefore(text, group.index);
      for (const ref of kept) uses.push({ ref, claim });
    }
    out += head + kept.map((ref) => `[${ref}]`).join("");
    last = group.index + group[0].length;
  }
  out += text.slice(last);
  return { text: out, dropped, uses };
}

function termSet(text: string): Set<string> {
  return new Set(tokenize(text));
}

/** The span of `text` that shares the most terms with `claim`, favouring short, dense spans, with its score. */
function bestScoredSpan(text: string, claim: string): { span: Span; score: number } | null {
  const spans = sentenceSpans(text);
  const wanted = termSet(claim);
  let best: { span: Span; score: number } | null = null;
  for (const span of spans) {
    const terms = termSet(text.slice(span.start, span.end));
    let shared = 0;
    for (const term of terms) if (wanted.has(term)) shared++;
    const score = terms.size === 0 ? 0 : shared / Math.sqrt(terms.size);
    if (best === null || score > best.score) best = { span, score };
  }
  return best;
}

/** The span of `text` that shares the most terms with `claim`, favouring short, dense spans. */
export function bestSpan(text: string, claim: string): Span | null {
  return bestScoredSpan(text, claim)?.span ?? null;
}

/** The page a character offset of a passage is printed on, from the page spans the store keeps per chunk. */
export function pageAtOffset(passage: Passage, offset: number): number | null {
  return pageAt(passage.pageSpans, offset, passage.pageStart);
}

/**
 * The citation of passage `ref` for a claim: its best-matching sentence, looked for in the hit and in the chunks
 * shown around it (the quote then names the chunk it is in), the hit winning ties.
 */
export function citationFor(ref: number, passage: Passage, claim: string): Citation {
  const sources = [passage, passage.neighbours?.before, passage.neighbours?.after].filter((source) => source != null);
  let best: { source: (typeof sources)[number]; span: Span; score: number } | null = null;
  for (const source of sources) {
    const found = bestScoredSpan(source.text, claim);
    if (found && (best === null || found.score > best.score)) best = { source, ...found };
  }
  const quote = best === null ? "" : best.source.text.slice(best.span.start, best.span.end);
  return {
    ref,
    documentId: passage.documentId,
    source: passage.source,
    page: best === null ? passage.page : pageAt(best.source.pageSpans, best.span.start, best.source.pageStart),
    // A quote from a neighbour chunk names that chunk's section and clause (a chunk never spans two articles).
    section: sectionLabel(best === null || best.source === passage ? passage.headingPath : (best.source.headingPath ?? passage.headingPath)),
    chunkId: best === null ? passage.chunkId : best.source.chunkId,
    clause: (best === null || best.source === passage ? passage.clausePath : best.source.clausePath) ?? null,
    quote,
    verified: quote !== "" && best !== null && best.source.text.includes(quote),
  };
}

/** Maps the markers of a complete answer to citations, one per cited passage, ordered by ref. */
export function resolveCitations(answer: string, passages: readonly Passage[]): CitedAnswer {
  const rewritten = rewriteMarkers(answer, passages.length);
  const claims = new Map<number, string[]>();
  for (const use of rewritten.uses) claims.set(use.ref, [...(claims.get(use.ref) ?? []), use.claim]);
  const citations = [...claims.keys()]
    .sort((a, b) => a - b)
    .map((ref) => citationFor(ref, passages[ref - 1]!, claims.get(ref)!.join(" ")));
  return { answer: rewritten.text.trim(), citations, droppedRefs: rewritten.dropped };
}

export interface MarkerFilter {
  /** Takes streamed text; returns text safe to show, with complete markers rewritten. */
  push(text: string): string;
  end(): string;
}

/**
 * The streaming form of `rewriteMarkers`: holds back an unfinished marker and the whitespace before it
 * until it is known whether the marker survives.
 */
export function createMarkerFilter(passageCount: number): MarkerFilter {
  let pending = "";
  const flush = (final: boolean): string => {
    const hold = final ? pending.length : pending.length - (STREAM_TAIL.exec(pending)?.[0].length ?? 0);
    const ready = pending.slice(0, hold);
    pending = pending.slice(hold);
    return rewriteMarkers(ready, passageCount).text;
  };
  return {
    push(text) {
      pending += text;
      return flush(false);
    },
    end() {
      return flush(true);
    },
  };
}
