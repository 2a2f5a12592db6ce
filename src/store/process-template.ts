import fs from "node:fs";

/**
 * A freshly migrated PGlite data dir (a tar from `migratedDataDir()` in pglite.ts) that this process makes new data
 * dirs from when no cache dir is given, in memory or on disk, instead of initdb and the migrations (~3.5 s of CPU
 * against ~1.2 s to load the copy). jikji itself never sets it: the test suite does (test/helpers/pglite-setup.ts),
 * which opens hundreds of new stores without a cache dir. Kept apart from pglite.ts, and read only when a store is
 * first made, so that setting it costs a file that never opens a store nothing.
 */
let file: string | null = null;
let tar: Blob | null = null;

/** Makes new data dirs without a cache dir from the tar in `from`; null: by initdb and the migrations again. */
export function useProcessTemplate(from: string | null): void {
  file = from;
  tar = null;
}

/** The tar set by `useProcessTemplate`, read once; null when none is set or it cannot be read. */
export function processTemplate(): Blob | null {
  if (file === null) return null;
  if (tar === null) {
    try {
      tar = new Blob([fs.readFileSync(file)]);
    } catch {
      file = null;
      return null;
    }
  }
  return tar;
}
