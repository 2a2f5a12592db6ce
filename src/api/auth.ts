import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { JikjiError } from "../errors.ts";

/** Who is calling: what they may read (null = everything) and whether they may change documents. */
export interface Principal {
  name: string;
  groups: readonly string[] | null;
  admin: boolean;
}

export interface ApiEnv {
  Variables: { principal: Principal };
}

export class UnauthorizedError extends JikjiError {
  constructor(message: string) {
    super("unauthorized", message);
  }
}

export class ForbiddenError extends JikjiError {
  constructor(message: string) {
    super("forbidden", message);
  }
}

/** With no tokens configured the API is a local, trusted tool (it listens on loopback). */
const LOCAL_USER: Principal = { name: "local", groups: null, admin: true };

function digest(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

/**
 * Bearer-token authentication. Tokens are compared by digest in constant time and never logged;
 * each maps to the access groups its holder may read.
 */
export function authenticate(tokens: ReadonlyMap<string, Principal> | null): MiddlewareHandler<ApiEnv> {
  const known = tokens === null ? null : [...tokens].map(([token, principal]) => ({ digest: digest(token), principal }));
  return async (c, next) => {
    if (known === null) {
      c.set("principal", LOCAL_USER);
      return next();
    }
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError("Send an API token as 'Authorization: Bearer <token>'");
    const presented = digest(match[1]!);
    const found = known.find((entry) => timingSafeEqual(entry.digest, presented));
    if (!found) throw new UnauthorizedError("Unknown API token");
    c.set("principal", found.principal);
    return next();
  };
}

/**
 * The groups a search runs under: what the caller asked for, narrowed to what their token allows.
 * Undefined means no restriction, which only an unrestricted caller gets.
 */
export function readableGroups(principal: Principal, requested: readonly string[] | undefined): string[] | undefined {
  if (principal.groups === null) return requested === undefined ? undefined : [...requested];
  if (requested === undefined) return [...principal.groups];
  return requested.filter((group) => principal.groups!.includes(group));
}

export function requireAdmin(c: Context<ApiEnv>): void {
  if (!c.get("principal").admin) throw new ForbiddenError("This API token may search and ask, not change documents");
}
