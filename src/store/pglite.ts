import fs from "node:fs";
import path from "node:path";
import { PGlite, parse as parseMessages, protocol } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { StoreUnavailableError, errorMessage } from "../errors.ts";
import { hasEmbeddedStore, pgliteDir } from "./data-dir.ts";
import { MIGRATIONS_DIR, type Database, type DatabaseHandle, type KeptStatements } from "./db.ts";
import {
  discardTemplate,
  readTemplate,
  temporaryPath,
  templateKey,
  templatePath,
  touchTemplate,
  unpackedTemplatePath,
  writeTemplate,
} from "./pglite-template.ts";
import { processTemplate } from "./process-template.ts";
import * as schema from "./schema.ts";

export interface PgliteOptions {
  /**
   * Where the template new data dirs are made from is kept (`Config.cacheDir`); null or absent: initdb and the
   * migrations for every new data dir. See `pglite-template.ts`.
   */
  cacheDir?: string | null;
  /**
   * Make a new data dir by copying the template kept unpacked next to the tar (made from the tar the first time),
   * instead of loading the tar (`pglite-template.ts`). Off unless asked (JIKJI_TEMPLATE_COPY=on).
   */
  unpackedTemplate?: boolean;
  /**
   * Postgres's buffer cache (`shared_buffers`, e.g. "4MB"); its default, 128 MB, when absent. Postgres zeroes the
   * whole pool when it starts (Emscripten's mmap clears the shared memory: for 128 MB, ~60–100 ms of CPU and ~130 MB
   * of RSS), which a command that reads a few pages and exits never repays; a long-lived process keeps the default.
   */
  sharedBuffers?: string;
}

/**
 * A new in-memory data dir made by initdb and the migrations, as an uncompressed tar (what `loadDataDir` takes): what
 * `useProcessTemplate` (process-template.ts) is given.
 */
export async function migratedDataDir(): Promise<Blob> {
  const client = new PGlite();
  try {
    await client.waitReady;
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
    // Everything on disk, so a copy needs no WAL replay when it starts.
    await client.exec("CHECKPOINT");
    return await client.dumpDataDir("none");
  } finally {
    await client.close();
  }
}

/** PGlite inside `<dataDir>/pg`, with the migrations applied. */
export async function openPglite(dataDir: string | null, options: PgliteOptions = {}): Promise<DatabaseHandle> {
  const dir = dataDir === null ? null : pgliteDir(dataDir);
  const fresh = dataDir !== null && !hasEmbeddedStore(dataDir);
  const template = fresh && options.cacheDir ? templatePath(options.cacheDir, templateKey(MIGRATIONS_DIR)) : null;
  const startParams = options.sharedBuffers === undefined ? undefined : [...PGlite.defaultStartParams, "-c", `shared_buffers=${options.sharedBuffers}`];
  const fromTemplate = template === null ? null : await openFromTemplate(dir!, template, startParams, options.unpackedTemplate === true);
  if (fromTemplate) return handleOf(fromTemplate);
  const copy = !options.cacheDir && (dataDir === null || fresh) ? processTemplate() : null;
  if (copy !== null) {
    const copied = await openFromTar(dir, copy, startParams);
    if (copied) return handleOf(copied);
  }

  let client: PGlite;
  try {
    if (dir === null) client = new PGlite({ ...(startParams ? { startParams } : {}) });
    else {
      fs.mkdirSync(dir, { recursive: true });
      client = new PGlite(dir, { ...(startParams ? { startParams } : {}) });
    }
    await client.waitReady;
  } catch (error) {
    throw new StoreUnavailableError(`Could not open the embedded database: ${errorMessage(error)}${dir === null ? "" : lowSpaceNote(dir)}`, { cause: error });
  }
  try {
    if (!(await pgliteSchemaIsCurrent(client))) await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
  } catch (error) {
    await client.close();
    throw new StoreUnavailableError(`Could not migrate the embedded database: ${errorMessage(error)}`, { cause: error });
  }
  // Nothing but the schema is in it yet: the next new data dir is made from a copy.
  if (template !== null) await writeTemplate(client, template);
  return handleOf(client);
}

function handleOf(client: PGlite): DatabaseHandle {
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, kind: "pglite", statements: keptStatements(client), snapshot: () => snapshotPglite(client), close: () => client.close() };
}

function joined(messages: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(messages.reduce((sum, message) => sum + message.byteLength, 0));
  let at = 0;
  for (const message of messages) {
    out.set(message, at);
    at += message.byteLength;
  }
  return out;
}

