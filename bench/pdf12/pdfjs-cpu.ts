/**
 * Where pdf.js's CPU goes in jikji's PDF parsing against LangChain.js's (BENCHMARKS "Ingest, fifth pass", pdf12):
 * runs bench/pdf12/extract.ts once per variant per round, each a process of its own under `nice -n 10`, rounds
 * alternating the order of the variants, and prints the median CPU (user + sys, all threads) of each: imports,
 * extraction of all PDFs, each PDF, the whole process; with the output hash of every PDF and whether it was the same
 * in every round.
 *
 *   node bench/pdf12/pdfjs-cpu.ts [--rounds N] [--variants a,b+--v8-flag,…] <pdf>…
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";

const args = process.argv.slice(2);
let rounds = 5;
let variants: string[] = [];
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--rounds") rounds = Number(args[++i]);
  else if (args[i] === "--variants") variants = args[++i]!.split(",");
  else files.push(args[i]!);
}
if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds must be a positive integer");
if (variants.length === 0 || files.length === 0) throw new Error("usage: node bench/pdf12/pdfjs-cpu.ts [--rounds N] --variants a,b <pdf>…");

interface Outcome {
  variant: string;
  importCpuMs: number;
  extractCpuMs: number;
  extractWallMs: number;
  totalCpuMs: number;
  maxRssMb: number;
  linesCpuMs?: number;
  laterPassCpuMs?: number[];
  perFile: Array<{ file: string; cpuMs: number; hash: string; items: number; pages: number }>;
}

const extract = join(dirname(fileURLToPath(import.meta.url)), "extract.ts");
const results = new Map<string, Outcome[]>(variants.map((variant) => [variant, []]));
const loads: number[] = [];
for (let round = 0; round < rounds; round++) {
  // Rotate the order so no variant always runs first (or right after the same neighbour).
  const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
  if (round % 2 === 1) order.reverse();
  for (const variant of order) {
    loads.push(loadavg()[0]!);
    // A variant name may carry node/V8 flags after a "+": "pjs6-direct+--max-semi-space-size=32".
    const [name, ...flags] = variant.split("+");
    const child = spawnSync("nice", ["-n", "10", process.execPath, ...flags, extract, name!, ...files], { encoding: "utf8", maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`${variant} failed (${child.status}): ${child.stderr}`);
    const line = child.stdout.trim().split("\n").pop()!;
    results.get(variant)!.push({ ...(JSON.parse(line) as Outcome), variant });
    process.stderr.write(`round ${round + 1} ${variant} ${JSON.parse(line).extractCpuMs} ms\n`);
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};
const fileNames = results.get(variants[0]!)![0]!.perFile.map((file) => file.file);
console.log(`${rounds} rounds, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}, ${new Date().toISOString()}`);
console.log(`| variant | imports | extraction (3 PDFs) | ${fileNames.join(" | ")} | whole process | extraction wall | max RSS MB | output hash per PDF (same every round) |`);
console.log(`|---|---|---|${fileNames.map(() => "---|").join("")}---|---|---|---|`);
for (const [variant, outcomes] of results) {
  const perFile = fileNames.map((_, i) => median(outcomes.map((outcome) => outcome.perFile[i]!.cpuMs)));
  const hashes = fileNames.map((_, i) => {
    const seen = new Set(outcomes.map((outcome) => outcome.perFile[i]!.hash));
    return seen.size === 1 ? [...seen][0]! : `VARIES(${seen.size})`;
  });
  let lines = outcomes[0]!.linesCpuMs !== undefined ? ` (itemsToLines ${median(outcomes.map((outcome) => outcome.linesCpuMs!))})` : "";
  if (outcomes[0]!.laterPassCpuMs !== undefined) lines += ` (warm pass ${median(outcomes.map((outcome) => outcome.laterPassCpuMs!.at(-1)!))})`;
  console.log(
    `| ${variant} | ${median(outcomes.map((o) => o.importCpuMs))} | ${median(outcomes.map((o) => o.extractCpuMs))}${lines} | ${perFile.join(" | ")} | ` +
      `${median(outcomes.map((o) => o.totalCpuMs))} | ${median(outcomes.map((o) => o.extractWallMs))} | ${median(outcomes.map((o) => o.maxRssMb))} | ${hashes.join(" ")} |`,
  );
}
