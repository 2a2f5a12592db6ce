/**
 * The workspace's conversations, kept per person: list, read, rename, delete, and thumbs up/down on answers.
 * Answers are stored by `/v1/chat/completions` when the request names a `conversationId` (answer-routes.ts), so what
 * is kept is what the server answered. Someone else's conversation is a 404, exactly like a missing one; admins read
 * the feedback (`GET /v1/feedback`), never other people's conversations.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { ownerOf, requireRole } from "../access/principal.ts";
import { NotFoundError } from "../errors.ts";
import type { ConversationRow } from "../store/conversations.ts";
import type { Store } from "../store/store.ts";
import { noteAudit, type ApiEnv } from "./auth.ts";
import { errorResponses } from "./errors.ts";
import { collectionField, jsonBody, NO_NUL, noNul, parseInput, queryInteger, queryOf, uuidParam } from "./fields.ts";
import { defineRoute, json, jsonRequest, type RouteSpec } from "./openapi.ts";
import { ConversationList, ConversationSchema, ConversationWithMessages, FeedbackList, FeedbackSaved } from "./present.ts";

export const CONVERSATION_LIMITS = { titleChars: 200, commentChars: 2000 } as const;

const noControlCharacters = /^[^\u0000-\u001f\u007f]*$/;

const titleField = z
  .string()
  .trim()
  .max(CONVERSATION_LIMITS.titleChars, { message: `must be at most ${CONVERSATION_LIMITS.titleChars} characters` })
  .regex(noControlCharacters, { message: "must not contain control characters" });

const CreateBody = z.object({ title: titleField.optional(), collection: collectionField.nullable().optional() }).strict();
const RenameBody = z.object({ title: titleField.min(1, { message: "must not be empty" }) }).strict();
const FeedbackBody = z
  .object({
    rating: z.enum(["up", "down"]),
    comment: z
      .string()
      .trim()
      .max(CONVERSATION_LIMITS.commentChars, { message: `must be at most ${CONVERSATION_LIMITS.commentChars} characters` })
      .refine(noNul, NO_NUL)
      .nullable()
      .optional(),
  })
  .strict();
const PageQuery = z.object({
  limit: queryInteger(1, 200).default(50),
  offset: queryInteger(0).default(0),
});
const FeedbackQuery = PageQuery.extend({ rating: z.enum(["up", "down"]).optional() });

const TAGS = ["Conversations"];
const idPath = z.object({ id: uuidParam });
const feedbackPath = z.object({ id: uuidParam, messageId: uuidParam });

const listRoute: RouteSpec = {
  method: "get",
  path: "/v1/conversations",
  tags: TAGS,
  summary: "The caller's own conversations, most recently used first",
  request: { query: PageQuery },
  responses: { 200: json(ConversationList, "The caller's conversations"), ...errorResponses(400) },
};
const createRoute: RouteSpec = {
  method: "post",
  path: "/v1/conversations",
  tags: TAGS,
  summary: "Start a conversation; name it in `conversationId` of `/v1/chat/completions` to keep its exchanges",
  request: { body: jsonRequest(CreateBody) },
  responses: {
    201: {
      ...json(ConversationSchema, "Created"),
      headers: { Location: { description: "The conversation, `/v1/conversations/{id}`", schema: { type: "string" } } },
    },
    ...errorResponses(400, 413, 415),
  },
};
const readRoute: RouteSpec = {
  method: "get",
  path: "/v1/conversations/{id}",
  tags: TAGS,
  summary: "One of the caller's conversations with its messages and each answer's citations",
  request: { params: idPath },
  responses: { 200: json(ConversationWithMessages, "The conversation"), ...errorResponses(400, 404) },
};
const renameRoute: RouteSpec = {
  method: "patch",
  path: "/v1/conversations/{id}",
  tags: TAGS,
  summary: "Rename one of the caller's conversations",
  request: { params: idPath, body: jsonRequest(RenameBody) },
  responses: { 200: json(ConversationSchema, "Renamed"), ...errorResponses(400, 404, 413, 415) },
};
const deleteRoute: RouteSpec = {
  method: "delete",
  path: "/v1/conversations/{id}",
  tags: TAGS,
  summary: "Delete one of the caller's conversations and its messages (feedback given on them stays)",
  request: { params: idPath },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 404) },
};
const feedbackRoute: RouteSpec = {
  method: "put",
  path: "/v1/conversations/{id}/messages/{messageId}/feedback",
  tags: TAGS,
  summary: "Thumbs up or down on a stored answer, with an optional comment; given again, it replaces the earlier one",
  request: { params: feedbackPath, body: jsonRequest(FeedbackBody) },
  responses: { 200: json(FeedbackSaved, "Saved"), ...errorResponses(400, 404, 413, 415) },
};
const feedbackListRoute: RouteSpec = {
  method: "get",
  path: "/v1/feedback",
  tags: TAGS,
  summary: "Answer feedback, newest first, with the question, answer and sources (admins)",
  request: { query: FeedbackQuery },
  responses: { 200: json(FeedbackList, "Feedback"), ...errorResponses(400) },
};

function presentConversation(row: Pick<ConversationRow, "id" | "title" | "collection" | "createdAt" | "updatedAt">) {
  return {
    id: row.id,
    title: row.title,
    collection: row.collection,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createConversationRoutes(deps: { store: Store }): Hono<ApiEnv> {
  const routes = new OpenAPIHono<ApiEnv>();
  const { store } = deps;
  const owner = (c: Context<ApiEnv>) => ownerOf(c.get("principal"));

  async function mine(c: Context<ApiEnv>): Promise<ConversationRow> {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const row = await store.getConversation(owner(c), id);
    if (!row) throw new NotFoundError(`No conversation with id ${id}`);
    return row;
  }

  defineRoute(routes, listRoute, async (c) => {
    const page = parseInput(PageQuery, queryOf(c), "query");
    const rows = await store.listConversations(owner(c), page);
    return c.json({
      conversations: rows.map((row) => ({ ...presentConversation(row), messageCount: Number(row.messageCount) })),
      limit: page.limit,
      offset: page.offset,
    });
  });

  defineRoute(routes, createRoute, async (c) => {
    const body = await jsonBody(c, CreateBody);
    const row = await store.createConversation({ owner: owner(c), title: body.title ?? "", collection: body.collection ?? null });
    c.header("Location", `/v1/conversations/${row.id}`);
    return c.json(presentConversation(row), 201);
  });

  defineRoute(routes, readRoute, async (c) => {
    const row = await mine(c);
    const messages = await store.conversationMessages(row.id);
    return c.json({
      ...presentConversation(row),
      messages: messages.map((message) => ({
        id: message.id,
        role: message.role,
        content: message.content,
        ...(message.role === "assistant" ? { mode: message.mode, grounded: message.grounded, citations: message.citations } : {}),
        createdAt: message.createdAt.toISOString(),
      })),
    });
  });

  defineRoute(routes, renameRoute, async (c) => {
    const body = await jsonBody(c, RenameBody);
    const row = await mine(c);
    const renamed = await store.renameConversation(owner(c), row.id, body.title);
    if (!renamed) throw new NotFoundError(`No conversation with id ${row.id}`);
    return c.json(presentConversation(renamed));
  });

  defineRoute(routes, deleteRoute, async (c) => {
    const row = await mine(c);
    await store.deleteConversation(owner(c), row.id);
    return c.body(null, 204);
  });

  defineRoute(routes, feedbackRoute, async (c) => {
    const messageId = parseInput(uuidParam, c.req.param("messageId"), "path.messageId");
    const body = await jsonBody(c, FeedbackBody);
    const row = await mine(c);
    const saved = await store.rateAnswer({
      owner: owner(c),
      conversationId: row.id,
      messageId,
      rating: body.rating,
      comment: body.comment ? body.comment : null,
    });
    if (!saved) throw new NotFoundError(`No answer with id ${messageId} in conversation ${row.id}`);
    return c.json({ messageId, rating: saved.rating, comment: saved.comment, updatedAt: saved.updatedAt.toISOString() });
  });

  // What people said about answers: for admins, who improve the documents and settings behind them.
  defineRoute(routes, feedbackListRoute, async (c) => {
    requireRole(c.get("principal"), "admin", "Reading answer feedback");
    const query = parseInput(FeedbackQuery, queryOf(c), "query");
    const rows = await store.listFeedback(query);
    noteAudit(c, { detail: { feedback: rows.length } });
    return c.json({
      feedback: rows.map((row) => ({
        id: row.id,
        owner: row.owner,
        rating: row.rating,
        comment: row.comment,
        question: row.question,
        answer: row.answer,
        mode: row.mode,
        grounded: row.grounded,
        citations: row.citations,
        conversationId: row.conversationId,
        messageId: row.messageId,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      })),
      limit: query.limit,
      offset: query.offset,
    });
  });

  return routes;
}
