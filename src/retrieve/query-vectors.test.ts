import { describe, expect, it } from "vitest";
import type { Embedder } from "./embed/port.ts";
import { normaliseQuery, queryVectorCache } from "./query-vectors.ts";

/** An embedder at the process edge that counts its calls and can be told to fail. */
function countingEmbedder(model = "counting") {
  const calls: string[][] = [];
  let failNext = false;
  const embedder: Embedder = {
    model,
    dimensions: 2,
    maxEmbeddingsPerCall: 8,
    async embed(texts) {
      calls.push([...texts]);
      if (failNext) {
        failNext = false;
        throw new Error("upstream down");
      }
      return texts.map((text) => [text.length, model.length]);
    },
  };
  return { embedder, calls, failOnce: () => (failNext = true) };
}

describe("the query vector cache", () => {
  it("answers a repeated query, written with other spacing or full-width letters, from one call", async () => {
    const { embedder, calls } = countingEmbedder();
    const cache = queryVectorCache(10);
    expect(await cache.vectorOf(embedder, "연차 휴가 API")).toEqual([9, 8]);
    expect(await cache.vectorOf(embedder, "  연차\t휴가   ＡＰＩ ")).toEqual([9, 8]);
    expect(calls).toEqual([["연차 휴가 API"]]);
    // Case is kept: cased models embed "api" and "API" differently.
    await cache.vectorOf(embedder, "연차 휴가 api");
    expect(calls).toHaveLength(2);
  });

  it("holds at most its capacity, pushing out the least recently used", async () => {
    const { embedder, calls } = countingEmbedder();
    const cache = queryVectorCache(2);
    await cache.vectorOf(embedder, "연차 휴가");
    await cache.vectorOf(embedder, "b");
    await cache.vectorOf(embedder, "연차 휴가"); // most recent again, so "b" is the oldest
    await cache.vectorOf(embedder, "c"); // pushes out "b"
    expect(cache.size).toBe(2);
    await cache.vectorOf(embedder, "연차 휴가");
    await cache.vectorOf(embedder, "b");
    expect(calls).toEqual([["연차 휴가"], ["b"], ["c"], ["b"]]);
  });

  it("never answers one model's query with another model's vector", async () => {
    const first = countingEmbedder("e5-small");
    const second = countingEmbedder("bge-m3-1024");
    const cache = queryVectorCache(10);
    expect(await cache.vectorOf(first.embedder, "환불 기간")).toEqual([5, 8]);
    expect(await cache.vectorOf(second.embedder, "환불 기간")).toEqual([5, 11]);
    expect(await cache.vectorOf(first.embedder, "환불 기간")).toEqual([5, 8]);
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
  });

  it("shares one call between concurrent asks, and does not remember a failed call", async () => {
    const { embedder, calls, failOnce } = countingEmbedder();
    const cache = queryVectorCache();
    const [a, b] = await Promise.all([cache.vectorOf(embedder, "q"), cache.vectorOf(embedder, "q ")]);
    expect(a).toEqual(b);
    expect(calls).toHaveLength(1);
    failOnce();
    await expect(cache.vectorOf(embedder, "r")).rejects.toThrow("upstream down");
    expect(await cache.vectorOf(embedder, "r")).toEqual([1, 8]);
    expect(calls).toHaveLength(3);
  });

  it("refuses a capacity that would not bound it", () => {
    expect(() => queryVectorCache(0)).toThrow(RangeError);
    expect(() => queryVectorCache(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("normalises only what does not change the meaning", () => {
    expect(normaliseQuery("  Ｒｅｆｕｎｄ\u00a0 policy\n")).toBe("Refund policy");
    expect(normaliseQuery("제6조 ②항")).toBe("제6조 ②항".normalize("NFKC"));
  });
});
