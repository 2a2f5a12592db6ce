import fs from "node:fs";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { JobTakenOverError, NotFoundError } from "../errors.ts";
import type { JobRow } from "../store/store.ts";
import type { IngestDeps } from "./ingest.ts";
import { runIngestJob, type JobRequest } from "./jobs.ts";
import { parseAheadDepth } from "./pool.ts";

/** What the instance that took an upload keeps in memory only: never in the job row, so another instance runs without it. */
export interface LocalJobSecrets {
  /** Opens encrypted PDFs; a job taken over by another instance (or resumed after a restart) runs without it. */
  pdfPassword?: string;
}

export interface QueueObserver {
  /** Each file's end: metrics and a log line. */
  fileDone?: (jobId: string, step: Parameters<NonNullable<JobRequest["onFileDone"]>>[0]) => void;
  /** A job's end, with how it ended. */
  jobDone?: (jobId: string, outcome: { status: string; seconds: number; files: number; error?: string }) => void;
}

export interface QueueOptions {
  /** This instance's name in `ingest_jobs.lease_owner` (host, pid and a random part: unique per process). */
  owner?: string;
  /** How long a claim holds without a heartbeat; the heartbeat renews it every third of that. */
  leaseMs?: number;
  /** How often a started queue looks for jobs other instances queued or abandoned. */
  pollMs?: number;
  /** Test hook: while this file exists, a job waits before each file after its first. */
  testPauseFile?: string | null;
  /**
   * No other instance can run jobs on this store (the embedded one, under the data dir lock): a job found running
   * at `start` was left by a process that is gone, and is taken at once rather than when its lease runs out.
   */
  soleInstance?: boolean;
}

