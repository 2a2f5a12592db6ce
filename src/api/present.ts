import type { DocumentSummary, JobRow } from "../store/store.ts";

/** The public shape of a document: what clients may rely on, nothing internal. */
export function presentDocument(document: DocumentSummary) {
  return {
    id: document.id,
    collection: document.collection,
    source: document.source,
    title: document.title,
    mediaType: document.mediaType,
    sha256: document.sha256,
    sizeBytes: document.sizeBytes,
    version: document.version,
    status: document.status,
    pageCount: document.pageCount,
    chunkCount: document.chunkCount,
    accessGroups: document.accessGroups,
    metadata: document.metadata,
    warnings: document.warnings,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}

export function presentJob(job: JobRow) {
  return {
    id: job.id,
    status: job.status,
    counters: job.counters,
    files: job.files,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
