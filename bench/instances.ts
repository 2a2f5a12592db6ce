/**
 * Two `jikji serve` instances against one (issue 13): combined `/v1/search` throughput with the same load tool as
 * bench/load.ts (autocannon), on one PostgreSQL and one Qdrant.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/instances.ts [--duration 15] [--warmup 3]
 *
 * - PostgreSQL: DATABASE_URL if given (a database is created in it and dropped at the end), otherwise a throwaway
 *   PostgreSQL 15 cluster (initdb as the `postgres` user into a temp dir, free loopback port, fsync off), stopped
 *   and removed at the end, also on error.
 * - Qdrant: the Qdrant double (test/fakes/qdrant-double.ts, a JS server that validates every request against
 *   Qdrant's OpenAPI document), run as its own process so it does not share this process's event loop.
 * - Corpus: examples/docs, the KorQuAD dev paragraphs (../shared/bench/korquad) and the Korean LibreOffice help
 *   pages (bench/lib/distractors.ts, from Debian), ingested once with the real `jikji ingest` CLI.
 * - Phase A: one instance, autocannon at 16 connections. Phase B: two instances, two autocannon runs at once with
 *   8 connections each (the same 16 in all), requests/s summed; then 16 each (32 in all). Every request a
 *   different real question.
 *
 * Everything (instances, PostgreSQL, the double, autocannon) shares the same cores: on the 2-core development
 * machine this shows the overhead and contention of a second instance, not what separate hosts give.
 */
import autocannon from "autocannon";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile } from "../src/retrieve/eval.ts";
import { distractorFiles, distractorFolder } from "./lib/distractors.ts";
import { writeKorquad } from "./lib/korquad.ts";
import { freePort, loadAverage, mixedQuestions, startServe as startServe_, statCpuSeconds, type Serve } from "./lib/serve.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PGBIN = "/usr/lib/postgresql/15/bin";
const COLLECTION = "jikji_bench_instances";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "3" },
    // ~9 chunks a page: 300 pages bring the corpus to about 3,000 chunks.
    "help-pages": { type: "string", default: "300" },
  },
});
const seconds = Number(values.duration);
const warmup = Number(values.warmup);

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  return statCpuSeconds(`/proc/${pid}/stat`);
}

/** Runs a command as the `postgres` user when we are root (initdb refuses root), as ourselves otherwise. */
function asPostgres(command: string, args: string[]): void {
  if (process.getuid?.() === 0) execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "ignore" });
  else execFileSync(command, args, { stdio: "ignore" });
}

interface Cluster {
  url: string;
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL 15 cluster on a free loopback port, like .ci/run. */
async function startCluster(): Promise<Cluster> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-bench-pg-"));
  try {
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir]);
    const port = await freePort();
    asPostgres(`${PGBIN}/initdb`, ["-D", `${dir}/data`, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
    asPostgres(`${PGBIN}/pg_ctl`, [
      "-D", `${dir}/data`, "-l", `${dir}/log`, "-w",
      "-o", `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`,
      "start",
    ]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        try {
          asPostgres(`${PGBIN}/pg_ctl`, ["-D", `${dir}/data`, "-m", "fast", "-w", "stop"]);
        } finally {
          await fs.rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The Qdrant double as its own process; resolves with its URL. */
async function startDouble(logFile: string): Promise<{ url: string; child: ChildProcess }> {
  const module = path.join(ROOT, "test/fakes/qdrant-double.ts");
  const script =
    `const { startQdrantDouble } = await import(${JSON.stringify(module)});` +
    `const double = await startQdrantDouble(); console.log("qdrant double on " + double.url);` +
    // The double keeps every request for tests to inspect; a bench sends too many to keep them all.
    `setInterval(() => { double.requests.length = 0; }, 1000);` +
    `process.on("SIGTERM", async () => { await double.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const log = createWriteStream(logFile);
  child.stderr!.pipe(log);
  const url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = /qdrant double on (\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the Qdrant double exited with ${code}; see ${logFile}`)));
  });
  return { url, child };
}

