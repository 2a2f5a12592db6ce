import { describe, expect, it } from "vitest";
import {
  bm25Idf,
  bm25Score,
  documentSparseVector,
  DocumentFrequencies,
  querySparseVector,
  termIndex,
} from "../../src/retrieve/bm25.ts";
import { queryTerms, termCounts } from "../../src/retrieve/tokenize.ts";

describe("bm25Score", () => {
  const documents = ["회사는 개인정보 보호 정책을 매년 검토한다.", "회의실 예약은 사내 포털에서 신청한다.", "정책 정책 정책"].map(
    (text) => termCounts(text),
  );

  it.each([
    ["the query's own terms", []],
    ["weighted expansion terms (synonyms)", [{ term: "예약", weight: 0.4 }, { term: "검토", weight: 0.25 }]],
  ])("equals the sum Qdrant computes from the sparse vectors with its IDF modifier: %s", (_, expansion) => {
    const frequencies = new DocumentFrequencies();
    for (const document of documents) frequencies.add(document.keys());
    const query = queryTerms("개인정보 정책은 무엇인가요?");
    const sparseQuery = querySparseVector(query, expansion);
    const dfByIndex = new Map<number, number>();
    for (const document of documents) {
      for (const index of documentSparseVector(document).indices) dfByIndex.set(index, (dfByIndex.get(index) ?? 0) + 1);
    }
    for (const document of documents) {
      const stored = documentSparseVector(document);
      let qdrant = 0;
      sparseQuery.indices.forEach((index, i) => {
        const at = stored.indices.indexOf(index);
        if (at >= 0) qdrant += sparseQuery.values[i]! * bm25Idf(dfByIndex.get(index)!, documents.length) * stored.values[at]!;
      });
      const length = [...document.values()].reduce((sum, count) => sum + count, 0);
      expect(bm25Score(query, document, length, (term) => frequencies.idf(term), undefined, expansion)).toBeCloseTo(qdrant, 10);
    }
  });

  it("scores a document without the query's terms 0 and saturates repeats", () => {
    const idf = () => 1;
    expect(bm25Score(["없음"], documents[0]!, 5, idf)).toBe(0);
    const once = bm25Score(["정책"], termCounts("정책 가나 다라"), 3, idf);
    const thrice = bm25Score(["정책"], termCounts("정책 정책 정책"), 3, idf);
    expect(thrice).toBeGreaterThan(once);
    expect(thrice).toBeLessThan(3 * once);
  });
});

describe("DocumentFrequencies", () => {
  it("counts each document once per distinct term and takes removals back out", () => {
    const frequencies = new DocumentFrequencies();
    frequencies.add(["a", "a", "b"]);
    frequencies.add(["a"]);
    expect([frequencies.documents, frequencies.frequency("a"), frequencies.frequency("b")]).toEqual([2, 2, 1]);
    frequencies.remove(["a", "b"]);
    expect([frequencies.documents, frequencies.frequency("a"), frequencies.frequency("b")]).toEqual([1, 1, 0]);
    expect(frequencies.idf("a")).toBeCloseTo(bm25Idf(1, 1), 12);
    expect(frequencies.idf("rare")).toBeGreaterThan(frequencies.idf("a"));
  });

  it("hashes terms the same way for both adapters", () => {
    expect(termIndex("정책")).toBe(termIndex("정책"));
    expect(termIndex("정책")).not.toBe(termIndex("정착"));
  });
});
