import type { Context, MiddlewareHandler } from "hono";
import type { AuditLog } from "../access/audit.ts";
import type { Authenticator } from "../access/authenticate.ts";
import { LOCAL_PRINCIPAL, requireRole, type Principal } from "../access/principal.ts";
import type { RateLimiter } from "../access/rate-limit.ts";
import { readFilter, readScope, type ReadScope, type UngroupedPolicy } from "../access/scope.ts";
import { RateLimitedError, UnauthorizedError } from "../errors.ts";
import type { SearchFilter } from "../retrieve/index/port.ts";

export type { Principal } from "../access/principal.ts";
export { ForbiddenError, UnauthorizedError } from "../errors.ts";

/** What a route adds to its request's audit row; a streaming route marks it pending and finishes it at the end. */
export interface AuditNote {
  query?: string;
  documentIds?: string[];
  chunkIds?: string[];
  detail?: Record<string, unknown>;
  pending?: boolean;
  /** Set by the audit middleware when the route is still streaming; the route calls it when done. */
  write?: () => void;
}

export interface ApiEnv {
  Variables: { principal: Principal; ungrouped: UngroupedPolicy; audit: AuditNote };
}

/** The client's address as the socket saw it (proxies' X-Forwarded-For is not trusted). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}

export interface AuthOptions {
  /** null = the trusted local user (tests of single routes). */
  authenticator: Authenticator | null;
  ungrouped?: UngroupedPolicy;
  limits?: { perAddress: RateLimiter; authFailures: RateLimiter; perKey: RateLimiter } | null;
}

/**
 * Identifies the caller (stored key, bootstrap token, SSO token, or the local user when none are configured),
 * within per-address, failed-attempt and per-key rate limits. Keys are never logged.
 */
export function authenticate(options: AuthOptions | Authenticator | null): MiddlewareHandler<ApiEnv> {
  const { authenticator, ungrouped = "collection", limits = null } =
    options === null || "identify" in options ? { authenticator: options as Authenticator | null } : options;
  return async (c, next) => {
    c.set("ungrouped", ungrouped);
    const address = clientAddress(c);
    let principal: Principal;
    try {
      principal = authenticator ? await authenticator.identify(c.req.header("authorization")) : LOCAL_PRINCIPAL;
    } catch (error) {
      // Failed sign-ins have their own, small allowance per address: a flood of guesses turns into 429s.
      if (error instanceof UnauthorizedError && limits) {
        try {
          limits.authFailures.take(`fail:${address}`, "address after failed sign-ins");
        } catch (limited) {
          if (limited instanceof RateLimitedError) throw limited;
        }
      }
      throw error;
    }
    c.set("principal", principal);
    // The trusted local user (no keys, tokens or SSO anywhere) is a tool on this machine: never limited.
    if (principal.via !== "local" && limits) {
      limits.perAddress.take(`ip:${address}`, "address");
      limits.perKey.take(`key:${principal.keyId ?? principal.name}`, "key");
    }
    return next();
  };
}

/** The filter this request reads under: the caller's principal narrowed by the request (src/access/scope.ts). */
export function requestFilter(
  c: Context<ApiEnv>,
  request: { collection?: string | undefined; accessGroups?: readonly string[] | undefined },
): SearchFilter {
  return readFilter(c.get("principal"), request, c.get("ungrouped") ?? "collection");
}

export function requestScope(
  c: Context<ApiEnv>,
  request: { collection?: string | undefined; accessGroups?: readonly string[] | undefined } = {},
): ReadScope {
  return readScope(c.get("principal"), request, c.get("ungrouped") ?? "collection");
}

/**
 * The groups a search runs under: what the caller asked for, narrowed to what their key allows. Kept for routes
 * written before `requestFilter`, which also applies collections and the rule for documents without groups.
 */
export function readableGroups(principal: Principal, requested: readonly string[] | undefined): string[] | undefined {
  if (principal.groups === null) return requested === undefined ? undefined : [...requested];
  if (requested === undefined) return [...principal.groups];
  return requested.filter((group) => principal.groups!.includes(group));
}

export function requireAdmin(c: Context<ApiEnv>): void {
  requireRole(c.get("principal"), "admin", "This route");
}

/** Notes for this request's audit row (merged; ids accumulate). */
export function noteAudit(c: Context<ApiEnv>, note: Omit<AuditNote, "write" | "pending">): void {
  const current = c.get("audit");
  if (!current) return;
  if (note.query !== undefined) current.query = note.query;
  if (note.documentIds) current.documentIds = [...(current.documentIds ?? []), ...note.documentIds];
  if (note.chunkIds) current.chunkIds = [...(current.chunkIds ?? []), ...note.chunkIds];
  if (note.detail) current.detail = { ...current.detail, ...note.detail };
}

/** Leaves an audit row for every request under it, after the response (or the stream) is complete. */
export function auditRequests(log: AuditLog | null): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const note: AuditNote = {};
    c.set("audit", note);
    await next();
    if (!log) return;
    const status = c.res.status;
    const write = () =>
      log.record({
        principal: c.get("principal") ?? null,
        clientAddress: clientAddress(c),
        method: c.req.method,
        route: c.req.path.slice(0, 300),
        status,
        ...(note.query !== undefined ? { query: note.query } : {}),
        ...(note.documentIds ? { documentIds: note.documentIds } : {}),
        ...(note.chunkIds ? { chunkIds: note.chunkIds } : {}),
        ...(note.detail ? { detail: note.detail } : {}),
      });
    if (note.pending) note.write = write;
    else write();
  };
}
