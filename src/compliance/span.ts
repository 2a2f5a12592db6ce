/**
 * A document's stored text, rebuilt from its chunks (each is an exact slice of it), and a cited span with its
 * surroundings, so a reviewer can check a quote where it stands.
 */
import { InvalidInputError } from "../errors.ts";
import { commonClausePathLabel } from "./clause-label.ts";

export interface StoredChunk {
  text: string;
  charStart: number;
  charEnd: number;
  clausePath: string | null;
  pageStart: number | null;
}

/**
 * The document text the chunks were cut from. Chunks cover every non-space character; the whitespace between
 * them (block separators, spaces between sentences) is not stored and comes back as "\n\n" or spaces.
 */
export function documentText(chunks: readonly StoredChunk[]): string {
  const length = chunks.reduce((max, chunk) => Math.max(max, chunk.charEnd), 0);
  const characters: string[] = new Array<string>(length).fill(" ");
  const covered = new Uint8Array(length);
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.text.length; i++) {
      characters[chunk.charStart + i] = chunk.text[i]!;
      covered[chunk.charStart + i] = 1;
    }
  }
  // A gap of exactly two characters between chunks is the block separator.
  for (let i = 0; i + 1 < length; i++) {
    if (!covered[i] && !covered[i + 1] && (i === 0 || covered[i - 1]) && (i + 2 >= length || covered[i + 2])) {
      characters[i] = "\n";
      characters[i + 1] = "\n";
    }
  }
  return characters.join("");
}

export interface Span {
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
  /** Clause paths of the chunks the span lies in, in order. */
  clauses: string[];
  /** Page the span starts on, for paged formats. */
  page: number | null;
}

/** The span [start, end) with up to `context` characters either side; out-of-range offsets are bad input. */
export function spanOf(chunks: readonly StoredChunk[], start: number, end: number, context: number): Span {
  const text = documentText(chunks);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > text.length) {
    throw new InvalidInputError(`Invalid range: start and end must satisfy 0 <= start < end <= ${text.length} (got ${start}, ${end})`);
  }
  const inside = chunks.filter((chunk) => chunk.charStart < end && chunk.charEnd > start);
  const clauses = commonClausePathLabel(inside.map((chunk) => chunk.clausePath));
  return {
    start,
    end,
    text: text.slice(start, end),
    before: text.slice(Math.max(0, start - context), start),
    after: text.slice(end, end + context),
    clauses,
    page: inside[0]?.pageStart ?? null,
  };
}
