import { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono } from "hono";
import { z } from "zod";
import type { AuditLog } from "../access/audit.ts";
import type { Authenticator } from "../access/authenticate.ts";
import { createKey, describeKey, keyNameField, parseDuration } from "../access/keys.ts";
import { requireRole } from "../access/principal.ts";
import { NotFoundError } from "../errors.ts";
import type { AccessStore, AuditRow } from "../store/access-store.ts";
import { parseIsoDay } from "../ingest/effective-date.ts";
import { noteAudit, type ApiEnv } from "./auth.ts";
import { errorResponses } from "./errors.ts";
import { collectionField, groupsField, jsonBody, parseInput, queryInteger, queryOf } from "./fields.ts";
import { defineRoute, json, jsonRequest, type RouteSpec } from "./openapi.ts";
import { AuditList, KeyDescription, KeyList, NewKey, Principal } from "./present.ts";

const newKeyBody = z.object({
  name: keyNameField,
  role: z.enum(["reader", "editor", "admin"]),
  groups: groupsField.optional(),
  collections: z.array(collectionField).max(100).optional(),
  expires: z.string().max(20).optional().meta({ description: "Lifetime, e.g. 90d or 12h; absent: never expires", example: "90d" }),
});

const keyPath = z.object({ idOrName: z.string().min(1).max(100) });

/**
 * The moment an audit read starts from: a date or time JavaScript reads, in years 1 to 9999. Further out (an ISO
 * extended year such as +275000-01-01) the store cannot compare it, and the read failed with an internal error.
 */
export function auditSince(text: string): Date | null {
  // Date.parse rolls an impossible day over (2026-02-30 is 2026-03-02); a day as written must exist.
  const day = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(text);
  if (day && parseIsoDay(day[1]!) === null) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  const year = new Date(at).getUTCFullYear();
  return year >= 1 && year <= 9999 ? new Date(at) : null;
}

const auditQuery = z.object({
  since: z
    .string()
    .max(40)
    .refine((value) => auditSince(value) !== null, { message: "must be an ISO date or time between the years 1 and 9999" })
    .optional(),
  key: z.string().max(100).optional(),
  limit: queryInteger(1, 10_000).default(1000),
});

const meRoute: RouteSpec = {
  method: "get",
  path: "/v1/me",
  tags: ["Keys and audit"],
  summary: "Who the caller is and what it may read",
  responses: { 200: json(Principal, "The caller") },
};

const listKeysRoute: RouteSpec = {
  method: "get",
  path: "/v1/keys",
  tags: ["Keys and audit"],
  summary: "List API keys, revoked ones included (admins)",
  responses: { 200: json(KeyList, "The keys; never the keys' text or hashes") },
};

const createKeyRoute: RouteSpec = {
  method: "post",
  path: "/v1/keys",
  tags: ["Keys and audit"],
  summary: "Issue an API key (admins); the key is shown in this answer only",
  request: { body: jsonRequest(newKeyBody) },
  responses: { 201: json(NewKey, "The new key and its description"), ...errorResponses(400, 409, 413, 415) },
};

const revokeKeyRoute: RouteSpec = {
  method: "delete",
  path: "/v1/keys/{idOrName}",
  tags: ["Keys and audit"],
  summary: "Revoke a key by id or name (admins)",
  request: { params: keyPath },
  responses: { 200: json(KeyDescription, "The revoked key"), ...errorResponses(400, 404) },
};

const auditRoute: RouteSpec = {
  method: "get",
  path: "/v1/audit",
  tags: ["Keys and audit"],
  summary: "Read the audit trail, newest first (admins)",
  request: { query: auditQuery },
  responses: { 200: json(AuditList, "Audit entries"), ...errorResponses(400) },
};

export function presentAudit(row: AuditRow): z.infer<typeof AuditList>["entries"][number] {
  return {
    at: row.at.toISOString(),
    actor: row.actor,
    keyId: row.keyId,
    via: row.via,
    clientAddress: row.clientAddress,
    method: row.method,
    route: row.route,
    status: row.status,
    outcome: row.outcome,
    query: row.query,
    documentIds: row.documentIds,
    chunkIds: row.chunkIds,
    detail: row.detail,
  };
}

/** `/v1/keys` and `/v1/audit`: admins issue and revoke keys and read the audit trail. */
export function createAccessRoutes(deps: { accessStore: AccessStore; authenticator: Authenticator | null; audit: AuditLog | null }): Hono<ApiEnv> {
  const routes = new OpenAPIHono<ApiEnv>();
  routes.use("/v1/keys", async (c, next) => {
    requireRole(c.get("principal"), "admin", "Managing keys");
    return next();
  });
  routes.use("/v1/keys/*", async (c, next) => {
    requireRole(c.get("principal"), "admin", "Managing keys");
    return next();
  });

  // Who the caller is and what it reads, for the page's "signed in as" line.
  defineRoute(routes, meRoute, (c) => {
    const principal = c.get("principal");
    return c.json({ name: principal.name, via: principal.via, role: principal.role, groups: principal.groups, collections: principal.collections });
  });

  defineRoute(routes, listKeysRoute, async (c) => c.json({ keys: (await deps.accessStore.listKeys()).map(describeKey) }));

  defineRoute(routes, createKeyRoute, async (c) => {
    const body = await jsonBody(c, newKeyBody);
    const { key, description } = await createKey(deps.accessStore, {
      name: body.name,
      role: body.role,
      groups: body.groups ?? (body.role === "admin" ? null : []),
      collections: body.collections ?? null,
      expiresInMs: body.expires === undefined ? null : parseDuration(body.expires),
    });
    deps.authenticator?.keysChanged();
    noteAudit(c, { detail: { keyCreated: { id: description.id, name: description.name, role: description.role } } });
    // The only time the key is shown.
    return c.json({ key, ...description }, 201);
  });

  defineRoute(routes, revokeKeyRoute, async (c) => {
    const idOrName = parseInput(z.string().min(1).max(100), c.req.param("idOrName"), "path.idOrName");
    const revoked = await deps.accessStore.revokeKey(idOrName);
    if (!revoked) throw new NotFoundError(`No active key with id or name "${idOrName}"`);
    deps.authenticator?.keysChanged();
    noteAudit(c, { detail: { keyRevoked: { id: revoked.id, name: revoked.name } } });
    return c.json(describeKey(revoked));
  });

  defineRoute(routes, auditRoute, async (c) => {
    requireRole(c.get("principal"), "admin", "Reading the audit log");
    const query = parseInput(auditQuery, queryOf(c), "query");
    await deps.audit?.flush();
    const keyId = query.key === undefined ? undefined : await keyIdOf(deps.accessStore, query.key);
    const rows = await deps.accessStore.readAudit({
      ...(query.since ? { since: auditSince(query.since)! } : {}),
      ...(keyId ? { keyId } : query.key ? { actor: query.key } : {}),
      limit: query.limit,
    });
    return c.json({ entries: rows.map(presentAudit) });
  });

  return routes;
}

/** A key named by id or name; names of revoked keys still resolve, so their history stays readable. */
export async function keyIdOf(store: AccessStore, idOrName: string): Promise<string | undefined> {
  const keys = await store.listKeys();
  return keys.find((key) => key.id === idOrName || key.name === idOrName)?.id;
}
