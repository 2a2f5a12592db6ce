import fs from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { SsoConfig } from "../config.ts";
import { ConfigError, UnauthorizedError } from "../errors.ts";
import { makePrincipal, type Principal, type Role } from "./principal.ts";

export interface SsoVerifier {
  /** The principal an identity provider's token names; throws UnauthorizedError for any token it did not sign. */
  verify(token: string): Promise<Principal>;
}

/** Asymmetric algorithms only: `none` and shared-secret HMAC tokens are refused whatever the header says. */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

function claimGroups(payload: JWTPayload, claim: string): string[] {
  const value = claim.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), payload);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string" && item.trim() !== "").map((g) => g.trim());
  if (typeof value === "string") return value.split(/[\s,]+/).filter((item) => item !== "");
  return [];
}

/** Groups compare composed (NFC) on both sides: a claim and the configuration may each spell Hangul decomposed. */
function roleOf(groups: readonly string[], config: SsoConfig): Role {
  const named = (list: readonly string[]) => {
    const wanted = new Set(list.map((group) => group.normalize("NFC")));
    return groups.some((group) => wanted.has(group.normalize("NFC")));
  };
  if (named(config.adminGroups)) return "admin";
  if (named(config.editorGroups)) return "editor";
  return "reader";
}

/** Verifies OIDC/JWT bearer tokens against the identity provider's keys (a JWKS URL, or a file for air-gapped sites). */
export function createSsoVerifier(config: SsoConfig): SsoVerifier {
  let keys: Parameters<typeof jwtVerify>[1];
  if (config.jwksFile) {
    try {
      keys = createLocalJWKSet(JSON.parse(fs.readFileSync(config.jwksFile, "utf8")));
    } catch (error) {
      throw new ConfigError([`JIKJI_SSO_JWKS_FILE: could not read a JWKS from ${config.jwksFile} (${String(error)})`]);
    }
  } else {
    keys = createRemoteJWKSet(new URL(config.jwksUrl!), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  }
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: ALGORITHMS,
          clockTolerance: 30,
          requiredClaims: ["exp", "sub"],
        }));
      } catch (error) {
        const reason =
          error instanceof joseErrors.JWTExpired
            ? "has expired"
            : error instanceof joseErrors.JWTClaimValidationFailed
              ? `has the wrong ${error.claim}`
              : error instanceof joseErrors.JOSEAlgNotAllowed
                ? "uses an algorithm that is not allowed"
                : error instanceof joseErrors.JWKSTimeout || (error instanceof Error && /fetch|ECONNREFUSED/i.test(error.message))
                  ? "could not be checked (the identity provider's keys are unreachable)"
                  : "is not signed by the identity provider";
        throw new UnauthorizedError(`SSO token ${reason}`, { cause: error });
      }
      const groups = claimGroups(payload, config.groupsClaim);
      const role = roleOf(groups, config);
      const name = typeof payload.email === "string" ? payload.email : payload.sub!;
      return makePrincipal({ name: `sso:${name}`, via: "sso", keyId: null, role, groups: role === "admin" ? null : groups, collections: null });
    },
  };
}
