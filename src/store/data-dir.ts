import fs from "node:fs";
import path from "node:path";

/** Where the embedded database (PGlite) keeps its files inside a data dir. */
export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, "pg");
}

/**
 * Whether the data dir holds an initialised embedded database. Light on purpose (no PGlite import): `jikji ingest`
 * asks before it opens anything, since into a new data dir every file is new and parsing can start at once.
 */
export function hasEmbeddedStore(dataDir: string): boolean {
  return fs.existsSync(path.join(pgliteDir(dataDir), "PG_VERSION"));
}
