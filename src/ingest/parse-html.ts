import { Parser } from "htmlparser2";
import { buildDocument, collapseWhitespace, letterSubject, type BlockDraft } from "./build-document.ts";
import { startsKoreanArticle } from "./clauses.ts";
import { numberedHeadingLevel } from "./structure.ts";
import { INVISIBLE } from "./decode-text.ts";
import { labelled, readFrontMatter, withoutMacros } from "./site-syntax.ts";
import type { Furniture, ParsedDocument } from "./types.ts";

/** Elements whose content is never document text. <head> is handled apart, because its <title> is wanted. */
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "math", "select", "button"]);

/** Elements that end the running text before and after them, so their text never merges with a neighbour's. */
const BLOCK_BOUNDARIES = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul",
]);

const HEADING_LEVEL: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

export interface HtmlBlocks {
  title: string | null;
  blocks: BlockDraft[];
  /** Navigation, site headers and footers: kept out of the text. */
  furniture: Furniture[];
  /** The src of each <iframe> and <frame>: pages of their own, which a saved page does not hold. */
  frames: string[];
  /** Scripts in the body, which may build the text a browser shows. */
  scripts: number;
}

/** Landmarks that hold navigation and site chrome rather than the page's content. */
const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "search", "tablist"]);
const CHROME_CLASS = /(?:^|\s)(?:navheader|navfooter|nav-panel|(?:[a-z\d]+[-_])?breadcrumbs?(?:[-_](?:list|wrap|wrapper|container|nav|area|trail))?|skip-?link|(?:mw-)?jump-link|site-(?:header|footer)|menu|article-subscribe)(?:\s|$)/i;
/**
 * Korean sites' menus by id or class: the global navigation bar ("gnb", the top menu on nearly every Korean site), the
 * local and side ones ("lnb", "snb") and the top utility links ("tnb": 로그인, 회원가입, 사이트맵), and the skip links'
 * box ("skipNav", "skip_navi", "skip_to_container"), and the quick menu floating at the side ("quick-menu", "quickMenu",
 * id "quick": 금리안내, 영업점 찾기, Top).
 */
const KOREAN_MENU =
  /^(?:[gls]nb|tnb|gnb[-_]?(?:wrap|area|menu)|lnb[-_]?(?:wrap|area|menu)|quick[-_]?(?:menu|bar|links?|wrap|area)|skip[-_]?(?:nav|navi|navigation|menu|links?|to[-_]?(?:container|content|main)))$/i;
/**
 * Blocks that are chrome by class: drop-down menus (a wiki's 136-language menu, Bootstrap's dropdown-menu), what the
 * page marks not to be printed (MediaWiki's and many sites' "noprint"), and MediaWiki's portlets, category links,
 * navigation boxes and "Retrieved from" footer, which a saved company wiki page carries too; and a help center
 * article's surroundings in Zendesk Guide's themes (many companies' 고객센터): the side list of the section's other
 * articles, related and recently viewed articles, the update date, the "was this helpful?" votes and the "have more
 * questions?" box, whose article titles would otherwise answer questions instead of the article; a WordPress knowledge
 * base's (BetterDocs, Heroic KB) "이 문서가 도움이 되었나요?" reactions and feedback, share buttons, previous/next
 * links and "Powered by" credit; what Bootstrap's themes hide from print ("d-print-none": Hugo Docsy's side columns and
 * its "이 페이지가 도움이 되었나요?" box with its feedback--* parts), Docsy's edit links and last-modified line (td-page-meta,
 * td-page-meta__lastmod), mdBook's menu bar (its theme and print buttons and the book's name as an <h1> over every page),
 * a language selector (Slate's "shell | javascript" over its code), TypeDoc's side column (col-sidebar, page-menu,
 * site-menu: its settings and "On This Page"). Only blocks: a "noprint"
 * <span> inside a sentence ("[citation needed]") would otherwise cut its paragraph in two.
 */
const CHROME_BLOCK_CLASS =
  /(?:^|\s)(?:(?:[\w-]+-)?dropdown(?:-menu|-content)?|no-?print|mw-portlet|catlinks|navbox|printfooter|article-(?:sidebar|relatives|votes|more-questions|meta)|related-articles|recent-articles|article-(?:footer|share|return-to-top|comments)|attachment-meta|page-metadata|theme-doc-footer|theme-last-updated|VPDocFooter|md-source-file|(?:[a-z\d]+-)?(?:feedback(?:--[\w-]+)?|article-reactions|was-this-helpful|social-share)|betterdocs-credit|docs-navigation|d-print-none|(?:[a-z\d]+-)?page-meta(?:__[\w-]+)?|menu-?bar|(?:lang(?:uage)?|locale)[-_]?(?:selector|switcher|switch|picker|dropdown)|col-sidebar|site-menu|page-menu)(?:\s|$)/i;
/**
 * A page's header or footer by class, as in pages older than <header>/<footer>: makeinfo's node navigation
 * ("Next: … Previous: … Up: …") is a <div class="header"> above and below every node of a GNU manual; or by id, as
 * most Korean sites mark theirs (<div id="header">, <div id="footer"> with the address, 사업자등록번호 and copyright).
 */
const PAGE_BAND_CLASS = /(?:^|\s)(?:header|footer)(?:\s|$)/i;
/**
 * Admonitions (DocBook's <div class="note"><h3>Note</h3>, <aside> and Sphinx-like "admonition" boxes, Bootstrap's
 * <div class="alert"><h4 class="alert-heading">주의</h4>, Hugo Docsy's and many themes' notes): their title is
 * a label of the box, not a section of the document, so a heading inside one is kept as a paragraph.
 */
const ADMONITION_CLASS = /(?:^|\s)(?:admonition|theme-admonition|confluence-information-macro|note|notice|tip|hint|important|warning|caution|attention|danger|alert|callout)(?:\s|$)/i;
/**
 * An admonition's title inside its box, besides a heading element: Sphinx's and MkDocs' p.admonition-title ("참고"),
 * VitePress' p.custom-block-title, Docusaurus' div.admonitionHeading_xxxx ("경고"), callouts' and alerts' titles.
 */
const ADMONITION_TITLE_CLASS = /(?:^|\s)(?:admonition-?title|custom-block-title|admonition-?heading(?:_\w+)?|callout-title|alert-title|alert-heading|title)(?:\s|$)/i;
/** A term or a box title this long or shorter labels the text after it; a longer one is text of its own. */
const MAX_LABEL_CHARS = 80;
/** A code group (VitePress) or a content tab set (MkDocs Material's tabbed-set), and the box of its tabs' labels. */
const CODE_GROUP_CLASS = /(?:^|\s)(?:vp-code-group|tabbed-set)(?:\s|$)/;
const TAB_LABELS_CLASS = /(?:^|\s)tabbed-labels(?:\s|$)/;
/**
 * A table of contents by class: "toc", Confluence's "toc-macro", Sphinx's "toctree-wrapper" (an index page's or a
 * singlehtml page's list of its documents), and a plugin's or theme's own prefixed one
 * ("betterdocs-toc", "rank-math-toc-block", "yoast-table-of-contents"), not a page's state ("has-toc", "no-toc").
 */
const TOC_CLASS = /(?:^|\s)(?!(?:has|with|no|show|hide|without)-)(?:[a-z\d]+-)*(?:toc(?:tree)?|table-of-contents|list-of-(?:figures|tables))(?:-(?:macro|container|block|wrap|wrapper|list))?(?:\s|$)/i;
/**
 * Permalink anchors that documentation generators append to headings (Sphinx and MkDocs "headerlink" ¶, Docusaurus
 * "hash-link" #, anchor.js, makeinfo's "copiable-anchor"/"copiable-link" ¶ after every definition, Doxygen's
 * <span class="permalink">◆</span> before every member), MediaWiki's "↑" from a footnote back to its mark: a symbol for
 * the mouse, not text, which would otherwise start or end every heading and section path.
 */
const PERMALINK_CLASS = /(?:^|\s)(?:headerlink|hash-link|anchorjs-link|header-anchor|copiable-anchor|copiable-link|permalink|mw-editsection|wiki-edit-section|mw-cite-backlink)(?:\s|$)/i;

/**
 * MediaWiki's reference marks (<sup class="reference">[1]</sup>), links down to a footnote: read in the sentence they
 * ran into its words ("주어진다.[1] 미사용"); the footnotes themselves stay, under their own heading.
 */
const REFERENCE_MARK = /(?:^|\s)reference(?:\s|$)/;

/**
 * The words of a skip link, a link to a place on the same page that keyboard users take past the menus: "본문 바로가기",
 * "주메뉴 바로가기", "콘텐츠로 이동" (MkDocs Material), "본문 건너뛰기", "Skip to main content", "Jump to navigation".
 */
const SKIP_LINK =
  /^(?:(?:본문|본문\s*내용|주\s*메뉴|메인\s*메뉴|전체\s*메뉴|상단\s*메뉴|하단\s*메뉴|좌측\s*메뉴|메뉴|콘텐츠|컨텐츠|내용|검색|사이트\s*정보|푸터|하단)\s*(?:으로|로)?\s*(?:바로\s*가기|건너\s*뛰기|이동(?:하기)?)|(?:skip|jump)\s+(?:to\s+)?(?:the\s+)?(?:main\s+)?(?:content|navigation|nav|menu|search|footer)s?)$/i;

/** The words of a link that works the page (script or same-page link): close, print, back to the top or the list. */
const PAGE_CONTROL =
  /^(?:(?:창\s*)?닫기|close(?:\s+window)?|인쇄(?:하기)?|print|(?:맨\s*)?위로(?:\s*가기)?|top|back\s+to\s+top|목록(?:으로|보기)?|(?:전체\s*|모두\s*)?(?:펼치기|접기|열기)|(?:expand|collapse)(?:\s+all)?)$/i;

/**
 * A button that opens and closes a panel: an accordion's or a FAQ's question (Bootstrap's <button class="accordion-button"
 * data-bs-toggle="collapse" aria-expanded>, a 고객센터's <button class="faq-question">). Its words are the title of
 * what it opens; other buttons (검색, 제출) are controls, not text.
 */
function isToggle(attributes: Record<string, string>): boolean {
  if (attributes["aria-expanded"] !== undefined || attributes["aria-controls"] !== undefined) return true;
  if (/collapse|accordion/i.test(`${attributes["data-bs-toggle"] ?? ""} ${attributes["data-toggle"] ?? ""}`)) return true;
  return /(?:^|[\s_-])(?:accordion|faq|question|qna|toggle|collapse)/i.test(attributes.class ?? "");
}

