/**
 * Page-level quality on the real-document set (bench/lib/real-docs.ts): manuals, FAQ chapters and help pages from
 * Debian packages and paraphrased questions about them, each split reported on its own (tune = where parameters may
 * be chosen, heldout = what BENCHMARKS.md reports, fresh = the split nobody has tuned on, reported and never chosen
 * with). jikji goes through its real pipeline (`jikji ingest` into a temporary data dir, then `jikji eval --answers`);
 * in the same run and on the same pages: a naive bigram BM25 per page and over jikji's own chunks, MiniSearch per
 * page, and LangChain.js (PDFLoader per page + BM25Retriever).
 * Documents without pages (the HTML FAQ chapters and help pages) are one unit for everyone. After the tables, per
 * split: where the extractive answers' quotes come from (`answerQuotes` of `jikji eval --answers`): quotes from a
 * document the question does not name, answers holding one, and answers by their number of citations; then the
 * picker's figure: answers holding the key phrase among the questions whose wanted page is the first passage's, and
 * among those whose page is in the passages but not first, with the misses among them by kind (bench/lib/real-docs.ts
 * missKind; counts only).
 *
 *   npx node bench/real-docs.ts [--no-peers] [--explain] [--splits tune,heldout,fresh,fresh9] [--env NAME=VALUE]...
 *
 * `--splits` measures only the splits named, over a collection of their documents alone (default: every split, one
 * collection): `--splits tune,heldout` gives the figures of the collection before the fresh split's documents joined.
 * `--explain` lists, for the tune split only, each question jikji misses with its ranking and extractive answer. For
 * the fresh split the run ends with its misses as counts only (where the wanted page ranked among the 30 candidates,
 * whether a missed answer had the page among its passages, and the Korean questions asked of English documents), so
 * that nobody reads its questions one by one and tunes on them; then, per other split, how often a fresh document's
 * page ranks above the wanted one (the bigger collection's distractors). The fresh9 split gets the same counts and
 * distractor lines, and its table adds rows by document format and by document (aggregates, never a question).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DEFAULT_ASK_K } from "../src/answer/ask.ts";
import { createAnswering } from "../src/answer/wire.ts";
import { loadConfig } from "../src/config.ts";
import { containsPhrase, summarise, rankPages, type EvalReport, type QaItem, type QuestionOutcome } from "../src/retrieve/eval.ts";
import { openJikji } from "../src/runtime.ts";
import { envArguments, jikji } from "./lib/cli.ts";
import { readChunks, type StoredChunk } from "./lib/chunks.ts";
import { NaiveBm25, bigramTerms } from "./lib/naive-bm25.ts";
import { importLangchain } from "./lib/peers.ts";
import {
  QUESTIONS_FILE,
  REAL_DOCUMENTS,
  parseSplits,
  documentPages,
  loadRealQuestions,
  missKind,
  pageAmongPassages,
  pagePlace,
  pickerFigures,
  quoteFigures,
  type PagePlace,
  targetOf,
  writeRealDocuments,
  type Split,
  UNSEEN_SPLITS,
  formatOf,
} from "./lib/real-docs.ts";
import MiniSearch from "minisearch";

const run = promisify(execFile);
const LANGCHAIN_PAGES = join(dirname(fileURLToPath(import.meta.url)), "lib/langchain-pdf-pages.ts");
const splitsAt = process.argv.indexOf("--splits");
const SPLITS: readonly Split[] = parseSplits(splitsAt < 0 ? undefined : (process.argv[splitsAt + 1] ?? ""));
/** The documents of the splits measured: the collection jikji and the peers search. */
const DOCUMENTS = REAL_DOCUMENTS.filter((document) => SPLITS.includes(document.split));
/** Pages the search's first 30 chunks fall on: the candidates a miss is placed against. */
const CANDIDATES = 30;
const DEPTH = 10;
/** Korean questions are the ones written in Hangul; the rest are English. */
const isKorean = (line: string) => /[가-힣]/u.test((JSON.parse(line) as QaItem).question);
/** A Korean question whose page is in an English document (issue 8's cross-language case). */
const isKoreanOnEnglish = (line: string) =>
  isKorean(line) && REAL_DOCUMENTS.some((document) => document.language === "en" && document.name === targetOf(JSON.parse(line) as QaItem).name);
