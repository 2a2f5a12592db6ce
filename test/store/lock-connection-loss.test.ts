/**
 * A document lock whose PostgreSQL connection is dropped after the work under it finished (qa3): found with
 * `pg_terminate_backend` during an upload job of 30 files, where a file published and searchable was reported
 * "failed: Client has encountered a connection error" because only the lock's transaction failed to end.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createStore } from "../../src/store/store.ts";
import { databaseTargets } from "../helpers/databases.ts";

const postgres = databaseTargets.find((target) => target.name === "postgresql");
/** src/store/shared.ts's advisory lock class for documents. */
const LOCK_CLASS_DOCUMENT = 0x6a696b6b;

describe.skipIf(postgres === undefined)("the document lock on PostgreSQL (qa3)", () => {
  it("returns the work's result when only the lock's connection was lost after it, and fails when the work itself failed", async () => {
    const handle = await postgres!.open();
    const admin = new pg.Client({ connectionString: process.env.JIKJI_TEST_DATABASE_URL });
    await admin.connect();
    try {
      const store = createStore(handle.db, { shared: true });
      const dropLockConnection = async () => {
        const { rows } = await admin.query(
          "select pg_terminate_backend(pid) as ended from pg_locks where locktype = 'advisory' and classid = $1::int::oid and granted",
          [LOCK_CLASS_DOCUMENT],
        );
        expect(rows.length).toBe(1);
      };
      const published = await store.withDocumentLock("c/doc.md", async () => {
        await dropLockConnection();
        return "published";
      });
      expect(published).toBe("published");

      // The work's own failure is still the caller's.
      await expect(
        store.withDocumentLock("c/doc.md", async () => {
          await dropLockConnection();
          throw new Error("index write refused");
        }),
      ).rejects.toThrow("index write refused");
      // (The pool may then hand out a client whose connection was dropped: left open, see BENCHMARKS.md's qa3 section.)
    } finally {
      await admin.end();
      await handle.close();
    }
  });
});
