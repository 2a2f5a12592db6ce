import { describe, expect, it } from "vitest";
import { toIndexPoint } from "./points.ts";

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
});
