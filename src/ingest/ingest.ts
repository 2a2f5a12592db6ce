import { storageFailure } from "../operate/storage.ts";
import { isStoreConnectionLoss } from "../store/connection-loss.ts";
import type { OriginalStore } from "./originals.ts";
import type { Embedder } from "../retrieve/embed/port.ts";
import { embedMany } from "../retrieve/embed/embed-many.ts";
import type { IndexPoint, SearchIndex } from "../retrieve/index/port.ts";
import { DocumentUnreadableError, JikjiError, PayloadTooLargeError, errorMessage } from "../errors.ts";
import type { DocumentRow, Store } from "../store/store.ts";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "./chunk.ts";
import { chunkId, sha256Hex } from "./ids.ts";
import { pageSpansOf } from "./page-spans.ts";
import { inProcessParser, type DocumentParser } from "./parser.ts";
import { effectiveDateOf } from "./effective-date.ts";
import { searchableText, toIndexPoint } from "./points.ts";
import type { ChunkOptions } from "./types.ts";

export interface IngestDeps {
  store: Store;
  index: SearchIndex;
  embedder: Embedder | null;
  chunkOptions?: ChunkOptions;
  /** Where files are parsed; a worker thread in the CLI and server, the calling thread when absent. */
  parser?: DocumentParser;
  /** A document that chunks into more is refused (JIKJI_MAX_CHUNKS_PER_DOCUMENT). */
  maxChunksPerDocument?: number;
  /** Where each version's original bytes are kept for the source viewer; not kept when absent. */
  originals?: OriginalStore;
  /**
   * Throws when the index must not take new chunks (built by another analyzer: src/operate/index-status.ts); a job
   * calls it before it writes anything.
   */
  checkIndexWritable?: () => Promise<void>;
}

const callingThreadParser = inProcessParser({});

export interface FileToIngest {
  collectionId: string;
  collection: string;
  /** Relative path or file name; identifies the document within its collection. Never opened as a path. */
  source: string;
  bytes: Uint8Array;
  accessGroups: readonly string[];
  metadata?: Record<string, unknown>;
  pdfPassword?: string;
  /** Parse and publish a new version even when the bytes and groups are unchanged (re-ingest). */
  force?: boolean;
  /** First day this version is in force (ISO day), from the upload or CLI; else read from the text (부칙). */
  effectiveFrom?: string;
}

export interface IngestOutcome {
  action: "ingested" | "unchanged";
  documentId: string;
  pages: number;
  chunks: number;
  warnings: string[];
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((group, i) => group === right[i]);
}

/**
 * Ingests one file: parse → chunk → embed → stage chunks in the store → write index points →
 * publish. Search sees the new version only after publish, and the old version's chunks and
 * points go only after it; a failure at any step leaves the previous version exactly as it was.
 */
