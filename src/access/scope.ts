import type { SearchFilter } from "../retrieve/index/port.ts";
import type { Principal } from "./principal.ts";

/** What a document without access groups means; see `AccessConfig.ungroupedDocuments`. */
export type UngroupedPolicy = "collection" | "public";

/**
 * What one caller may read, decided once per request and applied by every read: search, ask, chat, assist,
 * document list/get/delete, jobs, downloads and citation links. Default deny: a restricted caller reads a
 * document only through a group it holds.
 */
export interface ReadScope {
  /** Groups the caller reads through; null = every document. */
  groups: readonly string[] | null;
  /** Collections the caller may read; null = all. */
  collections: readonly string[] | null;
  ungrouped: UngroupedPolicy;
}

/** What a read decision needs to know about a document. */
export interface ReadableDocument {
  collection: string;
  accessGroups: readonly string[];
  /** The collection's default groups, which a document without groups belongs to under the "collection" policy. */
  collectionGroups: readonly string[];
}

/**
 * THE access decision: the caller's principal, narrowed by what the request asks for (a collection, groups to
 * search as), becomes the scope every read applies. Asking for groups the caller does not hold never widens it.
 */
export function readScope(
  principal: Principal,
  request: { collection?: string | undefined; accessGroups?: readonly string[] | undefined },
  ungrouped: UngroupedPolicy,
): ReadScope {
  let groups: readonly string[] | null = principal.groups;
  if (request.accessGroups !== undefined) {
    groups = groups === null ? [...request.accessGroups] : request.accessGroups.filter((group) => groups!.includes(group));
  }
  let collections: readonly string[] | null = principal.collections;
  if (request.collection !== undefined) {
    collections = collections === null || collections.includes(request.collection) ? [request.collection] : [];
  }
  return { groups, collections, ungrouped };
}

/** Whether a scope reads a document. The same rule the store and the index filters express in their own terms. */
export function canRead(scope: ReadScope, document: ReadableDocument): boolean {
  if (scope.collections !== null && !scope.collections.includes(document.collection)) return false;
  if (scope.groups === null) return true;
  if (document.accessGroups.length > 0) return document.accessGroups.some((group) => scope.groups!.includes(group));
  if (scope.ungrouped === "public") return true;
  return document.collectionGroups.some((group) => scope.groups!.includes(group));
}

/**
 * The search filter for a scope: the index narrows by what it can express (one collection, the caller's groups),
 * and the scope rides along for the store's final check of every hit.
 */
export function searchFilter(scope: ReadScope): SearchFilter {
  return {
    ...(scope.collections?.length === 1 ? { collection: scope.collections[0] } : {}),
    ...(scope.groups !== null ? { accessGroups: scope.groups } : {}),
    scope,
  };
}

/** The filter one request reads under: `readScope` then `searchFilter`, the call every read route makes. */
export function readFilter(
  principal: Principal,
  request: { collection?: string | undefined; accessGroups?: readonly string[] | undefined },
  ungrouped: UngroupedPolicy,
): SearchFilter {
  return searchFilter(readScope(principal, request, ungrouped));
}
