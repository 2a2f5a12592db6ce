/**
 * Neighbour context: search attaches the chunks before and after each hit (same document version, by ordinal), so
 * a model sees a whole procedure and an extractive answer can mend a sentence cut at a chunk boundary.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAsk } from "../../src/answer/ask.ts";
import { resolveCitations } from "../../src/answer/citations.ts";
import { buildAnswerMessages } from "../../src/answer/prompt.ts";
import { loadConfig } from "../../src/config.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

const filler = (topic: string) =>
  Array.from({ length: 13 }, (_, i) => `The ${topic} paragraph ${i + 1} explains one more detail of the procedure in plain words.`).join(" ");

const PROCEDURE = [
  "# Restoring a damaged archive",
  "",
  `Step one: copy the damaged file to a safe disk before anything else. ${filler("copying")}`,
  "",
  `Step two: run bzip2recover on the copy to split it into single-block files. ${filler("recovery")}`,
  "",
  `Step three: test every recovered block with bzip2 -t and keep the good ones. ${filler("testing")}`,
  "",
].join("\n");

let root: string;
let jikji: Jikji;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-neighbours-"));
  await fs.mkdir(path.join(root, "docs"));
  await fs.writeFile(path.join(root, "docs", "restore.md"), PROCEDURE);
  await fs.writeFile(path.join(root, "docs", "other.md"), "# Other\n\nNothing about archives here, only the lunch menu.\n");
  const result = await cli(["ingest", path.join(root, "docs"), "--json", "--data-dir", path.join(root, "data")]);
  expect(result.code).toBe(0);
  jikji = await openJikji(loadConfig({}, { dataDir: path.join(root, "data") }), { scanIndex: false });
}, 60_000);

afterAll(async () => {
  await jikji?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("neighbour context", () => {
  it("attaches the chunks before and after a hit, and none past the document's ends", async () => {
    const document = (await jikji.store.findDocumentsBySource("restore.md"))[0]!;
    const chunks = await jikji.store.chunksOfDocument(document.id, document.version);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    const middle = chunks.findIndex((chunk) => chunk.text.includes("bzip2recover"));
    expect(middle).toBeGreaterThan(0);

    const result = await jikji.search({ query: "bzip2recover single-block files", k: 3, filter: {}, neighbours: true });
    const hit = result.hits.find((candidate) => candidate.chunkId === chunks[middle]!.id)!;
    expect(hit.neighbours!.before).toMatchObject({ chunkId: chunks[middle - 1]!.id, text: chunks[middle - 1]!.text });
    if (middle + 1 < chunks.length) expect(hit.neighbours!.after).toMatchObject({ chunkId: chunks[middle + 1]!.id });

    const first = await jikji.search({ query: "copy the damaged file to a safe disk", k: 1, filter: {}, neighbours: true });
    expect(first.hits[0]!.chunkId).toBe(chunks[0]!.id);
    expect(first.hits[0]!.neighbours!.before).toBeNull();

    const plain = await jikji.search({ query: "bzip2recover single-block files", k: 3, filter: {} });
    expect(plain.hits.every((candidate) => candidate.neighbours === undefined)).toBe(true);
  });

  it("shows a model the whole procedure, each overlapping sentence once, and cites the chunk a quote is in", async () => {
    const result = await jikji.search({ query: "bzip2recover single-block files", k: 1, filter: {}, neighbours: true });
    const hit = result.hits[0]!;
    const prompt = buildAnswerMessages("How do I restore a damaged archive?", [hit])[1]!.content;
    expect(prompt).toContain("Step one: copy the damaged file");
    expect(prompt).toContain("Step two: run bzip2recover");
    expect(prompt).toContain("Step three: test every recovered block");
    for (const sentence of ["The copying paragraph 13 explains", "The recovery paragraph 13 explains"]) {
      expect(prompt.split(sentence)).toHaveLength(2);
    }

    const cited = resolveCitations("First copy the damaged file to a safe disk [1].", [hit]);
    expect(cited.citations[0]).toMatchObject({
      ref: 1,
      chunkId: hit.neighbours!.before!.chunkId,
      quote: "Step one: copy the damaged file to a safe disk before anything else.",
      verified: true,
    });
  });

  it("is what ask retrieves", async () => {
    const seen: boolean[] = [];
    const ask = createAsk({
      retrieve: async (request) => {
        const result = await jikji.search(request);
        seen.push(result.hits.every((hit) => hit.neighbours !== undefined));
        return result;
      },
      generator: null,
    });
    const answer = await ask.ask({ question: "What does bzip2recover split the copy into?" });
    expect(seen).toEqual([true]);
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]!.quote).toContain("bzip2recover");
  });
});
