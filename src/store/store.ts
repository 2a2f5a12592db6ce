import { randomUUID } from "node:crypto";
import { and, arrayOverlaps, asc, count, desc, eq, fillPlaceholders, gt, gte, inArray, isNotNull, lte, ne, notInArray, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { ReadScope } from "../access/scope.ts";
import { createAssistRepository } from "./assist.ts";
import { createConversationRepository } from "./conversations.ts";
import { createSharedRepository } from "./shared.ts";
import { createUpgradeRepository } from "./upgrade.ts";
import type { Database, KeptStatements } from "./db.ts";
import { inForceOn, type CachedChunk, type HydrationCache } from "./hydration-cache.ts";
import {
  chunks,
  collections,
  documents,
  documentVersions,
  ingestJobs,
  stagedFiles,
  type JobCounters,
  type JobFileOutcome,
  type JobStatus,
} from "./schema.ts";

export type DocumentRow = typeof documents.$inferSelect;
export type ChunkRow = typeof chunks.$inferSelect;
export type JobRow = typeof ingestJobs.$inferSelect;
export type DocumentVersionRow = typeof documentVersions.$inferSelect;

export interface CollectionSettings {
  keepHistory: boolean;
  strict: boolean;
}

/** How a published version relates to the one before it. */
export interface PublishOptions {
  /** Keep the superseded version (chunks, points, row) as history instead of dropping it. */
  keepHistory: boolean;
  /** First day the new version is in force (ISO day), when known. */
  effectiveFrom: string | null;
}

/** An ISO day ("2025-03-01") in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The version rows in force on `day`: from their first day (the earliest kept version also before it, so a
 * document is never missing for a date before its recorded start) until the day their successor took over.
 */
function inForce(day: string | Placeholder): SQL {
  return sql`(${documentVersions.effectiveTo} is null or ${documentVersions.effectiveTo} > ${day})
    and (${documentVersions.effectiveFrom} is null or ${documentVersions.effectiveFrom} <= ${day}
      or not exists (select 1 from document_versions older
        where older.document_id = ${documentVersions.documentId} and older.version < ${documentVersions.version}))`;
}
/** A chunk's own version row: the join condition of chunks to document_versions. */
const CHUNK_VERSION_ROW = and(eq(documentVersions.documentId, chunks.documentId), eq(documentVersions.version, chunks.version));

/** A chunk to stage; its role defaults to body text, its clause path to none. */
export type NewChunk = Omit<ChunkRow, "id" | "documentId" | "version" | "role" | "clausePath" | "tableHeader"> &
  Partial<Pick<ChunkRow, "role" | "clausePath" | "tableHeader">>;

export interface DocumentSummary extends DocumentRow {
  collection: string;
  /** The collection's default groups, for documents stored without groups. */
  collectionGroups: string[];
}

/** A read scope in SQL: the same rule as `canRead` in src/access/scope.ts, run by the database. */
function readableWhere(scope: ReadScope | undefined): SQL | undefined {
  if (!scope) return undefined;
  const conditions: SQL[] = [];
  if (scope.collections !== null) {
    if (scope.collections.length === 0) return sql`false`;
    conditions.push(inArray(collections.name, [...scope.collections]));
  }
  if (scope.groups !== null) {
    const groups = [...scope.groups];
    const ungrouped =
      scope.ungrouped === "public"
        ? sql`true`
        : groups.length === 0
          ? sql`false`
          : arrayOverlaps(collections.defaultGroups, groups);
    const grouped = groups.length === 0 ? sql`false` : arrayOverlaps(documents.accessGroups, groups);
    conditions.push(or(grouped, and(sql`cardinality(${documents.accessGroups}) = 0`, ungrouped))!);
  }
  return and(...conditions);
}

/** A stored chunk with what search needs to show it. */
export interface ChunkWithDocument {
  chunk: ChunkRow;
  document: DocumentRow;
  collection: string;
  /** The collection's default groups, for documents stored without groups. */
  collectionGroups: string[];
}

/** A chunk search may show, with what search shows and checks of its document. */
export interface VisibleChunk {
  chunk: ChunkRow;
  document: Pick<DocumentRow, "id" | "source" | "title" | "accessGroups" | "status">;
  collection: string;
  /** The collection's default groups, for documents stored without groups. */
  collectionGroups: string[];
}

export interface NewDocumentVersion {
  collectionId: string;
  source: string;
  title: string | null;
  mediaType: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number | null;
  accessGroups: string[];
  metadata: Record<string, unknown>;
  warnings: string[];
}

export const EMPTY_COUNTERS: JobCounters = {
  filesTotal: 0,
  filesDone: 0,
  ingested: 0,
  unchanged: 0,
  failed: 0,
  pages: 0,
  chunks: 0,
};

/** Chunks of versions other than `current` that are not kept as history. */
function notKept(documentId: string, current: number): SQL {
  return and(
    ne(chunks.version, current),
    notInArray(
      chunks.version,
      sql`(select ${documentVersions.version} from ${documentVersions} where ${documentVersions.documentId} = ${documentId})`,
    ),
  )!;
}

/** Rows of a raw `db.execute`: both drivers (node-postgres, PGlite) answer `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** What search's hydration reads of a chunk, its document and collection (`VisibleChunkRow`): json_build_object's pairs. */
const HYDRATED_FIELDS = sql`'id', ${chunks.id}, 'document_id', ${chunks.documentId},
    'version', ${chunks.version}, 'ordinal', ${chunks.ordinal}, 'text', ${chunks.text}, 'page_start', ${chunks.pageStart},
    'page_end', ${chunks.pageEnd}, 'heading_path', ${chunks.headingPath}, 'clause_path', ${chunks.clausePath},
    'table_header', ${chunks.tableHeader},
    'page_spans', ${chunks.pageSpans}, 'char_start', ${chunks.charStart}, 'char_end', ${chunks.charEnd}, 'role', ${chunks.role},
    'source', ${documents.source}, 'title', ${documents.title}, 'access_groups', ${documents.accessGroups},
    'status', ${documents.status}, 'collection', ${collections.name}, 'collection_groups', ${collections.defaultGroups}`;
/** The chunks asked for by id (placeholder `ids`), each joined to its document, version row and collection. */
const HYDRATED_FROM = sql`from ${chunks}
  inner join ${documents} on ${documents.id} = ${chunks.documentId}
  inner join ${documentVersions} on ${documentVersions.documentId} = ${chunks.documentId} and ${documentVersions.version} = ${chunks.version}
  inner join ${collections} on ${collections.id} = ${documents.collectionId}
  where ${chunks.id} = any(${sql.placeholder("ids")}::uuid[])`;

/**
 * Every search hydrates its candidates with this statement, kept parsed and planned by the driver (`KeptStatements`):
 * PGlite planned the four-table join anew for every search, which cost more than running it.
 * `status = 'ready'` is checked by the caller, not in SQL: PGlite never runs ANALYZE (no autovacuum), and without
 * statistics the planner takes `status = 'ready'` for a selective condition and starts from
 * `documents_status_idx`, walking every ready document (10k of them per search at 100k chunks, ~9 ms of CPU)
 * instead of looking the 30 chunks up by id and their documents by primary key (~1 ms; bench/search-cpu.ts).
 * Only the document columns search uses are read: the others (metadata, warnings, timestamps) cost ~1 ms more.
 * Each row comes back as one JSON object rather than 19 columns: PGlite's client copies and decodes every field of
 * every row on its own, and one field a row took hydration from ~1.3 to ~1.1 ms of CPU at 10k chunks.
 */
const VISIBLE_CHUNKS = new PgDialect().sqlToQuery(sql`select json_build_object(${HYDRATED_FIELDS}) as row
  ${HYDRATED_FROM} and ${inForce(sql.placeholder("day"))}`);

/**
 * The same rows for the hydration cache (`HydrationCache`), whatever the day: each with its version row's first and
 * last day, whether an older version is kept, and its collection's id, so `inForceOn` decides in JS what the SQL
 * above decides, for every day a cached row is asked for.
 */
const CACHED_CHUNKS = new PgDialect().sqlToQuery(sql`select json_build_object(${HYDRATED_FIELDS},
    'collection_id', ${collections.id}, 'effective_from', ${documentVersions.effectiveFrom}, 'effective_to', ${documentVersions.effectiveTo},
    'has_older', exists (select 1 from document_versions older
      where older.document_id = ${chunks.documentId} and older.version < ${chunks.version})) as row
  ${HYDRATED_FROM}`);

/**
 * The chunks at (document, version, ordinal) positions (placeholders `documentIds`, `ordinals`), for `chunksAt`:
 * every answer reads its hits' neighbours with it, so it is kept planned like the hydration statement (drizzle's
 * `in (...)` list changed its text with every count of ids, and PGlite planned it anew each time). The same
 * predicate as before: all the asked documents' chunks at any asked ordinal, filtered to the exact positions in JS.
 * Columns are aliased to `ChunkRow`'s names; the driver parses the integers and the jsonb columns.
 */
const CHUNKS_AT = new PgDialect().sqlToQuery(sql`select ${chunks.id} as "id", ${chunks.documentId} as "documentId",
    ${chunks.version} as "version", ${chunks.ordinal} as "ordinal", ${chunks.text} as "text",
    ${chunks.pageStart} as "pageStart", ${chunks.pageEnd} as "pageEnd", ${chunks.headingPath} as "headingPath",
    ${chunks.clausePath} as "clausePath", ${chunks.tableHeader} as "tableHeader", ${chunks.pageSpans} as "pageSpans", ${chunks.charStart} as "charStart",
    ${chunks.charEnd} as "charEnd", ${chunks.role} as "role"
  from ${chunks}
  where ${chunks.documentId} = any(${sql.placeholder("documentIds")}::uuid[])
    and ${chunks.ordinal} = any(${sql.placeholder("ordinals")}::integer[])`);

interface CachedChunkRow extends VisibleChunkRow {
  collection_id: string;
  effective_from: string | null;
  effective_to: string | null;
  has_older: boolean;
}

interface VisibleChunkRow {
  id: string;
  document_id: string;
  version: number;
  ordinal: number;
  text: string;
  page_start: number | null;
  page_end: number | null;
  heading_path: string[];
  clause_path: string | null;
  /** Absent in rows cached before the column was read. */
  table_header?: string | null;
  page_spans: ChunkRow["pageSpans"];
  char_start: number;
  char_end: number;
  role: ChunkRow["role"];
  source: string;
  title: string | null;
  access_groups: string[];
  status: DocumentRow["status"];
  collection: string;
  collection_groups: string[];
}

function visibleChunkOf(row: VisibleChunkRow): VisibleChunk {
  return {
    chunk: {
      id: row.id,
      documentId: row.document_id,
      version: row.version,
      ordinal: row.ordinal,
      text: row.text,
      pageStart: row.page_start,
      pageEnd: row.page_end,
      headingPath: row.heading_path,
      clausePath: row.clause_path,
      tableHeader: row.table_header ?? null,
      pageSpans: row.page_spans,
      charStart: row.char_start,
      charEnd: row.char_end,
      role: row.role,
    },
    document: { id: row.document_id, source: row.source, title: row.title, accessGroups: row.access_groups, status: row.status },
    collection: row.collection,
    collectionGroups: row.collection_groups,
  };
}

/**
 * Statements run through drizzle as unnamed ones, for a store made without the driver's `KeptStatements` (tests
 * that open a store on a bare drizzle database): the same rows, planned every time. `text`'s $n placeholders become
 * drizzle parameters, so it must hold no "$n" of its own.
 */
function unnamedStatements(db: Database): KeptStatements {
  return {
    async read<Row>(_name: string, text: string, values: readonly unknown[]) {
      const parts = text.split(/\$(\d+)/);
      const query = sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql.param(values[Number(part) - 1]))));
      return rowsOf<Row>(await db.execute(query));
    },
  };
}

