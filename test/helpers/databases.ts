import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { openPostgres } from "../../src/store/postgres.ts";

export interface DatabaseTarget {
  name: string;
  open(): Promise<DatabaseHandle>;
}

const postgresUrl = process.env.JIKJI_TEST_DATABASE_URL;

if (!postgresUrl) {
  const message =
    "PostgreSQL store tests skipped: JIKJI_TEST_DATABASE_URL is not set (.ci/run starts a PostgreSQL 15 and sets it)";
  // In CI a missing server is a broken setup, not a reason to skip.
  if (process.env.CI) throw new Error(message.replace("skipped", "cannot run in CI"));
  console.warn(message);
}

/** A fresh, empty database on the test server for each call, dropped when its handle closes. */
async function openFreshPostgres(url: string): Promise<DatabaseHandle> {
  const name = `jikji_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openPostgres(target.toString());
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Every store backend the suite runs against: in-memory PGlite always, PostgreSQL when provided. */
export const databaseTargets: DatabaseTarget[] = [
  { name: "pglite", open: () => openPglite(null) },
  ...(postgresUrl ? [{ name: "postgresql", open: () => openFreshPostgres(postgresUrl) }] : []),
];
