/**
 * Clause structure of regulations, policies and contracts: where each article (제N조 / Article N / Section N.N),
 * paragraph (①), item (1.), sub-item (가.) or (a) begins in a text, and the clause path in force at each offset,
 * e.g. "제12조(연차휴가) 제2항 제1호" or "Section 4.2(b)". Pure functions over plain strings.
 *
 * Clause keys ("§12조.2항") are the searchable form of a path: the same keys come out of the path stored with a
 * chunk and out of a query that names a clause ("제12조 2항", "12조 제2항", "Section 4.2(b)"). They start with
 * "§", which the tokenizer never produces, so they match only each other.
 */
import { hasDotLeader } from "./structure.ts";

/** One level of a clause path. */
export interface ClausePart {
  kind: "addenda" | "article" | "paragraph" | "item" | "subitem" | "appendix";
  /** As shown: "제12조(연차휴가)", "제2항", "제1호", "가목", "Section 4.2", "(b)", "부칙", "별표 1". */
  label: string;
  /** Normalised for keys: "12조", "2항", "1호", "가목", "s4.2", "(b)", "부칙", "별표1". */
  key: string;
}

export interface ClauseBoundary {
  /** Offset in the text where the clause part begins. */
  offset: number;
  /** The full path from this offset on; empty outside any clause (a chapter title, a preamble). */
  path: ClausePart[];
  /** True when a chunk must not continue across this offset: an article, paragraph, chapter, 부칙 or appendix. */
  hard: boolean;
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const SUBITEM_LETTERS = "가나다라마바사아자차카타파하";

/** 제N조, 제N조의M, with an optional title in (…) or 【…】; a cross-reference ("제5조에 따른") has no title. */
const KOREAN_ARTICLE = /^제\s*(\d+)\s*조(?:\s*의\s*(\d+))?\s*(?:[(（【]([^)）】\n]{1,40})[)）】])?/u;
const KOREAN_CHAPTER = /^제\s*\d+\s*[장절관편](?=\s|$)/u;
const ADDENDA = /^부\s*칙(?=\s|$|[<(〈])/u;
/** "[별표 1]", "<별표1>", "〈별지 제2호〉", "【별표 3】": Word and HWP writers bracket an annex title either way. */
const APPENDIX = /^[[<〈【［]?\s*(별표|별지)\s*(?:제\s*)?(\d+)?\s*(?:호)?/u;
/**
 * A statute's form as 법제처 heads it: "■ 생산·수입 중단 보고대상 의료기기 및 보고 방법 [별지 제1호서식] <개정 2021.5.4.>",
 * the regulation's name before the label, nothing but a note ("<개정 …>", "(앞쪽)") after it. It opens the form as
 * "[별지 1]" at the line's start does; a bullet naming a form in its sentence ("■ 신청인은 [별지 제1호서식]의 …") does not.
 */
const FORM_HEADER = /^■\s*[^\n[［■]{1,80}?[[［]\s*(별표|별지)\s*(?:제\s*)?(\d+)\s*(?:호)?\s*(?:서식)?\s*[\]］](?=[^\S\n]*(?:$|\n|[<〈(（]))/u;
const BARE_APPENDIX = /^[[<〈【［]?\s*별[표지]\s*(?:[\]>〉】］]|$|\n)/u;
const KOREAN_ITEM = /^(\d{1,2})\.\s/u;
const KOREAN_SUBITEM = new RegExp(`^([${SUBITEM_LETTERS}])\\.\\s`, "u");
const ENGLISH_ARTICLE = /^(?:Article|ARTICLE)\s+(\d+|[IVXLC]+)\b/u;
// A bare "4.2" is a section only with its title on the same line: a version on a line of its own ("Since:" / "3.12.0"
// / "See Also:", Javadoc) is not. "Section 5" followed by a lower-case word starts a sentence that cites it ("Section
// 1519 of title 18 can be used…", "Section 347(a) of the Code requires…", "§ 4.2 applies…"), not the section. A
// Korean document's numbered heading whose title opens with a Latin capital ("2.1 AI시스템 구축", "3.6 Application
// 시스템 세부내용") is its outline, not an English section: its line holds Hangul. As a section it stayed open over
// every "4.1 사업 진척도" after it, which never closed it.
const ENGLISH_SECTION =
  /^(?:(?:Section|SECTION|Sec\.|§)\s*(\d+(?:\.\d+)*)(?!\.?\d)(?!(?:\([a-z\d]{1,4}\))*[^\S\n]+\p{Ll})|(\d+\.\d+(?:\.\d+)*)[^\S\n]+(?=\p{Lu})(?![^\n]*[\uac00-\ud7a3]))/u;
const ENGLISH_SCHEDULE = /^(Schedule|SCHEDULE|Annex|ANNEX|Appendix|APPENDIX)\s+([A-Z0-9]+)\b/u;
const ENGLISH_ITEM = /^\(([a-z]{1,4})\)\s/u;

function circledNumber(char: string | undefined): number | null {
  if (char === undefined) return null;
  const index = CIRCLED.indexOf(char);
  return index < 0 ? null : index + 1;
}

function articlePart(match: RegExpExecArray): ClausePart {
  const number = match[2] === undefined ? `${match[1]}조` : `${match[1]}조의${match[2]}`;
  const title = match[3]?.trim();
  return { kind: "article", label: `제${number}${title ? `(${title})` : ""}`, key: number };
}

/**
 * A titled article inside a line, not a reference to one ("제5조(일비)에 따른", "제5조(일비) 제1항에", "… 및", a citation's
 * "(시행 2024.9.13.)").
 */
const MID_KOREAN_ARTICLE = /^제\s*\d+\s*조(?:\s*의\s*\d+)?\s*[(（【][^)）】\n]{1,40}[)）】](?![가-힣])(?!\s*(?:제\s*\d+\s*[항호]|및|또는|내지|·|,|[(（]\s*(?:시행|개정|제정)))/u;
/** A bulleted line ("o (계약예규) 협상에 의한 계약체결기준 제6조(…)", "- 국가계약법 시행령 제12조(…)") cites; it is no rule's title. */
const BULLETED = /^[oㅇ○◦•·▪■□◆◇▶►※*–-]\s/u;
const MID_ENGLISH = /^(?:Section|Article|Schedule|Annex|Appendix)\s+[\dA-Z]/u;
const MID_ADDENDA = /^부\s*칙(?=\s|<|$)/u;
const MID_FIRST = new Set(["제", "S", "A", "부", "[", "("]);
/** How far into a line a title may run before an article that PDF extraction joined to it ("여비규정 제1조(목적)"). */
const TITLE_PREFIX_CHARS = 30;

/**
 * Starts of lines, and clause starts inside a line: PDF extraction may join a title, a whole article, or the 부칙 to
 * the line before. Inside a line only a titled article, a circled paragraph number, 부칙, or a capitalised
 * Section/Article/Schedule counts, and only after a sentence end (or a short title) so references stay references.
 */
function candidateStarts(text: string): number[] {
  const starts: number[] = [];
  let lineStart = 0;
  const skip = (from: number): number => {
    let i = from;
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
    return i;
  };
  starts.push(skip(0));
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\n") {
      lineStart = i + 1;
      starts.push(skip(i + 1));
      continue;
    }
    if ((char !== " " && char !== "\t") || i === lineStart) continue;
    const next = i + 1;
    const first = text[next];
    if (first === undefined || first === " " || first === "\t" || first === "\n") continue;
    const circled = circledNumber(first) !== null;
    if (!circled && !MID_FIRST.has(first)) continue;
    const before = text[i - 1]!;
    const rest = text.slice(next, next + 80);
    const previousWord = /(\S+)$/u.exec(text.slice(Math.max(lineStart, i - 40), i))?.[1] ?? "";
    // An item's own number ("1. [별지 4] 서약서", "가. ①") ends with a period but ends no sentence.
    const afterSentence = /[.다。!?:]/u.test(before) && !(previousWord === text.slice(lineStart, i).trim() && /^(?:\d{1,3}|[가-하])\.$/u.test(previousWord));
    // A statute named in corner brackets before the article cites it ("※ ｢전자서명법｣ 제24조(벌칙): …"): a title that
    // PDF extraction joined to its first article is not quoted so.
    const citedStatute = /[」｣』]$/u.test(previousWord);
    if (
      (circled && afterSentence) ||
      (MID_KOREAN_ARTICLE.test(rest) &&
        !citedStatute &&
        (afterSentence || (next - lineStart <= TITLE_PREFIX_CHARS && !isTableRow(text, lineStart, i) && !BULLETED.test(text.slice(lineStart, i).trim())))) ||
      (MID_ADDENDA.test(rest) && afterSentence) ||
      (first === "[" && /^\[\s*별[표지]/u.test(rest) && afterSentence) ||
      (first === "(" && /^\([a-z]\)\s/u.test(rest) && afterSentence) ||
      (MID_ENGLISH.test(rest) && (afterSentence || isTitleBefore(text.slice(lineStart, i))))
    ) {
      starts.push(next);
    }
  }
  return [...new Set(starts)].filter((start) => start < text.length).sort((a, b) => a - b);
}

/** Words a title leaves lower-case ("Terms of Use and Privacy"). */
const TITLE_CONNECTIVES = new Set(["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]);

/**
 * Whether the text before a Section/Article/Schedule on its line is a title that PDF extraction joined to it ("DATA
 * RETENTION POLICY Schedule 1"): capitalised words only, a single one in capitals. A capitalised word ending a sentence's run ("… leave controls
 * out of ISO Annex A.") names the standard's annex; it starts nothing.
 */
function isTitleBefore(prefix: string): boolean {
  const words = prefix.trim().split(/\s+/u);
  // One capitalised word opening the line is a sentence's first word ("See Article II, Section A …", "Under Section
  // 4.2 …") unless it is set in capitals as a title is ("PREAMBLE Article 1").
  if (words.length === 1 && !/^[\p{Lu}\d&(–-]+$/u.test(words[0]!)) return false;
  return /^\p{Lu}/u.test(words.at(-1) ?? "") && words.every((word) => /^[\p{Lu}\d&(–-]/u.test(word) || TITLE_CONNECTIVES.has(word));
}

/** The rest of the line `start` is on. */
function lineFrom(text: string, start: number): string {
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? text.length : end);
}

/**
 * A table row as parsers write it ("label | value"): a titled article after a cell separator is a citation in a cell
 * ("[ 관련법령 ] | 법인세법 제14조【각 사업년도의 소득】"), not a title that PDF extraction joined to its first article.
 */
function isTableRow(text: string, lineStart: number, position: number): boolean {
  return text.slice(lineStart, position).includes(" | ");
}

function isRomanAfter(token: string, open: ClausePart | undefined): boolean {
  if (!/^[ivx]+$/.test(token) || open === undefined) return false;
  const openLetter = open.key.slice(1, -1);
  // "(i)" right after "(h)" is the ninth letter, not a roman numeral.
  return !(token === "i" && openLetter === "h") && !(token === "v" && openLetter === "u") && !(token === "x" && openLetter === "w");
}

/** Whether a paragraph opens an annex or form ("<별표1> 보안관리 대책", "[별지 4]"): articles and their items end there. */
export function startsAppendix(text: string): boolean {
  const line = text.trimStart();
  if (FORM_HEADER.test(line)) return true;
  const match = APPENDIX.exec(line);
  return match !== null && (match[2] !== undefined || BARE_APPENDIX.test(line));
}

/** Whether a paragraph opens a Korean article ("제 2 조 (정의) …", "제5조의2"): the unit whose items ("1.", "가.") follow it. */
export function startsKoreanArticle(text: string): boolean {
  return KOREAN_ARTICLE.test(text.trimStart());
}

/**
 * Every clause boundary in `text`, in order. `initial` is the path in force at offset 0 (a chunk's stored path, when
 * scanning only that chunk).
 */
export function clauseBoundaries(text: string, initial: readonly ClausePart[] = []): ClauseBoundary[] {
  const boundaries: ClauseBoundary[] = [];
  let path: ClausePart[] = [...initial];
  const upTo = (kind: ClausePart["kind"]): ClausePart[] => {
    const order: ClausePart["kind"][] = ["addenda", "appendix", "article", "paragraph", "item", "subitem"];
    const level = order.indexOf(kind);
    return path.filter((part) => order.indexOf(part.kind) < level);
  };
  const push = (offset: number, next: ClausePart[], hard: boolean): void => {
    path = next;
    boundaries.push({ offset, path: [...next], hard });
  };
  const hasArticle = (): boolean => path.some((part) => part.kind === "article");
  const isKorean = (): boolean => path.some((part) => part.kind === "article" && part.label.startsWith("제"));

  for (const start of candidateStarts(text)) {
    const rest = text.slice(start, start + 80);
    // A contents entry names a clause without being one: "부 칙 ····· 75" would file every article after the contents
    // under the 부칙 (a chapter keeps the 부칙 it is in).
    if (hasDotLeader(lineFrom(text, start))) continue;
    let match: RegExpExecArray | null;
    if (KOREAN_CHAPTER.test(rest)) {
      push(start, path.filter((part) => part.kind === "addenda"), true);
    } else if (ADDENDA.test(rest)) {
      push(start, [{ kind: "addenda", label: "부칙", key: "부칙" }], true);
    } else if ((match = FORM_HEADER.exec(rest) ?? APPENDIX.exec(rest)) !== null && (match[2] !== undefined || BARE_APPENDIX.test(rest))) {
      const label = match[2] === undefined ? match[1]! : match[1] === "별지" ? `별지 제${match[2]}호` : `별표 ${match[2]}`;
      push(start, [{ kind: "appendix", label, key: label.replace(/\s+|제|호$/g, "") }], true);
    } else if ((match = KOREAN_ARTICLE.exec(rest)) !== null && (match[3] !== undefined || /^\s*(?:$|\n|[①-⑳])/u.test(rest.slice(match[0].length)))) {
      const article = articlePart(match);
      const next = [...upTo("article"), article];
      const circled = circledNumber(rest.slice(match[0].length).trimStart()[0]);
      if (circled !== null) next.push({ kind: "paragraph", label: `제${circled}항`, key: `${circled}항` });
      push(start, next, true);
    } else if (circledNumber(rest[0]) !== null && hasArticle()) {
      const n = circledNumber(rest[0])!;
      push(start, [...upTo("paragraph"), { kind: "paragraph", label: `제${n}항`, key: `${n}항` }], true);
    } else if ((match = KOREAN_ITEM.exec(rest)) !== null && isKorean()) {
      push(start, [...upTo("item"), { kind: "item", label: `제${match[1]}호`, key: `${match[1]}호` }], false);
    } else if ((match = KOREAN_SUBITEM.exec(rest)) !== null && path.some((part) => part.kind === "item")) {
      push(start, [...upTo("subitem"), { kind: "subitem", label: `${match[1]}목`, key: `${match[1]}목` }], false);
    } else if ((match = ENGLISH_ARTICLE.exec(rest)) !== null) {
      push(start, [...upTo("article"), { kind: "article", label: `Article ${match[1]}`, key: `a${match[1]!.toLowerCase()}` }], true);
    } else if ((match = ENGLISH_SECTION.exec(rest)) !== null) {
      const number = match[1] ?? match[2]!;
      const keep = upTo("article").concat(path.filter((part) => part.kind === "article" && part.key.startsWith("a")));
      push(start, [...keep, { kind: "paragraph", label: `Section ${number}`, key: `s${number}` }], true);
    } else if ((match = ENGLISH_SCHEDULE.exec(rest)) !== null) {
      const word = match[1]![0]!.toUpperCase() + match[1]!.slice(1).toLowerCase();
      push(start, [{ kind: "appendix", label: `${word} ${match[2]}`, key: `${word.toLowerCase()}${match[2]!.toLowerCase()}` }], true);
    } else if ((match = ENGLISH_ITEM.exec(rest)) !== null && path.length > 0 && !isKorean()) {
      const token = match[1]!;
      const openItem = path.find((part) => part.kind === "item");
      if (isRomanAfter(token, openItem)) {
        push(start, [...upTo("subitem"), { kind: "subitem", label: `(${token})`, key: `(${token})` }], false);
      } else if (token.length === 1) {
        push(start, [...upTo("item"), { kind: "item", label: `(${token})`, key: `(${token})` }], false);
      }
    }
  }
  return boundaries;
}

/** The path as shown: "제12조(연차휴가) 제2항 제1호", "부칙 제1조(시행일)", "Section 4.2(b)". */
export function formatClausePath(path: readonly ClausePart[]): string | null {
  if (path.length === 0) return null;
  let out = "";
  for (const part of path) {
    // English items attach to their section: "Section 4.2(b)(i)".
    const attached = part.label.startsWith("(") && out !== "";
    out += attached ? part.label : out === "" ? part.label : ` ${part.label}`;
  }
  return out;
}

/** The longest path every one of `paths` starts with. */
export function commonClausePath(paths: ReadonlyArray<readonly ClausePart[]>): ClausePart[] {
  const first = paths[0];
  if (first === undefined) return [];
  let length = first.length;
  for (const path of paths) {
    let same = 0;
    while (same < Math.min(length, path.length) && path[same]!.key === first[same]!.key) same++;
    length = same;
  }
  return first.slice(0, length);
}

const REFERENCE = new RegExp(
  [
    // 부칙 제2조, 제12조의2 제2항 제1호 가목, 12조 2항 (the 제 is optional in queries)
    String.raw`(부\s*칙\s*)?(?:제\s*)?(\d+)\s*조(?:\s*의\s*(\d+))?(?:\s*[(（【][^)）】\n]{0,40}[)）】])?(?:\s*(?:제\s*)?(\d+)\s*항|\s*([①-⑳]))?(?:\s*(?:제\s*)?(\d+)\s*호)?(?:\s*([가-하])\s*목)?`,
    // Section 4.2(b)(i), § 4.2, Article 5
    String.raw`(?:section|sec\.|§)\s*(\d+(?:\.\d+)*)((?:\([a-z]{1,4}\))*)`,
    String.raw`article\s+(\d+|[ivxlc]+)\b`,
    String.raw`(별표|별지)\s*(?:제\s*)?(\d+)`,
    String.raw`(schedule|annex|appendix)\s+([a-z0-9]+)\b`,
  ].join("|"),
  "giu",
);

function keyChains(match: RegExpExecArray): string[][] {
  const [, addenda, article, branch, paragraph, circled, item, subitem, section, sectionItems, englishArticle, appendix, appendixNumber, schedule, scheduleNumber] =
    match;
  if (article !== undefined) {
    const chain = [...(addenda !== undefined ? ["부칙"] : []), branch === undefined ? `${article}조` : `${article}조의${branch}`];
    const paragraphNumber = paragraph ?? (circled !== undefined ? String(circledNumber(circled)) : undefined);
    if (paragraphNumber !== undefined) chain.push(`${paragraphNumber}항`);
    if (item !== undefined) chain.push(`${item}호`);
    if (subitem !== undefined) chain.push(`${subitem}목`);
    return [chain];
  }
  if (section !== undefined) {
    const items = [...(sectionItems ?? "").matchAll(/\(([a-z]{1,4})\)/giu)].map((part) => `(${part[1]!.toLowerCase()})`);
    return [[`s${section}`, ...items]];
  }
  if (englishArticle !== undefined) return [[`a${englishArticle.toLowerCase()}`]];
  if (appendix !== undefined) return [[`${appendix}${appendixNumber}`]];
  if (schedule !== undefined) return [[`${schedule.toLowerCase()}${scheduleNumber!.toLowerCase()}`]];
  return [];
}

/** "§12조", "§12조.2항", "§12조.2항.1호" for each prefix of a chain. */
function keysOfChain(chain: readonly string[]): string[] {
  const keys: string[] = [];
  let key = "§";
  for (const part of chain) {
    key += key === "§" || part.startsWith("(") ? part : `.${part}`;
    keys.push(key);
  }
  return keys;
}

/**
 * Clause keys a text names: a query ("제12조 2항", "Section 4.2(b) says") or a stored clause path. Only explicit
 * references count; plain numbers do not.
 */
export function clauseKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const match of text.normalize("NFC").matchAll(REFERENCE)) {
    for (const chain of keyChains(match)) for (const key of keysOfChain(chain)) keys.add(key);
  }
  return [...keys];
}

/**
 * The clause keys a stored chunk is found by: those of its clause path, and of every item that begins inside its
 * text ("1." under 제2항 → §12조.2항.1호). Ingest and reindex both call this with what the store keeps, so the index
 * holds the same terms either way.
 */
export function chunkClauseKeys(clausePath: string | null, text: string): string[] {
  if (clausePath === null) return [];
  const keys = clauseKeys(clausePath);
  const deepest = keys.at(-1);
  if (deepest === undefined) return keys;
  const korean = deepest.includes("조");
  const open: ClausePart = korean ? { kind: "article", label: "제0조", key: "0조" } : { kind: "article", label: "Article 0", key: "a0" };
  const out = new Set(keys);
  for (const boundary of clauseBoundaries(text, [open])) {
    const tail = boundary.path.filter((part) => part.kind === "item" || part.kind === "subitem").map((part) => part.key);
    if (tail.length === 0 || boundary.path[0]?.key !== open.key) continue;
    let key = deepest;
    for (const part of tail) {
      key = korean ? `${key}.${part}` : `${key}${part}`;
      out.add(key);
    }
  }
  return [...out];
}
