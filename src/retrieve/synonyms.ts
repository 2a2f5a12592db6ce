/**
 * Synonyms: sets of interchangeable terms, Korean and English (비밀번호 / 암호 / 패스워드 / password), for questions
 * worded unlike the page that answers them (issue 8). Two sources, both in one plain format (one set per line,
 * comma-separated, `#` comments): the built-in list beside this file (synonyms.txt, written by hand from general
 * IT, office, HR, finance and customer-service vocabulary) and the operator's own (JIKJI_SYNONYMS), merged
 * (JIKJI_SYNONYMS_BUILTIN=false leaves the built-in one out). Three uses, each with its weight: the built-in
 * reranker's feature (on by default), query expansion on the lexical leg and the extractive answer's `related`
 * hook (both off by default: on the real-document set they did not pass the rule; BENCHMARKS.md, "Synonyms").
 *
 * A term is matched whole, as the tokenizer splits words: "sign in" needs both words in order, a Korean term may be
 * followed by a particle or an ending (비밀번호를, 설치하려면), spacing between Korean words does not matter
 * (비밀 번호 / 비밀번호), and a term ending in 다 is a verb matched by its stem (바꾸다 → 바꾸려면, 바꾸는).
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.ts";
import type { WeightedTerm } from "./index/port.ts";
import { ENDINGS, PARTICLES, queryTerms, tokenize, wordsOf } from "./tokenize.ts";

/** Bounds on an operator's file: it is read at every start-up and held in memory. */
export const MAX_SYNONYM_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_SYNONYM_SETS = 20_000;
const MAX_TERMS_PER_SET = 64;
const MAX_TERM_CHARACTERS = 64;
const MAX_TERM_WORDS = 4;
/** Words of a text tried as one term: a Korean term may be spaced in the text where the list writes it as one word. */
const MAX_SPAN_WORDS = MAX_TERM_WORDS + 2;
/** Problems listed from one bad file before the rest are only counted. */
const MAX_PROBLEMS = 10;

const HANGUL = /^\p{Script=Hangul}+$/u;

/**
 * What may follow a Korean noun term inside one word: a particle, an ending, or a light verb's form (설치하려면,
 * 설치됐는데, 업데이트할): 하/되/시키 and their contracted syllables start it.
 */
const NOUN_SUFFIXES = new Set([...PARTICLES, ...ENDINGS]);
const LIGHT_VERB = /^(?:하|한|할|함|합|해|했|되|된|될|됨|됩|돼|됐|시키|시켜|시킨)/u;
/** What may follow a verb's stem when the stem itself is unchanged (바꾸려면, 지우는, 깔고). */
const VERB_ENDINGS = new Set([
  "려면", "으려면", "려고", "으려고", "는", "는데", "는지", "기", "기가", "기를", "기는", "고", "면", "으면", "나요", "세요",
  "으세요", "십시오", "지", "지요", "게", "며", "다", "죠", "나",
]);

export interface SynonymMatch {
  /** Where the matched words start and end among the text's words (`wordsOf`). */
  from: number;
  to: number;
  /** The matched words' own terms, as the tokenizer makes them (what a question asks with). */
  terms: string[];
  /** The other terms of every set the matched term belongs to, in the form to search for (a verb by its stem). */
  alternatives: string[];
  /** The term as the list holds it, without the text's particle, ending or light verb (a verb by its stem). */
  key: string;
}

/** How `find` reads a text's words beyond one particle, ending or light verb (the English rendering's reading). */
export interface FindOptions {
  /**
   * Also a noun behind two particles or the plural and a particle (흑백으로만, 블록들은) or a question ending (빠른가요),
   * and a verb by the stem of a noun in 기 (덮어쓰나요 → 덮어쓰기). Only forms of two syllables or more.
   */
  forms?: boolean;
}

export interface Synonyms {
  /** Number of sets. */
  readonly size: number;
  /** The terms found in a text, longest first where two overlap, left to right, none overlapping. */
  find(text: string, options?: FindOptions): SynonymMatch[];
}

interface Entry {
  /** Key of the whole term (Korean words joined without spaces), or of a verb's stem. */
  key: string;
  verb: boolean;
  /** What is searched for when another term of the set is asked about. */
  searchForm: string;
}

