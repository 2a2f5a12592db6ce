/** Every visible chunk of a jikji data dir, read back from its store, so baselines can rank the very same chunks. */
import { loadConfig } from "../../src/config.ts";
import { openJikji } from "../../src/runtime.ts";
import type { PageSpan } from "../../src/store/schema.ts";

export interface StoredChunk {
  id: string;
  documentId: string;
  source: string;
  title: string | null;
  headingPath: string[];
  /** "body" unless ingest marked the chunk as table of contents, index or boilerplate. */
  role: string;
  text: string;
  pageStart: number | null;
  pageSpans: PageSpan[];
}

export async function readChunks(dataDir: string, env: Record<string, string> = {}): Promise<StoredChunk[]> {
  const jikji = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
  try {
    const chunks: Array<StoredChunk & { ordinal: number }> = [];
    let after: string | null = null;
    for (;;) {
      const page = await jikji.store.visibleChunksPage(after, 1000);
      if (page.length === 0) break;
      for (const { chunk, document } of page) {
        chunks.push({
          id: chunk.id,
          documentId: document.id,
          source: document.source,
          title: document.title,
          headingPath: chunk.headingPath,
          role: chunk.role,
          text: chunk.text,
          pageStart: chunk.pageStart,
          pageSpans: chunk.pageSpans,
          ordinal: chunk.ordinal,
        });
      }
      after = page.at(-1)!.chunk.id;
    }
    // In document order, not by the random chunk ids: baselines that break equal scores by position (NaiveBm25) then
    // rank one corpus the same way in every run.
    chunks.sort((a, b) => (a.source === b.source ? a.ordinal - b.ordinal : a.source < b.source ? -1 : 1));
    return chunks.map(({ ordinal: _ordinal, ...chunk }) => chunk);
  } finally {
    await jikji.close();
  }
}
