import { describe, expect, it } from "vitest";
import { expectDocumentInvariants } from "../../test/ingest/invariants.ts";
import { parseText } from "./parse-text.ts";

describe("parseText", () => {
  it("splits paragraphs at blank lines and joins wrapped lines", () => {
    const doc = parseText("\n  회의록\n\n첫 문단은 두 줄에\n걸쳐 있습니다.\r\n \r\nSecond paragraph.\n\n\n");
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("회의록");
    expect(doc.blocks.map((block) => block.text)).toEqual(["회의록", "첫 문단은 두 줄에 걸쳐 있습니다.", "Second paragraph."]);
    expect(doc.blocks.every((block) => block.kind === "paragraph" && block.page === null)).toBe(true);
    expect(doc.pageCount).toBeNull();
  });

  it("has no title when the first line is long prose", () => {
    expect(parseText(`${"word ".repeat(30)}\n\nmore`).title).toBeNull();
  });

  it("gives an empty document for whitespace-only text", () => {
    const doc = parseText(" \n\n\t\n");
    expect(doc.blocks).toEqual([]);
    expect(doc.text).toBe("");
    expect(doc.title).toBeNull();
  });
});
