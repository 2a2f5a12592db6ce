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
import { hangulSkeleton, latinSkeleton } from "../answer/loanwords.ts";
import type { QueryGap } from "./gaps.ts";
import type { Synonyms } from "./synonyms.ts";
import { ENDINGS, PARTICLES, queryTerms, tokenize, wordsOf } from "./tokenize.ts";

const HANGUL = /\p{Script=Hangul}/u;
const LETTER = /\p{L}/u;

/** Letters and Hangul letters of a text, counted in one pass (ASCII without a regex: most of an English chunk). */
function letterCounts(text: string): { letters: number; hangul: number } {
  let letters = 0;
  let hangul = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) letters++;
    } else if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)) {
      letters++;
      hangul++;
    } else if (code < 0xd800 || code > 0xdfff) {
      if (LETTER.test(text[i]!)) letters++;
    }
  }
  return { letters, hangul };
}

/** Share of a text's letters that are Hangul (0 for a text without letters). */
export function hangulShare(text: string): number {
  const { letters, hangul } = letterCounts(text);
  return letters === 0 ? 0 : hangul / letters;
}

/** At most this share of a chunk's letters Hangul, and it reads as English. */
export const ENGLISH_MAX_HANGUL_SHARE = 0.05;
/** Fewer letters than this and a chunk's language is not told (a table of numbers, a code line). */
const MIN_LETTERS = 40;

/** Whether a chunk is English-language text: enough letters, almost none Hangul. */
export function isEnglishText(text: string): boolean {
  const { letters, hangul } = letterCounts(text);
  return letters >= MIN_LETTERS && hangul / letters <= ENGLISH_MAX_HANGUL_SHARE;
}

/** How the rendering reads the question (JIKJI_CROSS_LANGUAGE_FORMS). */
export interface RenderingOptions {
  /**
   * Read the Korean words' further forms (synonyms.ts `FindOptions.forms`: 흑백으로만, 블록들은, 빠른가요, 덮어쓰나요),
   * translate no particle standing alone as a word, and keep the question's Latin words an English query drops.
   */
  forms?: boolean;
}

/** Particles and endings: a list entry keyed by one (held / 까지) is no word of a question's. */
const GRAMMAR = new Set([...PARTICLES, ...ENDINGS]);

/** A Korean question's English rendering. */
export interface EnglishRendering {
  /** The rendering as a query string: the question's Latin words and the English alternatives of its Korean words. */
  query: string;
  /** Its query terms (the tokenizer's), what the English leg searches for. */
  terms: string[];
  /** Each translated Korean word: its question terms and its English alternatives (the answer's related words). */
  words: QueryGap[];
  /**
   * The share of the question's distinct terms the rendering stands for: its Latin terms and the translated words'
   * terms. A rendering that covers half the question says half as much about an English chunk.
   */
  share: number;
  /**
   * How much the rendering counts for this question's English candidates, in [0, 1] (the search sets it from the
   * Korean evidence, `renderingWeight`); 1 when not set.
   */
  weight?: number;
  /**
   * The translated words' Hangul synonyms from the same list sets (비번 → 비밀번호, 패스워드; 컴퓨터 → 피시): what a
   * Korean page may write for a word the rendering translates. The Korean evidence may read them
   * (`koreanEvidence`'s `synonyms`), as the English evidence reads the English ones.
   */
  korean?: QueryGap[];
}

/**
 * The English rendering of a Korean question, or null when the question is not Korean or no Korean word of it has an
 * English alternative in `sources` (then there is nothing to search English chunks for that the question does not
 * already ask). An alternative counts as English when it holds no Hangul.
 */
