import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadKorquad } from "../../bench/lib/korquad.ts";
import { queryTerms, tokenize, wordsOf } from "../../src/retrieve/tokenize.ts";
import * as reference from "./reference/tokenize-regex.ts";

function expectSame(texts: readonly string[]): void {
  let compared = 0;
  for (const text of texts) {
    // One assertion per text would make thousands; compare first, and show the first text that differs.
    const same =
      JSON.stringify(tokenize(text)) === JSON.stringify(reference.tokenize(text)) &&
      JSON.stringify(queryTerms(text)) === JSON.stringify(reference.queryTerms(text)) &&
      JSON.stringify(wordsOf(text)) === JSON.stringify(reference.wordsOf(text));
    if (!same) {
      expect({ text, terms: tokenize(text), words: wordsOf(text), query: queryTerms(text) }).toEqual({
        text,
        terms: reference.tokenize(text),
        words: reference.wordsOf(text),
        query: reference.queryTerms(text),
      });
    }
    compared++;
  }
  expect(compared).toBe(texts.length);
}

/** A seeded generator (mulberry32), so a failure names a string that can be found again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the scanning tokenizer gives the regex tokenizer's terms", () => {
  it("on every KorQuAD paragraph and question, and the repository's example and fixture texts", () => {
    const korquad = loadKorquad();
    const root = path.resolve(import.meta.dirname, "../..");
    const files = [
      ...readdirSync(path.join(root, "examples/docs")).map((name) => path.join(root, "examples/docs", name)),
      path.join(root, "test/fixtures/docs/handbook-ko-en.html"),
      path.join(root, "src/retrieve/synonyms.txt"),
      path.join(root, "README.md"),
      path.join(root, "BENCHMARKS.md"),
    ];
    const texts = [
      ...korquad.documents.map((document) => `${document.title}\n\n${document.body}`),
      ...korquad.questions.map((question) => question.question),
      ...files.map((file) => readFileSync(file, "utf8")),
    ];
    expect(texts.length).toBeGreaterThan(1000);
    expectSame(texts);
  });

  it("on hand-made edge cases: separators, numbers before Hangul, marks, full-width forms, astral and lone surrogates", () => {
    expectSame([
      "", " ", "...", "don't", "it’s", "3.14와 1,000", "1,000.5원", "a.b.c", "a..b", "a.", ".a", "a'", "'a", "a,,b",
      "1950년", "1950 년", "5G망", "G20", "AI반도체", "ＡＩ　２０２４", "①②", "㈜한국", "ㄱㄴㄷ", "ㅏ", "한\u302e글",
      "e\u0301cole", "cafe\u0301s", "\u0301start", "x\u0301\u0302y", "𝐀𝐁𝐂", "𝟏𝟐𝟑년", "😀한국😀", "a\ud800b", "\udc00가",
      "가\ud83d", "Ǆemal", "İstanbul", "ß", "ﬁnd", "Ⅻ세기", "٣٤٥", "१२३", "中文字", "漢字한자", "3'4", "a’b’c",
      "제6조 2항", "제 6 조 2 항", "2 만 5 천원", "1  조", "Section 4.2(b)", "v1.2.3-beta", "email@example.com", "100%", "½", "x²", "5㎏", "㎞", "\u00a0a\u2003b",
    ]);
  });

  it("on 3,000 random strings over letters, digits, Hangul, marks, separators, astral characters and surrogates", () => {
    const alphabet = [
      ..."abcXYZ0129 .,'’-_/()\n\t",
      ..."가나다한글정책은을이에서하였다년월일",
      "\u0301", "\u0308", "\u302e", "\u3131", "\u1100", "\u1161", "\u11a8", "\uff21", "\uff11", "\u2460", "\u00b2",
      "\u0663", "\u0967", "\u4e2d", "\u00df", "\u0130", "\ufb01", "\ud835\udc00", "\ud835\udfcf", "\ud83d\ude00", "\ud800", "\udc00",
    ];
    const next = random(12);
    const texts = Array.from({ length: 3000 }, () => {
      const length = Math.floor(next() * 24);
      let text = "";
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      return text;
    });
    expectSame(texts);
  });
});
