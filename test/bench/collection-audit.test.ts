import { describe, expect, it } from "vitest";
import { auditCollection, normaliseSentence, type AuditChunk } from "../../bench/lib/collection-audit.ts";

function chunk(documentId: string, text: string, headingPath: string[] = ["Page"], role = "body"): AuditChunk {
  return { id: `${documentId}:${text.slice(0, 12)}`, documentId, source: `${documentId}.html`, headingPath, role, text };
}

describe("auditCollection", () => {
  it("counts documents per normalised sentence and finds the chunks made of text repeated across documents", () => {
    const footer = "Copyright 2021 Example Corp\nAll rights reserved.";
    const chunks = [
      chunk("a", "The pump starts at dawn. It runs for two hours."),
      chunk("a", footer, []),
      chunk("b", "The valve opens when pressure rises."),
      chunk("b", "copyright 2023  example corp\nall rights reserved.", []),
      chunk("c", `Heating needs a thermostat. ${footer}`),
      chunk("c", "Index"),
      chunk("d", "Index"),
    ];
    const audit = auditCollection(chunks, { minDocuments: 3, repeatedShare: 0.8, shortChars: 40 });
    expect(audit.documents).toBe(4);
    expect(audit.roles).toEqual({ body: 7 });
    expect(audit.repeatedSentences.map((row) => [row.text, row.documents])).toEqual([
      [normaliseSentence("All rights reserved."), 3],
      [normaliseSentence("Copyright 2021 Example Corp"), 3],
    ]);
    // The footer chunks are all repeated text; "Heating…" is partly; "Index" is in only two documents.
    expect(audit.mostlyRepeated.count).toBe(2);
    expect(audit.noSectionPath.count).toBe(2);
    expect(audit.short.byText[0]).toMatchObject({ text: "index", documents: 2, chunks: 2 });
    expect(audit.headingOnly.count).toBe(0);
    expect(audit.duplicates).toMatchObject({ groups: 2, chunks: 4 });
  });

  it("does not count a section number split off as a sentence as repeated text, and finds heading-only chunks", () => {
    const chunks = ["a", "b", "c"].map((id) => chunk(id, "8.4.", ["8.4. Options"]));
    chunks.push(chunk("a", "Options", ["Options"]));
    const audit = auditCollection(chunks, { minDocuments: 2, repeatedShare: 0.8, shortChars: 40 });
    expect(audit.repeatedSentences).toEqual([]);
    expect(audit.mostlyRepeated.count).toBe(0);
    expect(audit.headingOnly.byText.map((row) => row.text)).toEqual(["options"]);
    expect(() => auditCollection(chunks, { minDocuments: 1, repeatedShare: 0.8, shortChars: 40 })).toThrow(/minDocuments/);
  });
});
