/**
 * Load on `jikji serve` (issue 12, part 5): the real CLI process on 127.0.0.1, a 100k-chunk data dir, driven by
 * autocannon for a bounded time.
 *
 *   node bench/assist.ts build /tmp/jikji-load/base-100k 100000     (the shared 100k builder; not timed)
 *
 *   flock /tmp/jikji-bench.lock npx node bench/load.ts run <dir> [--duration 20] [--connections 16,64] [--routes search,ask]
 *     POST /v1/search and POST /v1/ask (extractive, no model) at 16 and 64 connections, each run `--duration`
 *     seconds after a warm-up, every request a different real question (KorQuAD dev questions in Korean, the
 *     real-document questions in English, interleaved), so no cache can answer them: requests/s, p50/p95/p99 of
 *     every response, errors, timeouts, non-2xx, serve's RSS before and after each run, and the CPU time serve and
 *     this process (autocannon) used per request, which holds on a busy machine where requests/s does not, with
 *     serve's main thread's part of it, and the cores the machine left idle meanwhile (on a quiet machine, idle
 *     cores beside a main thread that is not saturated mean something other than CPU holds requests back). The data
 *     dir is only read (request logs go to a file).
 *
 *   flock /tmp/jikji-bench.lock npx node bench/load.ts soak <dir> [--soak 600] [--embed]
 *     On a copy of the data dir: query clients (search and ask), one uploader and one deleter at once for
 *     `--soak` seconds (test/helpers/soak.ts), serve's RSS sampled every 30 s; then every acknowledged upload
 *     must be searchable and every deleted document gone. `--embed`: serve gets a local OpenAI-compatible
 *     embedding server in this process (test/fakes/openai-server.ts: jikji's hashing embedder, 384 dimensions, the
 *     env bench/hybrid-overhead.ts gives; a data dir built by its `build` mode), so uploads are embedded and every
 *     search, the end check's included, is hybrid; the embedding calls are counted to show they happened.
 *
 * The load generator runs in this process, on the same 2 cores as the server: figures are what the machine does
 * with both, not the server alone.
 */
import autocannon from "autocannon";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { percentile } from "../src/retrieve/eval.ts";
import { startFakeOpenAIServer } from "../test/fakes/openai-server.ts";
import { soak } from "../test/helpers/soak.ts";
import { distractorDocuments } from "./lib/distractors.ts";
import { loadKorquad } from "./lib/korquad.ts";
import { loadAverage, machineIdleSeconds, mixedQuestions, startServe as startServe_, type Serve } from "./lib/serve.ts";


const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    duration: { type: "string", default: "20" },
    soak: { type: "string", default: "600" },
    connections: { type: "string" },
    routes: { type: "string", default: "search,ask" },
    embed: { type: "boolean", default: false },
  },
  allowPositionals: true,
});
const [mode, dataDir] = positionals;
if ((mode !== "run" && mode !== "soak") || !dataDir) {
  console.error("usage: npx node bench/load.ts run <data dir> [--duration S] | soak <data dir> [--soak S] [--embed]");
  process.exit(2);
}

/** `jikji serve` as an operator starts it, loopback only; rate limits raised so one address may load it. */
function startServe(dir: string, logFile: string, extraEnv: Record<string, string> = {}): Promise<Serve> {
  return startServe_(["--data-dir", dir], { ...process.env, JIKJI_HOST: "127.0.0.1", JIKJI_RATE_LIMIT_PER_IP: "100000000", ...extraEnv }, logFile);
}

/** The hashing vectors' width and model name bench/hybrid-overhead.ts builds and queries its data dir with. */
const EMBED_DIMENSIONS = 384;
const EMBED_MODEL = "hashing-bench";

interface Row {
  route: string;
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  rssBefore: number;
  rssAfter: number;
  /** Milliseconds of CPU per request: serve (all threads), and this process (autocannon). */
  serveCpu: number;
  benchCpu: number;
  /** Of serveCpu, the main thread's share (ms a request); the rest is LanceDB's threads and V8's helpers. */
  mainCpu: number;
  /** Cores the whole machine left idle during the run, on average. */
  idleCores: number;
  load: string;
}

