import path from "node:path";
import type { Config } from "./config.ts";
import { reconcile } from "./ingest/ingest.ts";
import { createLocalOnnxEmbedder } from "./retrieve/embed/local-onnx.ts";
import { createOpenAICompatibleEmbedder, probeEmbeddingDimensions } from "./retrieve/embed/openai-compatible.ts";
import type { Embedder } from "./retrieve/embed/port.ts";
import { createEmbeddedIndex } from "./retrieve/index/embedded.ts";
import type { SearchIndex } from "./retrieve/index/port.ts";
import { createQdrantIndex } from "./retrieve/index/qdrant.ts";
import { createSearch } from "./retrieve/search.ts";
import { openPglite, openPostgres, type DatabaseHandle } from "./store/db.ts";
import { lockDataDir } from "./store/lock.ts";
import { createStore, type Store } from "./store/store.ts";

export interface Jikji {
  config: Config;
  store: Store;
  index: SearchIndex;
  embedder: Embedder | null;
  search: ReturnType<typeof createSearch>;
  storeKind: DatabaseHandle["kind"];
  indexKind: "embedded" | "qdrant";
  close(): Promise<void>;
}

/**
 * Wires the real adapters from the configuration: PGlite or PostgreSQL, the embedded index or
 * Qdrant, an embedding endpoint or none. The one place that chooses adapters.
 */
export interface OpenOptions {
  /** Compare the index with the store and delete points no visible document version owns. */
  scanIndex: boolean;
  /** Start from an empty index (for `reindex`) instead of opening the existing one. */
  rebuildIndex?: boolean;
}

export async function openJikji(config: Config, options: OpenOptions): Promise<Jikji> {
  const unlock = config.databaseUrl === null ? lockDataDir(config.dataDir) : () => undefined;
  const cleanups: Array<() => Promise<void> | void> = [unlock];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const handle = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
    cleanups.push(() => handle.close());
    const store = createStore(handle.db);

    let embedder: Embedder | null = null;
    if (config.embedding) {
      const endpoint = {
        baseURL: config.embedding.baseUrl,
        model: config.embedding.model,
        ...(config.embedding.apiKey ? { apiKey: config.embedding.apiKey } : {}),
        timeoutMs: config.upstreamTimeoutMs,
      };
      const dimensions = config.embedding.dimensions ?? (await probeEmbeddingDimensions(endpoint));
      // JIKJI_EMBED_DIMENSIONS states what the model returns; asking servers to shorten vectors fails on
      // models without Matryoshka training (bge-m3 on vLLM), so it is checked, not requested.
      embedder = createOpenAICompatibleEmbedder({ ...endpoint, dimensions });
    } else if (config.localEmbedding) {
      const local = await createLocalOnnxEmbedder(config.localEmbedding);
      cleanups.push(() => local.close());
      embedder = local;
    }

    const index = config.qdrant
      ? createQdrantIndex({
          url: config.qdrant.url,
          apiKey: config.qdrant.apiKey ?? undefined,
          collection: config.qdrant.collection,
          timeoutMs: config.upstreamTimeoutMs,
        })
      : createEmbeddedIndex({ dir: path.join(config.dataDir, "index") });
    cleanups.push(() => index.close());
    // A rebuild must not open the old index: after a model change it holds other dimensions.
    if (options.rebuildIndex) await index.reset(embedder?.dimensions ?? null);
    else await index.open(embedder?.dimensions ?? null);
    await reconcile({ store, index }, { scanIndex: options.scanIndex && !options.rebuildIndex });

    return {
      config,
      store,
      index,
      embedder,
      search: createSearch({ store, index, embedder, denseWeight: (config.embedding ?? config.localEmbedding)?.denseWeight ?? 1 }),
      storeKind: handle.kind,
      indexKind: config.qdrant ? "qdrant" : "embedded",
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
