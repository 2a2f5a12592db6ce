/**
 * From passages to a suggestion or silence: the shortest verified extractive answer (one sentence, through
 * the answer layer's public `extractiveAnswer`), a confidence in [0, 1], a per-language threshold, and no
 * repeat of what the session already showed unless the question changed.
 */
import type { AnswerLanguage } from "../answer/language.ts";
import type { Citation } from "../answer/citations.ts";
import { extractiveAnswer, type QuestionKind } from "../answer/extractive.ts";
import type { Passage } from "../retrieve/types.ts";
import { tokenize } from "../retrieve/tokenize.ts";
import type { AssistCitation } from "../store/schema.ts";
import { englishStem, type Asked, type AssistQuery } from "./query.ts";

export interface SuggestionDraft {
  kind: "answer" | "article";
  mode: "extractive" | "generative";
  text: string;
  citations: AssistCitation[];
  confidence: number;
}

/**
 * Confidence needed before a suggestion is shown, per language. Set on the tuning half of the transcripts in
 * test/fixtures/assist (bench/assist.ts --tune) and reported on the other half; see BENCHMARKS.md.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<AnswerLanguage, number>> = { ko: 0.4, en: 0.5 };

/** The least share of the query's words the passage must hold before it is confidence at all. */
const MIN_SUPPORTED = 0.4;

/** Two questions sharing at least this share of their terms ask the same thing. */
const SAME_QUESTION = 0.5;

/**
 * Share of the query's words found in `terms`: a word counts by the share of its terms present (a Korean word's
 * bigrams, an English word or its stem).
 */
function coverage(words: readonly string[][], terms: ReadonlySet<string>): number {
  if (words.length === 0) return 0;
  const stems = new Set([...terms].map(englishStem));
  let total = 0;
  for (const word of words) {
    const found = word.filter((term) => terms.has(term) || stems.has(englishStem(term))).length;
    total += found / word.length;
  }
  return total / words.length;
}

/**
 * How well the evidence covers the question: the share of the query's words found in the passage (with its
 * title and section) and in the quoted sentence, weighted towards the passage.
 */
