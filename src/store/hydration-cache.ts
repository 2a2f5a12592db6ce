import type { VisibleChunk } from "./store.ts";

/**
 * A chunk row as the store hydrates it for search, with what decides whether it is visible on a given day, so a
 * cached row is checked by the same rules the store's SQL applies (`status = 'ready'`, the version in force on
 * `asOf`).
 */
export interface CachedChunk {
  visible: VisibleChunk;
  collectionId: string;
  /** The chunk's version row: its first day and the first day it no longer is in force (ISO days, or null). */
  effectiveFrom: string | null;
  effectiveTo: string | null;
  /** Whether the document has a kept version older than this one (the earliest is in force before its first day). */
  hasOlder: boolean;
}

/** The store's `inForce` rule (src/store/store.ts) for one version row, on `day` (an ISO day). */
export function inForceOn(row: Pick<CachedChunk, "effectiveFrom" | "effectiveTo" | "hasOlder">, day: string): boolean {
  return (row.effectiveTo === null || row.effectiveTo > day) && (row.effectiveFrom === null || row.effectiveFrom <= day || !row.hasOlder);
}

/** What a row is taken to weigh: UTF-16 strings, plus a flat allowance for the objects and arrays around them. */
function weigh(row: CachedChunk): number {
  const { chunk, document } = row.visible;
  let chars = chunk.text.length + document.source.length + (document.title?.length ?? 0) + (chunk.clausePath?.length ?? 0) + (chunk.tableHeader?.length ?? 0) + row.visible.collection.length;
  for (const part of chunk.headingPath) chars += part.length;
  for (const group of document.accessGroups) chars += group.length;
  for (const group of row.visible.collectionGroups) chars += group.length;
  return 2 * chars + 48 * chunk.pageSpans.length + 600;
}

interface Entry {
  row: CachedChunk;
  bytes: number;
}

/**
 * Search's hydrated chunk rows, kept in memory by one process that is the only writer of its store (the embedded
 * PGlite data dir, locked to one process): least recently used first out once `maxBytes` is passed.
 *
 * Keyed by chunk id, the chunks table's primary key: one row at any moment. An id comes back with other text when a
 * discarded version's number is staged again (ids are made from document, version and ordinal), so every write that
 * can change what a document's rows hold or whether they are visible drops that document's rows
 * (`invalidateDocument`), and a write to a collection drops its rows (`invalidateCollection`). A fill carries the
 * generation it started in (`generation`): rows read before a write finished are not kept after it.
 */
export class HydrationCache {
  readonly maxBytes: number;
  #bytes = 0;
  #generation = 0;
  /** Insertion order is recency: a hit moves its entry to the end. */
  readonly #entries = new Map<string, Entry>();
  readonly #byDocument = new Map<string, Set<string>>();
  readonly #byCollection = new Map<string, Set<string>>();
  #hits = 0;
  #misses = 0;

  constructor(maxBytes: number) {
    if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new Error(`hydration cache size must be a positive number of bytes, not ${maxBytes}`);
    this.maxBytes = maxBytes;
  }

  /** Bumped by every invalidation: pass the value read before a fill's query to `put`. */
  get generation(): number {
    return this.#generation;
  }

  get(chunkId: string): CachedChunk | undefined {
    const entry = this.#entries.get(chunkId);
    if (entry === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#entries.delete(chunkId);
    this.#entries.set(chunkId, entry);
    return entry.row;
  }

  /** Keeps `row` unless an invalidation happened since `generation` was read (the row may predate that write). */
  put(generation: number, row: CachedChunk): void {
    if (generation !== this.#generation) return;
    const id = row.visible.chunk.id;
    this.#remove(id);
    const bytes = weigh(row);
    if (bytes > this.maxBytes) return;
    freeze(row);
    this.#entries.set(id, { row, bytes });
    this.#bytes += bytes;
    addTo(this.#byDocument, row.visible.document.id, id);
    addTo(this.#byCollection, row.collectionId, id);
    for (const [oldest] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#remove(oldest);
    }
  }

  invalidateDocument(documentId: string): void {
    this.#generation++;
    for (const id of [...(this.#byDocument.get(documentId) ?? [])]) this.#remove(id);
  }

  invalidateCollection(collectionId: string): void {
    this.#generation++;
    for (const id of [...(this.#byCollection.get(collectionId) ?? [])]) this.#remove(id);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#byDocument.clear();
    this.#byCollection.clear();
    this.#bytes = 0;
  }

  stats(): { rows: number; bytes: number; hits: number; misses: number } {
    return { rows: this.#entries.size, bytes: this.#bytes, hits: this.#hits, misses: this.#misses };
  }

  #remove(id: string): void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#entries.delete(id);
    this.#bytes -= entry.bytes;
    removeFrom(this.#byDocument, entry.row.visible.document.id, id);
    removeFrom(this.#byCollection, entry.row.collectionId, id);
  }
}

/**
 * A kept row is handed to every search that asks for its chunk (its arrays end up in passages): frozen, so code that
 * altered one would fail at once instead of changing what later searches see.
 */
function freeze(row: CachedChunk): void {
  const { chunk, document } = row.visible;
  for (const span of chunk.pageSpans) Object.freeze(span);
  Object.freeze(chunk.pageSpans);
  Object.freeze(chunk.headingPath);
  Object.freeze(chunk);
  Object.freeze(document.accessGroups);
  Object.freeze(document);
  Object.freeze(row.visible.collectionGroups);
  Object.freeze(row.visible);
  Object.freeze(row);
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (ids === undefined) index.set(key, (ids = new Set()));
  ids.add(id);
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (ids === undefined) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}
