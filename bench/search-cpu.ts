/**
 * CPU per search (issue 12, part 5): the whole Hono app in-process (access check, rate limits, audit, search,
 * reranker), `--concurrency` callers at once, no socket. Reports process CPU per request (`process.cpuUsage`: the
 * main thread plus LanceDB's and PGlite's threads), which holds on a busy machine where wall time does not, the
 * throughput that CPU allows on the machine's cores, and the context switches a request of all its threads
 * (voluntary: a thread blocked, e.g. LanceDB handing a file read to a blocking thread and back; involuntary: a
 * thread preempted), which count hand-offs.
 *
 *   npx node bench/search-cpu.ts <data dir> [--route /v1/search|/v1/ask] [--requests 800] [--concurrency 16]
 *     [--rounds 3] [--dump results.json]
 *
 * Every request is a different real question (bench/lib/serve.ts's Korean/English mix). The first round warms up
 * and is not reported. `--dump` writes every response body of the last round, in question order, so two builds can
 * be compared for identical hits, order and scores (`--compare a.json b.json`).
 */
import fs from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { createServerApp } from "../src/api/server.ts";
import { loadConfig } from "../src/config.ts";
import { openJikji } from "../src/runtime.ts";
import { contextSwitches, loadAverage, mixedQuestions, statCpuSeconds } from "./lib/serve.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    route: { type: "string", default: "/v1/search" },
    requests: { type: "string", default: "800" },
    concurrency: { type: "string", default: "16" },
    rounds: { type: "string", default: "3" },
    dump: { type: "string" },
    compare: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

interface Hit {
  chunkId: string;
  score: number;
}

/** Runs of hits whose scores are within 1e-9 of the run's first. */
function tieGroups(hits: readonly Hit[]): Hit[][] {
  const groups: Hit[][] = [];
  for (const hit of hits) {
    const last = groups.at(-1);
    if (last && Math.abs(last[0]!.score - hit.score) <= 1e-9) last.push(hit);
    else groups.push([hit]);
  }
  return groups;
}

/**
 * Two dumps agree when every response has the same hits, in the same order, with scores within 1e-9 and every
 * other field equal. Hits with equal scores may come in either order: LanceDB returns equal BM25 scores (the
 * padding corpus repeats texts) in an order that varies between runs of the same build, so within a run of tied
 * scores only the set counts, and for a tie cut off at k only its size and score.
 */
async function compare(a: string, b: string): Promise<void> {
  const left = JSON.parse(await fs.readFile(a, "utf8")) as Array<{ hits?: Hit[] }>;
  const right = JSON.parse(await fs.readFile(b, "utf8")) as Array<{ hits?: Hit[] }>;
  if (left.length !== right.length) throw new Error(`${left.length} responses against ${right.length}`);
  let differing = 0;
  let reordered = 0;
  let maxDelta = 0;
  for (let i = 0; i < left.length; i++) {
    if (left[i]!.hits === undefined) {
      // Not a search (an answer): the whole response must be the same.
      if (JSON.stringify(left[i]) !== JSON.stringify(right[i])) {
        differing++;
        if (differing <= 3) console.log(`response ${i} differs:\n  ${JSON.stringify(left[i]).slice(0, 400)}\n  ${JSON.stringify(right[i]).slice(0, 400)}`);
      }
      continue;
    }
    const l = left[i]!.hits ?? [];
    const r = right[i]!.hits ?? [];
    const byId = new Map(r.map((hit) => [hit.chunkId, JSON.stringify(hit)]));
    const lg = tieGroups(l);
    const rg = tieGroups(r);
    const same =
      l.length === r.length &&
      lg.length === rg.length &&
      lg.every((group, g) => {
        const other = rg[g]!;
        const delta = Math.abs(group[0]!.score - other[0]!.score);
        maxDelta = Math.max(maxDelta, delta);
        if (group.length !== other.length || delta > 1e-9) return false;
        if (g === lg.length - 1) return true;
        return group.every((hit) => byId.get(hit.chunkId) === JSON.stringify(hit));
      });
    if (!same) {
      differing++;
      if (differing <= 3) console.log(`response ${i} differs:\n  ${JSON.stringify(l).slice(0, 400)}\n  ${JSON.stringify(r).slice(0, 400)}`);
    } else if (JSON.stringify(l) !== JSON.stringify(r)) reordered++;
  }
  console.log(
    `${left.length} responses, ${differing} differ, ${reordered} equal up to the order of tied scores, largest score difference ${maxDelta}`,
  );
  if (differing > 0) process.exitCode = 1;
}

