import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { openJikji } from "../../src/runtime.ts";

let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-lexical-memory-log-"));
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Opens the data dir as `serve` does (a long-running process) and returns the log lines it writes. */
async function openAsServer(env: Record<string, string>) {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(...String(chunk).split("\n").filter((line) => line !== ""));
      callback();
    },
  });
  const config = loadConfig({ JIKJI_LOG_LEVEL: "info", ...env }, { dataDir: root });
  const jikji = await openJikji(config, { scanIndex: false, longRunning: true, observe: { logDestination: capture, defaultMetrics: false } });
  return { jikji, lines };
}

describe("serve's in-memory lexical index in the log", () => {
  it("logs that it is ready even when a small index is built before the logger exists, and nothing when it is off", async () => {
    const first = await openAsServer({});
    const collectionId = await first.jikji.store.ensureCollection("default");
    await ingestFile(first.jikji, {
      collectionId,
      collection: "default",
      source: "leave.md",
      bytes: new TextEncoder().encode("# 연차휴가\n\n연차휴가는 근로자가 청구한 시기에 주어야 한다."),
      accessGroups: [],
    });
    await first.jikji.close();

    const reopened = await openAsServer({});
    try {
      await expect
        .poll(() => reopened.lines.map((line) => JSON.parse(line) as { msg: string; rows?: number }).find((line) => line.msg === "in-memory lexical index ready"), { timeout: 30_000 })
        .toMatchObject({ rows: 1 });
      const { hits } = await reopened.jikji.search({ query: "연차휴가 청구", k: 1, filter: {} });
      expect(hits.map((hit) => hit.source)).toEqual(["leave.md"]);
    } finally {
      await reopened.jikji.close();
    }

    const off = await openAsServer({ JIKJI_LEXICAL_MEMORY: "off" });
    await off.jikji.close();
    expect(off.lines.some((line) => line.includes("in-memory lexical index"))).toBe(false);
  });
});

describe("a serve whose store does not open (qa3)", () => {
  it("reports the store's error, not the index's close failing under the lexical build it had started", async () => {
    // A fresh index dir with DATABASE_URL unreachable: the index opened and began its background build, the store
    // failed, and closing the index threw LanceDB's "cannot be borrowed mutably", which replaced the store's error.
    const fresh = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-store-fails-"));
    try {
      const config = loadConfig({ DATABASE_URL: "postgres://jikji:secret-pw@127.0.0.1:1/jikji" }, { dataDir: fresh });
      const error = await openJikji(config, { scanIndex: true, longRunning: true, observe: false }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "StoreUnavailableError", message: expect.stringMatching(/^Could not reach or migrate PostgreSQL/) });
      expect((error as Error).message).not.toContain("secret-pw");
    } finally {
      await fs.rm(fresh, { recursive: true, force: true });
    }
  });
});
