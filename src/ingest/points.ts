import type { IndexPoint } from "../retrieve/index/port.ts";
import { termCounts } from "../retrieve/tokenize.ts";
import type { ChunkRole } from "../store/schema.ts";
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
  /** The header row of the table the chunk begins inside, when the chunk does not hold it (`Chunk.tableHeader`). */
  tableHeader?: string | null;
  text: string;
  /** Absent means body text. */
  role?: ChunkRole;
}

/**
 * The text a chunk is searched by: its document title and heading path give short chunks the context
 * their own words lack (a clause under "제3조 (개인정보의 보호)" is about personal data), and so does the header row of
 * the table a chunk of later rows is cut from ("상품명 | 가입기간 | 기본금리" over "햇살정기예금 | 36개월 | 연 3.65%").
 */
export function searchableText(source: Pick<PointSource, "title" | "headingPath" | "clausePath" | "tableHeader" | "text">): string {
  const context = [source.title ?? "", ...source.headingPath, source.clausePath ?? "", source.tableHeader ?? ""].filter((part) => part.trim() !== "");
  return context.length > 0 ? `${context.join("\n")}\n${source.text}` : source.text;
}

/**
 * A table of contents or an index repeats every section title of the document in a few lines, so on words alone it
 * outranks the sections themselves; its own words are left out of the lexical index (it is still found by its
 * title and section, and by the dense leg). Measured on the real-document set (BENCHMARKS.md, issue 8 parsing).
 */
function lexicalText(source: PointSource): string {
  const headingPath = Array.from({ length: SECTION_WEIGHT }, () => source.headingPath).flat();
  if (source.role === "toc" || source.role === "index") return searchableText({ ...source, headingPath, text: "" });
  return searchableText({ ...source, headingPath });
}

/**
 * How many times the section path's terms count in a chunk's lexical terms. 0, 1 and 2 differ by at most one
 * question of 49 on the real-document tune split (BENCHMARKS.md); 1 keeps the path searchable.
 */
const SECTION_WEIGHT = 1;

export function toIndexPoint(source: PointSource, vector: readonly number[] | undefined): IndexPoint {
  return {
    chunkId: source.chunkId,
    documentId: source.documentId,
    version: source.version,
    collection: source.collection,
    accessGroups: source.accessGroups,
    // A table of contents names every clause; only its own clause path gives it clause keys.
    terms: withClauseKeys(
      termCounts(lexicalText(source)),
      chunkClauseKeys(source.clausePath ?? null, source.role === "toc" || source.role === "index" ? "" : source.text),
    ),
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
