/** Embedder adapter for any OpenAI-compatible `/v1/embeddings` endpoint (vLLM, TEI, Ollama, OpenAI). */
import { z } from "zod";
import { InvalidInputError, UpstreamError, isRetryableStatus } from "../../errors.ts";
import type { Embedder } from "./port.ts";

export interface OpenAICompatibleEmbedderConfig {
  /** Up to and including `/v1`, e.g. `http://localhost:8000/v1`. */
  baseURL: string;
  model: string;
  apiKey?: string;
  /** Vector size the model returns; every response is checked against it. */
  dimensions: number;
  /** Also ask the server for `dimensions` (only models trained for shortening, e.g. text-embedding-3-*). */
  requestDimensions?: boolean;
  timeoutMs: number;
  maxEmbeddingsPerCall?: number;
  fetch?: typeof fetch;
}

const ResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

function endpoint(baseURL: string): string {
  return `${baseURL.replace(/\/+$/, "")}/embeddings`;
}

function failure(model: string, error: unknown, timedOut: boolean): UpstreamError {
  if (timedOut) {
    return new UpstreamError("upstream_timeout", `The embedding endpoint (${model}) timed out.`, {
      cause: error,
      retryable: true,
    });
  }
  return new UpstreamError("upstream_unavailable", `The embedding endpoint (${model}) is unreachable.`, {
    cause: error,
    retryable: true,
  });
}

function statusError(model: string, status: number, detail: string): UpstreamError {
  const kind =
    status === 408 || status === 504
      ? "upstream_timeout"
      : status === 429 || status === 503
        ? "upstream_unavailable"
        : "upstream_error";
  return new UpstreamError(kind, `The embedding endpoint (${model}) answered ${status}: ${detail.slice(0, 300)}`, {
    retryable: isRetryableStatus(status),
    status,
  });
}

type CallConfig = Omit<OpenAICompatibleEmbedderConfig, "dimensions" | "requestDimensions"> & { dimensions?: number };

/** One call to `/embeddings`; returns one vector per text, in input order. */
async function callEmbeddings(config: CallConfig, texts: readonly string[], callerSignal?: AbortSignal): Promise<number[][]> {
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const request = {
    model: config.model,
    input: texts,
    encoding_format: "float",
    ...(config.dimensions === undefined ? {} : { dimensions: config.dimensions }),
  };
  let payload: unknown;
  try {
    const response = await (config.fetch ?? fetch)(endpoint(config.baseURL), {
      method: "POST",
      headers,
      body: JSON.stringify(request),
      signal,
    });
    if (!response.ok) throw statusError(config.model, response.status, await response.text().catch(() => ""));
    payload = await response.json();
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    // The caller's own abort is not an upstream failure.
    if (callerSignal?.aborted) throw error;
    if (timeout.aborted) throw failure(config.model, error, true);
    if (error instanceof SyntaxError) {
      throw new UpstreamError("upstream_error", `The embedding endpoint (${config.model}) sent invalid JSON.`, {
        cause: error,
      });
    }
    throw failure(config.model, error, false);
  }
  const parsed = ResponseSchema.safeParse(payload);
  if (!parsed.success) {
    throw new UpstreamError("upstream_error", `The embedding endpoint (${config.model}) sent a malformed reply.`, {
      cause: parsed.error,
    });
  }
  const data = [...parsed.data.data].sort((a, b) => a.index - b.index);
  if (data.length !== texts.length || data.some((item, i) => item.index !== i)) {
    throw new UpstreamError(
      "upstream_error",
      `The embedding endpoint (${config.model}) sent ${data.length} vectors for ${texts.length} texts.`,
    );
  }
  return data.map((item) => item.embedding);
}

export function createOpenAICompatibleEmbedder(config: OpenAICompatibleEmbedderConfig): Embedder {
  const maxEmbeddingsPerCall = config.maxEmbeddingsPerCall ?? 64;
  const callConfig: CallConfig = { ...config, dimensions: config.requestDimensions ? config.dimensions : undefined };
  return {
    model: config.model,
    dimensions: config.dimensions,
    maxEmbeddingsPerCall,
    async embed(texts, options) {
      if (texts.length === 0) return [];
      if (texts.length > maxEmbeddingsPerCall) {
        throw new InvalidInputError(`At most ${maxEmbeddingsPerCall} texts per embedding call, got ${texts.length}.`);
      }
      const vectors = await callEmbeddings(callConfig, texts, options?.signal);
      const wrong = vectors.find((vector) => vector.length !== config.dimensions);
      if (wrong !== undefined) {
        throw new UpstreamError(
          "upstream_error",
          `The embedding endpoint (${config.model}) sent ${wrong.length}-dimensional vectors, expected ${config.dimensions}.`,
        );
      }
      return vectors;
    },
  };
}

/** Asks the endpoint for one vector to learn the model's dimensions when the config does not name them. */
export async function probeEmbeddingDimensions(
  config: Omit<OpenAICompatibleEmbedderConfig, "dimensions" | "requestDimensions">,
): Promise<number> {
  const [vector] = await callEmbeddings(config, ["dimension probe"]);
  if (vector === undefined || vector.length === 0) {
    throw new UpstreamError("upstream_error", `The embedding endpoint (${config.model}) sent an empty vector.`);
  }
  return vector.length;
}
