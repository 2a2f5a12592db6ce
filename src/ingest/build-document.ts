import type { Block, Furniture, ParsedDocument } from "./types.ts";

/** A block as a parser produces it, before its offsets in the document text are known. */
export type BlockDraft = Omit<Block, "start" | "end">;

export interface DocumentMeta {
  title: string | null;
  pageCount: number | null;
  warnings: string[];
  /** Headers, footers and navigation the parser took out of the text; none when absent. */
  furniture?: Furniture[];
}

/** Blocks are separated by one blank line, so paragraph boundaries survive in the flat text. */
export const BLOCK_SEPARATOR = "\n\n";

/**
 * Lays blocks out into one normalised text and records where each block sits in it. Every parser goes through
 * here, so the `ParsedDocument` invariants (blocks joined by "\n\n", exact offsets, NFC) hold by construction.
 * Blocks that are empty after normalisation are dropped rather than kept as zero-length blocks.
 */
export function buildDocument(drafts: readonly BlockDraft[], meta: DocumentMeta): ParsedDocument {
  const blocks: Block[] = [];
  let text = "";
  for (const draft of drafts) {
    const blockText = normaliseBlockText(draft.text, draft.kind === "code");
    if (blockText === "") continue;
    if (blocks.length > 0) text += BLOCK_SEPARATOR;
    const start = text.length;
    text += blockText;
    const block: Block = { kind: draft.kind, text: blockText, page: draft.page, start, end: text.length };
    if (draft.level !== undefined) block.level = draft.level;
    if (draft.role !== undefined && draft.role !== "body") block.role = draft.role;
    if (draft.section !== undefined) block.section = draft.section.map(collapseWhitespace);
    blocks.push(block);
  }
  const title = meta.title === null ? null : collapseWhitespace(meta.title.normalize("NFC").replace(CONTROL_CHARACTERS, ""));
  return {
    title: title === "" ? null : title,
    text,
    blocks,
    pageCount: meta.pageCount,
    warnings: meta.warnings,
    furniture: (meta.furniture ?? [])
      .map((line) => ({ ...line, text: collapseWhitespace(line.text.normalize("NFC").replace(CONTROL_CHARACTERS, "")) }))
      .filter((line) => line.text !== ""),
  };
}

/**
 * Control characters other than tab and newline carry no text, and PostgreSQL cannot store NUL in
 * text or jsonb at all; PDFs do emit them (e.g. in index pages), so they go here, once for every parser.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Code keeps its indentation and inner blank lines; everything else is trimmed. */
function normaliseBlockText(raw: string, isCode: boolean): string {
  const text = raw.normalize("NFC").replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "");
  return isCode ? text.replace(/^(?:[ \t]*\n)+/, "").trimEnd() : text.trim();
}

/** Runs of whitespace (including NBSP and newlines) become one space; the ends are trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
