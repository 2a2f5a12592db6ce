import { isStoreConnectionLoss } from "./connection-loss.ts";
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "./db.ts";
import { ingestJobs, originalFiles, stagedFiles, type JobCounters, type JobInput, type JobOptions } from "./schema.ts";

/** Bytes per bytea row: large uploads are split so no single value or query parameter grows with the file. */
export const FILE_PART_BYTES = 1024 * 1024;

/** Advisory lock keys (two-int form, so they cannot collide with another application's one-bigint keys). */
const LOCK_CLASS_MAINTENANCE = 0x6a696b6a; // "jikj"
const LOCK_CLASS_DOCUMENT = 0x6a696b6b;

export interface NewUploadJob {
  collectionId: string;
  accessGroups: readonly string[];
  options: JobOptions;
  files: ReadonlyArray<{ source: string; bytes: Uint8Array }>;
  counters: JobCounters;
}

function parts(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += FILE_PART_BYTES) {
    out.push(bytes.subarray(offset, Math.min(offset + FILE_PART_BYTES, bytes.byteLength)));
  }
  // An empty file is one empty part, so "no rows" keeps meaning "nothing staged".
  return out.length === 0 ? [new Uint8Array()] : out;
}

function joined(rows: ReadonlyArray<{ bytes: Uint8Array }>): Uint8Array {
  const total = rows.reduce((sum, row) => sum + row.bytes.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const row of rows) {
    out.set(row.bytes, offset);
    offset += row.bytes.byteLength;
  }
  return out;
}

/**
 * What several instances on one store coordinate through: upload jobs claimed under a lease, uploaded bytes and
 * kept originals in bytea tables, and advisory locks around ingest and start-up repair. `shared` is true for
 * PostgreSQL; on PGlite (one process, one connection, under the data dir lock) the locks are not taken, since a
 * transaction held open there would block every other query of the process.
 */
