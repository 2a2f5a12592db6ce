import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Config, ConfigFlags } from "../config.ts";
import { ConfigError, JikjiError, NotFoundError, errorMessage } from "../errors.ts";
// A dependency-free date parser, needed to check flags before anything is opened.
import { parseIsoDay } from "../ingest/effective-date.ts";
import type { Jikji, OpenOptions } from "../runtime.ts";

// Each command imports what it uses when it runs (`await import(...)` below), so `jikji --help` loads no store,
// index, parser or HTTP code, and `jikji search` no parser, server or model client.

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits on it. */
  shutdown?: Promise<void>;
}

export class UsageError extends Error {}

const USAGE = `jikji — answers from your documents, with the page they came from

Usage:
  jikji ingest <paths...> [--collection NAME] [--access-group G]... [--pdf-password P] [--json]
               [--effective-from DATE] [--keep-history] [--strict]   (regulations: versions, strict answers)
  jikji ingest <folder> --sync    (the collection mirrors the folder: files gone from it are deleted)
  jikji search "<query>" [--k N] [--collection NAME] [--as-of DATE] [--json]
  jikji ask "<question>" [--k N] [--collection NAME] [--as-of DATE] [--strict] [--json]
  jikji diff <document id or source> --from DATE [--to DATE] [--collection NAME] [--json]
  jikji serve [--port N] [--host ADDR]
  jikji reindex    (rebuilds the search index from the store; needed after an upgrade says the index is stale)
  jikji backup <file> [--json]    (embedded default; works while serve runs; PostgreSQL: pg_dump)
  jikji restore <file> --data-dir DIR [--force] [--json]
  jikji export --collection NAME [--format jsonl] [--out FILE]    (chunks with their metadata)
  jikji delete <document id or source> [--collection NAME] [--json]
  jikji eval --qa <file.jsonl> [--k 10] [--split NAME] [--answers] [--collection NAME] [--json]
  jikji keys create --name NAME --role reader|editor|admin [--groups G,G] [--collections C,C] [--expires 90d] [--json]
  jikji keys list [--json]
  jikji keys revoke <name or id>
  jikji audit [--since 2026-01-01|24h] [--key NAME] [--limit N] [--json]
  jikji collection default-groups <name> [G,G]    (who reads its documents stored without groups)
  jikji models check [--passages N] [--json]    (loads the configured models, probes them, measures speed)
  jikji assist replay <transcript.jsonl> [--collection NAME] [--access-group G]... [--json]
  jikji assist feedback [--collection NAME] [--json]

Every command takes --data-dir DIR (default ./data, or JIKJI_DATA_DIR).
Environment: DATABASE_URL, QDRANT_URL, QDRANT_API_KEY, JIKJI_EMBED_BASE_URL, JIKJI_EMBED_MODEL,
JIKJI_EMBED_API_KEY, JIKJI_EMBED_DIMENSIONS, JIKJI_EMBED_MODEL_DIR, JIKJI_RERANK_MODEL_DIR, JIKJI_LLM_BASE_URL, JIKJI_LLM_MODEL, JIKJI_LLM_API_KEY.
`;

const COMMON = {
  "data-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

export function parse<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

function positiveInt(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got "${value}"`);
  }
  return Number(value);
}

/** A date flag as an ISO day; anything else is a usage error naming the flag. */
function isoDayFlag(value: string, flag: string): string {
  const day = parseIsoDay(value);
  if (day === null) throw new UsageError(`${flag} must be a date like 2025-03-01, got "${value}"`);
  return day;
}

/**
 * A collection name from a flag, held to the API's own rule (`collectionField`): the CLI must not store a collection
 * (empty, blank, with control characters) that no HTTP call could name, nor read an empty one as "every collection".
 */
export async function collectionFlag(value: string, flag: string): Promise<string> {
  const { collectionField } = await import("../api/fields.ts");
  const parsed = collectionField.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag} ${parsed.error.issues[0]?.message ?? "is not a collection name"}, got ${JSON.stringify(value.slice(0, 60))}`);
  return parsed.data;
}

