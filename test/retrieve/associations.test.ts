import { describe, expect, it } from "vitest";
import { expandQuery, learnAssociations, logLikelihoodRatio, TermAssociations, type LearningChunk } from "../../src/retrieve/associations.ts";
import { bm25ExpansionScore, bm25Score, querySparseVector, termIndex } from "../../src/retrieve/bm25.ts";
import { builtinFeatures } from "../../src/retrieve/rerank/builtin.ts";

function chunk(text: string, headingPath: string[] = [], documentId = "d1"): LearningChunk {
  return { documentId, text, headingPath };
}

/** Filler chunks so that the words under test are rare (under 5 % of the chunks), as in a real collection. */
function filler(count: number): LearningChunk[] {
  return Array.from({ length: count }, (_, i) => chunk(`unrelated filler text number ${i} about weather${i} and rivers${i}`, [], `f${i}`));
}

describe("learnAssociations: aliases written in the text", () => {
  const chunks = [
    chunk("서버의 메모리(RAM)가 부족하면 작은 블록을 쓴다."),
    chunk("전처리부(preamble)에 패키지를 선언한다."),
    chunk("The Common UNIX Printing System (CUPS) spools jobs."),
    chunk("bzip2 (hopefully) recovers the data."),
    ...filler(60),
  ];

  it("relates a word and its parenthesis across scripts, and an acronym and its expansion, both ways", () => {
    const learned = learnAssociations(chunks, { source: "alias" });
    expect(learned.related("메모리").map((a) => a.key)).toEqual(["ram"]);
    expect(learned.related("ram").map((a) => a.key)).toEqual(["메모리"]);
    expect(learned.related("전처리부").map((a) => a.key)).toEqual(["preamble"]);
    expect(learned.related("cups").map((a) => a.key)).toEqual([]); // "System (CUPS)": the word before is "system"
    expect(learned.related("system").map((a) => a.key)).toEqual([]); // not an acronym of one word
    expect(learned.termsOf("메모리")).toEqual(["메모", "모리"]);
  });

  it("leaves same-script asides out unless the rule lets them in", () => {
    expect(learnAssociations(chunks, { source: "alias" }).related("bzip2")).toEqual([]);
    const any = learnAssociations(chunks, { source: "alias", aliases: "any" });
    expect(any.related("bzip2").map((a) => a.key)).toEqual(["hopefully"]);
  });

  it("relates an acronym to the words it spells", () => {
    const learned = learnAssociations([chunk("Each driver ships a PPD (PostScript Printer Description) file."), ...filler(60)], { source: "alias" });
    expect(learned.related("ppd").map((a) => a.key).sort()).toEqual(["description", "postscript", "printer"]);
    expect(learned.related("ppd")[0]!.strength).toBeCloseTo(1 / 3);
    expect(learned.related("printer").map((a) => a.key)).toEqual(["ppd"]);
  });
});

describe("learnAssociations: co-occurrence and headings", () => {
  const together = Array.from({ length: 4 }, (_, i) => chunk(`각주 footnote 달기 예시${i}`, [], `t${i}`));
  const chunks = [...together, ...filler(100)];

  it("relates words that share chunks more often than chance, and drops pairs seen too rarely", () => {
    const learned = learnAssociations(chunks, { source: "cooccurrence" });
    expect(learned.related("각주").map((a) => a.key)).toContain("footnote");
    expect(learned.related("footnote").map((a) => a.key)).toContain("각주");
    const strict = learnAssociations(chunks, { source: "cooccurrence", minPairCount: 5 });
    expect(strict.related("각주")).toEqual([]);
  });

  it("forgets a document's pairs when it is learned again without that document", () => {
    const without = chunks.filter((c) => !c.documentId.startsWith("t"));
    expect(learnAssociations(without, { source: "cooccurrence" }).related("각주")).toEqual([]);
  });

  it("relates a heading's words to its body's words over sections", () => {
    const sections = [
      chunk("각주를 넣으려면 footnote 명령을 쓴다.", ["주석 달기"], "a"),
      chunk("footnote 명령은 페이지 하단에 인쇄한다.", ["주석 위치"], "b"),
      chunk("표를 만든다.", ["표"], "c"),
      ...filler(60).map((c, i) => ({ ...c, headingPath: [`heading${i}`] })),
    ];
    const learned = learnAssociations(sections, { source: "heading", minG2: 1 });
    expect(learned.related("주석").map((a) => a.key)).toContain("footnote");
    expect(learned.related("footnote")).toEqual([]); // directed: heading word → body word
  });

  it("scores only attraction", () => {
    expect(logLikelihoodRatio(10, 10, 10, 100)).toBeGreaterThan(10.83);
    expect(logLikelihoodRatio(1, 50, 50, 100)).toBe(0);
  });
});

