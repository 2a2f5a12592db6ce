import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIGenerator } from "../../src/answer/generate/openai.ts";
import { createMetrics } from "../../src/operate/metrics.ts";
import { observedEmbedder, observedGenerator } from "../../src/operate/upstream.ts";
import { createOpenAICompatibleEmbedder } from "../../src/retrieve/embed/openai-compatible.ts";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";

let fake: FakeOpenAIServer;

beforeAll(async () => {
  fake = await startFakeOpenAIServer();
});

afterAll(async () => {
  await fake.close();
});

function value(text: string, series: string): number {
  const line = text.split("\n").find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("upstream call metrics", () => {
  it("counts generation and embedding calls, successes and failures, on the app's own registry", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const other = createMetrics({ defaultMetrics: false });
    const generator = observedGenerator(createOpenAIGenerator({ baseURL: fake.baseURL, model: "exaone", maxRetries: 0, timeoutMs: 10_000 }), metrics);
    const embedder = observedEmbedder(
      createOpenAICompatibleEmbedder({ baseURL: fake.baseURL, model: "bge-m3", dimensions: fake.embeddingDimensions, timeoutMs: 10_000 }),
      metrics,
    );
    expect(generator.model).toBe("exaone");
    expect(embedder.dimensions).toBe(fake.embeddingDimensions);

    fake.chat.push({ kind: "answer", content: "연차는 15일입니다 [1]" }, { kind: "status", status: 400 }, { kind: "answer", content: "스트림 [1]" });
    await generator.generate({ messages: [{ role: "user", content: "연차?" }] });
    await expect(generator.generate({ messages: [{ role: "user", content: "연차?" }] })).rejects.toThrow();
    let streamed = "";
    for await (const event of generator.stream({ messages: [{ role: "user", content: "연차?" }] })) if (event.type === "text") streamed += event.delta;
    expect(streamed).toContain("스트림");

    fake.embeddings.push({ kind: "vectors" }, { kind: "status", status: 400 });
    expect((await embedder.embed(["연차휴가"]))[0]).toHaveLength(fake.embeddingDimensions);
    await expect(embedder.embed(["연차휴가"])).rejects.toThrow();

    const text = await metrics.registry.metrics();
    expect(value(text, 'jikji_upstream_request_duration_seconds_count{kind="generation",outcome="ok"}')).toBe(2);
    expect(value(text, 'jikji_upstream_request_duration_seconds_count{kind="generation",outcome="error"}')).toBe(1);
    expect(value(text, 'jikji_upstream_errors_total{kind="generation"}')).toBe(1);
    expect(value(text, 'jikji_upstream_request_duration_seconds_count{kind="embedding",outcome="ok"}')).toBe(1);
    expect(value(text, 'jikji_upstream_errors_total{kind="embedding"}')).toBe(1);
    expect(text).not.toContain("jikji_process_cpu_user_seconds_total");
    // A second app's registry saw none of it.
    expect(value(await other.registry.metrics(), 'jikji_upstream_errors_total{kind="embedding"}')).toBe(0);
  });

  it("adds Node's process series when serve asks for them", async () => {
    const text = await createMetrics({ defaultMetrics: true }).registry.metrics();
    expect(text).toContain("# TYPE jikji_process_cpu_user_seconds_total counter");
    expect(text).toContain("jikji_nodejs_eventloop_lag_seconds");
  });
});
