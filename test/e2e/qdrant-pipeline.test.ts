/**
 * The whole pipeline with QDRANT_URL set: ingest, replace, search under filters, hybrid with an embedding
 * endpoint, delete and reindex, against the HTTP double that checks every request against Qdrant's own
 * OpenAPI document. (A real Qdrant runs the index contract suite in test/index/qdrant-live.test.ts.)
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";
import { startQdrantDouble, type QdrantDouble } from "../fakes/qdrant-double.ts";
import { cli } from "../helpers/cli.ts";

let root: string;
let docs: string;
let qdrant: QdrantDouble;
let embeddings: FakeOpenAIServer;
let env: Record<string, string>;

async function search(query: string, extra: string[] = []) {
  const result = await cli(["search", query, "--json", "--data-dir", path.join(root, "data"), ...extra], env);
  expect(result.stderr).toBe("");
  return (JSON.parse(result.stdout) as { hits: Array<{ source: string; text: string }> }).hits;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-qdrant-"));
  docs = path.join(root, "docs");
  await fs.mkdir(docs);
  await fs.writeFile(path.join(docs, "출장.md"), "# 출장 규정\n\n해외 출장은 이사의 서면 승인이 필요합니다.\n");
  await fs.writeFile(path.join(docs, "vpn.txt"), "Remote access\n\nThe VPN requires two-factor authentication.\n");
  qdrant = await startQdrantDouble();
  embeddings = await startFakeOpenAIServer();
  env = {
    QDRANT_URL: qdrant.url,
    QDRANT_COLLECTION: "jikji_e2e",
    JIKJI_EMBED_BASE_URL: embeddings.baseURL,
    JIKJI_EMBED_MODEL: "BAAI/bge-m3",
    JIKJI_EMBED_DIMENSIONS: String(embeddings.embeddingDimensions),
  };
});

afterAll(async () => {
  await qdrant.close();
  await embeddings.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("jikji on Qdrant (through the OpenAPI-checked double)", () => {
  it("ingests, searches Korean and English, and sends only requests Qdrant's spec allows", async () => {
    const ingest = await cli(["ingest", docs, "--json", "--data-dir", path.join(root, "data")], env);
    expect(JSON.parse(ingest.stdout)).toEqual({ ingested: 2, unchanged: 0, failed: [] });
    expect((await search("해외 출장 승인"))[0]!.source).toBe("출장.md");
    expect((await search("two-factor VPN"))[0]!.source).toBe("vpn.txt");
    const queries = qdrant.requests.filter((request) => request.path.includes("/points/query"));
    expect(JSON.stringify(queries.at(-1)!.body)).toContain('"fusion":"rrf"');
    expect(qdrant.violations).toEqual([]);
  });

  it("replaces a changed file and deletes a removed one, leaving no stale points", async () => {
    await fs.writeFile(path.join(docs, "출장.md"), "# 출장 규정\n\n해외 출장은 대표이사의 승인이 필요합니다.\n");
    await cli(["ingest", docs, "--json", "--data-dir", path.join(root, "data")], env);
    const texts = (await search("해외 출장 승인")).map((hit) => hit.text).join("\n");
    expect(texts).toContain("대표이사");
    expect(texts).not.toContain("서면 승인");

    expect((await cli(["delete", "vpn.txt", "--data-dir", path.join(root, "data")], env)).code).toBe(0);
    expect((await search("two-factor VPN")).map((hit) => hit.source)).not.toContain("vpn.txt");
    expect(qdrant.violations).toEqual([]);
  });

  it("rebuilds the Qdrant collection from the store", async () => {
    const before = await search("해외 출장");
    expect((await cli(["reindex", "--data-dir", path.join(root, "data")], env)).code).toBe(0);
    expect((await search("해외 출장")).map((hit) => hit.source)).toEqual(before.map((hit) => hit.source));
    expect(qdrant.violations).toEqual([]);
  });
});
