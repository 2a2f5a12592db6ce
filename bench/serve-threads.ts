/**
 * Where `jikji serve`'s CPU goes under load, thread by thread (issue 12, part 5): serve as a child on 127.0.0.1,
 * autocannon on POST /v1/search for `--duration` seconds after a 5 s warm-up, every request a different real question
 * (bench/lib/serve.ts's mix). Prints requests/s and latency, serve's CPU a request, and for each thread name (the
 * main thread, LanceDB's tokio-rt-worker and lance-cpu, V8's helpers) the cores it used and the share of the wall
 * clock it spent runnable but waiting for a core (/proc/…/schedstat); then the whole machine's user/system/idle cores.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/serve-threads.ts <data dir> [--duration 15] [--connections 16]
 *     [--arenas 2] [--renice N]
 *
 * `--arenas` sets MALLOC_ARENA_MAX for serve (the launcher keeps a value given to it); `--renice N` lowers LanceDB's
 * threads to nice N after the warm-up, to see whether the main thread is starved of a core. Linux only (/proc).
 */
import autocannon from "autocannon";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadAverage, machineCpuSeconds, mixedQuestions, startServe, statTextCpuSeconds } from "./lib/serve.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "16" },
    arenas: { type: "string" },
    renice: { type: "string" },
  },
  allowPositionals: true,
});
const dataDir = positionals[0];
if (!dataDir) {
  console.error("usage: npx node bench/serve-threads.ts <data dir> [--duration S] [--connections N] [--arenas N] [--renice N]");
  process.exit(2);
}
const seconds = Number(values.duration);
const connections = Number(values.connections);
const asked = await mixedQuestions();
const logFile = path.join(os.tmpdir(), `jikji-serve-threads-${process.pid}.log`);
const server = await startServe(
  ["--data-dir", dataDir],
  {
    ...process.env,
    ...(values.arenas !== undefined ? { MALLOC_ARENA_MAX: values.arenas } : {}),
    JIKJI_HOST: "127.0.0.1",
    JIKJI_RATE_LIMIT_PER_IP: "100000000",
  },
  logFile,
);
const pid = server.child.pid!;

interface ThreadSample {
  name: string;
  cpu: number;
  /** Nanoseconds on a core and runnable but waiting for one (schedstat). */
  onCore: number;
  waiting: number;
}

function threads(): Map<string, ThreadSample> {
  const out = new Map<string, ThreadSample>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const [onCore, waiting] = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").trim().split(" ").map(Number);
      out.set(tid, {
        name: tid === String(pid) ? "main thread" : stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
        cpu: statTextCpuSeconds(stat),
        onCore: onCore!,
        waiting: waiting!,
      });
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return out;
}

let next = 0;
const drive = (duration: number) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: server.url,
        connections,
        duration,
        requests: [
          {
            method: "POST",
            path: "/v1/search",
            headers: { "content-type": "application/json" },
            setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: asked[next++ % asked.length] }) }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });

try {
  await drive(5);
  if (values.renice !== undefined) {
    for (const [tid, thread] of threads()) {
      if (/tokio|lance/.test(thread.name)) os.setPriority(Number(tid), Number(values.renice));
    }
  }
  const load = loadAverage();
  const before = threads();
  const machineBefore = machineCpuSeconds();
  const started = performance.now();
  const result = await drive(seconds);
  const wall = (performance.now() - started) / 1000;
  const after = threads();
  const machineAfter = machineCpuSeconds();
  const byName = new Map<string, { cpu: number; onCore: number; waiting: number }>();
  let total = 0;
  for (const [tid, thread] of after) {
    const was = before.get(tid) ?? { cpu: 0, onCore: 0, waiting: 0 };
    const sum = byName.get(thread.name) ?? { cpu: 0, onCore: 0, waiting: 0 };
    sum.cpu += thread.cpu - was.cpu;
    sum.onCore += thread.onCore - was.onCore;
    sum.waiting += thread.waiting - was.waiting;
    byName.set(thread.name, sum);
    total += thread.cpu - was.cpu;
  }
  const requests = result.requests.total;
  console.log(
    `/v1/search × ${connections} connections, ${seconds} s, MALLOC_ARENA_MAX=${values.arenas ?? "(launcher default)"}` +
      `${values.renice !== undefined ? `, LanceDB threads at nice ${values.renice}` : ""}; load average at start ${load}`,
  );
  console.log(
    `${(requests / result.duration).toFixed(0)} requests/s, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, ` +
      `errors ${result.errors}, non-2xx ${result.non2xx}; serve ${((1000 * total) / requests).toFixed(2)} ms CPU a request, ${(total / wall).toFixed(2)} cores`,
  );
  for (const [name, sum] of [...byName].sort((a, b) => b[1].cpu - a[1].cpu)) {
    if (sum.cpu <= 0) continue;
    console.log(
      `  ${name.padEnd(16)} ${(sum.cpu / wall).toFixed(2)} cores, ${((1000 * sum.cpu) / requests).toFixed(2)} ms a request; ` +
        `waiting for a core ${(sum.waiting / 1e9 / wall).toFixed(2)} (thread-seconds a second)`,
    );
  }
  const cores = (key: "user" | "system" | "idle") => ((machineAfter[key] - machineBefore[key]) / wall).toFixed(2);
  console.log(`  machine: user ${cores("user")}, system ${cores("system")}, idle ${cores("idle")} cores`);
} finally {
  await server.stop();
}
