/**
 * Compliance bench: the corpus of test/fixtures/compliance (two versions of each regulation, HWPX/DOCX/PDF) is
 * ingested into a history-keeping collection, then every question in bench/lib/compliance-questions.ts is asked.
 *
 *   npx node bench/compliance.ts [--json] [--env NAME=VALUE]...   (configuration the ingest and answers run with)
 *
 * Reports, per split (tune / test) and overall:
 * - clause top-1: the first search hit is the expected clause of the expected document (answerable questions);
 * - strict verified: strict answers (extractive, no model) whose every sentence is a quote found at its offsets
 *   in the stored text of the version it cites;
 * - refusal: unanswerable questions answered "not in the documents";
 * - as-of: as-of questions answered, every quote from the version in force that day, with the expected words.
 * Quality figures only (no timings), so no bench lock is needed.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createAnswering } from "../src/answer/wire.ts";
import { isNotFoundAnswer } from "../src/answer/language.ts";
import { normaliseText } from "../src/compliance/normalise.ts";
import { documentText } from "../src/compliance/span.ts";
import { loadConfig } from "../src/config.ts";
import { envArguments } from "./lib/cli.ts";
import { ingestFile } from "../src/ingest/ingest.ts";
import { openJikji } from "../src/runtime.ts";
import { REGULATIONS, buildFile } from "../test/fixtures/compliance/corpus.ts";
import { QUESTIONS, splitOf, type ComplianceQuestion } from "./lib/compliance-questions.ts";

const COLLECTION = "규정";

interface Outcome {
  question: ComplianceQuestion;
  split: "tune" | "test";
  top1: boolean | null;
  answered: boolean;
  verified: boolean | null;
  containsExpected: boolean | null;
  rightVersion: boolean | null;
  top: string;
  answer: string;
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-bench-compliance-"));
  const config = loadConfig({ JIKJI_OCR: "off", ...envArguments() }, { dataDir: root });
  const jikji = await openJikji(config, { scanIndex: false });
  try {
    const collectionId = await jikji.store.ensureCollection(COLLECTION);
    await jikji.store.updateCollectionSettings(collectionId, { keepHistory: true });
    for (const regulation of REGULATIONS) {
      for (const version of regulation.versions) {
        const bytes = await buildFile(regulation.format, regulation.title, version.paragraphs);
        await ingestFile(jikji, { collectionId, collection: COLLECTION, source: regulation.source, bytes, accessGroups: [] });
      }
    }
    const { ask } = createAnswering({ config, search: jikji.search, store: jikji.store });
    const texts = new Map<string, string>();
    const storedText = async (documentId: string, version: number): Promise<string> => {
      const key = `${documentId}@${version}`;
      if (!texts.has(key)) texts.set(key, documentText(await jikji.store.chunksOfDocument(documentId, version)));
      return texts.get(key)!;
    };

    const outcomes: Outcome[] = [];
    for (const [index, question] of QUESTIONS.entries()) {
      const filter = { collection: COLLECTION, ...(question.asOf ? { asOf: question.asOf } : {}) };
      const search = await jikji.search({ query: question.q, k: 5, filter });
      const first = search.hits[0];
      const top1 = question.type === "none" ? null : first?.source === question.source && first?.clausePath === question.clause;
      const result = await ask.ask({ question: question.q, filter, strict: true });
      const answered = !isNotFoundAnswer(result.answer);
      let verified: boolean | null = null;
      let rightVersion: boolean | null = null;
      if (answered) {
        const quotes = result.quotes ?? [];
        const sentences = result.answer.split(/\s*\[\d+\]\s*/u).filter((sentence) => sentence.trim() !== "");
        verified = quotes.length > 0 && quotes.length === sentences.length;
        for (const [i, quote] of quotes.entries()) {
          const stored = await storedText(quote.documentId, quote.version);
          const atOffsets = normaliseText(stored.slice(quote.start, quote.end));
          verified &&= atOffsets === normaliseText(quote.quote) && normaliseText(sentences[i] ?? "") === atOffsets;
        }
        if (question.type === "asof") {
          const documents = await jikji.store.findDocumentsBySource(question.source!);
          rightVersion = quotes.every((quote) => documents.some((document) => document.id === quote.documentId) && quote.version === question.version);
        }
      }
      outcomes.push({
        question,
        split: splitOf(index),
        top1,
        answered,
        verified,
        containsExpected: question.expect === undefined ? null : answered && result.answer.includes(question.expect),
        rightVersion: question.type === "asof" ? answered && rightVersion === true && result.answer.includes(question.expect!) : null,
        top: first ? `${first.source} ${first.clausePath ?? "-"}` : "(none)",
        answer: result.answer,
      });
    }

    const rate = (values: Array<boolean | null>): { n: number; rate: number } => {
      const known = values.filter((value): value is boolean => value !== null);
      return { n: known.length, rate: known.length === 0 ? 0 : known.filter(Boolean).length / known.length };
    };
    const summarise = (subset: Outcome[]) => ({
      questions: subset.length,
      clauseTop1: rate(subset.map((outcome) => outcome.top1)),
      strictVerified: rate(subset.filter((outcome) => outcome.answered).map((outcome) => outcome.verified)),
      strictAnswerCorrect: rate(subset.filter((outcome) => outcome.question.type !== "none").map((outcome) => outcome.containsExpected)),
      refusal: rate(subset.filter((outcome) => outcome.question.type === "none").map((outcome) => !outcome.answered)),
      asOfRightVersion: rate(subset.map((outcome) => outcome.rightVersion)),
    });
    const report = {
      tune: summarise(outcomes.filter((outcome) => outcome.split === "tune")),
      test: summarise(outcomes.filter((outcome) => outcome.split === "test")),
      all: summarise(outcomes),
      failures: outcomes
        .filter(
          (outcome) =>
            outcome.top1 === false ||
            outcome.verified === false ||
            outcome.containsExpected === false ||
            outcome.rightVersion === false ||
            (outcome.question.type === "none" && outcome.answered),
        )
        .map((outcome) => ({ q: outcome.question.q, asOf: outcome.question.asOf, type: outcome.question.type, top: outcome.top, answer: outcome.answer.slice(0, 160) })),
    };
    if (json) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    const pct = (value: { n: number; rate: number }) => `${(value.rate * 100).toFixed(1)} % (n=${value.n})`;
    for (const split of ["tune", "test", "all"] as const) {
      const s = report[split];
      console.log(
        `${split.padEnd(4)} questions ${s.questions}: clause top-1 ${pct(s.clauseTop1)}, strict verified ${pct(s.strictVerified)}, ` +
          `strict answer has expected words ${pct(s.strictAnswerCorrect)}, refusal ${pct(s.refusal)}, as-of right version ${pct(s.asOfRightVersion)}`,
      );
    }
    for (const failure of report.failures) console.log(`  ✗ [${failure.type}${failure.asOf ? ` ${failure.asOf}` : ""}] ${failure.q} → ${failure.top} | ${failure.answer}`);
  } finally {
    await jikji.close();
    await fs.rm(root, { recursive: true, force: true });
  }
}

await main();
