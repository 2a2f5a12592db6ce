import { createRateLimiter } from "../access/rate-limit.ts";
import type { DocumentParser } from "../ingest/parser.ts";
import { createIngestQueue, type IngestQueue } from "../ingest/queue.ts";
import type { Jikji } from "../runtime.ts";
import { createAnswerRoutes } from "./answer-routes.ts";
import { createApp } from "./app.ts";
import { createAssist } from "../assist/session.ts";
import { createAssistRoutes } from "./assist-routes.ts";
import { createComplianceRoutes } from "./compliance-routes.ts";
import { createConversationRoutes } from "./conversation-routes.ts";
import { createMetricsRoutes, observeRequests } from "./observe.ts";
import { createAdminRoutes } from "./admin-routes.ts";
import { prepareBackup } from "../operate/backup.ts";
import { exportCollection } from "../operate/export.ts";

export interface ServerAppOptions {
  /** Parses uploads instead of jikji's worker parser (tests gate it); the app then has a queue of its own. */
  parser?: DocumentParser;
  /** Overrides the configured upload limit (tests use small ones); the app then has a queue of its own. */
  maxUploadBytes?: number;
  onError?: (error: unknown) => void;
  /** Mounts `/admin/backup` and `/admin/export` behind this token (serve makes one and publishes it in the data dir). */
  adminToken?: string;
}

/** The whole HTTP app over an opened jikji: upload queue, search, answers, keys, audit, limits, all from its config. */
export function createServerApp(jikji: Jikji, options: ServerAppOptions = {}) {
  const { config } = jikji;
  const maxUploadBytes = options.maxUploadBytes ?? config.limits.maxUploadBytes;
  const queue: IngestQueue =
    options.maxUploadBytes === undefined && options.parser === undefined
      ? jikji.queue
      : createIngestQueue({
          ...jikji,
          ...(options.parser ? { parser: options.parser } : {}),
          maxChunksPerDocument: config.limits.maxChunksPerDocument,
          chunkOptions: config.limits.chunking,
          checkIndexWritable: () => jikji.requireWritableIndex(),
          maxFileBytes: Math.min(config.limits.maxFileBytes, maxUploadBytes),
          observe: jikji.observability.queue,
          leaseMs: config.jobs.leaseMs,
          pollMs: config.jobs.pollMs,
          testPauseFile: config.jobs.testPauseFile,
          soleInstance: !jikji.store.shared,
        });
  if (queue !== jikji.queue) jikji.observability.metrics.watchQueue(() => queue.size);
  const assist = createAssist({
    store: jikji.store,
    retrieve: jikji.search,
    generative: jikji.generatorModel === null ? null : jikji.ask,
    retentionDays: config.assist.retentionDays,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const app = createApp({
    store: jikji.store,
    index: jikji.index,
    search: jikji.search,
    queue,
    originals: jikji.originals,
    maxUploadBytes,
    maxUploadFiles: config.limits.maxUploadFiles,
    routes: [
      createAnswerRoutes({ ask: jikji.ask, chat: jikji.chat, modelName: "jikji", conversations: jikji.store }),
      createConversationRoutes({ store: jikji.store }),
      createAssistRoutes(assist),
      createComplianceRoutes(jikji),
      createMetricsRoutes({ observability: jikji.observability, token: config.observe.metricsToken }),
      ...(options.adminToken
        ? [
            createAdminRoutes({
              token: options.adminToken,
              backup: () => prepareBackup(jikji),
              exportCollection: (collection) => exportCollection(jikji.store, collection),
            }),
          ]
        : []),
    ],
    observe: observeRequests(jikji.observability),
    authenticator: jikji.authenticator,
    accessStore: jikji.accessStore,
    audit: jikji.audit,
    rateLimits: {
      perAddress: createRateLimiter(config.http.ipRequestsPerMinute),
      authFailures: createRateLimiter(config.http.authFailuresPerMinute),
      perKey: createRateLimiter(config.http.keyRequestsPerMinute),
    },
    http: {
      maxJsonBytes: config.http.maxJsonBytes,
      allowedOrigins: config.http.allowedOrigins,
      allowedHosts: [...config.http.allowedHosts, config.server.host],
    },
    ungrouped: config.access.ungroupedDocuments,
    indexStatus: () => jikji.currentIndexStatus(),
    info: {
      store: jikji.storeKind,
      index: jikji.indexKind,
      embedder: jikji.embedder?.model ?? null,
      generator: jikji.generatorModel,
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return { app, queue, assist, generatorModel: jikji.generatorModel };
}
