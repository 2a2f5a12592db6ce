import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Seconds buckets for request and stage latencies: 1 ms … 30 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** How one search spent its time; search.ts reports it, the metrics observe it. */
export interface SearchTimings {
  /** Query vector, index search, store hydration. */
  retrieveSeconds: number;
  /** The second ranking stage; absent when no reranker ran. */
  rerankSeconds?: number;
}

/** How one answer spent its time; ask.ts reports it. */
export interface AskTimings {
  retrieveSeconds: number;
  /** The model writing the answer; absent in extractive mode or when nothing was found. */
  generateSeconds?: number;
}

/** One file of an ingest job, finished. */
export interface IngestFileStep {
  action: "ingested" | "unchanged" | "failed" | "deleted";
  pages: number;
  chunks: number;
  /** An error code (bounded: `JikjiError` codes or "unexpected") when the file failed. */
  reason?: string;
}

/** Where the size and backlog gauges read from at scrape time (runtime.ts wires the store and the index). */
export interface SizeSources {
  queue: () => Promise<{ queued: number; running: number; oldestQueuedAt: Date | null }>;
  storeBytes: () => Promise<number>;
  index: () => Promise<{ points: number; bytes: number | null; cacheBytes?: number | null }>;
}

/**
 * How long a scrape waits for the store or the index before it reports the last value it read: PGlite answers one
 * statement at a time, so a long ingest transaction must not hold up (or fail) the scrape.
 */
const SOURCE_WAIT_MS = 2_000;

/** The source's answer, or undefined when it failed or was slower than `waitMs`. */
async function within<T>(read: () => Promise<T>, waitMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      read(),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), waitMs);
        timer.unref();
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One call shared by every gauge that reads the same source in a scrape: prom-client collects all series at once,
 * so the in-flight call is reused rather than repeated.
 */
function shared<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= read().finally(() => {
      pending = null;
    }));
}

/** What jikji records; `createMetrics` keeps it in Prometheus series, `quietObservability` drops it. */
export interface Metrics {
  /** The Prometheus text `/metrics` serves. */
  registry: Pick<Registry, "metrics" | "contentType">;
  request(method: string, route: string, status: number, seconds: number): void;
  search(timings: SearchTimings): void;
  ask(timings: AskTimings): void;
  ingestFile(step: IngestFileStep): void;
  upstream(kind: "embedding" | "generation", seconds: number, ok: boolean): void;
  /** The queue whose depth the gauge reads (the server app may run its own). */
  watchQueue(size: () => number): void;
  /** Where the backlog and size gauges read from at scrape time. */
  watchSizes(sources: SizeSources): void;
}

/**
 * The Prometheus series jikji exposes, on a registry of its own (never prom-client's global one), so several apps
 * in one process (tests) keep separate figures.
 */
