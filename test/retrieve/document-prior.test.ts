/**
 * The document a question names (issue 8, doc8): a word in nearly every chunk of one document and in no other
 * decides the document, though its chunk-level IDF is low. Pure parts on plain data, the lookup over the real
 * embedded index, and the switch through `jikji ingest` and search.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";
import {
  applyDocumentPrior,
  DEFAULT_DOCUMENT_PRIOR,
  documentShares,
  namedDocuments,
  namingTerms,
} from "../../src/retrieve/document-prior.ts";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";
import { queryTerms, termCounts } from "../../src/retrieve/tokenize.ts";
import { openJikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

const SETTINGS = { maxDocuments: 3, minChunksPerDocument: 3, minCoverage: 0.5 };

describe("naming terms and document shares", () => {
  it("keeps a term held by few documents in several chunks each, and drops one in too many documents or too few chunks", () => {
    const chunks = new Map([
      ["bzip2", 6],
      ["file", 40],
      ["recover", 2],
      ["gzip", 9],
    ]);
    const documents = new Map<string, string[] | null>([
      ["bzip2", ["bzip2-manual"]],
      ["file", null],
      ["recover", ["bzip2-manual"]],
      ["gzip", ["gzip-manual", "tar-manual"]],
    ]);
    const sizes = new Map([
      ["bzip2-manual", 8],
      ["gzip-manual", 10],
      ["tar-manual", 6],
    ]);
    expect(namingTerms(["bzip2", "file", "recover", "gzip", "bzip2", "zebra"], chunks, documents, sizes, SETTINGS)).toEqual([
      { term: "bzip2", documents: ["bzip2-manual"] },
      { term: "gzip", documents: ["gzip-manual", "tar-manual"] },
    ]);
    // gzip's 9 chunks over 2 documents are 4.5 a document: at 5 a document it no longer names them.
    expect(namingTerms(["gzip"], chunks, documents, sizes, { ...SETTINGS, minChunksPerDocument: 5 })).toEqual([]);
    expect(namingTerms(["gzip"], chunks, documents, sizes, { ...SETTINGS, maxDocuments: 1 })).toEqual([]);
  });

  it("drops a term a long document holds in only a few of its chunks", () => {
    const chunks = new Map([["macro", 12]]);
    const documents = new Map([["macro", ["latex-manual"]]]);
    expect(namingTerms(["macro"], chunks, documents, new Map([["latex-manual", 200]]), SETTINGS)).toEqual([]);
    expect(namingTerms(["macro"], chunks, documents, new Map([["latex-manual", 20]]), SETTINGS)).toEqual([{ term: "macro", documents: ["latex-manual"] }]);
  });

  it("splits each naming term's share among its documents and averages over the naming terms", () => {
    const shares = documentShares([
      { term: "bzip2", documents: ["bzip2-manual"] },
      { term: "gzip", documents: ["gzip-manual", "tar-manual"] },
    ]);
    expect(Object.fromEntries(shares)).toEqual({ "bzip2-manual": 0.5, "gzip-manual": 0.25, "tar-manual": 0.25 });
    expect(documentShares([])).toEqual(new Map());
  });

  it("raises the hits of named documents by their share, keeping the order of the rest", () => {
    const hits = [
      { chunkId: "a", documentId: "gzip", version: 1, score: 3 },
      { chunkId: "b", documentId: "other", version: 1, score: 2 },
      { chunkId: "c", documentId: "bzip2", version: 1, score: 1.8 },
      { chunkId: "d", documentId: "other", version: 1, score: 1 },
    ];
    const reordered = applyDocumentPrior(hits, new Map([["bzip2", 1]]), 1);
    expect(reordered.map((hit) => [hit.chunkId, hit.score])).toEqual([
      ["c", 3.6],
      ["a", 3],
      ["b", 2],
      ["d", 1],
    ]);
    expect(applyDocumentPrior(hits, new Map(), 1)).toEqual(hits);
    expect(applyDocumentPrior(hits, new Map([["bzip2", 1]]), 0)).toEqual(hits);
  });
});

/** Manuals, each with its name in every one of its chunks; "file" is in every document. */
const MANUALS: Record<string, string[]> = {
  bzip2: [
    "bzip2 compresses each file using the Burrows-Wheeler block sorting text compression algorithm.",
    "bzip2 -d decompresses a file; bunzip2 is the same program under another name.",
    "bzip2 needs about eight times the block size of memory to compress a file.",
    "bzip2recover searches a damaged file for blocks that bzip2 can still read.",
    "bzip2 -k keeps the input file.",
    "bzip2 -t tests the integrity of a file.",
    "bzip2 -v shows the compression ratio of each file.",
    "bzip2 -1 to -9 set the block size.",
  ],
  gzip: [
    "gzip reduces the size of a file using Lempel-Ziv coding.",
    "gzip -d restores a compressed file to its original form.",
    "gzip cannot recover data from a damaged file: recover damaged data from backups, as data in a damaged file is lost.",
    "gzip keeps the original file name and time stamp.",
  ],
  tar: [
    "tar collects many files into one archive file.",
    "tar -x extracts every file of an archive.",
    "tar lists the members of an archive file with -t.",
  ],
  zip: ["zip packs each file into an archive.", "unzip lists and extracts file members."],
  xz: ["xz compresses a file with LZMA.", "unxz restores the file."],
  cpio: ["cpio copies file lists into an archive."],
};

