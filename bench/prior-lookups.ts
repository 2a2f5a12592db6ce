/**
 * What the document prior's lookups cost alone (cost8): `namedDocuments` for bench/lib/serve.ts's 400 questions, 16
 * at a time, against a data dir's index as the runtime opens it (set JIKJI_LEXICAL_MEMORY=off for the LanceDB path).
 * Reports, per round, process CPU a question (main thread and LanceDB's threads), how many terms were looked up, how
 * often the store was asked for document sizes and how often the prior fired. Round 0 includes loading the
 * frequencies file; a later round shows the steady cost (the embedded fallback keeps LanceDB's answers until the next
 * write, so its later rounds are cached).
 *
 *   npx node bench/prior-lookups.ts <data dir> [--rounds 2]
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { DEFAULT_DOCUMENT_PRIOR, namedDocuments } from "../src/retrieve/document-prior.ts";
import { queryTerms } from "../src/retrieve/tokenize.ts";
import { openJikji } from "../src/runtime.ts";
import { mixedQuestions } from "./lib/serve.ts";

const { values, positionals } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: "string", default: "2" } }, allowPositionals: true });
const dataDir = positionals[0];
if (!dataDir) throw new Error("usage: npx node bench/prior-lookups.ts <data dir> [--rounds 2]");
const jikji = await openJikji(loadConfig({ ...process.env }, { dataDir }), { scanIndex: false, observe: {} });
const questions = (await mixedQuestions()).slice(0, 400);
const index = jikji.index;
for (let round = 0; round < Number(values.rounds); round++) {
  let looked = 0;
  let asked = 0;
  let ids = 0;
  let fired = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async (_, caller) => {
      for (let i = caller; i < questions.length; i += 16) {
        const shares = await namedDocuments(
          {
            documentFrequencies: (terms, options) => index.documentFrequencies(terms, options),
            documentsHolding: (terms, options) => ((looked += terms.length), index.documentsHolding(terms, options)),
          },
          async (documentIds) => {
            asked++;
            ids += documentIds.length;
            const found = await Promise.all(documentIds.map((id) => jikji.store.getDocument(id)));
            return new Map(found.flatMap((document) => (document === null ? [] : [[document.id, { chunks: document.chunkCount, readable: true }] as const])));
          },
          queryTerms(questions[i]!),
          DEFAULT_DOCUMENT_PRIOR,
        );
        if (shares.size > 0) fired++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  console.log(
    `round ${round}: ${((used.user + used.system) / 1000 / questions.length).toFixed(3)} ms CPU a question, ` +
      `${((performance.now() - started) / questions.length).toFixed(3)} ms wall; ${looked} terms looked up, ` +
      `store asked ${asked} times (${ids} documents), prior fired on ${fired} of ${questions.length}`,
  );
}
await jikji.close();
