/**
 * The foundation's figures on a stated corpus, through jikji's real pipeline on the embedded default
 * (PGlite + LanceDB, lexical only):
 *   1. ingest throughput on real PDFs from Debian packages (pages/s, whole files through parse → chunk → store → index);
 *   2. search latency p50/p95 in-process (tokenize → index → hydrate from the store), KorQuAD questions over
 *      the KorQuAD paragraphs plus those PDFs.
 * Run: npx node bench/foundation.ts
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.ts";
import { runIngestJob } from "../src/ingest/jobs.ts";
import { openJikji } from "../src/runtime.ts";
import { loadDebianPdfs } from "./lib/debian-pdfs.ts";
import { ingestKorquad } from "./lib/ingest-korquad.ts";


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-bench-"));
try {
  const files = await loadDebianPdfs();
  const totalBytes = files.reduce((sum, file) => sum + file.bytes.byteLength, 0);

  const jikji = await openJikji(loadConfig({}, { dataDir: path.join(root, "data") }), { scanIndex: false });
  const job = await jikji.store.createJob(null, files.length);
  const started = performance.now();
  const report = await runIngestJob(jikji, {
    jobId: job.id,
    collection: "pdfs",
    accessGroups: [],
    maxFileBytes: 200 * 1024 * 1024,
    files: files.map((file) => ({ source: file.source, sizeBytes: file.bytes.byteLength, read: async () => file.bytes })),
  });
  const ingestSeconds = (performance.now() - started) / 1000;
  if (report.counters.failed > 0) throw new Error(`ingest failed: ${JSON.stringify(report.files)}`);

  const { documents, questions, seconds: korquadSeconds } = await ingestKorquad(jikji);
  const counts = await jikji.store.counts();

  const sample = questions.filter((_, i) => i % 3 === 0);
  for (const question of sample.slice(0, 50)) await jikji.search({ query: question.question, k: 10, filter: {} });
  const latencies: number[] = [];
  for (const question of sample) {
    const t0 = performance.now();
    await jikji.search({ query: question.question, k: 10, filter: {} });
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  await jikji.close();

  const indexBytes = await du(path.join(root, "data", "index"));
  console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log("");
  console.log("| corpus | files | pages | chunks | MB | seconds | pages/s | files/s |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  console.log(
    `| ${files.length} Debian PDFs (Korean TeX manuals, bzip2 manual) | ${files.length} | ${report.counters.pages} | ` +
      `${report.counters.chunks} | ${(totalBytes / 2 ** 20).toFixed(1)} | ${ingestSeconds.toFixed(1)} | ` +
      `${(report.counters.pages / ingestSeconds).toFixed(1)} | ${(files.length / ingestSeconds).toFixed(2)} |`,
  );
  console.log(
    `| KorQuAD paragraphs (text files) | ${documents.length} | – | – | – | ${korquadSeconds.toFixed(1)} | – | ` +
      `${(documents.length / korquadSeconds).toFixed(1)} |`,
  );
  console.log("");
  console.log(`search over ${counts.documents} documents / ${counts.chunks} chunks, ${latencies.length} KorQuAD questions, k=10:`);
  console.log(`| p50 ms | p95 ms | max ms | index on disk MB |`);
  console.log(`| ---: | ---: | ---: | ---: |`);
  console.log(
    `| ${percentile(latencies, 50).toFixed(2)} | ${percentile(latencies, 95).toFixed(2)} | ` +
      `${latencies.at(-1)!.toFixed(2)} | ${(indexBytes / 2 ** 20).toFixed(1)} |`,
  );
} finally {
  await fs.rm(root, { recursive: true, force: true });
}

async function du(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
