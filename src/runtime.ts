import path from "node:path";
import { createAuditLog, type AuditLog } from "./access/audit.ts";
import { createAuthenticator, type Authenticator } from "./access/authenticate.ts";
import type { Ask, Chat } from "./answer/ask.ts";
import { createAnswering } from "./answer/wire.ts";
import type { Config } from "./config.ts";
import { reconcile } from "./ingest/ingest.ts";
import { parserFromConfig, type DocumentParser } from "./ingest/parser.ts";
import { createOriginalStore, createStoreOriginalStore, type OriginalStore } from "./ingest/originals.ts";
import { createIngestQueue, type IngestQueue } from "./ingest/queue.ts";
import type { Embedder } from "./retrieve/embed/port.ts";
import type { EmbeddedIndexOptions } from "./retrieve/index/embedded.ts";
import type { SearchIndex } from "./retrieve/index/port.ts";
import { createBuiltinReranker, DEFAULT_BUILTIN_WEIGHTS } from "./retrieve/rerank/builtin.ts";
import { createThreadedBuiltinReranker } from "./retrieve/rerank/builtin-thread.ts";
import { createHttpReranker } from "./retrieve/rerank/http.ts";
import type { Reranker } from "./retrieve/rerank/port.ts";
import { createSearch } from "./retrieve/search.ts";
import { findGaps } from "./retrieve/gaps.ts";
import { DEFAULT_DOCUMENT_PRIOR } from "./retrieve/document-prior.ts";
import { englishRendering } from "./retrieve/crosslang.ts";
import { loadLexicon } from "./retrieve/lexicon.ts";
import { loadSynonyms, mergeExpansions, synonymExpansion, synonymLegQuery, type Synonyms } from "./retrieve/synonyms.ts";
import type { Observability, ObservabilityOptions } from "./operate/observer.ts";
import { quietObservability } from "./operate/quiet.ts";
import { observedEmbedder, observedGenerator } from "./operate/upstream.ts";
import type { DatabaseHandle } from "./store/db.ts";
import { openPglite } from "./store/pglite.ts";
import { createAccessStore, type AccessStore } from "./store/access-store.ts";
import { lockDataDir } from "./store/lock.ts";
import { createStore, type Store } from "./store/store.ts";
import { HydrationCache } from "./store/hydration-cache.ts";
import { createWriteGate, gatedIndex, type WriteGate } from "./operate/write-gate.ts";
import { indexName, prepareRebuild, readIndexStatus, rebuildIndex, requireCurrentIndex, type ComposedNames, type IndexStatus } from "./operate/index-status.ts";

