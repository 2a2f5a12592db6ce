import { describe, expect, it } from "vitest";
import { byScoreThenId, countWanted } from "../../src/retrieve/index/embedded.ts";
import { tokenize } from "../../src/retrieve/tokenize.ts";

/** What the lexical leg computed before: split the stored text and count. */
function bySplit(text: string, wanted: ReadonlySet<string>) {
  const counts = new Map<string, number>();
  if (text === "") return { counts, length: 0 };
  const terms = text.split(" ");
  for (const term of terms) if (wanted.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { counts, length: terms.length };
}

const sorted = (result: { counts: Map<string, number>; length: number }) => ({
  counts: [...result.counts].sort(([a], [b]) => (a < b ? -1 : 1)),
  length: result.length,
});

describe("countWanted (the lexical leg's rescoring over stored terms)", () => {
  it("counts whole stored terms only, as splitting the text did", () => {
    const text = "ab abc ab cab ab 5g 5 g";
    const wanted = new Set(["ab", "b", "5", "g", "xyz", "ab abc", ""]);
    expect(sorted(countWanted(text, wanted))).toEqual(sorted(bySplit(text, wanted)));
    expect(countWanted(text, wanted).counts.get("ab")).toBe(3);
    expect(countWanted(text, wanted).counts.has("ab abc")).toBe(false);
    expect(countWanted(text, wanted).length).toBe(8);
  });

  it("finds terms at both ends and handles an empty text", () => {
    expect(sorted(countWanted("정책 정책 개인", new Set(["정책", "개인"])))).toEqual({ counts: [["개인", 1], ["정책", 2]], length: 3 });
    expect(countWanted("", new Set(["정책"]))).toEqual({ counts: new Map(), length: 0 });
    expect(sorted(countWanted("x", new Set(["x"])))).toEqual({ counts: [["x", 1]], length: 1 });
  });

  it("agrees with splitting on real Korean and English text, grouped as stored and in reading order", () => {
    const passage =
      "개인정보보호위원회는 2024년 3월 개인정보 보호법 시행령을 개정하였다. The committee's 3.5 revision of 1,000 pages " +
      "applies to AI반도체 and 5G networks; 정책은 정책을 바꾼다. 제12조 2항에 따라 보호한다.";
    const terms = tokenize(passage);
    const grouped: string[] = [];
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) for (let i = 0; i < count; i++) grouped.push(term);
    const wanted = new Set([...tokenize("개인정보 보호 정책 3.5 revision ai 5g 반도 pages 없는말"), "호위", "age", "1,000"]);
    for (const text of [grouped.join(" "), terms.join(" ")]) {
      expect(sorted(countWanted(text, wanted))).toEqual(sorted(bySplit(text, wanted)));
    }
  });
});

describe("byScoreThenId", () => {
  it("orders equal scores by chunk id whatever order they arrive in", () => {
    const rows = [
      { id: "c", score: 1 },
      { id: "a", score: 2 },
      { id: "b", score: 1 },
      { id: "d", score: 1 },
    ];
    const expected = ["a", "b", "c", "d"];
    expect([...rows].sort(byScoreThenId).map((row) => row.id)).toEqual(expected);
    expect([...rows].reverse().sort(byScoreThenId).map((row) => row.id)).toEqual(expected);
  });
});
