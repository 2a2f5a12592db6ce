import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chunkId } from "../../src/ingest/ids.ts";
import { reindex } from "../../src/ingest/ingest.ts";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import type { IndexPoint, SearchIndex } from "../../src/retrieve/index/port.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";
import { openPglite } from "../../src/store/pglite.ts";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { createStore, type Store } from "../../src/store/store.ts";

let dir: string;
let handle: DatabaseHandle;
let store: Store;
let index: SearchIndex;

const version = (collectionId: string, source: string) => ({
  collectionId,
  source,
  title: source,
  mediaType: "text/plain",
  sha256: source,
  sizeBytes: 1,
  pageCount: null,
  accessGroups: [],
  metadata: {},
  warnings: [],
});

const chunk = (ordinal: number, text: string) => ({
  ordinal,
  text,
  pageStart: null,
  pageEnd: null,
  headingPath: [],
  pageSpans: [],
  charStart: 0,
  charEnd: text.length,
});

/** Publishes `documents` documents of `perDocument` chunks each, plus one staged (never published) document. */
async function fill(documents: number, perDocument: number): Promise<string[]> {
  const collectionId = await store.ensureCollection("c");
  const ids: string[] = [];
  for (let d = 0; d < documents; d++) {
    const input = version(collectionId, `doc-${d}.txt`);
    const chunks = Array.from({ length: perDocument }, (_, o) => chunk(o, `문서 ${d} 조각 ${o} marker${d}x${o}`));
    const staged = await store.stageVersion(input, chunks, chunkId);
    await store.publishVersion(staged.documentId, staged.version, input, chunks.length);
    for (let o = 0; o < perDocument; o++) ids.push(chunkId(staged.documentId, staged.version, o));
  }
  await store.stageVersion(version(collectionId, "unpublished.txt"), [chunk(0, "never visible")], chunkId);
  return ids.sort();
}

/** The embedded index, with every upsert's chunk ids recorded and the `failAt`-th upsert (1-based) refused. */
function recording(inner: SearchIndex, failAt?: number): { index: SearchIndex; upserted: string[][] } {
  const upserted: string[][] = [];
  return {
    upserted,
    index: {
      ...inner,
      async upsert(points: readonly IndexPoint[]) {
        upserted.push(points.map((point) => point.chunkId));
        if (upserted.length === failAt) throw new Error("disk full");
        await inner.upsert(points);
      },
    },
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jikji-reindex-"));
  handle = await openPglite(null);
  store = createStore(handle.db);
  index = createEmbeddedIndex({ dir });
  await index.open(null);
});

afterEach(async () => {
  await index.close();
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

describe("reindex", () => {
  it("writes every visible chunk once, in batches that need not line up with the store's pages", async () => {
    const ids = await fill(5, 5);
    const { index: spy, upserted } = recording(index);
    const progress: number[] = [];
    const { chunks } = await reindex({ store, index: spy, embedder: null }, (done) => progress.push(done), { readPage: 3, writeBatch: 7 });
    expect(chunks).toBe(25);
    expect(upserted.flat().sort()).toEqual(ids);
    // Read 3 at a time and written once 7 have gathered: every write but the last holds at least 7.
    expect(upserted.slice(0, -1).every((batch) => batch.length >= 7)).toBe(true);
    expect(upserted.length).toBeLessThan(25 / 3);
    expect(progress.at(-1)).toBe(25);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect((await index.open(null)).points).toBe(25);
    expect((await index.documentVersions()).length).toBe(5);
  });

  it("fails with the index's error when a write fails while the next page is being read", async () => {
    await fill(4, 5);
    const { index: failing, upserted } = recording(index, 2);
    await expect(reindex({ store, index: failing, embedder: null }, undefined, { readPage: 2, writeBatch: 4 })).rejects.toThrow("disk full");
    // It stops at the failure instead of reading and writing the rest.
    expect(upserted.length).toBeLessThanOrEqual(3);
  });

  it("leaves an index that a stopped rebuild left part-filled refusing to open, naming jikji reindex, until a rebuild finishes (qa3)", async () => {
    const ids = await fill(4, 5);
    // The first rebuild stops at its second write (a crash, a full disk): the store still holds 20 chunks.
    const { index: failing } = recording(index, 2);
    await expect(reindex({ store, index: failing, embedder: null }, undefined, { readPage: 2, writeBatch: 4 })).rejects.toThrow("disk full");
    await index.close();

    // The next process must not search an index missing most documents as if it were whole.
    index = createEmbeddedIndex({ dir });
    await expect(index.open(null)).rejects.toMatchObject({ name: "IndexUnavailableError", message: expect.stringMatching(/incomplete.*jikji reindex/s) });

    // A rebuild that finishes clears it.
    await reindex({ store, index, embedder: null });
    await index.close();
    index = createEmbeddedIndex({ dir });
    expect((await index.open(null)).points).toBe(ids.length);
  });

  it("indexes a chunk again by the table header row it was stored with", async () => {
    const collectionId = await store.ensureCollection("c");
    const input = version(collectionId, "rates.md");
    const rows = { ...chunk(0, "햇살정기예금 | 36개월 | 연 3.65%"), tableHeader: "상품명 | 가입기간 | 기본금리" };
    const staged = await store.stageVersion(input, [rows], chunkId);
    await store.publishVersion(staged.documentId, staged.version, input, 1);
    const points: IndexPoint[] = [];
    const spy: SearchIndex = { ...index, upsert: async (batch: readonly IndexPoint[]) => void points.push(...batch) };
    await reindex({ store, index: spy, embedder: null });
    const terms = points[0]!.terms;
    for (const term of queryTerms("기본금리")) expect(terms.has(term), term).toBe(true);
  });
});
