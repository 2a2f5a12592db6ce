import { describe, expect, it } from "vitest";
import { collapseDuplicates } from "./duplicates.ts";

describe("collapseDuplicates", () => {
  it("keeps the first of passages with the same text, whatever the case and spacing, and the rest in order", () => {
    const hits = [
      { chunkId: "a", text: "Reset Resets changes made to the current tab." },
      { chunkId: "b", text: "Grouped By Select whether the input data has columns or rows layout." },
      { chunkId: "c", text: "reset  resets changes made\nto the current tab." },
      { chunkId: "d", text: "Reset Resets changes made to the current tab. Also closes the dialog." },
    ];
    expect(collapseDuplicates(hits).map((hit) => hit.chunkId)).toEqual(["a", "b", "d"]);
    expect(collapseDuplicates([])).toEqual([]);
  });
});
