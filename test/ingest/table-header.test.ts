import { describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { rateFiles, RATE_HEADER, targetRow } from "../fixtures/rate-table.ts";
import { expectChunkInvariants } from "./invariants.ts";

describe("a long table cut across chunks", async () => {
  const files = await rateFiles();
  it.each(files.map((file) => [file.name, file.bytes, file.product] as const))("%s: every later chunk carries the table's header row", async (name, bytes, product) => {
    const { document } = await parseDocument(bytes, name);
    const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
    expectChunkInvariants(document, chunks, DEFAULT_CHUNK_OPTIONS);
    const header = RATE_HEADER.join(" | ");
    const holding = chunks.filter((chunk) => chunk.text.includes("개월 | 연 "));
    expect(holding.length).toBeGreaterThanOrEqual(3);
    // The chunk with the header row in its text needs no carried one; every other chunk of rows carries it.
    expect(holding[0]!.text).toContain(header);
    expect(holding[0]!.tableHeader).toBeNull();
    for (const chunk of holding.slice(1)) expect(chunk.tableHeader).toBe(header);
    const target = chunks.find((chunk) => chunk.text.includes(targetRow(product).join(" | ")))!;
    expect(target.text).not.toContain("기본금리");
    expect(target.tableHeader).toBe(header);
    // Text outside the table carries nothing.
    expect(chunks.filter((chunk) => !chunk.text.includes(" | ")).every((chunk) => chunk.tableHeader === null)).toBe(true);
  });
});
