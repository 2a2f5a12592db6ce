import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { templateKey, templatePath } from "../../src/store/pglite-template.ts";
import { processTemplate, useProcessTemplate } from "../../src/store/process-template.ts";
import { createStore } from "../../src/store/store.ts";

let root: string;
/** A migrated data dir holding one collection, "marked", so a store made from it can be told from one made by initdb. */
let markedFile: string;
let marked: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "jikji-process-template-"));
  // The migrated data dir test/helpers/pglite-global.ts made for the run (by migratedDataDir()).
  const client = new PGlite({ loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]) });
  await client.waitReady;
  const { drizzle } = await import("drizzle-orm/pglite");
  marked = await createStore(drizzle(client) as never).ensureCollection("marked");
  await client.exec("CHECKPOINT");
  markedFile = path.join(root, "marked.tar");
  fs.writeFileSync(markedFile, new Uint8Array(await (await client.dumpDataDir("none")).arrayBuffer()));
  await client.close();
});

afterAll(() => {
  useProcessTemplate(null);
  fs.rmSync(root, { recursive: true, force: true });
});

async function collections(dataDir: string | null, options: { cacheDir?: string } = {}): Promise<string[]> {
  const handle = await openPglite(dataDir, options);
  try {
    return (await createStore(handle.db).listCollections()).map((collection) => collection.name);
  } finally {
    await handle.close();
  }
}

describe("new data dirs made from the process's template", () => {
  it("makes a new store, in memory or in a data dir, from the template's content", async () => {
    useProcessTemplate(markedFile);
    expect(await collections(null)).toEqual(["marked"]);
    expect(await collections(path.join(root, "made"))).toEqual(["marked"]);
    // A working store, reopened as an ordinary data dir: the template is not consulted again.
    const handle = await openPglite(path.join(root, "made"));
    expect(await createStore(handle.db).ensureCollection("marked")).toBe(marked);
    await createStore(handle.db).ensureCollection("added");
    await handle.close();
    useProcessTemplate(null);
    expect(await collections(path.join(root, "made"))).toEqual(["added", "marked"]);
  });

  it("leaves an existing data dir as it is", async () => {
    useProcessTemplate(null);
    const dataDir = path.join(root, "existing");
    const handle = await openPglite(dataDir);
    await createStore(handle.db).ensureCollection("own");
    await handle.close();
    useProcessTemplate(markedFile);
    expect(await collections(dataDir)).toEqual(["own"]);
  });

  it("is not used when a cache dir is given: the cached template (or initdb) makes the data dir", async () => {
    useProcessTemplate(markedFile);
    const cacheDir = path.join(root, "cache");
    expect(await collections(path.join(root, "cached"), { cacheDir })).toEqual([]);
    expect(fs.existsSync(templatePath(cacheDir, templateKey(MIGRATIONS_DIR)))).toBe(true);
  });

  it("falls back to initdb and the migrations when the template cannot be read or does not load", async () => {
    useProcessTemplate(path.join(root, "missing.tar"));
    expect(processTemplate()).toBeNull();
    expect(await collections(null)).toEqual([]);

    const garbage = path.join(root, "garbage.tar");
    fs.writeFileSync(garbage, "this is not a tar of a data dir");
    useProcessTemplate(garbage);
    const dataDir = path.join(root, "after-garbage");
    expect(await collections(dataDir)).toEqual([]);
    const handle = await openPglite(dataDir);
    const { rows } = (await handle.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`)) as unknown as { rows: Array<{ n: number }> };
    expect(rows[0]!.n).toBe(fs.readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith(".sql")).length);
    await handle.close();
  });
});
