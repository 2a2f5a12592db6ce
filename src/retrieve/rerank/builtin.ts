/**
 * The built-in second stage: no model, only what BM25 cannot see. BM25 scores a chunk as a bag of terms, so a
 * chunk that mentions every query word once in five unrelated places, a table of contents listing the section
 * titles, or a page that repeats a heading all look as good as the paragraph that answers. This rescoring adds,
 * on top of the first-stage score:
 * - coverage: the share of the query (weighted by how rare each term is among the candidates) the chunk holds;
 * - proximity: the same share inside the best window of nearby terms;
 * - phrases: query terms that follow each other in the query and do so in the chunk too;
 * - numbers: the query's numbers found in the chunk;
 * - section titles: the query's terms in the chunk's section path;
 * - synonyms: query words the chunk holds only as a synonym (비밀번호 asked, 암호 written), when given a list;
 *   the learned lexicon's (글꼴 asked, "font" written) is a feature of its own, with its own weight;
 * and subtracts penalties for chunks ingest marked as table of contents, index or boilerplate, and for chunks
 * whose lines are mostly headings or contents entries.
 * A pure function of plain data, with the same tokenizer as the index, so it costs well under a millisecond per
 * candidate and tests need no fixtures.
 */
import { isEnglishText, type EnglishRendering } from "../crosslang.ts";
import { layoutShare } from "../layout.ts";
import type { QueryGap } from "../gaps.ts";
import type { SynonymMatch, Synonyms } from "../synonyms.ts";
import { queryTerms, searchTerms, tokenize } from "../tokenize.ts";
import type { RerankCandidate, Reranker } from "./port.ts";

export interface BuiltinWeights {
  /** The first-stage score, divided by the best first-stage score among the candidates. */
  firstStage: number;
  coverage: number;
  proximity: number;
  phrase: number;
  numbers: number;
  heading: number;
  /**
   * The share of the query's words that have synonyms (an operator's list, src/retrieve/synonyms.ts) which the chunk
   * holds only as a synonym: 암호 for 비밀번호.
   */
  synonyms: number;
  /**
   * How much a listed synonym the chunk holds counts as the question's own word in coverage and proximity (0: not at
   * all, 1: fully): 암호 written where 비밀번호 is asked covers 비밀번호's terms at this share. Only with a synonym list.
   */
  synonymCredit: number;
  /**
   * 1: the synonym feature counts only synonyms in the question word's own script (an English word's English
   * synonyms, a Korean word's Korean ones); 0: every listed synonym, as the list holds it. Not a weight.
   */
  synonymScript: number;
  /** The same share for the learned lexicon (src/retrieve/lexicon.ts): 글꼴 asked, "font" written. */
  lexicon: number;
  /**
   * The same share for the question words the collection lacks (src/retrieve/gaps.ts: a Korean word asked of English
   * pages), counted only when the search hands the gaps over (JIKJI_GAP_RERANK_WEIGHT).
   */
  gaps: number;
  /** Subtracted for a chunk whose role is "toc", "index" or "boilerplate". */
  rolePenalty: number;
  /** Multiplies the share of heading-like or contents-like lines above one half. */
  layoutPenalty: number;
  /** Width, in terms, of the window proximity is measured in. */
  window: number;
}

/**
 * Chosen on the tune splits (bench/rerank-tune.ts on KorQuAD's even articles, bench/rerank-real-docs.ts on the
 * real-document tune half); BENCHMARKS.md reports the other halves. Section titles score nothing by default: on the
 * tune half they moved FAQ chapters whose headings repeat the question's wording above the page that answers.
 * `synonyms` counts only when the reranker is given a synonym list (JIKJI_SYNONYM_RERANK_WEIGHT sets it), `lexicon`
 * only when given the learned lexicon (JIKJI_LEXICON_RERANK_WEIGHT).
 */
