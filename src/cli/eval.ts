import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { ConfigError, JikjiError, errorMessage } from "../errors.ts";
import type { Ask } from "../answer/ask.ts";
import { createAnswering } from "../answer/wire.ts";
import {
  containsPhrase,
  granularityOf,
  parseQaJsonl,
  rankDocuments,
  rankPages,
  summarise,
  QaParseError,
  tallyQuotes,
  type AnswerContainsReport,
  type AnswerQuotesReport,
  type QaItem,
  type EvalReport,
  type QuestionOutcome,
} from "../retrieve/eval.ts";
import { openJikji } from "../runtime.ts";
import type { CliIo } from "./run.ts";

/** Chunks asked for per wanted document: several chunks of one document collapse into one rank. */
const CHUNKS_PER_DOCUMENT = 3;
const MAX_K = 100;

function fail(io: CliIo, message: string): number {
  io.stderr.write(`jikji eval: ${message}\nRun "jikji --help" for usage.\n`);
  return 2;
}

/**
 * Asks every question with a key phrase through `ask`: the share of answers containing it, and where each answer's
 * quotes come from against the question's targets.
 */
async function answerOutcomes(
  ask: Ask,
  items: readonly QaItem[],
  filter: { collection?: string },
): Promise<{ share: number; quotes: AnswerQuotesReport }> {
  let contained = 0;
  const answers: Array<{ relevant: readonly string[]; cited: string[] }> = [];
  for (const item of items) {
    const result = await ask.ask({ question: item.question, filter });
    if (containsPhrase(result.answer, item.answer!)) contained += 1;
    answers.push({ relevant: item.relevant, cited: result.citations.map((citation) => citation.source) });
  }
  return { share: items.length === 0 ? 0 : Number((contained / items.length).toFixed(4)), quotes: tallyQuotes(answers) };
}

/**
 * `jikji eval --qa <file.jsonl> [--k 10] [--split NAME] [--answers] [--collection NAME] [--json] [--data-dir DIR]`:
 * runs every question through the same search the CLI and API use, and reports Recall@1/3/5/10, MRR@10 and
 * latency, by document or, for questions that name pages, by (document, page). With `--answers` it also asks
 * every question that has an `answer` key phrase, extractively and (when a model is configured) generatively,
 * and reports the share of answers containing the phrase.
 */
