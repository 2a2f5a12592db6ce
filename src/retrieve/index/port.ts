import type { ReadScope } from "../../access/scope.ts";
import { InvalidInputError } from "../../errors.ts";
/**
 * SearchIndex: the one port to a search engine. Adapters: embedded (LanceDB, in the data dir) and Qdrant.
 * The store is the source of truth; everything here can be rebuilt from it (`jikji reindex`).
 */

/** Lexical terms of a text with their counts, produced by `src/retrieve/tokenize.ts`. */
export type TermCounts = ReadonlyMap<string, number>;

/**
 * Reserved: adapters store it as the group of chunks everyone may read (so the group filter is one native
 * "has any of" test). It can never be a real group; `upsert` rejects it.
 */
export const PUBLIC_ACCESS_GROUP = "__public__";

export interface IndexPoint {
  /** A UUID; also the point id, so writing the same chunk twice is idempotent. */
  chunkId: string;
  documentId: string;
  /** The document version the chunk belongs to; old versions are removed after a replace. */
  version: number;
  collection: string;
  /** Groups allowed to see the chunk; empty means everyone. */
  accessGroups: readonly string[];
  terms: TermCounts;
  /** Dense embedding, present exactly when the index was created with dimensions. */
  vector?: readonly number[];
}

export interface SearchFilter {
  /** Only this collection; all collections when absent. */
  collection?: string;
  /**
   * The caller's groups: only chunks readable by everyone or by one of these groups.
   * Absent means a trusted caller (the local CLI) that sees everything.
   */
  accessGroups?: readonly string[];
  /**
   * The caller's read scope (`src/access/scope.ts`). Indexes may ignore it: they narrow by `collection` and
   * `accessGroups`, and the store applies the scope to every hit before anyone sees it.
   */
  scope?: ReadScope;
  /**
   * ISO day ("2025-03-01"): only versions in force that day (default: today). Applied when hits are hydrated
   * from the store, which knows the versions; adapters ignore it.
   */
  asOf?: string;
}

/** A term searched for at a weight of its own (a synonym's term, below the question's own terms' 1). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface IndexQuery {
  /** Query terms (repeats allowed, they weigh more). Empty means no lexical leg. */
  terms: readonly string[];
  /** More terms for the lexical leg, each counting at its weight (synonyms); only with `terms`. */
  expansion?: readonly WeightedTerm[];
  /**
   * Query embedding; the dense leg runs only when present. It may still be on its way (a promise of the embedding
   * call, resolving to undefined when there is none): an adapter that can starts its lexical leg meanwhile, and
   * an embedding call's error reaches the caller as it is.
   */
  vector?: readonly number[] | PromiseLike<readonly number[] | undefined>;
  filter: SearchFilter;
  limit: number;
  /**
   * The dense leg's weight in Reciprocal Rank Fusion, the lexical leg's being 1 (default 1: plain RRF).
   * Set from `jikji eval` measurements with the deployment's own embedding model.
   */
  denseWeight?: number;
}

/** `SearchIndex.documentFrequencies`' and `documentsHolding`'s cap, checked alike by every adapter: a positive integer. */
export function checkAtMost(atMost: number): void {
  if (!Number.isSafeInteger(atMost) || atMost <= 0) throw new InvalidInputError(`atMost must be a positive integer, got ${atMost}`);
}

export interface IndexHit {
  chunkId: string;
  documentId: string;
  version: number;
  /** Fused score when both legs ran (RRF), else the leg's own score; higher is better. */
  score: number;
}

export interface IndexInfo {
  /** Dense dimensions the index holds, or null for a lexical-only index. */
  dimensions: number | null;
  points: number;
}

/** What the index holds, for the size metrics: cheap to ask, never a scan of the points. */
export interface IndexStats {
  points: number;
  /** Bytes on disk when the adapter can tell (the embedded index's directory); null for a remote engine. */
  bytes: number | null;
  /** Bytes the engine holds in memory for its own caches, when the adapter can tell (the embedded index); else null. */
  cacheBytes?: number | null;
}

export interface UpsertOptions {
  /**
   * Part of a bulk load (a reindex after `reset`): none of these chunk ids is in the index yet, nothing searches
   * the points before the caller's `optimize()`, and the caller calls it when the load ends. An engine may then
   * append instead of merging and leave folding the points into its search structures to that `optimize()`.
   */
  bulk?: boolean;
  /**
   * None of these chunk ids is in the index yet (a brand-new document's first version: its id was just made), but
   * unlike `bulk` searches may run meanwhile and no `optimize()` is promised. An engine may append instead of
   * merging; it still folds its backlog as after any write. Wrong only if the caller lies: the id is then held twice.
   */
  allNew?: boolean;
}

export interface SearchIndex {
  /** Creates the collection/table when missing; fails if it exists with other dimensions. */
  open(dimensions: number | null): Promise<IndexInfo>;
  upsert(points: readonly IndexPoint[], options?: UpsertOptions): Promise<void>;
  /**
   * Removes every point of the document, or only those whose version is neither `keepVersion` nor one of
   * `keepVersions` (history a collection keeps).
   */
  deleteDocument(documentId: string, options?: { keepVersion?: number; keepVersions?: readonly number[] }): Promise<void>;
  search(query: IndexQuery): Promise<IndexHit[]>;
  /**
   * How many chunks of the whole index (every collection, every group) hold each term, counted up to `atMost`
   * (a count above it is reported as `atMost`): one call for many terms. The query side asks it which question
   * words the collection lacks (gap-only expansion, `src/retrieve/gaps.ts`). Only the existence of a term is
   * revealed this way, never a chunk; a term absent from the index counts 0.
   */
  documentFrequencies(terms: readonly string[], options: { atMost: number }): Promise<Map<string, number>>;
  /**
   * Which documents of the whole index (every collection, every group, every version kept) hold each term: the
   * distinct document ids when at most `atMost` documents hold it, else null (too many to list). A term absent from
   * the index holds none ([]). The first stage asks it which documents a question's rare-in-the-collection terms
   * point at (`src/retrieve/document-prior.ts`); the ids never leave the search, which only reweighs hits the caller
   * may read, so a document outside the caller's groups is never revealed, only counted, as in the IDF.
   */
  documentsHolding(terms: readonly string[], options: { atMost: number }): Promise<Map<string, string[] | null>>;
  /**
   * Folds recent writes into the engine's search structures after a batch (an ingest job, a reindex), so
   * queries stop paying for them; cheap when there is nothing to fold.
   */
  optimize(): Promise<void>;
  /** Distinct (documentId, version) pairs present, for start-up reconciliation. */
  documentVersions(): Promise<Array<{ documentId: string; version: number }>>;
  /**
   * Drops every point and creates the index afresh for `dimensions`, whatever the old one held
   * (a full rebuild after the embedding model changed). Leaves the index open. The rebuild ends with the
   * `optimize()` after its bulk load; an engine may refuse to open, in a later process, an index whose rebuild
   * never reached it (the embedded one does: a killed `jikji reindex` left most documents unsearchable, silently).
   */
  reset(dimensions: number | null): Promise<IndexInfo>;
  /** Points held, and bytes where known. */
  stats(): Promise<IndexStats>;
  close(): Promise<void>;
}
