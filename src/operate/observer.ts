import type { DestinationStream } from "pino";
import type { ObserveConfig } from "../config.ts";
import type { QueueObserver } from "../ingest/queue.ts";
import { createLogger } from "./log.ts";
import { createMetrics, type Metrics } from "./metrics.ts";

/** The log calls jikji makes: a pino logger, or nothing at all for one-shot commands (`quietObservability`). */
export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface Observability {
  metrics: Metrics;
  logger: Log;
  /** Query text may appear in request log lines (JIKJI_LOG_QUERIES=true). */
  logQueries: boolean;
  /** Each ingest step counted and logged: one line per file, one per job. */
  queue: QueueObserver;
}

export interface ObservabilityOptions {
  /** Where log lines go (serve: stdout; tests: a stream). Without one nothing is logged: one-shot CLI commands print their own output. */
  logDestination?: DestinationStream;
  /** One readable line per record instead of JSON (stdout is a terminal). */
  logPretty?: boolean;
  /** Process-wide series (CPU, memory, event loop lag, GC): `serve` turns them on; off by default, since they watch the whole process and cannot be stopped. */
  defaultMetrics?: boolean;
}

/** Metrics on a registry of their own and a logger, made once per opened jikji. */
export function createObservability(config: ObserveConfig, options: ObservabilityOptions = {}): Observability {
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? false });
  const logger = createLogger({
    level: options.logDestination ? config.logLevel : "silent",
    ...(options.logDestination ? { destination: options.logDestination } : {}),
    ...(options.logPretty ? { pretty: true } : {}),
  });
  return {
    metrics,
    logger,
    logQueries: config.logQueries,
    queue: {
      fileDone(jobId, step) {
        metrics.ingestFile(step);
        // The file name is the uploader's label, not document text; the text itself never reaches the log.
        logger.info(
          {
            jobId,
            source: step.source,
            action: step.action,
            pages: step.pages,
            chunks: step.chunks,
            durationMs: Math.round(step.seconds * 1000),
            ...(step.reason ? { reason: step.reason } : {}),
          },
          "ingest file",
        );
      },
      jobDone(jobId, outcome) {
        const line = { jobId, status: outcome.status, files: outcome.files, durationMs: Math.round(outcome.seconds * 1000), ...(outcome.error ? { error: outcome.error } : {}) };
        if (outcome.status === "failed") logger.warn(line, "ingest job");
        else logger.info(line, "ingest job");
      },
    },
  };
}
