/**
 * Issue 12 part 4: the embedded default (PGlite store + LanceDB index) at 1,000,000 chunks on one machine.
 *
 *   npx node bench/scale.ts write <dir> [--chunks 1000000] [--batch 5000]
 *     Writes a data dir of real Korean and English text through the store and index ports, as ingest does per
 *     document (stageVersion → index upsert → publishVersion), in batches of `--batch` chunks: the store stages a
 *     batch's documents while LanceDB writes the previous batch's points. The points go in as a bulk load (as
 *     `jikji reindex` writes them: appended, folded into the full-text index by one optimize() at the end); folding
 *     every few thousand rows, as ingest jobs do, rewrites the whole table each time (see BENCHMARKS.md). Text: sentence-shuffled windows over
 *     the KorQuAD dev paragraphs (grouped by article), the Korean LibreOffice help pages and the real-document
 *     manuals (Debian PDFs and HTML FAQs, parsed by jikji's own parser); ~500-character chunks, 40 per document.
 *     Ends with the index's optimize(), as every ingest job does. Prints write time, peak RSS, disk as written.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/scale.ts measure <dir> [--uploads 3] [--backlog 0]
 *     In a new process (as `serve` or a one-shot `jikji search` would start): time to open the data dir, the first
 *     search, RSS when idle after it; then search p50/p95 through the whole `search` (index, store hydration, the
 *     built-in reranker over the top 30), k 10, over varied real questions (KorQuAD dev questions and the
 *     real-document questions, Korean and English) after a warm-up; the same with a collection + access-group
 *     filter; `--uploads` small files ingested (with the job's closing optimize()) and deleted; `--backlog N`: N
 *     small files ingested and kept (the fold policy may leave them unfolded), searches timed, then deleted. Then the index's
 *     replaced versions are pruned and the disk is measured again.
 *
 *   npx node bench/scale.ts reindex <dir>
 *     `jikji reindex`'s path (openJikji with rebuildIndex, then rebuildIndex(), which records the analyzer): time, peak
 *     RSS, disk as written.
 *     Follow with `measure` for the rebuilt index's figures.
 */
import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { connect, MatchQuery, Operator } from "@lancedb/lancedb";
import { loadConfig } from "../src/config.ts";
import { chunkId } from "../src/ingest/ids.ts";
import { deleteDocument, ingestFile } from "../src/ingest/ingest.ts";
import { rebuildIndex } from "../src/operate/index-status.ts";
import { parseDocument } from "../src/ingest/parse.ts";
import { toIndexPoint } from "../src/ingest/points.ts";
import { percentile } from "../src/retrieve/eval.ts";
import { queryTerms } from "../src/retrieve/tokenize.ts";
import { PUBLIC_ACCESS_GROUP, type IndexPoint } from "../src/retrieve/index/port.ts";
import { openJikji, type Jikji } from "../src/runtime.ts";
import type { NewChunk, NewDocumentVersion } from "../src/store/store.ts";
import { distractorDocuments } from "./lib/distractors.ts";
import { loadKorquad } from "./lib/korquad.ts";
import { loadRealQuestions, REAL_DOCUMENTS, realDocumentBytes } from "./lib/real-docs.ts";

