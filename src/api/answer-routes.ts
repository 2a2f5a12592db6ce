/**
 * HTTP routes of the answer layer: `POST /v1/ask` (jikji's own shape) and `POST /v1/chat/completions`
 * (OpenAI-compatible, so chat UIs and the `openai` client can use jikji as a model). Errors are thrown as
 * jikji's typed errors; the app's central `onError` turns them into HTTP responses. Once a stream has
 * started, a failure is sent as a last SSE event instead.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Hono } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { z } from "zod";
import type { Ask, AskEvent, AskResult, Chat } from "../answer/ask.ts";
import type { ChatMessage } from "../answer/generate/port.ts";
import { ownerOf } from "../access/principal.ts";
import { InvalidInputError, NotFoundError } from "../errors.ts";
import type { ConversationRepository, ExchangeTurn } from "../store/conversations.ts";
import { parseIsoDay } from "../ingest/effective-date.ts";
import type { SearchFilter } from "../retrieve/index/port.ts";
import { noteAudit, requestFilter, type ApiEnv } from "./auth.ts";
import { errorResponses, toHttpError } from "./errors.ts";
import { collectionField, groupsField, jsonBody, kField, messagesField, questionField, type ContentPart } from "./fields.ts";
import { defineRoute, eventStreamContent, jsonRequest, type RouteSpec } from "./openapi.ts";
import { AskResponse, AskStreamEvent, ChatCompletion, ChatCompletionChunk } from "./present.ts";

export interface AnswerRouteDeps {
  ask: Ask;
  chat: Chat;
  /** Model name reported by /v1/chat/completions. */
  modelName?: string;
  /** Where `/v1/chat/completions` keeps the exchanges of a request that names a `conversationId`. */
  conversations?: Pick<ConversationRepository, "getConversation" | "conversationMessages" | "recordExchange">;
}

/** A day as "2025-03-01" (the versions in force that day). */
const isoDay = z
  .string()
  .refine((value) => parseIsoDay(value) !== null, { message: "must be a date like 2025-03-01" })
  .meta({ description: "Answer from the versions in force that day", example: "2025-03-01" });

const AskBody = z.object({
  question: questionField,
  collection: collectionField.optional(),
  k: kField().optional(),
  stream: z.boolean().optional().meta({ description: "Answer as server-sent events (text/event-stream)" }),
  accessGroups: groupsField.optional(),
  strict: z.boolean().optional().meta({ description: "Every sentence backed by a verified quote; absent: the collection's default" }),
  asOf: isoDay.optional(),
});

const ChatBody = z.object({
  model: z.string().max(200).optional(),
  messages: messagesField,
  stream: z.boolean().optional(),
  collection: collectionField.optional(),
  k: kField().optional(),
  accessGroups: groupsField.optional(),
  strict: z.boolean().optional(),
  asOf: isoDay.optional(),
  /** jikji's extension: keep this exchange in the caller's stored conversation (the workspace does). */
  conversationId: z.string().uuid({ message: "must be a UUID" }).optional(),
  /**
   * jikji's extension: where `messages` starts in the stored conversation, when a conversation longer than one request
   * may carry (FIELD_LIMITS) sends only its latest messages; the stored ones before it are kept. Needs `conversationId`.
   */
  conversationFrom: z
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: "Stored position of the first message sent, when only the latest messages of a long conversation are sent" }),
});

/** Errors of the answer routes, besides the common ones: bad input, and a model or index that fails up front. */
const ANSWER_ERRORS = errorResponses(400, 413, 415, 502, 503, 504);

const askRoute: RouteSpec = {
  method: "post",
  path: "/v1/ask",
  tags: ["Search and answers"],
  summary: "Answer a question from the documents, citing the page each part came from",
  description:
    "Generative with a model configured, extractive without one. With `stream: true` the answer arrives as server-sent events; " +
    "a failure after the stream has started is sent as a last event of type `error`.",
  request: { body: jsonRequest(AskBody) },
  responses: {
    200: {
      description: "The answer (JSON), or with `stream: true` its events",
      content: { "application/json": { schema: AskResponse }, ...eventStreamContent(AskStreamEvent) },
    },
    ...ANSWER_ERRORS,
  },
};

