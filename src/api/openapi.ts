/**
 * The API's OpenAPI 3.1 description, generated from the routes themselves.
 *
 * Every route is declared once with `defineRoute`: the declaration registers the handler on the app and its
 * description (request schemas, responses) in the app's OpenAPI registry, so a path or method cannot differ
 * between the two. The request schemas named in a declaration are the ones its handler validates with
 * (`jsonBody`, `parseInput`); validation stays in the handler so jikji's error body, its 415 rule for non-JSON
 * bodies and each route's order of checks are unchanged. Response schemas live with the presenters
 * (src/api/present.ts). test/api/openapi.test.ts sends every documented route real requests and checks the
 * answers against this document, and fails for any route that is registered but not documented.
 */
import { createRequire } from "node:module";
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { Env, Handler, MiddlewareHandler } from "hono";
import { z } from "zod";
import { errorResponses } from "./errors.ts";

const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

/** Either scheme fits the one `Authorization: Bearer …` header; the server tells them apart. */
const SECURITY: Array<Record<string, string[]>> = [{ apiKey: [] }, { sso: [] }];
/** Routes anyone reaching the server may call (still behind the Host and Origin checks). */
export const PUBLIC: RouteConfig["security"] = [];

/**
 * Errors any `/v1` route may answer, before or around its own: credentials, the caller's rights, rate limits, faults
 * (the app checks credentials and limits on `/v1/*` only).
 */
const COMMON_ERRORS = [401, 403, 429, 500];

export type RouteSpec = Omit<RouteConfig, "middleware">;

/**
 * Registers `handlers` for the route and the route's description. `/v1` routes also get the common errors
 * (401, 403, 429, 500); others list theirs, and their `security`.
 */
export function defineRoute<E extends Env>(app: OpenAPIHono<E>, spec: RouteSpec, ...handlers: Array<MiddlewareHandler<E> | Handler<E>>): void {
  const common = spec.path.startsWith("/v1/") ? errorResponses(...COMMON_ERRORS) : {};
  const responses = Object.fromEntries(
    Object.entries({ ...common, ...spec.responses }).map(([status, response]) => [status, withEventRefs(app, response)]),
  ) as RouteSpec["responses"];
  app.openAPIRegistry.registerPath({ ...spec, responses });
  const path = spec.path.replaceAll(/\{(\w+)\}/g, ":$1");
  (app.on as (method: string, path: string, ...handlers: Array<MiddlewareHandler<E> | Handler<E>>) => unknown)(spec.method.toUpperCase(), path, ...handlers);
}

/** `{ content: { "application/json": { schema } } }`, the usual body or response content. */
export function json<T extends z.ZodType>(schema: T, description = "") {
  return { description, content: { "application/json": { schema } } };
}

/** A JSON request body the route requires. */
export function jsonRequest<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

/**
 * `text/event-stream` content whose events' `data` is described by `event`, a schema with a `.meta({ id })`.
 * OpenAPI 3.1 has no place for the schema of one event, so it goes in the `x-event-data` extension as a reference
 * to the component; `defineRoute` registers the component.
 */
export function eventStreamContent(event: z.ZodType) {
  return { "text/event-stream": { schema: z.string().meta({ description: "Server-sent events" }), "x-event-data": event } };
}

/** A response with its `x-event-data` schemas registered as components and replaced by references to them. */
function withEventRefs<E extends Env>(app: OpenAPIHono<E>, response: unknown): unknown {
  const content = (response as { content?: Record<string, Record<string, unknown>> }).content;
  if (!content) return response;
  const rewritten = Object.entries(content).map(([type, media]) => {
    const event = media["x-event-data"];
    if (!(event instanceof z.ZodType)) return [type, media];
    const id = (z.globalRegistry.get(event) as { id?: string } | undefined)?.id;
    if (!id) throw new Error(`The event schema of a ${type} response needs .meta({ id })`);
    app.openAPIRegistry.register(id, event);
    return [type, { ...media, "x-event-data": { $ref: `#/components/schemas/${id}` } }];
  });
  return { ...(response as object), content: Object.fromEntries(rewritten) };
}

/** The document for an app whose routes were all declared with `defineRoute` (and mounted with `app.route`). */
export function openApiDocument<E extends Env>(app: OpenAPIHono<E>): Record<string, unknown> {
  const document = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "jikji API",
      version,
      description:
        "Answers questions over an organisation's documents (Korean and English) and cites the page each answer came from. " +
        "Every error is the `Error` body with a typed code. With no keys, tokens or SSO configured, every caller is the trusted " +
        "local user and the credentials below are not needed.",
      license: { name: "Apache-2.0" },
    },
    security: SECURITY,
  });
  const components = (document.components ??= {});
  components.securitySchemes = {
    apiKey: {
      type: "http",
      scheme: "bearer",
      description: "An API key from `jikji keys create` or `POST /v1/keys`, or a token from JIKJI_API_TOKENS",
    },
    sso: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: "An ID or access token from the configured SSO issuer (JIKJI_SSO_ISSUER), checked against its keys",
    },
    metricsToken: {
      type: "http",
      scheme: "bearer",
      description: "JIKJI_METRICS_TOKEN, for `/metrics` only; without it `/metrics` answers loopback callers only",
    },
  };
  return withoutRegexFlags(document) as Record<string, unknown>;
}

/**
 * zod-to-openapi 9.1 writes a regex with flags as `source/flags` (`^[\p{L}]+$/u`), which is no JSON Schema
 * pattern. JSON Schema patterns are ECMA-262 regexes read with Unicode semantics, so the flags are dropped.
 */
function withoutRegexFlags(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRegexFlags);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === "pattern" && typeof child === "string" ? child.replace(/(?<!\\)\/[dgimsuvy]+$/, "") : withoutRegexFlags(child),
    ]),
  );
}
