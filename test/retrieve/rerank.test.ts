import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { RerankUnavailableError } from "../../src/errors.ts";
import { layoutShare } from "../../src/retrieve/layout.ts";
import { builtinFeatures, builtinScores, createBuiltinReranker } from "../../src/retrieve/rerank/builtin.ts";
import { createHttpReranker } from "../../src/retrieve/rerank/http.ts";
import type { RerankCandidate } from "../../src/retrieve/rerank/port.ts";
import { openJikji } from "../../src/runtime.ts";
import { rerankerContract } from "../contracts/reranker.contract.ts";
import { startFakeRerankServer, type FakeRerankServer } from "../fakes/rerank-server.ts";
import { cli } from "../helpers/cli.ts";

let server: FakeRerankServer;
beforeAll(async () => {
  server = await startFakeRerankServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.replies.length = 0;
  server.requests.length = 0;
});

rerankerContract("builtin", async () => createBuiltinReranker());
rerankerContract("http (TEI wire format)", async () =>
  createHttpReranker({ baseURL: server.url, api: "tei", timeoutMs: 5_000 }),
);
rerankerContract("http (vLLM/Infinity/Cohere wire format)", async () =>
  createHttpReranker({ baseURL: `${server.url}/v1`, api: "cohere", model: "BAAI/bge-reranker-v2-m3", timeoutMs: 5_000 }),
);

function candidate(text: string, overrides: Partial<RerankCandidate> = {}): RerankCandidate {
  return { id: text.slice(0, 12), text, headingPath: [], score: 1, ...overrides };
}

describe("built-in reranker features", () => {
  it("prefers the query's terms close together over the same terms scattered", () => {
    const near = candidate("Filler words here. The default block size is 900 k. More filler words follow here.");
    const far = candidate(
      "The default settings are listed below. Many other unrelated options exist and are documented elsewhere in detail, " +
        "with examples for every operating system and shell. Finally, each block is written with a header that states its size.",
    );
    const [a, b] = builtinFeatures("default block size", [near, far]);
    expect(a!.coverage).toBe(b!.coverage);
    expect(a!.proximity).toBeGreaterThan(b!.proximity);
    expect(a!.phrase).toBeGreaterThan(b!.phrase);
    const [scoreNear, scoreFar] = builtinScores("default block size", [near, far]);
    expect(scoreNear).toBeGreaterThan(scoreFar!);
  });

  it("rewards the query's numbers and section titles", () => {
    const [withNumber, withoutNumber] = builtinFeatures("2023년 예산 편성", [
      candidate("2023년 예산은 지난해보다 늘었다."),
      candidate("2022년 예산은 지난해보다 늘었다."),
    ]);
    expect(withNumber!.numbers).toBe(1);
    expect(withoutNumber!.numbers).toBe(0);
    const [titled, untitled] = builtinFeatures("memory management", [
      candidate("Larger sizes give diminishing returns.", { headingPath: ["How to use bzip2", "2.5. MEMORY MANAGEMENT"] }),
      candidate("Larger sizes give diminishing returns.", { headingPath: ["How to use bzip2", "2.4. OPTIONS"] }),
    ]);
    expect(titled!.heading).toBeGreaterThan(0);
    expect(untitled!.heading).toBe(0);
  });

  it("pushes contents pages and chunks marked toc, index or boilerplate below the body that says the same", () => {
    const body = candidate("연차 휴가는 입사 1년 후 15일이 부여된다. 휴가 신청은 3일 전까지 한다.", { score: 0.9 });
    const toc = candidate("제1장 총칙 ........ 1\n제2장 연차 휴가 ........ 5\n제3장 휴가 신청 ........ 9\n제4장 보칙 ........ 12", { score: 1 });
    const marked = candidate("연차 휴가 신청 연차 휴가 신청", { score: 1, role: "index" });
    expect(layoutShare(toc.text)).toBe(1);
    const [scoreBody, scoreToc, scoreMarked] = builtinScores("연차 휴가 신청", [body, toc, marked]);
    expect(scoreBody).toBeGreaterThan(scoreToc!);
    expect(scoreBody).toBeGreaterThan(scoreMarked!);
  });

  it("keeps the first-stage order when the query has no terms it can use", () => {
    const scores = builtinScores("?", [candidate("a", { score: 3 }), candidate("b", { score: 1 })]);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
  });
});