/** Subsets each split is also reported on: by language, and the Korean questions on English documents apart from the rest. */
const LANGUAGES: ReadonlyArray<[string, (line: string) => boolean]> = [
  ["Korean", isKorean],
  ["English", (line) => !isKorean(line)],
  ["Korean-on-English-document", isKoreanOnEnglish],
  ["other (all but Korean on English documents)", (line) => !isKoreanOnEnglish(line)],
];

/** Splits whose table also has rows by document format and by document: the kinds of documents jikji handles badly. */
const BY_KIND_SPLITS: readonly Split[] = ["fresh9"];
/** The subsets a by-kind split is reported on: each format its documents have, then each document. */
function kindSubsets(split: Split): Array<[string, (item: QaItem) => boolean]> {
  const documents = REAL_DOCUMENTS.filter((document) => document.split === split);
  const formats = [...new Set(documents.map((document) => formatOf(document.name)))];
  return [
    ...formats.map((format): [string, (item: QaItem) => boolean] => [`${format} documents`, (item) => formatOf(targetOf(item).name) === format]),
    ...documents.map((document): [string, (item: QaItem) => boolean] => [`on ${document.name}`, (item) => targetOf(item).name === document.name]),
  ];
}

/** A retrieval unit for page-level peers: one PDF page ("manual.pdf#8") or one page-less document. */
interface Unit {
  key: string;
  text: string;
}

type Ranker = (query: string) => Promise<string[]>;

async function jikjiUnits(): Promise<Unit[]> {
  const units: Unit[] = [];
  for (const document of DOCUMENTS) {
    const { pages, text } = await documentPages(document);
    if (pages === null) units.push({ key: document.name, text });
    else pages.forEach((page, i) => units.push({ key: `${document.name}#${i + 1}`, text: page }));
  }
  return units;
}

function naivePerPage(units: readonly Unit[]): Ranker {
  const index = new NaiveBm25(units.map((unit) => ({ id: unit.key, text: unit.text })));
  return async (query) => index.search(query, DEPTH).map((hit) => hit.id);
}

/** Naive BM25 over jikji's chunks; a hit counts for the page of the chunk holding most of the query's bigrams. */
function naiveOverChunks(chunks: readonly StoredChunk[]): Ranker {
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const index = new NaiveBm25(chunks.map((chunk) => ({ id: chunk.id, text: chunk.text })));
  return async (query) => {
    const wanted = new Set(bigramTerms(query));
    const hits = index.search(query, DEPTH * 3).map(({ id }) => {
      const chunk = byId.get(id)!;
      let page = chunk.pageSpans[0]?.page ?? chunk.pageStart;
      let best = -1;
      chunk.pageSpans.forEach((span, i) => {
        const part = chunk.text.slice(span.start, chunk.pageSpans[i + 1]?.start ?? chunk.text.length);
        const score = new Set(bigramTerms(part).filter((term) => wanted.has(term))).size;
        if (score > best) [page, best] = [span.page, score];
      });
      return { documentId: chunk.documentId, source: chunk.source, page };
    });
    return rankPages(hits).slice(0, DEPTH);
  };
}

function miniSearchPerPage(units: readonly Unit[]): Ranker {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], storeFields: [] });
  index.addAll(units.map((unit, id) => ({ id, text: unit.text })));
  return async (query) => index.search(query).slice(0, DEPTH).map((hit) => units[hit.id as number]!.key);
}

/**
 * LangChain's own pipeline: PDFLoader splits each PDF into pages (in a child process, see langchain-pdf-pages.ts);
 * the HTML chapters go in as jikji extracted them.
 */