const CHUNK_CHARS = 500;
const CHUNKS_PER_DOCUMENT = 40;
const WARMUP = 50;
const QUERIES = 500;
const COLLECTION = "default";

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function diskReport(dataDir: string): Promise<string> {
  const parts: string[] = [];
  let total = 0;
  for (const entry of await readdir(dataDir, { withFileTypes: true })) {
    const full = join(dataDir, entry.name);
    const bytes = entry.isDirectory() ? await directoryBytes(full) : (await stat(full)).size;
    total += bytes;
    if (bytes > 2 ** 20) parts.push(`${entry.name} ${(bytes / 2 ** 20).toFixed(0)} MB`);
  }
  return `${(total / 2 ** 20).toFixed(0)} MB (${parts.join(", ")})`;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const peakRss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
const machine = () => `Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(" ")}`;

function openDataDir(dataDir: string, options: { scanIndex: boolean; rebuildIndex?: boolean }): Promise<Jikji> {
  // Today's defaults, except the fold policy when JIKJI_INDEX_FOLD is set (to time `eager` against `deferred`).
  return openJikji(loadConfig({ JIKJI_INDEX_FOLD: process.env.JIKJI_INDEX_FOLD }, { dataDir }), options);
}

/** Source texts as lists of sentences, each with a title: KorQuAD articles, LibreOffice help pages, real manuals. */
async function sourceTexts(): Promise<Array<{ title: string; sentences: string[] }>> {
  const split = (text: string) =>
    text
      .split(/\n+|(?<=[.!?。])\s+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 20);
  const sources: Array<{ title: string; sentences: string[] }> = [];
  const articles = new Map<string, string[]>();
  for (const document of loadKorquad().documents) {
    articles.set(document.title, [...(articles.get(document.title) ?? []), ...split(document.body)]);
  }
  for (const [title, sentences] of articles) sources.push({ title, sentences });
  for (const document of await distractorDocuments()) sources.push({ title: document.title, sentences: split(document.text) });
  for (const document of REAL_DOCUMENTS) {
    const { document: parsed } = await parseDocument(await realDocumentBytes(document), document.name);
    sources.push({ title: parsed.title ?? document.name, sentences: split(parsed.text) });
  }
  return sources.filter((source) => source.sentences.length >= 3);
}

interface PlannedDocument {
  version: NewDocumentVersion;
  chunks: NewChunk[];
  title: string;
}

function planDocument(
  sources: ReadonlyArray<{ title: string; sentences: string[] }>,
  random: () => number,
  collectionId: string,
  n: number,
  chunkCount: number,
): PlannedDocument {
  const source = sources[Math.floor(random() * sources.length)]!;
  const title = `${source.title} (${n})`;
  const chunks: NewChunk[] = [];
  let offset = 0;
  for (let ordinal = 0; ordinal < chunkCount; ordinal++) {
    // A window of consecutive sentences, from a random place now and then, shuffled within the chunk: the index
    // holds real prose with real term statistics, not 1M copies of a few texts.
    if (ordinal === 0 || random() < 0.3) offset = Math.floor(random() * source.sentences.length);
    const picked: string[] = [];
    let length = 0;
    while (length < CHUNK_CHARS) {
      const sentence = source.sentences[offset % source.sentences.length]!;
      offset++;
      picked.push(sentence);
      length += sentence.length + 1;
    }
    for (let i = picked.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [picked[i], picked[j]] = [picked[j]!, picked[i]!];
    }
    const text = picked.join(" ");
    chunks.push({
      ordinal,
      text,
      pageStart: null,
      pageEnd: null,
      headingPath: [],
      pageSpans: [],
      charStart: 0,
      charEnd: text.length,
    } as NewChunk);
  }
  const sha256 = createHash("sha256").update(`${title}\u0000${chunks.length}`).digest("hex");
  return {
    title,
    chunks,
    version: {
      collectionId,
      source: `scale/${String(n).padStart(7, "0")}.txt`,
      title,
      mediaType: "text/plain",
      sha256,
      sizeBytes: chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.text), 0),
      pageCount: null,
      accessGroups: [],
      metadata: {},
      warnings: [],
    },
  };
}

