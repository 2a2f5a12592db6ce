/**
 * Gap-only expansion (issue 8): a question word the collection does not hold (a Korean word asked of English
 * manuals, a paraphrase like 폰트 where the pages say 글꼴) is searched for through its synonym-list and lexicon
 * alternatives that the collection does hold. A word the collection holds is never expanded, so a question asked in
 * its documents' language is searched as it is (the noise that sank expanding every word: file → 파일, set → 설정;
 * BENCHMARKS.md, "Learned lexicon"). Words are found as the synonym matcher finds them (particles, endings and
 * light verbs after a Korean word, verb stems, English plurals), and "holds" is asked of the index itself
 * (`SearchIndex.documentFrequencies`, one call for all of a question's candidate words and alternatives).
 */
import type { SearchIndex, WeightedTerm } from "./index/port.ts";
import type { Synonyms } from "./synonyms.ts";
import { queryTerms } from "./tokenize.ts";

/** A question word the collection lacks, and what it is searched for instead. */
export interface QueryGap {
  /** The word's query terms as the question has them (the tokenizer's: a Korean word's bigrams, an English word). */
  terms: string[];
  /** Its alternatives, whole (as a list writes them, a verb by its stem), each of whose terms the collection holds. */
  alternatives: string[];
}

export interface GapOptions {
  /** A word is a gap when at most this many chunks hold it (0: none). */
  maxDf: number;
}

type Frequencies = SearchIndex["documentFrequencies"];

/**
 * The gaps of a question: its words with alternatives in `sources` that at most `maxDf` chunks hold, each with the
 * alternatives every term of which some chunk holds. A word is counted in the form the list holds it (압축 for
 * 압축하는데: the inflected word's bigrams 축하, 는데 say nothing about it), as its rarest term: no more chunks can
 * hold the whole word. Empty when no word has alternatives, without asking the index.
 */
export async function findGaps(
  sources: ReadonlyArray<Synonyms | null>,
  query: string,
  frequencies: Frequencies,
  options: GapOptions,
): Promise<QueryGap[]> {
  const asked = new Set(queryTerms(query));
  const candidates = new Map<string, { terms: string[]; counted: string[]; alternatives: Map<string, string[]> }>();
  for (const source of sources) {
    if (source === null) continue;
    for (const match of source.find(query)) {
      const counted = [...new Set(queryTerms(match.key))];
      // The question's terms that stand for the word: the listed form's where the question has them (압축 of
      // 압축하는데, not 하는 or 는데), else the word's own. Only terms the lexical leg searches for: a function word
      // inside a term ("log in") says nothing.
      const own = counted.filter((term) => asked.has(term));
      const terms = own.length > 0 ? own : [...new Set(match.terms.filter((term) => asked.has(term)))];
      if (terms.length === 0 || counted.length === 0) continue;
      const key = terms.join(" ");
      const candidate = candidates.get(key) ?? { terms, counted, alternatives: new Map<string, string[]>() };
      for (const alternative of match.alternatives) {
        const alternativeTerms = [...new Set(queryTerms(alternative))];
        if (alternativeTerms.length > 0 && !candidate.alternatives.has(alternative)) candidate.alternatives.set(alternative, alternativeTerms);
      }
      if (candidate.alternatives.size > 0) candidates.set(key, candidate);
    }
  }
  if (candidates.size === 0) return [];
  const wanted = new Set<string>();
  for (const { counted, alternatives } of candidates.values()) {
    for (const term of counted) wanted.add(term);
    for (const list of alternatives.values()) for (const term of list) wanted.add(term);
  }
  const counts = await frequencies([...wanted], { atMost: options.maxDf + 1 });
  const count = (term: string) => counts.get(term) ?? 0;
  const gaps: QueryGap[] = [];
  for (const { terms, counted, alternatives } of candidates.values()) {
    if (Math.min(...counted.map(count)) > options.maxDf) continue;
    const held = [...alternatives].filter(([, list]) => list.every((term) => count(term) > 0)).map(([alternative]) => alternative);
    if (held.length > 0) gaps.push({ terms, alternatives: held });
  }
  return gaps;
}

/** The lexical leg's extra terms for the gaps: each alternative's terms at `weight`, none the query already holds. */
export function gapExpansion(gaps: readonly QueryGap[], query: string, weight: number): WeightedTerm[] {
  if (weight <= 0) return [];
  const own = new Set(queryTerms(query));
  const extra = new Map<string, number>();
  for (const gap of gaps) {
    for (const alternative of gap.alternatives) for (const term of queryTerms(alternative)) if (!own.has(term)) extra.set(term, weight);
  }
  return [...extra].map(([term, w]) => ({ term, weight: w }));
}

/**
 * The extractive answer's `related` hook for the gaps: a gap word's terms are related to its alternatives at
 * `weight` (null when there is nothing), so a sentence in the other language can answer.
 */
export function gapRelated(gaps: readonly QueryGap[], weight: number): ((term: string) => ReadonlyArray<{ term: string; weight: number }>) | null {
  if (weight <= 0 || gaps.length === 0) return null;
  const related = new Map<string, Array<{ term: string; weight: number }>>();
  for (const gap of gaps) {
    for (const term of gap.terms) {
      related.set(term, [...(related.get(term) ?? []), ...gap.alternatives.map((alternative) => ({ term: alternative, weight }))]);
    }
  }
  return (term) => related.get(term) ?? [];
}
