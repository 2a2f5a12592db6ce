/**
 * Fast page-ranking loop for the real-document set (bench/lib/real-docs.ts): ingests once into a kept data dir,
 * then runs `search` in process (30 chunks collapsed to pages, as `jikji eval` does) and prints page top-1/top-3/
 * top-5/top-30 per split. For trying one ranking lever at a time; `bench/real-docs.ts` stays the reported figure.
 *
 *   npx node bench/rank-levers.ts --data-dir DIR [--env NAME=VALUE]... [--misses]
 *
 * `--misses` lists the tune split's top-1 misses (never the heldout's).
 *
 * The levers measured and not adopted (BENCHMARKS.md, issue 8 ranking) are kept as patches in bench/rank-levers/,
 * each switched by an environment variable so one build gives every row: rerank-support-feedback.patch (JX_DOC,
 * JX_PAGE, JX_PRF) and stemming-stopwords.patch (JX_STEM=1 Porter / 2 S-stemmer, index side: use a fresh
 * --data-dir) apply to cdce5b2; loanwords.patch (JX_LOAN=1, index side; JX_LOANW=2 halves its weight) and
 * korean-stopwords.patch (JX_KSTOP=1 word or stem, 2 word), dedupe-query-terms.patch (JX_DEDUPE=1) and
 * side-stems-and-weights.patch (JX_SSTEM=1, index side; JX_W='{"coverage":0.2}' overrides reranker weights) to
 * dc8bbcc. E.g. `git apply bench/rank-levers/loanwords.patch && JX_LOAN=1 npx node bench/rank-levers.ts --data-dir
 * /tmp/loan`.
 * term-associations.patch (issue 8, rank2) applies to this tree and adds its own bench, bench/term-associations.ts,
 * with one row per association source and weight (`--grid`, see its header).
 * rank3-levers.patch (issue 8, rank3) applies to this tree: best-sentence and answer-cue features (JX_W='{"sentence":
 * 0.1}' / '{"answer":0.1}', JX_SPAN, JX_ANS=best), the extractive picker as answerability (JX_ANSW, JX_ANSD, JX_ANSS),
 * page and section unions (JX_W '{"page":…}' / '{"section":…}'), phrases across words (JX_PHRASE=words) and one
 * weight per query word (JX_W '{"words":…}'), plus bench/rank3-explain.ts and bench/rank3-cost.ts.
 * rank7-english.patch (issue 8, rank7) applies to this tree: English stemming and inflections (JX_STEM=replace|extra|
 * rerank, JX_INFL=<weight>, JX_INFLS=1 plurals only, JX_POOL=terms), compound joining (JX_COMP), section titles for
 * English questions (JX_HEAD, JX_HEADEN) and possessives (JX_POSS), measured with `bench/real-docs.ts --splits
 * tune,heldout`, plus bench/rank7-diag.ts, bench/rank7-ranks.ts and bench/rank7-page.ts.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { rankDocuments, rankPages, summarise, type QuestionOutcome } from "../src/retrieve/eval.ts";
import { openJikji } from "../src/runtime.ts";
import { jikji as jikjiCli } from "./lib/cli.ts";
import { loadRealQuestions, writeRealDocuments, type Split } from "./lib/real-docs.ts";

const { values } = parseArgs({
  options: { "data-dir": { type: "string" }, env: { type: "string", multiple: true }, misses: { type: "boolean" } },
});
if (values["data-dir"] === undefined) throw new Error("--data-dir DIR is required (it keeps the ingested documents)");
const env = Object.fromEntries((values.env ?? []).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
const root = values["data-dir"];
const dataDir = join(root, "data");
let app = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
if ((await app.store.counts()).documents === 0) {
  await app.close();
  await jikjiCli(["ingest", await writeRealDocuments(join(root, "docs")), "--json", "--data-dir", dataDir], env);
  app = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
}
const items = await loadRealQuestions();
const f = (n: number) => n.toFixed(3);
const cells: string[] = [];
for (const split of ["tune", "heldout"] as Split[]) {
  const outcomes: QuestionOutcome[] = [];
  let within30 = 0;
  for (const item of items.filter((candidate) => candidate.split === split)) {
    const result = await app.search({ query: item.question, k: 30, filter: {} });
    const ranked = item.granularity === "page" ? rankPages(result.hits) : rankDocuments(result.hits);
    const names = ranked.map((key) => key.split("/").at(-1)!);
    if (names.some((name) => item.relevant.includes(name))) within30++;
    outcomes.push({ ranked: names.slice(0, 10), relevant: item.relevant, latencyMs: 0 });
    if (values.misses && split === "tune" && !item.relevant.includes(names[0] ?? "")) {
      const rank = names.findIndex((name) => item.relevant.includes(name)) + 1;
      console.log(`- ${item.question}\n  wanted ${item.relevant[0]} rank ${rank || ">30"}; top: ${names.slice(0, 3).join(", ")}`);
    }
  }
  const report = summarise(outcomes);
  cells.push(f(report["recall@1"]), f(report["recall@3"]), f(report["recall@5"]), f(report["mrr@10"]), f(within30 / outcomes.length));
}
console.log(`| ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(" ") || "default"} | ${cells.join(" | ")} |`);
await app.close();
