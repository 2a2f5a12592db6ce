/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by function (top N) and by script file, in ms.
 *
 *   node bench/pdf12/profile-summary.ts <file.cpuprofile> [top N]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, topArg] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: node bench/pdf12/profile-summary.ts <file.cpuprofile> [top N]");
const top = Number(topArg ?? "30");
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFunction = new Map<string, number>();
const byScript = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === "(idle)") {
    idle += us;
    continue;
  }
  total += us;
  const script = url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/wt\/[^/]+\//, "") || functionName;
  const key = `${functionName || "(anonymous)"} ${script}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byScript.set(script, (byScript.get(script) ?? 0) + us);
}
const ms = (us: number) => (us / 1000).toFixed(0);
console.log(`busy ${ms(total)} ms, idle ${ms(idle)} ms`);
console.log("\nby script:");
for (const [script, us] of [...byScript].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms(us).padStart(7)}  ${script}`);
console.log(`\nby function (top ${top}):`);
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us).padStart(7)}  ${key}`);