/** A lease owner naming the process, so an operator (or a test) can tell which instance runs a job. */
export function instanceName(): string {
  return `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

/**
 * Runs upload jobs one at a time per instance, claimed from the store: `claimJob` takes the oldest queued job (or
 * one whose lease ran out because its instance died) with `FOR UPDATE SKIP LOCKED` and leases it; a heartbeat
 * renews the lease while the job runs. Uploaded bytes are read from the store (`staged_files`) and removed when the
 * job ends. A job taken over resumes after the files its first instance finished; a file that instance left half
 * written is cleaned and redone by `ingestFile`, so every file ends up ingested exactly once.
 *
 * `enqueue` wakes the local worker (which prefers the jobs it queued: it holds their PDF passwords); `start` (serve)
 * also polls, for jobs queued elsewhere and jobs whose instance died.
 */
export function createIngestQueue(deps: IngestDeps & { maxFileBytes: number; observe?: QueueObserver } & QueueOptions) {
  const owner = deps.owner ?? instanceName();
  const leaseMs = deps.leaseMs ?? 60_000;
  const pollMs = deps.pollMs ?? 2_000;
  const { store } = deps;
  /** Jobs queued here and not yet seen finished, with their in-memory secrets. */
  const local = new Map<string, LocalJobSecrets>();
  let draining: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let poller: NodeJS.Timeout | null = null;
  let idleWaiters: Array<() => void> = [];

  /** Idle: nothing running here, and every job queued here finished (after `stop`, the rest waits in the store). */
  function isIdle(): boolean {
    return draining === null && (local.size === 0 || stopped);
  }

  function settle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async function run(job: JobRow): Promise<void> {
    const secrets = local.get(job.id) ?? {};
    const collection = job.collectionId ? await store.collectionName(job.collectionId) : null;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let lost = false;
    const heartbeat = setInterval(() => {
      store.renewLease(job.id, owner, leaseMs).then(
        (held) => {
          if (!held) lost = true;
        },
        () => undefined, // A missed beat only shortens the margin; the lease itself decides.
      );
    }, Math.max(50, Math.floor(leaseMs / 3)));
    heartbeat.unref();
    try {
      if (collection === null) {
        await store.updateJob(job.id, { status: "failed", error: "its collection was deleted before the job ran" }, owner);
        return;
      }
      const files = job.inputs.map((input, ordinal) => ({
        source: input.source,
        // Jobs queued before uploads were staged in the store have no size (and no bytes: they fail by file).
        sizeBytes: input.sizeBytes ?? 0,
        read: async () => {
          const bytes = await store.readStagedFile(job.id, ordinal);
          if (bytes === null) throw new NotFoundError(`The uploaded bytes of ${input.source} are no longer stored; upload it again`);
          return bytes;
        },
      }));
      const report = await runIngestJob(deps, {
        jobId: job.id,
        collection,
        accessGroups: job.accessGroups,
        files,
        maxFileBytes: deps.maxFileBytes,
        parseAhead: parseAheadDepth(),
        owner,
        ...(job.attempts > 1 || job.files.length > 0 ? { resume: { counters: job.counters, files: job.files } } : {}),
        ...(secrets.pdfPassword !== undefined ? { pdfPassword: secrets.pdfPassword } : {}),
        ...(job.options.force ? { force: true } : {}),
        ...(job.options.effectiveFrom !== undefined ? { effectiveFrom: job.options.effectiveFrom } : {}),
        beforeFile: async () => {
          await pauseWhileTestFileExists(() => lost);
          if (lost) throw new JobTakenOverError(`Job ${job.id} was taken over by another instance after its lease ran out`);
        },
        ...(deps.observe?.fileDone ? { onFileDone: (step) => deps.observe!.fileDone!(job.id, step) } : {}),
      });
      // Its final status write removed the staged bytes in the same transaction.
      deps.observe?.jobDone?.(job.id, { status: report.status, seconds: seconds(), files: report.files.length });
    } catch (error) {
      // Taken over: the other instance finishes the job and reports it; this one leaves the row alone.
      if (error instanceof JobTakenOverError) return;
      deps.observe?.jobDone?.(job.id, { status: "failed", seconds: seconds(), files: job.inputs.length, error: error instanceof Error ? error.name : "unexpected" });
      await store.updateJob(job.id, { status: "failed", error: String(error) }, owner).catch(() => false);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Test hook only (JIKJI_TEST_PAUSE_FILE): waits, checking every 20 ms, while the file exists and the lease holds. */
  async function pauseWhileTestFileExists(lost: () => boolean): Promise<void> {
    const file = deps.testPauseFile;
    if (!file) return;
    while (fs.existsSync(file) && !lost() && !stopped) await sleep(20);
  }

  /** Claims and runs jobs until none is left; one drain at a time, and a wake during it drains again. */
  function drain(): Promise<void> {
    if (draining !== null) {
      again = true;
      return draining;
    }
    draining = (async () => {
      do {
        again = false;
        for (;;) {
          if (stopped) return;
          const job = await store.claimJob(owner, leaseMs, [...local.keys()]);
          if (job === null) break;
          try {
            await run(job);
          } finally {
            local.delete(job.id);
          }
        }
        await forgetJobsFinishedElsewhere();
      } while (again && !stopped);
    })()
      .catch(() => undefined) // A store outage: the next wake or poll tries again.
      .finally(() => {
        draining = null;
        settle();
      });
    return draining;
  }

  /** Jobs queued here but run (and finished) by another instance no longer keep `idle()` waiting. */
  async function forgetJobsFinishedElsewhere(): Promise<void> {
    for (const jobId of [...local.keys()]) {
      const row = await store.getJob(jobId);
      if (row === null || (row.status !== "queued" && row.status !== "running")) local.delete(jobId);
    }
  }

  return {
    /** The job was recorded with its staged bytes (`createUploadJob`): run it here if no other instance is faster. */
    enqueue(jobId: string, secrets: LocalJobSecrets = {}): void {
      local.set(jobId, secrets);
      void drain();
    },
    /**
     * Starts taking jobs: those left queued, those whose instance died (lease ran out) and, every `pollMs`, those
     * queued through other instances. Returns how many were waiting at start.
     */
    async start(): Promise<number> {
      if (deps.soleInstance) await store.voidLeases();
      const waiting = await store.claimableJobCount();
      stopped = false;
      if (poller === null) {
        poller = setInterval(() => void drain(), pollMs);
        poller.unref();
      }
      void drain();
      return waiting;
    },
    /** Stops polling and claiming; the job running now finishes (`idle` waits for it). */
    stop(): void {
      stopped = true;
      if (poller !== null) clearInterval(poller);
      poller = null;
      settle();
    },
    /**
     * Resolves when no job is running here and every job queued here has finished (here or elsewhere); after
     * `stop`, only the running job is waited for (the queued ones stay in the store for the next instance).
     */
    idle(): Promise<void> {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settle();
      });
    },
    /** Throws when jobs could not write into the index (stale: src/operate/index-status.ts), before one is queued. */
    async requireWritableIndex(): Promise<void> {
      await deps.checkIndexWritable?.();
    },
    /** Jobs queued through this instance and not yet finished. */
    get size(): number {
      return local.size;
    },
    owner,
  };
}

export type IngestQueue = ReturnType<typeof createIngestQueue>;
