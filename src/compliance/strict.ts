/**
 * Strict answers: every sentence is a verbatim quote of a cited clause, or a sentence whose quoted words were
 * verified in the clause and which adds no word the clause (with its path and title) does not hold. Everything
 * else is withheld and counted. Pure functions over the answer text and the passages it was written from.
 */
import type { Citation } from "../answer/citations.ts";
import { pageAtOffset } from "../answer/citations.ts";
import { splitSentences } from "../ingest/sentences.ts";
import { chunkClauseKeys, clauseKeys } from "../ingest/clauses.ts";
import type { Passage } from "../retrieve/types.ts";
import { queryTerms, tokenize } from "../retrieve/tokenize.ts";
import { locateQuote, normaliseText } from "./normalise.ts";

/** A quote checked against the stored text: `start`/`end` are offsets into the document's text. */
export interface VerifiedQuote {
  ref: number;
  documentId: string;
  version: number;
  chunkId: string;
  clause: string | null;
  quote: string;
  start: number;
  end: number;
}

export interface StrictResult {
  answer: string;
  citations: Citation[];
  quotes: VerifiedQuote[];
  /** Sentences no verified quote supports, left out of the answer. */
  withheld: number;
}

const MARKER = /\[\s*(\d+(?:\s*[,，]\s*\d+)*)\s*\]/g;
/** Shorter "sentences" ("네.", "Yes.") prove nothing even when they occur verbatim. */
const MIN_QUOTE_CHARS = 8;
const QUOTED = /["“”「」『』'‘’]([^"“”「」『』‘’]{6,})["“”「」『』'‘’]/gu;

function refsIn(sentence: string, passageCount: number): number[] {
  const refs = [...sentence.matchAll(MARKER)].flatMap((marker) => marker[1]!.split(/[,，]/).map((part) => Number.parseInt(part.trim(), 10)));
  return [...new Set(refs.filter((ref) => ref >= 1 && ref <= passageCount))];
}

/** A claim without its markers and the final punctuation a model may add or drop. */
function claimOf(sentence: string): string {
  return normaliseText(sentence.replace(MARKER, " "))
    .replace(/\s+([.,!?。])/gu, "$1")
    .replace(/^[-*•]\s*/u, "");
}

function verbatimIn(passage: Passage, claim: string): { start: number; end: number } | null {
  if (claim.length < MIN_QUOTE_CHARS) return null;
  return locateQuote(passage.text, claim) ?? locateQuote(passage.text, claim.replace(/[.。]$/u, ""));
}

/** Terms the passage, its clause path, section and title hold: a backed sentence may use only these. */
function passageTerms(passage: Passage): Set<string> {
  return new Set(tokenize([passage.title ?? "", ...passage.headingPath, passage.clausePath ?? "", passage.source, passage.text].join("\n")));
}

/** The quoted words of a sentence, all verified in the passage, when the rest adds nothing the passage lacks. */
function backedBy(passage: Passage, sentence: string): { start: number; end: number } | null {
  const quoted = [...sentence.matchAll(QUOTED)].map((match) => match[1]!);
  if (quoted.length === 0) return null;
  let first: { start: number; end: number } | null = null;
  for (const quote of quoted) {
    const found = locateQuote(passage.text, quote);
    if (found === null) return null;
    first ??= found;
  }
  const rest = sentence.replace(QUOTED, " ").replace(MARKER, " ");
  const known = passageTerms(passage);
  // Every word listed is allowed: `tokenize`, not `queryTerms`, which drops function words such as "under".
  const framing = new Set(tokenize("according to the under in of as states says provides that 따르면 규정 정하고 있다 명시 라고 에 의하면"));
  if (!tokenize(rest).every((term) => known.has(term) || framing.has(term))) return null;
  return first;
}

function quoteFor(ref: number, passage: Passage, span: { start: number; end: number }): VerifiedQuote {
  return {
    ref,
    documentId: passage.documentId,
    version: passage.version,
    chunkId: passage.chunkId,
    clause: passage.clausePath,
    quote: passage.text.slice(span.start, span.end),
    start: passage.charStart + span.start,
    end: passage.charStart + span.end,
  };
}

/** A citation marker ends a claim even without a full stop ("Schedule 1 Incident contacts [1] This policy …"). */
const AFTER_MARKERS = /(?:\[\s*\d+(?:\s*[,，]\s*\d+)*\s*\])+[.。]?/gu;

/** The claims of a reply: its sentences, cut also after each citation marker group. */
function claimsOf(reply: string): string[] {
  const pieces: string[] = [];
  let last = 0;
  for (const match of reply.matchAll(AFTER_MARKERS)) {
    pieces.push(reply.slice(last, match.index + match[0].length));
    last = match.index + match[0].length;
  }
  pieces.push(reply.slice(last));
  return pieces.flatMap((piece) => {
    // The marker group closing a piece belongs to its last sentence, not a "sentence" of its own.
    const marker = /\s*(?:\[\s*\d+(?:\s*[,，]\s*\d+)*\s*\])+[.。]?\s*$/u.exec(piece)?.[0] ?? "";
    const body = piece.slice(0, piece.length - marker.length);
    const sentences = splitSentences(body).map((span) => body.slice(span.start, span.end));
    if (sentences.length === 0) return marker.trim() === "" ? [] : [marker];
    sentences[sentences.length - 1] += marker;
    return sentences;
  });
}

/**
 * Keeps the sentences of `reply` that a verified quote supports. A sentence without a marker may still be kept
 * when it occurs verbatim in one of the passages (it then cites that passage).
 */
export function strictAnswer(reply: string, passages: readonly Passage[]): StrictResult {
  const kept: string[] = [];
  const quotes: VerifiedQuote[] = [];
  let withheld = 0;
  for (const sentence of claimsOf(reply)) {
    const claim = claimOf(sentence);
    if (claim === "" || /^[\p{P}\p{S}\s]*$/u.test(claim)) continue;
    const refs = refsIn(sentence, passages.length);
    const candidates = refs.length > 0 ? refs : passages.map((_, i) => i + 1);
    let supported: { ref: number; span: { start: number; end: number } } | null = null;
    for (const ref of candidates) {
      const passage = passages[ref - 1]!;
      const found = verbatimIn(passage, claim) ?? backedBy(passage, sentence);
      if (found !== null) {
        supported = { ref, span: found };
        break;
      }
    }
    if (supported === null) {
      withheld++;
      continue;
    }
    quotes.push(quoteFor(supported.ref, passages[supported.ref - 1]!, supported.span));
    kept.push(`${claim.replace(/\[\s*\d[\d\s,，]*\]/g, "").trim()} [${supported.ref}]`);
  }
  const citations = new Map<number, Citation>();
  for (const quote of quotes) {
    if (citations.has(quote.ref)) continue;
    const passage = passages[quote.ref - 1]!;
    citations.set(quote.ref, {
      ref: quote.ref,
      documentId: passage.documentId,
      source: passage.source,
      page: pageAtOffset(passage, quote.start - passage.charStart),
      chunkId: passage.chunkId,
      clause: passage.clausePath,
      quote: quote.quote,
      verified: true,
    });
  }
  return { answer: kept.join(" "), citations: [...citations.values()].sort((a, b) => a.ref - b.ref), quotes, withheld };
}

/** Words that frame a question about a regulation without saying what it is about. */
const GENERIC = new Set(
  queryTerms(
    "규정 규칙 방침 회사 직원 내용 관련 대해 대한 무엇 어떻게 어떤 알려 주세요 설명 며칠인가요 얼마인가요 있나요 되나요 " +
      "합니까 됩니까 입니까 하나요 정하나요 what does the policy say about rule rules company regulation tell me is there any",
  ),
);

/** Share of the question's content terms a passage (with its clause path, section and title) holds. */
export function coverage(question: string, passage: Passage): number {
  const wanted = [...new Set(queryTerms(question))].filter((term) => !GENERIC.has(term));
  if (wanted.length === 0) return 0;
  const known = passageTerms(passage);
  return wanted.filter((term) => known.has(term)).length / wanted.length;
}

/**
 * For a question naming a clause, the reply that quotes it: the sentences of the named clause (an item such as
 * "(b)" or "제1호" when the question names one), up to `max`, each cited. Null when the question names none.
 */
export function namedClauseReply(question: string, passages: readonly Passage[], max = 3): string | null {
  const named = clauseKeys(question);
  if (named.length === 0 || passages.length === 0) return null;
  const deepest = named.reduce((a, b) => (b.length > a.length ? b : a));
  const sentences: string[] = [];
  passages.forEach((passage, index) => {
    const span = namedSpan(passage, deepest);
    if (span === null) return;
    for (const sentence of splitSentences(passage.text.slice(span.start, span.end))) {
      if (sentences.length >= max) return;
      const text = passage.text.slice(span.start + sentence.start, span.start + sentence.end);
      sentences.push(`${text.replace(/\s+/g, " ")} [${index + 1}]`);
    }
  });
  return sentences.length > 0 ? sentences.join(" ") : null;
}

/** Where in a passage the clause with `key` is: an item inside it, or the whole passage. */
function namedSpan(passage: Passage, key: string): { start: number; end: number } | null {
  const own = passage.clausePath === null ? [] : clauseKeys(passage.clausePath);
  if (own.includes(key)) return { start: 0, end: passage.text.length };
  if (!chunkClauseKeys(passage.clausePath, passage.text).includes(key)) return null;
  const item = key.match(/\(([a-z]{1,4})\)$|\.(\d+호|[가-하]목)$/u);
  if (item === null) return { start: 0, end: passage.text.length };
  const label = item[1] !== undefined ? `(${item[1]})` : item[2]!;
  const heads = [...passage.text.matchAll(/(?:^|(?<=[\s.]))(?:\(([a-z]{1,4})\)|(\d{1,2})\.|([가-하])\.)\s/gmu)];
  const index = heads.findIndex((head) =>
    head[1] !== undefined ? `(${head[1]})` === label : head[2] !== undefined ? `${head[2]}호` === label : `${head[3]}목` === label,
  );
  if (index < 0) return { start: 0, end: passage.text.length };
  const start = heads[index]!.index!;
  const end = heads[index + 1]?.index ?? passage.text.length;
  return { start, end };
}

/** A sentence that introduces a list ("다음 각 호의 서류를 제출하여야 한다.", "… as follows:"). */
const INTRODUCES_LIST = /(?:다음\s*각\s*호|다음과\s*같|as follows|the following)[^.。]*[.:。]?$/iu;

/**
 * A quoted sentence that introduces a list is followed by the list: the passage's next sentences (its items), up to
 * `max`, each cited like the sentence before them. Other sentences stay as they are.
 */
export function withListedItems(reply: string, passages: readonly Passage[], max = 5): string {
  const out: string[] = [];
  for (const claim of claimsOf(reply)) {
    out.push(claim.trim());
    const refs = refsIn(claim, passages.length);
    const text = claimOf(claim).replace(/\[\s*\d[\d\s,，]*\]/g, "").trim();
    if (refs.length !== 1 || !INTRODUCES_LIST.test(text)) continue;
    const passage = passages[refs[0]! - 1]!;
    const found = verbatimIn(passage, text);
    if (found === null) continue;
    const following = splitSentences(passage.text.slice(found.end)).slice(0, max);
    for (const sentence of following) {
      const item = passage.text.slice(found.end + sentence.start, found.end + sentence.end).replace(/\s+/g, " ");
      if (!reply.includes(item)) out.push(`${item} [${refs[0]}]`);
    }
  }
  return out.join(" ");
}

/** Below this share of the question's terms, the best passage is a near miss, not an answer. */
export const STRICT_MIN_COVERAGE = 0.6;

/**
 * The passages that can answer a question in strict mode, best first; empty means "not in the documents".
 * A question naming a clause ("제12조 2항") is answered only by that clause; otherwise only passages holding most
 * of the question's words answer.
 */
export function answeringPassages(question: string, passages: readonly Passage[], minCoverage = STRICT_MIN_COVERAGE): Passage[] {
  const named = clauseKeys(question);
  if (named.length > 0) {
    const deepest = named.reduce((a, b) => (b.length > a.length ? b : a));
    const matching = passages.filter((passage) => chunkClauseKeys(passage.clausePath, passage.text).includes(deepest));
    // A clause number names a clause of one document: the best-ranked one holding it (제7조 of 여비규정, not of
    // 개인정보 처리방침).
    const document = matching[0]?.documentId;
    return matching.filter((passage) => passage.documentId === document);
  }
  // Any retrieved passage holding most of the question's words may answer, in retrieval order; none is a refusal.
  return passages.filter((passage) => coverage(question, passage) >= minCoverage);
}
