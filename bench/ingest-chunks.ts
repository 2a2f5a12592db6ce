/**
 * Where `jikji ingest`'s steady-state time goes once files are parsed: chunking, turning chunks into index points
 * (tokenizing), and each store and index call `ingestFile` makes, per chunk. Files are parsed first (untimed) and
 * handed to `ingestFile` ready-made, so parsing and the worker pool are out of the figures; a fresh data dir per
 * mode (made from the template cache, like `jikji ingest`), opened before the clock starts.
 *
 * Modes: `merge` writes every document's points with a merge-insert (as before new documents were appended),
 * `append` is what ingest does now (a new document's points appended; the backlog folded in every 2,000 rows),
 * `bulk` appends them as a bulk load folded once at the end (measured and rejected: with one small fragment per
 * file, each write costs more as they pile up, and the end's fold is larger; see BENCHMARKS.md). Each mode's run
 * is its own data dir; with `--runs 2` they alternate. The second mode run in a process gains ~5-7 % from warm-up:
 * compare with `--modes` in both orders.
 *
 * Run: flock /tmp/jikji-bench.lock npx node bench/ingest-chunks.ts [--files 400] [--runs 1] [--modes merge,append,bulk]
 * Files: the first N Korean LibreOffice help pages (HTML, Debian's libreoffice-help-ko), the ≥ 1,000-file corpus.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../src/ingest/chunk.ts";
import { ingestFile } from "../src/ingest/ingest.ts";
import { parseDocument } from "../src/ingest/parse.ts";
import type { DocumentParser, ParseResult } from "../src/ingest/parser.ts";
import { toIndexPoint } from "../src/ingest/points.ts";
import type { SearchIndex, UpsertOptions } from "../src/retrieve/index/port.ts";
import { openJikji } from "../src/runtime.ts";
import type { Store } from "../src/store/store.ts";
import { distractorFiles } from "./lib/distractors.ts";

const { values } = parseArgs({
  options: {
    files: { type: "string", default: "400" },
    runs: { type: "string", default: "1" },
    modes: { type: "string", default: "merge,append" },
  },
});
const modes = values.modes.split(",") as Array<"merge" | "append" | "bulk">;
if (modes.some((mode) => mode !== "merge" && mode !== "append" && mode !== "bulk")) throw new Error(`--modes takes merge, append and/or bulk, got ${values.modes}`);

const paths = (await distractorFiles()).slice(0, Number(values.files));
const files: Array<{ source: string; bytes: Uint8Array; parsed: ParseResult }> = [];
for (const file of paths) {
  const bytes = new Uint8Array(await readFile(file));
  const parsed = await parseDocument(bytes, file);
  if (parsed.document.text.trim() === "") continue;
  files.push({ source: file, bytes, parsed });
}

// The pure steps, timed alone over every file (median of 3 passes).
const pureMs = { chunk: [] as number[], points: [] as number[] };
let totalChunks = 0;
for (let pass = 0; pass < 3; pass++) {
  let chunkMs = 0;
  let pointsMs = 0;
  totalChunks = 0;
  for (const file of files) {
    let started = performance.now();
    const pieces = chunkDocument(file.parsed.document, DEFAULT_CHUNK_OPTIONS);
    chunkMs += performance.now() - started;
    started = performance.now();
    for (const piece of pieces) {
      toIndexPoint({
        chunkId: "00000000-0000-5000-8000-000000000000",
        documentId: "d",
        version: 1,
        collection: "default",
        accessGroups: [],
        title: file.parsed.document.title,
        headingPath: piece.headingPath,
        clausePath: piece.clausePath,
        text: piece.text,
        role: piece.role,
      }, undefined);
    }
    pointsMs += performance.now() - started;
    totalChunks += pieces.length;
  }
  pureMs.chunk.push(chunkMs);
  pureMs.points.push(pointsMs);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Sums each method's wall time; calls are sequential (one file at a time), so the sums add up. */
