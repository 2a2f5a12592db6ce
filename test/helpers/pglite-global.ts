import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migratedDataDir } from "../../src/store/pglite.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A freshly migrated PGlite data dir (a tar) that every test file's new stores are made from. */
    pgliteTemplate: string;
  }
}

/**
 * Once per run: initdb and the migrations into a tar that each test file's new PGlite stores are loaded from
 * (test/helpers/pglite-setup.ts), instead of each paying initdb again (~3.5 s of CPU each, hundreds of times).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jikji-test-template-"));
  const file = path.join(dir, "migrated.tar");
  fs.writeFileSync(file, new Uint8Array(await (await migratedDataDir()).arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
