import { currentProperties, PARAGRAPH_START } from "./docx-paragraphs.ts";

/**
 * Word's automatic numbering, written into the text. A Word regulation often numbers its chapters and articles with
 * a multilevel list on its heading styles ("제%1장 ", "제%2조 "), so the numbers exist only in numbering.xml and
 * mammoth, which renders lists as HTML lists, drops them: "제1장 총칙" came out "총칙", and the clause parser, the
 * section path and every quote lost the article number. This computes each numbered paragraph's label as Word
 * shows it (start values, level restarts, decimal, circled, Roman, Latin and Korean 가나다/ㄱㄴㄷ/일이삼 formats)
 * and puts it at the start of the paragraph as a run of text, before mammoth reads the document. Bullets get no
 * label. Returns null when nothing is numbered.
 */
/**
 * Whether the paragraph whose content starts at `from` holds no text: none before its end, or before a paragraph
 * inside it (a text box's), which counts as text.
 */
function isEmptyParagraph(documentXml: string, from: number): boolean {
  const end = documentXml.indexOf("</w:p>", from);
  if (end < 0) return false;
  const content = documentXml.slice(from, end);
  if (/<w:p[\s>]|<w:(?:tab|sym|drawing|pict|object)\b/.test(content)) return false;
  return [...content.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].every((text) => text[1]!.trim() === "");
}

export function numberDocxParagraphs(documentXml: string, numberingXml: string, stylesXml: string | null): string | null {
  const numbering = readNumbering(numberingXml);
  const styles = stylesXml === null ? new Map<string, StyleNumbering>() : readStyles(stylesXml);
  const counters = new Map<string, Array<number | undefined>>();
  const started = new Set<string>();
  let labelled = 0;
  // A text box is written twice, as DrawingML (mc:Choice) and as VML (mc:Fallback); mammoth reads the fallback, and
  // Word numbers the box's paragraphs once: counted in both, a box's list came out "3.", "4." for Word's "1.", "2.".
  const choices = [...documentXml.matchAll(/<mc:Choice\b[\s\S]*?<\/mc:Choice>/g)].map((match) => [match.index, match.index + match[0].length]);
  const numbered = documentXml.replace(PARAGRAPH_START, (start: string, properties: string | undefined, offset: number) => {
    if (choices.some(([from, to]) => offset > from! && offset < to!)) return start;
    const label = paragraphLabel(currentProperties(properties ?? ""), numbering, styles, counters, started);
    // An empty numbered paragraph counts, but a number with no text after it is no line to index ("1." alone).
    if (label === null || isEmptyParagraph(documentXml, offset + start.length)) return start;
    labelled++;
    return `${start}<w:r><w:t xml:space="preserve">${escapeXml(label)}</w:t></w:r>`;
  });
  return labelled === 0 ? null : numbered;
}

interface Level {
  start: number;
  format: string;
  text: string;
  /** The level after whose increment this one restarts: -1 never, else a level above (default: the one above). */
  restartAfter: number;
  paragraphStyle: string | null;
  /** What follows the label: Word's w:suff, a tab unless it says "space" or "nothing". */
  suffix: string;
}

interface Numbering {
  /** numId → abstractNumId and the levels' start overrides. */
  nums: Map<string, { abstract: string; starts: Map<number, number> }>;
  abstracts: Map<string, Level[]>;
  /** A paragraph style a level names (w:pStyle) → where it is. */
  byStyle: Map<string, { numId: string | null; abstract: string; level: number }>;
}

interface StyleNumbering {
  numId: string | null;
  level: number | null;
  basedOn: string | null;
}

function attribute(xml: string, element: string, name = "w:val"): string | null {
  const match = new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml);
  return match === null ? null : match[1]!;
}

function readNumbering(xml: string): Numbering {
  const abstracts = new Map<string, Level[]>();
  const byStyle: Numbering["byStyle"] = new Map();
  for (const [, id, body] of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="([^"]*)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels: Level[] = [];
    for (const [, index, lvl] of body!.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const level = Number(index);
      if (level > 8) continue;
      const restart = attribute(lvl!, "w:lvlRestart");
      levels[level] = {
        start: Number(attribute(lvl!, "w:start") ?? "1"),
        format: attribute(lvl!, "w:numFmt") ?? "decimal",
        text: attribute(lvl!, "w:lvlText") ?? "",
        restartAfter: restart === null ? level - 1 : Number(restart) - 1,
        paragraphStyle: attribute(lvl!, "w:pStyle"),
        suffix: attribute(lvl!, "w:suff") === "nothing" ? "" : " ",
      };
      const style = levels[level]!.paragraphStyle;
      if (style !== null) byStyle.set(style, { numId: null, abstract: id!, level });
    }
    abstracts.set(id!, levels);
  }
  const nums: Numbering["nums"] = new Map();
  for (const [, id, body] of xml.matchAll(/<w:num\b[^>]*w:numId="([^"]*)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abstract = attribute(body!, "w:abstractNumId");
    if (abstract === null) continue;
    const starts = new Map<number, number>();
    for (const [, level, override] of body!.matchAll(/<w:lvlOverride\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const start = attribute(override!, "w:startOverride");
      if (start !== null) starts.set(Number(level), Number(start));
    }
    nums.set(id!, { abstract, starts });
  }
  return { nums, abstracts, byStyle };
}

