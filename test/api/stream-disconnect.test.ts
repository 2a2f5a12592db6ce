import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createOpenAIGenerator } from "../../src/answer/generate/openai.ts";
import type { Retrieve } from "../../src/retrieve/types.ts";
import { answerRoutesApp } from "../answer/app.ts";
import { BZIP2 } from "../answer/passages.ts";

/**
 * A model server that streams one chunk every 20 ms and never finishes by itself: only a client that goes away ends
 * the answer. It counts the streams open and the ones their client closed.
 */
function startDrippingModel(): Promise<{ server: Server; baseURL: string; open: Set<ServerResponse>; closed: number[] }> {
  const open = new Set<ServerResponse>();
  const closed: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      open.add(res);
      const timer = setInterval(() => {
        const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: "The default is 900,000 bytes [1]. " }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }, 20);
      res.on("close", () => {
        clearInterval(timer);
        open.delete(res);
        closed.push(Date.now());
      });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, open, closed })),
  );
}

let model: Awaited<ReturnType<typeof startDrippingModel>>;
let http: ServerType;
let base: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  model = await startDrippingModel();
  const retrieve: Retrieve = async (request) => ({ query: request.query, hits: [BZIP2] });
  const generator = createOpenAIGenerator({ baseURL: model.baseURL, model: "m", timeoutMs: 60_000, maxRetries: 0 });
  const app = answerRoutesApp(retrieve, generator);
  http = await new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(server));
  });
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await new Promise((resolve) => http.close(resolve));
  for (const res of model.open) res.destroy();
  await new Promise((resolve) => model.server.close(resolve));
});

async function readSome(route: string, body: unknown): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${base}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let text = "";
  while (!text.includes("900,000")) text += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  await reader.cancel().catch(() => {});
  return text;
}

describe("a client that leaves in the middle of a streamed answer", () => {
  it.each([
    ["/v1/ask", { question: "default block size?", stream: true }],
    ["/v1/chat/completions", { messages: [{ role: "user", content: "default block size?" }], stream: true }],
  ])("%s: the model's stream is closed too, nothing is left unhandled, and the server goes on serving", async (route, body) => {
    const before = model.closed.length;
    expect(await readSome(route, body)).toContain("900,000");
    await vi.waitFor(() => expect(model.closed.length).toBe(before + 1), { timeout: 10_000, interval: 20 });
    expect(model.open.size).toBe(0);
    // The next caller is answered: it reads its own stream, then leaves too.
    expect(await readSome(route, body)).toContain("900,000");
    await vi.waitFor(() => expect(model.open.size).toBe(0), { timeout: 10_000, interval: 20 });
    expect(unhandled).toEqual([]);
  });
});
