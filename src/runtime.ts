import path from "node:path";
import type { Config } from "./config.ts";
import { reconcile } from "./ingest/ingest.ts";
import type { Embedder } from "./retrieve/embed/port.ts";
import type { SearchIndex } from "./retrieve/index/port.ts";
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
    // The store and the index open side by side: PGlite compiles and starts Postgres while LanceDB's native
    // library loads and the table opens.
    const [storeOpened, indexOpened] = await Promise.allSettled([
      config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir),
      openIndex(config, options),
    ]);
    if (storeOpened.status === "fulfilled") cleanups.push(() => storeOpened.value.close());
    if (indexOpened.status === "fulfilled") cleanups.push(() => indexOpened.value.index.close());
    if (storeOpened.status === "rejected") throw storeOpened.reason;
    if (indexOpened.status === "rejected") throw indexOpened.reason;
    const handle = storeOpened.value;
    const { index, embedder } = indexOpened.value;
    const store = createStore(handle.db);
    await reconcile({ store, index }, { scanIndex: options.scanIndex && !options.rebuildIndex });

    return {
      config,
      store,
      index,
      embedder,
      search: createSearch({ store, index, embedder, ...(config.embedding ? { denseWeight: config.embedding.denseWeight } : {}) }),
      storeKind: handle.kind,
      indexKind: config.qdrant ? "qdrant" : "embedded",
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * The configured embedder and the opened index. Adapters are imported only when configured: a one-shot
 * `jikji search` on the embedded default loads neither the Qdrant client (with undici) nor the embedding client.
 */
async function openIndex(config: Config, options: OpenOptions): Promise<{ index: SearchIndex; embedder: Embedder | null }> {
  let embedder: Embedder | null = null;
  if (config.embedding) {
    const { createOpenAICompatibleEmbedder, probeEmbeddingDimensions } = await import("./retrieve/embed/openai-compatible.ts");
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
  }

  const index = config.qdrant
    ? (await import("./retrieve/index/qdrant.ts")).createQdrantIndex({
        url: config.qdrant.url,
        apiKey: config.qdrant.apiKey ?? undefined,
        collection: config.qdrant.collection,
        timeoutMs: config.upstreamTimeoutMs,
      })
    : (await import("./retrieve/index/embedded.ts")).createEmbeddedIndex({ dir: path.join(config.dataDir, "index") });
  try {
    // A rebuild must not open the old index: after a model change it holds other dimensions.
    if (options.rebuildIndex) await index.reset(embedder?.dimensions ?? null);
    else await index.open(embedder?.dimensions ?? null);
  } catch (error) {
    await index.close();
    throw error;
  }
  return { index, embedder };
}
