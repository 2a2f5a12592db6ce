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
  const file = path.join(dataDir, "jikji.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new ConflictError(
          `The data dir ${dataDir} is in use by another jikji process (pid ${holder}). ` +
            "Stop it, use its HTTP API, or pass a different --data-dir. The embedded store and index serve one " +
            "process only; to run several instances set DATABASE_URL (PostgreSQL) and QDRANT_URL.",
        );
      }
      // The holder is gone (crash or kill): the lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new ConflictError(`Could not lock the data dir ${dataDir}`);
}
