/**
 * Counts of a query's terms in a candidate chunk, from the chunk's text as the store holds it, for the embedded
 * index's lexical rescoring (`IndexQuery.candidateTerms`). Reading the 40 candidates' stored `terms` strings from
 * LanceDB was over a third of its CPU in a search and half its thread hand-offs (BENCHMARKS.md, "Sixth pass"); the
 * search hydrates the candidates from the store anyway, and the built-in reranker tokenizes their texts anyway, so
 * the body's tokens come from the memo the reranker shares (`TextModels`, keyed by the text itself) and only the
 * short context (title, section path, clause path) is tokenized here, remembered by its own text.
 */
import { lexicalParts, type PointSource } from "../ingest/points.ts";
import { TextModels } from "./rerank/builtin.ts";
import { tokenize } from "./tokenize.ts";

export interface CandidateTermCounts {
  /** Counts of the wanted terms the chunk holds (absent: none). */
  counts: Map<string, number>;
  /** The chunk's total number of indexed terms (BM25's document length). */
  length: number;
}

export type CandidateSource = Pick<PointSource, "title" | "headingPath" | "clausePath" | "text" | "role">;

/**
 * Context strings remembered, bounded by their UTF-16 units (keys and terms, ~2 bytes each): chunks of one document
 * share their title and most of their section path, so a few thousand contexts cover many documents.
 */
export const CONTEXT_MEMO_UNITS = 2_000_000;

export class CandidateTermCounter {
  readonly #texts: TextModels;
  readonly #contexts = new Map<string, { terms: readonly string[]; units: number }>();
  readonly #maxUnits: number;
  #units = 0;

  constructor(texts: TextModels = new TextModels(), maxContextUnits = CONTEXT_MEMO_UNITS) {
    this.#texts = texts;
    this.#maxUnits = maxContextUnits;
  }

  /** UTF-16 units the context memo holds now (for tests of its bound). */
  get contextUnits(): number {
    return this.#units;
  }

  #contextTerms(context: string): readonly string[] {
    if (context === "") return [];
    const cached = this.#contexts.get(context);
    if (cached) {
      this.#contexts.delete(context);
      this.#contexts.set(context, cached);
      return cached.terms;
    }
    const terms = tokenize(context);
    const units = context.length + terms.reduce((sum, term) => sum + term.length, 0);
    if (units > this.#maxUnits) return terms;
    this.#contexts.set(context, { terms, units });
    this.#units += units;
    for (const [key, entry] of this.#contexts) {
      if (this.#units <= this.#maxUnits) break;
      this.#contexts.delete(key);
      this.#units -= entry.units;
    }
    return terms;
  }

  /** The wanted terms' counts in the chunk's indexed terms and their total, as `toIndexPoint` would count them. */
  count(source: CandidateSource, wanted: ReadonlySet<string>): CandidateTermCounts {
    const { context, body, clauseKeys } = lexicalParts(source);
    const counts = new Map<string, number>();
    const head = this.#contextTerms(context);
    const tail = body === "" ? [] : this.#texts.model(body).terms;
    for (const terms of [head, tail]) {
      for (const term of terms) if (wanted.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    for (const key of clauseKeys) if (wanted.has(key)) counts.set(key, (counts.get(key) ?? 0) + 2);
    return { counts, length: head.length + tail.length + 2 * clauseKeys.length };
  }
}
