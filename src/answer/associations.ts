/**
 * Words a collection uses for one another, learned from its own text, for the extractive answer's sentence picker
 * (issue 8, para8): when a sentence lacks a question word but holds a word the collection pairs with it, the picker
 * may give it partial credit (`ExtractiveTuning.associationWeight`, off by default).
 *
 * Two sources, each a normalised PMI over contexts of the collection, in the answer's own term form (stemmed English,
 * Korean bigrams):
 * - "sentences": two terms in one sentence more often than chance;
 * - "sections": a term of a section's heading path and a term of that section's body (document + heading path),
 *   in the manner of a heading → body translation model.
 * A term in more than `maxShare` of the contexts is nobody's associate, a pair needs `minCount` contexts together,
 * and each term keeps its `perTerm` strongest associates.
 */
import { sentenceSpans } from "./sentences.ts";
import { answerTerms } from "./extractive.ts";

export type AssociationSource = "sentences" | "sections";

export interface LearningText {
  documentId: string;
  headingPath: readonly string[];
  text: string;
}

export interface LearnAssociationOptions {
  source: AssociationSource;
  minCount?: number;
  minNpmi?: number;
  maxShare?: number;
  perTerm?: number;
}

/** A term's associates with their NPMI (0–1], in the answer's term form. */
export interface CollectionAssociations {
  of(term: string): ReadonlyMap<string, number>;
  /** Terms that have associates. */
  readonly size: number;
}

const EMPTY: ReadonlyMap<string, number> = new Map();

export function learnAssociations(texts: Iterable<LearningText>, options: LearnAssociationOptions): CollectionAssociations {
  const minCount = options.minCount ?? 3;
  const minNpmi = options.minNpmi ?? 0.3;
  const maxShare = options.maxShare ?? 0.02;
  const perTerm = options.perTerm ?? 10;
  // Each context: the terms that predict (left) and the terms predicted (right). Sentences: the same set both sides.
  const contexts: Array<{ left: ReadonlySet<string>; right: ReadonlySet<string> }> = [];
  if (options.source === "sentences") {
    const seen = new Set<string>();
    for (const { text } of texts) {
      for (const span of sentenceSpans(text)) {
        const sentence = text.slice(span.start, span.end).replace(/\s+/gu, " ").trim();
        if (seen.has(sentence)) continue;
        seen.add(sentence);
        const terms = answerTerms(sentence);
        if (terms.size >= 2) contexts.push({ left: terms, right: terms });
      }
    }
  } else {
    const sections = new Map<string, { heading: Set<string>; body: Set<string> }>();
    for (const { documentId, headingPath, text } of texts) {
      if (headingPath.length === 0) continue;
      const key = `${documentId}\u0000${headingPath.join("\u0000")}`;
      let section = sections.get(key);
      if (section === undefined) sections.set(key, (section = { heading: answerTerms(headingPath.join(" ")), body: new Set() }));
      for (const term of answerTerms(text)) section.body.add(term);
    }
    for (const { heading, body } of sections.values()) contexts.push({ left: heading, right: body });
  }
  const n = contexts.length;
  const leftCount = new Map<string, number>();
  const rightCount = new Map<string, number>();
  for (const { left, right } of contexts) {
    for (const term of left) leftCount.set(term, (leftCount.get(term) ?? 0) + 1);
    for (const term of right) rightCount.set(term, (rightCount.get(term) ?? 0) + 1);
  }
  const common = (count: number) => count > maxShare * n;
  const together = new Map<string, Map<string, number>>();
  for (const { left, right } of contexts) {
    const rights = [...right].filter((term) => !common(rightCount.get(term)!) && rightCount.get(term)! >= minCount);
    for (const a of left) {
      if (common(leftCount.get(a)!) || leftCount.get(a)! < minCount) continue;
      let row = together.get(a);
      if (row === undefined) together.set(a, (row = new Map()));
      for (const b of rights) if (b !== a) row.set(b, (row.get(b) ?? 0) + 1);
    }
  }
  const associates = new Map<string, Map<string, number>>();
  for (const [a, row] of together) {
    const scored: Array<[string, number]> = [];
    for (const [b, both] of row) {
      if (both < minCount) continue;
      const npmi = Math.log((both * n) / (leftCount.get(a)! * rightCount.get(b)!)) / -Math.log(both / n);
      if (npmi >= minNpmi) scored.push([b, Math.min(1, npmi)]);
    }
    if (scored.length === 0) continue;
    scored.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    associates.set(a, new Map(scored.slice(0, perTerm)));
  }
  return { of: (term) => associates.get(term) ?? EMPTY, size: associates.size };
}
