import type { IndexPoint } from "../retrieve/index/port.ts";
import { termCounts } from "../retrieve/tokenize.ts";

export interface PointSource {
  chunkId: string;
  documentId: string;
  version: number;
  collection: string;
  accessGroups: readonly string[];
  title: string | null;
  headingPath: readonly string[];
  text: string;
}

/**
 * The text a chunk is searched by: its document title and heading path give short chunks the context
 * their own words lack (a clause under "제3조 (개인정보의 보호)" is about personal data).
 */
export function searchableText(source: Pick<PointSource, "title" | "headingPath" | "text">): string {
  const context = [source.title ?? "", ...source.headingPath].filter((part) => part.trim() !== "");
  return context.length > 0 ? `${context.join("\n")}\n${source.text}` : source.text;
}

export function toIndexPoint(source: PointSource, vector: readonly number[] | undefined): IndexPoint {
  return {
    chunkId: source.chunkId,
    documentId: source.documentId,
    version: source.version,
    collection: source.collection,
    accessGroups: source.accessGroups,
    terms: termCounts(searchableText(source)),
    ...(vector ? { vector } : {}),
  };
}
