/**
 * The tuning protocol for retrieval parameters: 5-fold cross-validation over KorQuAD dev part A's articles
 * (bench/lib/cross-validate.ts), never a choice made on the whole development half. Exercised here on jikji's
 * lexical BM25 k1 and b: the questions are scored with jikji's own tokenizer and BM25 (`termCounts` of the text a
 * chunk is indexed by, `queryTerms`, `bm25Score` with the fixed average length), over the chunks `jikji ingest`
 * stored, so each grid point costs no re-ingest. The row for k1 = b = 0.5 should match `jikji eval`'s R@1.
 *
 *   npx node bench/korquad-cv.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { searchableText } from "../src/ingest/points.ts";
import { BM25_AVGDL, BM25_B, BM25_K1, DocumentFrequencies, bm25Score } from "../src/retrieve/bm25.ts";
import { queryTerms, termCounts } from "../src/retrieve/tokenize.ts";
import { readChunks } from "./lib/chunks.ts";
import { jikji } from "./lib/cli.ts";
import { crossValidate } from "./lib/cross-validate.ts";
import { writeKorquad } from "./lib/korquad.ts";

const K = 5;
const GRID = [0.3, 0.5, 0.9, 1.2].flatMap((k1) => [0.3, 0.5, 0.75].map((b) => ({ k1, b })));
const label = (p: { k1: number; b: number }) => `k1 ${p.k1}, b ${p.b}`;

const root = await mkdtemp(join(tmpdir(), "jikji-bench-cv-"));
try {
  const { questions } = await writeKorquad(root);
  const dataDir = join(root, "data");
  await jikji(["ingest", join(root, "docs"), "--json", "--data-dir", dataDir]);
  const chunks = (await readChunks(dataDir)).map((chunk) => {
    const terms = termCounts(searchableText(chunk));
    return { source: chunk.source, terms, length: [...terms.values()].reduce((sum, n) => sum + n, 0) };
  });
  const frequencies = new DocumentFrequencies();
  for (const chunk of chunks) frequencies.add(chunk.terms.keys());
  const idf = (term: string) => frequencies.idf(term);
  const queries = questions.map((item) => queryTerms(item.question));

  /** Whether each question's paragraph ranks first, per grid point (computed once, looked up by the folds). */
  const firstHit = new Map<(typeof GRID)[number], boolean[]>();
  for (const parameter of GRID) {
    const bm25 = { ...parameter, avgdl: BM25_AVGDL };
    firstHit.set(
      parameter,
      questions.map((item, q) => {
        let best = -1;
        let bestSource = "";
        for (const chunk of chunks) {
          const score = bm25Score(queries[q]!, chunk.terms, chunk.length, idf, bm25);
          if (score > best) [best, bestSource] = [score, chunk.source];
        }
        return item.relevant.includes(bestSource);
      }),
    );
  }

  const items = questions.map((item, index) => ({ index, article: item.relevant[0]!.slice(0, "korquad-000".length) }));
  const recallAt1 = (parameter: (typeof GRID)[number], subset: ReadonlyArray<{ index: number }>) =>
    subset.filter(({ index }) => firstHit.get(parameter)![index]).length / subset.length;
  const result = await crossValidate({ items, groupOf: (item) => item.article, k: K, grid: GRID, score: recallAt1 });

  const articles = new Set(items.map((item) => item.article)).size;
  console.log(`KorQuAD dev part A: ${articles} articles, ${chunks.length} chunks, ${questions.length} questions; ${K} folds by article`);
  console.log(`Lexical R@1 (best chunk's paragraph) over all questions, per grid point:`);
  console.log(GRID.map((p) => `  ${label(p).padEnd(16)} ${recallAt1(p, items).toFixed(4)}${p.k1 === BM25_K1 && p.b === BM25_B ? "  (current default)" : ""}`).join("\n"));
  console.log("\n| held-out fold | articles | chosen on the other 4 folds | R@1 there | R@1 on the held-out fold |");
  console.log("|---|---|---|---|---|");
  for (const fold of result.folds) {
    console.log(`| ${fold.fold + 1} | ${fold.groups} | ${label(fold.chosen)} | ${fold.tuneScore.toFixed(4)} | ${fold.heldOutScore.toFixed(4)} |`);
  }
  console.log(`\nMean held-out R@1 ${result.heldOutMean.toFixed(4)}; chosen most often: ${label(result.consensus)}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
