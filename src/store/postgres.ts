import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { StoreUnavailableError, errorMessage } from "../errors.ts";
import { MIGRATIONS_DIR, type Database, type DatabaseHandle } from "./db.ts";
import * as schema from "./schema.ts";

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
