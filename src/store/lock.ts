import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConflictError } from "../errors.ts";

/** Whether a process with this pid exists (one we may not signal exists too). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The embedded database (PGlite + LanceDB) allows one process per data dir; a second one would corrupt it.
 * The lock names the holder so the user knows which process to stop (or to use its HTTP API), and says that
 * several instances need PostgreSQL and Qdrant.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  return acquireLock(path.join(dataDir, "jikji.lock"), process.pid, {}, dataDir);
}

/** Test seams: each runs at the moment a process racing for the same lock could act. */
export interface LockHooks {
  /** After this process's pid is written to its own claim file, before the claim is published as the lock. */
  beforePublish?: () => void;
  /** After the lock was judged stale, before this process moves it aside. */
  beforeTakeover?: () => void;
}

/**
 * Takes `file` for `pid`. The lock never exists without its holder's pid: the pid is written to a claim file of this
 * process's own, which is then hard-linked to the lock's name (atomic; EEXIST while another holds it). A lock whose
 * holder is gone is moved aside under a name of this process's own and kept only if what was moved is the stale
 * lock that was judged, so a process that took it over first is never unlocked. (Before, the lock was created empty
 * and its pid written after, and a stale one was removed by name: a process reading in either gap took a live lock
 * for stale and both held the data dir. The gaps are microseconds wide; test/store/lock.test.ts plays both out.)
 */
export function acquireLock(file: string, pid: number, hooks: LockHooks = {}, dataDir = path.dirname(file)): () => void {
  const inUse = (holder: number) =>
    new ConflictError(
      `The data dir ${dataDir} is in use by another jikji process (pid ${holder}). ` +
        "Stop it, use its HTTP API, or pass a different --data-dir. The embedded store and index serve one " +
        "process only; to run several instances set DATABASE_URL (PostgreSQL) and QDRANT_URL.",
    );
  for (let attempt = 0; attempt < 3; attempt++) {
    if (publish(file, pid, hooks)) return releaser(file, pid);
    const seen = holderOf(file);
    if (seen === "gone") continue; // released meanwhile: try again
    if (seen !== null && seen !== pid && alive(seen)) throw inUse(seen);
    // The holder is gone (crash or kill), or the file holds no pid (a lock written by a jikji before this one,
    // cut short): the lock is stale.
    hooks.beforeTakeover?.();
    const aside = `${file}.stale.${pid}.${randomBytes(4).toString("hex")}`;
    try {
      fs.renameSync(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    const moved = holderOf(aside);
    if (moved !== seen && moved !== "gone" && moved !== null && alive(moved)) {
      // Another process took the stale lock over between the read and the move: its lock goes back.
      try {
        fs.linkSync(aside, file);
      } catch {
        // A third process locked in the meantime: that one holds it now.
      }
      fs.rmSync(aside, { force: true });
      throw inUse(moved);
    }
    fs.rmSync(aside, { force: true });
  }
  throw new ConflictError(`Could not lock the data dir ${dataDir}: other processes kept taking and releasing it`);
}

/** Publishes a lock holding `pid`; false when another lock is there. */
function publish(file: string, pid: number, hooks: LockHooks): boolean {
  const claim = `${file}.${pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(claim, `${pid}\n`, { flag: "wx" });
  try {
    hooks.beforePublish?.();
    fs.linkSync(claim, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links: create the lock directly (its pid follows the create at once).
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS") return createDirectly(file, pid);
    throw error;
  } finally {
    fs.rmSync(claim, { force: true });
  }
}

function createDirectly(file: string, pid: number): boolean {
  try {
    fs.writeFileSync(file, `${pid}\n`, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The pid a lock file names; null when it names none; "gone" when there is no file. */
function holderOf(file: string): number | null | "gone" {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  const holder = Number.parseInt(text, 10);
  return Number.isInteger(holder) && holder > 0 ? holder : null;
}

/** Removes the lock once, and only while it still names this process. */
function releaser(file: string, pid: number): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (holderOf(file) === pid) fs.rmSync(file, { force: true });
  };
}
