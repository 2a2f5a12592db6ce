import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { MIGRATIONS_DIR } from "../../src/store/db.ts";
import { migratedDataDir } from "../../src/store/pglite.ts";
import { templateKey, templatePath, temporaryPath } from "../../src/store/pglite-template.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A freshly migrated PGlite data dir (a tar) that every test file's new stores are made from. */
    pgliteTemplate: string;
  }
}

/**
 * Once per run: initdb and the migrations into a tar that each test file's new PGlite stores are loaded from
 * (test/helpers/pglite-setup.ts), instead of each paying initdb again (~3.5 s of CPU each, hundreds of times). The
 * tar is kept in the temporary directory under a name holding the PGlite version and a hash of the migrations
 * (as the product's own template is), so later runs on the same machine and schema reuse it; it is written under a
 * temporary name and renamed into place, so a run started meanwhile sees a whole tar or none.
 */
export default async function setup(project: TestProject): Promise<void> {
  const dir = path.join(os.tmpdir(), "jikji-test-templates");
  // pgliteVersion() finds the package through import.meta.resolve, which vitest's module runner for global setup
  // lacks: the installed package.json is read from the project's node_modules instead.
  const manifest = path.join(project.config.root, "node_modules", "@electric-sql", "pglite", "package.json");
  const version = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
  const file = templatePath(dir, templateKey(MIGRATIONS_DIR, version));
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = temporaryPath(file);
    fs.writeFileSync(temporary, new Uint8Array(await (await migratedDataDir()).arrayBuffer()));
    fs.renameSync(temporary, file);
  }
  project.provide("pgliteTemplate", file);
}
