/**
 * What the ingest safety machinery costs (issue 5): the same real PDFs from Debian packages ingested through the
 * whole pipeline (parse → chunk → store → index, embedded default, lexical only), once parsing on the calling
 * thread with no limits, once in the bounded worker thread with the default limits and OCR on (as the CLI and server
 * run), and in the worker with OCR off to separate the worker's cost from OCR's. Each mode runs a warm-up round
 * and then ROUNDS times (a multiple of the three modes, so each follows each equally often) into a fresh data dir,
 * in rotating order, and the median is printed. Then the hostile corpus goes through the worker
 * while the process's RSS is sampled.
 * Run: npx node bench/ingest-safety.ts
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/config.ts";
import { runIngestJob } from "../src/ingest/jobs.ts";
import { parserFromConfig, type DocumentParser } from "../src/ingest/parser.ts";
import { openJikji } from "../src/runtime.ts";
import { loadDebianPdfs } from "./lib/debian-pdfs.ts";

const ROUNDS = 6;
const HOSTILE = fileURLToPath(new URL("../test/fixtures/hostile/", import.meta.url));

interface File {
  source: string;
  bytes: Uint8Array;
}

async function ingest(root: string, files: readonly File[], parser: DocumentParser | undefined) {
  const config = loadConfig({}, { dataDir: await fs.mkdtemp(path.join(root, "data-")) });
  const jikji = await openJikji(config, { scanIndex: false });
  try {
    const job = await jikji.store.createJob(null, files.length);
    const started = performance.now();
    const report = await runIngestJob(
      { ...jikji, ...(parser ? { parser, maxChunksPerDocument: config.limits.maxChunksPerDocument } : {}) },
      {
        jobId: job.id,
        collection: "bench",
        accessGroups: [],
        maxFileBytes: config.limits.maxFileBytes,
        files: files.map((file) => ({ source: file.source, sizeBytes: file.bytes.byteLength, read: async () => file.bytes })),
      },
    );
    return { seconds: (performance.now() - started) / 1000, report };
  } finally {
    await jikji.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-bench-safety-"));
try {
  const files: File[] = await loadDebianPdfs();
  const megabytes = files.reduce((sum, file) => sum + file.bytes.byteLength, 0) / 1024 / 1024;

  const defaults = loadConfig({});
  const withoutOcr = loadConfig({ JIKJI_OCR: "off" });
  // One parser per mode for the whole run, as a server keeps its worker; the first round warms every mode up
  // (module loading, JIT, pdf.js's CMap cache) and is not counted.
  const MODES = {
    "in-process": { label: "calling thread, no limits (unprotected)", parser: undefined },
    worker: { label: "worker thread, default limits, OCR off", parser: parserFromConfig(withoutOcr) },
    "worker+ocr": { label: "worker thread, default limits, OCR on (the default)", parser: parserFromConfig(defaults) },
  } as const;
  const names = Object.keys(MODES) as Array<keyof typeof MODES>;
  const timings = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<keyof typeof MODES, number[]>;
  const cold = {} as Record<keyof typeof MODES, number>;
  let pages = 0;
  let chunks = 0;
  let ocrPages = 0;
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      for (const mode of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
        const { seconds, report } = await ingest(root, files, MODES[mode].parser);
        if (report.counters.failed > 0) throw new Error(`${mode}: ${JSON.stringify(report.files)}`);
        if (round > 0) timings[mode].push(seconds);
        else cold[mode] = seconds;
        pages = report.counters.pages;
        chunks = report.counters.chunks;
        if (mode === "worker+ocr") ocrPages = report.files.flatMap((file) => file.warnings ?? []).filter((note) => /: OCR/.test(note)).length;
      }
    }
  } finally {
    for (const mode of names) await MODES[mode].parser?.close();
  }

  console.log(`corpus: ${files.length} PDFs from Debian, ${megabytes.toFixed(1)} MB, ${pages} pages, ${chunks} chunks; median of ${ROUNDS} runs`);
  console.log(`pages without a text layer that OCR ran on: ${ocrPages}`);
  console.log("| parsing | s | pages/s | files/s | first (cold) run s |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const mode of names) {
    const seconds = median(timings[mode]);
    console.log(
      `| ${MODES[mode].label} | ${seconds.toFixed(2)} | ${(pages / seconds).toFixed(1)} | ${(files.length / seconds).toFixed(2)} | ${cold[mode].toFixed(2)} |`,
    );
  }
  for (const mode of ["worker", "worker+ocr"] as const) {
    console.log(`${mode} versus in-process: ${((median(timings[mode]) / median(timings["in-process"]) - 1) * 100).toFixed(1)} % longer`);
  }

  const hostile: File[] = [];
  for (const name of (await fs.readdir(HOSTILE)).sort()) {
    if (name === "README.md" || name === "generate.ts") continue;
    hostile.push({ source: name, bytes: new Uint8Array(await fs.readFile(path.join(HOSTILE, name))) });
  }
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
  const parser = parserFromConfig(defaults);
  try {
    const { seconds, report } = await ingest(root, hostile, parser);
    console.log(
      `hostile corpus: ${hostile.length} files in ${seconds.toFixed(2)} s, ${report.counters.failed} failed one by one, ` +
        `${report.counters.ingested} ingested; RSS ${(rssBefore / 1024 / 1024).toFixed(0)} MB before, peak ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
    );
  } finally {
    clearInterval(sampler);
    await parser.close();
  }
} finally {
  await fs.rm(root, { recursive: true, force: true });
}
