/**
 * The same paragraph in many pages of a collection (boiler, issue 8 §3): with JIKJI_COLLAPSE_DUPLICATES=on a
 * question gets one copy of it and the next-best other passages, through `jikji ingest` and search.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";
import { openJikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

const SHARED = "Reset restores the values this dialog had when it was opened, discarding the changes made on the current tab.";
const DIALOGS = ["Chart Type", "Data Range", "Axis", "Legend", "Title"];

describe("collapsing duplicate passages", () => {
  let root = "";
  let dataDir = "";
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-collapse-"));
    await fs.mkdir(path.join(root, "docs"));
    for (const [i, dialog] of DIALOGS.entries()) {
      await fs.writeFile(
        path.join(root, "docs", `dialog-${i}.md`),
        `# ${dialog}\n\nThe ${dialog} dialog sets the ${dialog.toLowerCase()} of a chart; it opens from the Format menu.\n\n## Reset\n\n${SHARED}\n`,
      );
    }
    const result = await cli(["ingest", path.join(root, "docs"), "--json", "--data-dir", path.join(root, "data")]);
    expect(result.code).toBe(0);
    dataDir = path.join(root, "data");
  }, 60_000);

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const texts = async (env: Record<string, string>, query: string) => {
    const jikji = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
    try {
      return (await jikji.search({ query, k: 3, filter: {} })).hits.map((hit) => hit.text);
    } finally {
      await jikji.close();
    }
  };

  it("keeps one copy of a repeated passage only with the switch on", async () => {
    const query = "How do I reset the changes made on the current tab of the dialog?";
    const off = await texts({}, query);
    const on = await texts({ JIKJI_COLLAPSE_DUPLICATES: "on" }, query);
    expect(off.filter((text) => text.includes(SHARED)).length).toBeGreaterThan(1);
    expect(on.filter((text) => text.includes(SHARED))).toHaveLength(1);
    expect(on).toHaveLength(3);
    expect(on[0]).toBe(off[0]);
  }, 60_000);

  it("is off by default and names the variable of a bad value", () => {
    const base = { JIKJI_DATA_DIR: "/tmp/jikji-collapse-config" };
    expect(loadConfig(base).collapseDuplicates).toBe(false);
    expect(loadConfig({ ...base, JIKJI_COLLAPSE_DUPLICATES: "ON" }).collapseDuplicates).toBe(true);
    expect(() => loadConfig({ ...base, JIKJI_COLLAPSE_DUPLICATES: "yes" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, JIKJI_COLLAPSE_DUPLICATES: "yes" })).toThrow("JIKJI_COLLAPSE_DUPLICATES");
  });
});
