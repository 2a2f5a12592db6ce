import fs from "node:fs";
import path from "node:path";
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
  /** Statements the driver keeps parsed and planned (see `KeptStatements`). */
  statements: KeptStatements;
  /**
   * A consistent copy of the whole database (PGlite's data dir as a gzipped tar), taken between transactions;
   * absent for PostgreSQL, which is backed up with pg_dump.
   */
  snapshot?: () => Promise<Blob>;
  close(): Promise<void>;
}

/**
 * Read-only statements run by name: the driver parses and plans each once per session (per connection on
 * PostgreSQL) and afterwards only binds and runs it. Drizzle names prepared statements for node-postgres but not for
 * PGlite, whose every query was parsed, described and planned again: for the join that hydrates a search's 30
 * candidates, planning cost more than running it (bench/search-cpu.ts, BENCHMARKS.md "searchcpu2").
 */
export interface KeptStatements {
  /**
   * The rows of the statement `text` (placeholders $1…$n) for `values`, each keyed by column name, with the
   * driver's usual type parsing (integers, jsonb, text arrays). A name always stands for the same text.
   */
  read<Row = Record<string, unknown>>(name: string, text: string, values: readonly unknown[]): Promise<Row[]>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

/** The migrations this build knows, oldest first: drizzle-kit's journal (`when` is what the migrator records). */
export function migrationJournal(): Array<{ tag: string; when: number }> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string; when: number }>;
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when })).sort((a, b) => a.when - b.when);
}