export const DEFAULT_BUILTIN_WEIGHTS: BuiltinWeights = {
  firstStage: 1,
  coverage: 0.05,
  proximity: 0.3,
  phrase: 0.1,
  numbers: 0.1,
  heading: 0,
  synonyms: 0.2,
  synonymCredit: 0,
  synonymScript: 0,
  lexicon: 0,
  gaps: 0,
  rolePenalty: 0.5,
  layoutPenalty: 0.4,
  window: 24,
};

export type BuiltinFeature = Exclude<keyof BuiltinWeights, "firstStage" | "window" | "synonymCredit" | "synonymScript">;

const DOWNWEIGHTED_ROLES = new Set(["toc", "index", "boilerplate"]);
const NUMBER = /^\p{N}[\p{N}.,]*$/u;
const HANGUL = /\p{Script=Hangul}/u;

interface QueryModel {
  /** Distinct query terms, in first-seen order. */
  terms: string[];
  /** Index into `terms` of each term of the query, in order. */
  sequence: number[];
  numbers: number[];
}

function queryModel(query: string): QueryModel {
  const ordered = searchTerms(query);
  const index = new Map<string, number>();
  const sequence: number[] = [];
  for (const term of ordered) {
    if (!index.has(term)) index.set(term, index.size);
    sequence.push(index.get(term)!);
  }
  const terms = [...index.keys()];
  return { terms, sequence, numbers: terms.flatMap((term, i) => (NUMBER.test(term) ? [i] : [])) };
}

/** What the features read from a candidate's text, whatever the query: its terms in order and its layout share. */
interface TextModel {
  terms: readonly string[];
  layout: number;
  /** Whether the text is English (crosslang.ts), read on first need. */
  english?: boolean;
}

/**
 * Texts remembered by a reranker: ~11 KB each (the text, which is the key, and its ~400 terms), ~11 MB in all.
 * Consecutive questions at 100k chunks share 38 % of their candidates within the last 1,024, 42 % within 4,096.
 */
export const CACHED_TEXTS = 1_024;

/**
 * Candidate texts already read, keyed by the text itself, least recently used first out. Tokenizing the 30
 * candidates was most of the built-in reranker's time, and consecutive questions often share candidates
 * (bench/search-cpu.ts's question mix). Being keyed by the text, an entry can never describe a text that has since
 * changed: a new version of a chunk is a new key. The terms are kept as the tokenizer's strings, whose hashes V8
 * keeps, so looking them up again costs little; ids into a shared vocabulary cost more, in a map of 100k+ terms.
 */
export class TextModels {
  readonly #models = new Map<string, TextModel>();
  readonly #maxTexts: number;

  constructor(maxTexts = CACHED_TEXTS) {
    this.#maxTexts = maxTexts;
  }

  get size(): number {
    return this.#models.size;
  }

  model(text: string): TextModel {
    const cached = this.#models.get(text);
    if (cached) {
      this.#models.delete(text);
      this.#models.set(text, cached);
      return cached;
    }
    const model = { terms: tokenize(text), layout: layoutShare(text) };
    this.#models.set(text, model);
    if (this.#models.size > this.#maxTexts) this.#models.delete(this.#models.keys().next().value!);
    return model;
  }
}

/** The query terms' first UTF-16 units, one bit each: a text term whose first unit is not among them is no query term. */
function firstUnits(terms: readonly string[]): Uint32Array {
  const bits = new Uint32Array(0x10000 / 32);
  for (const term of terms) {
    const unit = term.charCodeAt(0);
    bits[unit >>> 5]! |= 1 << (unit & 31);
  }
  return bits;
}

/**
 * A text's terms as query-term indexes (-1 for the rest), in order. Most of a text's ~400 terms are not query
 * terms; checking their first unit against `first` spares most of them the map lookup (hashing and probing),
 * which was ~5 % of a search's main-thread time at 100k chunks.
 */
function positions(terms: readonly string[], index: ReadonlyMap<string, number>, first: Uint32Array): Int32Array {
  const out = new Int32Array(terms.length);
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    const unit = term.charCodeAt(0);
    out[i] = (first[unit >>> 5]! & (1 << (unit & 31))) === 0 ? -1 : (index.get(term) ?? -1);
  }
  return out;
}

