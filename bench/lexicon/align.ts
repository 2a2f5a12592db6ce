/**
 * Term alignment over short English/Korean UI strings (gettext msgid/msgstr pairs), for bench/build-lexicon.ts.
 *
 * 1. `cleanMessage` strips what is not wording: accelerators (`_File`, `~Save`, `&Open`, Korean "저장(_S)"), markup,
 *    entities, printf/Qt/LibreOffice placeholders (%s, %1$d, %1, $(ARG1), %PRODUCTNAME, {0}).
 * 2. `unitsOf` turns a pair into units: English content words (lower-cased, function words dropped as queries drop
 *    them, a plural folded to its singular when the singular is seen), Korean words without a particle, ending or
 *    light verb (암호를 → 암호, 저장하기 → 저장) when the bare form is itself a word of the corpus (so 매크로 is not
 *    cut to 매크: that is not a word), and only those that can be terms (`isKoreanTerm`). Only pairs of 1-4 words a
 *    side are kept: UI labels that short translate almost word for word.
 * 3. `align` learns word translations by competitive linking (Melamed 2000): Dice association over the pairs, then in
 *    each pair the best-associated English and Korean units are linked one to one, greedily, and links are counted.
 *    A translation's weight is the Dice coefficient of its links, 2·links / (pairs with e + pairs with k).
 * 4. `pivot` derives Korean paraphrases through English (Bannard & Callison-Burch 2005):
 *    p(k2 | k1) = Σ_e p(e | k1) · p(k2 | e) over link counts, kept symmetric as the geometric mean of both ways.
 * Every order is fixed (ties broken by the strings), so the same catalogues give the same lexicon byte for byte.
 */
import { isQuestionWord, wordsOf } from "../../src/retrieve/tokenize.ts";
import { ENDINGS, PARTICLES } from "../../src/retrieve/tokenize.ts";

const HANGUL = /^\p{Script=Hangul}+$/u;
const LATIN = /^[a-z]+$/u;
export const MAX_WORDS = 4;