async function write(dataDir: string, total: number, batch: number): Promise<void> {
  console.log(`write ${total.toLocaleString("en")} chunks into ${dataDir}, batches of ${batch}; ${machine()}`);
  const sources = await sourceTexts();
  console.log(`${sources.length} source texts, ${sources.reduce((sum, s) => sum + s.sentences.length, 0)} sentences`);
  const jikji = await openDataDir(dataDir, { scanIndex: false });
  try {
    const collectionId = await jikji.store.ensureCollection(COLLECTION);
    const random = seeded(total);
    const started = performance.now();
    let written = 0;
    let documents = 0;
    let pending: Promise<unknown> = Promise.resolve();
    let pendingStaged: Array<{ documentId: string; version: number; planned: PlannedDocument }> = [];
    let indexMs = 0;
    let storeMs = 0;
    let lastReport = started;
    while (written < total || pendingStaged.length > 0) {
      // Stage the next batch in the store while the index writes the previous one.
      const staged: typeof pendingStaged = [];
      const points: IndexPoint[] = [];
      const storeStarted = performance.now();
      while (written < total && points.length < batch) {
        const planned = planDocument(sources, random, collectionId, documents++, Math.min(CHUNKS_PER_DOCUMENT, total - written));
        const { documentId, version } = await jikji.store.stageVersion(planned.version, planned.chunks, chunkId);
        staged.push({ documentId, version, planned });
        for (const chunk of planned.chunks) {
          points.push(
            toIndexPoint(
              {
                chunkId: chunkId(documentId, version, chunk.ordinal),
                documentId,
                version,
                collection: COLLECTION,
                accessGroups: [],
                title: planned.title,
                headingPath: [],
                clausePath: null,
                text: chunk.text,
              },
              undefined,
            ),
          );
        }
        written += planned.chunks.length;
      }
      storeMs += performance.now() - storeStarted;
      await pending;
      const publishStarted = performance.now();
      for (const { documentId, version, planned } of pendingStaged) {
        await jikji.store.publishVersion(documentId, version, planned.version, planned.chunks.length);
      }
      storeMs += performance.now() - publishStarted;
      pendingStaged = staged;
      const indexStarted = performance.now();
      pending = points.length === 0 ? Promise.resolve() : jikji.index.upsert(points, { bulk: true }).then(() => (indexMs += performance.now() - indexStarted));
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        console.log(
          `  ${written.toLocaleString("en")} chunks staged, ${((lastReport - started) / 1000).toFixed(0)} s, ` +
            `store ${(storeMs / 1000).toFixed(0)} s, index ${(indexMs / 1000).toFixed(0)} s, rss ${mb(process.memoryUsage().rss)}, ${machine()}`,
        );
      }
    }
    await pending;
    const optimizeStarted = performance.now();
    await jikji.index.optimize();
    const optimizeSeconds = (performance.now() - optimizeStarted) / 1000;
    const seconds = (performance.now() - started) / 1000;
    const counts = await jikji.store.counts();
    console.log(
      `RESULT write: ${counts.chunks.toLocaleString("en")} chunks in ${counts.documents.toLocaleString("en")} documents, ` +
        `${seconds.toFixed(0)} s (${(counts.chunks / seconds).toFixed(0)} chunks/s; store ${(storeMs / 1000).toFixed(0)} s, ` +
        `index upserts ${(indexMs / 1000).toFixed(0)} s, final optimize ${optimizeSeconds.toFixed(1)} s), peak RSS ${peakRss()}`,
    );
  } finally {
    await jikji.close();
  }
  console.log(`RESULT disk as written: ${await diskReport(dataDir)}`);
}

async function questions(): Promise<string[]> {
  const korquad = loadKorquad().questions.map((q) => q.question);
  const real = (await loadRealQuestions()).map((q) => q.question);
  // Mostly Korean (KorQuAD), one in five from the real-document set (Korean and English manuals).
  const mixed: string[] = [];
  for (let i = 0; mixed.length < WARMUP + QUERIES; i++) mixed.push(i % 5 === 4 ? real[i % real.length]! : korquad[(i * 7) % korquad.length]!);
  return mixed;
}