/** Access groups from flags (blank ones dropped), held to the API's rule for groups (`groupsField`). */
export async function groupsFlag(values: readonly string[], flag: string): Promise<string[]> {
  const { groupField, FIELD_LIMITS } = await import("../api/fields.ts");
  const groups = values.map((group) => group.trim()).filter((group) => group !== "");
  if (groups.length > FIELD_LIMITS.groups) throw new UsageError(`${flag}: at most ${FIELD_LIMITS.groups} groups, got ${groups.length}`);
  return groups.map((group) => {
    const parsed = groupField.safeParse(group);
    if (!parsed.success) throw new UsageError(`${flag} ${parsed.error.issues[0]?.message ?? "is not a group name"}, got ${JSON.stringify(group.slice(0, 60))}`);
    return parsed.data;
  });
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** How commands that read or change a little and exit open jikji (`OpenOptions.oneShot`). */
export const ONE_SHOT: OpenOptions = { scanIndex: false, oneShot: true };

/**
 * Opens jikji for one command, runs `work` and closes. `usesIndex`: the command searches or writes the index, so it
 * says on stderr when the index is stale (or is being rebuilt, JIKJI_AUTO_REINDEX=on) instead of using it silently;
 * `refusesStale`: the command refuses a stale index itself, with the same words, so no warning comes first.
 */
export async function withJikji<T>(
  config: Config,
  options: OpenOptions | boolean,
  work: (jikji: Jikji) => Promise<T>,
  usesIndex?: { io: CliIo; command: string; refusesStale?: boolean },
): Promise<T> {
  const { openJikji } = await import("../runtime.ts");
  const autoReindex = usesIndex
    ? {
        autoReindex: () =>
          usesIndex.io.stderr.write(`jikji ${usesIndex.command}: the search index is stale; rebuilding it first (JIKJI_AUTO_REINDEX=on) / 검색 색인을 다시 만드는 중입니다\n`),
      }
    : {};
  // A one-shot command prints its own output and exits: no metrics registry, no logger.
  const jikji = await openJikji(config, { observe: false, ...autoReindex, ...(typeof options === "boolean" ? { scanIndex: options } : options) });
  if (usesIndex) {
    const { rebuiltChunks } = jikji.upgraded;
    if (rebuiltChunks !== null) usesIndex.io.stderr.write(`jikji ${usesIndex.command}: rebuilt the search index (${rebuiltChunks} chunks)\n`);
    const { message } = jikji.indexStatus();
    if (message !== null && !usesIndex.refusesStale) usesIndex.io.stderr.write(`jikji ${usesIndex.command}: warning: ${message}\n`);
  }
  try {
    return await work(jikji);
  } finally {
    await jikji.close();
  }
}

async function ingestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    collection: { type: "string", default: "default" },
    "access-group": { type: "string", multiple: true },
    "pdf-password": { type: "string" },
    "effective-from": { type: "string" },
    "keep-history": { type: "boolean" },
    strict: { type: "boolean" },
    sync: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  });
  if (positionals.length === 0) throw new UsageError("ingest needs at least one file or folder");
  if (values.sync) await requireOneFolder(positionals);
  const collection = await collectionFlag(values.collection, "--collection");
  const accessGroups = await groupsFlag(values["access-group"] ?? [], "--access-group");
  const effectiveFrom = values["effective-from"] === undefined ? undefined : isoDayFlag(values["effective-from"], "--effective-from");
  const config = await configFrom(io, values);
  const [{ collectFiles }, { failInterruptedCliJobs, runIngestJob }, { parserFromConfig }, { parseAheadDepth, parseWorkerCount }, { readAhead }, { hasEmbeddedStore }, { lineProgress, silentProgress, terminalProgress }] =
    await Promise.all([
      import("../ingest/files.ts"),
      import("../ingest/jobs.ts"),
      import("../ingest/parser.ts"),
      import("../ingest/pool.ts"),
      import("../ingest/read-ahead.ts"),
      import("../store/data-dir.ts"),
      import("./progress.ts"),
    ]);
  const { files, skipped } = await collectFiles(positionals);
  const progress = values.json ? silentProgress : io.stderr.isTTY ? terminalProgress(io.stderr) : lineProgress(io.stderr);
  const jobFiles = files.map((file) => ({
    source: file.source,
    sizeBytes: file.sizeBytes,
    read: async () => new Uint8Array(await fs.readFile(file.absolutePath)),
  }));
  const pdfPassword = values["pdf-password"] !== undefined ? { pdfPassword: values["pdf-password"] } : {};
  const workers = parseWorkerCount();
  // Parse workers run while the main thread chunks and writes the files before.
  const parseAhead = parseAheadDepth(workers);
  const parser = parserFromConfig(config, workers);
  // Into a new data dir every file is new, so the first files parse while PGlite starts and the index opens (about
  // a second of CPU on the main thread) instead of after. Into an existing one, a file may be unchanged and need no
  // parse, which only the store can tell: the job's own read-ahead asks it.
  const early =
    config.databaseUrl === null && !hasEmbeddedStore(config.dataDir)
      ? readAhead({
          files: jobFiles,
          depth: parseAhead,
          parser,
          store: null,
          collectionId: null,
          skip: (index) => jobFiles[index]!.sizeBytes > config.limits.maxFileBytes,
          ...pdfPassword,
        })
      : null;
  early?.begin();

  let report: Awaited<ReturnType<typeof runIngestJob>>;
  try {
    report = await withJikji(config, { scanIndex: true, parser }, async (jikji) => {
      // Before a job is made: new chunks must not join an index built by another analyzer.
      await jikji.requireWritableIndex();
      if (config.databaseUrl === null) await failInterruptedCliJobs(jikji.store);
      const collectionId = await jikji.store.ensureCollection(collection);
      await jikji.store.updateCollectionSettings(collectionId, {
        ...(values["keep-history"] !== undefined ? { keepHistory: values["keep-history"] } : {}),
        ...(values.strict !== undefined ? { strict: values.strict } : {}),
      });
      const job = await jikji.store.createJob(collectionId, files.length);
      return runIngestJob(
        { ...jikji, maxChunksPerDocument: config.limits.maxChunksPerDocument, chunkOptions: config.limits.chunking },
        {
          jobId: job.id,
          collection,
          accessGroups,
          maxFileBytes: config.limits.maxFileBytes,
          sync: values.sync,
          parseAhead,
          ...(early !== null ? { ahead: early } : {}),
          ...pdfPassword,
          ...(effectiveFrom !== undefined ? { effectiveFrom } : {}),
          files: jobFiles,
          onProgress: (counters, current, finished) => progress.update(counters, current, finished),
        },
      );
    }, { io, command: "ingest", refusesStale: true });
  } finally {
    await parser.close();
  }
  progress.done();

  const failed = report.files
    .filter((file) => file.action === "failed")
    .map((file) => ({ source: file.source, error: file.error ?? "failed" }));
  const deleted = report.files.filter((file) => file.action === "deleted").map((file) => file.source);
  if (values.json) {
    // Files of a type jikji does not read are named here too (only when there are some: the documented keys stay).
    const summary = {
      ingested: report.counters.ingested,
      unchanged: report.counters.unchanged,
      failed,
      ...(skipped.length > 0 ? { skipped } : {}),
    };
    // --sync adds what it removed and every file's action; the documented keys stay as they are.
    if (values.sync) {
      const actions = report.files.map((file) => ({ source: file.source, action: file.action, ...(file.error ? { error: file.error } : {}) }));
      writeJson(io, { ...summary, deleted, actions });
    } else writeJson(io, summary);
  } else {
    for (const file of report.files) {
      const mark = file.action === "failed" ? "✗" : file.action === "unchanged" ? "=" : file.action === "deleted" ? "-" : "✓";
      io.stdout.write(`${mark} ${file.action.padEnd(9)} ${file.source}${file.error ? ` — ${file.error}` : ""}\n`);
      for (const warning of file.warnings ?? []) io.stdout.write(`    ${warning}\n`);
    }
    io.stdout.write(
      `${report.counters.ingested} ingested, ${report.counters.unchanged} unchanged, ${failed.length} failed` +
        `${values.sync ? `, ${deleted.length} deleted` : ""}` +
        ` (${report.counters.pages} pages, ${report.counters.chunks} chunks) into collection "${collection}"\n`,
    );
    if (skipped.length > 0) {
      // Not "not documents": an .odt or a .doc is a document, of a type jikji does not read.
      io.stderr.write(
        `Skipped ${skipped.length} file(s) of a type jikji does not read (it reads PDF, DOCX, HWP, HWPX, HTML, Markdown and text): ` +
          `${skipped.slice(0, 5).join(", ")}${skipped.length > 5 ? ", …" : ""}\n`,
      );
    }
    if (files.length === 0) io.stderr.write("No documents found in the given paths.\n");
  }
  return failed.length > 0 ? 1 : 0;
}

