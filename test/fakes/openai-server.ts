/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI wire format, replaying the shapes EXAONE really
 * produces behind vLLM/SGLang/llama.cpp/FriendliAI: reasoning in `reasoning`, in `reasoning_content`, inline
 * before `</think>` (4.0, opening tag in the prompt) or inside `<thought>…</thought>` (Deep). Tests script
 * the replies and read back the requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hashingVector } from "../../src/retrieve/embed/hashing.ts";

export type ChatReply =
  | {
      kind: "answer";
      content: string;
      /** Sent in `message.reasoning` / `delta.reasoning` (vLLM ≥ 0.10 style). */
      reasoning?: string;
      /** Sent in `message.reasoning_content` / `delta.reasoning_content` (SGLang, older vLLM, FriendliAI). */
      reasoningContent?: string;
      finishReason?: string;
    }
  /** Behaves like EXAONE 4.0 on a server without a reasoning parser: thinks inline unless thinking is off. */
  | { kind: "exaone-4.0"; reasoning: string; answer: string }
  | { kind: "status"; status: number; message?: string }
  /** An SSE stream that stops after `afterChars` characters of content: the socket is destroyed. */
  | { kind: "cut"; content: string; afterChars: number }
  /** An SSE stream that sends `afterChars` characters of content, then nothing more, the connection left open. */
  | { kind: "stall"; content: string; afterChars: number }
  /** Waits before answering (for timeouts). */
  | { kind: "slow"; delayMs: number; content: string }
  /** A 200 whose body is not a chat completion. */
  | { kind: "garbage"; body: string };

export type EmbeddingsReply =
  /** `delayMs`: answers after that long, as a model server on other hardware would (benches). */
  | { kind: "vectors"; order?: "as-is" | "reversed"; delayMs?: number }
  | { kind: "status"; status: number }
  | { kind: "wrong-count" }
  | { kind: "wrong-dimensions"; dimensions: number };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

export interface FakeOpenAIServer {
  /** Base URL including `/v1`. */
  baseURL: string;
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  /** Replies for the next chat calls, in order; when empty, `defaultChat` answers. */
  chat: ChatReply[];
  defaultChat: ChatReply;
  embeddings: EmbeddingsReply[];
  defaultEmbeddings: EmbeddingsReply;
  embeddingDimensions: number;
  /** Characters per streamed chunk; small values split tags and markers across chunks. */
  chunkChars: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "retry-after-ms": "1" });
  res.end(JSON.stringify(body));
}

export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const timers = new Set<NodeJS.Timeout>();
  const state: Omit<FakeOpenAIServer, "baseURL" | "close"> = {
    requests: [],
    chatRequests: () => state.requests.filter((request) => request.path.endsWith("/chat/completions")),
    chat: [],
    defaultChat: { kind: "answer", content: "OK." },
    embeddings: [],
    defaultEmbeddings: { kind: "vectors", order: "reversed" },
    embeddingDimensions: 32,
    chunkChars: 3,
  };

  const completion = (model: unknown, message: Record<string, unknown>, finishReason: string) => ({
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1,
    model,
    choices: [{ index: 0, message: { role: "assistant", ...message }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });

  const writeChunk = (res: ServerResponse, model: unknown, delta: Record<string, unknown>, finish: string | null) =>
    res.write(
      `data: ${JSON.stringify({
        id: "chatcmpl-fake",
        object: "chat.completion.chunk",
        created: 1,
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      })}\n\n`,
    );

  const answerChat = (body: Record<string, unknown>, res: ServerResponse, reply: ChatReply): void => {
    const model = body.model;
    const stream = body.stream === true;
    if (reply.kind === "status") {
      sendJson(res, reply.status, { error: { message: reply.message ?? `status ${reply.status}`, type: "server_error" } });
      return;
    }
    if (reply.kind === "garbage") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(reply.body);
      return;
    }
    if (reply.kind === "slow") {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answerChat(body, res, { kind: "answer", content: reply.content });
      }, reply.delayMs);
      timers.add(timer);
      return;
    }
    if (reply.kind === "exaone-4.0") {
      const kwargs = body.chat_template_kwargs as { enable_thinking?: boolean } | undefined;
      const thinking = kwargs?.enable_thinking !== false;
      // The template puts "<think>\n" in the prompt, so the output starts with the reasoning itself.
      const content = thinking ? `${reply.reasoning}\n</think>\n\n${reply.answer}` : reply.answer;
      answerChat(body, res, { kind: "answer", content });
      return;
    }
    if (!stream) {
      if (reply.kind === "cut" || reply.kind === "stall") {
        res.socket?.destroy();
        return;
      }
      const message: Record<string, unknown> = { content: reply.content };
      if (reply.reasoning !== undefined) message.reasoning = reply.reasoning;
      if (reply.reasoningContent !== undefined) message.reasoning_content = reply.reasoningContent;
      sendJson(res, 200, completion(model, message, reply.finishReason ?? "stop"));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    writeChunk(res, model, { role: "assistant", content: "" }, null);
    if (reply.kind === "stall") {
      for (const piece of pieces(reply.content.slice(0, reply.afterChars), state.chunkChars)) {
        writeChunk(res, model, { content: piece }, null);
      }
      return;
    }
    if (reply.kind === "cut") {
      for (const piece of pieces(reply.content.slice(0, reply.afterChars), state.chunkChars)) {
        writeChunk(res, model, { content: piece }, null);
      }
      // Let the written chunks reach the client before the connection drops.
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.socket?.destroy();
      }, 20);
      timers.add(timer);
      return;
    }
    for (const piece of pieces(reply.reasoning ?? "", state.chunkChars)) writeChunk(res, model, { reasoning: piece }, null);
    for (const piece of pieces(reply.reasoningContent ?? "", state.chunkChars)) {
      writeChunk(res, model, { reasoning_content: piece }, null);
    }
    for (const piece of pieces(reply.content, state.chunkChars)) writeChunk(res, model, { content: piece }, null);
    writeChunk(res, model, {}, reply.finishReason ?? "stop");
    res.end("data: [DONE]\n\n");
  };

  const answerEmbeddings = (body: Record<string, unknown>, res: ServerResponse, reply: EmbeddingsReply): void => {
    if (reply.kind === "status") {
      sendJson(res, reply.status, { error: { message: `status ${reply.status}` } });
      return;
    }
    const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    const dimensions = reply.kind === "wrong-dimensions" ? reply.dimensions : state.embeddingDimensions;
    let data = input.map((text, index) => ({ object: "embedding", index, embedding: hashingVector(text, dimensions) }));
    if (reply.kind === "wrong-count") data = data.slice(1);
    if (reply.kind === "vectors" && reply.order === "reversed") data.reverse();
    const payload = { object: "list", data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } };
    if (reply.kind === "vectors" && reply.delayMs !== undefined && reply.delayMs > 0) setTimeout(() => sendJson(res, 200, payload), reply.delayMs);
    else sendJson(res, 200, payload);
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = raw === "" ? {} : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      sendJson(res, 400, { error: { message: "invalid JSON" } });
      return;
    }
    const path = req.url ?? "";
    state.requests.push({ path, headers: req.headers, body });
    if (req.method === "POST" && path === "/v1/chat/completions") {
      answerChat(body, res, state.chat.shift() ?? state.defaultChat);
    } else if (req.method === "POST" && path === "/v1/embeddings") {
      answerEmbeddings(body, res, state.embeddings.shift() ?? state.defaultEmbeddings);
    } else {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(state, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
