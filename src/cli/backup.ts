import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { InvalidInputError, JikjiError, StoreUnavailableError, errorMessage, type ErrorCode } from "../errors.ts";
import { findAdminEndpoint, type AdminEndpoint } from "../operate/admin-endpoint.ts";
import { configFrom, parse, UsageError, withJikji, writeJson, type CliIo } from "./run.ts";

/**
 * A `/admin` call to the serving process; its JSON errors come back as the typed error they were. node:http rather
 * than fetch: a large backup is prepared before its first byte, and fetch gives up waiting for headers after 300 s.
 */
async function callServer(endpoint: AdminEndpoint, method: "GET" | "POST", route: string): Promise<Readable> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request(`${endpoint.url}${route}`, { method, headers: { authorization: `Bearer ${endpoint.token}` } }, resolve);
    request.once("error", reject);
    request.end();
  }).catch((error: unknown) => {
    throw new StoreUnavailableError(
      `The data dir is served by pid ${endpoint.pid} at ${endpoint.url}, which did not answer: ${errorMessage(error)}`,
      { cause: error },
    );
  });
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return response;
  let text = "";
  for await (const chunk of response) text += String(chunk);
  const body = ((): { error?: { code?: string; message?: string } } | null => {
    try {
      return JSON.parse(text) as { error?: { code?: string; message?: string } };
    } catch {
      return null; // not jikji's JSON error: reported by its status below
    }
  })();
  const code = (body?.error?.code ?? "internal") as ErrorCode;
  throw new JikjiError(code, body?.error?.message ?? `The serving process answered HTTP ${status}`);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: "boolean", default: false } });
  if (positionals.length !== 1) throw new UsageError("backup needs one file to write, e.g. jikji backup jikji-2026-12-04.tar");
  const file = path.resolve(positionals[0]!);
  const config = await configFrom(io, values);
  const { POSTGRES_BACKUP_HINT, prepareBackup, readManifest, writeBackupFile } = await import("../operate/backup.ts");
  if (config.databaseUrl !== null) throw new InvalidInputError(POSTGRES_BACKUP_HINT);
  if (await fs.stat(file).catch(() => null)) throw new UsageError(`${file} exists; choose a new file name`);
  if (!(await fs.stat(path.join(config.dataDir, "pg")).catch(() => null))) {
    throw new InvalidInputError(`${path.resolve(config.dataDir)} holds no jikji store to back up (pass --data-dir, or set JIKJI_DATA_DIR)`);
  }

  // While `serve` holds the data dir, it takes the snapshot and streams it here; otherwise this process opens it.
  const endpoint = await findAdminEndpoint(config.dataDir);
  let via: string;
  if (endpoint) {
    await writeBackupFile(await callServer(endpoint, "POST", "/admin/backup"), file);
    via = `the serving process (pid ${endpoint.pid})`;
  } else {
    await withJikji(config, { scanIndex: false }, async (jikji) => {
      const prepared = await prepareBackup(jikji);
      try {
        await writeBackupFile(prepared.pack(), file);
      } finally {
        await prepared.dispose();
      }
    });
    via = "this process";
  }
  const manifest = await readManifest(file);
  const bytes = (await fs.stat(file)).size;
  if (values.json) {
    writeJson(io, { file, bytes, manifest });
    return 0;
  }
  const { counts, index } = manifest;
  const indexNote = index.included
    ? `the index (${counts.points} points, ${index.dimensions} dimensions) included`
    : index.kind === "qdrant"
      ? "the Qdrant index not included (snapshot it with Qdrant's API, or run jikji reindex after restoring)"
      : "the lexical index left out (restore rebuilds it from the store)";
  io.stdout.write(
    `Backed up ${counts.documents} documents, ${counts.chunks} chunks in ${counts.collections} collections ` +
      `(schema ${manifest.store.migration}) to ${file} (${megabytes(bytes)}), taken by ${via}; ${indexNote}.\n`,
  );
  return 0;
}

export async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: "boolean", default: false }, json: { type: "boolean", default: false } });
  if (positionals.length !== 1) throw new UsageError("restore needs one backup file, e.g. jikji restore jikji.tar --data-dir ./data");
  if (values["data-dir"] === undefined) throw new UsageError("restore needs --data-dir: the folder to restore into (new or empty)");
  const config = await configFrom(io, values);
  const { restoreBackup } = await import("../operate/backup.ts");
  const report = await restoreBackup(path.resolve(positionals[0]!), {
    config,
    dataDir: config.dataDir,
    force: values.force,
    onProgress: (message) => {
      if (!values.json) io.stderr.write(`${message}\n`);
    },
  });
  const { counts } = report.manifest;
  if (values.json) writeJson(io, { dataDir: path.resolve(config.dataDir), manifest: report.manifest, reindexed: report.reindexed });
  else {
    io.stdout.write(
      `Restored ${counts.documents} documents, ${counts.chunks} chunks in ${counts.collections} collections into ${path.resolve(config.dataDir)}` +
        (report.reindexed === null ? " with the backup's index.\n" : `; the index was rebuilt from the store (${report.reindexed} chunks).\n`),
    );
  }
  return 0;
}

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { collection: { type: "string" }, format: { type: "string", default: "jsonl" }, out: { type: "string" } });
  if (values.collection === undefined || values.collection.trim() === "") throw new UsageError("export needs --collection NAME");
  if (values.format !== "jsonl") throw new UsageError(`--format must be jsonl, got "${values.format}"`);
  const config = await configFrom(io, values);
  const collection = values.collection;

  const write = async (source: AsyncIterable<string | Uint8Array>) => {
    if (values.out === undefined) {
      for await (const chunk of source) {
        if (!io.stdout.write(chunk)) await new Promise((resolve) => io.stdout.once("drain", resolve));
      }
      return;
    }
    const out = path.resolve(values.out);
    const partial = `${out}.partial`;
    try {
      await pipeline(Readable.from(source), createWriteStream(partial));
      await fs.rename(partial, out);
    } catch (error) {
      await fs.rm(partial, { force: true });
      throw error;
    }
  };

  const endpoint = config.databaseUrl === null ? await findAdminEndpoint(config.dataDir) : null;
  if (endpoint) {
    await write(await callServer(endpoint, "GET", `/admin/export?collection=${encodeURIComponent(collection)}&format=jsonl`));
  } else {
    const { exportCollection } = await import("../operate/export.ts");
    await withJikji(config, false, async (jikji) => write(await exportCollection(jikji.store, collection)));
  }
  if (values.out !== undefined) io.stderr.write(`Exported collection "${collection}" to ${path.resolve(values.out)}\n`);
  return 0;
}