describe("expandQuery", () => {
  const associations = new TermAssociations(
    "alias",
    new Map([
      ["주석", [{ key: "각주", strength: 1 }]],
      ["ram", [{ key: "메모리", strength: 0.5 }, { key: "memory", strength: 0.25 }]],
    ]),
    new Map([
      ["각주", ["각주"]],
      ["메모리", ["메모", "모리"]],
      ["memory", ["memory"]],
    ]),
  );

  it("adds each related word's terms at weight × strength, split over its terms", () => {
    const added = expandQuery("페이지 아래에 주석을 달려면?", associations, { weight: 0.2 });
    expect(added).toEqual([{ term: "각주", weight: 0.2 }]);
    const ram = expandQuery("short on RAM", associations, { weight: 0.2 });
    expect(ram).toEqual([
      { term: "memory", weight: 0.05 },
      { term: "메모", weight: 0.05 },
      { term: "모리", weight: 0.05 },
    ]);
  });

  it("caps the partners per word and the terms per query, and skips words already asked", () => {
    expect(expandQuery("short on RAM", associations, { weight: 0.2, perWord: 1 }).map((t) => t.term)).toEqual(["메모", "모리"]);
    expect(expandQuery("short on RAM", associations, { weight: 0.2, maxTerms: 1 })).toHaveLength(1);
    expect(expandQuery("RAM memory", associations, { weight: 0.2 }).map((t) => t.term)).toEqual(["메모", "모리"]);
  });

  it("survives a snapshot round trip", () => {
    const restored = TermAssociations.fromSnapshot(JSON.parse(JSON.stringify(associations.toSnapshot())));
    expect(expandQuery("short on RAM", restored, { weight: 0.2 })).toEqual(expandQuery("short on RAM", associations, { weight: 0.2 }));
  });
});

describe("expansion terms in scoring", () => {
  it("BM25 counts an expansion term at its weight, in the embedded sum and the sparse query vector alike", () => {
    const document = new Map([["각주", 2]]);
    const idf = () => 2;
    const full = bm25Score(["각주"], document, 100, idf);
    expect(bm25ExpansionScore([{ term: "각주", weight: 0.25 }], document, 100, idf)).toBeCloseTo(full * 0.25);
    const sparse = querySparseVector(["주석"], [{ term: "각주", weight: 0.25 }]);
    expect(sparse.values[sparse.indices.indexOf(termIndex("각주"))]).toBe(0.25);
    expect(sparse.values[sparse.indices.indexOf(termIndex("주석"))]).toBe(1);
  });

  it("the built-in reranker's associated feature is the weighted share of expansion terms a candidate holds", () => {
    const candidates = [
      { id: "a", text: "각주 footnote", headingPath: [], score: 1 },
      { id: "b", text: "각주", headingPath: [], score: 1 },
      { id: "c", text: "표", headingPath: [], score: 1 },
    ];
    const features = builtinFeatures("주석", candidates, 24, [
      { term: "각주", weight: 0.3 },
      { term: "footnote", weight: 0.1 },
    ]);
    const associated = features.map((f) => f.associated);
    expect(associated[0]).toBeCloseTo(1);
    expect(associated[1]).toBeCloseTo(0.75);
    expect(associated[2]).toBe(0);
  });
});
