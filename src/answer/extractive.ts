/**
 * The answer when no model is configured: the sentences of the top passages that answer the question, each
 * followed by its `[n]`, numbered 1, 2, … in the order they are written, one quote per citation.
 *
 * A sentence is chosen for the question's words it holds (stemmed, without Korean question endings, weighted by how
 * rare each is among the candidate sentences), helped by the words of the sentences just around it and of its
 * section path; for the kind of fact the question asks for (a number for 몇/얼마/how many, a date for 언제/when, a
 * command or option for 어떤 명령/which option, a reason for 왜/why, steps for 어떻게/how do I, a definition for
 * 무엇/what is, the rule that decides a yes/no question), where a match the question itself holds does not count;
 * and for its passage's rank. A Korean question word also matches however a sentence spaces it (연차휴가 / 연차
 * 휴가), a Korean question word transcribing an English one finds it at half weight (인치 / inch, 파티션 /
 * partition: loanwords.ts), and words the corpus associates with a question word count when a caller supplies them
 * (options.related).
 * Sentences of the chunks search attached around a hit are candidates too, a little below the hit's own. Page
 * furniture is never quoted: headings, contents lines, page numbers, running headers (a line on two pages of one
 * document), a passage's section titles, and lines that only restate the question. A lead-in ("To remove it, run:",
 * "…다음 명령을 쓴다.") comes with the line it leads to; a sentence cut off by a page break or a chunk boundary brings
 * its neighbour. A table row (cells joined by " | ") is read as a row (`tableRows`): quoted as "label | value" however
 * short, read with its table's header row, and cut at cells when long.
 * Two levers are off by default (measured: BENCHMARKS.md "Extractive answers, tenth pass"): question words inherited
 * from a sentence's section path and the sentence before it (`inheritedWeight`), and the value asked for quoted from
 * next to a best sentence that holds none (`valueNeighbour`).
 */
import { pageAt } from "../retrieve/pages.ts";
import { isLayoutLine } from "../retrieve/layout.ts";
import { sectionLabel, type NeighbourChunk, type Passage } from "../retrieve/types.ts";
import { queryTerms, tokenize, wordsOf } from "../retrieve/tokenize.ts";
import stem from "wink-porter2-stemmer";
import type { Citation } from "./citations.ts";
import { hangulSkeleton, latinSkeletons } from "./loanwords.ts";
import { MAX_SPAN_CHARS, sentenceSpans, type Span } from "./sentences.ts";

export interface ExtractiveOptions {
  /** Sentences in the answer. */
  maxSentences?: number;
  /** Top passages whose sentences are considered. */
  maxPassages?: number;
  /** The scoring constants below, for bench/ to tune them on a split it can report. */
  tuning?: Partial<ExtractiveTuning>;
  /**
   * Words associated with a question word ("salvage" → recover, 0.8; 비밀번호 → 암호), for questions worded unlike
   * the document. A sentence holding an associated word counts for the question word at that weight times
   * `relatedWeight`. Nothing is associated by default: this is the hook for synonyms (src/retrieve/synonyms.ts) and
   * associations learned elsewhere. It is asked with the index tokenizer's terms; an answer of several terms
   * ("sign in", 패스워드) counts only in a sentence holding all of them.
   */
  related?: RelatedTerms;
  /**
   * The kind of fact asked for, when the caller knows it better than the question's wording does (agent assist
   * reads it from the words a customer asked with, not from the topic words it searches). Read from the question
   * otherwise.
   */
  kind?: QuestionKind;
  /**
   * Per passage, whether it was added for context (the rest of a hit's page: src/answer/page-context.ts) rather than
   * found by search. Such a passage follows its hit, counts at its hit's rank, at `pageContextWeight`, and does not
   * count against `maxPassages`. Absent: every passage is a hit.
   */
  context?: readonly boolean[];
}

export type RelatedTerms = (term: string) => ReadonlyArray<{ term: string; weight: number }>;

export interface ExtractiveTuning {
  /** Sentences scoring below this share of the best sentence's score are left out. */
  relativeFloor: number;
  /** Below this weighted share of the question's words, the best sentence does not answer it. */
  minCoverage: number;
  /** How much more a sentence of the kind the question asks for counts. */
  cueBonus: number;
  /** Once the best sentence holds the date or quantity asked for, only sentences holding one join it. */
  cueRequired: boolean;
  /** Each rank down costs a passage's sentences this share of their score. */
  rankDecay: number;
  /**
   * How much a question word counts when it is not in the sentence but in the sentence just before or after it
   * (the setting of a fact is often stated next to it: "When compressing, …" then "900,000 bytes (the default)").
   */
  contextWeight: number;
  /** How much a question word counts when it is only in the passage's section path. */
  sectionWeight: number;
  /** The share of the question a sentence must hold itself before its neighbours and section count for it. */
  ownForContext: number;
  /**
   * How much a sentence of a chunk search attached around a hit counts against the hit's own sentences
   * (0: neighbours are context only, never quoted on their own).
   */
  neighbourWeight: number;
  /** A cue match that the question itself holds ("한 줄" in "한 줄에는 몇 자…") is not the fact asked for. */
  cueOutsideQuestion: boolean;
  /** A Korean question word of several syllables matches whole however a sentence spaces it (글자 폭 / 글자폭). */
  spacingFree: boolean;
  /** A sentence announcing "the following command" brings the line after it, as a lead-in with a colon does. */
  followingLeadIns: boolean;
  /** How much an associated word (`related`) counts against the question's own word. */
  relatedWeight: number;
  /**
   * How much a Latin word of a sentence counts for a Korean question word that transcribes it (인치 / inch, 파티션 /
   * partition: the same consonant skeleton); 0: never.
   */
  loanwordWeight: number;
  /** The fewest consonants a skeleton needs to count: short ones (two) fit many words by chance. */
  loanwordConsonants: number;
  /** A sentence starting with a Korean particle brings the line before it (a displayed command it refers to). */
  particleFragments: boolean;
  /** A line of its own without a full stop (a table row) does not bring the next paragraph unless that goes on with it. */
  rowsAreWhole: boolean;
  /** A lead-in and the line it leads to (one chunk) are quoted as one, so the pair takes one of the answer's places. */
  leadInOneQuote: boolean;
  /** How much more a quantity counts when it stands next to the thing the question counts (인자를 몇 개 → 여섯 개의 … 인자). */
  focusBonus: number;
  /** Characters between a quantity and the counted word for the two to go together. */
  focusWindow: number;
  /** A figure or table caption on a line of its own is never quoted (a title, like a heading). */
  captionsAreFurniture: boolean;
  /**
   * A sentence from a document the answer does not quote yet joins it only from a passage ranked at most this many
   * places below the best sentence's (above it, always). Such a sentence shares a word or two with the question
   * ("한 번", "아래") while search, which weighs words over the whole corpus, ranked its passage far down; -1: no limit.
   */
  otherDocumentRanks: number;
  /** How much a sentence of a chunk added from a hit's page (`ExtractiveOptions.context`) counts against the hit's own. */
  pageContextWeight: number;
  /**
   * In a sentence without Hangul, how much a Korean question word with no associated word (`related`: nothing to
   * find it by in another language, like 풀지, 싶, 쓰 of "…검사하고 싶어요. 어떤 옵션을 쓰나요?") counts against the
   * sentence's coverage, once some Korean question word has associated words (the cross-language path gave them).
   * 1: as any other word (such a word, held by no English sentence, takes the rarest weight and keeps every English
   * sentence under `minCoverage`); lower: an English sentence is judged on the words it could hold, a Korean word in
   * it by its tokens that have associated words (확인하는: 확인, not 인하), and an associated word also matches its
   * de-/un- form (compress: decompress).
   */
  untranslatedWeight: number;
  /**
   * How much a question word a sentence lacks counts when the sentence's own section path (its chunk's heading path)
   * or the sentence just before it in its paragraph holds it, for any sentence holding some question word itself
   * (the body under a heading that matches the question rarely repeats the heading's words). 0: off, only the context
   * `ownForContext` allows. A sentence holding no question word never inherits: a question whose words are only in a
   * heading is not answered by the unrelated text under it.
   */
  inheritedWeight: number;
  /** With `inheritedWeight`, only the innermost heading of the section path counts (the outer ones name the manual). */
  inheritInnermost: boolean;
  /** What `inheritedWeight` reads: the section path and the sentence before ("both"), or one of them. */
  inheritFrom: "both" | "heading" | "previous";
  /**
   * For a question asking for a value (a date, a quantity, a default), when the best sentence holds none: the
   * sentence right after it (else right before it) in its passage that holds a value of the kind asked is quoted
   * with it, however little of the question it holds itself ("When compressing, …" / "900,000 bytes (the default)").
   */
  valueNeighbour: boolean;
  /** With `valueNeighbour`, a which-command/option question's name (a command, an option, a file name) counts as a value. */
  valueNeighbourNames: boolean;
  /**
   * When the first passage is an FAQ entry whose heading question holds every word asked, its first sentences are
   * the answer even when other sentences score higher (they are always the answer where nothing else would be).
   */
  faqEntryFirst: boolean;
  /**
   * Where nothing else would answer (every sentence under `minCoverage`), the first passage's FAQ entry also answers
   * when its heading question and the first sentence under it together hold this share of the question's words,
   * asked in other words ("가입하면 지금 쓰는 은행계좌가 해지되나요?" / "Q. 가입하면, 기존에 쓰던 해외송금 계좌는
   * 취소되나요?" / "아닙니다, … 은행계좌도 취소되거나 변경되지 않습니다."). 0: only an entry whose heading holds every word.
   */
  faqEntryShare: number;
  /**
   * A Latin name's bare digits count as a part of it (sapjco3.dll → sapjco, 3, dll): a sentence holding "3" holds a
   * quarter of the name. Off: only its words and its whole form count.
   */
  identifierDigits: boolean;
  /**
   * A question word naming a kind of value (주소, 사이트, URL, e-mail, 전화번호, extension) is held by a sentence holding
   * such a value ("방문예약 사이트 주소가 뭐예요?" / "visit.lg.com 을 통하여 접속하며 …").
   */
  valueClasses: boolean;
  /**
   * The same for an FAQ whose questions are lines of the text, not headings (a PDF manual's FAQ chapter, several
   * entries to a chunk): a line of the first passage after its first, ending in "?" and holding every word asked,
   * is answered by the paragraph right after it ("Does TestLink support Secured HTTPS connection?" / "Yes, it's
   * settings of your web server.").
   */
  faqLineFirst: boolean;
  /**
   * A quoted sentence brings, in the same quote, the next sentence of its paragraph when that one refers back to it
   * ("…바꾸고 싶을 때가 있습니다." / "이럴 때는 \tocfont를 재정의하면 됩니다."; "…: faithful rounding." / "This feature
   * is currently experimental."), or gives an example of it through a lead-in ("예를 들어 다음과 같이 합니다." and the
   * command line after it). The pair takes one of the answer's places.
   */
  followOns: boolean;
  /**
   * A sentence ending in an article or a preposition ("…is distributed under the") leads to the line after it
   * ("Creative Commons GNU GPL"), as a lead-in with a colon does, and is quoted with it.
   */
  danglingLeadIns: boolean;
  /**
   * For a how-to or which-command question, a quoted sentence brings the code block right under it (the commands it
   * describes), and a line made of the question's words (a list item, a heading, a code comment) is quoted with it.
   */
  stepsCodeLines: boolean;
  /**
   * A "label: value" line of its own ("Lead: Linda Park (HR Director)", "담당 부서: 인사팀"), or a menu path ("EventViewer ->
   * … -> Rasclient"), is a line of content, not a heading, though it is short, has no full stop and stands between
   * blank lines as headings do.
   */
  labelLines: boolean;
  /**
   * A quoted sentence brings the lines right after it that define the terms it names, one "term: …" line each
   * ("언실 키와 root token은 역할이 다릅니다." / "언실 키: sealed 해제" / "root token: 부트스트랩/비상 관리자 작업 권한"):
   * the sentence announces them as a lead-in does without its colon.
   */
  termLines: boolean;
  /**
   * A line holding an identifier the question lacks ("GRND_RNDA: round away from zero.", a \command, an --option) is
   * not a restatement of the question however many of its other words the question holds: the identifier is the answer.
   */
  namedNotRestated: boolean;
  /**
   * The first quote comes from a document of the first this many hits when one of its sentences scores within
   * `relativeFloor` of the best and holds more of the question's words: a sentence of a document ranked lower wins the
   * first place on a word the question holds incidentally ("given" of "Where can hyperref options be given?"), which is rare among the candidates only
   * because the right document says the topic words everywhere. 0: off.
   */
  firstFromTopHits: number;
  /** A colon lead-in followed by the first item of a numbered list ("1. Global: …") leads to it; else "1." reads as a heading. */
  listAfterColon: boolean;
  /**
   * A table row (a line of cells joined by " | ", as parsers write tables) is read as a row: quotable when one of its
   * cells says something the question does not, however short it is ("결정유형 | 기각" is no heading); its context is
   * its table's header row, not the rows around it; and a long row is quoted cut at cells, from its label cell to the
   * cell that answers (the cell holding the question's words, or under a header that does, or of the kind asked).
   */
  tableRows: boolean;
  /**
   * A contents or index chunk next to a hit is read with it, as context and as a source of quotes (true, the
   * default), or left out (false: "가. 서비스 Key발급(인증신청 및 발급) 3" is never quoted). Off costs fresh9 one
   * answer (BENCHMARKS.md "Korean Word documents from other writers").
   */
  contentsNeighbours: boolean;
  /**
   * A quoted line brings the numbered list it introduces ("비활성화된 직원을 다시 활성화할 수 있습니다." / "1. … 클릭" /
   * "2. 상태를 활성으로 변경" …, also after one blank line), and a quoted numbered step brings the lines under it up to the
   * next step ("5. 고객에게 … 요청한다." / "\"고객님, … F4를 눌러주세요.\""), as one quote within a quote's length.
   */
  listLines: boolean;
  /**
   * In a document without pages, a Korean line of its own of six words or more that runs through a clause ending
   * (…모르겠으면, …설치하고, …없는데) is content, however heading-shaped (no full stop, between blank lines): "RSupport
   * 사용법을 잘 모르겠으면 체크 클라이언트 담당자(송현지, 최대한 사원)에게 문의" is a note, not a title.
   */
  clauseLines: boolean;
  /**
   * A line of stylesheet or script code, a rule in braces with a semicolon inside ("@page { size: 10cm 15cm; margin: 0;
   * }"), is quoted only for a how-to or which-command question: for any other it matches words ("page", "size") it
   * does not answer.
   */
  braceCode: boolean;
  /**
   * Two English question words held by a sentence writing them as one ("carry over" / "Maximum carryover: 60 days",
   * "sign up" / signup), and one question word by a sentence writing it as two ("signup" / "New users sign up …").
   */
  closedCompounds: boolean;
  /**
   * A table's header row ("Meal Period | Allowance": the first of its rows, no digit, the next row as many cells) is
   * not quoted: it names the columns the question's words name, and answers nothing ("What is the international meal
   * allowance?" was answered with it before the line stating 150%).
   */
  headerRowsUnquoted: boolean;
  /**
   * The verb a definition question asks with (의미하나요, 뜻, "What does … mean?") is no word to find: the definition
   * cue rewards a sentence saying 의미합니다 or means already, and as a word it drew "각 단계의 의미는 아래와 같습니다."
   * before the line "처리율(24h): 24시간 내 …" defining what was asked.
   */
  definitionFrame: boolean;
  /**
   * A negative condition of a Korean question (없을 때, 없으면, 않을 경우) is held by the same predicate however a
   * sentence conjugates it (없다면, 없는 경우, 않으면): "상담원이 없을 때" found "…있다면 대화상자가 실행됩니다." as
   * much as "…없다면 상담원 부재중 메시지가 나타납니다.", the question's 없을 held by neither.
   */
  negativeConditions: boolean;
}

