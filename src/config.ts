import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.ts";

/**
 * Configuration, parsed once at start-up from the environment and CLI flags (flags win).
 * Nothing else in jikji reads `process.env`.
 */
export interface Config {
  dataDir: string;
  databaseUrl: string | null;
  qdrant: { url: string; apiKey: string | null; collection: string } | null;
  embedding: {
    baseUrl: string;
    model: string;
    apiKey: string | null;
    dimensions: number | null;
    /** The dense leg's RRF weight against the lexical leg's 1. */
    denseWeight: number;
  } | null;
  llm: { baseUrl: string; model: string; apiKey: string | null; headers: Record<string, string> } | null;
  server: { host: string; port: number };
  /** API tokens and what each may read; null means the API is a trusted local tool (loopback only). */
  apiTokens: ApiToken[] | null;
  /** Listen beyond loopback without tokens (JIKJI_ALLOW_OPEN_API=true): every caller reads everything. */
  allowOpenApi: boolean;
  limits: IngestLimits;
  ocr: { enabled: boolean; languages: string; pageTimeoutMs: number };
  upstreamTimeoutMs: number;
  /** Agent assist: days an untouched session (turns, suggestions, feedback) is kept. */
  assist: { retentionDays: number };
}

/** Bounds on what one file may cost to ingest; each has its own variable. */
export interface IngestLimits {
  maxUploadBytes: number;
  maxFileBytes: number;
  maxPages: number;
  maxChunksPerDocument: number;
  parseTimeoutMs: number;
  /** Total decompressed size of a ZIP-based or compressed document (DOCX, HWPX, HWP). */
  maxDecompressedBytes: number;
  /** Heap of the worker thread that parses files. */
  parseMemoryMb: number;
}

export interface ApiToken {
  token: string;
  name: string;
  /** Groups the holder may read; null = every document (admins by default). */
  groups: string[] | null;
  /** May upload and delete documents and read jobs. */
  admin: boolean;
}

export interface ConfigFlags {
  dataDir?: string;
  port?: number;
  host?: string;
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const httpUrl = z
  .string()
  .trim()
  .url({ message: "must be an http(s) URL" })
  .refine((value) => /^https?:\/\//i.test(value), { message: "must be an http(s) URL" });

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(httpUrl.optional())
  .optional();

const positiveInt = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `${name} must be a whole number` })
    .transform(Number)
    .pipe(z.number().int().positive());

