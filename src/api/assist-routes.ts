/**
 * Agent-assist routes: sessions, turns, the event stream (SSE), feedback, the transcript, the feedback summary.
 * Handlers validate, narrow access groups to the caller's and call the core in `src/assist`.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { Assist, AssistCaller } from "../assist/session.ts";
import { ownerOf } from "../access/principal.ts";
import { PayloadTooLargeError } from "../errors.ts";
import { createAssistUiRoutes } from "./assist-ui.ts";
import { noteAudit, readableGroups, requestFilter, requireAdmin, type ApiEnv, type Principal } from "./auth.ts";
import { parseInput } from "./app.ts";
import { errorResponses } from "./errors.ts";
import { collectionField, groupsField, jsonBody, NO_NUL, noNul, queryOf } from "./fields.ts";
import { defineRoute, eventStreamContent, json, jsonRequest, type RouteSpec } from "./openapi.ts";
import {
  AssistClosed,
  AssistFeedbackRecorded,
  AssistFeedbackSummary,
  AssistSession,
  AssistStreamEvent,
  AssistTranscript,
  AssistTurnResult,
} from "./present.ts";

const SessionBody = z
  .object({
    collection: collectionField.optional(),
    accessGroups: groupsField.optional(),
    language: z.enum(["ko", "en"]).optional(),
  })
  .strict();

const TurnBody = z.object({
  speaker: z.enum(["customer", "agent"], { message: 'must be "customer" or "agent"' }),
  // The length limit is checked after parsing, so an over-long turn is a 413 rather than a 400.
  text: z.string().refine(noNul, NO_NUL),
  final: z.boolean(),
});

const FeedbackBody = z.object({
  suggestionId: z.string().uuid({ message: "must be a UUID" }),
  event: z.enum(["displayed", "clicked", "copied", "helpful", "not_helpful"]),
  comment: z.string().trim().max(2000).refine(noNul, NO_NUL).optional(),
});

const SummaryQuery = z.object({ collection: collectionField.optional() });
const sessionId = z.string().uuid({ message: "must be a UUID" });
const sessionPath = z.object({ id: sessionId });

const createSessionRoute: RouteSpec = {
  method: "post",
  path: "/v1/assist/sessions",
  tags: ["Agent assist"],
  summary: "Open an assist session for one contact (call or chat)",
  request: { body: jsonRequest(SessionBody) },
  responses: {
    201: {
      ...json(AssistSession, "The session"),
      headers: { Location: { description: "The session, `/v1/assist/sessions/{id}`", schema: { type: "string" } } },
    },
    ...errorResponses(400, 413, 415),
  },
};

const turnRoute: RouteSpec = {
  method: "post",
  path: "/v1/assist/sessions/{id}/turns",
  tags: ["Agent assist"],
  summary: "Add what the customer or the agent said; answers the suggestions it triggered",
  request: { params: sessionPath, body: jsonRequest(TurnBody) },
  responses: {
    200: json(AssistTurnResult, "The turn and any suggestions"),
    ...errorResponses(400, 404, 409, 413, 415, 503),
  },
};

const closeRoute: RouteSpec = {
  method: "post",
  path: "/v1/assist/sessions/{id}/close",
  tags: ["Agent assist"],
  summary: "Close a session; its event stream ends",
  request: { params: sessionPath },
  responses: { 200: json(AssistClosed, "Closed"), ...errorResponses(400, 404) },
};

const eventsRoute: RouteSpec = {
  method: "get",
  path: "/v1/assist/sessions/{id}/events",
  tags: ["Agent assist"],
  summary: "The session's turns and suggestions as they happen (server-sent events)",
  request: { params: sessionPath },
  responses: {
    200: {
      description: "Events `ready`, then `turn` and `suggestions` as they happen, and `closed` at the end; comment lines keep idle streams open",
      content: eventStreamContent(AssistStreamEvent),
    },
    ...errorResponses(400, 404),
  },
};

const feedbackRoute: RouteSpec = {
  method: "post",
  path: "/v1/assist/sessions/{id}/feedback",
  tags: ["Agent assist"],
  summary: "Record what the agent did with a suggestion",
  request: { params: sessionPath, body: jsonRequest(FeedbackBody) },
  responses: { 201: json(AssistFeedbackRecorded, "Recorded"), ...errorResponses(400, 404, 413, 415) },
};

const transcriptRoute: RouteSpec = {
  method: "get",
  path: "/v1/assist/sessions/{id}",
  tags: ["Agent assist"],
  summary: "The session's transcript with the suggestions shown at each turn",
  request: { params: sessionPath },
  responses: { 200: json(AssistTranscript, "The transcript"), ...errorResponses(400, 404) },
};

const summaryRoute: RouteSpec = {
  method: "get",
  path: "/v1/assist/feedback",
  tags: ["Agent assist"],
  summary: "How suggestions fared, per collection (admins)",
  request: { query: SummaryQuery },
  responses: { 200: json(AssistFeedbackSummary, "The summary"), ...errorResponses(400) },
};

/** Request bodies past this are refused before they are read. */
const MAX_BODY_BYTES = 64 * 1024;

