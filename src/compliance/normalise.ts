/**
 * Quote matching after NFC and whitespace normalisation, mapped back to offsets in the original text, so a
 * verified quote always comes with `start`/`end` such that `text.slice(start, end)` is the quoted span.
 */

export interface NormalisedText {
  text: string;
  /** For each character of `text`, its offset in the original. */
  offsets: number[];
}

/** NFC, every whitespace run as one space, ends trimmed, with each character's original offset. */
export function normaliseWithOffsets(original: string): NormalisedText {
  let text = "";
  const offsets: number[] = [];
  let pendingSpace = -1;
  // The stored text is NFC already (ingest normalises); this keeps offsets exact for it and is a safe no-op check.
  const source = original.normalize("NFC") === original ? original : original.normalize("NFC");
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      if (text !== "" && pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      text += " ";
      offsets.push(pendingSpace);
      pendingSpace = -1;
    }
    text += char;
    offsets.push(i);
  }
  return { text, offsets };
}

export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Where `quote` occurs in `original` after normalisation, as offsets into `original`; null when it does not. */
export function locateQuote(original: string, quote: string): { start: number; end: number } | null {
  const wanted = normaliseText(quote);
  if (wanted === "") return null;
  const haystack = normaliseWithOffsets(original);
  const at = haystack.text.indexOf(wanted);
  if (at < 0) return null;
  return { start: haystack.offsets[at]!, end: haystack.offsets[at + wanted.length - 1]! + 1 };
}
