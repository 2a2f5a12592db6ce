import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { canRead } from "../access/scope.ts";
import { requireRole, requireWrite } from "../access/principal.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import type { IngestQueue } from "../ingest/queue.ts";
import { submitUpload } from "../ingest/uploads.ts";
import type { OriginalStore } from "../ingest/originals.ts";
import type { DocumentSummary, Store } from "../store/store.ts";
import { noteAudit, requestScope, type ApiEnv } from "./auth.ts";
import { errorResponses } from "./errors.ts";
import { parseInput, uuidParam } from "./fields.ts";
import { defineRoute, json, type RouteSpec } from "./openapi.ts";
import { DocumentChunks, JobAccepted } from "./present.ts";

export interface WorkspaceRouteDeps {
  store: Store;
  originals: OriginalStore | null;
  queue: IngestQueue;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PDFJS_BUILD = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/build/pdf.min.mjs"));

/** The workspace's own files (src/api/ui) and pdf.js's build, served by jikji itself: no CDN, no build step. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "/workspace": { file: path.join(HERE, "ui/workspace.html"), type: "text/html; charset=utf-8" },
  "/workspace/app.js": { file: path.join(HERE, "ui/app.js"), type: "text/javascript; charset=utf-8" },
  "/workspace/viewer.js": { file: path.join(HERE, "ui/viewer.js"), type: "text/javascript; charset=utf-8" },
  "/workspace/i18n.js": { file: path.join(HERE, "ui/i18n.js"), type: "text/javascript; charset=utf-8" },
  "/workspace/app.css": { file: path.join(HERE, "ui/app.css"), type: "text/css; charset=utf-8" },
  "/workspace/vendor/pdf.min.mjs": { file: path.join(PDFJS_BUILD, "pdf.min.mjs"), type: "text/javascript; charset=utf-8" },
  "/workspace/vendor/pdf.worker.min.mjs": { file: path.join(PDFJS_BUILD, "pdf.worker.min.mjs"), type: "text/javascript; charset=utf-8" },
};

/** Same policy as the page at `/`, plus a worker from this origin for pdf.js and blob: images it may draw. */
const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

const idPath = z.object({ id: uuidParam });

const originalRoute: RouteSpec = {
  method: "get",
  path: "/v1/documents/{id}/original",
  tags: ["Workspace"],
  summary: "The original file of the published version (PDFs inline, anything else as a download)",
  request: { params: idPath },
  responses: {
    200: {
      description: "The file's bytes",
      content: {
        "application/pdf": { schema: z.string().meta({ format: "binary" }) },
        "application/octet-stream": { schema: z.string().meta({ format: "binary" }) },
      },
    },
    ...errorResponses(400, 404),
  },
};

const reingestRoute: RouteSpec = {
  method: "post",
  path: "/v1/documents/{id}/reingest",
  tags: ["Workspace"],
  summary: "Parse the kept original again (after a parser upgrade), as a job (editors)",
  request: { params: idPath },
  responses: {
    202: {
      ...json(JobAccepted, "Accepted; follow the job at Location"),
      headers: { Location: { description: "The job, `/v1/jobs/{id}`", schema: { type: "string" } } },
    },
    ...errorResponses(400, 404, 409),
  },
};

const chunksRoute: RouteSpec = {
  method: "get",
  path: "/v1/documents/{id}/chunks",
  tags: ["Workspace"],
  summary: "The published version's extracted text, chunk by chunk, for the source viewer",
  request: { params: idPath },
  responses: { 200: json(DocumentChunks, "The chunks in order"), ...errorResponses(400, 404) },
};

/** The document a caller may read, or the same 404 whether it is missing or hidden from them. */
async function readable(c: Context<ApiEnv>, store: Store): Promise<DocumentSummary> {
  const id = parseInput(uuidParam, c.req.param("id"), "path.id");
  const document = await store.getDocument(id);
  if (!document || document.status !== "ready" || !canRead(requestScope(c), document)) throw new NotFoundError(`No document with id ${id}`);
  noteAudit(c, { documentIds: [id] });
  return document;
}

/**
 * The workspace page and the two reads its source viewer needs: the original file (PDFs are drawn by pdf.js in
 * the browser) and the extracted text of the published version (every other format). Both pass the same read
 * check as search.
 */
export function createWorkspaceRoutes(deps: WorkspaceRouteDeps): Hono<ApiEnv> {
  const routes = new OpenAPIHono<ApiEnv>();
  const cache = new Map<string, string>();

  for (const [route, asset] of Object.entries(ASSETS)) {
    routes.get(route, async (c) => {
      let body = cache.get(asset.file);
      if (body === undefined) {
        body = await fs.readFile(asset.file, "utf8");
        cache.set(asset.file, body);
      }
      return c.body(body, 200, { ...PAGE_HEADERS, "content-type": asset.type });
    });
  }

  defineRoute(routes, originalRoute, async (c) => {
    const document = await readable(c, deps.store);
    const bytes = deps.originals ? await deps.originals.get(document.id, document.version) : null;
    if (!bytes) throw new NotFoundError(`The original file of document ${document.id} was not kept (ingested before originals were stored)`);
    // Only PDFs are shown inline (by pdf.js, as data); anything else downloads, and nothing served here may run.
    const pdf = document.mediaType === "application/pdf";
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": pdf ? "application/pdf" : "application/octet-stream",
      "content-disposition": pdf ? "inline" : "attachment",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
    });
  });

  // Re-ingest: the kept original goes through the upload queue again, parsed afresh (after a parser upgrade),
  // with the same collection and groups; the answer is a job to follow like an upload's.
  defineRoute(routes, reingestRoute, async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "editor", "Re-ingesting documents");
    const document = await readable(c, deps.store);
    requireWrite(principal, document.collection);
    const bytes = deps.originals ? await deps.originals.get(document.id, document.version) : null;
    if (!bytes) throw new ConflictError(`The original file of ${document.source} was not kept; upload it again instead`);
    const job = await submitUpload(deps, {
      collection: document.collection,
      accessGroups: document.accessGroups,
      files: [{ source: document.source, bytes }],
      force: true,
    });
    noteAudit(c, { detail: { reingest: document.id, jobId: job.jobId } });
    c.header("Location", `/v1/jobs/${job.jobId}`);
    return c.json({ jobId: job.jobId, status: "queued", collection: document.collection, files: job.files }, 202);
  });

  defineRoute(routes, chunksRoute, async (c) => {
    const document = await readable(c, deps.store);
    const rows = await deps.store.chunksOfDocument(document.id, document.version);
    return c.json({
      document: {
        id: document.id,
        source: document.source,
        title: document.title,
        mediaType: document.mediaType,
        pageCount: document.pageCount,
        version: document.version,
      },
      chunks: rows
        .sort((a, b) => a.ordinal - b.ordinal)
        .map((row) => ({
          id: row.id,
          ordinal: row.ordinal,
          text: row.text,
          pageStart: row.pageStart,
          pageEnd: row.pageEnd,
          section: row.headingPath.join(" > "),
          role: row.role,
        })),
    });
  });

  return routes;
}
