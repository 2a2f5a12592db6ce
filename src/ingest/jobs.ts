import { PayloadTooLargeError } from "../errors.ts";
import type { JobCounters, JobFileOutcome, JobStatus } from "../store/schema.ts";
import { EMPTY_COUNTERS } from "../store/store.ts";
import { describeFailure, ingestFile, type IngestDeps } from "./ingest.ts";

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
  onProgress?: (counters: JobCounters, current: string | null) => void;
}

export interface JobReport {
  status: JobStatus;
  counters: JobCounters;
  files: JobFileOutcome[];
}

const MB = 1024 * 1024;

/**
 * Runs an ingest job file by file. One file's failure is recorded and the batch goes on;
 * counters are written to the job row as they change so `GET /v1/jobs/:id` can follow along.
 */
export async function runIngestJob(deps: IngestDeps, request: JobRequest): Promise<JobReport> {
  const { store } = deps;
  const collectionId = await store.ensureCollection(request.collection);
  const counters: JobCounters = { ...EMPTY_COUNTERS, filesTotal: request.files.length };
  const files: JobFileOutcome[] = [];
  await store.updateJob(request.jobId, { status: "running", counters });
  request.onProgress?.({ ...counters }, null);

  for (const file of request.files) {
    request.onProgress?.({ ...counters }, file.source);
    try {
      if (file.sizeBytes > request.maxFileBytes) {
        throw new PayloadTooLargeError(
          `${file.source} is ${(file.sizeBytes / MB).toFixed(1)} MB, over the limit of ${request.maxFileBytes / MB} MB`,
        );
      }
      const outcome = await ingestFile(deps, {
        collectionId,
        collection: request.collection,
        source: file.source,
        bytes: await file.read(),
        accessGroups: request.accessGroups,
      });
      counters[outcome.action]++;
      counters.pages += outcome.pages;
      counters.chunks += outcome.chunks;
      files.push({ source: file.source, action: outcome.action, documentId: outcome.documentId });
    } catch (error) {
      counters.failed++;
      files.push({ source: file.source, action: "failed", error: describeFailure(error) });
    }
    counters.filesDone++;
    await store.updateJob(request.jobId, { counters, files });
    request.onProgress?.({ ...counters }, null);
  }

  const status: JobStatus =
    counters.failed === 0 ? "succeeded" : counters.failed === counters.filesTotal ? "failed" : "partial";
  await store.updateJob(request.jobId, { status, counters, files });
  return { status, counters, files };
}
