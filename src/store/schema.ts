import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ErrorCode } from "../errors.ts";

/** Raw bytes; node-postgres reads bytea as a Buffer and PGlite as a Uint8Array, both handed out as Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBufferLike)),
});

export const collections = pgTable("collections", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull().unique(),
  /** Groups that read this collection's documents stored without groups (see JIKJI_UNGROUPED_DOCUMENTS). */
  defaultGroups: text("default_groups").array().notNull().default(sql`'{}'::text[]`),
  /** Re-ingesting a changed document keeps the old version as history (regulations, policies). */
  keepHistory: boolean("keep_history").notNull().default(false),
  /** Answers default to strict mode: every sentence a verified quote. */
  strict: boolean("strict").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type DocumentStatus = "indexing" | "ready" | "failed";

export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey(),
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    /** Path relative to the ingested folder, or the file name; unique within a collection. */
    source: text("source").notNull(),
    title: text("title"),
    mediaType: text("media_type").notNull(),
    sha256: text("sha256").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** The version search sees. Chunks of other versions are invisible. */
    version: integer("version").notNull(),
    /** A replacement being written; set while its chunks and points are not yet all in place. */
    pendingVersion: integer("pending_version"),
    /** Hash of the replacement being written, so a resumed ingest recognises it. */
    pendingSha256: text("pending_sha256"),
    status: text("status").$type<DocumentStatus>().notNull(),
    pageCount: integer("page_count"),
    chunkCount: integer("chunk_count").notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    accessGroups: text("access_groups").array().notNull().default(sql`'{}'::text[]`),
    warnings: jsonb("warnings").$type<string[]>().notNull().default([]),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("documents_collection_source_key").on(table.collectionId, table.source),
    index("documents_status_idx").on(table.status),
  ],
);

export interface PageSpan {
  /** Offset into the chunk's text where this page's part begins. */
  start: number;
  page: number;
  /**
   * The page's running headers, footers and page numbers, taken out of the indexed text at ingest but kept
   * here for display. Absent when the page has none.
   */
  furniture?: string[];
}

/** What a chunk is: body text, or a table of contents, an index, or boilerplate that ranking down-weights. */
export type ChunkRole = "body" | "toc" | "index" | "boilerplate";

export const chunks = pgTable(
  "chunks",
  {
    id: uuid("id").primaryKey(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    ordinal: integer("ordinal").notNull(),
    text: text("text").notNull(),
    pageStart: integer("page_start"),
    pageEnd: integer("page_end"),
    headingPath: jsonb("heading_path").$type<string[]>().notNull().default([]),
    /** Clause the chunk belongs to, e.g. "제12조(연차휴가) 제2항" or "Section 4.2(b)". */
    clausePath: text("clause_path"),
    /**
     * The header row of the table the chunk begins inside, when that row lies before the chunk (src/ingest/chunk.ts);
     * null otherwise, and for chunks stored before it was kept (migration 0009).
     */
    tableHeader: text("table_header"),
    /** Where each page begins inside `text` (offsets into the chunk), for chunks that cross pages. */
    pageSpans: jsonb("page_spans").$type<PageSpan[]>().notNull().default([]),
    charStart: integer("char_start").notNull(),
    charEnd: integer("char_end").notNull(),
    role: text("role").$type<ChunkRole>().notNull().default("body"),
  },
  (table) => [uniqueIndex("chunks_document_version_ordinal_key").on(table.documentId, table.version, table.ordinal)],
);

/**
 * Published versions of a document and when each was in force. The current version always has a row; in a
 * collection that keeps history, superseded versions keep theirs (and their chunks and index points), with
 * `effectiveTo` set to the day their successor took effect. Dates are ISO days ("2025-03-01").
 */
export const documentVersions = pgTable(
  "document_versions",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    sha256: text("sha256").notNull(),
    title: text("title"),
    chunkCount: integer("chunk_count").notNull(),
    /** First day in force; null when neither the upload nor the text says (then: since it was ingested). */
    effectiveFrom: text("effective_from"),
    /** First day no longer in force; null for the current version. */
    effectiveTo: text("effective_to"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.version] })],
);

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "partial";

export interface JobCounters {
  filesTotal: number;
  filesDone: number;
  ingested: number;
  unchanged: number;
  failed: number;
  pages: number;
  chunks: number;
  /** Documents removed because their file left a synced folder (`ingest --sync`); absent otherwise. */
  deleted?: number;
}

export interface JobFileOutcome {
  source: string;
  action: "ingested" | "unchanged" | "failed" | "deleted";
  documentId?: string;
  error?: string;
  /** The failure's error code, as in an error body (`document_unreadable`…): what a page says in its own language. */
  code?: ErrorCode;
  /** Per-page notes such as "page 3: OCR (kor+eng)" or "page 2 has no text layer (needs OCR)". */
  warnings?: string[];
}

