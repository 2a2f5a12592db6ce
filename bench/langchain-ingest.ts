/**
 * LangChain.js's ingest of a folder of PDFs as one whole process, the peer of a whole `jikji ingest` process:
 * PDFLoader (pdf-parse) → RecursiveCharacterTextSplitter (1,200/200 characters, jikji's defaults) →
 * MemoryVectorStore with FakeEmbeddings, as in bench/ingest.ts. LangChain.js is in bench/peers (bench/ingest.ts
 * installs it on first use). Prints pages and chunks. Time it from outside, e.g.
 *
 *   /usr/bin/time -v node bench/langchain-ingest.ts <folder of PDFs>
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

type LangchainDocument = { pageContent: string; metadata: Record<string, unknown> };

const peers = createRequire(join(dirname(fileURLToPath(import.meta.url)), "peers", "package.json"));
const load = async <T>(specifier: string): Promise<T> =>
  (await import(pathToFileURL(peers.resolve(specifier).replace(/\.cjs$/, ".js")).href)) as T;

const folder = process.argv[2];
if (folder === undefined) throw new Error("usage: node bench/langchain-ingest.ts <folder of PDFs>");
const [{ PDFLoader }, { RecursiveCharacterTextSplitter }, { MemoryVectorStore }, { FakeEmbeddings }] = await Promise.all([
  load<{ PDFLoader: new (path: string) => { load(): Promise<LangchainDocument[]> } }>("@langchain/community/document_loaders/fs/pdf"),
  load<{
    RecursiveCharacterTextSplitter: new (options: { chunkSize: number; chunkOverlap: number }) => {
      splitDocuments(documents: LangchainDocument[]): Promise<LangchainDocument[]>;
    };
  }>("@langchain/textsplitters"),
  load<{ MemoryVectorStore: { fromDocuments(documents: LangchainDocument[], embeddings: unknown): Promise<unknown> } }>(
    "@langchain/classic/vectorstores/memory",
  ),
  load<{ FakeEmbeddings: new () => unknown }>("@langchain/core/utils/testing"),
]);

const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1200, chunkOverlap: 200 });
let pages = 0;
let chunks = 0;
for (const name of readdirSync(folder).filter((file) => file.toLowerCase().endsWith(".pdf")).sort()) {
  const documents = await new PDFLoader(join(folder, name)).load();
  pages += documents.length;
  const pieces = await splitter.splitDocuments(documents);
  await MemoryVectorStore.fromDocuments(pieces, new FakeEmbeddings());
  chunks += pieces.length;
}
console.log(`${pages} pages, ${chunks} chunks`);
