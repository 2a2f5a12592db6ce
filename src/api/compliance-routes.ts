/**
 * Compliance routes: a document's versions and a cited span with its surroundings. Both read documents under
 * the same access rules as search: a document the caller's groups may not read is "not found".
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono } from "hono";
import { z } from "zod";
import { spanOf } from "../compliance/span.ts";
import { NotFoundError } from "../errors.ts";
import type { DocumentSummary, Store } from "../store/store.ts";
import { canRead, type ReadScope } from "../access/scope.ts";
import { noteAudit, requestScope, type ApiEnv } from "./auth.ts";
import { errorResponses } from "./errors.ts";
import { parseInput, queryInteger, queryOf } from "./fields.ts";
import { defineRoute, json, type RouteSpec } from "./openapi.ts";
import { DocumentVersions, TextSpan } from "./present.ts";

const uuidParam = z.string().uuid({ message: "must be a UUID" });
const spanQuery = z.object({
  start: queryInteger(0),
  end: queryInteger(1),
  version: queryInteger(1).optional(),
  context: queryInteger(0, 5000).default(300).meta({ description: "Characters of text shown either side" }),
});

const idPath = z.object({ id: uuidParam });

const versionsRoute: RouteSpec = {
  method: "get",
  path: "/v1/documents/{id}/versions",
  tags: ["Compliance"],
  summary: "A document's versions and the days each was in force",
  request: { params: idPath },
  responses: { 200: json(DocumentVersions, "The versions, oldest first"), ...errorResponses(400, 404) },
};

const textRoute: RouteSpec = {
  method: "get",
  path: "/v1/documents/{id}/text",
  tags: ["Compliance"],
  summary: "A span of a document's stored text (a cited quote's offsets) with its surroundings",
  request: { params: idPath, query: spanQuery },
  responses: { 200: json(TextSpan, "The span"), ...errorResponses(400, 404) },
};

export function createComplianceRoutes(deps: { store: Store }): Hono<ApiEnv> {
  const routes = new OpenAPIHono<ApiEnv>();

  // The one access check the other document routes make: a document the caller may not read is "not found".
  const readableDocument = async (id: string, scope: ReadScope): Promise<DocumentSummary> => {
    const document = await deps.store.getDocument(id);
    if (!document || document.status !== "ready" || !canRead(scope, document)) {
      throw new NotFoundError(`No document with id ${id}`);
    }
    return document;
  };

  defineRoute(routes, versionsRoute, async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const document = await readableDocument(id, requestScope(c));
    noteAudit(c, { documentIds: [id] });
    const versions = await deps.store.listVersions(id);
    return c.json({
      documentId: id,
      source: document.source,
      versions: versions.map((row) => ({
        version: row.version,
        current: row.version === document.version,
        effectiveFrom: row.effectiveFrom,
        effectiveTo: row.effectiveTo,
        title: row.title,
        sha256: row.sha256,
        chunkCount: row.chunkCount,
        createdAt: row.createdAt.toISOString(),
      })),
    });
  });

  defineRoute(routes, textRoute, async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const query = parseInput(spanQuery, queryOf(c), "query");
    const document = await readableDocument(id, requestScope(c));
    noteAudit(c, { documentIds: [id] });
    const version = query.version ?? document.version;
    if (!(await deps.store.listVersions(id)).some((row) => row.version === version)) {
      throw new NotFoundError(`Document ${id} has no version ${version}`);
    }
    const span = spanOf(await deps.store.chunksOfDocument(id, version), query.start, query.end, query.context);
    return c.json({ documentId: id, source: document.source, version, ...span });
  });

  return routes;
}
