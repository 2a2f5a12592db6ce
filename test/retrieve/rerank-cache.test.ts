/**
 * The built-in reranker remembers candidate texts it has tokenized (TextModels). Scores must be exactly those of a
 * reranker that remembers nothing, across evictions, and a chunk whose text changed (a new
 * version) or that was deleted must be scored or dropped as if nothing had been remembered.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { deleteDocument, ingestFile } from "../../src/ingest/ingest.ts";
import { builtinScores, createBuiltinReranker, TextModels } from "../../src/retrieve/rerank/builtin.ts";
import type { RerankCandidate } from "../../src/retrieve/rerank/port.ts";
import { createSearch } from "../../src/retrieve/search.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

const TEXTS = [
  "연차 휴가는 1년간 80퍼센트 이상 출근한 근로자에게 15일을 준다. 휴가 신청은 7일 전까지 한다.",
  "제12조(연차휴가) ② 사용자는 근로자가 신청한 시기에 휴가를 주어야 한다.",
  "목차\n1. 총칙 ........ 3\n2. 휴가 ........ 7\n3. 급여 ........ 12",
  "The default block size is 900 k; bzip2 -9 selects it. Smaller blocks use less memory.",
  "bzip2recover splits a damaged archive into single-block files, each tested with bzip2 -t.",
  "출장비는 1박 120,000원까지 지급하며 영수증을 첨부한다. Travel costs are paid up to 120,000 won a night.",
  "Memory management: the allocator keeps free lists per size class and returns pages to the system.",
  "정책은 개인정보 보호 정책을 따른다. 개인정보보호위원회가 2024년 3월 시행령을 개정하였다.",
];
const QUERIES = ["연차 휴가 신청", "default block size", "제12조 2항 휴가", "출장비 120,000원", "개인정보 보호 정책 2024년", "memory block"];

function candidates(offset: number, count: number): RerankCandidate[] {
  return Array.from({ length: count }, (_, i) => {
    const text = TEXTS[(offset + i) % TEXTS.length]!;
    return { id: `c${(offset + i) % TEXTS.length}`, text, headingPath: i % 2 ? ["제2장 휴가"] : [], score: 1 + ((offset * 7 + i * 3) % 5) / 4 };
  });
}

describe("TextModels (texts the built-in reranker remembers)", () => {
  it("scores exactly as without it, across evictions", () => {
    // Room for 3 texts: every query evicts some.
    const texts = new TextModels(3);
    for (let round = 0; round < 3; round++) {
      QUERIES.forEach((query, q) => {
        const pool = candidates(q + round, 5);
        expect(builtinScores(query, pool, undefined, texts)).toEqual(builtinScores(query, pool));
        expect(texts.size).toBe(3);
      });
    }
    // And with room for everything, where every text is a hit from the second round on.
    const roomy = new TextModels();
    for (let round = 0; round < 2; round++) {
      for (const query of QUERIES) expect(builtinScores(query, candidates(0, 8), undefined, roomy)).toEqual(builtinScores(query, candidates(0, 8)));
    }
    expect(roomy.size).toBe(TEXTS.length);
  });

  it("reads a chunk whose text changed as new: the text is the key, not the chunk id", async () => {
    const reranker = createBuiltinReranker();
    const before: RerankCandidate[] = [
      { id: "a", text: TEXTS[0]!, headingPath: [], score: 1 },
      { id: "b", text: TEXTS[3]!, headingPath: [], score: 1 },
    ];
    const after: RerankCandidate[] = [{ ...before[0]!, text: TEXTS[3]! }, { ...before[1]!, text: TEXTS[0]! }];
    const first = await reranker.score("default block size", before);
    const second = await reranker.score("default block size", after);
    expect(second).toEqual(builtinScores("default block size", after));
    expect(second).toEqual([...first].reverse());
    expect(second[0]).toBeGreaterThan(second[1]!);
  });
});

describe("search with the remembering reranker", () => {
  let root: string;
  let jikji: Jikji;
  let collectionId: string;
  const ingest = (source: string, text: string) =>
    ingestFile(jikji, { collectionId, collection: "default", source, bytes: new TextEncoder().encode(text), accessGroups: [] });

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-rerank-cache-"));
    jikji = await openJikji(loadConfig({}, { dataDir: path.join(root, "data") }), { scanIndex: false });
    collectionId = await jikji.store.ensureCollection("default");
    await ingest("blocks.md", "# Blocks\n\nThe default block size is 900 k, chosen with bzip2 -9.\n");
    await ingest("recover.md", "# Recovery\n\nbzip2recover splits a damaged archive into single-block files.\n");
    await ingest("memory.md", "# Memory\n\nSmaller block sizes use less memory when compressing.\n");
  }, 120_000);

  afterAll(async () => {
    await jikji?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  const search = async (query: string) => {
    const { hits } = await jikji.search({ query, k: 5, filter: {} });
    // The same search with a reranker that remembers no text (room for none).
    const forgetful = createSearch({ store: jikji.store, index: jikji.index, embedder: null, reranker: createBuiltinReranker(undefined, new TextModels(0)) });
    expect(hits).toEqual((await forgetful({ query, k: 5, filter: {} })).hits);
    return hits;
  };

  it("serves the new text after an update and nothing of a deleted document, scored as by a fresh reranker", async () => {
    const query = "default block size";
    const first = await search(query);
    expect(first.map((hit) => hit.source)).toContain("blocks.md");
    expect(await search(query)).toEqual(first);

    // A new version of blocks.md: its text changes under the same source, and search must show and score the new one.
    await ingest("blocks.md", "# Blocks\n\nThe default block size is now 100 k, chosen with bzip2 -1 for speed.\n");
    const updated = await search(query);
    const hit = updated.find((candidate) => candidate.source === "blocks.md")!;
    expect(hit.text).toContain("100 k");
    expect(updated.some((candidate) => candidate.text.includes("900 k"))).toBe(false);

    // Deleted: gone from the hits at once, remembered text or not.
    const blocks = (await jikji.store.findDocumentsBySource("blocks.md"))[0]!;
    expect(await deleteDocument(jikji, blocks.id)).toBe(true);
    const afterDelete = await search(query);
    expect(afterDelete.map((candidate) => candidate.source)).not.toContain("blocks.md");
    expect(afterDelete.length).toBeGreaterThan(0);
  }, 120_000);
});
