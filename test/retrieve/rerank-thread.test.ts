/**
 * The built-in reranker in a worker thread (src/retrieve/rerank/builtin-thread.ts) must give exactly the scores of
 * the in-process one, for every input the port carries (gaps, the English rendering, synonym and lexicon weights),
 * answer calls in flight each with its own scores, and fail as an unavailable reranker, not hang, when its thread
 * cannot run; through `openJikji` and a search, the hits must be those of the in-process reranker.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { RerankUnavailableError } from "../../src/errors.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { englishRendering } from "../../src/retrieve/crosslang.ts";
import { loadLexicon } from "../../src/retrieve/lexicon.ts";
import { builtinScores, createBuiltinReranker, DEFAULT_BUILTIN_WEIGHTS, type BuiltinWeights } from "../../src/retrieve/rerank/builtin.ts";
import { createThreadedBuiltinReranker } from "../../src/retrieve/rerank/builtin-thread.ts";
import type { RerankCandidate } from "../../src/retrieve/rerank/port.ts";
import { createSearch } from "../../src/retrieve/search.ts";
import { loadSynonyms, type SynonymConfig } from "../../src/retrieve/synonyms.ts";
import { openJikji, rerankThread, type Jikji } from "../../src/runtime.ts";

const TEXTS = [
  "연차 휴가는 1년간 80퍼센트 이상 출근한 근로자에게 15일을 준다. 휴가 신청은 7일 전까지 한다.",
  "제12조(연차휴가) ② 사용자는 근로자가 신청한 시기에 휴가를 주어야 한다.",
  "목차\n1. 총칙 ........ 3\n2. 휴가 ........ 7\n3. 급여 ........ 12",
  "The default block size is 900 k; bzip2 -9 selects it. Smaller blocks use less memory.",
  "To change the password, open Settings and choose Security. The font size is set under Display.",
  "출장비는 1박 120,000원까지 지급하며 영수증을 첨부한다. Travel costs are paid up to 120,000 won a night.",
  "비밀번호를 바꾸려면 설정에서 보안을 고릅니다. 암호는 8자 이상이어야 합니다.",
  "정책은 개인정보 보호 정책을 따른다. 개인정보보호위원회가 2024년 3월 시행령을 개정하였다.",
];
const QUERIES = ["연차 휴가 신청", "default block size", "제12조 2항 휴가", "출장비 120,000원", "비밀번호 변경", "글꼴 크기 바꾸기", "암호 설정"];

function candidates(offset: number, count: number): RerankCandidate[] {
  return Array.from({ length: count }, (_, i) => {
    const at = (offset + i) % TEXTS.length;
    return {
      id: `c${at}`,
      text: TEXTS[at]!,
      headingPath: i % 2 ? ["제2장 휴가"] : [],
      ...(at === 2 ? { role: "toc" } : {}),
      score: 1 + ((offset * 7 + i * 3) % 5) / 4,
    };
  });
}

const SYNONYMS: SynonymConfig = { file: null, builtin: true, searchWeight: 0, answerWeight: 0, rerankWeight: 0.2 };
const LEXICON = { searchWeight: 0, answerWeight: 0, rerankWeight: 0.15 };

describe("the built-in reranker in a worker thread", () => {
  it("gives the in-process scores to the bit: plain, with synonyms and lexicon, gaps and an English rendering", async () => {
    const weights: BuiltinWeights = { ...DEFAULT_BUILTIN_WEIGHTS, synonyms: 0.2, lexicon: 0.15, gaps: 0.1 };
    const synonyms = loadSynonyms(SYNONYMS);
    const lexicon = loadLexicon(LEXICON);
    const threaded = createThreadedBuiltinReranker({ weights, synonyms: SYNONYMS, lexicon: LEXICON });
    const plain = createThreadedBuiltinReranker({ weights: DEFAULT_BUILTIN_WEIGHTS });
    try {
      let rendered = 0;
      for (const [q, query] of QUERIES.entries()) {
        const pool = candidates(q, 6);
        const gaps = [{ terms: ["글꼴"], alternatives: ["font"] }];
        const english = englishRendering(query, [synonyms, lexicon]) ?? undefined;
        if (english) rendered++;
        const options = { gaps, ...(english ? { english: { ...english, weight: 0.7 } } : {}) };
        expect(await threaded.score(query, pool, options)).toEqual(
          builtinScores(query, pool, weights, undefined, synonyms, lexicon, gaps, options.english),
        );
        expect(await plain.score(query, pool)).toEqual(builtinScores(query, pool));
      }
      // The rendering path was exercised, not only the question's own.
      expect(rendered).toBeGreaterThan(0);
    } finally {
      await threaded.close();
      await plain.close();
    }
  });

  it("answers calls in flight together, each with its own scores", async () => {
    const reranker = createThreadedBuiltinReranker({ weights: DEFAULT_BUILTIN_WEIGHTS });
    try {
      const asked = QUERIES.flatMap((query, q) => [0, 3, 5].map((offset) => ({ query, pool: candidates(q + offset, 4 + offset) })));
      const answers = await Promise.all(asked.map(({ query, pool }) => reranker.score(query, pool)));
      answers.forEach((scores, i) => expect(scores).toEqual(builtinScores(asked[i]!.query, asked[i]!.pool)));
    } finally {
      await reranker.close();
    }
  });

  it("fails as unavailable when its thread cannot start, and after close; an error of the features fails the call", async () => {
    // A synonym file that does not exist: the worker's start-up throws (the main thread would have thrown first).
    const broken = createThreadedBuiltinReranker({
      weights: { ...DEFAULT_BUILTIN_WEIGHTS, synonyms: 0.2 },
      synonyms: { ...SYNONYMS, file: path.join(os.tmpdir(), "jikji-no-such-synonyms.txt") },
    });
    await expect(broken.score("연차 휴가", candidates(0, 3))).rejects.toBeInstanceOf(RerankUnavailableError);
    // Replaced on the next call, which fails the same way rather than hanging.
    await expect(broken.score("연차 휴가", candidates(0, 3))).rejects.toBeInstanceOf(RerankUnavailableError);
    await broken.close();

    const reranker = createThreadedBuiltinReranker({ weights: DEFAULT_BUILTIN_WEIGHTS });
    const bad = [{ id: "x", text: 42 as unknown as string, headingPath: [], score: 1 }];
    await expect(reranker.score("연차 휴가", bad)).rejects.toThrow(/built-in reranker/);
    await expect(reranker.score("연차 휴가", bad)).rejects.not.toBeInstanceOf(RerankUnavailableError);
    // The thread survives a failed call.
    expect(await reranker.score("연차 휴가", candidates(0, 3))).toEqual(builtinScores("연차 휴가", candidates(0, 3)));
    await reranker.close();
    await expect(reranker.score("연차 휴가", candidates(0, 3))).rejects.toBeInstanceOf(RerankUnavailableError);
  });

  it("is serve's choice only as JIKJI_RERANK_THREAD and the default say", () => {
    expect(loadConfig({ JIKJI_RERANK_THREAD: "on" }).rerankThread).toBe(true);
    expect(loadConfig({ JIKJI_RERANK_THREAD: " Off " }).rerankThread).toBe(false);
    expect(loadConfig({}).rerankThread).toBeNull();
    expect(() => loadConfig({ JIKJI_RERANK_THREAD: "yes" })).toThrow(/JIKJI_RERANK_THREAD/);
    expect(rerankThread({ rerankThread: true }, {})).toBe(true);
    expect(rerankThread({ rerankThread: false }, { longRunning: true })).toBe(false);
    // One-shot commands never start the thread unless asked.
    expect(rerankThread({ rerankThread: null }, {})).toBe(false);
    // serve (a long-running process) starts it unless told not to.
    expect(rerankThread({ rerankThread: null }, { longRunning: true })).toBe(true);
  });
});

describe("search with the reranker in a thread", () => {
  let root: string;
  let jikji: Jikji;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-rerank-thread-"));
    jikji = await openJikji(loadConfig({ JIKJI_RERANK_THREAD: "on" }, { dataDir: path.join(root, "data") }), { scanIndex: false });
    const collectionId = await jikji.store.ensureCollection("default");
    const files: Array<[string, string]> = [
      ["blocks.md", "# Blocks\n\nThe default block size is 900 k, chosen with bzip2 -9.\n\n## Memory\n\nSmaller block sizes use less memory.\n"],
      ["recover.md", "# Recovery\n\nbzip2recover splits a damaged archive into single-block files.\n"],
      ["휴가.md", "# 제2장 휴가\n\n연차 휴가는 1년간 80퍼센트 이상 출근한 근로자에게 15일을 준다.\n\n휴가 신청은 7일 전까지 한다.\n"],
      ["신청.md", "# 휴가 신청\n\n휴가 신청서는 인사팀에 낸다. 연차 휴가는 신청한 날부터 쓴다.\n"],
      ["목차.md", "# 목차\n\n1. 총칙 ........ 3\n2. 휴가 ........ 7\n3. 급여 ........ 12\n"],
    ];
    for (const [source, text] of files) {
      await ingestFile(jikji, { collectionId, collection: "default", source, bytes: new TextEncoder().encode(text), accessGroups: [] });
    }
  }, 120_000);

  afterAll(async () => {
    await jikji?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it("returns the hits, order and scores of the in-process reranker", async () => {
    expect(jikji.reranker?.name).toBe("builtin");
    const inProcess = createSearch({ store: jikji.store, index: jikji.index, embedder: null, reranker: createBuiltinReranker() });
    for (const query of ["default block size", "연차 휴가 신청", "휴가 목차", "block memory"]) {
      const threaded = await jikji.search({ query, k: 5, filter: {} });
      expect(threaded.rerank?.status).toBe("applied");
      expect(threaded.hits.length).toBeGreaterThan(1);
      expect(threaded.hits).toEqual((await inProcess({ query, k: 5, filter: {} })).hits);
    }
  }, 60_000);
});