/** Words joined as keys are: Korean words next to each other without a space (spacing does not matter). */
function joinWords(words: readonly string[]): string {
  let key = "";
  for (let i = 0; i < words.length; i++) {
    if (i > 0 && !(HANGUL.test(words[i - 1]!) && HANGUL.test(words[i]!))) key += " ";
    key += words[i];
  }
  return key;
}

function entryOf(term: string): Entry {
  const words = wordsOf(term);
  const last = words[words.length - 1]!;
  if (words.length === 1 && HANGUL.test(last) && last.length >= 2 && last.endsWith("다")) {
    const stem = last.slice(0, -1);
    return { key: stem, verb: true, searchForm: stem };
  }
  return { key: joinWords(words), verb: false, searchForm: term };
}

/** The forms a query's last word may stand for: itself, without a particle, ending or light verb, and singular. */
function nounForms(word: string): string[] {
  const forms = [word];
  if (HANGUL.test(word)) {
    for (let cut = word.length - 1; cut >= 1; cut--) {
      const rest = word.slice(cut);
      if (NOUN_SUFFIXES.has(rest) || LIGHT_VERB.test(rest)) forms.push(word.slice(0, cut));
    }
  } else if (/^[a-z]{3,}s$/.test(word)) {
    forms.push(word.slice(0, -1));
    if (word.endsWith("es")) forms.push(word.slice(0, -2));
  }
  return forms;
}

/**
 * Question endings after an adjective's or a noun's form (빠른가요, 느린지, 무엇인가요), and the copula's after a noun
 * (마일이에요, 얼마예요, 몇 주인가요, 기준이죠).
 */
const QUESTION_ENDINGS = new Set([
  "가요", "까요", "나요", "지요", "죠", "지", "가",
  "이에요", "예요", "이야", "인가요", "일까요", "이죠", "입니다", "입니까", "인지",
]);
/** What two of may follow a noun inside one word when the forms are read: particles, endings, the plural. */
const STACKED_PIECES = new Set([...NOUN_SUFFIXES, ...QUESTION_ENDINGS]);

/** The further forms of a query's last word (`FindOptions.forms`), longest first, none shorter than two syllables. */
function stackedForms(word: string): string[] {
  if (!HANGUL.test(word)) return [];
  const forms: string[] = [];
  for (let cut = word.length - 2; cut >= 2; cut--) {
    const rest = word.slice(cut);
    let stacked = QUESTION_ENDINGS.has(rest);
    for (let split = 1; split < rest.length && !stacked; split++) {
      stacked = STACKED_PIECES.has(rest.slice(0, split)) && STACKED_PIECES.has(rest.slice(split));
    }
    if (stacked) forms.push(word.slice(0, cut));
  }
  return forms;
}

function verbStems(word: string): string[] {
  if (!HANGUL.test(word)) return [];
  const stems: string[] = [];
  for (let cut = word.length - 1; cut >= 1; cut--) if (VERB_ENDINGS.has(word.slice(cut))) stems.push(word.slice(0, cut));
  return stems;
}

/** What may follow a verb's 아/어 form (바꿔요, 내려받아도, 없애야) and its past tense in 았/었 (까먹었으면, 껐는데). */
const INFINITIVE_TAILS = new Set(["요", "도", "야", "서", "도요", "야지", "야죠", "서요"]);
const PAST_TAILS = new Set(["", "어", "어요", "어서", "으면", "는데", "는지", "나요", "다", "습니다", "지만", "고"]);
/** The vowel a stem's last syllable had before it fused with 어/아 (ㅝ ← ㅜ: 바꿔 ← 바꾸; ㅕ ← ㅣ: 잠겨 ← 잠기). */
const FUSED_VOWELS = new Map<number, number[]>([
  [14, [13]], // ㅝ ← ㅜ
  [6, [20]], // ㅕ ← ㅣ
  [9, [8]], // ㅘ ← ㅗ
  [10, [11]], // ㅙ ← ㅚ (돼 ← 되)
  [1, [1]], // ㅐ stays (없애 ← 없애)
  [5, [5]], // ㅔ stays
  [4, [18]], // ㅓ ← ㅡ (꺼 ← 끄)
  [0, [18]], // ㅏ ← ㅡ (잠가 ← 잠그)
]);
const SYLLABLE_BASE = 0xac00;
const FINAL_SS = 20;

/**
 * The stems a verb's 아/어 forms stand for (`FindOptions.forms`): the stem before a syllable 아/어/았/었
 * (내려받아도 → 내려받, 까먹었으면 → 까먹) and the stem fused with it (잠겨요 → 잠기, 바꿔야 → 바꾸, 껐는데 → 끄).
 * Something must follow a fused syllable unless it is past, so a noun's last syllable (사과) is not read as one.
 */
