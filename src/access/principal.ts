import { ForbiddenError } from "../errors.ts";

/** reader: search, ask, chat, assist. editor: plus upload and delete in its collections. admin: everything. */
export type Role = "reader" | "editor" | "admin";

const RANK: Record<Role, number> = { reader: 0, editor: 1, admin: 2 };

/** Who is calling, whatever proved it: a stored key, a bootstrap token, an SSO token, or the local user. */
export interface Principal {
  name: string;
  /** How the caller proved who they are. */
  via: "local" | "token" | "key" | "sso";
  /** The stored key's id (via "key"), else null. */
  keyId: string | null;
  role: Role;
  /** Groups whose documents the caller reads; null = every document. */
  groups: readonly string[] | null;
  /** Collections the caller may use; null = all. */
  collections: readonly string[] | null;
  /** role === "admin"; kept for routes written before roles. */
  admin: boolean;
}

/** Without keys, tokens or SSO the API is a local, trusted tool (it listens on loopback). */
export const LOCAL_PRINCIPAL: Principal = Object.freeze({
  name: "local",
  via: "local",
  keyId: null,
  role: "admin",
  groups: null,
  collections: null,
  admin: true,
});

/**
 * The caller as every route sees it. Group and collection names are composed (NFC) as stored names are: an identity
 * provider's claim or a JIKJI_API_TOKENS entry written on a Mac may name "인사팀" decomposed, which would match nothing.
 */
export function makePrincipal(fields: Omit<Principal, "admin">): Principal {
  const composed = (names: readonly string[] | null) => (names === null ? null : [...new Set(names.map((name) => name.normalize("NFC")))]);
  return { ...fields, groups: composed(fields.groups), collections: composed(fields.collections), admin: fields.role === "admin" };
}

export function hasRole(principal: Principal, role: Role): boolean {
  return RANK[principal.role] >= RANK[role];
}

export function requireRole(principal: Principal, role: Role, what: string): void {
  if (!hasRole(principal, role)) {
    throw new ForbiddenError(`${what} needs the ${role} role; this caller (${principal.name}) is a ${principal.role}`);
  }
}

/** Whether the caller may use this collection at all. */
export function mayUseCollection(principal: Principal, collection: string): boolean {
  return principal.collections === null || principal.collections.includes(collection);
}

/** Whether the caller may add or remove documents in a collection: an editor or admin whose key covers it. */
export function requireWrite(principal: Principal, collection: string): void {
  requireRole(principal, "editor", "Uploading and deleting documents");
  if (!mayUseCollection(principal, collection)) {
    throw new ForbiddenError(`This caller (${principal.name}) may not change collection "${collection}"`);
  }
}

/**
 * A caller limited to groups may only label documents with groups it reads itself, and may leave them unlabelled
 * only where unlabelled documents stay private to the collection's default groups.
 */
export function requireLabels(principal: Principal, accessGroups: readonly string[], ungroupedArePublic: boolean): void {
  if (principal.groups === null) return;
  const foreign = accessGroups.filter((group) => !principal.groups!.includes(group));
  if (foreign.length > 0) throw new ForbiddenError(`accessGroups: this caller may not label documents for ${foreign.join(", ")}`);
  if (accessGroups.length === 0 && ungroupedArePublic) {
    throw new ForbiddenError("accessGroups: documents without groups are public here; give them at least one of your groups");
  }
}

/**
 * The person a principal stands for, as stored with what they own (workspace conversations): how they proved it and
 * their name. A rotated key keeps its predecessor's name, so it keeps its conversations.
 */
export function ownerOf(principal: Principal): string {
  return principal.name.startsWith(`${principal.via}:`) ? principal.name : `${principal.via}:${principal.name}`;
}