function timed<T extends object>(target: T, into: Map<string, number>, prefix: string, rewrite?: (name: string, args: unknown[]) => unknown[]): T {
  return new Proxy(target, {
    get(object, name, receiver) {
      const value = Reflect.get(object, name, receiver);
      if (typeof value !== "function" || typeof name !== "string") return value;
      // The document lock wraps the calls below it: timing it too would count them twice.
      if (name === "withDocumentLock") return value.bind(object);
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await value.apply(object, rewrite ? rewrite(name, args) : args);
        } finally {
          const key = `${prefix}.${name}`;
          into.set(key, (into.get(key) ?? 0) + performance.now() - started);
        }
      };
    },
  });
}

const parsedByBytes = new Map(files.map((file) => [file.bytes, file.parsed]));
const readyParser: DocumentParser = {
  async parse(bytes) {
    const parsed = parsedByBytes.get(bytes);
    if (parsed === undefined) throw new Error("the bench parses every file before it starts");
    return parsed;
  },
  close: async () => undefined,
};

console.log(
  `${files.length} HTML files (libreoffice-help-ko), ${totalChunks} chunks; Node ${process.version}, ${cpus().length} cores; ` +
    `load average ${loadavg().map((load) => load.toFixed(2)).join(" ")}`,
);
console.log(`pure steps (main thread, median of 3): chunking ${median(pureMs.chunk).toFixed(0)} ms (${(median(pureMs.chunk) / totalChunks).toFixed(3)} ms/chunk), index points (tokenizing) ${median(pureMs.points).toFixed(0)} ms (${(median(pureMs.points) / totalChunks).toFixed(3)} ms/chunk)`);

const root = await mkdtemp(join(tmpdir(), "jikji-bench-ingest-chunks-"));
try {
  for (let run = 0; run < Number(values.runs); run++) {
    for (const mode of modes) {
      const dataDir = join(root, `${mode}-${run}`);
      const jikji = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false, observe: false });
      const spent = new Map<string, number>();
      // `merge` drops the hint ingestFile gives for new documents, so their points go through a merge-insert;
      // `bulk` turns it into a bulk load's.
      const index = timed<SearchIndex>(jikji.index, spent, "index", (name, args) =>
        name !== "upsert" || mode === "append" || (args[1] as UpsertOptions | undefined)?.allNew !== true ? args : mode === "merge" ? [args[0]] : [args[0], { bulk: true }],
      );
      const store = timed<Store>(jikji.store, spent, "store");
      const originals = timed(jikji.originals, spent, "originals");
      const collectionId = await jikji.store.ensureCollection("default");
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      let chunks = 0;
      for (const file of files) {
        const outcome = await ingestFile(
          { store, index, embedder: null, parser: readyParser, originals },
          { collectionId, collection: "default", source: file.source, bytes: file.bytes, accessGroups: [] },
        );
        chunks += outcome.chunks;
      }
      const writeMs = performance.now() - started;
      const optimizeStarted = performance.now();
      await jikji.index.optimize();
      const optimizeMs = performance.now() - optimizeStarted;
      const cpu = process.cpuUsage(cpuBefore);
      await jikji.close();
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      console.log(
        `\n${mode} (run ${run + 1}): ${files.length} files, ${chunks} chunks; ${(writeMs / 1000).toFixed(2)} s wall writing + ${(optimizeMs / 1000).toFixed(2)} s closing optimize; ` +
          `${cpuSeconds.toFixed(2)} CPU s in all (every thread); ${(writeMs / chunks).toFixed(2)} ms wall/chunk, ${((cpuSeconds * 1000) / chunks).toFixed(2)} ms CPU/chunk; ` +
          `load average ${loadavg().map((load) => load.toFixed(2)).join(" ")}`,
      );
      console.log("| call | wall s | ms per file | ms per chunk | share of writing |");
      console.log("|---|---|---|---|---|");
      const accounted = [...spent.values()].reduce((sum, ms) => sum + ms, 0);
      for (const [name, ms] of [...spent.entries(), ["everything else (chunking, tokenizing, ids, glue)", writeMs - accounted] as const].sort((a, b) => b[1] - a[1])) {
        console.log(`| ${name} | ${(ms / 1000).toFixed(2)} | ${(ms / files.length).toFixed(2)} | ${(ms / chunks).toFixed(3)} | ${((100 * ms) / writeMs).toFixed(0)} % |`);
      }
    }
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