const chatRoute: RouteSpec = {
  method: "post",
  path: "/v1/chat/completions",
  tags: ["Search and answers"],
  summary: "OpenAI-compatible chat completion, answered from the documents with citations",
  description: "The conversation is condensed into one standalone question and answered like `/v1/ask`. With `stream: true`, chunks as server-sent events ending with `data: [DONE]`.",
  request: { body: jsonRequest(ChatBody) },
  responses: {
    200: {
      description: "The completion (JSON), or with `stream: true` its chunks",
      content: { "application/json": { schema: ChatCompletion }, ...eventStreamContent(ChatCompletionChunk) },
    },
    ...ANSWER_ERRORS,
  },
};

/** The one access check (`requestFilter`), plus the day whose versions the answer reads. */
function answerFilter(
  c: Context<ApiEnv>,
  body: { collection?: string | undefined; accessGroups?: readonly string[] | undefined; asOf?: string | undefined },
): SearchFilter {
  const filter = requestFilter(c, body);
  return body.asOf !== undefined ? { ...filter, asOf: body.asOf } : filter;
}

function textOf(content: string | Array<ContentPart> | null | undefined): string {
  if (typeof content === "string") return content;
  return (content ?? [])
    .filter((part) => part.type === "text")
    .map((part) => part.text ?? "")
    .join("\n");
}

function chatMessages(body: z.infer<typeof ChatBody>): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const message of body.messages) {
    if (message.role === "user" || message.role === "assistant") {
      messages.push({ role: message.role, content: textOf(message.content) });
    }
  }
  return messages;
}

/**
 * Pulls the first event before any byte is sent, so retrieval and model failures that happen up front
 * still reach the central error handler as proper HTTP errors.
 */
async function started(events: AsyncIterable<AskEvent>): Promise<{ first: AskEvent | null; rest: AsyncIterator<AskEvent> }> {
  const rest = events[Symbol.asyncIterator]();
  const first = await rest.next();
  return { first: first.done ? null : first.value, rest };
}

