/**
 * `jikji backup` and `jikji restore` for the embedded default (PGlite store, embedded index).
 *
 * A backup is a tar of `manifest.json` and its parts:
 * - `store.tar.gz`: PGlite's data dir (`dumpDataDir`), taken between transactions, so a document version is in it
 *   published and whole, or not at all;
 * - `index.tar`: the embedded index, only when it holds dense vectors (embeddings are not kept in the store, so
 *   without the model they could not be rebuilt). A lexical-only index is rebuilt from the store on restore;
 * - `originals.tar`, `uploads.tar`: the documents' original bytes (source viewer) and queued uploads, when present.
 * The manifest names the format, jikji's version, the store's newest migration, what search sees (collections,
 * documents, chunks) and each part's size and SHA-256. Restore checks all of it before anything reaches the target.
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, openAsBlob } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import * as tar from "tar";
import { z } from "zod";
import type { Config } from "../config.ts";
import { BackupInvalidError, ConflictError, InvalidInputError, errorMessage } from "../errors.ts";
import { embeddedIndexDir, type Jikji } from "../runtime.ts";
import { migrationJournal } from "../store/db.ts";
import { createStore } from "../store/store.ts";

export const BACKUP_FORMAT = "jikji-backup";
export const BACKUP_FORMAT_VERSION = 1;
const MANIFEST = "manifest.json";
const PART_NAMES = ["store.tar.gz", "index.tar", "originals.tar", "uploads.tar"] as const;
type PartName = (typeof PART_NAMES)[number];

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  jikjiVersion: z.string(),
  createdAt: z.string(),
  store: z.object({ kind: z.literal("pglite"), migration: z.string(), migrationWhen: z.number() }),
  index: z.object({
    kind: z.enum(["embedded", "qdrant"]),
    included: z.boolean(),
    dimensions: z.number().int().positive().nullable(),
  }),
  counts: z.object({
    collections: z.number().int().nonnegative(),
    documents: z.number().int().nonnegative(),
    chunks: z.number().int().nonnegative(),
    /** Index points copied, when the index is included. */
    points: z.number().int().nonnegative().nullable(),
  }),
  parts: z.array(z.object({ name: z.enum(PART_NAMES), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** What PostgreSQL deployments are told instead: their engines have their own tools. */
export const POSTGRES_BACKUP_HINT =
  "The store is PostgreSQL (DATABASE_URL): back it up with pg_dump (e.g. pg_dump -Fc \"$DATABASE_URL\" > jikji.dump) " +
  "and bring it back with pg_restore. A Qdrant index is saved with Qdrant's snapshot API " +
  "(POST /collections/<name>/snapshots), or rebuilt from the restored store with `jikji reindex`.";

let versionCache: string | null = null;
async function jikjiVersion(): Promise<string> {
  versionCache ??= (JSON.parse(await fs.readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return versionCache;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * A tar of everything under `dir` (entries relative to it), or nothing when `dir` is missing or empty. Uploads and
 * originals may be removed while it reads (a job finished, a document deleted): a file vanishing mid-way restarts
 * the copy, a few times.
 */
async function tarDirectory(dir: string, file: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const entries = await fs.readdir(dir).catch(() => [] as string[]);
    if (entries.length === 0) return false;
    try {
      await tar.c({ cwd: dir, file, portable: true, strict: true }, entries);
      return true;
    } catch (error) {
      await fs.rm(file, { force: true });
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || attempt === 3) throw error;
    }
  }
}

/** Removes work folders a backup left in the data dir when its process died mid-way (serve calls it at start-up). */
export async function removeStaleBackupWork(dataDir: string): Promise<void> {
  const names = await fs.readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(".backup-")) await fs.rm(path.join(dataDir, name), { recursive: true, force: true });
  }
}

/** A backup's parts and manifest, written to a work folder; `pack` streams them as one tar. */
export interface PreparedBackup {
  manifest: BackupManifest;
  pack(): Readable;
  /** Removes the work folder. */
  dispose(): Promise<void>;
}

/**
 * Copies an open jikji's store (and its index when it holds dense vectors) while it keeps serving: searches go on;
 * index writes wait the moment the index is copied, and the store copy waits for the transaction in progress.
 * The parts go to a work folder inside the data dir (same disk, never another user's temp dir).
 */
export async function prepareBackup(jikji: Jikji): Promise<PreparedBackup> {
  const { snapshotStore } = jikji;
  if (snapshotStore === null) throw new InvalidInputError(POSTGRES_BACKUP_HINT);
  const dataDir = jikji.config.dataDir;
  const work = path.join(dataDir, `.backup-${randomUUID()}`);
  await fs.mkdir(work, { recursive: true, mode: 0o700 });
  const dispose = () => fs.rm(work, { recursive: true, force: true });
  try {
    const includeIndex = jikji.indexKind === "embedded" && jikji.embedder !== null;
    let points: number | null = null;
    // The index is frozen (writes wait) while both copies are taken: every version the store copy shows as
    // published then has its points in the index copy; points the store copy does not own are dropped by the
    // start-up reconcile after a restore.
    const dump = await (includeIndex
      ? jikji.indexWrites.exclusive(async () => {
          const copy = await snapshotStore();
          points = (await jikji.index.stats()).points;
          await tarDirectory(embeddedIndexDir(dataDir), path.join(work, "index.tar"));
          return copy;
        })
      : snapshotStore());
    await pipeline(dump.stream(), createWriteStream(path.join(work, "store.tar.gz")));
    await tarDirectory(path.join(dataDir, "originals"), path.join(work, "originals.tar"));
    // Queued uploads are rows of the store now; an upload folder is only what an older jikji left.
    await tarDirectory(path.join(dataDir, "uploads"), path.join(work, "uploads.tar"));

    // Counts and migration are read from the copy itself (opened in memory), not from the live store, which may
    // have moved on; this also proves the copy loads.
    const { openPgliteCopy } = await import("../store/pglite.ts");
    const copy = await openPgliteCopy(dump);
    let counts: { collections: number; documents: number; chunks: number };
    let applied: number | null;
    try {
      const store = createStore(copy.db);
      counts = await store.publishedCounts();
      applied = await store.appliedMigration();
    } finally {
      await copy.close();
    }
    const migration = [...migrationJournal()].reverse().find((entry) => applied !== null && entry.when <= applied);
    if (!migration) throw new InvalidInputError("The store has no applied migrations; there is nothing to back up");

    const parts: BackupManifest["parts"] = [];
    for (const name of PART_NAMES) {
      const file = path.join(work, name);
      if (!(await exists(file))) continue;
      parts.push({ name, bytes: (await fs.stat(file)).size, sha256: await sha256File(file) });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      jikjiVersion: await jikjiVersion(),
      createdAt: new Date().toISOString(),
      store: { kind: "pglite", migration: migration.tag, migrationWhen: migration.when },
      index: { kind: jikji.indexKind, included: includeIndex, dimensions: jikji.embedder?.dimensions ?? null },
      counts: { ...counts, points },
      parts,
    };
    await fs.writeFile(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return {
      manifest,
      // The manifest first, so a reader learns what follows before the parts.
      // tar's Pack is a minipass stream; wrapped as a Node byte stream for pipeline and for HTTP bodies alike.
      pack: () => Readable.from(tar.c({ cwd: work, portable: true }, [MANIFEST, ...parts.map((part) => part.name)]), { objectMode: false }),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Writes a whole backup to `file` (through `<file>.partial`, renamed when complete). */
export async function writeBackupFile(source: Readable, file: string): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await pipeline(source, createWriteStream(partial, { mode: 0o600 }));
    await fs.rename(partial, file);
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  }
}

/** The manifest of a backup file, read without unpacking its parts. */
export async function readManifest(file: string): Promise<BackupManifest> {
  let text: string | null = null;
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        if (entry.path !== MANIFEST) return entry.resume();
        const chunks: Buffer[] = [];
        entry.on("data", (chunk: Buffer) => chunks.push(chunk));
        entry.on("end", () => (text = Buffer.concat(chunks).toString("utf8")));
      },
    });
  } catch (error) {
    throw new BackupInvalidError(`${file} is not a readable backup (damaged or truncated?): ${errorMessage(error)}`, { cause: error });
  }
  if (text === null) throw new BackupInvalidError(`${file} has no ${MANIFEST}: it is not a jikji backup`);
  return parseManifest(text, file);
}