async function measure(dataDir: string, uploads: number, backlog: number): Promise<void> {
  console.log(`measure ${dataDir}; ${machine()}`);
  const asked = await questions();
  await filteredWithoutScalarIndices(dataDir, asked);
  const openStarted = performance.now();
  // As `serve` opens it: compare the index with the store first.
  const jikji = await openDataDir(dataDir, { scanIndex: true });
  const openSeconds = (performance.now() - openStarted) / 1000;
  try {
    const firstStarted = performance.now();
    const first = await jikji.search({ query: asked[0]!, k: 10, filter: {} });
    const firstSeconds = (performance.now() - firstStarted) / 1000;
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleRss = process.memoryUsage().rss;
    console.log(
      `RESULT new process: open ${openSeconds.toFixed(2)} s (as serve: reconcile with an index scan), first search ` +
        `${firstSeconds.toFixed(2)} s (${first.hits.length} hits), RSS idle after it ${mb(idleRss)}`,
    );
    const latencies: number[] = [];
    // CPU time of the whole process (LanceDB's threads included) per query: on a machine shared with other
    // sessions, wall time mostly measures the wait for a core; CPU time does not.
    const cpu: number[] = [];
    const indexOnly: number[] = [];
    let empty = 0;
    for (let i = 0; i < asked.length; i++) {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      const result = await jikji.search({ query: asked[i]!, k: 10, filter: {} });
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpuStarted);
      // The index's part alone (what bench/latency.ts times at 100k): the same query, terms, 30 candidates.
      const indexStarted = performance.now();
      await jikji.index.search({ terms: queryTerms(asked[i]!), filter: {}, limit: 30 });
      const indexMs = performance.now() - indexStarted;
      if (i >= WARMUP) {
        latencies.push(ms);
        cpu.push((used.user + used.system) / 1000);
        indexOnly.push(indexMs);
        if (result.hits.length === 0) empty++;
      }
    }
    console.log(
      `RESULT per query: CPU ms p50 ${percentile(cpu, 50).toFixed(1)}, p95 ${percentile(cpu, 95).toFixed(1)}; ` +
        `index only (30 candidates, repeated query) wall p50 ${percentile(indexOnly, 50).toFixed(1)} ms, p95 ${percentile(indexOnly, 95).toFixed(1)} ms`,
    );
    console.log(
      `RESULT search (index + hydration + built-in reranker, k 10, ${QUERIES} queries after ${WARMUP}): ` +
        `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
        `max ${Math.max(...latencies).toFixed(1)} ms, ${empty} without hits; RSS ${mb(process.memoryUsage().rss)}, peak ${peakRss()}`,
    );
    // As an HTTP caller with a key sees it: one collection, public chunks plus its groups (prefilters in LanceDB).
    const filtered: number[] = [];
    for (let i = 0; i < 220; i++) {
      const started = performance.now();
      await jikji.search({ query: asked[(i * 3) % asked.length]!, k: 10, filter: { collection: COLLECTION, accessGroups: ["staff"] } });
      if (i >= 20) filtered.push(performance.now() - started);
    }
    console.log(
      `RESULT search with a collection + access-group filter (200 queries after 20): p50 ${percentile(filtered, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(filtered, 95).toFixed(1)} ms`,
    );
    // One small upload and its deletion at this size, through ingest's own functions (parse, store, index).
    const collectionId = await jikji.store.ensureCollection(COLLECTION);
    const ingestMs: number[] = [];
    const deleteMs: number[] = [];
    const foldMs: number[] = [];
    let outcome0 = 0;
    for (let i = 0; i < uploads; i++) {
      const text = `${asked[i]}\n\n${Array.from({ length: 40 }, (_, j) => asked[(i * 40 + j) % asked.length]).join(" ")}\n`;
      const started = performance.now();
      const outcome = await ingestFile(
        { store: jikji.store, index: jikji.index, embedder: null },
        { collectionId, collection: COLLECTION, source: `upload-${i}.txt`, bytes: new TextEncoder().encode(text), accessGroups: [] },
      );
      outcome0 = outcome.chunks;
      const ingested = performance.now();
      // Every ingest job ends so: the job's rows folded into the full-text index.
      await jikji.index.optimize();
      const folded = performance.now();
      await deleteDocument({ store: jikji.store, index: jikji.index }, outcome.documentId);
      ingestMs.push(ingested - started);
      foldMs.push(folded - ingested);
      deleteMs.push(performance.now() - folded);
    }
    const list = (values: number[]) => values.map((ms) => ms.toFixed(0)).join(", ");
    if (uploads > 0) console.log(
      `RESULT one small file (${outcome0} chunks): ingest ms ${list(ingestMs)}; the job's closing optimize() ms ${list(foldMs)}; delete ms ${list(deleteMs)}`,
    );
    if (backlog > 0) {
      // Small uploads kept, each with its job's closing optimize(): what searches pay for rows the fold policy leaves
      // unfolded (none under JIKJI_INDEX_FOLD=eager), then the same files deleted. The same 200 queries (after 20) are
      // timed before the first file, after the third and after the last, alternating with nothing else.
      const kept: string[] = [];
      const closing: number[] = [];
      const timeSearches = async (): Promise<string> => {
        const timings: number[] = [];
        for (let i = 0; i < 220; i++) {
          const started = performance.now();
          await jikji.search({ query: asked[(i * 3 + 1) % asked.length]!, k: 10, filter: {} });
          if (i >= 20) timings.push(performance.now() - started);
        }
        // Measurement only: a second handle on the table, to read what is unfolded.
        const db = await connect(join(dataDir, "index"));
        const table = await db.openTable("chunks");
        const unfolded = `${(await table.indexStats("terms_idx"))?.numUnindexedRows} rows unfolded, ${(await table.stats()).fragmentStats.numFragments} fragments`;
        table.close();
        db.close();
        return `${kept.length} kept (${unfolded}): p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms, load ${loadavg()[0]!.toFixed(1)}`;
      };
      const searched = [await timeSearches()];
      for (let i = 0; i < backlog; i++) {
        const text = `${asked[100 + i]}\n\n${Array.from({ length: 40 }, (_, j) => asked[(i * 40 + j + 7) % asked.length]).join(" ")}\n`;
        const outcome = await ingestFile(
          { store: jikji.store, index: jikji.index, embedder: null },
          { collectionId, collection: COLLECTION, source: `backlog-${i}.txt`, bytes: new TextEncoder().encode(text), accessGroups: [] },
        );
        const started = performance.now();
        await jikji.index.optimize();
        closing.push(performance.now() - started);
        kept.push(outcome.documentId);
        if (kept.length === 3 || kept.length === backlog) searched.push(await timeSearches());
      }
      for (const documentId of kept) await deleteDocument({ store: jikji.store, index: jikji.index }, documentId);
      console.log(`RESULT ${backlog} small files kept, each job's closing optimize() ms ${list(closing)}`);
      console.log(`RESULT search (200 queries after 20) with small files kept: ${searched.join("; ")}`);
    }
  } finally {
    await jikji.close();
  }
  // The adapter keeps replaced table versions a minute after each optimize; pruning them shows the steady size.
  // Measurement only: jikji itself never calls LanceDB from here.
  const db = await connect(join(dataDir, "index"));
  const table = await db.openTable("chunks");
  await table.optimize({ cleanupOlderThan: new Date() });
  table.close();
  db.close();
  console.log(`RESULT disk after pruning old index versions: ${await diskReport(dataDir)}`);
}

