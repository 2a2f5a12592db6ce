/**
 * A delete cut off between its two writes (qa3): the process dies after the first, the second never happens. The
 * document must then be wholly there or wholly gone once the next start's repair has run: before, the points went
 * first, and a document listed as ready stayed unfindable by search, which no repair re-indexed.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deleteDocument, ingestFile, reconcile } from "../../src/ingest/ingest.ts";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { createStore, type Store } from "../../src/store/store.ts";

let root: string;
let handle: DatabaseHandle;
let store: Store;
let index: SearchIndex;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-delete-crash-"));
  handle = await openPglite(null);
  store = createStore(handle.db);
  index = createEmbeddedIndex({ dir: path.join(root, "index") });
  await index.open(null);
});

afterEach(async () => {
  await index.close();
  await handle.close();
  await fs.rm(root, { recursive: true, force: true });
});

class Died extends Error {}

describe("a delete cut off between its writes (qa3)", () => {
  it("leaves the document wholly there or wholly gone after the next start's repair", async () => {
    const collectionId = await store.ensureCollection("default");
    const { documentId } = await ingestFile(
      { store, index, embedder: null },
      { collectionId, collection: "default", source: "travel.md", bytes: new TextEncoder().encode("# Travel\n\nZebratravel needs approval.\n"), accessGroups: [] },
    );
    // Whichever write comes first succeeds; the process dies before the second.
    let writes = 0;
    const dies = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
      if (++writes > 1) throw new Died("the process died here");
      return write(...args);
    };
    const dying = {
      store: { ...store, deleteDocument: dies(store.deleteDocument) } as Store,
      index: { ...index, deleteDocument: dies(index.deleteDocument) } as SearchIndex,
    };
    await deleteDocument(dying, documentId).catch((error: unknown) => {
      if (!(error instanceof Died)) throw error;
    });

    await reconcile({ store, index }, { scanIndex: true });
    const listed = (await store.listDocuments({ limit: 10, offset: 0 })).some((document) => document.id === documentId);
    const hits = await index.search({ terms: queryTerms("zebratravel"), filter: {}, limit: 5 });
    const findable = (await store.visibleChunks(hits.map((hit) => hit.chunkId))).size > 0;
    const points = (await index.documentVersions()).filter((pair) => pair.documentId === documentId).length;
    expect({ listed, findable, points }).toEqual(listed ? { listed: true, findable: true, points: 1 } : { listed: false, findable: false, points: 0 });
  });
});
