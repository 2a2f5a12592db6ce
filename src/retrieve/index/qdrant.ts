/**
 * The Qdrant SearchIndex: one collection with a named dense vector (`dense`, cosine) when the index has
 * dimensions, and a named sparse vector (`bm25`) whose document weights come from `bm25.ts` and whose IDF Qdrant
 * applies server-side (`modifier: "idf"`). Hybrid search is one Query API call: both legs as prefetches under
 * the same filter, fused by Qdrant's RRF. Only this file imports the Qdrant SDK.
 */
import {
  QdrantClient,
  QdrantClientResourceExhaustedError,
  QdrantClientTimeoutError,
  type Schemas,
} from "@qdrant/js-client-rest";
import { z } from "zod";
import { IndexUnavailableError, InvalidInputError, JikjiError, errorMessage, isRetryableStatus } from "../../errors.ts";
import { documentSparseVector, querySparseVector, termIndex } from "../bm25.ts";
import { checkAtMost, PUBLIC_ACCESS_GROUP, type IndexHit, type IndexInfo, type IndexPoint, type SearchFilter, type SearchIndex } from "./port.ts";

export interface QdrantIndexOptions {
  url: string;
  apiKey?: string;
  /** Qdrant collection name. */
  collection?: string;
  /** Per-request timeout; qdrant-js would otherwise wait five minutes. */
  timeoutMs: number;
  /** Shards and copies of each shard, set when jikji creates the collection; Qdrant's defaults when absent. */
  shardNumber?: number;
  replicationFactor?: number;
}

export const DEFAULT_QDRANT_COLLECTION = "jikji_chunks";
const DENSE = "dense";
const SPARSE = "bm25";
/** Points per upsert call: large enough to amortise a round trip, small enough to stay far below body limits. */
const UPSERT_BATCH = 256;
const SCROLL_PAGE = 1_000;
/**
 * `documentsHolding` first reads each term's best this many points (one batch call for all terms): most words a
 * question asks show more documents than a name among them, or are held by fewer points, and need no grouped call.
 */
const HOLDING_PROBE_POINTS = 64;
const PAYLOAD_FIELDS = ["chunk_id", "document_id", "version"];

const collectionInfoSchema = z.object({
  config: z.object({
    params: z.object({
      vectors: z.unknown().optional(),
      sparse_vectors: z.record(z.string(), z.unknown()).nullish(),
    }),
  }),
});
const namedVectorsSchema = z.record(z.string(), z.object({ size: z.number() }));
const hitPayloadSchema = z.object({ chunk_id: z.string(), document_id: z.string(), version: z.number() });
const versionPayloadSchema = z.object({ document_id: z.string(), version: z.number() });
const documentPayloadSchema = z.object({ document_id: z.string() });

type Filter = Schemas["Filter"];

function qdrantFilter(filter: SearchFilter): Filter | undefined {
  const must: Schemas["Condition"][] = [];
  if (filter.collection !== undefined) must.push({ key: "collection", match: { value: filter.collection } });
  if (filter.accessGroups !== undefined) {
    // Qdrant requires the values of `any` to be unique.
    const groups = [...new Set([...filter.accessGroups, PUBLIC_ACCESS_GROUP])];
    must.push({ key: "access_groups", match: { any: groups } });
  }
  return must.length === 0 ? undefined : { must };
}

function describeDimensions(dimensions: number | null): string {
  return dimensions === null ? "no vectors (lexical only)" : `${dimensions}-dimensional vectors`;
}

/** The status and Qdrant's own message of a failed HTTP call, when the SDK's error carries them. */
function httpFailure(error: unknown): { status: number; message: string } | null {
  if (typeof error !== "object" || error === null || !("status" in error) || typeof error.status !== "number") {
    return null;
  }
  const data = "data" in error ? error.data : undefined;
  const parsed = z.object({ status: z.object({ error: z.string() }) }).safeParse(data);
  return { status: error.status, message: parsed.success ? parsed.data.status.error : errorMessage(error) };
}

