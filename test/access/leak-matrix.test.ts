import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../src/access/keys.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

/**
 * Every read route × every principal × streaming or not: each response may hold only the documents its caller
 * reads, named by id and by a marker word only that document contains. Modelled on Onyx's permission-sync tests.
 */

interface Doc {
  collection: string;
  source: string;
  groups: string[];
  marker: string;
  id?: string;
}

const DOCS: Doc[] = [
  { collection: "policies", source: "hr-pay.md", groups: ["hr"], marker: "qxhrpay" },
  { collection: "policies", source: "hr-leave.md", groups: ["hr", "staff"], marker: "qxhrleave" },
  { collection: "policies", source: "fin-budget.md", groups: ["finance"], marker: "qxfinbudget" },
  // No groups: under the default policy they belong to their collection's default groups (policies → hr).
  { collection: "policies", source: "policy-common.md", groups: [], marker: "qxpolicycommon" },
  { collection: "finance", source: "fin-audit.md", groups: ["finance"], marker: "qxfinaudit" },
  // No groups in a collection without default groups: admins only.
  { collection: "misc", source: "misc-orphan.md", groups: [], marker: "qxmiscorphan" },
];

interface Caller {
  name: string;
  key: string | null;
  /** Sources this caller reads. */
  reads: string[];
}

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];
const callers: Caller[] = [];
const everything = DOCS.map((doc) => doc.source);

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-leak-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
  for (const doc of DOCS) {
    const collectionId = await jikji.store.ensureCollection(doc.collection);
    const text = `# ${doc.source}\n\n휴가와 급여 규정 안내입니다. 이 문서의 고유 표지는 ${doc.marker} 입니다.\n`;
    const outcome = await ingestFile(jikji, { collectionId, collection: doc.collection, source: doc.source, bytes: new TextEncoder().encode(text), accessGroups: doc.groups });
    doc.id = outcome.documentId!;
  }
  await jikji.store.setCollectionDefaultGroups("policies", ["hr"]);

  const issue = async (name: string, role: "reader" | "editor" | "admin", groups: string[] | null, collections: string[] | null, reads: string[]) => {
    const { key } = await createKey(jikji.accessStore, { name, role, groups, collections, expiresInMs: null });
    callers.push({ name, key, reads });
  };
  await issue("admin", "admin", null, null, everything);
  await issue("hr", "reader", ["hr"], null, ["hr-pay.md", "hr-leave.md", "policy-common.md"]);
  await issue("staff", "reader", ["staff"], null, ["hr-leave.md"]);
  await issue("finance", "reader", ["finance"], null, ["fin-budget.md", "fin-audit.md"]);
  await issue("finance-policies", "editor", ["finance"], ["policies"], ["fin-budget.md"]);
  await issue("nobody", "reader", ["sales"], null, []);
  callers.push({ name: "anonymous", key: null, reads: [] });
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
});

