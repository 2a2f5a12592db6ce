import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.ts";
import { fuseRrf } from "./rrf.ts";

const ids = (...names: string[]) => names.map((id) => ({ id }));

describe("fuseRrf", () => {
  it("scores each id as the sum of 1/(k + rank) over the lists holding it", () => {
    const fused = fuseRrf([ids("a", "b", "c"), ids("b", "d")]);
    expect(fused.map((item) => item.id)).toEqual(["b", "a", "d", "c"]);
    expect(fused[0]?.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]?.score).toBeCloseTo(1 / 61, 12);
    expect(fused[3]?.score).toBeCloseTo(1 / 63, 12);
  });

  it("uses the given k", () => {
    const fused = fuseRrf([ids("a", "b")], { k: 1 });
    expect(fused).toEqual([
      { id: "a", score: 1 / 2 },
      { id: "b", score: 1 / 3 },
    ]);
  });

  it("weights lists so a heavier list's winner comes first", () => {
    const even = fuseRrf([ids("lexical"), ids("dense")]);
    expect(even.map((item) => item.id)).toEqual(["lexical", "dense"]);
    const denseHeavy = fuseRrf([ids("lexical"), ids("dense")], { weights: [1, 2] });
    expect(denseHeavy.map((item) => item.id)).toEqual(["dense", "lexical"]);
    expect(denseHeavy[0]?.score).toBeCloseTo(2 / 61, 12);
  });

  it("counts an id repeated inside one list once, at its best rank", () => {
    const fused = fuseRrf([ids("a", "a", "b")]);
    expect(fused).toEqual([
      { id: "a", score: 1 / 61 },
      { id: "b", score: 1 / 63 },
    ]);
  });

  it("keeps first-seen order between equal scores", () => {
    expect(fuseRrf([ids("x"), ids("y")]).map((item) => item.id)).toEqual(["x", "y"]);
    expect(fuseRrf([ids("y"), ids("x")]).map((item) => item.id)).toEqual(["y", "x"]);
  });

  it("returns nothing for no lists or empty lists", () => {
    expect(fuseRrf([])).toEqual([]);
    expect(fuseRrf([[], []])).toEqual([]);
  });

  it("rejects a non-positive k and mismatched or negative weights", () => {
    expect(() => fuseRrf([ids("a")], { k: 0 })).toThrow(InvalidInputError);
    expect(() => fuseRrf([ids("a")], { k: Number.NaN })).toThrow(InvalidInputError);
    expect(() => fuseRrf([ids("a"), ids("b")], { weights: [1] })).toThrow(/one weight per list/);
    expect(() => fuseRrf([ids("a")], { weights: [-1] })).toThrow(InvalidInputError);
  });
});
