/**
 * Gap-only expansion (issue 8, xlang7): a question word the collection lacks is searched through the alternatives
 * the collection holds; a word it holds is left alone. Over the real embedded index (its document frequencies), a
 * hand-made list, and the extractive answer fed the gaps retrieval found.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAsk } from "../../src/answer/ask.ts";
import { ConfigError } from "../../src/errors.ts";
import { loadConfig } from "../../src/config.ts";
import { findGaps, gapExpansion, gapRelated, type QueryGap } from "../../src/retrieve/gaps.ts";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import type { IndexQuery, SearchIndex } from "../../src/retrieve/index/port.ts";
import { DEFAULT_BUILTIN_WEIGHTS, createBuiltinReranker } from "../../src/retrieve/rerank/builtin.ts";
import { createSearch } from "../../src/retrieve/search.ts";
import { createSynonyms } from "../../src/retrieve/synonyms.ts";
import { queryTerms, termCounts } from "../../src/retrieve/tokenize.ts";
import type { Passage, SearchRequest } from "../../src/retrieve/types.ts";
import type { Store } from "../../src/store/store.ts";
import { passage } from "../answer/passages.ts";

const LIST = createSynonyms([
  ["양면", "duplex"],
  ["인쇄", "printing", "print"],
  ["노즐", "nozzle"],
  ["막히다", "clogged"],
  ["설정", "settings", "zebrafish"],
]);

const ENGLISH = {
  duplex: "Duplex printing is offered for printers capable of printing on both sides of the page.",
  nozzle: "Print a nozzle check pattern. Dirty or clogged nozzles will show as gaps in the pattern.",
};
const KOREAN = { settings: "양면 인쇄 설정은 프린터 메뉴에서 바꾼다." };

describe("gap-only expansion over the embedded index", () => {
  let dir: string;
  let index: SearchIndex;
  const ids = new Map<string, string>();
  const names = new Map<string, string>();

  async function write(chunks: Record<string, string>): Promise<void> {
    await index.upsert(
      Object.entries(chunks).map(([name, text]) => {
        const id = randomUUID();
        ids.set(name, id);
        names.set(id, name);
        return { chunkId: id, documentId: `doc-${name}`, version: 1, collection: "default", accessGroups: [], terms: termCounts(text) };
      }),
    );
  }

  const frequencies: SearchIndex["documentFrequencies"] = (terms, options) => index.documentFrequencies(terms, options);

  async function search(question: string, gaps: readonly QueryGap[], weight = 0.5): Promise<string[]> {
    const expansion = gapExpansion(gaps, question, weight);
    const hits = await index.search({ terms: queryTerms(question), ...(expansion.length > 0 ? { expansion } : {}), filter: {}, limit: 5 });
    return hits.map((hit) => names.get(hit.chunkId)!);
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "jikji-gaps-"));
    index = createEmbeddedIndex({ dir });
    await index.open(null);
  });

  afterEach(async () => {
    await index.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("reaches an English chunk from a Korean question only through the words the collection lacks", async () => {
    await write(ENGLISH);
    const question = "양면 인쇄는 어떤 프린터에서 되나요?";
    expect(await search(question, [])).toEqual([]);
    const gaps = await findGaps([LIST], question, frequencies, { maxDf: 0 });
    expect(gaps).toEqual([
      { terms: ["양면"], alternatives: ["duplex"] },
      { terms: ["인쇄"], alternatives: ["printing", "print"] },
    ]);
    expect((await search(question, gaps))[0]).toBe("duplex");
    // A verb by its stem (막히다 → 막히는지) and a noun with its particle (노즐이).
    const nozzle = await findGaps([LIST], "노즐이 막히는지 확인하려면?", frequencies, { maxDf: 0 });
    expect(nozzle.map((gap) => gap.alternatives)).toEqual([["nozzle"], ["clogged"]]);
    expect((await search("노즐이 막히는지 확인하려면?", nozzle))[0]).toBe("nozzle");
  });

  it("leaves a question alone when the collection holds its words, and drops alternatives it does not hold", async () => {
    await write({ ...ENGLISH, ...KOREAN });
    // 양면, 인쇄 and 설정 are all on the Korean page: nothing is expanded, the search is the question's own.
    expect(await findGaps([LIST], "양면 인쇄 설정은 어디서 하나요?", frequencies, { maxDf: 0 })).toEqual([]);
    expect(gapExpansion([], "양면 인쇄 설정은 어디서 하나요?", 0.5)).toEqual([]);
    // An English question on the English pages: printing is held, so it gets no Korean terms either.
    expect(await findGaps([LIST], "Which printers offer duplex printing?", frequencies, { maxDf: 0 })).toEqual([]);
    // With no Korean page, 설정 is a gap; of its alternatives only those some chunk holds are searched (none here).
    await index.deleteDocument("doc-settings");
    expect(await findGaps([LIST], "설정은 어디서 하나요?", frequencies, { maxDf: 0 })).toEqual([]);
  });

  it("treats a word held by at most maxDf chunks as a gap", async () => {
    await write({ ...ENGLISH, ...KOREAN });
    const question = "노즐 양면";
    expect(await findGaps([LIST], question, frequencies, { maxDf: 0 })).toEqual([{ terms: ["노즐"], alternatives: ["nozzle"] }]);
    expect(await findGaps([LIST], question, frequencies, { maxDf: 1 })).toEqual([
      { terms: ["노즐"], alternatives: ["nozzle"] },
      { terms: ["양면"], alternatives: ["duplex"] },
    ]);
  });

  it("asks the index once per question, and not at all when no word has alternatives", async () => {
    await write(ENGLISH);
    const asked: string[][] = [];
    const counting: SearchIndex["documentFrequencies"] = (terms, options) => {
      asked.push([...terms]);
      return frequencies(terms, options);
    };
    await findGaps([LIST, null, LIST], "양면 인쇄 노즐", counting, { maxDf: 0 });
    expect(asked).toHaveLength(1);
    expect(new Set(asked[0])).toEqual(new Set(["양면", "인쇄", "노즐", "duplex", "printing", "print", "nozzle"]));
    await findGaps([LIST], "회의실 예약", counting, { maxDf: 0 });
    expect(asked).toHaveLength(1);
  });
});

describe("gaps through search and answer", () => {
  it("adds the gaps' alternatives to the lexical leg and hands the gaps on with the result", async () => {
    const seen: IndexQuery[] = [];
    const index = { search: async (query: IndexQuery) => (seen.push(query), []) } as unknown as SearchIndex;
    const store = { visibleChunks: async () => new Map() } as unknown as Store;
    const gaps: QueryGap[] = [{ terms: ["양면"], alternatives: ["duplex"] }];
    const search = createSearch({ store, index, embedder: null, reranker: null, gaps: { find: async () => gaps, searchWeight: 0.3 } });
    const result = await search({ query: "양면 인쇄", k: 3, filter: {} });
    expect(seen[0]!.expansion).toEqual([{ term: "duplex", weight: 0.3 }]);
    expect(result.gaps).toEqual(gaps);
    const without = createSearch({ store, index, embedder: null, reranker: null, gaps: { find: async () => [], searchWeight: 0.3 } });
    expect(await without({ query: "양면 인쇄", k: 3, filter: {} })).toEqual({ query: "양면 인쇄", hits: [] });
    expect(seen[1]!.expansion).toBeUndefined();
  });

  it("lets the extractive answer quote an English sentence for a Korean question through the gaps", async () => {
    const page = passage(
      1,
      "Gutenprint supports many printers. Duplex printing is offered for printers capable of printing on both sides of the page. " +
        "Media Type selects the kind of paper.",
      { source: "manuals/gutenprint.pdf" },
    );
    const question = "양면 인쇄는 어떤 프린터에서 되나요?";
    const gaps: QueryGap[] = [
      { terms: ["양면"], alternatives: ["duplex"] },
      { terms: ["인쇄"], alternatives: ["printing", "print"] },
    ];
    const retrieve = async (request: SearchRequest) => ({ query: request.query, hits: [page] as Passage[], gaps });
    const withGaps = createAsk({ retrieve, generator: null, gapTerms: (found) => gapRelated(found, 0.7) });
    const answered = await withGaps.ask({ question });
    expect(answered.grounded).toBe(true);
    expect(answered.answer).toContain("Duplex printing is offered");
    // Without the hook nothing in the question matches the English page.
    const plain = await createAsk({ retrieve, generator: null }).ask({ question });
    expect(plain.answer).not.toContain("Duplex printing is offered");
  });

  it("lets the built-in reranker lift a candidate holding a gap word's alternative, only when its weight is set", async () => {
    const candidates = [
      { id: "ko", text: "양면 테이프 인쇄물 부착 방법", headingPath: [], score: 1 },
      { id: "en", text: "Duplex printing is offered for printers capable of printing on both sides.", headingPath: [], score: 0.9 },
    ];
    const gaps: QueryGap[] = [{ terms: ["양면"], alternatives: ["duplex"] }];
    const question = "양면 인쇄는 어떤 프린터에서 되나요?";
    const off = await createBuiltinReranker({ ...DEFAULT_BUILTIN_WEIGHTS, gaps: 0 }).score(question, candidates, { gaps });
    const on = await createBuiltinReranker({ ...DEFAULT_BUILTIN_WEIGHTS, gaps: 0.5 }).score(question, candidates, { gaps });
    expect(on[0]).toBeCloseTo(off[0]!, 10);
    expect(on[1]! - off[1]!).toBeCloseTo(0.5, 10);
  });

  it("checks its configuration: weights from 0 to 1, maxDf a whole number, all off by default", () => {
    const base = { JIKJI_DATA_DIR: "/tmp/jikji-gaps-config" };
    expect(loadConfig(base).gaps).toEqual({ searchWeight: 0, answerWeight: 0, rerankWeight: 0, maxDf: 0 });
    const set = { JIKJI_GAP_SEARCH_WEIGHT: "0.4", JIKJI_GAP_ANSWER_WEIGHT: "0.7", JIKJI_GAP_RERANK_WEIGHT: "0.3", JIKJI_GAP_MAX_DF: "2" };
    expect(loadConfig({ ...base, ...set }).gaps).toEqual({ searchWeight: 0.4, answerWeight: 0.7, rerankWeight: 0.3, maxDf: 2 });
    for (const [name, value] of [
      ["JIKJI_GAP_SEARCH_WEIGHT", "1.5"],
      ["JIKJI_GAP_ANSWER_WEIGHT", "-0.1"],
      ["JIKJI_GAP_RERANK_WEIGHT", "x"],
      ["JIKJI_GAP_MAX_DF", "-1"],
      ["JIKJI_GAP_MAX_DF", "0.5"],
      ["JIKJI_GAP_MAX_DF", "2000000"],
    ] as const) {
      expect(() => loadConfig({ ...base, [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      try {
        loadConfig({ ...base, [name]: value });
      } catch (error) {
        expect((error as ConfigError).message).toContain(name);
      }
    }
  });
});
