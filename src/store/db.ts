import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema.ts";

/** Either driver: the repository code in store.ts is written once against drizzle's Postgres core. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * An open database from one driver (`pglite.ts` or `postgres.ts`): the only files that import a driver. Import
 * each from its own file: re-exporting both here made every PGlite user load `pg` too.
 */
export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));
