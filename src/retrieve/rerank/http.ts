/**
 * Reranker adapter for a cross-encoder behind an HTTP `/rerank` endpoint (bge-reranker-v2-m3 is the usual Korean
 * choice). Two wire formats:
 * - "tei" (Hugging Face text-embeddings-inference): `POST <base>/rerank {query, texts}` → `[{index, score}]`;
 * - "cohere" (vLLM, Infinity, Jina, Cohere): `POST <base>/rerank {model, query, documents, top_n}` →
 *   `{results: [{index, relevance_score}]}`; give the base URL up to `/v1` for vLLM.
 * Every failure (timeout, refused connection, non-2xx, a reply that is not one score per candidate) becomes a
 * `RerankUnavailableError`, on which search keeps the first-stage order.
 */
import { z } from "zod";
import { RerankUnavailableError } from "../../errors.ts";
import type { RerankCandidate, Reranker } from "./port.ts";

export interface HttpRerankerConfig {
  /** e.g. `http://localhost:8080` (TEI) or `http://localhost:8000/v1` (vLLM). */
  baseURL: string;
  api: "tei" | "cohere";
  /** Required by "cohere" servers; TEI serves one model and ignores it. */
  model?: string | null;
  apiKey?: string | null;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const TeiResponse = z.array(z.object({ index: z.number().int().nonnegative(), score: z.number() }));
const CohereResponse = z.object({
  results: z.array(z.object({ index: z.number().int().nonnegative(), relevance_score: z.number() })),
});

/** What the cross-encoder reads: the section path first, since a chunk often continues a titled section. */
function documentText(candidate: RerankCandidate): string {
  return candidate.headingPath.length > 0 ? `${candidate.headingPath.join(" > ")}\n${candidate.text}` : candidate.text;
}

export function createHttpReranker(config: HttpRerankerConfig): Reranker {
  const url = `${config.baseURL.replace(/\/+$/, "")}/rerank`;
  const name = `http:${config.model ?? "rerank"}`;
  const unavailable = (message: string, cause?: unknown, retryable = true) =>
    new RerankUnavailableError(`The rerank endpoint ${url} (${name}) ${message}`, { cause, retryable });

  const body = (query: string, candidates: readonly RerankCandidate[]) => {
    const texts = candidates.map(documentText);
    return config.api === "tei"
      ? { query, texts, truncate: true }
      : { model: config.model, query, documents: texts, top_n: texts.length };
  };

  const parse = (payload: unknown, count: number): number[] => {
    let pairs: Array<{ index: number; score: number }>;
    if (config.api === "tei") {
      const parsed = TeiResponse.safeParse(payload);
      if (!parsed.success) throw unavailable("sent a malformed reply (expected [{index, score}])", parsed.error, false);
      pairs = parsed.data;
    } else {
      const parsed = CohereResponse.safeParse(payload);
      if (!parsed.success) {
        throw unavailable("sent a malformed reply (expected {results: [{index, relevance_score}]})", parsed.error, false);
      }
      pairs = parsed.data.results.map((result) => ({ index: result.index, score: result.relevance_score }));
    }
    const scores = new Array<number | undefined>(count).fill(undefined);
    for (const pair of pairs) {
      if (pair.index >= count || scores[pair.index] !== undefined) {
        throw unavailable(`sent an index ${pair.index} that does not match one of ${count} candidates`, undefined, false);
      }
      scores[pair.index] = pair.score;
    }
    if (scores.some((score) => score === undefined)) {
      throw unavailable(`scored ${pairs.length} of ${count} candidates`, undefined, false);
    }
    return scores as number[];
  };

  return {
    name,
    async score(query, candidates, options) {
      if (candidates.length === 0) return [];
      const timeout = AbortSignal.timeout(config.timeoutMs);
      const signal = options?.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
      let payload: unknown;
      try {
        const response = await (config.fetch ?? fetch)(url, {
          method: "POST",
          headers,
          body: JSON.stringify(body(query, candidates)),
          signal,
        });
        if (!response.ok) {
          const detail = (await response.text().catch(() => "")).slice(0, 200);
          throw unavailable(`answered ${response.status}${detail ? `: ${detail}` : ""}`, undefined, response.status >= 500 || response.status === 429);
        }
        payload = await response.json();
      } catch (error) {
        if (error instanceof RerankUnavailableError) throw error;
        // The caller's own abort is not an upstream failure.
        if (options?.signal?.aborted) throw error;
        if (timeout.aborted) throw unavailable(`did not answer within ${config.timeoutMs} ms`, error);
        if (error instanceof SyntaxError) throw unavailable("sent invalid JSON", error, false);
        throw unavailable("is unreachable", error);
      }
      return parse(payload, candidates.length);
    },
    async close() {},
  };
}
