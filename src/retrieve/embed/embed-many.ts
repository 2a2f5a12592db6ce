import { JikjiError } from "../../errors.ts";
import type { Embedder } from "./port.ts";

export interface EmbedManyOptions {
  /** Calls in flight at once. */
  concurrency?: number;
  /** Retries per batch, only for errors marked retryable (408/409/429/5xx, connection errors, timeouts). */
  maxRetries?: number;
  /** First backoff delay; doubles on each retry. */
  retryDelayMs?: number;
  signal?: AbortSignal;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function isRetryable(error: unknown): boolean {
  return error instanceof JikjiError && error.retryable;
}

/** Embeds any number of texts in batches of the embedder's `maxEmbeddingsPerCall`, in input order. */
export async function embedMany(
  embedder: Embedder,
  texts: readonly string[],
  options: EmbedManyOptions = {},
): Promise<number[][]> {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const maxRetries = Math.max(0, options.maxRetries ?? 2);
  const retryDelayMs = options.retryDelayMs ?? 500;
  const size = Math.max(1, embedder.maxEmbeddingsPerCall);
  const batches: Array<readonly string[]> = [];
  for (let start = 0; start < texts.length; start += size) batches.push(texts.slice(start, start + size));

  const results: number[][][] = new Array(batches.length);
  const embedBatch = async (index: number): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        results[index] = await embedder.embed(batches[index]!, { signal: options.signal });
        return;
      } catch (error) {
        if (attempt >= maxRetries || !isRetryable(error)) throw error;
        await sleep(retryDelayMs * 2 ** attempt, options.signal);
      }
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) await embedBatch(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return results.flat();
}
