/**
 * The workspace's conversations, kept per person: list, read, rename, delete, and thumbs up/down on answers.
 * Answers are stored by `/v1/chat/completions` when the request names a `conversationId` (answer-routes.ts), so what
 * is kept is what the server answered. Someone else's conversation is a 404, exactly like a missing one; admins read
 * the feedback (`GET /v1/feedback`), never other people's conversations.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { ownerOf, requireRole } from "../access/principal.ts";
import { NotFoundError } from "../errors.ts";
import type { ConversationRow } from "../store/conversations.ts";
import type { Store } from "../store/store.ts";
import { noteAudit, type ApiEnv } from "./auth.ts";
import { collectionField, jsonBody, parseInput, uuidParam } from "./fields.ts";

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
      .nullable()
      .optional(),
  })
  .strict();
const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const FeedbackQuery = PageQuery.extend({ rating: z.enum(["up", "down"]).optional() });

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
  const routes = new Hono<ApiEnv>();
  const { store } = deps;
  const owner = (c: Context<ApiEnv>) => ownerOf(c.get("principal"));

  async function mine(c: Context<ApiEnv>): Promise<ConversationRow> {
    const id = parseInput(uuidParam, c.req.param("id"), "path.id");
    const row = await store.getConversation(owner(c), id);
    if (!row) throw new NotFoundError(`No conversation with id ${id}`);
    return row;
  }

  routes.get("/v1/conversations", async (c) => {
    const page = parseInput(PageQuery, c.req.query(), "query");
    const rows = await store.listConversations(owner(c), page);
    return c.json({
      conversations: rows.map((row) => ({ ...presentConversation(row), messageCount: Number(row.messageCount) })),
      limit: page.limit,
      offset: page.offset,
    });
  });

  routes.post("/v1/conversations", async (c) => {
    const body = await jsonBody(c, CreateBody);
    const row = await store.createConversation({ owner: owner(c), title: body.title ?? "", collection: body.collection ?? null });
    c.header("Location", `/v1/conversations/${row.id}`);
    return c.json(presentConversation(row), 201);
  });

  routes.get("/v1/conversations/:id", async (c) => {
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

  routes.patch("/v1/conversations/:id", async (c) => {
    const row = await mine(c);
    const body = await jsonBody(c, RenameBody);
    const renamed = await store.renameConversation(owner(c), row.id, body.title);
    if (!renamed) throw new NotFoundError(`No conversation with id ${row.id}`);
    return c.json(presentConversation(renamed));
  });

  routes.delete("/v1/conversations/:id", async (c) => {
    const row = await mine(c);
    await store.deleteConversation(owner(c), row.id);
    return c.body(null, 204);
  });

  routes.put("/v1/conversations/:id/messages/:messageId/feedback", async (c) => {
    const row = await mine(c);
    const messageId = parseInput(uuidParam, c.req.param("messageId"), "path.messageId");
    const body = await jsonBody(c, FeedbackBody);
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
  routes.get("/v1/feedback", async (c) => {
    requireRole(c.get("principal"), "admin", "Reading answer feedback");
    const query = parseInput(FeedbackQuery, c.req.query(), "query");
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