async function drive(server: Serve, route: "/v1/search" | "/v1/ask", connections: number, seconds: number, asked: string[], start: number) {
  let next = start;
  const times: number[] = [];
  const field = route === "/v1/search" ? "query" : "question";
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: "POST",
            path: route,
            headers: { "content-type": "application/json" },
            setupRequest: (request) => ({ ...request, body: JSON.stringify({ [field]: asked[next++ % asked.length] }) }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return { result, times, used: next - start };
}

/** Waits for serve's log line saying the in-memory lexical index is ready (or failed), and returns it. */
async function lexicalMemoryBuilt(logFile: string): Promise<string> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const line = (await fs.readFile(logFile, "utf8").catch(() => "")).split("\n").find((text) => text.includes("in-memory lexical index"));
    if (line !== undefined) {
      if (!line.includes("ready")) throw new Error(`serve's in-memory lexical index failed: ${line}`);
      return `in-memory lexical index: ${line}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`serve's in-memory lexical index was not ready within 600 s (see ${logFile})`);
}

async function runLoad(dir: string): Promise<void> {
  const seconds = Number(values.duration);
  const asked = await mixedQuestions();
  const logFile = path.join(os.tmpdir(), `jikji-load-serve-${process.pid}.log`);
  const server = await startServe(dir, logFile);
  const rows: Row[] = [];
  let cursor = 0;
  try {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { chunks?: number; documents?: number };
    console.log(
      `Node ${process.version}, ${os.cpus().length} cores; data dir ${dir}: ${health.chunks?.toLocaleString("en")} chunks, ` +
        `${health.documents?.toLocaleString("en")} documents; ${asked.length} distinct questions; ${seconds} s per run; serve logs in ${logFile}`,
    );
    // With JIKJI_LEXICAL_MEMORY=on, serve builds its in-memory lexical index in the background: measure after it.
    if (process.env.JIKJI_LEXICAL_MEMORY?.trim().toLowerCase() === "on") console.log(await lexicalMemoryBuilt(logFile));
    // Warm-up: JIT, the index's first reads, the store's caches. Not counted.
    const warm = await drive(server, "/v1/search", 16, 5, asked, cursor);
    cursor += warm.used;
    const connectionsList = values.connections ? values.connections.split(",").map(Number) : [16, 64];
    const routes = values.routes.split(",").map((name) => (name === "ask" ? "/v1/ask" : "/v1/search") as "/v1/search" | "/v1/ask");
    for (const route of routes) {
      for (const connections of connectionsList) {
        const rssBefore = server.rssMB();
        const load = loadAverage();
        const serveCpu = server.cpuSeconds();
        const mainCpu = server.mainThreadCpuSeconds();
        const idle = machineIdleSeconds();
        const benchCpu = process.cpuUsage();
        const { result, times, used } = await drive(server, route, connections, seconds, asked, cursor);
        const benchUsed = process.cpuUsage(benchCpu);
        cursor += used;
        rows.push({
          route,
          connections,
          requests: result.requests.total,
          perSecond: result.requests.total / result.duration,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          rssBefore,
          rssAfter: server.rssMB(),
          serveCpu: ((server.cpuSeconds() - serveCpu) * 1000) / result.requests.total,
          benchCpu: (benchUsed.user + benchUsed.system) / 1000 / result.requests.total,
          mainCpu: ((server.mainThreadCpuSeconds() - mainCpu) * 1000) / result.requests.total,
          idleCores: (machineIdleSeconds() - idle) / result.duration,
          load,
        });
        const row = rows.at(-1)!;
        process.stderr.write(`${route} × ${connections}: ${row.perSecond.toFixed(0)} req/s, p95 ${row.p95.toFixed(1)} ms\n`);
      }
    }
    console.log(`(${cursor.toLocaleString("en")} requests in all, each question asked at most ${Math.ceil(cursor / asked.length)} times)`);
  } finally {
    const code = await server.stop();
    if (code !== 0) console.log(`jikji serve exited with ${code}`);
  }
  console.log(
    "| route | connections | requests | requests/s | p50 ms | p95 ms | p99 ms | errors | timeouts | non-2xx | serve RSS MB before → after | " +
      "CPU ms a request: serve (its main thread) / autocannon | machine idle, cores | load average 1/5/15 min at start |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    console.log(
      `| ${row.route} | ${row.connections} | ${row.requests.toLocaleString("en")} | ${row.perSecond.toFixed(0)} | ${row.p50.toFixed(1)} | ` +
        `${row.p95.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.errors} | ${row.timeouts} | ${row.non2xx} | ` +
        `${row.rssBefore.toFixed(0)} → ${row.rssAfter.toFixed(0)} | ${row.serveCpu.toFixed(2)} (${row.mainCpu.toFixed(2)}) / ${row.benchCpu.toFixed(2)} | ${row.idleCores.toFixed(2)} | ${row.load} |`,
    );
  }
}

