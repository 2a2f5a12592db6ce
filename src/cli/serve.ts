import { serve as listen } from "@hono/node-server";
import { availableParallelism } from "node:os";
import { createServerApp } from "../api/server.ts";
import { isLoopback, type Config } from "../config.ts";
import { ConfigError } from "../errors.ts";
import { openJikji } from "../runtime.ts";
import { createAdminToken, loopbackUrl, publishAdminEndpoint } from "../operate/admin-endpoint.ts";
import type { CliIo } from "./run.ts";

/**
 * LanceDB runs its queries on a tokio runtime with one worker per core unless `TOKIO_WORKER_THREADS` says otherwise.
 * On a machine of two cores or fewer, one worker served more searches at 100k chunks with less CPU a search than two
 * (181–189 against 168–182 a second, ~1 ms less CPU, alternated; the 10-minute soak with uploads and deletes: 0
 * errors, RSS 1.25–1.39 GB; BENCHMARKS.md, "Fifth pass"): the main thread, LanceDB's workers and its CPU pool
 * otherwise contend for the same two cores. Larger machines keep tokio's default (not measured there); an operator's
 * own value always wins. Returns the value to set, or undefined to leave the environment alone.
 */
export function lanceWorkerThreads(env: NodeJS.ProcessEnv, cores: number): string | undefined {
  if (env.TOKIO_WORKER_THREADS !== undefined) return undefined;
  return cores <= 2 ? "1" : undefined;
}

/** Runs the HTTP API until the process is asked to stop, then closes everything in order. */
export async function serve(config: Config, io: CliIo): Promise<void> {
  // Before anything opens the index: tokio reads the variable when LanceDB's runtime starts.
  const workers = lanceWorkerThreads(process.env, availableParallelism());
  if (workers !== undefined) process.env.TOKIO_WORKER_THREADS = workers;
  // Request and job logs go to stdout: JSON lines, or readable lines on a terminal.
  const jikji = await openJikji(config, {
    scanIndex: true,
    longRunning: true,
    observe: { logDestination: io.stdout, logPretty: io.stdout.isTTY === true, defaultMetrics: true },
    autoReindex: () => io.stderr.write("jikji serve: the search index is stale; rebuilding it before listening (JIKJI_AUTO_REINDEX=on)\n"),
  });
  // Searches still run on a stale index (an upgrade must not take the service down), but never silently.
  const { message: staleIndex } = jikji.indexStatus();
  if (staleIndex !== null) io.stderr.write(`jikji serve: warning: ${staleIndex}\n`);
  const { logger } = jikji.observability;
  const unguarded = config.apiTokens === null && config.access.sso === null && (await jikji.accessStore.activeKeyCount()) === 0;
  if (!isLoopback(config.server.host) && unguarded && !config.allowOpenApi) {
    await jikji.close();
    throw new ConfigError([
      `JIKJI_HOST/--host: listening on ${config.server.host} without API keys would let anyone on the network read ` +
        "every document; create one (jikji keys create --name ops --role admin), set JIKJI_API_TOKENS or SSO, " +
        "or JIKJI_ALLOW_OPEN_API=true if a proxy in front authenticates",
    ]);
  }
  if (!isLoopback(config.server.host) && config.http.allowedHosts.length === 0) {
    io.stderr.write(
      `jikji serve: only requests addressed to a loopback name or ${config.server.host} are answered; ` +
        "set JIKJI_ALLOWED_HOSTS to the host names clients use (e.g. jikji.corp.example)\n",
    );
  }
  // `jikji backup` and `jikji export` reach this process through /admin with this token (the store is locked to it).
  const adminToken = config.databaseUrl === null ? createAdminToken() : undefined;
  // This process holds the data dir: a backup's work folder found now was left by one that died.
  if (adminToken) await (await import("../operate/backup.ts")).removeStaleBackupWork(config.dataDir);
  const { app, queue, generatorModel } = createServerApp(jikji, {
    ...(adminToken ? { adminToken } : {}),
    onError: (error) => logger.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, "unexpected error"),
  });

  // Takes jobs left queued, abandoned by a dead instance, or queued through another instance on the same store.
  await queue.start();

  let server: ReturnType<typeof listen>;
  try {
    server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
      const instance = listen({ fetch: app.fetch, hostname: config.server.host, port: config.server.port }, () =>
        resolve(instance),
      );
      instance.once("error", reject);
    });
  } catch (error) {
    queue.stop();
    await queue.idle();
    await jikji.close();
    throw listenError(error, config.server);
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.server.port;
  const withdrawAdmin = adminToken
    ? await publishAdminEndpoint(config.dataDir, { pid: process.pid, url: loopbackUrl(config.server.host, port), token: adminToken })
    : async () => undefined;
  io.stdout.write(
    `jikji listening on http://${config.server.host}:${port} ` +
      `(store: ${jikji.storeKind}, index: ${jikji.indexKind}, answers: ${generatorModel ?? "extractive"})\n`,
  );

  await (io.shutdown ?? new Promise<void>(() => undefined));
  await withdrawAdmin();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  queue.stop();
  await queue.idle();
  await jikji.close();
}

/** Why the port could not be opened, as a configuration problem naming the setting (the usual ones: a port taken). */
export function listenError(error: unknown, server: { host: string; port: number }): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = `${server.host}:${server.port}`;
  if (code === "EADDRINUSE") {
    return new ConfigError([`JIKJI_PORT/--port: ${where} is already in use (another jikji or another program); choose another port, e.g. --port 9000`]);
  }
  if (code === "EACCES") {
    return new ConfigError([`JIKJI_PORT/--port: not permitted to listen on ${where} (ports below 1024 need privileges); choose another port`]);
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new ConfigError([`JIKJI_HOST/--host: ${server.host} is not an address of this machine`]);
  }
  return error;
}