describe("the documents a question names, over the embedded index", () => {
  let dir: string;
  let index: SearchIndex;
  /** Each manual's chunks, as the store would count them, every manual readable. */
  const sizes = async (ids: readonly string[]) => new Map(ids.map((id) => [id, { chunks: MANUALS[id]!.length, readable: true }]));

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-document-prior-"));
    index = createEmbeddedIndex({ dir });
    await index.open(null);
    await index.upsert(
      Object.entries(MANUALS).flatMap(([document, chunks]) =>
        chunks.map((text) => ({ chunkId: randomUUID(), documentId: document, version: 1, collection: "default", accessGroups: [], terms: termCounts(text) })),
      ),
    );
    await index.optimize();
  });

  afterEach(async () => {
    await index.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("points a question naming bzip2 at the bzip2 manual and lifts its chunk over a wordier one from gzip", async () => {
    const question = "How can bzip2 recover data from a damaged file?";
    const shares = await namedDocuments(index, sizes, queryTerms(question), DEFAULT_DOCUMENT_PRIOR);
    expect(Object.fromEntries(shares)).toEqual({ bzip2: 1 });
    const hits = await index.search({ terms: queryTerms(question), filter: {}, limit: 5 });
    expect(hits[0]!.documentId).toBe("gzip");
    expect(applyDocumentPrior(hits, shares, DEFAULT_DOCUMENT_PRIOR.weight)[0]!.documentId).toBe("bzip2");
  });

  it("gives no share to a named document the caller may not read", async () => {
    const hidden = async (ids: readonly string[]) => new Map(ids.map((id) => [id, { chunks: MANUALS[id]!.length, readable: id !== "bzip2" }]));
    expect(await namedDocuments(index, hidden, queryTerms("How can bzip2 recover data from a damaged file?"), DEFAULT_DOCUMENT_PRIOR)).toEqual(new Map());
    // Both named: the readable one keeps its share as computed with the other (gzip is one of four naming terms:
    // bzip2, bzip, 2 and gzip).
    expect(Object.fromEntries(await namedDocuments(index, hidden, queryTerms("bzip2 or gzip?"), DEFAULT_DOCUMENT_PRIOR))).toEqual({ gzip: 0.25 });
  });

  it("names no document for a term in every document, nor for one in too few chunks", async () => {
    expect(await namedDocuments(index, sizes, queryTerms("Which file?"), DEFAULT_DOCUMENT_PRIOR)).toEqual(new Map());
    // Lempel-Ziv is in one chunk of one document: a rare word, not the document's name.
    expect(await namedDocuments(index, sizes, queryTerms("What is Lempel-Ziv coding?"), DEFAULT_DOCUMENT_PRIOR)).toEqual(new Map());
    expect(await namedDocuments(index, sizes, [], DEFAULT_DOCUMENT_PRIOR)).toEqual(new Map());
  });

  it("asks for the documents of no term when no term is in enough chunks", async () => {
    const asked: string[][] = [];
    const counting = {
      documentFrequencies: index.documentFrequencies.bind(index),
      documentsHolding: (terms: readonly string[], options: { atMost: number }) => (asked.push([...terms]), index.documentsHolding(terms, options)),
    };
    await namedDocuments(counting, sizes, queryTerms("Lempel-Ziv coding"), DEFAULT_DOCUMENT_PRIOR);
    expect(asked).toEqual([]);
    await namedDocuments(counting, sizes, queryTerms("gzip coding"), DEFAULT_DOCUMENT_PRIOR);
    expect(asked).toEqual([["gzip"]]);
  });
});

