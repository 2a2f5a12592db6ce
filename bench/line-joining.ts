/**
 * How often the Korean line-joining rule decides right, on real Korean PDFs whose LaTeX sources ship with them in
 * texlive-lang-korean. For every line break with Hangul on both sides, the source (whitespace collapsed, so a TeX
 * line end counts as a space) says whether the words were spaced there; breaks whose context is not found in the
 * source, or is found both ways, are left out. The thresholds were chosen on lshort-ko (the real-document set's
 * tune split); kotex-utf-doc and pmhanguljamo-kdoc are held out.
 *
 *   npx node bench/line-joining.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { getDocumentProxy } from "unpdf";
import { debianFile } from "../test/fixtures/debian.ts";
import { learnLineJoining } from "../src/ingest/line-breaks.ts";
import { parsePdf } from "../src/ingest/parse-pdf.ts";
import { itemsToLines } from "../src/ingest/pdf-layout.ts";

const DOC = "usr/share/doc/texlive-doc/latex";

async function lshortSource(): Promise<string> {
  const tar = await debianFile("texlive-lang-korean", `${DOC}/lshort-korean/lshort-ko-src-20210316.tar.gz`);
  const work = mkdtempSync(join(tmpdir(), "lshort-src-"));
  execFileSync("tar", ["xzf", tar, "-C", work]);
  return readdirSync(join(work, "src"))
    .filter((name) => name.endsWith(".tex") && !name.startsWith("."))
    .map((name) => readFileSync(join(work, "src", name), "utf8"))
    .join("\n");
}

async function gzippedSource(path: string): Promise<string> {
  return gunzipSync(readFileSync(await debianFile("texlive-lang-korean", path))).toString("utf8");
}

const documents = [
  { name: "lshort-ko.pdf", split: "tune", pdf: `${DOC}/lshort-korean/lshort-ko.pdf`, source: lshortSource },
  { name: "kotex-utf-doc.pdf", split: "heldout", pdf: `${DOC}/kotex-utf/kotex-utf-doc.pdf`, source: () => gzippedSource(`${DOC}/kotex-utf/kotex-utf-doc.tex.gz`) },
  { name: "pmhanguljamo-kdoc.pdf", split: "heldout", pdf: `${DOC}/pmhanguljamo/pmhanguljamo-kdoc.pdf`, source: () => gzippedSource(`${DOC}/pmhanguljamo/pmhanguljamo-kdoc.tex.gz`) },
];

console.log("| document | split | breaks decided | joined right | joined wrong | spaced right | spaced wrong | accuracy | always a space |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const document of documents) {
  const source = (await document.source()).replace(/^%.*$/gm, "").replace(/\s+/g, " ");
  const bytes = new Uint8Array(readFileSync(await debianFile("texlive-lang-korean", document.pdf)));
  await parsePdf(bytes, document.name); // loads pdf.js the way the parser does
  const pdf = await getDocumentProxy(bytes.slice());
  const pages: string[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(itemsToLines(content.items.flatMap((item) => ("str" in item ? [item as never] : []))).map((line) => line.text));
  }
  const join_ = learnLineJoining(pages.flat());
  const counts = { joinedRight: 0, joinedWrong: 0, spacedRight: 0, spacedWrong: 0 };
  for (const lines of pages) {
    for (let index = 1; index < lines.length; index++) {
      const left = lines[index - 1]!;
      const right = lines[index]!;
      if (!/[\uac00-\ud7a3]$/.test(left) || !/^[\uac00-\ud7a3]/.test(right)) continue;
      const spacedInSource = source.includes(`${left.slice(-4)} ${right.slice(0, 4)}`);
      if (spacedInSource === source.includes(left.slice(-4) + right.slice(0, 4))) continue;
      const joined = !join_(left, right, { reachesRightEdge: true, spaceInTextLayer: false }).includes(`${left} ${right}`);
      if (joined) counts[spacedInSource ? "joinedWrong" : "joinedRight"]++;
      else counts[spacedInSource ? "spacedRight" : "spacedWrong"]++;
    }
  }
  const decided = counts.joinedRight + counts.joinedWrong + counts.spacedRight + counts.spacedWrong;
  const accuracy = (counts.joinedRight + counts.spacedRight) / decided;
  const alwaysSpace = (counts.spacedRight + counts.joinedWrong) / decided;
  console.log(
    `| ${document.name} | ${document.split} | ${decided} | ${counts.joinedRight} | ${counts.joinedWrong} | ${counts.spacedRight} | ${counts.spacedWrong} | ${accuracy.toFixed(3)} | ${alwaysSpace.toFixed(3)} |`,
  );
}
