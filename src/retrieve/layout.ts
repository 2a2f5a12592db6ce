/**
 * Lines that are page furniture rather than content: headings, contents entries, bare page numbers. Ingest removes
 * running headers and marks contents pages where it can; retrieval and answers still meet such lines inside chunks,
 * and use these rules to rank them down (the reranker) and never quote them (extractive answers).
 */

/** A contents line: dotted leaders before a page number, or a short title ending in a page number. */
const LEADERS = /(?:\.{3,}|…|·\s?·\s?·|\s{3,})\s*\p{N}+\s*$/u;
/** After its section number: a title of words without values or sentence punctuation, then a page number. */
const TITLE_AND_PAGE = /^\p{L}[^.!?。,]{0,70}\s\p{N}{1,4}$/u;
/**
 * A word that starts with a digit: a value (3일, 120,000원, 900k), not a name (bzip2); also after a comparison, an
 * approximation or a currency sign (">3 consecutive days", "~5", "$20", "₩1,000").
 */
const VALUE = /(?:^|[\s(])[<>≤≥~≈±+$€£¥₩]?\p{N}/u;
/** A page number alone: "4", "- 4 -", "Page 4", "4 / 38", "4쪽". */
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*\p{N}{1,4}\s*(?:[-–—]|\/\s*\p{N}{1,4}|쪽|페이지)?$/iu;
const SENTENCE_END = /[.!?。？！:;]["'”’)\]]*$|[다요죠음임함됨]$/u;
/** "2.5. ", "3 ", "제3장 ", "Chapter 4 " at the start of a heading. */
const SECTION_NUMBER = /^(?:\p{N}+(?:\.\p{N}+)*\.?\s+|제\s?\p{N}+\s?[장절편관조항]\s*|chapter\s+\p{N}+\.?\s*)/iu;

/** Whether a line reads as a heading, a contents entry or a page number rather than prose or a table row. */
export function isLayoutLine(line: string): boolean {
  const text = line.trim();
  if (text === "") return false;
  if (PAGE_NUMBER.test(text) || LEADERS.test(text)) return true;
  const title = text.replace(SECTION_NUMBER, "");
  if (TITLE_AND_PAGE.test(title) && !VALUE.test(title.replace(/\s\p{N}+$/u, ""))) return true;
  if (text.length > 80 || SENTENCE_END.test(text)) return false;
  // A short line with a value in it ("서울 숙박비 1박 120,000원") is a table row, not a title.
  return !VALUE.test(title);
}

/** Share of a text's non-empty lines that are headings, contents entries or page numbers. */
export function layoutShare(text: string): number {
  let lines = 0;
  let layout = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    lines++;
    if (isLayoutLine(line)) layout++;
  }
  return lines === 0 ? 0 : layout / lines;
}
