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
import { rateFiles, RATE_HEADER, targetRow } from "../fixtures/rate-table.ts";

const HEADER = RATE_HEADER.join(" | ");

describe("a table cut across chunks, searched and answered", () => {
  let root = "";
  let jikji: Jikji;
  let products: Array<{ name: string; product: string }> = [];
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-table-header-"));
    const dataDir = path.join(root, "data");
    const files = await rateFiles();
    const folder = path.join(root, "in");
    await fs.mkdir(folder);
    for (const file of files) await fs.writeFile(path.join(folder, file.name), file.bytes);
    // One collection, one ingest: each file names its own product in its last rows and in the paragraph before them.
    const result = await cli(["ingest", folder, "--json", "--data-dir", dataDir]);
    expect(result.code, result.stderr).toBe(0);
    products = files.map(({ name, product }) => ({ name, product }));
    jikji = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false });
  }, 240_000);
  afterAll(async () => {
    await jikji?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it("ranks the later chunk holding the row first for the header's words and the row's label, and returns its header", async () => {
    // The paragraph before the table names the product and the columns: without the header, the table's first chunk
    // (that paragraph and the header row) outranked the chunk holding the product's rows.
    for (const { name, product } of products) {
      const { hits } = await jikji.search({ query: `${product} 36개월 기본금리`, k: 5, filter: {} });
      expect(hits[0]?.source, name).toBe(name);
      expect(hits[0]?.text, name).toContain(targetRow(product).join(" | "));
      expect(hits[0]?.text, name).not.toContain("기본금리");
      expect(hits[0]?.tableHeader, name).toBe(HEADER);
    }
  }, 60_000);

  it("answers from the right row with the header's meaning, the quote a verified slice of the row's own chunk", async () => {
    for (const { name, product } of products) {
      const result = await jikji.ask.ask({ question: `${product} 36개월의 기본금리는 얼마인가요?` });
      const citation = result.citations.find((candidate) => candidate.quote.includes(`${product} | 36개월`));
      expect(citation, `${name}: ${result.answer}`).toBeDefined();
      expect(citation!.source).toBe(name);
      expect(citation!.verified).toBe(true);
      expect(citation!.quote).toContain("연 3.65%");
      expect(citation!.quote).not.toContain("기본금리");
      expect(citation!.tableHeader).toContain("기본금리");
      expect(result.answer).toContain(`(${citation!.tableHeader}) ${citation!.quote}`);
    }
  }, 60_000);
});
