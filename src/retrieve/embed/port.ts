/** Embedder: text → dense vectors. Adapter: any OpenAI-compatible /v1/embeddings endpoint. */
export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  /** The most texts one call may carry; the orchestrator batches to this. */
  readonly maxEmbeddingsPerCall: number;
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
}