export function createMetrics(options: { defaultMetrics?: boolean; sourceWaitMs?: number } = {}): Metrics & { registry: Registry } {
  const waitMs = options.sourceWaitMs ?? SOURCE_WAIT_MS;
  const registry = new Registry();
  if (options.defaultMetrics ?? false) collectDefaultMetrics({ register: registry, prefix: "jikji_" });
  const registers = [registry];

  const httpRequests = new Counter({
    name: "jikji_http_requests_total",
    help: "HTTP requests by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: "jikji_http_request_duration_seconds",
    help: "HTTP request latency by method and route pattern",
    labelNames: ["method", "route"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const searchStage = new Histogram({
    name: "jikji_search_stage_duration_seconds",
    help: "Search latency by stage (retrieve, rerank)",
    labelNames: ["stage"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const askStage = new Histogram({
    name: "jikji_ask_stage_duration_seconds",
    help: "Answer latency by stage (retrieve, generate)",
    labelNames: ["stage"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const ingestFiles = new Counter({
    name: "jikji_ingest_files_total",
    help: "Files ingest jobs finished, by outcome",
    labelNames: ["action"] as const,
    registers,
  });
  const ingestPages = new Counter({ name: "jikji_ingest_pages_total", help: "Pages ingested", registers });
  const ingestChunks = new Counter({ name: "jikji_ingest_chunks_total", help: "Chunks written by ingest", registers });
  const ingestFailures = new Counter({
    name: "jikji_ingest_failures_total",
    help: "Files that failed to ingest, by reason (error code)",
    labelNames: ["reason"] as const,
    registers,
  });
  const upstreamDuration = new Histogram({
    name: "jikji_upstream_request_duration_seconds",
    help: "Calls to model endpoints (embedding, generation) by kind and outcome",
    labelNames: ["kind", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const upstreamErrors = new Counter({
    name: "jikji_upstream_errors_total",
    help: "Failed calls to model endpoints by kind",
    labelNames: ["kind"] as const,
    registers,
  });
  let queueDepth: () => number = () => 0;
  new Gauge({
    name: "jikji_ingest_queue_depth",
    help: "Upload jobs queued or running in this process",
    registers,
    collect() {
      this.set(queueDepth());
    },
  });

  let sizes: SizeSources | null = null;
  // Each gauge keeps its last value when its source fails or is slow: a busy store never fails the scrape.
  new Gauge({
    name: "jikji_ingest_jobs",
    help: "Ingest jobs in the store by status (queued, running), across every instance sharing it",
    labelNames: ["status"] as const,
    registers,
    async collect() {
      const stats = sizes && (await within(sizes.queue, waitMs));
      if (!stats) return;
      this.set({ status: "queued" }, stats.queued);
      this.set({ status: "running" }, stats.running);
    },
  });
  new Gauge({
    name: "jikji_ingest_queue_oldest_age_seconds",
    help: "How long the oldest queued ingest job has waited (0 when none waits)",
    registers,
    async collect() {
      const stats = sizes && (await within(sizes.queue, waitMs));
      if (!stats) return;
      this.set(stats.oldestQueuedAt === null ? 0 : Math.max(0, (Date.now() - stats.oldestQueuedAt.getTime()) / 1000));
    },
  });
  new Gauge({
    name: "jikji_store_size_bytes",
    help: "Bytes the store's database takes (pg_database_size)",
    registers,
    async collect() {
      const bytes = sizes && (await within(sizes.storeBytes, waitMs));
      if (typeof bytes === "number") this.set(bytes);
    },
  });
  new Gauge({
    name: "jikji_index_size_bytes",
    help: "Bytes the search index takes on disk (embedded index only; Qdrant reports its own)",
    registers,
    async collect() {
      const stats = sizes && (await within(sizes.index, waitMs));
      if (stats && stats.bytes !== null) this.set(stats.bytes);
    },
  });
  new Gauge({
    name: "jikji_index_cache_bytes",
    help: "Bytes the embedded index (LanceDB) holds in its caches of index data and file metadata (JIKJI_INDEX_CACHE_MB bounds them)",
    registers,
    async collect() {
      const stats = sizes && (await within(sizes.index, waitMs));
      if (stats && stats.cacheBytes != null) this.set(stats.cacheBytes);
    },
  });
  new Gauge({
    name: "jikji_index_points",
    help: "Points (chunks) in the search index",
    registers,
    async collect() {
      const stats = sizes && (await within(sizes.index, waitMs));
      if (stats) this.set(stats.points);
    },
  });

  return {
    registry,
    request(method: string, route: string, status: number, seconds: number): void {
      httpRequests.inc({ method, route, status: String(status) });
      httpDuration.observe({ method, route }, seconds);
    },
    search(timings: SearchTimings): void {
      searchStage.observe({ stage: "retrieve" }, timings.retrieveSeconds);
      if (timings.rerankSeconds !== undefined) searchStage.observe({ stage: "rerank" }, timings.rerankSeconds);
    },
    ask(timings: AskTimings): void {
      askStage.observe({ stage: "retrieve" }, timings.retrieveSeconds);
      if (timings.generateSeconds !== undefined) askStage.observe({ stage: "generate" }, timings.generateSeconds);
    },
    ingestFile(step: IngestFileStep): void {
      ingestFiles.inc({ action: step.action });
      if (step.pages > 0) ingestPages.inc(step.pages);
      if (step.chunks > 0) ingestChunks.inc(step.chunks);
      if (step.action === "failed") ingestFailures.inc({ reason: step.reason ?? "unexpected" });
    },
    upstream(kind: "embedding" | "generation", seconds: number, ok: boolean): void {
      upstreamDuration.observe({ kind, outcome: ok ? "ok" : "error" }, seconds);
      if (!ok) upstreamErrors.inc({ kind });
    },
    /** The queue whose depth the gauge reads (the server app may run its own). */
    watchQueue(size: () => number): void {
      queueDepth = size;
    },
    /** The store and index the backlog and size gauges read at each scrape. */
    watchSizes(sources: SizeSources): void {
      sizes = { queue: shared(sources.queue), storeBytes: shared(sources.storeBytes), index: shared(sources.index) };
    },
  };
}