async function* remaining(first: AskEvent | null, rest: AsyncIterator<AskEvent>): AsyncGenerator<AskEvent> {
  if (first !== null) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** The passages an answer showed or cited, for the audit row. */
function noteResult(c: Context<ApiEnv>, result: { citations: ReadonlyArray<{ documentId: string; chunkId: string }> }): void {
  noteAudit(c, { documentIds: result.citations.map((cite) => cite.documentId), chunkIds: result.citations.map((cite) => cite.chunkId) });
}

function streamEvents(
  c: Context<ApiEnv>,
  events: AsyncIterable<AskEvent>,
  write: (stream: SSEStreamingApi, event: AskEvent) => Promise<void>,
  finish: (stream: SSEStreamingApi) => Promise<void>,
  errorData: (error: unknown) => string,
): Promise<Response> {
  return started(events).then(({ first, rest }) => {
    const audit = c.get("audit");
    if (audit) audit.pending = true;
    return streamSSE(c, async (stream) => {
      try {
        for await (const event of remaining(first, rest)) {
          if (event.type === "done") noteResult(c, event.result);
          await write(stream, event);
        }
        await finish(stream);
      } catch (error) {
        await stream.writeSSE({ data: errorData(error) });
      } finally {
        if (audit) {
          audit.pending = false;
          audit.write?.();
        }
      }
    });
  });
}

export function createAnswerRoutes(deps: AnswerRouteDeps): Hono<ApiEnv> {
  const routes = new OpenAPIHono<ApiEnv>();
  const modelName = deps.modelName ?? "jikji";

  defineRoute(routes, askRoute, async (c) => {
    const body = await jsonBody(c, AskBody);
    noteAudit(c, { query: body.question });
    const request = {
      question: body.question,
      filter: answerFilter(c, body),
      k: body.k,
      signal: c.req.raw.signal,
      ...(body.strict !== undefined ? { strict: body.strict } : {}),
    };
    if (!body.stream) {
      const result = await deps.ask.ask(request);
      noteResult(c, result);
      return c.json(result);
    }
    return streamEvents(
      c,
      deps.ask.askStream(request),
      (stream, event) =>
        stream.writeSSE({
          data: JSON.stringify(event.type === "delta" ? event : { type: "done", ...event.result }),
        }),
      async () => {},
      (error) => JSON.stringify({ type: "error", ...toHttpError(error).body }),
    );
  });

  /**
   * A request naming a conversation must name one of the caller's own (checked before answering, so a wrong id is a
   * 404 and not a half-sent stream); the answer is stored once it is complete, and its stored id is returned.
   */
  async function conversationOf(c: Context<ApiEnv>, body: z.infer<typeof ChatBody>) {
    if (body.conversationId === undefined) {
      if (body.conversationFrom !== undefined) throw new InvalidInputError("body.conversationFrom: only with a conversationId");
      return null;
    }
    const owner = ownerOf(c.get("principal"));
    const store = deps.conversations;
    if (!store || !(await store.getConversation(owner, body.conversationId))) {
      throw new NotFoundError(`No conversation with id ${body.conversationId}`);
    }
    const id = body.conversationId;
    const from = body.conversationFrom ?? 0;
    if (from > 0) {
      const stored = (await store.conversationMessages(id)).length;
      if (from > stored) {
        throw new InvalidInputError(`body.conversationFrom: the conversation holds ${stored} messages, so ${from} is past its end`);
      }
    }
    return (messages: readonly ChatMessage[], result: Pick<AskResult, "answer" | "mode" | "grounded" | "citations">) =>
      store.recordExchange(owner, id, messages.filter((m): m is ExchangeTurn => m.role === "user" || m.role === "assistant"), {
        content: result.answer,
        mode: result.mode,
        grounded: result.grounded,
        citations: result.citations,
      }, from);
  }

  defineRoute(routes, chatRoute, async (c) => {
    const body = await jsonBody(c, ChatBody);
    const messages = chatMessages(body);
    const record = await conversationOf(c, body);
    noteAudit(c, { query: messages.filter((message) => message.role === "user").at(-1)?.content ?? "" });
    const request = {
      messages,
      filter: answerFilter(c, body),
      k: body.k,
      signal: c.req.raw.signal,
      ...(body.strict !== undefined ? { strict: body.strict } : {}),
    };
    const id = `chatcmpl-${crypto.randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? modelName;

    if (!body.stream) {
      const result = await deps.chat.chat(request);
      noteResult(c, result);
      const messageId = record ? await record(messages, result) : null;
      return c.json({
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          { index: 0, message: { role: "assistant", content: result.answer }, logprobs: null, finish_reason: "stop" },
        ],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        citations: result.citations,
        jikji: {
          mode: result.mode,
          grounded: result.grounded,
          question: result.question,
          ...(messageId ? { conversationId: body.conversationId, messageId } : {}),
          ...(result.strict ? { strict: true, withheld: result.withheld, quotes: result.quotes, related: result.related } : {}),
          ...(result.missing ? { missing: result.missing } : {}),
        },
      });
    }

    const chunk = (delta: Record<string, string>, finishReason: string | null, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...extra,
      });
    let roleSent = false;
    return streamEvents(
      c,
      deps.chat.chatStream(request),
      async (stream, event) => {
        if (!roleSent) {
          roleSent = true;
          await stream.writeSSE({ data: chunk({ role: "assistant", content: "" }, null) });
        }
        if (event.type === "delta") {
          await stream.writeSSE({ data: chunk({ content: event.text }, null) });
        } else {
          const messageId = record ? await record(messages, event.result) : null;
          await stream.writeSSE({
            data: chunk({}, "stop", {
              citations: event.result.citations,
              jikji: {
                mode: event.result.mode,
                grounded: event.result.grounded,
                ...(messageId ? { conversationId: body.conversationId, messageId } : {}),
                ...(event.result.strict
                  ? { strict: true, withheld: event.result.withheld, quotes: event.result.quotes, related: event.result.related }
                  : {}),
                ...(event.result.missing ? { missing: event.result.missing } : {}),
              },
            }),
          });
        }
      },
      (stream) => stream.writeSSE({ data: "[DONE]" }),
      (error) => JSON.stringify(toHttpError(error).body),
    );
  });

  return routes;
}
