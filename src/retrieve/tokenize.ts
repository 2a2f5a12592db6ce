/**
 * The one tokenizer behind lexical retrieval, for the embedded index and Qdrant's sparse vectors alike.
 *
 * A Hangul word loses a trailing particle (정책은 → 정책) and then a common verbal ending (개최하였다 → 개최), and
 * becomes the character bigrams of what is left, so "정책은", "정책을" and "정책" share every term, and a compound
 * (개인정보보호) shares bigrams with its parts. Latin words and numbers become lower-cased terms; scripts are split
 * ("AI반도체" → ai + 반도 + 도체) and a mixed letter-digit word keeps its whole form and its parts (5g, 5, g).
 * A number directly followed by a Hangul word also yields number + first syllable (1950년, 15대).
 * Every choice here was measured on the KorQuAD development half (bench/quality.ts, BENCHMARKS.md).
 */
/**
 * Which analyzer built an index: the terms `tokenize` and `queryTerms` give a text and the terms `toIndexPoint`
 * (src/ingest/points.ts) gives a chunk. An index records the version it was built with (src/operate/index-status.ts);
 * one built by another version is stale: its chunks hold terms today's queries no longer produce, and `jikji reindex`
 * rebuilds it. Bump it with any change to those terms; test/retrieve/analyzer-version.test.ts pins a fingerprint of
 * the output per version and fails until the bump is made.
 */
export const ANALYZER_VERSION = 2;

// Only the English list: the package's entry point builds the lists of all 62 languages (~10 ms of every command).
import { eng as ENGLISH_STOPWORDS } from "stopword/src/stopwords_eng.js";

const HANGUL = /\p{Script=Hangul}/u;
const DIGIT = /\p{N}/u;
const LETTER = /\p{L}/u;
// A word (WORD below) is a Hangul run, or a run of other letters/digits (inner ' . , kept: don't, 3.14, 1,000); as the
// regex `words` ran until it scanned instead (test/retrieve/tokenize-scan.test.ts checks both find the same words):
//   /\p{Script=Hangul}+|(?:(?!\p{Script=Hangul})[\p{L}\p{M}\p{N}])+(?:['’.,](?:(?!\p{Script=Hangul})[\p{L}\p{M}\p{N}])+)*/gu
const LETTERS_OR_DIGITS = /\p{L}+|\p{N}+/gu;

function longestFirst(list: readonly string[]): readonly string[] {
  return [...list].sort((a, b) => b.length - a.length);
}

/** Particles stripped from the end of a Hangul word. */
export const PARTICLES = longestFirst([
  "으로부터", "에서부터", "에게서", "으로서", "으로써", "이라고", "에서는", "에서도", "에게는", "까지는",
  "부터는", "으로는", "에서", "에게", "까지", "부터", "으로", "로서", "로써", "처럼", "보다", "라고",
  "이나", "이며", "이고", "하고", "에는", "에도", "와의", "과의", "만큼", "마다", "조차", "밖에",
  "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만", "나", "께", "야", "랑",
]);
const ONE_SYLLABLE_PARTICLES = new Set(PARTICLES.filter((particle) => particle.length === 1));

/** Verbal endings, suffixes and the plural stripped after the particle (개최하였다 → 개최, 역사적 → 역사). */
export const ENDINGS = longestFirst([
  "하였으며", "하였는데", "하였다", "되었다", "되었으며", "하였고", "되었고", "했으며", "했는데", "했다", "됐다",
  "되어", "하여", "했던", "하였던", "되었던", "하는", "되는", "하고", "되고", "하며", "되며", "한다", "된다", "했고",
  "됐고", "인가", "이다", "였다", "이었다", "하기", "되기", "한", "된", "할", "될", "적", "들",
]);

/**
 * Question words: a query word starting with one of these is dropped (누구인가, 언제인가, 몇년도에, 무엇으로).
 * 왜 and 누가 only as whole words, since 왜곡 and 누가기 are content.
 */
