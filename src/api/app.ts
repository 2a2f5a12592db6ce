import { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import type { AuditLog } from "../access/audit.ts";
import type { Authenticator } from "../access/authenticate.ts";
import { mayUseCollection, requireLabels, requireRole, requireWrite } from "../access/principal.ts";
import type { RateLimiter } from "../access/rate-limit.ts";
import { canRead, type UngroupedPolicy } from "../access/scope.ts";
import type { HttpLimits } from "../config.ts";
import { InvalidInputError, JikjiError, NotFoundError, PayloadTooLargeError, RateLimitedError, UnsupportedMediaTypeError } from "../errors.ts";
import { parseIsoDay } from "../ingest/effective-date.ts";
import { sourceName } from "../ingest/files.ts";
import type { IngestQueue } from "../ingest/queue.ts";
import type { IndexStatus } from "../operate/index-status.ts";
import { deleteByIdOrSource, submitUpload } from "../ingest/uploads.ts";
import type { OriginalStore } from "../ingest/originals.ts";
import type { SearchIndex } from "../retrieve/index/port.ts";
import { hitSummary, type SearchRequest, type SearchResult } from "../retrieve/types.ts";
import type { AccessStore } from "../store/access-store.ts";
import type { Store } from "../store/store.ts";
import { createAccessRoutes } from "./access-routes.ts";
import { auditRequests, authenticate, noteAudit, requestFilter, requestScope, type ApiEnv } from "./auth.ts";
import { errorResponses, toHttpError } from "./errors.ts";
import { collectionField, groupsField, jsonBody, kField, parseInput, queryInteger, queryOf, questionField, uuidParam } from "./fields.ts";
import { checkHost, checkOrigin, limitBody, securityHeaders } from "./guard.ts";
import { defineRoute, json, jsonRequest, PUBLIC, type RouteSpec } from "./openapi.ts";
import { DocumentList, DocumentSchema, Health, JobAccepted, JobSchema, presentDocument, presentJob, SearchResponse } from "./present.ts";
import { createReferenceRoutes } from "./reference.ts";
import { createUiRoutes } from "./ui.ts";
import { createWorkspaceRoutes } from "./workspace-routes.ts";

export { parseInput } from "./fields.ts";

export interface AppDeps {
  store: Store;
  index: SearchIndex;
  search: (request: SearchRequest) => Promise<SearchResult>;
  queue: IngestQueue;
  /** Original bytes for the source viewer; `/v1/documents/:id/original` answers 404 without it. */
  originals?: OriginalStore;
  maxUploadBytes: number;
  /** Files one upload may carry (JIKJI_MAX_UPLOAD_FILES); absent: no cap. */
  maxUploadFiles?: number;
  /** Extra routes (answers, assist) mounted at the root, behind the same guards and access check. */
  routes?: Hono<ApiEnv>[];
  /** Who is calling; null makes every caller the trusted local user (loopback tools, single-route tests). */
  authenticator: Authenticator | null;
  /** Keys and the audit trail, for `/v1/keys` and `/v1/audit`; absent when the app has none. */
  accessStore?: AccessStore;
  audit?: AuditLog | null;
  rateLimits?: { perAddress: RateLimiter; authFailures: RateLimiter; perKey: RateLimiter } | null;
  http: Pick<HttpLimits, "maxJsonBytes" | "allowedHosts" | "allowedOrigins">;
  ungrouped: UngroupedPolicy;
  info: { store: string; index: string; embedder: string | null; generator: string | null };
  /** Whether the index matches this jikji's analyzer (read again while stale), for the health route; absent: not reported. */
  indexStatus?: () => Promise<IndexStatus>;
  onError?: (error: unknown) => void;
  /** Runs first on every request: request id, log line, request metrics (src/api/observe.ts). */
  observe?: MiddlewareHandler<ApiEnv>;
}

const searchBody = z.object({
  query: questionField.meta({ description: "What to look for, in Korean or English" }),
  k: kField(100).default(10).meta({ description: "Number of passages wanted" }),
  collection: collectionField.optional(),
  accessGroups: groupsField.optional(),
  asOf: z
    .string()
    .refine((value) => parseIsoDay(value) !== null, { message: "must be a date like 2025-03-01" })
    .optional()
    .meta({ description: "Search the versions in force that day (collections that keep history)", example: "2025-03-01" }),
});


const isoDayField = z.string().refine((value) => parseIsoDay(value) !== null, { message: "must be a date like 2025-03-01" });
const formBoolean = z.enum(["true", "false"]).transform((value) => value === "true");
/** Collection settings an upload may change: keep versions as history, answer strictly by default. */
const collectionSettingsFields = z.object({ keepHistory: formBoolean.optional(), strict: formBoolean.optional() });

const pdfPasswordField = z.string().min(1).max(1024);

const listQuery = z.object({
  collection: collectionField.optional(),
  limit: queryInteger(1, 1000).default(100),
  offset: queryInteger(0).default(0),
});

/** The multipart form of an upload, for the document; the handler reads each field with the schema named here. */
const uploadForm = z.object({
  file: z
    .array(z.string().meta({ format: "binary" }))
    .min(1)
    .meta({ description: "One or more files (PDF, DOCX, HWP, HTML, Markdown, text…); repeat the field for several, at most JIKJI_MAX_UPLOAD_FILES (1000)" }),
  collection: collectionField.default("default"),
  accessGroups: z.string().optional().meta({ description: "Groups that may read the documents, comma-separated or the field repeated" }),
  pdfPassword: pdfPasswordField.optional().meta({ description: "Opens password-protected PDFs; never stored" }),
  effectiveFrom: isoDayField.optional().meta({ description: "First day the uploaded versions are in force", example: "2025-03-01" }),
  keepHistory: collectionSettingsFields.shape.keepHistory.meta({ description: "Collection setting: keep replaced versions as history" }),
  strict: collectionSettingsFields.shape.strict.meta({ description: "Collection setting: answer strictly (every sentence a verified quote)" }),
});

const idPath = z.object({ id: uuidParam });

const healthRoute: RouteSpec = {
  method: "get",
  path: "/healthz",
  tags: ["Operations"],
  summary: "Health: whether the store answers; counts for identified callers",
  security: PUBLIC,
  responses: { 200: json(Health, "The store answers"), 503: json(Health, "The store does not answer"), ...errorResponses(403) },
};

const searchRoute: RouteSpec = {
  method: "post",
  path: "/v1/search",
  tags: ["Search and answers"],
  summary: "Search passages, within the caller's groups and collections",
  request: { body: jsonRequest(searchBody) },
  responses: { 200: json(SearchResponse, "Passages, best first"), ...errorResponses(400, 413, 415, 502, 503, 504) },
};

const uploadRoute: RouteSpec = {
  method: "post",
  path: "/v1/documents",
  tags: ["Documents"],
  summary: "Upload documents; a job ingests them (editors)",
  request: { body: { required: true, content: { "multipart/form-data": { schema: uploadForm } } } },
  responses: {
    202: {
      ...json(JobAccepted, "Accepted; follow the job at Location"),
      headers: { Location: { description: "The job, `/v1/jobs/{id}`", schema: { type: "string" } } },
    },
    ...errorResponses(400, 413, 415),
  },
};

const listDocumentsRoute: RouteSpec = {
  method: "get",
  path: "/v1/documents",
  tags: ["Documents"],
  summary: "List the documents the caller may read",
  request: { query: listQuery },
  responses: { 200: json(DocumentList, "A page of documents"), ...errorResponses(400) },
};

const getDocumentRoute: RouteSpec = {
  method: "get",
  path: "/v1/documents/{id}",
  tags: ["Documents"],
  summary: "One document",
  request: { params: idPath },
  responses: { 200: json(DocumentSchema, "The document"), ...errorResponses(400, 404) },
};

const deleteDocumentRoute: RouteSpec = {
  method: "delete",
  path: "/v1/documents/{id}",
  tags: ["Documents"],
  summary: "Delete a document with its versions, chunks and index points (editors)",
  request: { params: idPath },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 404, 503) },
};

