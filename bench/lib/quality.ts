/**
 * One quality run: jikji's real pipeline (`jikji ingest` into a temporary data dir, then `jikji eval`) and every
 * peer, on KorQuAD dev part A alone or with the LibreOffice distractors, printed as one table.
 */
import { cpus } from "node:os";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { rankDocuments, summarise, type EvalReport, type QuestionOutcome } from "../../src/retrieve/eval.ts";
import { readChunks } from "./chunks.ts";
import { jikji } from "./cli.ts";
import { distractorDocuments, distractorFiles, distractorFolder } from "./distractors.ts";
import { writeKorquad, type BenchQuestion } from "./korquad.ts";
import { NaiveBm25 } from "./naive-bm25.ts";
import { PEERS, runPeer, type CorpusDocument } from "./peers.ts";

function row(name: string, report: EvalReport, extra: string): string {
  const f = (value: number) => value.toFixed(3);
  return (
    `| ${name} | ${f(report["recall@1"])} | ${f(report["recall@3"])} | ${f(report["recall@5"])} | ${f(report["recall@10"])} | ` +
    `${f(report["mrr@10"])} | ${report.latencyMs.p50.toFixed(2)} | ${report.latencyMs.p95.toFixed(2)} | ${extra} |`
  );
}

/**
 * The naive baseline issue 8 asks every set to beat at Recall@5: textbook bigram BM25 over the very chunks jikji
 * stored (chunk text only), 30 chunks per question collapsed to their documents, as `jikji eval` does.
 */
async function naiveOverChunks(dataDir: string, questions: readonly BenchQuestion[]): Promise<EvalReport> {
  const chunks = await readChunks(dataDir);
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const index = new NaiveBm25(chunks.map((chunk) => ({ id: chunk.id, text: chunk.text })));
  const outcomes: QuestionOutcome[] = [];
  for (const item of questions) {
    const started = performance.now();
    const hits = index.search(item.question, 30).map(({ id }) => byId.get(id)!);
    outcomes.push({ ranked: rankDocuments(hits).slice(0, 10), relevant: item.relevant, latencyMs: performance.now() - started });
  }
  return summarise(outcomes);
}

export async function qualityRun(options: {
  distractors: boolean;
  peers: boolean;
  /** Configuration jikji's ingest and eval run with (`--env NAME=VALUE`); nothing else of this process's reaches them. */
  env?: Record<string, string>;
}): Promise<void> {
  const env = options.env ?? {};
  const root = await mkdtemp(join(tmpdir(), "jikji-bench-quality-"));
  try {
    const { qaFile, documents, questions } = await writeKorquad(root);
    const corpus: CorpusDocument[] = documents.map((document) => ({ name: document.name, title: document.title, text: document.body }));
    let distractorCount = 0;
    if (options.distractors) {
      // Copied (not linked) into the folder jikji ingests, under their Debian paths.
      const source = await distractorFolder();
      const files = await distractorFiles();
      for (const file of files) await cp(file, join(root, "docs", "libreoffice", relative(source, file)));
      distractorCount = files.length;
      if (options.peers) corpus.push(...(await distractorDocuments()));
    }
    console.log(
      `KorQuAD 1.0 dev part A: ${documents.length} paragraphs, ${questions.length} questions` +
        (options.distractors ? ` + ${distractorCount} LibreOffice help pages as distractors` : "") +
        `; Node ${process.version}, ${cpus().length} cores`,
    );
    console.log("| system | R@1 | R@3 | R@5 | R@10 | MRR@10 | p50 ms | p95 ms | index build s |");
    console.log("|---|---|---|---|---|---|---|---|---|");

    const dataDir = join(root, "data");
    const ingestStarted = performance.now();
    await jikji(["ingest", join(root, "docs"), "--json", "--data-dir", dataDir], env);
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;
    const report = JSON.parse(await jikji(["eval", "--qa", qaFile, "--json", "--data-dir", dataDir], env)) as EvalReport;
    console.log(row("jikji (embedded default, lexical, `jikji eval`)", report, `${ingestSeconds.toFixed(1)} (full ingest)`));
    console.log(row("naive bigram BM25 over jikji's chunks (k1 1.2, b 0.75)", await naiveOverChunks(dataDir, questions), "–"));

    if (!options.peers) return;
    for (const peer of PEERS) {
      const started = performance.now();
      const search = await peer.build(corpus);
      const buildSeconds = (performance.now() - started) / 1000;
      console.log(row(peer.name, summarise(await runPeer(search, questions)), buildSeconds.toFixed(1)));
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