function parseManifest(text: string, file: string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BackupInvalidError(`${file}: ${MANIFEST} is not valid JSON (damaged?)`, { cause: error });
  }
  if (typeof raw === "object" && raw !== null && (raw as { format?: unknown }).format === BACKUP_FORMAT) {
    const version = (raw as { formatVersion?: unknown }).formatVersion;
    if (typeof version === "number" && version > BACKUP_FORMAT_VERSION) {
      throw new BackupInvalidError(
        `${file} is backup format ${version}; this jikji reads format ${BACKUP_FORMAT_VERSION}. Restore it with a newer jikji.`,
      );
    }
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupInvalidError(`${file}: ${MANIFEST} is not a jikji backup manifest (${issue.path.join(".") || "top level"}: ${issue.message})`);
  }
  return parsed.data;
}

/** Whether `dir` is missing or an empty folder. */
async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") throw new InvalidInputError(`${dir} is a file, not a data dir`);
    throw error;
  }
}

export interface RestoreOptions {
  /** The configuration to open the restored dir with (its embedder rebuilds a lexical index; its dataDir is ignored). */
  config: Config;
  /** Where the data dir goes; must be missing or empty unless `force`. */
  dataDir: string;
  force: boolean;
  onProgress?: (message: string) => void;
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** Chunks written into a rebuilt index, or null when the backup's index was restored as it was. */
  reindexed: number | null;
}

