/**
 * Running headers, footers and page numbers: lines at the top or bottom edge of a page that repeat from page to
 * page, or that carry the page's printed number ("2 알아두어야 할 기본 사항", "기초 3", "- 7 -", "iv"). They are
 * not content: left in, they end up in chunks, in search hits and in quoted answers.
 */

export interface EdgeLine {
  text: string;
  /** Baseline height on the page; larger is higher. */
  y: number;
  /** Type size in points, when known (PDF pages). */
  fontSize?: number;
}

export interface PageLines {
  page: number;
  lines: readonly EdgeLine[];
}

export interface RunningLine {
  page: number;
  /** Index into the page's `lines`. */
  index: number;
  position: "header" | "footer";
}

/** How many lines from each edge may be furniture (a header with a rule and a subtitle, a footer with two lines). */
const EDGE_DEPTH = 2;
/**
 * How many lines from an edge a header or footer block may span, each line under (or over) furniture: a letterhead
 * repeats its two-line title and a two-line slogan under it on every page. Only pages with lines enough that the
 * deeper lines are not near the other edge too.
 */
const BLOCK_DEPTH = 4;
/** Lines longer than this are body text even when they repeat (a repeated paragraph is a quotation, not a header). */
const MAX_FURNITURE_CHARS = 120;
/** A repeated line, or a page-number offset, must be seen on this many pages. */
const MIN_PAGES = 3;
/** A line on at least this share of the pages, numbers aside, is furniture whatever its numbers. */
const MOST_PAGES_SHARE = 0.6;
/** Baselines of the same header on different pages differ by at most this much (points). */
const BAND_TOLERANCE = 3;
/** A header this much larger than the body's type is a title (a slide's), unless it stands on most pages. */
const TITLE_SIZE_RATIO = 1.25;

/** A header set this much larger than the body's type that numbers itself or opens with a bullet is a slide's topic. */
const TOPIC_SIZE_RATIO = 1.1;
/** A slide topic's opening: a section number ("1. ", "2.3 ", "Ⅱ. ", "제2장") or a bullet ("❖ ", "■ ", "▶ "). */
const SLIDE_TOPIC = /^(?:\d{1,2}(?:\.\d{1,2})*\.?\s|[IVX]{1,4}\.\s|[\u2160-\u216b]\.?\s?|제\s?\d{1,2}\s?[장절]|[❖◆◇■□▶►●○•▪✓➢❑]\s)/;