/**
 * Named statements on PGlite's wire protocol. `PGlite.query` sends every query as an unnamed statement, parsed,
 * described and planned anew, in six calls into the wasm module; here a statement is parsed and described once,
 * and each run is one call (bind, describe, execute, sync). Postgres then plans it once for all parameter values
 * (its plan cache turns to a generic plan after five runs). Runs hold the same locks as `query`, so they never
 * interleave with a transaction. Only for reads: nothing is synced to the file system after them.
 */
function keptStatements(client: PGlite): KeptStatements {
  const { serialize } = protocol;
  const prepared = new Map<string, { text: string; parameterTypes: number[] }>();
  return {
    read<Row>(name: string, text: string, values: readonly unknown[]) {
      return client._runExclusiveTransaction(() =>
        client.runExclusive(async () => {
          let statement = prepared.get(name);
          if (statement !== undefined && statement.text !== text) {
            throw new Error(`Statement ${name} was prepared with another text`);
          }
          if (statement === undefined) {
            const described = await client.execProtocolStream(
              joined([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]),
              { syncToFs: false },
            );
            statement = { text, parameterTypes: parseMessages.parseDescribeStatementResults(described) };
            prepared.set(name, statement);
          }
          const types = statement.parameterTypes;
          const serialized = values.map((value, i) => {
            if (value === null || value === undefined) return null;
            const serializer = client.serializers[types[i]!];
            return serializer ? serializer(value) : String(value);
          });
          const messages = await client.execProtocolStream(
            joined([
              serialize.bind({ statement: name, values: serialized }),
              serialize.describe({ type: "P" }),
              serialize.execute({}),
              serialize.sync(),
            ]),
            { syncToFs: false },
          );
          return (parseMessages.parseResults(messages, client.parsers)[0]?.rows ?? []) as Row[];
        }),
      );
    },
  };
}

/**
 * The data dir as a gzipped tar. It waits for the transaction in progress (PGlite runs one at a time) and holds
 * the next back while it copies, so a version is in the copy whole (published) or not at all; single statements
 * are held back too.
 */
