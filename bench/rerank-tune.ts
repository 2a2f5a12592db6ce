/**
 * The built-in reranker's weights and its ablation, on KorQuAD dev part A split by article: even articles are the
 * split the weights were chosen on ("tune"), odd articles the split reported ("heldout"). Each row is the reranker
 * with one feature switched off, so the table shows what each feature is worth on questions it was not tuned on.
 * Search runs as `jikji eval` runs it (30 chunks per question, collapsed to documents).
 * Run: npx node bench/rerank-tune.ts [--data-dir DIR] [--weights '{"proximity":0.3}'] [--rows N]
 *   (DIR keeps the ingested KorQuAD between runs; without it a temporary one is used and removed.)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { rankDocuments, summarise, type QuestionOutcome } from "../src/retrieve/eval.ts";
import { DEFAULT_BUILTIN_WEIGHTS, createBuiltinReranker, type BuiltinWeights } from "../src/retrieve/rerank/builtin.ts";
import { createSearch } from "../src/retrieve/search.ts";
import { ablationRows } from "./lib/rerank-ablation.ts";
import { openJikji, type Jikji } from "../src/runtime.ts";
import { ingestKorquad } from "./lib/ingest-korquad.ts";
import { loadKorquad } from "./lib/korquad.ts";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, weights: { type: "string" }, rows: { type: "string" } } });
const base: BuiltinWeights = { ...DEFAULT_BUILTIN_WEIGHTS, ...(values.weights ? JSON.parse(values.weights) : {}) };

const temporary = values["data-dir"] === undefined ? await mkdtemp(join(tmpdir(), "jikji-rerank-tune-")) : null;
const dataDir = values["data-dir"] ?? temporary!;
const jikji: Jikji = await openJikji(loadConfig({ JIKJI_RERANK: "off" }, { dataDir }), { scanIndex: false });
try {
  if ((await jikji.store.counts()).documents === 0) await ingestKorquad(jikji, "korquad");
  const { questions } = loadKorquad();
  const articleOf = (name: string) => Number(name.split("-")[1]);
  const splits = {
    tune: questions.filter((q) => articleOf(q.relevant[0]!) % 2 === 0),
    heldout: questions.filter((q) => articleOf(q.relevant[0]!) % 2 === 1),
  };

  const run = async (weights: BuiltinWeights | null, split: keyof typeof splits) => {
    const search = createSearch({
      store: jikji.store,
      index: jikji.index,
      embedder: null,
      reranker: weights === null ? null : createBuiltinReranker(weights),
    });
    const outcomes: QuestionOutcome[] = [];
    for (const question of splits[split]) {
      const result = await search({ query: question.question, k: 30, filter: {} });
      outcomes.push({ ranked: rankDocuments(result.hits).slice(0, 10), relevant: question.relevant, latencyMs: 0 });
    }
    return summarise(outcomes);
  };

  console.log(`KorQuAD 1.0 dev part A by article: tune = even articles (${splits.tune.length} questions), heldout = odd (${splits.heldout.length})`);
  console.log("| reranker | tune R@1 | tune R@5 | heldout R@1 | heldout R@3 | heldout R@5 | heldout MRR@10 |");
  console.log("|---|---|---|---|---|---|---|");
  const rows = ablationRows(base);
  for (const [label, weights] of values.rows === undefined ? rows : rows.slice(0, Number(values.rows))) {
    const tune = await run(weights, "tune");
    const heldout = await run(weights, "heldout");
    const f = (n: number) => n.toFixed(3);
    console.log(
      `| ${label} | ${f(tune["recall@1"])} | ${f(tune["recall@5"])} | ${f(heldout["recall@1"])} | ${f(heldout["recall@3"])} | ` +
        `${f(heldout["recall@5"])} | ${f(heldout["mrr@10"])} |`,
    );
  }
} finally {
  await jikji.close();
  if (temporary) await rm(temporary, { recursive: true, force: true });
}
