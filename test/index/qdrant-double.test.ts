import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IndexUnavailableError } from "../../src/errors.ts";
import { createQdrantIndex } from "../../src/retrieve/index/qdrant.ts";
import { termCounts } from "../../src/retrieve/tokenize.ts";
import { searchIndexContract } from "../contracts/search-index.contract.ts";
import { startQdrantDouble, type QdrantDouble } from "../fakes/qdrant-double.ts";

searchIndexContract("Qdrant adapter against the Qdrant HTTP double", async () => {
  const double = await startQdrantDouble();
  const make = () => createQdrantIndex({ url: double.url, collection: "contract", timeoutMs: 5_000 });
  return {
    index: make(),
    reopen: make,
    cleanup: () => double.close(),
    verify: () => expect(double.violations).toEqual([]),
  };
});

describe("Qdrant collection settings for several instances", () => {
  it("creates the collection with the configured shards and replicas and a tenant index, as Qdrant's spec allows", async () => {
    const double = await startQdrantDouble();
    try {
      const settings = { url: double.url, collection: "sharded", timeoutMs: 5_000, shardNumber: 3, replicationFactor: 2 };
      // Two instances opening at once: both find no collection, one creates it, the other accepts the winner's.
      const [first, second] = [createQdrantIndex(settings), createQdrantIndex(settings)];
      await Promise.all([first.open(null), second.open(null)]);
      const info = (await (await fetch(`${double.url}/collections/sharded`)).json()) as {
        result: { config: { params: Record<string, unknown> }; payload_schema: Record<string, unknown> };
      };
      expect(info.result.config.params).toMatchObject({ shard_number: 3, replication_factor: 2 });
      expect(info.result.payload_schema["collection"]).toEqual({ type: "keyword", is_tenant: true });
      const created = double.requests.find((request) => request.method === "PUT" && request.path.split("?")[0] === "/collections/sharded");
      expect(created?.body).toMatchObject({ shard_number: 3, replication_factor: 2 });
      expect(double.violations).toEqual([]);
      await Promise.all([first.close(), second.close()]);
    } finally {
      await double.close();
    }
  });
});

describe("Qdrant documentsHolding calls", () => {
  it("asks every term in one batch call and groups only a term whose best points show few documents", async () => {
    const double = await startQdrantDouble();
    try {
      const index = createQdrantIndex({ url: double.url, collection: "holding", timeoutMs: 5_000 });
      await index.open(null);
      let id = 0;
      const point = (documentId: string, text: string) => ({
        chunkId: `00000000-0000-4000-8000-${String(++id).padStart(12, "0")}`,
        documentId,
        version: 1,
        collection: "c",
        accessGroups: [],
        terms: termCounts(text),
      });
      await index.upsert([
        // gutenprint: 70 points of one manual and one of a FAQ, more than the 64-point probe.
        ...Array.from({ length: 70 }, (_, i) => point("manual", `gutenprint page ${i}`)),
        point("faq", "gutenprint printer"),
        ...Array.from({ length: 6 }, (_, i) => point(`doc${i}`, "common word")),
      ]);
      const before = double.requests.length;
      const holding = Object.fromEntries(await index.documentsHolding(["gutenprint", "common", "printer", "zebra"], { atMost: 3 }));
      expect(holding).toEqual({ gutenprint: ["faq", "manual"], common: null, printer: ["faq"], zebra: [] });
      const calls = double.requests.slice(before).map((request) => request.path.split("?")[0]);
      expect(calls).toEqual(["/collections/holding/points/query/batch", "/collections/holding/points/query/groups"]);
      expect(double.violations).toEqual([]);
      await index.close();
    } finally {
      await double.close();
    }
  });
});