async function snapshotPglite(client: PGlite): Promise<Blob> {
  try {
    // Fewer WAL records for the copy to replay when it is opened.
    await client.exec("CHECKPOINT");
    // Queries and transactions all run under PGlite's transaction lock; holding it while dumping keeps the dump
    // between transactions (dumpDataDir alone takes only the per-statement lock).
    return await client._runExclusiveTransaction(() => client.dumpDataDir("gzip"));
  } catch (error) {
    throw new StoreUnavailableError(`Could not copy the embedded database: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * A copy made by `snapshot`, opened in memory to read from (the backup's counts and migration), never migrated
 * or written back anywhere. A copy PGlite cannot load fails here, before anyone relies on it.
 */
export async function openPgliteCopy(dump: Blob): Promise<DatabaseHandle> {
  let client: PGlite;
  try {
    client = new PGlite({ loadDataDir: dump });
    await client.waitReady;
  } catch (error) {
    throw new StoreUnavailableError(`Could not open the copy of the embedded database: ${errorMessage(error)}`, { cause: error });
  }
  return { db: drizzlePglite(client, { schema }) as unknown as Database, kind: "pglite", statements: keptStatements(client), close: () => client.close() };
}

/** Writes a copy made by `snapshot` into `<dataDir>/pg` (which must not exist yet), ready for `openPglite`. */
export async function restorePgliteCopy(dataDir: string, dump: Blob): Promise<void> {
  const dir = pgliteDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  let client: PGlite | null = null;
  try {
    client = new PGlite(dir, { loadDataDir: dump });
    await client.waitReady;
  } catch (error) {
    throw new StoreUnavailableError(`Could not unpack the embedded database: ${errorMessage(error)}`, { cause: error });
  } finally {
    await client?.close();
  }
}

/**
 * A new data dir made from the cached template, its schema checked current; null when there is no template or
 * it does not load (then it is discarded and `dir` emptied for initdb). With `copyUnpacked`, the unpacked template
 * is copied when there is one (made from the tar here the first time); the tar is loaded when there is none or it
 * fails.
 */
async function openFromTemplate(dir: string, template: string, startParams: string[] | undefined, copyUnpacked: boolean): Promise<PGlite | null> {
  const unpacked = unpackedTemplatePath(template);
  if (copyUnpacked && !fs.existsSync(unpacked) && fs.existsSync(template)) await unpackTemplate(template, unpacked);
  if (copyUnpacked && fs.existsSync(unpacked)) {
    const copied = await openFromUnpacked(dir, unpacked, startParams);
    if (copied) {
      touchTemplate(template);
      return copied;
    }
  }
  const tar = readTemplate(template);
  if (tar === null) return null;
  const client = await openFromTar(dir, tar, startParams);
  // A corrupt or truncated template is not used again.
  if (client === null) discardTemplate(template);
  return client;
}

/**
 * A new data dir (in `dir`, or in memory) loaded from `tar`, its schema checked current; null, and `dir` removed,
 * when it does not load.
 */
async function openFromTar(dir: string | null, tar: Blob, startParams: string[] | undefined): Promise<PGlite | null> {
  let client: PGlite | null = null;
  try {
    const params = { loadDataDir: tar, ...(startParams ? { startParams } : {}) };
    if (dir === null) client = new PGlite(params);
    else {
      fs.mkdirSync(dir, { recursive: true });
      client = new PGlite(dir, params);
    }
    await client.waitReady;
    if (await pgliteSchemaIsCurrent(client)) return client;
  } catch {
    // Falls through: initdb makes the data dir.
  }
  await client?.close().catch(() => undefined);
  try {
    if (dir !== null) fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // Left for initdb, which says what is wrong with the directory.
  }
  return null;
}

/**
 * The unpacked template copied to `dir` and opened as an existing data dir; null (and `dir` and the unpacked
 * template removed) when it does not open with the current schema.
 */
async function openFromUnpacked(dir: string, unpacked: string, startParams: string[] | undefined): Promise<PGlite | null> {
  let client: PGlite | null = null;
  try {
    await fs.promises.cp(unpacked, dir, { recursive: true, errorOnExist: true, force: false });
    touchTemplate(unpacked);
    client = new PGlite(dir, { ...(startParams ? { startParams } : {}) });
    await client.waitReady;
    if (await pgliteSchemaIsCurrent(client)) return client;
  } catch {
    // Falls through: a damaged copy.
  }
  await client?.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(unpacked, { recursive: true, force: true });
  return null;
}

/**
 * Unpacks the template tar into a data dir of its own (PGlite loads it and shuts down cleanly), under a temporary
 * name renamed into place. Best effort: a tar that does not load, or a cache that cannot be written, leaves none.
 */
async function unpackTemplate(template: string, unpacked: string): Promise<void> {
  const tar = readTemplate(template);
  if (tar === null) return;
  const temporary = temporaryPath(unpacked);
  let client: PGlite | null = null;
  try {
    fs.mkdirSync(temporary, { recursive: true });
    client = new PGlite(temporary, { loadDataDir: tar });
    await client.waitReady;
    const current = await pgliteSchemaIsCurrent(client);
    await client.close();
    client = null;
    // Another process may have renamed its copy into place first: then ours is removed below.
    if (current) fs.renameSync(temporary, unpacked);
  } catch {
    // No unpacked template: the tar is loaded instead.
  }
  await client?.close().catch(() => undefined);
  fs.rmSync(temporary, { recursive: true, force: true });
}

/**
 * Whether the newest migration in `migrations/` is already applied, judged as drizzle's migrator judges it (the
 * last applied `created_at` against each migration's `when`). Opening a current data dir then costs one query
 * instead of the migrator's reading and hashing every SQL file and its three statements.
 */
async function pgliteSchemaIsCurrent(client: PGlite): Promise<boolean> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
  const newest = Math.max(...journal.entries.map((entry) => entry.when));
  try {
    const { rows } = await client.query<{ applied: string | null }>("SELECT max(created_at)::text AS applied FROM drizzle.__drizzle_migrations");
    return rows[0]?.applied != null && Number(rows[0].applied) >= newest;
  } catch {
    // No migrations table yet: a new data dir.
    return false;
  }
}

/** Below this much free space PGlite may fail to start (it writes its write-ahead log, 16 MB a segment, as it opens). */
const LOW_SPACE_BYTES = 64 * 1024 * 1024;

/**
 * Why PGlite may have failed to start, when the disk is the reason: on a full disk it says only "PGlite failed to
 * initialize properly" (qa3, a 75 MB tmpfs with 2 MB left). Empty when there is room, or the space cannot be read.
 */
export function lowSpaceNote(dir: string, statfs: (dir: string) => { bavail: number | bigint; bsize: number | bigint } = fs.statfsSync): string {
  let free: number;
  try {
    const stats = statfs(fs.existsSync(dir) ? dir : path.dirname(dir));
    free = Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return "";
  }
  if (free >= LOW_SPACE_BYTES) return "";
  return ` (the disk holding ${dir} has ${(free / 1024 / 1024).toFixed(1)} MB free, and the database needs room to start: free some space and run the command again)`;
}
