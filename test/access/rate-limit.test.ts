import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../src/access/keys.ts";
import { createRateLimiter } from "../../src/access/rate-limit.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { RateLimitedError } from "../../src/errors.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];
let keyA: string;
let keyB: string;

/** A request from a given client address, as the node server would hand it over. */
function from(address: string, key: string | null) {
  return app.request(
    "/v1/search",
    { method: "POST", headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify({ query: "q" }) },
    { incoming: { socket: { remoteAddress: address } } },
  );
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-rate-"));
  const config = loadConfig({ JIKJI_RATE_LIMIT_PER_KEY: "5", JIKJI_RATE_LIMIT_PER_IP: "12", JIKJI_AUTH_FAILURES_PER_IP: "4" }, { dataDir: root });
  jikji = await openJikji(config, { scanIndex: false });
  keyA = (await createKey(jikji.accessStore, { name: "a", role: "reader", groups: ["hr"], collections: null, expiresInMs: null })).key;
  keyB = (await createKey(jikji.accessStore, { name: "b", role: "reader", groups: ["hr"], collections: null, expiresInMs: null })).key;
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
});

afterAll(async () => {
  await queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After once a key has used its allowance, without touching other keys", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await from("10.0.0.1", keyA)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await from("10.0.0.2", keyA);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect((await from("10.0.0.1", keyB)).status).toBe(200);
  });

  it("limits a flood of bad keys from one address, and not other addresses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await from("10.0.0.9", `jk_guess-${i}`)).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
    expect((await from("10.0.0.10", "jk_guess-x")).status).toBe(401);
  });

  it("limits each address, whatever keys it uses", async () => {
    const keys = await Promise.all(
      ["c", "d", "e", "f"].map(async (name) => (await createKey(jikji.accessStore, { name, role: "reader", groups: ["hr"], collections: null, expiresInMs: null })).key),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await from("10.0.0.20", keys[i % 4]!)).status);
    expect(statuses.slice(0, 12).every((status) => status === 200)).toBe(true);
    expect(statuses[12]).toBe(429);
  });

  it("never limits the trusted local user (no keys, tokens or SSO)", async () => {
    const local = await openJikji(loadConfig({ JIKJI_RATE_LIMIT_PER_IP: "2", JIKJI_RATE_LIMIT_PER_KEY: "2" }, { dataDir: path.join(root, "local") }), { scanIndex: false });
    try {
      const { app: localApp } = createServerApp(local);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await localApp.request(
          "/v1/search",
          { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "q" }) },
          { incoming: { socket: { remoteAddress: "127.0.0.1" } } },
        );
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await local.close();
    }
  });

  it("refills over time", () => {
    let now = 0;
    const limiter = createRateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) limiter.take("k", "key");
    expect(() => limiter.take("k", "key")).toThrow(RateLimitedError);
    try {
      limiter.take("k", "key");
    } catch (error) {
      expect((error as RateLimitedError).retryAfterSeconds).toBe(1);
    }
    now += 1000;
    expect(() => limiter.take("k", "key")).not.toThrow();
  });
});