function infinitiveStems(word: string): string[] {
  if (!HANGUL.test(word)) return [];
  const stems: string[] = [];
  for (let cut = word.length - 1; cut >= 0; cut--) {
    const code = word.charCodeAt(cut) - SYLLABLE_BASE;
    const final = code % 28;
    const past = final === FINAL_SS;
    if (final !== 0 && !past) continue;
    const tail = word.slice(cut + 1);
    if (!(past ? PAST_TAILS : INFINITIVE_TAILS).has(tail)) continue;
    const initial = Math.floor(code / 588);
    const medial = Math.floor((code % 588) / 28);
    // A syllable of its own: 아, 어, 았, 었 (ㅇ with ㅏ or ㅓ).
    if (initial === 11 && (medial === 0 || medial === 4) && cut >= 1) stems.push(word.slice(0, cut));
    for (const vowel of FUSED_VOWELS.get(medial) ?? []) {
      stems.push(word.slice(0, cut) + String.fromCharCode(SYLLABLE_BASE + initial * 588 + vowel * 28));
    }
  }
  return stems;
}

/** What may follow a verb's adnominal ㄹ/ㄴ syllable inside one word (지울까요, 바꿀게요); most often nothing (지울 수). */
const ADNOMINAL_TAILS = new Set(["", "까", "까요", "게", "게요", "지", "지요"]);
const FINAL_N = 4;
const FINAL_L = 8;

/**
 * The stems a verb's adnominal forms stand for (`FindOptions.forms`): the last syllable without its final ㄹ or ㄴ
 * (지울 수 → 지우, 바꿀 때 → 바꾸, 지운 → 지우), and a stem ending in ㄹ itself (만들 수 → 만들, 만든 → 만들). Only looked
 * up among the verbs, so a noun ending in ㄴ or ㄹ (메일, 파일) is not read as one unless the list has such a verb.
 */
function adnominalStems(word: string): string[] {
  if (!HANGUL.test(word)) return [];
  const stems: string[] = [];
  for (let cut = word.length - 1; cut >= 0; cut--) {
    if (!ADNOMINAL_TAILS.has(word.slice(cut + 1))) continue;
    const code = word.charCodeAt(cut) - SYLLABLE_BASE;
    const final = code % 28;
    if (final !== FINAL_N && final !== FINAL_L) continue;
    const open = word.slice(0, cut) + String.fromCharCode(SYLLABLE_BASE + code - final);
    stems.push(open, word.slice(0, cut) + String.fromCharCode(SYLLABLE_BASE + code - final + FINAL_L));
  }
  return [...new Set(stems)];
}