/**
 * Restores a backup into `dataDir`: unpacked into a folder beside it, checked (manifest, every part's size and
 * SHA-256, the store's counts against the manifest), opened once (reconcile; the index rebuilt when the backup did
 * not carry it), and only then renamed into place. Any failure leaves the target as it was.
 */
export async function restoreBackup(file: string, options: RestoreOptions): Promise<RestoreReport> {
  if (options.config.databaseUrl !== null) {
    throw new InvalidInputError(`restore writes an embedded data dir; with DATABASE_URL set, use pg_restore instead. ${POSTGRES_BACKUP_HINT}`);
  }
  const target = path.resolve(options.dataDir);
  if (!(await isEmptyOrMissing(target))) {
    if (!options.force) throw new ConflictError(`${target} is not empty; restore into a new folder, or pass --force to replace it`);
    if (await exists(path.join(target, "jikji.lock"))) {
      const { lockDataDir } = await import("../store/lock.ts");
      // Throws while a live process holds it; a stale lock is cleared and released at once.
      lockDataDir(target)();
    }
  }
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new InvalidInputError(`${file} is not a file`);

  const parent = path.dirname(target);
  await fs.mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.restore-${randomUUID().slice(0, 8)}`);
  const incoming = path.join(staging, ".incoming");
  await fs.mkdir(incoming, { recursive: true, mode: 0o700 });
  try {
    const manifest = await unpackAndVerify(file, incoming);
    const known = migrationJournal();
    if (!known.some((entry) => entry.tag === manifest.store.migration)) {
      const newest = known.at(-1)!;
      throw new BackupInvalidError(
        manifest.store.migrationWhen > newest.when
          ? `${file} was made by a newer jikji (${manifest.jikjiVersion}, schema ${manifest.store.migration}); upgrade jikji to restore it`
          : `${file} names a schema this jikji does not know (${manifest.store.migration})`,
      );
    }
    const { config } = options;
    if (manifest.index.included && config.embedding === null && config.localEmbedding === null) {
      throw new InvalidInputError(
        `The backup's index holds ${manifest.index.dimensions}-dimension embeddings: restore with the embedding model it was ` +
          "made with configured (JIKJI_EMBED_BASE_URL/JIKJI_EMBED_MODEL or JIKJI_EMBED_MODEL_DIR)",
      );
    }
    options.onProgress?.("Checked the backup: manifest and every part's SHA-256");

    const { restorePgliteCopy } = await import("../store/pglite.ts");
    await restorePgliteCopy(staging, await openAsBlob(path.join(incoming, "store.tar.gz")));
    for (const [part, dir] of [
      ["index.tar", embeddedIndexDir(staging)],
      ["originals.tar", path.join(staging, "originals")],
      ["uploads.tar", path.join(staging, "uploads")],
    ] as const) {
      if (!manifest.parts.some((entry) => entry.name === part)) continue;
      await fs.mkdir(dir, { recursive: true });
      await tar.x({ file: path.join(incoming, part), cwd: dir, strict: true });
    }
    await fs.rm(incoming, { recursive: true, force: true });

    const reindexed = await openAndCheck(staging, manifest, options);
    await moveIntoPlace(staging, target, options.force);
    return { manifest, reindexed };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Unpacks the outer tar into `dir` and checks the manifest and every part's size and SHA-256. */
