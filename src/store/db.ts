import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { StoreUnavailableError, errorMessage } from "../errors.ts";
import * as schema from "./schema.ts";

/** Either driver: the repository code in store.ts is written once against drizzle's Postgres core. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

/** PGlite inside `<dataDir>/pg`, with the migrations applied. */
export async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  let client: PGlite;
  try {
    if (dataDir === null) client = new PGlite();
    else {
      const dir = path.join(dataDir, "pg");
      fs.mkdirSync(dir, { recursive: true });
      client = new PGlite(dir);
    }
    await client.waitReady;
  } catch (error) {
    throw new StoreUnavailableError(`Could not open the embedded database: ${errorMessage(error)}`, { cause: error });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  try {
    if (!(await pgliteSchemaIsCurrent(client))) await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
  } catch (error) {
    await client.close();
    throw new StoreUnavailableError(`Could not migrate the embedded database: ${errorMessage(error)}`, { cause: error });
  }
  return { db, kind: "pglite", close: () => client.close() };
}

/**
 * Whether the newest migration in `migrations/` is already applied, judged as drizzle's migrator judges it (the
 * last applied `created_at` against each migration's `when`). Opening a current data dir then costs one query
 * instead of the migrator's reading and hashing every SQL file and its three statements.
 */
async function pgliteSchemaIsCurrent(client: PGlite): Promise<boolean> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
  const newest = Math.max(...journal.entries.map((entry) => entry.when));
  try {
    const { rows } = await client.query<{ applied: string | null }>("SELECT max(created_at)::text AS applied FROM drizzle.__drizzle_migrations");
    return rows[0]?.applied != null && Number(rows[0].applied) >= newest;
  } catch {
    // No migrations table yet: a new data dir.
    return false;
  }
}

/** PostgreSQL at `url`, with the migrations applied. */
export async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {
    // An idle client lost its connection; the next query reports the failure to its caller.
  });
  try {
    await migratePg(drizzlePg(pool), { migrationsFolder: MIGRATIONS_DIR });
  } catch (error) {
    await pool.end();
    throw new StoreUnavailableError(`Could not reach or migrate PostgreSQL: ${errorMessage(error)}`, { cause: error });
  }
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  return { db, kind: "postgres", close: () => pool.end() };
}
