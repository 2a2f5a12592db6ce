import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const collections = pgTable("collections", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull().unique(),
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
}

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
    /** Where each page begins inside `text` (offsets into the chunk), for chunks that cross pages. */
    pageSpans: jsonb("page_spans").$type<PageSpan[]>().notNull().default([]),
    charStart: integer("char_start").notNull(),
    charEnd: integer("char_end").notNull(),
  },
  (table) => [uniqueIndex("chunks_document_version_ordinal_key").on(table.documentId, table.version, table.ordinal)],
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
  /** Per-page notes such as "page 3: OCR (kor+eng)" or "page 2 has no text layer (needs OCR)". */
  warnings?: string[];
}

/** A file an ingest job must process; uploads are kept under `<dataDir>/uploads/<upload>` until done. */
export interface JobInput {
  source: string;
  /** Name of the stored upload (derived from the job id, never from the user's file name). */
  upload: string;
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
  },
  (table) => [index("ingest_jobs_status_idx").on(table.status)],
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