async function unpackAndVerify(file: string, dir: string): Promise<BackupManifest> {
  const wanted = new Set<string>([MANIFEST, ...PART_NAMES]);
  const seen = new Set<string>();
  try {
    await tar.x({
      file,
      cwd: dir,
      strict: true,
      // Only the names a backup has, as plain files: nothing else is written, wherever an entry claims to go.
      filter: (entryPath, entry) => {
        const ok = wanted.has(entryPath) && (!("type" in entry) || entry.type === "File");
        if (ok) seen.add(entryPath);
        return ok;
      },
    });
  } catch (error) {
    throw new BackupInvalidError(`${file} is not a readable backup (damaged or truncated?): ${errorMessage(error)}`, { cause: error });
  }
  if (!seen.has(MANIFEST)) {
    throw new BackupInvalidError(`${file} has no ${MANIFEST}: it is not a jikji backup, or it was cut off before its first entry`);
  }
  const manifest = parseManifest(await fs.readFile(path.join(dir, MANIFEST), "utf8"), file);
  if (!manifest.parts.some((part) => part.name === "store.tar.gz")) throw new BackupInvalidError(`${file}: the manifest lists no store.tar.gz`);
  if (manifest.index.included !== manifest.parts.some((part) => part.name === "index.tar")) {
    throw new BackupInvalidError(`${file}: the manifest's index.included disagrees with its parts`);
  }
  for (const part of manifest.parts) {
    const partFile = path.join(dir, part.name);
    const size = (await fs.stat(partFile).catch(() => null))?.size;
    if (size === undefined) throw new BackupInvalidError(`${file}: part ${part.name} is missing (the backup was cut off?)`);
    if (size !== part.bytes) {
      throw new BackupInvalidError(`${file}: part ${part.name} is ${size} bytes, the manifest says ${part.bytes} (truncated?)`);
    }
    if ((await sha256File(partFile)) !== part.sha256) {
      throw new BackupInvalidError(`${file}: part ${part.name} fails its SHA-256 check (the backup is damaged)`);
    }
  }
  return manifest;
}

/**
 * Opens the restored dir as `serve` would (reconcile drops staged versions and points no published version owns),
 * rebuilds a lexical index from the store, and compares what search sees with the manifest.
 */
async function openAndCheck(dir: string, manifest: BackupManifest, options: RestoreOptions): Promise<number | null> {
  const config: Config = { ...options.config, dataDir: dir };
  const { openJikji } = await import("../runtime.ts");
  const rebuild = !manifest.index.included;
  const jikji = await openJikji(config, { scanIndex: !rebuild, rebuildIndex: rebuild });
  try {
    let reindexed: number | null = null;
    if (rebuild) {
      options.onProgress?.("Rebuilding the search index from the store");
      const { reindex } = await import("../ingest/ingest.ts");
      reindexed = (await reindex(jikji)).chunks;
    }
    const counts = await jikji.store.publishedCounts();
    const expected = manifest.counts;
    if (counts.collections !== expected.collections || counts.documents !== expected.documents || counts.chunks !== expected.chunks) {
      throw new BackupInvalidError(
        `The restored store holds ${counts.documents} documents and ${counts.chunks} chunks in ${counts.collections} collections; ` +
          `the manifest says ${expected.documents}, ${expected.chunks} and ${expected.collections}`,
      );
    }
    return reindexed;
  } finally {
    await jikji.close();
  }
}

/** Renames the checked folder to `target`; a replaced target is moved aside first and removed last. */
async function moveIntoPlace(staging: string, target: string, force: boolean): Promise<void> {
  if (await isEmptyOrMissing(target)) {
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(staging, target);
    return;
  }
  if (!force) throw new ConflictError(`${target} is not empty; pass --force to replace it`);
  const aside = `${staging}.replaced`;
  await fs.rename(target, aside);
  try {
    await fs.rename(staging, target);
  } catch (error) {
    await fs.rename(aside, target);
    throw error;
  }
  await fs.rm(aside, { recursive: true, force: true });
}