if (values.compare) {
  const [a, b] = positionals;
  if (!a || !b) throw new Error("usage: --compare a.json b.json");
  await compare(a, b);
} else {
  const dataDir = positionals[0];
  if (!dataDir) {
    console.error("usage: npx node bench/search-cpu.ts <data dir> [--route R] [--requests N] [--concurrency C] [--rounds R] [--dump F]");
    process.exit(2);
  }
  const route = values.route;
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const rounds = Number(values.rounds);
  const jikji = await openJikji(loadConfig({ ...process.env, JIKJI_RATE_LIMIT_PER_IP: "100000000" }, { dataDir }), {
    scanIndex: false,
    observe: {},
  });
  const { app } = createServerApp(jikji);
  const questions = await mixedQuestions();
  const bodies: string[] = new Array(requests);

  /** CPU seconds of this process's main thread and of all its threads together (Linux /proc, clock ticks of 10 ms). */
  const threadCpu = (): { main: number; all: number } => {
    try {
      return { main: statCpuSeconds(`/proc/self/task/${process.pid}/stat`), all: statCpuSeconds("/proc/self/stat") };
    } catch {
      return { main: Number.NaN, all: Number.NaN };
    }
  };

  const round = async (offset: number) => {
    const threads = threadCpu();
    const switches = contextSwitches();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, caller) => {
        for (let i = caller; i < requests; i += concurrency) {
          const question = questions[(offset + i) % questions.length]!;
          const body = route === "/v1/search" ? { query: question } : { question, mode: "extractive" };
          const response = await app.request(route, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          bodies[i] = await response.text();
          if (response.status !== 200) throw new Error(`${route} answered ${response.status}: ${bodies[i]}`);
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    const after = threadCpu();
    const switched = contextSwitches();
    return {
      wall: performance.now() - start,
      cpuMs: (used.user + used.system) / 1000,
      mainShare: (after.main - threads.main) / (after.all - threads.all),
      voluntary: (switched.voluntary - switches.voluntary) / requests,
      involuntary: (switched.involuntary - switches.involuntary) / requests,
    };
  };

  await round(requests * rounds); // warm-up, on questions the measured rounds do not ask
  console.log(`${route}, ${requests} requests a round, ${concurrency} at a time, ${os.cpus().length} cores; load average ${loadAverage()}`);
  const perRequest: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // The last round asks the questions the first did, so a dump is comparable whatever the round count.
    const { wall, cpuMs, mainShare, voluntary, involuntary } = await round(r === rounds - 1 ? 0 : requests * (r + 1));
    perRequest.push(cpuMs / requests);
    console.log(
      `round ${r + 1}: ${(cpuMs / requests).toFixed(2)} ms CPU a request (${(100 * mainShare).toFixed(0)} % on the main thread), ` +
        `${voluntary.toFixed(0)} + ${involuntary.toFixed(0)} context switches a request (voluntary + involuntary, all threads), ` +
        `${(requests / (wall / 1000)).toFixed(1)} requests/s wall; load average ${loadAverage()}`,
    );
  }
  const sorted = [...perRequest].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `median ${median.toFixed(2)} ms CPU a request → at most ${((os.cpus().length * 1000) / median).toFixed(0)} requests/s on ${os.cpus().length} idle cores`,
  );
  if (values.dump) {
    await fs.writeFile(values.dump, JSON.stringify(bodies.map((body) => JSON.parse(body))));
    console.log(`responses written to ${values.dump}`);
  }
  await jikji.close();
}