/**
 * A data dir written before the index had scalar indices (the write phase's table, created by the code of that
 * time): time the filtered full-text query as LanceDB ran it then, before jikji opens the table and adds them.
 * Measurement only, straight against LanceDB, with the adapter's query shape (terms OR-matched, 50 candidates).
 */
async function filteredWithoutScalarIndices(dataDir: string, asked: readonly string[]): Promise<void> {
  const db = await connect(join(dataDir, "index"));
  const table = await db.openTable("chunks");
  try {
    if ((await table.listIndices()).some((index) => index.columns.includes("collection"))) return;
    const timings: number[] = [];
    for (let i = 0; i < 25; i++) {
      const terms = queryTerms(asked[(i * 3) % asked.length]!);
      const started = performance.now();
      await table
        .query()
        .fullTextSearch(new MatchQuery(terms.join(" "), "terms", { operator: Operator.Or }), { columns: "terms" })
        .where(`collection = '${COLLECTION}' AND array_has_any(access_groups, ['${PUBLIC_ACCESS_GROUP}', 'staff'])`)
        .select(["chunk_id", "document_id", "version", "terms", "_score"])
        .limit(50)
        .toArray();
      if (i >= 5) timings.push(performance.now() - started);
    }
    console.log(
      `RESULT before scalar indices: LanceDB full-text query with the collection + access-group prefilter (20 after 5): ` +
        `p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms`,
    );
  } finally {
    table.close();
    db.close();
  }
}

async function rebuild(dataDir: string): Promise<void> {
  console.log(`reindex ${dataDir}; ${machine()}`);
  const started = performance.now();
  const jikji = await openDataDir(dataDir, { scanIndex: false, rebuildIndex: true });
  let last = started;
  try {
    const { chunks } = await rebuildIndex(jikji, jikji.indexStatus().index, (done) => {
      if (performance.now() - last > 30_000) {
        last = performance.now();
        console.log(`  ${done.toLocaleString("en")} chunks, ${((last - started) / 1000).toFixed(0)} s, rss ${mb(process.memoryUsage().rss)}, ${machine()}`);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`RESULT reindex: ${chunks.toLocaleString("en")} chunks in ${seconds.toFixed(0)} s (${(chunks / seconds).toFixed(0)} chunks/s), peak RSS ${peakRss()}`);
  } finally {
    await jikji.close();
  }
  console.log(`RESULT disk as reindexed: ${await diskReport(dataDir)}`);
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    chunks: { type: "string", default: "1000000" },
    batch: { type: "string", default: "5000" },
    uploads: { type: "string", default: "3" },
    backlog: { type: "string", default: "0" },
  },
});
const [mode, dataDir] = positionals;
if (dataDir === undefined) throw new Error("usage: bench/scale.ts write|measure|reindex <data dir> [--chunks N] [--batch N]");
if (mode === "write") await write(dataDir, Number(values.chunks), Number(values.batch));
else if (mode === "measure") await measure(dataDir, Number(values.uploads), Number(values.backlog));
else if (mode === "reindex") await rebuild(dataDir);
else throw new Error(`unknown mode ${mode}`);