/** The largest weight of distinct query terms inside any `width` consecutive terms. */
function bestWindow(stream: Int32Array, weights: Float64Array, width: number): number {
  const inWindow = new Int32Array(weights.length);
  let current = 0;
  let best = 0;
  for (let i = 0; i < stream.length; i++) {
    const entering = stream[i]!;
    if (entering >= 0) {
      if (inWindow[entering] === 0) current += weights[entering]!;
      inWindow[entering] = inWindow[entering]! + 1;
    }
    const leaving = i - width >= 0 ? stream[i - width]! : -1;
    if (leaving >= 0) {
      inWindow[leaving] = inWindow[leaving]! - 1;
      if (inWindow[leaving] === 0) current -= weights[leaving]!;
    }
    if (current > best) best = current;
  }
  return best;
}

/** Query terms standing in for a word at text positions (`at` ascending): where a synonym of the word is written. */
interface Occurrences {
  at: Int32Array;
  term: Int32Array;
}

/** The best window as `bestWindow`, a term counting `credit` of its weight where only `occurrences` put it. */
function bestCreditedWindow(stream: Int32Array, occurrences: Occurrences, weights: Float64Array, width: number, credit: number): number {
  const own = new Int32Array(weights.length);
  const bySynonym = new Int32Array(weights.length);
  const value = (term: number) => (own[term]! > 0 ? weights[term]! : bySynonym[term]! > 0 ? credit * weights[term]! : 0);
  const { at, term: terms } = occurrences;
  let current = 0;
  let best = 0;
  let entering = 0;
  let leaving = 0;
  const move = (counts: Int32Array, term: number, by: number) => {
    const before = value(term);
    counts[term] = counts[term]! + by;
    current += value(term) - before;
  };
  for (let i = 0; i < stream.length; i++) {
    if (stream[i]! >= 0) move(own, stream[i]!, 1);
    for (; entering < at.length && at[entering] === i; entering++) move(bySynonym, terms[entering]!, 1);
    const out = i - width;
    if (out >= 0) {
      if (stream[out]! >= 0) move(own, stream[out]!, -1);
      for (; leaving < at.length && at[leaving] === out; leaving++) move(bySynonym, terms[leaving]!, -1);
    }
    if (current > best) best = current;
  }
  return best;
}

/** A synonym's terms (in a row) and the query terms of the question word it stands for. */
type Alternative = { terms: readonly string[]; stands: readonly number[] };

/**
 * The listed synonyms of the question's words by their first term, each with the indexes of the question terms it
 * stands for: the terms of the word as the list holds it (압축 of 압축하는데, not its 하는, 는데), else all the word's.
 * Only synonyms in the word's own script: a Korean question reaches English pages through its English rendering
 * (crossLanguageFeatures), whose weight the evidence decides; an English question's word is no Korean page's.
 */
function alternativesByFirstTerm(matches: readonly SynonymMatch[], index: ReadonlyMap<string, number>): Map<string, Alternative[]> {
  const byFirst = new Map<string, Alternative[]>();
  const asked = (terms: readonly string[]) => [...new Set(terms.flatMap((term) => (index.has(term) ? [index.get(term)!] : [])))];
  for (const match of matches) {
    const keyed = asked(queryTerms(match.key));
    const stands = keyed.length > 0 ? keyed : asked(match.terms);
    if (stands.length === 0) continue;
    const korean = HANGUL.test(match.key);
    for (const alternative of match.alternatives) {
      if (HANGUL.test(alternative) !== korean) continue;
      const terms = queryTerms(alternative);
      if (terms.length === 0) continue;
      const list = byFirst.get(terms[0]!) ?? [];
      list.push({ terms, stands });
      byFirst.set(terms[0]!, list);
    }
  }
  return byFirst;
}

