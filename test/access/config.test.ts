import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

describe("access configuration", () => {
  it("defaults to documents without groups following their collection, and sane limits", () => {
    const config = loadConfig({});
    expect(config.access).toEqual({ ungroupedDocuments: "collection", audit: { retentionDays: 365, hashQueries: false }, sso: null });
    expect(config.http).toMatchObject({ maxJsonBytes: 256 * 1024, allowedHosts: [], allowedOrigins: [] });
  });

  it("reads SSO settings and refuses half of them, naming each variable", () => {
    const sso = loadConfig({
      JIKJI_SSO_ISSUER: "https://idp.example",
      JIKJI_SSO_AUDIENCE: "jikji",
      JIKJI_SSO_JWKS_URL: "https://idp.example/jwks",
      JIKJI_SSO_ADMIN_GROUPS: "admins, ops",
    }).access.sso;
    expect(sso).toMatchObject({ groupsClaim: "groups", adminGroups: ["admins", "ops"], editorGroups: [], jwksFile: null });
    expect(() => loadConfig({ JIKJI_SSO_ISSUER: "https://idp.example" })).toThrow(/JIKJI_SSO_AUDIENCE[\s\S]*JIKJI_SSO_JWKS_URL/);
    expect(() =>
      loadConfig({ JIKJI_SSO_ISSUER: "i", JIKJI_SSO_AUDIENCE: "a", JIKJI_SSO_JWKS_URL: "https://x/jwks", JIKJI_SSO_JWKS_FILE: "/x.json" }),
    ).toThrow(/set exactly one/);
  });

  it("checks origins and reads roles in JIKJI_API_TOKENS", () => {
    expect(() => loadConfig({ JIKJI_ALLOWED_ORIGINS: "portal.example" })).toThrow(/JIKJI_ALLOWED_ORIGINS/);
    const tokens = loadConfig({
      JIKJI_API_TOKENS: JSON.stringify({ "editor-token-0123456789abcdef": { name: "uploader", role: "editor", groups: ["hr"], collections: ["policies"] } }),
    }).apiTokens;
    expect(tokens).toEqual([{ token: "editor-token-0123456789abcdef", name: "uploader", role: "editor", groups: ["hr"], collections: ["policies"] }]);
    expect(loadConfig({ JIKJI_UNGROUPED_DOCUMENTS: "public" }).access.ungroupedDocuments).toBe("public");
    expect(() => loadConfig({ JIKJI_UNGROUPED_DOCUMENTS: "everyone" })).toThrow(/JIKJI_UNGROUPED_DOCUMENTS/);
  });
});
