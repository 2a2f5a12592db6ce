/** What every Embedder must do; run against each adapter. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/retrieve/embed/port.ts";
import { embedMany } from "../../src/retrieve/embed/embed-many.ts";

export interface EmbedderSubject {
  embedder: Embedder;
  close(): Promise<void>;
}

const TEXTS = ["bzip2 compresses files in blocks.", "블록 크기는 900k입니다.", "Access control lists", "휴가 신청 절차"];

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((value, i) => {
    dot += value * b[i]!;
    na += value * value;
    nb += b[i]! * b[i]!;
  });
  return dot / Math.sqrt(na * nb);
}

export function describeEmbedderContract(name: string, makeSubject: () => Promise<EmbedderSubject>): void {
  describe(`Embedder contract: ${name}`, () => {
    let subject: EmbedderSubject;
    beforeEach(async () => {
      subject = await makeSubject();
    });
    afterEach(async () => {
      await subject.close();
    });

    it("declares its model, dimensions and batch limit", () => {
      expect(subject.embedder.model.length).toBeGreaterThan(0);
      expect(subject.embedder.dimensions).toBeGreaterThan(0);
      expect(subject.embedder.maxEmbeddingsPerCall).toBeGreaterThan(0);
    });

    it("returns one vector per text, of the declared dimensions, in input order", async () => {
      const vectors = await subject.embedder.embed(TEXTS);
      expect(vectors).toHaveLength(TEXTS.length);
      for (const vector of vectors) expect(vector).toHaveLength(subject.embedder.dimensions);
      const alone = await subject.embedder.embed([TEXTS[2]!]);
      expect(cosine(alone[0]!, vectors[2]!)).toBeCloseTo(1, 5);
      expect(cosine(alone[0]!, vectors[0]!)).toBeLessThan(0.99);
    });

    it("returns nothing for no texts", async () => {
      expect(await subject.embedder.embed([])).toEqual([]);
    });

    it("is batched by embedMany beyond maxEmbeddingsPerCall, keeping order", async () => {
      const texts = Array.from({ length: subject.embedder.maxEmbeddingsPerCall * 2 + 3 }, (_, i) => `문서 ${i} document ${i}`);
      const vectors = await embedMany(subject.embedder, texts, { concurrency: 3 });
      expect(vectors).toHaveLength(texts.length);
      const last = await subject.embedder.embed([texts.at(-1)!]);
      expect(cosine(vectors.at(-1)!, last[0]!)).toBeCloseTo(1, 5);
    });
  });
}