/** Where a text's terms hold an alternative (all its terms in a row): the question terms it stands for, at its start. */
function synonymOccurrences(terms: readonly string[], byFirst: ReadonlyMap<string, readonly Alternative[]>): Occurrences {
  const at: number[] = [];
  const stood: number[] = [];
  for (let i = 0; i < terms.length; i++) {
    const candidates = byFirst.get(terms[i]!);
    if (candidates === undefined) continue;
    for (const { terms: alternative, stands } of candidates) {
      let k = 1;
      while (k < alternative.length && terms[i + k] === alternative[k]) k++;
      if (k < alternative.length) continue;
      for (const term of stands) (at.push(i), stood.push(term));
    }
  }
  return { at: Int32Array.from(at), term: Int32Array.from(stood) };
}

/** One value per weighted feature (every weight but the proximity window). */
export type CandidateFeatures = Record<Exclude<keyof BuiltinWeights, "window" | "synonymCredit" | "synonymScript">, number>;

/**
 * The features of every candidate, each in [0, 1]. `texts` remembers candidate texts between calls (a reranker
 * keeps one); the features are the same with or without it.
 */
export function builtinFeatures(
  query: string,
  candidates: readonly RerankCandidate[],
  window = DEFAULT_BUILTIN_WEIGHTS.window,
  texts: TextModels = new TextModels(0),
  synonyms: Synonyms | null = null,
  lexicon: Synonyms | null = null,
  gaps: readonly QueryGap[] = [],
  credit = 0,
  ownScript = false,
): CandidateFeatures[] {
  const model = queryModel(query);
  const synonymBridges = bridgesOf(query, synonyms, ownScript);
  const lexiconBridges = bridgesOf(query, lexicon);
  const gapBridges: Bridge[] = gaps.map((gap) => ({
    own: gap.terms,
    alternatives: gap.alternatives.map((alternative) => queryTerms(alternative)).filter((terms) => terms.length > 0),
  }));
  const bridgeTerms = new Set(
    [...synonymBridges, ...lexiconBridges, ...gapBridges].flatMap(({ own, alternatives }) => [...own, ...alternatives.flat()]),
  );
  const index = new Map(model.terms.map((term, i) => [term, i]));
  const models = candidates.map((candidate) => texts.model(candidate.text));
  const first = firstUnits(model.terms);
  const streams = models.map(({ terms }) => positions(terms, index, first));
  // Where a candidate holds a listed synonym of a question word, that word's terms, each counting `credit`.
  const alternatives = credit > 0 && synonyms !== null ? alternativesByFirstTerm(synonyms.find(query), index) : null;
  const credited = models.map(({ terms }) => (alternatives === null ? null : synonymOccurrences(terms, alternatives)));

  const headings = candidates.map((candidate) => {
    const inHeading = new Uint8Array(model.terms.length);
    if (candidate.headingPath.length > 0) {
      for (const term of tokenize(candidate.headingPath.join(" "))) {
        const at = index.get(term);
        if (at !== undefined) inHeading[at] = 1;
      }
    }
    return inHeading;
  });
  // Rarity among the candidates: a term every candidate holds says nothing about which one answers.
  const documentFrequency = new Int32Array(model.terms.length);
  // A term's share in each candidate: 1 where it is written, `credit` where only a synonym of its word is.
  const present = streams.map((stream, c) => {
    const seen = new Float64Array(model.terms.length);
    const bySynonym = credited[c];
    if (bySynonym) for (const term of bySynonym.term) seen[term] = credit;
    for (const term of stream) if (term >= 0) seen[term] = 1;
    const inHeading = headings[c]!;
    seen.forEach((share, term) => (documentFrequency[term]! += share > 0 || inHeading[term]! ? 1 : 0));
    return seen;
  });
  const n = candidates.length;
  const weights = new Float64Array(model.terms.length);
  let total = 0;
  for (let term = 0; term < weights.length; term++) {
    const df = documentFrequency[term]!;
    weights[term] = df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
    total += weights[term]!;
  }
  let pairTotal = 0;
  for (let i = 1; i < model.sequence.length; i++) {
    const a = model.sequence[i - 1]!;
    const b = model.sequence[i]!;
    if (a !== b) pairTotal += Math.min(weights[a]!, weights[b]!);
  }
  const maxFirst = Math.max(0, ...candidates.map((candidate) => candidate.score));

  return candidates.map((candidate, c) => {
    const stream = streams[c]!;
    const seen = present[c]!;
    let covered = 0;
    for (let term = 0; term < seen.length; term++) covered += seen[term]! * weights[term]!;

    let phrase = 0;
    if (pairTotal > 0) {
      const adjacent = new Set<number>();
      for (let i = 1; i < stream.length; i++) {
        if (stream[i - 1]! >= 0 && stream[i]! >= 0) adjacent.add(stream[i - 1]! * weights.length + stream[i]!);
      }
      const counted = new Set<number>();
      for (let i = 1; i < model.sequence.length; i++) {
        const a = model.sequence[i - 1]!;
        const b = model.sequence[i]!;
        const key = a * weights.length + b;
        if (a === b || counted.has(key) || !adjacent.has(key)) continue;
        counted.add(key);
        phrase += Math.min(weights[a]!, weights[b]!);
      }
      phrase /= pairTotal;
    }

    const numbers =
      model.numbers.length === 0 ? 0 : model.numbers.filter((term) => seen[term]).length / model.numbers.length;

    let heading = 0;
    const inHeading = headings[c]!;
    for (let term = 0; term < inHeading.length; term++) if (inHeading[term]) heading += weights[term]!;

    // Only the terms the bridges ask about: a set of the whole text's terms cost as much as the other features.
    const held = new Set<string>();
    if (bridgeTerms.size > 0) for (const term of models[c]!.terms) if (bridgeTerms.has(term)) held.add(term);

    return {
      firstStage: maxFirst > 0 ? Math.max(0, candidate.score) / maxFirst : 0,
      coverage: total > 0 ? covered / total : 0,
      proximity:
        total > 0
          ? (credited[c] && credited[c].term.length > 0 ? bestCreditedWindow(stream, credited[c], weights, window, credit) : bestWindow(stream, weights, window)) / total
          : 0,
      phrase,
      numbers,
      heading: total > 0 ? heading / total : 0,
      synonyms: bridgedShare(synonymBridges, held),
      lexicon: bridgedShare(lexiconBridges, held),
      gaps: bridgedShare(gapBridges, held),
      rolePenalty: DOWNWEIGHTED_ROLES.has(candidate.role ?? "body") ? 1 : 0,
      layoutPenalty: Math.max(0, models[c]!.layout - 0.5) * 2,
    };
  });
}