const envSchema = z.object({
  JIKJI_DATA_DIR: optionalText,
  DATABASE_URL: z
    .string()
    .trim()
    .transform((value) => (value === "" ? undefined : value))
    .pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, { message: "must be a postgres:// or postgresql:// URL" })
        .optional(),
    )
    .optional(),
  QDRANT_URL: optionalUrl,
  QDRANT_API_KEY: optionalText,
  QDRANT_COLLECTION: optionalText,
  JIKJI_EMBED_BASE_URL: optionalUrl,
  JIKJI_EMBED_MODEL: optionalText,
  JIKJI_EMBED_API_KEY: optionalText,
  JIKJI_EMBED_DIMENSIONS: positiveInt("JIKJI_EMBED_DIMENSIONS").optional(),
  JIKJI_HYBRID_DENSE_WEIGHT: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { message: "must be a positive number, e.g. 0.5" })
    .transform(Number)
    .pipe(z.number().positive({ message: "must be a positive number, e.g. 0.5" }))
    .optional(),
  JIKJI_LLM_BASE_URL: optionalUrl,
  JIKJI_LLM_MODEL: optionalText,
  JIKJI_LLM_API_KEY: optionalText,
  /** JSON object of extra headers for the LLM endpoint, e.g. {"X-Friendli-Team":"…"}. */
  JIKJI_LLM_HEADERS: optionalText,
  JIKJI_HOST: optionalText,
  /** JSON: {"<token>": {"name": "hr-portal", "groups": ["hr"]}, "<token>": {"name": "ops", "admin": true}} */
  JIKJI_API_TOKENS: optionalText,
  JIKJI_ALLOW_OPEN_API: z.enum(["true", "false", ""]).optional(),
  JIKJI_PORT: positiveInt("JIKJI_PORT").optional(),
  JIKJI_MAX_UPLOAD_MB: positiveInt("JIKJI_MAX_UPLOAD_MB").optional(),
  JIKJI_UPSTREAM_TIMEOUT_MS: positiveInt("JIKJI_UPSTREAM_TIMEOUT_MS").optional(),
  JIKJI_MAX_FILE_MB: positiveInt("JIKJI_MAX_FILE_MB").optional(),
  JIKJI_MAX_PAGES: positiveInt("JIKJI_MAX_PAGES").optional(),
  JIKJI_MAX_CHUNKS_PER_DOCUMENT: positiveInt("JIKJI_MAX_CHUNKS_PER_DOCUMENT").optional(),
  JIKJI_PARSE_TIMEOUT_MS: positiveInt("JIKJI_PARSE_TIMEOUT_MS").optional(),
  JIKJI_MAX_DECOMPRESSED_MB: positiveInt("JIKJI_MAX_DECOMPRESSED_MB").optional(),
  JIKJI_PARSE_MEMORY_MB: positiveInt("JIKJI_PARSE_MEMORY_MB").optional(),
  JIKJI_OCR: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => ["", "on", "off"].includes(value), { message: 'must be "on" or "off"' })
    .optional(),
  JIKJI_OCR_LANGUAGES: z
    .string()
    .trim()
    .refine((value) => value === "" || /^[a-z_]+(\+[a-z_]+)*$/i.test(value), {
      message: 'must be tesseract language codes joined by "+", e.g. kor+eng',
    })
    .optional(),
  JIKJI_OCR_PAGE_TIMEOUT_MS: positiveInt("JIKJI_OCR_PAGE_TIMEOUT_MS").optional(),
  JIKJI_ASSIST_RETENTION_DAYS: positiveInt("JIKJI_ASSIST_RETENTION_DAYS").optional(),
});

const MB = 1024 * 1024;

