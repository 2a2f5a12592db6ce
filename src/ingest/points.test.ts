import { describe, expect, it } from "vitest";
import { termCounts } from "../retrieve/tokenize.ts";
import { searchableText, toIndexPoint } from "./points.ts";

const source = {
  chunkId: "c",
  documentId: "d",
  version: 1,
  collection: "docs",
  accessGroups: [],
  title: "bzip2 manual",
  headingPath: ["2. How to use bzip2", "2.4. OPTIONS"],
  text: "Set the block size when compressing.",
};

describe("toIndexPoint", () => {
  it("indexes a body chunk by its text, its title and its section path", () => {
    const terms = toIndexPoint(source, undefined).terms;
    expect(terms.get("block")).toBe(1);
    expect(terms.get("options")).toBe(1);
    expect(terms.get("manual")).toBe(1);
  });

  it("keeps the words of a table of contents or an index out of the lexical index, but not its section", () => {
    for (const role of ["toc", "index"] as const) {
      const terms = toIndexPoint({ ...source, role }, undefined).terms;
      expect(terms.has("block")).toBe(false);
      expect(terms.get("options")).toBe(1);
    }
  });

  it("indexes a chunk of a table's later rows by the header row it carries, once, as context before its text", () => {
    const rows = { ...source, headingPath: [], text: "햇살정기예금 | 36개월 | 연 3.65% | 연 0.20%", tableHeader: "상품명 | 가입기간 | 기본금리 | 우대금리" };
    expect(searchableText(rows)).toBe("bzip2 manual\n상품명 | 가입기간 | 기본금리 | 우대금리\n햇살정기예금 | 36개월 | 연 3.65% | 연 0.20%");
    const terms = toIndexPoint(rows, undefined).terms;
    const without = toIndexPoint({ ...rows, tableHeader: null }, undefined).terms;
    // The header's terms count once, as its own text does: context at the weight of a section path, not more.
    const header = termCounts(rows.tableHeader);
    expect(header.size).toBeGreaterThan(0);
    for (const [term, count] of terms) expect(count - (without.get(term) ?? 0)).toBe(header.get(term) ?? 0);
    expect(toIndexPoint({ ...rows, tableHeader: undefined }, undefined).terms).toEqual(without);
  });
});
