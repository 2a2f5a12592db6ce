/**
 * The naive baseline issue 8 measures jikji against: textbook BM25 (k1 1.2, b 0.75, measured average length) over
 * character bigrams, with no stemming, no particles, no stop words, no field weights. Each run of letters or
 * digits, lower-cased after NFC, gives its character bigrams (a one-character run stands for itself), so Korean
 * and English are treated alike and nothing language-specific helps it.
 */
export function bigramTerms(text: string): string[] {
  const terms: string[] = [];
  for (const run of text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = Array.from(run);
    if (chars.length === 1) terms.push(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i]! + chars[i + 1]!);
  }
  return terms;
}

export interface NaiveBm25Parameters {
  k1: number;
  b: number;
}

export const TEXTBOOK_BM25: NaiveBm25Parameters = { k1: 1.2, b: 0.75 };

interface Indexed {
  id: string;
  counts: Map<string, number>;
  length: number;
}

/** An in-memory BM25 index over bigrams; `search` returns ids, best first (ties keep insertion order). */
export class NaiveBm25 {
  readonly #documents: Indexed[];
  readonly #frequencies = new Map<string, number>();
  readonly #averageLength: number;
  readonly #parameters: NaiveBm25Parameters;

  constructor(documents: ReadonlyArray<{ id: string; text: string }>, parameters: NaiveBm25Parameters = TEXTBOOK_BM25) {
    this.#parameters = parameters;
    this.#documents = documents.map(({ id, text }) => {
      const counts = new Map<string, number>();
      const terms = bigramTerms(text);
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys()) this.#frequencies.set(term, (this.#frequencies.get(term) ?? 0) + 1);
      return { id, counts, length: terms.length };
    });
    const total = this.#documents.reduce((sum, document) => sum + document.length, 0);
    this.#averageLength = this.#documents.length === 0 ? 1 : Math.max(1, total / this.#documents.length);
  }

  #idf(term: string): number {
    const n = this.#frequencies.get(term) ?? 0;
    return Math.log(1 + (this.#documents.length - n + 0.5) / (n + 0.5));
  }

  search(query: string, k: number): Array<{ id: string; score: number }> {
    const { k1, b } = this.#parameters;
    const terms = bigramTerms(query);
    const scored: Array<{ id: string; score: number; order: number }> = [];
    this.#documents.forEach((document, order) => {
      let score = 0;
      for (const term of terms) {
        const tf = document.counts.get(term);
        if (tf === undefined) continue;
        score += (this.#idf(term) * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * document.length) / this.#averageLength));
      }
      if (score > 0) scored.push({ id: document.id, score, order });
    });
    scored.sort((x, y) => y.score - x.score || x.order - y.order);
    return scored.slice(0, k).map(({ id, score }) => ({ id, score }));
  }
}
