import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, type DatabaseHandle } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { pgliteVersion, readTemplate, templateKey, templatePath, unpackedTemplatePath, writeTemplate } from "../../src/store/pglite-template.ts";
import { useProcessTemplate } from "../../src/store/process-template.ts";
import { createStore } from "../../src/store/store.ts";

// These tests are about initdb, the migrations and the cached template: no new data dir here is made from the copy
// the test setup gives every other file (test/helpers/pglite-setup.ts).
useProcessTemplate(null);

let root: string;
/** A template as the first new data dir writes it, copied into each test's own cache dir. */
let good: Buffer;
/** The schema of a data dir made by initdb and the migrations, without any template. */
let expected: Awaited<ReturnType<typeof schemaOf>>;

function cacheWith(name: string, bytes: Buffer): { cacheDir: string; template: string } {
  const cacheDir = path.join(root, name);
  const template = templatePath(cacheDir, templateKey(MIGRATIONS_DIR));
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(template, bytes);
  return { cacheDir, template };
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "jikji-template-"));
  const migrated = await openPglite(path.join(root, "migrated"));
  expected = await schemaOf(migrated);
  await migrated.close();
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** Everything the migrations define, as Postgres's catalog describes it, plus the migrator's own record. */
async function schemaOf(handle: DatabaseHandle) {
  const rows = async (query: string) => ((await handle.db.execute(sql.raw(query))) as unknown as { rows: unknown[] }).rows;
  return {
    columns: await rows(
      `SELECT table_schema, table_name, column_name, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2, 3`,
    ),
    indexes: await rows(`SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname <> 'pg_catalog' ORDER BY 1, 2, 3`),
    constraints: await rows(
      `SELECT n.nspname, c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
       JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2, 3`,
    ),
    migrations: await rows(`SELECT hash, created_at::text FROM drizzle.__drizzle_migrations ORDER BY id`),
  };
}

function copyMigrations(to: string): string {
  fs.cpSync(MIGRATIONS_DIR, to, { recursive: true });
  return to;
}

describe("the PGlite template key", () => {
  it("changes when a migration is edited or added, when the journal changes, and with the PGlite version", () => {
    const dir = copyMigrations(path.join(root, "migrations-key"));
    const original = templateKey(dir, "0.5.14");
    expect(templateKey(dir, "0.5.14")).toBe(original);
    expect(original).toMatch(/^pglite-0\.5\.14-[0-9a-f]{16}$/);
    expect(templateKey(dir, "0.5.15")).not.toBe(original);

    const first = fs.readdirSync(dir).filter((name) => name.endsWith(".sql")).sort()[0]!;
    const firstSql = fs.readFileSync(path.join(dir, first), "utf8");
    fs.writeFileSync(path.join(dir, first), `${firstSql}\n-- one more line\n`);
    const edited = templateKey(dir, "0.5.14");
    expect(edited).not.toBe(original);
    fs.writeFileSync(path.join(dir, first), firstSql);
    expect(templateKey(dir, "0.5.14")).toBe(original);

    fs.writeFileSync(path.join(dir, "9999_added.sql"), "ALTER TABLE documents ADD COLUMN note text;");
    const added = templateKey(dir, "0.5.14");
    expect(added).not.toBe(original);
    fs.rmSync(path.join(dir, "9999_added.sql"));

    const journal = path.join(dir, "meta", "_journal.json");
    fs.writeFileSync(journal, fs.readFileSync(journal, "utf8").replace(/"when":\s*(\d)/, '"when": 1$1'));
    expect(templateKey(dir, "0.5.14")).not.toBe(original);
  });

  it("names the installed PGlite version", () => {
    expect(pgliteVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(templateKey(MIGRATIONS_DIR)).toContain(`pglite-${pgliteVersion()}-`);
  });
});

describe("the template's bytes as PGlite reads them", () => {
  it("are the file's bytes however they are read (whole, streamed, sliced, as text), and null for no file", async () => {
    const file = path.join(root, "template-bytes.tar");
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) % 251);
    fs.writeFileSync(file, bytes);
    const blob = readTemplate(file)!;
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.size).toBe(bytes.byteLength);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    expect(await blob.bytes()).toEqual(bytes);
    expect(new Uint8Array(await new Response(blob.stream()).arrayBuffer())).toEqual(bytes);
    expect(new Uint8Array(await blob.slice(10, 20).arrayBuffer())).toEqual(bytes.slice(10, 20));
    expect(await blob.text()).toBe(new TextDecoder().decode(bytes));
    expect(readTemplate(path.join(root, "no-such-template.tar"))).toBeNull();
  });
});

