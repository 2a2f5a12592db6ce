import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConflictError } from "../../src/errors.ts";
import { loadConfig } from "../../src/config.ts";
import { openJikji } from "../../src/runtime.ts";
import { acquireLock, lockDataDir } from "../../src/store/lock.ts";

// Two processes racing for one data dir are played out in one process, deterministically: a hook runs the other
// process's whole attempt at the moment the race is lost. The other process is the test runner's parent (alive),
// and a dead holder is a pid above any kernel's pid_max.
const OTHER = process.ppid;
const DEAD = 2 ** 30;

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "jikji-lock-"));
  file = path.join(dir, "jikji.lock");
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const holder = () => fs.readFileSync(file, "utf8").trim();

/** What `run` threw, or null when it returned. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
    return null;
  } catch (caught) {
    return caught;
  }
}

describe("the data dir lock (qa3)", () => {
  it("never shows another process a lock file without its holder's pid: of two starting at once, one holds it", () => {
    // Before the fix the file was created empty and its pid written after; a second process reading it in between
    // took it for a stale lock, removed it and locked too.
    let other: (() => void) | null = null;
    const error = thrownBy(() => acquireLock(file, process.pid, { beforePublish: () => (other = acquireLock(file, OTHER)) }));
    expect(other).not.toBeNull();
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(`pid ${OTHER}`);
    expect(holder()).toBe(String(OTHER));
    // The loser leaves nothing behind.
    expect(fs.readdirSync(dir)).toEqual(["jikji.lock"]);
  });

  it("takes over a stale lock, but not one another process took over first", () => {
    fs.writeFileSync(file, `${DEAD}\n`);
    let other: (() => void) | null = null;
    // Both read the dead holder's pid; the other removes the stale lock and locks before this one acts on it.
    const error = thrownBy(() =>
      acquireLock(file, process.pid, {
        beforeTakeover: () => {
          fs.rmSync(file);
          other = acquireLock(file, OTHER);
        },
      }),
    );
    expect(other).not.toBeNull();
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(`pid ${OTHER}`);
    expect(holder()).toBe(String(OTHER));
    expect(fs.readdirSync(dir)).toEqual(["jikji.lock"]);
  });

  it("takes over the lock of a process that is gone, or one cut short before its pid, and releases only its own", () => {
    for (const stale of [`${DEAD}\n`, ""]) {
      fs.writeFileSync(file, stale);
      const release = lockDataDir(dir);
      expect(holder()).toBe(String(process.pid));
      expect(fs.readdirSync(dir)).toEqual(["jikji.lock"]);
      release();
      expect(fs.readdirSync(dir)).toEqual([]);
    }
    // A release after another process has (wrongly) replaced the file leaves that process's lock alone.
    const release = lockDataDir(dir);
    fs.writeFileSync(file, `${OTHER}\n`);
    release();
    expect(holder()).toBe(String(OTHER));
  });

  it("refuses a data dir a live process holds, naming it", () => {
    fs.writeFileSync(file, `${OTHER}\n`);
    expect(() => lockDataDir(dir)).toThrow(ConflictError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another jikji process \\(pid ${OTHER}\\)`));
    expect(holder()).toBe(String(OTHER));
  });
});

describe("the data dir lock with PostgreSQL (qa3)", () => {
  // The store is PostgreSQL at an address that refuses at once: what is tried first decides the error.
  const DATABASE_URL = "postgres://jikji:pw@127.0.0.1:1/jikji";

  it("is taken while the index is the embedded one: serve and a CLI ingest on one data dir each wrote its LanceDB table, and serve never found what the CLI ingested", async () => {
    fs.writeFileSync(file, `${OTHER}\n`);
    const error = await openJikji(loadConfig({ DATABASE_URL }, { dataDir: dir }), { scanIndex: false, observe: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(`pid ${OTHER}`);
    expect((error as Error).message).toContain("QDRANT_URL");
  });

  it("is not taken when the index is Qdrant too: then nothing of the data dir is shared state", async () => {
    fs.writeFileSync(file, `${OTHER}\n`);
    const config = loadConfig({ DATABASE_URL, QDRANT_URL: "http://127.0.0.1:1" }, { dataDir: dir });
    const error = await openJikji(config, { scanIndex: false, observe: false }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "StoreUnavailableError" });
    expect(holder()).toBe(String(OTHER));
  });
});