export function loadConfig(env: Record<string, string | undefined>, flags: ConfigFlags = {}): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join(".")}: ${issue.message}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;

  if (e.JIKJI_EMBED_BASE_URL && !e.JIKJI_EMBED_MODEL) {
    problems.push("JIKJI_EMBED_MODEL: required when JIKJI_EMBED_BASE_URL is set");
  }
  if (!e.JIKJI_EMBED_BASE_URL && (e.JIKJI_EMBED_MODEL || e.JIKJI_EMBED_DIMENSIONS)) {
    problems.push("JIKJI_EMBED_BASE_URL: required when JIKJI_EMBED_MODEL or JIKJI_EMBED_DIMENSIONS is set");
  }
  if (e.JIKJI_LLM_BASE_URL && !e.JIKJI_LLM_MODEL) {
    problems.push("JIKJI_LLM_MODEL: required when JIKJI_LLM_BASE_URL is set");
  }
  if (!e.QDRANT_URL && e.QDRANT_API_KEY) {
    problems.push("QDRANT_URL: required when QDRANT_API_KEY is set");
  }
  let llmHeaders: Record<string, string> = {};
  if (e.JIKJI_LLM_HEADERS) {
    const headers = z.record(z.string(), z.string()).safeParse(safeJson(e.JIKJI_LLM_HEADERS));
    if (headers.success) llmHeaders = headers.data;
    else problems.push('JIKJI_LLM_HEADERS: must be a JSON object of strings, e.g. {"X-Friendli-Team":"team-id"}');
  }
  let apiTokens: ApiToken[] | null = null;
  if (e.JIKJI_API_TOKENS) {
    const parsedTokens = apiTokensSchema.safeParse(safeJson(e.JIKJI_API_TOKENS));
    if (parsedTokens.success) {
      apiTokens = Object.entries(parsedTokens.data).map(([token, entry], i) => ({
        token,
        name: entry.name ?? `token ${i + 1}`,
        admin: entry.admin ?? false,
        groups: entry.groups ?? (entry.admin ? null : []),
      }));
    } else {
      // The message names the rule broken, never the token text.
      const short = Object.keys(asRecord(safeJson(e.JIKJI_API_TOKENS))).some((token) => token.length < 24);
      const reason = short ? "each token must be at least 24 characters" : (parsedTokens.error.issues[0]?.message ?? "invalid");
      problems.push(
        `JIKJI_API_TOKENS: must be a JSON object {"<token of 24+ characters>": {"name": "…", "groups": ["…"], "admin": false}} (${reason})`,
      );
    }
  }
  const port = flags.port ?? e.JIKJI_PORT ?? 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`--port: ${port} is not a TCP port`);
  if (flags.dataDir !== undefined && flags.dataDir.trim() === "") problems.push("--data-dir: must not be empty");
  if (e.JIKJI_PARSE_MEMORY_MB !== undefined && e.JIKJI_PARSE_MEMORY_MB < 64) {
    problems.push("JIKJI_PARSE_MEMORY_MB: must be at least 64 (pdf.js needs room for a page)");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const maxUploadBytes = (e.JIKJI_MAX_UPLOAD_MB ?? 100) * MB;
  return {
    dataDir: path.resolve(flags.dataDir ?? e.JIKJI_DATA_DIR ?? "./data"),
    databaseUrl: e.DATABASE_URL ?? null,
    qdrant: e.QDRANT_URL
      ? { url: e.QDRANT_URL, apiKey: e.QDRANT_API_KEY ?? null, collection: e.QDRANT_COLLECTION ?? "jikji_chunks" }
      : null,
    embedding: e.JIKJI_EMBED_BASE_URL
      ? {
          baseUrl: e.JIKJI_EMBED_BASE_URL,
          model: e.JIKJI_EMBED_MODEL!,
          apiKey: e.JIKJI_EMBED_API_KEY ?? null,
          dimensions: e.JIKJI_EMBED_DIMENSIONS ?? null,
          denseWeight: e.JIKJI_HYBRID_DENSE_WEIGHT ?? 1,
        }
      : null,
    llm: e.JIKJI_LLM_BASE_URL
      ? {
          baseUrl: e.JIKJI_LLM_BASE_URL,
          model: e.JIKJI_LLM_MODEL!,
          apiKey: e.JIKJI_LLM_API_KEY ?? null,
          headers: llmHeaders,
        }
      : null,
    server: { host: flags.host ?? e.JIKJI_HOST ?? "127.0.0.1", port },
    apiTokens,
    allowOpenApi: e.JIKJI_ALLOW_OPEN_API === "true",
    limits: {
      maxUploadBytes,
      maxFileBytes: e.JIKJI_MAX_FILE_MB !== undefined ? e.JIKJI_MAX_FILE_MB * MB : maxUploadBytes,
      maxPages: e.JIKJI_MAX_PAGES ?? 5000,
      maxChunksPerDocument: e.JIKJI_MAX_CHUNKS_PER_DOCUMENT ?? 50_000,
      parseTimeoutMs: e.JIKJI_PARSE_TIMEOUT_MS ?? 120_000,
      maxDecompressedBytes: (e.JIKJI_MAX_DECOMPRESSED_MB ?? 512) * MB,
      parseMemoryMb: e.JIKJI_PARSE_MEMORY_MB ?? 1024,
    },
    ocr: {
      enabled: e.JIKJI_OCR !== "off",
      languages: e.JIKJI_OCR_LANGUAGES || "kor+eng",
      pageTimeoutMs: e.JIKJI_OCR_PAGE_TIMEOUT_MS ?? 60_000,
    },
    upstreamTimeoutMs: e.JIKJI_UPSTREAM_TIMEOUT_MS ?? 60_000,
    assist: { retentionDays: e.JIKJI_ASSIST_RETENTION_DAYS ?? 30 },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const apiTokensSchema = z.record(
  z.string().min(24),
  z
    .object({
      name: z.string().min(1).optional(),
      groups: z.array(z.string().min(1)).optional(),
      admin: z.boolean().optional(),
    })
    .strict(),
);

/** Addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
