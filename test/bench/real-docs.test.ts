import { describe, expect, it } from "vitest";
import { REAL_DOCUMENTS, loadRealQuestions, targetOf, validateRealQuestions } from "../../bench/lib/real-docs.ts";

/**
 * The development set other work is measured with: if a question's page or key phrase drifts from the Debian
 * documents (or a parser change stops extracting it), the figures in BENCHMARKS.md stop meaning anything.
 */
describe("real-document development set", () => {
  it("keeps its shape: 80+ questions, half Korean, split by document with both languages on each side", async () => {
    const questions = await loadRealQuestions();
    expect(questions.length).toBeGreaterThanOrEqual(80);
    const korean = questions.filter((item) => /[가-힣]/u.test(item.question));
    expect(korean.length * 2).toBeGreaterThanOrEqual(questions.length);
    expect(REAL_DOCUMENTS.length).toBeGreaterThanOrEqual(8);
    for (const split of ["tune", "heldout"]) {
      const documents = REAL_DOCUMENTS.filter((document) => document.split === split);
      expect(new Set(documents.map((document) => document.language))).toEqual(new Set(["ko", "en"]));
      const names = new Set(documents.map((document) => document.name));
      const asked = questions.filter((item) => item.split === split).map((item) => targetOf(item).name);
      expect(asked.every((name) => names.has(name))).toBe(true);
    }
  });

  it("finds every key phrase on the page (or in the document) its question names", async () => {
    expect(await validateRealQuestions(await loadRealQuestions())).toEqual([]);
  });

  it("reports a phrase that is not on the named page, a page out of range and a wrong split", async () => {
    const problems = await validateRealQuestions([
      { question: "q1", relevant: ["bzip2-manual.pdf#7"], granularity: "page", answer: "900,000 bytes (the default)", split: "tune" },
      { question: "q2", relevant: ["bzip2-manual.pdf#80"], granularity: "page", answer: "bzip2", split: "heldout" },
    ]);
    expect(problems).toEqual([
      'question 1 ("q1"): key phrase "900,000 bytes (the default)" is not in bzip2-manual.pdf page 7',
      'question 2 ("q2"): split "heldout" but bzip2-manual.pdf is in "tune"',
      'question 2 ("q2"): bzip2-manual.pdf has 38 pages, not 80',
    ]);
  });
});