export async function evalCommand(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        qa: { type: "string" },
        k: { type: "string" },
        collection: { type: "string" },
        split: { type: "string" },
        answers: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        "data-dir": { type: "string" },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    return fail(io, errorMessage(error));
  }
  if (values.qa === undefined) return fail(io, "--qa <file.jsonl> is required");
  const k = values.k === undefined ? 10 : Number(values.k);
  if (!/^\d+$/.test(values.k ?? "10") || k < 1 || k > MAX_K) {
    return fail(io, `--k must be a whole number from 1 to ${MAX_K}, got "${values.k}"`);
  }

  let text: string;
  try {
    text = await fs.readFile(values.qa, "utf8");
  } catch (error) {
    return fail(io, `cannot read ${values.qa}: ${errorMessage(error)}`);
  }
  let items;
  try {
    items = parseQaJsonl(text);
  } catch (error) {
    if (error instanceof QaParseError) return fail(io, `${values.qa} ${error.message}`);
    throw error;
  }
  if (values.split !== undefined) {
    const split = values.split;
    const all = items;
    items = items.filter((item) => item.split === split);
    if (items.length === 0) {
      const known = [...new Set(all.map((item) => item.split).filter((name) => name !== undefined))];
      return fail(io, `${values.qa} has no questions with "split": "${split}" (splits: ${known.join(", ") || "none"})`);
    }
  }
  if (items.length === 0) return fail(io, `${values.qa} holds no questions`);
  const withAnswers = items.filter((item) => item.answer !== undefined);
  if (values.answers && withAnswers.length === 0) {
    return fail(io, `--answers needs questions with an "answer" key phrase; ${values.qa} has none`);
  }

  let config;
  try {
    config = loadConfig(io.env, values["data-dir"] === undefined ? {} : { dataDir: values["data-dir"] });
  } catch (error) {
    if (error instanceof ConfigError) return fail(io, error.message);
    throw error;
  }

  const filter = values.collection === undefined ? {} : { collection: values.collection };
  const chunks = Math.min(k * CHUNKS_PER_DOCUMENT, MAX_K);
  const outcomes: QuestionOutcome[] = [];
  let answerContains: AnswerContainsReport | undefined;
  let answerQuotes: EvalReport["answerQuotes"];
  try {
    const jikji = await openJikji(config, {
      scanIndex: false,
      observe: false,
      autoReindex: () => io.stderr.write("jikji eval: the search index is stale; rebuilding it first (JIKJI_AUTO_REINDEX=on)\n"),
    });
    // Figures measured on an index another analyzer built are not this jikji's: said before they are printed.
    const { message } = jikji.indexStatus();
    if (message !== null) io.stderr.write(`jikji eval: warning: ${message}\n`);
    try {
      for (const item of items) {
        const started = performance.now();
        const result = await jikji.search({ query: item.question, k: chunks, filter });
        const latencyMs = performance.now() - started;
        const ranked = item.granularity === "page" ? rankPages(result.hits) : rankDocuments(result.hits);
        outcomes.push({ ranked: ranked.slice(0, k), relevant: item.relevant, latencyMs });
      }
      if (values.answers) {
        // Wired as `jikji ask` is, so eval measures what users get; extractive is that wiring without the model.
        const extractive = createAnswering({
          config: { ...config, llm: null },
          search: jikji.search,
          synonyms: jikji.synonyms,
          lexicon: jikji.lexicon,
          pageChunks: jikji.store.chunksOnPages,
        }).ask;
        const plain = await answerOutcomes(extractive, withAnswers, filter);
        const generative = config.llm === null ? null : await answerOutcomes(createAnswering(jikji).ask, withAnswers, filter);
        answerContains = { questions: withAnswers.length, extractive: plain.share, generative: generative?.share ?? null };
        answerQuotes = { extractive: plain.quotes, generative: generative?.quotes ?? null };
      }
    } finally {
      await jikji.close();
    }
  } catch (error) {
    if (!(error instanceof JikjiError)) throw error;
    io.stderr.write(`jikji eval: ${error.message}\n`);
    return 1;
  }

  const report = {
    ...summarise(outcomes),
    granularity: granularityOf(items),
    ...(answerContains === undefined ? {} : { answerContains }),
    ...(answerQuotes === undefined ? {} : { answerQuotes }),
  };
  if (values.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
    io.stdout.write(
      `${report.questions} questions (${report.granularity} level)\n` +
        `Recall@1  ${pct(report["recall@1"])}\nRecall@3  ${pct(report["recall@3"])}\n` +
        `Recall@5  ${pct(report["recall@5"])}\nRecall@10 ${pct(report["recall@10"])}\n` +
        `MRR@10    ${report["mrr@10"].toFixed(4)}\n` +
        `Latency   p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms\n`,
    );
    if (answerContains !== undefined) {
      io.stdout.write(
        `Answers containing the key phrase (${answerContains.questions} questions): extractive ${pct(answerContains.extractive)}` +
          (answerContains.generative === null ? ", generative not run (no model configured)\n" : `, generative ${pct(answerContains.generative)}\n`),
      );
      const quoted = (mode: string, quotes: AnswerQuotesReport) =>
        `Quotes from a document the question does not name (${mode}): ${quotes.offDocument} of ${quotes.quotes} ` +
        `(${pct(quotes.offDocumentShare)}); answers with one: ${quotes.answersOffDocument} of ${quotes.answered}\n`;
      io.stdout.write(quoted("extractive", answerQuotes!.extractive));
      if (answerQuotes!.generative !== null) io.stdout.write(quoted("generative", answerQuotes!.generative));
    }
  }
  return 0;
}