/** A link to more on another page, alone in its block: a card's "자세히 보기 →", "더 보기", "Read more »". */
const MORE_LINK = /^(?:자세히\s*보기|더\s*보기|더\s*알아보기|(?:read|learn|see)\s+more|more)\s*[→›»>+…]*$/i;

function isPageControl(words: string): boolean {
  return SKIP_LINK.test(words) || PAGE_CONTROL.test(words);
}

/** Doxygen's tooltips for the names in a code fragment: a hidden copy of each definition, shown on hover. */
const TOOLTIP_CLASS = /(?:^|\s)ttc(?:\s|$)/;

/**
 * Text kept for screen readers only ("blind" on Naver's and most Korean portals' pages, Daum's "screen_out", 그누보드's
 * "sound_only" (작성자, 작성일, 댓글 on every board post),
 * Bootstrap's "sr-only", "visually-hidden"): a hidden heading ("질문 목록", "주요 메뉴") would otherwise become a section
 * of the page and a hidden label ("새창 열림", "현재 페이지") run into the words around it.
 */
const SCREEN_READER_CLASS = /(?:^|\s)(?:blind|sr-only|sound_?only|screen[-_]?out|visually-?hidden|a11y-hidden|hide[-_]?txt|ir_pm|ir_wa)(?:\s|$)/i;

/**
 * Panels hidden until a reader opens them: a FAQ's answers folded under their questions (<dd style="display:none">,
 * <div class="a">, "answer", "faq_a"), accordions and tab panels (role="tabpanel" hidden). A saved page holds them
 * as the page's script left them, closed; they are the page's content.
 */
const FOLDED_PANEL = /(?:^|[\s_-])(?:a|ans|answer|faq|accordion|collapse|fold|toggle|panel|tab-?pane|tab-?panel|tab-?cont(?:ent)?|tab_cont|tabcont|detail|details)(?:$|[\s_-]|\d)/i;

/** Boxes hidden until a script shows them that are not folded text: pop-up layers, modal dialogs, menus, tooltips. */
const OVERLAY = /popup|pop-up|modal|layer|dialog|tooltip|dropdown|overlay|lightbox|toast|alert/i;
/** A menu by class ("submenu", "menu_list"); an id like "Menu1" names a FAQ's toggled box as often as a menu. */
const MENU_CLASS = /menu/i;

/**
 * Markup the page never shows: the hidden attribute, an inline display:none, Doxygen's code tooltips. A hidden block
 * right after a heading or a question (`titled`) is the text folded under it, which a click opens (a 민원 FAQ's
 * <div id="Menu1" style="display:none"> under its <h3> question), unless it is a pop-up or a menu.
 */
function isHidden(name: string, attributes: Record<string, string>, titled: boolean): boolean {
  if (TOOLTIP_CLASS.test(attributes.class ?? "") || SCREEN_READER_CLASS.test(attributes.class ?? "")) return true;
  if (attributes.hidden === undefined && !/(?:^|;)\s*display\s*:\s*none\b/i.test(attributes.style ?? "")) return false;
  const names = `${attributes.class ?? ""} ${attributes.id ?? ""}`;
  const folded = name === "dd" || (attributes.role ?? "").toLowerCase() === "tabpanel" || FOLDED_PANEL.test(names);
  return !folded && !(titled && BLOCK_BOUNDARIES.has(name) && !OVERLAY.test(names) && !MENU_CLASS.test(attributes.class ?? ""));
}

/**
 * An item a list hides until its "More" (더보기) button shows it: hidden (display:none) but of the same tag and class as
 * an item shown before it in the same parent (a FAQ's sixth entry and on, "news-suject" like the first five). A
 * pop-up or a screen-reader label has no shown twin; a tooltip or screen-reader class stays hidden.
 */
function pagedItem(name: string, classes: string, shown: ReadonlySet<string> | undefined): boolean {
  if (shown === undefined || classes.trim() === "" || TOOLTIP_CLASS.test(classes) || SCREEN_READER_CLASS.test(classes)) return false;
  return shown.has(`${name}.${classes.trim()}`);
}

/**
 * Whether an element is site chrome: <nav>, landmark roles for navigation, banner and footer, DocBook's navigation
 * bars and makeinfo's, <header>/<footer> of the page, or a <div> of class header/footer (inside an article or main
 * they belong to the content), and an <aside> of the page (a side column: LibreOffice help's "Contents" and
 * "Index" panes) unless it is an admonition box or sits inside the content, where it is a note, sidebar or footnote.
 */
function isChrome(name: string, attributes: Record<string, string>, insideContent: boolean, insideSection = false): boolean {
  if (name === "nav" && !TOC_CLASS.test(attributes.class ?? "")) return true;
  if (name === "aside" && !insideContent && !ADMONITION_CLASS.test(attributes.class ?? "")) return true;
  // Inside a <section> a <header> is the section's own (its title), as HTML has it, unless its id or class says it is
  // the site's (a page wrapped in <section id="wrap"> around <header id="header">). A footer stays out: themes wrap the
  // whole page in a <section> (Read the Docs' "Built with Sphinx" footer).
  const sectionHeader = name === "header" && insideSection && !PAGE_BAND_CLASS.test(attributes.class ?? "") && !PAGE_BAND_CLASS.test(attributes.id ?? "");
  if ((name === "header" || name === "footer") && !insideContent && !sectionHeader) return true;
  if (name === "div" && (PAGE_BAND_CLASS.test(attributes.class ?? "") || PAGE_BAND_CLASS.test(attributes.id ?? "") || BOARD_BAND_ID.test(attributes.id ?? "")) && !insideContent) return true;
  if (BOARD_CHROME_ID.test(attributes.id ?? "") || (BLOCK_BOUNDARIES.has(name) && BOARD_CHROME_CLASS.test(attributes.class ?? ""))) return true;
  if (/^(?:breadcrumbs?|breadcrumb-section)$/i.test(attributes.id ?? "")) return true;
  // A wiki's banner over every page (MediaWiki's #siteNotice, #centralNotice: "위키 점검이 3월 2일에 있습니다").
  if (/^(?:site|central)[-_]?notice$/i.test(attributes.id ?? "")) return true;
  if (KOREAN_MENU.test(attributes.id ?? "") || /^quick$/i.test(attributes.id ?? "") || (attributes.class ?? "").split(/\s+/).some((name) => KOREAN_MENU.test(name))) return true;
  if (CHROME_ROLES.has((attributes.role ?? "").toLowerCase())) return true;
  return CHROME_CLASS.test(attributes.class ?? "") || (BLOCK_BOUNDARIES.has(name) && CHROME_BLOCK_CLASS.test(attributes.class ?? ""));
}

/**
 * 그누보드 (GNUBoard), on which a great many Korean company, school and public-body sites run: its page header and
 * footer by id (#hd with the login links, #ft with the company's address and 사업자등록번호), a post's share, vote and
 * button bars (#bo_v_share "스크랩", #bo_v_act "추천 0", #bo_v_top "목록") and its previous/next links (ul.bo_v_nb).
 */
const BOARD_BAND_ID = /^(?:hd|ft)$/;
const BOARD_CHROME_ID = /^bo_v_(?:share|act|sns|top|bot)$/;
const BOARD_CHROME_CLASS = /(?:^|\s)bo_v_nb(?:\s|$)/;

/**
 * The headings a board's skin writes for screen readers over each part of a post and hides from the eye: "본문",
 * "페이지 정보", "댓글목록" (그누보드's, KWCAG-minded sites'). As headings they put every post's text under "본문"
 * instead of under the post's title.
 */
const HIDDEN_PART_HEADING = /^(?:본문(?:\s*내용)?|페이지\s*정보|게시(?:물|글)\s*정보|댓글\s*목록|메인\s*메뉴|주\s*메뉴|전체\s*메뉴)$/;

/** A table set as a grid of <div>s, one per cell, header cells first (Javadoc's "summary-table"). */
const GRID_TABLE_CLASS = /\bsummary-table\b/;

/** An element that starts a new printed page (CSS page-break-before/after: always, break-before/after: page). */
const PAGE_BREAK_BEFORE = /(?:^|;)\s*(?:page-break-before\s*:\s*always|break-before\s*:\s*page)\b/i;
const PAGE_BREAK_AFTER = /(?:^|;)\s*(?:page-break-after\s*:\s*always|break-after\s*:\s*page)\b/i;
/** A printed page number on a line of its own: "11", "- 11 -", "Page 11", "F-3" (financial statements), "iv". */
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+)?(?:[A-Z]-)?\d{1,4}(?:\s*[-–—])?$|^[ivxlc]{1,6}$/i;

/**
 * A breadcrumb trail from the site's home ("홈 > 고객센터 > 자주 묻는 질문", "HOME › 민원안내 › 전입신고"), whatever
 * its markup's class: navigation, not a sentence. It must start at the home page: a menu path in a how-to ("설정 >
 * 계정 > 비밀번호 변경") is an instruction and stays.
 */
const BREADCRUMB = /^(?:홈|홈으로|처음으로|메인|home|main)\s*[>›»〉＞/]\s*[^>›»〉＞\n]{1,40}(?:\s*[>›»〉＞/]\s*[^>›»〉＞\n]{1,40})*$/i;
const MAX_BREADCRUMB_CHARS = 160;
/** The end of a sentence ("홈 > 설정을 누르세요."): a path written into an instruction, not a trail. */
const SENTENCE_END = /(?:[다요]|니다|세요|십시오)\s*[.!]?$|[.!?。]$/;

/**
 * A breadcrumb trail written as a list, its separators items of their own or at its items' ends ("홈", "»", "도움말",
 * "»", "비밀번호 재설정"), as "홈 > 도움말 > 비밀번호 재설정"; null for any other list (a menu without separators is
 * left to its markup's class).
 */
function breadcrumbTrail(lines: readonly string[]): string | null {
  if (lines.length < 2 || lines.length > 15) return null;
  let separated = false;
  const items: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim().replace(/^\d{1,2}\.\s+/, "");
    if (/^[>›»〉＞/|·]+$/.test(trimmed)) {
      separated = true;
      continue;
    }
    const bare = trimmed.replace(/^[>›»〉＞]\s*|\s*[>›»〉＞]$/g, "");
    if (bare !== trimmed) separated = true;
    if (bare !== "") items.push(bare);
  }
  if (!separated || items.length < 2) return null;
  const trail = items.join(" > ");
  return BREADCRUMB.test(trail) && trail.length <= MAX_BREADCRUMB_CHARS && !SENTENCE_END.test(trail) ? trail : null;
}

/** A definition term that is only a step's number: "1", "2.", "①", "Step 3", "3단계". */
const STEP_TERM = /^(?:\d{1,3}\.?|[\u2460-\u2473\u2776-\u277f]|(?:step|단계)\s*\d{1,3}|\d{1,3}\s*단계)$/i;

