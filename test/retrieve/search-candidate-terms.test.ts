/**
 * The search hands the embedded index its lexical candidates' term counts from the rows it hydrates
 * (`IndexQuery.candidateTerms`), instead of the index reading its stored terms: same responses as before, one
 * hydration statement for a lexical search, and what the store no longer shows never comes back through it.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKorquad } from "../../bench/lib/korquad.ts";
import { loadConfig } from "../../src/config.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";
import { createBuiltinReranker, TextModels } from "../../src/retrieve/rerank/builtin.ts";
import { createSearch } from "../../src/retrieve/search.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import type { Store } from "../../src/store/store.ts";
import { cli } from "../helpers/cli.ts";

let root: string;
let jikji: Jikji;
const korquad = loadKorquad();

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-candidate-terms-"));
  const docs = path.join(root, "docs");
  await fs.mkdir(docs);
  // KorQuAD paragraphs as Markdown with a section each, so titles and section paths are part of the terms.
  for (const [i, document] of korquad.documents.slice(0, 120).entries()) {
    await fs.writeFile(path.join(docs, `${i}.md`), `# ${document.title}\n\n## 개요 ${i % 5}\n\n${document.body}\n`);
  }
  await fs.copyFile(path.join(import.meta.dirname, "../fixtures/docs/handbook-ko-en.html"), path.join(docs, "handbook.html"));
  const result = await cli(["ingest", docs, "--json", "--data-dir", path.join(root, "data")]);
  expect(result.code).toBe(0);
  jikji = await openJikji(loadConfig({}, { dataDir: path.join(root, "data") }), { scanIndex: false });
}, 120_000);

afterAll(async () => {
  await jikji?.close();
  await fs.rm(root, { recursive: true, force: true });
});

/** The index as before this path: it reads its stored terms, whatever the search offers. */
function storedTermsOnly(index: SearchIndex): SearchIndex {
  return { ...index, search: (query) => index.search({ ...query, candidateTerms: undefined }) };
}

/** The store, counting hydration statements and hiding the chunks of the documents in `hidden`. */
function watchedStore(store: Store, hidden: Set<string>): Store & { statements: number } {
  const watched = Object.create(store) as Store & { statements: number };
  watched.statements = 0;
  watched.visibleChunks = async (chunkIds, asOf) => {
    watched.statements++;
    const rows = await store.visibleChunks(chunkIds, asOf);
    for (const [id, row] of rows) if (hidden.has(row.document.id)) rows.delete(id);
    return rows;
  };
  return watched;
}

describe("search with the candidates' term counts from the store", () => {
  it("answers exactly as the index reading its stored terms, with one hydration statement a lexical search", async () => {
    const hidden = new Set<string>();
    const store = watchedStore(jikji.store, hidden);
    const texts = new TextModels();
    const counted = createSearch({ store, index: jikji.index, embedder: null, reranker: createBuiltinReranker(undefined, texts), texts });
    const stored = createSearch({ store: jikji.store, index: storedTermsOnly(jikji.index), embedder: null, reranker: createBuiltinReranker() });
    const questions = [...korquad.questions.slice(0, 80).map((question) => question.question), "How many vacation days do new employees get?"];
    let hits = 0;
    for (const question of questions) {
      for (const k of [3, 12]) {
        const before = store.statements;
        const request = { query: question, k, filter: {} };
        const answer = await counted(request);
        expect(answer).toEqual(await stored(request));
        if (answer.hits.length > 0) expect(store.statements - before).toBe(1);
        hits += answer.hits.length;
      }
    }
    expect(hits).toBeGreaterThan(500);
  });

  it("never brings back a document the store hides, and lets the next candidate take its place", async () => {
    const hidden = new Set<string>();
    const store = watchedStore(jikji.store, hidden);
    const search = createSearch({ store, index: jikji.index, embedder: null });
    const request = { query: korquad.questions[0]!.question, k: 5, filter: {} };
    const before = await search(request);
    expect(before.hits.length).toBe(5);
    hidden.add(before.hits[0]!.documentId);
    const after = await search(request);
    expect(after.hits.map((hit) => hit.documentId)).not.toContain(before.hits[0]!.documentId);
    expect(after.hits.length).toBe(5);
    expect(after.hits.slice(0, 3).map((hit) => hit.chunkId)).toEqual(
      before.hits.filter((hit) => hit.documentId !== before.hits[0]!.documentId).slice(0, 3).map((hit) => hit.chunkId),
    );
    // Shown again once the store shows it: nothing was remembered of it being hidden, nor of its rows.
    hidden.clear();
    expect(await search(request)).toEqual(before);
  });
});
