/**
 * The answer when no model is configured: the sentences of the top passages that share the most terms with
 * the question, each followed by its `[n]`, with the same citations a generated answer carries.
 */
import type { Passage } from "../retrieve/types.ts";
import { queryTerms, tokenize } from "../retrieve/tokenize.ts";
import { pageAtOffset, type Citation } from "./citations.ts";
import { sentenceSpans } from "./sentences.ts";

export interface ExtractiveOptions {
  /** Sentences in the answer. */
  maxSentences?: number;
  /** Top passages whose sentences are considered. */
  maxPassages?: number;
}

export interface ExtractiveAnswer {
  answer: string;
  citations: Citation[];
}

/** Sentences scoring below this share of the best sentence's score are left out. */
const RELATIVE_SCORE_FLOOR = 0.6;

interface Candidate {
  passageIndex: number;
  start: number;
  end: number;
  score: number;
}

function scoreSentence(sentence: string, wanted: ReadonlySet<string>): number {
  const terms = new Set(tokenize(sentence));
  let shared = 0;
  for (const term of terms) if (wanted.has(term)) shared++;
  // Dense matches first; the log keeps a long sentence with many matches from losing to a fragment.
  return terms.size === 0 ? 0 : shared / Math.log2(2 + terms.size);
}

/** Returns null when no sentence shares a term with the question. */
export function extractiveAnswer(
  question: string,
  passages: readonly Passage[],
  options: ExtractiveOptions = {},
): ExtractiveAnswer | null {
  const maxSentences = options.maxSentences ?? 3;
  const wanted = new Set(queryTerms(question));
  const candidates: Candidate[] = [];
  passages.slice(0, options.maxPassages ?? 3).forEach((passage, passageIndex) => {
    for (const span of sentenceSpans(passage.text)) {
      const score = scoreSentence(passage.text.slice(span.start, span.end), wanted);
      // Earlier (better ranked) passages win ties.
      if (score > 0) candidates.push({ passageIndex, ...span, score: score - passageIndex * 1e-6 });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  if (candidates.length === 0) return null;
  // A sentence far weaker than the best one shares only incidental words with the question
  // ("신청" in an unrelated procedure); quoting it would read as an answer it is not.
  const floor = candidates[0]!.score * RELATIVE_SCORE_FLOOR;
  const chosen = candidates.filter((candidate) => candidate.score >= floor).slice(0, maxSentences);
  chosen.sort((a, b) => a.passageIndex - b.passageIndex || a.start - b.start);

  const citations = new Map<number, Citation>();
  const sentences = chosen.map((candidate) => {
    const passage = passages[candidate.passageIndex]!;
    const ref = candidate.passageIndex + 1;
    const quote = passage.text.slice(candidate.start, candidate.end);
    if (!citations.has(ref)) {
      citations.set(ref, {
        ref,
        documentId: passage.documentId,
        source: passage.source,
        page: pageAtOffset(passage, candidate.start),
        chunkId: passage.chunkId,
        clause: passage.clausePath ?? null,
        quote,
        verified: passage.text.includes(quote),
      });
    }
    // Bracketed numbers inside the document text would read as citation markers.
    const sentence = quote.replace(/\s+/g, " ").replace(/\[(\s*\d[\d\s,，]*)\]/g, "($1)");
    return `${sentence} [${ref}]`;
  });
  return { answer: sentences.join(" "), citations: [...citations.values()].sort((a, b) => a.ref - b.ref) };
}
