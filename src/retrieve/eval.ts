/**
 * Retrieval metrics over documents or pages: a question's search hits are chunks, collapsed to their documents
 * (or to their (document, page) pairs when the question names pages) in rank order, and a target counts as
 * relevant when the last segment of its source matches one listed for the question (so "hr/leave.md" matches
 * "leave.md", whatever folder it was ingested from). A page target is written "manual.pdf#8".
 */

export type Granularity = "document" | "page";

export interface QaItem {
  question: string;
  /** Documents ("leave.md") or pages ("manual.pdf#8") that answer the question. */
  relevant: string[];
  /** "page" when any relevant target names a page: hits are then ranked by (document, page). */
  granularity: Granularity;
  /** Key phrase a correct answer contains, for `jikji eval --answers`. */
  answer?: string;
  /** Free label ("tune", "heldout") that `jikji eval --split` selects on. */
  split?: string;
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
  /** "page" when every question names pages, "document" when none does, else "mixed". */
  granularity?: Granularity | "mixed";
  /** With `--answers`: the share of answers containing the question's key phrase, per answer mode. */
  answerContains?: AnswerContainsReport;
  /** With `--answers`: where the answers' quotes come from, per answer mode (see AnswerQuotesReport). */
  answerQuotes?: { extractive: AnswerQuotesReport; generative: AnswerQuotesReport | null };
}

export interface AnswerContainsReport {
  /** Questions that carry an `answer` key phrase. */
  questions: number;
  extractive: number;
  /** Null when no model is configured. */
  generative: number | null;
}

/**
 * Whether an answer quotes only what the question is about: a quote (citation) whose document is none of the
 * question's targets is off its topic. A quote from a wanted document but another page is not counted here (the
 * page may hold a second fact the answer needs, and page ranking is measured on its own).
 */
export interface AnswerQuotesReport {
  /** Answers quoting at least one passage (a "not found" quotes nothing). */
  answered: number;
  quotes: number;
  /** Quotes from a document none of the question's targets names, and their share of all quotes. */
  offDocument: number;
  offDocumentShare: number;
  /** Answers holding at least one such quote, and their share of the answered ones. */
  answersOffDocument: number;
  answersOffDocumentShare: number;
  /** Answers whose first quote is from another document (the answer's best sentence missed the topic). */
  firstOffDocument: number;
  /** Answers whose first quote is from a wanted document and a later one is not (padded with another topic). */
  paddedOffDocument: number;
  /** Answers by the number of citations they carry ("0" is not found): {"0": 2, "1": 10, "2": 5, "3": 30}. */
  byCitations: Record<string, number>;
}

/** The documents a question's targets name ("manual.pdf#8" → manual.pdf), by file name. */
export function wantedDocuments(relevant: readonly string[]): Set<string> {
  return new Set(relevant.map((target) => lastSegment(PAGE_SUFFIX.exec(target)?.[1] ?? target)));
}

/** Tallies each answer's cited sources against its question's targets. */
export function tallyQuotes(answers: ReadonlyArray<{ relevant: readonly string[]; cited: readonly string[] }>): AnswerQuotesReport {
  let answered = 0;
  let quotes = 0;
  let offDocument = 0;
  let answersOffDocument = 0;
  let firstOffDocument = 0;
  let paddedOffDocument = 0;
  const byCitations: Record<string, number> = {};
  for (const { relevant, cited } of answers) {
    const wanted = wantedDocuments(relevant);
    const offAt = cited.map((source) => !wanted.has(lastSegment(source)));
    const off = offAt.filter((isOff) => isOff).length;
    byCitations[cited.length] = (byCitations[cited.length] ?? 0) + 1;
    if (cited.length === 0) continue;
    answered += 1;
    quotes += cited.length;
    offDocument += off;
    if (off > 0) answersOffDocument += 1;
    if (offAt[0]) firstOffDocument += 1;
    else if (off > 0) paddedOffDocument += 1;
  }
  return {
    answered,
    quotes,
    offDocument,
    offDocumentShare: quotes === 0 ? 0 : round(offDocument / quotes, 4),
    answersOffDocument,
    answersOffDocumentShare: answered === 0 ? 0 : round(answersOffDocument / answered, 4),
    firstOffDocument,
    paddedOffDocument,
    byCitations,
  };
}

