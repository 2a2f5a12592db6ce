/**
 * (e) Ingest throughput on the same PDFs, jikji against LangChain.js, as a ratio in one run.
 * jikji: `jikji ingest <folder>` into a fresh temporary data dir (embedded default: parse with page offsets, sentence-
 * aware chunking, PGlite store, LanceDB index; no embedding model). LangChain.js: PDFLoader (pdf-parse) →
 * RecursiveCharacterTextSplitter (1,200/200 characters, jikji's defaults) → MemoryVectorStore with FakeEmbeddings.
 * Each side runs RUNS times, alternating; the median wall time counts. jikji makes each new data dir from the
 * template in a per-run cache dir (JIKJI_CACHE_DIR), written by one untimed-in-the-table first ingest. PDFs come from Debian (fetched on first use).
 * With --large, a second table: `jikji ingest` of the 2,561 Korean LibreOffice help pages (HTML, Debian's
 * libreoffice-help-ko) as its own process under GNU time, for files/s and peak RSS at ≥ 1,000 files.
 * Run: flock /tmp/jikji-bench.lock node bench/ingest.ts [--large | --only-large]
 */
import { spawnSync } from "node:child_process";
import { cpus, tmpdir } from "node:os";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { percentile } from "../src/retrieve/eval.ts";
import { jikji } from "./lib/cli.ts";
import { writeIngestBenchPdfs } from "./lib/debian-pdfs.ts";
import { distractorFolder, distractorPages } from "./lib/distractors.ts";
import { importLangchain } from "./lib/peers.ts";

const RUNS = 3;

type LangchainDocument = { pageContent: string; metadata: Record<string, unknown> };
const { PDFLoader } = await importLangchain<{
  PDFLoader: new (path: string) => { load(): Promise<LangchainDocument[]> };
}>("@langchain/community/document_loaders/fs/pdf");
const { RecursiveCharacterTextSplitter } = await importLangchain<{
  RecursiveCharacterTextSplitter: new (options: { chunkSize: number; chunkOverlap: number }) => {
    splitDocuments(documents: LangchainDocument[]): Promise<LangchainDocument[]>;
  };
}>("@langchain/textsplitters");
const { MemoryVectorStore } = await importLangchain<{
  MemoryVectorStore: { fromDocuments(documents: LangchainDocument[], embeddings: unknown): Promise<unknown> };
}>("@langchain/classic/vectorstores/memory");
const { FakeEmbeddings } = await importLangchain<{ FakeEmbeddings: new () => unknown }>("@langchain/core/utils/testing");