/** Sessions are owned as conversations are: by how the caller proved who they are and their name, so a stored key
 * named like a bootstrap token (or an SSO user) never reaches the other's sessions. */
function callerOf(principal: Principal): AssistCaller {
  return { name: ownerOf(principal), admin: principal.admin };
}

export function createAssistRoutes(assist: Assist): Hono<ApiEnv> {
  const routes = new OpenAPIHono<ApiEnv>();
  routes.use(
    "/v1/assist/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(`Request body is over the limit of ${MAX_BODY_BYTES / 1024} kB`);
      },
    }),
  );

  defineRoute(routes, createSessionRoute, async (c) => {
    const body = await jsonBody(c, SessionBody);
    const principal = c.get("principal");
    const accessGroups = readableGroups(principal, body.accessGroups);
    const session = await assist.createSession({
      collection: body.collection ?? null,
      accessGroups: accessGroups ?? null,
      language: body.language ?? null,
      caller: callerOf(principal),
    });
    c.header("Location", `/v1/assist/sessions/${session.id}`);
    return c.json({ id: session.id, collection: session.collection, language: session.language, status: session.status }, 201);
  });

  defineRoute(routes, turnRoute, async (c) => {
    const id = parseInput(sessionId, c.req.param("id"), "path.id");
    const principal = c.get("principal");
    const session = await assist.session(id, callerOf(principal));
    const body = await jsonBody(c, TurnBody);
    // The caller's scope (collections, groups, documents without groups) narrowed to the session's own.
    const filter = requestFilter(c, { collection: session.collection ?? undefined, accessGroups: session.accessGroups ?? undefined });
    const { turn, suggestions } = await assist.addTurn(session, filter, body);
    const cited = suggestions.flatMap((suggestion) => suggestion.citations);
    noteAudit(c, {
      query: body.text,
      documentIds: cited.map((citation) => citation.documentId),
      chunkIds: cited.map((citation) => citation.chunkId),
      detail: { assistSession: session.id },
    });
    return c.json({
      turnId: turn.id,
      turn: { id: turn.id, ordinal: turn.ordinal, speaker: turn.speaker, text: turn.text, final: turn.final },
      suggestions,
    });
  });

  defineRoute(routes, closeRoute, async (c) => {
    const id = parseInput(sessionId, c.req.param("id"), "path.id");
    await assist.close(id, callerOf(c.get("principal")));
    return c.json({ id, status: "closed" });
  });

  defineRoute(routes, eventsRoute, async (c) => {
    const id = parseInput(sessionId, c.req.param("id"), "path.id");
    const session = await assist.session(id, callerOf(c.get("principal")));
    return streamSSE(c, async (stream) => {
      if (session.status === "closed") {
        await stream.writeSSE({ event: "closed", data: "{}" });
        return;
      }
      let wake: (() => void) | null = null;
      const queue: string[] = [];
      let ended = false;
      const unsubscribe = assist.subscribe(
        id,
        (event) => {
          queue.push(JSON.stringify(event));
          wake?.();
        },
        () => {
          ended = true;
          wake?.();
        },
      );
      stream.onAbort(() => {
        ended = true;
        wake?.();
      });
      try {
        await stream.writeSSE({ event: "ready", data: JSON.stringify({ sessionId: id }) });
        while (!ended || queue.length > 0) {
          if (queue.length === 0) {
            // A comment line now and then keeps proxies from closing an idle stream.
            await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stream.sleep(15_000)]);
            wake = null;
            if (queue.length === 0 && !ended) await stream.write(": keep-alive\n\n");
            continue;
          }
          const data = queue.shift()!;
          const type = (JSON.parse(data) as { type: string }).type;
          await stream.writeSSE({ event: type, data });
        }
      } finally {
        unsubscribe();
      }
    });
  });

  defineRoute(routes, feedbackRoute, async (c) => {
    const id = parseInput(sessionId, c.req.param("id"), "path.id");
    const session = await assist.session(id, callerOf(c.get("principal")));
    const body = await jsonBody(c, FeedbackBody);
    const row = await assist.feedback(session, { suggestionId: body.suggestionId, event: body.event, comment: body.comment ?? null });
    return c.json({ id: row.id, suggestionId: row.suggestionId, event: row.event }, 201);
  });

  defineRoute(routes, transcriptRoute, async (c) => {
    const id = parseInput(sessionId, c.req.param("id"), "path.id");
    const session = await assist.session(id, callerOf(c.get("principal")));
    return c.json(await assist.transcript(session));
  });

  // The summary spans every caller's sessions, so it is for admin tokens.
  defineRoute(routes, summaryRoute, async (c) => {
    requireAdmin(c);
    const query = parseInput(SummaryQuery, queryOf(c), "query");
    return c.json({ collections: await assist.feedbackSummary(query.collection) });
  });

  routes.route("/", createAssistUiRoutes());
  return routes;
}
