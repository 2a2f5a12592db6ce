import fs from "node:fs/promises";
import path from "node:path";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { InvalidInputError, JikjiError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors.ts";
import { detectMediaType } from "../ingest/detect.ts";
import { parseIsoDay } from "../ingest/effective-date.ts";
import { deleteDocument } from "../ingest/ingest.ts";
import type { IngestQueue } from "../ingest/queue.ts";
import type { SearchIndex } from "../retrieve/index/port.ts";
import { hitSummary, type SearchRequest, type SearchResult } from "../retrieve/types.ts";
import type { Store } from "../store/store.ts";
import { authenticate, readableGroups, requireAdmin, type ApiEnv, type Principal } from "./auth.ts";
import { toHttpError } from "./errors.ts";
import { presentDocument, presentJob } from "./present.ts";
import { createUiRoutes } from "./ui.ts";

export interface AppDeps {
  store: Store;
  index: SearchIndex;
  search: (request: SearchRequest) => Promise<SearchResult>;
  queue: IngestQueue;
  uploadsDir: string;
  maxUploadBytes: number;
  /** Extra routes (the answer API) mounted at the root. */
  routes?: Hono<ApiEnv>[];
  /** Bearer tokens and their holders; null when the API is a trusted local tool. */
  apiTokens?: ReadonlyMap<string, Principal> | null;
  info: { store: string; index: string; embedder: string | null; generator: string | null };
  onError?: (error: unknown) => void;
}

const groupName = z.string().trim().min(1).max(200);
const collectionName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\u0000-\u001f]+$/, { message: "must not contain control characters" });

const searchBody = z.object({
  query: z.string().trim().min(1, { message: "must not be empty" }).max(4000),
  k: z.number().int().min(1).max(100).default(10),
  collection: collectionName.optional(),
  accessGroups: z.array(groupName).max(100).optional(),
  asOf: z
    .string()
    .refine((value) => parseIsoDay(value) !== null, { message: "must be a date like 2025-03-01" })
    .optional(),
});


const isoDayField = z.string().refine((value) => parseIsoDay(value) !== null, { message: "must be a date like 2025-03-01" });
const formBoolean = z.enum(["true", "false"]).transform((value) => value === "true");
/** Collection settings an upload may change: keep versions as history, answer strictly by default. */
const collectionSettingsFields = z.object({ keepHistory: formBoolean.optional(), strict: formBoolean.optional() });