/**
 * A file an upload job must process. Its bytes are staged in `staged_files` under (job id, position in `inputs`),
 * so any instance sharing the store can run the job, and removed when the job ends.
 */
export interface JobInput {
  source: string;
  sizeBytes: number;
}

/** What an upload asked for besides its files, kept so whichever instance claims the job honours it. */
export interface JobOptions {
  force?: boolean;
  effectiveFrom?: string;
}

export const ingestJobs = pgTable(
  "ingest_jobs",
  {
    id: uuid("id").primaryKey(),
    collectionId: uuid("collection_id").references(() => collections.id, { onDelete: "set null" }),
    status: text("status").$type<JobStatus>().notNull(),
    accessGroups: text("access_groups").array().notNull().default(sql`'{}'::text[]`),
    inputs: jsonb("inputs").$type<JobInput[]>().notNull().default([]),
    counters: jsonb("counters").$type<JobCounters>().notNull(),
    files: jsonb("files").$type<JobFileOutcome[]>().notNull().default([]),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    options: jsonb("options").$type<JobOptions>().notNull().default({}),
    /** The instance running the job (upload jobs only), and until when its claim holds without a heartbeat. */
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    /** How many times an instance claimed the job: above 1 after a takeover. */
    attempts: integer("attempts").notNull().default(0),
  },
  (table) => [index("ingest_jobs_status_idx").on(table.status)],
);

/** Uploaded bytes waiting for their job, in parts (bytea values stay far below PostgreSQL's 1 GB field limit). */
export const stagedFiles = pgTable(
  "staged_files",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => ingestJobs.id, { onDelete: "cascade" }),
    /** The file's position in the job's `inputs`. */
    ordinal: integer("ordinal").notNull(),
    part: integer("part").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (table) => [primaryKey({ columns: [table.jobId, table.ordinal, table.part] })],
);

/** Each document version's original bytes when the store is shared (PostgreSQL), in parts like `staged_files`. */
export const originalFiles = pgTable(
  "original_files",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    part: integer("part").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.version, table.part] })],
);

export type KeyRole = "reader" | "editor" | "admin";

/** API keys: only the SHA-256 of the key is kept; the key itself is shown once, when created. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey(),
    /** Unique among keys not revoked, so a rotated key can take its predecessor's name. */
    name: text("name").notNull(),
    /** Hex SHA-256 of the whole key. */
    keyHash: text("key_hash").notNull().unique(),
    /** The key's first characters, to tell keys apart in listings. */
    prefix: text("prefix").notNull(),
    role: text("role").$type<KeyRole>().notNull(),
    /** Groups the key reads; null = every document (admins). */
    accessGroups: text("access_groups").array(),
    /** Collections the key may use; null = all. */
    collections: text("collections").array(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [uniqueIndex("api_keys_active_name_key").on(table.name).where(sql`${table.revokedAt} is null`)],
);

export type AuditOutcome = "ok" | "unauthorized" | "forbidden" | "rate_limited" | "invalid" | "error";