/** The granularity of a whole question set. */
export function granularityOf(items: ReadonlyArray<Pick<QaItem, "granularity">>): Granularity | "mixed" {
  const kinds = new Set(items.map((item) => item.granularity));
  return kinds.size === 1 ? [...kinds][0]! : "mixed";
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

/** The ranking key of a page: "manual.pdf#8". */
export function pageKey(source: string, page: number): string {
  return `${source}#${page}`;
}

/**
 * Collapses ranked chunk hits to distinct (document, page) pairs, keeping each at its best rank. A hit without a
 * page (HTML, Markdown) stands for its whole document, so such documents rank as they do at document level.
 */
export function rankPages(hits: ReadonlyArray<{ documentId: string; source: string; page: number | null }>): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const hit of hits) {
    const identity = hit.page === null ? hit.documentId : `${hit.documentId}#${hit.page}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    keys.push(hit.page === null ? hit.source : pageKey(hit.source, hit.page));
  }
  return keys;
}

/**
 * Text compared for "the answer contains the key phrase": Unicode NFC, lower case, and no whitespace at all, so a
 * line break or a space that PDF extraction put inside a Korean word does not decide the outcome.
 */
export function normaliseForContains(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/gu, "");
}

export function containsPhrase(answer: string, phrase: string): boolean {
  const wanted = normaliseForContains(phrase);
  return wanted !== "" && normaliseForContains(answer).includes(wanted);
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

const PAGE_SUFFIX = /^(.+)#(\d+)$/;
const RELEVANT_SHAPES = 'a document name ("leave.md"), a page ("manual.pdf#8") or {"source": "manual.pdf", "page": 8}';

/** One `relevant` entry as its ranking key, or the reason it is malformed. */
function relevantKey(entry: unknown, index: number): { key: string; page: boolean } | string {
  const where = `"relevant"[${index}]`;
  if (typeof entry === "string") {
    if (entry.trim() === "") return `${where} is empty; expected ${RELEVANT_SHAPES}`;
    const paged = PAGE_SUFFIX.exec(entry);
    if (paged === null) return { key: entry, page: false };
    if (Number(paged[2]) < 1) return `${where} names page ${paged[2]}; pages start at 1`;
    return { key: pageKey(paged[1]!, Number(paged[2])), page: true };
  }
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return `${where} must be ${RELEVANT_SHAPES}`;
  const { source, page, ...rest } = entry as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `${where} has unknown key "${unknown[0]}"; expected {"source": "…", "page": 8}`;
  if (typeof source !== "string" || source.trim() === "") return `${where}.source must be a non-empty document name`;
  if (page === undefined) return { key: source, page: false };
  if (typeof page !== "number" || !Number.isInteger(page) || page < 1) {
    return `${where}.page must be a whole number from 1, got ${JSON.stringify(page)}`;
  }
  return { key: pageKey(source, page), page: true };
}

/**
 * Parses question/answer JSONL, blank lines ignored. One object per line:
 * `{ "question": string, "relevant": [target, ...], "answer"?: string, "split"?: string }`, where a target is a
 * document name, `"name.pdf#8"` or `{ "source": "name.pdf", "page": 8 }`. Throws `QaParseError` naming the first
 * bad line.
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
    const { question, relevant, answer, split } = value as Record<string, unknown>;
    if (typeof question !== "string" || question.trim() === "") {
      throw new QaParseError(line, '"question" must be a non-empty string');
    }
    if (!Array.isArray(relevant) || relevant.length === 0) {
      throw new QaParseError(line, `"relevant" must be a non-empty array of ${RELEVANT_SHAPES}`);
    }
    const keys: string[] = [];
    let paged = false;
    relevant.forEach((entry, index) => {
      const parsed = relevantKey(entry, index);
      if (typeof parsed === "string") throw new QaParseError(line, parsed);
      keys.push(parsed.key);
      paged ||= parsed.page;
    });
    if (answer !== undefined && (typeof answer !== "string" || answer.trim() === "")) {
      throw new QaParseError(line, '"answer" must be a non-empty string (the key phrase a correct answer contains)');
    }
    if (split !== undefined && (typeof split !== "string" || split.trim() === "")) {
      throw new QaParseError(line, '"split" must be a non-empty string such as "tune" or "heldout"');
    }
    items.push({
      question,
      relevant: keys,
      granularity: paged ? "page" : "document",
      ...(answer === undefined ? {} : { answer: answer as string }),
      ...(split === undefined ? {} : { split: split as string }),
    });
  });
  return items;
}
