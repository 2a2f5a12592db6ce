/**
 * Term associations learned from the indexed documents themselves, with no model: which words of the collection
 * stand for one another, so that a question can reach a page that says the same thing in other words. Learned
 * over words (`wordUnits`: a Hangul word without its particle and ending, or a lower-cased other word), applied as a
 * low-weight query expansion: each query word brings the terms of a few associated words, each at a fraction of a
 * query term's weight (BM25 still multiplies it by the added term's own IDF).
 *
 * Three sources, measured one at a time (BENCHMARKS.md, issue 8 term associations):
 * - `alias`: aliases written in the text, "메모리(RAM)", "분철(하이프네이션)", "CUPS (Common UNIX Printing System)";
 * - `heading`: a section heading's words against its body's words, over all sections (a translation model in the
 *   manner of Berger & Lafferty: which body words a heading word predicts), scored by the log-likelihood ratio;
 * - `cooccurrence`: words that occur in the same chunks more often than chance (log-likelihood ratio, G²).
 * Every source prunes hard: words in more than a small share of the chunks are never related, a pair needs
 * repeated evidence (but for written aliases) and each word keeps only its few strongest partners.
 */
import { isFunctionWord, queryUnits, wordUnits, type WordUnit } from "./tokenize.ts";

export type AssociationSource = "alias" | "heading" | "cooccurrence" | "context";
export type AliasRule = "cross-script" | "one-word" | "any";
export const ASSOCIATION_SOURCES: readonly AssociationSource[] = ["alias", "heading", "cooccurrence", "context"];

/** A chunk as learning sees it. */
export interface LearningChunk {
  documentId: string;
  text: string;
  /** Section path, outermost first. */
  headingPath: readonly string[];
}

export interface Association {
  /** The related word's key. */
  key: string;
  /** In (0, 1]: how much of the expansion weight the related word gets. */
  strength: number;
}

export interface LearnOptions {
  source: AssociationSource;
  /** Partners kept per word, strongest first. */
  perWord?: number;
  /** A word in more than this share of the chunks is too common to relate (default 0.05). */
  maxDocumentShare?: number;
  /** Least number of chunks (co-occurrence) or sections (heading) a pair must share (default 3 / 2). */
  minPairCount?: number;
  /** Least log-likelihood ratio G² for a pair (default 10.83: p < 0.001 for one degree of freedom). */
  minG2?: number;
  /** Context similarity: words either side counted as a word's context (default 3). */
  contextWindow?: number;
  /** Context similarity: least cosine between two words' context vectors (default 0.2). */
  minSimilarity?: number;
  /** Co-occurrence counted within chunks (default) or within sentences. */
  cooccurrenceWindow?: "chunk" | "sentence";
  /**
   * Which parentheses count as aliases: across scripts and acronyms only (default), also one-word parentheses in
   * the same script, or any parenthesis of one to three words.
   */
  aliases?: AliasRule;
}

export const DEFAULT_PER_WORD = 3;
const DEFAULT_MAX_DOCUMENT_SHARE = 0.05;
const DEFAULT_MIN_G2 = 10.83;
/** Where a sentence ends, for sentence-level co-occurrence: a full stop, question or exclamation mark, or a line. */
const SENTENCE_BREAK = /(?<=[.!?。])\s+|\n+/u;

export interface AssociationsSnapshot {
  source: AssociationSource;
  /** Related keys per key: [key, [[related, strength], …]]. */
  related: Array<[string, Array<[string, number]>]>;
  /** The terms of every related key (a Hangul key alone cannot tell which of its syllables were a particle). */
  terms: Array<[string, string[]]>;
}

/** What the collection taught: each word's few related words, and the terms each related word is indexed under. */
export class TermAssociations {
  readonly source: AssociationSource;
  readonly #related: Map<string, Association[]>;
  readonly #terms: Map<string, string[]>;

  constructor(source: AssociationSource, related: Map<string, Association[]>, terms: Map<string, string[]>) {
    this.source = source;
    this.#related = related;
    this.#terms = terms;
  }

  /** Words with at least one partner. */
  get size(): number {
    return this.#related.size;
  }

  related(key: string): readonly Association[] {
    return this.#related.get(key) ?? [];
  }

