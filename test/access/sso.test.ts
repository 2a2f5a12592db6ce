import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

const ISSUER = "https://idp.corp.example";
const AUDIENCE = "jikji";

let root: string;
let idp: http.Server;
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: { keys: JWK[] };
let jikji: Jikji;
let queue: IngestQueue;
let app: ReturnType<typeof createServerApp>["app"];

async function token(claims: Record<string, unknown>, options: { key?: CryptoKey; issuer?: string; audience?: string; expires?: string | number } = {}) {
  return new SignJWT({ groups: ["hr"], ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "idp-1" })
    .setSubject("kim.minji")
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? "10m")
    .sign(options.key ?? signingKey);
}

function search(bearer: string) {
  return app.request("/v1/search", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query: "급여" }),
  });
}

async function rejection(bearer: string): Promise<string> {
  const response = await search(bearer);
  expect(response.status).toBe(401);
  return ((await response.json()) as { error: { message: string } }).error.message;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-sso-"));
  const signing = await generateKeyPair("RS256");
  signingKey = signing.privateKey;
  ({ privateKey: otherKey } = await generateKeyPair("RS256"));
  const { publicKey: unrelated } = await generateKeyPair("RS256");
  // The JWKS publishes the signing key's public half and one unrelated key, as identity providers do during rotation.
  jwks = {
    keys: [
      { ...(await exportJWK(signing.publicKey)), kid: "idp-1", alg: "RS256", use: "sig" },
      { ...(await exportJWK(unrelated)), kid: "idp-0", alg: "RS256" },
    ],
  };
  idp = http.createServer((req, res) => {
    res.writeHead(req.url === "/jwks" ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  const config = loadConfig(
    {
      JIKJI_SSO_ISSUER: ISSUER,
      JIKJI_SSO_AUDIENCE: AUDIENCE,
      JIKJI_SSO_JWKS_URL: `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks`,
      JIKJI_SSO_ADMIN_GROUPS: "jikji-admins",
    },
    { dataDir: root },
  );
  jikji = await openJikji(config, { scanIndex: false });
  const collectionId = await jikji.store.ensureCollection("default");
  const add = (source: string, text: string, accessGroups: string[]) =>
    ingestFile(jikji, { collectionId, collection: "default", source, bytes: new TextEncoder().encode(text), accessGroups });
  await add("pay.md", "# 급여\n\n급여 지급일은 매월 25일입니다.", ["hr"]);
  await add("budget.md", "# 예산\n\n급여 예산은 재무팀이 관리합니다.", ["finance"]);
  await add("leave.md", "# 휴가\n\n연차 휴가 신청서는 인사팀이 받습니다.", ["인사팀"]);
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
});

afterAll(async () => {
  await queue?.idle();
  await jikji?.close();
  await new Promise((resolve) => idp?.close(resolve));
  await fs.rm(root, { recursive: true, force: true });
});

describe("SSO bearer tokens", () => {
  it("accepts the identity provider's token and maps its groups claim to access groups", async () => {
    const response = await search(await token({}));
    expect(response.status).toBe(200);
    const hits = ((await response.json()) as { hits: Array<{ source: string }> }).hits;
    expect(hits.map((hit) => hit.source)).toEqual(["pay.md"]);
    expect((await app.request("/v1/keys", { headers: { authorization: `Bearer ${await token({})}` } })).status).toBe(403);
  });

  it("maps configured groups to roles", async () => {
    const adminToken = await token({ groups: ["jikji-admins"] });
    expect((await app.request("/v1/keys", { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(200);
    const response = await search(adminToken);
    expect(((await response.json()) as { hits: unknown[] }).hits).toHaveLength(2);
  });

  it("refuses expired, wrong-audience, wrong-issuer, unsigned and foreign-key tokens", async () => {
    expect(await rejection(await token({}, { expires: Math.floor(Date.now() / 1000) - 120 }))).toMatch(/expired/);
    expect(await rejection(await token({}, { audience: "other-app" }))).toMatch(/wrong aud/);
    expect(await rejection(await token({}, { issuer: "https://evil.example" }))).toMatch(/wrong iss/);
    const unsigned = new UnsecuredJWT({ groups: ["hr"] }).setSubject("x").setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("10m").encode();
    expect(await rejection(unsigned)).toMatch(/not allowed|not signed/);
    expect(await rejection(await token({}, { key: otherKey }))).toMatch(/not signed/);
    const [header, payload, signature] = (await token({})).split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), groups: ["finance"] })).toString("base64url");
    expect(await rejection(`${header}.${forged}.${signature}`)).toMatch(/not signed/);
  });

  it("reads the keys from a JWKS file for air-gapped sites", async () => {
    const file = path.join(root, "jwks.json");
    await fs.writeFile(file, JSON.stringify(jwks));
    const { createSsoVerifier } = await import("../../src/access/sso.ts");
    const verifier = createSsoVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: null, jwksFile: file, groupsClaim: "roles.jikji", adminGroups: [], editorGroups: ["writers"] });
    const principal = await verifier.verify(await token({ roles: { jikji: ["writers", "hr"] } }));
    expect(principal).toMatchObject({ via: "sso", role: "editor", groups: ["writers", "hr"], name: "sso:kim.minji" });
    await expect(verifier.verify(await token({}, { key: otherKey }))).rejects.toThrow(/not signed/);
  });

  it("reads Korean group names the identity provider sends decomposed (NFD) as the composed names documents carry", async () => {
    const decomposed = "인사팀".normalize("NFD");
    const bearer = await token({ groups: [decomposed] });
    const response = await app.request("/v1/search", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query: "연차 휴가 신청서" }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { hits: Array<{ source: string }> }).hits.map((hit) => hit.source)).toEqual(["leave.md"]);

    const file = path.join(root, "jwks-ko.json");
    await fs.writeFile(file, JSON.stringify(jwks));
    const { createSsoVerifier } = await import("../../src/access/sso.ts");
    // The configuration written on a Mac (decomposed), the claim composed: still the admin group.
    const verifier = createSsoVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: null, jwksFile: file, groupsClaim: "groups", adminGroups: ["관리자".normalize("NFD")], editorGroups: [] });
    expect(await verifier.verify(await token({ groups: ["관리자"] }))).toMatchObject({ role: "admin", groups: null });
    expect(await verifier.verify(await token({ groups: [decomposed, "인사팀"] }))).toMatchObject({ role: "reader", groups: ["인사팀"] });
  });
});
