/**
 * Embedder adapter for a model folder on this machine (Hugging Face layout: config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model*.onnx), run by transformers.js + ONNX Runtime in worker threads, with remote
 * loading switched off: for sites under network separation (망분리) with neither an embedding API nor a GPU server.
 */
import path from "node:path";
import { ConfigError, InvalidInputError, UpstreamError } from "../../errors.ts";
import { checkModelFolder } from "../onnx/model-folder.ts";
import { startOnnxPool, type OnnxPool } from "../onnx/pool.ts";
import type { Embedder, EmbedOptions } from "./port.ts";

export interface LocalOnnxEmbedderConfig {
  /** The model folder (JIKJI_EMBED_MODEL_DIR). */
  dir: string;
  /** Use onnx/model_quantized.onnx (or _int8/_uint8) instead of onnx/model.onnx. */
  quantized: boolean;
  /** "mean" over the tokens (e5, KURE) or the first token ("cls": bge-m3). */
  pooling: "mean" | "cls";
  normalize: boolean;
  /** Put before every query / passage, e.g. "query: " and "passage: " for e5. */
  queryPrefix: string;
  passagePrefix: string;
  /** Texts are truncated to this many tokens. */
  maxTokens: number;
  /** What the index expects; start-up fails when the model gives another width. */
  dimensions?: number | null;
  workers?: number;
  threads?: number | null;
  maxEmbeddingsPerCall?: number;
}

export interface LocalOnnxEmbedder extends Embedder {
  readonly loadMs: number;
  close(): Promise<void>;
}

const VARIABLE = "JIKJI_EMBED_MODEL_DIR";

/** Loads the model (failing with a ConfigError that names what is wrong) and probes its output width. */
export async function createLocalOnnxEmbedder(config: LocalOnnxEmbedderConfig): Promise<LocalOnnxEmbedder> {
  const dir = path.resolve(config.dir);
  const folder = checkModelFolder(dir, { quantized: config.quantized, variable: VARIABLE });
  if (config.dimensions && folder.hiddenSize && folder.hiddenSize !== config.dimensions) {
    throw new ConfigError([
      `JIKJI_EMBED_DIMENSIONS: is ${config.dimensions}, but the model in ${dir} gives ${folder.hiddenSize}-dimensional vectors (config.json hidden_size)`,
    ]);
  }
  let pool: OnnxPool;
  try {
    pool = await startOnnxPool({
      data: {
        task: "embed",
        dir,
        modelFileName: folder.modelFileName,
        dtype: folder.dtype,
        externalData: folder.externalData,
        maxTokens: config.maxTokens,
        pooling: config.pooling,
        normalize: config.normalize,
      },
      ...(config.workers ? { workers: config.workers } : {}),
      ...(config.threads ? { threads: config.threads } : {}),
    });
  } catch (error) {
    throw new ConfigError([`${VARIABLE}=${dir}: ${folder.onnxFile} could not be loaded: ${(error as Error).message}`]);
  }

  const model = `local-onnx:${path.basename(dir)}`;
  const maxEmbeddingsPerCall = config.maxEmbeddingsPerCall ?? 16;
  const embedNow = async (texts: readonly string[], options?: EmbedOptions): Promise<number[][]> => {
    const prefix = options?.purpose === "query" ? config.queryPrefix : config.passagePrefix;
    let result;
    try {
      result = await pool.run({ op: "embed", texts: texts.map((text) => prefix + text) }, options?.signal);
    } catch (error) {
      if (options?.signal?.aborted) throw error;
      throw new UpstreamError("upstream_error", `The local embedding model (${model}) failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const vectors: number[][] = [];
    for (let row = 0; row < result.rows; row++) vectors.push(Array.from(result.data.subarray(row * result.cols, (row + 1) * result.cols)));
    return vectors;
  };

  let probe: number[][];
  try {
    probe = await embedNow(["dimension probe 차원 확인"]);
  } catch (error) {
    await pool.close();
    throw new ConfigError([`${VARIABLE}=${dir}: the model could not embed a probe sentence: ${(error as Error).message}`]);
  }
  const dimensions = probe[0]!.length;
  if (config.dimensions && dimensions !== config.dimensions) {
    await pool.close();
    throw new ConfigError([
      `JIKJI_EMBED_DIMENSIONS: is ${config.dimensions}, but the model in ${dir} gives ${dimensions}-dimensional vectors`,
    ]);
  }

  return {
    model,
    dimensions,
    maxEmbeddingsPerCall,
    loadMs: pool.loadMs,
    async embed(texts, options) {
      if (texts.length === 0) return [];
      if (texts.length > maxEmbeddingsPerCall) {
        throw new InvalidInputError(`At most ${maxEmbeddingsPerCall} texts per embedding call, got ${texts.length}.`);
      }
      return embedNow(texts, options);
    },
    close: () => pool.close(),
  };
}
