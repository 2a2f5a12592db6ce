import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { FIELD_LIMITS } from "../../src/api/fields.ts";
import { loadConfig } from "../../src/config.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];

const JSON_HEADERS = { "content-type": "application/json" };

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(url, { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

/** Every JSON route and a body it accepts. */
const JSON_ROUTES: Array<[string, Record<string, unknown>]> = [
  ["/v1/search", { query: "휴가" }],
  ["/v1/ask", { question: "휴가는 며칠인가요?" }],
  ["/v1/chat/completions", { messages: [{ role: "user", content: "휴가는 며칠인가요?" }] }],
  ["/v1/keys", { name: "x", role: "reader", groups: ["hr"] }],
];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-hardening-"));
  const config = loadConfig({ JIKJI_MAX_JSON_KB: "64", JIKJI_ALLOWED_HOSTS: "jikji.corp.example", JIKJI_MAX_UPLOAD_FILES: "3" }, { dataDir: root });
  jikji = await openJikji(config, { scanIndex: false });
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
});

afterAll(async () => {
  await queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("body limits", () => {
  it("refuses a 4 MB chat body with 413 before reading it", async () => {
    const huge = JSON.stringify({ messages: [{ role: "user", content: "가".repeat(4 * 1024 * 1024 / 3) }] });
    const response = await post("/v1/chat/completions", huge);
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: "payload_too_large", message: expect.stringMatching(/^body: .*64 KB/) });
  });

  it.each(JSON_ROUTES)("%s has the byte limit, and requires application/json", async (route, body) => {
    const padded = { ...body, padding: "x".repeat(70 * 1024) };
    expect((await post(route, padded)).status).toBe(413);
    const plain = await app.request(route, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(body) });
    expect(plain.status).toBe(415);
    expect((await errorOf(plain)).message).toMatch(/application\/json/);
  });

  it("names the field each shared limit refuses, on every route that takes it", async () => {
    const longText = "질".repeat(FIELD_LIMITS.questionChars + 1);
    const cases: Array<[string, unknown, string]> = [
      ["/v1/search", { query: longText }, "body.query"],
      ["/v1/ask", { question: longText }, "body.question"],
      ["/v1/ask", { question: "q", collection: "bad\u0007name" }, "body.collection"],
      ["/v1/chat/completions", { messages: [{ role: "user", content: "q" }], collection: "x".repeat(10_000) }, "body.collection"],
      ["/v1/search", { query: "q", collection: "bad\u0000" }, "body.collection"],
      ["/v1/ask", { question: "q", k: 0 }, "body.k"],
      ["/v1/chat/completions", { messages: [{ role: "user", content: "q" }], k: 1000 }, "body.k"],
      ["/v1/search", { query: "q", accessGroups: Array.from({ length: 101 }, (_, i) => `g${i}`) }, "body.accessGroups"],
      ["/v1/ask", { question: "q", accessGroups: ["\u0001"] }, "body.accessGroups"],
      [
        "/v1/chat/completions",
        { messages: Array.from({ length: FIELD_LIMITS.messages + 1 }, () => ({ role: "user", content: "q" })) },
        "body.messages",
      ],
      [
        "/v1/chat/completions",
        { messages: Array.from({ length: 5 }, () => ({ role: "user", content: "a".repeat(FIELD_LIMITS.messagesChars / 4) })) },
        "body.messages",
      ],
    ];
    for (const [route, body, field] of cases) {
      const response = await post(route, body);
      expect(response.status, `${route} ${field}`).toBe(400);
      expect((await errorOf(response)).message, route).toContain(field);
    }
  });
});

