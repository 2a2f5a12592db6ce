/**
 * What the load benches (bench/load.ts, bench/instances.ts) share: `jikji serve` started as its own process on a
 * free loopback port, the mixed question list they send, and the load average printed beside their figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadKorquad } from "./korquad.ts";
import { loadRealQuestions } from "./real-docs.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

export function loadAverage(): string {
  return os.loadavg().map((value) => value.toFixed(1)).join(" / ");
}

/** Korean (KorQuAD dev) and English (real-document set) questions, three Korean to one English. */
export async function mixedQuestions(): Promise<string[]> {
  const korean = loadKorquad().questions.map((question) => question.question);
  const english = (await loadRealQuestions()).map((item) => item.question);
  const mixed: string[] = [];
  for (let i = 0; i < korean.length; i++) {
    mixed.push(korean[i]!);
    if (i % 3 === 2) mixed.push(english[Math.floor(i / 3) % english.length]!);
  }
  return mixed;
}

/** User + system CPU seconds in the text of a /proc …/stat file (clock ticks of 10 ms; the name may hold spaces). */
export function statTextCpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** User + system CPU seconds of a process or thread so far, from its /proc stat file (Linux). */
export function statCpuSeconds(file: string): number {
  return statTextCpuSeconds(readFileSync(file, "utf8"));
}

/**
 * Context switches so far of every thread a process has now (Linux /proc …/task/<tid>/status; NaN elsewhere):
 * voluntary (the thread blocked: waiting for a lock, a hand-off or I/O) and involuntary (another thread took its
 * core). A thread that exits between two readings takes its count with it (tokio's idle blocking threads leave after
 * 10 s), so read differences over steady work.
 */
export function contextSwitches(pid: number | "self" = "self"): { voluntary: number; involuntary: number } {
  let voluntary = 0;
  let involuntary = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const status = readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8");
        voluntary += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
        involuntary += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      } catch {
        // A thread that ended between the listing and the read.
      }
    }
  } catch {
    return { voluntary: Number.NaN, involuntary: Number.NaN };
  }
  return { voluntary, involuntary };
}

/** The machine's CPU seconds so far, all cores: user (with nice), system (with irq and softirq), idle (with iowait). */
export function machineCpuSeconds(): { user: number; system: number; idle: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { user: (f[0]! + f[1]!) / 100, system: (f[2]! + f[5]! + f[6]!) / 100, idle: (f[3]! + f[4]!) / 100 };
}

/** CPU seconds the whole machine has spent idle so far, all cores together (Linux /proc/stat; NaN elsewhere). */
export function machineIdleSeconds(): number {
  try {
    return machineCpuSeconds().idle;
  } catch {
    return Number.NaN;
  }
}

export interface Serve {
  child: ChildProcess;
  url: string;
  /** The process's resident memory now, from /proc (Linux). */
  rssMB(): number;
  /** CPU seconds the process has used so far, all its threads (Linux /proc, clock ticks of 10 ms). */
  cpuSeconds(): number;
  /** CPU seconds its main thread (the event loop: HTTP, PGlite, the reranker) has used so far (Linux /proc). */
  mainThreadCpuSeconds(): number;
  /** SIGTERM, then its exit code once it has exited (at once if it already had). */
  stop(): Promise<number | null>;
}

/**
 * `jikji serve` as an operator starts it: `args` after `serve`, `env` as given, with `JIKJI_PORT` set to a free
 * port (and any `--port` in `args` left out, so the two agree). Output goes to `logFile`; resolves once it listens.
 */
export async function startServe(args: readonly string[], env: NodeJS.ProcessEnv, logFile: string): Promise<Serve> {
  const port = await freePort();
  // Node flags for serve alone, e.g. BENCH_SERVE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (NODE_OPTIONS may not
  // hold --cpu-prof, and would profile the load generator too).
  const nodeArgs = (env.BENCH_SERVE_NODE_ARGS ?? "").split(" ").filter((arg) => arg !== "");
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, "bin/jikji.js"), "serve", ...args], {
    cwd: ROOT,
    env: { ...env, JIKJI_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(logFile);
  child.stderr!.pipe(log);
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (seen.includes("jikji listening on")) {
        child.stdout!.off("data", onData);
        child.stdout!.pipe(log);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`jikji serve exited with ${code}; see ${logFile}`)));
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    rssMB() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    cpuSeconds() {
      return statCpuSeconds(`/proc/${child.pid}/stat`);
    },
    mainThreadCpuSeconds() {
      return statCpuSeconds(`/proc/${child.pid}/task/${child.pid}/stat`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      return exited;
    },
  };
}
