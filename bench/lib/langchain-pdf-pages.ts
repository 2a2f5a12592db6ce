/**
 * Prints, as JSON, the pages LangChain.js's PDFLoader extracts from each PDF named on the command line. Run as its
 * own process: PDFLoader's pdf.js (through pdf-parse) and jikji's pdf.js are different versions, and pdf.js keeps
 * one worker per process, so the two cannot load in the same one.
 *
 *   node bench/lib/langchain-pdf-pages.ts a.pdf b.pdf  →  [{ "file": "a.pdf", "pages": [{ "page": 1, "text": "…" }] }]
 */
import { readFile } from "node:fs/promises";
import { importLangchain } from "./peers.ts";

const { PDFLoader } = await importLangchain<{
  PDFLoader: new (blob: Blob) => { load(): Promise<Array<{ pageContent: string; metadata: { loc: { pageNumber: number } } }>> };
}>("@langchain/community/document_loaders/fs/pdf");

const out: Array<{ file: string; pages: Array<{ page: number; text: string }> }> = [];
for (const file of process.argv.slice(2)) {
  const pages = await new PDFLoader(new Blob([await readFile(file)])).load();
  out.push({ file, pages: pages.map((page) => ({ page: page.metadata.loc.pageNumber, text: page.pageContent })) });
}
process.stdout.write(JSON.stringify(out));