/** One row per request that read or changed something, or was refused. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** Principal name ("hr-portal", an SSO subject, "local"), or null when nobody was identified. */
    actor: text("actor"),
    keyId: uuid("key_id"),
    via: text("via"),
    clientAddress: text("client_address"),
    method: text("method").notNull(),
    route: text("route").notNull(),
    status: integer("status").notNull(),
    outcome: text("outcome").$type<AuditOutcome>().notNull(),
    /** The question or query as sent, or its SHA-256 when JIKJI_AUDIT_HASH_QUERIES=true. */
    query: text("query"),
    documentIds: text("document_ids").array().notNull().default(sql`'{}'::text[]`),
    chunkIds: text("chunk_ids").array().notNull().default(sql`'{}'::text[]`),
    /** Route-specific facts: upload file names, deleted document, key changed. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index("audit_log_at_idx").on(table.at), index("audit_log_key_idx").on(table.keyId, table.at)],
);

export type AssistSessionStatus = "open" | "closed";

/** One contact: the call's scope (collection, groups the caller may read) and who opened it. */
export const assistSessions = pgTable(
  "assist_sessions",
  {
    id: uuid("id").primaryKey(),
    collection: text("collection"),
    /** Groups suggestions may come from, already narrowed to the caller's; null = no restriction. */
    accessGroups: text("access_groups").array(),
    language: text("language"),
    /** Name of the principal that opened the session; only it (or an admin) may use it. */
    principal: text("principal").notNull(),
    status: text("status").$type<AssistSessionStatus>().notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (table) => [index("assist_sessions_updated_idx").on(table.updatedAt)],
);

export const assistTurns = pgTable(
  "assist_turns",
  {
    id: uuid("id").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => assistSessions.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    speaker: text("speaker").$type<"customer" | "agent">().notNull(),
    text: text("text").notNull(),
    /** False while the recognizer may still rewrite the turn. */
    final: boolean("final").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("assist_turns_session_ordinal_key").on(table.sessionId, table.ordinal)],
);

/** A citation as a suggestion carries it: the article and page, and the verified quote. */
export interface AssistCitation {
  documentId: string;
  source: string;
  title: string | null;
  page: number | null;
  section: string | null;
  chunkId: string;
  quote: string;
  verified: boolean;
}

export const assistSuggestions = pgTable(
  "assist_suggestions",
  {
    id: uuid("id").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => assistSessions.id, { onDelete: "cascade" }),
    turnId: uuid("turn_id")
      .notNull()
      .references(() => assistTurns.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"answer" | "article">().notNull(),
    mode: text("mode").$type<"extractive" | "generative">().notNull(),
    text: text("text").notNull(),
    citations: jsonb("citations").$type<AssistCitation[]>().notNull(),
    confidence: real("confidence").notNull(),
    /** The search text it answered and that text's terms, to tell a changed question from a repeated one. */
    query: text("query").notNull(),
    queryTerms: jsonb("query_terms").$type<string[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("assist_suggestions_session_idx").on(table.sessionId)],
);

export type AssistFeedbackEvent = "displayed" | "clicked" | "copied" | "helpful" | "not_helpful";

export const assistFeedback = pgTable(
  "assist_feedback",
  {
    id: uuid("id").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => assistSessions.id, { onDelete: "cascade" }),
    suggestionId: uuid("suggestion_id")
      .notNull()
      .references(() => assistSuggestions.id, { onDelete: "cascade" }),
    event: text("event").$type<AssistFeedbackEvent>().notNull(),
    comment: text("comment"),
    /** The suggestion's cited chunks and documents, copied so the summary needs no join through JSON. */
    chunkIds: text("chunk_ids").array().notNull(),
    documentIds: text("document_ids").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("assist_feedback_suggestion_idx").on(table.suggestionId)],
);

/**
 * Workspace conversations, kept per person. `owner` is who started it, as `ownerOf(principal)` names them (a stored
 * key's id, an SSO subject, or "local"): only they see it; admins read feedback, not conversations.
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey(),
    owner: text("owner").notNull(),
    title: text("title").notNull(),
    /** The collection the conversation asks, or null for every collection the caller may read. */
    collection: text("collection"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("conversations_owner_updated_idx").on(table.owner, table.updatedAt)],
);

/** A citation as the workspace shows it under a stored answer. */
export interface ConversationCitation {
  ref: number;
  documentId: string;
  chunkId: string;
  source: string;
  page: number | null;
  section?: string | null;
  /** Clause path of the cited passage ("제12조(연차휴가) 제2항"), null outside any clause. */
  clause?: string | null;
  quote: string;
  verified: boolean;
}

export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: uuid("id").primaryKey(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    role: text("role").$type<"user" | "assistant">().notNull(),
    content: text("content").notNull(),
    /** Answers only: how it was made, whether evidence was found, and what it cited. */
    mode: text("mode").$type<"extractive" | "generative">(),
    grounded: boolean("grounded"),
    citations: jsonb("citations").$type<ConversationCitation[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("conversation_messages_ordinal_key").on(table.conversationId, table.ordinal)],
);

/**
 * Thumbs up or down on one stored answer, with an optional comment; one per answer (the latest wins). The question,
 * the answer and what it cited are copied in, so the feedback stays readable by admins after its conversation is
 * deleted.
 */
export const answerFeedback = pgTable(
  "answer_feedback",
  {
    id: uuid("id").primaryKey(),
    messageId: uuid("message_id").references(() => conversationMessages.id, { onDelete: "set null" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    owner: text("owner").notNull(),
    rating: text("rating").$type<"up" | "down">().notNull(),
    comment: text("comment"),
    question: text("question").notNull(),
    answer: text("answer").notNull(),
    mode: text("mode").$type<"extractive" | "generative">(),
    grounded: boolean("grounded"),
    citations: jsonb("citations").$type<ConversationCitation[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("answer_feedback_message_key").on(table.messageId),
    index("answer_feedback_updated_idx").on(table.updatedAt),
  ],
);

/**
 * Which analyzer (`ANALYZER_VERSION`, src/retrieve/tokenize.ts) built each search index this store feeds, one row per
 * index; an index without a row was built before versions were recorded, or is being rebuilt (src/operate/index-status.ts).
 */
export const indexBuilds = pgTable("index_builds", {
  /** The index: "embedded" (the data dir's own), or "qdrant:<collection>". */
  index: text("index").primaryKey(),
  analyzerVersion: integer("analyzer_version").notNull(),
  builtAt: timestamp("built_at", { withTimezone: true }).notNull().defaultNow(),
});