/** --sync deletes whatever the folder lacks, so it takes exactly one folder and never a list of files. */
async function requireOneFolder(positionals: readonly string[]): Promise<void> {
  const stat = positionals.length === 1 ? await fs.stat(positionals[0]!).catch(() => null) : null;
  if (positionals.length !== 1 || !stat?.isDirectory()) {
    throw new UsageError("--sync takes exactly one folder: the collection is made to mirror it");
  }
}

async function searchCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    k: { type: "string" },
    collection: { type: "string" },
    "as-of": { type: "string" },
    json: { type: "boolean", default: false },
  });
  const query = positionals.join(" ").trim();
  if (query === "") throw new UsageError('search needs a query, e.g. jikji search "휴가 신청 절차"');
  const k = positiveInt(values.k, "--k", 5, 100);
  const collection = values.collection === undefined ? undefined : await collectionFlag(values.collection, "--collection");
  const asOf = values["as-of"] === undefined ? undefined : isoDayFlag(values["as-of"], "--as-of");
  const config = await configFrom(io, values);
  await requireIngestedDataDir(config);
  const { clauseAfterSection, hitSummary, sectionLabel } = await import("../retrieve/types.ts");
  const result = await withJikji(config, ONE_SHOT, async (jikji) => {
    const found = await jikji.search({
      query,
      k,
      filter: { ...(collection !== undefined ? { collection } : {}), ...(asOf ? { asOf } : {}) },
    });
    // "No matches" in a collection that does not exist is a typo, not an answer.
    if (found.hits.length === 0 && collection !== undefined) await requireCollectionOf(jikji, collection);
    return found;
  }, { io, command: "search" });
  if (result.rerank?.status === "fallback") io.stderr.write(`jikji search: ${result.rerank.warning}\n`);
  if (values.json) {
    writeJson(io, {
      query: result.query,
      hits: result.hits.map(hitSummary),
    });
    return 0;
  }
  if (result.hits.length === 0) {
    io.stdout.write(`No matches for "${query}".\n`);
    return 0;
  }
  result.hits.forEach((hit, i) => {
    const section = sectionLabel(hit.headingPath);
    const where = (hit.page === null ? hit.source : `${hit.source}, p. ${hit.page}`) + (section === null ? "" : ` › ${section}`);
    const snippet = hit.text.replace(/\s+/g, " ").slice(0, 240);
    const clausePart = clauseAfterSection(section, hit.clausePath);
    const clause = clausePart === null ? "" : ` ${clausePart}`;
    io.stdout.write(`${i + 1}. ${where}${clause}${hit.title ? ` — ${hit.title}` : ""}  (score ${hit.score.toFixed(4)})\n   ${snippet}${hit.text.length > 240 ? "…" : ""}\n`);
  });
  return 0;
}

