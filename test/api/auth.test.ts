import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

const ADMIN = "admin-token-0123456789abcdef";
const HR = "hr-reader-token-0123456789ab";

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];

function post(url: string, body: unknown, token?: string) {
  return app.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function sources(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as { hits: Array<{ source: string }> };
  return body.hits.map((hit) => hit.source).sort();
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-auth-"));
  const config = loadConfig(
    {
      JIKJI_API_TOKENS: JSON.stringify({ [ADMIN]: { name: "ops", admin: true }, [HR]: { name: "hr-portal", groups: ["hr"] } }),
    },
    { dataDir: root },
  );
  jikji = await openJikji(config, { scanIndex: false });
  const collectionId = await jikji.store.ensureCollection("default");
  const add = (source: string, text: string, accessGroups: string[]) =>
    ingestFile(jikji, { collectionId, collection: "default", source, bytes: new TextEncoder().encode(text), accessGroups });
  await add("salaries.md", "# 급여\n\n급여 지급일은 매월 25일입니다.", ["hr"]);
  await add("budget.md", "# 예산\n\n급여 예산은 재무팀이 관리합니다.", ["finance"]);
  await add("notice.md", "# 공지\n\n급여 명세서는 사내 포털에서 볼 수 있습니다.", []);
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
});

afterAll(async () => {
  await queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("API tokens", () => {
  it("keeps health and the page public", async () => {
    expect((await app.request("/healthz")).status).toBe(200);
    expect((await app.request("/")).status).toBe(200);
  });

  it("answers 401 with a JSON error without a token or with an unknown one", async () => {
    const none = await post("/v1/search", { query: "급여" });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    expect((await post("/v1/search", { query: "급여" }, "x".repeat(30))).status).toBe(401);
    expect((await post("/v1/ask", { question: "급여" })).status).toBe(401);
  });

  it("limits a reader to its groups, whatever groups it asks for; a document without groups is not public", async () => {
    expect(await sources(await post("/v1/search", { query: "급여" }, HR))).toEqual(["salaries.md"]);
    expect(await sources(await post("/v1/search", { query: "급여", accessGroups: ["finance"] }, HR))).toEqual([]);
    const answer = (await (await post("/v1/ask", { question: "급여 예산은 누가 관리하나요?" }, HR)).json()) as {
      citations: Array<{ source: string }>;
    };
    expect(answer.citations.every((citation) => citation.source !== "budget.md")).toBe(true);
  });

  it("lets an admin token read everything and manage documents, and a reader list only what it reads", async () => {
    expect(await sources(await post("/v1/search", { query: "급여" }, ADMIN))).toEqual(["budget.md", "notice.md", "salaries.md"]);
    const listed = await app.request("/v1/documents", { headers: { authorization: `Bearer ${HR}` } });
    expect(listed.status).toBe(200);
    const documents = ((await listed.json()) as { documents: Array<{ source: string }> }).documents;
    expect(documents.map((document) => document.source)).toEqual(["salaries.md"]);
    const form = new FormData();
    form.append("file", new File(["# 새 문서\n\n내용"], "new.md"));
    const denied = await app.request("/v1/documents", { method: "POST", body: form, headers: { authorization: `Bearer ${HR}` } });
    expect(denied.status).toBe(403);
    expect((await app.request("/v1/documents", { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
  });
});

describe("serving beyond loopback", () => {
  it("refuses to listen on a public address without API tokens, naming the fix", async () => {
    const result = await cli(["serve", "--host", "0.0.0.0", "--port", "18999", "--data-dir", path.join(root, "other")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/JIKJI_API_TOKENS/);
  });

  it("rejects short tokens without echoing them", () => {
    expect(() => loadConfig({ JIKJI_API_TOKENS: JSON.stringify({ "short-secret": { groups: ["hr"] } }) })).toThrow(
      /at least 24 characters/,
    );
    try {
      loadConfig({ JIKJI_API_TOKENS: JSON.stringify({ "short-secret": {} }) });
    } catch (error) {
      expect(String(error)).not.toContain("short-secret");
    }
  });
});