async function langchainPerPage(units: readonly Unit[], docs: string): Promise<Ranker> {
  const { BM25Retriever } = await importLangchain<{
    BM25Retriever: {
      fromDocuments(docs: unknown[], options: { k: number }): { invoke(query: string): Promise<Array<{ metadata: { key: string } }>> };
    };
  }>("@langchain/community/retrievers/bm25");
  const pdfs = DOCUMENTS.filter((document) => document.name.endsWith(".pdf"));
  const { stdout } = await run(process.execPath, [LANGCHAIN_PAGES, ...pdfs.map((document) => join(docs, document.name))], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const extracted = JSON.parse(stdout) as Array<{ file: string; pages: Array<{ page: number; text: string }> }>;
  const documents = extracted.flatMap(({ file, pages }) =>
    pages.map((page) => ({ pageContent: page.text, metadata: { key: `${basename(file)}#${page.page}` } })),
  );
  for (const unit of units) if (!unit.key.includes(".pdf#")) documents.push({ pageContent: unit.text, metadata: { key: unit.key } });
  const retriever = BM25Retriever.fromDocuments(documents, { k: DEPTH });
  return async (query) => (await retriever.invoke(query)).map((document) => document.metadata.key);
}

async function evaluate(ranker: Ranker, questions: readonly QaItem[]): Promise<EvalReport> {
  const outcomes: QuestionOutcome[] = [];
  for (const item of questions) {
    const started = performance.now();
    const ranked = await ranker(item.question);
    outcomes.push({ ranked, relevant: item.relevant, latencyMs: performance.now() - started });
  }
  return summarise(outcomes);
}

/** Extractive share, and the generative one when a model was configured with --env. */
function answerCell(report: EvalReport): string {
  const { extractive, generative } = report.answerContains!;
  return `${extractive.toFixed(3)} (extractive)` + (generative === null ? "" : `, ${generative.toFixed(3)} (generative)`);
}

function row(name: string, report: EvalReport, answers: string): string {
  const f = (value: number) => value.toFixed(3);
  return `| ${name} | ${f(report["recall@1"])} | ${f(report["recall@3"])} | ${f(report["recall@5"])} | ${f(report["mrr@10"])} | ${answers} |`;
}

/**
 * Extractive answers wired as `jikji eval --answers` wires them (src/cli/eval.ts): synonyms, the lexicon and the
 * hits' pages (JIKJI_ANSWER_PAGE_CONTEXT) as configured, so these lines count the answers the table counts.
 */
function answering(config: ReturnType<typeof loadConfig>, app: Awaited<ReturnType<typeof openJikji>>) {
  return createAnswering({
    config: { ...config, llm: null },
    search: app.search,
    synonyms: app.synonyms,
    lexicon: app.lexicon,
    pageChunks: app.store.chunksOnPages,
  });
}

/**
 * Per question of the tune split, where jikji ranked the wanted page and what the extractive answer said, for the
 * questions it got wrong. Only tune: the heldout split is for reporting, not for looking at failures.
 */
async function explainTune(dataDir: string, questions: readonly QaItem[]): Promise<void> {
  const config = loadConfig(ENV, { dataDir });
  const app = await openJikji(config, { scanIndex: false });
  try {
    const { ask } = answering(config, app);
    console.log("\ntune split, questions jikji misses (wanted page not first, or answer without the key phrase):");
    for (const item of questions) {
      const ranked = rankPages((await app.search({ query: item.question, k: CANDIDATES, filter: {} })).hits).slice(0, DEPTH);
      const rank = ranked.findIndex((key) => item.relevant.includes(basename(key))) + 1;
      const answer = (await ask.ask({ question: item.question })).answer;
      const contains = containsPhrase(answer, item.answer!);
      if (rank === 1 && contains) continue;
      console.log(`\n- ${item.question}\n  wanted ${item.relevant[0]} (rank ${rank === 0 ? `> ${DEPTH}` : rank}); top 3: ${ranked.slice(0, 3).join(", ")}`);
      console.log(`  key phrase "${item.answer}" ${contains ? "in" : "NOT in"} the answer: ${answer.replace(/\s+/g, " ").slice(0, 240)}`);
    }
  } finally {
    await app.close();
  }
}

/**
 * An unseen split's misses (fresh, fresh9) as counts, never question by question: where the wanted page ranks among the pages of the
 * search's first 30 chunks (first / among them but not first / not among them), whether an extractive answer without
 * the key phrase had the wanted page among the passages `ask` answered from, and how the Korean questions asked of
 * English documents fared.
 */
async function unseenMisses(dataDir: string, split: Split, questions: readonly QaItem[]): Promise<void> {
  const config = loadConfig(ENV, { dataDir });
  const app = await openJikji(config, { scanIndex: false });
  const english = new Set(DOCUMENTS.filter((document) => document.language === "en").map((document) => document.name));
  const counts = { first: 0, candidate: 0, outside: 0, answered: 0, missedWithPage: 0, missedWithoutPage: 0 };
  const crossLanguage = { questions: 0, first: 0, candidate: 0, answered: 0 };
  try {
    const { ask } = answering(config, app);
    for (const item of questions) {
      const ranked = rankPages((await app.search({ query: item.question, k: CANDIDATES, filter: {} })).hits);
      const rank = ranked.findIndex((key) => item.relevant.includes(basename(key))) + 1;
      const passages = (await app.search({ query: item.question, k: DEFAULT_ASK_K, filter: {}, neighbours: true })).hits;
      const answered = containsPhrase((await ask.ask({ question: item.question })).answer, item.answer!);
      if (rank === 1) counts.first++;
      else if (rank > 1) counts.candidate++;
      else counts.outside++;
      if (answered) counts.answered++;
      else if (pageAmongPassages(item, passages)) counts.missedWithPage++;
      else counts.missedWithoutPage++;
      if (/[가-힣]/u.test(item.question) && english.has(targetOf(item).name)) {
        crossLanguage.questions++;
        if (rank === 1) crossLanguage.first++;
        else if (rank > 1) crossLanguage.candidate++;
        if (answered) crossLanguage.answered++;
      }
    }
  } finally {
    await app.close();
  }
  console.log(`
${split} split, misses by kind (counts only; ${questions.length} questions):`);
  console.log(
    `  wanted page first ${counts.first}; among the ${CANDIDATES} candidates but not first ${counts.candidate}; ` +
      `not among them ${counts.outside}`,
  );
  console.log(
    `  answer holds the key phrase ${counts.answered}; missed with the wanted page among the ${DEFAULT_ASK_K} passages ` +
      `(neighbours included) ${counts.missedWithPage}; missed without it ${counts.missedWithoutPage}`,
  );
  console.log(
    `  Korean questions on English documents: ${crossLanguage.questions}; page first ${crossLanguage.first}, among the ` +
      `candidates but not first ${crossLanguage.candidate}; answers ${crossLanguage.answered}`,
  );
}

/**
 * The picker's figure per split (counts; no question is printed): answers holding the key phrase among the questions
 * whose wanted page is the first of the passages `ask` answers from, and among those whose page is in the passages
 * but not first, and those misses by kind (missKind). Misses outside both are the ranking's.
 */
async function pickerLines(dataDir: string, questions: readonly QaItem[]): Promise<void> {
  const config = loadConfig(ENV, { dataDir });
  const app = await openJikji(config, { scanIndex: false });
  const lines: string[] = [];
  try {
    const { ask } = answering(config, app);
    for (const split of SPLITS) {
      const outcomes: Array<{ place: PagePlace; contains: boolean }> = [];
      const kinds: Record<string, number> = {};
      for (const item of questions.filter((candidate) => candidate.split === split && candidate.answer)) {
        const passages = (await app.search({ query: item.question, k: DEFAULT_ASK_K, filter: {}, neighbours: true })).hits;
        const result = await ask.ask({ question: item.question });
        const contains = containsPhrase(result.answer, item.answer!);
        const place = pagePlace(item, passages);
        outcomes.push({ place, contains });
        if (contains || place === "outside") continue;
        const kind = missKind(item.question, item.answer!, passages, !result.grounded);
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
      const byKind = Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join("; ");
      lines.push(`${split}: ${pickerFigures(outcomes)}; misses with the page in hand: ${byKind || "none"}`);
    }
  } finally {
    await app.close();
  }
  console.log(
    `\nExtractive answers holding the key phrase, by where the wanted page is among the ${DEFAULT_ASK_K} passages ` +
      "(first = the first passage's page; among = another passage or a neighbour; the rest are the ranking's misses):",
  );
  for (const line of lines) console.log(line);
}

/**
 * What an unseen split's documents (fresh, fresh9) do to the other splits' rankings, as counts: per split, the
 * questions whose wanted page is not first among the pages of the search's first 30 chunks, those of them with one of
 * its documents' pages first (by document), and those with any of its pages ranked above the wanted one (or anywhere,
 * when the wanted page is not among them).
 */
async function unseenDistractors(dataDir: string, unseen: Split, questions: readonly QaItem[]): Promise<void> {
  const app = await openJikji(loadConfig(ENV, { dataDir }), { scanIndex: false });
  const fresh = new Set(DOCUMENTS.filter((document) => document.split === unseen).map((document) => document.name));
  const documentOf = (key: string) => basename(key).replace(/#\d+$/, "");
  console.log(`\nthe ${unseen} split's documents as distractors for the other splits (pages of the first ${CANDIDATES} chunks):`);
  try {
    for (const split of SPLITS.filter((candidate) => candidate !== unseen)) {
      let notFirst = 0;
      let freshAbove = 0;
      const freshFirst: Record<string, number> = {};
      for (const item of questions.filter((candidate) => candidate.split === split)) {
        const ranked = rankPages((await app.search({ query: item.question, k: CANDIDATES, filter: {} })).hits);
        const rank = ranked.findIndex((key) => item.relevant.includes(basename(key)));
        if (rank === 0) continue;
        notFirst++;
        const above = rank < 0 ? ranked : ranked.slice(0, rank);
        if (above.some((key) => fresh.has(documentOf(key)))) freshAbove++;
        const first = above[0] === undefined ? null : documentOf(above[0]);
        if (first !== null && fresh.has(first)) freshFirst[first] = (freshFirst[first] ?? 0) + 1;
      }
      const byDocument = Object.entries(freshFirst).map(([name, count]) => `${name} ${count}`).join(", ");
      console.log(
        `  ${split}: wanted page not first ${notFirst}; a ${unseen} document's page first ${Object.values(freshFirst).reduce((a, b) => a + b, 0)}` +
          `${byDocument === "" ? "" : ` (${byDocument})`}; a ${unseen} page above the wanted one ${freshAbove}`,
      );
    }
  } finally {
    await app.close();
  }
}

const peers = !process.argv.includes("--no-peers");
/**
 * `--env NAME=VALUE` (repeatable): configuration jikji's ingest and eval run with, for one row of an ablation
 * table; nothing else from this process's environment reaches them.
 */
const ENV = envArguments();
const explain = process.argv.includes("--explain");
const root = await mkdtemp(join(tmpdir(), "jikji-bench-real-docs-"));
try {
  const questions = (await loadRealQuestions()).filter((item) => SPLITS.includes(item.split as Split));
  const lines = (await readFile(QUESTIONS_FILE, "utf8")).split("\n").filter((line) => line.trim() !== "");
  const docs = await writeRealDocuments(join(root, "docs"), DOCUMENTS);
  const dataDir = join(root, "data");
  await jikji(["ingest", docs, "--json", "--data-dir", dataDir], ENV);
  const chunks = await readChunks(dataDir, ENV);
  console.log(
    `Real-document set: ${DOCUMENTS.length} documents (${SPLITS.join(", ")}), ${chunks.length} jikji chunks, ${questions.length} questions; ` +
      `Node ${process.version}, ${cpus().length} cores` +
      (Object.keys(ENV).length > 0 ? `; with ${Object.entries(ENV).map(([name, value]) => `${name}=${value}`).join(" ")}` : ""),
  );

  const rankers: Array<[string, Ranker]> = [];
  const quoteLines: string[] = [];
  if (peers) {
    const units = await jikjiUnits();
    rankers.push(["naive bigram BM25 per page (k1 1.2, b 0.75)", naivePerPage(units)]);
    rankers.push(["naive bigram BM25 over jikji's chunks", naiveOverChunks(chunks)]);
    rankers.push(["MiniSearch 7.2 per page (defaults)", miniSearchPerPage(units)]);
    rankers.push(["LangChain.js PDFLoader per page + BM25Retriever", await langchainPerPage(units, docs)]);
  }

  for (const split of SPLITS) {
    const inSplit = questions.filter((item) => item.split === split);
    const names = DOCUMENTS.filter((document) => document.split === split).map((document) => document.name);
    console.log(`\n${split}: ${inSplit.length} questions over ${names.join(", ")}`);
    console.log("| system | page top-1 | page top-3 | R@5 | MRR@10 | answer contains key phrase |");
    console.log("|---|---|---|---|---|---|");
    const report = JSON.parse(
      await jikji(["eval", "--qa", QUESTIONS_FILE, "--split", split, "--answers", "--json", "--data-dir", dataDir], ENV),
    ) as EvalReport;
    console.log(row("jikji (embedded default, `jikji eval --answers`)", report, answerCell(report)));
    quoteLines.push(`${split}: ${quoteFigures(report.answerQuotes!.extractive)}`);
    for (const [i, [language, test]] of LANGUAGES.entries()) {
      const subset = join(root, `${split}-${i}.jsonl`);
      const chosen = lines.filter((line) => (JSON.parse(line) as QaItem).split === split && test(line));
      if (chosen.length === 0) continue;
      await writeFile(subset, chosen.join("\n") + "\n");
      const part = JSON.parse(await jikji(["eval", "--qa", subset, "--answers", "--json", "--data-dir", dataDir], ENV)) as EvalReport;
      console.log(row(`  jikji, ${part.questions} ${language} questions only`, part, answerCell(part)));
    }
    for (const [name, ranker] of rankers) console.log(row(name, await evaluate(ranker, inSplit), "–"));
    if (!BY_KIND_SPLITS.includes(split)) continue;
    console.log(`\n${split} by document kind (aggregates only):`);
    console.log("| system | page top-1 | page top-3 | R@5 | MRR@10 | answer contains key phrase |");
    console.log("|---|---|---|---|---|---|");
    for (const [i, [kind, test]] of kindSubsets(split).entries()) {
      const chosen = lines.filter((line) => (JSON.parse(line) as QaItem).split === split && test(JSON.parse(line) as QaItem));
      if (chosen.length === 0) continue;
      const subset = join(root, `${split}-kind-${i}.jsonl`);
      await writeFile(subset, chosen.join("\n") + "\n");
      const part = JSON.parse(await jikji(["eval", "--qa", subset, "--answers", "--json", "--data-dir", dataDir], ENV)) as EvalReport;
      console.log(row(`jikji, ${part.questions} questions ${kind}`, part, answerCell(part)));
      for (const [name, ranker] of rankers) console.log(row(`  ${name}`, await evaluate(ranker, inSplit.filter(test)), "–"));
    }
  }
  console.log(
    "\nExtractive answers' quotes against the questions' documents (a quote from the wanted document's other page is not " +
      "off-document): quotes from another document; answers with one (first quote off / a later one only); answers by citations 0/1/2/3",
  );
  for (const line of quoteLines) console.log(line);
  await pickerLines(dataDir, questions);
  for (const unseen of UNSEEN_SPLITS.filter((split) => SPLITS.includes(split))) {
    await unseenMisses(dataDir, unseen, questions.filter((item) => item.split === unseen));
    if (SPLITS.length > 1) await unseenDistractors(dataDir, unseen, questions);
  }
  if (explain) await explainTune(dataDir, questions.filter((item) => item.split === "tune"));
} finally {
  await rm(root, { recursive: true, force: true });
}
