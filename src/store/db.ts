import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema.ts";

/** Either driver: the repository code in store.ts is written once against drizzle's Postgres core. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database from one driver (`pglite.ts` or `postgres.ts`): the only files that import a driver. */
export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /**
   * A consistent copy of the whole database (PGlite's data dir as a gzipped tar), taken between transactions;
   * absent for PostgreSQL, which is backed up with pg_dump.
   */
  snapshot?: () => Promise<Blob>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

export { openPglite } from "./pglite.ts";
export { openPostgres } from "./postgres.ts";
