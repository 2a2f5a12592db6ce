/**
 * The lexical rescoring counts a candidate's terms from its stored text (src/retrieve/candidate-terms.ts) instead of
 * reading the terms the embedded index holds: the counts must be exactly those `toIndexPoint` indexed, for every
 * shape of chunk, or the ranking would drift from the index's.
 */
import { describe, expect, it } from "vitest";
import { loadKorquad } from "../../bench/lib/korquad.ts";
import { lexicalParts, toIndexPoint, type PointSource } from "../../src/ingest/points.ts";
import { CandidateTermCounter, type CandidateSource } from "../../src/retrieve/candidate-terms.ts";
import { TextModels } from "../../src/retrieve/rerank/builtin.ts";
import { queryTerms, tokenize } from "../../src/retrieve/tokenize.ts";

function point(source: CandidateSource): PointSource {
  return { chunkId: "c", documentId: "d", version: 1, collection: "docs", accessGroups: [], ...source };
}

/** Chunk shapes whose parts meet where a tokenizer could join them, plus every role and clause. */
const EDGES: CandidateSource[] = [
  { title: null, headingPath: [], text: "본문만 있는 조각 1950년 RAM을" },
  { title: "  ", headingPath: ["", " "], clausePath: "", text: "blank context parts are left out" },
  { title: "제 1950", headingPath: ["Section 4.", "v2.1,"], text: "년에 시작했다. 3.14 is pi; it's O'Neil's." },
  { title: "ΟΔΟΣ", headingPath: ["ΣΟΦΟΣ"], text: "ΑΣ σ ς" },
  { title: "emoji 😀", headingPath: ["𝒜𝒷𝒸 \ud83d"], text: "\udc00 lone surrogates 𝒜 and ﬁ ligature ① ②" },
  { title: "취업규칙", headingPath: ["제2장 휴가"], clausePath: "제12조(연차휴가) 제2항", text: "② 다음 각 호.\n1. 업무상 부상\n2. 출산" },
  { title: "Policy", headingPath: ["4 Retention"], clausePath: "Section 4.2", text: "4.2 Deletion\n(a) Data is erased.\n(b) Backups expire." },
  { title: "Manual", headingPath: ["Contents"], clausePath: "Section 4.2", text: "1 Intro ..... 3\n2 Usage ..... 9", role: "toc" },
  { title: "Manual", headingPath: ["Index"], text: "bzip2, 3, 9\nrecover, 12", role: "index" },
  { title: "Manual", headingPath: ["Table"], text: "| a | b |\n| 1 | 2 |", role: "boilerplate" },
  { title: "Only context", headingPath: ["Heading"], text: "" },
];

function sources(): CandidateSource[] {
  const korquad = loadKorquad();
  const fromKorquad = korquad.documents.slice(0, 120).map((document, i): CandidateSource => ({
    title: document.title,
    headingPath: i % 3 === 0 ? [] : [`${i}. ${document.title} 개요`],
    clausePath: i % 7 === 0 ? `제${i}조 제1항` : null,
    text: document.body,
  }));
  return [...EDGES, ...fromKorquad];
}

describe("counting a candidate's indexed terms from its text", () => {
  it("splits the lexical text into parts whose tokens are exactly the indexed terms", () => {
    for (const source of sources()) {
      const indexed = toIndexPoint(point(source), undefined).terms;
      const { context, body, clauseKeys } = lexicalParts(source);
      const counts = new Map<string, number>();
      for (const term of [...tokenize(context), ...tokenize(body)]) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const key of clauseKeys) counts.set(key, (counts.get(key) ?? 0) + 2);
      expect(counts).toEqual(new Map(indexed));
    }
  });

  it("gives every wanted term's count and the total length that toIndexPoint's terms give", () => {
    const counter = new CandidateTermCounter(new TextModels(16), 2_000);
    const questions = loadKorquad().questions.slice(0, 40).map((question) => question.question);
    let matched = 0;
    for (const [i, source] of sources().entries()) {
      const indexed = toIndexPoint(point(source), undefined).terms;
      const wanted = new Set([...queryTerms(questions[i % questions.length]!), ...[...indexed.keys()].filter((_, j) => j % 5 === 0), "없는말"]);
      // Twice: the second time the context and the text come from the memos.
      for (let round = 0; round < 2; round++) {
        const { counts, length } = counter.count(source, wanted);
        const expected = new Map([...indexed].filter(([term]) => wanted.has(term)));
        expect(counts).toEqual(expected);
        expect(length).toBe([...indexed.values()].reduce((sum, count) => sum + count, 0));
        matched += counts.size;
      }
    }
    expect(matched).toBeGreaterThan(200);
  });

  it("keeps its memo of contexts within its bound", () => {
    const counter = new CandidateTermCounter(new TextModels(4), 500);
    for (let i = 0; i < 200; i++) {
      const source = { title: `문서 제목 ${i} title words`, headingPath: [`section ${i}`], text: "body" };
      expect(counter.count(source, new Set([`${i}`])).counts.get(`${i}`)).toBe(2);
      expect(counter.contextUnits).toBeLessThanOrEqual(500);
    }
    expect(counter.contextUnits).toBeGreaterThan(0);
    // A context larger than the whole bound is counted, not kept.
    const huge = { title: "긴 제목 ".repeat(200), headingPath: [], text: "" };
    expect(counter.count(huge, new Set(["제목"])).counts.get("제목")).toBe(200);
    expect(counter.contextUnits).toBeLessThanOrEqual(500);
  });
});
