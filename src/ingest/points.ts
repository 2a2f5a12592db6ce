import type { IndexPoint } from "../retrieve/index/port.ts";
import { termCounts } from "../retrieve/tokenize.ts";
import { chunkClauseKeys } from "./clauses.ts";

export interface PointSource {
  chunkId: string;
  documentId: string;
  version: number;
  collection: string;
  accessGroups: readonly string[];
  title: string | null;
  headingPath: readonly string[];
  /** Absent for callers that predate clause paths; null outside any clause. */
  clausePath?: string | null;
  text: string;
}

/**
 * The text a chunk is searched by: its document title and heading path give short chunks the context
 * their own words lack (a clause under "제3조 (개인정보의 보호)" is about personal data).
 */
export function searchableText(source: Pick<PointSource, "title" | "headingPath" | "clausePath" | "text">): string {
  const context = [source.title ?? "", ...source.headingPath, source.clausePath ?? ""].filter((part) => part.trim() !== "");
  return context.length > 0 ? `${context.join("\n")}\n${source.text}` : source.text;
}

export function toIndexPoint(source: PointSource, vector: readonly number[] | undefined): IndexPoint {
  return {
    chunkId: source.chunkId,
    documentId: source.documentId,
    version: source.version,
    collection: source.collection,
    accessGroups: source.accessGroups,
    terms: withClauseKeys(termCounts(searchableText(source)), chunkClauseKeys(source.clausePath ?? null, source.text)),
    ...(vector ? { vector } : {}),
  };
}

/**
 * Clause keys ("§12조.2항") join the chunk's terms so a query naming the clause finds it. Each counts twice: a
 * clause number named in a question is the strongest evidence of what is wanted.
 */
function withClauseKeys(terms: Map<string, number>, keys: readonly string[]): Map<string, number> {
  for (const key of keys) terms.set(key, (terms.get(key) ?? 0) + 2);
  return terms;
}
