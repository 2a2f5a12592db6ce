/**
 * A long table cut across chunks keeps its header with every chunk of its later rows: search finds a later row by a
 * column's name, and the extractive answer reads the row by its header, in every format whose tables become rows.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";
import { rateFiles, RATE_HEADER, TARGET_ROW } from "../fixtures/rate-table.ts";

const HEADER = RATE_HEADER.join(" | ");
const ROW = TARGET_ROW.join(" | ");

describe("a table cut across chunks, searched and answered", () => {
  let root = "";
  let jikji: Jikji;
  let collections: string[] = [];
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-table-header-"));
    const dataDir = path.join(root, "data");
    const files = await rateFiles();
    for (const [i, file] of files.entries()) {
      const folder = path.join(root, `in-${i}`);
      await fs.mkdir(folder);
      await fs.writeFile(path.join(folder, file.name), file.bytes);
      const collection = `rates-${i}`;
      const result = await cli(["ingest", folder, "--collection", collection, "--json", "--data-dir", dataDir]);
      expect(result.code, result.stderr).toBe(0);
    }
    collections = files.map((_, i) => `rates-${i}`);
    jikji = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false });
  }, 240_000);
  afterAll(async () => {
    await jikji?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it("ranks the later chunk holding the row first for the header's words and the row's label, and returns its header", async () => {
    // The paragraph before the table names the product and the columns: without the header, the table's first chunk
    // (that paragraph and the header row) outranked the chunk holding the product's rows.
    for (const collection of collections) {
      const { hits } = await jikji.search({ query: "햇살정기예금 36개월 기본금리", k: 5, filter: { collection } });
      expect(hits[0]?.text, collection).toContain(ROW);
      expect(hits[0]?.text, collection).not.toContain("기본금리");
      expect(hits[0]?.tableHeader, collection).toBe(HEADER);
    }
  }, 60_000);

  it("answers from the right row with the header's meaning, the quote a verified slice of the row's own chunk", async () => {
    for (const collection of collections) {
      const result = await jikji.ask.ask({ question: "햇살정기예금 36개월의 기본금리는 얼마인가요?", filter: { collection } });
      const citation = result.citations.find((candidate) => candidate.quote.includes("햇살정기예금 | 36개월"));
      expect(citation, `${collection}: ${result.answer}`).toBeDefined();
      expect(citation!.verified).toBe(true);
      expect(citation!.quote).toContain("연 3.65%");
      expect(citation!.quote).not.toContain("기본금리");
      expect(citation!.tableHeader).toContain("기본금리");
      expect(result.answer).toContain(`(${citation!.tableHeader}) ${citation!.quote}`);
    }
  }, 60_000);
});
