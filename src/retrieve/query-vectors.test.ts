import { describe, expect, it } from "vitest";
import type { Embedder } from "./embed/port.ts";
import { queryVectorCache } from "./query-vectors.ts";

/** An embedder at the process edge that counts its calls and can be told to fail. */
function countingEmbedder() {
  const calls: string[][] = [];
  let failNext = false;
  const embedder: Embedder = {
    model: "counting",
    dimensions: 2,
    maxEmbeddingsPerCall: 8,
    async embed(texts) {
      calls.push([...texts]);
      if (failNext) {
        failNext = false;
        throw new Error("upstream down");
      }
      return texts.map((text) => [text.length, 1]);
    },
  };
  return { embedder, calls, failOnce: () => (failNext = true) };
}

describe("the query vector cache", () => {
  it("embeds a repeated query once, and again once it has been pushed out", async () => {
    const { embedder, calls } = countingEmbedder();
    const vectorOf = queryVectorCache(embedder, 2);
    expect(await vectorOf("연차 휴가")).toEqual([5, 1]);
    expect(await vectorOf("연차 휴가")).toEqual([5, 1]);
    await vectorOf("b");
    await vectorOf("연차 휴가"); // most recent again, so "b" is the oldest
    await vectorOf("c"); // pushes out "b"
    await vectorOf("연차 휴가");
    await vectorOf("b");
    expect(calls).toEqual([["연차 휴가"], ["b"], ["c"], ["b"]]);
  });

  it("does not remember a failed call", async () => {
    const { embedder, calls, failOnce } = countingEmbedder();
    const vectorOf = queryVectorCache(embedder);
    failOnce();
    await expect(vectorOf("q")).rejects.toThrow("upstream down");
    expect(await vectorOf("q")).toEqual([1, 1]);
    expect(calls).toHaveLength(2);
  });
});
