import { createHash, randomUUID } from "node:crypto";
import type { AccessStore, NewAuditRow } from "../store/access-store.ts";
import type { AuditOutcome } from "../store/schema.ts";
import type { Principal } from "./principal.ts";

/** One request worth remembering: who, what, what they got, how it ended. */
export interface AuditEntry {
  principal: Principal | null;
  clientAddress: string | null;
  method: string;
  route: string;
  status: number;
  query?: string | null;
  documentIds?: readonly string[];
  chunkIds?: readonly string[];
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  /** Queues an entry; never waits on the store, so a search is not slowed by its own audit row. */
  record(entry: AuditEntry): void;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface AuditOptions {
  hashQueries: boolean;
  retentionDays: number;
  flushEveryMs?: number;
  onError?: (error: unknown) => void;
}

const MAX_BATCH = 500;
/** Entries kept while the store is unreachable; past this the oldest are dropped (and reported). */
const MAX_QUEUED = 50_000;
const DAY_MS = 86_400_000;

export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return "ok";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 429) return "rate_limited";
  if (status < 500) return "invalid";
  return "error";
}

/** Query text as stored: verbatim, or its SHA-256 where the log must not hold what people asked. */
export function auditQuery(query: string, hash: boolean): string {
  return hash ? `sha256:${createHash("sha256").update(query).digest("hex")}` : query.slice(0, 4000);
}

/**
 * Text as the store can keep it: PostgreSQL refuses U+0000 in text and jsonb, and one such row would fail its whole
 * batch on every retry, so nothing after it would ever be written. NUL becomes U+FFFD, visibly not the original.
 */
export function storableText(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\ufffd") : text;
}

function storableDetail(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storableDetail);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [storableText(key), storableDetail(inner)]));
  }
  return value;
}

/** The audit trail, written in batches off the request path, pruned to its retention. */
export function createAuditLog(store: AccessStore, options: AuditOptions): AuditLog {
  let queue: NewAuditRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  const write = async () => {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      try {
        await store.insertAudit(batch);
      } catch (error) {
        queue = [...batch, ...queue].slice(-MAX_QUEUED);
        options.onError?.(error);
        return;
      }
    }
  };
  const flush = () => {
    writing = writing.then(write);
    return writing;
  };
  let pruning: Promise<unknown> = Promise.resolve();
  const prune = () => {
    pruning = store.pruneAudit(new Date(Date.now() - options.retentionDays * DAY_MS)).catch((error) => options.onError?.(error));
  };

  const timer = setInterval(() => void flush(), options.flushEveryMs ?? 1000);
  timer.unref();
  prune();
  const pruner = setInterval(prune, DAY_MS / 4);
  pruner.unref();

  return {
    record(entry) {
      if (closed) return;
      queue.push({
        id: randomUUID(),
        at: new Date(),
        actor: entry.principal ? storableText(entry.principal.name) : null,
        keyId: entry.principal?.keyId ?? null,
        via: entry.principal?.via ?? null,
        clientAddress: entry.clientAddress,
        method: storableText(entry.method),
        route: storableText(entry.route),
        status: entry.status,
        outcome: outcomeOf(entry.status),
        query: entry.query ? storableText(auditQuery(entry.query, options.hashQueries)) : null,
        documentIds: [...new Set(entry.documentIds ?? [])],
        chunkIds: [...new Set(entry.chunkIds ?? [])],
        detail: storableDetail(entry.detail ?? {}) as Record<string, unknown>,
      });
      if (queue.length > MAX_QUEUED) queue = queue.slice(-MAX_QUEUED);
      if (queue.length >= MAX_BATCH) void flush();
    },
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      clearInterval(pruner);
      await pruning;
      await flush();
    },
  };
}
