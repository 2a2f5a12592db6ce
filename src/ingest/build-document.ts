import { startsAppendix, startsKoreanArticle } from "./clauses.ts";
import { markContentsAndIndex, numberedHeadingLevel } from "./structure.ts";
import type { Block, Furniture, ParsedDocument } from "./types.ts";

/** A block as a parser produces it, before its offsets in the document text are known. */
export type BlockDraft = Omit<Block, "start" | "end">;

export interface DocumentMeta {
  title: string | null;
  pageCount: number | null;
  warnings: string[];
  /** Headers, footers and navigation the parser took out of the text; none when absent. */
  furniture?: Furniture[];
  /**
   * Numbered lines on a page may be taken for headings too. A PDF's pages hold lines whose look (pdf-layout) already
   * told headings from text; an HWP's pages come from the word processor's layout and say nothing about headings.
   */
  numberedHeadingsOnPages?: boolean;
}

/** Blocks are separated by one blank line, so paragraph boundaries survive in the flat text. */
export const BLOCK_SEPARATOR = "\n\n";

/**
 * Lays blocks out into one normalised text and records where each block sits in it. Every parser goes through
 * here, so the `ParsedDocument` invariants (blocks joined by "\n\n", exact offsets, NFC) hold by construction.
 * Blocks that are empty after normalisation are dropped rather than kept as zero-length blocks.
 */
export function buildDocument(parsed: readonly BlockDraft[], meta: DocumentMeta): ParsedDocument {
  const drafts = splitAnsweredQuestions(parsed.map((draft) => ({ ...draft })));
  markContentsAndIndex(drafts);
  inferNumberedHeadings(drafts, meta.numberedHeadingsOnPages === true);
  nestStatuteHeadings(drafts);
  headSectionBoxes(drafts);
  const blocks: Block[] = [];
  let text = "";
  for (const draft of drafts) {
    const blockText = joinLetterSpaced(normaliseBlockText(draft.text, draft.kind === "code"), draft.kind);
    if (blockText === "") continue;
    if (blocks.length > 0) text += BLOCK_SEPARATOR;
    const start = text.length;
    text += blockText;
    const block: Block = { kind: draft.kind, text: blockText, page: draft.page, start, end: text.length };
    if (draft.level !== undefined) block.level = draft.level;
    if (draft.role !== undefined && draft.role !== "body") block.role = draft.role;
    if (draft.section !== undefined) block.section = draft.section.map(collapseWhitespace);
    blocks.push(block);
  }
  // A title spaced out to fill its line ("제 안 요 청 서") is one word, as its block's text is.
  const title = meta.title === null ? null : joinLetterSpacedWord(collapseWhitespace(composedText(meta.title)));
  return {
    title: title === "" ? null : title,
    text,
    blocks,
    pageCount: meta.pageCount,
    warnings: meta.warnings,
    furniture: (meta.furniture ?? [])
      .map((line) => ({ ...line, text: collapseWhitespace(composedText(line.text)) }))
      .filter((line) => line.text !== ""),
  };
}

/**
 * Paragraphs numbered like headings become headings when the parser found no headings at all (HWP files without
 * outline styles, plain text): "제3장 …", "3.2 …", short and not a sentence; a statute's divisions ("제3장 …") also
 * when it found some. FAQ questions ("Q. …", "Q1: …")
 * become headings one level below the section around them in any document, so each answer carries its question.
 */
