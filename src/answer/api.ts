/**
 * HTTP routes of the answer layer: `POST /v1/ask` (jikji's own shape) and `POST /v1/chat/completions`
 * (OpenAI-compatible, so chat UIs and the `openai` client can use jikji as a model). Errors are thrown as
 * jikji's typed errors; the app's central `onError` turns them into HTTP responses. Once a stream has
 * started, a failure is sent as a last SSE event instead.
 */
import { Hono, type Context } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { z } from "zod";
import { readableGroups, type ApiEnv, type Principal } from "../api/auth.ts";
import { toHttpError } from "../api/errors.ts";
import { InvalidInputError } from "../errors.ts";
import type { SearchFilter } from "../retrieve/index/port.ts";
import { parseIsoDay } from "../ingest/effective-date.ts";
import type { Ask, AskEvent, Chat } from "./ask.ts";
import type { ChatMessage } from "./generate/port.ts";

export interface AnswerRouteDeps {
  ask: Ask;
  chat: Chat;
  /** Model name reported by /v1/chat/completions. */
  modelName?: string;
}

/** A day as "2025-03-01" (the versions in force that day). */
const isoDay = z.string().refine((value) => parseIsoDay(value) !== null, { message: "must be a date like 2025-03-01" });

const AskBody = z.object({
  question: z.string().trim().min(1).max(4000),
  collection: z.string().min(1).optional(),
  k: z.number().int().min(1).max(50).optional(),
  stream: z.boolean().optional(),
  accessGroups: z.array(z.string()).optional(),
  strict: z.boolean().optional(),
  asOf: isoDay.optional(),
});

const ContentPart = z.object({ type: z.string(), text: z.string().optional() });
const ChatBody = z.object({
  model: z.string().optional(),
  messages: z
    .array(
      z.object({
        role: z.enum(["system", "developer", "user", "assistant", "tool"]),
        content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
      }),
    )
    .min(1),
  stream: z.boolean().optional(),
  collection: z.string().min(1).optional(),
  k: z.number().int().min(1).max(50).optional(),
  strict: z.boolean().optional(),
  asOf: isoDay.optional(),
});

async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch (error) {
    throw new InvalidInputError("The request body must be JSON.", { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    throw new InvalidInputError(`Invalid field "${field}": ${issue.message}`, { cause: parsed.error });
  }
  return parsed.data;
}

/** The caller's filter, with access groups narrowed to what their API token may read. */
function filterOf(body: { collection?: string; accessGroups?: string[]; asOf?: string }, principal: Principal): SearchFilter {
  const filter: SearchFilter = {};
  if (body.collection !== undefined) filter.collection = body.collection;
  if (body.asOf !== undefined) filter.asOf = body.asOf;
  const accessGroups = readableGroups(principal, body.accessGroups);
  if (accessGroups !== undefined) filter.accessGroups = accessGroups;
  return filter;
}

function textOf(content: string | Array<z.infer<typeof ContentPart>> | null | undefined): string {
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

function streamEvents(
  c: Context,
  events: AsyncIterable<AskEvent>,
  write: (stream: SSEStreamingApi, event: AskEvent) => Promise<void>,
  finish: (stream: SSEStreamingApi) => Promise<void>,
  errorData: (error: unknown) => string,
): Promise<Response> {
  return started(events).then(({ first, rest }) =>
    streamSSE(c, async (stream) => {
      try {
        for await (const event of remaining(first, rest)) await write(stream, event);
        await finish(stream);
      } catch (error) {
        await stream.writeSSE({ data: errorData(error) });
      }
    }),
  );
}

export function createAnswerRoutes(deps: AnswerRouteDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const modelName = deps.modelName ?? "jikji";

  routes.post("/v1/ask", async (c) => {
    const body = await parseBody(c, AskBody);
    const request = {
      question: body.question,
      filter: filterOf(body, c.get("principal")),
      k: body.k,
      signal: c.req.raw.signal,
      ...(body.strict !== undefined ? { strict: body.strict } : {}),
    };
    if (!body.stream) return c.json(await deps.ask.ask(request));
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

  routes.post("/v1/chat/completions", async (c) => {
    const body = await parseBody(c, ChatBody);
    const request = {
      messages: chatMessages(body),
      filter: filterOf(body, c.get("principal")),
      k: body.k,
      signal: c.req.raw.signal,
      ...(body.strict !== undefined ? { strict: body.strict } : {}),
    };
    const id = `chatcmpl-${crypto.randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? modelName;

    if (!body.stream) {
      const result = await deps.chat.chat(request);
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
          ...(result.strict ? { strict: true, withheld: result.withheld, quotes: result.quotes, related: result.related } : {}),
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
          await stream.writeSSE({
            data: chunk({}, "stop", {
              citations: event.result.citations,
              jikji: {
                mode: event.result.mode,
                grounded: event.result.grounded,
                ...(event.result.strict
                  ? { strict: true, withheld: event.result.withheld, quotes: event.result.quotes, related: event.result.related }
                  : {}),
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
