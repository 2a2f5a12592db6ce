import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ForbiddenError, PayloadTooLargeError } from "../errors.ts";

export interface GuardOptions {
  /** Host names (without port) the server answers to, besides loopback names. */
  allowedHosts: readonly string[];
  /** Origins (scheme://host[:port]) other than the server's own that may send state-changing requests. */
  allowedOrigins: readonly string[];
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(0, trimmed.indexOf("]") + 1);
  return trimmed.replace(/:\d+$/, "");
}

function isLoopbackName(name: string): boolean {
  return LOOPBACK_NAMES.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name) || name.endsWith(".localhost");
}

/**
 * Answers only to known host names. A page on attacker.example that re-points its DNS name at 127.0.0.1
 * (DNS rebinding) reaches this server with `Host: attacker.example`, and is refused here.
 */
export function checkHost(options: GuardOptions): MiddlewareHandler {
  const allowed = new Set(options.allowedHosts.map(hostName));
  return async (c, next) => {
    const header = c.req.header("host") ?? new URL(c.req.url).host;
    const name = hostName(header);
    if (!isLoopbackName(name) && !allowed.has(name)) {
      throw new ForbiddenError(`Host "${name.slice(0, 100)}" is not one this server answers to (set JIKJI_ALLOWED_HOSTS)`);
    }
    return next();
  };
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses state-changing requests a browser sends on behalf of another site: a foreign `Origin` header, or
 * `Sec-Fetch-Site: cross-site`. Clients that are not browsers send neither and pass.
 */
export function checkOrigin(options: GuardOptions): MiddlewareHandler {
  const allowed = new Set(options.allowedOrigins.map((origin) => origin.toLowerCase().replace(/\/$/, "")));
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const host = (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase();
    if (origin !== undefined) {
      const sameOrigin = origin !== "null" && URL.canParse(origin) && new URL(origin).host.toLowerCase() === host;
      if (!sameOrigin && !allowed.has(origin.toLowerCase())) {
        throw new ForbiddenError(`Origin "${origin.slice(0, 100)}" may not change anything here (set JIKJI_ALLOWED_ORIGINS)`);
      }
    } else if (c.req.header("sec-fetch-site") === "cross-site") {
      throw new ForbiddenError("Cross-site requests may not change anything here");
    }
    return next();
  };
}

/** A byte limit on a request body, checked from Content-Length and again while it streams in. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PayloadTooLargeError(`body: must be at most ${Math.floor(maxBytes / 1024)} KB`);
    },
  });
}

/** Headers on every response: no sniffing, no framing (clickjacking), no referrer leaking document names. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("x-content-type-options", "nosniff");
  c.header("x-frame-options", "DENY");
  c.header("referrer-policy", "no-referrer");
};
