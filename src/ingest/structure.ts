/**
 * Recognising the structure a document prints rather than marks up: tables of contents and indexes (which search
 * ranks down), and headings written as numbering ("제3장", "3.2", "Q.") rather than as heading styles.
 */
import type { BlockDraft } from "./build-document.ts";

/**
 * "목차", "차례", "Contents", "Table of Contents" (or "Table of Content", as many handbooks print it), "표 목차", "그림
 * 목록", "List of Figures", "Table of Figures" (Word's name for it).
 */
const CONTENTS_TITLE = /^(?:목\s*차|차\s*례|(?:표|그림)\s*목\s*[차록]|contents|table\s+of\s+(?:contents?|figures|tables)|list\s+of\s+(?:figures|tables))$/i;
/** "Index", "찾아보기", "색인". */
const INDEX_TITLE = /^(?:index|찾아\s*보기|색\s*인)$/i;
/**
 * A dot leader before a page number: "1.1 개요 . . . . 3", "Introduction ........ 12", "서론 …… 5", Word's underline
 * leader "2.1 Pycharm ______ 7". A page number Word could not find reads "오류! 책갈피가 정의되어 있지 않습니다." ("Error!
 * Bookmark not defined.").
 */
const DOT_LEADER = /(?:(?:\.\s?){4,}|(?:…\s?){2,}|(?:·\s?){4,}|(?:‥\s?){2,}|_{4,})\s*(?:(?:\d{1,4}|[ivxlc]{1,6})\b|오류!|error!)/i;
/**
 * A page number after a title: "12", "iv", or chapter-page ("3-12", "A-4") as manuals paged by chapter print it, also
 * glued to an upper-case title where an export dropped the tab between them ("A. PURPOSE1-1").
 */
const ENDS_WITH_PAGE_NUMBER = /\S\s+(?:\d{1,4}|[ivxlc]{1,6}|(?:[A-Z]|\d{1,2})[-–]\d{1,3})$/i;
const ENDS_WITH_GLUED_CHAPTER_PAGE = /\p{Lu}{2}\d{1,2}[-–]\d{1,3}$/u;
/** An index entry: a term followed by page numbers ("가운데 정렬, 33", "bzip2, 4, 17–19", "미국수학회. . . .40"). */
const INDEX_ENTRY = /^\D.{0,80}?[,\s.]\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*,\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*$/;

/** A lettered sub-entry of an outline: "A. 인게임", "가. 개요", "b) Scope", short and no sentence. */
const LETTERED_ENTRY = /^(?:[A-Za-z]|[가-하])[.)]\s+\S.{0,60}$(?<![.!?。])/u;

/** Emoji and symbols set before a title ("📑 목차", "■ 차례"). */
const LEADING_SYMBOLS = /^[\p{Extended_Pictographic}\p{So}\uFE0F\u200D\s]+/u;

export function isContentsTitle(text: string): boolean {
  return CONTENTS_TITLE.test(text.trim().replace(LEADING_SYMBOLS, ""));
}

export function isIndexTitle(text: string): boolean {
  return INDEX_TITLE.test(text.trim());
}

/** One entry of a table of contents: a dot leader, or a short title ending in a page number. */
export function isContentsLine(text: string): boolean {
  const line = text.trim();
  return DOT_LEADER.test(line) || (line.length <= 80 && (ENDS_WITH_PAGE_NUMBER.test(line) || ENDS_WITH_GLUED_CHAPTER_PAGE.test(line)));
}

/**
 * A title and nothing else: an article ("제3조(이용계약의 종류)", "제 16 조 (계약사항의 변경신청 및 제한)", two on a
 * line), or a part, chapter or section ("제5장 계약사항 변경▪해지 등", "제6관 계약의 해지"). A 약관's contents list
 * them without page numbers; in its body an article's title is followed by its text.
 */