async function askCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    k: { type: "string" },
    collection: { type: "string" },
    "as-of": { type: "string" },
    strict: { type: "boolean" },
    json: { type: "boolean", default: false },
  });
  const question = positionals.join(" ").trim();
  if (question === "") throw new UsageError('ask needs a question, e.g. jikji ask "연차 휴가는 며칠인가요?"');
  const k = positiveInt(values.k, "--k", 6, 50);
  const collection = values.collection === undefined ? undefined : await collectionFlag(values.collection, "--collection");
  const asOf = values["as-of"] === undefined ? undefined : isoDayFlag(values["as-of"], "--as-of");
  const config = await configFrom(io, values);
  await requireIngestedDataDir(config);
  const { formatAskResult } = await import("./ask.ts");
  const request = {
    question,
    k,
    filter: { ...(collection !== undefined ? { collection } : {}), ...(asOf ? { asOf } : {}) },
    ...(values.strict !== undefined ? { strict: values.strict } : {}),
  };
  await withJikji(config, ONE_SHOT, async (jikji) => {
    const { ask } = jikji;
    // Asked of a collection that does not exist, "not in the documents" would hide a typo. Checked first, since a
    // streamed answer cannot be taken back; one lookup of a small table.
    if (collection !== undefined) await requireCollectionOf(jikji, collection);
    if (values.json || !config.llm || request.strict) {
      io.stdout.write(`${formatAskResult(await ask.ask(request), { json: values.json })}\n`);
      return;
    }
    // With a model, the answer is printed as it is written; sources follow when it is complete.
    for await (const event of ask.askStream(request)) {
      if (event.type === "delta") io.stdout.write(event.text);
      else io.stdout.write(`${formatAskResult(event.result, { json: false }).slice(event.result.answer.length)}\n`);
    }
  }, { io, command: "ask" });
  return 0;
}

