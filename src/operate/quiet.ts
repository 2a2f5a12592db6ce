import type { ObserveConfig } from "../config.ts";
import type { Metrics } from "./metrics.ts";
import type { Observability } from "./observer.ts";

/**
 * Observability that records and logs nothing, for one-shot CLI commands: they print their own output and exit,
 * so a Prometheus registry no one scrapes and a silent logger would only cost start-up (prom-client and pino are
 * ~60 modules, ~40 ms). Importing this file loads neither.
 */
export function quietObservability(config: ObserveConfig): Observability {
  const ignore = (): void => undefined;
  const metrics: Metrics = {
    registry: { metrics: async () => "", contentType: "text/plain; version=0.0.4; charset=utf-8" },
    request: ignore,
    search: ignore,
    ask: ignore,
    ingestFile: ignore,
    upstream: ignore,
    watchQueue: ignore,
    watchSizes: ignore,
  };
  return {
    metrics,
    logger: { info: ignore, warn: ignore, error: ignore },
    logQueries: config.logQueries,
    queue: { fileDone: ignore, jobDone: ignore },
  };
}
