/**
 * The gate's bound with the loanwords the reader could still translate (JIKJI_CROSS_LANGUAGE_LOANWORD_BOUND, off;
 * rankaudit19). The loanword reader (withLoanwords: 컨퍼런스 → conferences) runs only once the bound lets the English leg
 * run, and the bound counted only the rendering's translated words, so a question whose deciding word is an untranslated
 * loanword never reached the English page ("컨퍼런스나 강의 듣는 교육비는 1년에 얼마까지 나와요?": bound 0.089 < Korean 0.151).
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { englishBound, englishRendering, loanwordBound, weighQuestion } from "../../src/retrieve/crosslang.ts";
import { createSynonyms } from "../../src/retrieve/synonyms.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";

const LIST = createSynonyms([["교육비", "training", "education"]]);

describe("the loanword bound", () => {
  const question = "컨퍼런스 교육비는 얼마예요?";
  const rendering = englishRendering(question, [LIST])!;
  const weighed = weighQuestion(queryTerms(question), new Map(), 10);
  const held = new Map(rendering.terms.map((term) => [term, 1]));

  it("counts the untranslated long Hangul word the reader could read back, beside the translated ones", () => {
    const bound = englishBound(weighed, rendering, held);
    expect(bound).toBeGreaterThan(0);
    const loanwords = loanwordBound(weighed, rendering, question);
    expect(loanwords).toBeGreaterThan(0);
    // 컨퍼런스's terms: every term the bound leaves out that is neither translated nor grammar-only.
    const conference = queryTerms("컨퍼런스").filter((term) => weighed.weights.has(term));
    const share = conference.reduce((sum, term) => sum + weighed.weights.get(term)!, 0) / weighed.total;
    expect(loanwords).toBeCloseTo(share, 10);
  });

  it("counts nothing for a translated word or a short one", () => {
    const short = "호텔 교육비는 얼마예요?";
    expect(loanwordBound(weighQuestion(queryTerms(short), new Map(), 10), englishRendering(short, [LIST])!, short)).toBe(0);
    const translated = "교육비는 얼마예요?";
    expect(loanwordBound(weighQuestion(queryTerms(translated), new Map(), 10), englishRendering(translated, [LIST])!, translated)).toBe(0);
  });

  it("is off by default and names a bad value", () => {
    const base = { JIKJI_DATA_DIR: "/tmp/jikji-loanword-bound-config" };
    expect(loadConfig(base).crossLanguage.loanwordBound).toBe(false);
    expect(loadConfig({ ...base, JIKJI_CROSS_LANGUAGE_LOANWORD_BOUND: "true" }).crossLanguage.loanwordBound).toBe(true);
    expect(() => loadConfig({ ...base, JIKJI_CROSS_LANGUAGE_LOANWORD_BOUND: "yes" })).toThrow(/JIKJI_CROSS_LANGUAGE_LOANWORD_BOUND/u);
  });
});
