/**
 * The paragraph properties of a WordprocessingML body, read with regular expressions by the rewrites that run
 * before mammoth (automatic numbering, outline levels).
 */

/**
 * A paragraph's start tag and its properties (which never hold another paragraph). A tracked formatting change
 * (w:pPrChange) holds the old properties in a w:pPr of its own; it is taken whole, so the match ends at the
 * paragraph's own closing tag rather than at the old properties'.
 */
export const PARAGRAPH_START = /<w:p(?=[\s>])[^>]*(?<!\/)>(\s*<w:pPr>(?:<w:pPrChange\b[\s\S]*?<\/w:pPrChange>|[\s\S])*?<\/w:pPr>)?/g;

/** The properties a paragraph has now: without the old ones a tracked formatting change keeps. */
export function currentProperties(properties: string): string {
  return properties.replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, "");
}