export async function ingestFile(deps: IngestDeps, file: FileToIngest): Promise<IngestOutcome> {
  const { store, index, embedder } = deps;
  const sha256 = sha256Hex(file.bytes);
  const existing = await store.findDocumentBySource(file.collectionId, file.source);
  if (
    !file.force &&
    existing &&
    existing.status === "ready" &&
    existing.pendingVersion === null &&
    existing.sha256 === sha256 &&
    sameGroups(existing.accessGroups, file.accessGroups)
  ) {
    // A document ingested before originals were kept gains them the next time its file is seen.
    if (deps.originals && !(await deps.originals.has(existing.id, existing.version))) {
      await deps.originals.put(existing.id, existing.version, file.bytes);
    }
    return {
      action: "unchanged",
      documentId: existing.id,
      pages: existing.pageCount ?? 0,
      chunks: existing.chunkCount,
      warnings: [],
    };
  }

  const settings = await store.collectionSettings(file.collectionId);
  const parser = deps.parser ?? callingThreadParser;
  const { mediaType, document } = await parser.parse(
    file.bytes,
    file.source,
    file.pdfPassword !== undefined ? { pdfPassword: file.pdfPassword } : undefined,
  );
  const pieces = chunkDocument(document, deps.chunkOptions ?? DEFAULT_CHUNK_OPTIONS);
  if (pieces.length === 0) {
    // What the parser noticed (a page's frames or scripts) says why there is no text.
    const why = document.warnings.length > 0 ? `: ${document.warnings.join("; ")}` : "";
    throw new DocumentUnreadableError(`${file.source} contains no text to index${why}`);
  }
  if (deps.maxChunksPerDocument !== undefined && pieces.length > deps.maxChunksPerDocument) {
    throw new PayloadTooLargeError(
      `${file.source} makes ${pieces.length} chunks, over the limit of ${deps.maxChunksPerDocument} (JIKJI_MAX_CHUNKS_PER_DOCUMENT)`,
    );
  }

  const version = {
    collectionId: file.collectionId,
    source: file.source,
    title: document.title,
    mediaType,
    sha256,
    sizeBytes: file.bytes.byteLength,
    pageCount: document.pageCount,
    accessGroups: [...file.accessGroups],
    metadata: file.metadata ?? {},
    warnings: document.warnings,
  };

  const vectors = embedder
    ? await embedMany(
        embedder,
        pieces.map((piece) => searchableText({ title: document.title, headingPath: piece.headingPath, clausePath: piece.clausePath, tableHeader: piece.tableHeader, text: piece.text })),
      )
    : undefined;

  // Stage → index → publish runs under the store's document lock: no other instance writes this document, and no
  // start-up repair runs, until it ends.
  return store.withDocumentLock(documentLockKey(file.collectionId, file.source), async () => {
    const existing = await discardAbandonedVersion(deps, await store.findDocumentBySource(file.collectionId, file.source));
    // Chunk ids depend on the version the store assigns inside its transaction.
    const staged = await store.stageVersion(
      version,
      pieces.map((piece) => ({
        ordinal: piece.ordinal,
        text: piece.text,
        pageStart: piece.pageStart,
        pageEnd: piece.pageEnd,
        headingPath: piece.headingPath,
        role: piece.role,
        clausePath: piece.clausePath,
        tableHeader: piece.tableHeader,
        pageSpans: pageSpansOf(document.blocks, piece.charStart, piece.charEnd, document.furniture),
        charStart: piece.charStart,
        charEnd: piece.charEnd,
      })),
      chunkId,
    );

    try {
      const points = pieces.map((piece, i) =>
        toIndexPoint(
          {
            chunkId: chunkId(staged.documentId, staged.version, piece.ordinal),
            documentId: staged.documentId,
            version: staged.version,
            collection: file.collection,
            accessGroups: file.accessGroups,
            title: document.title,
            headingPath: piece.headingPath,
            clausePath: piece.clausePath,
            tableHeader: piece.tableHeader,
            text: piece.text,
            role: piece.role,
          },
          vectors?.[i],
        ),
      );
      // A new document's id was made by stageVersion just now, so none of its chunk ids can be in the index: its
      // points are appended. A new version of a known one is merged, replacing what a crash may have left.
      await index.upsert(points, staged.isNew ? { allNew: true } : undefined);
      await deps.originals?.put(staged.documentId, staged.version, file.bytes);
      await store.publishVersion(staged.documentId, staged.version, version, pieces.length, {
        keepHistory: settings.keepHistory,
        effectiveFrom: file.effectiveFrom ?? effectiveDateOf(document.text),
      });
    } catch (error) {
      await rollBack(deps, staged.documentId, existing?.status === "ready" ? existing.version : null);
      throw error;
    }
    // The old version is no longer visible (unless kept as history); its points are now only clutter, removed
    // best-effort here and for certain by the next reconcile. A brand-new document has none.
    if (!staged.isNew) {
      await store
        .historyVersions(staged.documentId)
        .then((keepVersions) => index.deleteDocument(staged.documentId, { keepVersion: staged.version, keepVersions }))
        .catch(() => undefined);
    }
    return {
      action: "ingested" as const,
      documentId: staged.documentId,
      pages: document.pageCount ?? 0,
      chunks: pieces.length,
      warnings: document.warnings,
    };
  });
}

