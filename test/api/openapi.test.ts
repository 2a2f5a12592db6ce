/**
 * The OpenAPI document against the real server: every documented operation is called with a request that succeeds
 * and one that fails, and each answer (status, content type, body, and every server-sent event) is validated with
 * ajv against the document. Every route registered on the app must be documented, except the short list of pages
 * and static files below.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { AskResult } from "../../src/answer/ask.ts";
import { describeKey } from "../../src/access/keys.ts";
import type { Principal as PrincipalType } from "../../src/access/principal.ts";
import type { Suggestion } from "../../src/assist/session.ts";
import type { Span } from "../../src/compliance/span.ts";
import type {
  AskResponse,
  AssistFeedbackSummary,
  AssistSuggestion,
  KeyDescription,
  Principal,
  SearchResponse,
  TextSpan,
} from "../../src/api/present.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import type { RerankReport } from "../../src/retrieve/types.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import type { FeedbackSummary } from "../../src/store/assist.ts";
import { ingestAssistDocs } from "../fixtures/assist/corpus.ts";

const ADMIN = "openapi-admin-token-0123456789abcdef";
const READER = "openapi-reader-token-0123456789abcdef";
const METRICS = "openapi-metrics-token-0123456789abcdef";
const MISSING = "3f1c1d7e-0000-4000-8000-000000000000";

/** Routes that are not API: the pages people open and their scripts, styles and vendored files. */
const NOT_API = new Set([
  "GET /",
  "GET /ui.js",
  "GET /docs",
  "GET /docs/docs.js",
  "GET /assist",
  "GET /assist.js",
  "GET /workspace",
  "GET /workspace/app.js",
  "GET /workspace/viewer.js",
  "GET /workspace/i18n.js",
  "GET /workspace/app.css",
  "GET /workspace/vendor/pdf.min.mjs",
  "GET /workspace/vendor/pdf.worker.min.mjs",
]);

// Response bodies are read field by field below; `any` keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Operation {
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown; "x-event-data"?: { $ref: string } }> }>;
}

let root: string;
let jikji: Jikji;
let server: ReturnType<typeof createServerApp>;
let document: Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
/** Statuses seen per documented operation ("post /v1/search"). */
const seen = new Map<string, number[]>();

const pointer = (...parts: string[]) => "openapi.json#/" + parts.map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

function validate(ref: string, value: unknown, what: string): void {
  const check = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (!check(value)) throw new Error(`${what} does not match the document: ${ajv.errorsText(check.errors)}\n${JSON.stringify(value).slice(0, 600)}`);
}

