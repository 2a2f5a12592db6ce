import { formatNumber } from "./docx-numbering.ts";

/** One level of a Hancom numbering definition: its (1-based) start, number format and text ("^1.^2."). */
export interface NumberingLevel {
  start: number;
  /** OWPML's NumberType1 name (DIGIT, HANGUL_SYLLABLE, CIRCLED_DIGIT…). */
  format: string;
  text: string;
}

/** A paragraph shape that numbers its paragraphs: NUMBER (with a numbering's id) or OUTLINE (the section's). */
export interface NumberedShape {
  type: "NUMBER" | "OUTLINE";
  numbering: string;
  /** 1-based level. */
  level: number;
}

/** Where the numbers come from: numbered paragraph shapes and numbering definitions, both by id. */
export interface NumberingDefinitions {
  numberedShapes: Map<string, NumberedShape>;
  numberings: Map<string, Map<number, NumberingLevel>>;
}

/**
 * Hancom's automatic paragraph numbers (문단 번호, 개요 번호), counted as the editor counts them, for HWPX and HWP 5
 * alike: numbered paragraphs on one set of counters whatever numbering shape they use, outline paragraphs on another
 * with the section's outline numbering (HWPX hp:secPr outlineShapeIDRef, HWP the section definition's numbering id).
 * A paragraph at level n counts on at n and resets the levels below; a level above it that has not been counted yet
 * shows its start. The label is the level's text with each ^k written as level k's counter in level k's format
 * ("^1.^2." → "3.1.", "^2." in HANGUL_SYLLABLE → "가.").
 */
export class ParagraphNumbers {
  private counters = { NUMBER: [] as Array<number | undefined>, OUTLINE: [] as Array<number | undefined> };
  private readonly definitions: NumberingDefinitions;
  private outline = "";

  /**
   * The section's outline numbering. A section that takes another one starts its outline numbers again, as Hancom
   * shows them: a commentary whose every article is a section with its own numbering opens each at "I.".
   */
  get outlineNumbering(): string {
    return this.outline;
  }

  set outlineNumbering(id: string) {
    if (id !== this.outline) this.counters.OUTLINE = [];
    this.outline = id;
  }

  constructor(definitions: NumberingDefinitions) {
    this.definitions = definitions;
  }

  label(paraShape: string | undefined): string | null {
    const shape = this.definitions.numberedShapes.get(paraShape ?? "");
    if (shape === undefined) return null;
    const numbering = this.definitions.numberings.get(shape.type === "OUTLINE" ? this.outlineNumbering : shape.numbering);
    const head = numbering?.get(shape.level);
    if (numbering === undefined || head === undefined || head.text.trim() === "") return null;
    const counters = this.counters[shape.type];
    for (let level = 1; level < shape.level; level++) counters[level] ??= numbering.get(level)?.start ?? 1;
    const current = counters[shape.level];
    counters[shape.level] = current === undefined ? head.start : current + 1;
    counters.length = shape.level + 1;
    const label = head.text.replace(/\^(\d)/g, (_, digit: string) => {
      const level = Number(digit);
      return hancomNumber(counters[level] ?? numbering.get(level)?.start ?? 1, numbering.get(level)?.format ?? "DIGIT");
    });
    return label.trim() === "" ? null : label.trim();
  }
}

/**
 * HWP 5's number format codes (the 문단 머리 정보 property, bits 5–8, in the specification's order) by OWPML name.
 * 15 and 16 (갑을병, 甲乙丙) have no formatter and are written as digits.
 */
export const HWP_NUMBER_FORMATS: readonly string[] = [
  "DIGIT",
  "CIRCLED_DIGIT",
  "ROMAN_CAPITAL",
  "ROMAN_SMALL",
  "LATIN_CAPITAL",
  "LATIN_SMALL",
  "CIRCLED_LATIN_CAPITAL",
  "CIRCLED_LATIN_SMALL",
  "HANGUL_SYLLABLE",
  "CIRCLED_HANGUL_SYLLABLE",
  "HANGUL_JAMO",
  "CIRCLED_HANGUL_JAMO",
  "HANGUL_PHONETIC",
  "IDEOGRAPH",
  "CIRCLED_IDEOGRAPH",
  "DECAGON_CIRCLE",
  "DECAGON_CIRCLE_HANJA",
];

const CIRCLED_RANGES: Readonly<Record<string, { first: number; count: number }>> = {
  CIRCLED_HANGUL_SYLLABLE: { first: 0x326e, count: 14 },
  CIRCLED_HANGUL_JAMO: { first: 0x3260, count: 14 },
  CIRCLED_LATIN_CAPITAL: { first: 0x24b6, count: 26 },
  CIRCLED_LATIN_SMALL: { first: 0x24d0, count: 26 },
};
const IDEOGRAPHS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** OWPML's number formats (NumberType1) in the names docx-numbering's formatter knows. */
const WORD_FORMATS: Readonly<Record<string, string>> = {
  DIGIT: "decimal",
  CIRCLED_DIGIT: "decimalEnclosedCircle",
  ROMAN_CAPITAL: "upperRoman",
  ROMAN_SMALL: "lowerRoman",
  LATIN_CAPITAL: "upperLetter",
  LATIN_SMALL: "lowerLetter",
  HANGUL_SYLLABLE: "ganada",
  HANGUL_JAMO: "chosung",
  HANGUL_PHONETIC: "koreanCounting",
};

function hancomNumber(value: number, format: string): string {
  const circled = CIRCLED_RANGES[format];
  if (circled !== undefined) return value >= 1 ? String.fromCodePoint(circled.first + ((value - 1) % circled.count)) : String(value);
  if (format === "IDEOGRAPH" || format === "CIRCLED_IDEOGRAPH") return value >= 1 && value <= 10 ? IDEOGRAPHS[value]! : String(value);
  return formatNumber(value, WORD_FORMATS[format] ?? "decimal");
}