export interface Jikji {
  config: Config;
  store: Store;
  index: SearchIndex;
  embedder: Embedder | null;
  reranker: Reranker | null;
  search: ReturnType<typeof createSearch>;
  /** The synonym lists in use (built-in and JIKJI_SYNONYMS), or null. */
  synonyms: Synonyms | null;
  /** The learned lexicon when a use of it is switched on (JIKJI_LEXICON_*_WEIGHT), or null. */
  lexicon: Synonyms | null;
  ask: Ask;
  chat: Chat;
  /** The model writing answers, or null in extractive mode. */
  generatorModel: string | null;
  /** Keys and the audit trail. */
  accessStore: AccessStore;
  /** Who a bearer credential names: stored keys, JIKJI_API_TOKENS, SSO tokens. */
  authenticator: Authenticator;
  audit: AuditLog;
  /** Parses files in a worker thread (spawned on first use). */
  parser: DocumentParser;
  /** Runs upload jobs one at a time, claimed from the store (shared by every instance on one PostgreSQL). */
  queue: IngestQueue;
  /** Each document version's original bytes, for the source viewer: `<dataDir>/originals`, or the PostgreSQL store. */
  originals: OriginalStore;
  storeKind: DatabaseHandle["kind"];
  indexKind: "embedded" | "qdrant";
  /** Metrics (a registry of this jikji's own) and the logger. */
  observability: Observability;
  /** Every index write passes through it; a backup holds it while it copies the index. */
  indexWrites: WriteGate;
  /** A consistent copy of the embedded database (PGlite), or null on PostgreSQL (pg_dump's job). */
  snapshotStore: (() => Promise<Blob>) | null;
  /** Whether the index matches this jikji's analyzer (src/operate/index-status.ts); read at open, again after a rebuild. */
  indexStatus(): IndexStatus;
  /**
   * The status, read again from the store while it is stale: another instance's `jikji reindex` (PostgreSQL) makes it
   * current without a restart. A current index turns stale only by an upgrade, which restarts.
   */
  currentIndexStatus(): Promise<IndexStatus>;
  /** Throws StaleIndexError naming `jikji reindex` when the index is stale: no new chunks join another analyzer's. */
  requireWritableIndex(): Promise<void>;
  /** Reads the status from the store again (after `jikji reindex` wrote it). */
  refreshIndexStatus(): Promise<IndexStatus>;
  /** What opening changed in data an older jikji wrote: collection and group names composed, and the chunks of a rebuild (null: none). */
  upgraded: { renamed: ComposedNames; rebuiltChunks: number | null };
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
  /** Told when audit rows could not be written (they are retried). */
  onAuditError?: (error: unknown) => void;
  /**
   * Where logs go and how they look; without a destination nothing is logged (serve passes stdout). `false`: no
   * metrics and no logger at all (one-shot CLI commands, which then load neither prom-client nor pino).
   */
  observe?: ObservabilityOptions | false;
  /**
   * A command that opens jikji for one small request and exits (`jikji search`, `ask`, `delete`, `diff`, the key,
   * audit and collection commands): the embedded store starts with a 4 MB buffer cache instead of 128 MB (see
   * `PgliteOptions.sharedBuffers`). Nothing else changes: the setting is not stored in the data dir.
   */
  oneShot?: boolean;
  /**
   * The parser to use instead of making one from the config; the caller keeps it and closes it after `close()`.
   * `jikji ingest` makes its parser first, to parse while the data dir opens.
   */
  parser?: DocumentParser;
  /**
   * A long-running server (`serve`): the in-memory lexical index, when on, is built in the background after start
   * instead of before the first search.
   */
  longRunning?: boolean;
  /**
   * The command searches or writes the index, so a stale one is rebuilt at open when JIKJI_AUTO_REINDEX=on; told first
   * (minutes for a large index). Commands that do neither (keys, audit, delete) leave the rebuild to one that does.
   */
  autoReindex?: (status: IndexStatus) => void;
}

/**
 * Whether and when the embedded index builds its in-memory lexical index (embedded.ts, `lexicalMemory`):
 * JIKJI_LEXICAL_MEMORY decides; unset, a server builds it in the background (BENCHMARKS.md, "Eighth pass" and the
 * lead's tiebreak after it) and one-shot commands do not, since reading every row costs seconds at 100k chunks;
 * "on" makes any other command build it before its first search.
 */
export function lexicalMemoryMode(config: Pick<Config, "lexicalMemory">, options: Pick<OpenOptions, "longRunning">): "off" | "background" | "at-open" {
  const on = config.lexicalMemory ?? (SERVE_LEXICAL_MEMORY_DEFAULT && options.longRunning === true);
  if (!on) return "off";
  return options.longRunning ? "background" : "at-open";
}
const SERVE_LEXICAL_MEMORY_DEFAULT = true;
/**
 * Serve's default builds it for indexes up to this many chunks. Measured at 100k (+150–200 MB RSS, ~10 s CPU to build);
 * at 1M it is estimated at 1.3–1.5 GB steady and ~3 GB at the build's peak, with a layout step of about a second on
 * the main thread, none of it measured, so a larger index keeps LanceDB's leg unless JIKJI_LEXICAL_MEMORY=on asks.
 */
export const SERVE_LEXICAL_MEMORY_MAX_ROWS = 500_000;

/**
 * Whether the built-in reranker runs in a worker thread (builtin-thread.ts): JIKJI_RERANK_THREAD decides; unset, a
 * server does (SERVE_RERANK_THREAD_DEFAULT) and one-shot commands do not, since starting the thread costs a command
 * more than its one search saves. The scores are the same either way.
 */
export function rerankThread(config: Pick<Config, "rerankThread">, options: Pick<OpenOptions, "longRunning">): boolean {
  return config.rerankThread ?? (SERVE_RERANK_THREAD_DEFAULT && options.longRunning === true);
}
/**
 * On since the lead's tiebreak (BENCHMARKS.md, "Tenth pass", 2026-12-06 07:22 UTC): 3 of 3 alternated quiet-machine
 * pairs at 100k chunks, 207–228 against 120–169 searches/s, p95 111–127 against 159–196 ms.
 */
