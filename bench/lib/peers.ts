/**
 * Peer search libraries run on the same documents and questions as jikji, each with its defaults: the documents
 * as title + text, queries as typed, the first 10 results. Only wink-bm25-text-search has no usable default (it
 * indexes characters without a prep task), so it gets the plainest pipeline: lower-case, split on non-letters.
 */
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { create, insertMultiple, search as oramaSearch } from "@orama/orama";
import MiniSearch from "minisearch";
import winkBm25 from "wink-bm25-text-search";
import type { QuestionOutcome } from "../../src/retrieve/eval.ts";

export interface CorpusDocument {
  name: string;
  title: string;
  text: string;
}

export interface Peer {
  name: string;
  /** Builds the peer's index; returns a search that gives document names, best first. */
  build(documents: readonly CorpusDocument[]): Promise<(query: string) => Promise<string[]>>;
}

const PEERS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../peers");

/**
 * LangChain.js lives in bench/peers/ with its own package.json: @langchain/community's optional peers make
 * `npm install` fail in jikji's project. Installed there with npm on first use.
 */
export async function importLangchain<T>(specifier: string): Promise<T> {
  if (!existsSync(join(PEERS_DIR, "node_modules", "@langchain", "community"))) {
    console.error("Installing LangChain.js into bench/peers (first run only)…");
    execFileSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: PEERS_DIR, stdio: "inherit" });
  }
  const resolved = createRequire(join(PEERS_DIR, "package.json")).resolve(specifier);
  return (await import(pathToFileURL(resolved.replace(/\.cjs$/, ".js")).href)) as T;
}

const miniSearch: Peer = {
  name: "MiniSearch 7.2 (defaults)",
  async build(documents) {
    const index = new MiniSearch<CorpusDocument & { id: number }>({ fields: ["title", "text"], storeFields: [] });
    index.addAll(documents.map((document, id) => ({ ...document, id })));
    return async (query) => index.search(query).slice(0, 10).map((hit) => documents[hit.id as number]!.name);
  },
};

const orama: Peer = {
  name: "Orama 3.1 (defaults)",
  async build(documents) {
    const db = create({ schema: { name: "string", title: "string", text: "string" } as const });
    await insertMultiple(db, documents.map((document) => ({ name: document.name, title: document.title, text: document.text })));
    return async (query) => {
      const result = await oramaSearch(db, { term: query, properties: ["title", "text"], limit: 10 });
      return result.hits.map((hit) => hit.document.name);
    };
  },
};

const wink: Peer = {
  name: "wink-bm25-text-search 3.1 (lower-case + split)",
  async build(documents) {
    const engine = winkBm25();
    const prep = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((token) => token !== "");
    engine.defineConfig({ fldWeights: { title: 1, text: 1 } });
    engine.definePrepTasks([prep]);
    documents.forEach((document, id) => engine.addDoc({ title: document.title, text: document.text }, id));
    engine.consolidate();
    return async (query) => (engine.search(query, 10) as Array<[number, number]>).map(([id]) => documents[id]!.name);
  },
};

const langchainBm25: Peer = {
  name: "LangChain.js BM25Retriever (community 1.1)",
  async build(documents) {
    const { BM25Retriever } = await importLangchain<{
      BM25Retriever: {
        fromDocuments(docs: unknown[], options: { k: number }): { invoke(query: string): Promise<Array<{ metadata: { name: string } }>> };
      };
    }>("@langchain/community/retrievers/bm25");
    const retriever = BM25Retriever.fromDocuments(
      documents.map((document) => ({ pageContent: `${document.title}\n\n${document.text}`, metadata: { name: document.name } })),
      { k: 10 },
    );
    return async (query) => (await retriever.invoke(query)).map((document) => document.metadata.name);
  },
};

export const PEERS: readonly Peer[] = [miniSearch, orama, langchainBm25, wink];

/** Runs every question through a built peer. */
export async function runPeer(
  search: (query: string) => Promise<string[]>,
  questions: ReadonlyArray<{ question: string; relevant: string[] }>,
): Promise<QuestionOutcome[]> {
  const outcomes: QuestionOutcome[] = [];
  for (const item of questions) {
    const started = performance.now();
    const ranked = await search(item.question);
    outcomes.push({ ranked, relevant: item.relevant, latencyMs: performance.now() - started });
  }
  return outcomes;
}
