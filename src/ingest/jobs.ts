import { JikjiError, JobTakenOverError, PayloadTooLargeError } from "../errors.ts";
import type { IngestFileStep } from "../operate/metrics.ts";
import type { JobCounters, JobFileOutcome, JobStatus } from "../store/schema.ts";
import { EMPTY_COUNTERS } from "../store/store.ts";
import { deleteDocument, describeFailure, ingestFile, type IngestDeps } from "./ingest.ts";
import { readAhead, type ReadAhead } from "./read-ahead.ts";

export interface JobFile {
  source: string;
  sizeBytes: number;
  read(): Promise<Uint8Array>;
}

export interface JobRequest {
  jobId: string;
  collection: string;
  accessGroups: readonly string[];
  files: readonly JobFile[];
  maxFileBytes: number;
  pdfPassword?: string;
  /** Parse every file again even when its bytes are unchanged. */
  force?: boolean;
  /** First day the files' new versions are in force (ISO day); else each file's 부칙 / "effective as of". */
  effectiveFrom?: string;
  /** Make the collection mirror `files`: documents whose source is not among them are deleted afterwards. */
  sync?: boolean;
  /**
   * How many files after the current one are read and parsed ahead (in `deps.parser`'s workers) while the current
   * one is chunked and written; 0 parses each file in its turn.
   */
  parseAhead?: number;
  /**
   * A read-ahead over these same `files` begun before the job (while the data dir opened); used instead of making
   * one from `parseAhead`. Its early parses must come from `deps.parser`'s limits (the CLI passes the same parser).
   */
  ahead?: ReadAhead;
  /** Called as counters change; `finished` is the outcome of the file that just ended, if one did. */
  onProgress?: (counters: JobCounters, current: string | null, finished?: JobFileOutcome) => void;
  /** Told when each file ends (metrics and the per-step log line); never given the file's text. */
  onFileDone?: (step: IngestFileStep & { source: string; seconds: number }) => void;
  /**
   * A job taken over from an instance that died: its counters and the outcomes of the files it finished (the
   * first `files.length` of `files`, in order). Those files are not run again, so each is reported once.
   */
  resume?: { counters: JobCounters; files: readonly JobFileOutcome[] };
  /** The lease the job runs under: progress is written only while `owner` holds it (else JobTakenOverError). */
  owner?: string;
  /** Awaited before each file after the first (the queue's test pause hook). */
  beforeFile?: (index: number) => Promise<void>;
}

export interface JobReport {
  status: JobStatus;
  counters: JobCounters;
  files: JobFileOutcome[];
}

const MB = 1024 * 1024;

/**
 * Jobs a killed CLI ingest left "running" (CLI jobs have no stored inputs, so nothing can resume them; the next run
 * redoes what they left). Only safe where no other process can be ingesting: the embedded store, under its lock.
 */
export async function failInterruptedCliJobs(store: IngestDeps["store"]): Promise<number> {
  const stale = (await store.unfinishedJobs()).filter((job) => job.inputs.length === 0);
  for (const job of stale) {
    await store.updateJob(job.id, { status: "failed", error: "interrupted: the process stopped before the job finished" });
  }
  return stale.length;
}

/**
 * Whether the job row is written after the `done`-th file (the job's end always writes it). The row holds every
 * finished file's outcome, so writing it after each of n files writes O(n²) bytes: for 2,561 files ~250 MB of
 * JSON through the store. The first 50 files write it one by one; after that every 2 % of the files done so far,
 * so `GET /v1/jobs/:id` still sees a large job move while its row is written a few hundred times.
 */
export function progressWorthWriting(done: number): boolean {
  return done <= 50 || done % Math.ceil(done / 50) === 0;
}

/**
 * Runs an ingest job file by file. One file's failure is recorded and the batch goes on;
 * counters are written to the job row as they change so `GET /v1/jobs/:id` can follow along.
 */
