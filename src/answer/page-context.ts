/**
 * The whole page of the first hits, for the extractive answer (JIKJI_ANSWER_PAGE_CONTEXT). Search ranks chunks of
 * ~520–870 characters; the sentence that answers is often elsewhere on the hit's page, in a chunk that ranked lower
 * or not at all. Page-sized chunks answer better but rank worse (BENCHMARKS.md "Chunk geometry on real manuals"),
 * so ranking stays on chunks and the picker alone reads the rest of each first hit's page: the other stored chunks
 * printed on it, in document order, each a passage of its own (score 0) that counts at its hit's rank, so every
 * citation names the chunk it quotes, with that chunk's page and section path.
 */
import type { ChunkRow } from "../store/store.ts";
import { chunkPassage, type Passage } from "../retrieve/types.ts";

/** Where a hit is printed: a document version's page. */
export interface PagePosition {
  documentId: string;
  version: number;
  page: number;
}

/** The visible chunks printed on the pages asked for, in document order (`Store.chunksOnPages`). */
export type PageChunks = (pages: readonly PagePosition[], asOf?: string) => Promise<ChunkRow[]>;

/** The passages the extractive picker reads: the hits, each first hit followed by the rest of its page. */
export interface PickerPassages {
  passages: Passage[];
  /**
   * Per passage, whether it was added for context (a hit's page) rather than found by search; such a passage
   * follows its hit and counts at its hit's rank (`ExtractiveOptions.context`).
   */
  context: boolean[];
}

/** The hits as search ranked them, nothing added. */
export function hitsOnly(hits: readonly Passage[]): PickerPassages {
  return { passages: [...hits], context: hits.map(() => false) };
}

function contextPassage(hit: Passage, chunk: ChunkRow): Passage {
  const document = { id: hit.documentId, source: hit.source, title: hit.title, collection: hit.collection };
  return chunkPassage(chunk, document, chunk.pageStart, 0);
}

/**
 * The hits with the other chunks on the pages of the first `pageHits` of them (those with a page: a format without
 * pages adds nothing). A chunk already among the hits or shown around one (its neighbours) is not added again, nor
 * one of the same page twice. `asOf` is the day the hits were searched for, so the page is read in the same version.
 */
export async function withPageContext(
  hits: readonly Passage[],
  pageChunks: PageChunks,
  options: { pageHits: number; asOf?: string },
): Promise<PickerPassages> {
  const first = hits.slice(0, Math.max(0, options.pageHits)).filter((hit) => hit.page !== null);
  if (first.length === 0) return hitsOnly(hits);
  const positions = first.map((hit) => ({ documentId: hit.documentId, version: hit.version, page: hit.page! }));
  const rows = await pageChunks(positions, options.asOf);
  const seen = new Set(hits.flatMap((hit) => [hit.chunkId, hit.neighbours?.before?.chunkId, hit.neighbours?.after?.chunkId]));
  const out = hitsOnly([]);
  hits.forEach((hit, rank) => {
    out.passages.push(hit);
    out.context.push(false);
    if (rank >= options.pageHits || hit.page === null) return;
    const page = hit.page;
    for (const row of rows) {
      const onPage = row.documentId === hit.documentId && row.version === hit.version && row.pageStart !== null &&
        row.pageEnd !== null && row.pageStart <= page && page <= row.pageEnd;
      if (!onPage || seen.has(row.id)) continue;
      seen.add(row.id);
      out.passages.push(contextPassage(hit, row));
      out.context.push(true);
    }
  });
  return out;
}