interface Bridge {
  /** A query word's own terms. */
  own: string[];
  /** The terms of each of its synonyms. */
  alternatives: string[][];
}

/** The question's listed words and their synonyms' terms; with `ownScript`, only synonyms in the word's script. */
function bridgesOf(query: string, synonyms: Synonyms | null, ownScript = false): Bridge[] {
  return (synonyms?.find(query) ?? []).map((match) => ({
    own: match.terms,
    alternatives: match.alternatives
      .filter((alternative) => !ownScript || HANGUL.test(alternative) === HANGUL.test(match.key))
      .map((alternative) => queryTerms(alternative))
      .filter((terms) => terms.length > 0),
  }));
}

/** The share of the bridged query words a text holds only as a synonym (`held`: the text's bridge terms). */
function bridgedShare(bridges: readonly Bridge[], held: ReadonlySet<string>): number {
  if (bridges.length === 0) return 0;
  let bridged = 0;
  for (const { own, alternatives } of bridges) {
    if (own.every((term) => held.has(term))) continue;
    if (alternatives.some((terms) => terms.every((term) => held.has(term)))) bridged++;
  }
  return bridged / bridges.length;
}

/** The features read against the English rendering for an English candidate: the match features, not the penalties. */
const RENDERED_FEATURES = ["coverage", "proximity", "phrase", "numbers", "heading", "synonyms", "lexicon", "gaps"] as const;

