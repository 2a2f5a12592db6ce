import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_SHAPE, writeModelFolder } from "../fixtures/onnx-model.ts";
import { cli } from "../helpers/cli.ts";

const root = mkdtempSync(path.join(tmpdir(), "jikji-models-check-"));
const embedDir = path.join(root, "tiny-e5");
const rerankDir = path.join(root, "tiny-reranker");
writeModelFolder(embedDir, { ...TINY_SHAPE, kind: "embed", quantized: true });
writeModelFolder(rerankDir, { ...TINY_SHAPE, kind: "rerank" });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const env = {
  JIKJI_EMBED_MODEL_DIR: embedDir,
  JIKJI_EMBED_QUANTIZED: "true",
  JIKJI_EMBED_QUERY_PREFIX: "query: ",
  JIKJI_EMBED_MAX_TOKENS: "96",
  JIKJI_RERANK_MODEL_DIR: rerankDir,
  JIKJI_RERANK_MAX_TOKENS: "120",
  JIKJI_LOCAL_MODEL_THREADS: "1",
};

describe("jikji models check", () => {
  it("loads both local models, probes them and reports width, load time and speed", async () => {
    const result = await cli(["models", "check", "--passages", "6"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("embedder: local-onnx local-onnx:tiny-e5 — ok");
    expect(result.stdout).toContain(`dimensions     ${TINY_SHAPE.hidden}`);
    expect(result.stdout).toContain('queryPrefix    "query: "');
    expect(result.stdout).toContain("reranker: local-onnx local-onnx:tiny-reranker — ok");
    expect(result.stdout).toMatch(/speed +\d+(\.\d)? passages\/s \(6 passages/);
    expect(result.stdout).toMatch(/load +\d+ ms/);
  });

  it("prints JSON reports with --json", async () => {
    const result = await cli(["models", "check", "--passages", "2", "--json"], { JIKJI_EMBED_MODEL_DIR: embedDir, JIKJI_EMBED_QUANTIZED: "true", JIKJI_EMBED_MAX_TOKENS: "96" });
    const reports = JSON.parse(result.stdout);
    expect(reports).toMatchObject([
      { role: "embedder", kind: "local-onnx", ok: true, dimensions: TINY_SHAPE.hidden, passages: 2 },
      { role: "reranker", kind: "none", ok: true },
    ]);
    expect(reports[0].passagesPerSecond).toBeGreaterThan(0);
  });

  it("exits 1 and names what is missing when a folder is incomplete", async () => {
    const result = await cli(["models", "check"], { JIKJI_EMBED_MODEL_DIR: embedDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("embedder: local-onnx — FAILED");
    expect(result.stdout).toContain("onnx/model.onnx is missing");
    expect(result.stdout).toContain("JIKJI_EMBED_QUANTIZED=true?");
  });

  it("says when nothing is configured, and refuses an unknown subcommand", async () => {
    const none = await cli(["models", "check"], {});
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("embedder: none configured");
    expect(none.stdout).toContain("reranker: none configured");
    expect((await cli(["models", "list"], {})).code).toBe(2);
  });
});

describe("jikji ingest and search with a local embedding model", () => {
  it("adds a dense leg that finds passages sharing no word with the query, and refuses a broken folder at start-up", async () => {
    const docs = path.join(root, "docs");
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, "leave.md"), "# 휴가\n\n연차 휴가는 사용 예정일 3일 전까지 신청한다.\n");
    writeFileSync(path.join(docs, "backup.md"), "# 백업\n\n서버 백업은 매일 새벽 2시에 실행된다.\n");
    const local = { JIKJI_EMBED_MODEL_DIR: embedDir, JIKJI_EMBED_QUANTIZED: "true", JIKJI_EMBED_MAX_TOKENS: "96", JIKJI_LOCAL_MODEL_THREADS: "1" };
    const dataDir = path.join(root, "data-dense");
    const ingest = await cli(["ingest", docs, "--json", "--data-dir", dataDir], local);
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ ingested: 2, failed: [] });

    const unrelated = "qqqq zzzz";
    const dense = await cli(["search", unrelated, "--json", "--data-dir", dataDir], local);
    expect(dense.code).toBe(0);
    expect(JSON.parse(dense.stdout).hits.length).toBeGreaterThan(0);

    const lexicalDir = path.join(root, "data-lexical");
    expect((await cli(["ingest", docs, "--json", "--data-dir", lexicalDir])).code).toBe(0);
    const lexical = await cli(["search", unrelated, "--json", "--data-dir", lexicalDir]);
    expect(JSON.parse(lexical.stdout).hits).toEqual([]);

    const broken = await cli(["search", "휴가", "--data-dir", dataDir], { JIKJI_EMBED_MODEL_DIR: path.join(root, "missing-model") });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("JIKJI_EMBED_MODEL_DIR=");
    expect(broken.stderr).toContain("the folder does not exist");
    // Two ingests and four CLI start-ups (PGlite, LanceDB, the model): minutes on a busy two-core machine.
  }, 240_000);
});
