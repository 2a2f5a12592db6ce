/**
 * What jikji adds before the first streamed byte of an answer: retrieval + prompt + the hop to the model,
 * measured over a real socket against a local OpenAI-compatible endpoint that answers instantly (so the
 * figure is jikji's own overhead, not a model's). Corpus: the KorQuAD paragraphs; questions: KorQuAD's.
 *   - "model request sent": from the client's POST /v1/ask to the fake endpoint receiving the chat request;
 *   - "first byte": from the POST to the first SSE byte of the answer reaching the client.
 * Run: npx node bench/ask-latency.ts
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createServerApp } from "../src/api/server.ts";
import { loadConfig } from "../src/config.ts";
import { openJikji } from "../src/runtime.ts";
import { startFakeOpenAIServer } from "../test/fakes/openai-server.ts";
import { ingestKorquad } from "./lib/ingest-korquad.ts";

const QUESTIONS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-ask-bench-"));
const fake = await startFakeOpenAIServer();
fake.chunkChars = 64;
fake.defaultChat = { kind: "answer", content: "답은 첫 번째 문단에 있습니다 [1]." };
let received = 0;
const originalPush = fake.requests.push.bind(fake.requests);
fake.requests.push = (...items) => {
  received = performance.now();
  return originalPush(...items);
};

const config = loadConfig(
  { JIKJI_LLM_BASE_URL: fake.baseURL, JIKJI_LLM_MODEL: "LGAI-EXAONE/EXAONE-4.0-32B" },
  { dataDir: path.join(root, "data") },
);
const jikji = await openJikji(config, { scanIndex: false });
const { documents, questions } = await ingestKorquad(jikji);

const { app } = createServerApp(jikji);
const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
await new Promise((resolve) => server.once("listening", resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

const toModel: number[] = [];
const firstByte: number[] = [];
const sample = questions.filter((_, i) => i % 7 === 0).slice(0, QUESTIONS + 20);
for (const [i, question] of sample.entries()) {
  const t0 = performance.now();
  const response = await fetch(`${base}/v1/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question: question.question, stream: true, k: 6 }),
  });
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  const t1 = performance.now();
  if (!value || value.byteLength === 0) throw new Error("empty stream");
  while (!(await reader.read()).done);
  if (i < 20) continue; // warm-up
  toModel.push(received - t0);
  firstByte.push(t1 - t0);
}
toModel.sort((a, b) => a - b);
firstByte.sort((a, b) => a - b);

server.close();
await jikji.close();
await fake.close();
await fs.rm(root, { recursive: true, force: true });

console.log(`machine: ${os.cpus().length} cores, Node ${process.version}; ${documents.length} documents, ${toModel.length} questions, k=6`);
console.log("| measure | p50 ms | p95 ms |");
console.log("| --- | ---: | ---: |");
console.log(`| POST /v1/ask → model request sent (retrieval + prompt) | ${percentile(toModel, 50).toFixed(1)} | ${percentile(toModel, 95).toFixed(1)} |`);
console.log(`| POST /v1/ask → first streamed byte (instant local model) | ${percentile(firstByte, 50).toFixed(1)} | ${percentile(firstByte, 95).toFixed(1)} |`);