const QUESTION_PREFIXES = ["무엇", "누구", "언제", "어디", "어느", "어떤", "어떻게", "얼마", "무슨", "뭐", "몇"];
const QUESTION_WORDS = new Set([
  "왜", "누가",
  "what", "when", "where", "who", "whom", "which", "why", "how", "is", "are", "was", "were", "the", "a",
  "an", "of", "in", "on", "to", "does", "do", "did", "for", "and", "or",
]);
/** Nouns that only frame a Korean question (…의 이름은?, …한 곳은?, …한 것은?). */
const QUESTION_FRAME_NOUNS = new Set(["이름", "것", "곳"]);

/** Suffixes by their last character, each list longest first, so a word is only compared with those it can end in. */
type SuffixTable = ReadonlyMap<string, readonly string[]>;

function byLastCharacter(suffixes: readonly string[]): SuffixTable {
  const table = new Map<string, string[]>();
  for (const suffix of suffixes) {
    const last = suffix[suffix.length - 1]!;
    table.set(last, [...(table.get(last) ?? []), suffix]);
  }
  return table;
}

const PARTICLES_BY_LAST = byLastCharacter(PARTICLES);
const ENDINGS_BY_LAST = byLastCharacter(ENDINGS);

/** The word without the longest suffix it ends in, when more than one character would remain; null for none. */
function stripSuffix(word: string, suffixes: SuffixTable): string | null {
  for (const suffix of suffixes.get(word[word.length - 1]!) ?? []) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return null;
}

/** The word without its particle and then its ending, when at least two syllables remain. */
function hangulStem(word: string): string {
  const withoutParticle = stripSuffix(word, PARTICLES_BY_LAST) ?? word;
  const withoutEnding = stripSuffix(withoutParticle, ENDINGS_BY_LAST);
  return withoutEnding !== null && withoutEnding.length >= 2 ? withoutEnding : withoutParticle;
}

/** Appends a Hangul word's terms: its stem's bigrams (and the noun of 년에, 돈을). Exported for the tokenizer's reference test. */
export function hangulTerms(word: string, out: string[]): void {
  if (word.length === 1) {
    out.push(word);
    return;
  }
  // 년에, 돈을: too short for the stripping rule, but the noun is still the first syllable.
  if (word.length === 2 && ONE_SYLLABLE_PARTICLES.has(word[1]!)) out.push(word[0]!);
  const stem = hangulStem(word);
  for (let i = 0; i + 1 < stem.length; i++) out.push(stem.slice(i, i + 2));
}

/** What a word is, for `termsOf`: bits of WORD_KIND. */
const WORD_KIND = {
  /** A run of Hangul (the first alternative of WORD). */
  hangul: 1,
  /** Its first character is a number (\p{N}). */
  startsWithNumber: 2,
  /** It holds both a letter (\p{L}) and a number (\p{N}). */
  lettersAndDigits: 4,
} as const;

/** The words of a text in order, each with where it starts in the normalised text and what kind of word it is. */
interface Words {
  words: string[];
  starts: number[];
  kinds: number[];
  /** The normalised text the starts point into. */
  text: string;
}

/**
 * A Hangul word a number pairs with across one space as if written against it: a clause unit alone or with a
 * particle (조, 항, 호, 장, 절, 편, 관; 조의, 항에), an amount unit alone or before 원 (만, 천, 원; 만원, 천원):
 * "제 1 조", "제 3 조의 2", "2 만 5 천원". Korean word processors leave a gap between Hangul and digits that some PDFs
 * keep as a space, and some organisations type "제 1 조" themselves. Nothing longer ("1 원칙", "3 장면") pairs.
 */
export const SPACED_UNIT = /^(?:[조항호장절편관만천원]|[만천]원|[조항호장절편관][의에은는을를와과가이로])$/;

/** Whether a number word and the Hangul word after it yield number + first syllable ("1950년", "제 1 조" → 1조). */
export function pairsWithNumber(number: string, numberStart: number, word: string, wordStart: number, text: string): boolean {
  const end = numberStart + number.length;
  return end === wordStart || (end + 1 === wordStart && text[end] === " " && SPACED_UNIT.test(word));
}

/**
 * What each character is to WORD, found with the same Unicode property regexes and remembered: bits of CHAR, 0 for
 * a character not looked at yet. One table for the Basic Multilingual Plane (64 KB), a map for the rest.
 */
