/**
 * Hybrid search's behaviour and overhead, with no real model: a local OpenAI-compatible embedding server
 * (test/fakes/openai-server.ts) answers with jikji's deterministic hashing embedder, so the dense leg is a weak,
 * bag-of-terms signal. This measures what fusion costs (embedding round trip, second leg, RRF) and how far a weak
 * dense leg can pull the lexical ranking; it says nothing about the quality of a real embedding model.
 * KorQuAD dev part A through `jikji ingest` + `jikji eval`, lexical-only vs hybrid. Run: npx node bench/hybrid.ts
 */
import { cpus, tmpdir } from "node:os";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { EvalReport } from "../src/retrieve/eval.ts";
import { startFakeOpenAIServer } from "../test/fakes/openai-server.ts";
import { jikji } from "./lib/cli.ts";
import { writeKorquad } from "./lib/korquad.ts";

const DIMENSIONS = 256;
const root = await mkdtemp(join(tmpdir(), "jikji-bench-hybrid-"));
const server = await startFakeOpenAIServer();
server.embeddingDimensions = DIMENSIONS;
server.defaultEmbeddings = { kind: "vectors", order: "as-is" };
try {
  const { qaFile, documents, questions } = await writeKorquad(root);
  console.log(`KorQuAD 1.0 dev part A: ${documents.length} paragraphs, ${questions.length} questions; Node ${process.version}, ${cpus().length} cores`);
  console.log("| mode | R@1 | R@3 | R@10 | MRR@10 | p50 ms | p95 ms | ingest s |");
  console.log("|---|---|---|---|---|---|---|---|");
  const modes: Array<[string, Record<string, string>]> = [
    ["lexical only (no embedding endpoint)", {}],
    [
      `hybrid: lexical + dense (hashing embedder, ${DIMENSIONS} dims, over local HTTP), RRF`,
      { JIKJI_EMBED_BASE_URL: server.baseURL, JIKJI_EMBED_MODEL: "hashing-bench" },
    ],
  ];
  for (const [mode, env] of modes) {
    const dataDir = join(root, `data-${Object.keys(env).length}`);
    const started = performance.now();
    await jikji(["ingest", join(root, "docs"), "--json", "--data-dir", dataDir], env);
    const ingestSeconds = (performance.now() - started) / 1000;
    server.requests.length = 0;
    const report = JSON.parse(await jikji(["eval", "--qa", qaFile, "--json", "--data-dir", dataDir], env)) as EvalReport;
    const f = (value: number) => value.toFixed(3);
    console.log(
      `| ${mode} | ${f(report["recall@1"])} | ${f(report["recall@3"])} | ${f(report["recall@10"])} | ${f(report["mrr@10"])} | ` +
        `${report.latencyMs.p50.toFixed(2)} | ${report.latencyMs.p95.toFixed(2)} | ${ingestSeconds.toFixed(1)} |`,
    );
  }
} finally {
  await server.close();
  await rm(root, { recursive: true, force: true });
}
