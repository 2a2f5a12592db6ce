/**
 * One local model in a worker thread: transformers.js tokenizes, ONNX Runtime runs the graph on its own threads,
 * and this thread pools and normalises, so the main thread (HTTP, ingest bookkeeping) never waits on a model.
 * Remote loading is switched off and transformers.js's fetch replaced by one that throws: a missing file is an
 * error, never a download.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  AutoModel,
  AutoModelForSequenceClassification,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from "@huggingface/transformers";

export interface OnnxWorkerData {
  task: "embed" | "rerank";
  dir: string;
  modelFileName: string;
  dtype: "fp32" | "q8" | "int8" | "uint8";
  externalData: boolean;
  /** ONNX Runtime's intra-op threads for this worker's session. */
  threads: number;
  maxTokens: number;
  pooling: "mean" | "cls";
  normalize: boolean;
}

export type OnnxRequest =
  | { id: number; op: "embed"; texts: string[] }
  | { id: number; op: "score"; query: string; texts: string[] };

export type OnnxReply =
  | { type: "ready"; loadMs: number }
  | { type: "failed"; message: string }
  | { id: number; ok: true; rows: number; cols: number; data: Float32Array }
  | { id: number; ok: false; message: string };

const config = workerData as OnnxWorkerData;
const port = parentPort!;

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.useFSCache = false;
env.useBrowserCache = false;
env.fetch = (async (url: unknown) => {
  throw new Error(`local models never fetch (asked for ${String(url)})`);
}) as typeof fetch;

/** Pools [batch, sequence, hidden] into [batch, hidden] by the attention mask (mean) or the first token (cls). */
function pool(hidden: Tensor, mask: Tensor): { rows: number; cols: number; data: Float32Array } {
  const [rows, sequence, cols] = hidden.dims as [number, number, number];
  const states = hidden.data as Float32Array;
  const maskData = mask.data as BigInt64Array;
  const out = new Float32Array(rows * cols);
  for (let row = 0; row < rows; row++) {
    const target = out.subarray(row * cols, (row + 1) * cols);
    if (config.pooling === "cls") {
      target.set(states.subarray(row * sequence * cols, row * sequence * cols + cols));
    } else {
      let count = 0;
      for (let token = 0; token < sequence; token++) {
        if (maskData[row * sequence + token] === 0n) continue;
        count++;
        const offset = (row * sequence + token) * cols;
        for (let i = 0; i < cols; i++) target[i]! += states[offset + i]!;
      }
      for (let i = 0; i < cols; i++) target[i]! /= Math.max(1, count);
    }
    if (config.normalize) {
      let norm = 0;
      for (let i = 0; i < cols; i++) norm += target[i]! * target[i]!;
      norm = Math.sqrt(norm);
      if (norm > 0) for (let i = 0; i < cols; i++) target[i]! /= norm;
    }
  }
  return { rows, cols, data: out };
}

async function load(): Promise<{ tokenizer: PreTrainedTokenizer; model: PreTrainedModel }> {
  const options = {
    dtype: config.dtype,
    device: "cpu" as const,
    model_file_name: config.modelFileName,
    local_files_only: true,
    ...(config.externalData ? { use_external_data_format: true } : {}),
    session_options: { intraOpNumThreads: config.threads, interOpNumThreads: 1 },
  };
  const tokenizer = await AutoTokenizer.from_pretrained(config.dir, { local_files_only: true });
  const model =
    config.task === "embed"
      ? await AutoModel.from_pretrained(config.dir, options)
      : await AutoModelForSequenceClassification.from_pretrained(config.dir, options);
  return { tokenizer, model };
}

async function run(loaded: Awaited<ReturnType<typeof load>>, request: OnnxRequest): Promise<OnnxReply> {
  const { tokenizer, model } = loaded;
  const encodeOptions = { padding: true, truncation: true, max_length: config.maxTokens };
  if (request.op === "embed") {
    const inputs = tokenizer(request.texts, encodeOptions);
    const output = await model(inputs);
    const hidden = (output.last_hidden_state ?? output.token_embeddings) as Tensor | undefined;
    if (!hidden) throw new Error(`the model gave no last_hidden_state (outputs: ${Object.keys(output).join(", ")})`);
    return { id: request.id, ok: true, ...pool(hidden, inputs.attention_mask as Tensor) };
  }
  const inputs = tokenizer(
    request.texts.map(() => request.query),
    { ...encodeOptions, text_pair: request.texts },
  );
  const logits = (await model(inputs)).logits as Tensor;
  const [rows, labels] = logits.dims as [number, number];
  const values = logits.data as Float32Array;
  // One label: a relevance logit. Two (some cross-encoders): the second is "relevant".
  const scores = Float32Array.from({ length: rows }, (_, row) => values[row * labels + labels - 1]!);
  return { id: request.id, ok: true, rows, cols: 1, data: scores };
}

const started = performance.now();
const loading = load();
loading.then(
  () => port.postMessage({ type: "ready", loadMs: performance.now() - started } satisfies OnnxReply),
  (error: unknown) => port.postMessage({ type: "failed", message: (error as Error).message ?? String(error) } satisfies OnnxReply),
);

// Requests run one at a time: ONNX Runtime already spreads one batch over its threads.
let queue: Promise<unknown> = Promise.resolve();
port.on("message", (request: OnnxRequest) => {
  queue = queue.then(async () => {
    let reply: OnnxReply;
    try {
      reply = await run(await loading, request);
    } catch (error) {
      reply = { id: request.id, ok: false, message: (error as Error).message ?? String(error) };
    }
    port.postMessage(reply, "data" in reply ? [reply.data.buffer as ArrayBuffer] : []);
  });
});