function jikjiEnv(dataDir: string, databaseUrl: string, qdrantUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: os.homedir(),
    JIKJI_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    QDRANT_URL: qdrantUrl,
    QDRANT_COLLECTION: COLLECTION,
    JIKJI_OCR: "off",
    JIKJI_LOG_LEVEL: "warn",
    JIKJI_HOST: "127.0.0.1",
    JIKJI_RATE_LIMIT_PER_IP: "100000000",
  };
}

function startServe(dataDir: string, databaseUrl: string, qdrantUrl: string, logFile: string): Promise<Serve> {
  return startServe_([], jikjiEnv(dataDir, databaseUrl, qdrantUrl), logFile);
}

interface Run {
  requests: number;
  duration: number;
  times: number[];
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Shared cursor so that, across simultaneous runs, every request asks a different question. */
const cursor = { next: 0 };

async function drive(url: string, connections: number, duration: number, asked: string[]): Promise<Run> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        timeout: 30,
        requests: [
          {
            method: "POST",
            path: "/v1/search",
            headers: { "content-type": "application/json" },
            setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: asked[cursor.next++ % asked.length] }) }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return { requests: result.requests.total, duration: result.duration, times, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx };
}

interface Row {
  label: string;
  connections: string;
  perSecond: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  load: string;
}