function inferNumberedHeadings(drafts: BlockDraft[], onPages: boolean): void {
  const hasHeadings = drafts.some((draft) => draft.kind === "heading");
  const inferred = new Set<BlockDraft>();
  let sectionLevel = 0;
  // Inside an article (제N조) its items ("1. 기업신용등급제공업무", "가. …") follow until the next division: a Word
  // 지침 typed in one body style read them as sections, and every later article sat under its last item.
  let inArticle = false;
  // The level of the statute division (제N편/장/절/관) in force: a numbered title after "제 1 장 …" is a section of it.
  let divisionLevel = 0;
  // After a lead-in to items ("다음 각 호"), until a line that is no item.
  let itemsFollow = false;
  // A statute with parts (제N편, 제N부) sets its chapters, sections and sub-sections one level below them; at the same
  // level, each chapter replaced its part in the section path.
  const hasParts = drafts.some((draft) => STATUTE_PART.test(draft.text.trim()) && draft.text.trim().length <= 80);
  // A government report typed without outline styles ("Ⅰ. 일반현황", its parts "󰊱 기구 및 조직 현황" in 한컴's circled
  // numbers): whether a part-numbered heading was seen, under which the circled numbers are sections.
  let romanSeen = false;
  // Under a Roman part in force, its kinds of section number in the order they first came: a 업무보고 sets its circled
  // sections above its "1." ones (Ⅰ > 󰊱 > 1.), a 교육청's 지침 below them (Ⅰ > 1. > 󰊱). Each kind keeps its tier.
  let partTiers: Array<"circled" | "numbered"> | null = null;
  const tierLevel = (tiers: Array<"circled" | "numbered">, kind: "circled" | "numbered") =>
    Math.min(6, 2 + (tiers.includes(kind) ? tiers.indexOf(kind) : tiers.push(kind) - 1));
  for (const [index, draft] of drafts.entries()) {
    if (draft.kind === "heading") {
      if (!isQuestion(draft.text)) sectionLevel = draft.level ?? 1;
      inArticle = false;
      divisionLevel = 0;
      partTiers = null;
      continue;
    }
    if (draft.kind !== "paragraph" || draft.role !== undefined || draft.section !== undefined) continue;
    const text = draft.text.trim();
    if (startsKoreanArticle(text)) {
      inArticle = true;
      itemsFollow = false;
      continue;
    }
    // "… 다음 각 호의 어느 하나의 기능을 갖추어야 한다." leads in to items, inside an article or an annex alike.
    if (itemsFollow && !ITEM_LABEL.test(text)) itemsFollow = false;
    if (ITEMS_LEAD_IN.test(text)) {
      itemsFollow = true;
      continue;
    }
    if (startsAppendix(text)) {
      itemsFollow = false;
      // An annex ("<별표2> 보안대책 마련 기준") is a unit of its own: its "1. 접근통제" are its sections again.
      inArticle = false;
      divisionLevel = 0;
      partTiers = null;
      continue;
    }
    if (text.includes("\n") || text.length > 150) continue;
    if (isQuestion(text)) {
      draft.kind = "heading";
      draft.level = Math.min(6, sectionLevel + 1);
      continue;
    }
    if (draft.page !== null && !onPages) continue;
    // An exam's question is a section whatever its length or its first word: "2. … 고른 것은? (단, A∼C는 …
    // 중 하나임.)", "1. 4^{ - {1} over {2}} × 8^{ {1} over {3}} 의 값은? [2점]" stayed paragraphs, and their choices
    // sat under the question before.
    const question = QUESTION_LINE.test(text);
    if (text.length > (question ? 150 : 80)) continue;
    const division = STATUTE_DIVISION.test(text);
    // Where the parser marked headings, only a statute's own divisions (제N편/장/절/관) are taken besides: a Word
    // regulation often styles its title a heading and types its chapters as plain paragraphs.
    if ((hasHeadings || inArticle || itemsFollow) && !division) continue;
    if (onPages && !division) {
      const tier = reportTier(drafts, index, romanSeen);
      if (tier !== null) {
        if (tier === "part") {
          romanSeen = true;
          partTiers = [];
        }
        const level = tier === "part" ? 1 : tierLevel(partTiers ?? [], "circled");
        draft.kind = "heading";
        draft.level = level;
        sectionLevel = level;
        divisionLevel = 0;
        continue;
      }
    }
    let level = question ? 1 : (numberedHeadingLevel(text, sectionLevel + 1) ?? (onPages ? hyphenNumberedLevel(text) : null));
    // A title may ask ("1.1. 데비안이란?"); a line ending as a statement does is a sentence.
    if (level === null || /[.!。]$/.test(text)) continue;
    if (division) {
      if (hasParts && !STATUTE_PART.test(text)) level = Math.min(6, level + 1);
      divisionLevel = level;
      inArticle = false;
      itemsFollow = false;
      partTiers = null;
    } else if (partTiers !== null) {
      // "1." under a part takes the numbered sections' tier there; "1.1" and "1-1" go as far below it as they nest.
      level = Math.min(6, tierLevel(partTiers, "numbered") + level - 1);
    } else if (divisionLevel > 0) {
      // "1." under a chapter is one below it; "1.1" keeps its own depth unless the chapter is deeper.
      level = Math.min(6, level === 1 ? divisionLevel + 1 : Math.max(level, divisionLevel + 1));
    }
    draft.kind = "heading";
    draft.level = level;
    sectionLevel = level;
    inferred.add(draft);
  }
  // Numbered lines one after another at one level with nothing under any of them are items, not sections: a 서약서's
  // six "유의사항" ("1. 참가 자격에 결격사항 발생 시 … 회수 조치"), a 요구사항정의서's list of its parts. As sections,
  // what followed the last sat under it. A statute's divisions stay.
  let run: BlockDraft[] = [];
  const endRun = (): void => {
    if (run.length >= ITEM_RUN) for (const item of run) (item.kind = "paragraph"), delete item.level;
    run = [];
  };
  for (const draft of drafts) {
    if (!inferred.has(draft) || STATUTE_DIVISION.test(draft.text.trim())) endRun();
    else {
      // The run goes on with the next number at the same level ("1.", "2.", "3."); a "1." after "3." starts another.
      const last = run.at(-1);
      if (last !== undefined && (last.level !== draft.level || itemNumber(draft.text) !== itemNumber(last.text) + 1)) endRun();
      run.push(draft);
    }
  }
  endRun();
}

/** The last figure of a line's number ("3" of "2.3 범위"), or NaN. */
function itemNumber(text: string): number {
  return Number(/^\s*(?:\d{1,2}\.)*(\d{1,2})/.exec(text)?.[1] ?? Number.NaN);
}

/** This many inferred numbered titles in a row, with no text under them, are a list's items. */
const ITEM_RUN = 3;

/**
 * A statute's divisions marked as headings nest by their rank (편/부 > 장 > 절 > 관 > 조), whatever level the file
 * gave them. A Google Docs 취업규칙 styles 제4장 and its 제1절 both Heading 1 and its articles Heading 2: each section
 * replaced its chapter in the section path, and the chapter's name was lost from every article under a section. A
 * division at or above the level of the higher division in force goes one level below it; other headings keep their
 * level and close the divisions at or below it, as they close sections in the path. 부칙 and the annexes and forms
 * (별표, 별지) end the divisions: set below the chapters, they sat under the last chapter.
 */
