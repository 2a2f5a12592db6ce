/**
 * Joining the lines of a paragraph back into running text. A PDF keeps no trace of whether a line ended at a space
 * or inside a word: Hangul wraps between any two syllables, and English is hyphenated at syllables. The decision
 * is made from the characters on both sides and from how the same document writes its words inside lines, where
 * the spaces are real.
 */

const HANGUL_SYLLABLE = /^[\uac00-\ud7a3]$/;
const HANGUL_RUN = /[\uac00-\ud7a3]+/g;
const LATIN_WORD = /[A-Za-z]+(?:-[A-Za-z]+)*/g;

/**
 * Syllables that usually end a Korean word: particles and verbal endings (다, 는, 을, 에, 고, 며…). They are the
 * prior when the document has too few words of its own to say.
 */
const WORD_FINAL = new Set([..."다요은는이가을를의에도로와과만서고며면게지한할된될인까야나니데듯죠럼터께며써든"]);

/** A pair of syllables seen this often inside lines decides by itself. */
const PAIR_EVIDENCE = 3;
/** Odds of a space below which the words are joined: below even, because a wrong join is worse than a kept space. */
const JOIN_ODDS = 0.25;

/** Hangul text with fewer spaces than this share of syllable pairs is written without spaces between words. */
const UNSPACED_RATIO = 0.05;

export interface LineEnd {
  /** The line before the break reached the paragraph's right edge (a short line ended at a space). */
  reachesRightEdge: boolean;
  /** The text layer itself had a space at the end of the line or the start of the next one. */
  spaceInTextLayer: boolean;
  /**
   * The wrap cuts between any two characters (a text file dumped at a fixed width, as w3m and lynx cut Hangul), so
   * a break inside a word is about as likely as one at a space: the words decide at even odds.
   */
  cutsWords?: boolean;
}

export type JoinLines = (paragraph: string, line: string, end: LineEnd) => string;

/**
 * Learns from every line of a document how it spaces its words, and returns the function that joins a wrapped
 * line to the paragraph before it:
 * - Hangul + Hangul: no space when the document's words make a word boundary there unlikely (a syllable that
 *   rarely ends a word followed by one that rarely starts one), always none in text written without spaces, and
 *   always a space after a short line or a space in the text layer.
 * - "infor-" + "mation": the hyphen goes unless the document writes the pair with a hyphen elsewhere or both
 *   halves are words of their own ("well-" + "known").
 * - a web address broken after a dot or a slash ("https://sso.debian." + "org.", ".../doc/" + "policy.html"): joined.
 * - anything else: one space.
 */