/**
 * The store's repository: the source of truth for collections, documents, chunks and jobs.
 * Written once against drizzle's Postgres core, so PGlite and PostgreSQL run the same code.
 */
export function createStore(
  db: Database,
  options: { shared?: boolean; statements?: KeptStatements; hydrationCache?: HydrationCache | null } = {},
) {
  const statements = options.statements ?? unnamedStatements(db);
  const cache = options.hydrationCache ?? null;
  if (cache !== null && options.shared) {
    // Another instance's writes would never reach this process's cache.
    throw new Error("the hydration cache needs a store this process alone writes (the embedded one), not a shared one");
  }
  /** Runs a write that may change what `documentId`'s rows hold or whether search sees them, then drops them. */
  const forDocument = async <T>(documentId: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } finally {
      cache?.invalidateDocument(documentId);
    }
  };

  /** `visibleChunks` through the cache: hits checked in JS, misses read (whatever the day) and kept. */
  const cachedVisibleChunks = async (cache: HydrationCache, chunkIds: readonly string[], day: string): Promise<Map<string, VisibleChunk>> => {
    const visible = new Map<string, VisibleChunk>();
    const missing: string[] = [];
    for (const id of chunkIds) {
      const row = cache.get(id);
      if (row === undefined) missing.push(id);
      else if (row.visible.document.status === "ready" && inForceOn(row, day)) visible.set(id, row.visible);
    }
    if (missing.length === 0) return visible;
    const generation = cache.generation;
    const values = fillPlaceholders(CACHED_CHUNKS.params, { ids: missing });
    const rows = await statements.read<{ row: CachedChunkRow }>("jikji_cached_chunks", CACHED_CHUNKS.sql, values);
    for (const { row } of rows) {
      const cached: CachedChunk = {
        visible: visibleChunkOf(row),
        collectionId: row.collection_id,
        effectiveFrom: row.effective_from,
        effectiveTo: row.effective_to,
        hasOlder: row.has_older,
      };
      cache.put(generation, cached);
      if (row.status === "ready" && inForceOn(cached, day)) visible.set(row.id, cached.visible);
    }
    return visible;
  };

  return {
    async ensureCollection(name: string): Promise<string> {
      const [existing] = await db.select({ id: collections.id }).from(collections).where(eq(collections.name, name));
      if (existing) return existing.id;
      await db.insert(collections).values({ id: randomUUID(), name }).onConflictDoNothing();
      const [row] = await db.select({ id: collections.id }).from(collections).where(eq(collections.name, name));
      return row!.id;
    },

    async findCollection(name: string): Promise<string | null> {
      const [row] = await db.select({ id: collections.id }).from(collections).where(eq(collections.name, name));
      return row?.id ?? null;
    },

    async listCollections(): Promise<Array<{ id: string; name: string; documents: number }>> {
      return db
        .select({ id: collections.id, name: collections.name, documents: count(documents.id) })
        .from(collections)
        .leftJoin(documents, eq(documents.collectionId, collections.id))
        .groupBy(collections.id, collections.name)
        .orderBy(asc(collections.name));
    },

    async findDocumentBySource(collectionId: string, source: string): Promise<DocumentRow | null> {
      const [row] = await db
        .select()
        .from(documents)
        .where(and(eq(documents.collectionId, collectionId), eq(documents.source, source)));
      return row ?? null;
    },

    async findDocumentsBySource(source: string, collectionId?: string): Promise<DocumentSummary[]> {
      const rows = await db
        .select({ document: documents, collection: collections.name, collectionGroups: collections.defaultGroups })
        .from(documents)
        .innerJoin(collections, eq(collections.id, documents.collectionId))
        .where(and(eq(documents.source, source), collectionId ? eq(documents.collectionId, collectionId) : undefined));
      return rows.map((row) => ({ ...row.document, collection: row.collection, collectionGroups: row.collectionGroups }));
    },

    async getDocument(id: string): Promise<DocumentSummary | null> {
      const [row] = await db
        .select({ document: documents, collection: collections.name, collectionGroups: collections.defaultGroups })
        .from(documents)
        .innerJoin(collections, eq(collections.id, documents.collectionId))
        .where(eq(documents.id, id));
      return row ? { ...row.document, collection: row.collection, collectionGroups: row.collectionGroups } : null;
    },

    /** Documents in a stable order; with a scope, only those it reads. */
    async listDocuments(options: { collectionId?: string; scope?: ReadScope; limit: number; offset: number }): Promise<DocumentSummary[]> {
      const rows = await db
        .select({ document: documents, collection: collections.name, collectionGroups: collections.defaultGroups })
        .from(documents)
        .innerJoin(collections, eq(collections.id, documents.collectionId))
        .where(and(options.collectionId ? eq(documents.collectionId, options.collectionId) : undefined, readableWhere(options.scope)))
        .orderBy(asc(collections.name), asc(documents.source))
        .limit(options.limit)
        .offset(options.offset);
      return rows.map((row) => ({ ...row.document, collection: row.collection, collectionGroups: row.collectionGroups }));
    },

    async listDocumentSources(collectionId: string): Promise<Array<Pick<DocumentRow, "id" | "source">>> {
      return db
        .select({ id: documents.id, source: documents.source })
        .from(documents)
        .where(eq(documents.collectionId, collectionId));
    },

    /**
     * Writes a new version's chunks while the current version stays what search sees.
     * A brand-new document is created in status "indexing", invisible until `publishVersion`.
     */
    async stageVersion(
      input: NewDocumentVersion,
      newChunks: readonly NewChunk[],
      makeChunkId: (documentId: string, version: number, ordinal: number) => string,
    ): Promise<{ documentId: string; version: number; isNew: boolean }> {
      const staged = await db.transaction(async (tx) => {
        const [existing] = await tx
          .select()
          .from(documents)
          .where(and(eq(documents.collectionId, input.collectionId), eq(documents.source, input.source)))
          .for("update");
        let documentId: string;
        let version: number;
        if (existing) {
          documentId = existing.id;
          version = Math.max(existing.version, existing.pendingVersion ?? 0) + 1;
          // A stale staged version (a crash before publish) is dropped before staging a new one; history stays.
          await tx.delete(chunks).where(and(eq(chunks.documentId, documentId), notKept(documentId, existing.version)));
          await tx
            .update(documents)
            .set({ pendingVersion: version, pendingSha256: input.sha256, updatedAt: new Date() })
            .where(eq(documents.id, documentId));
        } else {
          documentId = randomUUID();
          version = 1;
          await tx.insert(documents).values({
            id: documentId,
            collectionId: input.collectionId,
            source: input.source,
            title: input.title,
            mediaType: input.mediaType,
            sha256: input.sha256,
            sizeBytes: input.sizeBytes,
            version,
            pendingVersion: version,
            pendingSha256: input.sha256,
            status: "indexing",
            pageCount: input.pageCount,
            chunkCount: newChunks.length,
            accessGroups: input.accessGroups,
            metadata: input.metadata,
            warnings: input.warnings,
          });
        }
        for (let i = 0; i < newChunks.length; i += 500) {
          await tx.insert(chunks).values(
              newChunks
                .slice(i, i + 500)
                .map((chunk) => ({ ...chunk, id: makeChunkId(documentId, version, chunk.ordinal), documentId, version })),
            );
        }
        return { documentId, version, isNew: !existing };
      });
      // A stale staged version's chunks went, and new ones came, perhaps under the ids a discarded version had. (A
      // failed transaction changed nothing.)
      cache?.invalidateDocument(staged.documentId);
      return staged;
    },

    /**
     * Makes a staged version the one search sees. Without history, the chunks of every other version go; with
     * history, the version it supersedes stays, in force until the new one's first day.
     */
    async publishVersion(
      documentId: string,
      version: number,
      input: NewDocumentVersion,
      chunkCount: number,
      options: PublishOptions = { keepHistory: false, effectiveFrom: null },
    ) {
      await forDocument(documentId, () => db.transaction(async (tx) => {
        const [before] = await tx.select().from(documents).where(eq(documents.id, documentId)).for("update");
        const supersedes = before && before.status === "ready" && before.version !== version ? before.version : null;
        const keepsOld = options.keepHistory && supersedes !== null;
        // A kept version's successor starts the day it was published when nothing says otherwise, so the two are
        // never both in force.
        const effectiveFrom = options.effectiveFrom ?? (keepsOld ? isoDay(new Date()) : null);
        if (keepsOld) {
          await tx
            .update(documentVersions)
            .set({ effectiveTo: effectiveFrom })
            .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, supersedes)));
        } else {
          await tx.delete(documentVersions).where(and(eq(documentVersions.documentId, documentId), ne(documentVersions.version, version)));
        }
        await tx
          .insert(documentVersions)
          .values({
            documentId,
            version,
            sha256: input.sha256,
            title: input.title,
            chunkCount,
            effectiveFrom,
            effectiveTo: null,
          })
          .onConflictDoUpdate({
            target: [documentVersions.documentId, documentVersions.version],
            set: { sha256: input.sha256, title: input.title, chunkCount, effectiveFrom, effectiveTo: null },
          });
        await tx
          .update(documents)
          .set({
            version,
            pendingVersion: null,
            pendingSha256: null,
            status: "ready",
            title: input.title,
            mediaType: input.mediaType,
            sha256: input.sha256,
            sizeBytes: input.sizeBytes,
            pageCount: input.pageCount,
            chunkCount,
            accessGroups: input.accessGroups,
            metadata: input.metadata,
            warnings: input.warnings,
            error: null,
            updatedAt: new Date(),
          })
          .where(eq(documents.id, documentId));
        await tx.delete(chunks).where(and(eq(chunks.documentId, documentId), notKept(documentId, version)));
      }));
    },

    /** Undoes a staged version that failed or was interrupted; a new document disappears entirely. */
    async discardStagedVersion(documentId: string): Promise<void> {
      await forDocument(documentId, () => db.transaction(async (tx) => {
        const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId)).for("update");
        if (!doc) return;
        if (doc.status === "indexing") {
          await tx.delete(documents).where(eq(documents.id, documentId));
          return;
        }
        await tx.delete(chunks).where(and(eq(chunks.documentId, documentId), notKept(documentId, doc.version)));
        await tx
          .update(documents)
          .set({ pendingVersion: null, pendingSha256: null, updatedAt: new Date() })
          .where(eq(documents.id, documentId));
      }));
    },

    /** Documents a crash left half-written. */
    async documentsWithStagedVersions(): Promise<DocumentRow[]> {
      return db.select().from(documents).where(isNotNull(documents.pendingVersion));
    },

    async deleteDocument(documentId: string): Promise<boolean> {
      const deleted = await forDocument(documentId, () => db.delete(documents).where(eq(documents.id, documentId)).returning({ id: documents.id }));
      return deleted.length > 0;
    },

    /** Every version whose points belong in the index, per ready document: the current one and kept history. */
    async readyDocumentVersions(): Promise<Map<string, number[]>> {
      const current = await db
        .select({ id: documents.id, version: documents.version })
        .from(documents)
        .where(eq(documents.status, "ready"));
      const kept = new Map(current.map((row) => [row.id, [row.version]]));
      const history = await db
        .select({ id: documentVersions.documentId, version: documentVersions.version })
        .from(documentVersions)
        .innerJoin(documents, eq(documents.id, documentVersions.documentId))
        .where(eq(documents.status, "ready"));
      for (const row of history) {
        const versions = kept.get(row.id);
        if (versions && !versions.includes(row.version)) versions.push(row.version);
      }
      return kept;
    },

    /** Versions kept as history besides the current one, for index cleanups that must spare them. */
    async historyVersions(documentId: string): Promise<number[]> {
      const rows = await db
        .select({ version: documentVersions.version, current: documents.version })
        .from(documentVersions)
        .innerJoin(documents, eq(documents.id, documentVersions.documentId))
        .where(eq(documentVersions.documentId, documentId));
      return rows.filter((row) => row.version !== row.current).map((row) => row.version);
    },

    /**
     * Chunks by id, only where they belong to the version in force on `asOf` (default today): the published
     * version, or in a collection that keeps history, the version that was in force that day.
     */
    async visibleChunks(chunkIds: readonly string[], asOf?: string): Promise<Map<string, VisibleChunk>> {
      if (chunkIds.length === 0) return new Map();
      if (cache !== null) return cachedVisibleChunks(cache, chunkIds, asOf ?? isoDay(new Date()));
      const values = fillPlaceholders(VISIBLE_CHUNKS.params, { ids: [...chunkIds], day: asOf ?? isoDay(new Date()) });
      const rows = await statements.read<{ row: VisibleChunkRow }>("jikji_visible_chunks", VISIBLE_CHUNKS.sql, values);
      const visible = new Map<string, VisibleChunk>();
      for (const { row } of rows) if (row.status === "ready") visible.set(row.id, visibleChunkOf(row));
      return visible;
    },

    async listVersions(documentId: string): Promise<DocumentVersionRow[]> {
      return db
        .select()
        .from(documentVersions)
        .where(eq(documentVersions.documentId, documentId))
        .orderBy(asc(documentVersions.version));
    },

    /** The version of a document in force on `day`, or null when none was. */
    async versionInForce(documentId: string, day: string): Promise<DocumentVersionRow | null> {
      const [row] = await db
        .select()
        .from(documentVersions)
        .where(and(eq(documentVersions.documentId, documentId), inForce(day)))
        .orderBy(desc(documentVersions.version))
        .limit(1);
      return row ?? null;
    },

    async collectionSettings(collectionId: string): Promise<CollectionSettings> {
      const [row] = await db
        .select({ keepHistory: collections.keepHistory, strict: collections.strict })
        .from(collections)
        .where(eq(collections.id, collectionId));
      return row ?? { keepHistory: false, strict: false };
    },

    async collectionSettingsByName(name: string): Promise<CollectionSettings | null> {
      const [row] = await db
        .select({ keepHistory: collections.keepHistory, strict: collections.strict })
        .from(collections)
        .where(eq(collections.name, name));
      return row ?? null;
    },

    async updateCollectionSettings(collectionId: string, patch: Partial<CollectionSettings>): Promise<void> {
      if (patch.keepHistory === undefined && patch.strict === undefined) return;
      try {
        await db.update(collections).set(patch).where(eq(collections.id, collectionId));
      } finally {
        cache?.invalidateCollection(collectionId);
      }
    },

    async chunksOfDocument(documentId: string, version: number): Promise<ChunkRow[]> {
      return db
        .select()
        .from(chunks)
        .where(and(eq(chunks.documentId, documentId), eq(chunks.version, version)))
        .orderBy(asc(chunks.ordinal));
    },

    /**
     * Chunks by position: for each (document, version, ordinal) asked for, the chunk there if it exists. Answers
     * use it to show a hit with the chunks before and after it.
     */
    async chunksAt(
      positions: ReadonlyArray<{ documentId: string; version: number; ordinal: number }>,
    ): Promise<ChunkRow[]> {
      if (positions.length === 0) return [];
      const wanted = new Set(positions.map((p) => `${p.documentId}/${p.version}/${p.ordinal}`));
      const values = fillPlaceholders(CHUNKS_AT.params, {
        documentIds: [...new Set(positions.map((p) => p.documentId))],
        ordinals: [...new Set(positions.map((p) => p.ordinal))],
      });
      const rows = await statements.read<ChunkRow>("jikji_chunks_at", CHUNKS_AT.sql, values);
      return rows.filter((row) => wanted.has(`${row.documentId}/${row.version}/${row.ordinal}`));
    },

    /**
     * The chunks printed on each (document, version, page) asked for: every chunk whose page range holds the page,
     * in document order (document, version, ordinal), without repeats. Visible ones only, as `visibleChunks`
     * decides: a ready document, and a version in force on `asOf` (default today), so a staged version or one
     * replaced and not kept never shows. Extractive answers read a hit's whole page with it (src/answer/page-context.ts).
     */
    async chunksOnPages(
      pages: ReadonlyArray<{ documentId: string; version: number; page: number }>,
      asOf?: string,
    ): Promise<ChunkRow[]> {
      if (pages.length === 0) return [];
      // `status = 'ready'` is checked here, not in SQL, for the reason VISIBLE_CHUNKS gives: without statistics
      // (PGlite) the planner would start from every ready document instead of the few pages' chunks.
      const rows = await db
        .select({ chunk: chunks, status: documents.status })
        .from(chunks)
        .innerJoin(documents, eq(documents.id, chunks.documentId))
        .innerJoin(
          documentVersions,
          CHUNK_VERSION_ROW,
        )
        .where(
          and(
            inForce(asOf ?? isoDay(new Date())),
            or(
              ...pages.map((at) =>
                and(
                  eq(chunks.documentId, at.documentId),
                  eq(chunks.version, at.version),
                  lte(chunks.pageStart, at.page),
                  gte(chunks.pageEnd, at.page),
                ),
              ),
            ),
          ),
        )
        .orderBy(asc(chunks.documentId), asc(chunks.version), asc(chunks.ordinal));
      return rows.filter((row) => row.status === "ready").map((row) => row.chunk);
    },

    /**
     * Pages through every chunk of every kept version in a stable order, for `reindex`. Chunks are walked on their
     * primary key and their documents and kept versions fetched by id, each a lookup the planner cannot turn into a
     * scan. One query joining all four tables was planned from stale statistics as "every ready document, then all
     * its chunks", so each page of a 1M-chunk reindex read 1M rows (11 s a page; bench/scale.ts). Invisible chunks
     * (staged versions) are skipped; the page is empty only at the end.
     */
    async visibleChunksPage(afterId: string | null, limit: number): Promise<ChunkWithDocument[]> {
      const page: ChunkWithDocument[] = [];
      let cursor = afterId;
      while (page.length < limit) {
        const rows = await db
          .select()
          .from(chunks)
          .where(cursor ? gt(chunks.id, cursor) : undefined)
          .orderBy(asc(chunks.id))
          .limit(limit - page.length);
        if (rows.length === 0) break;
        cursor = rows[rows.length - 1]!.id;
        const documentIds = [...new Set(rows.map((row) => row.documentId))];
        const owners = await db
          .select({ document: documents, collection: collections.name, collectionGroups: collections.defaultGroups })
          .from(documents)
          .innerJoin(collections, eq(collections.id, documents.collectionId))
          .where(and(inArray(documents.id, documentIds), eq(documents.status, "ready")));
        const kept = await db
          .select({ documentId: documentVersions.documentId, version: documentVersions.version })
          .from(documentVersions)
          .where(inArray(documentVersions.documentId, documentIds));
        const owner = new Map(owners.map((row) => [row.document.id, row]));
        const keptVersions = new Set(kept.map((row) => `${row.documentId}/${row.version}`));
        for (const chunk of rows) {
          const found = owner.get(chunk.documentId);
          if (found && keptVersions.has(`${chunk.documentId}/${chunk.version}`)) page.push({ chunk, ...found });
        }
      }
      return page;
    },

    async counts(): Promise<{ documents: number; chunks: number }> {
      const [docs] = await db.select({ n: count() }).from(documents).where(eq(documents.status, "ready"));
      const [rows] = await db
        .select({ n: count() })
        .from(chunks)
        .innerJoin(documents, and(eq(documents.id, chunks.documentId), eq(documents.version, chunks.version)));
      return { documents: docs?.n ?? 0, chunks: rows?.n ?? 0 };
    },

    async createJob(collectionId: string | null, filesTotal: number): Promise<JobRow> {
      const [row] = await db
        .insert(ingestJobs)
        .values({
          id: randomUUID(),
          collectionId,
          status: "queued",
          counters: { ...EMPTY_COUNTERS, filesTotal },
        })
        .returning();
      return row!;
    },

    /**
     * Writes a job's progress. With `owner`, only while that instance holds the job's lease (false otherwise: the
     * job was taken over, and the write is dropped so two instances never both report it).
     */
    async updateJob(
      id: string,
      patch: { status?: JobStatus; counters?: JobCounters; files?: JobFileOutcome[]; error?: string | null },
      owner?: string,
    ): Promise<boolean> {
      const finished = patch.status && patch.status !== "queued" && patch.status !== "running";
      const write = async (tx: Database) => {
        const rows = await tx
          .update(ingestJobs)
          .set({ ...patch, updatedAt: new Date(), ...(finished ? { finishedAt: new Date(), leaseExpiresAt: null } : {}) })
          .where(and(eq(ingestJobs.id, id), owner === undefined ? undefined : eq(ingestJobs.leaseOwner, owner)))
          .returning({ id: ingestJobs.id });
        // A finished job is never run again: its uploaded bytes go in the same transaction, so they are gone as soon
        // as anyone can see the job finished.
        if (finished && rows.length > 0) await tx.delete(stagedFiles).where(eq(stagedFiles.jobId, id));
        return rows.length > 0;
      };
      return finished ? db.transaction((tx) => write(tx as unknown as Database)) : write(db);
    },

    /** Sets the groups that read the collection's documents stored without groups. */
    async setCollectionDefaultGroups(name: string, groups: readonly string[]): Promise<void> {
      let id: string | null = null;
      try {
        [{ id } = { id: null }] = await db
          .insert(collections)
          .values({ id: randomUUID(), name, defaultGroups: [...groups] })
          .onConflictDoUpdate({ target: collections.name, set: { defaultGroups: [...groups] } })
          .returning({ id: collections.id });
      } finally {
        // Rows carry their collection's default groups; without the id (a failed write), drop every row.
        if (id !== null) cache?.invalidateCollection(id);
        else cache?.clear();
      }
    },

    async collectionDefaultGroups(name: string): Promise<string[] | null> {
      const [row] = await db.select({ groups: collections.defaultGroups }).from(collections).where(eq(collections.name, name));
      return row?.groups ?? null;
    },

    async collectionName(id: string): Promise<string | null> {
      const [row] = await db.select({ name: collections.name }).from(collections).where(eq(collections.id, id));
      return row?.name ?? null;
    },

    async getJob(id: string): Promise<JobRow | null> {
      const [row] = await db.select().from(ingestJobs).where(eq(ingestJobs.id, id));
      return row ?? null;
    },

    async unfinishedJobs(): Promise<JobRow[]> {
      return db
        .select()
        .from(ingestJobs)
        .where(inArray(ingestJobs.status, ["queued", "running"]))
        .orderBy(desc(ingestJobs.createdAt));
    },

    /**
     * The ingest backlog: jobs waiting and running, and when the oldest waiting one was queued (null when none
     * waits). Read from the job rows, so it counts every instance's jobs, not only this process's queue.
     */
    async queueStats(): Promise<{ queued: number; running: number; oldestQueuedAt: Date | null }> {
      const rows = await db
        .select({ status: ingestJobs.status, n: count(), oldest: sql<string | null>`min(${ingestJobs.createdAt})::text` })
        .from(ingestJobs)
        .where(inArray(ingestJobs.status, ["queued", "running"]))
        .groupBy(ingestJobs.status);
      const queued = rows.find((row) => row.status === "queued");
      return {
        queued: queued?.n ?? 0,
        running: rows.find((row) => row.status === "running")?.n ?? 0,
        oldestQueuedAt: queued?.oldest ? new Date(queued.oldest) : null,
      };
    },

    /** Bytes the database takes on disk (`pg_database_size`: PGlite and PostgreSQL alike). */
    async sizeBytes(): Promise<number> {
      const [row] = rowsOf<{ bytes: string | number }>(await db.execute(sql`select pg_database_size(current_database()) as bytes`));
      return Number(row?.bytes ?? 0);
    },

    /**
     * What search can see: collections, ready documents and their current versions' chunks. A start-up reconcile
     * never changes these (it only drops staged versions), so a backup's manifest and its restore agree on them.
     */
    async publishedCounts(): Promise<{ collections: number; documents: number; chunks: number }> {
      const [cols] = await db.select({ n: count() }).from(collections);
      const [docs] = await db.select({ n: count() }).from(documents).where(eq(documents.status, "ready"));
      const [rows] = await db
        .select({ n: count() })
        .from(chunks)
        .innerJoin(documents, and(eq(documents.id, chunks.documentId), eq(documents.version, chunks.version)))
        .where(eq(documents.status, "ready"));
      return { collections: cols?.n ?? 0, documents: docs?.n ?? 0, chunks: rows?.n ?? 0 };
    },

    /** When the newest applied migration was generated (drizzle's `created_at`, the journal's `when`), or null. */
    async appliedMigration(): Promise<number | null> {
      const [row] = rowsOf<{ applied: string | null }>(
        await db.execute(sql`select max(created_at)::text as applied from drizzle.__drizzle_migrations`),
      );
      return row?.applied == null ? null : Number(row.applied);
    },

    /**
     * One page of a collection's published chunks (current version of each ready document, plus versions kept as
     * history) with their document, in a stable order (document source, version, ordinal), for `jikji export`.
     */
    async exportPage(
      collectionId: string,
      after: { source: string; version: number; ordinal: number } | null,
      limit: number,
    ): Promise<Array<{ chunk: ChunkRow; document: DocumentRow; effectiveFrom: string | null; effectiveTo: string | null }>> {
      const position = sql`(${documents.source}, ${chunks.version}, ${chunks.ordinal})`;
      return db
        .select({ chunk: chunks, document: documents, effectiveFrom: documentVersions.effectiveFrom, effectiveTo: documentVersions.effectiveTo })
        .from(chunks)
        .innerJoin(documents, eq(documents.id, chunks.documentId))
        .innerJoin(
          documentVersions,
          CHUNK_VERSION_ROW,
        )
        .where(
          and(
            eq(documents.collectionId, collectionId),
            eq(documents.status, "ready"),
            after ? sql`${position} > (${after.source}, ${after.version}, ${after.ordinal})` : undefined,
          ),
        )
        .orderBy(asc(documents.source), asc(chunks.version), asc(chunks.ordinal))
        .limit(limit);
    },

    async ping(): Promise<void> {
      await db.execute(sql`select 1`);
    },

    ...createAssistRepository(db),
    ...createConversationRepository(db),
    ...createSharedRepository(db, options.shared ?? false),
    ...createUpgradeRepository(db),
  };
}

export type Store = ReturnType<typeof createStore>;
