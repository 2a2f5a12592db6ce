import { describe, expect, it } from "vitest";
import {
  containsPhrase,
  granularityOf,
  lastSegment,
  parseQaJsonl,
  percentile,
  QaParseError,
  rankDocuments,
  rankPages,
  recallAt,
  reciprocalRankAt,
  summarise,
  tallyQuotes,
  wantedDocuments,
} from "../../src/retrieve/eval.ts";

describe("retrieval metrics", () => {
  it("collapses chunk hits to documents in rank order", () => {
    const hits = [
      { documentId: "a", source: "x/a.md" },
      { documentId: "b", source: "b.pdf" },
      { documentId: "a", source: "x/a.md" },
      { documentId: "c", source: "c.txt" },
    ];
    expect(rankDocuments(hits)).toEqual(["x/a.md", "b.pdf", "c.txt"]);
  });

  it("collapses chunk hits to (document, page) pairs, a page-less document standing for itself", () => {
    const hits = [
      { documentId: "m", source: "docs/manual.pdf", page: 7 },
      { documentId: "m", source: "docs/manual.pdf", page: 8 },
      { documentId: "m", source: "docs/manual.pdf", page: 7 },
      { documentId: "f", source: "faq.html", page: null },
      { documentId: "f", source: "faq.html", page: null },
      { documentId: "o", source: "other/manual.pdf", page: 7 },
    ];
    const ranked = rankPages(hits);
    expect(ranked).toEqual(["docs/manual.pdf#7", "docs/manual.pdf#8", "faq.html", "other/manual.pdf#7"]);
    expect(reciprocalRankAt(ranked, ["manual.pdf#8"], 10)).toBe(0.5);
    expect(recallAt(ranked, ["manual.pdf#9"], 10)).toBe(0);
    expect(recallAt(ranked, ["faq.html"], 3)).toBe(1);
  });

  it("finds a key phrase whatever the composition, case and whitespace", () => {
    const decomposed = "비밀번호는 90일마다".normalize("NFD");
    expect(containsPhrase(`답: ${decomposed} 바꿉니다.`, "비밀번호는 90일마다")).toBe(true);
    expect(containsPhrase("The default is\n900,000  BYTES.", "900,000 bytes")).toBe(true);
    expect(containsPhrase("연차 휴 가는 15일", "연차휴가는 15일")).toBe(true);
    expect(containsPhrase("The default is 100k.", "900,000 bytes")).toBe(false);
    expect(containsPhrase("anything", "  ")).toBe(false);
  });

  it("names a question set's granularity", () => {
    expect(granularityOf([{ granularity: "page" }, { granularity: "page" }])).toBe("page");
    expect(granularityOf([{ granularity: "document" }])).toBe("document");
    expect(granularityOf([{ granularity: "page" }, { granularity: "document" }])).toBe("mixed");
  });

  it("compares sources by their last path segment", () => {
    expect(lastSegment("hr/2024/leave.md")).toBe("leave.md");
    expect(lastSegment("C:\\docs\\leave.md")).toBe("leave.md");
    expect(recallAt(["hr/leave.md"], ["leave.md"], 1)).toBe(1);
    expect(recallAt(["leave.md"], ["other/leave.md"], 1)).toBe(1);
  });

  it("computes recall as the share of relevant documents in the first k", () => {
    const ranked = ["a", "b", "c", "d"];
    expect(recallAt(ranked, ["c"], 1)).toBe(0);
    expect(recallAt(ranked, ["c"], 3)).toBe(1);
    expect(recallAt(ranked, ["a", "d"], 3)).toBe(0.5);
    expect(recallAt(ranked, ["z"], 10)).toBe(0);
  });

  it("computes the reciprocal rank of the first relevant document within k", () => {
    expect(reciprocalRankAt(["a", "b", "c"], ["b", "c"], 10)).toBe(0.5);
    expect(reciprocalRankAt(["a", "b", "c"], ["c"], 2)).toBe(0);
  });

  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it("summarises outcomes in the documented shape", () => {
    const report = summarise([
      { ranked: ["a", "b"], relevant: ["a"], latencyMs: 2 },
      { ranked: ["a", "b", "c", "d"], relevant: ["d"], latencyMs: 4 },
    ]);
    expect(report).toEqual({
      questions: 2,
      "recall@1": 0.5,
      "recall@3": 0.5,
      "recall@5": 1,
      "recall@10": 1,
      "mrr@10": 0.625,
      latencyMs: { p50: 2, p95: 4 },
    });
  });
});

