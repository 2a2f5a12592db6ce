import fs from "node:fs/promises";
import path from "node:path";
import type { JobInput } from "../store/schema.ts";
import type { IngestDeps } from "./ingest.ts";
import { runIngestJob, type JobRequest } from "./jobs.ts";
import { parseWorkerCount } from "./pool.ts";

export interface QueuedJob {
  jobId: string;
  collection: string;
  accessGroups: readonly string[];
  inputs: readonly JobInput[];
  /** Not stored with the job (it is a secret): a job resumed after a restart runs without it. */
  pdfPassword?: string;
  /** Parse again even when the bytes are unchanged (re-ingest); like the password, not kept across a restart. */
  force?: boolean;
  /** First day the uploaded versions are in force (ISO day). */
  effectiveFrom?: string;
}

/**
 * Runs upload jobs one at a time in the server process, so one large batch cannot starve memory.
 * Uploads live in `<dataDir>/uploads` under names derived from the job id and are removed when
 * their job ends; jobs left queued or running by a crash are resumed at start-up (`resumeUnfinished`).
 */
export interface QueueObserver {
  /** Each file's end: metrics and a log line. */
  fileDone?: (jobId: string, step: Parameters<NonNullable<JobRequest["onFileDone"]>>[0]) => void;
  /** A job's end, with how it ended. */
  jobDone?: (jobId: string, outcome: { status: string; seconds: number; files: number; error?: string }) => void;
}

export function createIngestQueue(deps: IngestDeps & { uploadsDir: string; maxFileBytes: number; observe?: QueueObserver }) {
  let tail: Promise<void> = Promise.resolve();
  const pending = new Set<string>();

  async function run(job: QueuedJob): Promise<void> {
    const files = await Promise.all(
      job.inputs.map(async (input) => {
        const file = path.join(deps.uploadsDir, input.upload);
        const stat = await fs.stat(file).catch(() => null);
        return { source: input.source, sizeBytes: stat?.size ?? 0, read: async () => new Uint8Array(await fs.readFile(file)) };
      }),
    );
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const report = await runIngestJob(deps, {
        jobId: job.jobId,
        collection: job.collection,
        accessGroups: job.accessGroups,
        files,
        maxFileBytes: deps.maxFileBytes,
        parseAhead: parseWorkerCount(),
        ...(job.pdfPassword !== undefined ? { pdfPassword: job.pdfPassword } : {}),
        ...(job.force ? { force: true } : {}),
        ...(job.effectiveFrom !== undefined ? { effectiveFrom: job.effectiveFrom } : {}),
        ...(deps.observe?.fileDone ? { onFileDone: (step) => deps.observe!.fileDone!(job.jobId, step) } : {}),
      });
      deps.observe?.jobDone?.(job.jobId, { status: report.status, seconds: seconds(), files: report.files.length });
      await Promise.all(job.inputs.map((input) => fs.rm(path.join(deps.uploadsDir, input.upload), { force: true })));
    } catch (error) {
      deps.observe?.jobDone?.(job.jobId, { status: "failed", seconds: seconds(), files: job.inputs.length, error: error instanceof Error ? error.name : "unexpected" });
      await deps.store.updateJob(job.jobId, { status: "failed", error: String(error) }).catch(() => undefined);
    }
  }

  function enqueue(job: QueuedJob): void {
    pending.add(job.jobId);
    tail = tail.then(() => run(job)).finally(() => pending.delete(job.jobId));
  }

  return {
    enqueue,
    /**
     * Queues again the upload jobs a stopped server left queued or running; files they finished come back
     * "unchanged". A job whose files were never stored is marked failed. Returns how many were queued.
     */
    async resumeUnfinished(): Promise<number> {
      let resumed = 0;
      for (const job of await deps.store.unfinishedJobs()) {
        const collection = job.collectionId ? await deps.store.collectionName(job.collectionId) : null;
        if (collection === null || job.inputs.length === 0) {
          await deps.store.updateJob(job.id, { status: "failed", error: "interrupted before its files were stored" });
          continue;
        }
        enqueue({ jobId: job.id, collection, accessGroups: job.accessGroups, inputs: job.inputs });
        resumed++;
      }
      return resumed;
    },
    /** Resolves when every job enqueued so far has finished. */
    idle(): Promise<void> {
      return tail;
    },
    get size(): number {
      return pending.size;
    },
  };
}

export type IngestQueue = ReturnType<typeof createIngestQueue>;
