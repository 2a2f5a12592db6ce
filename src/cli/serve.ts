import { serve as listen } from "@hono/node-server";
import { createServerApp } from "../api/server.ts";
import { isLoopback, type Config } from "../config.ts";
import { ConfigError } from "../errors.ts";
import { parserFromConfig } from "../ingest/parser.ts";
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
  const parser = parserFromConfig(config);
  const { app, queue, generatorModel } = createServerApp(jikji, {
    parser,
    onError: (error) => io.stderr.write(`jikji serve: unexpected error: ${String(error)}\n`),
  });

  await queue.resumeUnfinished();

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
      `(store: ${jikji.storeKind}, index: ${jikji.indexKind}, answers: ${generatorModel ?? "extractive"})\n`,
  );

  await (io.shutdown ?? new Promise<void>(() => undefined));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await queue.idle();
  await parser.close();
  await jikji.close();
}