describe("new data dirs made from the cached template", () => {
  it("writes the template on the first new data dir, and the next one has the same schema as a migrated one", async () => {
    const cacheDir = path.join(root, "cache-same");
    const template = templatePath(cacheDir, templateKey(MIGRATIONS_DIR));
    expect(fs.existsSync(template)).toBe(false);

    const first = await openPglite(path.join(root, "first"), { cacheDir });
    expect(await schemaOf(first)).toEqual(expected);
    await first.close();
    good = fs.readFileSync(template);
    expect(good.length).toBeGreaterThan(1_000_000);
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(template)]);

    const copied = await openPglite(path.join(root, "copied"), { cacheDir });
    expect(await schemaOf(copied)).toEqual(expected);
    // A working store: writes and reads like any other.
    const id = await createStore(copied.db).ensureCollection("from-template");
    await copied.close();

    // Reopened, it is an ordinary data dir: the template is not consulted again.
    fs.writeFileSync(template, "not a tar");
    const reopened = await openPglite(path.join(root, "copied"), { cacheDir });
    expect(await createStore(reopened.db).ensureCollection("from-template")).toBe(id);
    await reopened.close();
    expect(fs.readFileSync(template, "utf8")).toBe("not a tar");
  });

  it("makes the new data dir from the template's content, not from initdb", async () => {
    const { cacheDir, template } = cacheWith("cache-marked", Buffer.alloc(0));
    // A template holding one collection, so a data dir made from it can be told from one made by initdb.
    const source = await openPglite(path.join(root, "marked-source"));
    const marked = await createStore(source.db).ensureCollection("marked");
    await source.close();
    const client = new PGlite(path.join(root, "marked-source", "pg"));
    expect(await writeTemplate(client, template)).toBe(true);
    await client.close();

    const made = await openPglite(path.join(root, "marked-copy"), { cacheDir });
    expect(await createStore(made.db).ensureCollection("marked")).toBe(marked);
    await made.close();
  });

  it.each([
    ["garbage", (bytes: Buffer) => Buffer.from("this is not a tar of a data dir")],
    ["truncated", (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 3))],
  ])("discards a %s template, runs initdb instead, and writes a whole template again", async (kind, damage) => {
    const { cacheDir, template } = cacheWith(`cache-${kind}`, damage(good));
    const opened = await openPglite(path.join(root, `after-${kind}`), { cacheDir });
    expect(await schemaOf(opened)).toEqual(expected);
    await opened.close();
    // initdb made the data dir, then left a whole template in place of the damaged one.
    expect(fs.statSync(template).size).toBe(good.length);
    const again = await openPglite(path.join(root, `again-${kind}`), { cacheDir });
    expect(await schemaOf(again)).toEqual(expected);
    await again.close();
  });

  it("with unpackedTemplate, keeps the template unpacked after the first data dir made from it; later data dirs are copies of that", async () => {
    const { cacheDir, template } = cacheWith("cache-unpacked", good);
    const unpacked = unpackedTemplatePath(template);
    const first = await openPglite(path.join(root, "unpacked-first"), { cacheDir, unpackedTemplate: true });
    expect(await schemaOf(first)).toEqual(expected);
    await first.close();
    expect(fs.existsSync(path.join(unpacked, "PG_VERSION"))).toBe(true);
    expect(fs.readdirSync(cacheDir).sort()).toEqual([path.basename(template), path.basename(unpacked)].sort());

    // With the tar unreadable, only the unpacked copy can make the next data dir, and the tar is not consulted.
    fs.writeFileSync(template, "not a tar");
    const second = await openPglite(path.join(root, "unpacked-second"), { cacheDir, unpackedTemplate: true });
    expect(await schemaOf(second)).toEqual(expected);
    const id = await createStore(second.db).ensureCollection("from-copy");
    await second.close();
    expect(fs.readFileSync(template, "utf8")).toBe("not a tar");
    // Written into the copy, never into the template.
    const third = await openPglite(path.join(root, "unpacked-third"), { cacheDir, unpackedTemplate: true });
    expect(await schemaOf(third)).toEqual(expected);
    expect(await createStore(third.db).ensureCollection("from-copy")).not.toBe(id);
    await third.close();
  });

  it("removes an unpacked template that does not open and makes the data dir from the tar", async () => {
    const { cacheDir, template } = cacheWith("cache-unpacked-bad", good);
    const unpacked = unpackedTemplatePath(template);
    fs.mkdirSync(unpacked);
    fs.writeFileSync(path.join(unpacked, "PG_VERSION"), "not a version\n");
    const opened = await openPglite(path.join(root, "unpacked-bad"), { cacheDir, unpackedTemplate: true });
    expect(await schemaOf(opened)).toEqual(expected);
    await opened.close();
    expect(fs.existsSync(unpacked)).toBe(false);
    expect(fs.statSync(template).size).toBe(good.length);
    // The next data dir unpacks the tar again.
    const next = await openPglite(path.join(root, "unpacked-bad-next"), { cacheDir, unpackedTemplate: true });
    expect(await schemaOf(next)).toEqual(expected);
    await next.close();
    expect(fs.existsSync(path.join(unpacked, "PG_VERSION"))).toBe(true);
  });

  it("still opens when the cache dir cannot be written", async () => {
    // A path below a regular file cannot be created, even by root.
    const blocker = path.join(root, "a-file");
    fs.writeFileSync(blocker, "");
    const handle = await openPglite(path.join(root, "no-cache"), { cacheDir: path.join(blocker, "jikji") });
    expect(await createStore(handle.db).ensureCollection("default")).toBeTruthy();
    await handle.close();
    expect(fs.readdirSync(root).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
