import type { ContentfulStatusCode } from "hono/utils/http-status";
import { JikjiError, type ErrorCode } from "../errors.ts";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unsupported_media_type: 415,
  document_unreadable: 422,
  config_invalid: 500,
  internal: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  index_unavailable: 503,
  store_unavailable: 503,
  upstream_timeout: 504,
};

export interface ErrorBody {
  error: { code: string; message: string };
}

/** The one translation from jikji's errors to HTTP; unknown errors never leak their message. */
export function toHttpError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof JikjiError) {
    return { status: STATUS[error.code], body: { error: { code: error.code, message: error.message } } };
  }
  return { status: 500, body: { error: { code: "internal", message: "Internal error" } } };
}