export function createQdrantIndex(options: QdrantIndexOptions): SearchIndex {
  const name = options.collection ?? DEFAULT_QDRANT_COLLECTION;
  const client = new QdrantClient({
    url: options.url,
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    timeout: options.timeoutMs,
    checkCompatibility: false,
  });
  let dimensions: number | null | undefined;

  async function guard<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof JikjiError) throw error;
      const where = `Qdrant at ${options.url} (collection ${name})`;
      if (error instanceof QdrantClientTimeoutError) {
        throw new IndexUnavailableError(`${where} did not answer within ${options.timeoutMs} ms while trying to ${action}`, {
          cause: error,
        });
      }
      if (error instanceof QdrantClientResourceExhaustedError) {
        throw new IndexUnavailableError(`${where} is overloaded (retry after ${error.retry_after}s): ${action}`, { cause: error });
      }
      const failure = httpFailure(error);
      if (failure !== null) {
        throw new IndexUnavailableError(`${where} refused to ${action} (HTTP ${failure.status}): ${failure.message}`, {
          cause: error,
          retryable: isRetryableStatus(failure.status),
        });
      }
      throw new IndexUnavailableError(`${where} could not be reached to ${action}: ${errorMessage(error)}`, { cause: error });
    }
  }

  function opened(): number | null {
    if (dimensions === undefined) {
      throw new IndexUnavailableError(`The Qdrant search index (collection ${name}) is not open`, { retryable: false });
    }
    return dimensions;
  }

  function checkVector(vector: readonly number[] | undefined, what: string, wanted: number | null): void {
    if (vector === undefined) return;
    if (wanted === null) throw new InvalidInputError(`${what} has a vector, but the search index was opened without dimensions`);
    if (vector.length !== wanted) {
      throw new InvalidInputError(`${what} has ${vector.length} dimensions; the search index holds ${wanted}`);
    }
  }

  /** Creates the collection; false when another jikji instance created it first (HTTP 409), which is fine. */
  async function createCollection(wanted: number | null): Promise<boolean> {
    try {
      await createCollectionOnce(wanted);
      return true;
    } catch (error) {
      if (httpFailure(error)?.status === 409) return false;
      throw error;
    }
  }

  async function createCollectionOnce(wanted: number | null): Promise<void> {
    await client.createCollection(name, {
      vectors: wanted === null ? {} : { [DENSE]: { size: wanted, distance: "Cosine" } },
      sparse_vectors: { [SPARSE]: { modifier: "idf" } },
      // Several jikji instances share one collection; Qdrant spreads and copies it across its own nodes.
      ...(options.shardNumber === undefined ? {} : { shard_number: options.shardNumber }),
      ...(options.replicationFactor === undefined ? {} : { replication_factor: options.replicationFactor }),
    });
    const indexes: Array<[string, Schemas["PayloadFieldSchema"]]> = [
      ["collection", { type: "keyword", is_tenant: true }],
      ["document_id", "keyword"],
      ["access_groups", "keyword"],
      ["version", "integer"],
    ];
    for (const [field_name, field_schema] of indexes) {
      await client.createPayloadIndex(name, { wait: true, field_name, field_schema });
    }
  }

  async function storedDimensions(): Promise<number | null> {
    const info = collectionInfoSchema.parse(await client.getCollection(name));
    const { vectors, sparse_vectors } = info.config.params;
    const named = namedVectorsSchema.safeParse(vectors ?? {});
    const dense = named.success ? named.data[DENSE] : undefined;
    const extra = named.success ? Object.keys(named.data).filter((key) => key !== DENSE) : ["(unnamed)"];
    if (extra.length > 0 || sparse_vectors?.[SPARSE] === undefined) {
      throw new IndexUnavailableError(
        `The Qdrant collection ${name} was not created by jikji (its vectors are not \`${DENSE}\` + \`${SPARSE}\`). ` +
          "Choose another collection name, or delete it and run `jikji reindex`.",
        { retryable: false },
      );
    }
    return dense === undefined ? null : dense.size;
  }

  async function countPoints(): Promise<number> {
    return (await client.count(name, { exact: true })).count;
  }

  return {
    async open(wanted) {
      if (wanted !== null && (!Number.isSafeInteger(wanted) || wanted <= 0)) {
        throw new InvalidInputError(`Vector dimensions must be a positive integer or null, got ${wanted}`);
      }
      return guard("open the collection", async (): Promise<IndexInfo> => {
        // Two instances starting together may both find no collection; the one that loses the race to create
        // it checks the winner's, as if it had existed.
        if ((await client.collectionExists(name)).exists || !(await createCollection(wanted))) {
          const stored = await storedDimensions();
          if (stored !== wanted) {
            throw new IndexUnavailableError(
              `The Qdrant collection ${name} holds ${describeDimensions(stored)} but ${describeDimensions(wanted)} ` +
                "were asked for (the embedding model changed?). Run `jikji reindex` to rebuild it.",
              { retryable: false },
            );
          }
        }
        dimensions = wanted;
        return { dimensions, points: await countPoints() };
      });
    },

    async upsert(points) {
      const wanted = opened();
      const latest = new Map<string, IndexPoint>();
      for (const point of points) {
        checkVector(point.vector, `Chunk ${point.chunkId}`, wanted);
        if (wanted !== null && point.vector === undefined) {
          throw new InvalidInputError(`Chunk ${point.chunkId} has no vector; the search index holds ${wanted} dimensions`);
        }
        if (point.accessGroups.includes(PUBLIC_ACCESS_GROUP)) {
          throw new InvalidInputError(`Chunk ${point.chunkId}: "${PUBLIC_ACCESS_GROUP}" is reserved and cannot be an access group`);
        }
        latest.set(point.chunkId, point);
      }
      const structs: Schemas["PointStruct"][] = [...latest.values()].map((point) => ({
        id: point.chunkId,
        vector: {
          [SPARSE]: documentSparseVector(point.terms),
          ...(point.vector === undefined ? {} : { [DENSE]: [...point.vector] }),
        },
        payload: {
          chunk_id: point.chunkId,
          document_id: point.documentId,
          version: point.version,
          collection: point.collection,
          access_groups: point.accessGroups.length === 0 ? [PUBLIC_ACCESS_GROUP] : [...point.accessGroups],
        },
      }));
      await guard("write points", async () => {
        for (let start = 0; start < structs.length; start += UPSERT_BATCH) {
          await client.upsert(name, { wait: true, points: structs.slice(start, start + UPSERT_BATCH) });
        }
      });
    },

    async deleteDocument(documentId, deleteOptions) {
      opened();
      const keep = [
        ...(deleteOptions?.keepVersion === undefined ? [] : [deleteOptions.keepVersion]),
        ...(deleteOptions?.keepVersions ?? []),
      ];
      const filter: Filter = {
        must: [{ key: "document_id", match: { value: documentId } }],
        ...(keep.length === 0 ? {} : { must_not: [{ key: "version", match: { any: keep } }] }),
      };
      await guard("delete a document's points", async () => {
        await client.delete(name, { wait: true, filter });
      });
    },

    async search(query) {
      const wanted = opened();
      if (!Number.isSafeInteger(query.limit) || query.limit <= 0) {
        throw new InvalidInputError(`Search limit must be a positive integer, got ${query.limit}`);
      }
      // Qdrant runs both legs in one request (prefetch + fusion), so it waits for the embedding first.
      const vector = await query.vector;
      checkVector(vector, "The query", wanted);
      const filter = qdrantFilter(query.filter);
      const sparse = query.terms.length > 0 ? querySparseVector(query.terms, query.expansion) : undefined;
      const dense = vector === undefined ? undefined : [...vector];
      const common = { limit: query.limit, with_payload: PAYLOAD_FIELDS, with_vector: false, ...(filter ? { filter } : {}) };

      let request: Parameters<QdrantClient["query"]>[1];
      if (sparse !== undefined && dense !== undefined) {
        const depth = Math.max(query.limit * 4, 40);
        request = {
          prefetch: [
            { query: sparse, using: SPARSE, limit: depth, ...(filter ? { filter } : {}) },
            { query: dense, using: DENSE, limit: depth, ...(filter ? { filter } : {}) },
          ],
          query:
            query.denseWeight === undefined || query.denseWeight === 1
              ? { fusion: "rrf" }
              : { rrf: { weights: [1, query.denseWeight] } },
          ...common,
        };
      } else if (sparse !== undefined) {
        request = { query: sparse, using: SPARSE, ...common };
      } else if (dense !== undefined) {
        request = { query: dense, using: DENSE, ...common };
      } else {
        return [];
      }

      return guard("search", async (): Promise<IndexHit[]> => {
        const { points } = await client.query(name, request);
        return points.map((point) => {
          const payload = hitPayloadSchema.parse(point.payload);
          return { chunkId: payload.chunk_id, documentId: payload.document_id, version: payload.version, score: point.score };
        });
      });
    },

    async documentFrequencies(terms, { atMost }) {
      opened();
      checkAtMost(atMost);
      const distinct = [...new Set(terms)];
      if (distinct.length === 0) return new Map();
      // Qdrant keeps no per-term count it would hand out, but a sparse query returns only points sharing one of its
      // dimensions: a one-term query limited to `atMost` returns min(df, atMost) points. All terms go in one batch
      // call. (Two terms whose hashes collide share a dimension, and so a count; bm25.ts's termIndex.)
      const searches = distinct.map((term) => ({
        query: { indices: [termIndex(term)], values: [1] },
        using: SPARSE,
        limit: atMost,
        with_payload: false,
        with_vector: false,
      }));
      return guard("count document frequencies", async () => {
        const results = await client.queryBatch(name, { searches });
        return new Map(distinct.map((term, i) => [term, Math.min(results[i]?.points.length ?? 0, atMost)]));
      });
    },

    async documentsHolding(terms, { atMost }) {
      opened();
      checkAtMost(atMost);
      const distinct = [...new Set(terms)];
      if (distinct.length === 0) return new Map();
      // First one batch call for every term: its best HOLDING_PROBE_POINTS points with their document ids. Fewer points
      // than that are every point holding the term, so their documents are the answer; more than `atMost` documents
      // among them answer null. Only a term whose probe came back full with `atMost` documents or fewer is asked again,
      // with a one-term sparse query grouped by document_id (a keyword payload index): each group is one distinct
      // document, and `atMost + 1` groups tell "more than atMost" apart. Qdrant's batch call takes no `group_by`
      // (QueryRequest in its OpenAPI document), so those go one call per term, side by side. (Colliding hashes share
      // a list, bm25.ts's termIndex.)
      return guard("list the documents holding terms", async () => {
        const probes = await client.queryBatch(name, {
          searches: distinct.map((term) => ({
            query: { indices: [termIndex(term)], values: [1] },
            using: SPARSE,
            limit: HOLDING_PROBE_POINTS,
            with_payload: ["document_id"],
            with_vector: false,
          })),
        });
        const listed = await Promise.all(
          distinct.map(async (term, i): Promise<string[] | null> => {
            const points = probes[i]?.points ?? [];
            const probed = new Set(points.map((point) => documentPayloadSchema.parse(point.payload).document_id));
            if (probed.size > atMost) return null;
            if (points.length < HOLDING_PROBE_POINTS) return [...probed].sort();
            const { groups } = await client.queryGroups(name, {
              query: { indices: [termIndex(term)], values: [1] },
              using: SPARSE,
              group_by: "document_id",
              group_size: 1,
              limit: atMost + 1,
              with_payload: false,
              with_vector: false,
            });
            const documents = groups.map((group) => String(group.id));
            return documents.length > atMost ? null : documents.sort();
          }),
        );
        return new Map(distinct.map((term, i) => [term, listed[i]!]));
      });
    },

    async documentVersions() {
      opened();
      return guard("list document versions", async () => {
        const seen = new Map<string, { documentId: string; version: number }>();
        let offset: Schemas["ExtendedPointId"] | undefined;
        do {
          const page = await client.scroll(name, {
            limit: SCROLL_PAGE,
            with_payload: ["document_id", "version"],
            with_vector: false,
            ...(offset === undefined ? {} : { offset }),
          });
          for (const point of page.points) {
            const { document_id, version } = versionPayloadSchema.parse(point.payload);
            seen.set(`${version}\u0000${document_id}`, { documentId: document_id, version });
          }
          const next = page.next_page_offset;
          offset = typeof next === "string" || typeof next === "number" ? next : undefined;
        } while (offset !== undefined);
        return [...seen.values()];
      });
    },

    async optimize() {
      // Qdrant indexes points as they arrive (its optimizers run server-side); nothing to ask for.
      opened();
    },

    async reset(wanted) {
      if (wanted !== null && (!Number.isSafeInteger(wanted) || wanted <= 0)) {
        throw new InvalidInputError(`Vector dimensions must be a positive integer or null, got ${wanted}`);
      }
      return guard("reset the collection", async (): Promise<IndexInfo> => {
        if ((await client.collectionExists(name)).exists) await client.deleteCollection(name);
        await createCollection(wanted);
        dimensions = wanted;
        return { dimensions, points: 0 };
      });
    },

    async stats() {
      opened();
      // An estimate from Qdrant's own statistics: exact counting scans the collection, too slow for every scrape.
      return guard("count its points", async () => ({ points: (await client.count(name, { exact: false })).count, bytes: null }));
    },

    async close() {
      dimensions = undefined;
    },
  };
}
