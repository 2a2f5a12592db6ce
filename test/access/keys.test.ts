import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-keys-"));
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function withApp<T>(dataDir: string, env: Record<string, string>, work: (app: ReturnType<typeof createServerApp>["app"], jikji: Jikji) => Promise<T>) {
  const jikji = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
  let queue: IngestQueue | undefined;
  try {
    const built = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 });
    queue = built.queue;
    return await work(built.app, jikji);
  } finally {
    await queue?.idle();
    await jikji.close();
  }
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("jikji keys", () => {
  it("creates a key shown once and stored only as a hash, lists it, and revokes it", async () => {
    const dataDir = path.join(root, "cli");
    const created = await cli(["keys", "create", "--name", "hr-portal", "--role", "reader", "--groups", "hr", "--collections", "policies", "--expires", "90d", "--data-dir", dataDir]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^jk_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown only now/);

    const listed = await cli(["keys", "list", "--json", "--data-dir", dataDir]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(key);
    const [entry] = (JSON.parse(listed.stdout) as { keys: Array<Record<string, unknown>> }).keys;
    expect(entry).toMatchObject({ name: "hr-portal", role: "reader", groups: ["hr"], collections: ["policies"], revokedAt: null });
    const expires = Date.parse(entry!.expiresAt as string) - Date.now();
    expect(expires).toBeGreaterThan(89 * 86_400_000);
    expect(expires).toBeLessThan(91 * 86_400_000);

    // Nothing in the store holds the key itself.
    await withApp(dataDir, {}, async (_app, jikji) => {
      const rows = await jikji.accessStore.listKeys();
      expect(JSON.stringify(rows)).not.toContain(key.slice(10));
    });

    expect((await cli(["keys", "create", "--name", "no-groups", "--role", "reader", "--data-dir", dataDir])).code).toBe(2);
    expect((await cli(["keys", "create", "--name", "hr-portal", "--role", "reader", "--groups", "hr", "--data-dir", dataDir])).stderr).toMatch(/already exists/);

    const revoked = await cli(["keys", "revoke", "hr-portal", "--data-dir", dataDir]);
    expect(revoked.code).toBe(0);
    expect((await cli(["keys", "revoke", "hr-portal", "--data-dir", dataDir])).code).toBe(1);
    // A revoked name can be reused by its successor.
    expect((await cli(["keys", "create", "--name", "hr-portal", "--role", "reader", "--groups", "hr", "--data-dir", dataDir])).code).toBe(0);
  });
});

describe("/v1/keys and the switch to required keys", () => {
  it("requires a key on every /v1 route once one exists, and honours roles, expiry and revocation", async () => {
    const dataDir = path.join(root, "api");
    await withApp(dataDir, {}, async (app) => {
      // No keys yet: the loopback user is trusted and may create the first admin key.
      expect((await app.request("/v1/documents")).status).toBe(200);
      const created = await app.request("/v1/keys", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "ops", role: "admin" }),
      });
      expect(created.status).toBe(201);
      const admin = ((await created.json()) as { key: string }).key;

      for (const [method, route] of [["GET", "/v1/documents"], ["POST", "/v1/search"], ["POST", "/v1/ask"], ["POST", "/v1/chat/completions"], ["GET", "/v1/keys"], ["GET", "/v1/audit"]] as const) {
        const response = await app.request(route, { method, headers: { "content-type": "application/json" }, ...(method === "POST" ? { body: "{}" } : {}) });
        expect(response.status, `${method} ${route}`).toBe(401);
      }
      const health = (await (await app.request("/healthz")).json()) as Record<string, unknown>;
      // Liveness and the index's state only (a stale index still answers): no counts, names or versions.
      expect(health).toEqual({ status: "ok", indexStatus: { state: "current" } });
      const detailed = (await (await app.request("/healthz", { headers: bearer(admin) })).json()) as Record<string, unknown>;
      expect(detailed).toMatchObject({ status: "ok", store: "pglite", documents: 0 });

      const makeKey = async (body: Record<string, unknown>) => {
        const response = await app.request("/v1/keys", {
          method: "POST",
          headers: { "content-type": "application/json", ...bearer(admin) },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(201);
        return ((await response.json()) as { key: string; id: string });
      };
      // A reader or editor key without a group reads nothing of what is grouped: refused as the CLI refuses it.
      for (const body of [{ name: "no-groups", role: "reader" }, { name: "empty-groups", role: "editor", groups: [] }]) {
        const refused = await app.request("/v1/keys", {
          method: "POST",
          headers: { "content-type": "application/json", ...bearer(admin) },
          body: JSON.stringify(body),
        });
        expect(refused.status).toBe(400);
        expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/groups: a reader or editor key needs at least one group/);
      }
      const reader = await makeKey({ name: "reader", role: "reader", groups: ["hr"] });
      expect((await app.request("/v1/keys", { headers: bearer(reader.key) })).status).toBe(403);
      expect((await app.request("/v1/audit", { headers: bearer(reader.key) })).status).toBe(403);
      const search = (key: string) =>
        app.request("/v1/search", { method: "POST", headers: { "content-type": "application/json", ...bearer(key) }, body: JSON.stringify({ query: "q" }) });
      expect((await search(reader.key)).status).toBe(200);

      const listed = (await (await app.request("/v1/keys", { headers: bearer(admin) })).json()) as { keys: Array<{ name: string; lastUsedAt: string | null }> };
      expect(listed.keys.map((key) => key.name).sort()).toEqual(["ops", "reader"]);
      expect(JSON.stringify(listed)).not.toContain(reader.key);

      const revoke = await app.request(`/v1/keys/reader`, { method: "DELETE", headers: bearer(admin) });
      expect(revoke.status).toBe(200);
      const afterRevoke = await search(reader.key);
      expect(afterRevoke.status).toBe(401);
      expect(((await afterRevoke.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);

      const short = await makeKey({ name: "short", role: "reader", groups: ["hr"], expires: "1m" });
      expect((await search(short.key)).status).toBe(200);
      expect((await search(`${short.key}x`)).status).toBe(401);
    });
  });

  it("lets an expired key in no more", async () => {
    const dataDir = path.join(root, "expired");
    await withApp(dataDir, {}, async (app, jikji) => {
      await jikji.accessStore.insertKey({
        id: crypto.randomUUID(),
        name: "old",
        keyHash: (await import("../../src/access/keys.ts")).hashKey("jk_expired-key-0123456789"),
        prefix: "jk_exp",
        role: "reader",
        accessGroups: ["hr"],
        collections: null,
        expiresAt: new Date(Date.now() - 1000),
      });
      const response = await app.request("/v1/search", {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer("jk_expired-key-0123456789") },
        body: JSON.stringify({ query: "q" }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    });
  });

  it("keeps JIKJI_API_TOKENS working beside stored keys", async () => {
    const token = "bootstrap-admin-token-0123456789";
    await withApp(path.join(root, "bootstrap"), { JIKJI_API_TOKENS: JSON.stringify({ [token]: { name: "bootstrap", admin: true } }) }, async (app) => {
      expect((await app.request("/v1/keys")).status).toBe(401);
      const created = await app.request("/v1/keys", {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(token) },
        body: JSON.stringify({ name: "editor", role: "editor", groups: ["hr"], collections: ["policies"] }),
      });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ name: "editor", role: "editor", groups: ["hr"], collections: ["policies"] });
    });
  });
});