async function runSoak(dir: string): Promise<void> {
  const seconds = Number(values.soak);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-soak-"));
  const copy = path.join(work, "data");
  try {
    await fs.cp(dir, copy, { recursive: true });
    const asked = await mixedQuestions();
    const korquad = loadKorquad().documents.flatMap((document) => document.body.split(/(?<=[.!?])\s+/));
    const help = (await distractorDocuments()).flatMap((document) => document.text.split(/\n+|(?<=[.!?])\s+/));
    const filler = [...korquad, ...help].map((s) => s.trim()).filter((s) => s.length > 20);
    const logFile = path.join(work, "serve.log");
    // --embed: a local embedding server answering at once; its request log is emptied into counts as it grows.
    const embedding = values.embed ? await startFakeOpenAIServer() : null;
    const embedCalls = { requests: 0, inputs: 0 };
    const tally = () => {
      if (!embedding) return;
      for (const request of embedding.requests.splice(0)) {
        if (!request.path.endsWith("/embeddings")) continue;
        embedCalls.requests++;
        const input = request.body.input;
        embedCalls.inputs += Array.isArray(input) ? input.length : 1;
      }
    };
    const tallying = embedding ? setInterval(tally, 1_000) : null;
    let embedEnv: Record<string, string> = {};
    if (embedding) {
      embedding.embeddingDimensions = EMBED_DIMENSIONS;
      embedding.defaultEmbeddings = { kind: "vectors", order: "as-is" };
      embedEnv = { JIKJI_EMBED_BASE_URL: embedding.baseURL, JIKJI_EMBED_MODEL: EMBED_MODEL, JIKJI_EMBED_DIMENSIONS: String(EMBED_DIMENSIONS) };
    }
    const server = await startServe(copy, logFile, embedEnv).catch(async (error: unknown) => {
      if (tallying) clearInterval(tallying);
      await embedding?.close();
      throw error;
    });
    const started = Date.now();
    const samples: Array<{ second: number; rss: number; load: number }> = [];
    let report;
    try {
      report = await soak({
        baseURL: server.url,
        durationMs: seconds * 1000,
        queryClients: 8,
        questions: asked,
        filler,
        collection: "soak",
        deleteEveryMs: 2_000,
        sampleEveryMs: 30_000,
        onSample: () => samples.push({ second: Math.round((Date.now() - started) / 1000), rss: server.rssMB(), load: os.loadavg()[0]! }),
      });
    } finally {
      await server.stop();
      if (tallying) clearInterval(tallying);
      tally();
      await embedding?.close();
      await fs.copyFile(logFile, path.join(os.tmpdir(), `jikji-soak-serve-${process.pid}.log`)).catch(() => undefined);
    }
    const acknowledged = report.uploads.length;
    const kept = report.uploads.filter((upload) => !upload.deleted).length;
    console.log(
      `Node ${process.version}, ${os.cpus().length} cores; soak of ${seconds} s on a copy of ${dir}, 8 query clients, 1 uploader, 1 deleter; ` +
        `${embedding ? "hybrid (local hashing embedder)" : "lexical only"}`,
    );
    console.log(
      `queries: ${report.searches.toLocaleString("en")} searches + ${report.asks.toLocaleString("en")} asks ` +
        `(${((report.searches + report.asks) / seconds).toFixed(0)}/s); uploads acknowledged: ${acknowledged}; deletes: ${report.deletes}`,
    );
    if (embedding) console.log(`embedding calls served: ${embedCalls.requests.toLocaleString("en")} (${embedCalls.inputs.toLocaleString("en")} texts), ${EMBED_DIMENSIONS}-d hashing vectors`);
    console.log(`errors: ${report.errors.length}${report.errors.length ? `, first: ${report.errors.slice(0, 5).join(" | ")}` : ""}`);
    console.log(`acknowledged uploads still present: ${kept}, not searchable at the end: ${report.unsearchable.length}${report.unsearchable.length ? ` (${report.unsearchable.slice(0, 5).join(" | ")})` : ""}`);
    console.log(`deleted documents still found: ${report.notGone.length}${report.notGone.length ? ` (${report.notGone.slice(0, 5).join(" | ")})` : ""}`);
    console.log(`serve RSS MB (s: MB, load average): ${samples.map((s) => `${s.second}: ${s.rss.toFixed(0)} (${s.load.toFixed(1)})`).join(", ")}`);
    const rss = samples.map((s) => s.rss);
    console.log(`RSS min / max / last: ${Math.min(...rss).toFixed(0)} / ${Math.max(...rss).toFixed(0)} / ${rss.at(-1)!.toFixed(0)} MB`);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

if (mode === "run") await runLoad(dataDir);
else await runSoak(dataDir);