const BARE_TITLE = /^(?:(?:제\s?\d+\s?조(?:의\s?\d+)?\s?\((?:[^()]|\([^()]*\)){1,60}\)?\s*)+|제\s?\d+\s?[편장절관]\s?[^.。]{1,50})$/;

export function isBareTitle(text: string): boolean {
  return BARE_TITLE.test(text.trim());
}

export function isIndexLine(text: string): boolean {
  return INDEX_ENTRY.test(text.trim());
}

/** A line with a dot leader before a page number: a table of contents entry whatever else it holds. */
export function hasDotLeader(text: string): boolean {
  return DOT_LEADER.test(text);
}

/** A run of text holding two or more dot leaders is a table of contents wherever it stands. */
export function hasDotLeaders(text: string): boolean {
  return (text.match(new RegExp(DOT_LEADER.source, "gi"))?.length ?? 0) >= 2;
}

/**
 * Marks tables of contents and indexes in formats without pages: a "목차"/"Contents" title and the blocks after it
 * whose lines are mostly entries ending in page numbers; an "Index"/"찾아보기" title and the entry blocks after it;
 * and any block with dot leaders. A role the parser already set is kept.
 */
export function markContentsAndIndex(drafts: BlockDraft[]): void {
  let open: "toc" | "index" | null = null;
  const entryShare = (draft: BlockDraft, test: (line: string) => boolean): number => {
    const lines = draft.text.split("\n").filter((line) => line.trim() !== "");
    return lines.filter(test).length / Math.max(1, lines.length);
  };
  // A contents without page numbers (text dumps of manuals) is an outline: two or more lines led by section numbers.
  // Its sub-entries may be lettered ("2. 진행상황", "A. 인게임", "B. 서버").
  const isOutline = (draft: BlockDraft): boolean =>
    draft.text.split("\n").filter((line) => line.trim() !== "").length >= 2 &&
    (entryShare(draft, (line) => numberedHeadingLevel(line, 1) !== null) >= 0.6 ||
      (entryShare(draft, (line) => numberedHeadingLevel(line, 1) !== null) >= 0.3 &&
        entryShare(draft, (line) => numberedHeadingLevel(line, 1) !== null || LETTERED_ENTRY.test(line.trim())) >= 0.8));
  const isEntry = (draft: BlockDraft | undefined, role: "toc" | "index"): boolean =>
    draft !== undefined && (entryShare(draft, role === "toc" ? isContentsLine : isIndexLine) >= 0.6 || (role === "toc" && isOutline(draft)));
  // Where each short line occurs last: a contents without page numbers lists titles the document repeats further on.
  const lastAt = new Map<string, number>();
  drafts.forEach((draft, index) => {
    const text = draft.text.trim();
    if (text.length <= 80 && !text.includes("\n")) lastAt.set(text, index);
  });
  // A contents typed as numbered titles one paragraph each, without page numbers and worded unlike the body's titles
  // ("1. 개요와 전체적 게임 컨셉" for the body's "1. 개요와 게임 컨셉"): three or more such lines in a row whose numbers
  // go up. The body's first title numbers from the start again.
  const numberedRun = (from: number): number => {
    let previous: number[] | null = null;
    let length = 0;
    for (let at = from; at < drafts.length; at++) {
      const number = entryNumber(drafts[at]!);
      if (number === null || (previous !== null && compareNumbers(number, previous) <= 0)) break;
      previous = number;
      length++;
    }
    return length;
  };
  // A contents typed as plain titles, unnumbered and without page numbers ("About us", "Leave Policy" under a
  // handbook's "Table of Contents"): three or more short lines, none a sentence, right after the title.
  const titleRun = (from: number): number => {
    let length = 0;
    for (let at = from; at < drafts.length; at++) {
      const draft = drafts[at]!;
      const line = draft.text.trim();
      if (draft.kind !== "paragraph" || line.includes("\n") || line.length > 80 || /[.!?。]$/.test(line) || !/\p{L}/u.test(line)) break;
      // Entries with page numbers or section numbers are read by the rules above; such a line ends a plain run.
      if (isContentsLine(line) || numberedHeadingLevel(line, 1) !== null || /^제\s*\d+\s*조/.test(line)) break;
      length++;
    }
    return length >= 3 && from + length < drafts.length ? length : 0;
  };
  let runLeft = 0;
  let titleAt = -1;
  // The page of the open table's last entry (or title), where the document has pages.
  let lastPage: number | null = null;
  drafts.forEach((draft, index) => {
    const text = draft.text.trim();
    if (runLeft > 0) {
      runLeft--;
      draft.role ??= "toc";
      lastPage = draft.page ?? lastPage;
      return;
    }
    if (draft.kind === "code") {
      open = null;
      return;
    }
    // A report draws its "목차" in a box as it draws its section titles: a one-row table with that one word.
    const title = draft.kind === "table" ? soleCell(text) : text;
    if (isContentsTitle(title) || isIndexTitle(title)) {
      open = isContentsTitle(title) ? "toc" : "index";
      draft.role ??= open;
      titleAt = index;
      lastPage = draft.page ?? null;
      return;
    }
    // An entry without a page number ("들어가며", or the first line of a wrapped one) stays in the table when an entry
    // follows it; a chapter's title, however long ("CHAPTER 4 – FINANCIAL AND OPERATIONAL POLICIES, PROCEDURES …"),
    // also when its first entry is wrapped.
    const nextIsEntry = isEntry(drafts[index + 1], open ?? "toc");
    const untitledEntry =
      !text.includes("\n") &&
      !/[.!?。]$/.test(text) &&
      ((text.length <= 80 && nextIsEntry) || (numberedHeadingLevel(text, 1) === 1 && (nextIsEntry || isEntry(drafts[index + 2], open ?? "toc"))));
    // "1. 제안공모요강", "1.1. 일반사항" after "목차" with no page numbers: entries, when the body repeats them as titles.
    const repeatedTitle = open === "toc" && (lastAt.get(text) ?? -1) > index;
    const run = open === "toc" ? Math.max(numberedRun(index), titleAt === index - 1 ? titleRun(index) : 0) : 0;
    if (run >= 3) {
      runLeft = run - 1;
      draft.role ??= "toc";
      lastPage = draft.page ?? lastPage;
      return;
    }
    // A heading on a page after the table's last one opens the body, though its title ends in a number as an entry
    // does (rinohtype sets a chapter's number after its title: "Introduction 1", two pages after the list of figures).
    const headingOverleaf = draft.kind === "heading" && draft.page != null && lastPage != null && draft.page > lastPage;
    if (open !== null && !headingOverleaf && (isEntry(draft, open) || untitledEntry || repeatedTitle)) {
      draft.role ??= open;
      lastPage = draft.page ?? lastPage;
      return;
    }
    open = null;
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    if (hasDotLeaders(text) || (lines.length >= 3 && lines.filter((line) => DOT_LEADER.test(line)).length / lines.length >= 0.6)) {
      draft.role ??= "toc";
    }
  });
}