export function learnLineJoining(lines: readonly string[]): JoinLines {
  // Pairs of adjacent Hangul syllables inside lines, written together or with one space between them.
  const pairs = new Map<string, { spaced: number; joined: number }>();
  const leftOf = new Map<string, { spaced: number; joined: number }>();
  const rightOf = new Map<string, { spaced: number; joined: number }>();
  const latinWords = new Set<string>();
  const hyphenated = new Set<string>();
  let spaced = 0;
  let joined = 0;
  const note = (map: Map<string, { spaced: number; joined: number }>, key: string, isSpaced: boolean) => {
    let counts = map.get(key);
    if (counts === undefined) map.set(key, (counts = { spaced: 0, joined: 0 }));
    if (isSpaced) counts.spaced++;
    else counts.joined++;
  };

  for (const line of lines) {
    for (let index = 1; index < line.length; index++) {
      const right = line[index]!;
      if (!isHangul(right)) continue;
      const isSpaced = line[index - 1] === " " && index >= 2 && isHangul(line[index - 2]!);
      const left = isSpaced ? line[index - 2]! : line[index - 1]!;
      if (!isSpaced && !isHangul(left)) continue;
      if (isSpaced) spaced++;
      else joined++;
      note(pairs, left + right, isSpaced);
      note(leftOf, left, isSpaced);
      note(rightOf, right, isSpaced);
    }
    const words = [...line.matchAll(LATIN_WORD)];
    for (let index = 1; index < words.length - 1; index++) {
      const word = words[index]![0].toLowerCase();
      if (word.includes("-")) hyphenated.add(word);
      for (const part of word.split("-")) latinWords.add(part);
    }
  }
  const unspaced = spaced + joined >= 20 && spaced / (spaced + joined) < UNSPACED_RATIO;

  /**
   * Naive Bayes over the syllable before and the syllable after the break, from how often each stands before or
   * after a space inside lines; a pair seen often enough speaks for itself. Ties keep the space, which is what
   * the text layer already had.
   */
  const wordBoundaryLikely = (before: string, after: string, joinOdds: number): boolean => {
    const pair = pairs.get(before + after);
    if (pair !== undefined && pair.spaced + pair.joined >= PAIR_EVIDENCE) return pair.spaced * 4 >= pair.joined;
    const left = leftOf.get(before) ?? { spaced: 0, joined: 0 };
    const right = rightOf.get(after) ?? { spaced: 0, joined: 0 };
    const prior = WORD_FINAL.has(before) ? 2 : 0.5;
    const odds =
      ((spaced + 1) / (joined + 1)) *
      (((left.spaced + prior) / (spaced + 1)) / ((left.joined + 1) / (joined + 1))) *
      (((right.spaced + 1) / (spaced + 1)) / ((right.joined + 1) / (joined + 1)));
    return odds >= joinOdds;
  };

  return (paragraph, line, end) => {
    const before = paragraph.at(-1) ?? "";
    const after = line[0] ?? "";
    // Text set without spaces runs on across a sentence end too ("…주어야한다." + "이경우…").
    if (unspaced && /[.!?]/.test(before) && isHangul(paragraph.at(-2) ?? "") && isHangul(after) && !end.spaceInTextLayer) {
      return paragraph + line;
    }
    if (isHangul(before) && isHangul(after)) {
      if (end.spaceInTextLayer || !end.reachesRightEdge) return `${paragraph} ${line}`;
      if (unspaced || !wordBoundaryLikely(before, after, end.cutsWords === true ? 1 : JOIN_ODDS)) return paragraph + line;
      return `${paragraph} ${line}`;
    }
    if (!end.spaceInTextLayer && end.reachesRightEdge && continuesAddress(paragraph, line)) return paragraph + line;
    const hyphenatedWord = /([A-Za-z]+)-$/.exec(paragraph);
    if (hyphenatedWord !== null && !end.spaceInTextLayer) {
      const first = hyphenatedWord[1]!.toLowerCase();
      const second = /^[a-z]+/.exec(line)?.[0];
      // An upper-case or non-letter continuation ("WYSI-" + "WYG", "UTF-" + "8") keeps its hyphen.
      if (second === undefined) return paragraph + line;
      const keepsHyphen =
        hyphenated.has(`${first}-${second}`) ||
        (!latinWords.has(first + second) && latinWords.has(first) && latinWords.has(second) && first.length > 1);
      return keepsHyphen ? paragraph + line : paragraph.slice(0, -1) + line;
    }
    return `${paragraph} ${line}`;
  };
}

/** A web address at the end of a paragraph so far: its host, and its path when it has one. */
const ADDRESS_END = /(?:https?:\/\/|www\.)([^\s/<>"]*)(\/[^\s<>"]*)?$/;
/** A line starting with an address's continuation: characters an address holds with one inside it (".", "/", "#"…). */
const ADDRESS_GOES_ON = /^[\w~%-]*[./#?=&_][\w~%./#?=&-]*[\w/#=]/;

/**
 * Whether a line goes on with the web address the paragraph ends with, as LaTeX's url and Sphinx break addresses
 * after a dot or a slash: the line starts with more address ("replacing_keys.html", "debian.org/pkg"), or the host
 * broke after a dot and the line starts with the rest of it ("sso.debian." + "org."). An address that ended
 * before the break ("…debian.org/ that lists") keeps the space.
 */
function continuesAddress(paragraph: string, line: string): boolean {
  // Only the last word is looked at (scanning back to the space before it), so joining a paragraph's lines stays
  // linear in its length.
  let start = paragraph.length;
  while (start > 0 && paragraph.charCodeAt(start - 1) > 0x20) start--;
  if (paragraph.length - start < 5) return false;
  const address = ADDRESS_END.exec(paragraph.slice(start));
  if (address === null || !/[./_#?=&-]$/.test(address[0])) return false;
  if (ADDRESS_GOES_ON.test(line)) return true;
  return address[2] === undefined && address[0].endsWith(".") && /^[a-z]{2,}(?:[/.:]|$)/.test(line);
}

function isHangul(character: string): boolean {
  return HANGUL_SYLLABLE.test(character);
}
