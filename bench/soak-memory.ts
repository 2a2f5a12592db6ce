/**
 * Where `serve`'s memory goes under writes (issue 12, part 5): the soak's writes in one process, without the
 * query load, with the resident memory split every `--every` iterations. Run on a copy: the data dir is written.
 *
 *   npx node --expose-gc bench/soak-memory.ts <copy of a data dir> [--iterations 60] [--every 5] [--mode app|index|search]
 *
 * `app`: the whole serve app in process (hono's `app.fetch`, no socket): each iteration uploads one Korean/English
 * text document (POST /v1/documents), follows its job to the end (which ends in the index's optimize()), and
 * deletes every third upload (DELETE /v1/documents/:id), as `bench/load.ts soak`'s uploader and deleter do.
 * `index`: the embedded index alone, the same writes through the index port (upsert, delete, optimize), so the
 * store, the parser and the app are out of the picture. `search`: searches only (the caches' working set).
 *
 * Each line: RSS; the JS heap (used / total), external and array buffers (process.memoryUsage); PGlite's
 * WebAssembly memory (it grows, never shrinks; V8 counts it in `external`); "native" = RSS − heap total − external,
 * what LanceDB and Node allocate outside V8; LanceDB's session caches as it counts them; and the index's table
 * versions, data files and index directories on disk.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createServerApp } from "../src/api/server.ts";
import { loadConfig } from "../src/config.ts";
import { openJikji } from "../src/runtime.ts";
import { termCounts } from "../src/retrieve/tokenize.ts";
import { PGlite } from "@electric-sql/pglite";
import { loadKorquad } from "./lib/korquad.ts";
import { mixedQuestions } from "./lib/serve.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    iterations: { type: "string", default: "60" },
    every: { type: "string", default: "5" },
    mode: { type: "string", default: "app" },
  },
  allowPositionals: true,
});
const [dataDir] = positionals;
if (!dataDir || !["app", "index", "search"].includes(values.mode)) {
  console.error("usage: npx node --expose-gc bench/soak-memory.ts <data dir copy> [--iterations N] [--every N] [--mode app|index|search]");
  process.exit(2);
}
const iterations = Number(values.iterations);
const every = Number(values.every);
const MB = 1024 * 1024;

const filler = loadKorquad()
  .documents.flatMap((document) => document.body.split(/(?<=[.!?])\s+/))
  .map((s) => s.trim())
  .filter((s) => s.length > 20);

function documentText(n: number, marker: string): string {
  const sentences = Array.from({ length: 12 }, (_, i) => filler[(n * 37 + i * 11) % filler.length]!);
  sentences.splice(6, 0, `이 문서의 표식은 ${marker} 입니다 (marker ${marker}).`);
  return sentences.join("\n\n");
}

function onDisk(indexDir: string): { versions: number; dataFiles: number; indexDirs: number } {
  const table = path.join(indexDir, "chunks.lance");
  const count = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).length : 0);
  return { versions: count(path.join(table, "_versions")), dataFiles: count(path.join(table, "data")), indexDirs: count(path.join(table, "_indices")) };
}

// The store does not hand out its PGlite client; the first query tells us which it is. Its emscripten module's
// heap is the WebAssembly memory.
let pglite: { mod?: { HEAPU8?: Uint8Array } } | null = null;
const query = PGlite.prototype.query;
PGlite.prototype.query = function (this: PGlite, ...args: Parameters<typeof query>) {
  pglite ??= this as unknown as typeof pglite;
  return query.apply(this, args);
} as typeof query;
const wasmBytes = (): number => pglite?.mod?.HEAPU8?.byteLength ?? 0;

const jikji = await openJikji(loadConfig({ JIKJI_RATE_LIMIT_PER_IP: "100000000" }, { dataDir }), { scanIndex: false });

const started = Date.now();
async function sample(i: number): Promise<void> {
  const { cacheBytes } = await jikji.index.stats();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const wasm = wasmBytes();
  // V8 counts the WebAssembly memory in `external`.
  const native = m.rss - m.heapTotal - m.external;
  const disk = onDisk(path.join(dataDir!, "index"));
  console.log(
    `${String(i).padStart(4)} ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s | rss ${(m.rss / MB).toFixed(0)} | heap ${(m.heapUsed / MB).toFixed(0)}/${(m.heapTotal / MB).toFixed(0)} ` +
      `| external ${(m.external / MB).toFixed(0)} (arrayBuffers ${(m.arrayBuffers / MB).toFixed(0)}) | of which wasm ${(wasm / MB).toFixed(0)} | native ${(native / MB).toFixed(0)} ` +
      `| LanceDB caches ${cacheBytes == null ? "?" : (cacheBytes / MB).toFixed(0)} MB ` +
      `| versions ${disk.versions}, data files ${disk.dataFiles}, index dirs ${disk.indexDirs}`,
  );
}

try {
  console.log(`mode ${values.mode}, ${iterations} iterations on ${dataDir}: ${(await jikji.store.counts()).chunks.toLocaleString("en")} chunks`);
  await sample(0);
  if (values.mode === "app") {
    const { app } = createServerApp(jikji);
    const call = async (url: string, init: RequestInit, expected: number) => {
      const response = await app.fetch(new Request(`http://127.0.0.1${url}`, init));
      if (response.status !== expected) throw new Error(`${init.method ?? "GET"} ${url}: HTTP ${response.status} ${await response.text()}`);
      return response;
    };
    const uploaded: string[] = [];
    for (let i = 1; i <= iterations; i++) {
      const marker = `soakmem${i}q`;
      const form = new FormData();
      form.append("file", new File([documentText(i, marker)], `soak-mem-${i}.txt`, { type: "text/plain" }));
      form.append("collection", "soak");
      const { jobId } = (await (await call("/v1/documents", { method: "POST", body: form }, 202)).json()) as { jobId: string };
      for (;;) {
        const job = (await (await call(`/v1/jobs/${jobId}`, {}, 200)).json()) as { status: string; files: Array<{ documentId?: string }> };
        if (job.status === "queued" || job.status === "running") {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        if (job.status !== "succeeded") throw new Error(`job ${jobId} ${job.status}: ${JSON.stringify(job.files)}`);
        uploaded.push(job.files[0]!.documentId!);
        break;
      }
      if (i % 3 === 0) await (await call(`/v1/documents/${uploaded[i - 3]}`, { method: "DELETE" }, 204)).body?.cancel();
      if (i % every === 0) await sample(i);
    }
  } else if (values.mode === "search") {
    const { app } = createServerApp(jikji);
    const questions = await mixedQuestions();
    for (let i = 1; i <= iterations; i++) {
      const response = await app.fetch(
        new Request("http://127.0.0.1/v1/search", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: questions[i % questions.length], k: 10 }),
        }),
      );
      if (response.status !== 200) throw new Error(`search: HTTP ${response.status} ${await response.text()}`);
      await response.json();
      if (i % every === 0) await sample(i);
    }
  } else {
    const { index } = jikji;
    for (let i = 1; i <= iterations; i++) {
      const documentId = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      const text = documentText(i, `soakmem${i}q`);
      const points = text.split("\n\n").map((sentence, c) => ({
        chunkId: `${documentId}:${c}`,
        documentId,
        version: 1,
        collection: "soak",
        accessGroups: [],
        terms: termCounts(sentence),
      }));
      await index.upsert(points);
      if (i % 3 === 0) await index.deleteDocument(`00000000-0000-4000-8000-${String(i - 2).padStart(12, "0")}`);
      await index.optimize();
      if (i % every === 0) await sample(i);
    }
  }
} finally {
  await jikji.close();
}