export function englishRendering(
  question: string,
  sources: ReadonlyArray<Synonyms | null>,
  options: RenderingOptions = {},
): EnglishRendering | null {
  if (questionLanguage(question) !== "ko") return null;
  const forms = options.forms === true;
  const asked = new Set(queryTerms(question));
  const words = new Map<string, QueryGap>();
  const korean = new Map<string, QueryGap>();
  for (const source of sources) {
    if (source === null) continue;
    for (const match of source.find(question, { forms })) {
      // A particle standing alone (-9까지 is 9 and 까지) is no word of the question's to translate.
      if (forms && GRAMMAR.has(match.key)) continue;
      const english = match.alternatives.filter((alternative) => !HANGUL.test(alternative) && queryTerms(alternative).length > 0);
      if (english.length === 0) continue;
      const own = [...new Set(queryTerms(match.key).filter((term) => asked.has(term)))];
      const terms = own.length > 0 ? own : [...new Set(match.terms.filter((term) => asked.has(term)))];
      if (terms.length === 0 || !HANGUL.test(terms.join(""))) continue;
      const key = terms.join(" ");
      addAlternatives(words, key, terms, english);
      // The same set's Hangul members: what a Korean page may write for the word (비번 → 비밀번호, 패스워드).
      const hangul = match.alternatives.filter((alternative) => HANGUL.test(alternative) && queryTerms(alternative).length > 0);
      if (hangul.length > 0) addAlternatives(korean, key, terms, hangul);
    }
  }
  if (forms) {
    for (const piece of compoundPieces(question, sources, asked, words)) {
      const key = piece.terms.join(" ");
      const known = words.get(key);
      if (known === undefined) words.set(key, piece);
      else for (const alternative of piece.alternatives) if (!known.alternatives.includes(alternative)) known.alternatives.push(alternative);
    }
  }
  if (words.size === 0) return null;
  // The question's own Latin words in place (bzip2, --fast's "fast", -9's "9"), then the alternatives in question order.
  const latin = wordsOf(question).filter((word) => !HANGUL.test(word));
  const parts = [...latin, ...[...words.values()].flatMap((word) => word.alternatives)];
  const query = parts.join(" ");
  // An English word in a Korean sentence is a name or a command (make, set), not English grammar: with the forms
  // read, the question's own Latin words are kept though an English query would drop them as function words.
  const own = forms ? tokenize(latin.join(" ")).filter((term) => term.length >= 3 || /\d/u.test(term)) : [];
  const terms = [...new Set([...own, ...queryTerms(query)])];
  const covered = new Set([...asked].filter((term) => !HANGUL.test(term)));
  for (const word of words.values()) for (const term of word.terms) covered.add(term);
  const share = asked.size === 0 ? 0 : covered.size / asked.size;
  return terms.length === 0 ? null : { query, terms, words: [...words.values()], share, korean: [...korean.values()] };
}

/**
 * The words no chunk of the collection writes as asked (every term of theirs held by none, by `frequencies`): the
 * question's own paraphrase (비번, where the pages write 비밀번호 or 패스워드), whose listed synonyms are then what a page
 * answering it writes. A word the collection writes keeps its own reading, as gap-only expansion (gaps.ts) does.
 */
export function unwritten(words: readonly QueryGap[], frequencies: ReadonlyMap<string, number>): QueryGap[] {
  return words.filter((word) => word.terms.every((term) => (frequencies.get(term) ?? 0) === 0));
}

/** Adds a word's alternatives under its key, each once. */
function addAlternatives(into: Map<string, QueryGap>, key: string, terms: string[], alternatives: readonly string[]): void {
  const known = into.get(key);
  if (known === undefined) into.set(key, { terms, alternatives: [...alternatives] });
  else for (const alternative of alternatives) if (!known.alternatives.includes(alternative)) known.alternatives.push(alternative);
}

/** A compound is split into pieces of at least this many syllables (one more may trail: 서버실's 실, 사직서's 서). */
const COMPOUND_MIN_PIECE = 2;

/** The English alternatives the lists give a piece of a word as a whole term (no particle, no ending), or []. */
function wholeTermAlternatives(piece: string, sources: ReadonlyArray<Synonyms | null>): string[] {
  const found: string[] = [];
  for (const source of sources) {
    if (source === null) continue;
    for (const match of source.find(piece)) {
      if (match.from !== 0 || match.to !== 1 || match.key !== piece || GRAMMAR.has(match.key)) continue;
      for (const alternative of match.alternatives) {
        if (!HANGUL.test(alternative) && queryTerms(alternative).length > 0 && !found.includes(alternative)) found.push(alternative);
      }
    }
  }
  return found;
}

