import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deleteDocument, ingestFile } from "../../src/ingest/ingest.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { chunkId } from "../../src/ingest/ids.ts";
import { HydrationCache, inForceOn, type CachedChunk } from "../../src/store/hydration-cache.ts";
import { openPglite } from "../../src/store/pglite.ts";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { createStore, type NewDocumentVersion, type Store } from "../../src/store/store.ts";
import { canRead } from "../../src/access/scope.ts";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";

function row(id: string, documentId: string, text: string, collectionId = "c1"): CachedChunk {
  return {
    visible: {
      chunk: {
        id,
        documentId,
        version: 1,
        ordinal: 0,
        text,
        pageStart: null,
        pageEnd: null,
        headingPath: [],
        clausePath: null,
        tableHeader: null,
        pageSpans: [],
        charStart: 0,
        charEnd: text.length,
        role: "body",
      },
      document: { id: documentId, source: "a.md", title: null, accessGroups: [], status: "ready" },
      collection: "기본",
      collectionGroups: [],
    },
    collectionId,
    effectiveFrom: null,
    effectiveTo: null,
    hasOlder: false,
  };
}

describe("HydrationCache", () => {
  it("drops the least recently used rows once its bytes are passed", () => {
    // Each row weighs 2 × 1,000 characters plus the allowance: three fit in 8,000 bytes, four do not.
    const cache = new HydrationCache(8_000);
    for (const id of ["a", "b", "c"]) cache.put(cache.generation, row(id, "d", "x".repeat(1_000)));
    expect(cache.stats().rows).toBe(3);
    expect(cache.get("a")).toBeDefined(); // "a" is now the most recent; "b" the least.
    cache.put(cache.generation, row("e", "d", "x".repeat(1_000)));
    expect(cache.get("b")).toBeUndefined();
    expect(["a", "c", "e"].map((id) => cache.get(id) !== undefined)).toEqual([true, true, true]);
    expect(cache.stats().bytes).toBeLessThanOrEqual(8_000);
    // A row larger than the whole budget is not kept, and takes nothing out.
    cache.put(cache.generation, row("huge", "d", "x".repeat(10_000)));
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.stats().rows).toBe(3);
  });

  it("keeps no row read before an invalidation, and drops rows by document and by collection", () => {
    const cache = new HydrationCache(1 << 20);
    const before = cache.generation;
    cache.invalidateDocument("other");
    cache.put(before, row("late", "d1", "old text"));
    expect(cache.get("late")).toBeUndefined();
    cache.put(cache.generation, row("a", "d1", "a", "c1"));
    cache.put(cache.generation, row("b", "d2", "b", "c1"));
    cache.put(cache.generation, row("c", "d3", "c", "c2"));
    cache.invalidateDocument("d1");
    expect([cache.get("a"), cache.get("b") !== undefined, cache.get("c") !== undefined]).toEqual([undefined, true, true]);
    cache.invalidateCollection("c1");
    expect([cache.get("b"), cache.get("c") !== undefined]).toEqual([undefined, true]);
    cache.clear();
    expect(cache.stats()).toMatchObject({ rows: 0, bytes: 0 });
  });

  it("decides the day as the store's SQL does", () => {
    const version = (effectiveFrom: string | null, effectiveTo: string | null, hasOlder: boolean) => ({ effectiveFrom, effectiveTo, hasOlder });
    expect(inForceOn(version(null, null, false), "2025-01-01")).toBe(true);
    expect(inForceOn(version("2025-03-01", null, true), "2025-02-28")).toBe(false);
    expect(inForceOn(version("2025-03-01", null, true), "2025-03-01")).toBe(true);
    // The earliest kept version is in force before its first day too.
    expect(inForceOn(version("2025-03-01", "2025-06-01", false), "2025-02-28")).toBe(true);
    expect(inForceOn(version("2025-03-01", "2025-06-01", false), "2025-06-01")).toBe(false);
    expect(inForceOn(version(null, "2025-06-01", false), "2025-05-31")).toBe(true);
  });

  it("hands out kept rows frozen, so no caller can change what later searches see", () => {
    const cache = new HydrationCache(1 << 20);
    cache.put(cache.generation, row("a", "d", "text"));
    const kept = cache.get("a")!;
    expect(() => (kept.visible.chunk.headingPath as string[]).push("x")).toThrow(TypeError);
    expect(() => ((kept.visible.chunk as { text: string }).text = "other")).toThrow(TypeError);
    expect(() => (kept.visible.document.accessGroups as string[]).push("hr")).toThrow(TypeError);
    expect(cache.get("a")!.visible.chunk.text).toBe("text");
  });

  it("refuses a size that is not a positive number", () => {
    expect(() => new HydrationCache(0)).toThrow(/positive/);
  });
});