export async function runIngestJob(deps: IngestDeps, request: JobRequest): Promise<JobReport> {
  const { store } = deps;
  await deps.checkIndexWritable?.();
  const collectionId = await store.ensureCollection(request.collection);
  const counters: JobCounters = request.resume
    ? { ...EMPTY_COUNTERS, ...request.resume.counters, filesTotal: request.files.length }
    : { ...EMPTY_COUNTERS, filesTotal: request.files.length };
  const files: JobFileOutcome[] = request.resume ? request.resume.files.slice(0, request.files.length) : [];
  const finishedBefore = files.length;
  const write = async (patch: Parameters<typeof store.updateJob>[1]) => {
    if (!(await store.updateJob(request.jobId, patch, request.owner)) && request.owner !== undefined) {
      throw new JobTakenOverError(`Job ${request.jobId} was taken over by another instance after its lease ran out`);
    }
  };
  await write({ status: "running", counters });
  request.onProgress?.({ ...counters }, null);

  const ahead =
    request.ahead ??
    (deps.parser && (request.parseAhead ?? 0) > 0
      ? readAhead({
          files: request.files,
          depth: request.parseAhead!,
          parser: deps.parser,
          store,
          collectionId,
          skip: (index) => index < finishedBefore || request.files[index]!.sizeBytes > request.maxFileBytes,
          ...(request.pdfPassword !== undefined ? { pdfPassword: request.pdfPassword } : {}),
        })
      : null);

  for (const [index, file] of request.files.entries()) {
    if (index < finishedBefore) continue;
    if (index > 0) await request.beforeFile?.(index);
    request.onProgress?.({ ...counters }, file.source);
    const started = performance.now();
    let step: IngestFileStep;
    let outcome: JobFileOutcome;
    try {
      if (file.sizeBytes > request.maxFileBytes) {
        throw new PayloadTooLargeError(
          `${file.source} is ${(file.sizeBytes / MB).toFixed(1)} MB, over the limit of ${request.maxFileBytes / MB} MB`,
        );
      }
      const bytes = ahead ? await ahead.bytes(index) : await file.read();
      const ingested = await ingestFile(ahead ? { ...deps, parser: ahead.parserFor(index, bytes) } : deps, {
        collectionId,
        collection: request.collection,
        source: file.source,
        bytes,
        accessGroups: request.accessGroups,
        ...(request.pdfPassword !== undefined ? { pdfPassword: request.pdfPassword } : {}),
        ...(request.force ? { force: true } : {}),
        ...(request.effectiveFrom !== undefined ? { effectiveFrom: request.effectiveFrom } : {}),
      });
      counters[ingested.action]++;
      counters.pages += ingested.pages;
      counters.chunks += ingested.chunks;
      outcome = { source: file.source, action: ingested.action, documentId: ingested.documentId };
      step = { action: ingested.action, pages: ingested.pages, chunks: ingested.chunks };
      if (ingested.warnings.length > 0) outcome.warnings = ingested.warnings;
    } catch (error) {
      counters.failed++;
      outcome = { source: file.source, action: "failed", error: describeFailure(error), code: error instanceof JikjiError ? error.code : "internal" };
      step = { action: "failed", pages: 0, chunks: 0, reason: error instanceof JikjiError ? error.code : "unexpected" };
    }
    request.onFileDone?.({ ...step, source: file.source, seconds: (performance.now() - started) / 1000 });
    ahead?.done(index);
    files.push(outcome);
    counters.filesDone++;
    if (progressWorthWriting(counters.filesDone)) await write({ counters, files });
    request.onProgress?.({ ...counters }, null, outcome);
  }

  if (request.sync) {
    const present = new Set(request.files.map((file) => file.source));
    for (const document of await store.listDocumentSources(collectionId)) {
      if (present.has(document.source)) continue;
      await deleteDocument(deps, document.id);
      counters.deleted = (counters.deleted ?? 0) + 1;
      const outcome: JobFileOutcome = { source: document.source, action: "deleted", documentId: document.id };
      files.push(outcome);
      if (progressWorthWriting(files.length)) await write({ counters, files });
      request.onProgress?.({ ...counters }, null, outcome);
    }
  }

  if (counters.ingested > 0 || (counters.deleted ?? 0) > 0) await deps.index.optimize();
  const status: JobStatus =
    counters.failed === 0 ? "succeeded" : counters.failed === counters.filesTotal ? "failed" : "partial";
  await write({ status, counters, files });
  return { status, counters, files };
}
