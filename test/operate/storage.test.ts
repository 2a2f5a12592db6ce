import { describe, expect, it } from "vitest";
import { IndexUnavailableError } from "../../src/errors.ts";
import { describeFailure } from "../../src/ingest/ingest.ts";
import { storageFailure } from "../../src/operate/storage.ts";

/** What a full disk looked like in `jikji ingest` on a 75 MB tmpfs (qa3): drizzle's wrapper over PGlite's error. */
const pgliteFull = new Error(
  'Failed query: update "ingest_jobs" set "counters" = $1, "files" = $2 where "ingest_jobs"."id" = $4 returning "id"\nparams: {"filesTotal":30}',
  { cause: Object.assign(new Error('could not extend file "base/5/16410": No space left on device'), { code: "53100" }) },
);
const lanceFull = new IndexUnavailableError(
  "The embedded search index in /d/index failed to delete a document: lance error: LanceError(IO): Unable to copy data to file: No space left on device (os error 28)",
  { cause: new Error("No space left on device (os error 28)") },
);
const readOnly = Object.assign(new Error("EROFS: read-only file system, open '/d/jikji.lock'"), { code: "EROFS" });

describe("a full or read-only disk (qa3)", () => {
  it("is named as such, wherever in the cause chain the driver put it, and nothing else is", () => {
    for (const error of [pgliteFull, lanceFull]) expect(storageFailure(error), error.message).toMatch(/^the disk holding the data is full/);
    expect(storageFailure(readOnly)).toMatch(/^the data dir's file system is read-only/);
    expect(storageFailure(new Error("Failed query: select 1", { cause: new Error("syntax error") }))).toBeNull();
    expect(storageFailure("No space left on device")).toBeNull(); // only errors, never arbitrary text
  });

  it("says, for the whole command, that what was stored is kept and what to do, without the SQL or its params", () => {
    const text = storageFailure(pgliteFull)!;
    expect(text).toMatch(/already stored is kept/);
    expect(text).toMatch(/free some space/);
    expect(text).not.toMatch(/Failed query|params|ingest_jobs/);
  });

  it("is how a file's failure reads in the job too, rather than 'unexpected error'", () => {
    const failure = describeFailure(pgliteFull);
    expect(failure).toMatch(/^the disk holding the data is full/);
    expect(failure).not.toMatch(/unexpected error|Failed query/);
  });
});

describe("the embedded database failing to start on a full disk (qa3)", () => {
  it("says how little room is left, and nothing when there is room", async () => {
    const { lowSpaceNote } = await import("../../src/store/pglite.ts");
    const note = lowSpaceNote("/data/pg", () => ({ bavail: 540, bsize: 4096 }));
    expect(note).toMatch(/the disk holding \/data\/pg has 2\.1 MB free/);
    expect(lowSpaceNote("/data/pg", () => ({ bavail: 1_000_000n, bsize: 4096n }))).toBe("");
    expect(lowSpaceNote("/data/pg", () => {
      throw new Error("ENOSYS");
    })).toBe("");
  });
});

describe("a file whose store connection was dropped (qa3)", () => {
  it("reads as a lost connection to retry, not as an unexpected error quoting SQL", () => {
    const dropped = new Error('Failed query: insert into "chunks" … params: …', {
      cause: new Error("Client has encountered a connection error and is not queryable"),
    });
    const failure = describeFailure(dropped);
    expect(failure).toMatch(/^the connection to the store was lost while this file was stored \(Client has encountered a connection error/);
    expect(failure).toMatch(/upload it again/);
    expect(failure).not.toMatch(/unexpected error|Failed query|insert into/);
    // Anything else unexpected keeps its root cause, under "unexpected error".
    expect(describeFailure(new Error("Failed query: select 1", { cause: new Error("division by zero") }))).toBe("unexpected error: division by zero");
  });
});
