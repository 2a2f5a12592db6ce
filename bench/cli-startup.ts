/**
 * Whole-process cost of the CLI: `jikji --help`, `jikji search --help` and a one-shot `jikji search` on a small
 * data dir (the three example documents), each run as a user runs it (`node bin/jikji.js …`) under GNU time.
 * Prints medians of wall time and CPU (user + system, the launcher and its child together) and the median peak
 * RSS of the largest process. Run under the bench lock:
 *
 *   flock /tmp/jikji-bench.lock node bench/cli-startup.ts [runs]
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = path.join(ROOT, "bin/jikji.js");
const RUNS = Number(process.argv[2] ?? 11);

if (spawnSync("/usr/bin/time", ["-f", "%e", "true"]).status !== 0) throw new Error("needs GNU time at /usr/bin/time (apt-get install time)");

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jikji-cli-bench-"));
execFileSync(process.execPath, [BIN, "ingest", path.join(ROOT, "examples/docs"), "--data-dir", dataDir, "--json"], { stdio: "ignore" });

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

function runOnce(args: string[]): Sample {
  const out = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S %M", process.execPath, BIN, ...args], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`jikji ${args.join(" ")} failed: ${out.stderr}`);
  const line = out.stderr.split("\n").find((l) => l.startsWith("TIME "));
  const [wall, user, system, rssKb] = line!.slice(5).split(" ").map(Number);
  return { wall: wall!, cpu: user! + system!, rssMb: rssKb! / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const cases: Array<[string, string[]]> = [
  ["jikji --help", ["--help"]],
  ["jikji search --help", ["search", "--help"]],
  ["jikji search 연차 --json (3 documents)", ["search", "연차", "--json", "--data-dir", dataDir]],
];

console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${RUNS} runs each\n`);
console.log("| command | wall s (median) | CPU s (median) | peak RSS MB (median) |");
console.log("|---|---|---|---|");
for (const [label, args] of cases) {
  runOnce(args);
  const samples = Array.from({ length: RUNS }, () => runOnce(args));
  const wall = median(samples.map((s) => s.wall));
  const cpu = median(samples.map((s) => s.cpu));
  const rss = median(samples.map((s) => s.rssMb));
  console.log(`| \`${label}\` | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${rss.toFixed(0)} |`);
}
console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
fs.rmSync(dataDir, { recursive: true, force: true });
