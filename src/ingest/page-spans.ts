import type { PageSpan } from "../store/schema.ts";
import type { Block } from "./types.ts";

/**
 * Where each page begins inside a chunk, from the blocks it covers: one span per change of page.
 * Empty for formats without pages.
 */
export function pageSpansOf(blocks: readonly Block[], charStart: number, charEnd: number): PageSpan[] {
  const spans: PageSpan[] = [];
  for (const block of blocks) {
    if (block.end <= charStart) continue;
    if (block.start >= charEnd) break;
    if (block.page === null) continue;
    if (spans.at(-1)?.page === block.page) continue;
    spans.push({ start: Math.max(block.start, charStart) - charStart, page: block.page });
  }
  if (spans.length > 0) spans[0]!.start = 0;
  return spans;
}
