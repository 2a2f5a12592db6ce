import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UpstreamError } from "../../src/errors.ts";
import { embedMany } from "../../src/retrieve/embed/embed-many.ts";
import { createHashingEmbedder, hashingVector } from "../../src/retrieve/embed/hashing.ts";
import {
  createOpenAICompatibleEmbedder,
  probeEmbeddingDimensions,
} from "../../src/retrieve/embed/openai-compatible.ts";
import { describeEmbedderContract } from "../contracts/embedder.contract.ts";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";

describeEmbedderContract("hashing embedder", async () => ({
  embedder: createHashingEmbedder({ dimensions: 64 }),
  close: async () => {},
}));

describeEmbedderContract("OpenAI-compatible adapter against the fake endpoint (vectors sent out of order)", async () => {
  const server = await startFakeOpenAIServer();
  return {
    embedder: createOpenAICompatibleEmbedder({
      baseURL: server.baseURL,
      model: "BAAI/bge-m3",
      dimensions: server.embeddingDimensions,
      timeoutMs: 5_000,
      maxEmbeddingsPerCall: 4,
    }),
    close: () => server.close(),
  };
});

describe("hashing embedder", () => {
  it("is deterministic and L2-normalised", () => {
    const a = hashingVector("정책은 휴가 규정이다", 128);
    expect(a).toEqual(hashingVector("정책은 휴가 규정이다", 128));
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
  });

  it("puts texts that share terms closer than texts that do not", () => {
    const dot = (x: number[], y: number[]) => x.reduce((sum, value, i) => sum + value * y[i]!, 0);
    const query = hashingVector("휴가 정책", 256);
    expect(dot(query, hashingVector("휴가 정책은 연 15일이다", 256))).toBeGreaterThan(
      dot(query, hashingVector("bzip2 block size", 256)),
    );
  });

  it("gives an all-zero vector to a text without terms", () => {
    expect(hashingVector("!!! ...", 8)).toEqual(new Array(8).fill(0));
  });
});

describe("OpenAI-compatible embedder", () => {
  let server: FakeOpenAIServer;
  beforeEach(async () => {
    server = await startFakeOpenAIServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const embedder = (overrides: { maxEmbeddingsPerCall?: number; dimensions?: number; apiKey?: string } = {}) =>
    createOpenAICompatibleEmbedder({
      baseURL: `${server.baseURL}/`,
      model: "bge-m3",
      dimensions: overrides.dimensions ?? server.embeddingDimensions,
      apiKey: overrides.apiKey,
      timeoutMs: 5_000,
      maxEmbeddingsPerCall: overrides.maxEmbeddingsPerCall ?? 8,
    });

  async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }

  it("sends the model, the inputs and the key", async () => {
    await embedder({ apiKey: "k1" }).embed(["a", "b"]);
    const [request] = server.requests;
    expect(request!.path).toBe("/v1/embeddings");
    expect(request!.body).toMatchObject({ model: "bge-m3", input: ["a", "b"] });
    expect(request!.headers.authorization).toBe("Bearer k1");
  });

  it("rejects a reply with the wrong number of vectors", async () => {
    server.embeddings.push({ kind: "wrong-count" });
    expect((await failure(embedder().embed(["a", "b"]))).code).toBe("upstream_error");
  });

  it("rejects vectors of other dimensions than configured", async () => {
    server.embeddings.push({ kind: "wrong-dimensions", dimensions: 7 });
    const error = await failure(embedder().embed(["a"]));
    expect(error.code).toBe("upstream_error");
    expect(error.message).toContain("7-dimensional");
  });

  it("maps a 503 to a retryable upstream_unavailable", async () => {
    server.embeddings.push({ kind: "status", status: 503 });
    const error = await failure(embedder().embed(["a"]));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.retryable).toBe(true);
  });

  it("maps an unreachable endpoint to upstream_unavailable", async () => {
    const gone = embedder();
    await server.close();
    expect((await failure(gone.embed(["a"]))).code).toBe("upstream_unavailable");
    server = await startFakeOpenAIServer();
  });

  it("learns the dimensions from the endpoint", async () => {
    server.embeddingDimensions = 48;
    expect(await probeEmbeddingDimensions({ baseURL: server.baseURL, model: "m", timeoutMs: 5_000 })).toBe(48);
  });

  it("embedMany retries retryable failures and keeps order across batches", async () => {
    server.embeddings.push({ kind: "status", status: 429 }, { kind: "vectors" }, { kind: "status", status: 500 });
    const texts = Array.from({ length: 10 }, (_, i) => `text ${i}`);
    const vectors = await embedMany(embedder({ maxEmbeddingsPerCall: 3 }), texts, {
      concurrency: 1,
      maxRetries: 2,
      retryDelayMs: 1,
    });
    expect(vectors).toEqual(texts.map((text) => hashingVector(text, server.embeddingDimensions)));
    expect(server.requests).toHaveLength(6);
  });

  it("embedMany does not retry a 400", async () => {
    server.embeddings.push({ kind: "status", status: 400 });
    const error = await failure(embedMany(embedder(), ["a"], { maxRetries: 3, retryDelayMs: 1 }));
    expect(error.status).toBe(400);
    expect(server.requests).toHaveLength(1);
  });
});
