/**
 * The record of which documents hold each term (`TermDocuments`), kept beside the document frequencies so the
 * document prior's lookups need no query: exact while a term is in at most `cap` documents, "many" above it, unsure
 * (answered by the table) once rows of a "many" term are removed, and settled again from what the table says.
 */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { TermDocuments } from "../../src/retrieve/index/term-documents.ts";

describe("TermDocuments", () => {
  it("lists the documents holding a term, sorted; null above the cap asked; [] for a term nobody holds", () => {
    const record = new TermDocuments(4);
    record.add("manual", ["gutenprint", "page", "page"]);
    record.add("manual", ["gutenprint"]);
    record.add("faq", ["gutenprint", "printer"]);
    expect(record.holding("gutenprint", 3)).toEqual(["faq", "manual"]);
    expect(record.holding("gutenprint", 1)).toBeNull();
    expect(record.holding("page", 1)).toEqual(["manual"]);
    expect(record.holding("zebra", 3)).toEqual([]);
  });

  it("drops a document only when its last row holding the term is removed", () => {
    const record = new TermDocuments(4);
    record.add("manual", ["gutenprint", "page"]);
    record.add("manual", ["gutenprint"]);
    record.add("faq", ["gutenprint"]);
    record.remove("manual", ["gutenprint", "page"]);
    expect(record.holding("gutenprint", 3)).toEqual(["faq", "manual"]);
    expect(record.holding("page", 3)).toEqual([]);
    record.remove("manual", ["gutenprint"]);
    expect(record.holding("gutenprint", 3)).toEqual(["faq"]);
    record.remove("faq", ["gutenprint"]);
    expect(record.holding("gutenprint", 3)).toEqual([]);
  });

  it("keeps only 'more than the cap' for a term in more documents, and cannot answer a larger cap", () => {
    const record = new TermDocuments(2);
    for (const document of ["a", "b", "c"]) record.add(document, ["files"]);
    expect(record.holding("files", 1)).toBeNull();
    expect(record.holding("files", 2)).toBeNull();
    expect(record.holding("files", 3)).toBeUndefined();
    // Adding rows keeps it true.
    record.add("d", ["files"]);
    expect(record.holding("files", 2)).toBeNull();
    expect(record.unsure("files")).toBe(false);
  });

  it("becomes unsure of such a term when one of its rows is removed, and is settled from the table's rows", () => {
    const record = new TermDocuments(2);
    for (const document of ["a", "b", "c"]) record.add(document, ["files"]);
    record.remove("c", ["files"]);
    expect(record.unsure("files")).toBe(true);
    expect(record.holding("files", 2)).toBeUndefined();
    // Removing more of it, or adding, leaves it unsure: only the table can say.
    record.add("c", ["files"]);
    expect(record.holding("files", 1)).toBeUndefined();
    record.settle("files", ["b", "a", "b"]);
    expect(record.unsure("files")).toBe(false);
    expect(record.holding("files", 2)).toEqual(["a", "b"]);
    // Its per-document counts came with it: one of b's two rows goes, b stays.
    record.remove("b", ["files"]);
    expect(record.holding("files", 2)).toEqual(["a", "b"]);
    record.remove("b", ["files"]);
    expect(record.holding("files", 2)).toEqual(["a"]);
  });

  it("settles to 'many' when the table shows more than the cap, to none when it shows no row, and ignores a sure term", () => {
    const record = new TermDocuments(2);
    for (const document of ["a", "b", "c"]) record.add(document, ["files", "tar"]);
    record.remove("c", ["files", "tar"]);
    record.settle("files", null);
    expect(record.holding("files", 2)).toBeNull();
    record.settle("tar", []);
    expect(record.holding("tar", 2)).toEqual([]);
    record.add("x", ["solo"]);
    record.settle("solo", null);
    expect(record.holding("solo", 2)).toEqual(["x"]);
  });

  it("survives a JSON snapshot with the same answers, leaving out documents no term points at", () => {
    const record = new TermDocuments(2);
    record.add("gone", ["old"]);
    record.remove("gone", ["old"]);
    for (const document of ["a", "b", "c"]) record.add(document, ["files"]);
    record.add("a", ["alpha", "shared"]);
    record.add("b", ["shared"]);
    for (const document of ["a", "b", "c"]) record.add(document, ["unsure"]);
    record.remove("a", ["unsure"]);
    const snapshot = record.toSnapshot();
    expect(snapshot.documents).not.toContain("gone");
    const restored = TermDocuments.fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
    expect(restored).not.toBeNull();
    for (const term of ["files", "alpha", "shared", "unsure", "old"]) {
      for (const atMost of [1, 2, 3]) expect(restored!.holding(term, atMost)).toEqual(record.holding(term, atMost));
    }
    expect(restored!.cap).toBe(2);
    // The restored record goes on counting: a new row of a known document and of a new one.
    restored!.add("c", ["shared"]);
    expect(restored!.holding("shared", 2)).toBeNull();
    restored!.remove("a", ["alpha"]);
    expect(restored!.holding("alpha", 2)).toEqual([]);
  });

  it("reads no record from a missing or malformed snapshot, and refuses a cap that is not a positive integer", () => {
    expect(TermDocuments.fromSnapshot(undefined)).toBeNull();
    expect(TermDocuments.fromSnapshot({ cap: 0, documents: [], terms: [] })).toBeNull();
    expect(TermDocuments.fromSnapshot({ cap: 3, documents: "x", terms: [] })).toBeNull();
    expect(() => new TermDocuments(0)).toThrow(InvalidInputError);
    expect(() => new TermDocuments(1.5)).toThrow(/positive integer/);
  });
});
