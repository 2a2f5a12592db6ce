import { describe, expect, it } from "vitest";
import { BM25_AVGDL, BM25_B, BM25_K1, bm25TermWeight, documentSparseVector, querySparseVector, termIndex } from "./bm25.ts";
import { termCounts } from "./tokenize.ts";

describe("bm25TermWeight", () => {
  it("is tf*(k1+1)/(tf + k1*(1-b+b*dl/avgdl)) with the tuned k1=0.5, b=0.5", () => {
    expect([BM25_K1, BM25_B]).toEqual([0.5, 0.5]);
    expect(bm25TermWeight(1, BM25_AVGDL)).toBeCloseTo(1, 12);
    expect(bm25TermWeight(3, BM25_AVGDL)).toBeCloseTo((3 * 1.5) / (3 + 0.5), 12);
    expect(bm25TermWeight(2, 2 * BM25_AVGDL)).toBeCloseTo((2 * 1.5) / (2 + 0.5 * (0.5 + 1)), 12);
  });

  it("saturates with term frequency and penalises long documents", () => {
    const once = bm25TermWeight(1, 100);
    const often = bm25TermWeight(50, 100);
    expect(often).toBeGreaterThan(once);
    expect(often).toBeLessThan(BM25_K1 + 1);
    expect(bm25TermWeight(1, 1000)).toBeLessThan(bm25TermWeight(1, 10));
  });

  it("is zero for an absent term", () => {
    expect(bm25TermWeight(0, 10)).toBe(0);
  });
});

describe("termIndex", () => {
  it("is 32-bit FNV-1a over UTF-8 (published test vectors)", () => {
    expect(termIndex("")).toBe(0x811c9dc5);
    expect(termIndex("a")).toBe(0xe40c292c);
    expect(termIndex("foobar")).toBe(0xbf9cf968);
  });

  it("is stable, unsigned and tells Korean terms apart", () => {
    const index = termIndex("정책$");
    expect(index).toBe(termIndex("정책$"));
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(2 ** 32);
    expect(termIndex("정책")).not.toBe(termIndex("책을"));
  });
});

describe("documentSparseVector", () => {
  it("weights each distinct term once, with ascending unique indices", () => {
    const vector = documentSparseVector(termCounts("정책을 바꾼 정책 policy policy"));
    expect(new Set(vector.indices).size).toBe(vector.indices.length);
    expect([...vector.indices].sort((a, b) => a - b)).toEqual(vector.indices);
    const policy = vector.values[vector.indices.indexOf(termIndex("policy"))];
    const changed = vector.values[vector.indices.indexOf(termIndex("바꾼"))];
    expect(policy).toBeGreaterThan(changed ?? Infinity);
  });

  it("is empty for no terms", () => {
    expect(documentSparseVector(new Map())).toEqual({ indices: [], values: [] });
  });
});

describe("querySparseVector", () => {
  it("adds weight for repeated query terms", () => {
    const vector = querySparseVector(["정책$", "policy", "정책$"]);
    expect(vector.values[vector.indices.indexOf(termIndex("정책$"))]).toBe(2);
    expect(vector.values[vector.indices.indexOf(termIndex("policy"))]).toBe(1);
    expect(vector.indices).toHaveLength(2);
  });
});
