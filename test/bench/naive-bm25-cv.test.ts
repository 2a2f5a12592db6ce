import { describe, expect, it } from "vitest";
import { assignFolds, crossValidate } from "../../bench/lib/cross-validate.ts";
import { NaiveBm25, bigramTerms } from "../../bench/lib/naive-bm25.ts";

describe("naive bigram BM25 baseline", () => {
  it("splits letter and digit runs into character bigrams after NFC and lower-casing", () => {
    expect(bigramTerms("연차휴가 15일, BZIP2!")).toEqual(["연차", "차휴", "휴가", "15", "5일", "bz", "zi", "ip", "p2"]);
    expect(bigramTerms("휴가".normalize("NFD"))).toEqual(["휴가"]);
  });

  it("ranks by BM25 over bigrams, rarer shared bigrams first", () => {
    const index = new NaiveBm25([
      { id: "leave", text: "연차 휴가는 15일입니다. 휴가 신청은 인사 시스템에서 합니다." },
      { id: "sick", text: "병가는 진단서를 내면 30일까지 씁니다." },
      { id: "rooms", text: "회의실 예약은 포털에서 신청합니다." },
    ]);
    expect(index.search("휴가 며칠", 3).map((hit) => hit.id)).toEqual(["leave"]);
    expect(index.search("신청은 어디서", 3).map((hit) => hit.id)).toEqual(["leave", "rooms"]);
    expect(index.search("zebra", 3)).toEqual([]);
  });
});

describe("cross-validation by group", () => {
  it("deals sorted groups round-robin into k folds and rejects an impossible k", () => {
    expect([...assignFolds(["c", "a", "b", "a", "d"], 2)]).toEqual([["a", 0], ["b", 1], ["c", 0], ["d", 1]]);
    expect(() => assignFolds(["a", "b"], 3)).toThrow(/from 2 to the number of groups \(2\)/);
  });

  it("chooses on the other folds and reports the held-out fold", async () => {
    // Groups a and c favour parameter 1, group b favours parameter 2: the fold holding b out picks 1 and loses.
    const items = [
      { group: "a", best: 1 },
      { group: "b", best: 2 },
      { group: "c", best: 1 },
    ];
    const result = await crossValidate({
      items,
      groupOf: (item) => item.group,
      k: 3,
      grid: [1, 2],
      score: (parameter, subset) => subset.filter((item) => item.best === parameter).length / subset.length,
    });
    expect(result.folds.map((f) => [f.fold, f.chosen, f.tuneScore, f.heldOutScore])).toEqual([
      [0, 1, 0.5, 1], // held out a; b and c tie, the first grid value wins
      [1, 1, 1, 0], // held out b
      [2, 1, 0.5, 1], // held out c
    ]);
    expect(result.heldOutMean).toBeCloseTo(2 / 3);
    expect(result.consensus).toBe(1);
  });
});