/**
 * A compound's pieces the lists know, left to right, longest first: `stem` split into list terms of two syllables or
 * more, one syllable left over at the end at most (서버실 → 서버; 백업파일 → 백업, 파일; 화면보호기 → 화면, 보호). Null
 * when some piece is unknown.
 */
function splitCompound(stem: string, sources: ReadonlyArray<Synonyms | null>): Array<{ piece: string; alternatives: string[] }> | null {
  for (let cut = stem.length - 1; cut >= COMPOUND_MIN_PIECE; cut--) {
    const head = stem.slice(0, cut);
    const alternatives = wholeTermAlternatives(head, sources);
    if (alternatives.length === 0) continue;
    const rest = stem.slice(cut);
    if (rest.length === 1) return [{ piece: head, alternatives }];
    const whole = wholeTermAlternatives(rest, sources);
    if (whole.length > 0) return [{ piece: head, alternatives }, { piece: rest, alternatives: whole }];
    const further = rest.length > COMPOUND_MIN_PIECE ? splitCompound(rest, sources) : null;
    if (further !== null) return [{ piece: head, alternatives }, ...further];
  }
  return null;
}

/**
 * The question's compounds that no list holds whole, read through their pieces the lists do hold (서버실, 백업파일,
 * 화면보호기, 설치경로): Korean writes a compound as one word that the lists hold as its words. Only a word of three
 * syllables or more (without its particles and light verb) none of whose terms is translated already.
 */
function compoundPieces(question: string, sources: ReadonlyArray<Synonyms | null>, asked: ReadonlySet<string>, words: ReadonlyMap<string, QueryGap>): QueryGap[] {
  const translated = new Set([...words.values()].flatMap((word) => word.terms));
  const out: QueryGap[] = [];
  for (const word of wordsOf(question)) {
    if (!HANGUL.test(word) || /[^\p{Script=Hangul}]/u.test(word)) continue;
    const stem = contentStem(word);
    if (stem.length <= COMPOUND_MIN_PIECE) continue;
    const own = queryTerms(stem).filter((term) => asked.has(term));
    if (own.length === 0 || own.some((term) => translated.has(term))) continue;
    for (const { piece, alternatives } of splitCompound(stem, sources) ?? []) {
      const terms = [...new Set(queryTerms(piece).filter((term) => asked.has(term)))];
      if (terms.length > 0) out.push({ terms, alternatives });
    }
  }
  return out;
}

/** Endings of a question's verbs and adjectives (덮어쓰나요, 빠른가요, 싶어요), stripped with the particles for `contentTerms`. */
const QUESTION_ENDINGS = ["나요", "가요", "까요", "지요", "세요", "어요", "아요", "는지", "는데", "으면", "려면", "으려면"];

const GRAMMAR_WORDS = new Set([...PARTICLES, ...ENDINGS, ...QUESTION_ENDINGS]);
const STRIPPED = [...GRAMMAR_WORDS].sort((a, b) => b.length - a.length);
/** A light verb's forms after a noun of two syllables or more (반복되는, 설치해도). */
const LIGHT_VERB = /^(?:하|한|할|함|합|해|했|되|된|될|됨|됩|돼|됐)\p{Script=Hangul}{0,3}$/u;

/**
 * A Hangul word without its particles, endings and light verb (흑백으로만 → 흑백, 덮어쓰나요 → 덮어쓰; 하나요 → 하, whose
 * terms the question does not hold). No one-syllable verb ending is stripped: 양면, 화면, 최고 end in one.
 */