function readStyles(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  for (const [, id, body] of xml.matchAll(/<w:style\b[^>]*w:type="paragraph"[^>]*w:styleId="([^"]*)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(body!)?.[1] ?? "";
    const level = attribute(numPr, "w:ilvl");
    styles.set(id!, { numId: attribute(numPr, "w:numId"), level: level === null ? null : Number(level), basedOn: attribute(body!, "w:basedOn") });
  }
  return styles;
}

/** The label Word prints before a paragraph, counting it; null for a paragraph without numbering or a bullet. */
function paragraphLabel(
  properties: string,
  numbering: Numbering,
  styles: Map<string, StyleNumbering>,
  counters: Map<string, Array<number | undefined>>,
  started: Set<string>,
): string | null {
  const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(properties)?.[1];
  let numId = numPr === undefined ? null : attribute(numPr, "w:numId");
  let level = numPr === undefined ? null : attribute(numPr, "w:ilvl");
  const styleId = attribute(properties, "w:pStyle");
  // Numbering a paragraph style carries, directly or through the style it is based on.
  for (let style = styleId, depth = 0; style !== null && depth < 10 && (numId === null || level === null); depth++) {
    const found = styles.get(style);
    if (found === undefined) break;
    numId ??= found.numId;
    if (level === null && found.level !== null) level = String(found.level);
    style = found.basedOn;
  }
  let abstract: string | undefined;
  let levelIndex = level === null ? null : Number(level);
  if (numId === null && styleId !== null) {
    const linked = numbering.byStyle.get(styleId);
    if (linked !== undefined) {
      abstract = linked.abstract;
      levelIndex ??= linked.level;
    }
  }
  if (numId === "0") return null;
  const num = numId === null ? undefined : numbering.nums.get(numId);
  abstract ??= num?.abstract;
  if (abstract === undefined) return null;
  if (levelIndex === null && styleId !== null) levelIndex = numbering.byStyle.get(styleId)?.level ?? null;
  levelIndex ??= 0;
  const levels = numbering.abstracts.get(abstract);
  const definition = levels?.[levelIndex];
  if (levels === undefined || definition === undefined || definition.format === "bullet" || definition.format === "none") return null;

  let counts = counters.get(abstract);
  if (counts === undefined) counters.set(abstract, (counts = []));
  const startOf = (index: number) => num?.starts.get(index) ?? levels[index]?.start ?? 1;
  // The list instances of one abstract list count on from each other, except that an instance with start overrides
  // (Word's "Restart Numbering" makes one) restarts those levels at its first paragraph.
  if (numId !== null && num !== undefined && !started.has(numId)) {
    started.add(numId);
    for (const overridden of num.starts.keys()) counts[overridden] = undefined;
  }
  counts[levelIndex] = counts[levelIndex] === undefined ? startOf(levelIndex) : counts[levelIndex]! + 1;
  for (let below = levelIndex + 1; below < levels.length; below++) {
    const restartAfter = levels[below]?.restartAfter ?? below - 1;
    if (restartAfter >= 0 && restartAfter >= levelIndex) counts[below] = undefined;
  }
  const label = definition.text.replace(/%([1-9])/g, (_, which: string) => {
    const index = Number(which) - 1;
    return formatNumber(counts[index] ?? startOf(index), levels[index]?.format ?? "decimal");
  });
  return label.trim() === "" ? null : `${label}${definition.suffix}`;
}

const CIRCLED = [..."①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"];
const GANADA = [..."가나다라마바사아자차카타파하"];
const CHOSUNG = [..."ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"];
const KOREAN_DIGITS = ["", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"];

/** A counter in one of Word's number formats (w:numFmt); an unknown format is written in decimal. */
export function formatNumber(value: number, format: string): string {
  const cycle = (symbols: readonly string[]) => symbols[(value - 1) % symbols.length]!;
  switch (format) {
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return value >= 1 && value <= CIRCLED.length ? CIRCLED[value - 1]! : String(value);
    case "ganada":
      return value >= 1 ? cycle(GANADA) : String(value);
    case "chosung":
      return value >= 1 ? cycle(CHOSUNG) : String(value);
    case "koreanDigital":
    case "koreanCounting":
      return value >= 1 && value < 100 ? `${value >= 20 ? KOREAN_DIGITS[Math.floor(value / 10)] : ""}${value >= 10 ? "십" : ""}${KOREAN_DIGITS[value % 10]}` : String(value);
    case "upperRoman":
      return roman(value);
    case "lowerRoman":
      return roman(value).toLowerCase();
    case "upperLetter":
      return value >= 1 ? String.fromCharCode(64 + ((value - 1) % 26) + 1) : String(value);
    case "lowerLetter":
      return value >= 1 ? String.fromCharCode(96 + ((value - 1) % 26) + 1) : String(value);
    case "decimalZero":
      return value < 10 ? `0${value}` : String(value);
    default:
      return String(value);
  }
}

function roman(value: number): string {
  if (value < 1 || value > 3999) return String(value);
  const numerals: Array<[number, string]> = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let rest = value;
  let text = "";
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      text += numeral;
      rest -= amount;
    }
  }
  return text;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
