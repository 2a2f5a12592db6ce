/**
 * Term associations learned from the corpus (src/retrieve/associations.ts), measured on the real-document set at
 * page level exactly as bench/rank-levers.ts ranks pages (30 chunks collapsed to (document, page)), one source and
 * weight per row. Reuses a data dir that bench/rank-levers.ts ingested (it ingests when the dir is empty).
 *
 *   npx node bench/term-associations.ts --data-dir DIR [--grid '[{"source":"alias","weight":0.2}]'] [--misses] [--pairs N]
 *   npx node bench/term-associations.ts --korquad --data-dir DIR [--grid …]
 *
 * `--korquad` runs the rows on KorQuAD dev part A instead (ingested into DIR when empty), split by article as
 * bench/rerank-tune.ts does (tune = even articles, heldout = odd), documents ranked as `jikji eval` ranks them:
 * R@1, R@5 and MRR@10 per split.
 *
 * Each grid row: { source, weight, perWord?, maxDocumentShare?, minPairCount?, minG2? }; a row without a source is
 * the baseline (no expansion). `--misses` lists the tune split's top-1 misses (never the heldout's); `--pairs N`
 * prints N learned pairs per source, to see what a source learns.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { expandQuery, learnAssociations, type AssociationSource, type LearningChunk, type LearnOptions } from "../src/retrieve/associations.ts";
import { rankDocuments, rankPages, summarise, type QuestionOutcome } from "../src/retrieve/eval.ts";
import { createBuiltinReranker, DEFAULT_BUILTIN_WEIGHTS } from "../src/retrieve/rerank/builtin.ts";
import { createSearch } from "../src/retrieve/search.ts";
import { openJikji } from "../src/runtime.ts";
import { jikji as jikjiCli } from "./lib/cli.ts";
import { ingestKorquad } from "./lib/ingest-korquad.ts";
import { loadKorquad } from "./lib/korquad.ts";
import { loadRealQuestions, writeRealDocuments, type Split } from "./lib/real-docs.ts";

interface Row extends Partial<LearnOptions> {
  /** Expansion weight (default 0.2). */
  weight?: number;
  /** Where the expansion acts: the index's first stage, the built-in reranker's `associated` feature, or both. */
  stage?: "index" | "rerank" | "both";
  /** The reranker's `associated` weight when the stage includes it (default 0.1). */
  associated?: number;
}

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" },
    grid: { type: "string" },
    misses: { type: "boolean" },
    pairs: { type: "string" },
    korquad: { type: "boolean" },
  },
});
if (values["data-dir"] === undefined) throw new Error("--data-dir DIR is required (it keeps the ingested documents)");
const root = values["data-dir"];
const dataDir = join(root, "data");
let app = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false });
if (values.korquad && (await app.store.counts()).documents === 0) await ingestKorquad(app, "korquad");
if ((await app.store.counts()).documents === 0) {
  await app.close();
  await jikjiCli(["ingest", await writeRealDocuments(join(root, "docs")), "--json", "--data-dir", dataDir], {});
  app = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false });
}

const chunks: LearningChunk[] = [];
for (let after: string | null = null; ; ) {
  const page = await app.store.visibleChunksPage(after, 1000);
  if (page.length === 0) break;
  for (const row of page) chunks.push({ documentId: row.document.id, text: row.chunk.text, headingPath: row.chunk.headingPath });
  after = page.at(-1)!.chunk.id;
}

const rows: Row[] = values.grid
  ? (JSON.parse(values.grid) as Row[])
  : [{}, ...(["alias", "heading", "cooccurrence"] as AssociationSource[]).flatMap((source) => [0.1, 0.2, 0.3].map((weight) => ({ source, weight })))];
const items = await loadRealQuestions();
const f = (n: number) => n.toFixed(3);

for (const row of rows) {
  let expand: ((query: string) => ReturnType<typeof expandQuery>) | undefined;
  let learned = "";
  if (row.source !== undefined) {
    const started = performance.now();
    const associations = learnAssociations(chunks, row as LearnOptions);
    learned = `${associations.size} words, learned in ${((performance.now() - started) / 1000).toFixed(2)} s`;
    if (values.pairs) {
      const snapshot = associations.toSnapshot().related;
      const step = Math.max(1, Math.floor(snapshot.length / Number(values.pairs)));
      for (let i = 0; i < snapshot.length; i += step) {
        const [key, list] = snapshot[i]!;
        console.log(`  ${key} → ${list.map(([related, strength]) => `${related} ${strength.toFixed(2)}`).join(", ")}`);
      }
    }
    expand = (query) => expandQuery(query, associations, { weight: row.weight ?? 0.2, ...(row.perWord ? { perWord: row.perWord } : {}) });
  }
  const stage = row.stage ?? "index";
  const reranker = stage === "index" ? app.reranker : createBuiltinReranker({ ...DEFAULT_BUILTIN_WEIGHTS, associated: row.associated ?? 0.1 });
  const search = createSearch({
    store: app.store,
    index: app.index,
    embedder: null,
    reranker,
    ...(expand ? { expand, expandFirstStage: stage !== "rerank" } : {}),
  });
  const cells: string[] = [];
  if (values.korquad) {
    const { questions } = loadKorquad();
    const articleOf = (name: string) => Number(name.split("-")[1]);
    for (const parity of [0, 1]) {
      const outcomes: QuestionOutcome[] = [];
      for (const question of questions.filter((q) => articleOf(q.relevant[0]!) % 2 === parity)) {
        const result = await search({ query: question.question, k: 30, filter: {} });
        outcomes.push({ ranked: rankDocuments(result.hits).slice(0, 10), relevant: question.relevant, latencyMs: 0 });
      }
      const report = summarise(outcomes);
      cells.push(f(report["recall@1"]), f(report["recall@5"]), f(report["mrr@10"]));
    }
    console.log(`| ${row.source === undefined ? "no expansion" : JSON.stringify(row)} | ${cells.join(" | ")} |${learned ? ` ${learned}` : ""}`);
    continue;
  }
  for (const split of ["tune", "heldout"] as Split[]) {
    const outcomes: QuestionOutcome[] = [];
    let within30 = 0;
    for (const item of items.filter((candidate) => candidate.split === split)) {
      const result = await search({ query: item.question, k: 30, filter: {} });
      const ranked = item.granularity === "page" ? rankPages(result.hits) : rankDocuments(result.hits);
      const names = ranked.map((key) => key.split("/").at(-1)!);
      if (names.some((name) => item.relevant.includes(name))) within30++;
      outcomes.push({ ranked: names.slice(0, 10), relevant: item.relevant, latencyMs: 0 });
      if (values.misses && split === "tune" && !item.relevant.includes(names[0] ?? "")) {
        const rank = names.findIndex((name) => item.relevant.includes(name)) + 1;
        const added = expand ? (await expand(item.question)).map((term) => `${term.term} ${term.weight.toFixed(2)}`).join(", ") : "";
        console.log(`- ${item.question}\n  wanted ${item.relevant[0]} rank ${rank || ">30"}; top: ${names.slice(0, 3).join(", ")}${added ? `\n  added: ${added}` : ""}`);
      }
    }
    const report = summarise(outcomes);
    cells.push(f(report["recall@1"]), f(report["recall@3"]), f(report["recall@5"]), f(report["mrr@10"]), f(within30 / outcomes.length));
  }
  console.log(`| ${row.source === undefined ? "no expansion" : JSON.stringify(row)} | ${cells.join(" | ")} |${learned ? ` ${learned}` : ""}`);
}
await app.close();