/** Sets of normalised terms, checked as `parseSynonyms` checks them. */
export function createSynonyms(sets: ReadonlyArray<readonly string[]>): Synonyms {
  const entries = sets.map((set) => set.map(entryOf));
  const nouns = new Map<string, number[]>();
  const verbs = new Map<string, number[]>();
  entries.forEach((set, index) => {
    for (const entry of set) {
      const table = entry.verb ? verbs : nouns;
      const known = table.get(entry.key);
      if (known === undefined) table.set(entry.key, [index]);
      else if (!known.includes(index)) known.push(index);
    }
  });

  // Nouns in 기 by their stem (덮어쓰기 → 덮어쓰), read as verbs when the forms are read; built on first use.
  let gerunds: Map<string, { key: string; sets: number[] }> | null = null;
  const gerundsOf = () => {
    if (gerunds !== null) return gerunds;
    gerunds = new Map();
    for (const [key, sets] of nouns) if (key.length >= 3 && key.endsWith("기") && HANGUL.test(key)) gerunds.set(key.slice(0, -1), { key, sets });
    return gerunds;
  };

  const alternativesOf = (key: string, indexes: readonly number[]): string[] => {
    // One form per key: "비밀 번호" is "비밀번호" spaced otherwise.
    const found = new Map<string, string>();
    for (const index of indexes) {
      for (const entry of entries[index]!) if (entry.key !== key && !found.has(entry.key)) found.set(entry.key, entry.searchForm);
    }
    return [...found.values()];
  };

  return {
    size: sets.length,
    find(text, options = {}) {
      const forms = options.forms === true;
      const words = wordsOf(text);
      const matches: SynonymMatch[] = [];
      let i = 0;
      while (i < words.length) {
        let matched: Omit<SynonymMatch, "terms"> | null = null;
        // Korean terms written with spaces may be one word in the text and several words the other way round, so
        // spans are tried by word count, longest first.
        for (let n = Math.min(MAX_SPAN_WORDS, words.length - i); n >= 1 && matched === null; n--) {
          const head = words.slice(i, i + n - 1);
          const last = words[i + n - 1]!;
          const seen = nounForms(last);
          for (const form of forms ? [...seen, ...stackedForms(last).filter((form) => !seen.includes(form))] : seen) {
            const key = joinWords([...head, form]);
            const sets = nouns.get(key);
            if (sets !== undefined) {
              matched = { from: i, to: i + n, alternatives: alternativesOf(key, sets), key };
              break;
            }
          }
          // A verb's stems: as conjugated, then (with forms) its 아/어 forms' stems, tried as verbs and then as gerunds.
          const stems: string[] = matched === null && n === 1 ? [...verbStems(last), ...(forms ? [...infinitiveStems(last), ...adnominalStems(last)] : [])] : [];
          for (const stem of stems) {
            const sets = verbs.get(stem);
            if (sets !== undefined) {
              matched = { from: i, to: i + 1, alternatives: alternativesOf(stem, sets), key: stem };
              break;
            }
          }
          if (matched === null && forms) {
            for (const stem of stems) {
              const gerund = stem.length >= 2 ? gerundsOf().get(stem) : undefined;
              if (gerund !== undefined) {
                matched = { from: i, to: i + 1, alternatives: alternativesOf(gerund.key, gerund.sets), key: gerund.key };
                break;
              }
            }
          }
        }
        if (matched !== null && matched.alternatives.length > 0) {
          matches.push({ ...matched, terms: tokenize(words.slice(matched.from, matched.to).join(" ")) });
          i = matched.to;
        } else {
          i++;
        }
      }
      return matches;
    },
  };
}

/** Normalised as the tokenizer reads text, with runs of white space made one space. */
function normaliseTerm(term: string): string {
  return term.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/**
 * Sets of terms from the synonym format. `source` names the file in errors; every bad line is reported with its
 * number (the first ten listed), in one ConfigError under JIKJI_SYNONYMS.
 */
export function parseSynonyms(text: string, source: string): string[][] {
  const sets: string[][] = [];
  const problems: string[] = [];
  let bad = 0;
  const problem = (line: number, message: string) => {
    bad++;
    if (problems.length < MAX_PROBLEMS) problems.push(`JIKJI_SYNONYMS: ${source} line ${line}: ${message}`);
  };
  const lines = text.replace(/^\uFEFF/u, "").split(/\r?\n/u);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const terms = line.split(",").map(normaliseTerm);
    if (terms.some((term) => term === "")) return problem(i + 1, "an empty term (two commas in a row, or one at an end)");
    const tooLong = terms.find((term) => term.length > MAX_TERM_CHARACTERS);
    if (tooLong !== undefined) return problem(i + 1, `"${tooLong.slice(0, 20)}…" is longer than ${MAX_TERM_CHARACTERS} characters`);
    const wordless = terms.find((term) => tokenize(term).length === 0);
    if (wordless !== undefined) return problem(i + 1, `"${wordless}" has no letters or digits to search for`);
    const wordy = terms.find((term) => wordsOf(term).length > MAX_TERM_WORDS);
    if (wordy !== undefined) return problem(i + 1, `"${wordy}" has more than ${MAX_TERM_WORDS} words`);
    const distinct = [...new Set(terms)];
    if (distinct.length < 2) return problem(i + 1, "a set needs at least two different terms, separated by commas");
    if (distinct.length > MAX_TERMS_PER_SET) return problem(i + 1, `more than ${MAX_TERMS_PER_SET} terms in one set`);
    sets.push(distinct);
  });
  if (sets.length > MAX_SYNONYM_SETS) problems.push(`JIKJI_SYNONYMS: ${source} holds ${sets.length} sets, more than ${MAX_SYNONYM_SETS}`);
  if (bad > problems.length) problems.push(`JIKJI_SYNONYMS: ${source}: ${bad - MAX_PROBLEMS} more bad lines`);
  if (problems.length > 0) throw new ConfigError(problems);
  return sets;
}