/** The section number of a one-line numbered title ("2.1 범위" → [2, 1]), or null for any other block. */
function entryNumber(draft: BlockDraft): number[] | null {
  const text = draft.text.trim();
  if (draft.kind !== "paragraph" || text.includes("\n") || text.length > 80 || /[.!?。]$/.test(text) || isContentsLine(text) || numberedHeadingLevel(text, 1) === null) return null;
  const number = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s/.exec(text)?.[1];
  return number === undefined ? null : number.split(".").map(Number);
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? -1) - (b[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The text of a one-row table's only non-empty cell ("|  | 목차 |  |" → "목차"), or "" when it has more or none. */
function soleCell(table: string): string {
  if (table.includes("\n")) return "";
  const cells = table.split(/\s*\|\s*/).filter((cell) => cell !== "");
  return cells.length === 1 ? cells[0]! : "";
}

/**
 * The heading level a line's numbering implies, or null when it is not numbered like a heading:
 * 제N편/부 → 1, 제N장 or "N장." → 1, 제N절 → 2, 제N관 → 3; "Chapter N"/"Part N" → 1; "3" or "3." → 1, "3.2" → 2, "3.2.1" → 3;
 * "부록 A"/"Appendix A" → 1; "Q."/"Q1."/"질문" → `questionLevel` (one below the section around the question).
 * Articles (제N조) are clauses, not sections, and are left to the clause parser.
 */
export function numberedHeadingLevel(text: string, questionLevel: number): number | null {
  const line = text.trim();
  if (line.length > 100 || line.length < 2) return null;
  if (/^제\s*\d+\s*[편부장]/.test(line) || /^\d{1,2}\s*장(?:\.|\s)/.test(line)) return 1;
  if (/^제\s*\d+\s*절/.test(line)) return 2;
  if (/^제\s*\d+\s*관/.test(line)) return 3;
  if (/^(?:chapter|part)\s+[\dIVX]+\b/i.test(line) || /^(?:부록|appendix)\s+[A-Z\d]\b/i.test(line)) return 1;
  if (/^(?:Q\d*\s*[.:)]|질문\s*[.:)]|Q\s)/.test(line)) return questionLevel;
  // Sentences are not headings: "3. 신청은 인사 시스템에서 합니다." ends like one, and a numbered step that says
  // something and leads in to a command ("1. … 것입니다. 다음 명령을 사용합니다:") holds a sentence end.
  if (/(?:다|요|니다|음|함|임)\s*[.。]$/.test(line) || /[,;]$/.test(line) || /(?:다|요)\s*[.:。](?:\s|$)/.test(line)) return null;
  const numbered = /^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(\S.*)$/.exec(line);
  // The title is words: a line of figures ("0.0 0 0.0 0 UTC") only starts like a number, and a form's blank date
  // ("20 . . . 고객명 : (서명/인)", "20 년 월 일") only like a numbered title.
  if (numbered === null || !/\p{L}/u.test(numbered[2]!) || /^(?:[\d,:;·…]|\.(?:\s|\.|$))/.test(numbered[2]!) || /^년\s+월\s+일/.test(numbered[2]!)) return null;
  // Nor is a day of a month ("10 June 2026", the value under a minutes' "Date:") or a count ("5 차", a 회의록 form's
  // 차수 cell read out of its table): each opened a section that every later chunk of the document carried.
  if (!numbered[1]!.includes(".") && (MONTH_DAY.test(numbered[2]!) || COUNTER.test(numbered[2]!))) return null;
  return Math.min(6, numbered[1]!.split(".").length);
}

