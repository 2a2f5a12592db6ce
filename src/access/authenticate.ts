import { createHash, timingSafeEqual } from "node:crypto";
import type { ApiToken } from "../config.ts";
import { UnauthorizedError } from "../errors.ts";
import type { AccessStore, ApiKeyRow } from "../store/access-store.ts";
import { hashKey, KEY_PREFIX } from "./keys.ts";
import { LOCAL_PRINCIPAL, makePrincipal, type Principal } from "./principal.ts";
import type { SsoVerifier } from "./sso.ts";

/** How long a key lookup (and "do any keys exist") is trusted; revocations from this process apply at once. */
const CACHE_MS = 5_000;
/** last_used_at is written at most this often per key, so a busy key costs no write per request. */
const TOUCH_EVERY_MS = 60_000;

export interface Authenticator {
  /**
   * The caller behind an `Authorization` header value (or its absence). Without keys, bootstrap tokens or SSO,
   * everyone is the trusted local user; once any of them exists, every caller must present one.
   */
  identify(authorization: string | undefined): Promise<Principal>;
  /** Forget cached keys (after create or revoke). */
  keysChanged(): void;
}

export interface AuthenticatorDeps {
  accessStore: AccessStore;
  /** JIKJI_API_TOKENS: bootstrap tokens from the environment. */
  bootstrapTokens: readonly ApiToken[] | null;
  sso: SsoVerifier | null;
  now?: () => number;
}

function digest(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

function principalOfKey(row: ApiKeyRow): Principal {
  return makePrincipal({
    name: row.name,
    via: "key",
    keyId: row.id,
    role: row.role,
    groups: row.accessGroups,
    collections: row.collections,
  });
}

export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const now = deps.now ?? Date.now;
  const tokens = (deps.bootstrapTokens ?? []).map((token) => ({
    digest: digest(token.token),
    principal: makePrincipal({ name: token.name, via: "token", keyId: null, role: token.role, groups: token.groups, collections: token.collections }),
  }));
  let keyCount: { value: number; at: number } | null = null;
  const keyCache = new Map<string, { row: ApiKeyRow | null; at: number }>();
  const touched = new Map<string, number>();

  async function keysExist(): Promise<boolean> {
    if (keyCount === null || now() - keyCount.at > CACHE_MS) {
      keyCount = { value: await deps.accessStore.activeKeyCount(), at: now() };
    }
    return keyCount.value > 0;
  }

  async function lookUpKey(key: string): Promise<ApiKeyRow | null> {
    const hash = hashKey(key);
    const cached = keyCache.get(hash);
    if (cached && now() - cached.at <= CACHE_MS) return cached.row;
    const row = await deps.accessStore.keyByHash(hash);
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(hash, { row, at: now() });
    return row;
  }

  function touch(row: ApiKeyRow): void {
    const last = touched.get(row.id) ?? 0;
    if (now() - last < TOUCH_EVERY_MS) return;
    touched.set(row.id, now());
    // Best effort: a failed last-used write must not fail the request it describes.
    deps.accessStore.touchKeys([row.id], new Date(now())).catch(() => undefined);
  }

  return {
    async identify(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
      if (!match) {
        if (tokens.length === 0 && deps.sso === null && !(await keysExist())) return LOCAL_PRINCIPAL;
        throw new UnauthorizedError("Send an API key as 'Authorization: Bearer <key>'");
      }
      const presented = match[1]!;
      if (presented.startsWith(KEY_PREFIX)) {
        const row = await lookUpKey(presented);
        if (!row) throw new UnauthorizedError("Unknown API key");
        if (row.revokedAt !== null) throw new UnauthorizedError("This API key was revoked");
        if (row.expiresAt !== null && row.expiresAt.getTime() <= now()) throw new UnauthorizedError("This API key has expired");
        touch(row);
        return principalOfKey(row);
      }
      if (deps.sso && presented.split(".").length === 3) return deps.sso.verify(presented);
      const presentedDigest = digest(presented);
      let found: Principal | null = null;
      for (const token of tokens) if (timingSafeEqual(token.digest, presentedDigest)) found = token.principal;
      if (!found) throw new UnauthorizedError("Unknown API key");
      return found;
    },
    keysChanged() {
      keyCount = null;
      keyCache.clear();
    },
  };
}
