import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { ConfigError } from "./errors.ts";
import { lexicalMemoryMode } from "./runtime.ts";

function problemsOf(env: Record<string, string>, flags = {}): string[] {
  try {
    loadConfig(env, flags);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("defaults to the embedded store and index in ./data, bound to loopback", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dataDir: path.resolve("./data"),
      databaseUrl: null,
      qdrant: null,
      embedding: null,
      llm: null,
      server: { host: "127.0.0.1", port: 8787 },
    });
  });

  it("gives each parse worker a 1 GB heap unless JIKJI_PARSE_MEMORY_MB says otherwise", () => {
    expect(loadConfig({}).limits.parseMemoryMb).toBe(1024);
    expect(loadConfig({ JIKJI_PARSE_MEMORY_MB: "2048" }).limits.parseMemoryMb).toBe(2048);
  });

  it("keeps the per-user cache where JIKJI_CACHE_DIR, else XDG_CACHE_HOME, else HOME says, or nowhere", () => {
    expect(loadConfig({ JIKJI_CACHE_DIR: "/var/cache/j", XDG_CACHE_HOME: "/x", HOME: "/home/u" }).cacheDir).toBe("/var/cache/j");
    expect(loadConfig({ XDG_CACHE_HOME: "/x", HOME: "/home/u" }).cacheDir).toBe("/x/jikji");
    // The XDG rule ignores a relative value.
    expect(loadConfig({ XDG_CACHE_HOME: "rel", HOME: "/home/u" }).cacheDir).toBe("/home/u/.cache/jikji");
    expect(loadConfig({ HOME: "/home/u" }).cacheDir).toBe("/home/u/.cache/jikji");
    expect(loadConfig({ JIKJI_CACHE_DIR: "off", HOME: "/home/u" }).cacheDir).toBeNull();
    expect(loadConfig({}).cacheDir).toBeNull();
  });

  it("lets flags win over the environment", () => {
    const config = loadConfig({ JIKJI_DATA_DIR: "/srv/a", JIKJI_PORT: "9000" }, { dataDir: "/srv/b", port: 9100 });
    expect(config.dataDir).toBe("/srv/b");
    expect(config.server.port).toBe(9100);
  });

  it("reads the production adapters' settings", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://jikji@db:5432/jikji",
      QDRANT_URL: "http://qdrant:6333",
      QDRANT_API_KEY: "secret",
      JIKJI_EMBED_BASE_URL: "http://embed:8080/v1",
      JIKJI_EMBED_MODEL: "BAAI/bge-m3",
      JIKJI_EMBED_DIMENSIONS: "1024",
      JIKJI_LLM_BASE_URL: "http://llm:8000/v1",
      JIKJI_LLM_MODEL: "LGAI-EXAONE/EXAONE-4.0-32B",
      JIKJI_LLM_HEADERS: '{"X-Friendli-Team":"t1"}',
    });
    expect(config.databaseUrl).toBe("postgres://jikji@db:5432/jikji");
    expect(config.qdrant).toEqual({
      url: "http://qdrant:6333",
      apiKey: "secret",
      collection: "jikji_chunks",
      shardNumber: null,
      replicationFactor: null,
    });
    expect(config.jobs).toEqual({ leaseMs: 60_000, pollMs: 2_000, testPauseFile: null });
    expect(config.embedding).toMatchObject({ model: "BAAI/bge-m3", dimensions: 1024 });
    expect(config.llm).toMatchObject({ model: "LGAI-EXAONE/EXAONE-4.0-32B", headers: { "X-Friendli-Team": "t1" } });
  });

  it("reads the Qdrant sharding and the job lease for several instances, refusing bad values by name", () => {
    const config = loadConfig({
      QDRANT_URL: "http://qdrant:6333",
      QDRANT_SHARD_NUMBER: "4",
      QDRANT_REPLICATION_FACTOR: "2",
      JIKJI_JOB_LEASE_MS: "30000",
      JIKJI_JOB_POLL_MS: "500",
    });
    expect(config.qdrant).toMatchObject({ shardNumber: 4, replicationFactor: 2 });
    expect(config.jobs).toMatchObject({ leaseMs: 30_000, pollMs: 500 });
    const names = (env: Record<string, string>) => problemsOf(env).map((p) => p.split(":")[0]);
    expect(names({ QDRANT_URL: "http://qdrant:6333", QDRANT_SHARD_NUMBER: "0", QDRANT_REPLICATION_FACTOR: "two" })).toEqual([
      "QDRANT_SHARD_NUMBER",
      "QDRANT_REPLICATION_FACTOR",
    ]);
    expect(names({ QDRANT_SHARD_NUMBER: "2" })).toEqual(["QDRANT_URL"]);
    expect(names({ JIKJI_JOB_LEASE_MS: "100", JIKJI_JOB_POLL_MS: "1" })).toEqual(["JIKJI_JOB_LEASE_MS", "JIKJI_JOB_POLL_MS"]);
  });

  it("reads the hybrid fusion weight and refuses a bad one by name", () => {
    const base = { JIKJI_EMBED_BASE_URL: "http://e/v1", JIKJI_EMBED_MODEL: "m" };
    expect(loadConfig(base).embedding?.denseWeight).toBe(1);
    expect(loadConfig({ ...base, JIKJI_HYBRID_DENSE_WEIGHT: "0.5" }).embedding?.denseWeight).toBe(0.5);
    expect(problemsOf({ ...base, JIKJI_HYBRID_DENSE_WEIGHT: "-1" })[0]).toMatch(/^JIKJI_HYBRID_DENSE_WEIGHT/);
  });

  it("reads a local ONNX embedding model and cross-encoder, keeping the prefixes' trailing spaces", () => {
    const config = loadConfig({
      JIKJI_EMBED_MODEL_DIR: "/models/multilingual-e5-small",
      JIKJI_EMBED_QUANTIZED: "true",
      JIKJI_EMBED_QUERY_PREFIX: "query: ",
      JIKJI_EMBED_PASSAGE_PREFIX: "passage: ",
      JIKJI_EMBED_DIMENSIONS: "384",
      JIKJI_RERANK_MODEL_DIR: "/models/bge-reranker-v2-m3",
      JIKJI_RERANK_BUDGET_MS: "800",
      JIKJI_LOCAL_MODEL_THREADS: "2",
    });
    expect(config.embedding).toBeNull();
    expect(config.localEmbedding).toMatchObject({
      dir: "/models/multilingual-e5-small",
      quantized: true,
      pooling: "mean",
      normalize: true,
      queryPrefix: "query: ",
      passagePrefix: "passage: ",
      maxTokens: 512,
      dimensions: 384,
      workers: 1,
      threads: 2,
    });
    expect(config.localRerank).toMatchObject({ dir: "/models/bge-reranker-v2-m3", quantized: false, topN: 20, budgetMs: 800 });
    expect(loadConfig({}).localEmbedding).toBeNull();
  });

  it("refuses an endpoint and a local model at once, and a bad pooling, by name", () => {
    const problems = problemsOf({
      JIKJI_EMBED_BASE_URL: "http://e/v1",
      JIKJI_EMBED_MODEL: "m",
      JIKJI_EMBED_MODEL_DIR: "/models/e5",
    });
    expect(problems[0]).toMatch(/^JIKJI_EMBED_MODEL_DIR: set either it/);
    expect(problemsOf({ JIKJI_EMBED_MODEL_DIR: "/m", JIKJI_EMBED_POOLING: "max" })[0]).toMatch(/^JIKJI_EMBED_POOLING/);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", QDRANT_URL: " " }).databaseUrl).toBeNull();
  });

  it("lists every wrong variable in one error, each by name", () => {
    const problems = problemsOf({
      DATABASE_URL: "mysql://x",
      QDRANT_URL: "not a url",
      JIKJI_EMBED_DIMENSIONS: "lots",
    });
    expect(problems.some((p) => p.startsWith("DATABASE_URL"))).toBe(true);
    expect(problems.some((p) => p.startsWith("QDRANT_URL"))).toBe(true);
    expect(problems.some((p) => p.startsWith("JIKJI_EMBED_DIMENSIONS"))).toBe(true);
  });

  it("requires the model name with an endpoint", () => {
    expect(problemsOf({ JIKJI_LLM_BASE_URL: "http://llm/v1" })).toEqual([
      "JIKJI_LLM_MODEL: required when JIKJI_LLM_BASE_URL is set",
    ]);
    expect(problemsOf({ JIKJI_EMBED_BASE_URL: "http://e/v1" })).toEqual([
      "JIKJI_EMBED_MODEL: required when JIKJI_EMBED_BASE_URL is set",
    ]);
    expect(problemsOf({ JIKJI_LLM_BASE_URL: "http://llm/v1", JIKJI_LLM_MODEL: "m", JIKJI_LLM_HEADERS: "[1]" })[0]).toMatch(
      /^JIKJI_LLM_HEADERS/,
    );
  });

  it("never puts a secret into its error messages", () => {
    const problems = problemsOf({ QDRANT_API_KEY: "sk-very-secret" });
    expect(problems.join("\n")).not.toContain("sk-very-secret");
  });

  it("reads the ingest limits and OCR settings, naming each bad variable", () => {
    const config = loadConfig({
      JIKJI_MAX_FILE_MB: "20",
      JIKJI_MAX_PAGES: "300",
      JIKJI_MAX_CHUNKS_PER_DOCUMENT: "1000",
      JIKJI_PARSE_TIMEOUT_MS: "5000",
      JIKJI_MAX_DECOMPRESSED_MB: "64",
      JIKJI_PARSE_MEMORY_MB: "256",
      JIKJI_MAX_UPLOAD_FILES: "25",
      JIKJI_OCR: "off",
      JIKJI_OCR_LANGUAGES: "kor",
    });
    expect(config.limits).toMatchObject({
      maxFileBytes: 20 * 1024 * 1024,
      maxPages: 300,
      maxChunksPerDocument: 1000,
      parseTimeoutMs: 5000,
      maxDecompressedBytes: 64 * 1024 * 1024,
      parseMemoryMb: 256,
      maxUploadFiles: 25,
    });
    expect(loadConfig({}).limits.maxUploadFiles).toBe(1000);
    expect(config.ocr).toMatchObject({ enabled: false, languages: "kor" });
    expect(loadConfig({}).ocr).toMatchObject({ enabled: true, languages: "kor+eng" });
    expect(loadConfig({}).pdfTables).toBe(false);
    expect(loadConfig({ JIKJI_PDF_TABLES: "on" }).pdfTables).toBe(true);
    expect(problemsOf({ JIKJI_PDF_TABLES: "rows" }).some((problem) => problem.startsWith("JIKJI_PDF_TABLES:"))).toBe(true);

    const problems = problemsOf({
      JIKJI_MAX_PAGES: "many",
      JIKJI_PARSE_TIMEOUT_MS: "-1",
      JIKJI_MAX_DECOMPRESSED_MB: "1.5",
      JIKJI_MAX_CHUNKS_PER_DOCUMENT: "0",
      JIKJI_OCR: "maybe",
      JIKJI_OCR_LANGUAGES: "kor; rm -rf /",
      JIKJI_MAX_UPLOAD_FILES: "0",
    });
    for (const name of ["JIKJI_MAX_UPLOAD_FILES", "JIKJI_MAX_PAGES", "JIKJI_PARSE_TIMEOUT_MS", "JIKJI_MAX_DECOMPRESSED_MB", "JIKJI_MAX_CHUNKS_PER_DOCUMENT", "JIKJI_OCR", "JIKJI_OCR_LANGUAGES"]) {
      expect(problems.some((problem) => problem.startsWith(`${name}:`)), `${name} in ${problems.join(" / ")}`).toBe(true);
    }
    expect(problemsOf({ JIKJI_PARSE_MEMORY_MB: "32" })).toEqual(["JIKJI_PARSE_MEMORY_MB: must be at least 64 (pdf.js needs room for a page)"]);
  });

  it("reads the chunk geometry, scaling the overlap with a size set alone, and names a bad setting", () => {
    expect(loadConfig({}).limits.chunking).toEqual({ maxChars: 1200, overlapChars: 200, pageBreaks: false, sectionBreaks: true });
    expect(loadConfig({ JIKJI_CHUNK_MAX_CHARS: "600" }).limits.chunking).toEqual({ maxChars: 600, overlapChars: 100, pageBreaks: false, sectionBreaks: true });
    expect(
      loadConfig({ JIKJI_CHUNK_MAX_CHARS: "900", JIKJI_CHUNK_OVERLAP_CHARS: "0", JIKJI_CHUNK_PAGE_BREAKS: "true", JIKJI_CHUNK_SECTION_BREAKS: "false" })
        .limits.chunking,
    ).toEqual({ maxChars: 900, overlapChars: 0, pageBreaks: true, sectionBreaks: false });
    expect(problemsOf({ JIKJI_CHUNK_MAX_CHARS: "500", JIKJI_CHUNK_OVERLAP_CHARS: "500" })).toEqual([
      "JIKJI_CHUNK_OVERLAP_CHARS: must be smaller than the chunk size (500 against JIKJI_CHUNK_MAX_CHARS 500)",
    ]);
    expect(problemsOf({ JIKJI_CHUNK_OVERLAP_CHARS: "1300" })[0]).toMatch(/^JIKJI_CHUNK_OVERLAP_CHARS: must be smaller/);
    expect(problemsOf({ JIKJI_CHUNK_MAX_CHARS: "50" })).toEqual([
      "JIKJI_CHUNK_MAX_CHARS: must be at least 100 (a chunk holds whole sentences)",
    ]);
    for (const [name, value] of [
      ["JIKJI_CHUNK_MAX_CHARS", "0"],
      ["JIKJI_CHUNK_MAX_CHARS", "big"],
      ["JIKJI_CHUNK_OVERLAP_CHARS", "-1"],
      ["JIKJI_CHUNK_PAGE_BREAKS", "sometimes"],
      ["JIKJI_CHUNK_SECTION_BREAKS", "no"],
    ] as const) {
      expect(problemsOf({ [name]: value }).some((problem) => problem.startsWith(`${name}:`)), `${name}=${value}`).toBe(true);
    }
  });

  it("reranks with the built-in features by default, with a /rerank server when one is named, or not at all", () => {
    expect(loadConfig({}).rerank).toEqual({ mode: "builtin", depth: 30, http: null });
    expect(loadConfig({ JIKJI_RERANK: "off" }).rerank.mode).toBe("off");
    expect(loadConfig({ JIKJI_RERANK_BASE_URL: "http://tei:8080", JIKJI_RERANK_DEPTH: "50" }).rerank).toEqual({
      mode: "http",
      depth: 50,
      http: { baseUrl: "http://tei:8080", api: "tei", model: null, apiKey: null, timeoutMs: 2_000 },
    });
    expect(
      loadConfig({ JIKJI_RERANK_BASE_URL: "http://vllm:8000/v1", JIKJI_RERANK_MODEL: "BAAI/bge-reranker-v2-m3", JIKJI_RERANK_API_KEY: "s" })
        .rerank.http,
    ).toMatchObject({ api: "cohere", model: "BAAI/bge-reranker-v2-m3", apiKey: "s" });
    expect(loadConfig({ JIKJI_RERANK: "builtin", JIKJI_RERANK_BASE_URL: "http://tei:8080" }).rerank).toMatchObject({ mode: "builtin", http: null });
    expect(problemsOf({ JIKJI_RERANK: "http" })).toEqual(["JIKJI_RERANK_BASE_URL: required when JIKJI_RERANK=http"]);
    expect(problemsOf({ JIKJI_RERANK_BASE_URL: "http://x", JIKJI_RERANK_API: "cohere" })).toEqual([
      "JIKJI_RERANK_MODEL: required when JIKJI_RERANK_API=cohere (the request names the model)",
    ]);
    expect(problemsOf({ JIKJI_RERANK: "onnx-please", JIKJI_RERANK_DEPTH: "0" }).map((p) => p.split(":")[0])).toEqual([
      "JIKJI_RERANK",
      "JIKJI_RERANK_DEPTH",
    ]);
  });

  it("reads JIKJI_PDF_SPLIT and JIKJI_TEMPLATE_COPY: both off unless on", () => {
    expect(loadConfig({}).splitPdfPages).toBe(false);
    expect(loadConfig({ JIKJI_PDF_SPLIT: " ON " }).splitPdfPages).toBe(true);
    expect(loadConfig({ JIKJI_PDF_SPLIT: "off" }).splitPdfPages).toBe(false);
    expect(loadConfig({}).templateCopy).toBe(false);
    expect(loadConfig({ JIKJI_TEMPLATE_COPY: "on" }).templateCopy).toBe(true);
    expect(problemsOf({ JIKJI_PDF_SPLIT: "yes", JIKJI_TEMPLATE_COPY: "1" }).map((p) => p.split(":")[0])).toEqual([
      "JIKJI_PDF_SPLIT",
      "JIKJI_TEMPLATE_COPY",
    ]);
  });

  it("reads JIKJI_AUTO_REINDEX: off unless on, anything else refused by name", () => {
    expect(loadConfig({}).autoReindex).toBe(false);
    expect(loadConfig({ JIKJI_AUTO_REINDEX: "On" }).autoReindex).toBe(true);
    expect(loadConfig({ JIKJI_AUTO_REINDEX: "off" }).autoReindex).toBe(false);
    expect(problemsOf({ JIKJI_AUTO_REINDEX: "true" })).toEqual([expect.stringMatching(/^JIKJI_AUTO_REINDEX: .*"on" or "off"/)]);
  });

  it("reads JIKJI_ANSWER_PAGE_CONTEXT and its hits: the number of first hits whose page answers read (6 by default), 0 when off", () => {
    expect(loadConfig({}).answerPageContext).toBe(6);
    expect(loadConfig({ JIKJI_ANSWER_PAGE_CONTEXT: " Off " }).answerPageContext).toBe(0);
    expect(loadConfig({ JIKJI_ANSWER_PAGE_CONTEXT: "on" }).answerPageContext).toBe(6);
    expect(loadConfig({ JIKJI_ANSWER_PAGE_CONTEXT: "on", JIKJI_ANSWER_PAGE_CONTEXT_HITS: "3" }).answerPageContext).toBe(3);
    expect(loadConfig({ JIKJI_ANSWER_PAGE_CONTEXT: "off", JIKJI_ANSWER_PAGE_CONTEXT_HITS: "3" }).answerPageContext).toBe(0);
    expect(problemsOf({ JIKJI_ANSWER_PAGE_CONTEXT: "yes", JIKJI_ANSWER_PAGE_CONTEXT_HITS: "0" }).map((p) => p.split(":")[0])).toEqual([
      "JIKJI_ANSWER_PAGE_CONTEXT",
      "JIKJI_ANSWER_PAGE_CONTEXT_HITS",
    ]);
  });

  it("reads the picker levers JIKJI_ANSWER_INHERITED_WEIGHT (0 – 1) and JIKJI_ANSWER_VALUE_NEIGHBOUR (on/off), both off by default, and JIKJI_ANSWER_TABLE_ROWS and JIKJI_ANSWER_CONTENTS_NEIGHBOURS, on", () => {
    expect(loadConfig({}).answerPicker).toEqual({ inheritedWeight: 0, valueNeighbour: false, tableRows: true, contentsNeighbours: true });
    expect(loadConfig({ JIKJI_ANSWER_INHERITED_WEIGHT: " 0.5 ", JIKJI_ANSWER_VALUE_NEIGHBOUR: " On " }).answerPicker).toEqual({
      inheritedWeight: 0.5,
      valueNeighbour: true,
      tableRows: true,
      contentsNeighbours: true,
    });
    expect(loadConfig({ JIKJI_ANSWER_VALUE_NEIGHBOUR: "off" }).answerPicker.valueNeighbour).toBe(false);
    // JIKJI_ANSWER_TABLE_ROWS (on by default) turns table rows read as rows off.
    expect(loadConfig({ JIKJI_ANSWER_TABLE_ROWS: " OFF " }).answerPicker.tableRows).toBe(false);
    expect(loadConfig({ JIKJI_ANSWER_CONTENTS_NEIGHBOURS: "off" }).answerPicker.contentsNeighbours).toBe(false);
    expect(problemsOf({ JIKJI_ANSWER_TABLE_ROWS: "maybe" }).map((p) => p.split(":")[0])).toEqual(["JIKJI_ANSWER_TABLE_ROWS"]);
    expect(problemsOf({ JIKJI_ANSWER_INHERITED_WEIGHT: "2", JIKJI_ANSWER_VALUE_NEIGHBOUR: "yes" }).map((p) => p.split(":")[0])).toEqual([
      "JIKJI_ANSWER_INHERITED_WEIGHT",
      "JIKJI_ANSWER_VALUE_NEIGHBOUR",
    ]);
  });

  it("reads JIKJI_CROSS_LANGUAGE_UNTRANSLATED_WEIGHT: a weight from 0 to 1, 1 restoring the picker before it", () => {
    expect(loadConfig({}).crossLanguage.untranslatedWeight).toBe(0.5);
    expect(loadConfig({ JIKJI_CROSS_LANGUAGE_UNTRANSLATED_WEIGHT: "1" }).crossLanguage.untranslatedWeight).toBe(1);
    expect(loadConfig({ JIKJI_CROSS_LANGUAGE_UNTRANSLATED_WEIGHT: " 0.25 " }).crossLanguage.untranslatedWeight).toBe(0.25);
    for (const bad of ["1.5", "half", "-0.2"]) {
      expect(problemsOf({ JIKJI_CROSS_LANGUAGE_UNTRANSLATED_WEIGHT: bad }).map((p) => p.split(":")[0])).toEqual([
        "JIKJI_CROSS_LANGUAGE_UNTRANSLATED_WEIGHT",
      ]);
    }
  });

  it("reads JIKJI_LEXICAL_MEMORY: on builds the in-memory lexical leg (serve in the background, others at open), off never", () => {
    expect(loadConfig({ JIKJI_LEXICAL_MEMORY: "on" }).lexicalMemory).toBe(true);
    expect(loadConfig({ JIKJI_LEXICAL_MEMORY: " OFF " }).lexicalMemory).toBe(false);
    expect(loadConfig({}).lexicalMemory).toBeNull();
    expect(loadConfig({}).denseRead).toBe("row-ids");
    expect(loadConfig({ JIKJI_DENSE_READ: "" }).denseRead).toBe("row-ids");
    expect(loadConfig({ JIKJI_DENSE_READ: "Columns" }).denseRead).toBe("columns");
    expect(loadConfig({ JIKJI_DENSE_READ: " IDS " }).denseRead).toBe("ids");
    expect(loadConfig({ JIKJI_DENSE_READ: "row-ids" }).denseRead).toBe("row-ids");
    expect(problemsOf({ JIKJI_DENSE_READ: "rows" })[0]).toMatch(/^JIKJI_DENSE_READ/);
    expect(loadConfig({}).indexFold).toBe("deferred");
    expect(loadConfig({ JIKJI_INDEX_FOLD: "" }).indexFold).toBe("deferred");
    expect(loadConfig({ JIKJI_INDEX_FOLD: " Eager " }).indexFold).toBe("eager");
    expect(loadConfig({ JIKJI_INDEX_FOLD: "deferred" }).indexFold).toBe("deferred");
    expect(problemsOf({ JIKJI_INDEX_FOLD: "never" })[0]).toMatch(/^JIKJI_INDEX_FOLD/);
    expect(problemsOf({ JIKJI_LEXICAL_MEMORY: "yes" })[0]).toMatch(/^JIKJI_LEXICAL_MEMORY/);
    expect(lexicalMemoryMode({ lexicalMemory: true }, { longRunning: true })).toBe("background");
    expect(lexicalMemoryMode({ lexicalMemory: true }, {})).toBe("at-open");
    expect(lexicalMemoryMode({ lexicalMemory: false }, { longRunning: true })).toBe("off");
    expect(lexicalMemoryMode({ lexicalMemory: null }, {})).toBe("off");
    // Serve's default (the eighth pass and the lead's tiebreak on the fresh split, BENCHMARKS.md); one-shot commands not.
    expect(lexicalMemoryMode({ lexicalMemory: null }, { longRunning: true })).toBe("background");
  });
});