function operationOf(method: string, template: string): Operation {
  const operation = document.paths[template]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${template} is not in the document`);
  return operation;
}

/** The `data` of each server-sent event in a complete stream. */
function eventData(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trim());
}

/** Checks a response against the document's description of the operation; returns its body. */
async function conforms(method: string, template: string, response: Response, text?: string): Promise<Json> {
  const operation = operationOf(method, template);
  const status = String(response.status);
  const described = operation.responses[status];
  if (!described) throw new Error(`${method.toUpperCase()} ${template} answered ${status}, which the document does not list`);
  seen.set(`${method} ${template}`, [...(seen.get(`${method} ${template}`) ?? []), response.status]);
  const body = text ?? (await response.text());
  if (!described.content) {
    expect(body).toBe("");
    return null;
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const media = described.content[type];
  if (!media) throw new Error(`${method.toUpperCase()} ${template} ${status} answered ${type}; the document lists ${Object.keys(described.content).join(", ")}`);
  const where = [`paths`, template, method, "responses", status, "content", type];
  if (type === "application/json") {
    const json = JSON.parse(body);
    validate(pointer(...where, "schema"), json, `${method.toUpperCase()} ${template} ${status}`);
    return json;
  }
  if (type === "text/event-stream") {
    const events = eventData(body).filter((data) => data !== "[DONE]");
    expect(events.length).toBeGreaterThan(0);
    const ref = media["x-event-data"]!.$ref.replace(/^#/, "openapi.json#");
    for (const data of events) validate(ref, JSON.parse(data), `${method.toUpperCase()} ${template} event`);
    return events.map((data) => JSON.parse(data));
  }
  expect(body.length).toBeGreaterThan(0);
  return body;
}

interface Call {
  token?: string | null;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
}

/** Sends a request to a documented operation and validates the answer; a JSON body that should pass is checked too. */
async function call(method: string, template: string, options: Call = {}): Promise<{ status: number; body: Json; response: Response }> {
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? "")) + (options.query ? `?${options.query}` : "");
  const token = options.token === undefined ? ADMIN : options.token;
  const headers: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(options.json !== undefined ? { "content-type": "application/json" } : {}),
    ...options.headers,
  };
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  const response = await server.app.request(url, { method: method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}) });
  const result = { status: response.status, body: await conforms(method, template, response), response };
  if (response.ok && options.json !== undefined) {
    validate(pointer("paths", template, method, "requestBody", "content", "application/json", "schema"), options.json, "the request body");
  }
  return result;
}

function uploadForm(files: Array<{ name: string; text: string }>, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const file of files) form.append("file", new File([file.text], file.name, { type: "text/markdown" }));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

let documentId: string;
let spareDocumentId: string;
let jobId: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-openapi-"));
  const config = loadConfig(
    {
      JIKJI_API_TOKENS: JSON.stringify({ [ADMIN]: { name: "ops", admin: true }, [READER]: { name: "hr-portal", groups: ["hr"] } }),
      JIKJI_METRICS_TOKEN: METRICS,
    },
    { dataDir: root },
  );
  jikji = await openJikji(config, { scanIndex: false });
  await ingestAssistDocs(jikji);
  server = createServerApp(jikji, { maxUploadBytes: 256 * 1024 });
  const response = await server.app.request("/openapi.json");
  document = await response.json();
  ajv.addSchema(document, "openapi.json");
});

afterAll(async () => {
  await server.queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with the security schemes and the one error shape", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(["apiKey", "metricsToken", "sso"]);
    expect(document.components.schemas.Error.required).toEqual(["error"]);
    // Secrets configured on the server never appear in what it describes.
    const text = JSON.stringify(document);
    for (const secret of [ADMIN, READER, METRICS]) expect(text).not.toContain(secret);
  });

  it("has response schemas that admit the types the handlers return (checked by tsc)", () => {
    // Fields a type adds are caught at run time (response schemas are strict); these catch changed field types.
    expectTypeOf<AskResult>().toExtend<z.infer<typeof AskResponse>>();
    expectTypeOf<Suggestion>().toExtend<z.infer<typeof AssistSuggestion>>();
    expectTypeOf<FeedbackSummary>().toExtend<z.infer<typeof AssistFeedbackSummary>["collections"][number]>();
    expectTypeOf<ReturnType<typeof describeKey>>().toExtend<z.infer<typeof KeyDescription>>();
    expectTypeOf<Span>().toExtend<Omit<z.infer<typeof TextSpan>, "documentId" | "source" | "version">>();
    expectTypeOf<RerankReport>().toExtend<NonNullable<z.infer<typeof SearchResponse>["rerank"]>>();
    expectTypeOf<Pick<PrincipalType, "name" | "via" | "role" | "groups" | "collections">>().toExtend<z.infer<typeof Principal>>();
  });

  it("documents every route the app registers, except pages and static files", () => {
    const registered = new Set(
      server.app.routes.filter((route) => route.method !== "ALL").map((route) => `${route.method} ${route.path.replaceAll(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set<string>();
    for (const [template, item] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${template}`);
    }
    const undocumented = [...registered].filter((route) => !documented.has(route) && !NOT_API.has(route));
    expect(undocumented).toEqual([]);
    expect([...documented].filter((route) => !registered.has(route))).toEqual([]);
    // The allow-list holds only routes that exist and are not in the document.
    expect([...NOT_API].filter((route) => !registered.has(route) || documented.has(route))).toEqual([]);
  });

  it("serves a reference page that loads nothing from elsewhere", async () => {
    const page = await server.app.request("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const script = await server.app.request("/docs/docs.js");
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(await script.text()).not.toMatch(/https?:\/\//);
  });
});

describe("every documented route answers as documented", () => {
  it("health, metrics and the document", async () => {
    expect((await call("get", "/healthz", { token: null })).status).toBe(200);
    expect((await call("get", "/healthz", { token: null, headers: { host: "evil.example" } })).status).toBe(403);
    expect((await call("get", "/openapi.json", { token: null })).status).toBe(200);
    expect((await call("get", "/openapi.json", { token: null, headers: { host: "evil.example" } })).status).toBe(403);
    expect((await call("get", "/metrics", { token: METRICS })).status).toBe(200);
    expect((await call("get", "/metrics", { token: ADMIN })).status).toBe(401);
  });

  it("uploads, jobs and documents", async () => {
    const upload = await call("post", "/v1/documents", {
      body: uploadForm(
        [
          { name: "휴가-규정.md", text: "# 휴가 규정\n\n## 제12조(연차휴가)\n\n연차휴가는 입사 1년 후 15일이 주어집니다. 사용하지 않은 휴가는 다음 해로 넘어가지 않습니다.\n" },
          { name: "visitors.md", text: "# Visitors\n\nVisitors must sign in at the front desk and wear a badge.\n" },
        ],
        { collection: "policies", accessGroups: "hr" },
      ),
    });
    expect(upload.status).toBe(202);
    jobId = upload.body.jobId;
    expect((await call("post", "/v1/documents", { token: READER, body: uploadForm([{ name: "x.md", text: "x" }]) })).status).toBe(403);
    expect((await call("post", "/v1/documents", { json: { file: "x" } })).status).toBe(415);

    await server.queue.idle();
    const job = await call("get", "/v1/jobs/{id}", { params: { id: jobId } });
    expect(job.body.status).toBe("succeeded");
    expect((await call("get", "/v1/jobs/{id}", { params: { id: MISSING } })).status).toBe(404);

    const list = await call("get", "/v1/documents", { query: "collection=policies" });
    expect(list.body.documents).toHaveLength(2);
    documentId = list.body.documents.find((row: Json) => row.source === "휴가-규정.md").id;
    spareDocumentId = list.body.documents.find((row: Json) => row.source === "visitors.md").id;
    expect((await call("get", "/v1/documents", { query: "limit=0" })).status).toBe(400);

    expect((await call("get", "/v1/documents/{id}", { params: { id: documentId } })).body.source).toBe("휴가-규정.md");
    expect((await call("get", "/v1/documents/{id}", { params: { id: "not-a-uuid" } })).status).toBe(400);
    expect((await call("get", "/v1/documents/{id}", { token: READER, params: { id: MISSING } })).status).toBe(404);
  });

  it("the workspace's reads and re-ingest", async () => {
    expect((await call("get", "/v1/documents/{id}/chunks", { params: { id: documentId } })).body.chunks.length).toBeGreaterThan(0);
    expect((await call("get", "/v1/documents/{id}/chunks", { params: { id: MISSING } })).status).toBe(404);
    expect((await call("get", "/v1/documents/{id}/original", { params: { id: documentId } })).body).toContain("연차휴가");
    expect((await call("get", "/v1/documents/{id}/original", { params: { id: MISSING } })).status).toBe(404);
    expect((await call("post", "/v1/documents/{id}/reingest", { params: { id: spareDocumentId } })).status).toBe(202);
    expect((await call("post", "/v1/documents/{id}/reingest", { token: READER, params: { id: spareDocumentId } })).status).toBe(403);
    await server.queue.idle();
  });

  it("compliance reads", async () => {
    expect((await call("get", "/v1/documents/{id}/versions", { params: { id: documentId } })).body.versions).toHaveLength(1);
    expect((await call("get", "/v1/documents/{id}/versions", { params: { id: MISSING } })).status).toBe(404);
    expect((await call("get", "/v1/documents/{id}/text", { params: { id: documentId }, query: "start=0&end=10" })).body.text).toHaveLength(10);
    expect((await call("get", "/v1/documents/{id}/text", { params: { id: documentId }, query: "start=0" })).status).toBe(400);
  });

  it("search, ask and chat completions, as JSON and as streams", async () => {
    const search = await call("post", "/v1/search", { json: { query: "연차휴가 며칠", collection: "policies" } });
    expect(search.body.hits[0].source).toBe("휴가-규정.md");
    expect((await call("post", "/v1/search", { json: { query: "" } })).status).toBe(400);
    expect((await call("post", "/v1/search", { json: { query: "x" }, headers: { "content-type": "text/plain" } })).status).toBe(415);

    const ask = await call("post", "/v1/ask", { json: { question: "연차휴가는 며칠인가요?", collection: "policies" } });
    expect(ask.body.citations.length).toBeGreaterThan(0);
    const strict = await call("post", "/v1/ask", { json: { question: "연차휴가는 며칠인가요?", collection: "policies", strict: true } });
    expect(strict.body.strict).toBe(true);
    const streamed = await call("post", "/v1/ask", { json: { question: "연차휴가는 며칠인가요?", collection: "policies", stream: true } });
    expect(streamed.body.at(-1).type).toBe("done");
    expect((await call("post", "/v1/ask", { json: { question: "   " } })).status).toBe(400);

    const messages = [{ role: "user", content: "Where do visitors sign in?" }];
    const chat = await call("post", "/v1/chat/completions", { json: { messages, collection: "policies" } });
    expect(chat.body.choices[0].message.role).toBe("assistant");
    const chunks = await call("post", "/v1/chat/completions", { json: { messages, collection: "policies", stream: true } });
    expect(chunks.body.at(-1).choices[0].finish_reason).toBe("stop");
    expect((await call("post", "/v1/chat/completions", { json: { messages: [] } })).status).toBe(400);
  });

  it("agent assist, with its event stream", async () => {
    const session = await call("post", "/v1/assist/sessions", { json: { collection: "support", language: "ko" } });
    expect(session.status).toBe(201);
    const id = session.body.id;
    expect((await call("post", "/v1/assist/sessions", { json: { collection: "support", unknown: 1 } })).status).toBe(400);

    // The stream is read while turns happen; it ends when the session closes.
    const events = await server.app.request(`/v1/assist/sessions/${id}/events`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const reader = events.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while (!received.includes("event: ready")) received += decoder.decode((await reader.read()).value, { stream: true });

    const turn = await call("post", "/v1/assist/sessions/{id}/turns", {
      params: { id },
      json: { speaker: "customer", text: "음 저기요 어 그 삼만 원 넘으면 배송비 무료인가요", final: true },
    });
    expect(turn.body.suggestions).toHaveLength(1);
    expect((await call("post", "/v1/assist/sessions/{id}/turns", { params: { id: MISSING }, json: { speaker: "customer", text: "네", final: true } })).status).toBe(404);

    const suggestionId = turn.body.suggestions[0].id;
    expect((await call("post", "/v1/assist/sessions/{id}/feedback", { params: { id }, json: { suggestionId, event: "clicked" } })).status).toBe(201);
    expect((await call("post", "/v1/assist/sessions/{id}/feedback", { params: { id }, json: { suggestionId: MISSING, event: "clicked" } })).status).toBe(404);

    expect((await call("get", "/v1/assist/sessions/{id}", { params: { id } })).body.turns).toHaveLength(1);
    expect((await call("get", "/v1/assist/sessions/{id}", { params: { id: MISSING } })).status).toBe(404);
    expect((await call("get", "/v1/assist/feedback", { query: "collection=support" })).body.collections[0].clicked).toBe(1);
    expect((await call("get", "/v1/assist/feedback", { token: READER })).status).toBe(403);

    expect((await call("post", "/v1/assist/sessions/{id}/close", { params: { id } })).body.status).toBe("closed");
    expect((await call("post", "/v1/assist/sessions/{id}/close", { params: { id: MISSING } })).status).toBe(404);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    const streamed = await conforms("get", "/v1/assist/sessions/{id}/events", events, received);
    expect(streamed.map((event: Json) => event.type ?? "ready")).toEqual(["ready", "turn", "suggestions", "closed"]);
    expect((await call("get", "/v1/assist/sessions/{id}/events", { params: { id: "nope" } })).status).toBe(400);
  });

  it("keys, the caller and the audit trail", async () => {
    expect((await call("get", "/v1/me", { token: READER })).body.name).toBe("hr-portal");
    expect((await call("get", "/v1/me", { token: null })).status).toBe(401);
    const created = await call("post", "/v1/keys", { json: { name: "ci-reader", role: "reader", groups: ["hr"], expires: "30d" } });
    expect(created.status).toBe(201);
    expect((await call("post", "/v1/keys", { json: { name: "bad", role: "owner" } })).status).toBe(400);
    const keys = await call("get", "/v1/keys");
    expect(keys.body.keys.map((key: Json) => key.name)).toContain("ci-reader");
    // The new key's text is never listed.
    expect(JSON.stringify(keys.body)).not.toContain(created.body.key);
    expect((await call("get", "/v1/keys", { token: READER })).status).toBe(403);
    expect((await call("delete", "/v1/keys/{idOrName}", { params: { idOrName: "ci-reader" } })).body.revokedAt).not.toBeNull();
    expect((await call("delete", "/v1/keys/{idOrName}", { params: { idOrName: "ci-reader" } })).status).toBe(404);
    expect((await call("get", "/v1/audit", { query: "limit=50" })).body.entries.length).toBeGreaterThan(0);
    expect((await call("get", "/v1/audit", { query: "since=yesterday" })).status).toBe(400);
  });

  it("conversations and answer feedback", async () => {
    const created = await call("post", "/v1/conversations", { json: {}, token: READER });
    expect(created.status).toBe(201);
    expect((await call("post", "/v1/conversations", { json: { title: 1 }, token: READER })).status).toBe(400);
    const id = created.body.id as string;
    const chat = await server.app.request("/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${READER}`, "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: "연차 휴가" }], conversationId: id }),
    });
    const answer = await conforms("post", "/v1/chat/completions", chat);
    expect(answer.jikji.conversationId).toBe(id);
    const messageId = answer.jikji.messageId as string;
    expect((await call("get", "/v1/conversations", { token: READER })).body.conversations[0].id).toBe(id);
    expect((await call("get", "/v1/conversations", { token: READER, query: "limit=0" })).status).toBe(400);
    expect((await call("get", "/v1/conversations/{id}", { token: READER, params: { id } })).body.messages).toHaveLength(2);
    expect((await call("get", "/v1/conversations/{id}", { params: { id } })).status).toBe(404);
    expect((await call("patch", "/v1/conversations/{id}", { token: READER, params: { id }, json: { title: "연차" } })).body.title).toBe("연차");
    expect((await call("patch", "/v1/conversations/{id}", { token: READER, params: { id: MISSING }, json: { title: "x" } })).status).toBe(404);
    const feedback = { token: READER, params: { id, messageId } };
    expect((await call("put", "/v1/conversations/{id}/messages/{messageId}/feedback", { ...feedback, json: { rating: "down", comment: "짧아요" } })).body.rating).toBe("down");
    expect((await call("put", "/v1/conversations/{id}/messages/{messageId}/feedback", { ...feedback, json: { rating: "so-so" } })).status).toBe(400);
    expect((await call("get", "/v1/feedback", { query: "rating=down" })).body.feedback[0].comment).toBe("짧아요");
    expect((await call("get", "/v1/feedback", { token: READER })).status).toBe(403);
    expect((await call("delete", "/v1/conversations/{id}", { token: READER, params: { id } })).status).toBe(204);
    expect((await call("delete", "/v1/conversations/{id}", { token: READER, params: { id } })).status).toBe(404);
  });

  it("refuses an empty JSON body exactly where the document says it is invalid", async () => {
    // The document's request schema and the handler's validation must agree, both ways, on the same input.
    const session = await call("post", "/v1/assist/sessions", { json: { collection: "support" } });
    const params = { id: session.body.id, messageId: MISSING };
    const checked: string[] = [];
    for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation.requestBody?.content["application/json"]) continue;
        const documentAccepts = ajv.compile({ $ref: pointer("paths", template, method, "requestBody", "content", "application/json", "schema") })({});
        const { status } = await call(method, template, { json: {}, params });
        expect(`${method} ${template} → ${status === 400 ? "refused" : "accepted"}`).toBe(`${method} ${template} → ${documentAccepts ? "accepted" : "refused"}`);
        checked.push(`${method} ${template}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(7);
  });

  it("deletes documents", async () => {
    expect((await call("delete", "/v1/documents/{id}", { params: { id: spareDocumentId } })).status).toBe(204);
    expect((await call("delete", "/v1/documents/{id}", { params: { id: spareDocumentId } })).status).toBe(404);
  });

  it("left no documented operation without a success and an error checked", () => {
    const missing: string[] = [];
    for (const [template, item] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(item)) {
        const statuses = seen.get(`${method} ${template}`) ?? [];
        if (!statuses.some((status) => status < 300)) missing.push(`${method.toUpperCase()} ${template}: no success`);
        if (!statuses.some((status) => status >= 400)) missing.push(`${method.toUpperCase()} ${template}: no error`);
      }
    }
    expect(missing).toEqual([]);
  });
});