describe("JIKJI_HYDRATION_CACHE", () => {
  it("is on with the embedded store unless turned off, off with DATABASE_URL, sizes in MB, and refuses a shared store or a bad value by name", () => {
    expect(loadConfig({}, {}).hydrationCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ JIKJI_HYDRATION_CACHE: "" }, {}).hydrationCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ JIKJI_HYDRATION_CACHE_MB: "16" }, {}).hydrationCacheBytes).toBe(16 * 1024 * 1024);
    expect(loadConfig({ DATABASE_URL: "postgres://x/y" }, {}).hydrationCacheBytes).toBeNull();
    expect(loadConfig({ JIKJI_HYDRATION_CACHE: "off", DATABASE_URL: "postgres://x/y" }, {}).hydrationCacheBytes).toBeNull();
    expect(loadConfig({ JIKJI_HYDRATION_CACHE: "off" }, {}).hydrationCacheBytes).toBeNull();
    expect(loadConfig({ JIKJI_HYDRATION_CACHE: "on" }, {}).hydrationCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ JIKJI_HYDRATION_CACHE: "ON", JIKJI_HYDRATION_CACHE_MB: "8" }, {}).hydrationCacheBytes).toBe(8 * 1024 * 1024);
    expect(() => loadConfig({ JIKJI_HYDRATION_CACHE: "yes" }, {})).toThrow(/JIKJI_HYDRATION_CACHE/);
    expect(() => loadConfig({ JIKJI_HYDRATION_CACHE: "on", JIKJI_HYDRATION_CACHE_MB: "0" }, {})).toThrow(/JIKJI_HYDRATION_CACHE_MB/);
    expect(() => loadConfig({ JIKJI_HYDRATION_CACHE: "on", DATABASE_URL: "postgres://x/y" }, {})).toThrow(ConfigError);
  });
});

function version(collectionId: string, source: string, sha256: string, accessGroups: string[] = []): NewDocumentVersion {
  return {
    collectionId,
    source,
    title: source,
    mediaType: "text/markdown",
    sha256,
    sizeBytes: 10,
    pageCount: null,
    accessGroups,
    metadata: {},
    warnings: [],
  };
}

function pieces(texts: string[]) {
  return texts.map((text, ordinal) => ({
    ordinal,
    text,
    pageStart: null,
    pageEnd: null,
    headingPath: [],
    clausePath: null,
    pageSpans: [],
    charStart: 0,
    charEnd: text.length,
  }));
}

/**
 * Two stores on one database, one with the cache: after every write, each asks for every chunk id either has seen,
 * on several days, and both must answer the same rows. The cached store has read them all before each write, so a
 * row the write changed would be served stale if it were not dropped.
 */
