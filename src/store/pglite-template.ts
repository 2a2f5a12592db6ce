import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";

/**
 * A new PGlite data dir costs initdb (Postgres's bootstrap, in WebAssembly) and then every migration: ~3.6 s of
 * CPU, the larger part of a first `jikji ingest` on a few files. A data dir just made that way is the same for
 * everyone on one PGlite version with one set of migrations, so it is kept once per user as a tar
 * (`dumpDataDir()`, ~40 MB) in the cache dir and new data dirs are made from it (`loadDataDir`, ~0.9 s CPU).
 *
 * - The file name holds the PGlite version and a hash of the migrations: after an upgrade or a schema change no
 *   stale template is ever found, and the first new data dir writes a new one.
 * - It is written to a temporary file and renamed into place, so a reader sees a whole template or none, and two
 *   processes writing it at once each rename a whole file.
 * - A template that does not load (truncated, corrupt, unreadable) is deleted and the data dir is made by initdb.
 * - A cache dir that cannot be written (read-only home, sandbox) only means initdb every time.
 * - Templates of other versions or schemas unused for `STALE_DAYS` are removed when a new one is written; a
 *   template's modification time is renewed each time a data dir is made from it.
 * - With JIKJI_TEMPLATE_COPY=on (off by default: measured, not adopted), next to the tar the template is also kept unpacked (`<key>.d`, a data dir PGlite made from the tar and shut
 *   down cleanly), made from the tar the first time a data dir is made from it. A new data dir is then a copy of
 *   that directory (on libuv's threads, off the main thread) opened like any existing data dir: ~0.45 s of CPU
 *   instead of ~0.8 s for PGlite's `loadDataDir`, which unpacks the tar through Emscripten's file system on the
 *   main thread. It too is made under a temporary name and renamed into place, so a directory found is whole; one
 *   that does not open is removed and the tar used instead.
 */

const STALE_DAYS = 30;

/** PGlite's version from its package.json, which the package does not export: found from its entry point. */
export function pgliteVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "@electric-sql/pglite" && manifest.version) return manifest.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("Could not find @electric-sql/pglite's package.json");
    dir = parent;
  }
}

/**
 * Names the template a data dir may be made from: the PGlite version and a hash of every file the migrator reads
 * (the SQL files and `meta/_journal.json`, by name and content). Any change to either gives another name.
 */
export function templateKey(migrationsDir: string, version: string = pgliteVersion()): string {
  const hash = createHash("sha256").update(`pglite ${version}\n`);
  const files = [
    ...fs.readdirSync(migrationsDir).filter((name) => name.endsWith(".sql")).sort(),
    path.join("meta", "_journal.json"),
  ];
  for (const name of files) {
    const content = fs.readFileSync(path.join(migrationsDir, name));
    hash.update(`${name}\n${content.length}\n`).update(content);
  }
  return `pglite-${version.replace(/[^0-9A-Za-z.-]/g, "_")}-${hash.digest("hex").slice(0, 16)}`;
}

export function templatePath(cacheDir: string, key: string): string {
  return path.join(cacheDir, `${key}.tar`);
}

/** Where the template (`templatePath`) is kept unpacked. */
export function unpackedTemplatePath(template: string): string {
  return template.replace(/\.tar$/, "") + ".d";
}

/** A temporary name next to `file`, unique to this process and call: written, then renamed into place. */
export function temporaryPath(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
}

/** Renews a template's modification time (tar or directory), so it is kept when other templates are pruned. */
export function touchTemplate(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // A read-only cache, or a template another process just removed.
  }
}

/** The template's bytes, or null when there is none (or it cannot be read: then initdb makes the data dir). */
export function readTemplate(file: string): Blob | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  try {
    // In use: kept when other templates are pruned.
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // A read-only cache.
  }
  return new TemplateBytes(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * The template's bytes as the Blob PGlite's `loadDataDir` takes, handed over without copies: a Node Blob copies its
 * parts when made and again, chunk by chunk, in `arrayBuffer()` — ~0.45 s of CPU for the 40 MB tar, a quarter of
 * what opening a new data dir cost. Every other use of it reads a real Blob of the same bytes.
 */
class TemplateBytes extends Blob {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  #copy: Blob | undefined;

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    super();
    this.#bytes = bytes;
  }

  #blob(): Blob {
    return (this.#copy ??= new Blob([this.#bytes]));
  }

  override get size(): number {
    return this.#bytes.byteLength;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#bytes;
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return Promise.resolve(whole ? bytes.buffer : bytes.slice().buffer);
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }

  override slice(start?: number, end?: number, contentType?: string): Blob {
    return this.#blob().slice(start, end, contentType);
  }

  override stream(): ReturnType<Blob["stream"]> {
    return this.#blob().stream();
  }

  override text(): Promise<string> {
    return this.#blob().text();
  }
}

/** A template that failed to load is removed, so the next new data dir writes a good one. */
export function discardTemplate(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // A read-only cache keeps it; each new data dir then tries it, fails, and runs initdb.
  }
}

/**
 * Saves `client`'s data dir (just initialised and migrated, nothing else in it) as the template. Best effort:
 * false when the cache dir cannot be written. The temporary file is in the same directory, so the rename is atomic.
 */
export async function writeTemplate(client: PGlite, file: string): Promise<boolean> {
  const temporary = temporaryPath(file);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Everything on disk, so the copy needs no WAL replay when it starts.
    await client.exec("CHECKPOINT");
    const tar = await client.dumpDataDir("none");
    fs.writeFileSync(temporary, new Uint8Array(await tar.arrayBuffer()), { mode: 0o600 });
    fs.renameSync(temporary, file);
    pruneStale(path.dirname(file), path.basename(file));
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do for a cache that cannot be written.
    }
    return false;
  }
}

/**
 * Removes templates, unpacked or not (and temporary files a killed writer left), other than `keep`'s, untouched for
 * STALE_DAYS.
 */
function pruneStale(cacheDir: string, keep: string): void {
  const before = Date.now() - STALE_DAYS * 24 * 60 * 60 * 1000;
  let names: string[];
  try {
    names = fs.readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === keep || name === unpackedTemplatePath(keep) || !name.startsWith("pglite-") || !/\.(tar|d)(\..+\.tmp)?$/.test(name)) continue;
    const file = path.join(cacheDir, name);
    try {
      if (fs.statSync(file).mtimeMs < before) fs.rmSync(file, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