const root = await mkdtemp(join(tmpdir(), "jikji-bench-ingest-"));
try {
  if (!process.argv.includes("--only-large")) {
    const folder = join(root, "pdfs");
    const files = await writeIngestBenchPdfs(folder);

    // `jikji ingest` also opens the data dir (PGlite start + migrations, LanceDB table + FTS index): timed alone on a
    // one-line text file, so the table can show throughput with and without that fixed cost.
    const tiny = join(root, "tiny");
    await mkdir(tiny);
    await writeFile(join(tiny, "note.txt"), "한 줄.\n");
    // A new data dir is copied from the per-user cache's template (PGlite initialised and migrated); the first
    // `jikji ingest` on a machine (or after a schema change) writes it, timed here once and shown apart.
    const env = { JIKJI_CACHE_DIR: join(root, "cache") };
    let started = performance.now();
    await jikji(["ingest", tiny, "--data-dir", join(root, "tiny-data-first")], env);
    const firstSeconds = (performance.now() - started) / 1000;
    await rm(join(root, "tiny-data-first"), { recursive: true, force: true });
    const startupSeconds: number[] = [];
    const jikjiSeconds: number[] = [];
    const langchainSeconds: number[] = [];
    let pages = 0;
    let jikjiChunks = 0;
    let langchainChunks = 0;
    for (let run = 0; run < RUNS; run++) {
      const tinyDir = join(root, `tiny-data-${run}`);
      started = performance.now();
      await jikji(["ingest", tiny, "--data-dir", tinyDir], env);
      startupSeconds.push((performance.now() - started) / 1000);
      await rm(tinyDir, { recursive: true, force: true });

      const dataDir = join(root, `data-${run}`);
      started = performance.now();
      const out = await jikji(["ingest", folder, "--data-dir", dataDir], env);
      jikjiSeconds.push((performance.now() - started) / 1000);
      const counts = /\((\d+) pages, (\d+) chunks\)/.exec(out);
      if (counts === null) throw new Error(`Unexpected ingest output: ${out}`);
      pages = Number(counts[1]);
      jikjiChunks = Number(counts[2]);
      await rm(dataDir, { recursive: true, force: true });

      started = performance.now();
      const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1200, chunkOverlap: 200 });
      langchainChunks = 0;
      for (const file of files) {
        const chunks = await splitter.splitDocuments(await new PDFLoader(file).load());
        await MemoryVectorStore.fromDocuments(chunks, new FakeEmbeddings());
        langchainChunks += chunks.length;
      }
      langchainSeconds.push((performance.now() - started) / 1000);
    }
    const jikjiMedian = percentile(jikjiSeconds, 50);
    const startupMedian = percentile(startupSeconds, 50);
    const jikjiNet = jikjiMedian - startupMedian;
    const langchainMedian = percentile(langchainSeconds, 50);
    console.log(`${files.length} PDFs (${files.map((file) => basename(file)).join(", ")}), ${pages} pages; median of ${RUNS} runs; Node ${process.version}, ${cpus().length} cores`);
    console.log("| system | seconds | pages/s | chunks | throughput vs LangChain.js |");
    console.log("|---|---|---|---|---|");
    console.log(`| jikji ingest (embedded default), whole command | ${jikjiMedian.toFixed(2)} | ${(pages / jikjiMedian).toFixed(1)} | ${jikjiChunks} | ${(langchainMedian / jikjiMedian).toFixed(2)}× |`);
    console.log(`| jikji ingest, less opening the data dir (${startupMedian.toFixed(2)} s) | ${jikjiNet.toFixed(2)} | ${(pages / jikjiNet).toFixed(1)} | ${jikjiChunks} | ${(langchainMedian / jikjiNet).toFixed(2)}× |`);
    console.log(`| LangChain.js PDFLoader + RecursiveCharacterTextSplitter + MemoryVectorStore (FakeEmbeddings) | ${langchainMedian.toFixed(2)} | ${(pages / langchainMedian).toFixed(1)} | ${langchainChunks} | 1.00× |`);
    console.log(`\nThe first \`jikji ingest\` with an empty cache (one line of text; initdb, migrations, writing the template): ${firstSeconds.toFixed(2)} s`);
  }
  if (process.argv.includes("--large") || process.argv.includes("--only-large")) {
    const folder = await distractorFolder();
    const count = (await distractorPages()).length;
    const dataDir = join(root, "data-large");
    const bin = join(import.meta.dirname, "../bin/jikji.js");
    const out = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S %M", process.execPath, bin, "ingest", folder, "--data-dir", dataDir], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const timeLine = out.stderr.split("\n").find((line) => line.startsWith("TIME "));
    const summary = /(\d+) ingested, \d+ unchanged, (\d+) failed \((\d+) pages, (\d+) chunks\)/.exec(out.stdout);
    if (timeLine === undefined || summary === null) throw new Error(`large ingest failed (exit ${out.status}): ${out.stdout.slice(-1000)} ${out.stderr.slice(-1000)}`);
    const [wall, user, system, rssKb] = timeLine.slice(5).split(" ").map(Number);
    console.log(`\n${count} HTML files (libreoffice-help-ko), one whole \`jikji ingest\` process`);
    console.log("| corpus | files | ingested | failed | chunks | seconds | files/s | CPU s | peak RSS MB |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    console.log(
      `| LibreOffice Korean help (HTML) | ${count} | ${summary[1]} | ${summary[2]} | ${summary[4]} | ${wall!.toFixed(1)} | ${(count / wall!).toFixed(1)} | ${(user! + system!).toFixed(1)} | ${(rssKb! / 1024).toFixed(0)} |`,
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