const CHAR = { known: 1, hangul: 2, word: 4, number: 8, letter: 16 } as const;
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
const bmpCharacters = new Uint8Array(0x10000);
const astralCharacters = new Map<number, number>();
const ASTRAL_CACHE_LIMIT = 4096;

function classify(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  let bits = CHAR.known;
  if (HANGUL.test(character)) bits |= CHAR.hangul;
  else if (WORD_CHARACTER.test(character)) bits |= CHAR.word;
  if (DIGIT.test(character)) bits |= CHAR.number;
  if (LETTER.test(character)) bits |= CHAR.letter;
  return bits;
}

/** Set in `characterAt`'s result when the character is a surrogate pair (two UTF-16 units). */
const PAIR = 0x100;

/** CHAR bits of the character (code point) at `i`, with PAIR when it takes two units; a lone surrogate is itself. */
function characterAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const codePoint = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      let bits = astralCharacters.get(codePoint);
      if (bits === undefined) {
        bits = classify(codePoint);
        // A document could hold a million distinct astral code points; the long-lived map keeps only the first few.
        if (astralCharacters.size < ASTRAL_CACHE_LIMIT) astralCharacters.set(codePoint, bits);
      }
      return bits | PAIR;
    }
  }
  let bits = bmpCharacters[unit]!;
  if (bits === 0) bmpCharacters[unit] = bits = classify(unit);
  return bits;
}

/** The separators WORD allows inside a non-Hangul word when a word character follows: ' ’ . , */
function isInnerSeparator(unit: number): boolean {
  return isApostrophe(unit) || unit === 0x2e || unit === 0x2c;
}

/**
 * The words WORD matches, found by one pass over the characters instead of the regex: the same words (a test
 * compares both on thousands of real texts), without the regex engine's Unicode class checks and without finding
 * each word's start again; tokenizing candidate texts is most of the built-in reranker's time.
 */
function words(text: string): Words {
  const normalised = text.normalize("NFKC").toLowerCase();
  const found: string[] = [];
  const starts: number[] = [];
  const kinds: number[] = [];
  const n = normalised.length;
  let i = 0;
  while (i < n) {
    const first = characterAt(normalised, i);
    if ((first & (CHAR.hangul | CHAR.word)) === 0) {
      i += first & PAIR ? 2 : 1;
      continue;
    }
    const start = i;
    i += first & PAIR ? 2 : 1;
    let kind = first & CHAR.number ? WORD_KIND.startsWithNumber : 0;
    if (first & CHAR.hangul) {
      kind |= WORD_KIND.hangul;
      while (i < n) {
        const next = characterAt(normalised, i);
        if ((next & CHAR.hangul) === 0) break;
        i += next & PAIR ? 2 : 1;
      }
    } else {
      let seen = first;
      for (;;) {
        while (i < n) {
          const next = characterAt(normalised, i);
          if ((next & CHAR.word) === 0) break;
          seen |= next;
          i += next & PAIR ? 2 : 1;
        }
        if (i + 1 < n && isInnerSeparator(normalised.charCodeAt(i)) && characterAt(normalised, i + 1) & CHAR.word) {
          i++;
          continue;
        }
        break;
      }
      if (seen & CHAR.letter && seen & CHAR.number) kind |= WORD_KIND.lettersAndDigits;
    }
    found.push(normalised.slice(start, i));
    starts.push(start);
    kinds.push(kind);
  }
  return { words: found, starts, kinds, text: normalised };
}

/** A word without its possessive 's or ’s (the word stays as it is when nothing would be left). */
function possessed(word: string): string {
  const n = word.length;
  if (n < 3 || word.charCodeAt(n - 1) !== 0x73 || !isApostrophe(word.charCodeAt(n - 2))) return word;
  return word.slice(0, -2);
}

function isApostrophe(unit: number): boolean {
  return unit === 0x27 || unit === 0x2019;
}

/**
 * The terms of `words`. With `counters`, a Hangul word written against a number (a counter: 1년에, 2회까지, 90일마다)
 * gives its unit without the particle (년, 회, 일) instead of the stem-and-particle bigrams (년에, 회까 + 까지).
 */