/** A paragraph of emoji alone: an icon (a Notion callout's "💡", a help page's "⚠️"), with no words to find or quote. */
const ICON_ONLY = /^[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D\s]+$/u;

/** What a step says: words (a key reference's <dt>1</dt><dd>1:1</dd> is a key and its zoom, not step 1). */
const STEP_TEXT = /\p{L}{2,}/u;

/** A FAQ entry's answer box by class: "faq_a", "a", "answer", "faq-answer", "ans". */
const ANSWER_CLASS = /(?:^|[\s_-])(?:a|ans|answer)(?:$|[\s_-]|\d)/i;

/** A list of nothing but page numbers: a board's pagination. */
const PAGE_LINKS = /^\d{1,4}(?:\n\d{1,4})+$/;

/** A question: a FAQ entry's title, in English or Korean. */
const QUESTION = /[?？]$/;
/** A bullet typed before a paragraph ("- 이력서를 공유할 것인가?", "• …"): an item of a hand-made list, not a FAQ entry. */
const TYPED_BULLET = /^[-–—•·∙◦▪▫●○■□◆◇▶▷►*]/u;
/** A paragraph this long or longer is a paragraph that asks, not a FAQ entry's question. */
const MAX_QUESTION_CHARS = 150;

/**
 * A remark typed as a note with ">" ("> 현재 정책에서 피해자들은 무기력하다. … 왜 죄인 취급 받는가?"): a point among a 회의록's
 * notes, not a question titling its answer. A FAQ's question may say something before it asks ("결제가 안 됩니다. 어떻게
 * 하나요?", "I forgot it. How do I reset it?") and stays a question.
 */
const NOTE_MARK = /^>/;
/** A bold paragraph this long or longer is emphasised text, not a title. */
const MAX_BOLD_HEADING_CHARS = 100;

/** A bold line taken for a heading is the document's title only among this many opening blocks ("CODE OF CONDUCT"). */
const BOLD_TITLE_BLOCKS = 3;

/**
 * A bold line the clause reader owns or that leads in to what follows: 부칙, "Section 3", "Article 3", an article whose
 * number a field held ("제 조 (간사)"), and a 공문's or 계약서's "- 다 음 -", "아 래".
 */