const BUILTIN_FILE = new URL("./synonyms.txt", import.meta.url);
let builtin: string[][] | undefined;

/** The built-in list, read once per process. */
export function builtinSynonymSets(): string[][] {
  builtin ??= parseSynonyms(readFileSync(BUILTIN_FILE, "utf8"), "the built-in list (src/retrieve/synonyms.txt)");
  return builtin;
}

export interface SynonymConfig {
  /** The operator's file (JIKJI_SYNONYMS), or null. */
  file: string | null;
  /** Whether the built-in list is used (JIKJI_SYNONYMS_BUILTIN, default false); with a file, the two are merged. */
  builtin: boolean;
  /** Weight of a synonym's terms on the lexical leg against the question's own (0: not expanded). */
  searchWeight: number;
  /**
   * Weight of the synonym leg (`synonymLegQuery`): a second lexical search with the question's synonym-bearing words
   * replaced by their synonyms, fused with the first by the larger score (0: not run).
   */
  legWeight?: number;
  /** Weight of a synonym in the extractive answer against the question's own word (0: not used). */
  answerWeight: number;
  /** Weight of the built-in reranker's synonym feature (0: not used; other rerankers ignore the list). */
  rerankWeight: number;
  /**
   * How much a synonym a chunk holds counts as the question's own word in the built-in reranker's coverage and
   * proximity (rerank/builtin.ts `synonymCredit`; 0: not at all).
   */
  rerankCredit?: number;
  /**
   * Whether the built-in reranker's synonym feature counts only synonyms in the question word's own script
   * (JIKJI_SYNONYM_RERANK_SCRIPT; rerank/builtin.ts `synonymScript`; default false: every synonym).
   */
  rerankOwnScript?: boolean;
}

/**
 * The synonyms configuration asks for; null when no list is in use. The operator's file is read and checked now
 * (start-up), even when no use is switched on, so a broken one is found at once; the built-in list is read on first
 * use, so commands that never search do not pay its ~10 ms.
 */
export function loadSynonyms(config: SynonymConfig): Synonyms | null {
  const used =
    config.searchWeight > 0 || config.answerWeight > 0 || config.rerankWeight > 0 || (config.legWeight ?? 0) > 0 || (config.rerankCredit ?? 0) > 0;
  const own = config.file === null ? [] : readSynonymFile(config.file);
  if (!(config.builtin && used)) return own.length === 0 ? null : createSynonyms(own);
  let built: Synonyms | undefined;
  const synonyms = () => (built ??= createSynonyms([...builtinSynonymSets(), ...own]));
  return {
    get size() {
      return synonyms().size;
    },
    find: (text, options) => synonyms().find(text, options),
  };
}

