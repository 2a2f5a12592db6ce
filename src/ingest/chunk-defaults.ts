import type { ChunkOptions } from "./types.ts";

/**
 * Characters, not tokens: Korean packs far more meaning per character than English, and tokenizers differ. Kept in
 * a module without dependencies so that the configuration can name it without loading the chunker.
 */
export const DEFAULT_CHUNK_OPTIONS: Readonly<ChunkOptions> = Object.freeze({ maxChars: 1200, overlapChars: 200, pageBreaks: false, sectionBreaks: true });

/** The default overlap's share of the default size: a size set alone (JIKJI_CHUNK_MAX_CHARS) keeps this share. */
export function defaultOverlapFor(maxChars: number): number {
  return Math.floor((maxChars * DEFAULT_CHUNK_OPTIONS.overlapChars) / DEFAULT_CHUNK_OPTIONS.maxChars);
}