describe("numbers in query strings", () => {
  it("refuses an empty, hexadecimal, exponent or signed number with 400 naming the parameter", async () => {
    const cases: Array<[string, string]> = [
      ["/v1/documents?offset=", "query.offset"],
      ["/v1/documents?limit=0x10", "query.limit"],
      ["/v1/documents?limit=1e2", "query.limit"],
      ["/v1/documents?offset=-0", "query.offset"],
      ["/v1/documents?limit=%2010", "query.limit"],
      ["/v1/conversations?offset=", "query.offset"],
      ["/v1/audit?limit=", "query.limit"],
      ["/v1/documents/3f1c1d7e-0000-4000-8000-000000000000/text?start=&end=5", "query.start"],
      ["/v1/documents/3f1c1d7e-0000-4000-8000-000000000000/text?start=0&end=5&version=0x1", "query.version"],
    ];
    for (const [url, field] of cases) {
      const response = await app.request(url);
      expect(response.status, url).toBe(400);
      expect((await errorOf(response)).message, url).toContain(`${field}: must be a whole number`);
    }
    expect((await app.request("/v1/documents?limit=10&offset=0")).status).toBe(200);
    for (const url of ["/v1/documents?collection=a&collection=b", "/v1/documents?limit=1&limit=1000", "/v1/conversations?offset=0&offset=5", "/v1/audit?limit=5&limit=6"]) {
      const repeated = await app.request(url);
      expect(repeated.status, url).toBe(400);
      expect((await errorOf(repeated)).message, url).toMatch(/^query\.(collection|limit|offset): given 2 times; give it once$/);
    }
    expect((await app.request("/v1/conversations")).status).toBe(200);
  });
});

describe("upload fields", () => {
  it("refuses a field given twice that takes one value (collection, effectiveFrom…) with 400 naming it, queuing nothing", async () => {
    for (const [field, values] of [["collection", ["a", "b"]], ["effectiveFrom", ["2025-01-01", "2025-02-01"]], ["strict", ["true", "false"]]] as const) {
      const form = new FormData();
      form.append("file", new File(["# 문서\n\n본문"], "twice.md"));
      for (const value of values) form.append(field, value);
      const response = await app.request("/v1/documents", { method: "POST", body: form });
      expect(response.status, field).toBe(400);
      expect((await errorOf(response)).message).toBe(`body.${field}: given 2 times; give it once`);
    }
    expect(queue.size).toBe(0);
  });
});

describe("files per upload", () => {
  it("refuses more files than JIKJI_MAX_UPLOAD_FILES with 413 naming the cap, and queues none of them", async () => {
    const form = new FormData();
    for (let i = 0; i < 4; i++) form.append("file", new File([`# 문서 ${i}\n\n본문 ${i}`], `doc-${i}.md`));
    const response = await app.request("/v1/documents", { method: "POST", body: form });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({
      code: "payload_too_large",
      message: expect.stringMatching(/^body\.file: at most 3 files per upload \(JIKJI_MAX_UPLOAD_FILES\)/),
    });
    await queue.idle();
    expect((await jikji.store.counts()).documents).toBe(0);
    expect(queue.size).toBe(0);
  });
});

describe("text encodings", () => {
  // {"query":"휴가"} in EUC-KR (CP949), as a Korean legacy system sends it.
  const eucKr = new Uint8Array([0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0xc8, 0xde, 0xb0, 0xa1, 0x22, 0x7d]);

  it("refuses JSON declared in another charset than UTF-8 with 415 naming it, instead of searching for mojibake", async () => {
    const response = await app.request("/v1/search", { method: "POST", headers: { "content-type": "application/json; charset=EUC-KR" }, body: eucKr });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).message).toMatch(/UTF-8.*euc-kr/i);
    const utf8 = await app.request("/v1/search", { method: "POST", headers: { "content-type": "application/json; charset=\"utf-8\"" }, body: JSON.stringify({ query: "휴가" }) });
    expect(utf8.status).toBe(200);
  });

  it("refuses a body that is not UTF-8 (EUC-KR sent as application/json) with 400, instead of replacing what it cannot read", async () => {
    const response = await app.request("/v1/search", { method: "POST", headers: JSON_HEADERS, body: eucKr });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^body: must be UTF-8/);
  });
});

describe("Unicode names", () => {
  it("stores a decomposed (NFD, as macOS writes it) collection and group name as its composed twin, so either finds it", async () => {
    const form = new FormData();
    form.append("file", new File(["# 규정\n\n연차는 15일"], "nfd.md"));
    form.append("collection", "인사규정".normalize("NFD"));
    form.append("accessGroups", "인사팀".normalize("NFD"));
    const upload = await app.request("/v1/documents", { method: "POST", body: form });
    expect(upload.status).toBe(202);
    expect(((await upload.json()) as { collection: string }).collection).toBe("인사규정".normalize("NFC"));
    await queue.idle();
    for (const name of ["인사규정".normalize("NFC"), "인사규정".normalize("NFD")]) {
      const listed = (await (await app.request(`/v1/documents?collection=${encodeURIComponent(name)}`)).json()) as { documents: Array<{ collection: string; accessGroups: string[] }> };
      expect(listed.documents.map((d) => [d.collection, d.accessGroups]), name.length.toString()).toEqual([["인사규정".normalize("NFC"), ["인사팀".normalize("NFC")]]]);
      const found = (await (await post("/v1/search", { query: "연차", collection: name, accessGroups: ["인사팀".normalize("NFD")] })).json()) as { hits: unknown[] };
      expect(found.hits.length).toBe(1);
    }
    const id = ((await (await app.request("/v1/documents?collection=" + encodeURIComponent("인사규정"))).json()) as { documents: Array<{ id: string }> }).documents[0]!.id;
    expect((await app.request(`/v1/documents/${id}`, { method: "DELETE" })).status).toBe(204);
  });
});

