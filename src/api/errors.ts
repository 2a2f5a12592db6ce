import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { JikjiError, type ErrorCode } from "../errors.ts";
import { isStoreConnectionLoss } from "../store/connection-loss.ts";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  index_stale: 409,
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

export const ERROR_CODES = Object.keys(STATUS) as [ErrorCode, ...ErrorCode[]];

/** The JSON body of every error response; described once in the OpenAPI document (`Error`) and referenced. */
export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES).meta({ description: "Stable machine-readable code; the HTTP status follows from it." }),
      message: z.string().meta({ description: "What was wrong, naming the field or the limit; never internal details." }),
    }),
  })
  .meta({ id: "Error", description: "An error: a typed code and a message for people." });

export type ErrorBody = z.infer<typeof ErrorBody>;

/** What each status means on jikji's routes, for the document's error responses. */
const ERROR_MEANING: Record<number, string> = {
  400: "Invalid input: the message names each field and the rule it broke (invalid_input)",
  401: "No credentials, or credentials not valid (unauthorized)",
  403: "The caller's role, groups or collections do not allow this, or the Host/Origin is refused (forbidden)",
  404: "Not found, or not readable by this caller: both answer the same (not_found)",
  409: "The request conflicts with the current state (conflict), or the search index must be rebuilt by `jikji reindex` before anything is written into it (index_stale)",
  413: "The body is over its size limit (payload_too_large)",
  415: "The body's Content-Type is not the one this route reads (unsupported_media_type)",
  422: "A document could not be read (document_unreadable)",
  429: "Too many requests from this address or key; see Retry-After (rate_limited)",
  500: "Internal error; the message says nothing more (internal)",
  502: "The model or embedding service answered with an error (upstream_error)",
  503: "The store, the index or a model service is unreachable (store_unavailable, index_unavailable, upstream_unavailable)",
  504: "The model or embedding service did not answer in time (upstream_timeout)",
};

/** Error responses for a route's description, each the one `Error` body. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_MEANING[status] ?? "Error", content: { "application/json": { schema: ErrorBody } } },
    ]),
  );
}

/** The one translation from jikji's errors to HTTP; unknown errors never leak their message. */
export function toHttpError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof JikjiError) {
    return { status: STATUS[error.code], body: { error: { code: error.code, message: error.message } } };
  }
  // PostgreSQL went away under the request (stopped, restarting, connection dropped): the store is unreachable and a
  // retry may succeed, which a 500 "Internal error" did not tell the client (qa3).
  if (isStoreConnectionLoss(error)) {
    return { status: 503, body: { error: { code: "store_unavailable", message: "The store is unreachable; retry shortly" } } };
  }
  return { status: 500, body: { error: { code: "internal", message: "Internal error" } } };
}