describe("answer quotes against the question's documents", () => {
  it("names the wanted documents by file name, pages dropped", () => {
    expect([...wantedDocuments(["manual.pdf#8", "hr/leave.md", "manual.pdf#9"])]).toEqual(["manual.pdf", "leave.md"]);
  });

  it("counts quotes from other documents, answers holding one, and answers by their number of citations", () => {
    const report = tallyQuotes([
      // Right document, another page: not off-document.
      { relevant: ["manual.pdf#8"], cited: ["docs/manual.pdf", "docs/manual.pdf"] },
      { relevant: ["manual.pdf#8"], cited: ["docs/manual.pdf", "docs/faq.html", "other/faq.html"] },
      { relevant: ["leave.md"], cited: ["hr/leave.md"] },
      // The first quote misses the topic.
      { relevant: ["leave.md"], cited: ["docs/faq.html", "hr/leave.md", "hr/leave.md", "hr/leave.md"] },
      // Not found: no quotes, not an answer.
      { relevant: ["leave.md"], cited: [] },
    ]);
    expect(report).toEqual({
      answered: 4,
      quotes: 10,
      offDocument: 3,
      offDocumentShare: 0.3,
      answersOffDocument: 2,
      answersOffDocumentShare: 0.5,
      firstOffDocument: 1,
      paddedOffDocument: 1,
      byCitations: { "0": 1, "1": 1, "2": 1, "3": 1, "4": 1 },
    });
    expect(tallyQuotes([])).toMatchObject({ answered: 0, offDocumentShare: 0, answersOffDocumentShare: 0, byCitations: {} });
  });
});

describe("parseQaJsonl", () => {
  it("reads one question per line and skips blank lines", () => {
    const text = '{"question":"연차는 며칠?","relevant":["leave.md"]}\n\n{"question":"q2","relevant":["a","b"]}\n';
    expect(parseQaJsonl(text)).toEqual([
      { question: "연차는 며칠?", relevant: ["leave.md"], granularity: "document" },
      { question: "q2", relevant: ["a", "b"], granularity: "document" },
    ]);
  });

  it("reads pages in both shapes, the answer key phrase and the split", () => {
    const lines = [
      { question: "기본 블록 크기는?", relevant: ["manual.pdf#8"], answer: "900,000 bytes", split: "tune" },
      { question: "q2", relevant: [{ source: "manual.pdf", page: 12 }, "faq.html"] },
      { question: "q3", relevant: [{ source: "faq.html" }] },
    ];
    expect(parseQaJsonl(lines.map((line) => JSON.stringify(line)).join("\n"))).toEqual([
      { question: "기본 블록 크기는?", relevant: ["manual.pdf#8"], granularity: "page", answer: "900,000 bytes", split: "tune" },
      { question: "q2", relevant: ["manual.pdf#12", "faq.html"], granularity: "page" },
      { question: "q3", relevant: ["faq.html"], granularity: "document" },
    ]);
  });

  it.each([
    ['{"question":"ok","relevant":["a"]}\n{"question": oops}', 2, /not valid JSON/],
    ['["question"]', 1, /expected an object/],
    ['{"question":"","relevant":["a"]}', 1, /"question"/],
    ['{"question":"q","relevant":[]}', 1, /"relevant"/],
    ['{"question":"q","relevant":"a.md"}', 1, /"relevant"/],
    ['\n\n{"question":"q","relevant":[1]}', 3, /"relevant"/],
    ['{"question":"q","relevant":["a.pdf#0"]}', 1, /pages start at 1/],
    ['{"question":"q","relevant":[""]}', 1, /"relevant"\[0\] is empty/],
    ['{"question":"q","relevant":["a.pdf",{"source":"a.pdf","page":2.5}]}', 1, /"relevant"\[1\]\.page must be a whole number/],
    ['{"question":"q","relevant":[{"source":"a.pdf","page":"8"}]}', 1, /\.page must be a whole number/],
    ['{"question":"q","relevant":[{"source":"","page":8}]}', 1, /\.source must be a non-empty/],
    ['{"question":"q","relevant":[{"file":"a.pdf","page":8}]}', 1, /unknown key "file"/],
    ['{"question":"q","relevant":[["a.pdf",8]]}', 1, /"relevant"\[0\] must be/],
    ['{"question":"q","relevant":["a.pdf#3"],"answer":""}', 1, /"answer" must be a non-empty string/],
    ['{"question":"q","relevant":["a.pdf#3"],"answer":42}', 1, /"answer"/],
    ['{"question":"q","relevant":["a.pdf#3"],"split":7}', 1, /"split" must be/],
  ])("names the bad line: %s", (text, line, problem) => {
    const error = (() => {
      try {
        parseQaJsonl(text);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(QaParseError);
    expect((error as QaParseError).line).toBe(line);
    expect((error as QaParseError).message).toMatch(new RegExp(`^line ${line}: `));
    expect((error as QaParseError).message).toMatch(problem);
  });
});
