import type { BlockDraft } from "./build-document.ts";
import { hasDotLeader } from "./structure.ts";

/**
 * Lines an author broke by hand. Some Korean documents are typed as a typewriter is, with Enter at the end of every
 * line: a 해군 구매요구서's "2.1.1 납품될 장비는 … 납품하여야 하며, 장비 납품 시" / "부하테스트를 할 수 있는 장비(…)를
 * 지참하여 부하시험을 하여야 한다.", a 조달청 입찰공고's "1) … 동 입찰에 참여할" / "수 없습니다." Each line is a
 * paragraph of its own in HWP and HWPX, so a numbered item's first line became a heading and its sentence was cut in
 * two. Hancom saved where each line sits and how wide it may be (HWP PARA_LINE_SEG, HWPX hp:lineseg: text height and
 * segment width in HWPUNIT): a paragraph whose last line ends where the next paragraph's first word would not have
 * fitted, that ends in no sentence end, followed in the same place (the body, or one cell of a framing table) at the
 * same size by a paragraph that opens with no list label or bullet, is one paragraph with it.
 */
interface LineFit {
  /** Where the paragraph sits: the body, or one cell (paragraphs join only within one). */
  container: object;
  /** Its first and last lines as typed, spaces and tabs kept. */
  firstLine: string;
  lastLine: string;
  /** The estimated width of its last line's text, and the width of that line's segment (HWPUNIT). */
  used: number;
  lineWidth: number;
  /** The estimated width of its first word with a space before it, as it would sit at the end of the line above. */
  firstWord: number;
  /** The text height of its first and last lines: a title set larger than the text under it is no line of it. */
  firstHeight: number;
  lastHeight: number;
  /** Its shape sets a bullet before it (문단 머리 글머리표), which its text does not hold: it opens an item. */
  bulleted: boolean;
}

/** One saved line: its text and its text height and segment width (HWPUNIT). */
export interface SavedLine {
  text: string;
  textHeight: number;
  width: number;
}

/**
 * Collects what a parser measured of its paragraphs' saved lines, then joins the lines broken by hand. The glyph
 * widths are estimates (fonts, 장평 and 자간 vary): the lines Hancom itself wrapped, which reach the right edge, tell
 * how far the estimate is off in this document, and every measure is scaled by that.
 */
export class HandBrokenLines {
  private readonly fits = new Map<BlockDraft, LineFit>();
  /** Estimated width over segment width of each line Hancom wrapped (every line of a paragraph but its last). */
  private readonly wrappedFills: number[] = [];

  /** A paragraph's block, where it sits, and its saved lines (label included in the first). */
  measure(block: BlockDraft, container: object, lines: readonly SavedLine[], bulleted: boolean): void {
    const first = lines[0];
    const last = lines.at(-1);
    if (first === undefined || last === undefined || last.width <= 0 || last.textHeight <= 0) return;
    for (const line of lines.slice(0, -1)) {
      if (line.width > 0 && line.textHeight > 0) this.wrappedFills.push(textWidth(line.text.trimEnd(), line.textHeight) / line.width);
    }
    const word = /\S+/.exec(block.text)?.[0] ?? "";
    this.fits.set(block, {
      container,
      firstLine: first.text,
      lastLine: last.text,
      // Spaces after the last word reach nowhere.
      used: textWidth(last.text.trimEnd(), last.textHeight),
      lineWidth: last.width,
      firstWord: textWidth(` ${word}`, first.textHeight),
      firstHeight: first.textHeight,
      lastHeight: last.textHeight,
      bulleted,
    });
  }

  /** The drafts with each paragraph continued on the next one joined to it. */
  join(drafts: readonly BlockDraft[]): BlockDraft[] {
    const scale = this.estimateScale();
    const joined: BlockDraft[] = [];
    for (const draft of drafts) {
      const previous = joined.at(-1);
      const before = previous === undefined ? undefined : this.fits.get(previous);
      const fit = this.fits.get(draft);
      if (previous !== undefined && before !== undefined && fit !== undefined && continues(previous, before, draft, fit, scale)) {
        previous.text = `${previous.text.trimEnd()} ${draft.text.trim()}`;
        // The joined paragraph ends where this line ends: a third line may continue it.
        this.fits.set(previous, { ...fit, firstHeight: before.firstHeight });
        continue;
      }
      joined.push(draft);
    }
    return joined;
  }

