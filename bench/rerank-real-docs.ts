/**
 * The second ranking stage and the extractive answer on the real-document set (bench/lib/real-docs.ts), per split:
 * page top-1/top-3 and the share of extractive answers containing the key phrase, for the first stage alone, the
 * built-in reranker with all features, and the built-in reranker with each feature switched off (the ablation).
 * Weights were chosen on the tune split; the heldout columns are the figures to report. Search and ask run as
 * `jikji eval --answers` runs them (30 chunks collapsed to pages; ask with its default 6 passages and neighbours).
 * Run: npx node bench/rerank-real-docs.ts [--data-dir DIR] [--weights JSON]
 *   (DIR keeps the ingested documents between runs; without it a temporary one is used and removed.)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createAsk } from "../src/answer/ask.ts";
import { loadConfig } from "../src/config.ts";
import { containsPhrase, rankPages, rankDocuments, summarise, type QuestionOutcome } from "../src/retrieve/eval.ts";
import { DEFAULT_BUILTIN_WEIGHTS, createBuiltinReranker, type BuiltinWeights } from "../src/retrieve/rerank/builtin.ts";
import { createSearch } from "../src/retrieve/search.ts";
import { ablationRows } from "./lib/rerank-ablation.ts";
import { openJikji } from "../src/runtime.ts";
import { jikji as jikjiCli } from "./lib/cli.ts";
import { loadRealQuestions, writeRealDocuments, type Split } from "./lib/real-docs.ts";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, weights: { type: "string" }, rows: { type: "string" } } });
const base: BuiltinWeights = { ...DEFAULT_BUILTIN_WEIGHTS, ...(values.weights ? JSON.parse(values.weights) : {}) };

const temporary = values["data-dir"] === undefined ? await mkdtemp(join(tmpdir(), "jikji-rerank-real-")) : null;
const root = values["data-dir"] ?? temporary!;
const dataDir = join(root, "data");
try {
  let jikji = await openJikji(loadConfig({ JIKJI_RERANK: "off" }, { dataDir }), { scanIndex: false });
  if ((await jikji.store.counts()).documents === 0) {
    await jikji.close();
    await jikjiCli(["ingest", await writeRealDocuments(join(root, "docs")), "--json", "--data-dir", dataDir]);
    jikji = await openJikji(loadConfig({ JIKJI_RERANK: "off" }, { dataDir }), { scanIndex: false });
  }
  const items = await loadRealQuestions();
  const SPLITS: Split[] = ["tune", "heldout"];

  const measure = async (weights: BuiltinWeights | null, split: Split) => {
    const search = createSearch({
      store: jikji.store,
      index: jikji.index,
      embedder: null,
      reranker: weights === null ? null : createBuiltinReranker(weights),
    });
    const ask = createAsk({ retrieve: search, generator: null });
    const outcomes: QuestionOutcome[] = [];
    let contained = 0;
    let withAnswers = 0;
    for (const item of items.filter((candidate) => candidate.split === split)) {
      const result = await search({ query: item.question, k: 30, filter: {} });
      const ranked = item.granularity === "page" ? rankPages(result.hits) : rankDocuments(result.hits);
      outcomes.push({ ranked: ranked.slice(0, 10), relevant: item.relevant, latencyMs: 0 });
      if (item.answer) {
        withAnswers++;
        if (containsPhrase((await ask.ask({ question: item.question })).answer, item.answer)) contained++;
      }
    }
    const report = summarise(outcomes);
    return { top1: report["recall@1"], top3: report["recall@3"], top5: report["recall@5"], answers: contained / withAnswers, n: outcomes.length };
  };

  const rows = ablationRows(base);
  const wanted = values.rows === undefined ? rows : rows.slice(0, Number(values.rows));
  console.log(`Real-document set: ${items.filter((i) => i.split === "tune").length} tune / ${items.filter((i) => i.split === "heldout").length} heldout questions`);
  console.log("| reranker | tune top-1 | tune top-3 | tune answers | heldout top-1 | heldout top-3 | heldout top-5 | heldout answers |");
  console.log("|---|---|---|---|---|---|---|---|");
  const f = (n: number) => n.toFixed(3);
  for (const [label, weights] of wanted) {
    const [tune, heldout] = [await measure(weights, SPLITS[0]!), await measure(weights, SPLITS[1]!)];
    console.log(
      `| ${label} | ${f(tune.top1)} | ${f(tune.top3)} | ${f(tune.answers)} | ${f(heldout.top1)} | ${f(heldout.top3)} | ${f(heldout.top5)} | ${f(heldout.answers)} |`,
    );
  }
  await jikji.close();
} finally {
  if (temporary) await rm(temporary, { recursive: true, force: true });
}
