/// <reference lib="dom" />
/**
 * Time from pressing Ask in the workspace to the first streamed words on screen, in headless Chromium.
 * The model is the instant local double (test/fakes/naive-model.ts: answers at once, streamed), so the figure is
 * jikji's own share: retrieval, prompt, the SSE path and the page's rendering. Also run without a model
 * (extractive answers, streamed the same way).
 *
 *   flock /tmp/jikji-bench.lock npx node bench/workspace-first-words.ts [--questions 50] [--documents 200]
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { serve, type ServerType } from "@hono/node-server";
import { chromium } from "playwright-core";
import { createServerApp } from "../src/api/server.ts";
import { loadConfig } from "../src/config.ts";
import { ingestFile } from "../src/ingest/ingest.ts";
import { openJikji } from "../src/runtime.ts";
import { startNaiveModel } from "../test/fakes/naive-model.ts";
import { documentText, loadKorquad } from "./lib/korquad.ts";

const { values } = parseArgs({ options: { questions: { type: "string", default: "50" }, documents: { type: "string", default: "200" } } });
const wanted = Number(values.questions);
const { documents, questions } = loadKorquad();
const corpus = documents.slice(0, Number(values.documents));
const names = new Set(corpus.map((document) => document.name));
const asked = questions.filter((question) => question.relevant.some((name) => names.has(name))).slice(0, wanted);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function run(label: string, env: Record<string, string>): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-bench-workspace-"));
  const jikji = await openJikji(loadConfig(env, { dataDir: root }), { scanIndex: false });
  const collectionId = await jikji.store.ensureCollection("default");
  for (const document of corpus) {
    await ingestFile(jikji, { collectionId, collection: "default", source: document.name, bytes: new TextEncoder().encode(documentText(document)), accessGroups: [] });
  }
  const { app, queue } = createServerApp(jikji);
  const server = await new Promise<ServerType>((resolve) => {
    const instance = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(instance));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ locale: "ko-KR" });
    await page.goto(`${base}/workspace`);
    await page.waitForSelector("#main:not([hidden])");
    const timings: number[] = [];
    // Two warm-up questions, not counted.
    for (const [i, question] of [...asked.slice(0, 2), ...asked].entries()) {
      await page.click("#newChat");
      const ms = await page.evaluate(
        (q) =>
          new Promise<number>((resolve) => {
            const thread = document.getElementById("thread")!;
            const input = document.getElementById("q") as HTMLInputElement;
            input.value = q;
            const observer = new MutationObserver(() => {
              const last = thread.querySelector<HTMLElement>(".msg.assistant:last-child");
              if (last?.dataset.streamed) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(thread, { subtree: true, childList: true, attributes: true, characterData: true });
            const start = performance.now();
            (document.getElementById("ask") as HTMLFormElement).requestSubmit();
          }),
        question.question,
      );
      await page.waitForSelector(".msg.assistant:not([aria-busy])");
      if (i >= 2) timings.push(ms);
    }
    timings.sort((a, b) => a - b);
    console.log(
      `${label}: ${timings.length} questions over ${corpus.length} documents · first words p50 ${percentile(timings, 50).toFixed(0)} ms · p95 ${percentile(timings, 95).toFixed(0)} ms · max ${timings.at(-1)!.toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await queue.idle();
    await jikji.close();
    await fs.rm(root, { recursive: true, force: true });
  }
}

const model = await startNaiveModel();
try {
  await run("generative (instant local model)", { JIKJI_LLM_BASE_URL: model.baseURL, JIKJI_LLM_MODEL: "instant" });
  await run("extractive (no model)", {});
} finally {
  await model.close();
}