function nestStatuteHeadings(drafts: BlockDraft[]): void {
  const open: { rank: number | null; level: number }[] = [];
  // The level of the document's parts or chapters, once one was seen: where 부칙 and the annexes belong.
  let chapterLevel: number | null = null;
  for (const draft of drafts) {
    if (draft.kind !== "heading") continue;
    const text = draft.text.trim();
    const rank = statuteRank(text);
    let level = draft.level ?? 1;
    if (rank === null) {
      if (chapterLevel !== null && chapterLevel < level && (startsAppendix(text) || /^부\s*칙(?:\s|$|[(（])/.test(text))) {
        level = chapterLevel;
        draft.level = level;
      }
      while (open.length > 0 && open.at(-1)!.level >= level) open.pop();
    } else {
      while (open.length > 0 && (open.at(-1)!.rank === null ? open.at(-1)!.level >= level : open.at(-1)!.rank! >= rank)) open.pop();
      const enclosing = open.at(-1);
      if (enclosing !== undefined && enclosing.rank !== null && level <= enclosing.level) {
        level = Math.min(6, enclosing.level + 1);
        draft.level = level;
      }
    }
    if (rank !== null && rank <= 1) chapterLevel = Math.min(chapterLevel ?? level, level);
    open.push({ rank, level });
  }
}

const DIVISION_RANK: Readonly<Record<string, number>> = { 편: 0, 부: 0, 장: 1, 절: 2, 관: 3 };

/** 0 for a part (제N편/제N부), 1 a chapter, 2 a section, 3 a sub-section, 4 an article; null for any other heading. */
function statuteRank(text: string): number | null {
  if (startsKoreanArticle(text)) return 4;
  const division = /^제\s*\d+\s*(?:([편부])(?=\s|$)|([장절관]))/.exec(text);
  return division === null ? null : DIVISION_RANK[division[1] ?? division[2]!]!;
}

/**
 * Paragraphs that hold no letter and no digit: a form's empty bullets left for the applicant ("◦", "-" under each
 * heading of a 사업계획서 template) and typed rules ("-----" under each section of a 입찰공고). Hancom prints them as
 * marks; as text they are noise in every passage quoted around them. Tables stay, whatever their cells hold.
 */
export function withoutBareMarks(drafts: readonly BlockDraft[]): BlockDraft[] {
  // A circled letter ("㉠" over a 수능 passage's box) is a label the questions point at.
  return drafts.filter((draft) => draft.kind === "table" || /[\p{L}\p{N}\u3260-\u327f\u24b6-\u24e9]/u.test(draft.text));
}

/**
 * The title of a word-processor file without one in its metadata (HWP, HWPX): the line it opens with, tables aside,
 * when that is a heading or a short paragraph (a press release's headline, "제안요청서", a notice's "… 공고 제2026-0320호");
 * else its first heading. A report's later "1. 웹한글기안기 제품소개" does not name it when it opened with its title.
 */
export function openingTitle(drafts: readonly BlockDraft[], furniture: readonly Furniture[] = []): string | null {
  const texts = drafts.filter((draft) => draft.kind !== "table" && draft.text.trim() !== "");
  // A 공문 names itself on its 제목 line, under the sender's name and 수신 (and 경유): "제 목 출판 기획 … 협의 건".
  const subject = officialLetterSubject(drafts);
  if (subject !== null) return subject;
  // A form opens with notes to whoever fills it in ("※ 신청서 작성에 어려움이 있는 경우에는 …", "* 표지의 굵은 선 안은
  // 기재하지 마십시오.", "【붙임1】 * …"), a notice with its sender's letterhead ("우편번호 : 30148", "주소: …",
  // "홈페이지 : http://…"): they name nothing, unless the document is nothing else.
  const naming = (draft: BlockDraft) => !OPENING_NOTE.test(draft.text.trim()) && !LETTERHEAD.test(draft.text.trim());
  const lines = texts.some(naming) ? texts.filter(naming) : texts;
  // A form or annex opens with its label ("[붙임 1]", "<별지 제2호 서식>", "[2026-기술개발사업-신청용 계획서]") above
  // its title: the short line under it names it.
  const label = lines[0] !== undefined && (ANNEX_LABEL.test(lines[0].text.trim()) || BRACKETED_TAG.test(lines[0].text.trim()));
  const at = label && lines[1] !== undefined && lines[1].text.trim().length <= 120 ? 1 : 0;
  const first = lines[at];
  // A 가정통신문 opens with its banner, a table whose cell quotes the notice's name ("| 「 초등학생 대상 범죄 예방 안내
  // (재강조)」 | 솔숲 교육 소식 …"), and then its greeting: a sentence names nothing when the banner does.
  if (first === undefined || SENTENCE_END.test(first.text.trim())) {
    const banner = quotedBannerTitle(drafts, first);
    if (banner !== null) return banner;
  }
  // A press release may set its headline in the last row of its header table, over a body that opens with a sentence.
  if (first === undefined || SENTENCE_END.test(first.text.trim()) || first.text.trim().length > 120) {
    const headline = pressReleaseHeadline(drafts, first);
    if (headline !== null) return headline;
  }
  // A headline set over two lines, the first ending in a comma, is one title: "… 최초 발사하는 한국형발사체," / "국민이 정한 그 이름은 ｢누리｣".
  // So is a title broken after words that lead into the rest: "AI 기반 적정공사비 산출을 위한" / "공사비 변경 LLM 서비스
  // 프로토타입 개발" on a 과업지시서's cover.
  const second = lines[at + 1];
  if (first !== undefined && TITLE_GOES_ON.test(first.text.trim()) && first.text.trim().length <= 80 && second !== undefined && second.text.trim().length <= 80) {
    return `${first.text.trim()} ${second.text.trim()}`;
  }
  // A cover sets its title in a box over its date and its issuer ("2024. 8." / "(정책기획조정관)"): the date names nothing.
  if (first !== undefined && COVER_DATE.test(first.text.trim())) {
    const boxed = coverBoxTitle(drafts, first);
    if (boxed !== null) return boxed;
  }
  // A form or plan opens with a table whose first row is its title over the applicant's rows ("제조AI특화 스마트공장
  // 구축지원사업 사업계획서" over "도입기업명 |  | 공급기업명 |"), its first line the first numbered section: the title
  // row names it, not "1. 제조AI특화 스마트공장 구축 개요".
  if (first !== undefined && isNumberedSection(first.text)) {
    const titleRow = openingTableTitle(drafts, first);
    if (titleRow !== null) return titleRow;
  }
  // An exam paper opens with its first question ("1. … 의 값은? [2점]") or an instruction to the candidates ("◦ 인쇄된
  // 문항지의 … 확인하시오."); its page header names it ("수학 영역", "2026학년도 2학년 1학기 1차 정기시험 정보과 문항지").
  if (first !== undefined && (QUESTION_LINE.test(first.text.trim()) || INSTRUCTION_LINE.test(first.text.trim()))) {
    const header = furniture.find((item) => item.position === "header" && isHeaderTitle(item.text));
    if (header !== undefined) return header.text.trim();
  }
  if (first !== undefined && (first.kind === "heading" || first.text.trim().length <= 120)) return first.text;
  return drafts.find((draft) => draft.kind === "heading")?.text ?? null;
}

/**
 * A numbered question: "1. 다음 빈칸에 알맞은 것은? [3.8점]", "3. … 의 값은? [2점]", "2. … 고른 것은? (단, A∼C는 각각 …
 * 중 하나임.)": its mark and the condition it sets ("(단, …)", itself holding brackets at most one deep) after it.
 */
const QUESTION_LINE =
  /^\d{1,3}\.\s.*[?？]\s*(?:[(（]\s*단\s*[,，][^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*[)）]\s*)?(?:[[(［（]\s*\d+(?:\.\d+)?\s*점\s*[\])］）])?$/;

/** A bulleted instruction: "◦ 답안지에 … 작성하시오.", "○ … 확인하시오." */
const INSTRUCTION_LINE = /^[◦○●•∘·▪-]\s*\S.*(?:시오|십시오|세요)\s*[.!]?$/;

/** A page header that can name a document: short words, no page number alone, no sentence. */
function isHeaderTitle(text: string): boolean {
  const line = text.trim();
  return line.length <= 80 && (line.match(/\p{L}/gu)?.length ?? 0) >= 4 && !/[.!?。]$/.test(line);
}

/** A numbered section's line: "1. 개요", "1.1 목적", "Ⅰ. 사업개요", "제1장 총칙", "제1조(목적)". */
function isNumberedSection(text: string): boolean {
  const line = text.trim();
  return startsKoreanArticle(line) || numberedHeadingLevel(line, 1) !== null || /^\d{1,2}(?:\.\d{1,2})*\.?\s/.test(line);
}

/**
 * The title row of a table before the first line: a first row that is one cell of short words, no sentence, over
 * more rows. A one-row box ("| 보도자료 |") is a banner, not a form's head.
 */
function openingTableTitle(drafts: readonly BlockDraft[], first: BlockDraft): string | null {
  for (const draft of drafts) {
    if (draft === first) break;
    if (draft.kind !== "table" || draft.role !== undefined) continue;
    const [head, ...rows] = draft.text.split("\n");
    if (rows.length === 0 || head!.includes(" / ")) continue;
    const cells = rowCells(head!);
    if (cells.length !== 1) continue;
    const title = cells[0]!;
    if (title.length >= 4 && title.length <= 80 && /\p{L}/u.test(title) && !/[.!?。]/.test(title)) return title;
  }
  return null;
}

/** A cover's date alone on its line: "2024. 8.", "2025. 4. 10.(목)", "2025년 3월 4일", "'25. 7.". */
const COVER_DATE = /^(?:\d{4}|['’‘]\d{2})\s*(?:\.|년)\s*\d{1,2}\s*(?:\.|월)(?:\s*\d{1,2}\s*(?:\.|일))?\s*(?:[(（][월화수목금토일][)）])?$/;

/** A press release's banner, no title: "보도자료", "보도참고자료", "해명자료", "설명자료". */
const BANNER = /^(?:보\s*도|해\s*명|설\s*명)\s*(?:참\s*고\s*)?자\s*료$/;

/**
 * The title a cover's box holds before its first line: a table of one line in one cell (spacer rows and cells
 * empty), short words, no sentence, no banner.
 */
function coverBoxTitle(drafts: readonly BlockDraft[], first: BlockDraft): string | null {
  for (const draft of drafts) {
    if (draft === first) break;
    if (draft.kind !== "table" || draft.role !== undefined || draft.text.includes("\n")) continue;
    const cells = rowCells(draft.text);
    if (cells.length !== 1) continue;
    const title = cells[0]!;
    if (title.length >= 4 && title.length <= 120 && /\p{L}/u.test(title) && !SENTENCE_END.test(title) && !BANNER.test(title)) return title;
  }
  return null;
}

/**
 * The headline a press release's header table holds in its last row, alone in its cell, under the "보도자료" banner
 * and the contacts: "서울시, 양재천‧합정 등 … 봄맞이행사 개최", its sub-headlines ("- 양재천길, … 진행 -") cut off.
 */
function pressReleaseHeadline(drafts: readonly BlockDraft[], first: BlockDraft | undefined): string | null {
  for (const draft of drafts) {
    if (draft === first) break;
    if (draft.kind !== "table" || draft.role !== undefined) continue;
    const rows = draft.text.split("\n").map(rowCells);
    if (rows.length < 2 || !rows.some((cells) => cells.some((cell) => BANNER.test(cell)))) continue;
    const last = rows.at(-1)!;
    if (last.length !== 1) continue;
    const headline = last[0]!.split(" - ")[0]!.trim();
    if (headline.length >= 8 && headline.length <= 120 && /\p{L}/u.test(headline) && !SENTENCE_END.test(headline) && !BANNER.test(headline)) return headline;
  }
  return null;
}

/** A sentence's end: "… 감사드립니다.", "… 하시기 바랍니다.", "안녕하세요?". */
const SENTENCE_END = /(?:다|요|니다|까|음|함)\s*[.?!。]$/;

/** The name a table before the first line quotes in a cell of its own: 「…」 or 『…』. */
function quotedBannerTitle(drafts: readonly BlockDraft[], first: BlockDraft | undefined): string | null {
  for (const draft of drafts) {
    if (draft === first || draft.kind !== "table") break;
    for (const cell of draft.text.split(/\n| \| /)) {
      const quoted = /^\s*[「『]\s*([^「」『』]{2,80}?)\s*[」』]\s*$/.exec(cell);
      if (quoted !== null && /\p{L}/u.test(quoted[1]!)) return quoted[1]!;
    }
  }
  return null;
}

/** A title's line that cannot end it: a comma, or a word leading into more ("…을 위한", "…에 관한", "… 및"). */
const TITLE_GOES_ON = /(?:,|(?:^|\s|[을를에의로])(?:위한|대한|관한|따른|통한|향한|의한|관련한|및))$/;

/** A letterhead's line: a postcode, an address, a web site, a telephone or fax number, an e-mail address, each labelled. */
const LETTERHEAD =
  /^(?:우\s*편\s*번\s*호|우\)|주\s*소|홈\s*페\s*이\s*지|전\s*화(?:\s*번\s*호)?|팩\s*스|전\s*송|이\s*메\s*일|e-?mail|tel|fax|homepage)\s*[:：)]/i;

/**
 * The subject of a 공문: "제목 …" or "제 목: …" within its opening lines, after its 수신 line. A 시행문 sets its
 * letterhead in a table, one row a line ("수신 | 국토교통부장관(…)", "(경유) |", "제목 | 소규모주택정비사업 추진실적
 * 제출"): a row is read as the line it stands for, its cells one after another.
 */
function officialLetterSubject(drafts: readonly BlockDraft[]): string | null {
  const head = openingLines(drafts, LETTER_HEAD_LINES);
  const addressee = head.findIndex((text) => /^수\s*신(?:자)?\s*[:：]?\s/.test(text) || /^수\s*신(?:자)?$/.test(text));
  if (addressee < 0) return null;
  for (const text of head.slice(addressee + 1, addressee + 4)) {
    const subject = letterSubject(text);
    if (subject !== null) return subject;
  }
  return null;
}

/** How many lines (a table's rows each one) open a 공문 down to its 제목. */
const LETTER_HEAD_LINES = 12;

/** A 공문's subject line: "제목 …", "제 목: …", "제    목 : 유지보수 계약 갱신 안내". */
const SUBJECT_LINE = /^제\s*목(?:\s*[:：]\s*|\s+)(\S.{1,150})$/;

/**
 * The subject a 공문's 제목 line gives ("유지보수 계약 갱신 안내" of "제 목 : 유지보수 계약 갱신 안내"), or null for
 * any other line. One reading for every format: HWP and HWPX (here), DOCX and HTML (a bold subject line).
 */
export function letterSubject(line: string): string | null {
  return SUBJECT_LINE.exec(line.trim())?.[1]!.trim() ?? null;
}

/** A table row's cells with text, trimmed: "수신 |  | 국토교통부장관" → ["수신", "국토교통부장관"]. */
function rowCells(row: string): string[] {
  return row.split(/\s*\|\s*/).map((cell) => cell.trim()).filter((cell) => cell !== "");
}

/** The first `count` lines with text: paragraphs as they are, a table's rows each as its non-empty cells in a line. */
function openingLines(drafts: readonly BlockDraft[], count: number): string[] {
  const lines: string[] = [];
  for (const draft of drafts) {
    const rows =
      draft.kind === "table"
        ? draft.text.split("\n").map((row) => rowCells(row).join(" "))
        : [draft.text.trim()];
    for (const row of rows) {
      if (row === "") continue;
      lines.push(row);
      if (lines.length === count) return lines;
    }
  }
  return lines;
}

/**
 * A note line: "※ …" or "* …", after an annex's label if any ("【붙임1】 * 표지의 굵은 선 안은 기재하지 마십시오."), or a
 * form's label with its note after an underscore ("[별지 제1호 서식] _ 서명란에 모두 서명 必 …", a 시청's 신청서).
 */
const OPENING_NOTE =
  /^(?:[[<(［〈《【]\s*(?:붙\s*임|별\s*첨|첨\s*부|참\s*고|별\s*지|별\s*표|서\s*식)\s*(?:제?\s*\d{1,3}(?:-\d{1,3})?\s*호?)?(?:\s*서\s*식)?\s*[\]>)］〉》】]\s*[※*_]|[※*])/;

/** An annex's or form's label alone on its line: "[붙임 1]", "붙임2", "<별지 제2호 서식>", "[별표 3]", "참고1", "(별첨)". */
const ANNEX_LABEL =
  /^[[<(［〈《【]?\s*(?:붙\s*임|별\s*첨|첨\s*부|참\s*고|별\s*지|별\s*표|서\s*식)\s*(?:제?\s*\d{1,3}(?:-\d{1,3})?\s*호?)?\s*(?:서\s*식)?\s*[\]>)］〉》】]?$/;

/** A line that is only a bracketed tag: "[보도자료]", "[2026-기술개발사업-신청용 계획서]", "【서식 1】". */
const BRACKETED_TAG = /^(?:\[[^[\]]{1,40}\]|【[^【】]{1,40}】)$/;

/**
 * Korean reports, notices and press releases draw each section's title in a one-row box: the section's number or an
 * annex's label in one cell, the title in another, with empty spacer cells between ("Ⅰ |  | 사업개요", "1 |  | 신청
 * 방법 및 접수 기간 |", "별첨 |  | 세부 통계", "참고 | 정부혁신 비전 및 추진전략"). Read as a table row it headed
 * nothing: a 23-page 공고 had no section path at all. Such a box is a level-1 heading ("Ⅰ 사업개요"), and the headings
 * after the first box sit one level below the boxes ("1. 사업일반" under "Ⅰ 사업개요", "1. 분기별 동향" under "별첨 …").
 */
function headSectionBoxes(drafts: BlockDraft[]): void {
  let boxed = false;
  // The level of the section in force, under which a boxed question ("질문 1 |  | …?") heads its answer, and the level
  // of the question boxes under it: the next question closes a heading inside the answer before it.
  let sectionLevel = 0;
  let questionLevel: number | null = null;
  const opened = (level: number): void => {
    sectionLevel = level;
    if (questionLevel !== null && level < questionLevel) questionLevel = null;
  };
  for (let index = 0; index < drafts.length; index++) {
    const draft = drafts[index]!;
    if (draft.kind === "table" && draft.role === undefined) {
      const question = questionBoxTitle(draft.text);
      if (question !== null) {
        questionLevel ??= Math.min(6, sectionLevel + 1);
        draft.kind = "heading";
        draft.level = questionLevel;
        draft.text = question;
        continue;
      }
      const title = sectionBoxTitle(draft.text);
      if (title !== null) {
        draft.kind = "heading";
        draft.level = 1;
        draft.text = title;
        boxed = true;
        opened(1);
        continue;
      }
    }
    // An annex labelled on a line of its own, its title on the next ("[붙임 4]" / "2026학년도 전공(심화)동아리 지도
    // 일지"), is a section as a boxed annex is: a 가정통신문's forms each under their own.
    const next = drafts[index + 1];
    if (next !== undefined && isAnnexLabelLine(draft) && isShortTitle(next)) {
      draft.kind = "heading";
      draft.level = 1;
      draft.text = `${draft.text.trim()} ${next.text.trim()}`;
      drafts.splice(index + 1, 1);
      boxed = true;
      opened(1);
      continue;
    }
    if (boxed && draft.kind === "heading") draft.level = Math.min(6, (draft.level ?? 1) + 1);
    if (draft.kind === "heading" && !isQuestion(draft.text)) opened(draft.level ?? 1);
  }
}

/** A question's number as a Q&A box prints it: "질문 1", "Q1", "Q 2.", "문 3". */
const QUESTION_BOX_LABEL = /^(?:질\s*문|Q|문)\s*\d{1,3}\.?$/i;

/**
 * "질문 1 옵디보주 … 어떻게 되나요?" for a one-row table "질문 1 |  | 옵디보주 … 어떻게 되나요?": a question's number and
 * its question (or its subject, "… 급여기준 질의사항"), nothing else.
 */
function questionBoxTitle(table: string): string | null {
  if (table.includes("\n") || table.includes(" / ")) return null;
  const cells = rowCells(table);
  if (cells.length !== 2 || !QUESTION_BOX_LABEL.test(cells[0]!)) return null;
  const question = cells[1]!;
  return question.length >= 4 && question.length <= 200 && /\p{L}{2}/u.test(question) ? `${cells[0]} ${question}` : null;
}

/** "[붙임 4]", "<붙임 3>", "별첨 2", "참고": an attachment's label alone in a paragraph (별표/별지 are clauses' appendices). */
const ANNEX_LABEL_LINE = /^[[<(［〈《【]?\s*(?:붙\s*임|별\s*첨|첨\s*부|참\s*고)\s*(?:\d{1,2}(?:-\d{1,2})?)?\s*[\]>)］〉》】]?$/;

function isAnnexLabelLine(draft: BlockDraft): boolean {
  return draft.kind === "paragraph" && draft.role === undefined && draft.section === undefined && ANNEX_LABEL_LINE.test(draft.text.trim());
}

/** A form's or annex's title: one short line that is no sentence and no label itself. */
function isShortTitle(draft: BlockDraft): boolean {
  const text = draft.text.trim();
  return (
    (draft.kind === "paragraph" || draft.kind === "heading") &&
    draft.role === undefined &&
    draft.section === undefined &&
    text.length >= 2 &&
    text.length <= 80 &&
    !text.includes("\n") &&
    /\p{L}/u.test(text) &&
    !/[.!?。]$/.test(text) &&
    !ANNEX_LABEL_LINE.test(text)
  );
}

/** A section's number (1, Ⅱ, IV) or an annex's label (별첨, 참고 2, 붙임) as a section box prints it. */
const SECTION_BOX_LABEL = /^(?:\d{1,2}|[\u2160-\u216b]|[IVX]{1,5}|(?:별첨|참고|붙임|첨부|부록)(?:\s*\d{1,2})?)\.?$/;

/** "Ⅰ 사업개요" for a one-row table "Ⅰ |  | 사업개요": a label, a short title that is no sentence, nothing else. */
export function sectionBoxTitle(table: string): string | null {
  if (table.includes("\n") || table.includes(" / ")) return null;
  const cells = table.split(/\s*\|\s*/).filter((cell) => cell !== "");
  // The number and the title in one cell, the other cells a coloured bar: "Ⅰ. 자가진단표 |", "1. 문제인식 (Problem) |",
  // "Ⅱ-①. 창업기업 증빙 |" over the sections of a 중진공 신청서.
  const numbered = cells.length === 1 ? NUMBERED_BOX_TITLE.exec(cells[0]!) : null;
  if (numbered !== null) return isBoxTitle(numbered[1]!) ? cells[0]! : null;
  if (cells.length !== 2) return null;
  const [label, title] = cells as [string, string];
  if (!SECTION_BOX_LABEL.test(label) || !isBoxTitle(title)) return null;
  return `${label} ${title}`;
}

/** A section's title in a box: short words, no sentence, no label alone. */
function isBoxTitle(title: string): boolean {
  return title.length >= 2 && title.length <= 80 && /\p{L}/u.test(title) && !/[.!?。]$/.test(title) && !SECTION_BOX_LABEL.test(title);
}

/** A section number with its dot before the title in the same cell: "Ⅰ. ", "1. ", "Ⅱ-①. ", "2-1. ". */
const NUMBERED_BOX_TITLE = /^(?:\d{1,2}|[\u2160-\u216b]|[IVX]{1,5})(?:-(?:\d{1,2}|[\u2460-\u2473]))?\.\s*(\S.*)$/;

/**
 * A short title or header spaced out letter by letter to fill its width: 2–8 single Hangul syllables ("구    분",
 * "통 합 재 정 통 계" over each page of a monthly 통합재정통계). Nothing else in the block or cell: no prose is only
 * one-syllable words.
 */
const LETTER_SPACED = /^[\uac00-\ud7a3](?:[ \t\u00a0\u3000]+[\uac00-\ud7a3]){1,7}$/;

/**
 * Korean documents space a short title or table header out ("요 약", "목 차", "구 분", "비 고"): one word, which a
 * reader and a query write unspaced. A heading or paragraph that is nothing else, and each such table cell (cells
 * are " | "-separated in a row, rows one a line, a nested table's rows " / "-separated), is joined. Running prose is
 * never touched: a block with anything more than single syllables ("이 책을", "할 수 있다") does not match.
 */
function joinLetterSpaced(text: string, kind: BlockDraft["kind"]): string {
  const join = joinLetterSpacedWord;
  if (kind === "heading" || kind === "paragraph") return joinSpacedLabels(join(text));
  if (kind !== "table") return text;
  return joinSpacedLabels(
    text
      .split("\n")
      .map((row) => row.split(" | ").map((cell) => cell.split(" / ").map((part) => join(part)).join(" / ")).join(" | "))
      .join("\n"),
  );
}

/**
 * A label spaced out to the width of the longest in its column, before a colon: "가. 사 업 명: …", "다. 사 업 비:
 * 672,300,000원" under "라. 입찰방식: …" (an RFP's 사업개요). A query types "사업비". Only single syllables, 2–5 of
 * them, not glued to a syllable before, and then the colon: prose ("할 수 있음:") has longer words before it.
 */
function joinSpacedLabels(text: string): string {
  return text.replace(SPACED_LABEL, (_, before: string, label: string) => before + label.replace(/[ \t\u00a0\u3000]+/g, ""));
}

/** At the start of a line or a cell, after a list mark if any ("가.", "1)", "(2)", "○", "※"): the spaced label and its colon. */
const SPACED_LABEL = new RegExp(
  String.raw`((?:^|\n|\| )(?:(?:[가-하][.)]|\d{1,2}[.)]|\([가-하\d]{1,2}\)|[^\s\p{L}\p{N}]{1,2})[ \t\u00a0\u3000]+)?)` +
    String.raw`([\uac00-\ud7a3](?:[ \t\u00a0\u3000]+[\uac00-\ud7a3]){1,4})(?=[ \t\u00a0\u3000]*[:：])`,
  "gu",
);

/** The text without its spaces when it is a word spaced out letter by letter ("구    분" → "구분"), else as it is. */
export function joinLetterSpacedWord(text: string): string {
  const trimmed = text.trim();
  if (LETTER_SPACED.test(trimmed)) return text.replace(/[ \t\u00a0\u3000]+/g, "");
  // The same label in brackets, as forms and rulings head their rows ("[ 제 목 ]", "【 요 지 】"): the brackets and their
  // inner spaces stay, the word is joined. Only a matching pair encloses it.
  const bracketed = BRACKETED_LETTER_SPACED.exec(trimmed);
  if (bracketed === null || BRACKET_PAIRS[bracketed[1]!] !== bracketed[5]) return text;
  return `${bracketed[1]}${bracketed[2]}${bracketed[3]!.replace(/[ \t\u00a0\u3000]+/g, "")}${bracketed[4]}${bracketed[5]}`;
}

const BRACKET_PAIRS: Readonly<Record<string, string>> = { "[": "]", "［": "］", "【": "】", "<": ">", "〈": "〉", "《": "》", "「": "」", "『": "』" };
const BRACKETED_LETTER_SPACED = new RegExp(
  `^([[［【<〈《「『])([ \\t\\u00a0\\u3000]*)(${LETTER_SPACED.source.slice(1, -1)})([ \\t\\u00a0\\u3000]*)([\\]］】>〉》」』])$`,
);

/**
 * Korean forms number their sub-sections with hyphens: "1-1. 제품‧서비스의 개발동기", "3-2-1. 내수시장 확보 방안", "3-1.
 * 제출서류" under "3. 입찰참가자격". On an HWP page (as Hancom laid it out) such a line is a section as deep as its
 * number; the instructions under it ("※ … 기재") had no section of their own. A sentence or a line without words is not.
 */
function hyphenNumberedLevel(text: string): number | null {
  const numbered = /^(\d{1,2}(?:-\d{1,2}){1,3})\.?\s+(\S.*)$/.exec(text);
  if (numbered === null || !/\p{L}/u.test(numbered[2]!) || /^[\d,:;·…]/.test(numbered[2]!)) return null;
  if (/(?:다|요|니다|음|함|임)\s*[.。]$/.test(text) || /[,;]$/.test(text)) return null;
  return Math.min(6, numbered[1]!.split("-").length);
}

/** A part numbered with a Roman numeral, "Ⅰ. 일반현황", "Ⅲ 중점 추진과제". */
const ROMAN_PART = /^[\u2160-\u216b](?:\.\s*|\s+)(\S.*)$/;
/** A section numbered with one of 한컴's circled numbers (private use, U+F02B1…): "󰊱 기구 및 조직 현황". */
const HANCOM_CIRCLED = /^[\u{F02B1}-\u{F02C4}]\s*(\S.*)$/u;

/**
 * The tiers of a Korean government report typed without outline styles: "Ⅰ. 일반현황" is a part when sections follow
 * it, numbered in 한컴's circled numbers ("󰊱 기구 및 조직 현황") anywhere before the next part, or "1." on its next line
 * ("Ⅰ. 과업 개요" over "1. 과업명 : …" in a 과업 설명서). A 23-page 업무보고 had no section path at all. Roman numerals
 * alone prove nothing: a 입찰공고 lists the documents to submit as "Ⅰ. 입찰참가 자격 서류", "Ⅱ. 제안평가 자료". Not
 * a heading either: a line followed by another of its kind (a list of a proposal's chapters), a table of contents'
 * line ending in its page ("Ⅲ. 중점 추진과제 6"), a sentence, a label with its value ("󰊱 채용분야 : …").
 */
function reportTier(drafts: readonly BlockDraft[], index: number, romanSeen: boolean): "part" | "circled" | null {
  const text = drafts[index]!.text.trim();
  const next = drafts[index + 1]?.text.trim() ?? "";
  if (/(?:다|요|니다|음|함|임)\s*[.。]$/.test(text) || /[,;]$/.test(text) || /\s\d{1,3}$/.test(text)) return null;
  const roman = ROMAN_PART.exec(text);
  if (roman !== null) {
    if (!/\p{L}/u.test(roman[1]!) || ROMAN_PART.test(next)) return null;
    if (opensNumberedSections(drafts, index + 1)) return "part";
    for (const later of drafts.slice(index + 1, index + 400)) {
      const line = later.text.trim();
      if (ROMAN_PART.test(line)) return null;
      if (HANCOM_CIRCLED.test(line) && !/[:：]/.test(line)) return "part";
    }
    return null;
  }
  const circled = HANCOM_CIRCLED.exec(text);
  if (circled === null || !romanSeen || /[:：]/.test(text)) return null;
  return /\p{L}/u.test(circled[1]!) && !HANCOM_CIRCLED.test(next) ? "circled" : null;
}

/**
 * Whether the lines from `start` are numbered sections "1.", "2.", … with text under them: a part's sections. A
 * 제안요청서's outline of the proposal to write ("Ⅰ. 회사소개" / "1. 일반현황" / "2. 조직 및 인원" / "Ⅱ. 전략 및 방법론")
 * lists numbers with nothing under them, and ends at the next part or at a number out of turn.
 */
function opensNumberedSections(drafts: readonly BlockDraft[], start: number): boolean {
  let expected = 1;
  for (const draft of drafts.slice(start)) {
    const line = draft.text.trim();
    if (line === "") continue;
    if (numberedHeadingLevel(line, 1) === 1 && !/[.!。]$/.test(line)) {
      if (itemNumber(line) !== expected) return false;
      expected++;
      continue;
    }
    return expected > 1 && !ROMAN_PART.test(line) && numberedHeadingLevel(line, 1) === null;
  }
  return false;
}

const STATUTE_DIVISION = /^제\s*\d+\s*[편장절관]/;
const STATUTE_PART = /^제\s*\d+\s*[편부](?=\s|$)/;
/** A Korean lead-in to numbered items: "다음 각 호의 …", "다음 각 목의 …". */
const ITEMS_LEAD_IN = /다음\s*각\s*[호목]/;
/** An item's label: "1.", "가.", "(1)", "- ". */
const ITEM_LABEL = /^(?:\d{1,3}\.|[가-하]\.|\(\d{1,2}\)|[-·•]\s)/;

/**
 * An FAQ paragraph holding its question and its answer ("Q: How long does approval take? A: Typically 2-3 days.",
 * a Markdown FAQ's "**Q: …?**" with "A: …" on the next line, which Markdown joins into one paragraph): the question
 * and the answer become two paragraphs, so the question alone can become the answer's heading and the answer stays
 * text to quote.
 */
function splitAnsweredQuestions(drafts: BlockDraft[]): BlockDraft[] {
  return drafts.flatMap((draft) => {
    if (draft.kind !== "paragraph" || draft.role !== undefined || draft.section !== undefined) return [draft];
    const text = draft.text.trim();
    const asked = /^([^\n]*?[?？])[^\S\n]+(\S[\s\S]*)$/u.exec(text);
    if (asked === null || !isQuestion(asked[1]!) || asked[1]!.length > 150) return [draft];
    return [
      { ...draft, text: asked[1]! },
      { ...draft, text: asked[2]! },
    ];
  });
}

function isQuestion(text: string): boolean {
  return /^(?:Q\d*\s*[.:)]|질문\s*\d*\s*[.:)])\s*\S/.test(text.trim());
}

/**
 * Control characters other than tab and newline carry no text, and PostgreSQL cannot store NUL in
 * text or jsonb at all; PDFs do emit them (e.g. in index pages), so they go here, once for every parser.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Kangxi radicals (U+2F00–U+2FD5) stand for the ideographs they look like: a font's character map may name 工 as
 * ⼯ (Chromium's "Save as PDF" does), which no query types. Compatibility mapping (NFKC) gives the ideograph; it
 * has the same length, so offsets hold.
 */
const KANGXI_RADICALS = /[\u2f00-\u2fd5]/g;

/** Text as jikji stores it: composed (NFC), radicals as ideographs, without control characters. */
function composedText(raw: string): string {
  return raw.normalize("NFC").replace(KANGXI_RADICALS, (radical) => radical.normalize("NFKC")).replace(CONTROL_CHARACTERS, "");
}

/** Code keeps its indentation and inner blank lines; everything else is trimmed. */
function normaliseBlockText(raw: string, isCode: boolean): string {
  const text = composedText(raw).replace(/\r\n?/g, "\n");
  return isCode ? text.replace(/^(?:[ \t]*\n)+/, "").trimEnd() : text.trim();
}

/** Runs of whitespace (including NBSP and newlines) become one space; the ends are trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
