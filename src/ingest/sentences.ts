export interface SentenceSpan {
  start: number;
  end: number;
}

const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;
const TERMINATORS = new Set([".", "!", "?", "。", "！", "？", "…"]);
/** Closing quotes and brackets that belong to the sentence they close: `He said "Stop."` ends after the quote. */
const CLOSERS = new Set(['"', "'", "”", "’", ")", "]", "}", "」", "』", "》", "〉", "】", "）"]);

/** The syllables that letter a Korean list's items, in order: 가, 나, 다 … 하. */
const ITEM_SYLLABLES = new Set([..."가나다라마바사아자차카타파하"]);

/**
 * Words that end with a period without ending the sentence. Compared in lower case, without the final period.
 * "etc." is left out on purpose: it ends a sentence more often than it sits inside one.
 */
const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "cf", "fig", "figs", "no", "nos",
  "vol", "vols", "p", "pp", "ch", "sec", "eq", "approx", "dept", "inc", "ltd", "corp", "co", "al", "ed", "eds", "ext", "tel",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "ph.d",
]);

export interface SplitOptions {
  /**
   * A spaced ellipsis (". . .", "\documentclass[. . . ]") goes on: a period followed by another period or a closing
   * bracket, or right after an opening bracket, ends no sentence. The answer's quotes split so; the chunker does not
   * (its chunk boundaries, and so the index, stay as they were).
   */
  ellipsisGoesOn?: boolean;
  /**
   * A "?" or "!" closing a quotation that opened mid-sentence goes on when the sentence does after it (로그인 화면에서
   * "비밀번호를 잊으셨나요?" 링크를 클릭하고 …; Click "Forgot password?" on …): it is a label's, not the sentence's. A
   * capital after the quote starts a new sentence (He asked "Why?" Nobody answered.). Answer quotes only.
   */
  quotedMarksGoOn?: boolean;
  /**
   * A short bracketed remark right after a sentence's end on its line ("…누르자. (== Open Resource 기능)", "Restart it.
   * (This takes a minute.)") belongs to that sentence: alone it is a stub. Answer quotes only.
   */
  bracketedRemarks?: boolean;
}

/**
 * Splits text into sentences. Spans are trimmed, in order, and together cover every non-whitespace character.
 * `offset` is added to every position, so a block's sentences can be located in the whole document.
 *
 * A newline always ends a sentence: parsers join soft-wrapped lines with spaces, so a remaining newline separates
 * list items, table rows or code lines, none of which continue across it.
 */
export function splitSentences(text: string, offset = 0, options: SplitOptions = {}): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    splitLine(text, lineStart, lineEnd, offset, spans, options);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return spans;
}

function splitLine(text: string, from: number, to: number, offset: number, spans: SentenceSpan[], options: SplitOptions): void {
  const ellipsisGoesOn = options.ellipsisGoesOn === true;
  const lineFirst = spans.length;
  const push = (start: number, end: number) => {
    // A bracketed remark after a sentence of the same line is the end of that sentence (`bracketedRemarks`).
    if (options.bracketedRemarks && spans.length > lineFirst && bracketedOnly(text, start, end)) spans[spans.length - 1]!.end = end + offset;
    else spans.push({ start: start + offset, end: end + offset });
  };
  let sentenceStart = skipWhitespace(text, from, to);
  let i = sentenceStart;
  while (i < to) {
    if (!TERMINATORS.has(text[i]!)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < to && TERMINATORS.has(text[end]!)) end++;
    while (end < to && CLOSERS.has(text[end]!)) end++;
    // Text set without spaces between words ("…청구한다.다음…") still ends a sentence where Hangul meets Hangul.
    const followedByBreak = end === to || /\s/.test(text[end]!) || (end === i + 1 && HANGUL_SYLLABLE.test(text[i - 1] ?? "") && HANGUL_SYLLABLE.test(text[end]!));
    const quoted = followedByBreak && options.quotedMarksGoOn === true && quotedMarkGoesOn(text, sentenceStart, i, end, to);
    if (followedByBreak && !quoted && endsSentence(text, sentenceStart, i, end, to, ellipsisGoesOn)) {
      push(sentenceStart, end);
      sentenceStart = skipWhitespace(text, end, to);
      i = sentenceStart;
    } else {
      i = end;
    }
  }
  const tailEnd = trimEndIndex(text, sentenceStart, to);
  if (tailEnd > sentenceStart) push(sentenceStart, tailEnd);
}

/** Quotation marks that close a quotation, with the mark that opens it. */
const QUOTE_OPENERS: Readonly<Record<string, string>> = { '"': '"', "”": "“", "」": "「", "』": "『" };

/**
 * Whether the "?" or "!" at `mark` closes a quotation opened mid-sentence that the sentence goes on after
 * (`quotedMarksGoOn`): the first mark after the terminators is a closing quotation mark, its opening mark is in this
 * sentence after some of its words, and the line goes on after it with no capital letter.
 */
function quotedMarkGoesOn(text: string, sentenceStart: number, mark: number, after: number, lineEnd: number): boolean {
  if (text[mark] !== "?" && text[mark] !== "!" && text[mark] !== "？" && text[mark] !== "！") return false;
  let close = mark;
  while (close < after && TERMINATORS.has(text[close]!)) close++;
  const opener = QUOTE_OPENERS[text[close] ?? ""];
  if (opener === undefined) return false;
  const inside = text.slice(sentenceStart, mark);
  const open = inside.lastIndexOf(opener);
  if (open < 0) return false;
  // A straight quotation mark opens a quotation only when the ones before it are paired.
  if (opener === '"' && (inside.split('"').length - 1) % 2 === 0) return false;
  if (inside.slice(0, open).trim() === "") return false;
  const next = skipWhitespace(text, after, lineEnd);
  return next < lineEnd && !/\p{Lu}/u.test(text[next]!);
}

