/**
 * Local ONNX models (issue 15): speed and memory of the `local-onnx` embedder and reranker on models of real size
 * and shape with RANDOM weights (the speed is real, the vectors and scores mean nothing), and ingest pages/s with
 * local embedding on against lexical only, in the same run.
 *
 * Models are written by test/fixtures/onnx-model.ts into --models (default /tmp/jikji-bench-models, reused):
 *   e5-small-int8      multilingual-e5-small shape, 12 × 384, 250,037-row vocabulary, int8 (~118 MB)
 *   xlmr-large-int8    bge-reranker-v2-m3 shape (XLM-R large), 24 × 1024, 250,002 rows, int8 (~560 MB)
 * Each model is measured in its own child process so its RSS is its own (peak RSS, sampled every 50 ms).
 *
 * Run: flock /tmp/jikji-bench.lock npx node bench/local-models.ts [--models DIR] [--skip-ingest]
 */
import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createLocalOnnxEmbedder } from "../src/retrieve/embed/local-onnx.ts";
import { embedMany } from "../src/retrieve/embed/embed-many.ts";
import { samplePassages, PROBE_QUERY } from "../src/retrieve/models-check.ts";
import { createLocalOnnxReranker } from "../src/retrieve/rerank/local-onnx.ts";
import { E5_SMALL_SHAPE, XLMR_LARGE_SHAPE, writeModelFolder } from "../test/fixtures/onnx-model.ts";
import { jikji } from "./lib/cli.ts";
import { writeIngestBenchPdfs } from "./lib/debian-pdfs.ts";

const { values } = parseArgs({
  options: {
    models: { type: "string", default: join(tmpdir(), "jikji-bench-models") },
    measure: { type: "string" },
    "skip-ingest": { type: "boolean", default: false },
  },
});
const modelsDir = values.models!;
const MAX_TOKENS = 256;
/** Ingest runs per side (alternating); an embedding ingest of these PDFs takes minutes on two cores. */
const RUNS = 1;

interface Measurement {
  loadMs: number;
  peakRssMb: number;
  passages: number;
  seconds: number;
  passagesPerSecond: number;
}

/** Child-process side: load one model, warm it up, time a fixed workload while sampling RSS. */
async function measure(which: string): Promise<Measurement> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const dir = join(modelsDir, which);
  let measurement: Omit<Measurement, "peakRssMb">;
  if (which.startsWith("e5")) {
    const embedder = await createLocalOnnxEmbedder({
      dir,
      quantized: true,
      pooling: "mean",
      normalize: true,
      queryPrefix: "query: ",
      passagePrefix: "passage: ",
      maxTokens: MAX_TOKENS,
    });
    await embedder.embed(samplePassages(4));
    const passages = samplePassages(96);
    const started = performance.now();
    await embedMany(embedder, passages, { concurrency: 2 });
    const seconds = (performance.now() - started) / 1000;
    measurement = { loadMs: embedder.loadMs, passages: passages.length, seconds, passagesPerSecond: passages.length / seconds };
    await embedder.close();
  } else {
    const passages = samplePassages(24);
    const reranker = await createLocalOnnxReranker({
      dir,
      quantized: true,
      maxTokens: MAX_TOKENS,
      topN: passages.length,
      budgetMs: 3_600_000,
    });
    const candidates = passages.map((text, i) => ({ id: String(i), text, headingPath: [], score: 0 }));
    await reranker.score(PROBE_QUERY, candidates.slice(0, 4));
    const started = performance.now();
    await reranker.score(PROBE_QUERY, candidates);
    const seconds = (performance.now() - started) / 1000;
    measurement = { loadMs: reranker.loadMs, passages: passages.length, seconds, passagesPerSecond: passages.length / seconds };
    await reranker.close();
  }
  clearInterval(sampler);
  return { ...measurement, peakRssMb: Math.round(peak / 2 ** 20) };
}

if (values.measure) {
  process.stdout.write(`${JSON.stringify(await measure(values.measure))}\n`);
  process.exit(0);
}

function fileMb(path: string): number {
  return Math.round(statSync(path).size / 2 ** 20);
}

async function ensureModel(name: string, write: () => string): Promise<string> {
  const file = join(modelsDir, name, "onnx", "model_quantized.onnx");
  if (!existsSync(file)) {
    const started = performance.now();
    write();
    console.error(`wrote ${name} (${fileMb(file)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return file;
}

async function measureInChild(which: string): Promise<Measurement> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [script, "--models", modelsDir, "--measure", which], { maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${which}: ${stderr}`)) : resolve(JSON.parse(stdout.trim().split("\n").at(-1)!)),
    ),
  );
}

