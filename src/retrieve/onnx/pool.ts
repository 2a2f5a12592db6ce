/**
 * Worker threads that each hold one copy of a local model. A call goes to the worker with the fewest calls in
 * flight; a worker that dies fails its calls and is replaced on the next one. Workers are referenced only while
 * they have work, so an idle pool never keeps a CLI process alive.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { OnnxReply, OnnxRequest, OnnxWorkerData } from "./worker.ts";

const WORKER_URL = new URL("./worker.ts", import.meta.url);

export interface PoolResult {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** Distributive Omit, so each request kind keeps its own fields. */
type RequestBody = OnnxRequest extends infer R ? (R extends OnnxRequest ? Omit<R, "id"> : never) : never;

export interface OnnxPool {
  /** Milliseconds the first worker took to load the model. */
  readonly loadMs: number;
  readonly workers: number;
  run(request: RequestBody, signal?: AbortSignal): Promise<PoolResult>;
  close(): Promise<void>;
}

export interface PoolOptions {
  data: Omit<OnnxWorkerData, "threads">;
  /** Worker threads (copies of the model); default 1. */
  workers?: number;
  /** ONNX Runtime threads per worker; default: the cores divided among the workers. */
  threads?: number;
}

interface Slot {
  worker: Worker;
  ready: Promise<number>;
  pending: Map<number, { resolve: (result: PoolResult) => void; reject: (error: Error) => void }>;
  /**
   * Requests the worker is still computing, answered or not: a call dropped by an abort or a spent budget keeps
   * running. Terminating a worker inside ONNX Runtime's native code aborts the whole process, so `close` waits
   * for these to drain first.
   */
  inflight: Set<number>;
  drained: Array<() => void>;
}

/** How long `close` waits for computations already started before it terminates the workers anyway. */
const DRAIN_TIMEOUT_MS = 30_000;

export class OnnxWorkerError extends Error {}

/** Default intra-op threads: every core, shared among the workers. */
export function defaultThreads(workers: number): number {
  return Math.max(1, Math.floor(availableParallelism() / Math.max(1, workers)));
}

export async function startOnnxPool(options: PoolOptions): Promise<OnnxPool> {
  const workerCount = Math.max(1, options.workers ?? 1);
  const data: OnnxWorkerData = { ...options.data, threads: options.threads ?? defaultThreads(workerCount) };
  const slots: Array<Slot | null> = new Array(workerCount).fill(null);
  let nextId = 1;
  let closed = false;

  const spawn = (index: number): Slot => {
    // Referenced while it loads (the caller is waiting for it), then only while it has calls in flight.
    const worker = new Worker(WORKER_URL, { workerData: data });
    const pending: Slot["pending"] = new Map();
    const inflight = new Set<number>();
    const drained: Array<() => void> = [];
    const settle = () => {
      if (inflight.size > 0) return;
      for (const wake of drained.splice(0)) wake();
    };
    const failAll = (error: Error) => {
      for (const call of pending.values()) call.reject(error);
      pending.clear();
      inflight.clear();
      settle();
      if (slots[index]?.worker === worker) slots[index] = null;
    };
    const ready = new Promise<number>((resolve, reject) => {
      worker.on("message", (reply: OnnxReply) => {
        if ("type" in reply) {
          if (reply.type === "ready") resolve(reply.loadMs);
          else {
            reject(new OnnxWorkerError(reply.message));
            failAll(new OnnxWorkerError(reply.message));
            void worker.terminate();
          }
          return;
        }
        inflight.delete(reply.id);
        settle();
        const call = pending.get(reply.id);
        if (!call) return;
        pending.delete(reply.id);
        if (pending.size === 0) worker.unref();
        if (reply.ok) call.resolve({ rows: reply.rows, cols: reply.cols, data: reply.data });
        else call.reject(new OnnxWorkerError(reply.message));
      });
      worker.on("error", (error: Error & { code?: string }) => {
        if (error.code === "ERR_MODULE_NOT_FOUND" && error.message.includes("@huggingface/transformers")) {
          error = new OnnxWorkerError(
            "the optional dependency @huggingface/transformers is not installed; run `npm install --include=optional` (see the README, air-gapped installation)",
            { cause: error },
          );
        }
        reject(error);
        failAll(new OnnxWorkerError(`the model worker crashed: ${error.message}`));
      });
      worker.on("exit", (code) => {
        reject(new OnnxWorkerError(`the model worker stopped (exit code ${code}) while loading`));
        failAll(new OnnxWorkerError(`the model worker stopped (exit code ${code})`));
      });
    });
    ready.then(
      () => {
        if (pending.size === 0) worker.unref();
      },
      () => undefined,
    );
    const slot = { worker, ready, pending, inflight, drained };
    slots[index] = slot;
    return slot;
  };

  // Load every copy up front: a broken folder or model fails here, at start-up.
  const started = slots.map((_, index) => spawn(index));
  let loadMs: number;
  try {
    loadMs = (await Promise.all(started.map((slot) => slot.ready)))[0]!;
  } catch (error) {
    await Promise.all(started.map((slot) => slot.worker.terminate()));
    throw error;
  }

  return {
    loadMs,
    workers: workerCount,
    async run(request, signal) {
      if (closed) throw new OnnxWorkerError("the model pool is closed");
      signal?.throwIfAborted();
      let best = 0;
      for (let i = 1; i < slots.length; i++) {
        if ((slots[i]?.pending.size ?? 0) < (slots[best]?.pending.size ?? 0)) best = i;
      }
      const slot = slots[best] ?? spawn(best);
      await slot.ready;
      signal?.throwIfAborted();
      const id = nextId++;
      return new Promise<PoolResult>((resolve, reject) => {
        const onAbort = () => {
          // The worker finishes the batch anyway; its reply is dropped.
          slot.pending.delete(id);
          if (slot.pending.size === 0) slot.worker.unref();
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        slot.pending.set(id, {
          resolve: (result) => {
            signal?.removeEventListener("abort", onAbort);
            resolve(result);
          },
          reject: (error) => {
            signal?.removeEventListener("abort", onAbort);
            reject(error);
          },
        });
        slot.worker.ref();
        slot.inflight.add(id);
        slot.worker.postMessage({ ...request, id } as OnnxRequest);
      });
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (slot) => {
          if (!slot) return;
          for (const call of slot.pending.values()) call.reject(new OnnxWorkerError("the model pool was closed"));
          slot.pending.clear();
          if (slot.inflight.size > 0) {
            slot.worker.ref();
            let timer: NodeJS.Timeout | undefined;
            await new Promise<void>((resolve) => {
              slot.drained.push(resolve);
              timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
            });
            clearTimeout(timer);
          }
          await slot.worker.terminate();
        }),
      );
    },
  };
}
