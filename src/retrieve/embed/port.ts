/** Embedder: text → dense vectors. Adapters: any OpenAI-compatible /v1/embeddings endpoint, a local ONNX folder. */
export interface EmbedOptions {
  signal?: AbortSignal;
  /**
   * What the texts are: a search "query" or stored "passage" (the default). Models trained with prefixes
   * (e5: "query: " / "passage: ") need to know; the others ignore it.
   */
  purpose?: "query" | "passage";
}

export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  /** The most texts one call may carry; the orchestrator batches to this. */
  readonly maxEmbeddingsPerCall: number;
  embed(texts: readonly string[], options?: EmbedOptions): Promise<number[][]>;
}