await mkdir(modelsDir, { recursive: true });
const e5File = await ensureModel("e5-small-int8", () =>
  writeModelFolder(join(modelsDir, "e5-small-int8"), { ...E5_SMALL_SHAPE, kind: "embed", quantized: true }),
);
const xlmrFile = await ensureModel("xlmr-large-int8", () =>
  writeModelFolder(join(modelsDir, "xlmr-large-int8"), { ...XLMR_LARGE_SHAPE, kind: "rerank", quantized: true }),
);

const load = () => loadavg().map((value) => value.toFixed(1)).join(" / ");
console.log(`machine: ${cpus()[0]?.model ?? "?"}, ${availableParallelism()} cores, load average ${load()} (1/5/15 min) at start; ONNX Runtime threads = cores (1 worker)`);
console.log(`passages: ${samplePassages(1)[0]!.length} characters each (Korean and English sentences), truncated at ${MAX_TOKENS} tokens`);
console.log("");
console.log("| model (random weights, real shape) | file | load | passages/s | peak RSS |");
console.log("|---|---:|---:|---:|---:|");
for (const [which, label, file] of [
  ["e5-small-int8", "embedder: multilingual-e5-small shape, int8", e5File],
  ["xlmr-large-int8", "reranker: bge-reranker-v2-m3 shape (XLM-R large), int8", xlmrFile],
] as const) {
  const result = await measureInChild(which);
  console.log(
    `| ${label} | ${fileMb(file)} MB | ${(result.loadMs / 1000).toFixed(1)} s | ${result.passagesPerSecond.toFixed(1)} (${result.passages} in ${result.seconds.toFixed(1)} s) | ${result.peakRssMb} MB |`,
  );
}

if (!values["skip-ingest"]) {
  // Ingest: the same three Debian PDFs as bench/ingest.ts, lexical only against e5-small-shaped local embedding
  // (512 tokens, e5 prefixes), alternating, each into a fresh data dir. The event loop's delay during the
  // embedding ingest shows whether the main thread stays free to answer HTTP (serve runs ingest in-process too).
  const root = await mkdtemp(join(tmpdir(), "jikji-bench-local-ingest-"));
  try {
    const folder = join(root, "pdfs");
    await writeIngestBenchPdfs(folder);
    const local = {
      JIKJI_EMBED_MODEL_DIR: join(modelsDir, "e5-small-int8"),
      JIKJI_EMBED_QUANTIZED: "true",
      JIKJI_EMBED_QUERY_PREFIX: "query: ",
      JIKJI_EMBED_PASSAGE_PREFIX: "passage: ",
    };
    const rows: Array<{ label: string; seconds: number; pages: number; chunks: number; loopP99Ms?: number }> = [];
    for (let run = 0; run < RUNS; run++) {
      for (const [label, env] of [
        ["lexical only", {}],
        ["local embedding (e5-small shape, int8)", local],
      ] as const) {
        const dataDir = join(root, `data-${run}-${rows.length}`);
        const loop = monitorEventLoopDelay({ resolution: 10 });
        loop.enable();
        const started = performance.now();
        const out = await jikji(["ingest", folder, "--data-dir", dataDir], env);
        const seconds = (performance.now() - started) / 1000;
        loop.disable();
        const counts = /\((\d+) pages, (\d+) chunks\)/.exec(out);
        if (counts === null) throw new Error(`Unexpected ingest output: ${out}`);
        rows.push({ label, seconds, pages: Number(counts[1]), chunks: Number(counts[2]), loopP99Ms: loop.percentile(99) / 1e6 });
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    console.log("");
    console.log("| ingest (3 Debian PDFs, `jikji ingest <folder>`) | pages | chunks | wall time | pages/s (best) | event-loop delay p99 |");
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const label of new Set(rows.map((row) => row.label))) {
      const mine = rows.filter((row) => row.label === label);
      const best = Math.min(...mine.map((row) => row.seconds));
      console.log(
        `| ${label} | ${mine[0]!.pages} | ${mine[0]!.chunks} | ${mine.map((row) => `${row.seconds.toFixed(1)} s`).join(" / ")} | ${(mine[0]!.pages / best).toFixed(1)} | ${Math.max(...mine.map((row) => row.loopP99Ms ?? 0)).toFixed(0)} ms |`,
      );
    }
    console.log(`\nload average ${load()} at the end`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