const ROMAN = /^(?=[ivxlc]+$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/i;

/**
 * Finds the running lines of a paged document. A candidate is one of the `EDGE_DEPTH` highest or lowest lines of
 * a page. It is furniture when, at the same height (within a few points) on at least `MIN_PAGES` pages:
 * - its text, without the page number, repeats exactly ("How to use bzip2", "Confidential"); or
 * - it starts or ends with the page's printed number, where printed = physical + an offset that holds on at least
 *   `MIN_PAGES` pages (front matter in roman numerals has its own offset), and is short.
 * Chapter titles that share a numbering pattern ("제 1 장", "제 2 장") are not mistaken for headers: their numbers
 * do not follow the pages.
 */
export function findRunningLines(pages: readonly PageLines[], sectionTitles: readonly string[] = []): RunningLine[] {
  if (pages.length < MIN_PAGES) return [];
  const candidates: Array<RunningLine & { y: number; text: string; numbers: number[]; depth: number; shared: boolean; fontSize: number | undefined }> = [];
  for (const { page, lines } of pages) {
    const order = lines.map((line, index) => ({ line, index })).sort((a, b) => b.line.y - a.line.y);
    const depth = order.length >= 2 * BLOCK_DEPTH ? BLOCK_DEPTH : EDGE_DEPTH;
    const top = order.slice(0, depth);
    // On a page of one or two lines the lowest lines are among the highest too. They are judged as footers as well
    // (`shared`), where only a page number counts: a chapter's last lines alone on a page over its number "3" are
    // the page's body, and the "3" its footer like the other pages' numbers.
    const bottom = order.slice(-depth).reverse();
    for (const [position, edge] of [["header", top], ["footer", bottom]] as const) {
      for (const [depth, { line, index }] of edge.entries()) {
        const text = line.text.trim();
        if (text === "" || text.length > MAX_FURNITURE_CHARS) continue;
        const shared = position === "footer" && top.some((other) => other.index === index);
        candidates.push({ page, index, position, y: line.y, text, numbers: edgeNumbers(text), depth, shared, fontSize: line.fontSize });
      }
    }
  }

  // Offsets between printed and physical page numbers, with the pages that show each.
  const offsetPages = new Map<number, Set<number>>();
  for (const candidate of candidates) {
    for (const number of candidate.numbers) {
      const offset = number - candidate.page;
      if (!offsetPages.has(offset)) offsetPages.set(offset, new Set());
      offsetPages.get(offset)!.add(candidate.page);
    }
  }
  const offsets = new Set([...offsetPages].filter(([, seen]) => seen.size >= MIN_PAGES).map(([offset]) => offset));
  // A page shows one printed number. Where its lines imply two offsets, the one more pages show is the page's: a
  // section title opening a page ("1 수수료 등 비용부담 사항" on page 2 of a form paged "(2/10)") only looks numbered.
  const pageOffset = new Map<number, number>();
  for (const candidate of candidates) {
    for (const number of candidate.numbers) {
      const offset = number - candidate.page;
      if (!offsets.has(offset)) continue;
      const current = pageOffset.get(candidate.page);
      if (current === undefined || offsetPages.get(offset)!.size > offsetPages.get(current)!.size) pageOffset.set(candidate.page, offset);
    }
  }

  // Numbers inside a line that follow the pages, one printed page to a physical page ("법제처 2 국가법령정보센터") or
  // two (a spread of two printed pages exported as one: "15 Report 14 Report" on page 10).
  const innerPages = new Map<string, Set<number>>();
  for (const candidate of candidates) {
    for (const number of innerNumbers(candidate.text)) {
      for (const factor of [1, 2]) {
        const id = `${factor}:${number - factor * candidate.page}`;
        if (!innerPages.has(id)) innerPages.set(id, new Set());
        innerPages.get(id)!.add(candidate.page);
      }
    }
  }
  const followsPages = (number: number, page: number) =>
    [1, 2].some((factor) => (innerPages.get(`${factor}:${number - factor * page}`)?.size ?? 0) >= MIN_PAGES);
  // A line that, numbers aside, stands at an edge of most pages is furniture even when its numbers do not follow
  // the pages (pages picked out of a statute keep their printed numbers: "법제처 31 국가법령정보센터" on page 3; a bank
  // form's footer numbers its pages inside words, "(10-3) 5-202-0012(21.0×29.7) 중질지(재생용지)").
  const maskedPages = new Map<string, Set<number>>();
  for (const candidate of candidates) {
    const id = `${candidate.position}\u0000${normaliseKey(maskAllNumbers(candidate.text))}`;
    if (!maskedPages.has(id)) maskedPages.set(id, new Set());
    maskedPages.get(id)!.add(candidate.page);
  }
  const onMostPages = Math.max(MIN_PAGES, Math.ceil(pages.length * MOST_PAGES_SHARE));
  const maskAll = (candidate: { position: string; text: string }) =>
    (maskedPages.get(`${candidate.position}\u0000${normaliseKey(maskAllNumbers(candidate.text))}`)?.size ?? 0) >= onMostPages;

  const keyed = candidates.map((candidate) => {
    const pageNumber = candidate.numbers.find((number) => number - candidate.page === pageOffset.get(candidate.page));
    // Without a page number at an edge, the page's numbers inside the line are masked: what is left must then repeat
    // at one height like any repeated line, so a chapter title's number, which does not follow the pages, never is.
    const key =
      pageNumber !== undefined
        ? withoutEdgeNumber(candidate.text)
        : maskAll(candidate)
          ? maskAllNumbers(candidate.text)
          : maskInnerNumbers(candidate.text, (number) => followsPages(number, candidate.page));
    return { ...candidate, hasPageNumber: pageNumber !== undefined, key: normaliseKey(key) };
  });
  const repeats = new Map<string, Set<number>>();
  for (const candidate of keyed) {
    const id = `${candidate.position}\u0000${candidate.key}`;
    if (!repeats.has(id)) repeats.set(id, new Set());
    repeats.get(id)!.add(candidate.page);
  }
  // A bare number is furniture only as the page's number: the same one at the same height on several pages is a
  // section's or a step's number set large (KISA's 안내서 opens each chapter's second section with "2").
  const textual = keyed.filter(
    (candidate) =>
      candidate.hasPageNumber ||
      (!/^\d+$/.test(candidate.text) && (repeats.get(`${candidate.position}\u0000${candidate.key}`)?.size ?? 0) >= MIN_PAGES),
  );

  // Geometry: furniture sits at one height on many pages: the pages among `lines` showing a line like `candidate` at
  // its edge and height.
  type Keyed = (typeof keyed)[number];
  const pagesAtHeight = (lines: readonly Keyed[], candidate: Keyed, alike: (other: Keyed) => boolean) =>
    new Set(
      lines
        .filter((other) => other.position === candidate.position && Math.abs(other.y - candidate.y) <= BAND_TOLERANCE && alike(other))
        .map((other) => other.page),
    ).size;
  // A repeated line counts only with its own repeats at that height (a chapter title on its opening page is not its
  // running header), a numbered one with other numbered ones.
  const atSameHeight = (candidate: Keyed) =>
    pagesAtHeight(textual, candidate, (other) => (candidate.hasPageNumber ? other.hasPageNumber : other.key === candidate.key));
  // A repeated header that ends in a number looks numbered on the one page whose number that is ("JQ(1)" on page 1):
  // its whole text repeating at its height still makes it furniture there.
  const sameTextAtSameHeight = (candidate: Keyed) =>
    pagesAtHeight(keyed, candidate, (other) => normaliseKey(other.text) === normaliseKey(candidate.text));
  // A header naming the page's section ("Chapter 2. C4 Architecture Model" on even pages, "2.1. Level 1 — System
  // Context" on odd ones, as LaTeX's book class sets them) changes with every section, so need not repeat; it is
  // furniture where lines naming sections stand at one edge height on several pages, set no larger than the text
  // (titles opening their pages at one height are set larger).
  const titleKeys = new Set(sectionTitles.map(sectionKey).filter((key) => key.length >= 3));
  const bodySize = commonSize(pages);
  const namesSection = keyed.filter(
    (candidate) =>
      candidate.depth === 0 &&
      !candidate.shared &&
      titleKeys.has(sectionKey(candidate.text)) &&
      (candidate.fontSize === undefined || bodySize === null || candidate.fontSize <= bodySize * 1.05),
  );
  // A deck repeats a slide's title over the slides of one topic ("1 SGD" on slides 6–15, "2 ALS" on 16–21) at the
  // top, in type larger than the slides' text: it is the section of those slides, which a running header in large
  // type is only when it stands on most pages (a report's banner).
  // A numbered or bulleted one ("1. Numpy" at 18 pt over 16 pt bullets, "❖ Array shape" under it) needs only to be
  // set a little larger: a report's running header neither opens with a bullet nor numbers itself as a section.
  const slideTitle = (candidate: Keyed) =>
    candidate.position === "header" &&
    !candidate.hasPageNumber &&
    bodySize !== null &&
    (candidate.fontSize ?? 0) >= bodySize * (SLIDE_TOPIC.test(candidate.text) ? TOPIC_SIZE_RATIO : TITLE_SIZE_RATIO) &&
    (repeats.get(`${candidate.position}\u0000${candidate.key}`)?.size ?? 0) < onMostPages;
  const namingSections = new Set(namesSection.filter((candidate) => pagesAtHeight(namesSection, candidate, () => true) >= MIN_PAGES));
  const accepted = [...textual, ...namingSections].filter(
    (candidate) =>
      namingSections.has(candidate) ||
      (!slideTitle(candidate) &&
        (!candidate.shared || candidate.hasPageNumber) &&
        (atSameHeight(candidate) >= MIN_PAGES || (candidate.hasPageNumber && sameTextAtSameHeight(candidate) >= MIN_PAGES))),
  );
  // A line below the first from an edge is furniture only under (or over) furniture all the way to the edge; a line
  // near both edges counts once.
  const found = new Map<string, RunningLine>();
  const acceptedAt = new Set(accepted.map((candidate) => `${candidate.page}:${candidate.position}:${candidate.depth}`));
  for (const candidate of accepted) {
    // Below the first two lines, only a line that repeats word for word: the last lines of a page's text may end in
    // the page's number ("… see note (12)") as a footer does.
    let underFurniture = candidate.depth < EDGE_DEPTH || !candidate.hasPageNumber;
    for (let depth = 0; depth < candidate.depth; depth++) underFurniture &&= acceptedAt.has(`${candidate.page}:${candidate.position}:${depth}`);
    const id = `${candidate.page}:${candidate.index}`;
    if (underFurniture && !found.has(id)) found.set(id, { page: candidate.page, index: candidate.index, position: candidate.position });
  }
  return [...found.values()];
}

/** The type size most of the pages' characters are set in (half points), or null when no line gives its size. */
function commonSize(pages: readonly PageLines[]): number | null {
  const characters = new Map<number, number>();
  for (const { lines } of pages) {
    for (const line of lines) {
      if (line.fontSize === undefined) continue;
      const size = Math.round(line.fontSize * 2) / 2;
      characters.set(size, (characters.get(size) ?? 0) + line.text.length);
    }
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [size, count] of characters) if (count > bestCount) [best, bestCount] = [size, count];
  return best;
}

/** Numbers at either end of a line that could be a page number: "12", "- 12 -", "Page 12", "12 / 40", "iv". */
function edgeNumbers(text: string): number[] {
  const tokens = text
    .replace(/[-–—|·•()[\]]/g, " ")
    .split(/\s+/)
    .filter((token) => token !== "");
  if (tokens.length === 0) return [];
  const ends = tokens.length === 1 ? [tokens[0]!] : [tokens[0]!, tokens.at(-1)!];
  // "12 / 40" and "Page 3 of 38": the first number is the page.
  const pageOf = /^[([]?\s*(?:page\s+|p\.\s*|페이지\s*)?(\d{1,4})\s*(?:\/|of)\s*\d{1,4}\s*[)\]]?$/i.exec(text.replace(/[-–—]/g, " ").trim());
  const numbers = pageOf !== null ? [Number(pageOf[1])] : [];
  for (const token of ends) {
    const bare = token.replace(/^(?:page|p\.|페이지)/i, "").replace(/(?:쪽|페이지|면)$/, "");
    if (/^\d{1,4}$/.test(bare)) numbers.push(Number(bare));
    else if (ROMAN.test(bare) && bare.length <= 6) numbers.push(romanValue(bare));
  }
  return numbers;
}

/** Lines of at most this many words are looked at for page numbers inside them; longer ones are sentences. */
const MAX_INNER_NUMBER_WORDS = 12;

/** Every word of a short line that is a bare number (a page number printed between a publisher and a title). */
function innerNumbers(text: string): number[] {
  const words = text.split(/\s+/).filter((word) => word !== "");
  if (words.length > MAX_INNER_NUMBER_WORDS) return [];
  return words.filter((word) => /^\d{1,4}$/.test(word)).map(Number);
}

/** A chapter's or a part's title ("제 3 장 …", "3장", "Chapter 3"): its number may match a page's by chance. */
const CHAPTER_TITLE = /^(?:제\s*\d+\s*[편부장절관]|\d{1,2}\s*장|(?:chapter|part)\s+\d+)(?:\s|$)/i;

/** The line with each bare number that `isPageNumber` accepts put as "#", when it still has letters. */
function maskInnerNumbers(text: string, isPageNumber: (number: number) => boolean): string {
  const words = text.split(/\s+/).filter((word) => word !== "");
  if (words.length > MAX_INNER_NUMBER_WORDS || CHAPTER_TITLE.test(text.trim())) return text;
  const masked = words.map((word) => (/^\d{1,4}$/.test(word) && isPageNumber(Number(word)) ? "#" : word)).join(" ");
  return /\p{L}/u.test(masked) ? masked : text;
}

/**
 * The line with every run of digits put as "#", inside words too ("(10-3)", "5-202-0012"), when it is short and still
 * has letters; a chapter's title and a sentence are left as they are.
 */
function maskAllNumbers(text: string): string {
  const words = text.split(/\s+/).filter((word) => word !== "");
  if (words.length > MAX_INNER_NUMBER_WORDS || CHAPTER_TITLE.test(text.trim())) return text;
  const masked = words.map((word) => word.replace(/\d+/g, "#")).join(" ");
  return /\p{L}/u.test(masked) ? masked : text;
}

function withoutEdgeNumber(text: string): string {
  return text
    .replace(/^[-–—\s]*(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:\/|of)\s*\d{1,4})?[-–—\s]+/i, "")
    .replace(/[-–—\s]+(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:\/|of)\s*\d{1,4})?(?:쪽|페이지)?[-–—\s]*$/i, "")
    .replace(/^(?:[-–—\s]*(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:쪽|페이지)?[-–—\s]*)$/i, "");
}

/** A section title as printed in a header or listed in an outline: "Chapter 2. C4 …" and "2 C4 …" alike. */
function sectionKey(title: string): string {
  return title
    .replace(/^\s*(?:chapter|part|appendix|section)\s+/i, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function normaliseKey(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

function romanValue(roman: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  const lower = roman.toLowerCase();
  for (let index = 0; index < lower.length; index++) {
    const value = values[lower[index]!]!;
    const next = values[lower[index + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}
