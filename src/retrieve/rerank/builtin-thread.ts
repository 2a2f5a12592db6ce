/**
 * The built-in reranker (builtin.ts) run in a worker thread, behind the same port and under the same name. Its
 * features (tokenizing ~30 candidate texts, windows, bridges, layout) were ~1.6 ms of the ~5.4 ms a search costs
 * `serve`'s main thread at 100k chunks, while a core sat idle (BENCHMARKS.md, "Ninth pass" and "Tenth pass"). The
 * scores are the same numbers: the worker runs the same pure function on a structured copy of the same inputs,
 * with the same weights, synonym list and lexicon (loaded there from the same configuration); only where the
 * arithmetic runs changes.
 *
 * One worker, started with the reranker and referenced only while it has calls in flight, so it never keeps a
 * process alive. Calls are answered in the order sent. A worker that stops or crashes fails its calls with
 * `RerankUnavailableError` (the search keeps the first-stage order and says so) and is replaced on the next call; an
 * error thrown by the features themselves fails the call as it would in-process.
 */
import { Worker } from "node:worker_threads";
import { RerankUnavailableError } from "../../errors.ts";
import type { LexiconConfig } from "../lexicon.ts";
import type { SynonymConfig } from "../synonyms.ts";
import { CACHED_TEXTS, type BuiltinWeights } from "./builtin.ts";
import type { BuiltinReply, BuiltinRequest, BuiltinWorkerData } from "./builtin-worker.ts";
import type { Reranker } from "./port.ts";

const WORKER_URL = new URL("./builtin-worker.ts", import.meta.url);

export interface ThreadedBuiltinOptions {
  weights: BuiltinWeights;
  /** The synonym list's configuration, loaded in the worker when `weights.synonyms` > 0. */
  synonyms?: SynonymConfig | null;
  /** The learned lexicon's configuration, loaded in the worker when `weights.lexicon` > 0. */
  lexicon?: LexiconConfig | null;
  cachedTexts?: number;
}

interface Call {
  resolve: (scores: number[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Call>;
}

export function createThreadedBuiltinReranker(options: ThreadedBuiltinOptions): Reranker {
  const data: BuiltinWorkerData = {
    weights: options.weights,
    synonyms: options.synonyms ?? null,
    lexicon: options.lexicon ?? null,
    cachedTexts: options.cachedTexts ?? CACHED_TEXTS,
  };
  let slot: Slot | null = null;
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(WORKER_URL, { workerData: data });
    worker.unref();
    const pending = new Map<number, Call>();
    const own: Slot = { worker, pending };
    const fail = (reason: string) => {
      if (slot === own) slot = null;
      const error = new RerankUnavailableError(`the built-in reranker's thread ${reason}`);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    };
    worker.on("message", (reply: BuiltinReply) => {
      const call = pending.get(reply.id);
      if (!call) return;
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if (reply.ok) call.resolve(reply.scores);
      else call.reject(new Error(`built-in reranker: ${reply.message}`));
    });
    worker.on("error", (error: Error) => fail(`crashed: ${error.message}`));
    worker.on("exit", (code) => fail(`stopped (exit code ${code})`));
    return own;
  };
  // Started now, so the first search does not wait for the thread to load its modules.
  slot = spawn();

  return {
    name: "builtin",
    score(query, candidates, rerankOptions) {
      if (closed) return Promise.reject(new RerankUnavailableError("the built-in reranker's thread is closed"));
      const current = (slot ??= spawn());
      const id = nextId++;
      const request: BuiltinRequest = { id, query, candidates: [...candidates], gaps: rerankOptions?.gaps, english: rerankOptions?.english };
      return new Promise<Array<number | null>>((resolve, reject) => {
        current.pending.set(id, { resolve, reject });
        if (current.pending.size === 1) current.worker.ref();
        try {
          current.worker.postMessage(request);
        } catch (error) {
          current.pending.delete(id);
          if (current.pending.size === 0) current.worker.unref();
          reject(error);
        }
      });
    },
    async close() {
      closed = true;
      const current = slot;
      slot = null;
      if (current) {
        for (const call of current.pending.values()) call.reject(new RerankUnavailableError("the built-in reranker's thread was closed"));
        current.pending.clear();
        await current.worker.terminate();
      }
    },
  };
}