  termsOf(key: string): readonly string[] {
    return this.#terms.get(key) ?? [];
  }

  toSnapshot(): AssociationsSnapshot {
    return {
      source: this.source,
      related: [...this.#related].map(([key, list]) => [key, list.map((item) => [item.key, item.strength])]),
      terms: [...this.#terms],
    };
  }

  static fromSnapshot(snapshot: AssociationsSnapshot): TermAssociations {
    return new TermAssociations(
      snapshot.source,
      new Map(snapshot.related.map(([key, list]) => [key, list.map(([related, strength]) => ({ key: related, strength }))])),
      new Map(snapshot.terms),
    );
  }
}

/** A word worth relating: not a function word, not a number, not a single letter or syllable. */
function relatable(unit: WordUnit): boolean {
  if (unit.terms.length === 0 || unit.key.length < 2) return false;
  if (/^[\p{N}.,'’]+$/u.test(unit.key)) return false;
  return !isFunctionWord(unit.key);
}

/** Distinct relatable units of a text, by key. */
function unitsOf(text: string): Map<string, WordUnit> {
  const out = new Map<string, WordUnit>();
  for (const unit of wordUnits(text)) if (relatable(unit) && !out.has(unit.key)) out.set(unit.key, unit);
  return out;
}

/** The log-likelihood ratio of a 2×2 table: pair count k11, row total n1, column total m1, grand total n. */
export function logLikelihoodRatio(k11: number, n1: number, m1: number, n: number): number {
  const k12 = n1 - k11;
  const k21 = m1 - k11;
  const k22 = n - n1 - m1 + k11;
  if (k12 < 0 || k21 < 0 || k22 < 0) return 0;
  const term = (k: number, expected: number) => (k > 0 && expected > 0 ? k * Math.log(k / expected) : 0);
  const r2 = n - n1;
  const m2 = n - m1;
  const g2 = 2 * (term(k11, (n1 * m1) / n) + term(k12, (n1 * m2) / n) + term(k21, (r2 * m1) / n) + term(k22, (r2 * m2) / n));
  // Only attraction counts: a pair seen less often than chance is not an association.
  return k11 * n > n1 * m1 ? g2 : 0;
}

/** Keeps each key's `perWord` strongest partners, strength = score / the key's best score. */
function strongest(scores: Map<string, Map<string, number>>, perWord: number): Map<string, Association[]> {
  const out = new Map<string, Association[]>();
  for (const [key, partners] of scores) {
    const ranked = [...partners].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, perWord);
    const best = ranked[0]?.[1] ?? 0;
    if (best <= 0) continue;
    out.set(key, ranked.map(([related, score]) => ({ key: related, strength: score / best })));
  }
  return out;
}

function addScore(scores: Map<string, Map<string, number>>, a: string, b: string, score: number): void {
  let partners = scores.get(a);
  if (!partners) scores.set(a, (partners = new Map()));
  partners.set(b, Math.max(partners.get(b) ?? 0, score));
}

/**
 * Written aliases: a word followed by a parenthesis holding one to three words and nothing else ("메모리(RAM)",
 * "paper (media)"). Numbers, references ("see Section 4"), code ("(0,0)") and whole clauses do not qualify.
 */
const ALIAS = /([\p{L}][\p{L}\p{M}\p{N}_-]*)[ \t]?\(([\p{L}\p{M}][\p{L}\p{M} \t-]{0,38})\)/gu;
const MAX_ALIAS_WORDS = 3;
const HANGUL = /\p{Script=Hangul}/u;

/** "CUPS" and "Common UNIX Printing System": an upper-case word spelling the other side's initials. */
function isAcronymOf(short: string, long: string): boolean {
  if (!/^\p{Lu}{2,}$/u.test(short)) return false;
  const initials = long.split(/[\s-]+/u).filter(Boolean).map((word) => word[0]!.toUpperCase()).join("");
  return initials === short;
}

/**
 * Whether a word and its parenthesis name the same thing. Across scripts (전처리부(preamble), 메모리(RAM)) a
 * parenthesis is almost always a translation or the original term; within one script it is as often an aside
 * ("bzip2 (hopefully)", "파일(기타 정보 제거)"), so only acronyms count there, unless the rule lets one-word or any
 * same-script parentheses in too.
 */
function namesTheSame(outer: string, inner: string, rule: AliasRule): boolean {
  if (rule === "any" || HANGUL.test(outer) !== HANGUL.test(inner)) return true;
  if (isAcronymOf(outer, inner) || isAcronymOf(inner, outer)) return true;
  return rule === "one-word" && !/\s/u.test(inner.trim());
}

function learnAliases(chunks: readonly LearningChunk[], common: (key: string) => boolean, perWord: number, rule: AliasRule) {
  const seen = new Map<string, Map<string, number>>();
  const terms = new Map<string, string[]>();
  for (const chunk of chunks) {
    for (const match of chunk.text.normalize("NFKC").matchAll(ALIAS)) {
      const outer = wordUnits(match[1]!).at(-1);
      const inner = wordUnits(match[2]!);
      if (!outer || !relatable(outer) || common(outer.key)) continue;
      if (inner.length === 0 || inner.length > MAX_ALIAS_WORDS) continue;
      if (!namesTheSame(match[1]!, match[2]!, rule)) continue;
      const kept = inner.filter((unit) => relatable(unit) && !common(unit.key) && unit.key !== outer.key);
      if (kept.length === 0) continue;
      const share = 1 / kept.length;
      for (const unit of kept) {
        addScore(seen, outer.key, unit.key, share);
        addScore(seen, unit.key, outer.key, share);
        terms.set(unit.key, unit.terms);
      }
      terms.set(outer.key, outer.terms);
    }
  }
  // An alias is written evidence: its strength is its share of the parenthesis, not a ratio to the best partner.
  const related = new Map<string, Association[]>();
  for (const [key, partners] of seen) {
    const ranked = [...partners].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, perWord);
    related.set(key, ranked.map(([partner, strength]) => ({ key: partner, strength })));
  }
  return { related, terms };
}

/**
 * Counts pairs of integer ids over "events" (chunks or sections), each event an (a-ids, b-ids) pair of sets;
 * returns, for every pair counted at least `minPair` times, its G² against the events' marginals.
 */
function pairScores(
  events: ReadonlyArray<{ left: readonly number[]; right: readonly number[] }>,
  vocabulary: number,
  minPair: number,
  minG2: number,
  symmetric: boolean,
): Array<{ a: number; b: number; g2: number }> {
  const leftCount = new Int32Array(vocabulary);
  const rightCount = new Int32Array(vocabulary);
  const pairs = new Map<number, number>();
  for (const { left, right } of events) {
    for (const a of left) leftCount[a]!++;
    for (const b of right) rightCount[b]!++;
    for (const a of left) {
      for (const b of right) {
        if (a === b || (symmetric && a > b)) continue;
        const key = a * vocabulary + b;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const n = events.length;
  const out: Array<{ a: number; b: number; g2: number }> = [];
  for (const [key, count] of pairs) {
    if (count < minPair) continue;
    const a = Math.floor(key / vocabulary);
    const b = key % vocabulary;
    const g2 = logLikelihoodRatio(count, leftCount[a]!, rightCount[b]!, n);
    if (g2 >= minG2) out.push({ a, b, g2 });
  }
  return out;
}

/** Contexts kept per word (its highest PPMI), and words sharing one context beyond which it is skipped. */
const CONTEXTS_PER_WORD = 50;
const MAX_WORDS_PER_CONTEXT = 400;

/**
 * Second-order associations: two words are related when the words around them are alike (PPMI-weighted context
 * vectors, cosine), even if they never occur together, as 각주 and 주석 never do in one chunk of the set.
 */
function learnContexts(
  chunks: readonly LearningChunk[],
  documentFrequency: ReadonlyMap<string, number>,
  common: (key: string) => boolean,
  perWord: number,
  options: LearnOptions,
): { related: Map<string, Association[]>; terms: Map<string, string[]> } {
  const window = options.contextWindow ?? 3;
  const minSimilarity = options.minSimilarity ?? 0.2;
  const terms = new Map<string, string[]>();
  const counts = new Map<string, Map<string, number>>();
  const contextTotals = new Map<string, number>();
  let total = 0;
  for (const chunk of chunks) {
    const units = wordUnits(chunk.text).filter(relatable);
    for (let i = 0; i < units.length; i++) {
      const target = units[i]!;
      if (common(target.key) || (documentFrequency.get(target.key) ?? 0) < 2) continue;
      terms.set(target.key, target.terms);
      let vector = counts.get(target.key);
      if (!vector) counts.set(target.key, (vector = new Map()));
      for (let j = Math.max(0, i - window); j <= Math.min(units.length - 1, i + window); j++) {
        if (j === i) continue;
        const context = units[j]!.key;
        if (context === target.key) continue;
        vector.set(context, (vector.get(context) ?? 0) + 1);
        contextTotals.set(context, (contextTotals.get(context) ?? 0) + 1);
        total++;
      }
    }
  }
  // PPMI vectors, each cut to its strongest contexts and normalised to unit length.
  const targetTotals = new Map<string, number>();
  for (const [key, vector] of counts) {
    let sum = 0;
    for (const count of vector.values()) sum += count;
    targetTotals.set(key, sum);
  }
  const vectors = new Map<string, Array<[string, number]>>();
  for (const [key, vector] of counts) {
    const entries: Array<[string, number]> = [];
    for (const [context, count] of vector) {
      const pmi = Math.log((count * total) / (targetTotals.get(key)! * contextTotals.get(context)!));
      if (pmi > 0 && count >= 2) entries.push([context, pmi]);
    }
    entries.sort((a, b) => b[1] - a[1]);
    const kept = entries.slice(0, CONTEXTS_PER_WORD);
    const norm = Math.sqrt(kept.reduce((sum, [, value]) => sum + value * value, 0));
    if (norm > 0) vectors.set(key, kept.map(([context, value]) => [context, value / norm]));
  }
  const postings = new Map<string, Array<[string, number]>>();
  for (const [key, vector] of vectors) {
    for (const [context, value] of vector) {
      let list = postings.get(context);
      if (!list) postings.set(context, (list = []));
      list.push([key, value]);
    }
  }
  const scores = new Map<string, Map<string, number>>();
  for (const [key, vector] of vectors) {
    const dots = new Map<string, number>();
    for (const [context, value] of vector) {
      const list = postings.get(context)!;
      if (list.length > MAX_WORDS_PER_CONTEXT) continue;
      for (const [other, otherValue] of list) if (other !== key) dots.set(other, (dots.get(other) ?? 0) + value * otherValue);
    }
    for (const [other, cosine] of dots) if (cosine >= minSimilarity) addScore(scores, key, other, cosine);
  }
  const related = new Map<string, Association[]>();
  for (const [key, partners] of scores) {
    const ranked = [...partners].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, perWord);
    related.set(key, ranked.map(([other, cosine]) => ({ key: other, strength: cosine })));
  }
  const kept = new Map<string, string[]>();
  for (const list of related.values()) for (const { key } of list) kept.set(key, terms.get(key)!);
  return { related, terms: kept };
}

/** Learns one source's associations from the collection's chunks. */
export function learnAssociations(chunks: readonly LearningChunk[], options: LearnOptions): TermAssociations {
  const perWord = options.perWord ?? DEFAULT_PER_WORD;
  const maxShare = options.maxDocumentShare ?? DEFAULT_MAX_DOCUMENT_SHARE;
  const minG2 = options.minG2 ?? DEFAULT_MIN_G2;

  const chunkUnits = chunks.map((chunk) => unitsOf(chunk.text));
  const documentFrequency = new Map<string, number>();
  for (const units of chunkUnits) for (const key of units.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  const limit = Math.max(2, maxShare * chunks.length);
  const common = (key: string) => (documentFrequency.get(key) ?? 0) > limit;

  if (options.source === "alias") {
    const { related, terms } = learnAliases(chunks, common, perWord, options.aliases ?? "cross-script");
    return new TermAssociations("alias", related, terms);
  }
  if (options.source === "context") {
    const related = learnContexts(chunks, documentFrequency, common, perWord, options);
    return new TermAssociations("context", related.related, related.terms);
  }

  const ids = new Map<string, number>();
  const keys: string[] = [];
  const terms = new Map<string, string[]>();
  const idOf = (unit: WordUnit): number => {
    let id = ids.get(unit.key);
    if (id === undefined) {
      id = keys.length;
      ids.set(unit.key, id);
      keys.push(unit.key);
      terms.set(unit.key, unit.terms);
    }
    return id;
  };
  const usable = (unit: WordUnit) => !common(unit.key) && (documentFrequency.get(unit.key) ?? 0) >= 2;

  let events: Array<{ left: number[]; right: number[] }>;
  let symmetric: boolean;
  let minPair: number;
  if (options.source === "heading") {
    // One event per section: the words of its own heading against the words of its body.
    const sections = new Map<string, { heading: Map<string, WordUnit>; body: Map<string, WordUnit> }>();
    chunks.forEach((chunk, i) => {
      const title = chunk.headingPath.at(-1);
      if (title === undefined) return;
      const key = `${chunk.documentId}\u0000${chunk.headingPath.join("\u0000")}`;
      let section = sections.get(key);
      if (!section) sections.set(key, (section = { heading: unitsOf(title), body: new Map() }));
      for (const [unitKey, unit] of chunkUnits[i]!) section.body.set(unitKey, unit);
    });
    events = [...sections.values()].map(({ heading, body }) => ({
      // A heading word need not occur in any body (주석 over a section that says 각주): that is the point.
      left: [...heading.values()].filter((unit) => !common(unit.key)).map(idOf),
      right: [...body.values()].filter((unit) => usable(unit) && !heading.has(unit.key)).map(idOf),
    }));
    symmetric = false;
    minPair = options.minPairCount ?? 2;
  } else if (options.cooccurrenceWindow === "sentence") {
    events = chunks.flatMap((chunk) =>
      chunk.text.split(SENTENCE_BREAK).map((sentence) => {
        const list = [...unitsOf(sentence).values()].filter(usable).map(idOf);
        return { left: list, right: list };
      }),
    );
    symmetric = true;
    minPair = options.minPairCount ?? 3;
  } else {
    events = chunkUnits.map((units) => {
      const list = [...units.values()].filter(usable).map(idOf);
      return { left: list, right: list };
    });
    symmetric = true;
    minPair = options.minPairCount ?? 3;
  }

  const scores = new Map<string, Map<string, number>>();
  for (const { a, b, g2 } of pairScores(events, keys.length, minPair, minG2, symmetric)) {
    addScore(scores, keys[a]!, keys[b]!, g2);
    if (symmetric) addScore(scores, keys[b]!, keys[a]!, g2);
  }
  const related = strongest(scores, perWord);
  const kept = new Map<string, string[]>();
  for (const list of related.values()) for (const { key } of list) kept.set(key, terms.get(key)!);
  return new TermAssociations(options.source, related, kept);
}

/** A term added to a query, with its weight relative to a query term (1). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface ExpandOptions {
  /** A related word's terms together weigh this fraction of the query word's terms (times the strength). */
  weight: number;
  /** Related words used per query word. */
  perWord?: number;
  /** Most terms added to one query. */
  maxTerms?: number;
}

export const DEFAULT_MAX_EXPANSION_TERMS = 12;

/**
 * The terms a query gains from the associations: for each query word, the terms of its related words (not already
 * in the query), weighted so that a related word as a whole counts `weight × strength` of the query word, split
 * over its terms. A term reached twice keeps its larger weight.
 */
export function expandQuery(query: string, associations: TermAssociations, options: ExpandOptions): WeightedTerm[] {
  const units = queryUnits(query);
  const queryKeys = new Set(units.map((unit) => unit.key));
  const queryTermSet = new Set(units.flatMap((unit) => unit.terms));
  const weights = new Map<string, number>();
  const done = new Set<string>();
  for (const unit of units) {
    if (done.has(unit.key)) continue;
    done.add(unit.key);
    for (const { key, strength } of associations.related(unit.key).slice(0, options.perWord ?? DEFAULT_PER_WORD)) {
      if (queryKeys.has(key)) continue;
      const terms = associations.termsOf(key).filter((term) => !queryTermSet.has(term));
      if (terms.length === 0) continue;
      const each = (options.weight * strength * unit.terms.length) / associations.termsOf(key).length;
      for (const term of terms) weights.set(term, Math.max(weights.get(term) ?? 0, each));
    }
  }
  return [...weights]
    .map(([term, weight]) => ({ term, weight }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, options.maxTerms ?? DEFAULT_MAX_EXPANSION_TERMS);
}
