import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { describe, expect, it } from "vitest";
import { IndexUnavailableError } from "../../src/errors.ts";
import { backlogWantsFold, createEmbeddedIndex, FOLD_BACKLOG_FRAGMENTS, FOLD_BACKLOG_ROWS, FOLD_DEFER_FROM_ROWS, sqlString } from "../../src/retrieve/index/embedded.ts";
import type { IndexPoint } from "../../src/retrieve/index/port.ts";
import { queryTerms, termCounts } from "../../src/retrieve/tokenize.ts";
import type { TermDocumentsSnapshot } from "../../src/retrieve/index/term-documents.ts";
import { searchIndexContract } from "../contracts/search-index.contract.ts";

/** A saved record of documents by term, as term → sorted [document id, chunks] pairs ("many" / "unsure" kept as is). */
function recordOf(snapshot: TermDocumentsSnapshot): Record<string, unknown> {
  return Object.fromEntries(
    snapshot.terms.map(([term, entry]) => {
      if (!Array.isArray(entry)) return [term, entry];
      const pairs: Array<[string, number]> = [];
      for (let at = 0; at < entry.length; at += 2) pairs.push([snapshot.documents[entry[at]!]!, entry[at + 1]!]);
      return [term, pairs.sort(([a], [b]) => a.localeCompare(b))];
    }),
  );
}

