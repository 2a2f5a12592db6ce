/**
 * A full or read-only disk under the data dir, told apart from other failures (qa3): drivers bury it in a cause
 * chain ("Failed query: update … params: …" over PGlite's "could not extend file …: No space left on device", or a
 * LanceDB "os error 28" inside an index error), and the CLI printed the wrapper, its SQL parameters and a stack.
 * The sentence says what the user needs: what it is, that what was stored is kept (a file is published only once
 * its chunks and points are written, and the next start repairs a half-written one), and what to do.
 */
export function storageFailure(error: unknown): string | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    const cause = rootMessage(current);
    if (code === "ENOSPC" || code === "EDQUOT" || code === "53100" || /No space left on device|os error 28\b|Disk quota exceeded/.test(current.message)) {
      return `the disk holding the data is full (${cause}). What was already stored is kept; free some space and run the command again`;
    }
    if (code === "EROFS" || /read-only file system|os error 30\b/i.test(current.message)) {
      return `the data dir's file system is read-only (${cause}). What was already stored is kept; make it writable, or point --data-dir (JIKJI_DATA_DIR) elsewhere`;
    }
  }
  return null;
}

/** The innermost message of the chain, cut short: the system's own words without the wrappers' SQL. */
function rootMessage(error: Error): string {
  let root: Error = error;
  for (let depth = 0; root.cause instanceof Error && depth < 8; depth++) root = root.cause;
  const message = root.message.replace(/\s+/g, " ").trim();
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
