import path from "node:path";
import { buildAnswerRoutes } from "../answer/wire.ts";
import type { DocumentParser } from "../ingest/parser.ts";
import { createIngestQueue, type IngestQueue } from "../ingest/queue.ts";
import type { Jikji } from "../runtime.ts";
import { createApp } from "./app.ts";
import { createComplianceRoutes } from "./compliance-routes.ts";

export interface ServerAppOptions {
  /** Where uploads are parsed; the calling thread when absent (tests), a worker in `serve`. */
  parser?: DocumentParser;
  /** Overrides the configured upload limit (tests use small ones). */
  maxUploadBytes?: number;
  onError?: (error: unknown) => void;
}

/** The whole HTTP app over an opened jikji: upload queue, search, answers, tokens, all from its config. */
export function createServerApp(jikji: Jikji, options: ServerAppOptions = {}) {
  const { config } = jikji;
  const uploadsDir = path.join(config.dataDir, "uploads");
  const maxUploadBytes = options.maxUploadBytes ?? config.limits.maxUploadBytes;
  const queue: IngestQueue = createIngestQueue({
    ...jikji,
    ...(options.parser ? { parser: options.parser } : {}),
    maxChunksPerDocument: config.limits.maxChunksPerDocument,
    uploadsDir,
    maxFileBytes: Math.min(config.limits.maxFileBytes, maxUploadBytes),
  });
  const answer = buildAnswerRoutes(jikji);
  const app = createApp({
    store: jikji.store,
    index: jikji.index,
    search: jikji.search,
    queue,
    uploadsDir,
    maxUploadBytes,
    routes: [answer.routes, createComplianceRoutes(jikji)],
    apiTokens:
      config.apiTokens === null
        ? null
        : new Map(config.apiTokens.map(({ token, ...principal }) => [token, principal] as const)),
    info: {
      store: jikji.storeKind,
      index: jikji.indexKind,
      embedder: jikji.embedder?.model ?? null,
      generator: answer.generatorModel,
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return { app, queue, generatorModel: answer.generatorModel };
}