const SERVE_RERANK_THREAD_DEFAULT = true;

/**
 * The second ranking stage JIKJI_RERANK names: built-in features (default), a /rerank server, a local ONNX
 * cross-encoder (loaded here, so a broken folder stops start-up), or none.
 */
export async function rerankerFrom(
  config: Config,
  synonyms: Synonyms | null = null,
  lexicon: Synonyms | null = null,
  thread = false,
): Promise<Reranker | null> {
  if (config.rerank.mode === "off") return null;
  if (config.rerank.mode === "local-onnx" && config.localRerank) {
    const { createLocalOnnxReranker } = await import("./retrieve/rerank/local-onnx.ts");
    return createLocalOnnxReranker(config.localRerank);
  }
  if (config.rerank.mode === "http" && config.rerank.http) {
    const http = config.rerank.http;
    return createHttpReranker({ baseURL: http.baseUrl, api: http.api, model: http.model, apiKey: http.apiKey, timeoutMs: http.timeoutMs });
  }
  const synonymWeight = synonyms === null ? 0 : config.synonyms.rerankWeight;
  const lexiconWeight = lexicon === null ? 0 : config.lexicon.rerankWeight;
  const synonymCredit = synonyms === null ? 0 : (config.synonyms.rerankCredit ?? 0);
  const synonymScript = config.synonyms.rerankOwnScript === true ? 1 : 0;
  const weights = { ...DEFAULT_BUILTIN_WEIGHTS, synonyms: synonymWeight, synonymCredit, synonymScript, lexicon: lexiconWeight, gaps: config.gaps.rerankWeight };
  // The worker loads the same lists from the same configuration (only those whose weight is above 0).
  if (thread) return createThreadedBuiltinReranker({ weights, synonyms: config.synonyms, lexicon: config.lexicon });
  return createBuiltinReranker(weights, undefined, synonyms, lexicon);
}

/** Enough for a one-shot command's reads (a search hydrates a few dozen chunks); see `OpenOptions.oneShot`. */
const ONE_SHOT_SHARED_BUFFERS = "4MB";

