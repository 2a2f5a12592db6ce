import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { ConflictError, InvalidInputError } from "../errors.ts";
import type { AccessStore, ApiKeyRow } from "../store/access-store.ts";
import type { Role } from "./principal.ts";

/** Every stored key starts with this, so leaked keys are easy to find in logs and repositories. */
export const KEY_PREFIX = "jk_";

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export const keyNameField = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(100)
  .regex(/^[\p{L}\p{N}._:@-]+$/u, { message: "letters, digits and . _ : @ - only" });

/** "90d", "12h", "30m" → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,6})([dhm])$/.exec(text.trim());
  if (!match) throw new InvalidInputError(`expires: "${text.slice(0, 40)}" is not a duration like 90d, 12h or 30m`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as "d" | "h" | "m"];
  const ms = Number(match[1]) * unit;
  if (ms <= 0) throw new InvalidInputError("expires: must be longer than zero");
  return ms;
}

export interface NewKeyRequest {
  name: string;
  role: Role;
  /** Groups the key reads; null (admins only) = every document. */
  groups: readonly string[] | null;
  collections: readonly string[] | null;
  /** Lifetime in milliseconds; null = until revoked. */
  expiresInMs: number | null;
}

/** A key's public description: everything but its hash. */
export function describeKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    groups: row.accessGroups,
    collections: row.collections,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export type KeyDescription = ReturnType<typeof describeKey>;

/**
 * Issues a key. The key text is returned once and never stored: only its SHA-256 (a key is 256 random bits,
 * so a fast hash is enough; there is nothing to brute-force).
 */
export async function createKey(store: AccessStore, request: NewKeyRequest, now = new Date()): Promise<{ key: string; description: KeyDescription }> {
  // An empty list is refused like no list: such a key would read nothing that is grouped (the CLI and the API alike).
  if (request.role !== "admin" && (request.groups === null || request.groups.length === 0)) {
    throw new InvalidInputError("groups: a reader or editor key needs at least one group (only admin keys read everything)");
  }
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  try {
    const row = await store.insertKey({
      id: randomUUID(),
      name: request.name,
      keyHash: hashKey(key),
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      role: request.role,
      accessGroups: request.groups === null ? null : [...request.groups],
      collections: request.collections === null ? null : [...request.collections],
      expiresAt: request.expiresInMs === null ? null : new Date(now.getTime() + request.expiresInMs),
      createdAt: now,
    });
    return { key, description: describeKey(row) };
  } catch (error) {
    if (/api_keys_active_name_key|unique/i.test(String((error as { cause?: unknown }).cause ?? error))) {
      throw new ConflictError(`name: a key named "${request.name}" already exists; revoke it first or pick another name`, { cause: error });
    }
    throw error;
  }
}
