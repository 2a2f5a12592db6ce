/**
 * The API's description and its reference page: `GET /openapi.json` (OpenAPI 3.1, generated from the routes'
 * declarations, src/api/openapi.ts) and `GET /docs`, a page jikji serves itself that renders that document in the
 * browser. Both are public like `/` and `/healthz`: the document describes the code, not the deployment's data,
 * and holds no secrets, keys or configuration. The page loads nothing from another origin (air-gapped sites).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { ApiEnv } from "./auth.ts";
import { errorResponses } from "./errors.ts";
import { defineRoute, openApiDocument, PUBLIC } from "./openapi.ts";
import { PAGE_HEADERS } from "./ui.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));

const PAGES: Record<string, { file: string; type: string }> = {
  "/docs": { file: path.join(HERE, "ui/docs.html"), type: "text/html; charset=utf-8" },
  "/docs/docs.js": { file: path.join(HERE, "ui/docs.js"), type: "text/javascript; charset=utf-8" },
};

const OpenApiDocument = z
  .looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ id: "OpenApiDocument", description: "This document" });

/** The routes of `app`, which must already hold every other route: the document is built once, on first request. */
export function createReferenceRoutes(app: OpenAPIHono<ApiEnv>): OpenAPIHono<ApiEnv> {
  const routes = new OpenAPIHono<ApiEnv>();
  let document: string | null = null;
  defineRoute(
    routes,
    {
      method: "get",
      path: "/openapi.json",
      tags: ["Operations"],
      summary: "This API description (OpenAPI 3.1)",
      security: PUBLIC,
      responses: { 200: { description: "The document", content: { "application/json": { schema: OpenApiDocument } } }, ...errorResponses(403) },
    },
    (c) => {
      document ??= JSON.stringify(openApiDocument(app));
      return c.body(document, 200, { "content-type": "application/json" });
    },
  );
  const cache = new Map<string, string>();
  for (const [route, page] of Object.entries(PAGES)) {
    routes.get(route, async (c) => {
      let body = cache.get(page.file);
      if (body === undefined) {
        body = await fs.readFile(page.file, "utf8");
        cache.set(page.file, body);
      }
      return c.body(body, 200, { ...PAGE_HEADERS, "content-type": page.type, "cache-control": "no-cache" });
    });
  }
  return routes;
}