export async function openJikji(config: Config, options: OpenOptions): Promise<Jikji> {
  // The embedded index serves one process whatever the store: with DATABASE_URL but no QDRANT_URL, two processes on
  // one data dir each wrote the same LanceDB table unlocked, and serve never found what a CLI ingest added (qa3).
  const unlock = config.databaseUrl === null || config.qdrant === null ? lockDataDir(config.dataDir) : () => undefined;
  const cleanups: Array<() => Promise<void> | void> = [unlock];
  // Every cleanup runs whatever an earlier one threw (the data dir is unlocked last), and the first failure is
  // reported after; a second call finds nothing left to close.
  const closeAll = async () => {
    let failure: { error: unknown } | null = null;
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== null) throw failure.error;
  };
  // The in-memory lexical index is built in the background; its outcome is logged once the logger exists, and one
  // that comes before (a small index builds while the store still opens) waits here until then.
  type LexicalMemoryEvent = Parameters<NonNullable<EmbeddedIndexOptions["onLexicalMemory"]>>[0];
  const earlyLexicalMemory: LexicalMemoryEvent[] = [];
  let lexicalMemoryLog: (event: LexicalMemoryEvent) => void = (event) => earlyLexicalMemory.push(event);
  try {
    // The store and the index open side by side: PGlite compiles and starts Postgres while LanceDB's native
    // library loads and the table opens.
    const openingStore = config.databaseUrl
      ? import("./store/postgres.ts").then(({ openPostgres }) => openPostgres(config.databaseUrl!))
      : openPglite(config.dataDir, { cacheDir: config.cacheDir, unpackedTemplate: config.templateCopy, ...(options.oneShot ? { sharedBuffers: ONE_SHOT_SHARED_BUFFERS } : {}) });
    // A rebuild composes collection names and forgets the recorded analyzer before the index is reset, so a name
    // conflict stops it with the old index intact; anything else opens the index while the store opens.
    let renamed: ComposedNames = { collections: [], groups: [] };
    const openingIndex = options.rebuildIndex
      ? openingStore.then(async (handle) => {
          renamed = await prepareRebuild(createStore(handle.db, { shared: handle.kind === "postgres" }), indexName(config));
          return openIndex(config, options, (event) => lexicalMemoryLog(event));
        })
      : openIndex(config, options, (event) => lexicalMemoryLog(event));
    const [storeOpened, indexOpened] = await Promise.allSettled([openingStore, openingIndex]);
    if (storeOpened.status === "fulfilled") cleanups.push(() => storeOpened.value.close());
    if (indexOpened.status === "fulfilled") cleanups.push(() => indexOpened.value.index.close());
    if (storeOpened.status === "rejected") throw storeOpened.reason;
    if (indexOpened.status === "rejected") throw indexOpened.reason;
    const handle = storeOpened.value;
    const observability =
      options.observe === false
        ? quietObservability(config.observe)
        : (await import("./operate/observer.ts")).createObservability(config.observe, options.observe);
    const { metrics } = observability;
    lexicalMemoryLog = (event) => {
      if ("error" in event) observability.logger.warn({ err: event.error }, "in-memory lexical index failed to build; the lexical leg stays on LanceDB");
      else if ("skipped" in event) {
        observability.logger.info(
          event.skipped,
          "in-memory lexical index not built: the index holds more chunks than serve's default reads into memory (JIKJI_LEXICAL_MEMORY=on builds it anyway)",
        );
      } else observability.logger.info({ ...event, ms: Math.round(event.ms) }, "in-memory lexical index ready");
    };
    for (const event of earlyLexicalMemory.splice(0)) lexicalMemoryLog(event);
    const indexWrites = createWriteGate();
    const index = gatedIndex(indexOpened.value.index, indexWrites);
    const { closeEmbedder } = indexOpened.value;
    const embedder = indexOpened.value.embedder ? observedEmbedder(indexOpened.value.embedder, metrics) : null;
    if (closeEmbedder) cleanups.push(closeEmbedder);
    const hydrationCache = config.hydrationCacheBytes === null ? null : new HydrationCache(config.hydrationCacheBytes);
    const store = createStore(handle.db, { shared: handle.kind === "postgres", statements: handle.statements, hydrationCache });
    // At close (before the store closes: cleanups run in reverse), how well the cache did, for the operator and benches.
    if (hydrationCache !== null) cleanups.push(() => observability.logger.info(hydrationCache.stats(), "hydration cache at close"));
    await reconcile({ store, index }, { scanIndex: options.scanIndex && !options.rebuildIndex });
    let indexStatus = await readIndexStatus(store, indexName(config));
    let rebuiltChunks: number | null = null;
    if (indexStatus.state === "stale" && config.autoReindex && options.autoReindex && !options.rebuildIndex) {
      observability.logger.warn({ index: indexStatus.index, analyzer: indexStatus.analyzer }, "index is stale; rebuilding it before start (JIKJI_AUTO_REINDEX=on)");
      options.autoReindex(indexStatus);
      const name = indexStatus.index;
      // Alone across instances (no file is being written anywhere meanwhile): instances starting together on one
      // PostgreSQL rebuild one after the other, and the later ones find the index current.
      await store.withMaintenanceLock(async () => {
        if ((await readIndexStatus(store, name)).state === "current") return;
        renamed = await prepareRebuild(store, name);
        ({ chunks: rebuiltChunks } = await rebuildIndex({ store, index, embedder }, name));
      });
      indexStatus = await readIndexStatus(store, name);
    } else if (indexStatus.state === "stale") {
      const { index: name, analyzer, decomposedCollections, decomposedGroups } = indexStatus;
      observability.logger.warn({ index: name, analyzer, decomposedCollections, decomposedGroups }, indexStatus.message!);
    }
    const refreshIndexStatus = async () => (indexStatus = await readIndexStatus(store, indexStatus.index));
    const currentIndexStatus = async () => (indexStatus.state === "stale" ? refreshIndexStatus() : indexStatus);
    const synonyms = loadSynonyms(config.synonyms);
    const lexicon = loadLexicon(config.lexicon);
    const reranker = await rerankerFrom(config, synonyms, lexicon, rerankThread(config, options));
    if (reranker) cleanups.push(() => reranker.close());

    // Gap-only expansion and the English rendering draw on the hand list and the learned lexicon whatever their own
    // uses' weights are (loaded here when those uses are off).
    const gapsOn = config.gaps.searchWeight > 0 || config.gaps.answerWeight > 0 || config.gaps.rerankWeight > 0;
    const cross = config.crossLanguage;
    const alternativeSources =
      gapsOn || cross.enabled
        ? [synonyms ?? loadSynonyms({ ...config.synonyms, searchWeight: 1 }), lexicon ?? loadLexicon({ ...config.lexicon, searchWeight: 1 })]
        : [];
    const searchWeight = synonyms === null ? 0 : config.synonyms.searchWeight;
    const lexiconSearchWeight = lexicon === null ? 0 : config.lexicon.searchWeight;
    const synonymLegWeight = synonyms === null ? 0 : (config.synonyms.legWeight ?? 0);
    const search = createSearch({
      store,
      index,
      embedder,
      denseWeight: (config.embedding ?? config.localEmbedding)?.denseWeight ?? 1,
      reranker,
      rerankDepth: config.rerank.depth,
      onTimings: (timings) => metrics.search(timings),
      ...(searchWeight > 0 || lexiconSearchWeight > 0
        ? {
            expandQuery: (query: string) =>
              mergeExpansions(
                synonyms === null ? [] : synonymExpansion(synonyms, query, searchWeight),
                lexicon === null ? [] : synonymExpansion(lexicon, query, lexiconSearchWeight),
              ),
          }
        : {}),
      ...(synonymLegWeight > 0 ? { synonymLeg: { query: (query: string) => synonymLegQuery(synonyms!, query), weight: synonymLegWeight } } : {}),
      ...(gapsOn
        ? {
            gaps: {
              find: (query: string) => findGaps(alternativeSources, query, (terms, options) => index.documentFrequencies(terms, options), { maxDf: config.gaps.maxDf }),
              searchWeight: config.gaps.searchWeight,
            },
          }
        : {}),
      ...(config.documentPrior !== null ? { documentPrior: { ...DEFAULT_DOCUMENT_PRIOR, weight: config.documentPrior.weight } } : {}),
      ...(config.collapseDuplicates ? { collapseDuplicates: true } : {}),
      ...(config.pageRarity ? { pageRarity: true } : {}),
      ...(cross.enabled
        ? {
            crossLanguage: {
              render: (query: string) => englishRendering(query, alternativeSources, { forms: cross.forms }),
              legWeight: cross.legWeight,
              rerank: cross.rerank,
              gated: cross.gated,
              margin: cross.margin,
              ceiling: cross.ceiling,
              contentEvidence: cross.forms,
              loanwords: cross.loanwords,
              koreanSynonyms: cross.koreanSynonyms,
              loanwordBound: cross.loanwordBound,
            },
          }
        : {}),
    });
    const { ask, chat, generatorModel } = createAnswering({
      config,
      search,
      store,
      synonyms,
      lexicon,
      termFrequencies: (terms, options) => index.documentFrequencies(terms, options),
      wrapGenerator: (generator) => observedGenerator(generator, metrics),
      onTimings: (timings) => metrics.ask(timings),
    });
    const accessStore = createAccessStore(handle.db);
    const authenticator = createAuthenticator({
      accessStore,
      bootstrapTokens: config.apiTokens,
      // jose is loaded only where SSO is configured, like the other optional adapters.
      sso: config.access.sso ? (await import("./access/sso.ts")).createSsoVerifier(config.access.sso) : null,
    });
    const audit = createAuditLog(accessStore, {
      hashQueries: config.access.audit.hashQueries,
      retentionDays: config.access.audit.retentionDays,
      ...(options.onAuditError ? { onError: options.onAuditError } : {}),
    });
    // Before the database closes, so the last requests' rows are kept.
    cleanups.push(() => audit.close());
    const parser = options.parser ?? parserFromConfig(config);
    if (options.parser === undefined) cleanups.push(() => parser.close());
    // On PostgreSQL every instance must reach every version's original, so they live in the store; the embedded
    // default (one process) keeps them as files in the data dir.
    const originals = store.shared ? createStoreOriginalStore(store) : createOriginalStore(path.join(config.dataDir, "originals"));
    const queue = createIngestQueue({
      originals,
      store,
      index,
      embedder,
      parser,
      maxChunksPerDocument: config.limits.maxChunksPerDocument,
      chunkOptions: config.limits.chunking,
      checkIndexWritable: async () => requireCurrentIndex(await currentIndexStatus()),
      maxFileBytes: Math.min(config.limits.maxFileBytes, config.limits.maxUploadBytes),
      observe: observability.queue,
      leaseMs: config.jobs.leaseMs,
      pollMs: config.jobs.pollMs,
      testPauseFile: config.jobs.testPauseFile,
      soleInstance: !store.shared,
    });
    metrics.watchQueue(() => queue.size);
    metrics.watchSizes({ queue: () => store.queueStats(), storeBytes: () => store.sizeBytes(), index: () => index.stats() });
    // The running job finishes before the parser and the store close; jobs not yet claimed stay queued in the store.
    cleanups.push(() => {
      queue.stop();
      return queue.idle();
    });

    return {
      config,
      store,
      index,
      embedder,
      reranker,
      search,
      synonyms,
      lexicon,
      ask,
      chat,
      generatorModel,
      accessStore,
      authenticator,
      audit,
      parser,
      queue,
      originals,
      storeKind: handle.kind,
      indexKind: config.qdrant ? "qdrant" : "embedded",
      observability,
      indexWrites,
      snapshotStore: handle.snapshot ?? null,
      indexStatus: () => indexStatus,
      currentIndexStatus,
      requireWritableIndex: async () => requireCurrentIndex(await currentIndexStatus()),
      refreshIndexStatus,
      upgraded: { renamed, rebuiltChunks },
      close: closeAll,
    };
  } catch (error) {
    // What failed to open is what the user must read; a cleanup failing after it must not replace it (qa3).
    await closeAll().catch(() => undefined);
    throw error;
  }
}

