/**
 * The built-in reranker's features in a worker thread (builtin-thread.ts): the same `builtinScores` over the same
 * weights, synonym list and lexicon (loaded here from the same configuration the main thread loads them from), with
 * a text cache of its own. Nothing here reads the store or the index: each request carries the query and the
 * candidates, each reply one score per candidate.
 */
import { parentPort, workerData } from "node:worker_threads";
import { errorMessage } from "../../errors.ts";
import { loadLexicon, type LexiconConfig } from "../lexicon.ts";
import { loadSynonyms, type SynonymConfig } from "../synonyms.ts";
import { builtinScores, TextModels, type BuiltinWeights } from "./builtin.ts";
import type { RerankCandidate, RerankOptions } from "./port.ts";

export interface BuiltinWorkerData {
  weights: BuiltinWeights;
  /** Loaded here when `weights.synonyms` or `weights.synonymCredit` > 0 (null: none), as `rerankerFrom` loads it. */
  synonyms: SynonymConfig | null;
  /** Loaded here when `weights.lexicon` > 0 (null: none). */
  lexicon: LexiconConfig | null;
  /** The text cache's size (TextModels). */
  cachedTexts: number;
}

export interface BuiltinRequest {
  id: number;
  query: string;
  candidates: RerankCandidate[];
  gaps: RerankOptions["gaps"];
  english: RerankOptions["english"];
}

export type BuiltinReply = { id: number; ok: true; scores: number[] } | { id: number; ok: false; message: string };

const data = workerData as BuiltinWorkerData;
const synonyms = data.synonyms !== null && (data.weights.synonyms > 0 || data.weights.synonymCredit > 0) ? loadSynonyms(data.synonyms) : null;
const lexicon = data.lexicon !== null && data.weights.lexicon > 0 ? loadLexicon(data.lexicon) : null;
const texts = new TextModels(data.cachedTexts);

parentPort!.on("message", (request: BuiltinRequest) => {
  let reply: BuiltinReply;
  try {
    const scores = builtinScores(request.query, request.candidates, data.weights, texts, synonyms, lexicon, request.gaps ?? [], request.english);
    reply = { id: request.id, ok: true, scores };
  } catch (error) {
    reply = { id: request.id, ok: false, message: errorMessage(error) };
  }
  parentPort!.postMessage(reply);
});
