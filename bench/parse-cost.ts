/**
 * Parse cost of the parsers alone (no store, no index): `parseDocument` on a few real documents, in this process,
 * RUNS times each after one warm-up, median wall time per document. For changes that add work over every line or
 * page of a parse, where a whole `jikji ingest` (bench/ingest.ts) is too noisy to show it. Documents: lshort-ko.pdf
 * (143 pp.), bzip2's manual.pdf (38 pp.), kotex-utf-doc.pdf (67 pp.), and the Korean installation guide as text
 * (install.ko.txt, 460 KB, a w3m dump whose wrap cuts Hangul words) and as one HTML chapter (ch06s03.html); or the
 * files named. `--module` loads `parseDocument` from another tree's src/ingest/parse.ts (one extracted with
 * `git archive <commit> src | tar -x -C <dir>`, plus a node_modules symlink), so two trees compare in one sitting.
 *
 *   flock /tmp/jikji-bench.lock nice -n 10 npx node bench/parse-cost.ts [--runs N] [--module PATH] [FILE…]
 */
import { gunzipSync } from "node:zlib";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { parseDocument as ParseDocument } from "../src/ingest/parse.ts";
import { debianFile } from "../test/fixtures/debian.ts";

const { values, positionals } = parseArgs({ options: { runs: { type: "string" }, module: { type: "string" } }, allowPositionals: true });
const RUNS = values.runs === undefined ? 7 : Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs takes a whole number above 0, got "${values.runs}"`);
const { parseDocument } = (await import(
  values.module === undefined ? "../src/ingest/parse.ts" : pathToFileURL(resolve(values.module)).href
)) as { parseDocument: typeof ParseDocument };

const TEX = "usr/share/doc/texlive-doc/latex";
const GUIDE = "usr/share/doc/installation-guide-amd64/ko";
const DOCUMENTS: Array<{ name: string; pkg: string; file: string }> = [
  { name: "lshort-ko.pdf", pkg: "texlive-lang-korean", file: `${TEX}/lshort-korean/lshort-ko.pdf` },
  { name: "bzip2-manual.pdf", pkg: "bzip2-doc", file: "usr/share/doc/bzip2/manual.pdf.gz" },
  { name: "kotex-utf-doc.pdf", pkg: "texlive-lang-korean", file: `${TEX}/kotex-utf/kotex-utf-doc.pdf` },
  { name: "install.ko.txt", pkg: "installation-guide-amd64", file: `${GUIDE}/install.ko.txt.gz` },
  { name: "install-ch06s03.html", pkg: "installation-guide-amd64", file: `${GUIDE}/ch06s03.html` },
];

/** The documents to parse: the files named, else the default set from the Debian cache. */
const inputs: Array<{ name: string; read: () => Promise<Uint8Array> }> =
  positionals.length > 0
    ? positionals.map((file) => ({ name: basename(file), read: async () => new Uint8Array(await readFile(file)) }))
    : DOCUMENTS.map((document) => ({
        name: document.name,
        read: async () => {
          const raw = new Uint8Array(await readFile(await debianFile(document.pkg, document.file)));
          return document.file.endsWith(".gz") ? new Uint8Array(gunzipSync(raw)) : raw;
        },
      }));

console.log(`Parse cost, median of ${RUNS} runs after one warm-up; Node ${process.version}`);
console.log("| document | blocks | median ms |\n|---|---|---|");
let total = 0;
for (const document of inputs) {
  const bytes = await document.read();
  const { document: parsed } = await parseDocument(bytes, document.name);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await parseDocument(bytes, document.name);
    times.push(performance.now() - started);
  }
  const median = times.sort((left, right) => left - right)[Math.floor(times.length / 2)]!;
  total += median;
  console.log(`| ${document.name} | ${parsed.blocks.length} | ${median.toFixed(1)} |`);
}
console.log(`| all ${inputs.length} | | ${total.toFixed(1)} |`);