const listQuery = z.object({
  collection: collectionName.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const uuidParam = z.string().uuid({ message: "must be a UUID" });

/** Validates with zod; a failure becomes a 400 naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${[where, ...issue.path].join(".")}: ${issue.message}`);
  throw new InvalidInputError(`Invalid request: ${problems.join("; ")}`);
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (error) {
    throw new InvalidInputError("Request body must be valid JSON", { cause: error });
  }
}

/** Builds the HTTP API from its dependencies; `main` passes real adapters, tests pass others. */
export function createApp(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.onError((error, c) => {
    if (error instanceof HTTPException && !(error instanceof JikjiError)) {
      const status = error.status;
      return c.json({ error: { code: status === 413 ? "payload_too_large" : "invalid_input", message: error.message } }, status);
    }
    if (!(error instanceof JikjiError)) deps.onError?.(error);
    const { status, body } = toHttpError(error);
    return c.json(body, status);
  });
  app.notFound((c) => c.json({ error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` } }, 404));

  app.use("/v1/*", authenticate(deps.apiTokens ?? null));

  app.get("/healthz", async (c) => {
    await deps.store.ping();
    const counts = await deps.store.counts();
    return c.json({ status: "ok", ...deps.info, ...counts, jobsQueued: deps.queue.size });
  });

  app.post("/v1/search", async (c) => {
    const body = parseInput(searchBody, await jsonBody(c), "body");
    const accessGroups = readableGroups(c.get("principal"), body.accessGroups);
    const result = await deps.search({
      query: body.query,
      k: body.k,
      filter: {
        ...(body.collection ? { collection: body.collection } : {}),
        ...(accessGroups ? { accessGroups } : {}),
        ...(body.asOf ? { asOf: body.asOf } : {}),
      },
    });
    return c.json({
      query: result.query,
      hits: result.hits.map((hit) => ({
        ...hitSummary(hit),
        collection: hit.collection,
        headingPath: hit.headingPath,
        pageEnd: hit.pageEnd,
        version: hit.version,
      })),
    });
  });

  app.post(
    "/v1/documents",
    bodyLimit({
      maxSize: deps.maxUploadBytes,
      onError: () => {
        throw new PayloadTooLargeError(`Upload is over the limit of ${Math.floor(deps.maxUploadBytes / 1024 / 1024)} MB`);
      },
    }),
    async (c) => {
      requireAdmin(c);
      const type = c.req.header("content-type") ?? "";
      if (!type.startsWith("multipart/form-data")) {
        throw new UnsupportedMediaTypeError("Upload documents as multipart/form-data with one or more 'file' fields");
      }
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch (error) {
        throw new InvalidInputError("Malformed multipart body", { cause: error });
      }
      const uploads = form.getAll("file").filter((value): value is File => typeof value !== "string");
      if (uploads.length === 0) throw new InvalidInputError("body.file: at least one file is required");
      const collection = parseInput(collectionName, form.get("collection") ?? "default", "body.collection");
      const accessGroups = parseInput(
        z.array(groupName).max(100),
        form
          .getAll("accessGroups")
          .flatMap((value) => String(value).split(","))
          .map((group) => group.trim())
          .filter((group) => group !== ""),
        "body.accessGroups",
      );
      // Opens encrypted PDFs in this upload. Kept in memory only, never in the job row: a job resumed after a
      // restart runs without it, and its encrypted files fail saying so.
      const pdfPassword = parseInput(z.string().min(1).max(1024).optional(), form.get("pdfPassword") ?? undefined, "body.pdfPassword");

      const files: Array<{ source: string; bytes: Uint8Array }> = [];
      for (const upload of uploads) {
        const source = cleanFileName(upload.name);
        const bytes = new Uint8Array(await upload.arrayBuffer());
        // Refuse what can never be ingested now, with the reason; readable-but-broken files fail in the job.
        try {
          detectMediaType(bytes, source);
        } catch (error) {
          if (error instanceof UnsupportedMediaTypeError) throw error;
        }
        files.push({ source, bytes });
      }

      const effectiveFrom = parseInput(isoDayField.optional(), form.get("effectiveFrom") ?? undefined, "body.effectiveFrom");
      const settings = parseInput(collectionSettingsFields, { keepHistory: form.get("keepHistory") ?? undefined, strict: form.get("strict") ?? undefined }, "body");

      const collectionId = await deps.store.ensureCollection(collection);
      await deps.store.updateCollectionSettings(collectionId, settings);
      const job = await deps.store.createJob(collectionId, files.length);
      await fs.mkdir(deps.uploadsDir, { recursive: true });
      const inputs = await Promise.all(
        files.map(async (file, i) => {
          const upload = `${job.id}-${i}`;
          await fs.writeFile(path.join(deps.uploadsDir, upload), file.bytes);
          return { source: file.source, upload };
        }),
      );
      await deps.store.setJobInputs(job.id, inputs, accessGroups);
      deps.queue.enqueue({
        jobId: job.id,
        collection,
        accessGroups,
        inputs,
        ...(pdfPassword !== undefined ? { pdfPassword } : {}),
        ...(effectiveFrom !== undefined ? { effectiveFrom } : {}),
      });
      c.header("Location", `/v1/jobs/${job.id}`);
      return c.json({ jobId: job.id, status: "queued", collection, files: inputs.map((input) => input.source) }, 202);
    },
  );

  // Listing and changing documents reveals every title, so it is for admin tokens only. A cited span and a
  // document's versions are read under the same access rules as search (src/api/compliance-routes.ts).
  app.use("/v1/documents/*", async (c, next) => {
    if (c.req.method === "GET" && /^\/v1\/documents\/[^/]+\/(?:text|versions)$/.test(c.req.path)) return next();
    requireAdmin(c);
    return next();
  });
  app.use("/v1/jobs/*", async (c, next) => {
    requireAdmin(c);
    return next();
  });

  app.get("/v1/documents", async (c) => {
    const query = parseInput(listQuery, c.req.query(), "query");
    const collectionId = query.collection ? await deps.store.findCollection(query.collection) : undefined;
    if (collectionId === null) return c.json({ documents: [], limit: query.limit, offset: query.offset });
    const rows = await deps.store.listDocuments({
      ...(collectionId ? { collectionId } : {}),
      limit: query.limit,
      offset: query.offset,
    });
    return c.json({ documents: rows.map(presentDocument), limit: query.limit, offset: query.offset });
  });

  app.get("/v1/documents/:id", async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const document = await deps.store.getDocument(id);
    if (!document) throw new NotFoundError(`No document with id ${id}`);
    return c.json(presentDocument(document));
  });

  app.delete("/v1/documents/:id", async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    if (!(await deleteDocument(deps, id))) throw new NotFoundError(`No document with id ${id}`);
    return c.body(null, 204);
  });

  app.get("/v1/jobs/:id", async (c) => {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const job = await deps.store.getJob(id);
    if (!job) throw new NotFoundError(`No job with id ${id}`);
    return c.json(presentJob(job));
  });

  for (const routes of deps.routes ?? []) app.route("/", routes);
  app.route("/", createUiRoutes());
  return app;
}

/** A display name for an uploaded file: its last path segment, without control characters. */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? "";
  const cleaned = last.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "upload" : cleaned;
}