export const DEFAULT_EXTRACTIVE_TUNING: ExtractiveTuning = {
  relativeFloor: 0.5,
  minCoverage: 0.2,
  cueBonus: 0.35,
  cueRequired: true,
  rankDecay: 0.04,
  contextWeight: 0.7,
  sectionWeight: 0.3,
  ownForContext: 0.15,
  neighbourWeight: 0.9,
  cueOutsideQuestion: true,
  spacingFree: true,
  followingLeadIns: true,
  relatedWeight: 0.7,
  loanwordWeight: 0.5,
  loanwordConsonants: 3,
  particleFragments: true,
  rowsAreWhole: true,
  leadInOneQuote: true,
  focusBonus: 0.4,
  focusWindow: 20,
  captionsAreFurniture: true,
  otherDocumentRanks: 1,
  pageContextWeight: 0.9,
  untranslatedWeight: 1,
  inheritedWeight: 0,
  inheritInnermost: false,
  inheritFrom: "both",
  valueNeighbour: false,
  valueNeighbourNames: false,
  faqEntryFirst: true,
  faqEntryShare: 0.5,
  identifierDigits: false,
  valueClasses: true,
  faqLineFirst: true,
  followOns: true,
  danglingLeadIns: true,
  stepsCodeLines: true,
  labelLines: true,
  termLines: true,
  namedNotRestated: true,
  firstFromTopHits: 2,
  listAfterColon: true,
  tableRows: true,
  contentsNeighbours: true,
  listLines: true,
  clauseLines: true,
  braceCode: true,
  closedCompounds: true,
  headerRowsUnquoted: true,
  definitionFrame: true,
  negativeConditions: true,
};

/** Top passages whose sentences are considered: the right page is often 2nd to 5th, and not always in one chunk. */
export const EXTRACTIVE_PASSAGES = 8;

export interface ExtractiveAnswer {
  answer: string;
  citations: Citation[];
}

export type QuestionKind = "date" | "quantity" | "name" | "reason" | "steps" | "definition" | "yesno" | "other";

/** Any Hangul letter: a Korean word or sentence. */
const HANGUL = /\p{Script=Hangul}/u;

const QUESTION_CUES: ReadonlyArray<[QuestionKind, RegExp]> = [
  ["date", /(?:^|[,;:.]\s*|\b(?:and|or|but)\s)when\b|\bwhat (?:year|date|day|time)\b|언제|몇\s*(?:년|월|일|시)|며칠에|날짜|연도|일자/iu],
  [
    "quantity",
    /\bhow (?:many|much|long|big|large|often|old|far|fast|likely)\b|\b(?:chances?|probability|odds)\b|\b(?:size|limit|maximum|minimum|amount|length|capacity|cost|price|rate)s?\b|\bnumber of\b|몇|얼마|며칠|크기|한도|최대|최소|금액|비용|용량|개수|기간|요금|가격|비율/iu,
  ],
  [
    "name",
    /\b(?:which|what) (?:\w+ )?(?:command|option|tool|program|package|file|header|setting|flag|function|class|utility|key|variable)s?\b|(?:어떤|어느|무슨|무엇)\s*(?:\S+\s)?(?:명령|도구|옵션|프로그램|패키지|파일|설정|함수|클래스|유틸리티)|(?:무엇|뭘|뭐)을?\s*(?:써|쓰|사용)|명령어?(?:는|은)\s*[?？]?\s*$|(?<=명령어?(?:는|은|이)\s*)(?:무엇|뭔|뭐)/iu,
  ],
  ["reason", /\bwhy\b|\bwhat causes\b|\breason\b|왜|이유|까닭|원인/iu],
  ["steps", /\bhow (?:do|can|should|would|to)\b|\bsteps?\b|\bprocedure\b|어떻게|방법|절차|하려면|순서/iu],
  ["definition", /\bwhat (?:is|are|does|do)\b|\bdefin|\bmeaning\b|\bstands? for\b|무엇|뭐|뭔가|이란|란\s*(?:무엇|뭔|뭐)?\s*[?？]?$|의미|뜻/iu],
];

const ANSWER_CUES: Record<Exclude<QuestionKind, "other">, RegExp> = {
  // A day count alone (15일) is a quantity; a date is a year, a month, or days before or after something.
  date: /\b(?:1[5-9]|20)\d{2}\b|\d{4}\s*년|\d{1,2}\s*월|\d{1,3}\s*일\s*(?:전|후|이내|이전|이후|까지|부터|째|에)|(?:하루|이틀|사흘|나흘|일주일|이주일|한\s?주|보름|한\s?달|두\s?달)\s*(?:전|후|이내|이전|이후|까지|만에)|\b(?:a|one|two|three) (?:days?|weeks?|months?) (?:before|after|ahead|prior|in advance)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{4}-\d{2}-\d{2}/iu,
  quantity:
    /(?:^|[^\p{L}])\p{N}|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|hundred|thousand|million|billion|half|twice|double)\b|(?:하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열|한|두|세|네)\s?(?:개|가지|번|명|줄|장|쪽|배)(?!\s?째)/iu,
  /** Something typed: a TeX command, a command-line option, a program or file name, a man page, a header. */
  name: /\\[a-zA-Z]+|(?:^|\s)--?[a-zA-Z]|\b[a-z][a-z0-9]*[-_.][a-z0-9]+\b|\b[a-z][\w-]*\(\d\)|<[\w./]+>|^(?:apt|dpkg|aptitude|sudo|tasksel)\b/u,
  reason: /\bbecause\b|\bsince\b|\bdue to\b|\bso that\b|\bcaused by\b|\btends? to\b|때문|므로|으로 인해|로 인해|탓/iu,
  steps:
    /^(?:\p{N}+[.)]\s*)?(?:use|run|type|enter|click|select|open|set|add|install|press|go|call|specify|put|create|edit|choose|give|pass|start|stop|make|copy|remove|change)\b|\b(?:you (?:can|must|should|need)|to do (?:this|so)|by (?:running|using|typing|setting))\b|하십시오|하세요|합니다|누르|입력|실행|선택|클릭|설정|사용하|신청|수\s?있(?:다|습니다)|면\s?(?:된다|됩니다)|(?:하|두|쓰|넣|주)라\b/iu,
  /** The rule a yes/no question turns on: what can, cannot, must or only may be done. */
  yesno:
    /\b(?:can(?:not)?|can't|may|must|only|never|always|supports?|possible|impossible|allows?|unable)\b|수\s?(?:있|없)|가능|불가|지원|않는다|않습니다|없다|없습니다|만\s/iu,
  definition: /\b(?:is|are) (?:a|an|the)\b|\bmeans\b|\brefers? to\b|\bstands? for\b|\bis called\b|(?:이다|입니다|말한다|말합니다|의미한다|의미합니다|뜻한다|뜻합니다|이란|란\s)/iu,
};

/** A question asking for a default (기본값, default): its answer is a value, whatever else the question's words ask. */
const DEFAULT_ASKED = /기본\s?값|기본으로|디폴트|\bdefaults?\b/iu;

/** A Korean question word that is a negative predicate in a condition or before a noun (없을, 없으면, 않는): its stem. */
const NEGATIVE_CONDITION = /^(없|않)(?:을|으면|다면|는|는다면|어도|으니|을지)$/u;
/** The same predicate conjugated in a sentence, by stem. */
const NEGATIVE_HELD: Readonly<Record<string, RegExp>> = {
  없: /없(?:을|으면|다면|는|어도|어서|으니|고|으므로)/u,
  않: /않(?:을|으면|는다면|다면|는|아도|아서|으니|고|으므로)/u,
};

/** The words a definition question asks with, as units hold them (stemmed): 의미(하다), 뜻, mean/means/meaning. */
const DEFINITION_FRAME: ReadonlySet<string> = new Set(["의미", "뜻", "mean"]);

/** Kinds whose answer is a value: a cue match the question itself holds is not that value. */
const VALUE_KINDS: ReadonlySet<QuestionKind> = new Set(["date", "quantity", "name"]);

/** The value cues with the global flag, for `matchAll` (which copies the pattern, so sharing these is safe). */
const VALUE_CUES_GLOBAL = new Map(
  [...VALUE_KINDS].map((kind) => {
    const cue = ANSWER_CUES[kind as Exclude<QuestionKind, "other">];
    return [kind, new RegExp(cue.source, cue.flags.includes("g") ? cue.flags : `${cue.flags}g`)] as const;
  }),
);

/** Where a value kind's cue matches the text with something the question does not itself hold (`asked`: normalised). */
function* newValues(kind: QuestionKind, text: string, asked: string): Generator<number> {
  for (const match of text.matchAll(VALUE_CUES_GLOBAL.get(kind)!)) {
    if (!asked.includes(normalised(match[0]))) yield match.index;
  }
}

/**
 * Whether a sentence (with the line a lead-in brings) holds the kind of fact the question asks for (`asked`: the
 * question normalised).
 */
function answersKind(kind: QuestionKind, text: string, asked: string, tuning: ExtractiveTuning): boolean {
  if (kind === "other") return false;
  if (!tuning.cueOutsideQuestion || !VALUE_KINDS.has(kind)) return ANSWER_CUES[kind].test(text);
  return !newValues(kind, text, asked).next().done;
}

/**
 * The thing a quantity question counts or measures: the words after "how many/much" (how many printers, how much
 * free disk) or the Korean word before 몇 (인자를 몇 개, 글자가 몇 자), without its particle.
 */
export function quantityFocus(question: string): string[] {
  const english = /\bhow (?:many|much)\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?/iu.exec(question);
  if (english) {
    return [english[1]!, english[2] ?? ""]
      .map((word) => word.toLowerCase())
      .filter((word) => word !== "" && !FUNCTION_WORDS.has(word) && !/^(?:is|are|does|do|did|can|will|should|would|of)$/.test(word));
  }
  const korean = /(\p{Script=Hangul}+)\s*몇/u.exec(question);
  if (!korean) return [];
  const word = unspacedForm(korean[1]!);
  return word === null ? [] : [word];
}

/** Whether a quantity in the text stands within `window` characters of one of the focus words (`asked`: the question normalised). */
function quantityNear(text: string, focus: readonly string[], asked: string, window: number): boolean {
  const lower = text.toLowerCase();
  const at: number[] = [];
  for (const word of focus) {
    const key = /^[a-z]{4,}$/.test(word) ? word.slice(0, Math.max(4, word.length - 2)) : word;
    for (let i = lower.indexOf(key); i >= 0; i = lower.indexOf(key, i + 1)) at.push(i);
  }
  if (at.length === 0) return false;
  for (const value of newValues("quantity", text, asked)) {
    if (at.some((i) => Math.abs(i - value) <= window)) return true;
  }
  return false;
}

