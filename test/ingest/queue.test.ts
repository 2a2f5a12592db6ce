import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createIngestQueue } from "../../src/ingest/queue.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createStore, EMPTY_COUNTERS } from "../../src/store/store.ts";

let root: string;
let jikji: Jikji;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-queue-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
});

afterAll(async () => {
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

const text = (value: string) => new TextEncoder().encode(value);

describe("upload queue on the store", () => {
  it("runs the jobs a stopped server left queued, reading their bytes from the store and removing them after", async () => {
    const collectionId = await jikji.store.ensureCollection("default");
    const stored = await jikji.store.createUploadJob({
      collectionId,
      accessGroups: [],
      options: {},
      files: [{ source: "restart.md", bytes: text("# 재시작\n\n서버가 멈춘 뒤에도 올린 문서는 색인됩니다.\n") }],
      counters: { ...EMPTY_COUNTERS, filesTotal: 1 },
    });

    const queue = createIngestQueue({ ...jikji, maxFileBytes: 1024 * 1024, owner: "restarted" });
    expect(await queue.start()).toBe(1);
    await queue.idle();
    queue.stop();

    expect(await jikji.store.getJob(stored.id)).toMatchObject({ status: "succeeded", counters: { ingested: 1 }, leaseOwner: "restarted" });
    expect(await jikji.store.readStagedFile(stored.id, 0)).toBeNull();
    const { hits } = await jikji.search({ query: "서버가 멈춘 뒤 색인", k: 3, filter: {} });
    expect(hits[0]?.source).toBe("restart.md");
  });

  it("takes at once, on the embedded store, a job a killed server left running under a lease that has not run out (qa3)", async () => {
    // `kill -9` of serve mid-job left the job "running" under the dead process's lease; the restarted server
    // answered "running" for the rest of the lease (60 s by default) before taking it over. Under the data dir
    // lock no other process can hold a lease, so the lease is void at once.
    const collectionId = await jikji.store.ensureCollection("default");
    const stored = await jikji.store.createUploadJob({
      collectionId,
      accessGroups: [],
      options: {},
      files: [{ source: "killed.md", bytes: text("# 중단\n\n강제 종료된 서버의 작업도 재시작 즉시 이어집니다.\n") }],
      counters: { ...EMPTY_COUNTERS, filesTotal: 1 },
    });
    expect(await jikji.store.claimJob("killed-server", 600_000)).toMatchObject({ id: stored.id, status: "running" });

    const queue = createIngestQueue({ ...jikji, maxFileBytes: 1024 * 1024, owner: "restarted-alone", soleInstance: true });
    expect(await queue.start()).toBe(1);
    await queue.idle();
    queue.stop();
    expect(await jikji.store.getJob(stored.id)).toMatchObject({ status: "succeeded", counters: { ingested: 1 }, leaseOwner: "restarted-alone", attempts: 2 });
  });

  it.each(databaseTargets.map((target) => [target.name, target] as const))(
    "finishes a job whose instance died mid-file exactly once on %s: no file redone, no staged chunks or points left",
    async (name, target) => {
      const handle = await target.open();
      const store = createStore(handle.db, { shared: handle.kind === "postgres" });
      const index = createEmbeddedIndex({ dir: path.join(root, `takeover-index-${name}`) });
      await index.open(null);
      const deps = { store, index, embedder: null, maxFileBytes: 1024 * 1024 };
      let first: ReturnType<typeof createIngestQueue> | undefined;
      let buried: (error: Error) => void = () => undefined;
      try {
        const collectionId = await store.ensureCollection("takeover");
        const job = await store.createUploadJob({
          collectionId,
          accessGroups: [],
          options: {},
          files: [
            ["one.md", "# 첫째\n\n첫 번째 파일은 죽기 전에 끝났습니다.\n"],
            ["two.md", "# 둘째\n\n두 번째 파일은 색인 도중 프로세스가 죽었습니다.\n"],
            ["three.md", "# 셋째\n\n세 번째 파일은 아직 시작도 안 했습니다.\n"],
          ].map(([source, body]) => ({ source: source!, bytes: text(body!) })),
          counters: { ...EMPTY_COUNTERS, filesTotal: 3 },
        });

        // The first instance "dies" inside the second file: its points are written, then the upsert never returns
        // (the process is gone), leaving that version staged and its points in the index.
        let died!: () => void;
        const dead = new Promise<void>((resolve) => (died = resolve));
        let upserts = 0;
        const dying: SearchIndex = {
          ...index,
          async upsert(points) {
            await index.upsert(points);
            if (++upserts === 2) {
              died();
              // Never returns while the test runs; at its end it fails, so the pool can close.
              await new Promise<never>((_, reject) => (buried = reject));
            }
          },
        };
        first = createIngestQueue({ ...deps, index: dying, owner: "first", leaseMs: 600_000 });
        first.enqueue(job.id);
        await dead;
        expect(await store.getJob(job.id)).toMatchObject({ status: "running", leaseOwner: "first", counters: { filesDone: 1 } });
        expect(await store.documentsWithStagedVersions()).toHaveLength(1);
        expect(await index.documentVersions()).toHaveLength(2);

        // On PostgreSQL the dead process's connection goes with it, and with it the document lock its file held.
        if (store.shared) {
          await handle.db.execute(
            sql`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and pid <> pg_backend_pid()`,
          );
        }
        // Its lease runs out (set in the past rather than waited for); a second instance takes the job over.
        await handle.db.execute(sql`update ingest_jobs set lease_expires_at = now() - interval '1 minute' where id = ${job.id}`);
        // Another instance has a store of its own: the first one's in-process document lock dies with it, as the
        // advisory lock does with its connection.
        const second = createIngestQueue({ ...deps, store: createStore(handle.db, { shared: handle.kind === "postgres" }), owner: "second" });
        expect(await second.start()).toBe(1);
        await second.idle();
        second.stop();

        const done = await store.getJob(job.id);
        expect(done).toMatchObject({ status: "succeeded", leaseOwner: "second", attempts: 2 });
        // one.md is not run again (it would say "unchanged"): each file is reported once, by the instance that did it.
        expect(done?.files.map((file) => [file.source, file.action])).toEqual([
          ["one.md", "ingested"],
          ["two.md", "ingested"],
          ["three.md", "ingested"],
        ]);
        expect(done?.counters).toMatchObject({ filesDone: 3, ingested: 3, failed: 0 });
        expect(await store.readStagedFile(job.id, 1)).toBeNull();
        // Exactly the published versions' points, one per chunk: the dead instance's staged version left nothing.
        const ready = await store.readyDocumentVersions();
        expect(ready.size).toBe(3);
        const points = await index.documentVersions();
        expect(points.map((p) => `${p.documentId}@${p.version}`).sort()).toEqual(
          [...ready].map(([id, versions]) => `${id}@${versions[0]}`).sort(),
        );
        expect(await store.documentsWithStagedVersions()).toEqual([]);
        const hits = await index.search({ terms: queryTerms("두 번째 파일 프로세스"), limit: 10, filter: {} });
        const two = (await store.findDocumentBySource(collectionId, "two.md"))!;
        expect(hits.filter((hit) => hit.documentId === two.id).map((hit) => hit.version)).toEqual([two.version]);
        expect(await store.chunksOfDocument(two.id, two.version)).toHaveLength(two.chunkCount);
      } finally {
        buried(new Error("the dead instance's last call, failed so its connection is released"));
        await first?.idle();
        await index.close();
        await handle.close();
      }
    },
    120_000,
  );
});
