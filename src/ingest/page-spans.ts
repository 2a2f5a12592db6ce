import type { PageSpan } from "../store/schema.ts";
import type { Block, Furniture } from "./types.ts";

/**
 * Where each page begins inside a chunk, from the blocks it covers: one span per change of page, carrying that
 * page's headers and footers (taken out of the text) for display. Empty for formats without pages.
 */
export function pageSpansOf(
  blocks: readonly Block[],
  charStart: number,
  charEnd: number,
  furniture: readonly Furniture[] = [],
): PageSpan[] {
  const spans: PageSpan[] = [];
  for (const block of blocks) {
    if (block.end <= charStart) continue;
    if (block.start >= charEnd) break;
    if (block.page === null) continue;
    if (spans.at(-1)?.page === block.page) continue;
    spans.push({ start: Math.max(block.start, charStart) - charStart, page: block.page });
  }
  if (spans.length > 0) spans[0]!.start = 0;
  for (const span of spans) {
    const lines = furniture.filter((line) => line.page === span.page).map((line) => line.text);
    if (lines.length > 0) span.furniture = lines;
  }
  return spans;
}