/** "What is/are the … size (limit, maximum, number of …)": the definite subject is a quantity (English). */
const QUANTITY_SUBJECT =
  /\bwhat(?:'s| is| are) the\b[^?]*\b(?:size|limit|maximum|minimum|amount|number|length|capacity|cost|price|rate|count|total)s?\b/iu;

/** A yes/no question: English by its first word, Korean by its ending (…할 수 있나요?, …되나요?, …가능한가요?). */
const YES_NO =
  /^(?:can|could|is|are|does|do|did|will|would|should|may|must|has|have)\b|(?:수\s?있|있|되|가능한가|하|돼)(?:나요|습니까|니까|을까요|나|어요|요)\s*[?？]$/iu;
/**
 * A Korean question word: a question holding one asks for that fact, whatever its ending ("보호책임자는 누구로 하나요?",
 * "어디서 설정하나요?" end as a yes/no question does).
 */
const KOREAN_WH = /누구|누가|무엇|뭐|뭘|어디|어느|어떤|어떻게|언제|왜|몇|얼마|무슨/u;

/** The kind of fact a question asks for, from its question words. */
export function questionKind(question: string): QuestionKind {
  // A question may hold two cues ("How can I check how much ink is left?", "묶어 두는 방법은 몇 가지가 있나요?"); the
  // main clause's wins: the first in English, the last in Korean, whose sentences end with their main verb.
  const korean = HANGUL.test(question);
  let best: { kind: QuestionKind; at: number } = { kind: "other", at: -1 };
  for (const [kind, cue] of QUESTION_CUES) {
    const positions = [...question.matchAll(new RegExp(cue.source, `${cue.flags}g`))].map((match) => match.index);
    if (positions.length === 0) continue;
    const at = korean ? Math.max(...positions) : Math.min(...positions);
    if (best.at < 0 || (korean ? at > best.at : at < best.at)) best = { kind, at };
  }
  // "What is the default block size?" asks for a value, not a definition: a definite subject naming a quantity.
  if (best.kind === "definition" && QUANTITY_SUBJECT.test(question)) return "quantity";
  // With no other cue, "Can I …?", "Does it …?", "…할 수 있나요?" is answered by the sentence stating the rule.
  if (best.kind === "other" && YES_NO.test(question.trim()) && !KOREAN_WH.test(question)) return "yesno";
  return best.kind;
}

/** English words that frame a question without naming what it is about (search keeps them; answers do not need them). */
const FUNCTION_WORDS = new Set([
  "that", "this", "these", "those", "it", "its", "be", "by", "with", "from", "as", "at", "i", "my", "me", "we", "our",
  "you", "your", "can", "could", "should", "will", "would", "there", "if", "into", "about", "any", "some", "much",
  "many", "has", "have", "had", "not", "no", "so", "than", "then", "also", "use", "uses", "used", "using", "all", "one",
  "get", "want", "need", "way", "just", "still", "else", "even", "possible", "able", "them", "they", "their", "there's",
  "something", "anything", "thing", "things", "tell", "know", "make", "sure", "whether", "very", "really", "quite",
]);

/**
 * Endings of a Korean question's verbs, cut before the word is matched against sentences (가리나요 → 가리,
 * 지우려면 → 지우, 업그레이드되지 → 업그레이드), so the question's politeness and mood do not count as words to find.
 */
const QUESTION_ENDINGS = [
  "하나요", "되나요", "있나요", "없나요", "인가요", "한가요", "할까요", "될까요", "일까요", "습니까", "합니까", "됩니까",
  "입니까", "하려면", "되려면", "으려면", "하도록", "되도록", "않도록", "하지요", "되지요", "하나", "되나", "려면", "도록",
  "나요", "가요", "까요", "는지", "하죠", "되죠", "되지", "하지", "지요", "어요", "아요", "해요", "돼요", "나", "죠", "요",
].sort((a, b) => b.length - a.length);
/** Korean words that only carry the question's frame (있다, 하다, 되다, 않다 once their endings are cut). */
const KOREAN_FRAME = new Set(["있", "없", "하", "되", "않", "해", "해야", "수", "것", "때", "좀", "제", "내", "저", "나", "뭔가", "혹시", "어떻게", "가능"]);

/** Particles cut from a question's Korean word even when one syllable is left (쪽으로 → 쪽, purge는 → purge). */
const PARTICLES = ["으로", "에서", "에게", "까지", "부터", "처럼", "보다", "은", "는", "이", "가", "을", "를", "와", "과", "의", "에", "로", "도", "만"]
  .sort((a, b) => b.length - a.length);

function questionWord(word: string): string {
  if (!/\p{Script=Hangul}$/u.test(word)) return word;
  for (const ending of QUESTION_ENDINGS) {
    if (word.length > ending.length && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  for (const particle of PARTICLES) {
    // After Latin letters or digits any particle goes; after Hangul only a two-syllable one left on a one-syllable
    // noun (쪽으로), which the tokenizer keeps; 휴가 stays 휴가.
    if (word.length > particle.length && word.endsWith(particle)) {
      const rest = word.slice(0, -particle.length);
      if (!/\p{Script=Hangul}$/u.test(rest) || (particle.length > 1 && rest.length === 1)) return rest;
    }
  }
  return word;
}

/**
 * Stems already computed. Every word of every candidate sentence is stemmed, and the same words come back in every
 * answer: stemming was ~15 % of an extractive answer's CPU at 100k chunks (bench/search-cpu.ts --route /v1/ask).
 * Emptied when full, so it stays under a few MB.
 */
const STEMS = new Map<string, string>();
const MAX_STEMS = 50_000;

/** Compared in their stems, so "deleting" finds "delete" and "compressed" finds "compression". */
function matchTerm(term: string): string {
  if (!/^[a-z]{4,}$/.test(term)) return term;
  let stemmed = STEMS.get(term);
  if (stemmed === undefined) {
    if (STEMS.size >= MAX_STEMS) STEMS.clear();
    stemmed = stem(term);
    STEMS.set(term, stemmed);
  }
  return stemmed;
}

function matchTerms(text: string): Set<string> {
  return new Set(tokenize(text).map(matchTerm));
}

/**
 * A Korean question word without its particle, when two syllables or more remain (블록크기는 → 블록크기), to find it
 * in a sentence however that sentence spaces it (블록 크기, 연차휴가 / 연차 휴가) or in a text layer without spaces.
 */
function unspacedForm(word: string): string | null {
  if (!/^\p{Script=Hangul}+$/u.test(word)) return null;
  for (const particle of PARTICLES) {
    if (word.length - particle.length >= 2 && word.endsWith(particle)) return word.slice(0, -particle.length);
  }
  return word.length >= 2 ? word : null;
}

/** The unspaced form of each Korean question unit of several terms (see unspacedForm), keyed by the unit. */
type UnitWords = Map<readonly string[], string>;

/** The consonant skeleton of each Korean question word (loanwords.ts), keyed by its unit. */
type UnitSkeletons = Map<readonly string[], string>;

/**
 * The question's content words, each as the terms it yields ("bzip2" → bzip2, bzip, 2; "블록크기는" → its
 * bigrams), so a word counts once however many terms the tokenizer makes of it.
 */
function questionUnits(
  question: string,
  words?: UnitWords,
  skeletons?: UnitSkeletons,
  asWritten?: Map<readonly string[], { word: string; terms: string[] }>,
  compounds?: UnitCompounds,
): string[][] {
  const searched = new Set(queryTerms(question));
  const units: string[][] = [];
  const seen = new Set<string>();
  const raws = question.split(/\s+/);
  const latin = (i: number) => /^[a-z]{2,}$/.exec(raws[i]?.replace(/[?？!.,]+$/u, "").toLowerCase() ?? "")?.[0];
  for (const [i, raw] of raws.entries()) {
    const bare = raw.replace(/[?？!.,]+$/u, "");
    // A word search leaves out altogether is a question word (무엇을, 어떻게, what, how).
    if (!tokenize(bare).some((term) => searched.has(term))) continue;
    const word = questionWord(bare);
    if (KOREAN_FRAME.has(word)) continue;
    const terms = tokenize(word).filter((term) => !FUNCTION_WORDS.has(term) && !KOREAN_FRAME.has(term) && !/^[a-z]$/.test(term));
    const unit = [...new Set(terms.map(matchTerm).filter((term) => !seen.has(term)))];
    for (const term of unit) seen.add(term);
    if (unit.length > 0) {
      units.push(unit);
      asWritten?.set(unit, { word, terms: tokenize(word).filter((term) => searched.has(term)) });
      const compact = unspacedForm(word);
      if (words && compact !== null && unit.length > 1) words.set(unit, compact);
      if (skeletons && compact !== null) skeletons.set(unit, hangulSkeleton(compact));
      const own = latin(i);
      if (compounds && own !== undefined) {
        const joined = [latin(i - 1), latin(i + 1)].flatMap((other, side) =>
          other === undefined ? [] : [side === 0 ? other + own : own + other],
        );
        const parts: Array<[string, string]> = [];
        if (unit.length === 1 && own.length >= 5) {
          for (let k = 2; k <= own.length - 2; k++) parts.push([own.slice(0, k), own.slice(k)]);
        }
        compounds.set(unit, { joined: joined.filter((word) => word.length >= 6).map(matchTerm), parts });
      }
    }
  }
  return units;
}

/**
 * For an English question unit (`closedCompounds`): the stems of it written together with the question word before or
 * after it (carry + over → carryover), and the ways its word splits in two (signup → si gn … sign up).
 */
type UnitCompounds = Map<readonly string[], { joined: string[]; parts: Array<[string, string]> }>;

/**
 * How many of the question's content words, as the picker reads them (stemmed, without Korean question endings; a
 * Korean word however the text spaces it), a text holds: for bench/ to tell a miss whose answer sentence shares no
 * word with the question (vocabulary) from one that lost on score.
 */
export function questionWordsIn(question: string, text: string): { held: number; asked: number } {
  const words: UnitWords = new Map();
  const units = questionUnits(question, words);
  const terms = matchTerms(text);
  const compact = text.replace(/\s+/gu, "").toLowerCase();
  const held = units.filter((unit) => {
    const word = words.get(unit);
    return (word !== undefined && compact.includes(word)) || unit.some((term) => terms.has(term));
  }).length;
  return { held, asked: units.length };
}

/**
 * Whether a word is a Korean predicate in the past (꽂았을, 잡혔는지, 채웠더니): a syllable closed by ㅆ, which nouns hardly have. Such a
 * word missing from the documents is how the question is phrased, not what it is about.
 */
function pastPredicate(word: string): boolean {
  for (const char of word) {
    const code = char.codePointAt(0)! - 0xac00;
    if (code >= 0 && code < 11172 && code % 28 === 20) return true;
  }
  return false;
}
/** A particle shown off a question word that keeps two syllables or more (인치를 → 인치); 이/가/도/로 end nouns too. */
const SHOWN_PARTICLE = /(?<=\p{Script=Hangul}{2})(?:을|를|은|는|의)$/u;

/** A question word as the question writes it (particle and question ending off), with the terms search looked for. */
export interface QuestionWord {
  word: string;
  /** Its query terms (`queryTerms`: a Korean word's bigrams, an English word), in the order the word has them. */
  terms: string[];
}

/**
 * The question's content words that none of the passages holds — not in a sentence, heading or title, however the
 * text spaces a Korean word, nor through a related word (`related`: synonyms, gap alternatives, translations) or a
 * loanword's other script — with all the question's content words (`words`, as written). The answer built from those
 * passages is about the question's other words; whether the collection holds a word at all is the caller's to ask
 * (`AskResult.missing`). A Korean predicate in the past is never unheld; a shown word loses 을/를/은/는/의.
 */
export function unheldQuestionWords(
  question: string,
  passages: readonly Passage[],
  related?: RelatedTerms,
): { unheld: QuestionWord[]; words: QuestionWord[] } {
  const compacts: UnitWords = new Map();
  const skeletons: UnitSkeletons = new Map();
  const written = new Map<readonly string[], QuestionWord>();
  const units = questionUnits(question, compacts, skeletons, written);
  if (units.length === 0) return { unheld: [], words: [] };
  const texts = passages.map((passage) => [passage.title ?? "", ...passage.headingPath, passage.text].join("\n"));
  const termsOf = texts.map(matchTerms);
  const compactOf = texts.map((text) => text.replace(/\s+/gu, "").toLowerCase());
  const skeletonsOf = once(latinSkeletons);
  // Worked out only for a text a related phrase is looked for in.
  const spacedOf = once((text) => ` ${wordsOf(text).join(" ")} `);
  // A related word of one term is held as that term; one of several ("work from home") only as those words in a row.
  const alternatives = (term: string): Array<{ terms: string[]; phrase: string | null }> =>
    related === undefined
      ? []
      : related(term)
          .filter(({ weight }) => weight > 0)
          .map(({ term: other }) => {
            const terms = tokenize(other).map(matchTerm);
            return { terms, phrase: terms.length > 1 ? ` ${wordsOf(other).join(" ")} ` : null };
          });
  const shown = (unit: readonly string[]): QuestionWord => {
    const word = written.get(unit)!;
    return { ...word, word: word.word.replace(SHOWN_PARTICLE, "") };
  };
  const unheld = units
    .filter((unit) => {
      const compact = compacts.get(unit);
      const skeleton = skeletons.get(unit);
      const raw = written.get(unit)?.terms ?? [];
      const bridges = raw.flatMap(alternatives).filter(({ terms }) => terms.length > 0);
      return !texts.some((text, i) => {
        const terms = termsOf[i]!;
        if (compact !== undefined && compactOf[i]!.includes(compact)) return true;
        if (unit.filter((term) => terms.has(term)).length * 2 >= unit.length) return true;
        if (bridges.some(({ terms: parts, phrase }) => (phrase === null ? terms.has(parts[0]!) : spacedOf(text).includes(phrase)))) return true;
        return skeleton !== undefined && skeleton.length >= DEFAULT_EXTRACTIVE_TUNING.loanwordConsonants && skeletonsOf(text).has(skeleton);
      });
    })
    .map(shown)
    .filter((word) => word.terms.length > 0 && !pastPredicate(word.word));
  return { unheld, words: units.map(shown).filter((word) => word.terms.length > 0) };
}

/** Where a quoted sentence lives: the hit itself or one of the chunks search attached around it. */
interface Source {
  chunkId: string;
  text: string;
  pageSpans: Passage["pageSpans"];
  pageStart: number | null;
  /** The header row of the table the chunk begins inside, when the chunk does not hold it (`Chunk.tableHeader`). */
  tableHeader?: string | null;
}

interface Sentence {
  passageIndex: number;
  source: Source;
  start: number;
  end: number;
  text: string;
  terms: Set<string>;
  /** The text without white space, lower-cased: where a Korean question word is found however it is spaced. */
  compact: string;
  /** The text `normalised`: how it is compared with other sentences, titles and (numbers blanked) running headers. */
  normal: string;
  /** Position in its passage's reading order (chunk before, hit, chunk after). */
  order: number;
  /** Part of the hit (a candidate) rather than a neighbour (context only). */
  inHit: boolean;
  furniture: boolean;
  /** For a table row read as one (`tableRows`), its cells as offsets into its source's text; else null. */
  row: readonly Span[] | null;
}

/** What a sentence is wherever its chunk is shown: the same for a hit and for the same chunk next to another hit. */
type SentenceReading = Omit<Sentence, "passageIndex" | "source" | "order" | "inHit">;

function normalised(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/** A normalised line with its numbers blanked: running headers and footers differ only in their page numbers and dates. */
function numbersBlanked(normal: string): string {
  return normal.replace(/\p{N}+/gu, "#");
}

/** The whole line a span sits on, trimmed. */
function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf("\n", start - 1) + 1;
  const to = text.indexOf("\n", end);
  return text.slice(from, to === -1 ? text.length : to).trim();
}

/** A table row longer than this, of `ROW_CUT_CELLS` cells or more, is quoted cut at cells (`tableRows`). */
const ROW_CUT_CHARS = 100;
const ROW_CUT_CELLS = 4;

/** Where cells are joined in a table row as parsers write it (HTML, DOCX, HWP/HWPX, PDF tables, Markdown tables). */
const CELL_JOIN = " | ";

/**
 * The cells of the table row on the line from `from` to `to` of a text, trimmed, as offsets into the text (an empty
 * cell is an empty span); null when the line is no row: no " | ", or fewer than two cells with words.
 */
function rowCells(text: string, from: number, to: number): Span[] | null {
  const line = text.slice(from, to);
  if (!line.includes(CELL_JOIN)) return null;
  const cells: Span[] = [];
  let start = 0;
  for (;;) {
    const at = line.indexOf(CELL_JOIN, start);
    const end = at === -1 ? line.length : at;
    let a = start;
    let b = end;
    // A Markdown row's outer pipes ("| a | b |") are no cells.
    while (a < b && /[\s|]/.test(line[a]!)) a++;
    while (b > a && /[\s|]/.test(line[b - 1]!)) b--;
    cells.push({ start: from + a, end: from + b });
    if (at === -1) break;
    start = at + CELL_JOIN.length;
  }
  return filledCells(text, cells).length >= 2 ? cells : null;
}

/** The cells of a row that hold a letter or a digit. */
function filledCells(text: string, cells: readonly Span[]): Span[] {
  return cells.filter((cell) => /[\p{L}\p{N}]/u.test(text.slice(cell.start, cell.end)));
}

/** A contents entry set as a row: a title and a bare page number ("1장 | 서론 | 3"). */
function contentsRow(text: string, cells: readonly Span[]): boolean {
  const filled = filledCells(text, cells);
  const last = filled.at(-1)!;
  return filled.length <= 3 && /^\p{N}{1,4}$/u.test(text.slice(last.start, last.end));
}

/** A figure or table caption on a line of its own ("그림 6.2: 이 책의 레이아웃 파라미터.", "Table 3.1 Options"): a title, not a statement. */
const CAPTION = /^(?:그림|표|figure|fig\.|table)\s*\p{N}+(?:[.-]\p{N}+)*\s*[:.]?\s/iu;

/** What a sentence's text gives it to be compared by: its terms, its compact form and its normalised form. */
function textFields(text: string): Pick<Sentence, "text" | "terms" | "compact" | "normal"> {
  return { text, terms: matchTerms(text), compact: text.replace(/\s+/gu, "").toLowerCase(), normal: normalised(text) };
}

/** A function of a text, computed once per distinct text for as long as the returned function is kept. */
function once<T>(read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let found = known.get(text);
    if (found === undefined) known.set(text, (found = read(text)));
    return found;
  };
}

/**
 * How one answer reads texts, each distinct text once: a chunk is often shown twice (a hit, and the chunk after
 * another hit, or a page's), and the same line comes in several chunks of a page. Made per answer, so nothing
 * outlives it.
 */
interface Reader {
  /** `normalised` */
  normalised(text: string): string;
  /** A line normalised with its numbers blanked: how running headers are recognised. */
  lineShape(text: string): string;
  /** The sentences of a chunk's text; `pageless`: the chunk of a document without pages (`blockLine`). */
  sentences(text: string, pageless: boolean): readonly SentenceReading[];
}

/** The spans of a chunk's text, a table row's pieces (a long row is cut like a long sentence) made one (`tableRows`). */
function readingSpans(chunk: string, tableRows: boolean): Array<Span & { row: Span[] | null }> {
  const out: Array<Span & { row: Span[] | null }> = [];
  for (const span of sentenceSpans(chunk)) {
    if (!tableRows) {
      out.push({ ...span, row: null });
      continue;
    }
    const from = chunk.lastIndexOf("\n", span.start - 1) + 1;
    const newline = chunk.indexOf("\n", span.end);
    const to = newline === -1 ? chunk.length : newline;
    const last = out.at(-1);
    if (last?.row && last.start >= from && last.end <= to) continue;
    const row = rowCells(chunk, from, to);
    const filled = row ? filledCells(chunk, row) : [];
    // A row is its whole line, from its first cell with words to its last. A row with a cell of prose too long to
    // quote, or too long to quote of fewer cells than a long row is cut at, is read as sentences.
    const end = filled.at(-1)?.end ?? 0;
    const readable =
      row !== null &&
      filled.every((cell) => cell.end - cell.start <= MAX_SPAN_CHARS) &&
      (filled.length >= ROW_CUT_CELLS || end - filled[0]!.start <= MAX_SPAN_CHARS + MAX_SPAN_CHARS / 4);
    if (readable && filled[0]!.start >= span.start) out.push({ start: filled[0]!.start, end, row });
    else out.push({ ...span, row: null });
  }
  return out;
}

/**
 * Whether the line around a span has a line of text right before or after it, no blank line between: a list item or
 * a line of a block, not a heading. The parsers of documents without pages (Markdown, HTML, Word) set every heading
 * apart with blank lines, and put the items of a list on lines of their own, so a short item without a full stop
 * ("Core in-office days are Tuesday and Thursday", "쿠폰 등으로 제공된 서비스의 경우") reads like a heading by its shape
 * alone. A PDF's text layer gives no such promise.
 */
function blockLine(text: string, start: number, end: number): boolean {
  const from = text.lastIndexOf("\n", start - 1);
  const to = text.indexOf("\n", end);
  const before = from <= 0 ? "" : text.slice(text.lastIndexOf("\n", from - 1) + 1, from);
  const after = to === -1 ? "" : text.slice(to + 1, (text.indexOf("\n", to + 1) + 1 || text.length + 1) - 1);
  return before.trim() !== "" || after.trim() !== "";
}

/**
 * A "label: value" line (`labelLines`): a label of a few words without digits or sentence punctuation, not a numbered
 * part ("Chapter 3: …", "Step 2: …"), a colon, then the value.
 */
const LABEL_VALUE = /^(?!(?:chapter|part|step|section|appendix|phase|stage|lesson|module|unit|figure|table|note)\b)[^\s:：\p{N}][^:：.?!。\p{N}]{0,24}[:：]\s*\S/iu;

/** A menu path (`labelLines`): three steps or more joined by arrows ("EventViewer -> Application Logs -> Rasclient"). */
const MENU_PATH = /\S\s?(?:->|→|⇒|=>)\s?\S.*\S\s?(?:->|→|⇒|=>)\s?\S/u;

/** A Korean line of six words or more with a clause ending inside it (`clauseLines`). */
const CLAUSE_LINE = /^(?=(?:\S+\s+){5,}\S)(?:.*\s)?\S*\p{Script=Hangul}(?:으면|려면|다면|하면|되면|하고|하며|하여|해서|는데|지만|므로|니까|도록)\s/u;

function createReader(captionsAreFurniture: boolean, tableRows: boolean, labelLines: boolean, clauseLines = false): Reader {
  const normal = once(normalised);
  const lineShape = once((text) => numbersBlanked(normal(text)));
  const read = (pageless: boolean) => once((chunk): SentenceReading[] =>
    readingSpans(chunk, tableRows).map(({ row, ...span }) => {
      const text = chunk.slice(span.start, span.end);
      const line = lineAround(chunk, span.start, span.end);
      return {
        ...span,
        ...textFields(text),
        // A sentence that is its whole line and reads as a heading, contents entry or page number; a short caption
        // starting its line (text layers join it to the paragraph after it). Both the span and the line are trimmed
        // and the one lies inside the other, so they are the same text exactly when they are the same normalised.
        // A table row is no heading, however short (`tableRows`), unless it is a contents entry.
        furniture: row
          ? contentsRow(chunk, row)
          : (line === text &&
              isLayoutLine(line) &&
              !(pageless && (blockLine(chunk, span.start, span.end) || (clauseLines && CLAUSE_LINE.test(line)))) &&
              !(labelLines && (LABEL_VALUE.test(line) || MENU_PATH.test(line)))) ||
            (captionsAreFurniture && text.length <= 80 && line.startsWith(text) && CAPTION.test(text)),
        row,
      };
    }),
  );
  const paged = read(false);
  const pageless = read(true);
  return { normalised: normal, lineShape, sentences: (text, withoutPages) => (withoutPages ? pageless : paged)(text) };
}

/**
 * A line that is a Korean sentence of four words or more, ending in its predicate ("…사용할 수 있습니다"): a slide deck
 * repeats such callouts on the slides that show the same screen; a running header or footer is a title, not a sentence.
 */
const KOREAN_SENTENCE_LINE = /^(?:\S+\s+){3,}\S*\p{Script=Hangul}(?:니다|한다|된다|있다|없다|이다|세요|시오)[.!]?$/u;

/**
 * Question words that name a kind of value, and that value (`valueClasses`): an address or site is a URL or a domain
 * ("visit.lg.com 을 통하여 접속하며"), an e-mail address an address with @, a phone number a number with dashes or an
 * extension. "번호" and "number" alone name too much (a registration number, a count) and are left out.
 */
const VALUE_CLASSES: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [
    /^(?:주소|접속주소|사이트|사이트주소|웹사이트|홈페이지|링크|url|urls|website|site|link|address)$/u,
    /\bhttps?:\/\/\S|\bwww\.[a-z0-9-]+\.|(?:^|[^@\w.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|kr|io|co|gov|edu)\b(?!\.\w)/iu,
  ],
  [/^(?:주소|메일|메일주소|이메일|이메일주소|email|e-mail|mail|address)$/u, /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/u],
  [
    /^(?:전화|전화번호|연락처|대표번호|내선|내선번호|phone|telephone|extension|hotline)$/u,
    /(?:^|[^\d-])\d{2,4}-\d{3,4}-\d{4}(?![\d-])|\bext\.?\s*\d{3,5}\b|\+\d{1,3}[\s-]\d/iu,
  ],
];

/** Chunk roles that are never quoted: contents, index and boilerplate. */
const NOT_BODY: readonly string[] = ["toc", "index", "boilerplate"];

function sentencesOf(passage: Passage, passageIndex: number, reader: Reader, contentsNeighbours: boolean): Sentence[] {
  const sources: Array<{ source: Source; inHit: boolean }> = [];
  // Without `contentsNeighbours`, a contents or index page next to the hit is neither its context nor an answer.
  const body = (neighbour: NeighbourChunk | null | undefined) =>
    neighbour && (contentsNeighbours || !NOT_BODY.includes(neighbour.role ?? "body")) ? neighbour : null;
  const before = body(passage.neighbours?.before);
  const after = body(passage.neighbours?.after);
  if (before) sources.push({ source: before, inHit: false });
  sources.push({ source: passage, inHit: true });
  if (after) sources.push({ source: after, inHit: false });
  const out: Sentence[] = [];
  for (const { source, inHit } of sources) {
    for (const reading of reader.sentences(source.text, passage.pageStart === null)) out.push({ ...reading, passageIndex, source, order: out.length, inHit });
  }
  return out;
}

/** A sentence that cannot be an answer whatever it says. */
function unquotable(
  sentence: Sentence,
  question: ReadonlySet<string>,
  isRepeated: (sentence: Sentence) => boolean,
  titles: ReadonlySet<string>,
  asked: string | null,
): boolean {
  if (sentence.furniture) return true;
  if (isRepeated(sentence) || titles.has(sentence.normal)) return true;
  // A question (an FAQ's own heading) or a line made only of the question's words says nothing new.
  if (/[?？]["'”’)]*$/.test(sentence.text.trim())) return true;
  // A table row says something new when one of its cells holds no word of the question ("결정유형 | 기각").
  if (sentence.row) {
    const text = sentence.source.text;
    return sentence.row.every((cell) => [...matchTerms(text.slice(cell.start, cell.end))].every((term) => question.has(term)));
  }
  if (sentence.terms.size < 3) return true;
  let shared = 0;
  for (const term of sentence.terms) if (question.has(term)) shared++;
  if (shared / sentence.terms.size < 0.8) return false;
  // A verdict the question does not hold ("✅ 가능: …", "Yes, …") answers it, whatever else the line repeats.
  if (verdictOutside(sentence.text, question)) return false;
  // An identifier the question does not hold is new, whatever else the line repeats (`namedNotRestated`).
  return asked === null || !namesOutside(sentence.text, asked);
}

/**
 * A verdict opening a line: a check or cross mark, 가능/불가/아니요, yes/no; 네 and 예 only before a comma or "!" ("네, …"),
 * since "예: …" gives an example and "네 번째" counts.
 */
const VERDICT = /^(?:[✅✔☑❌✖✗⭕]|(?:가능|불가능?|아니요|아니오|yes|no)(?=[\s:：,.!)]|$)|(?:네|예)(?=[,!]))/iu;

/** Whether a line opens with a verdict whose words the question lacks (a mark is never in it). */
function verdictOutside(text: string, question: ReadonlySet<string>): boolean {
  const verdict = VERDICT.exec(text.trim());
  if (verdict === null) return false;
  const words = [...matchTerms(verdict[0])];
  return words.length === 0 || words.some((word) => !question.has(word));
}

/** An identifier: a name joined by underscores (MPFR_RNDA), a TeX command (\chaptertoc), a command-line option (--foreign). */
const IDENTIFIER = /\b\p{L}[\p{L}\p{N}]*(?:_[\p{L}\p{N}]+)+\b|\\[a-zA-Z]{2,}|(?:^|\s)--?[a-zA-Z][\w-]+/gu;

/** Whether a text holds an identifier the question (`asked`: normalised) does not. */
function namesOutside(text: string, asked: string): boolean {
  for (const match of text.matchAll(IDENTIFIER)) if (!asked.includes(normalised(match[0]))) return true;
  return false;
}

/** A sentence announcing what follows without a colon ("새 페이지를 시작하려면 다음 명령을 쓴다.", "…as follows."). */
const FOLLOWING = /(?:다음과\s?같(?:이|은|다)|다음\s?(?:명령|줄|행|내용|코드)|아래와\s?같|\bas follows|\bthe following\b)[^.]{0,40}[.다]?$/iu;

/**
 * Opens by referring back to the sentence before it: "이럴 때는 …", "이 경우", "이것은 …", "이 기능을 …", "This feature
 * is …", "In this case …", "It means …" (`followOns`). "This section/chapter" refers to the document, not the sentence.
 */
const REFERS_BACK =
  /^(?:(?:이럴|그럴|이런|그런|이러한|그러한)\s?(?:때|경우)|(?:이|그)\s?(?:때|경우)|(?:이것|그것)(?:은|이|을)?\s|이는\s|이\s(?:기능|방법|옵션|명령|설정|값|변수|매크로|환경)|(?:This|That|These|Those|Such)\s+(?:feature|option|mode|method|setting|command|value|behaviou?r|function|flag|variable|macro|parameter|rule|step)s?\b|In (?:this|that|such a|either) case\b|(?:This|That|It)\s+(?:is|means|makes|will|can|does|has|was)\b)/u;

/** Opens an example of the sentence before it ("예를 들어 다음과 같이 합니다.", "For example, run:"). */
const EXAMPLE_START = /^(?:예를\s?들(?:어|면)|예컨대|가령|For (?:example|instance)\b|E\.g\.)/iu;

/** Ends in an article or a preposition: the sentence goes on on the next line ("…is distributed under the"). */
const DANGLING = /\s(?:the|a|an|of|to|under|by|for|with|from|and|or|as|is|are|in|on|at|into|than|via)$/u;

/** A line defining a term: the term (a few words, no sentence) before a colon, then what it is. */
const TERM_LINE = /^([^:：.?!。]{1,40})[:：]\s*\S/u;
/** Lines a sentence brings by `termLines` at most. */
const MAX_TERM_LINES = 4;
/** A line of code: a shell prompt or comment, a TeX command, an assignment or a call; no Hangul. */
const CODE_LINE = /^(?:[#$>%]\s|\\[a-zA-Z]|[\w.-]+\s*(?:=|\()|[a-z][\w.-]*\s+--?[a-zA-Z])/u;
/**
 * A command line of a playbook's code block that `CODE_LINE` does not know: a PowerShell cmdlet (Get-Service RasMan),
 * commands joined with && (net stop spooler && net start spooler), a Windows command with a /switch (ipconfig /renew).
 */
const COMMAND_LINE = /^[A-Z][a-z]+-[A-Z][A-Za-z]+(?:\s|$)|\s&&\s|^[a-z][\w.-]*\s(?:[^\s/]+\s)*\/[A-Za-z?]{1,12}$/u;
/** Lines of a code block a quote brings at most (`stepsCodeLines`). */
const MAX_CODE_LINES = 4;

/** A line of code or a command (`CODE_LINE`, `COMMAND_LINE`), with no Hangul. */
function isCodeLine(text: string): boolean {
  return !HANGUL.test(text) && (CODE_LINE.test(text) || COMMAND_LINE.test(text));
}

/** Starts mid-sentence (after a page break or a chunk boundary). */
function startsMidSentence(text: string): boolean {
  return /^[\p{Ll},;:)\]]/u.test(text);
}

/**
 * Starts with a Korean particle standing alone ("과 같이 선언하여 …", "를 전처리부에 둔다."): the rest of a sentence
 * whose subject or object, often a displayed command, is on the line before. (이 is left out: 이 명령, "this".)
 */
const PARTICLE_START = /^(?:과|와|을|를|은|는|의|에|에서|에는|로|으로|라는|이라는|라고|이라고|처럼|만|도|등을|등의)\s/u;

/** Stops mid-sentence, or leads in to what follows ("To remove it with its settings, run:"). */
function endsMidSentence(text: string): boolean {
  const trimmed = text.trim();
  return /[:：]$/.test(trimmed) || !/(?:[.!?。？！;]|[다요죠음임함됨])["'”’)\]]*$/u.test(trimmed);
}

/** One quote from a sentence to the end of a later one of the same chunk: a verbatim slice of it. */
function joinedQuote(first: Sentence, last: Sentence): Sentence {
  const text = first.source.text.slice(first.start, last.end);
  return { ...first, end: last.end, ...textFields(text), row: null };
}

/** A rule of stylesheet or script code on one line: braces around a semicolon, no Hangul (`braceCode`). */
const BRACE_CODE = /^[^\p{Script=Hangul}]*\{[^{}]*;[^{}]*\}[^\p{Script=Hangul}]*$/u;

/** A numbered list item's number: "1. …", "2) …". */
const NUMBERED_ITEM = /^(\p{N}{1,2})[.)]\s+\S/u;

/** Whether a sentence ends its line (what follows in its chunk starts on a new line); false at the chunk's end. */
function endsLine(sentence: Sentence): boolean {
  const after = sentence.source.text.slice(sentence.end);
  return after.trim() !== "" && /^[^\S\n]*\n/u.test(after);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Returns null when no sentence answers the question well enough. */
export function extractiveAnswer(
  question: string,
  passages: readonly Passage[],
  options: ExtractiveOptions = {},
): ExtractiveAnswer | null {
  const maxSentences = options.maxSentences ?? 3;
  const tuning = { ...DEFAULT_EXTRACTIVE_TUNING, ...options.tuning };
  const unitWords: UnitWords = new Map();
  const unitSkeletons: UnitSkeletons = new Map();
  const written = new Map<readonly string[], { word: string; terms: string[] }>();
  const unitCompounds: UnitCompounds = new Map();
  const units = questionUnits(
    question,
    tuning.spacingFree ? unitWords : undefined,
    tuning.loanwordWeight > 0 ? unitSkeletons : undefined,
    written,
    tuning.closedCompounds ? unitCompounds : undefined,
  );
  // A question word naming a kind of value (주소, site, 전화번호) is held by a value of that kind (`valueClasses`).
  const unitValues = new Map<readonly string[], readonly RegExp[]>();
  if (tuning.valueClasses) {
    for (const unit of units) {
      const word = written.get(unit)?.word.toLowerCase() ?? "";
      const values = VALUE_CLASSES.filter(([names]) => names.test(word)).map(([, value]) => value);
      if (values.length > 0) unitValues.set(unit, values);
    }
  }
  for (const [unit, skeleton] of unitSkeletons) if (skeleton.length < tuning.loanwordConsonants) unitSkeletons.delete(unit);
  // A name's digits alone (the 3 of sapjco3.dll, the 2 of bzip2) are no part of it a sentence can hold: a list number
  // "3." would count as a quarter of the name (`identifierDigits` off). Changed in place: the maps above key on units.
  if (!tuning.identifierDigits) {
    for (const unit of units) {
      if (!unit.some((term) => /[a-z]/.test(term)) || unit.every((term) => /^\p{N}+$/u.test(term))) continue;
      for (let i = unit.length - 1; i >= 0; i--) if (/^\p{N}+$/u.test(unit[i]!)) unit.splice(i, 1);
    }
  }
  const questionTerms = matchTerms(question);
  const asked = normalised(question);
  const kind = options.kind ?? questionKind(question);

  // The verb of a definition question (`definitionFrame`), when the question holds another word. Changed in place.
  if (tuning.definitionFrame && kind === "definition" && units.some((unit) => !unit.every((term) => DEFINITION_FRAME.has(term)))) {
    for (let i = units.length - 1; i >= 0; i--) if (units[i]!.every((term) => DEFINITION_FRAME.has(term))) units.splice(i, 1);
  }
  // A how-to or which-command question is answered by the commands a line leads to.
  const codeAsked = kind === "steps" || kind === "name";
  const focus = kind === "quantity" ? quantityFocus(question) : [];
  // The first hits (and the chunks added for context after them), without contents, index or boilerplate chunks.
  const maxPassages = options.maxPassages ?? EXTRACTIVE_PASSAGES;
  const isContext = (i: number) => options.context?.[i] === true;
  const kept: Array<{ passage: Passage; context: boolean }> = [];
  let hitsSeen = 0;
  passages.forEach((passage, i) => {
    if (!isContext(i) && hitsSeen++ >= maxPassages) return;
    if (isContext(i) && hitsSeen > maxPassages) return;
    if (NOT_BODY.includes((passage as { role?: string }).role ?? "body")) return;
    kept.push({ passage, context: isContext(i) });
  });
  const considered = kept.map((entry) => entry.passage);
  // The rank each passage counts at: a hit's place among the hits kept; a chunk added for context, its hit's.
  const ranks: number[] = [];
  let hitRank = -1;
  for (const entry of kept) ranks.push(entry.context ? Math.max(0, hitRank) : ++hitRank);

  const reader = createReader(tuning.captionsAreFurniture, tuning.tableRows, tuning.labelLines, tuning.clauseLines);
  const perPassage = considered.map((passage, i) => sentencesOf(passage, i, reader, tuning.contentsNeighbours));
  // Running headers and footers: the same short line (numbers aside) on two or more pages of one document. Chunks
  // overlap, so the same page seen twice is one page; a page-less document (HTML) has no running headers.
  const pagesWithLine = new Map<string, Set<string>>();
  for (const passage of considered) {
    let offset = 0;
    for (const line of passage.text.split("\n")) {
      const page = pageAt(passage.pageSpans, offset, passage.pageStart);
      offset += line.length + 1;
      if (page === null) continue;
      const key = reader.lineShape(line);
      if (key === "" || key.length > 80 || KOREAN_SENTENCE_LINE.test(line.trim())) continue;
      const pages = pagesWithLine.get(key) ?? new Set<string>();
      pages.add(`${passage.documentId}#${page}`);
      pagesWithLine.set(key, pages);
    }
  }
  const repeated = new Set([...pagesWithLine].filter(([, pages]) => pages.size >= 2).map(([key]) => key));
  // Most answers meet no running header (page-less documents have none): a sentence's shape is worked out only when
  // there is one to compare it with.
  const shapeOf = once(numbersBlanked);
  const isRepeated = (sentence: Sentence) => repeated.size > 0 && repeated.has(shapeOf(sentence.normal));
  const titles = new Set(
    considered.flatMap((passage) => [...passage.headingPath, passage.title ?? ""]).map(reader.normalised).filter((t) => t !== ""),
  );

  // A lead-in ("To remove foo with its settings, run:") and the line it leads to, even a bare command, are one
  // answer: the line is what the lead-in promises, and a lead-in alone says nothing.
  const leadsTo = (sentence: Sentence): Sentence | undefined => {
    const colon = /[:：]$/.test(sentence.text.trim());
    if (!colon && !(tuning.followingLeadIns && FOLLOWING.test(sentence.text.trim()))) return undefined;
    const line = perPassage[sentence.passageIndex]![sentence.order + 1];
    if (!line || isRepeated(line) || titles.has(line.normal)) return undefined;
    const text = line.text.trim();
    // Without a colon, only a line of its own that is not prose (a command, a code line) is what was announced.
    if (!colon && (!line.source.text.slice(sentence.end, line.start).includes("\n") || /(?:[.!?。]|[다요])["'”’)\]]*$/u.test(text))) {
      return undefined;
    }
    // After a colon, the first item of a numbered list ("1. Global: …", "1) …", "①") is what the lead-in announces.
    if (colon && tuning.listAfterColon && /^(?:1[.)]|①)\s*\S/u.test(text) && !/\s\p{N}+$|[?？]$/u.test(text)) return line;
    // Not a numbered heading, a contents entry or another question.
    return /^\p{N}+(?:\.\p{N}+)*\.?\s|\s\p{N}+$|[?？]$/u.test(text) ? undefined : line;
  };

  // A line right above a code block, for a how-to or which-command question: a heading, a list item or a code
  // comment made of the question's words ("Restart Printer Service", "# Flush caches") says what the block does, and
  // is quoted with it (`stepsCodeLines`), where alone it would restate the question.
  const headsCode = (sentence: Sentence): boolean => {
    if (!tuning.stepsCodeLines || !codeAsked || sentence.row !== null || isRepeated(sentence)) return false;
    const own = sentence.text.trim();
    // Not a question, a contents entry (a heading with its page number) or a command itself (a comment is no command).
    if (/[?？]["'”’)]*$|\s\p{N}+$/u.test(own) || (isCodeLine(own) && !/^#\s/u.test(own))) return false;
    const next = perPassage[sentence.passageIndex]![sentence.order + 1];
    if (!next || next.source !== sentence.source || titles.has(next.normal)) return false;
    return /^\s*\n\s*$/u.test(sentence.source.text.slice(sentence.end, next.start)) && isCodeLine(next.text.trim());
  };
  // A line of a neighbour chunk that is one of that chunk's own headings (the hits' headings are `titles`).
  const headsNeighbour = (sentence: Sentence): boolean =>
    !sentence.inHit && ((sentence.source as NeighbourChunk).headingPath ?? []).some((heading) => reader.normalised(heading) === sentence.normal);
  // A table's header row: the first of its rows, without a digit, with a row of as many cells on the next line.
  const headsRows = (sentence: Sentence): boolean => {
    if (sentence.row === null || /\p{N}/u.test(sentence.text)) return false;
    const sequence = perPassage[sentence.passageIndex]!;
    const adjacent = (first: Sentence, second: Sentence | undefined) =>
      first.row !== null && second?.row != null && second.source === first.source && /^[^\S\n]*\n\s*$/u.test(first.source.text.slice(first.end, second.start));
    const before = sequence[sentence.order - 1];
    if (before !== undefined && adjacent(before, sentence)) return false;
    const after = sequence[sentence.order + 1];
    return adjacent(sentence, after) && after!.row!.length === sentence.row.length;
  };
  const candidates = perPassage
    .flat()
    .filter(
      (sentence) =>
        (sentence.inHit || tuning.neighbourWeight > 0) &&
        !(tuning.headerRowsUnquoted && headsRows(sentence)) &&
        !(tuning.braceCode && !codeAsked && BRACE_CODE.test(sentence.text)) &&
        ((!unquotable(sentence, questionTerms, isRepeated, titles, tuning.namedNotRestated ? asked : null) && !headsNeighbour(sentence)) ||
          headsCode(sentence)),
    );
  if (candidates.length === 0 || units.length === 0) return null;

  // A question word's associated words (options.related), in the form sentences are compared in.
  const associated = new Map<string, Array<{ terms: string[]; weight: number }>>();
  if (options.related) {
    const asked = new Set(units.flat());
    // Asked in the index's own terms (the tokenizer's), compared in the answer's (stemmed).
    for (const raw of new Set(tokenize(question))) {
      const term = matchTerm(raw);
      if (!asked.has(term)) continue;
      const found = options.related(raw)
        .map(({ term: other, weight }) => ({
          terms: [...new Set(tokenize(other).map(matchTerm))],
          weight: Math.min(1, Math.max(0, weight)) * tuning.relatedWeight,
        }))
        .filter((entry) => entry.weight > 0 && entry.terms.length > 0 && !(entry.terms.length === 1 && entry.terms[0] === term));
      associated.set(term, [...(associated.get(term) ?? []), ...found]);
    }
  }
  // With untranslated words discounted, a Korean word's English word also counts negated by a prefix: 압축을 풀지 않고
  // is "without decompressing", and an English page says decompress, uncompressed where the Korean says 압축 … 풀다.
  const prefixed = tuning.untranslatedWeight < 1;
  const holds = (sentence: Sentence, part: string, korean: boolean) =>
    sentence.terms.has(part) || (korean && /^[a-z]{4,}$/.test(part) && (sentence.terms.has(`de${part}`) || sentence.terms.has(`un${part}`)));
  const termMatch = (sentence: Sentence, term: string): number => {
    if (sentence.terms.has(term)) return 1;
    // Only the de-/un- rule below asks whether the term is Korean: not tested on every match otherwise.
    const korean = prefixed && HANGUL.test(term);
    let best = 0;
    for (const other of associated.get(term) ?? []) {
      if (other.weight > best && other.terms.every((part) => holds(sentence, part, korean))) best = other.weight;
    }
    return best;
  };
  // A Korean question word's transcribed Latin word: the skeletons of a sentence's Latin words, computed once.
  const skeletonsOf = once(latinSkeletons);
  const loanwordMatch = (sentence: Sentence, unit: readonly string[]): number => {
    const skeleton = unitSkeletons.get(unit);
    if (skeleton === undefined) return 0;
    return skeletonsOf(sentence.text).has(skeleton) ? tuning.loanwordWeight : 0;
  };
  // Korean question words nothing translates, when others are translated: an English sentence cannot hold them.
  const hangulUnit = (unit: readonly string[]) => unit.every((term) => HANGUL.test(term));
  const hasAssociated = (unit: readonly string[]) => unit.some((term) => (associated.get(term) ?? []).length > 0);
  const translated = tuning.untranslatedWeight < 1 && units.some((unit) => hangulUnit(unit) && hasAssociated(unit));
  const latinOnly = once((text) => !HANGUL.test(text));
  const isLatinOnly = (sentence: Sentence) => latinOnly(sentence.text);
  // In an English sentence a Korean word is judged by its translated terms: 확인하는's 확인 (check), not the bigram 인하
  // its ending leaves.
  const translatedTerms = new Map<readonly string[], readonly string[]>();
  if (translated) {
    for (const unit of units) {
      const terms = unit.filter((term) => (associated.get(term) ?? []).length > 0);
      if (hangulUnit(unit) && terms.length > 0 && terms.length < unit.length) translatedTerms.set(unit, terms);
    }
  }
  // A sentence's Latin words in a row, lower-cased and spaced at both ends: worked out only for a split word looked for.
  const latinWordsOf = once((text) => ` ${(text.toLowerCase().match(/[a-z]+/g) ?? []).join(" ")} `);
  const compoundMatch = (sentence: Sentence, unit: readonly string[]): boolean => {
    const compound = unitCompounds.get(unit);
    if (compound === undefined) return false;
    if (compound.joined.some((term) => sentence.terms.has(term))) return true;
    return compound.parts.length > 0 && compound.parts.some(([left, right]) => latinWordsOf(sentence.text).includes(` ${left} ${right} `));
  };
  // A negative condition's conjugations (`negativeConditions`), by unit.
  const negatives = new Map<readonly string[], RegExp>();
  if (tuning.negativeConditions) {
    for (const unit of units) {
      const stem = NEGATIVE_CONDITION.exec(written.get(unit)?.word ?? "")?.[1];
      if (stem !== undefined) negatives.set(unit, NEGATIVE_HELD[stem]!);
    }
  }
  const matchOf = (sentence: Sentence, unit: readonly string[]) => {
    const word = unitWords.get(unit);
    if (word !== undefined && sentence.compact.includes(word)) return 1;
    if (compoundMatch(sentence, unit)) return 1;
    if (negatives.get(unit)?.test(sentence.text)) return 1;
    if (unitValues.get(unit)?.some((value) => value.test(sentence.text))) return 1;
    const terms = translatedTerms.size > 0 && isLatinOnly(sentence) ? (translatedTerms.get(unit) ?? unit) : unit;
    const own = terms.reduce((sum, term) => sum + termMatch(sentence, term), 0) / terms.length;
    return own < tuning.loanwordWeight ? Math.max(own, loanwordMatch(sentence, unit)) : own;
  };
  // What a sentence holds of each question word, by unit: asked for every candidate (rarity), again for each
  // neighbour of a sentence scored and for the sentence itself, and the same text comes in several passages; it
  // depends on the text alone, so it is worked out once per text.
  const matches = new Map<string, number[]>();
  const matchesOf = (sentence: Sentence): readonly number[] => {
    let found = matches.get(sentence.text);
    if (found === undefined) matches.set(sentence.text, (found = units.map((unit) => matchOf(sentence, unit))));
    return found;
  };
  // Rarity among the candidate sentences; a question word no sentence has still counts against coverage.
  const weights = units.map((_, i) => {
    const holders = candidates.filter((sentence) => matchesOf(sentence)[i]! >= 0.5).length;
    return Math.log(1 + candidates.length / Math.max(1, holders));
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const untranslated = units.map((unit) => translated && hangulUnit(unit) && !hasAssociated(unit));
  /** The share of the question's weight a sentence is measured against (less for an English one, see `untranslatedWeight`). */
  const totalFor = (sentence: Sentence): number => {
    if (!translated || !isLatinOnly(sentence)) return total;
    const held = matchesOf(sentence);
    return units.reduce((sum, _, i) => sum + (untranslated[i] ? Math.max(tuning.untranslatedWeight, held[i]!) : 1) * weights[i]!, 0);
  };

  // The share of each question word a passage's section path holds; the chunks of a hit's page mostly share its path.
  const sectionSharesOf = once((path) => {
    const section = matchTerms(path);
    return units.map((unit) => unit.filter((term) => section.has(term)).length / unit.length);
  });
  const sectionShares = considered.map((passage) => sectionSharesOf(passage.headingPath.join(" ")));
  // The headings a sentence inherits from (`inheritedWeight`, off by default): its section path, or its innermost
  // heading alone. Worked out only when the lever is on.
  const inheritedPaths = tuning.inheritedWeight > 0
    ? considered.map((passage) => (tuning.inheritInnermost ? passage.headingPath.slice(-1) : passage.headingPath))
    : [];
  const inheritedShares = inheritedPaths.map((path) => sectionSharesOf(path.join(" ")));
  const inheritedCompact = inheritedPaths.map((path) => path.join("").replace(/\s+/gu, "").toLowerCase());
  /** How much of question word `i` a passage's inherited headings hold (a Korean word however they space it). */
  const titledShare = (passageIndex: number, i: number): number => {
    const word = unitWords.get(units[i]!);
    if (word !== undefined && inheritedCompact[passageIndex]!.includes(word)) return 1;
    return inheritedShares[passageIndex]![i]!;
  };
  /** A sentence with the line a lead-in brings: what is checked for the kind of fact asked. */
  const answeredText = (sentence: Sentence) => `${sentence.text}\n${leadsTo(sentence)?.text ?? ""}`;
  /** The sentence before this one in its paragraph: same chunk, no blank line between (a heading line counts). */
  const paragraphBefore = (sentence: Sentence): Sentence | undefined => {
    const before = perPassage[sentence.passageIndex]![sentence.order - 1];
    if (before === undefined || before.source !== sentence.source) return undefined;
    return /\n[^\S\n]*\n/u.test(sentence.source.text.slice(before.end, sentence.start)) ? undefined : before;
  };
  /** The first row of the rows, one a line, that `sentence` (a row) is in within its own chunk. */
  const firstRowOf = (sentence: Sentence): Sentence => {
    const sequence = perPassage[sentence.passageIndex]!;
    let first = sentence;
    for (;;) {
      const before = sequence[first.order - 1];
      if (before?.row == null || before.source !== first.source || !/^[^\S\n]*\n\s*$/u.test(first.source.text.slice(before.end, first.start))) break;
      first = before;
    }
    return first;
  };
  /** A header row read from a text of its own (a chunk's carried `tableHeader`): a row with no place in any chunk. */
  const headerRows = new Map<string, Sentence | null>();
  const headerRow = (sentence: Sentence, header: string): Sentence | undefined => {
    let found = headerRows.get(header);
    if (found === undefined) {
      const row = rowCells(header, 0, header.length);
      const source: Source = { chunkId: sentence.source.chunkId, text: header, pageSpans: [], pageStart: null };
      found = row === null ? null : { ...sentence, source, start: 0, end: header.length, ...textFields(header), order: -1, inHit: false, furniture: true, row };
      headerRows.set(header, found);
    }
    return found ?? undefined;
  };
  /**
   * The header row of a table row's table (`tableRows`): the first row of the rows it is in, one a line in its chunk,
   * when that is another row of as many cells without a digit ("구분 | 지급사유 | 지급금액"). Rows that open their chunk
   * (a long table cut across chunks) take the header row the chunk carries (`tableHeader`, set at ingest), else the one
   * of the chunk before it, when the answer has that chunk.
   */
  const headerOf = (sentence: Sentence): Sentence | undefined => {
    if (sentence.row === null) return undefined;
    const first = firstRowOf(sentence);
    const fits = (header: Sentence | undefined) => (header?.row?.length === sentence.row!.length ? header : undefined);
    if (first.source.text.slice(0, first.start).trim() === "") {
      // A first row without a digit is read as the header itself, as before; the chunk before is asked only for a record.
      const carried = first.source.tableHeader ?? (/\p{N}/u.test(first.text) ? carriedBefore(first) : null);
      const header = carried ? fits(headerRow(sentence, carried)) : undefined;
      if (header !== undefined) return header;
    }
    if (first === sentence || first.row!.length !== sentence.row.length || /\p{N}/u.test(first.text)) return undefined;
    return first;
  };
  /**
   * The header row of the table the chunk before a row's chunk is in, for rows that open their chunk: the header that
   * chunk carries, or the first of the rows it ends with, when that has no digit. For chunks stored without a carried
   * header (ingested before it was kept), when the answer has the chunk before.
   */
  const carriedBefore = (first: Sentence): string | null => {
    const sequence = perPassage[first.passageIndex]!;
    let last: Sentence | undefined;
    for (let i = first.order - 1; i >= 0; i--) {
      const other = sequence[i]!;
      if (other.source === first.source) continue;
      last = other;
      break;
    }
    if (last?.row == null || last.source.text.slice(last.end).trim() !== "") return null;
    const opening = firstRowOf(last);
    const carried = opening.source.text.slice(0, opening.start).trim() === "" ? opening.source.tableHeader : null;
    if (carried) return carried;
    return opening !== last && !/\p{N}/u.test(opening.text) ? opening.text : null;
  };
  const scoreOf = (sentence: Sentence) => {
    const sequence = perPassage[sentence.passageIndex]!;
    // A table row's context is its header row; the rows around it are other records.
    const around = (
      sentence.row !== null ? [headerOf(sentence)] : [sequence[sentence.order - 1], sequence[sentence.order + 1]]
    ).filter((other) => other !== undefined);
    const sectionShare = sectionShares[sentence.passageIndex]!;
    const measured = totalFor(sentence);
    const held = matchesOf(sentence);
    const own = units.reduce((sum, _, i) => sum + held[i]! * weights[i]!, 0) / measured;
    if (own === 0) return { sentence, coverage: 0, cued: false, score: 0 };
    // Context counts for a sentence that is itself about the question, not for any line next to a good one.
    const context = own >= tuning.ownForContext ? 1 : 0;
    // Inherited from structure (`inheritedWeight`): the sentence's own section path and the sentence leading to it,
    // for a sentence of the passage's own chunk (a neighbour chunk may sit under another heading).
    const inherits = tuning.inheritedWeight > 0 && sentence.inHit;
    const leading = inherits && tuning.inheritFrom !== "heading" ? paragraphBefore(sentence) : undefined;
    const headed = inherits && tuning.inheritFrom !== "previous";
    const coverage =
      units.reduce((sum, _, i) => {
        const near = Math.max(0, ...around.map((other) => matchesOf(other)[i]!)) * tuning.contextWeight * context;
        const titled = sectionShare[i]! * tuning.sectionWeight * context;
        const inherited = inherits
          ? Math.max(headed ? titledShare(sentence.passageIndex, i) : 0, leading ? matchesOf(leading)[i]! : 0) * tuning.inheritedWeight
          : 0;
        return sum + Math.max(held[i]!, near, titled, inherited) * weights[i]!;
      }, 0) / measured;
    const cued = answersKind(kind, answeredText(sentence), asked, tuning);
    const bound = cued && focus.length > 0 && tuning.focusBonus > 0 && quantityNear(sentence.text, focus, asked, tuning.focusWindow);
    const cue = cued ? 1 + tuning.cueBonus + (bound ? tuning.focusBonus : 0) : 1;
    const length = sentence.terms.size > 60 ? 0.85 : 1;
    const placed = ranks[sentence.passageIndex]!;
    const weight = !sentence.inHit ? tuning.neighbourWeight : kept[sentence.passageIndex]!.context ? tuning.pageContextWeight : 1;
    const rank = (1 - tuning.rankDecay * placed) * weight;
    return { sentence, coverage, cued: cue > 1, score: coverage * cue * length * rank };
  };
  /**
   * An FAQ entry (a heading that is a question, its answer under it) says the question's words in the heading, and
   * its answer need not repeat them ("What does http.postBuffer really do?" / "This option changes the size of the
   * buffer…"). When nothing else would answer and the first passage is such an entry, its heading holding every
   * question word, the first sentences under it are the answer.
   */
  const faqEntryAnswer = (refused: boolean): Array<ReturnType<typeof scoreOf>> => {
    const first = kept.findIndex((entry, i) => !entry.context && ranks[i] === 0);
    const heading = considered[first]?.headingPath.at(-1)?.trim() ?? "";
    if (first < 0 || !/[?？]$/.test(heading)) return [];
    const said = matchTerms(heading);
    const under = candidates.filter((sentence) => sentence.passageIndex === first && sentence.inHit).slice(0, maxSentences);
    if (!units.every((unit) => unit.every((term) => said.has(term)))) {
      // Refused otherwise (`faqEntryShare`): the heading and the entry's first sentence hold enough of the words asked.
      if (!refused || tuning.faqEntryShare <= 0 || under.length === 0) return [];
      const compact = heading.replace(/\s+/gu, "").toLowerCase();
      const opening = matchesOf(under[0]!);
      const held = units.reduce((sum, unit, i) => {
        const word = unitWords.get(unit);
        const titled = word !== undefined && compact.includes(word) ? 1 : unit.filter((term) => said.has(term)).length / unit.length;
        return sum + Math.max(titled, opening[i]!);
      }, 0);
      if (held / units.length < tuning.faqEntryShare) return [];
    }
    return under.map((sentence, i) => ({ sentence, coverage: tuning.minCoverage, cued: false, score: 1 - i * 0.01 }));
  };
  /** An FAQ question as a line of the first passage's text (`faqLineFirst`): the paragraph after it answers. */
  const faqLineAnswer = (): Array<ReturnType<typeof scoreOf>> => {
    const first = kept.findIndex((entry, i) => !entry.context && ranks[i] === 0);
    if (first < 0) return [];
    const sequence = perPassage[first]!.filter((sentence) => sentence.inHit);
    // The chunk's first line is its heading (`faqEntryAnswer` reads that); a question line comes after it.
    const asks = sequence.findIndex((sentence, i) => {
      if (i === 0 || !/[?？]["'”’)]*$/u.test(sentence.text.trim())) return false;
      if (!sentence.source.text.slice(sequence[i - 1]!.end, sentence.start).includes("\n")) return false;
      const said = sentence.terms;
      return units.every((unit) => unit.every((term) => said.has(term)));
    });
    if (asks < 0) return [];
    const quotable = new Set(candidates);
    const answer: Sentence[] = [];
    for (let i = asks + 1; i < sequence.length && answer.length < maxSentences; i++) {
      const sentence = sequence[i]!;
      const gap = sentence.source.text.slice(sequence[i - 1]!.end, sentence.start);
      // The paragraph right after the question: a blank line after the answer's first sentence ends it.
      if (answer.length > 0 && /\n[^\S\n]*\n/u.test(gap)) break;
      if (!quotable.has(sentence)) break;
      answer.push(sentence);
    }
    return answer.map((sentence, i) => ({ sentence, coverage: tuning.minCoverage, cued: false, score: 1 - i * 0.01 }));
  };
  const scored = candidates
    .map((sentence) => scoreOf(sentence))
    .filter((entry) => entry.coverage > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        ranks[a.sentence.passageIndex]! - ranks[b.sentence.passageIndex]! ||
        a.sentence.passageIndex - b.sentence.passageIndex ||
        a.sentence.start - b.sentence.start,
    );
  // Refused, or asked (`faqEntryFirst`): the first passage's FAQ entry answers, when it is one; else refused, or as scored.
  const refused = scored.length === 0 || scored[0]!.coverage < tuning.minCoverage;
  const headed = refused || tuning.faqEntryFirst ? faqEntryAnswer(refused) : [];
  const entry = headed.length === 0 && tuning.faqLineFirst ? faqLineAnswer() : headed;
  if (entry.length > 0) scored.splice(0, scored.length, ...entry);
  else if (refused) return null;
  // The first quote from a document of the first hits, when one of their sentences is near the best (`firstFromTopHits`).
  if (tuning.firstFromTopHits > 0 && entry.length === 0) {
    const topDocuments = new Set(
      kept.filter((entry, i) => !entry.context && ranks[i]! < tuning.firstFromTopHits).map((entry) => entry.passage.documentId),
    );
    const documentOf = (at: number) => considered[scored[at]!.sentence.passageIndex]!.documentId;
    if (!topDocuments.has(documentOf(0))) {
      // Only over a best sentence holding fewer of the question's words: one that holds more is the better answer.
      const wordsHeld = (sentence: Sentence) => matchesOf(sentence).filter((held) => held >= 0.5).length;
      const bestHolds = wordsHeld(scored[0]!.sentence);
      const floor = scored[0]!.score * tuning.relativeFloor;
      const at = scored.findIndex(
        (entry, i) =>
          i > 0 &&
          entry.score >= floor &&
          entry.coverage >= tuning.minCoverage &&
          topDocuments.has(documentOf(i)) &&
          wordsHeld(entry.sentence) > bestHolds,
      );
      if (at > 0) scored.unshift(...scored.splice(at, 1));
    }
  }
  // The value asked for, stated next to the best sentence without the question's words (`valueNeighbour`): quoted
  // right after it.
  const valueKind: QuestionKind | null =
    kind === "date" || kind === "quantity" || (kind === "name" && tuning.valueNeighbourNames)
      ? kind
      : DEFAULT_ASKED.test(question)
        ? "quantity"
        : null;
  if (tuning.valueNeighbour && valueKind !== null) {
    const best = scored[0]!;
    const holdsValue = (sentence: Sentence) => answersKind(valueKind, answeredText(sentence), asked, tuning);
    if (!holdsValue(best.sentence)) {
      const sequence = perPassage[best.sentence.passageIndex]!;
      const quotable = new Set(candidates);
      const next = [1, -1]
        .map((step) => sequence[best.sentence.order + step])
        .find((other) => other !== undefined && quotable.has(other) && holdsValue(other));
      if (next !== undefined) {
        const at = scored.findIndex((entry) => entry.sentence === next);
        const entry = at >= 0 ? scored.splice(at, 1)[0]! : { sentence: next, coverage: 0, cued: true, score: 0 };
        scored.splice(1, 0, { ...entry, cued: true, score: best.score });
      }
    }
  }

  // Measured against the best score, also when `firstFromTopHits` put another sentence first.
  const floor = scored.reduce((best, entry) => Math.max(best, entry.score), 0) * tuning.relativeFloor;
  const chosen: Sentence[][] = [];
  let count = 0;
  // Already quoted: the same text, nearly the same words, or part of a longer quote (a lead-in's or a follow-on's,
  // from an overlapping chunk), or the other way round.
  const taken = (sentence: Sentence) =>
    chosen.some((group) =>
      group.some(
        (other) =>
          other.normal === sentence.normal ||
          jaccard(other.terms, sentence.terms) >= 0.8 ||
          other.normal.includes(sentence.normal) ||
          sentence.normal.includes(other.normal),
      ),
    );
  // When the question asks for one value (a date, a quantity) and the best sentence holds one, a sentence without
  // one adds nothing to it.
  const cueNeeded = (kind === "date" || kind === "quantity") && scored[0]!.cued && tuning.cueRequired;
  // A sentence from a document the answer does not quote yet must come from a passage ranked near the best one's.
  const farBelow = ranks[scored[0]!.sentence.passageIndex]! + tuning.otherDocumentRanks;
  const quotes = (documentId: string) =>
    chosen.some((group) => group.some((other) => considered[other.passageIndex]!.documentId === documentId));
  /**
   * The end of the quote a sentence starts, when the text right after it belongs with it (one chunk, white space
   * between): the line a dangling sentence goes on to (`danglingLeadIns`), the next sentence of its paragraph
   * referring back to it or giving an example of it, through the line that example leads to (`followOns`), the code
   * line a how-to answer describes (`stepsCodeLines`).
   */
  const continuation = (sentence: Sentence, sequence: readonly Sentence[]): Sentence | undefined => {
    const next = sequence[sentence.order + 1];
    if (next === undefined || next.source !== sentence.source || isRepeated(next) || titles.has(next.normal)) return undefined;
    const gap = sentence.source.text.slice(sentence.end, next.start);
    if (!/^\s*$/u.test(gap) || PARTICLE_START.test(sentence.text)) return undefined;
    // A fragment (cut at a chunk boundary or mid-line) is left to bring the sentence it was cut from, when there is one.
    const before = sequence[sentence.order - 1];
    const cut = before !== undefined && (before.source !== sentence.source || !sentence.source.text.slice(before.end, sentence.start).includes("\n"));
    if (cut && startsMidSentence(sentence.text)) return undefined;
    const own = sentence.text.trim();
    const nextText = next.text.trim();
    const list = tuning.listLines ? listEnd(sentence, sequence) : undefined;
    if (list) return list;
    // Not a numbered heading, a contents entry or another question.
    if (/^\p{N}+(?:\.\p{N}+)*\.?\s|\s\p{N}+$|[?？]$/u.test(nextText)) return undefined;
    if (tuning.danglingLeadIns && DANGLING.test(own)) return next;
    // A line of its own without a full stop (a list item "Restart Printer Service", the systems a block is for, a
    // comment in the code) leads to the code block right under it as a sentence describing it does.
    if (tuning.stepsCodeLines && codeAsked && endsMidSentence(own) && !/[:：]$/.test(own) && gap.includes("\n")) {
      return codeBlockEnd(sentence, next, sequence);
    }
    if (endsMidSentence(own)) return undefined;
    if (tuning.followOns && !gap.includes("\n\n") && nextText.length <= 250 && !taken(next)) {
      if (REFERS_BACK.test(nextText)) return next;
      const example = EXAMPLE_START.test(nextText) ? leadsTo(next) : undefined;
      if (example && example.source === next.source && /^\s*$/u.test(next.source.text.slice(next.end, example.start))) return example;
    }
    if (tuning.stepsCodeLines && kind === "steps" && gap.includes("\n")) {
      const end = codeBlockEnd(sentence, next, sequence);
      if (end) return end;
    }
    if (tuning.termLines && gap.includes("\n") && !gap.includes("\n\n")) return termLinesAfter(sentence, sequence);
    return undefined;
  };
  /**
   * The last line a quoted line brings of a numbered list (`listLines`): the list it introduces, its line ending and
   * the next (after one blank line at most) starting "1." with a "2." further on; or, for a numbered step, the lines
   * under it up to the next step. Lines one to a line, no blank line between, within a quote's length from `sentence`.
   */
  const listEnd = (sentence: Sentence, sequence: readonly Sentence[]): Sentence | undefined => {
    // A lead-in with a colon leads to its first item alone (`listAfterColon`).
    if (sentence.row !== null || !endsLine(sentence) || /[:：]$/u.test(sentence.text.trim())) return undefined;
    const text = sentence.source.text;
    const step = NUMBERED_ITEM.exec(sentence.text.trim());
    let expected = step ? Number(step[1]) + 1 : 1;
    let last: Sentence | undefined;
    let previous = sentence;
    for (let i = sentence.order + 1; i < sequence.length; i++) {
      const line = sequence[i]!;
      if (line.source !== sentence.source || line.row !== null || isRepeated(line) || titles.has(line.normal)) break;
      const gap = text.slice(previous.end, line.start);
      const blank = /\n[^\S\n]*\n/u.test(gap);
      const item = gap.includes("\n") ? NUMBERED_ITEM.exec(line.text.trim()) : null;
      if (last === undefined && !step) {
        // The list introduced: its first item right after the line (one blank line at most), a second further on.
        if (item === null || Number(item[1]) !== 1 || /\n[^\S\n]*\n[^\S\n]*\n/u.test(gap)) return undefined;
        const second = sequence.slice(i + 1).find((other) => other.source === sentence.source && NUMBERED_ITEM.exec(other.text.trim())?.[1] === "2");
        if (second === undefined) return undefined;
      } else if (blank) break;
      // A step brings the lines under it, not the next step.
      if (item !== null && (step || Number(item[1]) !== expected)) break;
      if (item !== null) expected++;
      if (line.end - sentence.start > MAX_SPAN_CHARS) break;
      last = line;
      previous = line;
    }
    return last;
  };
  /**
   * The last line of the code block starting at `next` (its lines one to a line, no blank line between, no Hangul),
   * when `next` is a line of code: at most `MAX_CODE_LINES` lines, within a quote's length from `sentence`.
   */
  const codeBlockEnd = (sentence: Sentence, next: Sentence, sequence: readonly Sentence[]): Sentence | undefined => {
    if (!isCodeLine(next.text.trim())) return undefined;
    let last = next;
    for (let i = next.order + 1; i < sequence.length && i < next.order + MAX_CODE_LINES; i++) {
      const line = sequence[i]!;
      if (line.source !== next.source || !/^[^\S\n]*\n[^\S\n]*$/u.test(line.source.text.slice(last.end, line.start))) break;
      if (HANGUL.test(line.text) || isRepeated(line) || line.end - sentence.start > MAX_SPAN_CHARS) break;
      last = line;
    }
    return last;
  };
  /**
   * The last of the lines right after a sentence, each a line of its own in its paragraph, that define a term the
   * sentence names ("언실 키: sealed 해제"), when there is one (`termLines`).
   */
  const termLinesAfter = (sentence: Sentence, sequence: readonly Sentence[]): Sentence | undefined => {
    let last: Sentence | undefined;
    for (let i = sentence.order + 1; i < sequence.length && i <= sentence.order + MAX_TERM_LINES; i++) {
      const line = sequence[i]!;
      const before = sequence[i - 1]!;
      const gap = line.source.text.slice(before.end, line.start);
      if (line.source !== sentence.source || !/^[^\S\n]*\n[^\S\n]*$/u.test(gap) || line.end - sentence.start > MAX_SPAN_CHARS) break;
      const term = TERM_LINE.exec(line.text.trim());
      const named = term === null ? [] : [...matchTerms(term[1]!)];
      if (named.length === 0 || !named.every((word) => sentence.terms.has(word))) break;
      last = line;
    }
    return last;
  };
  /**
   * The header cells over a quoted row's cells, when the header row is not in the row's own chunk (a long table cut
   * across chunks): shown with the quote as its context, never part of it. Null when the chunk holds its header.
   */
  const shownHeaders = new Map<Sentence, string>();
  const shownHeader = (row: Sentence, quote: Sentence): string | null => {
    const header = headerOf(row);
    if (header === undefined || header.source === row.source) return null;
    const columns = row.row!.flatMap((cell, i) => (cell.start >= quote.start && cell.end <= quote.end ? [i] : []));
    return columns.map((i) => header.source.text.slice(header.row![i]!.start, header.row![i]!.end)).join(CELL_JOIN);
  };
  /**
   * A long table row cut at cells (`tableRows`): from its label (its first cell with words) to the cell that answers,
   * the cell holding the most question words its label lacks, with its header cell's, else the first of the kind
   * asked; cells before it left off when the quote would run over a quote's length. A row with no such cell is cut
   * after the cells that fit. A verbatim slice of the row either way.
   */
  const rowQuote = (sentence: Sentence): Sentence => {
    if (sentence.row === null || sentence.text.length <= ROW_CUT_CHARS) return sentence;
    const text = sentence.source.text;
    const cells = filledCells(text, sentence.row);
    if (cells.length < ROW_CUT_CELLS) return sentence;
    const header = headerOf(sentence);
    const cellAt = (span: Span): Sentence => ({ ...sentence, start: span.start, end: span.end, ...textFields(text.slice(span.start, span.end)), row: null });
    const label = matchesOf(cellAt(cells[0]!));
    const headerCell = (cell: Span): Sentence | undefined => {
      const column = sentence.row!.indexOf(cell);
      const span = header?.row![column];
      if (header === undefined || span === undefined) return undefined;
      return { ...header, start: span.start, end: span.end, ...textFields(header.source.text.slice(span.start, span.end)), row: null };
    };
    let answer = -1;
    let most = 0;
    for (let i = 1; i < cells.length; i++) {
      const own = matchesOf(cellAt(cells[i]!));
      const above = headerCell(cells[i]!);
      const titled = above ? matchesOf(above) : [];
      const held = units.filter((_, u) => label[u]! < 0.5 && Math.max(own[u]!, titled[u] ?? 0) >= 0.5).length;
      if (held > most) [answer, most] = [i, held];
    }
    if (answer < 0) answer = cells.findIndex((cell, i) => i > 0 && answersKind(kind, text.slice(cell.start, cell.end), asked, tuning));
    if (answer < 0) {
      if (sentence.text.length <= MAX_SPAN_CHARS) return sentence;
      answer = Math.max(1, cells.findLastIndex((cell) => cell.end - cells[0]!.start <= MAX_SPAN_CHARS));
    }
    let first = 0;
    while (first < answer && cells[answer]!.end - cells[first]!.start > MAX_SPAN_CHARS) first++;
    return { ...cellAt({ start: cells[first]!.start, end: cells[answer]!.end }) };
  };
  for (const entry of scored) {
    const { score, cued } = entry;
    if (count >= maxSentences || score < floor) break;
    // A table row is quoted whole, or cut at cells when long; it brings no line before or after it.
    const row = entry.sentence.row !== null;
    const sentence = row ? rowQuote(entry.sentence) : entry.sentence;
    const shown = row ? shownHeader(entry.sentence, sentence) : null;
    if (shown !== null) shownHeaders.set(sentence, shown);
    if (taken(sentence) || (cueNeeded && !cued)) continue;
    const documentId = considered[sentence.passageIndex]!.documentId;
    const offTopic = tuning.otherDocumentRanks >= 0 && ranks[sentence.passageIndex]! > farBelow && !quotes(documentId);
    if (chosen.length > 0 && offTopic) continue;
    const led = leadsTo(sentence);
    // A lead-in and the line right after it (one chunk, nothing but white space between) are one quote: the line is
    // what the lead-in says.
    const joined =
      led && tuning.leadInOneQuote && led.source === sentence.source && /^\s*$/u.test(sentence.source.text.slice(sentence.end, led.start))
        ? joinedQuote(sentence, led)
        : undefined;
    if (led && !joined && count + 2 > maxSentences) continue;
    if (joined) {
      if (taken(joined)) continue;
      chosen.push([joined]);
      count += 1;
      continue;
    }
    const sequence = perPassage[sentence.passageIndex]!;
    const goesOn = led || row ? undefined : continuation(sentence, sequence);
    if (goesOn) {
      const quote = joinedQuote(sentence, goesOn);
      if (!taken(quote)) {
        chosen.push([quote]);
        count += 1;
        continue;
      }
    }
    const group = [sentence];
    const contentNeighbour = (from: number, step: 1 | -1) => {
      for (let i = from + step; i >= 0 && i < sequence.length; i += step) {
        const other = sequence[i]!;
        // A line of punctuation alone (a code block's "],") is nothing to quote.
        if (!/[\p{L}\p{N}]/u.test(other.text)) continue;
        if (!other.furniture && !isRepeated(other) && !titles.has(other.normal) && !headsNeighbour(other)) return other;
      }
      return undefined;
    };
    // A fragment brings the sentence it was cut from, when there is room for it.
    const before = sequence[sentence.order - 1];
    // Cut at a chunk boundary, or mid-line (a long sentence cut at a clause); a lower-case line of its own is a
    // command or a list item, not a fragment.
    const cut =
      before === undefined ||
      before.source !== sentence.source ||
      !sentence.source.text.slice(before.end, sentence.start).includes("\n");
    const particleStart = tuning.particleFragments && PARTICLE_START.test(sentence.text);
    if (!row && count + group.length < maxSentences && ((cut && startsMidSentence(sentence.text)) || particleStart)) {
      // After a particle, the line just before, even a bare command line, is what the sentence goes on from.
      const previous =
        particleStart && before !== undefined && !isRepeated(before) && !titles.has(before.normal)
          ? before
          : contentNeighbour(sentence.order, -1);
      if (previous && !taken(previous) && !group.some((other) => other.normal === previous.normal)) group.unshift(previous);
    }
    // A lead-in brings its line; a sentence cut short brings the rest, when there is room for it.
    // A line of its own without a full stop (a table row, a caption) is whole, unless the next line goes on with it.
    const rest = led ?? (!row && endsMidSentence(sentence.text) ? contentNeighbour(sentence.order, 1) : undefined);
    const whole =
      tuning.rowsAreWhole &&
      rest !== undefined &&
      rest !== led &&
      !/[:：]$/.test(sentence.text.trim()) &&
      endsLine(sentence) &&
      !startsMidSentence(rest.text) &&
      !PARTICLE_START.test(rest.text);
    // Chunks overlap: the next sentence after a chunk's last may be that same sentence again, from the next chunk.
    if (count + group.length < maxSentences && rest !== undefined && !whole && !taken(rest) && !group.some((other) => other.normal === rest.normal)) {
      group.push(rest);
    }
    chosen.push(group);
    count += group.length;
  }

  const citations: Citation[] = [];
  const parts = chosen.flat().map((sentence) => {
    const passage = considered[sentence.passageIndex]!;
    const ref = citations.length + 1;
    citations.push({
      ref,
      documentId: passage.documentId,
      source: passage.source,
      page: pageAt(sentence.source.pageSpans, sentence.start, sentence.source.pageStart),
      // A quote from a neighbour chunk names that chunk's section, as it names its clause.
      section: sectionLabel(sentence.inHit ? passage.headingPath : ((sentence.source as NeighbourChunk).headingPath ?? passage.headingPath)),
      chunkId: sentence.source.chunkId,
      clause: (sentence.inHit ? passage.clausePath : (sentence.source as NeighbourChunk).clausePath) ?? null,
      quote: sentence.text,
      verified: sentence.source.text.slice(sentence.start, sentence.end) === sentence.text,
      ...(shownHeaders.has(sentence) ? { tableHeader: shownHeaders.get(sentence)! } : {}),
    });
    // Bracketed numbers inside the document text would read as citation markers.
    const unmarked = (line: string) => line.replace(/\s+/g, " ").replace(/\[(\s*\d[\d\s,，]*)\]/g, "($1)");
    const text = unmarked(sentence.text);
    // A row of a table cut across chunks reads with its header row's cells before it, in brackets: their meaning.
    const header = shownHeaders.get(sentence);
    return header === undefined ? `${text} [${ref}]` : `(${unmarked(header)}) ${text} [${ref}]`;
  });
  return { answer: parts.join(" "), citations };
}
