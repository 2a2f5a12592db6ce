import { NotFoundError } from "../errors.ts";
import type { Store } from "../store/store.ts";

/** One exported chunk: its text and everything needed to cite it elsewhere. */
export interface ExportedChunk {
  collection: string;
  documentId: string;
  source: string;
  title: string | null;
  mediaType: string;
  /** The document version this chunk belongs to; `current` is false for versions kept as history. */
  version: number;
  current: boolean;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  chunkId: string;
  ordinal: number;
  pageStart: number | null;
  pageEnd: number | null;
  /** Headings above the chunk, outermost first. */
  sectionPath: string[];
  /** e.g. "제12조(연차휴가) 제2항" or "Section 4.2(b)". */
  clausePath: string | null;
  /** The document's own groups; empty means the collection's default groups apply (`collectionDefaultGroups`). */
  accessGroups: string[];
  collectionDefaultGroups: string[];
  role: string;
  text: string;
}

const PAGE = 500;

/** The id of the collection named, or a NotFoundError naming the collections there are (a typo is then plain to see). */
export async function requireCollection(store: Pick<Store, "findCollection" | "listCollections">, collection: string): Promise<string> {
  const collectionId = await store.findCollection(collection);
  if (collectionId !== null) return collectionId;
  const known = (await store.listCollections()).map((row) => row.name);
  throw new NotFoundError(
    `No collection named "${collection}"${known.length > 0 ? ` (collections: ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", …" : ""})` : " (the store has none)"}`,
  );
}

/**
 * The published chunks of one collection as JSON lines (one chunk each, newline-terminated), read page by page so
 * a large collection never sits in memory. An unknown collection fails before the first line.
 */
export async function exportCollection(store: Store, collection: string): Promise<AsyncIterable<string>> {
  const collectionId = await requireCollection(store, collection);
  const defaultGroups = (await store.collectionDefaultGroups(collection)) ?? [];
  return (async function* () {
    let after: { source: string; version: number; ordinal: number } | null = null;
    for (;;) {
      const page = await store.exportPage(collectionId, after, PAGE);
      if (page.length === 0) return;
      let lines = "";
      for (const { chunk, document, effectiveFrom, effectiveTo } of page) {
        const line: ExportedChunk = {
          collection,
          documentId: document.id,
          source: document.source,
          title: document.title,
          mediaType: document.mediaType,
          version: chunk.version,
          current: chunk.version === document.version,
          effectiveFrom,
          effectiveTo,
          chunkId: chunk.id,
          ordinal: chunk.ordinal,
          pageStart: chunk.pageStart,
          pageEnd: chunk.pageEnd,
          sectionPath: chunk.headingPath,
          clausePath: chunk.clausePath,
          accessGroups: document.accessGroups,
          collectionDefaultGroups: defaultGroups,
          role: chunk.role,
          text: chunk.text,
        };
        lines += `${JSON.stringify(line)}\n`;
      }
      yield lines;
      const last = page[page.length - 1]!;
      after = { source: last.document.source, version: last.chunk.version, ordinal: last.chunk.ordinal };
    }
  })();
}
