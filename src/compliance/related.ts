import type { Passage } from "../retrieve/types.ts";
import type { Store } from "../store/store.ts";
import { findReferences, resolveReferences, type RelatedClause } from "./xref.ts";

/** Resolves the cross-references of a cited clause against the other clauses of its document version. */
export function createRelatedClauses(store: Store): (passage: Passage) => Promise<RelatedClause[]> {
  return async (passage) => {
    const references = findReferences(passage.text, passage.clausePath);
    if (references.length === 0) return [];
    const chunks = await store.chunksOfDocument(passage.documentId, passage.version);
    return resolveReferences(references, chunks).filter((clause) => clause.chunkId !== passage.chunkId);
  };
}

/** The strict-mode default of the collection a request is limited to (false across all collections). */
export function createStrictDefault(store: Store) {
  return async (filter: { collection?: string }): Promise<boolean> => {
    if (filter.collection === undefined) return false;
    return (await store.collectionSettingsByName(filter.collection))?.strict ?? false;
  };
}
