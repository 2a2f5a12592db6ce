/**
 * The few error kinds jikji raises. Each maps to one HTTP status in `src/api/errors.ts`
 * and to one CLI exit message; callers branch on the class, never on message text.
 */
export type ErrorCode =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "unsupported_media_type"
  | "payload_too_large"
  | "rate_limited"
  | "conflict"
  | "index_stale"
  | "document_unreadable"
  | "config_invalid"
  | "index_unavailable"
  | "store_unavailable"
  | "upstream_unavailable"
  | "upstream_timeout"
  | "upstream_error"
  | "internal";

export class JikjiError extends Error {
  readonly code: ErrorCode;
  /** Whether repeating the same call later may succeed (network blips, 429, 5xx). */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }
}

/** The request or file is wrong; repeating it unchanged will fail again. */
export class InvalidInputError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_input", message, options);
  }
}

export class NotFoundError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("not_found", message, options);
  }
}

export class UnsupportedMediaTypeError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("unsupported_media_type", message, options);
  }
}

export class PayloadTooLargeError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("payload_too_large", message, options);
  }
}

export class UnauthorizedError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("unauthorized", message, options);
  }
}

export class ForbiddenError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("forbidden", message, options);
  }
}

/** Too many requests from one key or address; `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends JikjiError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super("rate_limited", message, { retryable: true });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ConflictError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("conflict", message, options);
  }
}

/**
 * A backup file that cannot be restored: not a jikji backup, truncated, a part failing its checksum, or made by a
 * newer jikji. The message names the problem; nothing was written to the target.
 */
export class BackupInvalidError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_input", message, options);
  }
}

/**
 * The search index was built by another analyzer than this jikji's (src/operate/index-status.ts): writing new chunks
 * into it would mix two vocabularies. The message names the command that rebuilds it.
 */
export class StaleIndexError extends JikjiError {
  constructor(message: string) {
    super("index_stale", message);
  }
}

/** An upload job's lease passed to another instance (this one stalled past it): this one stops writing the job. */
export class JobTakenOverError extends ConflictError {
  constructor(message: string) {
    super(message);
    this.name = "JobTakenOverError";
  }
}

/** A file was accepted by type but could not be read (corrupt, encrypted, empty, no text layer). */
export class DocumentUnreadableError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("document_unreadable", message, options);
  }
}

export class ConfigError extends JikjiError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super("config_invalid", `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

/** The search index (embedded or Qdrant) could not be reached or refused the call. Not "no matches". */
export class IndexUnavailableError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super("index_unavailable", message, { retryable: true, ...options });
  }
}

export class StoreUnavailableError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("store_unavailable", message, { ...options, retryable: true });
  }
}

/** A model endpoint (LLM or embeddings) failed. `kind` picks 502/503/504. */
export class UpstreamError extends JikjiError {
  readonly status: number | undefined;
  constructor(
    kind: "upstream_unavailable" | "upstream_timeout" | "upstream_error",
    message: string,
    options?: { cause?: unknown; retryable?: boolean; status?: number },
  ) {
    super(kind, message, options);
    this.status = options?.status;
  }
}

/**
 * The second ranking stage failed (a /rerank server timed out, answered 5xx or something unreadable, a local
 * model could not run). Search catches it and keeps the first-stage order, so users never see it as a failure;
 * callers tell it apart by class (its code is the generic upstream one, so HTTP mapping needs nothing new).
 */
export class RerankUnavailableError extends JikjiError {
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super("upstream_unavailable", message, options);
  }
}

/** Whether an HTTP status from an upstream is worth retrying (vercel/ai's rule: 408, 409, 429, 5xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
