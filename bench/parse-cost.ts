/**
 * Parse cost of the parsers alone (no store, no index): `parseDocument` on a few real documents, in this process,
 * RUNS times each after one warm-up, median wall time per document. For changes that add work over every line or
 * page of a parse, where a whole `jikji ingest` (bench/ingest.ts) is too noisy to show it. Documents: lshort-ko.pdf
 * (143 pp.), bzip2's manual.pdf (38 pp.), kotex-utf-doc.pdf (67 pp.), and the Korean installation guide as text
 * (install.ko.txt, 460 KB, a w3m dump whose wrap cuts Hangul words) and as one HTML chapter (ch06s03.html).
 *
 *   flock /tmp/jikji-bench.lock nice -n 10 npx node bench/parse-cost.ts [--runs N]
 */
import { gunzipSync } from "node:zlib";
import { readFile } from "node:fs/promises";
import { parseDocument } from "../src/ingest/parse.ts";
import { debianFile } from "../test/fixtures/debian.ts";

const runsAt = process.argv.indexOf("--runs");
const RUNS = runsAt === -1 ? 7 : Number(process.argv[runsAt + 1]);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs takes a whole number above 0, got "${process.argv[runsAt + 1]}"`);

const TEX = "usr/share/doc/texlive-doc/latex";
const GUIDE = "usr/share/doc/installation-guide-amd64/ko";
const DOCUMENTS: Array<{ name: string; pkg: string; file: string }> = [
  { name: "lshort-ko.pdf", pkg: "texlive-lang-korean", file: `${TEX}/lshort-korean/lshort-ko.pdf` },
  { name: "bzip2-manual.pdf", pkg: "bzip2-doc", file: "usr/share/doc/bzip2/manual.pdf.gz" },
  { name: "kotex-utf-doc.pdf", pkg: "texlive-lang-korean", file: `${TEX}/kotex-utf/kotex-utf-doc.pdf` },
  { name: "install.ko.txt", pkg: "installation-guide-amd64", file: `${GUIDE}/install.ko.txt.gz` },
  { name: "install-ch06s03.html", pkg: "installation-guide-amd64", file: `${GUIDE}/ch06s03.html` },
];

console.log(`Parse cost, median of ${RUNS} runs after one warm-up; Node ${process.version}`);
console.log("| document | blocks | median ms |\n|---|---|---|");
let total = 0;
for (const document of DOCUMENTS) {
  const raw = new Uint8Array(await readFile(await debianFile(document.pkg, document.file)));
  const bytes = document.file.endsWith(".gz") ? new Uint8Array(gunzipSync(raw)) : raw;
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
console.log(`| all five | | ${total.toFixed(1)} |`);