afterAll(async () => {
  await queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

function headers(caller: Caller): Record<string, string> {
  return { "content-type": "application/json", ...(caller.key ? { authorization: `Bearer ${caller.key}` } : {}) };
}

/** Every read the API offers, with the body text it answered. */
function reads(caller: Caller): Array<[string, () => Response | Promise<Response>]> {
  const post = (route: string, body: unknown) => () => app.request(route, { method: "POST", headers: headers(caller), body: JSON.stringify(body) });
  const get = (route: string) => () => app.request(route, { headers: headers(caller) });
  const question = "휴가와 급여 규정 안내";
  const chat = { messages: [{ role: "user", content: question }], k: 20 };
  return [
    ["search", post("/v1/search", { query: question, k: 50 })],
    ["search asking for every group", post("/v1/search", { query: question, k: 50, accessGroups: ["hr", "staff", "finance", "sales"] })],
    ["search in collection finance", post("/v1/search", { query: question, k: 50, collection: "finance" })],
    ["ask", post("/v1/ask", { question, k: 20 })],
    ["ask stream", post("/v1/ask", { question, k: 20, stream: true })],
    ["chat", post("/v1/chat/completions", chat)],
    ["chat stream", post("/v1/chat/completions", { ...chat, stream: true })],
    ["document list", get("/v1/documents?limit=1000")],
    ["document list of misc", get("/v1/documents?collection=misc")],
    ...DOCS.map((doc): [string, () => Response | Promise<Response>] => [`document get ${doc.source}`, get(`/v1/documents/${doc.id}`)]),
  ];
}

/** Foreign documents a response names by marker or id (the id the caller itself asked for does not count). */
function leaked(text: string, caller: Caller, askedFor?: Doc): string[] {
  return DOCS.filter(
    (doc) => !caller.reads.includes(doc.source) && (text.includes(doc.marker) || (doc !== askedFor && text.includes(doc.id!))),
  ).map((doc) => doc.source);
}

describe("leak matrix", () => {
  it("every read route returns only what each caller reads", async () => {
    for (const caller of callers) {
      for (const [route, call] of reads(caller)) {
        const response = await call();
        const text = await response.text();
        const askedFor = DOCS.find((doc) => route === `document get ${doc.source}`);
        expect(leaked(text, caller, askedFor), `${caller.name} × ${route}`).toEqual([]);
        if (askedFor && caller.key !== null) {
          expect(response.status, `${caller.name} × ${route}`).toBe(caller.reads.includes(askedFor.source) ? 200 : 404);
        }
        if (caller.key === null) expect(response.status, `${caller.name} × ${route}`).toBe(401);
      }
    }
  });

  it("search finds exactly the readable set, and the sets of disjoint callers are disjoint", async () => {
    const found = new Map<string, string[]>();
    for (const caller of callers.filter((c) => c.key !== null)) {
      const response = await app.request("/v1/search", { method: "POST", headers: headers(caller), body: JSON.stringify({ query: "휴가와 급여 규정 안내", k: 50 }) });
      expect(response.status).toBe(200);
      const sources = [...new Set(((await response.json()) as { hits: Array<{ source: string }> }).hits.map((hit) => hit.source))].sort();
      expect(sources, caller.name).toEqual([...caller.reads].sort());
      found.set(caller.name, sources);
    }
    const hr = found.get("hr")!;
    expect(found.get("finance")!.filter((source) => hr.includes(source))).toEqual([]);
    expect(found.get("nobody")).toEqual([]);
  });

  it("fails closed for a caller that passes groups without a scope (a route written before requestFilter)", async () => {
    const result = await jikji.search({ query: "휴가와 급여 규정 안내", k: 50, filter: { accessGroups: ["hr"] } });
    const sources = [...new Set(result.hits.map((hit) => hit.source))].sort();
    expect(sources).toEqual(["hr-leave.md", "hr-pay.md", "policy-common.md"]);
  });

  it("documents a caller cannot read cannot be deleted by it, and look the same as missing ones", async () => {
    const editor = callers.find((c) => c.name === "finance-policies")!;
    for (const doc of DOCS.filter((d) => !editor.reads.includes(d.source))) {
      const response = await app.request(`/v1/documents/${doc.id}`, { method: "DELETE", headers: headers(editor) });
      expect(response.status, doc.source).toBe(404);
    }
    const reader = callers.find((c) => c.name === "finance")!;
    const finance = DOCS.find((d) => d.source === "fin-audit.md")!;
    expect((await app.request(`/v1/documents/${finance.id}`, { method: "DELETE", headers: headers(reader) })).status).toBe(403);
    expect((await jikji.store.counts()).documents).toBe(DOCS.length);
  });

  it("an editor may upload only into its collections, labelled with its own groups", async () => {
    const editor = callers.find((c) => c.name === "finance-policies")!;
    const upload = (fields: Record<string, string>) => {
      const form = new FormData();
      form.append("file", new File(["# x\n\nplanted"], "planted.md"));
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      return app.request("/v1/documents", { method: "POST", headers: { authorization: `Bearer ${editor.key}` }, body: form });
    };
    expect((await upload({ collection: "finance", accessGroups: "finance" })).status).toBe(403);
    expect((await upload({ collection: "policies", accessGroups: "hr" })).status).toBe(403);
    const accepted = await upload({ collection: "policies", accessGroups: "finance" });
    expect(accepted.status).toBe(202);
    const { jobId } = (await accepted.json()) as { jobId: string };
    await queue.idle();
    expect((await app.request(`/v1/jobs/${jobId}`, { headers: headers(editor) })).status).toBe(200);
    const hr = callers.find((c) => c.name === "hr")!;
    expect((await app.request(`/v1/jobs/${jobId}`, { headers: headers(hr) })).status).toBe(403);
    const listed = await app.request("/v1/documents?collection=policies", { headers: headers(hr) });
    const planted = (await listed.json()) as { documents: Array<{ source: string }> };
    expect(planted.documents.map((d) => d.source)).not.toContain("planted.md");
  });
});
