import { InvalidInputError, NotFoundError, UnsupportedMediaTypeError } from "../errors.ts";
import { EMPTY_COUNTERS, type DocumentSummary, type Store } from "../store/store.ts";
import { detectMediaType } from "./detect.ts";
import { sourceName } from "./files.ts";
import { requireCollection } from "../operate/export.ts";
import { deleteDocument, type IngestDeps } from "./ingest.ts";
import type { IngestQueue } from "./queue.ts";

export interface UploadRequest {
  collection: string;
  accessGroups: readonly string[];
  /** Display names (never used as paths) and contents. */
  files: ReadonlyArray<{ source: string; bytes: Uint8Array }>;
  /** Opens encrypted PDFs; kept in memory only, never in the job row. */
  pdfPassword?: string;
  /** Parse again even when the bytes are unchanged (re-ingest of a kept original). */
  force?: boolean;
  /** First day the uploaded versions are in force (ISO day); else each file's 부칙 / "effective as of". */
  effectiveFrom?: string;
  /** Collection settings the upload changes: keep replaced versions as history, answer strictly by default. */
  settings?: { keepHistory?: boolean; strict?: boolean };
}

/**
 * Turns uploaded files into a queued ingest job: refuses what can never be ingested, records the job together with
 * the files' bytes in the store (so any instance sharing it can run the job), and wakes the local queue.
 * Readable-but-broken files fail in the job.
 */
export async function submitUpload(
  deps: { store: Store; queue: IngestQueue },
  request: UploadRequest,
): Promise<{ jobId: string; files: string[] }> {
  if (request.files.length === 0) throw new InvalidInputError("body.file: at least one file is required");
  // A collection holds one document per name: the second of two files named alike would silently replace the first.
  const names = new Set<string>();
  for (const file of request.files) {
    if (names.has(file.source)) {
      throw new InvalidInputError(`body.file: two files are named "${file.source}"; a collection holds one document per name, so upload them separately or rename one`);
    }
    names.add(file.source);
  }
  for (const file of request.files) {
    try {
      detectMediaType(file.bytes, file.source);
    } catch (error) {
      if (error instanceof UnsupportedMediaTypeError) throw error;
    }
  }
  // Refused now, not when the job runs: the uploader hears why (and which command fixes it) in the answer.
  await deps.queue.requireWritableIndex();
  const collectionId = await deps.store.ensureCollection(request.collection);
  if (request.settings) await deps.store.updateCollectionSettings(collectionId, request.settings);
  const job = await deps.store.createUploadJob({
    collectionId,
    accessGroups: request.accessGroups,
    options: {
      ...(request.force ? { force: true } : {}),
      ...(request.effectiveFrom !== undefined ? { effectiveFrom: request.effectiveFrom } : {}),
    },
    files: request.files,
    counters: { ...EMPTY_COUNTERS, filesTotal: request.files.length },
  });
  deps.queue.enqueue(job.id, request.pdfPassword !== undefined ? { pdfPassword: request.pdfPassword } : {});
  return { jobId: job.id, files: job.inputs.map((input) => input.source) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one document a target names: an id, or a source (file name or path) unique across the collections
 * considered. Documents `allowed` refuses count as not found.
 */
export async function findByIdOrSource(
  store: IngestDeps["store"],
  target: string,
  options: { collection?: string; allowed?: (document: DocumentSummary) => boolean } = {},
): Promise<DocumentSummary> {
  const allowed = options.allowed ?? (() => true);
  let matches = UUID.test(target) ? [await store.getDocument(target)].filter((d): d is DocumentSummary => d !== null) : [];
  if (matches.length === 0) {
    const collectionId = options.collection ? await requireCollection(store, options.collection) : undefined;
    // Sources are stored in NFC; a decomposed name (pasted from a Mac) finds them, and so do rows stored before that.
    for (const form of new Set([sourceName(target), target, target.normalize("NFD")])) {
      matches = await store.findDocumentsBySource(form, collectionId);
      if (matches.length > 0) break;
    }
  }
  matches = matches.filter(allowed);
  if (matches.length === 0) throw new NotFoundError(`No document with id or source "${target}"`);
  if (matches.length > 1) {
    throw new InvalidInputError(
      `"${target}" is in ${matches.length} collections (${matches.map((m) => m.collection).join(", ")}); pass the collection`,
    );
  }
  return matches[0]!;
}

/** Deletes the one document a target names (see `findByIdOrSource`); `mayDelete` is asked before anything is removed. */
export async function deleteByIdOrSource(
  deps: Pick<IngestDeps, "store" | "index" | "originals">,
  target: string,
  options: { collection?: string; mayDelete?: (document: DocumentSummary) => boolean } = {},
): Promise<DocumentSummary> {
  const document = await findByIdOrSource(deps.store, target, {
    ...(options.collection !== undefined ? { collection: options.collection } : {}),
    ...(options.mayDelete ? { allowed: options.mayDelete } : {}),
  });
  if (!(await deleteDocument(deps, document.id))) throw new NotFoundError(`No document with id or source "${target}"`);
  return document;
}
