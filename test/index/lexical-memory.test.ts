import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { describe, expect, it, vi } from "vitest";
import { bm25Score, DocumentFrequencies } from "../../src/retrieve/bm25.ts";
import { byScoreThenId, countWanted, createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import { MemoryLexicalIndex, type MemoryRow } from "../../src/retrieve/index/lexical-memory.ts";
import { PUBLIC_ACCESS_GROUP, type IndexPoint, type SearchFilter, type WeightedTerm } from "../../src/retrieve/index/port.ts";
import { queryTerms, termCounts } from "../../src/retrieve/tokenize.ts";

function text(terms: Map<string, number>): string {
  const words: string[] = [];
  for (const [term, count] of terms) for (let i = 0; i < count; i++) words.push(term);
  return words.join(" ");
}

function row(chunkId: string, words: string, extra: Partial<MemoryRow> = {}): MemoryRow {
  return { chunkId, documentId: `doc-${chunkId}`, version: 1, collection: "c", accessGroups: [PUBLIC_ACCESS_GROUP], terms: text(termCounts(words)), ...extra };
}

/** The reference: `bm25Score` over every live row's stored text, filtered, ordered by `byScoreThenId`. */
function bruteForce(rows: readonly MemoryRow[], terms: readonly string[], expansion: readonly WeightedTerm[], filter: SearchFilter, depth: number) {
  const df = new DocumentFrequencies();
  for (const held of rows) df.add(held.terms === "" ? [] : held.terms.split(" "));
  const wanted = new Set([...terms, ...expansion.map(({ term }) => term)]);
  const groups = filter.accessGroups === undefined ? null : new Set([PUBLIC_ACCESS_GROUP, ...filter.accessGroups]);
  return rows
    .filter((held) => filter.collection === undefined || held.collection === filter.collection)
    .filter((held) => groups === null || held.accessGroups.some((group) => groups.has(group)))
    .map((held) => ({ held, ...countWanted(held.terms, wanted) }))
    .filter(({ counts }) => counts.size > 0)
    .map(({ held, counts, length }) => ({ id: held.chunkId, score: bm25Score(terms, counts, length, (term) => df.idf(term), undefined, expansion) }))
    .sort(byScoreThenId)
    .slice(0, depth);
}

function memorySearch(index: MemoryLexicalIndex, rows: readonly MemoryRow[], terms: readonly string[], expansion: readonly WeightedTerm[], filter: SearchFilter, depth: number) {
  const df = new DocumentFrequencies();
  for (const held of rows) df.add(held.terms === "" ? [] : held.terms.split(" "));
  return index.search(terms, expansion, (term) => df.idf(term), filter, depth).map((hit) => ({ id: hit.chunkId, score: hit.score }));
}

describe("in-memory lexical index", () => {
  const rows = [
    row("a", "회사는 개인정보 보호 정책을 매년 검토한다"),
    row("b", "개인정보 보호 정책 개인정보 보호", { collection: "d" }),
    row("c", "travel expense policy covers hotel nights", { accessGroups: ["hr"] }),
    row("d", "개인정보 처리 방침", { accessGroups: ["hr", "legal"] }),
  ];

  it("scores every matching row exactly as bm25Score does, best first", async () => {
    const index = await MemoryLexicalIndex.build([rows]);
    const terms = queryTerms("개인정보 보호 정책");
    expect(memorySearch(index, rows, terms, [], {}, 10)).toEqual(bruteForce(rows, terms, [], {}, 10));
    expect(memorySearch(index, rows, terms, [], {}, 10).map((hit) => hit.id)).toEqual(["b", "a", "d"]);
  });

  it("filters by collection and by access group (public rows for everyone)", async () => {
    const index = await MemoryLexicalIndex.build([rows]);
    const terms = queryTerms("개인정보 policy");
    for (const filter of [{ collection: "d" }, { collection: "c", accessGroups: [] }, { accessGroups: ["legal"] }, { collection: "nowhere" }] as SearchFilter[]) {
      expect(memorySearch(index, rows, terms, [], filter, 10)).toEqual(bruteForce(rows, terms, [], filter, 10));
    }
    expect(memorySearch(index, rows, terms, [], { accessGroups: [] }, 10).map((hit) => hit.id).sort()).toEqual(["a", "b"]);
    expect(memorySearch(index, rows, terms, [], { accessGroups: ["legal"] }, 10).map((hit) => hit.id).sort()).toEqual(["a", "b", "d"]);
  });

  it("counts expansion terms at their weights", async () => {
    const index = await MemoryLexicalIndex.build([rows]);
    const terms = queryTerms("출장");
    const expansion = [{ term: "travel", weight: 0.5 }, { term: "hotel", weight: 0.25 }];
    const found = memorySearch(index, rows, terms, expansion, {}, 10);
    expect(found.map((hit) => hit.id)).toEqual(["c"]);
    expect(found).toEqual(bruteForce(rows, terms, expansion, {}, 10));
  });

  it("orders equal scores by chunk id and keeps only the best `depth`", async () => {
    const same = ["z", "m", "a", "q"].map((id) => row(id, "같은 문장"));
    const index = await MemoryLexicalIndex.build([same]);
    expect(memorySearch(index, same, queryTerms("같은 문장"), [], {}, 10).map((hit) => hit.id)).toEqual(["a", "m", "q", "z"]);
    expect(memorySearch(index, same, queryTerms("같은 문장"), [], {}, 2).map((hit) => hit.id)).toEqual(["a", "m"]);
  });

  it("scores a term repeated past one byte's count exactly, built or written later", async () => {
    const long = [row("w", Array.from({ length: 300 }, () => "반복").join(" ") + " 끝"), row("v", "반복 끝")];
    const huge = row("u", Array.from({ length: 70_000 }, () => "반복").join(" "));
    const index = await MemoryLexicalIndex.build([long, [huge]]);
    const later = [row("t", Array.from({ length: 256 }, () => "반복").join(" ")), row("s", Array.from({ length: 66_000 }, () => "반복").join(" "))];
    index.upsert(later);
    const all = [...long, huge, ...later];
    expect(memorySearch(index, all, ["반복"], [], {}, 10)).toEqual(bruteForce(all, ["반복"], [], {}, 10));
  });

  it("adds rows, replaces a chunk by its new version, and never returns deleted rows", async () => {
    const index = await MemoryLexicalIndex.build([rows]);
    index.upsert([row("e", "개인정보 보호 교육"), row("a", "출장 정산 절차", { version: 2 })]);
    let live = [rows[1]!, rows[2]!, rows[3]!, row("e", "개인정보 보호 교육"), row("a", "출장 정산 절차", { version: 2 })];
    const terms = queryTerms("개인정보 출장");
    expect(memorySearch(index, live, terms, [], {}, 10)).toEqual(bruteForce(live, terms, [], {}, 10));
    expect(index.search(terms, [], () => 1, {}, 10).filter((hit) => hit.chunkId === "a")).toEqual([
      expect.objectContaining({ version: 2 }),
    ]);
    index.deleteDocument("doc-b");
    index.deleteDocument("doc-a", [1]); // keeps version 1 only: version 2 goes
    live = [rows[2]!, rows[3]!, row("e", "개인정보 보호 교육")];
    expect(memorySearch(index, live, terms, [], {}, 10)).toEqual(bruteForce(live, terms, [], {}, 10));
    expect(index.size).toBe(3);
  });

  it("stays exact through many writes, deletions and the compactions they trigger", async () => {
    const words = ["가나", "다라", "마바", "사아", "alpha", "beta", "gamma", "delta", "epsilon", "자차"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const make = (i: number, version: number): MemoryRow =>
      row(`id-${String(i).padStart(5, "0")}`, Array.from({ length: 1 + Math.floor(random() * 30) }, () => words[Math.floor(random() * words.length)]).join(" "), {
        documentId: `doc-${i % 97}`,
        version,
        collection: random() < 0.5 ? "x" : "y",
        accessGroups: random() < 0.7 ? [PUBLIC_ACCESS_GROUP] : ["g"],
      });
    const live = new Map<string, MemoryRow>();
    const first = Array.from({ length: 3000 }, (_, i) => make(i, 1));
    for (const held of first) live.set(held.chunkId, held);
    const index = await MemoryLexicalIndex.build([first.slice(0, 1000), first.slice(1000)]);
    for (let round = 0; round < 8; round++) {
      const batch = Array.from({ length: 2500 }, () => make(Math.floor(random() * 6000), 2 + round));
      index.upsert(batch);
      for (const held of batch) live.set(held.chunkId, held);
      const documentId = `doc-${round * 7}`;
      index.deleteDocument(documentId, [2 + round]);
      for (const [id, held] of live) if (held.documentId === documentId && held.version !== 2 + round) live.delete(id);
    }
    const all = [...live.values()];
    expect(index.size).toBe(all.length);
    for (const [terms, filter] of [[["가나", "beta", "beta"], {}], [["delta"], { collection: "x" }], [["자차", "alpha"], { accessGroups: [] }]] as Array<[string[], SearchFilter]>) {
      expect(memorySearch(index, all, terms, [{ term: "gamma", weight: 0.3 }], filter, 40)).toEqual(bruteForce(all, terms, [{ term: "gamma", weight: 0.3 }], filter, 40));
    }
  });
});

describe("embedded index with the lexical leg in memory", () => {
  function points(count: number, seed: number): IndexPoint[] {
    const words = ["계약", "해지", "통지", "기간", "보증금", "임대인", "임차인", "notice", "term", "deposit", "lease", "renewal"];
    let state = seed;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    return Array.from({ length: count }, (_, i): IndexPoint => ({
      chunkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      documentId: `doc-${i % 40}`,
      version: 1,
      collection: i % 3 === 0 ? "b" : "a",
      accessGroups: i % 4 === 0 ? ["legal"] : [],
      terms: termCounts(Array.from({ length: 3 + Math.floor(random() * 40) }, () => words[Math.floor(random() * words.length)]).join(" ")),
    }));
  }

  it("returns what a brute-force BM25 over the stored rows ranks, after writes, a deletion and a reopen", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-memory-brute-"));
    try {
      let index = createEmbeddedIndex({ dir, lexicalMemory: "at-open" });
      await index.open(null);
      await index.upsert(points(600, 3));
      await index.optimize();
      await index.upsert(points(200, 11).map((point) => ({ ...point, version: 2 }))); // replaces the first 200
      await index.deleteDocument("doc-7");
      const check = async () => {
        expect(await index.lexicalMemoryReady()).toBe(true);
        const stored = (await (await (await connect(dir)).openTable("chunks")).query().select(["chunk_id", "document_id", "version", "collection", "access_groups", "terms"]).toArray()) as Array<{
          chunk_id: string; document_id: string; version: number; collection: string; access_groups: Iterable<string>; terms: string;
        }>;
        const rows: MemoryRow[] = stored.map((held) => ({ chunkId: held.chunk_id, documentId: held.document_id, version: Number(held.version), collection: held.collection, accessGroups: [...held.access_groups], terms: held.terms }));
        expect(rows.some((held) => held.documentId === "doc-7")).toBe(false);
        for (const [question, filter] of [["계약 해지 통지 기간", {}], ["deposit lease 보증금", { collection: "b" }], ["임차인 renewal", { accessGroups: [] }]] as Array<[string, SearchFilter]>) {
          const terms = queryTerms(question);
          const hits = await index.search({ terms, filter, limit: 25 });
          const expected = bruteForce(rows, terms, [], filter, 25);
          expect(hits.map((hit) => hit.chunkId)).toEqual(expected.map((hit) => hit.id));
          expect(hits.map((hit) => hit.score)).toEqual(expected.map((hit) => hit.score));
        }
      };
      await check();
      await index.close();
      index = createEmbeddedIndex({ dir, lexicalMemory: "background" });
      await index.open(null);
      await check();
      await index.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("with denseRead ids, gives the dense and hybrid legs the same hits (document and version from memory), and falls back to LanceDB's columns for an id memory does not hold", async () => {
    const { hashingVector } = await import("../../src/retrieve/embed/hashing.ts");
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-memory-dense-"));
    const dimensions = 32;
    const withVectors = (list: IndexPoint[]) =>
      list.map((point) => ({ ...point, vector: hashingVector([...point.terms.keys()].join(" ") + point.chunkId.slice(-3), dimensions) }));
    try {
      // Built past the vector index's threshold, then written to, so both the ANN index and the flat scan of later
      // rows answer; a new version replaces chunks and a document is deleted.
      const writer = createEmbeddedIndex({ dir, vectorIndexMinRows: 300 });
      await writer.open(dimensions);
      await writer.upsert(withVectors(points(400, 3)));
      await writer.optimize();
      await writer.close();
      const fromMemory = createEmbeddedIndex({ dir, lexicalMemory: "at-open", denseRead: "ids", vectorIndexMinRows: 300 });
      await fromMemory.open(dimensions);
      expect(await fromMemory.lexicalMemoryReady()).toBe(true);
      await fromMemory.upsert(withVectors(points(60, 11)).map((point) => ({ ...point, version: 2 })));
      await fromMemory.upsert(withVectors(points(430, 17)).slice(400));
      await fromMemory.deleteDocument("doc-9");
      const fromLance = createEmbeddedIndex({ dir, lexicalMemory: "at-open", vectorIndexMinRows: 300 });
      await fromLance.open(dimensions);
      const queries: Array<[string, SearchFilter]> = [["계약 해지 통지 기간", {}], ["deposit lease 보증금", { collection: "b" }], ["임차인 renewal", { accessGroups: [] }]];
      const compare = async () => {
        let hits = 0;
        for (const [question, filter] of queries) {
          const vector = hashingVector(question, dimensions);
          for (const query of [{ terms: [], vector, filter, limit: 40 }, { terms: queryTerms(question), vector, filter, limit: 25 }]) {
            const expected = await fromLance.search(query);
            expect(await fromMemory.search(query)).toEqual(expected);
            hits += expected.length;
          }
        }
        return hits;
      };
      expect(await compare()).toBeGreaterThan(100);
      // A hit carries its stored document and version: the replaced chunks say version 2, none of doc-9 is left.
      const all = await fromMemory.search({ terms: [], vector: hashingVector("계약", dimensions), filter: {}, limit: 500 });
      expect(all).toHaveLength(points(430, 17).filter((point) => point.documentId !== "doc-9").length);
      expect(all.filter((hit) => hit.version === 2).map((hit) => hit.chunkId).sort()).toEqual(points(60, 11).filter((point) => point.documentId !== "doc-9").map((point) => point.chunkId).sort());
      for (const hit of all) expect(hit.documentId).toBe(`doc-${Number(hit.chunkId.slice(-12)) % 40}`);
      // Memory missing a row (a write LanceDB already shows): the leg reads the columns from LanceDB instead.
      const original = MemoryLexicalIndex.prototype.row;
      let missed = 0;
      const row = vi.spyOn(MemoryLexicalIndex.prototype, "row").mockImplementation(function (this: MemoryLexicalIndex, chunkId: string) {
        if (!chunkId.endsWith("1")) return original.call(this, chunkId);
        missed++;
        return undefined;
      });
      try {
        expect(await compare()).toBeGreaterThan(100);
        expect(missed).toBeGreaterThan(0);
      } finally {
        row.mockRestore();
      }
      await fromMemory.close();
      await fromLance.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("with denseRead row-ids, maps row addresses to the same hits, through writes that move rows and an optimize that compacts them", async () => {
    const { hashingVector } = await import("../../src/retrieve/embed/hashing.ts");
    const { VectorQuery } = await import("@lancedb/lancedb");
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-memory-rowids-"));
    const dimensions = 32;
    const withVectors = (list: IndexPoint[]) =>
      list.map((point) => ({ ...point, vector: hashingVector([...point.terms.keys()].join(" ") + point.chunkId.slice(-3), dimensions) }));
    const addressed = vi.spyOn(VectorQuery.prototype, "withRowId");
    try {
      const writer = createEmbeddedIndex({ dir, vectorIndexMinRows: 300 });
      await writer.open(dimensions);
      await writer.upsert(withVectors(points(400, 3)));
      await writer.optimize();
      await writer.close();
      const byAddress = createEmbeddedIndex({ dir, lexicalMemory: "at-open", denseRead: "row-ids", vectorIndexMinRows: 300 });
      await byAddress.open(dimensions);
      const queries: Array<[string, SearchFilter]> = [["계약 해지 통지 기간", {}], ["deposit lease 보증금", { collection: "b" }], ["임차인 renewal", { accessGroups: [] }]];
      /** Searches until the map is read and used (the first dense search only starts reading it), then compares. */
      const compareByAddress = async () => {
        // Opened afresh: another handle sees neither the writes in LanceDB nor in its memory until it opens.
        const reference = createEmbeddedIndex({ dir, lexicalMemory: "at-open", vectorIndexMinRows: 300 });
        await reference.open(dimensions);
        try {
          await compareWith(reference);
        } finally {
          await reference.close();
        }
      };
      const compareWith = async (reference: ReturnType<typeof createEmbeddedIndex>) => {
        for (let tries = 0; ; tries++) {
          const before = addressed.mock.calls.length;
          let hits = 0;
          for (const [question, filter] of queries) {
            const vector = hashingVector(question, dimensions);
            for (const query of [{ terms: [], vector, filter, limit: 40 }, { terms: queryTerms(question), vector, filter, limit: 25 }]) {
              const expected = await reference.search(query);
              expect(await byAddress.search(query)).toEqual(expected);
              hits += expected.length;
            }
          }
          expect(hits).toBeGreaterThan(100);
          if (addressed.mock.calls.length - before === queries.length * 2) return;
          expect(tries).toBeLessThan(50);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      await compareByAddress();
      // A new version merged over old chunks (their rows move), new rows, a deletion, then a compaction.
      await byAddress.upsert(withVectors(points(60, 11)).map((point) => ({ ...point, version: 2 })));
      await compareByAddress();
      await byAddress.upsert(withVectors(points(430, 17)).slice(400));
      await byAddress.deleteDocument("doc-9");
      await compareByAddress();
      await byAddress.optimize();
      await compareByAddress();
      await byAddress.close();
    } finally {
      addressed.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps the lexical leg on LanceDB when the table holds more rows than lexicalMemoryMaxRows, and says so", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-memory-bound-"));
    try {
      const seed = createEmbeddedIndex({ dir });
      await seed.open(null);
      await seed.upsert(points(120, 5));
      await seed.optimize();
      const before = await seed.search({ terms: queryTerms("계약 해지 통지 기간"), filter: {}, limit: 10 });
      await seed.close();
      const events: unknown[] = [];
      const bounded = createEmbeddedIndex({ dir, lexicalMemory: "background", lexicalMemoryMaxRows: 100, onLexicalMemory: (event) => events.push(event) });
      await bounded.open(null);
      expect(await bounded.lexicalMemoryReady()).toBe(false);
      expect(events).toEqual([{ skipped: { rows: 120, maxRows: 100 } }]);
      // Searches are LanceDB's, as before the bound was read.
      expect(await bounded.search({ terms: queryTerms("계약 해지 통지 기간"), filter: {}, limit: 10 })).toEqual(before);
      await bounded.close();
      const roomy = createEmbeddedIndex({ dir, lexicalMemory: "background", lexicalMemoryMaxRows: 120 });
      await roomy.open(null);
      expect(await roomy.lexicalMemoryReady()).toBe(true);
      await roomy.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