describe("Qdrant HTTP double", () => {
  let double: QdrantDouble;
  beforeAll(async () => {
    double = await startQdrantDouble();
  });
  afterAll(() => double.close());

  async function send(method: string, path: string, body?: unknown) {
    const response = await fetch(`${double.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as { status: unknown; result?: unknown } };
  }

  it("rejects and records a request that breaks Qdrant's OpenAPI document", async () => {
    const before = double.violations.length;
    const misspelt = await send("PUT", "/collections/bad", { vectors: {}, sparse_vectors: { bm25: { modifier: "idff" } } });
    expect(misspelt.status).toBe(400);
    const unknownField = await send("POST", "/collections/bad/points/query", { query: { fusion: "rrf" }, limitt: 3 });
    expect(unknownField.status).toBe(400);
    const badQuery = await send("PUT", "/collections/bad/index?wait=maybe", { field_name: "x", field_schema: "keyword" });
    expect(badQuery.status).toBe(400);
    const duplicates = await send("POST", "/collections/bad/points/count", {
      filter: { must: [{ key: "g", match: { any: ["a", "a"] } }] },
    });
    expect(duplicates.status).toBe(400);
    const noSuchOperation = await send("POST", "/collections/bad/points/teleport", {});
    expect(noSuchOperation.status).toBe(404);

    const recorded = double.violations.slice(before);
    expect(recorded).toHaveLength(5);
    expect(recorded[0]?.problems.join(" ")).toMatch(/request body/);
    expect(recorded[1]?.problems.join(" ")).toMatch(/limitt/);
    expect(recorded[2]?.problems.join(" ")).toMatch(/wait/);
    double.violations.length = 0;
  });

  it("accepts a conforming request and answers in Qdrant's envelope", async () => {
    const created = await send("PUT", "/collections/good", { vectors: {}, sparse_vectors: { bm25: { modifier: "idf" } } });
    expect(created).toMatchObject({ status: 200, body: { result: true, status: "ok" } });
    expect(await send("GET", "/collections/good/exists")).toMatchObject({ body: { result: { exists: true } } });
    expect(await send("GET", "/collections/missing")).toMatchObject({ status: 404 });
    expect(double.violations).toEqual([]);
  });

  it("scores sparse vectors with Qdrant's IDF, so a rare term outweighs a common one", async () => {
    await send("PUT", "/collections/idf", { vectors: {}, sparse_vectors: { bm25: { modifier: "idf" } } });
    const point = (id: string, indices: number[]) => ({
      id,
      vector: { bm25: { indices, values: indices.map(() => 1) } },
      payload: {},
    });
    await send("PUT", "/collections/idf/points?wait=true", {
      points: [
        point("00000000-0000-4000-8000-000000000001", [1]),
        point("00000000-0000-4000-8000-000000000002", [1, 2]),
        point("00000000-0000-4000-8000-000000000003", [1]),
      ],
    });
    const found = await send("POST", "/collections/idf/points/query", {
      query: { indices: [1, 2], values: [1, 1] },
      using: "bm25",
      limit: 5,
    });
    const points = (found.body.result as { points: Array<{ id: string; score: number }> }).points;
    expect(points[0]?.id).toBe("00000000-0000-4000-8000-000000000002");
    const idf = (n: number) => Math.log(1 + (3 - n + 0.5) / (n + 0.5));
    expect(points[0]?.score).toBeCloseTo(idf(3) + idf(1), 6);
    expect(points[1]?.score).toBeCloseTo(idf(3), 6);
    expect(double.violations).toEqual([]);
  });
});

describe("Qdrant adapter errors", () => {
  it("maps an unreachable server to a retryable IndexUnavailableError", async () => {
    const double = await startQdrantDouble();
    const url = double.url;
    await double.close();
    const index = createQdrantIndex({ url, timeoutMs: 2_000 });
    const error = await index.open(null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexUnavailableError);
    expect((error as IndexUnavailableError).retryable).toBe(true);
    expect((error as IndexUnavailableError).cause).toBeDefined();
  });

  it("maps a 4xx to a non-retryable error carrying Qdrant's message", async () => {
    const double = await startQdrantDouble();
    try {
      const index = createQdrantIndex({ url: double.url, collection: "gone", timeoutMs: 2_000 });
      await index.open(null);
      await fetch(`${double.url}/collections/gone`, { method: "DELETE" });
      const error = await index
        .upsert([
          {
            chunkId: "00000000-0000-4000-8000-00000000000a",
            documentId: "d",
            version: 1,
            collection: "c",
            accessGroups: [],
            terms: termCounts("hello"),
          },
        ])
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IndexUnavailableError);
      expect((error as IndexUnavailableError).retryable).toBe(false);
      expect((error as Error).message).toMatch(/HTTP 404.*doesn't exist/);
      expect(double.violations).toEqual([]);
    } finally {
      await double.close();
    }
  });

  it("writes large batches in several calls of at most 256 points", async () => {
    const double = await startQdrantDouble();
    try {
      const index = createQdrantIndex({ url: double.url, collection: "batches", timeoutMs: 5_000 });
      await index.open(null);
      const points = Array.from({ length: 600 }, (_, i) => ({
        chunkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        documentId: `d${i}`,
        version: 1,
        collection: "c",
        accessGroups: [],
        terms: termCounts(`word${i} common`),
      }));
      await index.upsert(points);
      const upserts = double.requests.filter((request) => request.method === "PUT" && request.path.includes("/points"));
      expect(upserts.map((request) => (request.body as { points: unknown[] }).points.length)).toEqual([256, 256, 88]);
      expect(upserts.every((request) => request.path.endsWith("?wait=true"))).toBe(true);
      expect((await index.open(null)).points).toBe(600);
      expect(double.violations).toEqual([]);
    } finally {
      await double.close();
    }
  });
});