/** A message's wording: no accelerators, markup or placeholders; white space collapsed. */
export function cleanMessage(text: string): string {
  return text
    .replace(/\(\s*[_~&][\p{L}\p{N}]\s*\)/gu, " ") // 저장(_S), 열기(~O)
    .replace(/<[^>]{0,200}>/gu, " ")
    .replace(/&(?:amp|lt|gt|quot|apos|nbsp|#\d+);/gu, " ")
    .replace(/%\d+\$[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]{1,3}/gu, " ")
    .replace(/%[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t|I64)?[diouxXeEfFgGaAcspn%]/gu, " ")
    .replace(/%[A-Z][A-Z0-9_]*%?|%\d+|\$\([A-Za-z0-9_]+\)|\$[A-Z0-9_]+\$?|\{[^{}]{0,40}\}/gu, " ")
    .replace(/[_~&](?=[\p{L}\p{N}])/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

export interface Pair {
  english: string[];
  korean: string[];
}

const NOUN_SUFFIXES = [...new Set([...PARTICLES, ...ENDINGS])];
const LIGHT_VERB = /^(?:하|한|할|함|합|해|했|되|된|될|됨|됩|돼|됐|시키|시켜|시킨)/u;

/**
 * Whether a Korean unit can be a term: two syllables at least (a single syllable, 수 of "할 수 없습니다", 한, 내, is
 * a grammatical word or too ambiguous to match) and not a sentence's inflected predicate (만듭니다, 있습니까, 하세요).
 */
export function isKoreanTerm(word: string): boolean {
  return word.length >= 2 && !/(?:니다|니까|세요|어요|아요|해요|워요|습|겠)$/u.test(word);
}

/** Korean stems a word may stand for, longest first (2 syllables at least). */
function koreanStems(word: string): string[] {
  const stems: string[] = [];
  for (let cut = word.length - 1; cut >= 2; cut--) {
    const rest = word.slice(cut);
    if (NOUN_SUFFIXES.includes(rest) || LIGHT_VERB.test(rest)) stems.push(word.slice(0, cut));
  }
  return stems;
}

/**
 * The units of short message pairs: English content words and Korean stems. `messages` are cleaned pairs
 * [english, korean]; pairs with 0 or more than MAX_WORDS words on a side, or no Hangul, are left out.
 */
export function unitsOf(messages: ReadonlyArray<readonly [string, string]>): Pair[] {
  const raw: Array<[string[], string[]]> = [];
  for (const [english, korean] of messages) {
    const en = wordsOf(english);
    const ko = wordsOf(korean);
    if (en.length === 0 || en.length > MAX_WORDS || ko.length === 0 || ko.length > MAX_WORDS) continue;
    if (!en.every((w) => LATIN.test(w))) continue;
    const hangul = ko.filter((w) => HANGUL.test(w));
    if (hangul.length === 0) continue;
    raw.push([en, hangul]);
  }
  // Corpus word counts decide plurals and stems.
  const englishCount = new Map<string, number>();
  const koreanCount = new Map<string, number>();
  for (const [en, ko] of raw) {
    for (const w of en) englishCount.set(w, (englishCount.get(w) ?? 0) + 1);
    for (const w of ko) koreanCount.set(w, (koreanCount.get(w) ?? 0) + 1);
  }
  const singular = (w: string): string => {
    if (w.length > 4 && w.endsWith("ies") && englishCount.has(`${w.slice(0, -3)}y`)) return `${w.slice(0, -3)}y`;
    if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && englishCount.has(w.slice(0, -1))) return w.slice(0, -1);
    if (w.length > 4 && w.endsWith("es") && englishCount.has(w.slice(0, -2))) return w.slice(0, -2);
    return w;
  };
  const stem = (w: string): string => {
    for (const s of koreanStems(w)) if (koreanCount.has(s)) return s;
    return w;
  };
  const pairs: Pair[] = [];
  for (const [en, ko] of raw) {
    const english = [...new Set(en.filter((w) => w.length > 1 && !isQuestionWord(w)).map(singular))];
    const korean = [...new Set(ko.filter((w) => !isQuestionWord(w)).map(stem).filter(isKoreanTerm))];
    if (english.length > 0 && korean.length > 0) pairs.push({ english, korean });
  }
  return pairs;
}

export interface Translation {
  english: string;
  korean: string;
  /** Pairs where the two were linked. */
  links: number;
  /** Pairs holding the English unit, and the Korean. */
  englishPairs: number;
  koreanPairs: number;
  /** Dice coefficient of the links: 2·links / (englishPairs + koreanPairs). */
  weight: number;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Word translations by competitive linking over the pairs, every one with at least `minLinks` links. */
export function align(pairs: readonly Pair[], minLinks = 2): Translation[] {
  const englishPairs = new Map<string, number>();
  const koreanPairs = new Map<string, number>();
  const joint = new Map<string, number>();
  const key = (e: string, k: string) => `${e}\t${k}`;
  for (const { english, korean } of pairs) {
    for (const e of english) englishPairs.set(e, (englishPairs.get(e) ?? 0) + 1);
    for (const k of korean) koreanPairs.set(k, (koreanPairs.get(k) ?? 0) + 1);
    for (const e of english) for (const k of korean) joint.set(key(e, k), (joint.get(key(e, k)) ?? 0) + 1);
  }
  const dice = (e: string, k: string) => (2 * joint.get(key(e, k))!) / (englishPairs.get(e)! + koreanPairs.get(k)!);

  const links = new Map<string, number>();
  for (const { english, korean } of pairs) {
    const candidates: Array<{ e: string; k: string; score: number }> = [];
    for (const e of english) for (const k of korean) candidates.push({ e, k, score: dice(e, k) });
    candidates.sort((a, b) => b.score - a.score || compare(a.e, b.e) || compare(a.k, b.k));
    const usedE = new Set<string>();
    const usedK = new Set<string>();
    for (const { e, k } of candidates) {
      if (usedE.has(e) || usedK.has(k)) continue;
      usedE.add(e);
      usedK.add(k);
      links.set(key(e, k), (links.get(key(e, k)) ?? 0) + 1);
    }
  }
  const translations: Translation[] = [];
  for (const [pair, count] of links) {
    if (count < minLinks) continue;
    const [english, korean] = pair.split("\t") as [string, string];
    const ep = englishPairs.get(english)!;
    const kp = koreanPairs.get(korean)!;
    translations.push({ english, korean, links: count, englishPairs: ep, koreanPairs: kp, weight: (2 * count) / (ep + kp) });
  }
  return translations.sort((a, b) => b.weight - a.weight || compare(a.english, b.english) || compare(a.korean, b.korean));
}

export interface Paraphrase {
  /** The two Korean terms, in code-point order. */
  a: string;
  b: string;
  /** sqrt(p(b | a) · p(a | b)) through the English pivots. */
  weight: number;
  /** The English words they share, most probable first. */
  pivots: string[];
}

/** Korean paraphrases through shared English translations, each of weight ≥ `minWeight`. */
export function pivot(translations: readonly Translation[], minWeight: number): Paraphrase[] {
  const byEnglish = new Map<string, Translation[]>();
  const byKorean = new Map<string, Translation[]>();
  for (const t of translations) {
    byEnglish.set(t.english, [...(byEnglish.get(t.english) ?? []), t]);
    byKorean.set(t.korean, [...(byKorean.get(t.korean) ?? []), t]);
  }
  const total = (list: readonly Translation[]) => list.reduce((sum, t) => sum + t.links, 0);
  /** p(k2 | k1) for every k2 reached, with the pivots' contributions. */
  const reach = (k1: string): Map<string, Map<string, number>> => {
    const from = byKorean.get(k1)!;
    const out = new Map<string, Map<string, number>>();
    const n1 = total(from);
    for (const t of from) {
      const siblings = byEnglish.get(t.english)!;
      const n2 = total(siblings);
      for (const s of siblings) {
        if (s.korean === k1) continue;
        const p = (t.links / n1) * (s.links / n2);
        const via = out.get(s.korean) ?? new Map<string, number>();
        via.set(t.english, p);
        out.set(s.korean, via);
      }
    }
    return out;
  };
  const sum = (via: Map<string, number>) => [...via.values()].reduce((a, b) => a + b, 0);
  const reached = new Map<string, Map<string, Map<string, number>>>();
  for (const k of [...byKorean.keys()].sort(compare)) reached.set(k, reach(k));
  const paraphrases: Paraphrase[] = [];
  for (const [a, targets] of reached) {
    for (const [b, via] of targets) {
      // 순위 / 우선순위, 발생 / 발생했습니다: one inside the other already shares its terms.
      if (!(a < b) || a.includes(b) || b.includes(a)) continue;
      const back = reached.get(b)!.get(a)!;
      const weight = Math.sqrt(sum(via) * sum(back));
      if (weight < minWeight) continue;
      const pivots = [...via].sort((x, y) => y[1] - x[1] || compare(x[0], y[0])).map(([e]) => e);
      paraphrases.push({ a, b, weight, pivots });
    }
  }
  return paraphrases.sort((x, y) => y.weight - x.weight || compare(x.a, y.a) || compare(x.b, y.b));
}
