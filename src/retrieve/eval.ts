/**
 * Retrieval metrics over documents: a question's search hits are chunks, collapsed to their documents in rank
 * order, and a document counts as relevant when the last segment of its source matches one listed for the
 * question (so "hr/leave.md" matches "leave.md", whatever folder it was ingested from).
 */

export interface QaItem {
  question: string;
  /** Sources of the documents that answer the question. */
  relevant: string[];
}

export interface QuestionOutcome {
  /** Distinct document sources, best first. */
  ranked: readonly string[];
  relevant: readonly string[];
  latencyMs: number;
}

export interface EvalReport {
  questions: number;
  "recall@1": number;
  "recall@3": number;
  "recall@5": number;
  "recall@10": number;
  "mrr@10": number;
  latencyMs: { p50: number; p95: number };
}

export class QaParseError extends Error {
  readonly line: number;
  constructor(line: number, problem: string) {
    super(`line ${line}: ${problem}`);
    this.line = line;
  }
}

/** The file name of a source path, with either separator. */
export function lastSegment(source: string): string {
  const parts = source.split(/[\\/]/).filter((part) => part !== "");
  return parts.at(-1) ?? source;
}

/** Collapses ranked chunk hits to the distinct documents they belong to, keeping each at its best rank. */
export function rankDocuments(hits: ReadonlyArray<{ documentId: string; source: string }>): string[] {
  const seen = new Set<string>();
  const sources: string[] = [];
  for (const hit of hits) {
    if (seen.has(hit.documentId)) continue;
    seen.add(hit.documentId);
    sources.push(hit.source);
  }
  return sources;
}

/** Share of the relevant documents found in the first `k` ranked ones. */
export function recallAt(ranked: readonly string[], relevant: readonly string[], k: number): number {
  const wanted = new Set(relevant.map(lastSegment));
  if (wanted.size === 0) return 0;
  const found = new Set(ranked.slice(0, k).map(lastSegment).filter((name) => wanted.has(name)));
  return found.size / wanted.size;
}

/** 1 / rank of the first relevant document within the first `k`, else 0. */
export function reciprocalRankAt(ranked: readonly string[], relevant: readonly string[], k: number): number {
  const wanted = new Set(relevant.map(lastSegment));
  const position = ranked.slice(0, k).findIndex((source) => wanted.has(lastSegment(source)));
  return position === -1 ? 0 : 1 / (position + 1);
}

/** Nearest-rank percentile (`p` in 0–100) of a non-empty list; 0 for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function summarise(outcomes: readonly QuestionOutcome[]): EvalReport {
  const recall = (k: number) => round(mean(outcomes.map((o) => recallAt(o.ranked, o.relevant, k))), 4);
  const latencies = outcomes.map((o) => o.latencyMs);
  return {
    questions: outcomes.length,
    "recall@1": recall(1),
    "recall@3": recall(3),
    "recall@5": recall(5),
    "recall@10": recall(10),
    "mrr@10": round(mean(outcomes.map((o) => reciprocalRankAt(o.ranked, o.relevant, 10))), 4),
    latencyMs: { p50: round(percentile(latencies, 50), 2), p95: round(percentile(latencies, 95), 2) },
  };
}

/**
 * Parses question/answer JSONL: one `{ "question": string, "relevant": [string, ...] }` per line, blank lines
 * ignored. Throws `QaParseError` naming the first bad line.
 */
export function parseQaJsonl(text: string): QaItem[] {
  const items: QaItem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new QaParseError(line, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new QaParseError(line, 'expected an object like {"question": "…", "relevant": ["file.pdf"]}');
    }
    const { question, relevant } = value as Record<string, unknown>;
    if (typeof question !== "string" || question.trim() === "") {
      throw new QaParseError(line, '"question" must be a non-empty string');
    }
    if (!Array.isArray(relevant) || relevant.length === 0 || !relevant.every((s) => typeof s === "string" && s !== "")) {
      throw new QaParseError(line, '"relevant" must be a non-empty array of document sources');
    }
    items.push({ question, relevant: relevant as string[] });
  });
  return items;
}
