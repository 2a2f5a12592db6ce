import { buildDocument, type BlockDraft } from "./build-document.ts";
import type { ParsedDocument } from "./types.ts";

/** A first line longer than this is prose, not a title. */
const MAX_TITLE_CHARS = 120;

/**
 * Plain text: blank lines separate paragraphs. Lines inside a paragraph are joined with a space, because most text
 * files are hard-wrapped prose and a sentence must not end where the author's editor wrapped it.
 */
export function parseText(text: string): ParsedDocument {
  const normalised = text.replace(/\r\n?/g, "\n");
  const blocks: BlockDraft[] = normalised
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.split("\n").map((line) => line.trim()).filter((line) => line !== "").join(" "))
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => ({ kind: "paragraph", text: paragraph, page: null }));
  const firstLine = normalised.split("\n").find((line) => line.trim() !== "")?.trim() ?? null;
  const title = firstLine !== null && firstLine.length < MAX_TITLE_CHARS ? firstLine : null;
  return buildDocument(blocks, { title, pageCount: null, warnings: [] });
}
