import path from "node:path";
import { serve as listen } from "@hono/node-server";
import { createApp } from "../api/app.ts";
import { isLoopback, type Config } from "../config.ts";
import { ConfigError } from "../errors.ts";
import { parserFromConfig } from "../ingest/parser.ts";
import { createIngestQueue } from "../ingest/queue.ts";
import { buildAnswerRoutes } from "../answer/wire.ts";
import { openJikji } from "../runtime.ts";
import type { CliIo } from "./run.ts";

/** Runs the HTTP API until the process is asked to stop, then closes everything in order. */
export async function serve(config: Config, io: CliIo): Promise<void> {
  if (!isLoopback(config.server.host) && config.apiTokens === null && !config.allowOpenApi) {
    throw new ConfigError([
      `JIKJI_HOST/--host: listening on ${config.server.host} without JIKJI_API_TOKENS would let anyone on the ` +
        "network read every document; set JIKJI_API_TOKENS, or JIKJI_ALLOW_OPEN_API=true if a proxy in front authenticates",
    ]);
  }
  const jikji = await openJikji(config, { scanIndex: true });
  const uploadsDir = path.join(config.dataDir, "uploads");
  const parser = parserFromConfig(config);
  const queue = createIngestQueue({
    ...jikji,
    parser,
    maxChunksPerDocument: config.limits.maxChunksPerDocument,
    uploadsDir,
    maxFileBytes: config.limits.maxFileBytes,
  });

  // Jobs a crash left queued or running are run again; finished files come back "unchanged".
  for (const job of await jikji.store.unfinishedJobs()) {
    const collection = job.collectionId ? await jikji.store.collectionName(job.collectionId) : null;
    if (collection === null || job.inputs.length === 0) {
      await jikji.store.updateJob(job.id, { status: "failed", error: "interrupted before its files were stored" });
      continue;
    }
    queue.enqueue({ jobId: job.id, collection, accessGroups: job.accessGroups, inputs: job.inputs });
  }

  const answer = buildAnswerRoutes(jikji);
  const app = createApp({
    store: jikji.store,
    index: jikji.index,
    search: jikji.search,
    queue,
    uploadsDir,
    maxUploadBytes: config.limits.maxUploadBytes,
    routes: [answer.routes],
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
    onError: (error) => io.stderr.write(`jikji serve: unexpected error: ${String(error)}\n`),
  });

  const server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
    const instance = listen({ fetch: app.fetch, hostname: config.server.host, port: config.server.port }, () =>
      resolve(instance),
    );
    instance.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.server.port;
  io.stdout.write(
    `jikji listening on http://${config.server.host}:${port} ` +
      `(store: ${jikji.storeKind}, index: ${jikji.indexKind}, answers: ${answer.generatorModel ?? "extractive"})\n`,
  );

  await (io.shutdown ?? new Promise<void>(() => undefined));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await queue.idle();
  await parser.close();
  await jikji.close();
}