searchIndexContract("embedded (LanceDB)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jikji-lance-"));
  return {
    index: createEmbeddedIndex({ dir }),
    reopen: () => createEmbeddedIndex({ dir }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

// The same cases with the lexical leg answered from the in-memory inverted index (built at open, kept in step by
// every write), so upserts, replacements, deletions, filters, expansion and reopen behave alike.
searchIndexContract("embedded (LanceDB), lexical leg in memory", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jikji-lance-memory-"));
  return {
    index: createEmbeddedIndex({ dir, lexicalMemory: "at-open" }),
    reopen: () => createEmbeddedIndex({ dir, lexicalMemory: "at-open" }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

// The same cases with every fold deferred (bounds no backlog reaches): rows written since the last fold, and deletions,
// must behave as folded ones do while LanceDB scans them flat.
searchIndexContract("embedded (LanceDB), folds deferred", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jikji-lance-deferred-"));
  const foldBounds = { deferFromRows: 0, backlogRows: Number.MAX_SAFE_INTEGER, backlogFragments: Number.MAX_SAFE_INTEGER };
  return {
    index: createEmbeddedIndex({ dir, foldBounds }),
    reopen: () => createEmbeddedIndex({ dir, foldBounds }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

/** A point of collection "c" whose terms are `text`'s, numbered by `id`. */
function textPoint(id: number, documentId: string, text: string, version = 1): IndexPoint {
  return {
    chunkId: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    documentId,
    version,
    collection: "c",
    accessGroups: [],
    terms: termCounts(text),
  };
}

/** `count` points of 50 per document, each findable by its own word (item<i>). */
function manyPoints(count: number): IndexPoint[] {
  return Array.from({ length: count }, (_, i): IndexPoint => ({
    chunkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    documentId: `doc-${Math.floor(i / 50)}`,
    version: 1,
    collection: "c",
    accessGroups: [],
    terms: termCounts(`항목 ${i} 설명 item${i}`),
  }));
}
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

  it("closes while its in-memory lexical index is still being built in the background (qa3)", async () => {
    // serve opens the index with the lexical build in the background; when the store then fails to open (a wrong
    // DATABASE_URL password), closing the index threw LanceDB's "The same native value cannot be borrowed mutably
    // while another borrow is active", and that error replaced the store's in what the user saw.
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-close-"));
    const writer = createEmbeddedIndex({ dir });
    await writer.open(null);
    const points: IndexPoint[] = Array.from({ length: 3000 }, (_, i) => ({
      chunkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      documentId: `10000000-0000-4000-8000-${String(i % 50).padStart(12, "0")}`,
      version: 1,
      collection: "c",
      accessGroups: [],
      terms: termCounts(`chunk ${i} of a policy about leave, travel and ${i % 7} kinds of expenses`),
    }));
    await writer.upsert(points, { bulk: true });
    await writer.optimize();
    await writer.close();

    const built: unknown[] = [];
    // As serve opens it: built in the background, up to a number of rows (counted first).
    const reader = createEmbeddedIndex({ dir, lexicalMemory: "background", lexicalMemoryMaxRows: 500_000, onLexicalMemory: (event) => built.push(event) });
    await reader.open(null);
    await expect(reader.close()).resolves.toBeUndefined();
    // Abandoned, not reported as a failure, and the index opens again.
    expect(built.filter((event) => typeof event === "object" && event !== null && "error" in event)).toEqual([]);
    const again = createEmbeddedIndex({ dir });
    expect((await again.open(null)).points).toBe(3000);
    await again.close();
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

  it("lets a delete overlap an optimize (serve deletes while an upload job folds its rows in)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-overlap-"));
    const point = (doc: number, chunk: number): IndexPoint => ({
      chunkId: `00000000-0000-4000-8000-${String(doc * 100 + chunk).padStart(12, "0")}`,
      documentId: `10000000-0000-4000-8000-${String(doc).padStart(12, "0")}`,
      version: 1,
      collection: "c",
      accessGroups: [],
      terms: termCounts(`문서 ${doc} 조각 ${chunk} 내용 marker${doc}x`),
    });
    const index = createEmbeddedIndex({ dir });
    await index.open(null);
    try {
      // Each round leaves unindexed rows and small fragments behind, so every optimize has a rewrite to commit.
      for (let doc = 0; doc < 12; doc++) {
        await index.upsert([point(doc, 0), point(doc, 1)]);
        await index.upsert([point(doc + 100, 0)]);
        await Promise.all([index.optimize(), index.deleteDocument(point(doc + 100, 0).documentId)]);
      }
      for (const doc of [0, 11]) {
        const hits = await index.search({ terms: queryTerms(`marker${doc}x`), filter: {}, limit: 5 });
        expect(hits.map((hit) => hit.documentId)).toContain(point(doc, 0).documentId);
        const deleted = await index.search({ terms: queryTerms(`marker${doc + 100}x`), filter: {}, limit: 5 });
        expect(deleted.map((hit) => hit.documentId)).not.toContain(point(doc + 100, 0).documentId);
      }
    } finally {
      await index.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("holds LanceDB's caches to the bound it was given through many optimizes (each supersedes the cached indices)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-cache-"));
    const words = ["연차", "휴가", "신청", "절차", "병가", "출장", "경비", "정산", "refund", "shipping", "password", "account"];
    const point = (doc: number, chunk: number): IndexPoint => ({
      chunkId: `00000000-0000-4000-8000-${String(doc * 1000 + chunk).padStart(12, "0")}`,
      documentId: `10000000-0000-4000-8000-${String(doc).padStart(12, "0")}`,
      version: 1,
      collection: "c",
      accessGroups: [],
      terms: termCounts(Array.from({ length: 30 }, (_, i) => `${words[(doc * 7 + chunk * 3 + i) % words.length]}${(doc + i) % 50}`).join(" ")),
    });
    // Unbounded, this loop leaves ~0.2 MB of superseded index data and metadata cached per round (~5 MB in all).
    const bound = { index: 512 * 1024, metadata: 256 * 1024 };
    const index = createEmbeddedIndex({ dir, cacheBytes: bound });
    await index.open(null);
    try {
      await index.upsert(Array.from({ length: 200 }, (_, chunk) => point(0, chunk)));
      await index.optimize();
      for (let doc = 1; doc <= 24; doc++) {
        await index.upsert(Array.from({ length: 5 }, (_, chunk) => point(doc, chunk)));
        if (doc % 3 === 0) await index.deleteDocument(point(doc - 2, 0).documentId);
        await index.optimize();
        expect(await index.search({ terms: queryTerms(`${words[0]}1 refund3`), filter: { collection: "c" }, limit: 5 })).not.toEqual([]);
      }
      const { cacheBytes } = await index.stats();
      // The searches' index data is in the session given: LanceDB ignores a session passed beside the options
      // (its own then counts ~150 bytes), and the default session's unbounded caches grew serve's RSS in the soak.
      expect(cacheBytes).toBeGreaterThan(64 * 1024);
      expect(cacheBytes).toBeLessThanOrEqual((bound.index + bound.metadata) * 1.25);
    } finally {
      await index.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("hybrid search in the embedded index", () => {
  it("fuses the same list whether the legs run side by side or one after the other, alone or many at once", async () => {
    const { hashingVector } = await import("../../src/retrieve/embed/hashing.ts");
    const { fuseRrf } = await import("../../src/retrieve/rrf.ts");
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-hybrid-"));
    const dimensions = 64;
    const texts = [
      "연차 휴가는 입사 1년 후 15일이 주어집니다",
      "병가는 진단서를 제출하면 연간 10일까지 쓸 수 있습니다",
      "출장 경비는 영수증을 첨부해 정산합니다",
      "Annual leave requests go to your manager two weeks ahead",
      "Refunds are paid within 14 days of the return",
      "휴가 신청은 인사 시스템에서 합니다",
      "재택 근무는 주 2회까지 신청할 수 있습니다",
      "Expense reports need receipts for every item",
    ];
    const points: IndexPoint[] = texts.flatMap((text, doc) =>
      [0, 1, 2].map((part) => {
        const body = `${text} ${part === 0 ? "" : texts[(doc + part) % texts.length]}`;
        return {
          chunkId: `00000000-0000-4000-8000-${String(doc * 10 + part).padStart(12, "0")}`,
          documentId: `10000000-0000-4000-8000-${String(doc).padStart(12, "0")}`,
          version: 1,
          collection: doc % 2 === 0 ? "hr" : "ops",
          accessGroups: [],
          terms: termCounts(body),
          vector: hashingVector(body, dimensions),
        };
      }),
    );
    const index = createEmbeddedIndex({ dir });
    await index.open(dimensions);
    try {
      await index.upsert(points);
      await index.optimize();
      const questions = ["연차 휴가 신청", "refund within days", "경비 정산 영수증", "재택 근무"];
      const limit = 5;
      const depth = Math.max(limit * 4, 40);
      for (const denseWeight of [1, 0.5]) {
        const serial = [];
        for (const question of questions) {
          const terms = queryTerms(question);
          const vector = hashingVector(question, dimensions);
          // One leg after the other, fused here: what the side-by-side search must equal.
          const lexical = await index.search({ terms, filter: {}, limit: depth });
          const dense = await index.search({ terms: [], vector, filter: {}, limit: depth });
          const expected = fuseRrf([lexical.map((hit) => ({ id: hit.chunkId })), dense.map((hit) => ({ id: hit.chunkId }))], { weights: [1, denseWeight] })
            .slice(0, limit)
            .map((item) => ({ chunkId: item.id, score: item.score }));
          const fused = await index.search({ terms, vector, denseWeight, filter: {}, limit });
          expect(fused.map((hit) => ({ chunkId: hit.chunkId, score: hit.score }))).toEqual(expected);
          expect(fused.length).toBeGreaterThan(0);
          serial.push(fused);
        }
        // Many searches at once (a loaded server) answer exactly as one at a time.
        const concurrent = await Promise.all(
          [...questions, ...questions].map((question) =>
            index.search({ terms: queryTerms(question), vector: hashingVector(question, dimensions), denseWeight, filter: {}, limit }),
          ),
        );
        expect(concurrent).toEqual([...serial, ...serial]);
      }
      // The filter applies to both legs.
      const filtered = await index.search({ terms: queryTerms("휴가"), vector: hashingVector("휴가", dimensions), filter: { collection: "ops" }, limit: 10 });
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((hit) => Number(hit.documentId.slice(-1)) % 2 === 1)).toBe(true);
    } finally {
      await index.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the vector index", () => {
  it("is built by optimize once the table is large enough, finds what the exact scan finds, and takes in later rows", async () => {
    const { hashingVector } = await import("../../src/retrieve/embed/hashing.ts");
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-ann-"));
    const dimensions = 32;
    const point = (i: number): IndexPoint => {
      const text = `문서 ${i} 항목 ${i % 17} 주제 ${i % 29} topic${i}`;
      return {
        chunkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        documentId: `10000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        version: 1,
        collection: "c",
        accessGroups: [],
        terms: termCounts(text),
        vector: hashingVector(text, dimensions),
      };
    };
    const index = createEmbeddedIndex({ dir, vectorIndexMinRows: 400 });
    await index.open(dimensions);
    const { connect } = await import("@lancedb/lancedb");
    const vectorIndexed = async () => {
      const db = await connect(dir);
      const table = await db.openTable("chunks");
      const found = (await table.listIndices()).some((entry) => entry.columns.includes("vector"));
      table.close();
      db.close();
      return found;
    };
    try {
      await index.upsert(Array.from({ length: 300 }, (_, i) => point(i)));
      await index.optimize();
      expect(await vectorIndexed()).toBe(false);
      await index.upsert(Array.from({ length: 200 }, (_, i) => point(300 + i)));
      await index.optimize();
      expect(await vectorIndexed()).toBe(true);
      // A point's own vector finds that point first, through the index.
      for (const i of [0, 123, 499]) {
        const hits = await index.search({ terms: [], vector: point(i).vector!, filter: {}, limit: 5 });
        expect(hits[0]?.chunkId).toBe(point(i).chunkId);
      }
      // Rows written after the index was built are found too (scanned until an optimize folds them in).
      await index.upsert([point(900)]);
      expect((await index.search({ terms: [], vector: point(900).vector!, filter: {}, limit: 5 }))[0]?.chunkId).toBe(point(900).chunkId);
      await index.optimize();
      expect((await index.search({ terms: [], vector: point(900).vector!, filter: {}, limit: 5 }))[0]?.chunkId).toBe(point(900).chunkId);
      await index.deleteDocument(point(900).documentId);
      expect((await index.search({ terms: [], vector: point(900).vector!, filter: {}, limit: 5 })).map((hit) => hit.chunkId)).not.toContain(point(900).chunkId);
    } finally {
      await index.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps the saved document frequencies exact through writes in a process that never searched", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-df-writes-"));
    const frequenciesFile = join(dir, "document-frequencies.json");
    const counts = async () => {
      const saved = JSON.parse(await readFile(frequenciesFile, "utf8")) as { documents: number; counts: Array<[string, number]>; holding: TermDocumentsSnapshot };
      return { documents: saved.documents, counts: [...saved.counts].sort(([a], [b]) => a.localeCompare(b)), holding: recordOf(saved.holding) };
    };
    const first = createEmbeddedIndex({ dir });
    await first.open(null);
    await first.upsert([textPoint(1, "a", "연차 휴가 신청"), textPoint(2, "b", "병가 신청 절차"), textPoint(3, "c", "출장 경비")]);
    await first.optimize();
    await first.close();

    // Like `jikji ingest` then `jikji delete`: writes, no search, then the job's optimize().
    const writer = createEmbeddedIndex({ dir });
    await writer.open(null);
    await writer.upsert([textPoint(2, "b", "병가 병가 안내"), textPoint(4, "d", "휴가 규정 개정")]);
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
    // The record of documents was kept in step too: b's replaced row no longer holds 신청, c's rows are gone.
    expect(kept.holding["신청"]).toEqual([["a", 1]]);
    expect(kept.holding["병가"]).toEqual([["b", 1]]);
    expect(kept.holding["출장"]).toBeUndefined();
    expect(kept.holding["휴가"]).toEqual([["a", 1], ["d", 1]]);
    await rm(dir, { recursive: true, force: true });
  });

  it("answers documentsHolding from the record saved with the frequencies, kept in step by writes in a one-shot process", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-holding-"));
    let id = 0;
    const point = (documentId: string, text: string, version = 1): IndexPoint => textPoint(++id, documentId, text, version);
    const frequenciesFile = join(dir, "document-frequencies.json");
    const holding = async (index: ReturnType<typeof createEmbeddedIndex>, terms: string[], atMost = 3) =>
      Object.fromEntries(await index.documentsHolding(terms, { atMost }));
    const writer = createEmbeddedIndex({ dir });
    await writer.open(null);
    await writer.upsert([
      ...["one", "two", "three"].map((page) => point("manual", `gutenprint ${page} page`)),
      point("faq", "gutenprint printer faq"),
      ...Array.from({ length: 10 }, (_, i) => point(`doc${i}`, `common word ${i}`)),
    ]);
    await writer.optimize();
    await writer.close();

    // The record is what answers: a planted document in the saved file comes back (no query reads the table).
    const saved = JSON.parse(await readFile(frequenciesFile, "utf8")) as { holding: TermDocumentsSnapshot };
    expect(recordOf(saved.holding)["gutenprint"]).toEqual([["faq", 1], ["manual", 3]]);
    const planted = structuredClone(saved);
    const at = planted.holding.terms.findIndex(([term]) => term === "printer");
    planted.holding.documents.push("planted");
    planted.holding.terms[at] = ["printer", [planted.holding.documents.length - 1, 1]];
    await writeFile(frequenciesFile, JSON.stringify(planted));
    const tricked = createEmbeddedIndex({ dir });
    await tricked.open(null);
    expect(await holding(tricked, ["printer"])).toEqual({ printer: ["planted"] });
    await tricked.close();
    await writeFile(frequenciesFile, JSON.stringify(saved));

    // A one-shot process (no in-memory index): writes change the answers at once.
    const reader = createEmbeddedIndex({ dir });
    await reader.open(null);
    expect(await holding(reader, ["gutenprint", "common", "zebra"])).toEqual({ gutenprint: ["faq", "manual"], common: null, zebra: [] });
    await reader.upsert([point("guide", "gutenprint guide"), point("zoo", "zebra")], { allNew: true });
    expect(await holding(reader, ["gutenprint", "zebra"])).toEqual({ gutenprint: ["faq", "guide", "manual"], zebra: ["zoo"] });
    await reader.deleteDocument("faq");
    expect(await holding(reader, ["gutenprint", "printer"])).toEqual({ gutenprint: ["guide", "manual"], printer: [] });
    // "common" was in 10 documents (above the record's cap of 8): a delete leaves its count unknown, and the table
    // answers until it is settled; deleting down to two documents gives their names.
    for (let i = 0; i < 8; i++) {
      await reader.deleteDocument(`doc${i}`);
      const left = Array.from({ length: 10 - i - 1 }, (_, k) => `doc${i + 1 + k}`).sort();
      expect(await holding(reader, ["common"])).toEqual({ common: left.length > 3 ? null : left });
    }
    await reader.optimize();
    await reader.close();
    const settled = JSON.parse(await readFile(frequenciesFile, "utf8")) as { holding: TermDocumentsSnapshot };
    expect(recordOf(settled.holding)["common"]).toEqual([["doc8", 1], ["doc9", 1]]);
    await rm(dir, { recursive: true, force: true });
  });

  it("answers documentsHolding from a frequencies file saved before the record, and saves the record at the next optimize", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-holding-old-"));
    const frequenciesFile = join(dir, "document-frequencies.json");
    const writer = createEmbeddedIndex({ dir });
    await writer.open(null);
    await writer.upsert([textPoint(1, "a", "bzip2 manual"), textPoint(2, "a", "bzip2 options"), textPoint(3, "b", "gzip manual")]);
    await writer.optimize();
    await writer.close();
    const { holding: _dropped, ...old } = JSON.parse(await readFile(frequenciesFile, "utf8")) as Record<string, unknown>;
    await writeFile(frequenciesFile, JSON.stringify(old));

    const reader = createEmbeddedIndex({ dir });
    await reader.open(null);
    expect(Object.fromEntries(await reader.documentsHolding(["bzip2", "manual"], { atMost: 3 }))).toEqual({ bzip2: ["a"], manual: ["a", "b"] });
    await reader.upsert([textPoint(4, "c", "bzip2 faq")]);
    expect(Object.fromEntries(await reader.documentsHolding(["bzip2"], { atMost: 3 }))).toEqual({ bzip2: ["a", "c"] });
    await reader.optimize();
    await reader.close();
    const saved = JSON.parse(await readFile(frequenciesFile, "utf8")) as { holding: TermDocumentsSnapshot };
    expect(recordOf(saved.holding)["bzip2"]).toEqual([["a", 2], ["c", 1]]);
    await rm(dir, { recursive: true, force: true });
  });

  it("leaves a bulk load unfolded until optimize(), then folds all of it into the full-text index", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-bulk-"));
    const index = createEmbeddedIndex({ dir });
    await index.open(null);
    const points = manyPoints(2_500);
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

  it("appends points marked all new without looking their ids up, and still folds the backlog as plain upserts do", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-all-new-"));
    const index = createEmbeddedIndex({ dir });
    await index.open(null);
    const points = manyPoints(2_500);
    for (let start = 0; start < points.length; start += 500) await index.upsert(points.slice(start, start + 500), { allNew: true });
    // Unlike a bulk load, the writes fold the backlog into the full-text index every 2,000 rows: searches run meanwhile.
    expect(await unindexedRows(dir)).toBeLessThan(2_000);
    expect((await index.search({ terms: queryTerms("item2345"), filter: {}, limit: 3 }))[0]?.chunkId).toBe(points[2345]!.chunkId);
    // No lookup: an id written again as all new is held twice. That is why ingest marks only a new document's points.
    await index.upsert([points[0]!], { allNew: true });
    expect((await index.open(null)).points).toBe(2_501);
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

describe("the fold policy", () => {
  it("folds every backlog of a small table, and on a large one only a backlog of enough rows or fragments", () => {
    const bounds = { deferFromRows: FOLD_DEFER_FROM_ROWS, backlogRows: FOLD_BACKLOG_ROWS, backlogFragments: FOLD_BACKLOG_FRAGMENTS };
    expect(backlogWantsFold({ rows: 0, tableRows: 10, fragments: 1 }, bounds)).toBe(false);
    expect(backlogWantsFold({ rows: 1, tableRows: FOLD_DEFER_FROM_ROWS - 1, fragments: 2 }, bounds)).toBe(true);
    // 1M rows: one compacted fragment, plus the backlog's.
    expect(backlogWantsFold({ rows: 2, tableRows: 1_000_002, fragments: 2 }, bounds)).toBe(false);
    expect(backlogWantsFold({ rows: FOLD_BACKLOG_ROWS - 1, tableRows: 1_000_000, fragments: FOLD_BACKLOG_FRAGMENTS }, bounds)).toBe(false);
    expect(backlogWantsFold({ rows: FOLD_BACKLOG_ROWS, tableRows: 1_000_000, fragments: 2 }, bounds)).toBe(true);
    expect(backlogWantsFold({ rows: 20, tableRows: 1_000_000, fragments: FOLD_BACKLOG_FRAGMENTS + 1 }, bounds)).toBe(true);
    // 3M rows compact into three fragments, which are not a backlog.
    expect(backlogWantsFold({ rows: 20, tableRows: 3_000_000, fragments: FOLD_BACKLOG_FRAGMENTS + 2 }, bounds)).toBe(false);
  });

  it("defers a small write's fold on a large table, yet finds its rows and not deleted ones at once, in this process and a new one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-fold-"));
    const foldBounds = { deferFromRows: 1_000, backlogRows: 50, backlogFragments: 4 };
    const frequenciesFile = join(dir, "document-frequencies.json");
    const found = async (index: ReturnType<typeof createEmbeddedIndex>, words: string) =>
      (await index.search({ terms: queryTerms(words), filter: { collection: "c", accessGroups: [] }, limit: 5 })).map((hit) => hit.chunkId);
    const tableVersion = async () => {
      const db = await connect(dir);
      const table = await db.openTable("chunks");
      try {
        return await table.version();
      } finally {
        table.close();
        db.close();
      }
    };
    const base = manyPoints(1_200);
    const index = createEmbeddedIndex({ dir, foldBounds });
    await index.open(null);
    try {
      await index.upsert(base, { bulk: true });
      await index.optimize();
      expect(await unindexedRows(dir)).toBe(0);

      // A two-chunk upload and its job's optimize(): not folded, but searchable, and counted in the saved IDF.
      const upload = [textPoint(5_001, "upload-1", "신규 업로드 zebra"), textPoint(5_002, "upload-1", "신규 업로드 gazelle")];
      await index.upsert(upload, { allNew: true });
      await index.optimize();
      expect(await unindexedRows(dir)).toBe(2);
      expect(await found(index, "zebra")).toEqual([upload[0]!.chunkId]);
      const saved = JSON.parse(await readFile(frequenciesFile, "utf8")) as { tableVersion: number; documents: number };
      expect(saved).toMatchObject({ tableVersion: await tableVersion(), documents: 1_202 });

      // Deletions, of a folded document and of the unfolded upload, are gone at once; replacing a folded row too.
      await index.deleteDocument("doc-3");
      await index.upsert([{ ...base[7]!, terms: termCounts("replaced giraffe") }]);
      await index.optimize();
      expect(await found(index, "item150")).not.toContain(base[150]!.chunkId);
      expect(await found(index, "item7")).not.toContain(base[7]!.chunkId);
      expect((await found(index, "item201"))[0]).toBe(base[201]!.chunkId);
      expect(await found(index, "giraffe")).toEqual([base[7]!.chunkId]);
      await index.deleteDocument("upload-1");
      await index.optimize();
      expect(await found(index, "zebra gazelle")).toEqual([]);
      expect(await unindexedRows(dir)).toBe(1);
    } finally {
      await index.close();
    }

    // A new process starts from the counts saved for the table as it is (no recount) and sees the same.
    const saved = JSON.parse(await readFile(frequenciesFile, "utf8")) as { tableVersion: number; documents: number };
    expect(saved).toMatchObject({ tableVersion: await tableVersion(), documents: 1_200 - 50 });
    const reader = createEmbeddedIndex({ dir, foldBounds });
    await reader.open(null);
    try {
      expect(await found(reader, "giraffe")).toEqual([base[7]!.chunkId]);
      expect(await found(reader, "item150")).not.toContain(base[150]!.chunkId);
      // Fragments: three more one-document writes make four unfolded; that optimize() folds them.
      for (let i = 0; i < 3; i++) {
        await reader.upsert([textPoint(6_000 + i, `small-${i}`, `작은 파일 ${["okapi", "lemur", "bison"][i]}`)], { allNew: true });
        await reader.optimize();
        expect(await unindexedRows(dir)).toBe(i < 2 ? i + 2 : 0);
      }
      // Rows: one write of 50 is folded at its optimize().
      await reader.upsert(Array.from({ length: 50 }, (_, i) => textPoint(7_000 + i, "big-upload", `큰 파일 panda${i}`)), { allNew: true });
      expect(await unindexedRows(dir)).toBe(50);
      await reader.optimize();
      expect(await unindexedRows(dir)).toBe(0);
      expect(await found(reader, "lemur")).toEqual([textPoint(6_001, "small-1", "").chunkId]);
      expect((await found(reader, "panda49"))[0]).toBe(textPoint(7_049, "big-upload", "").chunkId);
    } finally {
      await reader.close();
    }

    // The eager policy folds every backlog, whatever the table's size.
    const eager = createEmbeddedIndex({ dir, fold: "eager", foldBounds });
    await eager.open(null);
    try {
      await eager.upsert([textPoint(8_000, "eager-1", "즉시 fold")], { allNew: true });
      await eager.optimize();
      expect(await unindexedRows(dir)).toBe(0);
    } finally {
      await eager.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
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
