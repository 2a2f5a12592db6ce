import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  REAL_DOCUMENTS,
  SPLITS,
  documentPages,
  formatOf,
  loadRealQuestions,
  missKind,
  pagePlace,
  parseSplits,
  pickerFigures,
  targetOf,
  validateRealQuestions,
} from "../../bench/lib/real-docs.ts";
import type { QaItem } from "../../src/retrieve/eval.ts";
import { passage } from "../answer/passages.ts";

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
    for (const split of SPLITS) {
      const documents = REAL_DOCUMENTS.filter((document) => document.split === split);
      expect(new Set(documents.map((document) => document.language))).toEqual(new Set(["ko", "en"]));
      const names = new Set(documents.map((document) => document.name));
      const asked = questions.filter((item) => item.split === split).map((item) => targetOf(item).name);
      expect(asked.every((name) => names.has(name))).toBe(true);
    }
  });

  it("keeps a fresh split of 36+ questions, at least half Korean, over documents no other split uses", async () => {
    const fresh = (await loadRealQuestions()).filter((item) => item.split === "fresh");
    expect(fresh.length).toBeGreaterThanOrEqual(36);
    expect(fresh.filter((item) => /[가-힣]/u.test(item.question)).length * 2).toBeGreaterThanOrEqual(fresh.length);
    const freshDocuments = new Set(REAL_DOCUMENTS.filter((document) => document.split === "fresh").map((document) => document.pkg));
    const otherDocuments = new Set(REAL_DOCUMENTS.filter((document) => document.split !== "fresh").map((document) => document.pkg));
    expect([...freshDocuments].filter((pkg) => otherDocuments.has(pkg))).toEqual([]);
  });

  it("keeps a fresh9 split of 48+ questions, half Korean, 5+ Korean on English documents, over files no other split uses, in packages outside the lexicon's, in formats the other splits lack", async () => {
    const fresh9 = (await loadRealQuestions()).filter((item) => item.split === "fresh9");
    expect(fresh9.length).toBeGreaterThanOrEqual(48);
    expect(fresh9.filter((item) => /[가-힣]/u.test(item.question)).length * 2).toBeGreaterThanOrEqual(fresh9.length);
    const documents = REAL_DOCUMENTS.filter((document) => document.split === "fresh9");
    const others = REAL_DOCUMENTS.filter((document) => document.split !== "fresh9");
    expect(documents.length).toBeGreaterThanOrEqual(6);
    const english = new Set(documents.filter((document) => document.language === "en").map((document) => document.name));
    const crossLanguage = fresh9.filter((item) => /[가-힣]/u.test(item.question) && english.has(targetOf(item).name));
    expect(crossLanguage.length).toBeGreaterThanOrEqual(5);
    expect(documents.filter((document) => others.some((other) => other.pkg === document.pkg && other.file === document.file))).toEqual([]);
    // The lexicon's packages (its header lists the .deb files it was learned from) and the LibreOffice/GIMP help are
    // excluded; texlive-lang-korean is the one package shared with other splits, for manuals they do not use.
    const header = (await readFile(new URL("../../src/retrieve/lexicon.txt", import.meta.url), "utf8")).split("\n").filter((line) => line.startsWith("#"));
    const lexiconPackages = new Set(header.flatMap((line) => /^#\s+([a-z0-9.+-]+)_\S+\.deb$/u.exec(line)?.[1] ?? []));
    expect(lexiconPackages.size).toBeGreaterThan(10);
    const reused = documents.filter((document) => lexiconPackages.has(document.pkg) || /^(libreoffice|gimp-help)/u.test(document.pkg));
    expect(reused).toEqual([]);
    const otherFormats = new Set(others.map((document) => formatOf(document.name)));
    const newFormats = new Set(documents.map((document) => formatOf(document.name)).filter((format) => !otherFormats.has(format)));
    expect([...newFormats].sort()).toEqual(["Markdown", "plain text"]);
  });

  it("finds every key phrase on the page (or in the document) its question names", async () => {
    expect(await validateRealQuestions(await loadRealQuestions())).toEqual([]);
  });

  it("parses each document once per process: every check after the first reads the same pages", async () => {
    const document = REAL_DOCUMENTS[0]!;
    const first = documentPages(document);
    expect(documentPages({ ...document })).toBe(first);
    const { pages, text } = await first;
    expect(text.length).toBeGreaterThan(0);
    expect(Object.isFrozen(await first)).toBe(true);
    if (pages !== null) expect(() => pages.push("more")).toThrow();
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

  it("checks fresh questions the same way: a missing page, a phrase from another page or document, a split that is not the document's", async () => {
    const problems = await validateRealQuestions([
      { question: "q1", relevant: ["gnuplot.pdf#400"], granularity: "page", answer: "sampling is set to 100 points", split: "fresh" },
      { question: "q2", relevant: ["gnuplot.pdf#157"], granularity: "page", answer: "sampling is set to 100 points", split: "fresh" },
      { question: "q3", relevant: ["gimp-concepts-undo.ko.html"], granularity: "document", answer: "Shift+B", split: "fresh" },
      { question: "q4", relevant: ["gimp-tool-bucket-fill.ko.html"], granularity: "document", answer: "Shift+B", split: "tune" },
    ]);
    expect(problems).toEqual([
      'question 1 ("q1"): gnuplot.pdf has 311 pages, not 400',
      'question 2 ("q2"): key phrase "sampling is set to 100 points" is not in gnuplot.pdf page 157',
      'question 3 ("q3"): key phrase "Shift+B" is not in gimp-concepts-undo.ko.html',
      'question 4 ("q4"): split "tune" but gimp-tool-bucket-fill.ko.html is in "fresh"',
    ]);
  });

  it("checks fresh9 questions on page-less Markdown and text documents: a phrase from another document, a page named, a split that is not the document's", async () => {
    const problems = await validateRealQuestions([
      { question: "q1", relevant: ["screen-faq.txt"], granularity: "document", answer: "startup_message off", split: "fresh9" },
      { question: "q2", relevant: ["sudo-troubleshooting.md"], granularity: "document", answer: "startup_message off", split: "fresh9" },
      { question: "q3", relevant: ["hunspell-ko-readme.md#1"], granularity: "page", answer: "ko.aff", split: "fresh9" },
      { question: "q4", relevant: ["nabi-readme.txt"], granularity: "document", answer: "XMODIFIERS", split: "fresh" },
      { question: "q5", relevant: ["kotex-doc.pdf#99"], granularity: "page", answer: "케이오텍", split: "fresh9" },
    ]);
    expect(problems).toEqual([
      'question 2 ("q2"): key phrase "startup_message off" is not in sudo-troubleshooting.md',
      'question 3 ("q3"): hunspell-ko-readme.md has no pages, name the document alone',
      'question 4 ("q4"): split "fresh" but nabi-readme.txt is in "fresh9"',
      'question 5 ("q5"): kotex-doc.pdf has 18 pages, not 99',
    ]);
  });

  it("reads a bench's --splits: every split when absent, the named ones in set order, an unknown name refused", () => {
    expect(parseSplits(undefined)).toEqual(["tune", "heldout", "fresh", "fresh9"]);
    expect(parseSplits("fresh,tune")).toEqual(["tune", "fresh"]);
    expect(parseSplits("fresh9,tune")).toEqual(["tune", "fresh9"]);
    expect(() => parseSplits("tune,test")).toThrow(/--splits takes/);
    expect(() => parseSplits("")).toThrow(/--splits takes/);
  });

  it("places the wanted page first, among the passages (a later hit or a neighbour) or outside them", () => {
    const item: QaItem = { question: "q", relevant: ["manual.pdf#7"], granularity: "page", answer: "x", split: "tune" };
    const on = (page: number, n: number) => passage(n, "text", { source: `/docs/manual.pdf`, page, pageStart: page, pageEnd: page });
    expect(pagePlace(item, [on(7, 1), on(3, 2)])).toBe("first");
    expect(pagePlace(item, [on(3, 1), on(7, 2)])).toBe("among");
    const neighbour = { ...on(6, 1), neighbours: { before: null, after: { chunkId: "n", text: "t", pageStart: 7, pageEnd: 7, pageSpans: [], clausePath: null, charStart: 0, charEnd: 1 } } };
    expect(pagePlace(item, [on(3, 2), neighbour])).toBe("among");
    expect(pagePlace(item, [on(3, 1), on(8, 2)])).toBe("outside");
    expect(pagePlace({ ...item, relevant: ["other.pdf#7"] }, [on(7, 1)])).toBe("outside");
    expect(
      pickerFigures([
        { place: "first", contains: true },
        { place: "first", contains: false },
        { place: "among", contains: true },
        { place: "outside", contains: false },
      ]),
    ).toBe("first 1/2; among 1/1");
  });

  it("sorts a miss with the page in hand by what the key phrase's sentence is", () => {
    const kind = (question: string, phrase: string, text: string, refused = false) =>
      missKind(question, phrase, [passage(1, text)], refused);
    const text =
      "Gutenprint prints on many printers.\nTo see the ink levels, run:\nescputil -i\n-s Display printer status\n" +
      "Any remaining cartridge is shown.\nThe printer driver reads the levels of ink.";
    expect(kind("How do I see ink levels?", "escputil -i", text)).toBe("line after a lead-in");
    expect(kind("How do I see the status?", "Display printer status", text)).toBe("list item, table row or code line");
    expect(kind("How much toner is left?", "remaining cartridge", text)).toBe("sentence shares no question word");
    expect(kind("Which tool reads the ink levels of my printer on Linux?", "driver reads", text)).toBe(
      "sentence holding half the question words or more scored below another",
    );
    expect(kind("Which tool reads the ink levels of my Epson printer on Linux quickly?", "many printers", text)).toBe(
      "sentence holding under half the question words scored below another",
    );
    expect(kind("q", "not in these passages", text)).toBe("key phrase in another chunk");
    expect(kind("q", "printer status any remaining", text)).toBe("key phrase across sentences");
    expect(kind("q", "many printers", text, true)).toBe("refused");
  });
});