/**
 * The features of every candidate in its own language: with an English rendering of a Korean question, an English
 * candidate's features are read against the rendering (coverage, proximity, phrases, numbers of the English words),
 * a Korean one's against the question, both over the same candidates; without one, or without English candidates,
 * `builtinFeatures` of the question alone.
 */
export function crossLanguageFeatures(
  query: string,
  candidates: readonly RerankCandidate[],
  window: number,
  texts: TextModels,
  synonyms: Synonyms | null,
  lexicon: Synonyms | null,
  gaps: readonly QueryGap[],
  english: EnglishRendering | undefined,
  credit = 0,
  ownScript = false,
): CandidateFeatures[] {
  const own = builtinFeatures(query, candidates, window, texts, synonyms, lexicon, gaps, credit, ownScript);
  if (english === undefined) return own;
  const isEnglish = candidates.map((candidate) => {
    const model = texts.model(candidate.text);
    return (model.english ??= isEnglishText(candidate.text));
  });
  if (!isEnglish.includes(true)) return own;
  const rendered = builtinFeatures(english.query, candidates, window, texts, synonyms, lexicon, gaps, credit, ownScript);
  const weight = english.weight ?? 1;
  // Each of an English candidate's match features as the better of the two readings, the rendering's scaled by how
  // much it counts for this question: at weight 0 the candidate is scored exactly as without the rendering.
  return own.map((features, c) => {
    if (!isEnglish[c]) return features;
    const other = rendered[c]!;
    const out = { ...features };
    for (const feature of RENDERED_FEATURES) out[feature] = Math.max(features[feature], weight * other[feature]);
    return out;
  });
}

/** The built-in second-stage score of each candidate, in their order. */
export function builtinScores(
  query: string,
  candidates: readonly RerankCandidate[],
  weights: BuiltinWeights = DEFAULT_BUILTIN_WEIGHTS,
  texts: TextModels = new TextModels(0),
  synonyms: Synonyms | null = null,
  lexicon: Synonyms | null = null,
  gaps: readonly QueryGap[] = [],
  english?: EnglishRendering,
): number[] {
  const features = crossLanguageFeatures(
    query,
    candidates,
    weights.window,
    texts,
    weights.synonyms > 0 || weights.synonymCredit > 0 ? synonyms : null,
    weights.lexicon > 0 ? lexicon : null,
    weights.gaps > 0 ? gaps : [],
    english,
    weights.synonymCredit,
    weights.synonymScript > 0,
  );
  return features.map(
    (f) =>
      weights.firstStage * f.firstStage +
      weights.coverage * f.coverage +
      weights.proximity * f.proximity +
      weights.phrase * f.phrase +
      weights.numbers * f.numbers +
      weights.heading * f.heading +
      weights.synonyms * f.synonyms +
      weights.lexicon * f.lexicon +
      weights.gaps * f.gaps -
      weights.rolePenalty * f.rolePenalty -
      weights.layoutPenalty * f.layoutPenalty,
  );
}

/** The built-in features behind the Reranker port. */
export function createBuiltinReranker(
  weights: BuiltinWeights = DEFAULT_BUILTIN_WEIGHTS,
  texts = new TextModels(),
  synonyms: Synonyms | null = null,
  lexicon: Synonyms | null = null,
): Reranker {
  return {
    name: "builtin",
    async score(query, candidates, options) {
      return builtinScores(query, candidates, weights, texts, synonyms, lexicon, options?.gaps ?? [], options?.english);
    },
    async close() {},
  };
}