function termsOf({ words: list, starts, kinds, text }: Words, counters = false): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    const kind = kinds[i]!;
    if (kind & WORD_KIND.hangul) {
      // A number directly before a Hangul word also yields number + first syllable (1950년 → 1950년).
      if (i > 0 && kinds[i - 1]! & WORD_KIND.startsWithNumber && pairsWithNumber(list[i - 1]!, starts[i - 1]!, word, starts[i]!, text)) {
        out.push(`${list[i - 1]!}${word[0]}`);
        const unit = counters ? counterUnit(word) : null;
        if (unit !== null) {
          if (unit.length === 1) out.push(unit);
          else for (let j = 0; j + 1 < unit.length; j++) out.push(unit.slice(j, j + 2));
          continue;
        }
      }
      hangulTerms(word, out);
    } else {
      // An English possessive is its word (gnuplot's → gnuplot): the page that says "gnuplot" answers "gnuplot's fit".
      const own = possessed(word);
      out.push(own);
      if (kind & WORD_KIND.lettersAndDigits) for (const part of own.match(LETTERS_OR_DIGITS) ?? []) out.push(part);
    }
  }
  return out;
}

/** A clause unit before 의, as in "제3조의2" (article 3-2): a name, not a counter and its particle. */
const CLAUSE_OF = /^[조항호장절편관]의$/;

/**
 * A counter's unit without its particle (년에 → 년, 회까지 → 회, 개월의 → 개월), even where one syllable is left, which
 * `hangulStem` does not strip to; null when the word ends in no particle, or is a clause's 조의.
 */
function counterUnit(word: string): string | null {
  if (CLAUSE_OF.test(word)) return null;
  for (const suffix of PARTICLES_BY_LAST.get(word[word.length - 1]!) ?? []) {
    if (word.length > suffix.length && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return null;
}

/** The words of a text as the tokenizer splits them (NFKC, lower-cased, scripts apart: "RAM을" → ram, 을). */
export function wordsOf(text: string): string[] {
  return words(text).words;
}

/** Terms of a text in order, repeats kept. */
export function tokenize(text: string): string[] {
  return termsOf(words(text));
}

export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/**
 * English function words ("my", "should", "can", "many" …): the `stopword` package's list, dropped from queries
 * only (documents keep them, so a phrase still matches). In a collection of manuals such a word is rare enough
 * to earn IDF, and a question full of them ("My server is short on RAM. Which option should I use?") then prefers
 * chunks that share its grammar over the one that shares its subject. Measured on the real-document set
 * (BENCHMARKS.md, issue 8 ranking).
 */
const STOPWORDS = new Set(ENGLISH_STOPWORDS);

/** A word a query drops (question words, English stopwords, question-frame nouns). Exported for the reference test. */
export function isQuestionWord(word: string): boolean {
  if (QUESTION_WORDS.has(word)) return true;
  if (STOPWORDS.has(word)) return true;
  if (QUESTION_PREFIXES.some((prefix) => word.startsWith(prefix))) return true;
  return QUESTION_FRAME_NOUNS.has(stripSuffix(word, PARTICLES_BY_LAST) ?? word);
}

/** A query's words without question words (all of them when nothing else is left). */
function queryWords(query: string): Words {
  const all = words(query);
  const kept: Words = { words: [], starts: [], kinds: [], text: all.text };
  all.words.forEach((word, i) => {
    if (isQuestionWord(word)) return;
    kept.words.push(word);
    kept.starts.push(all.starts[i]!);
    kept.kinds.push(all.kinds[i]!);
  });
  return kept.words.length > 0 ? kept : all;
}

/** Terms of a search query: like `tokenize`, without question words (unless nothing else is left). */
export function queryTerms(query: string): string[] {
  return termsOf(queryWords(query));
}

/**
 * The terms a search looks for and the built-in reranker weighs: `queryTerms`, except that a counter written against
 * a number is read as its unit without the particle ("1년에" → 1, 1년, 년; not 년에). The particle's bigram (년에,
 * 회까, 까지) names no subject but is in every chunk that writes "매 2년에" or "3회까지", and pulled such chunks above
 * the page that answers "책은 1년에 몇 권까지 …?" (rankaudit18). Query side only: documents keep their terms, so
 * the index is the same (ANALYZER_VERSION is about `tokenize` and `queryTerms`, which this leaves as they were).
 */
export function searchTerms(query: string): string[] {
  return termsOf(queryWords(query), true);
}
