/**
 * Reranker adapter for a cross-encoder folder on this machine (bge-reranker-v2-m3 layout: config.json,
 * tokenizer.json, tokenizer_config.json, onnx/model*.onnx), run by transformers.js in worker threads with remote
 * loading off. A CPU cross-encoder of that class scores a few passages per second, so only the best first-stage
 * candidates are scored, in batches, within a latency budget: whatever the budget leaves unscored comes back as
 * `null` and keeps its first-stage order.
 */
import path from "node:path";
import { ConfigError, RerankUnavailableError } from "../../errors.ts";
import { checkModelFolder } from "../onnx/model-folder.ts";
import { startOnnxPool, type OnnxPool } from "../onnx/pool.ts";
import type { RerankCandidate, Reranker } from "./port.ts";

export interface LocalOnnxRerankerConfig {
  /** The model folder (JIKJI_RERANK_MODEL_DIR). */
  dir: string;
  quantized: boolean;
  /** Query + passage are truncated to this many tokens together. */
  maxTokens: number;
  /** Only the first this many candidates (first-stage order) are scored. */
  topN: number;
  /** Time allowed per call; batches not finished by then leave their candidates unscored. */
  budgetMs: number;
  /** Candidates per model call. */
  batchSize?: number;
  workers?: number;
  threads?: number | null;
}

export interface LocalOnnxReranker extends Reranker {
  readonly loadMs: number;
}

const VARIABLE = "JIKJI_RERANK_MODEL_DIR";

/** What the model reads for a candidate: its section path (often the best clue) above its text. */
function passageText(candidate: RerankCandidate): string {
  return candidate.headingPath.length > 0 ? `${candidate.headingPath.join(" > ")}\n${candidate.text}` : candidate.text;
}

export async function createLocalOnnxReranker(config: LocalOnnxRerankerConfig): Promise<LocalOnnxReranker> {
  const dir = path.resolve(config.dir);
  const folder = checkModelFolder(dir, { quantized: config.quantized, variable: VARIABLE });
  let pool: OnnxPool;
  try {
    pool = await startOnnxPool({
      data: {
        task: "rerank",
        dir,
        modelFileName: folder.modelFileName,
        dtype: folder.dtype,
        externalData: folder.externalData,
        maxTokens: config.maxTokens,
        pooling: "cls",
        normalize: false,
      },
      ...(config.workers ? { workers: config.workers } : {}),
      ...(config.threads ? { threads: config.threads } : {}),
    });
  } catch (error) {
    throw new ConfigError([`${VARIABLE}=${dir}: ${folder.onnxFile} could not be loaded: ${(error as Error).message}`]);
  }
  const name = `local-onnx:${path.basename(dir)}`;
  const batchSize = Math.max(1, config.batchSize ?? 4);

  try {
    const probe = await pool.run({ op: "score", query: "probe", texts: ["probe passage 확인"] });
    if (probe.rows !== 1 || !Number.isFinite(probe.data[0])) throw new Error(`the model gave ${probe.rows} scores for 1 pair`);
  } catch (error) {
    await pool.close();
    throw new ConfigError([`${VARIABLE}=${dir}: the model could not score a probe pair: ${(error as Error).message}`]);
  }

  return {
    name,
    loadMs: pool.loadMs,
    async score(query, candidates, options) {
      const scores: Array<number | null> = new Array(candidates.length).fill(null);
      const top = candidates.slice(0, Math.max(0, config.topN));
      if (top.length === 0) return scores;
      const batches: Array<{ start: number; texts: string[] }> = [];
      for (let start = 0; start < top.length; start += batchSize) {
        batches.push({ start, texts: top.slice(start, start + batchSize).map(passageText) });
      }

      // Past the budget the batches still running are abandoned (their replies dropped) and the rest never sent.
      const budget = AbortSignal.timeout(config.budgetMs);
      const signal = options?.signal ? AbortSignal.any([options.signal, budget]) : budget;
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < batches.length && !signal.aborted) {
          const batch = batches[next++]!;
          const result = await pool.run({ op: "score", query, texts: batch.texts }, signal);
          for (let i = 0; i < result.rows; i++) scores[batch.start + i] = result.data[i]!;
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(pool.workers, batches.length) }, lane));
      } catch (error) {
        if (options?.signal?.aborted) throw options.signal.reason;
        if (!budget.aborted) {
          throw new RerankUnavailableError(`The local reranker (${name}) failed: ${(error as Error).message}`, { cause: error });
        }
      }
      // A copy: an abandoned lane must not write into what the caller already holds.
      return [...scores];
    },
    close: () => pool.close(),
  };
}
