/**
 * With an embedding endpoint configured, ingest embeds every chunk and search runs the dense leg beside
 * the lexical one; the endpoint is a real local HTTP server speaking the OpenAI wire format.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";
import { cli } from "../helpers/cli.ts";

let root: string;
let docs: string;
let fake: FakeOpenAIServer;
let env: Record<string, string>;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-hybrid-"));
  docs = path.join(root, "docs");
  await fs.mkdir(docs);
  await fs.writeFile(path.join(docs, "vpn.md"), "# 원격 근무\n\n사내망 접속은 VPN 클라이언트로만 합니다. 접속 주소는 IT 포털에 있습니다.\n");
  await fs.writeFile(path.join(docs, "lunch.md"), "# 식당\n\n구내식당은 오전 11시 30분부터 오후 1시 30분까지 운영합니다.\n");
  fake = await startFakeOpenAIServer();
  fake.embeddingDimensions = 48;
  env = { JIKJI_EMBED_BASE_URL: fake.baseURL, JIKJI_EMBED_MODEL: "BAAI/bge-m3" };
});

afterAll(async () => {
  await fake.close();
  await fs.rm(root, { recursive: true, force: true });
});

const embeddingCalls = () => fake.requests.filter((request) => request.path.endsWith("/embeddings"));

describe("hybrid search with an embedding endpoint", () => {
  it("embeds every chunk at ingest, learning the dimensions from the endpoint", async () => {
    const result = await cli(["ingest", docs, "--json", "--data-dir", path.join(root, "data")], env);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ ingested: 2, unchanged: 0, failed: [] });
    const inputs = embeddingCalls().flatMap((call) => call.body.input as string[]);
    expect(inputs).toContain("dimension probe");
    expect(inputs.some((text) => text.includes("VPN 클라이언트"))).toBe(true);
    expect(embeddingCalls().every((call) => call.body.model === "BAAI/bge-m3")).toBe(true);
  });

  it("embeds the query and ranks by both legs", async () => {
    const before = embeddingCalls().length;
    const result = await cli(["search", "VPN 접속 방법", "--json", "--data-dir", path.join(root, "data")], env);
    expect(result.code).toBe(0);
    const { hits } = JSON.parse(result.stdout);
    expect(hits[0].source).toBe("vpn.md");
    const calls = embeddingCalls().slice(before).flatMap((call) => call.body.input as string[]);
    expect(calls).toContain("VPN 접속 방법");
  });

  it("says to reindex when the model's dimensions change, and reindex fixes it", async () => {
    fake.embeddingDimensions = 64;
    const mismatch = await cli(["search", "식당", "--data-dir", path.join(root, "data")], env);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/jikji reindex/);
    const reindex = await cli(["reindex", "--data-dir", path.join(root, "data")], env);
    expect(reindex.code).toBe(0);
    const after = await cli(["search", "구내식당 운영 시간", "--json", "--data-dir", path.join(root, "data")], env);
    expect(JSON.parse(after.stdout).hits[0].source).toBe("lunch.md");
  });

  it("reports an unreachable embedding endpoint as such, not as 'no matches'", async () => {
    const result = await cli(["search", "식당", "--data-dir", path.join(root, "data")], {
      JIKJI_EMBED_BASE_URL: "http://127.0.0.1:9/v1",
      JIKJI_EMBED_MODEL: "BAAI/bge-m3",
      JIKJI_EMBED_DIMENSIONS: "64",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unreachable|could not reach|connect/i);
  });
});