const CLAUSE_OR_LEAD_IN = /^(?:부\s*칙|(?:Section|SECTION|Article|ARTICLE)\s+\d|제\s*\d*\s*조\s*(?:의\s*\d+\s*)?[(（【]|[-–\s]*(?:다\s*음|아\s*래)[-–\s]*$)/u;

/** A label in capitals standing alone: "PURPOSE:", "SCOPE", "DEFINITIONS AND TERMS" (no lower-case letter, no sentence). */
const CAPITALS_LABEL = /^(?=(?:[^\p{L}]*\p{Lu}){4})[\p{Lu}\d\s&/,()'’:–-]{4,60}$/u;

/**
 * A title set apart by a square or diamond mark, as Korean reports and forms type their parts in the body style ("■
 * 기능적 요구사항", "□ 추진 배경"): a few words, no label with its value, no sentence. A run of such lines is a list.
 */
const MARKED_TITLE = /^[■□◆◇▣◈]\s*[^\s:：][^:：]{0,39}$(?<![.!?。다])/u;

/** A line that gives a date ("January 21, 2022 (공문 작성일)", "2024. 3. 15. 정기회의"): a letter's or a meeting's, no title. */
const DATED_LINE = /\d{4}\s*[./년-]\s*\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}/iu;

/** A short paragraph numbered like a title ("1. 개요", "2.1 범위", "제3장 보칙"), not a sentence. */
function isNumberedTitle(text: string): boolean {
  return text.length <= 80 && !/[.!。]$/.test(text) && numberedHeadingLevel(text, 1) !== null;
}

/**
 * Turns HTML into blocks: headings, paragraphs, lists (one item per line), tables (one row per line, cells joined
 * by " | ") and preformatted code. It runs on htmlparser2's streaming callbacks with counters instead of a tree, so
 * pathologically deep markup cannot overflow the stack. Shared by the DOCX parser, which goes through mammoth's HTML.
 */
export function htmlToBlocks(html: string, options: { macros?: boolean; listNumbers?: boolean; boldHeadings?: boolean; layoutTables?: boolean } = {}): HtmlBlocks {
  /** The tables, by their order in the page, that lay the page out rather than hold data (an HTML e-mail's). */
  const layoutTables = options.layoutTables === true ? findLayoutTables(html) : new Set<number>();
  let tablesOpened = 0;
  const blocks: BlockDraft[] = [];
  let text = "";
  let titleText: string | null = null;
  let firstH1: string | null = null;
  /** Where the first h1 went among the blocks: a bold title found later may come before it. */
  let firstH1At = -1;
  /** How deep in <strong>/<b> the text is, and how much of the text read since the last block was bold or not. */
  let boldDepth = 0;
  let boldChars = 0;
  let plainChars = 0;
  /** Where the page's frames load their pages from, and how many scripts its body runs. */
  const frames: string[] = [];
  let scripts = 0;

  let inHead = false;
  let inTitle = false;
  let skipDepth = 0;
  let preDepth = 0;
  let headingLevel = 0;
  /** The alt text of the images inside the heading being read: its words, when the heading is lettered as an image. */
  let headingAlt = "";
  /** Open FAQ answer boxes, whose own lines ending in "?" are the answer's text, not questions. */
  let answerDepth = 0;
  /** Open links: an image in a heading inside one is a logo linking home, not the heading's words. */
  let linkDepth = 0;
  let listDepth = 0;
  let listItemDepth = 0;
  let tableDepth = 0;
  /** Open definition-list terms, and the level of the last section heading (a FAQ's questions go one below it). */
  let termDepth = 0;
  /** A table laid out as a grid of <div>s: its element depth, the header cells seen, whether a body cell came. */
  let grid: { depth: number; columns: number; body: boolean } | null = null;
  let sectionLevel = 0;
  /**
   * The level of the last heading the page wrote (h1–h6), and whether the heading being read is a <details>' <summary>:
   * a folded section is titled by its summary one level below the heading it sits under (or the <details> it sits in),
   * so sibling <details> share a level.
   */
  let outlineLevel = 0;
  let summaryHeading = false;

  /** One entry per open element: whether it opened skipped markup, site chrome, a table of contents, or the content proper. */
  const open: Array<{ blockAt?: number; linesAt?: number; answerIn?: number; skip: boolean; chrome: boolean; toc: boolean; content: boolean; admonition: boolean; title?: boolean; codeGroup?: boolean; codeBox?: boolean; tabBlock?: boolean; labelAt?: number; layout?: boolean; pageBreakAfter?: boolean; anchorAt?: number; section?: boolean; toggleLabel?: boolean; tab?: { at: number; keys: string[] }; shown?: Set<string>; foldLevel?: number; sectionAt?: number }> =
    [];
  let admonitionDepth = 0;
  /** Open admonition titles, and a term's or a title's text until the text it labels comes. */
  let titleDepth = 0;
  let pendingLabel: string | null = null;
  /** Inside a code group or content tab set (VitePress, MkDocs): its tabs' labels, each waiting for its block. */
  let codeGroupDepth = 0;
  let tabLabelsDepth = 0;
  let tabQueue: string[] = [];
  let layoutTableDepth = 0;
  let chromeDepth = 0;
  let tocDepth = 0;
  let contentDepth = 0;
  /** Open forms; the ids of the check boxes and radio buttons outside forms; whether an accordion's <label> just closed. */
  let formDepth = 0;
  const toggleInputs = new Set<string>();
  let toggleTitle = false;
  /** Open <section>s, whose own <header> and <footer> are content. */
  let sectionDepth = 0;
  let chromeText = "";
  const furniture: Furniture[] = [];
  const flushChrome = (): void => {
    const line = collapseWhitespace(chromeText);
    chromeText = "";
    if (line !== "") furniture.push({ page: null, position: "navigation", text: line });
  };

  let listLines: string[] = [];
  /**
   * The lists open, innermost last: for an ordered one, how it numbers its items and the number of the next; and
   * the number the item just opened shows, until its first line takes it.
   */
  const lists: Array<ListNumbering | null> = [];
  let itemMarker: string | null = null;
  /** The labels of a tab list's tabs, by the id of the panel each controls and by the tab's own id. */
  const tabLabels = new Map<string, string>();
  /** A step number set as a definition term, until the text it numbers comes. */
  let termMarker: string | null = null;
  let termText = "";
  /** A term's number that no text followed: kept as the paragraph it was. */
  const flushTermMarker = (): void => {
    if (termMarker === null) return;
    termMarker = null;
    pushBlock({ kind: "paragraph", text: termText, page: null });
  };
  let tableRows: TableCell[][] = [];
  /** Which of the rows read are header rows (in <thead>, or all <th>), and the state of the row being read. */
  let headerRows: boolean[] = [];
  let theadDepth = 0;
  let rowAllHeader = true;
  let rowCells: TableCell[] = [];
  let cellParts: string[] = [];
  /** The <caption> of the outermost table being read. */
  let tableCaption = "";

  const pushBlock = (block: BlockDraft): void => {
    if (pendingLabel !== null) {
      // A term's definition or a box's text: read with its label, as one unit ("연회비: 1만원", "경고: …").
      if (block.kind === "paragraph") {
        block = { ...block, text: labelled(pendingLabel, block.text) };
        pendingLabel = null;
      } else flushLabel();
    }
    if (block.kind !== "list" && listLines.length > 0) {
      pushList(listLines);
      listLines = [];
    }
    if (tocDepth > 0) block.role = "toc";
    blocks.push(block);
  };

  /** A list read: a block, or navigation when it is a breadcrumb trail written as a list ("홈", "»", "도움말"). */
  function pushList(lines: readonly string[]): void {
    const trail = breadcrumbTrail(lines);
    if (trail !== null) furniture.push({ page: null, position: "navigation", text: trail });
    else blocks.push({ kind: "list", text: lines.join("\n"), page: null, ...(tocDepth > 0 ? { role: "toc" as const } : {}) });
  }

  /** A label that no paragraph followed (a term before another term, a title over code): kept as the paragraph it was. */
  function flushLabel(): void {
    if (pendingLabel === null) return;
    const label = pendingLabel;
    pendingLabel = null;
    pushBlock({ kind: "paragraph", text: label, page: null });
  }

  /**
   * HTML printed to pages (an SEC filing, a report saved from a word processor) ends each page with its number, a
   * paragraph of its own before the page break: it is a footer, not text, and left in it cut a sentence's chunk.
   */
  let pageBreaks = 0;
  const dropPageNumber = (): void => {
    const last = blocks.at(-1);
    if (last === undefined || last.kind !== "paragraph" || listLines.length > 0 || tableDepth > 0 || !PAGE_NUMBER.test(last.text)) return;
    blocks.pop();
    furniture.push({ page: null, position: "footer", text: last.text });
  };

  const collapse = (raw: string): string =>
    options.macros === true ? collapseWhitespace(withoutMacros(collapseWhitespace(raw))) : collapseWhitespace(raw);
  const flushText = (): void => {
    if (preDepth > 0) return;
    const raw = text;
    // A heading lettered as an image (<h4><img alt="예금"></h4>, old Korean sites' every section title) reads as its alt.
    const collapsed = collapse(raw.replaceAll(LINE_BREAK, " ")) || (headingLevel > 0 ? collapse(headingAlt) : "");
    const bold = boldChars > 0 && plainChars === 0;
    text = "";
    headingAlt = "";
    boldChars = 0;
    plainChars = 0;
    if (collapsed === "") return;
    if (tableDepth > 0) cellParts.push(collapsed);
    else if (headingLevel > 0 && HIDDEN_PART_HEADING.test(collapsed)) furniture.push({ page: null, position: "navigation", text: collapsed });
    else if (headingLevel > 0) {
      pushBlock({ kind: "heading", level: headingLevel, text: collapsed, page: null });
      sectionLevel = headingLevel;
      if (!summaryHeading) outlineLevel = headingLevel;
      if (headingLevel === 1 && firstH1 === null) {
        firstH1 = collapsed;
        firstH1At = blocks.length - 1;
      }
    } else if (termDepth > 0 && listItemDepth === 0 && STEP_TERM.test(collapsed)) {
      // A step's number set as a term (<dt>1</dt><dd>조회조건을 선택하고…</dd>, a Korean help pop-up's steps): the
      // number of the text that follows, not a paragraph of its own.
      flushTermMarker();
      termText = collapsed;
      termMarker = /^\d+$/.test(collapsed) ? `${collapsed}.` : collapsed;
    } else if (termDepth > 0 && listItemDepth === 0 && admonitionDepth === 0 && tocDepth === 0 && QUESTION.test(collapsed)) {
      // A FAQ set as a definition list (asciidoc's labeled list, <dl><dt>question?</dt><dd>answer</dd>): each question
      // is a section of its own, so its answer's chunks carry it in their path.
      pushBlock({ kind: "heading", level: Math.min(6, sectionLevel + 1), text: collapsed, page: null });
    } else if (termDepth > 0 && listItemDepth === 0 && tocDepth === 0 && collapsed.length <= MAX_LABEL_CHARS) {
      // A term (a glossary's, a field list's "담당 부서:", a fee list's <dt>연회비</dt>): the label of its definition.
      flushLabel();
      pendingLabel = collapsed;
    } else if (listItemDepth > 0) {
      flushLabel();
      if (termMarker !== null && !STEP_TEXT.test(collapsed)) flushTermMarker();
      const marker = itemMarker ?? termMarker;
      // A blank line in an item (two line breaks) parts its title from its text: a Google Docs 기획서's "3. 배경 및
      // 필요성", then the part's text, in one numbered paragraph. Run together, the title read as the first sentence's start.
      // Within a part, its <br>s part its lines as a paragraph's do ("신청: 인사 시스템<br>승인: 팀장"), which ran into one sentence.
      const [first = collapsed, ...rest] = raw
        .split(BLANK_LINE)
        .map((part) => (part.includes(LINE_BREAK) ? brokenLines(part, collapse).join("\n") : collapse(part)))
        .filter((part) => part !== "");
      listLines.push(marker === null || ALREADY_NUMBERED.test(first) ? first : `${marker} ${first}`, ...rest);
      itemMarker = null;
      termMarker = null;
    } else {
      const paragraphs = brokenLines(raw, collapse);
      for (let paragraph of paragraphs) {
        if (termMarker !== null && !STEP_TEXT.test(paragraph)) flushTermMarker();
        if (termMarker !== null) {
          paragraph = `${termMarker} ${paragraph}`;
          termMarker = null;
        }
        if (ICON_ONLY.test(paragraph)) continue;
        if (titleDepth > 0 && tocDepth === 0 && paragraph.length <= MAX_LABEL_CHARS && !paragraph.includes("\n")) {
          // An admonition's title ("참고", "경고"): the label of the box's text.
          flushLabel();
          pendingLabel = paragraph;
          continue;
        }
        if ((BREADCRUMB.test(paragraph) && paragraph.length <= MAX_BREADCRUMB_CHARS && !SENTENCE_END.test(paragraph)) || MORE_LINK.test(paragraph)) {
          furniture.push({ page: null, position: "navigation", text: paragraph });
          continue;
        }
        pushBlock({ kind: "paragraph", text: paragraph, page: null });
        if (admonitionDepth === 0 && tocDepth === 0 && answerDepth === 0 && paragraph.length <= MAX_QUESTION_CHARS && !paragraph.includes("\n") && QUESTION.test(paragraph) && !TYPED_BULLET.test(paragraph) && !NOTE_MARK.test(paragraph)) {
          questions.push({ index: blocks.length - 1, level: Math.min(6, sectionLevel + 1) });
        }
        if (options.boldHeadings === true && (bold || CAPITALS_LABEL.test(paragraph) || MARKED_TITLE.test(paragraph)) && paragraphs.length === 1 && admonitionDepth === 0 && tocDepth === 0) {
          boldParagraphs.set(blocks.length - 1, Math.min(6, sectionLevel + 1));
        }
      }
    }
  };
  /**
   * A FAQ's answer box opening (<div class="faq_a">, <div class="answer">, <dd class="a">): the question just before
   * it in the same entry (the list item's own line, the entry's one short paragraph, the term) heads it, so the
   * answer's chunks carry it in their path, as a <dt> question does; inside the box a list item's text is paragraphs.
   */
  function openAnswer(): void {
    const box = open.at(-1)!;
    const entry = open.at(-2);
    const level = Math.min(6, sectionLevel + 1);
    const item = open.findLast((candidate, at) => at < open.length - 1 && candidate.linesAt !== undefined && candidate.answerIn === undefined && listItemDepth > 0);
    if (pendingLabel !== null) {
      const question = pendingLabel;
      pendingLabel = null;
      pushBlock({ kind: "heading", level, text: question, page: null });
    } else if (listItemDepth > 0 && item !== undefined && listLines.length === item.linesAt! + 1) {
      const question = listLines.pop()!;
      pushBlock({ kind: "heading", level, text: question, page: null });
    } else if (listItemDepth === 0 && entry?.blockAt !== undefined && blocks.length === entry.blockAt + 1 && listLines.length === 0) {
      const last = blocks.at(-1)!;
      if (last.kind === "paragraph" && last.text.length <= MAX_QUESTION_CHARS && !last.text.includes("\n") && last.role === undefined) {
        blocks[blocks.length - 1] = { ...last, kind: "heading", level };
      }
    }
    box.answerIn = listItemDepth;
    listItemDepth = 0;
    answerDepth++;
  }

  /** Whether the last thing read is a heading or a question standing alone, with no text after it yet. */
  function followsTitle(): boolean {
    if (tableDepth > 0 || listLines.length > 0 || pendingLabel !== null || collapse(text.replaceAll(LINE_BREAK, " ")) !== "") return false;
    const last = blocks.at(-1);
    if (last === undefined) return false;
    return last.kind === "heading" || (last.kind === "paragraph" && questions.at(-1)?.index === blocks.length - 1);
  }

  /** Paragraphs set in bold throughout or in capitals, by block index, with the level they take if they title what follows. */
  const boldParagraphs = new Map<number, number>();
  /** Paragraphs that are a question alone, with the level they take if an answer follows them. */
  const questions: Array<{ index: number; level: number }> = [];

  // Cells of the outermost table that span rows below their own (rowspan), by the column they start at: each row
  // they span repeats them in their place, so a row reads with its own columns ("인텔 x86 기반 | i386 | Xen PV …"
  // rather than "Xen PV … | xen" under the first two headers).
  let spanned: Array<{ text: string; rows: number; columns: number } | undefined> = [];
  let column = 0;
  let cellSpan = { rows: 1, columns: 1 };
  /** Puts the spanning cells that stand at the current column into the row; to the row's end when `toEnd`. */
  const takeSpanned = (toEnd: boolean): void => {
    for (;;) {
      const cell = spanned[column];
      if (cell !== undefined && cell.rows > 0) {
        rowCells.push({ text: cell.text, at: column, columns: cell.columns, parts: [], copy: true });
        cell.rows--;
        column += cell.columns;
        continue;
      }
      const next = toEnd ? spanned.findIndex((later, at) => at > column && later !== undefined && later.rows > 0) : -1;
      if (next === -1) return;
      column = next;
    }
  };

  const endCell = (): void => {
    flushText();
    const parts = cellParts;
    // A table inside the cell reads row by row in it ("5/1 | 착수 / 6/1 | 완료").
    const cell = parts.map((part) => (part.startsWith(INNER_TABLE) ? part.slice(1).replaceAll("\n", " / ") : part)).join(" ");
    cellParts = [];
    if (tableDepth === 1) takeSpanned(false);
    rowCells.push({ text: cell, at: column, columns: cellSpan.columns, parts });
    if (cellSpan.rows > 1 && cell !== "") spanned[column] = { text: cell, rows: cellSpan.rows - 1, columns: cellSpan.columns };
    column += cellSpan.columns;
    cellSpan = { rows: 1, columns: 1 };
  };

  const endRow = (): void => {
    if (cellParts.length > 0) endCell();
    if (tableDepth === 1) takeSpanned(true);
    if (rowCells.some((cell) => cell.text !== "")) {
      tableRows.push(rowCells);
      headerRows.push(theadDepth > 0 || rowAllHeader);
    }
    rowCells = [];
    column = 0;
    rowAllHeader = true;
  };

  /**
   * The tables a table inside a cell interrupted, innermost last. A table in a cell is read as a table of its own
   * with its own rows and columns, then becomes one part of the cell: its two grids once mixed in one list of rows.
   */
  const outerTables: Array<{ tableRows: TableCell[][]; headerRows: boolean[]; theadDepth: number; rowAllHeader: boolean; rowCells: TableCell[]; cellParts: string[]; column: number; cellSpan: { rows: number; columns: number }; spanned: typeof spanned }> = [];
  const openInnerTable = (): void => {
    outerTables.push({ tableRows, headerRows, theadDepth, rowAllHeader, rowCells, cellParts, column, cellSpan, spanned });
    tableRows = [];
    headerRows = [];
    theadDepth = 0;
    rowAllHeader = true;
    rowCells = [];
    cellParts = [];
    column = 0;
    cellSpan = { rows: 1, columns: 1 };
    spanned = [];
  };

  /** Ends a table (a <table>, or a grid of <div>s): its last row, and at the outermost, the table as one block. */
  const closeTable = (): void => {
    endRow();
    const outer = outerTables.pop();
    if (outer !== undefined) {
      const rows = tableRows;
      const header = headerRows;
      ({ tableRows, headerRows, theadDepth, rowAllHeader, rowCells, cellParts, column, cellSpan, spanned } = outer);
      // A layout table inside a cell gives the cell its paragraphs; a data table stays one table.
      if (rows.length > 0 && isLayoutTable(rows)) cellParts.push(...rows.flatMap((row) => row.flatMap((cell) => cell.parts)));
      else if (rows.length > 0) cellParts.push(INNER_TABLE + tableLines(withOneHeaderRow(...withoutRepeatedHeader(rows, header))).join("\n"));
      return;
    }
    tableDepth--;
    if (tableDepth > 0) return;
    spanned = [];
    if (tableCaption !== "") pushBlock({ kind: "paragraph", text: tableCaption, page: null });
    tableCaption = "";
    if (tableRows.length > 0 && isLayoutTable(tableRows)) {
      // A page laid out in a table: its cells' paragraphs, in reading order, are the page's paragraphs, and a data
      // table in one of them a table.
      for (const part of tableRows.flatMap((row) => row.flatMap((cell) => cell.parts))) {
        pushBlock(part.startsWith(INNER_TABLE) ? { kind: "table", text: part.slice(1), page: null } : { kind: "paragraph", text: part, page: null });
      }
      tableRows = [];
    } else if (tableRows.length > 0) {
      pushBlock({ kind: "table", text: tableLines(withOneHeaderRow(...withoutRepeatedHeader(tableRows, headerRows))).join("\n"), page: null });
      tableRows = [];
    }
    headerRows = [];
    theadDepth = 0;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "head") inHead = true;
        else if (name === "body") inHead = false;
        if ((name === "iframe" || name === "frame") && attributes.src !== undefined && attributes.src.trim() !== "") frames.push(attributes.src.trim());
        else if (name === "script" && !inHead) scripts++;
        if (name === "title") inTitle = true;
        if (name === "strong" || name === "b") boldDepth++;
        const role = (attributes.role ?? "").toLowerCase();
        const parent = open.at(-1);
        const classes = attributes.class ?? "";
        // The labels of a code group's or content tab set's tabs: navigation, each label kept for its block.
        const tabLabelList = TAB_LABELS_CLASS.test(classes) || (parent?.codeGroup === true && /(?:^|\s)tabs(?:\s|$)/.test(classes));
        const skip =
          (SKIPPED.has(name) && !(name === "button" && (role === "tab" || headingLevel > 0 || isToggle(attributes)))) ||
          // VitePress' language tag over each code block ("bash").
          (name === "span" && parent?.codeBox === true && /^\s*lang\s*$/.test(classes)) ||
          ((name === "a" || name === "span") && PERMALINK_CLASS.test(attributes.class ?? "")) ||
          (name === "sup" && REFERENCE_MARK.test(classes)) ||
          (isHidden(name, attributes, skipDepth === 0 && chromeDepth === 0 && followsTitle()) && !pagedItem(name, classes, parent?.shown));
        if (skip) skipDepth++;
        // What it shows of its kind (tag and class), for the items a list hides after them (`pagedItem`).
        if (!skip && parent !== undefined && classes.trim() !== "") (parent.shown ??= new Set()).add(`${name}.${classes.trim()}`);
        const entry = {
          shown: undefined as Set<string> | undefined,
          blockAt: blocks.length,
          linesAt: listLines.length,
          answerIn: undefined as number | undefined,
          skip,
          chrome: !inHead && skipDepth === 0 && chromeDepth === 0 && (tabLabelList || isChrome(name, attributes, contentDepth > 0, sectionDepth > 0)),
          section: name === "section",
          toc: TOC_CLASS.test(attributes.class ?? "") || (attributes.role ?? "") === "doc-toc",
          content: name === "main" || name === "article" || (attributes.role ?? "").toLowerCase() === "main",
          admonition: name === "aside" || ((name === "div" || name === "section") && ADMONITION_CLASS.test(attributes.class ?? "")),
          title: false,
          codeGroup: CODE_GROUP_CLASS.test(classes),
          codeBox: name === "div" && /(?:^|\s)language-[\w-]+/.test(classes),
          tabBlock: name === "div" && codeGroupDepth > 0 && (/(?:^|\s)tabbed-block(?:\s|$)/.test(classes) || /(?:^|\s)language-[\w-]+/.test(classes)),
        };
        // An admonition's title: a heading or a title-classed element inside the box (not one in its markup's chrome), or
        // the header cell of the table a graphical admonition lays its icon, title and text out in (DocBook admon.graphics).
        entry.title =
          !skip && skipDepth === 0 && chromeDepth === 0 && !entry.chrome && admonitionDepth > 0 && titleDepth === 0 &&
          (HEADING_LEVEL[name] !== undefined || ADMONITION_TITLE_CLASS.test(attributes.class ?? "") || (name === "th" && layoutTableDepth > 0));
        open.push(entry);
        if (name === "a") linkDepth++;
        if (entry.content) contentDepth++;
        if (entry.section) sectionDepth++;
        if (entry.admonition) admonitionDepth++;
        if (entry.codeGroup) codeGroupDepth++;
        if (tabLabelList && entry.chrome) {
          tabLabelsDepth++;
          tabQueue = [];
        }
        if (entry.tabBlock && skipDepth === 0 && chromeDepth === 0 && tabQueue.length > 0) {
          // A tab's block: its label labels it ("Windows: 설치 파일을 실행합니다."), or stands over its code ("npm").
          flushText();
          flushLabel();
          pendingLabel = tabQueue.shift()!;
        } else entry.tabBlock = false;
        if (entry.title) {
          flushText();
          titleDepth++;
        }
        if (entry.toc) {
          flushText();
          tocDepth++;
        }
        if (entry.chrome) {
          flushText();
          chromeDepth++;
        }
        if (skipDepth > 0 || inHead) return;
        if (chromeDepth > 0) {
          if (name === "br" || BLOCK_BOUNDARIES.has(name)) flushChrome();
          if (name === "label" && tabLabelsDepth > 0) open.at(-1)!.labelAt = chromeText.length;
          if (role === "tab") {
            const keys = [attributes["aria-controls"], attributes.id].filter((key): key is string => key !== undefined && key !== "");
            open.at(-1)!.tab = { at: chromeText.length, keys };
          }
          return;
        }
        if ((name === "a" && /^(?:#|javascript:)/i.test((attributes.href ?? "").trim())) || name === "button") open.at(-1)!.anchorAt = text.length;
        if (name === "br") {
          text += preDepth > 0 ? "\n" : LINE_BREAK;
          return;
        }
        if (name === "img" && headingLevel > 0 && linkDepth === 0) headingAlt += ` ${attributes.alt ?? ""}`;
        if (name === "form") formDepth++;
        // A CSS-only accordion's switch (<input type="checkbox" id="qna-1">) and its title (<label for="qna-1">): a
        // form's check boxes and their labels are not one.
        if (name === "input" && formDepth === 0 && /^(?:checkbox|radio)$/i.test(attributes.type ?? "") && (attributes.id ?? "") !== "") toggleInputs.add(attributes.id!);
        if (name === "label" && formDepth === 0 && toggleInputs.has(attributes.for ?? "")) open.at(-1)!.toggleLabel = true;
        if (!BLOCK_BOUNDARIES.has(name)) return;
        flushText();
        const toggled = toggleTitle;
        toggleTitle = false;
        if (tableDepth === 0 && tocDepth === 0 && (ANSWER_CLASS.test(attributes.class ?? "") || toggled)) openAnswer();
        const tabLabel = role === "tabpanel" ? (tabLabels.get(attributes.id ?? "") ?? tabLabels.get(attributes["aria-labelledby"] ?? "")) : undefined;
        if (tabLabel !== undefined && tabLabel !== "") {
          // A tab's panel, under its tab's label ("개인", "법인"), so its text does not read as part of the section
          // before the tabs, and each panel's chunks say which tab they are.
          pushBlock({ kind: "heading", level: Math.min(6, sectionLevel + 1), text: tabLabel, page: null });
        }
        const style = attributes.style ?? "";
        if (PAGE_BREAK_BEFORE.test(style) || (name === "hr" && PAGE_BREAK_AFTER.test(style))) {
          pageBreaks++;
          dropPageNumber();
        } else if (PAGE_BREAK_AFTER.test(style)) {
          pageBreaks++;
          open.at(-1)!.pageBreakAfter = true;
        }
        if (name === "div" && grid === null && tableDepth === 0 && GRID_TABLE_CLASS.test(attributes.class ?? "")) {
          grid = { depth: open.length, columns: 0, body: false };
          tableDepth++;
          return;
        }
        if (grid !== null && open.length === grid.depth + 1) {
          // A cell. The header cells come first and give the number of columns.
          if (/\btable-header\b/.test(attributes.class ?? "") && !grid.body) grid.columns++;
          else if (!grid.body) {
            grid.body = true;
            endRow();
          }
        }
        if (name === "pre") preDepth++;
        else if (name === "ul" || name === "ol") {
          listDepth++;
          lists.push(name === "ol" && options.listNumbers === true ? listNumbering(attributes) : null);
        } else if (name === "li") {
          listItemDepth++;
          const list = lists.at(-1);
          itemMarker = list === undefined || list === null ? null : itemNumber(list, attributes.value);
        }
        else if (name === "dt") {
          flushTermMarker();
          termDepth++;
        }
        else if (name === "table") {
          // An admonition's own table lays out its icon, title and text (DocBook's admon.graphics): read as paragraphs.
          const layoutTable = layoutTables.has(tablesOpened++);
          if ((admonitionDepth > 0 && tableDepth === 0 && layoutTableDepth === 0) || (layoutTable && tableDepth === 0)) {
            open.at(-1)!.layout = true;
            layoutTableDepth++;
          } else if (tableDepth > 0) openInnerTable();
          else tableDepth++;
        }
        else if ((name === "td" || name === "th") && tableDepth === 1) {
          cellSpan = { rows: span(attributes.rowspan), columns: span(attributes.colspan) };
          if (name === "td") rowAllHeader = false;
        } else if (name === "thead" && tableDepth === 1) theadDepth++;
        else if (HEADING_LEVEL[name] !== undefined && tableDepth === 0 && admonitionDepth === 0) headingLevel = HEADING_LEVEL[name];
        else if (name === "details" && tableDepth === 0 && tocDepth === 0) {
          // A folded section (a Notion toggle, a FAQ's <details>): its summary titles it, and what it folds is text of its
          // own, not lines of the list item it may sit in.
          const entry = open.at(-1)!;
          entry.foldLevel = Math.min(6, (open.findLast((outer) => outer !== entry && outer.foldLevel !== undefined)?.foldLevel ?? outlineLevel) + 1);
          entry.sectionAt = sectionLevel;
          entry.answerIn = listItemDepth;
          listItemDepth = 0;
          answerDepth++;
        } else if (name === "summary" && tableDepth === 0 && tocDepth === 0 && admonitionDepth === 0 && headingLevel === 0) {
          const fold = open.findLast((outer) => outer.foldLevel !== undefined)?.foldLevel;
          if (fold !== undefined) {
            headingLevel = fold;
            summaryHeading = true;
          }
        }
      },
      ontext(raw) {
        const data = raw.replace(INVISIBLE, "");
        if (inTitle) titleText = (titleText ?? "") + data;
        else if (skipDepth === 0 && !inHead && chromeDepth > 0) chromeText += data;
        else if (skipDepth === 0 && !inHead) {
          text += data;
          const visible = data.replace(/\s+/g, "").length;
          if (boldDepth > 0) boldChars += visible;
          else plainChars += visible;
        }
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if ((name === "strong" || name === "b") && boldDepth > 0) boldDepth--;
        if (name === "head") inHead = false;
        const depth = open.length;
        const entry = open.pop();
        if (name === "a" && entry !== undefined) linkDepth = Math.max(0, linkDepth - 1);
        if (entry?.answerIn !== undefined) {
          flushText();
          listItemDepth = entry.answerIn;
          answerDepth = Math.max(0, answerDepth - 1);
        }
        // Past a folded section, what follows sits at the level it sat at before it (a tab's label, a question).
        if (entry?.sectionAt !== undefined) sectionLevel = entry.sectionAt;
        if (entry?.tab !== undefined && chromeDepth > 0) {
          const label = collapseWhitespace(chromeText.slice(entry.tab.at));
          // Several tabs over one panel (Javadoc's "All Methods", "Instance Methods", "Static Methods") filter its rows;
          // the panel is none of them, and is not headed by the last.
          if (label !== "") for (const key of entry.tab.keys) tabLabels.set(key, tabLabels.has(key) && tabLabels.get(key) !== label ? "" : label);
        }
        if (entry?.labelAt !== undefined && chromeDepth > 0) {
          const label = collapseWhitespace(chromeText.slice(entry.labelAt));
          if (label !== "") tabQueue.push(label);
        }
        if (entry?.chrome && tabLabelsDepth > 0 && (entry.labelAt === undefined)) tabLabelsDepth = Math.max(0, tabLabelsDepth - 1);
        if (entry?.codeGroup) {
          codeGroupDepth = Math.max(0, codeGroupDepth - 1);
          if (codeGroupDepth === 0) tabQueue = [];
        }
        if (entry?.content) contentDepth = Math.max(0, contentDepth - 1);
        if (name === "form" && formDepth > 0 && skipDepth === 0 && chromeDepth === 0 && !entry?.skip && !entry?.chrome) formDepth--;
        // The accordion's title just read heads the panel that opens next.
        if (entry?.toggleLabel === true) toggleTitle = true;
        if (entry?.section) sectionDepth = Math.max(0, sectionDepth - 1);
        if (entry?.admonition) admonitionDepth = Math.max(0, admonitionDepth - 1);
        closeElement(name, entry, depth);
        // A table of contents ends with its element whichever way that element closes (as navigation, hidden, a layout
        // table, inside navigation): the page's text after it is not contents.
        if (entry?.toc) tocDepth = Math.max(0, tocDepth - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );

  /** What closing an element does, by what it opened: site chrome, skipped markup, a layout table, contents, a block. */
  function closeElement(name: string, entry: (typeof open)[number] | undefined, depth: number): void {
    if (entry?.chrome) {
      flushChrome();
      chromeDepth = Math.max(0, chromeDepth - 1);
      return;
    }
    if (entry?.skip) {
      skipDepth = Math.max(0, skipDepth - 1);
      return;
    }
    if (chromeDepth > 0) {
      if (BLOCK_BOUNDARIES.has(name)) flushChrome();
      return;
    }
    if (entry?.anchorAt !== undefined && text.length >= entry.anchorAt && isPageControl(collapseWhitespace(text.slice(entry.anchorAt)))) {
      // A skip link ("본문 바로가기", "Skip to content"), a jump for keyboards at the top of nearly every page, or a
      // link that works the page rather than leads anywhere (a pop-up's "닫기", "인쇄", "맨 위로").
      furniture.push({ page: null, position: "navigation", text: collapseWhitespace(text.slice(entry.anchorAt)) });
      text = text.slice(0, entry.anchorAt);
    }
    if (entry?.layout) {
      flushText();
      layoutTableDepth = Math.max(0, layoutTableDepth - 1);
      return;
    }
    if (entry?.toc) {
      closeBlock(name);
      if (listLines.length > 0) pushBlock({ kind: "list", text: listLines.splice(0).join("\n"), page: null });
      return;
    }
    closeBlock(name);
    if (entry?.title) {
      flushText();
      titleDepth = Math.max(0, titleDepth - 1);
    } else if (entry?.admonition || entry?.tabBlock) flushLabel();
    if (entry?.pageBreakAfter) dropPageNumber();
    if (grid !== null && name === "div" && depth === grid.depth + 1) {
      endCell();
      if (grid.body && grid.columns > 0 && rowCells.length >= grid.columns) endRow();
    } else if (grid !== null && name === "div" && depth === grid.depth) {
      grid = null;
      closeTable();
    }
  }

  /** What closing a block-level element does to the text, lists and tables collected so far. */
  function closeBlock(name: string): void {
    if (skipDepth > 0 || inHead || !BLOCK_BOUNDARIES.has(name)) return;
    if (name === "pre" && preDepth > 0) {
      preDepth--;
      if (preDepth === 0) {
        const code = text;
        text = "";
        if (tableDepth > 0) cellParts.push(collapseWhitespace(code));
        else pushBlock({ kind: "code", text: code, page: null });
      }
      return;
    }
    if (tableDepth > 0 && (name === "td" || name === "th")) return endCell();
    if (tableDepth === 1 && name === "caption") {
      // The table's title ("Table 1. /api/members", "수수료 안내"): a line of its own before the rows, not the start of
      // the first header cell.
      flushText();
      tableCaption = cellParts.join(" ");
      cellParts = [];
      return;
    }
    if (tableDepth === 1 && name === "thead") theadDepth = Math.max(0, theadDepth - 1);
    if (tableDepth > 0 && name === "tr") return endRow();
    flushText();
    if (name === "li") listItemDepth = Math.max(0, listItemDepth - 1);
    else if (name === "dt") termDepth = Math.max(0, termDepth - 1);
    else if (name === "dl" || name === "dd") {
      flushTermMarker();
      flushLabel();
    }
    else if ((name === "ul" || name === "ol") && listDepth > 0) {
      listDepth--;
      lists.pop();
      itemMarker = null;
      if (listDepth === 0 && listLines.length > 0) {
        pushList(listLines);
        listLines = [];
      }
    } else if (name === "table" && tableDepth > 0) {
      closeTable();
    } else if (HEADING_LEVEL[name] !== undefined) headingLevel = 0;
    else if (name === "summary" && summaryHeading) {
      headingLevel = 0;
      summaryHeading = false;
    }
  }
  parser.write(html);
  parser.end();
  flushText();
  flushLabel();
  // The last page has its number too, with no break after it.
  if (pageBreaks > 0) dropPageNumber();
  if (listLines.length > 0) blocks.push({ kind: "list", text: listLines.join("\n"), page: null });

  flushChrome();
  // A FAQ set as <div>s or <p>s (a Korean 고객센터's "[안전거래] 사기를 당하지 않으려면 어떻게 해야 하나요?" above its
  // answer box): a question standing alone, followed by text that is not another question, is the title of its answer,
  // so the answer's chunks carry it in their path, as a <dt> question does.
  for (const { index, level } of questions) {
    const next = blocks[index + 1];
    const answered = next !== undefined && next.kind !== "heading" && !(next.kind === "paragraph" && QUESTION.test(next.text));
    if (answered) blocks[index] = { ...blocks[index]!, kind: "heading", level };
  }
  // A Word title typed in the body style and made bold ("Objectives:", "TERMS OF SERVICE FOR EMPLOYERS", a 회의록's
  // "7/18"), set in capitals ("PURPOSE:") or marked ("■ 기능적 요구사항"): short, no sentence, with text after it
  // that is neither. Bold lines in a row are an emphasised block (an address, a warning), and a bold sentence is
  // emphasis. Numbered titles, articles
  // and 부칙 are left to the structure and clause readers; and where the file styles no heading but numbers its titles
  // ("1. 개요"), those are inferred as its sections, which a bold line taken for a heading would stop.
  const numberedTitles = !blocks.some((block) => block.kind === "heading") && blocks.some((block) => block.kind === "paragraph" && isNumberedTitle(block.text));
  const titleLike = (block: (typeof blocks)[number]): boolean =>
    block.kind === "paragraph" &&
    block.text.length <= MAX_BOLD_HEADING_CHARS &&
    !/[.!。]$/.test(block.text) &&
    !isNumberedTitle(block.text) &&
    !startsKoreanArticle(block.text) &&
    !CLAUSE_OR_LEAD_IN.test(block.text);
  // Such a file's bold opening line ("회의록 - DIVE 2026 …", "개발 가이드") stays a paragraph but still titles it; the
  // numbered title after it may be bold too.
  const opening = blocks[0];
  if (numberedTitles && opening !== undefined && boldParagraphs.has(0) && titleLike(opening) && /\p{L}/u.test(opening.text) && !/[:：]/.test(opening.text) && !MARKED_TITLE.test(opening.text) && !DATED_LINE.test(opening.text)) {
    const next = blocks[1];
    if (next !== undefined && (!boldParagraphs.has(1) || isNumberedTitle(next.text))) firstH1 = opening.text;
  }
  for (const [index, level] of numberedTitles ? [] : boldParagraphs) {
    const block = blocks[index]!;
    const next = blocks[index + 1];
    if (!titleLike(block)) continue;
    if (next === undefined || next.kind === "heading" || boldParagraphs.has(index + 1) || boldParagraphs.has(index - 1)) continue;
    blocks[index] = { ...block, kind: "heading", level };
    // A label ("PURPOSE:") or a marked part ("■ 기본사항") titles its part, not the document; and a bold line among the
    // notes (a name a 회의록 weighed, "NEWRULES") titles its part: only one among the document's opening lines is its title.
    // A 공문's bold subject line ("제 목 : 2024년 정기 감사 실시 안내") under its 수신/참조 lines titles the letter
    // wherever it stands, by its subject, as an HWP 공문's 제목 line does.
    const subject = letterSubject(block.text);
    if (level === 1 && (index < BOLD_TITLE_BLOCKS || subject !== null) && (firstH1At < 0 || index < firstH1At) && !/[:：]$/.test(block.text) && !MARKED_TITLE.test(block.text)) {
      firstH1 = subject ?? block.text;
      firstH1At = index;
    }
  }
  // A board's page links ("1 2 3" under a notice list or a FAQ): navigation, with no words to find.
  for (let at = blocks.length - 1; at >= 0; at--) {
    const block = blocks[at]!;
    if (block.kind !== "list" || !PAGE_LINKS.test(block.text)) continue;
    blocks.splice(at, 1);
    furniture.push({ page: null, position: "navigation", text: block.text.replaceAll("\n", " ") });
  }
  const title = collapseWhitespace(titleText ?? "");
  return { title: title !== "" && !PLACEHOLDER_TITLE.test(title) ? pageTitle(title, firstH1) : firstH1, blocks, furniture, frames, scripts };
}

/** What a <title> puts between the page's own title and the site's name: "|", "—", "·", "::", "»"; " - ", " / ", " : " spaced. */
const TITLE_SEPARATOR = String.raw`(?:\s+(?:[-/:]|::)\s+|\s*(?:[|–—·•»«]|::)\s*)`;

/**
 * The page's title: its h1 when the <title> is that h1 with the site's name before or after it ("설치하기 | 사내
 * 개발자 포털", Sphinx's "사용자 관리 — 운영 가이드 2.3 문서", "고객센터 :: 환불 안내"), the <title> otherwise.
 */
function pageTitle(title: string, h1: string | null): string {
  const heading = collapseWhitespace(h1 ?? "");
  if (heading === "" || heading === title) return title;
  const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const sited = new RegExp(`^${escaped}${TITLE_SEPARATOR}\\S|\\S${TITLE_SEPARATOR}${escaped}$`, "u");
  return sited.test(title) ? heading : title;
}

/**
 * The <title> an editor's new-page template puts there, left as it was: Eclipse's JSP and HTML templates ("Insert
 * title here", on many Korean intranet pages), Dreamweaver's, Emmet's and VS Code's ("Document"), FrontPage's, a
 * Korean editor's. It names no document, so the page counts as having no <title>.
 */
const PLACEHOLDER_TITLE = /^(?:insert title here|untitled(?: document| page)?|document|new page \d*|제목 없음)$/i;

/** Where a <br> stood in running text, until the paragraph is read (whitespace in the source is no line break). */
const LINE_BREAK = "\uE000";
/** Two line breaks with nothing but spaces between: a blank line. */
const BLANK_LINE = new RegExp(`${LINE_BREAK}[^\\S${LINE_BREAK}]*${LINE_BREAK}`);
/** A Hangul syllable that ends a sentence written without its full stop ("…합니다", "…해야 함", "…할 것"). */
const SENTENCE_FINAL_SYLLABLE = /[다요함음됨임것]$/;
/** The end of a line that a sentence goes on from: a word, or a comma. */
const GOES_ON = /[\p{Script=Hangul}\p{L},]$/u;
/** The start of a line that goes on a sentence: a Hangul syllable or a lower-case letter. */
const GOES_ON_FROM = /^[\uac00-\ud7a3\p{Ll}]/u;
/**
 * A line that gives a field and its value ("승인: 팀장", "연락처 : 02-123-4567"): a line of its own, as the page shows
 * it, not the rest of the line before ("담당자: 홍길동" and "연락처: …" ran into one).
 */
const KEY_VALUE_LINE = /^[\p{L}\p{N}][\p{L}\p{N} ·()/]{0,14}[:：]\s*\S/u;
/** A sub-part's number opening a line: "3.3 ", "2.1.4. ". */
const SUB_NUMBERED = /^\d{1,2}(?:\.\d{1,2})+\.?\s/;
/** A label on a line of its own, words only ("티켓 반송 주소", "고객센터 운영시간"): what the next line gives. */
const LABEL_LINE = /^[\p{L} ]{1,20}$/u;

/**
 * A paragraph's text with its <br>s read as the page shows them. Pages written without <p> (Korean notices and
 * FAQ answers from web editors, fee schedules, addresses) put one line per <br> and a blank line (<br><br>) between
 * paragraphs: each blank line starts a paragraph and each line stays a line, so a schedule's lines ("관람일 6일전 :
 * 티켓금액의 20%") or an address do not run into one sentence with what follows. A <br> inside a sentence ("행사
 * 주최사가<br>될 수 있습니다", "for the<br>next") is a wrap: the line goes on after a space; so does a label line
 * ("티켓 반송 주소<br>(08375) 서울특별시 …"), which alone would be a quote that says nothing; a field's line ("승인: 팀장")
 * always starts a line.
 */
function brokenLines(raw: string, collapse: (text: string) => string): string[] {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  const endParagraph = (): void => {
    if (lines.length > 0) paragraphs.push(lines.join("\n"));
    lines = [];
  };
  let blank = false;
  for (const piece of raw.split(LINE_BREAK)) {
    const line = collapse(piece);
    if (line === "") {
      blank = lines.length > 0;
      continue;
    }
    if (blank) endParagraph();
    blank = false;
    const last = lines.at(-1);
    const label = last !== undefined && LABEL_LINE.test(last);
    // A sub-part's numbered title opening the paragraph ("3.3 시각화 및 정보 공유 시스템", then its text after a <br>)
    // is a line of its own, though it ends in a word as a wrapped sentence does.
    const subTitle = last !== undefined && lines.length === 1 && SUB_NUMBERED.test(last) && isNumberedTitle(last);
    if (
      last !== undefined &&
      !subTitle &&
      GOES_ON.test(last) &&
      !SENTENCE_FINAL_SYLLABLE.test(last) &&
      (label || GOES_ON_FROM.test(line)) &&
      !KEY_VALUE_LINE.test(line)
    ) {
      lines[lines.length - 1] = `${last} ${line}`;
    } else lines.push(line);
  }
  endParagraph();
  return paragraphs;
}

/** How an ordered list numbers its items: the style of its numbers, the next one, and whether they count down. */
interface ListNumbering {
  style: ListStyle;
  next: number;
  step: 1 | -1;
}

type ListStyle = "decimal" | "lower-alpha" | "upper-alpha" | "lower-roman" | "upper-roman" | "hangul" | "hangul-consonant" | "none";

/** The type attribute's styles ("1", "a", "A", "i", "I"). */
const TYPE_STYLE: Readonly<Record<string, ListStyle>> = { "1": "decimal", a: "lower-alpha", A: "upper-alpha", i: "lower-roman", I: "upper-roman" };
/** The CSS list-style-type names a page's inline style can give, Korean ones (가. 나. 다., ㄱ. ㄴ.) among them. */
const CSS_STYLE: Readonly<Record<string, ListStyle>> = {
  decimal: "decimal", "decimal-leading-zero": "decimal", "lower-alpha": "lower-alpha", "lower-latin": "lower-alpha",
  "upper-alpha": "upper-alpha", "upper-latin": "upper-alpha", "lower-roman": "lower-roman", "upper-roman": "upper-roman",
  hangul: "hangul", "korean-hangul-formal": "hangul", "hangul-consonant": "hangul-consonant", none: "none",
};
const HANGUL_NUMBERS = "가나다라마바사아자차카타파하";
const HANGUL_CONSONANTS = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ";

/**
 * An item's first line that carries its number already ("1. 회원가입", "Step 2:", "가. 신청", "① 접수", "(3) …"): a
 * page that hides the list's own numbers (list-style: none in its stylesheet) and writes them into the text, which
 * would otherwise read "1. 1. 회원가입".
 */
const ALREADY_NUMBERED =
  /^(?:[(（]?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5}|[가-하])[.)）](?!\d)|\d{1,3}(?:\.\d{1,3})+\.?\s|[\u2460-\u24ff\u2776-\u2793\u3260-\u327f]|(?:step|단계)\s*\d)/iu;

/** An <ol>'s numbering, from its type, start and reversed attributes and an inline list-style(-type). */
function listNumbering(attributes: Record<string, string>): ListNumbering {
  const css = /(?:^|;)\s*list-style(?:-type)?\s*:\s*([a-z-]+)/i.exec(attributes.style ?? "")?.[1]?.toLowerCase();
  const style = (css !== undefined ? CSS_STYLE[css] : undefined) ?? TYPE_STYLE[attributes.type ?? ""] ?? "decimal";
  const start = Number.parseInt(attributes.start ?? "", 10);
  return { style, next: Number.isFinite(start) ? start : 1, step: attributes.reversed !== undefined ? -1 : 1 };
}

/** The marker of an <li> in an ordered list ("3.", "c.", "iv.", "다."), its value attribute restarting the count. */
function itemNumber(list: ListNumbering, value: string | undefined): string | null {
  const given = Number.parseInt(value ?? "", 10);
  const number = Number.isFinite(given) ? given : list.next;
  list.next = number + list.step;
  if (list.style === "none") return null;
  const label = numberLabel(number, list.style);
  return label === null ? null : `${label}.`;
}

function numberLabel(number: number, style: ListStyle): string | null {
  if (style === "decimal" || number < 1) return String(number);
  if (style === "lower-alpha" || style === "upper-alpha") {
    let label = "";
    for (let n = number; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(97 + ((n - 1) % 26)) + label;
    return style === "upper-alpha" ? label.toUpperCase() : label;
  }
  if (style === "lower-roman" || style === "upper-roman") {
    if (number >= 4000) return String(number);
    let label = "";
    let n = number;
    for (const [value, numeral] of ROMAN) {
      for (; n >= value; n -= value) label += numeral;
    }
    return style === "lower-roman" ? label.toLowerCase() : label;
  }
  const letters = style === "hangul" ? HANGUL_NUMBERS : HANGUL_CONSONANTS;
  return number <= letters.length ? letters[number - 1]! : String(number);
}

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

/** Marks a cell's part that is a table inside the cell (its rows, one a line) rather than a paragraph. */
const INNER_TABLE = "\uE001";

/** A table cell as read: its text, the column it starts at and how many it spans. */
interface TableCell {
  text: string;
  at: number;
  columns: number;
  /** The cell's own paragraphs (none for a copy of a cell spanning rows). */
  parts: string[];
  /** A copy of a cell above that spans this row. */
  copy?: boolean;
}

/** A cell holding this many paragraphs and characters is a page's text, not a value: its table lays out the page. */
const LAYOUT_CELL_PARAGRAPHS = 5;
const LAYOUT_CELL_CHARS = 1000;

/** A form's label cell: "회의내용", "참석자", "일 시". */
const FORM_LABEL_CHARS = 12;
/** This many rows opening with a label and giving a value make a table a form. */
const FORM_ROWS = 3;

/**
 * A table laying out a page (an intranet page's frame with the whole document in one cell) rather than holding data:
 * one of its cells holds many paragraphs of text. A form is no layout, its long cell the value of its label
 * ("회의내용 | …" in a 회의록 table under "팀명 | …", "일 시 | …", "장 소 | …"): read as paragraphs, "팀명", "Summer",
 * "차수", "5 차" stood each apart, and the meeting's numbered ideas became the sections every later meeting sat under.
 * A 신구대비표's columns of articles (현행 | 개정안 | 비고) still read as paragraphs, its articles as clauses.
 */
function isLayoutTable(rows: readonly TableCell[][]): boolean {
  const labelled = rows.filter((row) => {
    const cells = row.filter((cell) => cell.text !== "");
    return cells.length >= 2 && cells[0]!.text.length <= FORM_LABEL_CHARS;
  });
  if (labelled.length >= FORM_ROWS) return false;
  return rows.some((row) => row.some((cell) => cell.parts.length >= LAYOUT_CELL_PARAGRAPHS && cell.text.length >= LAYOUT_CELL_CHARS));
}

/** Elements inside a cell that make its content text laid out in blocks rather than a value. */
const CELL_BLOCKS = new Set(["br", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"]);

/**
 * The tables of a page, by their order, that lay it out rather than hold data: one column, no header cell of their
 * own, and either another table inside (an HTML e-mail's 100% table around its 600px one around the notice's facts) or
 * two rows or more whose cells hold paragraphs. Read as tables they ran the whole e-mail into one table's lines.
 */
function findLayoutTables(html: string): Set<number> {
  const layout = new Set<number>();
  if (!/<table\b/i.test(html)) return layout;
  const open: Array<{ index: number; columns: number; row: number; rows: number; header: boolean; nested: boolean; blocks: boolean }> = [];
  let count = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const table = open.at(-1);
        if (name === "table") {
          if (table !== undefined) table.nested = true;
          open.push({ index: count++, columns: 0, row: 0, rows: 0, header: false, nested: false, blocks: false });
        } else if (table === undefined) return;
        else if (name === "tr") {
          table.row = 0;
          table.rows++;
        } else if (name === "td" || name === "th") {
          table.row += span(attributes.colspan);
          table.columns = Math.max(table.columns, table.row);
          if (name === "th") table.header = true;
        } else if (CELL_BLOCKS.has(name)) table.blocks = true;
      },
      onclosetag(name) {
        if (name !== "table") return;
        const table = open.pop();
        if (table !== undefined && table.columns === 1 && !table.header && (table.nested || (table.rows >= 2 && table.blocks))) layout.add(table.index);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return layout;
}

/** A cell that only holds a currency sign, set apart from its amount ("$" | "8,733,830"). */
const CURRENCY_CELL = /^[$€£¥₩]$/u;
/** A cell that only closes its neighbour's figure ("(2,048" | ")", "12.5" | "%"). */
const CLOSING_CELL = /^(?:\)|%|\)%)$/;

/**
 * A table's rows as lines, cells joined by " | ". Financial statements (SEC filings, annual reports) lay figures out
 * with spacer columns that are empty in every row, the currency sign in a column of its own and the closing
 * parenthesis of a negative figure in another: "Adjusted EBITDA |  | $ | 8,733,830 |  |  | $ | 1,377,279 |". A column
 * empty in every row is left out, a sign joins the figure after it and a closing mark the figure before it:
 * "Adjusted EBITDA | $8,733,830 | $1,377,279". A cell spanning several columns is kept as it is.
 */
function tableLines(rows: readonly TableCell[][]): string[] {
  const texts = new Map<number, string[]>();
  for (const row of rows) {
    for (const cell of row) {
      if (cell.columns !== 1) continue;
      if (!texts.has(cell.at)) texts.set(cell.at, []);
      texts.get(cell.at)!.push(cell.text);
    }
  }
  const columnIs = (at: number, test: RegExp): boolean => {
    const filled = (texts.get(at) ?? []).filter((text) => text !== "");
    return filled.length > 0 && filled.every((text) => test.test(text));
  };
  const blank = (at: number): boolean => (texts.get(at) ?? []).every((text) => text === "");
  return rows.map((row) => {
    const cells: string[] = [];
    let sign = "";
    for (const cell of row) {
      if (cell.columns === 1 && columnIs(cell.at, CURRENCY_CELL)) sign += cell.text;
      else if (cell.columns === 1 && columnIs(cell.at, CLOSING_CELL) && cells.length > 0) cells[cells.length - 1] += cell.text;
      else if (cell.columns === 1 && cell.text === "" && blank(cell.at)) continue;
      else {
        cells.push(sign + cell.text);
        sign = "";
      }
    }
    if (sign !== "") cells.push(sign);
    return cells.join(" | ");
  });
}

/**
 * A table without the body row that repeats its header row word for word: GitBook writes a table whose header it hides
 * (`<table data-header-hidden>`) with the column names in <thead> and again, in bold, as the first body row, and a
 * reader sees the names once.
 */
function withoutRepeatedHeader(rows: TableCell[][], header: readonly boolean[]): [TableCell[][], boolean[]] {
  let count = 0;
  while (count < rows.length && header[count] === true) count++;
  const last = rows[count - 1];
  const next = rows[count];
  const same =
    last !== undefined &&
    next !== undefined &&
    next.length === last.length &&
    next.some((cell) => cell.text !== "") &&
    next.every((cell, at) => cell.text === last[at]!.text && cell.at === last[at]!.at && cell.columns === last[at]!.columns);
  if (!same) return [rows, [...header]];
  return [[...rows.slice(0, count), ...rows.slice(count + 1)], [...header.slice(0, count), ...header.slice(count + 1)]];
}

/**
 * A table whose header is grouped over two or more rows ("이용시간" over "평일" and "토/공휴일") with one header row
 * instead: each column labelled by its group's label and its own ("이용시간 평일"), neighbouring columns of one label
 * one cell, so each body row reads under one header line, as a reader reads it. Other tables are left as they are.
 */
function withOneHeaderRow(rows: TableCell[][], header: readonly boolean[]): TableCell[][] {
  const width = Math.max(...rows.flat().map((cell) => cell.at + cell.columns));
  // A header row that is one cell across the table ("기본 화합물" under the column names) labels the rows below it.
  const across = (row: readonly TableCell[]): boolean => row.length === 1 && row[0]!.at === 0 && row[0]!.columns === width;
  let count = 0;
  while (count < rows.length - 1 && header[count] === true && !(count > 0 && across(rows[count]!))) count++;
  // A header's lower row written with <td>s ("주중 | 주말" under "평상시" and "성수기", beside "구분" spanning both rows):
  // a header cell above spans into it and each of its own cells stands under a grouped header cell.
  while (count > 0 && count < rows.length - 1) {
    const row = rows[count]!;
    const groups = rows.slice(0, count).flat().filter((cell) => cell.columns > 1 && !cell.copy);
    const own = row.filter((cell) => cell.copy !== true);
    const underGroups = own.every((cell) => groups.some((group) => group.at <= cell.at && cell.at + cell.columns <= group.at + group.columns));
    if (!row.some((cell) => cell.copy === true) || own.length === 0 || !underGroups) break;
    count++;
  }
  const headerCells = rows.slice(0, count).flat();
  if (count < 2 || !headerCells.some((cell) => cell.columns > 1)) return rows;
  const labels: string[] = [];
  for (let at = 0; at < width; at++) {
    const parts: string[] = [];
    for (const row of rows.slice(0, count)) {
      const text = row.find((cell) => cell.at <= at && at < cell.at + cell.columns)?.text ?? "";
      if (text !== "" && text !== parts.at(-1)) parts.push(text);
    }
    labels.push(parts.join(" "));
  }
  const merged: TableCell[] = [];
  labels.forEach((label, at) => {
    const last = merged.at(-1);
    if (last !== undefined && label !== "" && last.text === label && last.at + last.columns === at) last.columns++;
    else merged.push({ text: label, at, columns: 1, parts: [label] });
  });
  return [merged, ...rows.slice(count)];
}

/** A rowspan or colspan attribute: 1 unless it is a whole number above 1 (capped, as hostile markup may ask for any). */
function span(value: string | undefined): number {
  const count = Number.parseInt(value ?? "", 10);
  return Number.isFinite(count) && count > 1 ? Math.min(count, 1000) : 1;
}

/**
 * An HTML page, or the source of one: a site generator's page (MDN's translated pages) may open with YAML front
 * matter, whose title the published page shows as its heading, and carry KumaScript macros in its text.
 */
export function parseHtml(html: string): ParsedDocument {
  const lines = html.replace(/^\uFEFF/, "").split(/\r?\n/);
  const frontMatter = /^---[ \t]*$/.test(lines[0] ?? "") ? readFrontMatter(lines) : { end: 0, title: "" };
  const body = frontMatter.end > 0 ? lines.slice(frontMatter.end).join("\n") : html;
  const { title, blocks, furniture, frames, scripts } = htmlToBlocks(body, { macros: true, listNumbers: true, layoutTables: true });
  const pageTitle = collapseWhitespace(frontMatter.title);
  if (blocks.length === 0 && (frames.length > 0 || scripts > 0)) {
    // A page whose text a browser fetches into frames or builds with scripts (정부24's and many intranets' framed
    // pages, single-page apps) holds none of it when saved: say so, rather than only that there is no text.
    const where =
      frames.length > 0
        ? `its text is in ${frames.length === 1 ? "a frame" : `${frames.length} frames`} (${frames.slice(0, 3).join(", ")}${frames.length > 3 ? ", …" : ""}), ${frames.length === 1 ? "a page of its own: index that page" : "each a page of its own: index those pages"}`
        : "its text is built by scripts when a browser shows it: save the page from the browser after it has loaded (\"Save as… complete\")";
    return buildDocument(blocks, { title, pageCount: null, warnings: [where], furniture });
  }
  if (pageTitle !== "" && !blocks.some((block) => block.kind === "heading" && block.level === 1)) {
    blocks.unshift({ kind: "heading", level: 1, text: pageTitle, page: null });
    return buildDocument(blocks, { title: title ?? pageTitle, pageCount: null, warnings: [], furniture });
  }
  return buildDocument(blocks, { title, pageCount: null, warnings: [], furniture });
}
