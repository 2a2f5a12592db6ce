/**
 * Aggregate statistics over a whole collection's chunks, to find systemic defects that reading documents one by one
 * misses: sentences repeated across many documents (site footers, navigation, disclaimers), chunks made mostly of
 * them, chunks with no section path, very short chunks, chunks that are only a heading, and duplicate chunks.
 * Pure: chunks in, figures out (bench/collection-audit.ts reads a data dir and prints them).
 */
import { splitSentences } from "../../src/ingest/sentences.ts";

export interface AuditChunk {
  id: string;
  documentId: string;
  source: string;
  headingPath: string[];
  role: string;
  text: string;
}

export interface AuditOptions {
  /** A sentence found in at least this many documents counts as repeated (boilerplate candidate). */
  minDocuments: number;
  /** A chunk whose repeated sentences cover at least this share of its characters is "mostly repeated text". */
  repeatedShare: number;
  /** Chunks shorter than this (characters, trimmed) are "very short". */
  shortChars: number;
}

export interface Counted {
  text: string;
  documents: number;
  chunks: number;
  example: string;
}

export interface CollectionAudit {
  documents: number;
  chunks: number;
  roles: Record<string, number>;
  repeatedSentences: Counted[];
  mostlyRepeated: { count: number; examples: { source: string; role: string; text: string; share: number }[] };
  noSectionPath: { count: number; examples: { source: string; text: string }[] };
  short: { count: number; byText: Counted[] };
  headingOnly: { count: number; byText: Counted[] };
  duplicates: { groups: number; chunks: number; byText: Counted[] };
}

const MIN_LETTERS = 3;

/** Case, whitespace and digits folded, so "Copyright 2021" and "copyright  2023" count as one sentence. */
export function normaliseSentence(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

class Tally {
  private readonly rows = new Map<string, { documents: Set<string>; chunks: number; example: string }>();
  add(key: string, documentId: string, example: string): void {
    let row = this.rows.get(key);
    if (row === undefined) {
      row = { documents: new Set(), chunks: 0, example };
      this.rows.set(key, row);
    }
    row.documents.add(documentId);
    row.chunks++;
  }
  documentsOf(key: string): number {
    return this.rows.get(key)?.documents.size ?? 0;
  }
  top(filter: (row: Counted) => boolean, limit: number): Counted[] {
    return [...this.rows.entries()]
      .map(([text, row]) => ({ text, documents: row.documents.size, chunks: row.chunks, example: row.example }))
      .filter(filter)
      .sort((a, b) => b.documents - a.documents || b.chunks - a.chunks || a.text.localeCompare(b.text))
      .slice(0, limit);
  }
  count(filter: (row: Counted) => boolean): number {
    return this.top(filter, Number.POSITIVE_INFINITY).length;
  }
}

export function auditCollection(chunks: AuditChunk[], options: AuditOptions, limit = 20): CollectionAudit {
  if (!(options.minDocuments >= 2)) throw new RangeError(`minDocuments must be at least 2, got ${options.minDocuments}`);
  const sentences = new Tally();
  const chunkSentences = chunks.map((chunk) =>
    splitSentences(chunk.text).map((span) => {
      const raw = chunk.text.slice(span.start, span.end);
      const key = normaliseSentence(raw);
      // "8.4." or "①" split off as a sentence is a number, not text that repeats.
      const counted = (key.match(/\p{L}/gu)?.length ?? 0) >= MIN_LETTERS;
      if (counted) sentences.add(key, chunk.documentId, raw);
      return { key: counted ? key : null, length: raw.length };
    }),
  );

  const mostlyRepeated: CollectionAudit["mostlyRepeated"] = { count: 0, examples: [] };
  const noSectionPath: CollectionAudit["noSectionPath"] = { count: 0, examples: [] };
  const short = new Tally();
  const headingOnly = new Tally();
  const whole = new Tally();
  let shortCount = 0;
  let headingCount = 0;
  chunks.forEach((chunk, index) => {
    const parts = chunkSentences[index]!;
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    const repeated = parts.filter((part) => part.key !== null && sentences.documentsOf(part.key) >= options.minDocuments).reduce((sum, part) => sum + part.length, 0);
    if (total > 0 && repeated / total >= options.repeatedShare) {
      mostlyRepeated.count++;
      if (mostlyRepeated.examples.length < limit) mostlyRepeated.examples.push({ source: chunk.source, role: chunk.role, text: chunk.text, share: repeated / total });
    }
    if (chunk.headingPath.length === 0) {
      noSectionPath.count++;
      if (noSectionPath.examples.length < limit) noSectionPath.examples.push({ source: chunk.source, text: chunk.text });
    }
    const trimmed = chunk.text.trim();
    const key = normaliseSentence(trimmed);
    if (trimmed.length < options.shortChars) {
      shortCount++;
      short.add(key, chunk.documentId, trimmed);
    }
    if (chunk.headingPath.some((heading) => normaliseSentence(heading) === key)) {
      headingCount++;
      headingOnly.add(key, chunk.documentId, trimmed);
    }
    whole.add(key, chunk.documentId, trimmed);
  });

  const duplicated = (row: Counted) => row.chunks >= 2;
  const roles: Record<string, number> = {};
  for (const chunk of chunks) roles[chunk.role] = (roles[chunk.role] ?? 0) + 1;
  return {
    documents: new Set(chunks.map((chunk) => chunk.documentId)).size,
    chunks: chunks.length,
    roles,
    repeatedSentences: sentences.top((row) => row.documents >= options.minDocuments, limit),
    mostlyRepeated,
    noSectionPath,
    short: { count: shortCount, byText: short.top(() => true, limit) },
    headingOnly: { count: headingCount, byText: headingOnly.top(() => true, limit) },
    duplicates: {
      groups: whole.count(duplicated),
      chunks: whole.top(duplicated, Number.POSITIVE_INFINITY).reduce((sum, row) => sum + row.chunks, 0),
      byText: whole.top(duplicated, limit),
    },
  };
}
