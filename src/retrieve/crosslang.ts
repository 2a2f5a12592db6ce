/**
 * Korean questions on English manuals, by the candidate's language (issue 8, second pass). A Korean question asked
 * of a mixed collection is searched and ranked twice over: Korean chunks against the question as asked, English chunks
 * against its **English rendering** — the question's own Latin words, numbers and options kept (bzip2, --fast, -9),
 * each Korean word replaced by its English alternatives from the hand synonym list and the learned lexicon (압축 →
 * compress, compression; 인쇄 → print, printing). Gap-only expansion (gaps.ts) asked "does the collection lack this
 * word?", which a mixed collection never answers yes; here the question is "what does this candidate's language call
 * it?", asked per candidate.
 *
 * A chunk's language is read from its text (the share of its letters that are Hangul), so nothing is stored at ingest
 * and a collection without English chunks is searched and ranked exactly as without the switch.
 */
import { questionLanguage } from "../answer/language.ts";
import type { QueryGap } from "./gaps.ts";
import type { Synonyms } from "./synonyms.ts";
import { queryTerms, wordsOf } from "./tokenize.ts";

const HANGUL = /\p{Script=Hangul}/u;
const LETTER = /\p{L}/gu;
const HANGUL_LETTER = /\p{Script=Hangul}/gu;

/** Share of a text's letters that are Hangul (0 for a text without letters). */
export function hangulShare(text: string): number {
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return 0;
  return (text.match(HANGUL_LETTER)?.length ?? 0) / letters;
}

/** At most this share of a chunk's letters Hangul, and it reads as English. */
export const ENGLISH_MAX_HANGUL_SHARE = 0.05;
/** Fewer letters than this and a chunk's language is not told (a table of numbers, a code line). */
const MIN_LETTERS = 40;

/** Whether a chunk is English-language text: enough letters, almost none Hangul. */
export function isEnglishText(text: string): boolean {
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS) return false;
  return (text.match(HANGUL_LETTER)?.length ?? 0) / letters <= ENGLISH_MAX_HANGUL_SHARE;
}

/** A Korean question's English rendering. */
export interface EnglishRendering {
  /** The rendering as a query string: the question's Latin words and the English alternatives of its Korean words. */
  query: string;
  /** Its query terms (the tokenizer's), what the English leg searches for. */
  terms: string[];
  /** Each translated Korean word: its question terms and its English alternatives (the answer's related words). */
  words: QueryGap[];
}

/**
 * The English rendering of a Korean question, or null when the question is not Korean or no Korean word of it has an
 * English alternative in `sources` (then there is nothing to search English chunks for that the question does not
 * already ask). An alternative counts as English when it holds no Hangul.
 */
export function englishRendering(question: string, sources: ReadonlyArray<Synonyms | null>): EnglishRendering | null {
  if (questionLanguage(question) !== "ko") return null;
  const asked = new Set(queryTerms(question));
  const words = new Map<string, QueryGap>();
  for (const source of sources) {
    if (source === null) continue;
    for (const match of source.find(question)) {
      const english = match.alternatives.filter((alternative) => !HANGUL.test(alternative) && queryTerms(alternative).length > 0);
      if (english.length === 0) continue;
      const own = [...new Set(queryTerms(match.key).filter((term) => asked.has(term)))];
      const terms = own.length > 0 ? own : [...new Set(match.terms.filter((term) => asked.has(term)))];
      if (terms.length === 0 || !HANGUL.test(terms.join(""))) continue;
      const key = terms.join(" ");
      const known = words.get(key);
      if (known === undefined) words.set(key, { terms, alternatives: english });
      else for (const alternative of english) if (!known.alternatives.includes(alternative)) known.alternatives.push(alternative);
    }
  }
  if (words.size === 0) return null;
  // The question's own Latin words in place (bzip2, --fast's "fast", -9's "9"), then the alternatives in question order.
  const latin = wordsOf(question).filter((word) => !HANGUL.test(word));
  const parts = [...latin, ...[...words.values()].flatMap((word) => word.alternatives)];
  const query = parts.join(" ");
  const terms = [...new Set(queryTerms(query))];
  return terms.length === 0 ? null : { query, terms, words: [...words.values()] };
}
