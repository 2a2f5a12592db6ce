import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { StoreUnavailableError, errorMessage } from "../errors.ts";
import { MIGRATIONS_DIR, type Database, type DatabaseHandle } from "./db.ts";
import * as schema from "./schema.ts";

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
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
  } catch (error) {
    await client.close();
    throw new StoreUnavailableError(`Could not migrate the embedded database: ${errorMessage(error)}`, { cause: error });
  }
  return { db, kind: "pglite", close: () => client.close() };
}