function readSynonymFile(file: string): string[][] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ConfigError([`JIKJI_SYNONYMS: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  if (bytes.length > MAX_SYNONYM_FILE_BYTES) {
    throw new ConfigError([`JIKJI_SYNONYMS: ${file} is ${bytes.length} bytes, more than ${MAX_SYNONYM_FILE_BYTES}`]);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError([`JIKJI_SYNONYMS: ${file} is not UTF-8 text`]);
  }
  return parseSynonyms(text, file);
}

/**
 * The lexical leg's extra terms for a query: the terms of each synonym of a query word, at `weight`, leaving out
 * terms the query already holds (so a shared bigram, 환경설정 / 설정, does not count twice).
 */
export function synonymExpansion(synonyms: Synonyms, query: string, weight: number): WeightedTerm[] {
  if (weight <= 0) return [];
  const own = new Set(queryTerms(query));
  const extra = new Map<string, number>();
  for (const match of synonyms.find(query)) {
    for (const alternative of match.alternatives) {
      // Without question and function words: "log in" must not search for every "in".
      for (const term of queryTerms(alternative)) if (!own.has(term)) extra.set(term, weight);
    }
  }
  return [...extra].map(([term, w]) => ({ term, weight: w }));
}

const HANGUL_TEXT = /\p{Script=Hangul}/u;

/** Bounds on the synonym leg's query: a question with many synonym-bearing words costs at most this many terms. */
export const MAX_LEG_ALTERNATIVES = 6;
export const MAX_LEG_TERMS = 64;

/** The synonym leg's query: the terms searched as they are, and the synonyms' terms at their weights. */
export interface SynonymLegQuery {
  terms: string[];
  expansion: WeightedTerm[];
}

/**
 * The synonym leg's query for a question (the first stage's bridge for a paraphrase: a page that says 중도상환수수료
 * where the question says 위약금 holds none of the question's word, so the first leg never makes it a candidate).
 * The question with each synonym-bearing word replaced by its synonyms: the other words' terms as they are, and each
 * synonym's terms at a weight that makes the synonym count no more than the word it replaces — a word of two terms
 * replaced by a synonym of six counts each of the six at 2/6 — so a long synonym does not outweigh the rest of the
 * question. At most MAX_LEG_ALTERNATIVES synonyms per word and MAX_LEG_TERMS terms in all, so a question full of listed
 * words does not make a search of hundreds of terms. When every word of the question has synonyms, its own terms are
 * kept as the terms searched (the index needs some), which makes the leg the question plus its weighted synonyms.
 * Null when no word of the question has a synonym.
 */
export function synonymLegQuery(synonyms: Synonyms, query: string): SynonymLegQuery | null {
  const asked = queryTerms(query);
  const replaced = new Set<string>();
  const extra = new Map<string, number>();
  let budget = MAX_LEG_TERMS;
  for (const match of synonyms.find(query)) {
    // The word's own terms the question searches for (a function word inside a term, "log in", is not searched).
    const own = [...new Set(match.terms.filter((term) => asked.includes(term)))];
    const size = new Set(queryTerms(match.key)).size;
    if (own.length === 0 || size === 0) continue;
    let added = false;
    // An English word only by synonyms without Hangul: its Korean synonyms (print → 인쇄, file → 파일) sent English
    // questions to Korean pages (rankaudit16's tune losses); a Korean word keeps its English ones (the loanword bridge).
    const english = !HANGUL_TEXT.test(match.key);
    const alternatives = english ? match.alternatives.filter((alternative) => !HANGUL_TEXT.test(alternative)) : match.alternatives;
    for (const alternative of alternatives.slice(0, MAX_LEG_ALTERNATIVES)) {
      const terms = [...new Set(queryTerms(alternative))].filter((term) => !own.includes(term));
      if (terms.length === 0 || terms.length > budget) continue;
      const weight = Math.min(1, size / terms.length);
      for (const term of terms) extra.set(term, Math.max(weight, extra.get(term) ?? 0));
      budget -= terms.length;
      added = true;
    }
    if (added) for (const term of own) replaced.add(term);
  }
  if (extra.size === 0) return null;
  const kept = asked.filter((term) => !replaced.has(term));
  const terms = kept.length > 0 ? kept : asked;
  const searched = new Set(terms);
  const expansion = [...extra].filter(([term]) => !searched.has(term)).map(([term, weight]) => ({ term, weight }));
  return expansion.length === 0 ? null : { terms, expansion };
}

/** Expansions of several sources as one: a term two sources add counts once, at the larger weight. */
export function mergeExpansions(...expansions: ReadonlyArray<readonly WeightedTerm[]>): WeightedTerm[] {
  const merged = new Map<string, number>();
  for (const expansion of expansions) {
    for (const { term, weight } of expansion) merged.set(term, Math.max(weight, merged.get(term) ?? 0));
  }
  return [...merged].map(([term, weight]) => ({ term, weight }));
}

type Related = (term: string) => ReadonlyArray<{ term: string; weight: number }>;

/** `related` hooks of several sources as one (null when none has anything for the question). */
export function mergeRelated(...hooks: ReadonlyArray<Related | null>): Related | null {
  const present = hooks.filter((hook): hook is Related => hook !== null);
  if (present.length <= 1) return present[0] ?? null;
  return (term) => present.flatMap((hook) => hook(term));
}

/**
 * The extractive answer's `related` hook for one question: each term of a question word that has synonyms is
 * related to those synonyms (whole terms: the answer counts one only where a sentence holds all its terms) at
 * `weight`, which the answer scales by its `relatedWeight`.
 */
export function synonymRelated(
  synonyms: Synonyms,
  question: string,
  weight: number,
): ((term: string) => ReadonlyArray<{ term: string; weight: number }>) | null {
  const related = new Map<string, Array<{ term: string; weight: number }>>();
  for (const match of synonyms.find(question)) {
    const alternatives = match.alternatives.map((term) => ({ term, weight }));
    for (const term of new Set(match.terms)) {
      related.set(term, [...(related.get(term) ?? []), ...alternatives]);
    }
  }
  return related.size === 0 ? null : (term) => related.get(term) ?? [];
}
