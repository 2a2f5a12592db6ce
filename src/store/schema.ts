import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const collections = pgTable("collections", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull().unique(),
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
    /** Clause the chunk belongs to, e.g. "제12조(연차휴가) 제2항" or "Section 4.2(b)". */
    clausePath: text("clause_path"),
    /** Where each page begins inside `text` (offsets into the chunk), for chunks that cross pages. */
    pageSpans: jsonb("page_spans").$type<PageSpan[]>().notNull().default([]),
    charStart: integer("char_start").notNull(),
    charEnd: integer("char_end").notNull(),
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
