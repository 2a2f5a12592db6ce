/**
 * Equal scores come in one fixed order (collection, source, place in the document), whatever order the files were
 * ingested in: document ids are random, and KorQuAD's three identical paragraphs moved R@1 by ±0.004 between two
 * ingests of one corpus before this.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openJikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

const SAME = "연차휴가는 근로자가 청구한 시기에 주어야 하며, 사용하지 않은 휴가는 다음 해로 이월할 수 없다.";

describe("the order of passages with equal scores", () => {
  let root = "";
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-ties-"));
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  /** Ingests the named files one command each, in `order`, and returns the sources of the hits for the question. */
  const sourcesAfter = async (name: string, order: string[]): Promise<string[]> => {
    const dataDir = path.join(root, name);
    for (const file of order) {
      const folder = path.join(root, `${name}-${file}`);
      await fs.mkdir(folder, { recursive: true });
      await fs.writeFile(path.join(folder, file), `${SAME}\n`);
      const result = await cli(["ingest", folder, "--json", "--data-dir", dataDir]);
      expect(result.code).toBe(0);
    }
    const jikji = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false });
    try {
      return (await jikji.search({ query: "쓰지 못한 연차휴가를 다음 해로 이월할 수 있나요?", k: 5, filter: {} })).hits.map((hit) => hit.source);
    } finally {
      await jikji.close();
    }
  };

  it("is by source, not by the order files were ingested", async () => {
    expect(await sourcesAfter("backward", ["c.txt", "b.txt", "a.txt"])).toEqual(["a.txt", "b.txt", "c.txt"]);
  }, 120_000);
});
