import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { PayloadTooLargeError } from "../../src/errors.ts";
import { runIngestJob } from "../../src/ingest/jobs.ts";
import { inProcessParser, workerParser, type DocumentParser, type ParserLimits } from "../../src/ingest/parser.ts";
import { parserPool } from "../../src/ingest/pool.ts";
import { readAhead } from "../../src/ingest/read-ahead.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

const LIMITS: ParserLimits = { maxPages: 100, maxDecompressedBytes: 64 * 1024 * 1024, parseTimeoutMs: 60_000, parseMemoryMb: 256 };
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The real parser, recording which files it was asked for; `hold` keeps one file's parse waiting until released. */
function recordingParser(hold?: string) {
  const real = inProcessParser({});
  const asked: string[] = [];
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const parser: DocumentParser = {
    async parse(bytes, fileName, extra) {
      asked.push(fileName);
      if (fileName === hold) await gate;
      return real.parse(bytes, fileName, extra);
    },
    close: () => real.close(),
  };
  return { parser, asked, release };
}

describe("the parser pool", () => {
  it("parses another file while one is still in hand", async () => {
    const held = recordingParser("slow.txt");
    const other = recordingParser();
    const pool = parserPool([held.parser, other.parser]);
    const slow = pool.parse(utf8("slow"), "slow.txt");
    // With the first parser held, the second file can only finish if the pool gave it to the other parser.
    expect((await pool.parse(utf8("quick"), "quick.txt")).document.text).toBe("quick");
    expect(other.asked).toEqual(["quick.txt"]);
    held.release();
    expect((await slow).document.text).toBe("slow");
    await pool.close();
  });

  it("feeds every parser from one queue: a file asked for behind a slow one goes to whichever parser is free", async () => {
    const held = recordingParser("slow.txt");
    const other = recordingParser();
    const pool = parserPool([held.parser, other.parser]);
    const slow = pool.parse(utf8("slow"), "slow.txt");
    // Both quick files must finish while the first parser is still held: neither may wait in its hands.
    const quick = await Promise.all(["one.txt", "two.txt", "three.txt"].map((name) => pool.parse(utf8(name), name)));
    expect(quick.map((result) => result.document.text)).toEqual(["one.txt", "two.txt", "three.txt"]);
    expect(other.asked).toEqual(["one.txt", "two.txt", "three.txt"]);
    expect(held.asked).toEqual(["slow.txt"]);
    held.release();
    expect((await slow).document.text).toBe("slow");
    await pool.close();
  });

  it("starts no file still waiting when it is closed, and says so to whoever waits for it", async () => {
    const held = recordingParser("slow.txt");
    const pool = parserPool([held.parser]);
    const slow = pool.parse(utf8("slow"), "slow.txt");
    const queued = pool.parse(utf8("queued"), "queued.txt").catch((error: unknown) => error);
    const closed = pool.close();
    held.release();
    await closed;
    expect(((await queued) as Error).message).toMatch(/closed before this file's turn/);
    expect((await slow).document.text).toBe("slow");
    expect(held.asked).toEqual(["slow.txt"]);
  });

  it("keeps each worker's heap limit: a file that exhausts one worker fails alone while another file parses", async () => {
    const pool = parserPool([workerParser({ ...LIMITS, parseMemoryMb: 16 }, null), workerParser({ ...LIMITS, parseMemoryMb: 16 }, null)]);
    try {
      const huge = utf8(Array.from({ length: 400_000 }, (_, i) => `Paragraph number ${i} says something.`).join("\n\n"));
      const [failure, small] = await Promise.all([
        pool.parse(huge, "huge.txt").catch((error: unknown) => error),
        pool.parse(utf8("beside it"), "beside.txt"),
      ]);
      expect(failure).toBeInstanceOf(PayloadTooLargeError);
      expect((failure as Error).message).toMatch(/huge\.txt needed more than 16 MB/);
      expect(small.document.text).toBe("beside it");
      const after = await Promise.all([pool.parse(utf8("one"), "one.txt"), pool.parse(utf8("two"), "two.txt")]);
      expect(after.map((result) => result.document.text)).toEqual(["one", "two"]);
    } finally {
      await pool.close();
    }
  });
});

describe("an ingest job that parses ahead", () => {
  let root: string;
  let jikji: Jikji;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-ahead-"));
    jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
  });

  afterAll(async () => {
    await jikji.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  const texts: Record<string, string> = {
    "a.md": "# 가\n\n첫 번째 문서의 본문입니다.",
    "b.txt": "", // no text: fails alone
    "c.md": "# 다\n\n세 번째 문서입니다.",
    "d.txt": "Fourth document, in English.",
  };

  async function run(parser: DocumentParser) {
    const collectionId = await jikji.store.ensureCollection("ahead");
    const job = await jikji.store.createJob(collectionId, Object.keys(texts).length);
    return runIngestJob(
      { ...jikji, parser },
      {
        jobId: job.id,
        collection: "ahead",
        accessGroups: [],
        maxFileBytes: 1024 * 1024,
        parseAhead: 2,
        files: Object.entries(texts).map(([source, text]) => ({ source, sizeBytes: utf8(text).byteLength, read: async () => utf8(text) })),
      },
    );
  }

  it("takes a read-ahead begun before the store was open: each file parsed once, as early as it could be", async () => {
    const parser = recordingParser();
    const files = Object.entries(texts).map(([source, text]) => ({ source: `early-${source}`, sizeBytes: utf8(text).byteLength, read: async () => utf8(text) }));
    // As `jikji ingest` into a new data dir: nothing stored yet, so nothing can be unchanged.
    const ahead = readAhead({ files, depth: 2, parser: parser.parser, store: null, collectionId: null, skip: () => false });
    ahead.begin();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The first file and the two after it, before the job asked for any.
    expect([...parser.asked].sort()).toEqual(["early-a.md", "early-b.txt", "early-c.md"]);
    const collectionId = await jikji.store.ensureCollection("early");
    const job = await jikji.store.createJob(collectionId, files.length);
    const report = await runIngestJob(
      { ...jikji, parser: parser.parser },
      { jobId: job.id, collection: "early", accessGroups: [], maxFileBytes: 1024 * 1024, ahead, files },
    );
    expect(report.files.map((file) => file.action)).toEqual(["ingested", "failed", "ingested", "ingested"]);
    expect([...parser.asked].sort()).toEqual(["early-a.md", "early-b.txt", "early-c.md", "early-d.txt"]);
  });

  it("ingests every file in order, fails the unreadable one alone, and parses nothing for unchanged files", async () => {
    const first = recordingParser();
    const report = await run(first.parser);
    expect(report.files.map((file) => [file.source, file.action])).toEqual([
      ["a.md", "ingested"],
      ["b.txt", "failed"],
      ["c.md", "ingested"],
      ["d.txt", "ingested"],
    ]);
    expect(report.files[1]!.error).toMatch(/b\.txt/);
    // Each file parsed exactly once, whether early or in its turn.
    expect([...first.asked].sort()).toEqual(["a.md", "b.txt", "c.md", "d.txt"]);
    const found = await jikji.search({ query: "세 번째 문서", k: 3, filter: { collection: "ahead" } });
    expect(found.hits[0]?.source).toBe("c.md");

    const again = recordingParser();
    const second = await run(again.parser);
    expect(second.counters).toMatchObject({ ingested: 0, unchanged: 3, failed: 1 });
    expect(again.asked).toEqual(["b.txt"]);
  });
});