/** Words a bracketed remark has at most to be a stub of the sentence before it; a longer one is a note of its own. */
const REMARK_WORDS = 5;

/**
 * A span that is one short bracketed group: "(" at its start closed by the ")" at its end, of `REMARK_WORDS` words at
 * most ("(== Open Resource 기능)"; not "(병원방문확인서에는 반드시 해당병원의 직인이 찍혀 있어야 함)", a note of its own).
 */
function bracketedOnly(text: string, start: number, end: number): boolean {
  if (!/[(（]/u.test(text[start] ?? "") || !/[)）]/u.test(text[end - 1] ?? "")) return false;
  const inner = text.slice(start + 1, end - 1).trim();
  // A number alone ("(1)" ending a line) labels the next item; it is no remark.
  if (!/\p{L}{2}/u.test(inner) || inner.split(/\s+/u).length > REMARK_WORDS) return false;
  let depth = 0;
  for (let i = start; i < end; i++) {
    if (text[i] === "(" || text[i] === "（") depth++;
    else if (text[i] === ")" || text[i] === "）") depth--;
    if (depth === 0 && i < end - 1) return false;
  }
  return depth === 0;
}

/**
 * Decides whether the terminator run starting at `mark` (and ending before `after`) ends the sentence that began at
 * `sentenceStart`. "!", "?" and "。" always do, and so does anything after Hangul; a period or an ellipsis after
 * other text may belong to an abbreviation, an initial, a list number or a sentence that carries on.
 */
function endsSentence(text: string, sentenceStart: number, mark: number, after: number, lineEnd: number, ellipsisGoesOn: boolean): boolean {
  const isPeriodOrEllipsis = text[mark] === "." || text[mark] === "…";
  if (!isPeriodOrEllipsis) {
    // A macro's name ("the format! macro", "vec! builds") is not an exclamation: the word goes on in lower case.
    if (text[mark] !== "!" || after !== mark + 1 || !/[A-Za-z0-9_]/.test(text[mark - 1] ?? "")) return true;
    const next = skipWhitespace(text, after, lineEnd);
    return next >= lineEnd || !/[a-z]/.test(text[next]!);
  }
  // A Korean item's mark at the start of a sentence ("가. 사망자가 …", "나. …") marks it; it is not one.
  if (mark === sentenceStart + 1 && ITEM_SYLLABLES.has(text[sentenceStart]!) && after === mark + 1 && after < lineEnd && /\s/.test(text[after]!)) return false;
  if (mark > 0 && isHangul(text[mark - 1]!)) return true;
  if (ellipsisGoesOn) {
    // A spaced ellipsis (". . .", "[. . . ]") goes on: a period followed by another period or a closing bracket, or
    // right after an opening bracket, ends nothing.
    const following = text[skipWhitespace(text, after, lineEnd)] ?? "";
    if (following === "." || following === "…" || /[\])}）］]/u.test(following) || /[[({（［]/u.test(text[mark - 1] ?? "")) return false;
  }
  // Only list markers so far ("1., i. 또는 I.를 …", "a. Install …"): they mark the sentence, they are not one.
  if (!/\p{L}{2}/u.test(text.slice(sentenceStart, mark))) return false;

  const isSinglePeriod = text[mark] === "." && text[mark + 1] !== "." && text[mark + 1] !== "…";
  const word = isSinglePeriod ? wordBefore(text, sentenceStart, mark) : "";
  if (word !== "") {
    const lower = word.toLowerCase();
    if (ABBREVIATIONS.has(lower)) return false;
    // Initials ("J. R. Tolkien") and dotted acronyms ("U.S.A.") are single letters between periods.
    if (/^(?:\p{Lu}|\p{L}(?:\.\p{L})+)$/u.test(word)) return false;
    // "1. Install" at the start of a sentence is a list number, not a sentence of its own.
    if (/^\d+$/.test(word) && mark - word.length === sentenceStart) return false;
    // A Korean date written with periods ("2019. 2. 28.경", "2020. 12. 1. 이루어졌다"): the year and the month go on
    // to the next number, and a date's day, or its month when it has no day ("활동기간 : 2023. 7. ~ 2024. 7.(1년)"),
    // is never the end of a Korean sentence, which ends in a predicate.
    if (/^\d{1,4}$/.test(word) && /^\s+\d{1,2}(?:\.(?!\d)|\s*월)/.test(text.slice(after, lineEnd))) return false;
    // A year abbreviated with an apostrophe ("(운영기간) ‘25. 5월 ~ 10월", "'26. 상반기") ends no sentence.
    if (/^\d{2}$/.test(word) && /['‘’]/.test(text[mark - word.length - 1] ?? "")) return false;
    if (/^\d{1,2}$/.test(word) && /\d{4}\.\s*(?:\d{1,2}\.\s*)?$/.test(text.slice(sentenceStart, mark - word.length))) return false;
  }
  // An unknown abbreviation is followed by a lower-case word ("approx. five"); a new sentence rarely is.
  const next = skipWhitespace(text, after, lineEnd);
  return next >= lineEnd || !/\p{Ll}/u.test(text[next]!);
}

/** The run of letters, digits and inner periods directly before `mark`, e.g. "e.g" in "e.g.". */
function wordBefore(text: string, sentenceStart: number, mark: number): string {
  let start = mark;
  while (start > sentenceStart && /[\p{L}\p{N}.]/u.test(text[start - 1]!)) start--;
  return text.slice(start, mark).replace(/^\.+/, "");
}

function isHangul(char: string): boolean {
  return /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(char);
}

function skipWhitespace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && /\s/.test(text[i]!)) i++;
  return i;
}

function trimEndIndex(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1]!)) end--;
  return end;
}