describe("the hydration cache behind the store", () => {
  let handle: DatabaseHandle;
  let cached: Store;
  let plain: Store;
  let cache: HydrationCache;
  let collectionId: string;
  const ids = new Set<string>();
  const days = [undefined, "2024-01-01", "2025-03-01", "2025-06-01", "2099-01-01"];

  beforeEach(async () => {
    handle = await openPglite(null);
    cache = new HydrationCache(1 << 20);
    cached = createStore(handle.db, { statements: handle.statements, hydrationCache: cache });
    plain = createStore(handle.db, { statements: handle.statements });
    collectionId = await cached.ensureCollection("기본");
    ids.clear();
  });
  afterEach(async () => {
    await handle.close();
  });

  const byId = (map: Awaited<ReturnType<Store["visibleChunks"]>>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  async function agree(): Promise<number> {
    let seen = 0;
    for (const day of days) {
      // Twice: the first fills what was dropped, the second answers from the cache.
      for (let run = 0; run < 2; run++) {
        const fromCache = await cached.visibleChunks([...ids], day);
        expect(byId(fromCache)).toEqual(byId(await plain.visibleChunks([...ids], day)));
        seen += fromCache.size;
      }
    }
    return seen;
  }
  async function publish(source: string, texts: string[], options = { keepHistory: false, effectiveFrom: null as string | null }, groups: string[] = []) {
    const input = version(collectionId, source, `${source}${texts.join()}`, groups);
    const staged = await cached.stageVersion(input, pieces(texts), chunkId);
    for (const ordinal of texts.keys()) ids.add(chunkId(staged.documentId, staged.version, ordinal));
    // Between stage and publish, so what publishing changes is cached when it happens.
    await agree();
    await cached.publishVersion(staged.documentId, staged.version, input, texts.length, options);
    return staged;
  }

  it("never serves a row a write changed: publish, history, stage, discard, delete, collection settings and groups", async () => {
    const first = await publish("a.md", ["하나", "둘"]);
    await publish("b.md", ["셋"]);
    expect(await agree()).toBeGreaterThan(0);
    expect(cache.stats().hits).toBeGreaterThan(0);

    // A new version without history: the old chunks go.
    await publish("a.md", ["하나 고침", "둘 고침", "넷"]);
    await agree();
    // With history from a day on: the old version stays in force before it.
    await publish("a.md", ["다섯"], { keepHistory: true, effectiveFrom: "2025-03-01" });
    await agree();
    await publish("a.md", ["여섯"], { keepHistory: true, effectiveFrom: "2025-06-01" });
    expect(await agree()).toBeGreaterThan(0);

    // Staging drops the document's rows, and a discarded version's number staged again gives its ids other text.
    const staged = await cached.stageVersion(version(collectionId, "b.md", "s1"), pieces(["스테이징"]), chunkId);
    ids.add(chunkId(staged.documentId, staged.version, 0));
    expect([...ids].some((id) => cache.get(id)?.visible.document.id === staged.documentId)).toBe(false);
    await agree();
    await cached.discardStagedVersion(staged.documentId);
    await agree();
    const again = await cached.stageVersion(version(collectionId, "b.md", "s2"), pieces(["다른 글"]), chunkId);
    expect(again.version).toBe(staged.version);
    await cached.publishVersion(again.documentId, again.version, version(collectionId, "b.md", "s2"), 1);
    await agree();
    expect((await cached.visibleChunks([chunkId(again.documentId, again.version, 0)])).get(chunkId(again.documentId, again.version, 0))?.chunk.text).toBe("다른 글");

    // Collection settings and default groups: the rows carry the groups access is checked against.
    await cached.updateCollectionSettings(collectionId, { keepHistory: true });
    await agree();
    const id = chunkId(first.documentId, 1, 0);
    await publish("c.md", ["그룹 없는 글"]);
    await agree();
    const plainId = [...ids].at(-1)!;
    const readable = async () => {
      const found = (await cached.visibleChunks([plainId])).get(plainId)!;
      return canRead(
        { collections: null, groups: ["hr"], ungrouped: "collection" },
        { collection: found.collection, accessGroups: found.document.accessGroups, collectionGroups: found.collectionGroups },
      );
    };
    expect(await readable()).toBe(false);
    await cached.setCollectionDefaultGroups("기본", ["hr"]);
    await agree();
    expect(await readable()).toBe(true);
    await cached.setCollectionDefaultGroups("기본", []);
    expect(await readable()).toBe(false);
    await agree();

    // Deleting a document drops its rows.
    await cached.deleteDocument(first.documentId);
    await agree();
    expect((await cached.visibleChunks([id])).size).toBe(0);
    expect([...ids].every((chunk) => cache.get(chunk)?.visible.document.id !== first.documentId)).toBe(true);
  });

  it("refuses to sit on a shared store, whose other writers it would not hear", () => {
    expect(() => createStore(handle.db, { shared: true, hydrationCache: new HydrationCache(1024) })).toThrow(/hydration cache/);
  });
});

describe("search through serve's runtime with JIKJI_HYDRATION_CACHE=on", () => {
  let root: string;
  let jikji: Jikji;
  let collectionId: string;
  const ingest = (source: string, text: string) =>
    ingestFile(jikji, { collectionId, collection: "default", source, bytes: new TextEncoder().encode(text), accessGroups: [] });

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-hydration-cache-"));
    jikji = await openJikji(loadConfig({ JIKJI_HYDRATION_CACHE: "on" }, { dataDir: path.join(root, "data") }), { scanIndex: false });
    collectionId = await jikji.store.ensureCollection("default");
    await ingest("blocks.md", "# Blocks\n\nThe default block size is 900 k, chosen with bzip2 -9.\n");
    await ingest("memory.md", "# Memory\n\nSmaller block sizes use less memory when compressing.\n");
  }, 120_000);

  afterAll(async () => {
    await jikji?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it("shows a re-ingested document's new text and nothing of a deleted one, from the first search after each write", async () => {
    const query = "default block size";
    const texts = async () => (await jikji.search({ query, k: 5, filter: {} })).hits.map((hit) => hit.text).join("\n");
    expect(await texts()).toContain("900 k");
    expect(await texts()).toContain("900 k"); // now from the cache

    await ingest("blocks.md", "# Blocks\n\nThe default block size is now 100 k, chosen with bzip2 -1 for speed.\n");
    expect(await texts()).toContain("100 k");
    expect(await texts()).not.toContain("900 k");

    const blocks = (await jikji.store.findDocumentsBySource("blocks.md"))[0]!;
    expect(await deleteDocument(jikji, blocks.id)).toBe(true);
    const after = await jikji.search({ query, k: 5, filter: {} });
    expect(after.hits.map((hit) => hit.source)).not.toContain("blocks.md");
    expect(after.hits.length).toBeGreaterThan(0);
  }, 120_000);
});
