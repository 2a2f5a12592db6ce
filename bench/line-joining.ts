/**
 * How often the Korean line-joining rule decides right, on a real Korean PDF whose LaTeX source is shipped with it
 * (lshort-ko.pdf and lshort-ko-src from texlive-lang-korean). For every line break with Hangul on both sides, the
 * source (whitespace collapsed, so a TeX line end counts as a space) says whether the words were spaced there.
 *
 *   node bench/line-joining.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocumentProxy } from "unpdf";
import { debianFile } from "../test/fixtures/debian.ts";
import { itemsToLines } from "../src/ingest/pdf-layout.ts";
import { learnLineJoining } from "../src/ingest/line-breaks.ts";
import { parsePdf } from "../src/ingest/parse-pdf.ts";

const dir = "usr/share/doc/texlive-doc/latex/lshort-korean";
const pdfPath = await debianFile("texlive-lang-korean", `${dir}/lshort-ko.pdf`);
const srcTar = await debianFile("texlive-lang-korean", `${dir}/lshort-ko-src-20210316.tar.gz`);
const work = mkdtempSync(join(tmpdir(), "lshort-src-"));
execFileSync("tar", ["xzf", srcTar, "-C", work]);
const source = readdirSync(join(work, "src"))
  .filter((name) => name.endsWith(".tex") && !name.startsWith("."))
  .map((name) => readFileSync(join(work, "src", name), "utf8").replace(/^%.*$/gm, ""))
  .join(" ")
  .replace(/\s+/g, " ");

await parsePdf(new Uint8Array(readFileSync(pdfPath)), "lshort-ko.pdf"); // loads pdf.js as the parser does
const pdf = await getDocumentProxy(new Uint8Array(readFileSync(pdfPath)));
const pages: string[][] = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const content = await (await pdf.getPage(number)).getTextContent();
  pages.push(itemsToLines(content.items.flatMap((item) => ("str" in item ? [item as never] : []))).map((line) => line.text));
}
const join_ = learnLineJoining(pages.flat());
const counts = { joinedRight: 0, joinedWrong: 0, spacedRight: 0, spacedWrong: 0, unknown: 0 };
for (const lines of pages) {
  for (let index = 1; index < lines.length; index++) {
    const left = lines[index - 1]!;
    const right = lines[index]!;
    if (!/[\uac00-\ud7a3]$/.test(left) || !/^[\uac00-\ud7a3]/.test(right)) continue;
    const tail = left.slice(-4);
    const head = right.slice(0, 4);
    const spacedInSource = source.includes(`${tail} ${head}`);
    const joinedInSource = source.includes(tail + head);
    if (spacedInSource === joinedInSource) {
      counts.unknown++;
      continue;
    }
    const joined = !join_(left, right, { reachesRightEdge: true, spaceInTextLayer: false }).includes(`${left} ${right}`);
    if (joined) counts[joinedInSource ? "joinedRight" : "joinedWrong"]++;
    else counts[spacedInSource ? "spacedRight" : "spacedWrong"]++;
  }
}
const decided = counts.joinedRight + counts.joinedWrong + counts.spacedRight + counts.spacedWrong;
console.log(JSON.stringify({ ...counts, accuracy: (counts.joinedRight + counts.spacedRight) / decided, decided }, null, 2));