function contentStem(word: string): string {
  let stem = word;
  for (let round = 0; round < 3; round++) {
    const light = [...stem].findIndex((_, i) => i >= 2 && LIGHT_VERB.test(stem.slice(i)));
    if (light >= 2) {
      stem = stem.slice(0, light);
      continue;
    }
    const suffix = STRIPPED.find((candidate) => stem.length > candidate.length && stem.endsWith(candidate));
    if (suffix === undefined) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

/**
 * The question's terms (`asked`, its `queryTerms`) that stand for its content: those its words keep without their
 * particles, endings and light verb. The bigrams of a question's grammar (나요 of 덮어쓰나요, 하나 of 하나요) and those
 * across a stem and its ending (쓰나) are held by every Korean FAQ and by no English page, so the evidences are read
 * over the rest (JIKJI_CROSS_LANGUAGE_FORMS). All of `asked` when none would be left.
 */
export function contentTerms(question: string, asked: readonly string[]): string[] {
  // A particle written against a Latin word is a word of its own (MPFR에서, /var/tmp에): grammar, not content.
  const stems = wordsOf(question)
    .filter((word) => !GRAMMAR_WORDS.has(word))
    .map((word) => (HANGUL.test(word) ? contentStem(word) : word));
  const content = new Set(queryTerms(stems.join(" ")));
  const kept = asked.filter((term) => content.has(term));
  return kept.length > 0 ? kept : [...asked];
}

/** A Hangul word read back as a loanword has at least this many syllables and consonant classes (뷰, 코드 are not). */
const LOANWORD_MIN_SYLLABLES = 3;
const LOANWORD_MIN_CONSONANTS = 4;
/** At most this many English words are taken for one Hangul word: more and its skeleton says little. */
const LOANWORD_MAX_READINGS = 2;

/** The question's words the loanword reader tries: untranslated Hangul words of three syllables or more (as stems). */
function loanwordCandidates(rendering: EnglishRendering, question: string): Map<string, { terms: string[]; skeleton: string }> {
  const translated = new Set(rendering.words.flatMap((word) => word.terms));
  const asked = new Set(queryTerms(question));
  const wanted = new Map<string, { terms: string[]; skeleton: string }>();
  for (const word of wordsOf(question)) {
    if (!HANGUL.test(word) || /[^\p{Script=Hangul}]/u.test(word)) continue;
    const stem = contentStem(word);
    if (stem.length < LOANWORD_MIN_SYLLABLES) continue;
    const terms = [...new Set(queryTerms(stem))].filter((term) => asked.has(term));
    if (terms.length === 0 || terms.some((term) => translated.has(term))) continue;
    const skeleton = hangulSkeleton(stem);
    if (skeleton.length >= LOANWORD_MIN_CONSONANTS) wanted.set(stem, { terms, skeleton });
  }
  return wanted;
}

/**
 * The share of the question (weighed as the evidences weigh it) that the loanword reader could still translate: its
 * candidate words' terms. Added to `englishBound` (JIKJI_CROSS_LANGUAGE_LOANWORD_BOUND), the English leg runs where a
 * loanword read back from the English pages (컨퍼런스 → conferences) could make them hold more than the Korean ones.
 */
export function loanwordBound(question: WeightedQuestion, rendering: EnglishRendering, text: string): number {
  const { weights, total } = question;
  if (total <= 0) return 0;
  const terms = new Set([...loanwordCandidates(rendering, text).values()].flatMap((word) => word.terms));
  let share = 0;
  for (const term of terms) share += weights.get(term) ?? 0;
  return share / total;
}

/**
 * The rendering with the question's Hangul loanwords read back from English candidates' words (엔진엑스 → nginx,
 * 마이크로컨트롤러 → microcontroller): a Korean content word that no list translates, of three syllables or more, is
 * compared by consonant skeleton (src/answer/loanwords.ts) with the Latin words of `texts` (the chunks the English
 * leg and the first leg found), and the words that match join it as that word's alternatives. Compared over the few
 * chunks retrieved, not the whole index, so a native word meets an English one by chance only where a candidate
 * holds it. The same rendering when nothing matches.
 */
export function withLoanwords(rendering: EnglishRendering, question: string, texts: readonly EvidenceText[]): EnglishRendering {
  const asked = new Set(queryTerms(question));
  const wanted = loanwordCandidates(rendering, question);
  if (wanted.size === 0) return rendering;
  const readings = new Map<string, Set<string>>();
  for (const candidate of texts) {
    const text = languageOf(candidate);
    if (!isEnglishText(text)) continue;
    for (const [latin] of text.toLowerCase().matchAll(/[a-z][a-z0-9]{2,}/g)) {
      if (/\d/u.test(latin)) continue;
      const skeleton = latinSkeleton(latin);
      for (const [stem, word] of wanted) {
        if (word.skeleton !== skeleton) continue;
        const found = readings.get(stem) ?? new Set<string>();
        found.add(latin);
        readings.set(stem, found);
      }
    }
  }
  const added: QueryGap[] = [];
  for (const [stem, found] of readings) {
    if (found.size > LOANWORD_MAX_READINGS) continue;
    added.push({ terms: wanted.get(stem)!.terms, alternatives: [...found] });
  }
  if (added.length === 0) return rendering;
  const words = [...rendering.words, ...added];
  const query = [rendering.query, ...added.flatMap((word) => word.alternatives)].join(" ");
  const terms = [...new Set([...rendering.terms, ...added.flatMap((word) => word.alternatives.flatMap((alternative) => queryTerms(alternative)))])];
  const covered = new Set([...asked].filter((term) => !HANGUL.test(term)));
  for (const word of words) for (const term of word.terms) covered.add(term);
  const share = asked.size === 0 ? 0 : covered.size / asked.size;
  return { ...rendering, query, terms, words, share };
}

/**
 * Counts above this are reported as this (`SearchIndex.documentFrequencies` cap) when weighing a question's terms: on
 * Qdrant the count is a query returning up to this many points, and past ~1,000 chunks a term weighs little anyway.
 */
export const RARITY_CAP = 1_000;

/**
 * Whether a text holds a term, without tokenizing it (that cost ~0.1 ms a chunk, most of the evidence's time): a
 * Hangul bigram as a substring, any other term as a whole word of letters and digits (print is not in printing).
 */
function holder(text: string): (term: string) => boolean {
  // Lower case only: NFKC over a 2 KB Korean chunk cost more than the rest of the evidence (stored Hangul is composed).
  const lower = text.toLowerCase();
  return (term) => {
    if (HANGUL.test(term)) return lower.includes(term);
    let at = lower.indexOf(term);
    while (at >= 0) {
      const before = lower[at - 1] ?? "";
      const after = lower[at + term.length] ?? "";
      if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
      at = lower.indexOf(term, at + 1);
    }
    return false;
  };
}
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A question's distinct terms, each weighted by its rarity in the whole index, and their sum: what the evidences share. */
export interface WeightedQuestion {
  weights: ReadonlyMap<string, number>;
  total: number;
}

/**
 * Weighs a question's terms (its `queryTerms`) by their rarity in the whole index (BM25's IDF over `points` chunks,
 * `frequencies` counted up to that), once for the Korean evidence, the English bound and the English evidence.
 */
export function weighQuestion(terms: readonly string[], frequencies: ReadonlyMap<string, number>, points: number): WeightedQuestion {
  const n = Math.max(points, 1);
  const weights = new Map<string, number>();
  for (const term of terms) {
    const df = Math.min(frequencies.get(term) ?? 0, n);
    weights.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  return { weights, total: [...weights.values()].reduce((sum, w) => sum + w, 0) };
}

/**
 * A candidate as the evidence reads it: its text, whose letters say its language, and what it is searched by (its
 * document title, section and clause path, then its text: src/ingest/points.ts `searchableText`), whose words say what
 * it holds. A clause found by its document's name and its own heading ("취업규칙 제6조 제1항") holds them though its
 * sentences do not repeat them. A plain string is both.
 */
export type EvidenceText = string | { text: string; searchable: string };

const languageOf = (candidate: EvidenceText): string => (typeof candidate === "string" ? candidate : candidate.text);
const wordsHeldBy = (candidate: EvidenceText): string => (typeof candidate === "string" ? candidate : candidate.searchable);

/**
 * How well the best Korean chunk among `texts` (the first leg's best, in order) answers the question as asked: the
 * share of the question's terms it holds, each weighted by its rarity in the whole index (`weighQuestion`). Near 1 when a Korean page says what the question says; low when the Korean chunks
 * share only common words (파일, 옵션) with it. English chunks are skipped. With `synonyms` (the rendering's `korean` words the collection does
 * not write, `unwritten`; JIKJI_CROSS_LANGUAGE_KOREAN_SYNONYMS) a word the chunk writes only as a listed Hangul synonym counts as held, as the
 * English evidence counts a word an English chunk writes as its English alternative: without them a Korean page that
 * writes 패스워드 for the question's 비번 reads as not answering, and an English page holding "password" wins the gate.
 */
export function koreanEvidence(question: WeightedQuestion, texts: readonly EvidenceText[], synonyms: readonly QueryGap[] = []): number {
  const { weights, total } = question;
  if (total <= 0) return 0;
  const words = synonyms.map((word) => ({ terms: word.terms, alternatives: word.alternatives.map((alternative) => queryTerms(alternative)).filter((terms) => terms.length > 0) }));
  let best = 0;
  for (const candidate of texts) {
    if (isEnglishText(languageOf(candidate))) continue;
    const holds = holder(wordsHeldBy(candidate));
    const held = new Set<string>();
    for (const term of weights.keys()) if (holds(term)) held.add(term);
    // A word the chunk writes only as a listed Hangul synonym counts as held (asked 비번, written 패스워드).
    for (const word of words) {
      if (word.terms.every((term) => held.has(term))) continue;
      if (word.alternatives.some((terms) => terms.every(holds))) for (const term of word.terms) if (weights.has(term)) held.add(term);
    }
    let share = 0;
    for (const term of held) share += weights.get(term)!;
    best = Math.max(best, share / total);
  }
  return best;
}

/**
 * The same share for the best English chunk among `texts` (the English leg's best), read through the rendering: a
 * translated Korean word counts its question terms' weight when the chunk holds one of its alternatives whole, a Latin
 * term of the question its own. Comparable with `koreanEvidence`: both are shares of the same weighted question.
 */
export function englishEvidence(question: WeightedQuestion, rendering: EnglishRendering, texts: readonly EvidenceText[]): number {
  const { weights, total } = question;
  if (total <= 0) return 0;
  const translated = new Set(rendering.words.flatMap((word) => word.terms));
  const latin = [...weights].filter(([term]) => !HANGUL.test(term) && !translated.has(term));
  const words = rendering.words.map((word) => ({
    weight: word.terms.reduce((sum, term) => sum + (weights.get(term) ?? 0), 0),
    alternatives: word.alternatives.map((alternative) => queryTerms(alternative)).filter((terms) => terms.length > 0),
  }));
  let best = 0;
  for (const candidate of texts) {
    if (!isEnglishText(languageOf(candidate))) continue;
    const holds = holder(wordsHeldBy(candidate));
    let share = 0;
    for (const [term, w] of latin) if (holds(term)) share += w;
    for (const word of words) if (word.alternatives.some((terms) => terms.every(holds))) share += word.weight;
    best = Math.max(best, share / total);
  }
  return Math.min(1, best);
}

/**
 * The most `englishEvidence` could be, from the index's counts alone: the share of the question its Latin terms and
 * its translated words stand for, counting only those the index holds (a word, when every term of one of its
 * alternatives is in some chunk). No chunk read; when it is no more than the Korean evidence, the English leg cannot win.
 */
export function englishBound(question: WeightedQuestion, rendering: EnglishRendering, frequencies: ReadonlyMap<string, number>): number {
  const { weights, total } = question;
  if (total <= 0) return 0;
  const held = (term: string) => (frequencies.get(term) ?? 0) > 0;
  const translated = new Set(rendering.words.flatMap((word) => word.terms));
  let share = 0;
  for (const [term, w] of weights) if (!HANGUL.test(term) && !translated.has(term) && held(term)) share += w;
  for (const word of rendering.words) {
    if (word.alternatives.some((alternative) => queryTerms(alternative).every(held))) {
      share += word.terms.reduce((sum, term) => sum + (weights.get(term) ?? 0), 0);
    }
  }
  return Math.min(1, share / total);
}

/**
 * How much the English rendering counts, from the two evidences: nothing when the best Korean chunk holds `ceiling`
 * or more of the question (a Korean page answers it; 0: no ceiling) or when the best English chunk, read through the
 * rendering, holds no more of it than that Korean chunk does as asked — then English chunks are ranked exactly as
 * without the rendering; otherwise fully once the English lead reaches `margin`, linearly below it (0: a step).
 */
export function renderingWeight(korean: number, english: number, options: { ceiling?: number; margin?: number } = {}): number {
  const { ceiling = 0, margin = 0 } = options;
  if (ceiling > 0 && korean >= ceiling) return 0;
  const lead = english - korean;
  if (lead <= 0) return 0;
  if (margin <= 0 || lead >= margin) return 1;
  return lead / margin;
}