  /**
   * How much wider the estimate makes text than Hancom set it: the median wrapped line's estimated fill over the
   * fill a justified wrapped line has (it falls short of the edge by half a word on average). 1 with too few lines.
   */
  private estimateScale(): number {
    if (this.wrappedFills.length < MIN_WRAPPED_LINES) return 1;
    const sorted = [...this.wrappedFills].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return median > 0 ? median / WRAPPED_FILL : 1;
  }
}

/** Lines Hancom wrapped needed to judge the estimate in a document. */
const MIN_WRAPPED_LINES = 8;
/** The share of its width a justified line Hancom wrapped fills with text before the spaces are stretched. */
const WRAPPED_FILL = 0.95;

function textWidth(text: string, textHeight: number): number {
  let ems = 0;
  for (const character of text) ems += glyphEms(character);
  return ems * textHeight;
}

/**
 * A line is taken as ended at the edge when the next word would have overrun it, give or take this share of the
 * line's width (the estimate is rough).
 */
const SLACK = 0.03;
/** A line that leaves a fifth of its width empty was not broken at the edge, whatever word comes next. */
const MAX_ROOM = 0.2;

/** Hangul, CJK, circled numbers and box symbols are square (1 em); a space a third of one; Latin letters and digits about half, capitals more. */
function glyphEms(character: string): number {
  const code = character.codePointAt(0)!;
  if (character === " " || character === "\u00a0") return 0.35;
  if (code >= 0x41 && code <= 0x5a) return 0.65;
  if (code < 0x80) return 0.55;
  if (
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0x2460 && code <= 0x24ff) ||
    (code >= 0x25a0 && code <= 0x25ff) ||
    (code >= 0x3000 && code <= 0x9fff) ||
    (code >= 0xff00 && code <= 0xffef)
  ) {
    return 1;
  }
  return 0.8;
}

function continues(first: BlockDraft, firstFit: LineFit, next: BlockDraft, nextFit: LineFit, scale: number): boolean {
  if (firstFit.container !== nextFit.container || !sameSize(firstFit.lastHeight, nextFit.firstHeight)) return false;
  // Hancom would have set the next paragraph's first word on this line had it fitted: the author broke the line
  // only where the word did not fit.
  // A next line indented with typed spaces, as authors align a hand-broken item's lines under its text, gets the
  // estimate's slack; a flush one must not have fitted by the estimate itself (a bibliography's entries, a press
  // release's sub-headlines fill their lines and end there).
  const room = firstFit.lineWidth - firstFit.used / scale;
  const slack = /^[ \t\u3000]/.test(nextFit.firstLine) ? SLACK * firstFit.lineWidth : 0;
  if (nextFit.bulleted || room >= Math.min(nextFit.firstWord / scale + slack, MAX_ROOM * firstFit.lineWidth)) return false;
  // A heading the file marked (an outline style) ends where it ends; so does a line padded out with spaces or tabs
  // ("… 공고합니다.          2026. 2"), a contents line with its dot leader, and a line with no words ("-----").
  if (first.kind !== "paragraph" || next.kind !== "paragraph") return false;
  const text = first.text.trim();
  if (/\S(?: {4,}|\t)/.test(firstFit.lastLine.trimEnd()) || hasDotLeader(text) || !/\p{L}/u.test(text)) return false;
  if (SENTENCE_END.test(text)) return false;
  return !LIST_LABEL.test(next.text.trim());
}

/** Lines of one paragraph set in one size, give or take a larger word in one ("항공기 120시간" in 12pt among 11pt). */
function sameSize(a: number, b: number): boolean {
  return a > 0 && b > 0 && Math.max(a, b) / Math.min(a, b) <= 1.1;
}

/** A sentence or a label ends the line: ".", "?", "!", ":", ";" (closing quotes and brackets after them aside). */
const SENTENCE_END = /[.!?。:;：][\s"'”’」』)\]）]*$/u;

/**
 * A line that opens an item of its own: anything but a letter, a digit, an opening bracket or quote ("○", "-", "※",
 * "①", "□"); "1)", "2.", "1.2", "1-2"; "가.", "나)"; "(1)", "(가)"; "제3조"; a letter set as a bullet ("o ", "ㅇ "); "주1)".
 */
const LIST_LABEL = /^(?:[^\p{L}\p{Nd}(（「『“"‘']|\d{1,3}(?:[.)]|[.-]\d)|[가-하][.)]|[(（][\p{L}\p{N}]{1,3}[)）]|제\s*\d+\s*[조장절관편]|[oㅇ]\s|주\s*\d+\))/u;
