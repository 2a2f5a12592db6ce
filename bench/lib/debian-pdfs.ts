import fs from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { debianFile } from "../../test/fixtures/debian.ts";

/** The six real PDFs the parser tests use: Korean TeX manuals and the bzip2 manual, from Debian packages. */
const PDFS: Array<[pkg: string, file: string]> = [
  ["texlive-lang-korean", "usr/share/doc/texlive-doc/latex/lshort-korean/lshort-ko.pdf"],
  ["texlive-lang-korean", "usr/share/doc/texlive-doc/latex/kotex-utf/kotex-doc.pdf"],
  ["texlive-lang-korean", "usr/share/doc/texlive-doc/latex/kotex-utf/kotex-utf-doc.pdf"],
  ["texlive-lang-korean", "usr/share/doc/texlive-doc/latex/cjk-ko/cjk-ko-doc.pdf"],
  ["texlive-lang-korean", "usr/share/doc/texlive-doc/latex/pmhanguljamo/pmhanguljamo-doc.pdf"],
  ["bzip2-doc", "usr/share/doc/bzip2/manual.pdf.gz"],
];

/** Their bytes (gunzipped where Debian ships them compressed), named by file. */
export async function loadDebianPdfs(): Promise<Array<{ source: string; bytes: Uint8Array }>> {
  const files: Array<{ source: string; bytes: Uint8Array }> = [];
  for (const [pkg, file] of PDFS) {
    const raw = new Uint8Array(await fs.readFile(await debianFile(pkg, file)));
    files.push({
      source: path.basename(file).replace(/\.gz$/, ""),
      bytes: file.endsWith(".gz") ? new Uint8Array(gunzipSync(raw)) : raw,
    });
  }
  return files;
}

/**
 * The three PDFs the ingest benches time (`jikji ingest <folder>` against LangChain.js and the local embedder):
 * lshort-ko, kotex-doc and the bzip2 manual, written into `folder` (made here). Returns their paths.
 */
export async function writeIngestBenchPdfs(folder: string): Promise<string[]> {
  await fs.mkdir(folder, { recursive: true });
  const lshort = await debianFile("texlive-lang-korean", "usr/share/doc/texlive-doc/latex/lshort-korean/lshort-ko.pdf");
  const kotex = await debianFile("texlive-lang-korean", "usr/share/doc/texlive-doc/latex/kotex-utf/kotex-doc.pdf");
  const bzip2 = await debianFile("bzip2-doc", "usr/share/doc/bzip2/manual.pdf.gz");
  await fs.copyFile(lshort, path.join(folder, "lshort-ko.pdf"));
  await fs.copyFile(kotex, path.join(folder, "kotex-doc.pdf"));
  await fs.writeFile(path.join(folder, "bzip2-manual.pdf"), gunzipSync(await fs.readFile(bzip2)));
  return ["lshort-ko.pdf", "kotex-doc.pdf", "bzip2-manual.pdf"].map((name) => path.join(folder, name));
}