export function confidenceOf(query: AssistQuery, passage: Passage, sentence: string): number {
  const passageTerms = new Set(tokenize([passage.title ?? "", ...passage.headingPath, passage.text].join("\n")));
  const sentenceTerms = new Set(tokenize(sentence));
  const passageCoverage = coverage(query.words, passageTerms);
  // Evidence for under half of what the customer said is a coincidence of words ("서울" in "오늘 서울 날씨"),
  // not an answer: never a guess.
  if (passageCoverage < MIN_SUPPORTED) return 0;
  const value = 0.6 * passageCoverage + 0.4 * coverage(query.words, sentenceTerms);
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

/**
 * The passage with the lines that only repeat its title or section headings blanked (same length, so offsets
 * and pages still hold): a heading is never an answer to read out to a customer.
 */
export function withoutHeadingLines(passage: Passage): Passage {
  const headings = new Set([passage.title ?? "", ...passage.headingPath].map((heading) => heading.trim()).filter((h) => h !== ""));
  if (headings.size === 0) return passage;
  const text = passage.text.replace(/^[^\n]*$/gm, (line) => (headings.has(line.trim()) ? " ".repeat(line.length) : line));
  return text === passage.text ? passage : { ...passage, text };
}

/** The answer layer's kind of fact for what the customer asks: a time or an amount is a figure. */
const KIND: Record<Asked, QuestionKind> = { time: "quantity", amount: "quantity", reason: "reason", other: "other" };

/** A date or a duration as documents print them: "7~14영업일", "11월 28일", "within 30 days", "48 hours". */
const TIME =
  /\d+\s*(?:[~-]\s*\d+\s*)?(?:영업일|일|시간|분|주|개월|달(?!러)|년)|\b\d+(?:\s*(?:to|-|–)\s*\d+)?\s+(?:business\s+)?(?:days?|hours?|minutes?|weeks?|months?|years?)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/iu;

/**
 * The sentence to suggest: the answer layer's best one for the customer's own words and the kind of fact asked
 * for. A figure is any number, so for a time asked ("언제 와요", "how long") the answer is the first of the
 * sentences the answer layer ranks close to the best that states a date or a duration, when one does: "150달러를
 * 넘는 해외 배송 주문은…" holds a figure but does not say when the parcel comes.
 */
function answerCitation(query: AssistQuery, passages: readonly Passage[]): Citation | undefined {
  const options = { maxPassages: 3, kind: KIND[query.asks] };
  if (query.asks === "time") {
    const ranked = extractiveAnswer(query.text, passages, { ...options, maxSentences: 3 })?.citations ?? [];
    const timed = ranked.find((citation) => TIME.test(citation.quote));
    if (timed) return timed;
  }
  return extractiveAnswer(query.text, passages, { ...options, maxSentences: 1 })?.citations[0];
}

/**
 * The passage a citation quotes: a hit, or a chunk search attached around a hit (the answer layer quotes those
 * too), as a passage of its own. A neighbour may lie in the next section, so it claims none. Null when the chunk
 * is neither.
 */
export function quotedPassage(passages: readonly Passage[], chunkId: string): Passage | null {
  const hit = passages.find((candidate) => candidate.chunkId === chunkId);
  if (hit) return hit;
  for (const passage of passages) {
    const neighbour = [passage.neighbours?.before, passage.neighbours?.after].find((chunk) => chunk?.chunkId === chunkId);
    if (!neighbour) continue;
    const { neighbours: _around, ...document } = passage;
    return {
      ...document,
      chunkId,
      text: neighbour.text,
      page: neighbour.pageStart,
      pageStart: neighbour.pageStart,
      pageEnd: neighbour.pageEnd,
      pageSpans: neighbour.pageSpans,
      charStart: neighbour.charStart,
      charEnd: neighbour.charEnd,
      clausePath: neighbour.clausePath ?? null,
      headingPath: neighbour.headingPath ?? [],
    };
  }
  return null;
}

/** The extractive suggestion for a query, or null when no sentence of the passages answers any of it. */
export function draftSuggestion(query: AssistQuery, passages: readonly Passage[]): SuggestionDraft | null {
  if (query.text === "" || passages.length === 0) return null;
  const citation = answerCitation(query, passages.map(withoutHeadingLines));
  if (!citation || citation.quote.trim() === "") return null;
  const passage = quotedPassage(passages, citation.chunkId);
  // Verified against the passage as stored, not the copy with blanked headings.
  if (!passage || !passage.text.includes(citation.quote)) return null;
  return {
    kind: "answer",
    mode: "extractive",
    text: citation.quote.replace(/\s+/g, " ").trim(),
    citations: [citationOf(passage, citation.quote, citation.page)],
    confidence: confidenceOf(query, passage, citation.quote),
  };
}

export function citationOf(passage: Passage, quote: string, page: number | null): AssistCitation {
  return {
    documentId: passage.documentId,
    source: passage.source,
    title: passage.title,
    page,
    section: passage.headingPath.length > 0 ? passage.headingPath.join(" > ") : null,
    chunkId: passage.chunkId,
    quote,
    verified: quote !== "" && passage.text.includes(quote),
  };
}

/** What a session already showed, as the decision needs it. */
export interface ShownSuggestion {
  text: string;
  chunkIds: readonly string[];
  queryTerms: readonly string[];
}

export type Decision = { show: true } | { show: false; reason: "below_threshold" | "already_shown" };

/**
 * Show a draft when it clears the language's threshold and the session has not shown the same quote for the
 * same question; the same quote for a question that changed is shown again.
 */
export function decide(
  draft: SuggestionDraft,
  query: AssistQuery,
  shown: readonly ShownSuggestion[],
  thresholds: Readonly<Record<AnswerLanguage, number>> = DEFAULT_THRESHOLDS,
): Decision {
  // Zero is "no evidence" whatever the threshold.
  if (draft.confidence <= 0 || draft.confidence < thresholds[query.language]) return { show: false, reason: "below_threshold" };
  const terms = new Set(query.terms);
  const chunkIds = draft.citations.map((citation) => citation.chunkId);
  for (const previous of shown) {
    if (previous.text !== draft.text || !previous.chunkIds.some((id) => chunkIds.includes(id))) continue;
    const before = new Set(previous.queryTerms);
    const union = new Set([...terms, ...before]);
    const shared = [...terms].filter((term) => before.has(term)).length;
    if (union.size === 0 || shared / union.size >= SAME_QUESTION) return { show: false, reason: "already_shown" };
  }
  return { show: true };
}
