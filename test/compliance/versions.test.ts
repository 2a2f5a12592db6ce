import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFile, reconcile, reindex } from "../../src/ingest/ingest.ts";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";
import { createSearch } from "../../src/retrieve/search.ts";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { createStore, type Store } from "../../src/store/store.ts";

const encoder = new TextEncoder();

function travelRules(dailyAllowance: string, effective: string): Uint8Array {
  return encoder.encode(
    [
      "# 여비규정",
      "제1조(목적) 이 규정은 임직원의 출장 여비 지급에 관한 사항을 정함을 목적으로 한다.",
      `제5조(일비) ① 국내 출장의 일비는 1일 ${dailyAllowance}으로 한다.`,
      "② 당일 출장의 일비는 제1항에 따른 금액의 2분의 1로 한다.",
      "부칙",
      `이 규정은 ${effective}부터 시행한다.`,
    ].join("\n\n"),
  );
}

let dir: string;
let handle: DatabaseHandle;
let store: Store;
let index: SearchIndex;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-versions-"));
  handle = await openPglite(path.join(dir, "pg"));
  store = createStore(handle.db);
  index = createEmbeddedIndex({ dir: path.join(dir, "index") });
  await index.open(null);
});

afterEach(async () => {
  await index.close();
  await handle.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function ingest(collection: string, bytes: Uint8Array, effectiveFrom?: string) {
  const collectionId = await store.ensureCollection(collection);
  return ingestFile(
    { store, index, embedder: null },
    { collectionId, collection, source: "여비규정.md", bytes, accessGroups: [], ...(effectiveFrom ? { effectiveFrom } : {}) },
  );
}

async function allowanceOn(asOf?: string): Promise<string | undefined> {
  const search = createSearch({ store, index, embedder: null });
  const result = await search({ query: "국내 출장 일비 금액", k: 3, filter: asOf ? { asOf } : {} });
  return result.hits.find((hit) => hit.clausePath === "제5조(일비) 제1항")?.text;
}

describe("versions in a collection that keeps history", () => {
  it("answers from the version in force on each day, lists the versions, and survives reconcile and reindex", async () => {
    const collectionId = await store.ensureCollection("규정");
    await store.updateCollectionSettings(collectionId, { keepHistory: true });
    const first = await ingest("규정", travelRules("2만원", "2024년 1월 1일"));
    const second = await ingest("규정", travelRules("3만원", "2025년 3월 1일"));
    expect(second.documentId).toBe(first.documentId);

    const versions = await store.listVersions(first.documentId);
    expect(versions.map((row) => [row.version, row.effectiveFrom, row.effectiveTo])).toEqual([
      [1, "2024-01-01", "2025-03-01"],
      [2, "2025-03-01", null],
    ]);

    expect(await allowanceOn("2024-06-30")).toContain("2만원");
    expect(await allowanceOn("2025-02-28")).toContain("2만원");
    expect(await allowanceOn("2025-03-01")).toContain("3만원");
    expect(await allowanceOn()).toContain("3만원");
    // Before the first version's recorded start, the first version is what there is.
    expect(await allowanceOn("2020-01-01")).toContain("2만원");

    // A start-up reconcile must not take the history for orphaned points.
    expect(await reconcile({ store, index }, { scanIndex: true })).toEqual({ discarded: 0, orphanVersions: 0 });
    expect(await allowanceOn("2024-06-30")).toContain("2만원");

    await reindex({ store, index, embedder: null });
    expect(await allowanceOn("2024-06-30")).toContain("2만원");
    expect(await allowanceOn("2025-06-30")).toContain("3만원");
  });

  it("takes the effective date given with the upload over the one in the text", async () => {
    const collectionId = await store.ensureCollection("규정");
    await store.updateCollectionSettings(collectionId, { keepHistory: true });
    await ingest("규정", travelRules("2만원", "2024년 1월 1일"));
    const second = await ingest("규정", travelRules("4만원", "2025년 3월 1일"), "2025-07-01");
    const versions = await store.listVersions(second.documentId);
    expect(versions.map((row) => [row.effectiveFrom, row.effectiveTo])).toEqual([
      ["2024-01-01", "2025-07-01"],
      ["2025-07-01", null],
    ]);
    expect(await allowanceOn("2025-06-30")).toContain("2만원");
    expect(await allowanceOn("2025-07-01")).toContain("4만원");
  });

  it("a staged version discarded after a crash leaves the history searchable", async () => {
    const collectionId = await store.ensureCollection("규정");
    await store.updateCollectionSettings(collectionId, { keepHistory: true });
    await ingest("규정", travelRules("2만원", "2024년 1월 1일"));
    const second = await ingest("규정", travelRules("3만원", "2025년 3월 1일"));
    // A third version staged and indexed, then the process dies before publish.
    const staged = await store.stageVersion(
      {
        collectionId,
        source: "여비규정.md",
        title: null,
        mediaType: "text/markdown",
        sha256: "f".repeat(64),
        sizeBytes: 1,
        pageCount: null,
        accessGroups: [],
        metadata: {},
        warnings: [],
      },
      [{ ordinal: 0, text: "제5조(일비) ① 일비는 9만원", headingPath: [], clausePath: "제5조(일비) 제1항", pageStart: null, pageEnd: null, pageSpans: [], charStart: 0, charEnd: 10 }],
      (documentId, version, ordinal) => `00000000-0000-4000-8000-${String(version).padStart(6, "0")}${String(ordinal).padStart(6, "0")}`,
    );
    expect(staged.version).toBe(3);
    expect(await reconcile({ store, index }, { scanIndex: true })).toMatchObject({ discarded: 1 });
    expect((await store.listVersions(second.documentId)).map((row) => row.version)).toEqual([1, 2]);
    expect(await allowanceOn("2024-06-30")).toContain("2만원");
    expect(await allowanceOn()).toContain("3만원");
  });
});

describe("versions in an ordinary collection", () => {
  it("replace the old version, which no date brings back", async () => {
    await ingest("default", travelRules("2만원", "2024년 1월 1일"));
    const second = await ingest("default", travelRules("3만원", "2025년 3월 1일"));
    expect((await store.listVersions(second.documentId)).map((row) => row.version)).toEqual([2]);
    expect(await allowanceOn("2024-06-30")).toContain("3만원");
    expect((await index.documentVersions()).map((entry) => entry.version)).toEqual([2]);
  });
});