function row(label: string, connections: string, runs: Run[], load: string): Row {
  const times = runs.flatMap((run) => run.times);
  return {
    label,
    connections,
    perSecond: runs.reduce((sum, run) => sum + run.requests / run.duration, 0),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: runs.reduce((sum, run) => sum + run.errors + run.timeouts, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    load,
  };
}

async function main(): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-bench-instances-"));
  const cleanups: Array<() => Promise<unknown>> = [];
  const rows: Row[] = [];
  const cpuLines: string[] = [];
  try {
    // PostgreSQL: the given server or a throwaway cluster; either way a database of our own.
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const cluster = await startCluster();
      cleanups.push(() => cluster.stop());
      serverUrl = cluster.url;
    }
    const databaseName = `jikji_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
    cleanups.push(async () => {
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await drop.end();
    });
    const target = new URL(serverUrl);
    target.pathname = `/${databaseName}`;
    const databaseUrl = target.toString();

    const double = await startDouble(path.join(work, "qdrant-double.log"));
    cleanups.push(async () => {
      if (double.child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => double.child.once("exit", () => resolve()));
      double.child.kill("SIGTERM");
      await exited;
    });

    // Corpus, ingested once through the real CLI.
    const corpus = path.join(work, "corpus");
    await writeKorquad(corpus);
    await fs.cp(path.join(ROOT, "examples/docs"), path.join(corpus, "docs"), { recursive: true });
    const helpRoot = await distractorFolder();
    for (const file of (await distractorFiles()).slice(0, Number(values["help-pages"]))) {
      await fs.copyFile(file, path.join(corpus, "docs", `lo-${path.relative(helpRoot, file).replaceAll("/", "-")}`));
    }
    const ingestStarted = Date.now();
    execFileSync(process.execPath, [path.join(ROOT, "bin/jikji.js"), "ingest", path.join(corpus, "docs")], {
      cwd: ROOT,
      env: jikjiEnv(path.join(work, "ingest-data"), databaseUrl, double.url),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const ingestSeconds = (Date.now() - ingestStarted) / 1000;

    const asked = await mixedQuestions();
    const a = await startServe(path.join(work, "a"), databaseUrl, double.url, path.join(work, "serve-a.log"));
    cleanups.push(() => a.stop());
    const health = (await (await fetch(`${a.url}/healthz`)).json()) as { chunks?: number; documents?: number };
    console.log(
      `Node ${process.version}, ${os.cpus().length} cores; PostgreSQL ${process.env.DATABASE_URL ? "(DATABASE_URL)" : "15, throwaway cluster, fsync off"}; ` +
        `Qdrant double in its own process; corpus: ${health.documents?.toLocaleString("en")} documents, ` +
        `${health.chunks?.toLocaleString("en")} chunks (examples/docs + KorQuAD dev paragraphs + Korean LibreOffice help pages), ingested in ${ingestSeconds.toFixed(0)} s; ` +
        `${asked.length} distinct questions; ${warmup} s warm-up, ${seconds} s per run; logs in ${work} (removed at the end)`,
    );
    console.log(
      "NOTE: the instances, PostgreSQL, the Qdrant double (a JS server validating each request against Qdrant's OpenAPI " +
        `spec) and autocannon all share the same ${os.cpus().length} cores: this shows the overhead/contention of a second ` +
        "instance on one small machine, not what separate hosts give.",
    );

    // Phase A: one instance, 16 connections.
    await drive(a.url, 16, warmup, asked);
    let load = loadAverage();
    const processes = (): Record<string, number | undefined> => ({ "serve A": a.child.pid, "serve B": b?.child.pid, "Qdrant double": double.child.pid, "bench (autocannon)": process.pid });
    let b: Serve | undefined;
    const cpu = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const before = Object.fromEntries(Object.entries(processes()).map(([name, pid]) => [name, cpuSeconds(pid)]));
      const result = await work();
      const used = Object.entries(processes())
        .filter(([, pid]) => pid !== undefined)
        .map(([name, pid]) => `${name} ${(cpuSeconds(pid) - before[name]!).toFixed(1)}`);
      cpuLines.push(`${label}: CPU seconds over the ${seconds} s run: ${used.join(", ")} (PostgreSQL not counted)`);
      return result;
    };
    const one = await cpu("1 instance × 16", () => drive(a.url, 16, seconds, asked));
    rows.push(row("1", "16", [one], load));
    process.stderr.write(`one instance: ${rows[0]!.perSecond.toFixed(0)} req/s\n`);

    // Phase B: a second instance on the same PostgreSQL and double; 8 + 8 connections at once.
    const second = await startServe(path.join(work, "b"), databaseUrl, double.url, path.join(work, "serve-b.log"));
    b = second;
    cleanups.push(() => second.stop());
    await Promise.all([drive(a.url, 8, warmup, asked), drive(second.url, 8, warmup, asked)]);
    load = loadAverage();
    const [runA, runB] = await cpu("2 instances × 8", () => Promise.all([drive(a.url, 8, seconds, asked), drive(second.url, 8, seconds, asked)]));
    rows.push(row("2 (sum)", "8 + 8", [runA!, runB!], load));
    rows.push(row("2: instance A", "8", [runA!], load));
    rows.push(row("2: instance B", "8", [runB!], load));
    process.stderr.write(`two instances: ${rows[1]!.perSecond.toFixed(0)} req/s\n`);
    load = loadAverage();
    const [wideA, wideB] = await cpu("2 instances × 16", () => Promise.all([drive(a.url, 16, seconds, asked), drive(second.url, 16, seconds, asked)]));
    rows.push(row("2 (sum)", "16 + 16", [wideA!, wideB!], load));
    rows.push(row("2: instance A", "16", [wideA!], load));
    rows.push(row("2: instance B", "16", [wideB!], load));
    console.log(`(${cursor.next.toLocaleString("en")} requests in all, each question asked at most ${Math.ceil(cursor.next / asked.length)} times)`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(`cleanup: ${String(error)}`));
    await fs.rm(work, { recursive: true, force: true });
  }
  console.log("| instances | connections | requests | requests/s (sum) | p50 ms | p95 ms | p99 ms | errors + timeouts | non-2xx | load average 1/5/15 min at start |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.connections} | ${r.requests.toLocaleString("en")} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ` +
        `${r.p99.toFixed(1)} | ${r.errors} | ${r.non2xx} | ${r.load} |`,
    );
  }
  for (const line of cpuLines) console.log(line);
  if (rows.length >= 5) {
    console.log(`two instances / one: ${(rows[1]!.perSecond / rows[0]!.perSecond).toFixed(2)}× at 8 + 8, ${(rows[4]!.perSecond / rows[0]!.perSecond).toFixed(2)}× at 16 + 16`);
  }
}

await main();