export function createSharedRepository(db: Database, shared: boolean) {
  /** Upload jobs an instance may take: queued, or running under a lease that ran out (its instance died). */
  const claimable = and(
    sql`jsonb_array_length(${ingestJobs.inputs}) > 0`,
    or(
      eq(ingestJobs.status, "queued"),
      and(eq(ingestJobs.status, "running"), or(isNull(ingestJobs.leaseExpiresAt), lt(ingestJobs.leaseExpiresAt, sql`now()`))),
    ),
  );
  const leaseUntil = (leaseMs: number) => sql`now() + make_interval(secs => ${leaseMs / 1000}::double precision)`;

  /**
   * This process's holders of each document key, in arrival order: the upload queue's ingest and an API delete run
   * in one process, and advisory locks (PostgreSQL only) do not order them on PGlite.
   */
  const documentTails = new Map<string, Promise<void>>();
  const inProcessDocumentLock = async <T>(documentKey: string, run: () => Promise<T>): Promise<T> => {
    const before = documentTails.get(documentKey) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    documentTails.set(documentKey, tail);
    await before;
    try {
      return await run();
    } finally {
      release();
      if (documentTails.get(documentKey) === tail) documentTails.delete(documentKey);
    }
  };

  return {
    /** Whether several processes may share this store (PostgreSQL), so ingest and repair take advisory locks. */
    shared,

    /**
     * Records an upload job with its files' bytes in one transaction: no instance can claim a job whose bytes are
     * not all there yet.
     */
    async createUploadJob(job: NewUploadJob): Promise<{ id: string; inputs: JobInput[] }> {
      const id = randomUUID();
      const inputs = job.files.map((file) => ({ source: file.source, sizeBytes: file.bytes.byteLength }));
      await db.transaction(async (tx) => {
        await tx.insert(ingestJobs).values({
          id,
          collectionId: job.collectionId,
          status: "queued",
          counters: job.counters,
          inputs,
          accessGroups: [...job.accessGroups],
          options: job.options,
        });
        for (const [ordinal, file] of job.files.entries()) {
          for (const [part, bytes] of parts(file.bytes).entries()) {
            await tx.insert(stagedFiles).values({ jobId: id, ordinal, part, bytes });
          }
        }
      });
      return { id, inputs };
    },

    /**
     * Takes the oldest claimable upload job (those in `prefer` first: jobs this instance queued, whose secrets it
     * holds in memory) with `FOR UPDATE SKIP LOCKED`, so two instances never take the same one, and leases it to
     * `owner` for `leaseMs`. Null when there is none.
     */
    async claimJob(owner: string, leaseMs: number, prefer: readonly string[] = []) {
      return db.transaction(async (tx) => {
        const pick = async (where: ReturnType<typeof and>) =>
          (
            await tx
              .select({ id: ingestJobs.id })
              .from(ingestJobs)
              .where(where)
              .orderBy(asc(ingestJobs.createdAt))
              .limit(1)
              .for("update", { skipLocked: true })
          )[0];
        const row = (prefer.length > 0 ? await pick(and(claimable, inArray(ingestJobs.id, [...prefer]))) : undefined) ?? (await pick(claimable));
        if (!row) return null;
        const [claimed] = await tx
          .update(ingestJobs)
          .set({
            status: "running",
            leaseOwner: owner,
            leaseExpiresAt: leaseUntil(leaseMs),
            attempts: sql`${ingestJobs.attempts} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(ingestJobs.id, row.id))
          .returning();
        return claimed ?? null;
      });
    },

    /**
     * Voids the lease of every upload job left running, so the next claim takes it at once; for a store no other
     * instance uses (the embedded one, under the data dir lock), where such a job's process is gone. Returns how many.
     */
    async voidLeases(): Promise<number> {
      if (shared) throw new Error("voidLeases is for a store one process alone uses: on a shared store another instance may be running the job");
      const rows = await db
        .update(ingestJobs)
        .set({ leaseExpiresAt: null })
        .where(and(eq(ingestJobs.status, "running"), sql`jsonb_array_length(${ingestJobs.inputs}) > 0`))
        .returning({ id: ingestJobs.id });
      return rows.length;
    },

    /** How many upload jobs are waiting for an instance (queued, or abandoned by a dead one). */
    async claimableJobCount(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(ingestJobs).where(claimable);
      return row?.n ?? 0;
    },

    /** The heartbeat: extends `owner`'s lease; false when the job is no longer its own (taken over, or ended). */
    async renewLease(jobId: string, owner: string, leaseMs: number): Promise<boolean> {
      const rows = await db
        .update(ingestJobs)
        .set({ leaseExpiresAt: leaseUntil(leaseMs) })
        .where(and(eq(ingestJobs.id, jobId), eq(ingestJobs.leaseOwner, owner), eq(ingestJobs.status, "running")))
        .returning({ id: ingestJobs.id });
      return rows.length > 0;
    },

    /** One staged upload's bytes, or null when they are gone (the job ended, or it predates staging in the store). */
    async readStagedFile(jobId: string, ordinal: number): Promise<Uint8Array | null> {
      const rows = await db
        .select({ bytes: stagedFiles.bytes })
        .from(stagedFiles)
        .where(and(eq(stagedFiles.jobId, jobId), eq(stagedFiles.ordinal, ordinal)))
        .orderBy(asc(stagedFiles.part));
      return rows.length === 0 ? null : joined(rows);
    },

    /** Bytes still staged, over all jobs (what the store holds for uploads not yet ingested). */
    async stagedFileCount(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(distinct (${stagedFiles.jobId}, ${stagedFiles.ordinal}))::int` }).from(stagedFiles);
      return Number(row?.n ?? 0);
    },

    async putOriginal(documentId: string, version: number, bytes: Uint8Array): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(originalFiles).where(and(eq(originalFiles.documentId, documentId), eq(originalFiles.version, version)));
        for (const [part, piece] of parts(bytes).entries()) {
          await tx.insert(originalFiles).values({ documentId, version, part, bytes: piece });
        }
      });
    },

    async getOriginal(documentId: string, version: number): Promise<Uint8Array | null> {
      const rows = await db
        .select({ bytes: originalFiles.bytes })
        .from(originalFiles)
        .where(and(eq(originalFiles.documentId, documentId), eq(originalFiles.version, version)))
        .orderBy(asc(originalFiles.part));
      return rows.length === 0 ? null : joined(rows);
    },

    async hasOriginal(documentId: string, version: number): Promise<boolean> {
      const rows = await db
        .select({ part: originalFiles.part })
        .from(originalFiles)
        .where(and(eq(originalFiles.documentId, documentId), eq(originalFiles.version, version)))
        .limit(1);
      return rows.length > 0;
    },

    async removeOriginals(documentId: string): Promise<void> {
      await db.delete(originalFiles).where(eq(originalFiles.documentId, documentId));
    },

    /**
     * Runs one file's stage → index → publish (or its rollback), or a delete, while no start-up repair runs anywhere
     * (a shared maintenance lock) and nothing else, in this process or another instance, writes the same document
     * (an exclusive lock on its key). Inside, a staged version left on that document can only be a dead instance's.
     */
    async withDocumentLock<T>(documentKey: string, run: () => Promise<T>): Promise<T> {
      if (!shared) return inProcessDocumentLock(documentKey, run);
      return inProcessDocumentLock(documentKey, async () => {
        // How the work under the lock ended, apart from how the lock's own transaction ended.
        let outcome: { value: T } | { error: unknown } | null = null;
        try {
          return await db.transaction(async (tx) => {
            await tx.execute(sql`select pg_advisory_xact_lock_shared(${LOCK_CLASS_MAINTENANCE}::int, 0)`);
            await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS_DOCUMENT}::int, hashtext(${documentKey}::text))`);
            try {
              const value = await run();
              outcome = { value };
              return value;
            } catch (error) {
              outcome = { error };
              throw error;
            }
          });
        } catch (error) {
          // The work ended and only the lock's connection was lost as its transaction ended (the server released
          // the lock with it): the work's own outcome stands. A file published and searchable was reported
          // "failed: Client has encountered a connection error", and a work's own error became "Failed query:
          // rollback" (qa3).
          const ended = outcome as { value: T } | { error: unknown } | null;
          if (ended !== null && isStoreConnectionLoss(error)) {
            if ("value" in ended) return ended.value;
            throw ended.error;
          }
          throw error;
        }
      });
    },

    /**
     * Runs start-up repair alone: it waits until no instance is between staging and publishing a file, and none
     * starts until it ends, so every staged version it finds was abandoned and every unowned point is an orphan.
     * Two instances starting together repair one after the other; the second finds nothing left.
     */
    async withMaintenanceLock<T>(run: () => Promise<T>): Promise<T> {
      if (!shared) return run();
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS_MAINTENANCE}::int, 0)`);
        return run();
      });
    },
  };
}
