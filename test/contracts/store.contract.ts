import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { sql } from "drizzle-orm";
import { FILE_PART_BYTES } from "../../src/store/shared.ts";
import { HydrationCache } from "../../src/store/hydration-cache.ts";
import { createStore, EMPTY_COUNTERS, type NewDocumentVersion, type Store } from "../../src/store/store.ts";
import { chunkId } from "../../src/ingest/ids.ts";
import { createAccessStore, type AccessStore } from "../../src/store/access-store.ts";
import { readScope } from "../../src/access/scope.ts";
import { makePrincipal } from "../../src/access/principal.ts";
import { ConflictError } from "../../src/errors.ts";

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
    // The second chunk begins inside a table whose header row lies before it; the others give none (read back as null).
    ...(ordinal === 1 ? { tableHeader: "구분 | 수수료" } : {}),
    pageSpans: [{ start: 0, page: ordinal + 1 }],
    charStart: ordinal * 10,
    charEnd: ordinal * 10 + text.length,
  }));
}

/**
 * The Store contract: every driver (PGlite, PostgreSQL) runs these same cases through the same repository code,
 * so neither can drift. Run from test/store/store.test.ts for each available database.
 */
export function storeContract(name: string, open: () => Promise<DatabaseHandle>, options: { hydrationCache?: boolean } = {}): void {
  describe(`store on ${name}${options.hydrationCache ? " with the hydration cache" : ""}`, () => {
    let handle: DatabaseHandle;
    let store: Store;
    let access: AccessStore;
    let collectionId: string;

    beforeEach(async () => {
      handle = await open();
      store = createStore(handle.db, {
        shared: handle.kind === "postgres",
        statements: handle.statements,
        hydrationCache: options.hydrationCache ? new HydrationCache(1024 * 1024) : null,
      });
      access = createAccessStore(handle.db);
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
        tableHeader: null,
        pageSpans: [{ start: 0, page: 1 }],
      });
      expect(visible.get(ids[1]!)!.chunk.tableHeader).toBe("구분 | 수수료");
      expect(first.document).toMatchObject({ status: "ready", accessGroups: ["hr"] });
      expect((await store.getDocument(first.document.id))?.metadata).toEqual({ 부서: "인사팀" });
      expect(first.collection).toBe("기본");
    });

    it("hydrates every column of a chunk, run after run, as a store planning each query anew does", async () => {
      const input = version(collectionId, "policy.md", "c".repeat(64));
      const staged = await store.stageVersion(input, [...chunkRows(["첫째 문단", "둘째 문단"]), { ...chunkRows(["셋"])[0]!, ordinal: 2, pageStart: null, pageEnd: null, clausePath: null, headingPath: [], pageSpans: [], role: "toc" as const }], chunkId);
      await store.publishVersion(staged.documentId, 1, input, 3, { keepHistory: true, effectiveFrom: "2025-03-01" });
      const ids = [0, 1, 2].map((ordinal) => chunkId(staged.documentId, 1, ordinal));
      const stored = await store.chunksOfDocument(staged.documentId, 1);
      // A store made on the bare drizzle database runs the same statement unnamed, planned every time.
      const unnamed = createStore(handle.db, { shared: handle.kind === "postgres" });
      // Postgres switches a kept statement to a generic plan after five runs: run it past that, on both days.
      for (let run = 0; run < 8; run++) {
        for (const asOf of [undefined, "2025-03-01", "2025-02-28"]) {
          const kept = await store.visibleChunks(ids, asOf);
          const planned = await unnamed.visibleChunks(ids, asOf);
          // A map by chunk id: its order is not part of the contract (the hydration cache answers hits first).
          const byId = (map: typeof kept) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
          expect(byId(kept)).toEqual(byId(planned));
          if (asOf === "2025-02-28") {
            // The first kept version is in force before its recorded first day too.
            expect(kept.size).toBe(3);
          }
          expect(ids.map((id) => kept.get(id)?.chunk)).toEqual(stored);
          expect(kept.get(ids[2]!)).toMatchObject({
            document: { id: staged.documentId, source: "policy.md", title: "운영 지침", accessGroups: ["hr"], status: "ready" },
            collection: "기본",
            collectionGroups: [],
          });
        }
      }
      expect((await store.visibleChunks([chunkId(staged.documentId, 1, 9)])).size).toBe(0);
    });

    it("reads chunks by position, exactly the positions asked for, run after run, as a store planning each query anew does", async () => {
      const input = version(collectionId, "neighbours.md", "d".repeat(64));
      const staged = await store.stageVersion(input, [...chunkRows(["영", "일", "이"]), { ...chunkRows(["삼"])[0]!, ordinal: 3, pageStart: null, pageEnd: null, clausePath: null, headingPath: [], pageSpans: [], role: "toc" as const }], chunkId);
      await store.publishVersion(staged.documentId, 1, input, 4);
      const other = version(collectionId, "other.md", "e".repeat(64));
      const second = await store.stageVersion(other, chunkRows(["가", "나"]), chunkId);
      await store.publishVersion(second.documentId, 1, other, 2);
      const stored = await store.chunksOfDocument(staged.documentId, 1);
      const storedOther = await store.chunksOfDocument(second.documentId, 1);
      const unnamed = createStore(handle.db, { shared: handle.kind === "postgres" });
      const byPosition = (rows: typeof stored) => [...rows].sort((a, b) => a.documentId.localeCompare(b.documentId) || a.ordinal - b.ordinal);
      // Ordinal 0 of the other document is under an asked document and an asked ordinal, but not asked for.
      const asked = [
        { documentId: staged.documentId, version: 1, ordinal: 0 },
        { documentId: staged.documentId, version: 1, ordinal: 3 },
        { documentId: staged.documentId, version: 1, ordinal: 7 },
        { documentId: staged.documentId, version: 2, ordinal: 1 },
        { documentId: second.documentId, version: 1, ordinal: 1 },
      ];
      for (let run = 0; run < 8; run++) {
        const kept = await store.chunksAt(asked);
        expect(byPosition(kept)).toEqual(byPosition([stored[0]!, stored[3]!, storedOther[1]!]));
        expect(byPosition(kept)).toEqual(byPosition(await unnamed.chunksAt(asked)));
        expect(await store.chunksAt([{ documentId: staged.documentId, version: 1, ordinal: 2 }])).toEqual([stored[2]]);
        expect((await store.chunksAt([{ documentId: staged.documentId, version: 1, ordinal: 1 }]))[0]?.tableHeader).toBe("구분 | 수수료");
      }
      expect(await store.chunksAt([])).toEqual([]);
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
      // A staged version's chunks sit among the visible ones in id order; a page must skip them and still be full.
      const hidden = Array.from({ length: 12 }, (_, i) => `staged ${i}`);
      await store.stageVersion(version(collectionId, "draft.md", "b".repeat(64)), chunkRows(hidden), chunkId);
      const seen: string[] = [];
      const sizes: number[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await store.visibleChunksPage(after, 2);
        if (page.length === 0) break;
        sizes.push(page.length);
        seen.push(...page.map((row) => row.chunk.text));
        after = page.at(-1)!.chunk.id;
      }
      expect(seen.sort()).toEqual(["가", "나", "다", "라", "마"]);
      expect(sizes).toEqual([2, 2, 1]);
    });

    it("reads the chunks printed on a page, in document order, of visible versions only", async () => {
      const onPages = (rows: ReturnType<typeof chunkRows>, pages: Array<[number, number]>) =>
        rows.map((row, i) => ({ ...row, pageStart: pages[i]![0], pageEnd: pages[i]![1], pageSpans: [{ start: 0, page: pages[i]![0] }] }));
      const v1 = version(collectionId, "manual.pdf", "a".repeat(64));
      const first = await store.stageVersion(v1, onPages(chunkRows(["하나", "둘", "셋", "넷"]), [[1, 1], [1, 2], [2, 2], [3, 3]]), chunkId);
      const documentId = first.documentId;
      // Staged, not published: nothing shows.
      expect(await store.chunksOnPages([{ documentId, version: 1, page: 2 }])).toEqual([]);
      await store.publishVersion(documentId, 1, v1, 4, { keepHistory: true, effectiveFrom: "2025-03-01" });
      const texts = (rows: Array<{ text: string }>) => rows.map((row) => row.text);
      // A chunk crossing pages 1-2 is on both; asked twice, a chunk comes back once.
      expect(texts(await store.chunksOnPages([{ documentId, version: 1, page: 2 }]))).toEqual(["둘", "셋"]);
      expect(
        texts(await store.chunksOnPages([{ documentId, version: 1, page: 3 }, { documentId, version: 1, page: 1 }, { documentId, version: 1, page: 2 }])),
      ).toEqual(["하나", "둘", "셋", "넷"]);
      expect(await store.chunksOnPages([{ documentId, version: 1, page: 9 }])).toEqual([]);
      expect(await store.chunksOnPages([{ documentId, version: 2, page: 2 }])).toEqual([]);
      const stored = await store.chunksOfDocument(documentId, 1);
      expect(await store.chunksOnPages([{ documentId, version: 1, page: 3 }])).toEqual([stored[3]]);

      // A second version kept with history: each version shows on the days it is in force, a staged one never.
      const v2 = version(collectionId, "manual.pdf", "b".repeat(64));
      await store.stageVersion(v2, onPages(chunkRows(["새 하나", "새 둘"]), [[1, 1], [2, 2]]), chunkId);
      expect(await store.chunksOnPages([{ documentId, version: 2, page: 2 }])).toEqual([]);
      await store.publishVersion(documentId, 2, v2, 2, { keepHistory: true, effectiveFrom: "2025-06-01" });
      expect(texts(await store.chunksOnPages([{ documentId, version: 2, page: 2 }]))).toEqual(["새 둘"]);
      expect(await store.chunksOnPages([{ documentId, version: 1, page: 2 }])).toEqual([]);
      expect(texts(await store.chunksOnPages([{ documentId, version: 1, page: 2 }], "2025-04-01"))).toEqual(["둘", "셋"]);
      expect(await store.chunksOnPages([{ documentId, version: 2, page: 2 }], "2025-04-01")).toEqual([]);
      // A document that is not ready (being indexed) shows nothing, whatever its versions.
      await handle.db.execute(sql`update documents set status = 'indexing' where id = ${documentId}`);
      expect(await store.chunksOnPages([{ documentId, version: 2, page: 2 }])).toEqual([]);
    });

    it("records jobs with counters, inputs and outcomes", async () => {
      const created = await store.createUploadJob({
        collectionId,
        accessGroups: ["legal"],
        options: {},
        files: [{ source: "a.pdf", bytes: new Uint8Array([1, 2, 3]) }],
        counters: { ...EMPTY_COUNTERS, filesTotal: 2 },
      });
      const job = (await store.getJob(created.id))!;
      expect(job.status).toBe("queued");
      expect((await store.unfinishedJobs()).map((j) => j.id)).toEqual([job.id]);
      await store.updateJob(job.id, {
        status: "partial",
        counters: { ...job.counters, filesDone: 2, ingested: 1, failed: 1 },
        files: [
          { source: "a.pdf", action: "ingested" },
          { source: "b.pdf", action: "failed", error: "encrypted" },
        ],
      });
      const done = await store.getJob(job.id);
      expect(done).toMatchObject({ status: "partial", accessGroups: ["legal"], inputs: [{ source: "a.pdf", sizeBytes: 3 }] });
      expect(done?.finishedAt).toBeInstanceOf(Date);
      expect(await store.unfinishedJobs()).toEqual([]);
    });

    it("stages uploaded bytes in parts, reads them back whole, and removes them when their job ends", async () => {
      const large = new Uint8Array(FILE_PART_BYTES * 2 + 12_345).map((_, i) => (i * 7) % 251);
      const job = await store.createUploadJob({
        collectionId,
        accessGroups: [],
        options: { force: true, effectiveFrom: "2025-03-01" },
        files: [
          { source: "큰 파일.pdf", bytes: large },
          { source: "empty.txt", bytes: new Uint8Array() },
        ],
        counters: { ...EMPTY_COUNTERS, filesTotal: 2 },
      });
      expect(job.inputs).toEqual([
        { source: "큰 파일.pdf", sizeBytes: large.byteLength },
        { source: "empty.txt", sizeBytes: 0 },
      ]);
      expect(await store.readStagedFile(job.id, 0)).toEqual(large);
      expect(await store.readStagedFile(job.id, 1)).toEqual(new Uint8Array());
      expect(await store.readStagedFile(job.id, 2)).toBeNull();
      expect((await store.getJob(job.id))?.options).toEqual({ force: true, effectiveFrom: "2025-03-01" });
      expect(await store.stagedFileCount()).toBe(2);
      await store.updateJob(job.id, { status: "failed", error: "a later file broke" });
      expect(await store.readStagedFile(job.id, 0)).toBeNull();
      expect(await store.stagedFileCount()).toBe(0);
    });

    it("leases each upload job to one instance, and lets another take it over only once the lease ran out", async () => {
      const upload = (source: string) =>
        store.createUploadJob({
          collectionId,
          accessGroups: [],
          options: {},
          files: [{ source, bytes: new TextEncoder().encode(source) }],
          counters: { ...EMPTY_COUNTERS, filesTotal: 1 },
        });
      const cliJob = await store.createJob(collectionId, 3); // no staged inputs: never claimable
      const first = await upload("a.md");
      const second = await upload("b.md");
      expect(await store.claimableJobCount()).toBe(2);

      // Two instances claiming at once get different jobs; a third finds none.
      const [x, y] = await Promise.all([store.claimJob("instance-x", 60_000), store.claimJob("instance-y", 60_000)]);
      expect(new Set([x?.id, y?.id])).toEqual(new Set([first.id, second.id]));
      expect(x).toMatchObject({ status: "running", leaseOwner: "instance-x", attempts: 1 });
      expect(await store.claimJob("instance-z", 60_000)).toBeNull();
      expect(await store.renewLease(x!.id, "instance-x", 60_000)).toBe(true);
      expect(await store.renewLease(x!.id, "instance-z", 60_000)).toBe(false);

      // x's lease runs out (set in the past rather than waited for): z takes the job over, and x can no longer write it.
      await handle.db.execute(sql`update ingest_jobs set lease_expires_at = now() - interval '1 minute' where id = ${x!.id}`);
      const taken = await store.claimJob("instance-z", 60_000);
      expect(taken).toMatchObject({ id: x!.id, leaseOwner: "instance-z", attempts: 2 });
      expect(await store.renewLease(x!.id, "instance-x", 60_000)).toBe(false);
      expect(await store.updateJob(x!.id, { counters: { ...EMPTY_COUNTERS, filesDone: 1 } }, "instance-x")).toBe(false);
      expect(await store.readStagedFile(x!.id, 0)).not.toBeNull();
      expect(await store.updateJob(x!.id, { status: "succeeded" }, "instance-z")).toBe(true);
      expect(await store.getJob(x!.id)).toMatchObject({ status: "succeeded", leaseExpiresAt: null });
      // Finishing the job removed its uploaded bytes in the same write.
      expect(await store.readStagedFile(x!.id, 0)).toBeNull();
      // A claim prefers the jobs an instance queued itself.
      const third = await upload("c.md");
      const fourth = await upload("d.md");
      expect((await store.claimJob("instance-z", 60_000, [fourth.id]))?.id).toBe(fourth.id);
      expect((await store.claimJob("instance-z", 60_000))?.id).toBe(third.id);
      expect((await store.getJob(cliJob.id))?.status).toBe("queued");
    });

    it("runs ingest and repair under locks that exclude each other on a shared store", async () => {
      const order: string[] = [];
      let releaseIngest!: () => void;
      const ingestHeld = new Promise<void>((resolve) => (releaseIngest = resolve));
      let ingestStarted!: () => void;
      const started = new Promise<void>((resolve) => (ingestStarted = resolve));
      const ingest = store.withDocumentLock("기본/a.md", async () => {
        order.push("ingest start");
        ingestStarted();
        await ingestHeld;
        order.push("ingest end");
      });
      await started;
      const repair = store.withMaintenanceLock(async () => {
        order.push("repair");
      });
      // On PGlite (one process) the locks are not taken, so repair need not wait.
      if (!store.shared) await repair;
      releaseIngest();
      await Promise.all([ingest, repair]);
      expect(order).toEqual(store.shared ? ["ingest start", "ingest end", "repair"] : ["ingest start", "repair", "ingest end"]);
    });

    it("runs two writers of one document one after the other, in one process too; other documents do not wait", async () => {
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const first = new Promise<void>((resolve) => (started = resolve));
      const ingest = store.withDocumentLock("기본/b.md", async () => {
        order.push("ingest start");
        started();
        await held;
        order.push("ingest end");
      });
      await first;
      const remove = store.withDocumentLock("기본/b.md", async () => {
        order.push("delete");
      });
      await store.withDocumentLock("기본/c.md", async () => {
        order.push("another document");
      });
      release();
      await Promise.all([ingest, remove]);
      expect(order).toEqual(["ingest start", "another document", "ingest end", "delete"]);
    });

    it("lists only the documents a read scope allows, documents without groups following the collection's defaults", async () => {
      const ids = (id: string, v: number, o: number) => chunkId(id, v, o);
      const add = async (source: string, accessGroups: string[], collection = collectionId) => {
        const input = { ...version(collection, source, source), accessGroups };
        const staged = await store.stageVersion(input, chunkRows(["본문"]), ids);
        await store.publishVersion(staged.documentId, staged.version, input, 1);
      };
      await add("hr.md", ["hr"]);
      await add("fin.md", ["finance"]);
      await add("plain.md", []);
      const other = await store.ensureCollection("other");
      await add("other-plain.md", [], other);
      await store.setCollectionDefaultGroups("기본", ["hr"]);
      expect(await store.collectionDefaultGroups("기본")).toEqual(["hr"]);
      const hr = makePrincipal({ name: "hr", via: "key", keyId: null, role: "reader", groups: ["hr"], collections: null });
      const sources = async (scope: ReturnType<typeof readScope>) =>
        (await store.listDocuments({ scope, limit: 100, offset: 0 })).map((document) => document.source).sort();
      expect(await sources(readScope(hr, {}, "collection"))).toEqual(["hr.md", "plain.md"]);
      expect(await sources(readScope(hr, {}, "public"))).toEqual(["hr.md", "other-plain.md", "plain.md"]);
      expect(await sources(readScope(hr, { collection: "other" }, "collection"))).toEqual([]);
      expect(await sources(readScope(hr, { accessGroups: ["finance"] }, "collection"))).toEqual([]);
      const local = makePrincipal({ name: "local", via: "local", keyId: null, role: "admin", groups: null, collections: ["other"] });
      expect(await sources(readScope(local, {}, "collection"))).toEqual(["other-plain.md"]);
    });

    it("records which analyzer built each index, starting an index of an empty store current", async () => {
      expect(await store.indexAnalyzerVersion("embedded")).toBeNull();
      // No chunk yet: nothing in the index can be stale.
      expect(await store.recordIndexBuildIfEmpty("embedded", 3)).toBe(3);
      await store.recordIndexBuild("qdrant:c", 2);
      await store.recordIndexBuild("qdrant:c", 4);
      expect(await store.indexAnalyzerVersion("qdrant:c")).toBe(4);
      await store.recordIndexBuild("qdrant:c", null);
      expect(await store.indexAnalyzerVersion("qdrant:c")).toBeNull();

      const input = version(collectionId, "a.md", "a".repeat(64));
      const staged = await store.stageVersion(input, chunkRows(["본문"]), chunkId);
      await store.publishVersion(staged.documentId, 1, input, 1);
      // Chunks and nothing recorded: an index an older jikji built, unknown, never assumed current.
      expect(await store.recordIndexBuildIfEmpty("qdrant:c", 5)).toBeNull();
      expect(await store.recordIndexBuildIfEmpty("embedded", 5)).toBe(3);
    });

    it("composes collection names an older jikji stored decomposed, with the names keys and conversations hold", async () => {
      const decomposed = "인사팀".normalize("NFD");
      const hr = await store.ensureCollection(decomposed);
      const input = version(hr, "a.md", "a".repeat(64));
      const staged = await store.stageVersion(input, chunkRows(["본문"]), chunkId);
      await store.publishVersion(staged.documentId, 1, input, 1);
      // An empty twin under the composed name (made by the API after the fix), and one under a name alone.
      await store.ensureCollection("인사팀");
      await store.ensureCollection("재무".normalize("NFD"));
      await access.insertKey({ id: crypto.randomUUID(), name: "k", keyHash: "d".repeat(64), prefix: "jk_d", role: "reader", accessGroups: null, collections: [decomposed, "인사팀", "기본"] });
      await store.createConversation({ owner: "o", title: "t", collection: decomposed });
      expect((await store.decomposedCollectionNames()).sort()).toEqual([decomposed, "재무".normalize("NFD")].sort());

      const renames = await store.composeCollectionNames();
      expect(renames).toHaveLength(3);
      expect(renames).toEqual(
        expect.arrayContaining([
          { from: decomposed, to: "인사팀", merged: false },
          { from: "인사팀", to: "인사팀", merged: true },
          { from: "재무".normalize("NFD"), to: "재무", merged: false },
        ]),
      );
      expect(await store.decomposedCollectionNames()).toEqual([]);
      expect(await store.findCollection("인사팀")).toBe(hr);
      expect((await store.listCollections()).map((c) => [c.name, c.documents])).toEqual([["기본", 0], ["인사팀", 1], ["재무", 0]]);
      expect((await access.keyByHash("d".repeat(64)))?.collections).toEqual(["인사팀", "기본"]);
      expect((await store.listConversations("o", { limit: 10, offset: 0 })).map((c) => c.collection)).toEqual(["인사팀"]);
      expect(await store.composeCollectionNames()).toEqual([]);
    });

    it("composes access-group names an older jikji stored decomposed, in documents, defaults, keys and queued jobs", async () => {
      const hr = "인사팀".normalize("NFD");
      const input = { ...version(collectionId, "a.md", "a".repeat(64)), accessGroups: [hr, "재무"] };
      const staged = await store.stageVersion(input, chunkRows(["본문"]), chunkId);
      await store.publishVersion(staged.documentId, 1, input, 1);
      await store.setCollectionDefaultGroups("기본", [hr]);
      // A key holding both forms keeps one.
      await access.insertKey({ id: crypto.randomUUID(), name: "k", keyHash: "e".repeat(64), prefix: "jk_e", role: "reader", accessGroups: [hr, "인사팀"], collections: null });
      const job = await store.createUploadJob({ collectionId, accessGroups: [hr], options: {}, files: [{ source: "b.md", bytes: new Uint8Array([1]) }], counters: { ...EMPTY_COUNTERS, filesTotal: 1 } });
      expect(await store.decomposedGroupNames()).toEqual([hr]);

      expect(await store.composeGroupNames()).toEqual([{ from: hr, to: "인사팀" }]);
      expect(await store.decomposedGroupNames()).toEqual([]);
      expect((await store.getDocument(staged.documentId))?.accessGroups).toEqual(["인사팀", "재무"]);
      expect(await store.collectionDefaultGroups("기본")).toEqual(["인사팀"]);
      expect((await access.keyByHash("e".repeat(64)))?.accessGroups).toEqual(["인사팀"]);
      expect((await store.getJob(job.id))?.accessGroups).toEqual(["인사팀"]);
      expect(await store.composeGroupNames()).toEqual([]);
    });

    it("refuses to compose two collections with documents into one name, changing nothing", async () => {
      const decomposed = "인사팀".normalize("NFD");
      for (const name of [decomposed, "인사팀"]) {
        const id = await store.ensureCollection(name);
        const input = version(id, `${name === decomposed ? "old" : "new"}.md`, "a".repeat(64));
        const staged = await store.stageVersion(input, chunkRows(["본문"]), chunkId);
        await store.publishVersion(staged.documentId, 1, input, 1);
      }
      const error = await store.composeCollectionNames().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toContain("old.md (");
      expect((error as Error).message).toContain("jikji delete <document id>");
      expect((error as Error).message).not.toContain("new.md");
      expect((await store.decomposedCollectionNames())).toEqual([decomposed]);
      expect((await store.listCollections()).length).toBe(3);
    });

    it("keeps keys by hash, revokes by name or id, and frees a revoked name", async () => {
      const key = { name: "hr-portal", keyHash: "a".repeat(64), prefix: "jk_abc", role: "reader" as const, accessGroups: ["hr"], collections: null };
      const row = await access.insertKey({ id: crypto.randomUUID(), ...key });
      expect(await access.keyByHash("a".repeat(64))).toMatchObject({ id: row.id, name: "hr-portal", accessGroups: ["hr"], revokedAt: null });
      expect(await access.activeKeyCount()).toBe(1);
      await expect(access.insertKey({ id: crypto.randomUUID(), ...key, keyHash: "b".repeat(64) })).rejects.toThrow();
      expect((await access.revokeKey("hr-portal"))?.id).toBe(row.id);
      expect(await access.revokeKey(row.id)).toBeNull();
      expect(await access.activeKeyCount()).toBe(0);
      await access.insertKey({ id: crypto.randomUUID(), ...key, keyHash: "c".repeat(64) });
      expect(await access.activeKeyCount()).toBe(1);
      await access.touchKeys([row.id], new Date("2026-01-02T00:00:00Z"));
      expect((await access.keyByHash("a".repeat(64)))?.lastUsedAt?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
    });

    it("writes audit rows in batches, reads them newest first by time and key, and prunes old ones", async () => {
      const keyId = crypto.randomUUID();
      const at = (iso: string) => new Date(iso);
      await access.insertAudit([
        { id: crypto.randomUUID(), at: at("2026-01-01T00:00:00Z"), method: "POST", route: "/v1/search", status: 200, outcome: "ok", keyId, actor: "hr", documentIds: ["d1"], chunkIds: ["c1", "c2"] },
        { id: crypto.randomUUID(), at: at("2026-02-01T00:00:00Z"), method: "POST", route: "/v1/ask", status: 401, outcome: "unauthorized" },
        { id: crypto.randomUUID(), at: at("2026-03-01T00:00:00Z"), method: "DELETE", route: "/v1/documents/x", status: 204, outcome: "ok", keyId, actor: "hr", detail: { deleted: "x" } },
      ]);
      expect((await access.readAudit({ limit: 10 })).map((row) => row.route)).toEqual(["/v1/documents/x", "/v1/ask", "/v1/search"]);
      expect((await access.readAudit({ keyId, limit: 10 })).map((row) => row.status)).toEqual([204, 200]);
      expect((await access.readAudit({ since: at("2026-01-15T00:00:00Z"), limit: 10 })).length).toBe(2);
      expect((await access.readAudit({ actor: "hr", limit: 1 }))[0]).toMatchObject({ detail: { deleted: "x" } });
      expect(await access.pruneAudit(at("2026-02-15T00:00:00Z"))).toBe(2);
      expect((await access.readAudit({ limit: 10 })).map((row) => row.route)).toEqual(["/v1/documents/x"]);
    });

    it("keeps conversations per owner, follows the request's history, and keeps feedback past the conversation", async () => {
      const mine = await store.createConversation({ owner: "key:kim", title: "", collection: "기본" });
      const cite = { ref: 1, documentId: crypto.randomUUID(), chunkId: "c1", source: "규정.md", page: 2, section: null, clause: null, quote: "15일", verified: true };
      const first = await store.recordExchange("key:kim", mine.id, [{ role: "user", content: "연차는 며칠?" }], { content: "15일 [1]", mode: "extractive", grounded: true, citations: [cite] });
      expect(first).not.toBeNull();
      expect(await store.recordExchange("key:lee", mine.id, [{ role: "user", content: "x" }], { content: "y", mode: "extractive", grounded: false, citations: [] })).toBeNull();
      // A follow-up keeps the stored answer (and its citations); a regenerate of it replaces only the last answer.
      const history = [
        { role: "user" as const, content: "연차는 며칠?" },
        { role: "assistant" as const, content: "15일 [1]" },
        { role: "user" as const, content: "언제부터?" },
      ];
      const second = await store.recordExchange("key:kim", mine.id, history, { content: "입사 1년 후 [1]", mode: "extractive", grounded: true, citations: [cite] });
      const again = await store.recordExchange("key:kim", mine.id, history, { content: "1년 뒤 [1]", mode: "extractive", grounded: true, citations: [cite] });
      const messages = await store.conversationMessages(mine.id);
      expect(messages.map((m) => [m.ordinal, m.role, m.content])).toEqual([
        [0, "user", "연차는 며칠?"],
        [1, "assistant", "15일 [1]"],
        [2, "user", "언제부터?"],
        [3, "assistant", "1년 뒤 [1]"],
      ]);
      expect(messages[1]!.id).toBe(first);
      expect(messages[1]!.citations).toEqual([cite]);
      expect(messages[3]!.id).toBe(again);
      expect(again).not.toBe(second);

      expect((await store.listConversations("key:kim", { limit: 10, offset: 0 }))[0]).toMatchObject({ id: mine.id, title: "연차는 며칠?", messageCount: 4 });
      expect(await store.listConversations("key:lee", { limit: 10, offset: 0 })).toEqual([]);
      expect(await store.getConversation("key:lee", mine.id)).toBeNull();
      expect(await store.renameConversation("key:lee", mine.id, "가로채기")).toBeNull();
      expect((await store.renameConversation("key:kim", mine.id, "연차 문의"))?.title).toBe("연차 문의");

      expect(await store.rateAnswer({ owner: "key:lee", conversationId: mine.id, messageId: again!, rating: "up", comment: null })).toBeNull();
      expect(await store.rateAnswer({ owner: "key:kim", conversationId: mine.id, messageId: messages[0]!.id, rating: "up", comment: null })).toBeNull();
      await store.rateAnswer({ owner: "key:kim", conversationId: mine.id, messageId: again!, rating: "up", comment: null });
      await store.rateAnswer({ owner: "key:kim", conversationId: mine.id, messageId: again!, rating: "down", comment: "시작일이 불분명" });
      expect(await store.deleteConversation("key:lee", mine.id)).toBe(false);
      expect(await store.deleteConversation("key:kim", mine.id)).toBe(true);
      expect(await store.conversationMessages(mine.id)).toEqual([]);
      const feedback = await store.listFeedback({ limit: 10, offset: 0 });
      expect(feedback).toHaveLength(1);
      expect(feedback[0]).toMatchObject({ rating: "down", comment: "시작일이 불분명", question: "언제부터?", answer: "1년 뒤 [1]", messageId: null, conversationId: null });
      expect(await store.listFeedback({ rating: "up", limit: 10, offset: 0 })).toEqual([]);
    });
  });
}