/**
 * Commands that read (or delete from) what was ingested refuse an embedded data dir that holds no store: it is a typo
 * or a forgotten --data-dir, and opening it would create an empty store there and answer "No matches".
 */
export async function requireIngestedDataDir(config: Config): Promise<void> {
  if (config.databaseUrl !== null) return;
  const { hasEmbeddedStore } = await import("../store/data-dir.ts");
  if (hasEmbeddedStore(config.dataDir)) return;
  throw new NotFoundError(
    `${path.resolve(config.dataDir)} holds no jikji data: ingest documents into it first (jikji ingest <folder>), ` +
      "or pass the --data-dir (or JIKJI_DATA_DIR) you ingested into",
  );
}

async function requireCollectionOf(jikji: Jikji, collection: string): Promise<void> {
  const { requireCollection } = await import("../operate/export.ts");
  await requireCollection(jikji.store, collection);
}

async function reindexCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {});
  const config = await configFrom(io, values);
  const { rebuildIndex } = await import("../operate/index-status.ts");
  const { chunks, renamed, status } = await withJikji(config, { scanIndex: false, rebuildIndex: true }, async (jikji) => {
    const rebuilt = await rebuildIndex(jikji, jikji.indexStatus().index, (done) => {
      if (io.stderr.isTTY) io.stderr.write(`\rReindexed ${done} chunks`);
    });
    return { ...rebuilt, renamed: jikji.upgraded.renamed, status: await jikji.refreshIndexStatus() };
  });
  if (io.stderr.isTTY) io.stderr.write("\n");
  // The names look alike on screen: their code points tell them apart.
  const codePoints = (name: string) => [...name].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(" ");
  for (const { from, to, merged } of renamed.collections) {
    io.stdout.write(
      merged
        ? `Removed the empty collection "${to}" (${codePoints(from)}): the collection with documents of that name keeps it.\n`
        : `Renamed the collection "${to}" stored decomposed (${codePoints(from)}) to its composed name.\n`,
    );
  }
  for (const { from, to } of renamed.groups) {
    io.stdout.write(`Renamed the access group "${to}" stored decomposed (${codePoints(from)}) to its composed name, in documents, keys and defaults.\n`);
  }
  io.stdout.write(`Reindexed ${chunks} chunks from the store (analyzer version ${status.analyzer.current}).\n`);
  return 0;
}