describe("the switch through ingest and search", () => {
  let root: string;
  let dataDir: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-document-prior-"));
    await fs.mkdir(path.join(root, "docs"));
    for (const [name, chunks] of Object.entries(MANUALS)) {
      // One section a chunk (section breaks), each under a heading that does not repeat the manual's name.
      const sections = chunks.map((text, i) => `## Part ${i + 1}\n\n${text}\n`).join("\n");
      await fs.writeFile(path.join(root, "docs", `${name}.md`), sections);
    }
    const result = await cli(["ingest", path.join(root, "docs"), "--json", "--data-dir", path.join(root, "data")]);
    expect(result.code).toBe(0);
    dataDir = path.join(root, "data");
  }, 60_000);

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const run = async (env: Record<string, string>, questions: readonly string[]) => {
    const jikji = await openJikji(loadConfig({ JIKJI_RERANK: "off", ...env }, { dataDir }), { scanIndex: false });
    try {
      const out = [];
      for (const question of questions) {
        const { hits } = await jikji.search({ query: question, k: 3, filter: {} });
        out.push(hits.map((hit) => ({ source: hit.source, chunkId: hit.chunkId, score: hit.score })));
      }
      return out;
    } finally {
      await jikji.close();
    }
  };

  it("ranks the named manual's chunk first only with the switch on", async () => {
    const question = ["How can bzip2 recover data from a damaged file?"];
    const [off] = await run({ JIKJI_DOCUMENT_PRIOR: "off" }, question);
    const [on] = await run({ JIKJI_DOCUMENT_PRIOR: "on" }, question);
    expect(off![0]!.source).toBe("gzip.md");
    expect(on![0]!.source).toBe("bzip2.md");
  }, 60_000);

  it("changes nothing for questions naming no document", async () => {
    const questions = ["Which file?", "What is Lempel-Ziv coding?", "an archive of files"];
    expect(await run({ JIKJI_DOCUMENT_PRIOR: "on" }, questions)).toEqual(await run({ JIKJI_DOCUMENT_PRIOR: "off" }, questions));
  }, 60_000);
});

describe("its configuration", () => {
  const base = { JIKJI_DATA_DIR: "/tmp/jikji-document-prior-config" };
  it("is on by default with its default weight, can be switched off, and names the variable of a bad value", () => {
    expect(loadConfig(base).documentPrior).toEqual({ weight: DEFAULT_DOCUMENT_PRIOR.weight });
    expect(loadConfig({ ...base, JIKJI_DOCUMENT_PRIOR: "on" }).documentPrior).toEqual({ weight: DEFAULT_DOCUMENT_PRIOR.weight });
    expect(loadConfig({ ...base, JIKJI_DOCUMENT_PRIOR: "ON", JIKJI_DOCUMENT_PRIOR_WEIGHT: "2.5" }).documentPrior).toEqual({ weight: 2.5 });
    expect(loadConfig({ ...base, JIKJI_DOCUMENT_PRIOR: "off", JIKJI_DOCUMENT_PRIOR_WEIGHT: "2" }).documentPrior).toBeNull();
    for (const [name, value] of [
      ["JIKJI_DOCUMENT_PRIOR", "yes"],
      ["JIKJI_DOCUMENT_PRIOR_WEIGHT", "-1"],
      ["JIKJI_DOCUMENT_PRIOR_WEIGHT", "11"],
    ] as const) {
      expect(() => loadConfig({ ...base, [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, [name]: value })).toThrow(name);
    }
  });
});
