import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deleteDocument, ingestFile } from "../../src/ingest/ingest.ts";
import { createOriginalStore } from "../../src/ingest/originals.ts";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import type { SearchIndex, UpsertOptions } from "../../src/retrieve/index/port.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { createStore, type Store } from "../../src/store/store.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("index writes of ingested documents", () => {
  let root: string;
  let handle: DatabaseHandle;
  let store: Store;
  let real: SearchIndex;
  /** The real embedded index, noting the options of each upsert it is given. */
  let index: SearchIndex;
  let upserts: Array<UpsertOptions | undefined>;
  let collectionId: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-append-"));
    handle = await openPglite(null);
    store = createStore(handle.db);
    real = createEmbeddedIndex({ dir: path.join(root, "index") });
    await real.open(null);
    upserts = [];
    index = { ...real, upsert: (points, options) => (upserts.push(options), real.upsert(points, options)) };
    collectionId = await store.ensureCollection("default");
  });

  afterEach(async () => {
    await real.close();
    await handle.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  const ingest = (source: string, text: string, force = false) =>
    ingestFile({ store, index, embedder: null }, { collectionId, collection: "default", source, bytes: utf8(text), accessGroups: [], force });

  const pointsOf = async (documentId: string) => (await real.documentVersions()).filter((pair) => pair.documentId === documentId);
  const found = async (question: string) => (await real.search({ terms: queryTerms(question), filter: {}, limit: 10 })).map((hit) => hit.chunkId);

  it("refuses a saved page whose text is in a frame, saying where the text is", async () => {
    await expect(ingest("notice.html", `<html><body><iframe src="faq_list.do"></iframe></body></html>`)).rejects.toThrow(
      "notice.html contains no text to index: its text is in a frame (faq_list.do), a page of its own: index that page",
    );
  });

  it("appends a new document's points, and a new version of it replaces them: nothing is held twice", async () => {
    const first = await ingest("leave.md", "# 휴가\n\n연차 휴가는 열다섯 날이다.\n\n# 출장\n\n출장비는 실비로 정산한다.");
    expect(upserts).toEqual([{ allNew: true }]);
    expect((await real.stats()).points).toBe(first.chunks);

    const second = await ingest("leave.md", "# 휴가\n\n연차 휴가는 스무 날이다.\n\n# 출장\n\n출장비는 정액으로 지급한다.\n\n# 교육\n\n교육비를 지원한다.");
    expect(second.documentId).toBe(first.documentId);
    // The known document's next version is merged, not appended.
    expect(upserts[1]).toBeUndefined();
    expect(await pointsOf(first.documentId)).toEqual([{ documentId: first.documentId, version: 2 }]);
    expect((await real.stats()).points).toBe(second.chunks);
    expect(await found("스무 날")).toHaveLength(1);
    expect(await found("열다섯")).toEqual([]);

    // A forced re-ingest of the same bytes is a new version of a known document too.
    await ingest("leave.md", "# 휴가\n\n연차 휴가는 스무 날이다.\n\n# 출장\n\n출장비는 정액으로 지급한다.\n\n# 교육\n\n교육비를 지원한다.", true);
    expect(upserts[2]).toBeUndefined();
    expect((await real.stats()).points).toBe(second.chunks);
  });

  it("leaves nothing twice when a new document's appended points were written but its ingest failed, and it is retried", async () => {
    // The points reach the index, then the write reports failure (a crash of the call after LanceDB committed).
    const writesThenFails: SearchIndex = {
      ...index,
      upsert: async (points, options) => {
        await index.upsert(points, options);
        throw new Error("connection reset");
      },
    };
    await expect(
      ingestFile({ store, index: writesThenFails, embedder: null }, { collectionId, collection: "default", source: "a.txt", bytes: utf8("첫 문서."), accessGroups: [] }),
    ).rejects.toThrow(/connection reset/);
    // The rollback took the never-published document's row and its points away; the retry is a new document again.
    expect((await real.stats()).points).toBe(0);
    const retried = await ingest("a.txt", "첫 문서.");
    expect(upserts).toEqual([{ allNew: true }, { allNew: true }]);
    expect((await real.stats()).points).toBe(retried.chunks);
    expect(await pointsOf(retried.documentId)).toEqual([{ documentId: retried.documentId, version: 1 }]);
  });

  it("a delete that arrives while a new version is being indexed waits for it, then removes the document whole", async () => {
    const originalsDir = path.join(root, "originals");
    const originals = createOriginalStore(originalsDir);
    const file = (text: string) => ({ collectionId, collection: "default", source: "notice.md", bytes: utf8(text), accessGroups: [] });
    const first = await ingestFile({ store, index: real, embedder: null, originals }, file("# 공지\n\n점검은 월요일에 한다."));

    // The next version's index write waits until the delete has been asked for (the library's delete button).
    let reached!: () => void;
    const atUpsert = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const paused: SearchIndex = {
      ...real,
      upsert: async (points, options) => {
        reached();
        await gate;
        return real.upsert(points, options);
      },
    };
    const second = ingestFile({ store, index: paused, embedder: null, originals }, file("# 공지\n\n점검은 화요일에 한다."));
    await atUpsert;
    const deleting = deleteDocument({ store, index: real, originals }, first.documentId);
    // The delete gets every chance to run ahead of the paused ingest (it must wait for it instead).
    await Promise.race([deleting, new Promise((resolve) => setTimeout(resolve, 500))]);
    release();

    // The ingest that was under way finishes as it began; the delete then takes it, its points and its original.
    expect((await second).action).toBe("ingested");
    expect(await deleting).toBe(true);
    expect(await store.getDocument(first.documentId)).toBeNull();
    expect(await pointsOf(first.documentId)).toEqual([]);
    expect(await fs.readdir(originalsDir)).toEqual([]);
  });
});