async function deleteCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { collection: { type: "string" }, json: { type: "boolean", default: false } });
  const target = positionals.join(" ").trim();
  if (target === "") throw new UsageError("delete needs a document id or source");
  const collection = values.collection === undefined ? undefined : await collectionFlag(values.collection, "--collection");
  const config = await configFrom(io, values);
  await requireIngestedDataDir(config);
  const { deleteByIdOrSource } = await import("../ingest/uploads.ts");
  const deleted = await withJikji(config, ONE_SHOT, (jikji) =>
    deleteByIdOrSource(jikji, target, collection !== undefined ? { collection } : {}),
  );
  if (values.json) writeJson(io, { deleted: { documentId: deleted.id, source: deleted.source, collection: deleted.collection } });
  else io.stdout.write(`Deleted ${deleted.source} (${deleted.id}) from collection "${deleted.collection}".\n`);
  return 0;
}

async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { port: { type: "string" }, host: { type: "string" } });
  const port = values.port === undefined ? undefined : positiveInt(values.port, "--port", 8787, 65535);
  const config = await configFrom(io, { ...values, port });
  const { serve } = await import("./serve.ts");
  await serve(config, io);
  return 0;
}

export async function configFrom(io: CliIo, values: { "data-dir"?: string; port?: number; host?: string }): Promise<Config> {
  const { loadConfig } = await import("../config.ts");
  const flags: ConfigFlags = {};
  if (values["data-dir"] !== undefined) flags.dataDir = values["data-dir"];
  if (values.port !== undefined) flags.port = values.port;
  if (values.host !== undefined) flags.host = values.host;
  return loadConfig(io.env, flags);
}

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  ingest: ingestCommand,
  search: searchCommand,
  ask: askCommand,
  serve: serveCommand,
  reindex: reindexCommand,
  delete: deleteCommand,
  eval: async (args, io) => (await import("./eval.ts")).evalCommand(args, io),
  diff: async (args, io) => (await import("./diff.ts")).diffCommand(args, io),
  keys: async (args, io) => (await import("./access.ts")).keysCommand(args, io),
  audit: async (args, io) => (await import("./access.ts")).auditCommand(args, io),
  collection: async (args, io) => (await import("./access.ts")).collectionCommand(args, io),
  models: async (args, io) => (await import("./models.ts")).modelsCommand(args, io),
  assist: async (args, io) => (await import("./assist.ts")).assistCommand(args, io),
  backup: async (args, io) => (await import("./backup.ts")).backupCommand(args, io),
  restore: async (args, io) => (await import("./backup.ts")).restoreCommand(args, io),
  export: async (args, io) => (await import("./backup.ts")).exportCommand(args, io),
};

export function registerCommand(name: string, command: (args: string[], io: CliIo) => Promise<number>): void {
  COMMANDS[name] = command;
}

/**
 * The operating system refusing a path the user gave (no such folder, a file where a folder should be, not permitted,
 * disk full): its message names the call and the path, and the user can fix it, so no stack trace follows.
 */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return error instanceof Error && typeof code === "string" && typeof syscall === "string";
}

/** Runs one CLI invocation; returns the exit code. Errors are printed, never thrown. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`jikji: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`jikji ${name}: ${error.message}\nRun "jikji --help" for usage.\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`jikji: ${error.message}\n`);
      return 2;
    }
    const { storageFailure } = await import("../operate/storage.ts");
    const storage = storageFailure(error);
    if (storage !== null) {
      io.stderr.write(`jikji ${name}: ${storage}\n`);
      return 1;
    }
    if (error instanceof JikjiError) {
      io.stderr.write(`jikji ${name}: ${error.message}\n`);
      return 1;
    }
    if (isSystemError(error)) {
      io.stderr.write(`jikji ${name}: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`jikji ${name}: unexpected error: ${errorMessage(error)}\n`);
    if (error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

