import { timingSafeEqual } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import { matchedRoutes } from "hono/route";
import { isLoopback } from "../config.ts";
import { ForbiddenError, UnauthorizedError } from "../errors.ts";
import type { Observability } from "../operate/observer.ts";
import { clientAddress, type ApiEnv } from "./auth.ts";
import { errorResponses } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./openapi.ts";

/** A caller's request id is kept only when short and made of safe characters; otherwise one is generated. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(header: string | undefined): string {
  return header !== undefined && REQUEST_ID.test(header) ? header : crypto.randomUUID();
}

/** The route pattern that matched (`/v1/documents/:id`), never the raw path: metric labels stay bounded. */
function routeOf(c: Parameters<MiddlewareHandler>[0]): string {
  return matchedRoutes(c).find((route) => route.method !== "ALL")?.path ?? "unmatched";
}

/**
 * One log line and the request series per request, with a request id (from `X-Request-Id` or generated) returned
 * in the response. Logs method, route, status, duration and the principal's name; never the Authorization header,
 * tokens, bodies or query text (unless JIKJI_LOG_QUERIES=true, and then only the search/ask text the audit note holds).
 */
export function observeRequests(observability: Observability): MiddlewareHandler<ApiEnv> {
  const { metrics, logger, logQueries } = observability;
  return async (c, next) => {
    const start = performance.now();
    const id = requestId(c.req.header("x-request-id"));
    c.header("x-request-id", id);
    await next();
    // The response the error handler built may lack the header set before it ran.
    if (!c.res.headers.has("x-request-id")) {
      try {
        c.res.headers.set("x-request-id", id);
      } catch {
        // An immutable response (a proxied fetch) keeps its headers; the log line still has the id.
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const route = routeOf(c);
    const status = c.res.status;
    metrics.request(c.req.method, route, status, seconds);
    const line = {
      requestId: id,
      method: c.req.method,
      route,
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      principal: c.get("principal")?.name ?? null,
      ...(logQueries && c.get("audit")?.query !== undefined ? { query: c.get("audit").query } : {}),
    };
    if (status >= 500) logger.error(line, "request");
    else logger.info(line, "request");
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const metricsRoute: RouteSpec = {
  method: "get",
  path: "/metrics",
  tags: ["Operations"],
  summary: "Prometheus metrics (text exposition format)",
  description: "With JIKJI_METRICS_TOKEN set, only that bearer token reads it; without one, loopback callers only. API keys never open it.",
  security: [{ metricsToken: [] }, {}],
  responses: {
    200: { description: "The metrics", content: { "text/plain": { schema: z.string().meta({ description: "Prometheus text format 0.0.4" }) } } },
    ...errorResponses(401, 403),
  },
};

/**
 * `GET /metrics` in Prometheus text format. With a token (JIKJI_METRICS_TOKEN) only `Authorization: Bearer <it>`
 * reads it, from anywhere; without one only loopback callers do. API keys never open it: a reader's key is not an
 * operator's.
 */
export function createMetricsRoutes(deps: { observability: Observability; token: string | null }): Hono<ApiEnv> {
  const routes = new OpenAPIHono<ApiEnv>();
  defineRoute(routes, metricsRoute, async (c) => {
    if (deps.token !== null) {
      const header = c.req.header("authorization") ?? "";
      const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
      if (!sameToken(given, deps.token)) throw new UnauthorizedError("/metrics needs JIKJI_METRICS_TOKEN as a bearer token");
    } else if (!isLoopback(clientAddress(c).replace(/^::ffff:/, ""))) {
      throw new ForbiddenError("/metrics answers loopback callers only; set JIKJI_METRICS_TOKEN to scrape it from elsewhere");
    }
    const { registry } = deps.observability.metrics;
    return c.body(await registry.metrics(), 200, { "content-type": registry.contentType });
  });
  return routes;
}