describe("NUL characters", () => {
  it("refuses a NUL in text a request would store or search, with 400 naming the field, never a 500", async () => {
    const cases: Array<[string, unknown, string]> = [
      ["/v1/search", { query: "휴\u0000가" }, "body.query"],
      ["/v1/ask", { question: "휴가\u0000" }, "body.question"],
      ["/v1/chat/completions", { messages: [{ role: "user", content: "휴가\u0000" }] }, "body.messages"],
      ["/v1/chat/completions", { messages: [{ role: "user", content: [{ type: "text", text: "\u0000" }] }] }, "body.messages"],
    ];
    for (const [route, body, field] of cases) {
      const response = await post(route, body);
      expect(response.status, `${route} ${field}`).toBe(400);
      expect((await errorOf(response)).message, route).toMatch(new RegExp(`${field.replace(".", "\\.")}.*NUL`));
    }
  });

  it("answers a stored conversation's NUL message with 400, and stores nothing", async () => {
    const created = await post("/v1/conversations", { title: "nul" });
    const id = ((await created.json()) as { id: string }).id;
    const response = await post("/v1/chat/completions", { messages: [{ role: "user", content: "x\u0000y" }], conversationId: id });
    expect(response.status).toBe(400);
    const stored = (await (await app.request(`/v1/conversations/${id}`)).json()) as { messages: unknown[] };
    expect(stored.messages).toEqual([]);
  });
});

describe("Host and Origin", () => {
  it("answers loopback names and configured hosts, and refuses others (DNS rebinding)", async () => {
    const search = (host: string) => app.request("http://x/v1/search", { method: "POST", headers: { ...JSON_HEADERS, host }, body: JSON.stringify({ query: "q" }) });
    expect((await search("localhost:8787")).status).toBe(200);
    expect((await search("127.0.0.1:8787")).status).toBe(200);
    expect((await search("[::1]:8787")).status).toBe(200);
    expect((await search("jikji.corp.example")).status).toBe(200);
    const rebound = await search("attacker.example");
    expect(rebound.status).toBe(403);
    expect((await errorOf(rebound)).message).toMatch(/JIKJI_ALLOWED_HOSTS/);
    expect((await app.request("http://x/", { headers: { host: "attacker.example:8787" } })).status).toBe(403);
    expect((await app.request("http://x/healthz", { headers: { host: "attacker.example" } })).status).toBe(403);
  });

  it("refuses a cross-origin upload (no-cors multipart) and JSON post, but not reads or same-origin posts", async () => {
    const form = new FormData();
    form.append("file", new File(["# planted\n\nplanted text"], "planted.md"));
    const planted = await app.request("http://localhost/v1/documents", {
      method: "POST",
      headers: { host: "localhost:8787", origin: "http://evil.example" },
      body: form,
    });
    expect(planted.status).toBe(403);
    expect((await errorOf(planted)).message).toMatch(/Origin/);
    const crossSite = await post("/v1/search", { query: "q" }, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await post("http://localhost/v1/search", { query: "q" }, { host: "localhost:8787", origin: "http://localhost:8787" });
    expect(sameOrigin.status).toBe(200);
    const read = await app.request("/v1/documents", { headers: { origin: "http://evil.example" } });
    expect(read.status).toBe(200);
    expect((await jikji.store.counts()).documents).toBe(0);
  });
});

describe("response headers", () => {
  it("forbids framing and sniffing, and keeps the page's content security policy", async () => {
    const page = await app.request("/");
    expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const api = await post("/v1/search", { query: "q" });
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