const jobRoute: RouteSpec = {
  method: "get",
  path: "/v1/jobs/{id}",
  tags: ["Documents"],
  summary: "An upload job's progress, and the outcome per file (editors)",
  request: { params: idPath },
  responses: { 200: json(JobSchema, "The job"), ...errorResponses(400, 404) },
};

/** Builds the HTTP API from its dependencies; `serve` passes real adapters, tests pass others. */
export function createApp(deps: AppDeps): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>();
  const ungroupedArePublic = deps.ungrouped === "public";

  app.onError((error, c) => {
    if (!(error instanceof JikjiError)) deps.onError?.(error);
    if (error instanceof RateLimitedError) c.header("retry-after", String(error.retryAfterSeconds));
    const { status, body } = toHttpError(error);
    return c.json(body, status);
  });
  app.notFound((c) => c.json({ error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` } }, 404));

  if (deps.observe) app.use("*", deps.observe);
  // The audit row is opened first, so requests refused by any check below (Host, Origin, size, key) are recorded.
  app.use("/v1/*", auditRequests(deps.audit ?? null));
  app.use("*", securityHeaders, checkHost(deps.http), checkOrigin(deps.http));
  app.use("/v1/*", async (c, next) => {
    // Uploads have their own, larger limit; every other body is JSON and small.
    if (c.req.method === "POST" && c.req.path === "/v1/documents") return next();
    return limitBody(deps.http.maxJsonBytes)(c, next);
  });
  // A stale index still answers, but every answer says so, for clients that never read the health route (which says why).
  app.use("/v1/*", async (c, next) => {
    await next();
    if ((await deps.indexStatus?.())?.state === "stale") c.header("X-Jikji-Index", "stale; run jikji reindex");
  });
  app.use("/v1/*", authenticate({ authenticator: deps.authenticator, ungrouped: deps.ungrouped, limits: deps.rateLimits ?? null }));

  defineRoute(app, healthRoute, async (c) => {
    let ok = true;
    try {
      await deps.store.ping();
    } catch {
      ok = false;
    }
    const caller = deps.authenticator
      ? await deps.authenticator.identify(c.req.header("authorization")).catch(() => null)
      : { name: "local" };
    if (!ok) return c.json({ status: "unavailable" }, 503);
    // A stale index still answers (status stays ok) but says so; what it names (collections) only to identified callers.
    const indexStatus = await deps.indexStatus?.();
    if (caller === null) return c.json({ status: "ok", ...(indexStatus ? { indexStatus: { state: indexStatus.state } } : {}) });
    const counts = await deps.store.counts();
    return c.json({
      status: "ok",
      ...deps.info,
      ...counts,
      jobsQueued: deps.queue.size,
      ...(indexStatus
        ? {
            indexStatus: {
              state: indexStatus.state,
              analyzerBuilt: indexStatus.analyzer.built,
              analyzerCurrent: indexStatus.analyzer.current,
              decomposedCollections: indexStatus.decomposedCollections,
              decomposedGroups: indexStatus.decomposedGroups,
              message: indexStatus.message,
            },
          }
        : {}),
    });
  });

  defineRoute(app, searchRoute, async (c) => {
    const body = await jsonBody(c, searchBody);
    noteAudit(c, { query: body.query });
    const filter = requestFilter(c, body);
    const result = await deps.search({ query: body.query, k: body.k, filter: body.asOf ? { ...filter, asOf: body.asOf } : filter });
    noteAudit(c, { documentIds: result.hits.map((hit) => hit.documentId), chunkIds: result.hits.map((hit) => hit.chunkId) });
    return c.json({
      query: result.query,
      hits: result.hits.map((hit) => ({
        ...hitSummary(hit),
        collection: hit.collection,
        headingPath: hit.headingPath,
        pageEnd: hit.pageEnd,
        version: hit.version,
        tableHeader: hit.tableHeader ?? null,
      })),
      // Which second stage ordered the hits, and whether it failed so the first-stage order was kept.
      ...(result.rerank ? { rerank: result.rerank } : {}),
    });
  });

  defineRoute(
    app,
    uploadRoute,
    limitBody(deps.maxUploadBytes),
    async (c, next) => {
      // Refused before the body is read: a reader cannot make the server buffer an upload.
      requireRole(c.get("principal"), "editor", "Uploading documents");
      return next();
    },
    async (c) => {
      const type = c.req.header("content-type") ?? "";
      if (!type.startsWith("multipart/form-data")) {
        throw new UnsupportedMediaTypeError("Upload documents as multipart/form-data with one or more 'file' fields");
      }
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch (error) {
        if (error instanceof PayloadTooLargeError) throw error;
        throw new InvalidInputError("Malformed multipart body", { cause: error });
      }
      for (const single of ["collection", "pdfPassword", "effectiveFrom", "keepHistory", "strict"]) {
        const given = form.getAll(single).length;
        if (given > 1) throw new InvalidInputError(`body.${single}: given ${given} times; give it once`);
      }
      const uploads = form.getAll("file").filter((value): value is File => typeof value !== "string");
      if (deps.maxUploadFiles !== undefined && uploads.length > deps.maxUploadFiles) {
        throw new PayloadTooLargeError(
          `body.file: at most ${deps.maxUploadFiles} files per upload (JIKJI_MAX_UPLOAD_FILES); this one has ${uploads.length}, upload the rest separately`,
        );
      }
      const collection = parseInput(collectionField, form.get("collection") ?? "default", "body.collection");
      const accessGroups = parseInput(
        groupsField,
        form
          .getAll("accessGroups")
          .flatMap((value) => String(value).split(","))
          .map((group) => group.trim())
          .filter((group) => group !== ""),
        "body.accessGroups",
      );
      const principal = c.get("principal");
      requireWrite(principal, collection);
      requireLabels(principal, accessGroups, ungroupedArePublic);
      const pdfPassword = parseInput(pdfPasswordField.optional(), form.get("pdfPassword") ?? undefined, "body.pdfPassword");
      const files = await Promise.all(
        uploads.map(async (upload) => ({ source: cleanFileName(upload.name), bytes: new Uint8Array(await upload.arrayBuffer()) })),
      );
      const effectiveFrom = parseInput(isoDayField.optional(), form.get("effectiveFrom") ?? undefined, "body.effectiveFrom");
      const settings = parseInput(
        collectionSettingsFields,
        { keepHistory: form.get("keepHistory") ?? undefined, strict: form.get("strict") ?? undefined },
        "body",
      );
      const job = await submitUpload(deps, {
        collection,
        accessGroups,
        files,
        ...(pdfPassword !== undefined ? { pdfPassword } : {}),
        ...(effectiveFrom !== undefined ? { effectiveFrom } : {}),
        ...(settings.keepHistory !== undefined || settings.strict !== undefined ? { settings } : {}),
      });
      noteAudit(c, { detail: { jobId: job.jobId, collection, accessGroups, files: job.files } });
      c.header("Location", `/v1/jobs/${job.jobId}`);
      return c.json({ jobId: job.jobId, status: "queued", collection, files: job.files }, 202);
    },
  );

  defineRoute(app, listDocumentsRoute, async (c) => {
    const query = parseInput(listQuery, queryOf(c), "query");
    const rows = await deps.store.listDocuments({ scope: requestScope(c, query), limit: query.limit, offset: query.offset });
    noteAudit(c, { documentIds: rows.map((row) => row.id) });
    return c.json({ documents: rows.map(presentDocument), limit: query.limit, offset: query.offset });
  });

  defineRoute(app, getDocumentRoute, async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const document = await deps.store.getDocument(id);
    // A document the caller may not read does not exist for them: the answer is the same 404.
    if (!document || !canRead(requestScope(c), document)) throw new NotFoundError(`No document with id ${id}`);
    noteAudit(c, { documentIds: [id] });
    return c.json(presentDocument(document));
  });

  defineRoute(app, deleteDocumentRoute, async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const principal = c.get("principal");
    requireRole(principal, "editor", "Deleting documents");
    const scope = requestScope(c);
    const deleted = await deleteByIdOrSource(deps, id, {
      mayDelete: (document) => canRead(scope, document) && mayUseCollection(principal, document.collection),
    });
    noteAudit(c, { documentIds: [deleted.id], detail: { deleted: { source: deleted.source, collection: deleted.collection } } });
    return c.body(null, 204);
  });

  defineRoute(app, jobRoute, async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const principal = c.get("principal");
    requireRole(principal, "editor", "Reading upload jobs");
    const job = await deps.store.getJob(id);
    const collection = job?.collectionId ? await deps.store.collectionName(job.collectionId) : null;
    if (!job || (principal.collections !== null && (collection === null || !mayUseCollection(principal, collection)))) {
      throw new NotFoundError(`No job with id ${id}`);
    }
    return c.json(presentJob(job));
  });

  if (deps.accessStore) app.route("/", createAccessRoutes({ accessStore: deps.accessStore, authenticator: deps.authenticator, audit: deps.audit ?? null }));
  for (const routes of deps.routes ?? []) app.route("/", routes);
  app.route("/", createWorkspaceRoutes({ store: deps.store, originals: deps.originals ?? null, queue: deps.queue }));
  app.route("/", createUiRoutes());
  app.route("/", createReferenceRoutes(app));
  return app;
}

/** A display name for an uploaded file: its last path segment as `sourceName` cleans it (NFC, no control characters). */
export function cleanFileName(name: string): string {
  const last = sourceName(name).split(/[\\/]/).pop() ?? "";
  const cleaned = last.trim().slice(0, 255);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "upload" : cleaned;
}
