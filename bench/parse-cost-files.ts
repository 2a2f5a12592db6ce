/**
 * Parse-only cost of a few documents: the median of 7 parseDocument calls each (detect + parse, no chunking, no
 * store). It takes the parse module to load, so two trees can be compared in one sitting: the working tree's
 * src/ingest/parse.ts and an older tree extracted with `git archive <commit> src | tar -x -C <dir>` (plus a
 * node_modules symlink). Run: flock /tmp/jikji-bench.lock nice -n 10 npx node bench/parse-cost-files.ts <parse.ts> <file>…
 */
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const RUNS = 7;
const [modulePath, ...files] = process.argv.slice(2);
if (modulePath === undefined || files.length === 0) {
  throw new Error("usage: node bench/parse-cost-files.ts <path to src/ingest/parse.ts> <file>…");
}
const { parseDocument } = (await import(pathToFileURL(resolve(modulePath)).href)) as {
  parseDocument(bytes: Uint8Array, fileName: string): Promise<unknown>;
};
for (const file of files) {
  const bytes = new Uint8Array(await readFile(file));
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await parseDocument(bytes, basename(file));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${basename(file)}\t${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms`);
}
