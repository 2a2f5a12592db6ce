/**
 * Compliance routes: a document's versions and a cited span with its surroundings. Both read documents under
 * the same access rules as search: a document the caller's groups may not read is "not found".
 */
import { Hono } from "hono";
import { z } from "zod";
import { spanOf } from "../compliance/span.ts";
import { NotFoundError } from "../errors.ts";
import type { DocumentSummary, Store } from "../store/store.ts";
import { readableGroups, type ApiEnv, type Principal } from "./auth.ts";
import { parseInput } from "./app.ts";

const uuidParam = z.string().uuid({ message: "must be a UUID" });
const spanQuery = z.object({
  start: z.coerce.number().int().min(0),
  end: z.coerce.number().int().min(1),
  version: z.coerce.number().int().min(1).optional(),
  context: z.coerce.number().int().min(0).max(5000).default(300),
});

function readable(document: DocumentSummary, principal: Principal): boolean {
  const groups = readableGroups(principal, undefined);
  if (groups === undefined || document.accessGroups.length === 0) return true;
  return document.accessGroups.some((group) => groups.includes(group));
}

export function createComplianceRoutes(deps: { store: Store }): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  const readableDocument = async (id: string, principal: Principal): Promise<DocumentSummary> => {
    const document = await deps.store.getDocument(id);
    if (!document || document.status !== "ready" || !readable(document, principal)) {
      throw new NotFoundError(`No document with id ${id}`);
    }
    return document;
  };

  routes.get("/v1/documents/:id/versions", async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const document = await readableDocument(id, c.get("principal"));
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

  routes.get("/v1/documents/:id/text", async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const query = parseInput(spanQuery, c.req.query(), "query");
    const document = await readableDocument(id, c.get("principal"));
    const version = query.version ?? document.version;
    if (!(await deps.store.listVersions(id)).some((row) => row.version === version)) {
      throw new NotFoundError(`Document ${id} has no version ${version}`);
    }
    const span = spanOf(await deps.store.chunksOfDocument(id, version), query.start, query.end, query.context);
    return c.json({ documentId: id, source: document.source, version, ...span });
  });

  return routes;
}
