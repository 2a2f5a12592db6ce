import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { createStore, type NewDocumentVersion, type Store } from "../../src/store/store.ts";
import { chunkId } from "../../src/ingest/ids.ts";
import { databaseTargets } from "../helpers/databases.ts";

function version(collectionId: string, source: string, sha256: string): NewDocumentVersion {
  return {
    collectionId,
    source,
    title: "운영 지침",
    mediaType: "text/markdown",
    sha256,
    sizeBytes: 100,
    pageCount: null,
    accessGroups: ["hr"],
    metadata: { 부서: "인사팀" },
    warnings: [],
  };
}

function chunkRows(texts: string[]) {
  return texts.map((text, ordinal) => ({
    ordinal,
    text,
    pageStart: ordinal + 1,
    pageEnd: ordinal + 1,
    headingPath: ["제1장 총칙"],
    clausePath: `제${ordinal + 1}조(목적)`,
    pageSpans: [{ start: 0, page: ordinal + 1 }],
    charStart: ordinal * 10,
    charEnd: ordinal * 10 + text.length,
  }));
}

describe.each(databaseTargets)("store on $name", (target) => {
  let handle: DatabaseHandle;
  let store: Store;
  let collectionId: string;

  beforeEach(async () => {
    handle = await target.open();
    store = createStore(handle.db);
    collectionId = await store.ensureCollection("기본");
  });
  afterEach(async () => {
    await handle.close();
  });

  it("creates a collection once, whatever the number of calls", async () => {
    expect(await store.ensureCollection("기본")).toBe(collectionId);
    expect(await store.findCollection("기본")).toBe(collectionId);
    expect(await store.findCollection("없음")).toBeNull();
    expect((await store.listCollections()).map((c) => c.name)).toEqual(["기본"]);
  });

  it("keeps a new document invisible until its version is published", async () => {
    const input = version(collectionId, "guide.md", "a".repeat(64));
    const staged = await store.stageVersion(input, chunkRows(["첫째 문단", "둘째 문단"]), chunkId);
    expect(staged).toMatchObject({ version: 1, isNew: true });
    const ids = [0, 1].map((ordinal) => chunkId(staged.documentId, 1, ordinal));
    expect((await store.visibleChunks(ids)).size).toBe(0);

    await store.publishVersion(staged.documentId, 1, input, 2);
    const visible = await store.visibleChunks(ids);
    expect(visible.size).toBe(2);
    const first = visible.get(ids[0]!)!;
    expect(first.chunk).toMatchObject({
      text: "첫째 문단",
      pageStart: 1,
      headingPath: ["제1장 총칙"],
      clausePath: "제1조(목적)",
      pageSpans: [{ start: 0, page: 1 }],
    });
    expect(first.document).toMatchObject({ status: "ready", accessGroups: ["hr"], metadata: { 부서: "인사팀" } });
    expect(first.collection).toBe("기본");
  });

  it("replaces a version atomically: the old one stays visible until the new one is published", async () => {
    const v1 = version(collectionId, "guide.md", "a".repeat(64));
    const first = await store.stageVersion(v1, chunkRows(["옛 내용"]), chunkId);
    await store.publishVersion(first.documentId, 1, v1, 1);

    const v2 = version(collectionId, "guide.md", "b".repeat(64));
    const second = await store.stageVersion(v2, chunkRows(["새 내용", "추가 내용"]), chunkId);
    expect(second).toMatchObject({ documentId: first.documentId, version: 2, isNew: false });
    const oldId = chunkId(first.documentId, 1, 0);
    const newIds = [0, 1].map((ordinal) => chunkId(first.documentId, 2, ordinal));
    expect([...(await store.visibleChunks([oldId, ...newIds])).keys()]).toEqual([oldId]);

    await store.publishVersion(first.documentId, 2, v2, 2);
    expect([...(await store.visibleChunks([oldId, ...newIds])).keys()].sort()).toEqual([...newIds].sort());
    expect(await store.chunksOfDocument(first.documentId, 1)).toEqual([]);
    expect((await store.getDocument(first.documentId))?.sha256).toBe("b".repeat(64));
  });

  it("discards a staged replacement and keeps the published version intact", async () => {
    const v1 = version(collectionId, "guide.md", "a".repeat(64));
    const first = await store.stageVersion(v1, chunkRows(["옛 내용"]), chunkId);
    await store.publishVersion(first.documentId, 1, v1, 1);
    await store.stageVersion(version(collectionId, "guide.md", "b".repeat(64)), chunkRows(["새 내용"]), chunkId);
    expect(await store.documentsWithStagedVersions()).toHaveLength(1);

    await store.discardStagedVersion(first.documentId);
    expect(await store.documentsWithStagedVersions()).toHaveLength(0);
    const document = await store.getDocument(first.documentId);
    expect(document).toMatchObject({ version: 1, status: "ready", sha256: "a".repeat(64) });
    expect((await store.chunksOfDocument(first.documentId, 1)).map((c) => c.text)).toEqual(["옛 내용"]);
    expect(await store.chunksOfDocument(first.documentId, 2)).toEqual([]);
  });

  it("removes a never-published document entirely when its staging is discarded", async () => {
    const staged = await store.stageVersion(version(collectionId, "new.md", "c".repeat(64)), chunkRows(["x"]), chunkId);
    await store.discardStagedVersion(staged.documentId);
    expect(await store.getDocument(staged.documentId)).toBeNull();
  });

  it("deletes a document with its chunks", async () => {
    const input = version(collectionId, "guide.md", "a".repeat(64));
    const staged = await store.stageVersion(input, chunkRows(["내용"]), chunkId);
    await store.publishVersion(staged.documentId, 1, input, 1);
    expect(await store.deleteDocument(staged.documentId)).toBe(true);
    expect(await store.deleteDocument(staged.documentId)).toBe(false);
    expect(await store.chunksOfDocument(staged.documentId, 1)).toEqual([]);
    expect(await store.counts()).toEqual({ documents: 0, chunks: 0 });
  });

  it("pages through visible chunks in a stable order for reindexing", async () => {
    const input = version(collectionId, "guide.md", "a".repeat(64));
    const staged = await store.stageVersion(input, chunkRows(["가", "나", "다", "라", "마"]), chunkId);
    await store.publishVersion(staged.documentId, 1, input, 5);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await store.visibleChunksPage(after, 2);
      if (page.length === 0) break;
      seen.push(...page.map((row) => row.chunk.text));
      after = page.at(-1)!.chunk.id;
    }
    expect(seen.sort()).toEqual(["가", "나", "다", "라", "마"]);
  });

  it("records jobs with counters, inputs and outcomes", async () => {
    const job = await store.createJob(collectionId, 2);
    expect(job.status).toBe("queued");
    expect((await store.unfinishedJobs()).map((j) => j.id)).toEqual([job.id]);
    await store.setJobInputs(job.id, [{ source: "a.pdf", upload: `${job.id}-0` }], ["legal"]);
    await store.updateJob(job.id, {
      status: "partial",
      counters: { ...job.counters, filesDone: 2, ingested: 1, failed: 1 },
      files: [
        { source: "a.pdf", action: "ingested" },
        { source: "b.pdf", action: "failed", error: "encrypted" },
      ],
    });
    const done = await store.getJob(job.id);
    expect(done).toMatchObject({ status: "partial", accessGroups: ["legal"], inputs: [{ source: "a.pdf" }] });
    expect(done?.finishedAt).toBeInstanceOf(Date);
    expect(await store.unfinishedJobs()).toEqual([]);
  });
});
