import { expect } from "vitest";
import { splitSentences } from "../../src/ingest/sentences.ts";
import type { Chunk, ChunkOptions, ParsedDocument } from "../../src/ingest/types.ts";

/** The contract of types.ts that every parser must keep: blocks laid out in order, "\n\n" apart, offsets exact. */
export function expectDocumentInvariants(doc: ParsedDocument): void {
  expect(doc.text).toBe(doc.blocks.map((block) => block.text).join("\n\n"));
  for (const block of doc.blocks) {
    expect(doc.text.slice(block.start, block.end)).toBe(block.text);
    expect(block.text.trim()).not.toBe("");
    expect(block.text).toBe(block.text.normalize("NFC"));
    if (block.kind === "heading") expect(block.level).toBeGreaterThanOrEqual(1);
  }
}

/**
 * What every chunking must satisfy: offset identity, non-empty, within maxChars, in order, and no chunk boundary
 * inside a sentence that fits in maxChars.
 */
export function expectChunkInvariants(doc: ParsedDocument, chunks: Chunk[], options: ChunkOptions): void {
  const sentenceInteriors = doc.blocks.flatMap((block) =>
    splitSentences(block.text, block.start).filter((sentence) => sentence.end - sentence.start <= options.maxChars),
  );
  chunks.forEach((chunk, index) => {
    expect(chunk.ordinal).toBe(index);
    expect(chunk.text).toBe(doc.text.slice(chunk.charStart, chunk.charEnd));
    expect(chunk.text.trim()).not.toBe("");
    expect(chunk.text.length).toBeLessThanOrEqual(options.maxChars);
    for (const boundary of [chunk.charStart, chunk.charEnd]) {
      const cut = sentenceInteriors.find((sentence) => sentence.start < boundary && boundary < sentence.end);
      expect(cut, `chunk ${index} boundary ${boundary} cuts a sentence`).toBeUndefined();
    }
    if (index > 0) expect(chunk.charStart).toBeGreaterThan(chunks[index - 1]!.charStart);
  });
  const covered = new Set<number>();
  for (const chunk of chunks) for (let i = chunk.charStart; i < chunk.charEnd; i++) covered.add(i);
  for (let i = 0; i < doc.text.length; i++) {
    if (!/\s/.test(doc.text[i]!)) expect(covered.has(i), `character ${i} of the text is in no chunk`).toBe(true);
  }
}
