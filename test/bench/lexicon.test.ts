/**
 * The learned lexicon's build steps (bench/build-lexicon.ts): the gettext `.mo` reader on catalogues written here
 * in both byte orders, the cleaning of UI strings, and the alignment and pivoting on a tiny corpus.
 */
import { describe, expect, it } from "vitest";
import { align, cleanMessage, isKoreanTerm, pivot, unitsOf } from "../../bench/lexicon/align.ts";
import { MoFormatError, readMo } from "../../bench/lexicon/mo.ts";

/** A .mo catalogue as msgfmt lays it out: header, originals table, translations table, then the strings. */
function writeMo(entries: ReadonlyArray<[string, string]>, little: boolean): Uint8Array {
  const encoder = new TextEncoder();
  const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const originals = sorted.map(([id]) => encoder.encode(id));
  const translations = sorted.map(([, str]) => encoder.encode(str));
  const n = sorted.length;
  const tables = 28;
  let offset = tables + n * 16;
  const size = offset + [...originals, ...translations].reduce((sum, bytes) => sum + bytes.length + 1, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  const word = (at: number, value: number) => view.setUint32(at, value, little);
  word(0, 0x950412de);
  word(4, 0);
  word(8, n);
  word(12, tables);
  word(16, tables + n * 8);
  word(20, 0);
  word(24, 0);
  const place = (table: number, list: Uint8Array[]) =>
    list.forEach((string, i) => {
      word(table + i * 8, string.length);
      word(table + i * 8 + 4, offset);
      bytes.set(string, offset);
      offset += string.length + 1;
    });
  place(tables, originals);
  place(tables + n * 8, translations);
  return bytes;
}

describe("the .mo reader", () => {
  const entries: Array<[string, string]> = [
    ["", "Content-Type: text/plain; charset=UTF-8\n"],
    ["Password", "암호"],
    ["FLD_DATE_STD\x04Date", "날짜"],
    ["%d file\0%d files", "파일 %d개"],
  ];

  for (const little of [true, false]) {
    it(`reads messages, contexts and plurals from a ${little ? "little" : "big"}-endian catalogue, without the header`, () => {
      const messages = readMo(writeMo(entries, little));
      expect(messages).toEqual([
        { context: null, id: "%d file", plural: "%d files", translations: ["파일 %d개"] },
        { context: "FLD_DATE_STD", id: "Date", plural: null, translations: ["날짜"] },
        { context: null, id: "Password", plural: null, translations: ["암호"] },
      ]);
    });
  }

  it("rejects what is not a catalogue, and a table that runs past the end", () => {
    expect(() => readMo(new Uint8Array(40), "zeros.mo")).toThrow(MoFormatError);
    expect(() => readMo(new Uint8Array(3))).toThrow(/too short/);
    const cut = writeMo(entries, true).subarray(0, 60);
    expect(() => readMo(cut, "cut.mo")).toThrow(/past the end/);
  });
});

describe("cleaning UI strings", () => {
  it("strips accelerators, markup, entities and placeholders", () => {
    expect(cleanMessage("_Save As…")).toBe("Save As…");
    expect(cleanMessage("다른 이름으로 저장(_A)…")).toBe("다른 이름으로 저장 …");
    expect(cleanMessage("~Open &Recent")).toBe("Open Recent");
    expect(cleanMessage("<b>Bold</b> &amp; more")).toBe("Bold more");
    expect(cleanMessage("%s: cannot remove %1$d of %PRODUCTNAME files in {0} $(ARG1) %2")).toBe(": cannot remove of files in");
  });

  it("keeps Korean terms of two syllables or more that are not a sentence's predicate", () => {
    expect(["암호", "글꼴", "파티션"].every(isKoreanTerm)).toBe(true);
    expect(["수", "한", "만듭니다", "저장하세요"].some(isKoreanTerm)).toBe(false);
  });
});

describe("alignment and pivoting", () => {
  const messages: Array<[string, string]> = [
    ["Password", "암호"],
    ["New Password", "새 암호"],
    ["Change Password", "암호 변경"],
    ["Password:", "비밀번호:"],
    ["Enter the password", "비밀번호를 입력하세요"],
    ["Forgot password", "비밀번호 분실"],
    ["New Folder", "새 폴더"],
    ["Folder", "폴더"],
    ["Open Folder", "폴더 열기"],
    ["New", "새"],
    ["Change", "변경"],
    ["Change Folder", "폴더 변경"],
    ["Open", "열기"],
    ["Open File", "파일 열기"],
    ["File", "파일"],
    ["a very long label of more than four words", "네 낱말 넘는 긴 이름표 하나"],
  ];

  it("turns short pairs into units: English content words, Korean words without their particles", () => {
    const pairs = unitsOf(messages);
    expect(pairs).toContainEqual({ english: ["password"], korean: ["비밀번호"] }); // 비밀번호를, "the" dropped
    expect(pairs.some((pair) => pair.english.includes("long"))).toBe(false); // more than four words a side
  });

  it("links each English word to its translation, not to the words beside it", () => {
    const translations = align(unitsOf(messages), 2);
    const of = (english: string) => translations.filter((t) => t.english === english).map((t) => t.korean).sort();
    expect(of("password")).toEqual(["비밀번호", "암호"]);
    expect(of("folder")).toEqual(["폴더"]);
    expect(of("open")).toEqual(["열기"]);
    const password = translations.find((t) => t.english === "password" && t.korean === "암호")!;
    expect(password.links).toBe(3);
    expect(password.weight).toBeCloseTo((2 * 3) / (6 + 3), 10);
  });

  it("pivots through English to Korean paraphrases, each pair once", () => {
    const paraphrases = pivot(align(unitsOf(messages), 2), 0.1);
    expect(paraphrases.map(({ a, b, pivots }) => [a, b, pivots])).toEqual([["비밀번호", "암호", ["password"]]]);
    expect(paraphrases[0]!.weight).toBeCloseTo(0.5, 10); // p(암호|비밀번호) = 1 · 3/6, p(비밀번호|암호) = 1 · 3/6
  });
});
