import type { EnglishRendering } from "../crosslang.ts";
import type { QueryGap } from "../gaps.ts";

/** A first-stage hit offered to the second ranking stage. */
export interface RerankCandidate {
  /** Chunk id. */
  id: string;
  /** The chunk's text. */
  text: string;
  /** Section path, outermost first. */
  headingPath: readonly string[];
  /** "body" unless ingest marked the chunk as table of contents, index or boilerplate. */
  role?: string;
  /** First-stage (fused) score; higher is better. */
  score: number;
}

export interface RerankOptions {
  signal?: AbortSignal;
  /**
   * Question words the collection lacks and the alternatives searched for them (gap-only expansion,
   * src/retrieve/gaps.ts); the built-in reranker counts a candidate holding them (JIKJI_GAP_RERANK_WEIGHT), others
   * ignore it.
   */
  gaps?: readonly QueryGap[];
  /**
   * A Korean question's English rendering (src/retrieve/crosslang.ts, JIKJI_CROSS_LANGUAGE): the built-in reranker
   * scores English candidates against it and Korean ones against the question; others ignore it.
   */
  english?: EnglishRendering;
}

/**
 * Reranker: the second ranking stage. Adapters: built-in features (no model), an HTTP `/rerank` server (TEI, vLLM,
 * Infinity), a local ONNX cross-encoder.
 */
export interface Reranker {
  /** For logs and `jikji models check`, e.g. "builtin", "http:bge-reranker-v2-m3", "local-onnx:bge-reranker-v2-m3". */
  readonly name: string;
  /**
   * One score per candidate, same order as `candidates`, higher is better. `null` marks a candidate left unscored
   * (a latency budget ran out): the caller ranks scored candidates by score, then the unscored ones in first-stage
   * order. Throws `RerankUnavailableError` (src/errors.ts) when an upstream fails; the caller then keeps the
   * first-stage order.
   */
  score(query: string, candidates: readonly RerankCandidate[], options?: RerankOptions): Promise<Array<number | null>>;
  close(): Promise<void>;
}