/**
 * A version staged but never published can only be left by a process that died mid-file (under the document lock
 * nothing else is writing it): its chunks, points and row are removed before the file is staged again, so a job
 * taken over from a dead instance leaves no orphan. Returns the document as it stands afterwards.
 */
async function discardAbandonedVersion(deps: IngestDeps, document: DocumentRow | null): Promise<DocumentRow | null> {
  if (document === null || document.pendingVersion === null) return document;
  await deps.store.discardStagedVersion(document.id);
  if (document.status === "ready") {
    const keepVersions = await deps.store.historyVersions(document.id);
    await deps.index.deleteDocument(document.id, { keepVersion: document.version, keepVersions });
  } else await deps.index.deleteDocument(document.id);
  return deps.store.getDocument(document.id);
}

async function rollBack(deps: IngestDeps, documentId: string, publishedVersion: number | null): Promise<void> {
  try {
    await deps.store.discardStagedVersion(documentId);
    if (publishedVersion === null) await deps.index.deleteDocument(documentId);
    else {
      const keepVersions = await deps.store.historyVersions(documentId);
      await deps.index.deleteDocument(documentId, { keepVersion: publishedVersion, keepVersions });
    }
  } catch {
    // The store still marks the version as staged, so the next start-up reconcile finishes the cleanup.
  }
}

/** The store's document lock key: ingest and delete of one document must name it alike to exclude each other. */
function documentLockKey(collectionId: string, source: string): string {
  return `${collectionId}/${source}`;
}

/**
 * Removes a document from the store and its points from the index. It takes the document's lock, as ingest does, so
 * a delete that arrives while a new version is being staged and indexed waits for it and then removes it too; else
 * the publish would fail on the vanished row and leave that version's original bytes behind.
 */
export async function deleteDocument(
  deps: Pick<IngestDeps, "store" | "index" | "originals">,
  documentId: string,
): Promise<boolean> {
  const document = await deps.store.getDocument(documentId);
  if (!document) return false;
  return deps.store.withDocumentLock(documentLockKey(document.collectionId, document.source), async () => {
    // The row first: the store decides what search shows (every hit is read back through it), so from here the
    // document is gone. Its points are then only clutter, removed here best-effort and for certain by the next
    // start's repair, as a replaced version's are. Points first left a crash in between with a document listed as
    // ready that search could not find, which no repair re-indexed (qa3).
    const deleted = await deps.store.deleteDocument(documentId);
    await deps.index.deleteDocument(documentId).catch(() => undefined);
    await deps.originals?.remove(documentId);
    return deleted;
  });
}

/**
 * Repairs what a crash left half-done: staged versions are discarded, and index points whose
 * document version the store does not show are deleted. Safe to run at any start-up.
 */
export async function reconcile(
  deps: Pick<IngestDeps, "store" | "index">,
  options: { scanIndex: boolean },
): Promise<{ discarded: number; orphanVersions: number }> {
  // Alone across instances: with the maintenance lock no file is between staging and publishing anywhere, so what
  // is staged now was abandoned, and a point no ready version owns is an orphan, not another instance's work.
  return deps.store.withMaintenanceLock(async () => {
    const staged = await deps.store.documentsWithStagedVersions();
    for (const document of staged) {
      await deps.store.discardStagedVersion(document.id);
      if (document.status === "ready") {
        const keepVersions = await deps.store.historyVersions(document.id);
        await deps.index.deleteDocument(document.id, { keepVersion: document.version, keepVersions });
      } else await deps.index.deleteDocument(document.id);
    }
    let orphanVersions = 0;
    if (options.scanIndex) {
      const kept = await deps.store.readyDocumentVersions();
      for (const { documentId, version } of await deps.index.documentVersions()) {
        const versions = kept.get(documentId);
        if (versions?.includes(version)) continue;
        orphanVersions++;
        if (versions === undefined) await deps.index.deleteDocument(documentId);
        else await deps.index.deleteDocument(documentId, { keepVersions: versions });
      }
    }
    return { discarded: staged.length, orphanVersions };
  });
}