describe("HTTP reranker failures", () => {
  const candidates = [candidate("The default block size is 900 k."), candidate("Lunch is served at noon.")];

  it.each([
    ["a 5xx", { kind: "status", status: 503 } as const, /answered 503/],
    ["a 4xx", { kind: "status", status: 422, body: "input too long" } as const, /answered 422: input too long/],
    ["invalid JSON", { kind: "raw", body: "<html>bad gateway" } as const, /invalid JSON/],
    ["a reply of the wrong shape", { kind: "raw", body: JSON.stringify({ results: [{ index: 0 }] }) } as const, /malformed/],
    ["a reply missing a candidate", { kind: "missing-one" } as const, /scored 1 of 2/],
  ])("turns %s into RerankUnavailableError", async (_label, reply, message) => {
    const reranker = createHttpReranker({ baseURL: server.url, api: "tei", timeoutMs: 5_000 });
    server.replies.push(reply);
    const error = await reranker.score("default block size", candidates).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankUnavailableError);
    expect((error as Error).message).toMatch(message);
  });

  it("gives up after its timeout with RerankUnavailableError", async () => {
    const reranker = createHttpReranker({ baseURL: `${server.url}/v1`, api: "cohere", model: "m", timeoutMs: 100 });
    server.replies.push({ kind: "slow", delayMs: 2_000 });
    const error = await reranker.score("default block size", candidates).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankUnavailableError);
    expect((error as Error).message).toMatch(/did not answer within 100 ms/);
  });

  it("reports an unreachable server as RerankUnavailableError", async () => {
    const reranker = createHttpReranker({ baseURL: "http://127.0.0.1:9", api: "tei", timeoutMs: 2_000 });
    await expect(reranker.score("q", candidates)).rejects.toBeInstanceOf(RerankUnavailableError);
  });

  it("sends the wire format's fields, the section path with the text, and the API key", async () => {
    const reranker = createHttpReranker({ baseURL: `${server.url}/v1`, api: "cohere", model: "bge-reranker-v2-m3", apiKey: "k-123", timeoutMs: 5_000 });
    await reranker.score("block size", [candidate("900 k.", { headingPath: ["2.5. MEMORY MANAGEMENT"] })]);
    expect(server.requests[0]).toMatchObject({
      path: "/v1/rerank",
      body: { model: "bge-reranker-v2-m3", query: "block size", documents: ["2.5. MEMORY MANAGEMENT\n900 k."], top_n: 1 },
    });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer k-123");
  });
});

describe("search with a second stage", () => {
  let root: string;
  const questions = "What is the default block size?";

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-rerank-"));
    const docs = path.join(root, "docs");
    await fs.mkdir(docs);
    await fs.writeFile(
      path.join(docs, "contents.md"),
      "# Contents\n\nBlock size ........ 8\n\nDefault options ........ 9\n\nDefault block size table ........ 10\n",
    );
    await fs.writeFile(
      path.join(docs, "memory.md"),
      "# Memory management\n\nThe flags -1 through -9 specify the block size to be 100,000 bytes through 900,000 bytes (the default) respectively.\n",
    );
    await fs.writeFile(path.join(docs, "other.md"), "# Other\n\nThe default font is twelve points, and a quote is indented.\n");
    const result = await cli(["ingest", docs, "--json", "--data-dir", path.join(root, "data")]);
    expect(result.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function searchWith(env: Record<string, string>) {
    const jikji = await openJikji(loadConfig(env, { dataDir: path.join(root, "data") }), { scanIndex: false });
    try {
      return await jikji.search({ query: questions, k: 3, filter: {} });
    } finally {
      await jikji.close();
    }
  }

  it("reranks with the built-in features by default and says so", async () => {
    const result = await searchWith({});
    expect(result.rerank).toEqual({ reranker: "builtin", status: "applied" });
    expect(result.hits[0]!.source).toBe("memory.md");
  });

  it("keeps the first-stage order when switched off", async () => {
    const result = await searchWith({ JIKJI_RERANK: "off" });
    expect(result.rerank).toBeUndefined();
    expect(result.hits.length).toBeGreaterThan(1);
  });

  it("uses a /rerank server's order when one is configured", async () => {
    const result = await searchWith({ JIKJI_RERANK_BASE_URL: server.url });
    expect(result.rerank).toEqual({ reranker: "http:rerank", status: "applied" });
    expect(server.requests[0]!.path).toBe("/rerank");
    expect(result.hits[0]!.source).toBe("memory.md");
  });

  it.each([
    ["a 5xx", { kind: "status", status: 500 } as const],
    ["a timeout", { kind: "slow", delayMs: 3_000 } as const],
    ["a malformed reply", { kind: "raw", body: "[]" } as const],
  ])("falls back to the first-stage order on %s and reports it", async (_label, reply) => {
    const firstStage = await searchWith({ JIKJI_RERANK: "off" });
    server.replies.push(reply);
    const result = await searchWith({ JIKJI_RERANK_BASE_URL: server.url, JIKJI_RERANK_TIMEOUT_MS: "300" });
    expect(result.rerank).toMatchObject({ reranker: "http:rerank", status: "fallback" });
    expect(result.rerank!.warning).toMatch(/first-stage order kept/);
    expect(result.hits.map((hit) => hit.chunkId)).toEqual(firstStage.hits.map((hit) => hit.chunkId));
    expect(result.hits.map((hit) => hit.score)).toEqual(firstStage.hits.map((hit) => hit.score));
  });
});
