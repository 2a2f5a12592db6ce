import { describe, expect, it } from "vitest";
import {
  lastSegment,
  parseQaJsonl,
  percentile,
  QaParseError,
  rankDocuments,
  recallAt,
  reciprocalRankAt,
  summarise,
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

describe("parseQaJsonl", () => {
  it("reads one question per line and skips blank lines", () => {
    const text = '{"question":"연차는 며칠?","relevant":["leave.md"]}\n\n{"question":"q2","relevant":["a","b"]}\n';
    expect(parseQaJsonl(text)).toEqual([
      { question: "연차는 며칠?", relevant: ["leave.md"] },
      { question: "q2", relevant: ["a", "b"] },
    ]);
  });

  it.each([
    ['{"question":"ok","relevant":["a"]}\n{"question": oops}', 2, /not valid JSON/],
    ['["question"]', 1, /expected an object/],
    ['{"question":"","relevant":["a"]}', 1, /"question"/],
    ['{"question":"q","relevant":[]}', 1, /"relevant"/],
    ['{"question":"q","relevant":"a.md"}', 1, /"relevant"/],
    ['\n\n{"question":"q","relevant":[1]}', 3, /"relevant"/],
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
