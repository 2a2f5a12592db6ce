import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { describe, expect, it } from "vitest";
import { IndexUnavailableError } from "../../src/errors.ts";
import { createEmbeddedIndex, sqlString } from "../../src/retrieve/index/embedded.ts";
import type { IndexPoint } from "../../src/retrieve/index/port.ts";
import { queryTerms, termCounts } from "../../src/retrieve/tokenize.ts";
import { searchIndexContract } from "../contracts/search-index.contract.ts";

searchIndexContract("embedded (LanceDB)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jikji-lance-"));
  return {
    index: createEmbeddedIndex({ dir }),
    reopen: () => createEmbeddedIndex({ dir }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe("embedded index specifics", () => {
  it("quotes SQL strings by doubling single quotes", () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString("x' OR '1'='1")).toBe("'x'' OR ''1''=''1'");
  });

  it("refuses calls before open with IndexUnavailableError", async () => {
    const index = createEmbeddedIndex({ dir: join(tmpdir(), "jikji-never-opened") });
    await expect(index.search({ terms: ["x"], filter: {}, limit: 1 })).rejects.toBeInstanceOf(IndexUnavailableError);
  });

  it("wraps LanceDB failures in IndexUnavailableError with the cause", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-"));
    const file = join(dir, "not-a-dir");
    await (await import("node:fs/promises")).writeFile(file, "x");
    const index = createEmbeddedIndex({ dir: join(file, "db") });
    const error = await index.open(null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexUnavailableError);
    expect((error as IndexUnavailableError).cause).toBeDefined();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps BM25 document frequencies on disk after optimize, and never trusts them after a later write", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-df-"));
    const point = (id: number, text: string): IndexPoint => ({
      chunkId: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
      documentId: `10000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
      version: 1,
      collection: "c",
      accessGroups: [],
      terms: termCounts(text),
    });
    const query = { terms: queryTerms("연차 휴가 신청"), filter: {}, limit: 5 };
    const writer = createEmbeddedIndex({ dir });
    await writer.open(null);
    await writer.upsert([point(1, "연차 휴가 신청 절차"), point(2, "병가 신청"), point(3, "출장 경비 정산")]);
    await writer.optimize();
    const ranked = await writer.search(query);
    await writer.close();
    await access(join(dir, "document-frequencies.json"));

    const reader = createEmbeddedIndex({ dir });
    await reader.open(null);
    expect(await reader.search(query)).toEqual(ranked);
    // A write without optimize changes the counts; the saved file is for an older table version.
    await reader.upsert([point(4, "휴가 휴가 신청 신청 안내"), point(5, "신청서 양식")]);
    const afterWrite = await reader.search(query);
    await reader.close();

    const fresh = createEmbeddedIndex({ dir });
    await fresh.open(null);
    expect(await fresh.search(query)).toEqual(afterWrite);
    await fresh.close();
    await rm(join(dir, "document-frequencies.json"));
    const recounted = createEmbeddedIndex({ dir });
    await recounted.open(null);
    expect(await recounted.search(query)).toEqual(afterWrite);
    await recounted.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps the saved document frequencies exact through writes in a process that never searched", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-df-writes-"));
    const point = (id: number, documentId: string, text: string): IndexPoint => ({
      chunkId: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
      documentId,
      version: 1,
      collection: "c",
      accessGroups: [],
      terms: termCounts(text),
    });
    const frequenciesFile = join(dir, "document-frequencies.json");
    const counts = async () => {
      const saved = JSON.parse(await readFile(frequenciesFile, "utf8")) as { documents: number; counts: Array<[string, number]> };
      return { documents: saved.documents, counts: [...saved.counts].sort(([a], [b]) => a.localeCompare(b)) };
    };
    const first = createEmbeddedIndex({ dir });
    await first.open(null);
    await first.upsert([point(1, "a", "연차 휴가 신청"), point(2, "b", "병가 신청 절차"), point(3, "c", "출장 경비")]);
    await first.optimize();
    await first.close();

    // Like `jikji ingest` then `jikji delete`: writes, no search, then the job's optimize().
    const writer = createEmbeddedIndex({ dir });
    await writer.open(null);
    await writer.upsert([point(2, "b", "병가 병가 안내"), point(4, "d", "휴가 규정 개정")]);
    await writer.deleteDocument("c");
    await writer.optimize();
    await writer.close();
    const kept = await counts();

    await rm(frequenciesFile);
    const recounter = createEmbeddedIndex({ dir });
    await recounter.open(null);
    await recounter.optimize();
    await recounter.close();
    expect(kept).toEqual(await counts());
    expect(kept.documents).toBe(3);
    await rm(dir, { recursive: true, force: true });
  });

  it("leaves a bulk load unfolded until optimize(), then folds all of it into the full-text index", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-bulk-"));
    const index = createEmbeddedIndex({ dir });
    await index.open(null);
    const points = Array.from({ length: 2_500 }, (_, i): IndexPoint => ({
      chunkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      documentId: `doc-${Math.floor(i / 50)}`,
      version: 1,
      collection: "c",
      accessGroups: [],
      terms: termCounts(`항목 ${i} 설명 item${i}`),
    }));
    // Plain upserts of this many rows would fold the backlog in (every 2,000 rows); a bulk load waits.
    for (let start = 0; start < points.length; start += 500) await index.upsert(points.slice(start, start + 500), { bulk: true });
    const unfolded = await unindexedRows(dir);
    await index.optimize();
    const folded = await unindexedRows(dir);
    expect(unfolded).toBe(2_500);
    expect(folded).toBe(0);
    expect((await index.search({ terms: queryTerms("item1234"), filter: {}, limit: 3 }))[0]?.chunkId).toBe(points[1234]!.chunkId);
    await index.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("gives a table written without scalar indices its indices on open, so filters and id lookups stop scanning", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-scalar-"));
    const point = (id: number, collection: string, accessGroups: string[]): IndexPoint => ({
      chunkId: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
      documentId: `doc-${id}`,
      version: 1,
      collection,
      accessGroups,
      terms: termCounts(`휴가 신청 안내 ${id}`),
    });
    const writer = createEmbeddedIndex({ dir });
    await writer.open(null);
    await writer.upsert([point(1, "hr", []), point(2, "hr", ["staff"]), point(3, "it", [])]);
    await writer.optimize();
    await writer.close();
    // As an older jikji left it: the full-text index only.
    const db = await connect(dir);
    const table = await db.openTable("chunks");
    for (const name of ["chunk_id_idx", "document_id_idx", "collection_idx", "access_groups_idx"]) await table.dropIndex(name);
    expect((await table.listIndices()).map((index) => index.columns[0])).toEqual(["terms"]);
    // The older jikji's last optimize() saved the frequencies for the table as it now is.
    const frequenciesFile = join(dir, "document-frequencies.json");
    const saved = JSON.parse(await readFile(frequenciesFile, "utf8")) as { tableVersion: number };
    await writeFile(frequenciesFile, JSON.stringify({ ...saved, tableVersion: await table.version() }));

    const reader = createEmbeddedIndex({ dir });
    await reader.open(null);
    await table.checkoutLatest();
    // Building indices changes no row, so the saved counts still describe the table (no recount on first search).
    expect((JSON.parse(await readFile(frequenciesFile, "utf8")) as { tableVersion: number }).tableVersion).toBe(await table.version());
    expect((await table.listIndices()).flatMap((index) => index.columns).sort()).toEqual(
      ["access_groups", "chunk_id", "collection", "document_id", "terms"],
    );
    const query = { terms: queryTerms("휴가 신청"), limit: 5 };
    const found = async (filter: { collection?: string; accessGroups?: string[] }) =>
      (await reader.search({ ...query, filter })).map((hit) => hit.documentId).sort();
    expect(await found({ collection: "hr", accessGroups: [] })).toEqual(["doc-1"]);
    expect(await found({ collection: "hr", accessGroups: ["staff"] })).toEqual(["doc-1", "doc-2"]);
    await reader.deleteDocument("doc-1");
    await reader.upsert([point(3, "hr", [])]);
    expect(await found({ collection: "hr" })).toEqual(["doc-2", "doc-3"]);
    table.close();
    db.close();
    await reader.close();
    await rm(dir, { recursive: true, force: true });
  });
});

/** Rows of the chunks table its full-text index does not cover yet, read with LanceDB directly. */
async function unindexedRows(dir: string): Promise<number | undefined> {
  const db = await connect(dir);
  const table = await db.openTable("chunks");
  try {
    return (await table.indexStats("terms_idx"))?.numUnindexedRows;
  } finally {
    table.close();
    db.close();
  }
}