/**
 * Store rows read per page, and index points per write. Points go in as a bulk load (appended, folded into the
 * full-text index once at the end), 5,000 at a time, and the next pages are read and tokenized while the index
 * writes (bench/scale.ts).
 */
export const REINDEX_READ_PAGE = 1_000;
export const REINDEX_WRITE_BATCH = 5_000;

/** Rebuilds the index from the store, the source of truth. */
export async function reindex(
  deps: Omit<IngestDeps, "chunkOptions">,
  onProgress?: (done: number) => void,
  sizes: { readPage: number; writeBatch: number } = { readPage: REINDEX_READ_PAGE, writeBatch: REINDEX_WRITE_BATCH },
): Promise<{ chunks: number }> {
  await deps.index.reset(deps.embedder?.dimensions ?? null);
  let after: string | null = null;
  let done = 0;
  let batch: IndexPoint[] = [];
  // One write in flight while the next batch is read; its failure surfaces at the next await of it.
  let writing: Promise<void> = Promise.resolve();
  const write = async (points: IndexPoint[]) => {
    await writing;
    // After the reset nothing holds these ids and nothing searches before the optimize() below.
    writing = deps.index.upsert(points, { bulk: true }).then(() => {
      done += points.length;
      onProgress?.(done);
    });
    // Handled where it is awaited; this only keeps a failure during the next read from counting as unhandled.
    writing.catch(() => undefined);
  };
  for (;;) {
    const page = await deps.store.visibleChunksPage(after, sizes.readPage);
    if (page.length === 0) break;
    const vectors = deps.embedder
      ? await embedMany(
          deps.embedder,
          page.map((row) => searchableText({
            title: row.document.title,
            headingPath: row.chunk.headingPath,
            clausePath: row.chunk.clausePath,
            tableHeader: row.chunk.tableHeader,
            text: row.chunk.text,
          })),
        )
      : undefined;
    for (const [i, row] of page.entries()) {
      batch.push(
        toIndexPoint(
          {
            chunkId: row.chunk.id,
            documentId: row.document.id,
            version: row.chunk.version,
            collection: row.collection,
            accessGroups: row.document.accessGroups,
            title: row.document.title,
            headingPath: row.chunk.headingPath,
            clausePath: row.chunk.clausePath,
            tableHeader: row.chunk.tableHeader,
            text: row.chunk.text,
            role: row.chunk.role,
          },
          vectors?.[i],
        ),
      );
    }
    after = page[page.length - 1]!.chunk.id;
    if (batch.length >= sizes.writeBatch) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await write(batch);
  await writing;
  await deps.index.optimize();
  return { chunks: done };
}

const MAX_FAILURE_CHARS = 500;

/** The driver's own error under drizzle's "Failed query: …" wrappers, which quote a whole SQL statement. */
function rootCause(error: unknown): unknown {
  let root: unknown = error;
  while (root instanceof Error && root.cause !== undefined && /^Failed query/.test(root.message)) root = root.cause;
  return root;
}

/**
 * A per-file failure as users read it (and as the job row stores it): the typed error's message, or for
 * anything unexpected its root cause, not a driver's wrapper that quotes a whole SQL statement.
 */
export function describeFailure(error: unknown): string {
  let message: string;
  const storage = storageFailure(error);
  if (storage !== null) message = storage;
  else if (!(error instanceof JikjiError) && isStoreConnectionLoss(error)) {
    // PostgreSQL dropped the connection mid-file (qa3: pg_terminate_backend during a 30-file job).
    message = `the connection to the store was lost while this file was stored (${errorMessage(rootCause(error))}); upload it again (an unchanged file is skipped)`;
  } else if (error instanceof JikjiError) message = error.message;
  else {
    message = `unexpected error: ${errorMessage(rootCause(error))}`;
  }
  // eslint-disable-next-line no-control-regex
  const clean = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ");
  return clean.length > MAX_FAILURE_CHARS ? `${clean.slice(0, MAX_FAILURE_CHARS)}…` : clean;
}
