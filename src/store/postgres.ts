import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { StoreUnavailableError, errorMessage } from "../errors.ts";
import { MIGRATIONS_DIR, type Database, type DatabaseHandle } from "./db.ts";
import * as schema from "./schema.ts";

/** Advisory lock key (two-int form) held while migrating; see src/store/shared.ts for the others. */
const LOCK_CLASS_MIGRATE = 0x6a696b69;

/**
 * Applies the migrations on one connection holding a session advisory lock: instances starting together migrate
 * one after the other, and the later ones find nothing left to apply instead of racing on `CREATE TABLE`.
 */
async function migrateAlone(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1::int, 0)", [LOCK_CLASS_MIGRATE]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::int, 0)", [LOCK_CLASS_MIGRATE]);
    }
  } finally {
    client.release();
  }
}

/** PostgreSQL at `url`, with the migrations applied. */
export async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {
    // An idle client lost its connection; the next query reports the failure to its caller.
  });
  pool.on("connect", (client) => {
    // So does a client checked out (an ingest file's lock transaction) whose connection the server ends between two
    // queries: without a listener its "error" event would stop the process.
    client.on("error", () => undefined);
  });
  try {
    await migrateAlone(pool);
  } catch (error) {
    await pool.end();
    throw new StoreUnavailableError(`Could not reach or migrate PostgreSQL: ${errorMessage(error)}`, { cause: error });
  }
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  return {
    db,
    kind: "postgres",
    // node-postgres prepares a named statement once on each pooled connection that runs it.
    statements: {
      read: async <Row>(name: string, text: string, values: readonly unknown[]) =>
        (await pool.query({ name, text, values: [...values] })).rows as Row[],
    },
    close: () => pool.end(),
  };
}