/** Where the embedded index (LanceDB) keeps its files. */
export function embeddedIndexDir(dataDir: string): string {
  return path.join(dataDir, "index");
}

/**
 * The configured embedder and the opened index. Adapters are imported only when configured: a one-shot
 * `jikji search` on the embedded default loads neither the Qdrant client (with undici) nor the embedding client.
 */
async function openIndex(
  config: Config,
  options: OpenOptions,
  onLexicalMemory?: EmbeddedIndexOptions["onLexicalMemory"],
): Promise<{ index: SearchIndex; embedder: Embedder | null; closeEmbedder?: () => Promise<void> }> {
  let embedder: Embedder | null = null;
  let closeEmbedder: (() => Promise<void>) | undefined;
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
  } else if (config.localEmbedding) {
    // A model folder loaded in worker threads; a broken folder stops start-up with what it lacks.
    const local = await (await import("./retrieve/embed/local-onnx.ts")).createLocalOnnxEmbedder(config.localEmbedding);
    embedder = local;
    closeEmbedder = () => local.close();
  }

  const index = config.qdrant
    ? (await import("./retrieve/index/qdrant.ts")).createQdrantIndex({
        url: config.qdrant.url,
        apiKey: config.qdrant.apiKey ?? undefined,
        collection: config.qdrant.collection,
        timeoutMs: config.upstreamTimeoutMs,
        ...(config.qdrant.shardNumber === null ? {} : { shardNumber: config.qdrant.shardNumber }),
        ...(config.qdrant.replicationFactor === null ? {} : { replicationFactor: config.qdrant.replicationFactor }),
      })
    : (await import("./retrieve/index/embedded.ts")).createEmbeddedIndex({
        dir: embeddedIndexDir(config.dataDir),
        cacheBytes: { index: config.indexCacheMb * 1024 * 1024, metadata: (config.indexCacheMb * 1024 * 1024) / 4 },
        lexicalMemory: lexicalMemoryMode(config, options),
        denseRead: config.denseRead,
        fold: config.indexFold,
        ...(config.lexicalMemory === null ? { lexicalMemoryMaxRows: SERVE_LEXICAL_MEMORY_MAX_ROWS } : {}),
        ...(onLexicalMemory ? { onLexicalMemory } : {}),
      });
  try {
    // A rebuild must not open the old index: after a model change it holds other dimensions.
    if (options.rebuildIndex) await index.reset(embedder?.dimensions ?? null);
    else await index.open(embedder?.dimensions ?? null);
  } catch (error) {
    await index.close();
    await closeEmbedder?.();
    throw error;
  }
  return { index, embedder, ...(closeEmbedder ? { closeEmbedder } : {}) };
}