const MONTH_NAME = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;

/** A month's name after a day's number, alone or with its year: "June 2026", "Sept. 2024", "March". */
const MONTH_DAY = new RegExp(String.raw`^${MONTH_NAME}(?:,?\s+\d{2,4})?$`, "i");

/** A Korean counter standing alone after a number: a round, a time, a count of people or things ("차", "회차", "명"). */
const COUNTER = /^(?:차|회|회차|번|번째|차례|명|인|개|건|년|개월|월|일|주|주차|시|시간|분|초|세|층|호|권|쪽|페이지|학년|학기|기)$/;

/**
 * A date and nothing else, in English words ("30th June 2016", "June 30, 2016", "November, 2002", "Monday, 3 March
 * 2025"), after an "Updated:" or "Date:" at most: a cover's date over its title (Ctrl O's user guide, typeset with
 * xelatex, opens on "30th June 2016" over "LINKSPACE USER GUIDE"), which names no document.
 */
const DATE_ALONE = new RegExp(
  String.raw`^(?:(?:date|dated|updated|last updated|revised|issued|published)\s*:?\s*)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?` +
    String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH_NAME},?\s+\d{4}|${MONTH_NAME},?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4})$`,
  "i",
);

export function isDateAlone(text: string): boolean {
  return DATE_ALONE.test(text.trim());
}
