import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IndexUnavailableError } from "../../src/errors.ts";
import { createEmbeddedIndex, sqlString } from "../../src/retrieve/index/embedded.ts";
import { searchIndexContract } from "../contracts/search-index.contract.ts";

searchIndexContract("embedded (LanceDB)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jikji-lance-"));
  return {
    index: createEmbeddedIndex({ dir }),
    reopen: () => createEmbeddedIndex({ dir }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe("embedded index specifics", () => {
  it("quotes SQL strings by doubling single quotes", () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString("x' OR '1'='1")).toBe("'x'' OR ''1''=''1'");
  });

  it("refuses calls before open with IndexUnavailableError", async () => {
    const index = createEmbeddedIndex({ dir: join(tmpdir(), "jikji-never-opened") });
    await expect(index.search({ terms: ["x"], filter: {}, limit: 1 })).rejects.toBeInstanceOf(IndexUnavailableError);
  });

  it("wraps LanceDB failures in IndexUnavailableError with the cause", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jikji-lance-"));
    const file = join(dir, "not-a-dir");
    await (await import("node:fs/promises")).writeFile(file, "x");
    const index = createEmbeddedIndex({ dir: join(file, "db") });
    const error = await index.open(null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexUnavailableError);
    expect((error as IndexUnavailableError).cause).toBeDefined();
    await rm(dir, { recursive: true, force: true });
  });
});
