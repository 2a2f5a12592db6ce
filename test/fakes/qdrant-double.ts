/**
 * A Qdrant stand-in at the process edge: a real HTTP server on 127.0.0.1 that
 *  (a) validates every request against Qdrant's own OpenAPI 1.19.0 document (method, path template, query
 *      parameters, request body) and answers a request that breaks it with 400, recording it in `violations`;
 *  (b) keeps collections in memory with enough of Qdrant's semantics for the SearchIndex contract: named dense
 *      (cosine) and sparse (IDF-modified dot product) vectors, payload filters, scroll, count, and the Query API
 *      with prefetch and RRF fusion, single and batched.
 * Anything the adapter sends that this double does not implement is answered with 400 "not implemented by the
 * double", so it fails loudly instead of pretending.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

const SPEC_PATH = new URL("../fixtures/qdrant/qdrant-openapi-1.19.0.json", import.meta.url);
const SPEC_ID = "qdrant-openapi.json";
/** Qdrant's default RRF constant; its score for 0-based position p is 1 / (p + k). */
const QDRANT_RRF_K = 2;

export interface Violation {
  method: string;
  path: string;
  problems: string[];
}

export interface QdrantDouble {
  url: string;
  /** Requests that broke the OpenAPI document; a test asserts this stays empty. */
  violations: Violation[];
  /** Every request received, in order (method, path with query, parsed body). */
  requests: Array<{ method: string; path: string; body: unknown }>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// (a) Validation against the OpenAPI document

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  query: Array<{ name: string; required: boolean; validate: ValidateFunction }>;
  body: { required: boolean; validate: ValidateFunction } | null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Rewrites OpenAPI 3.0 schema dialect into JSON Schema ajv understands: `nullable` becomes a "null" type, refs
 * point into the registered document, and objects that list their properties reject unknown ones. Real Qdrant
 * ignores most unknown fields, which is exactly why a misspelt option (`is_tennant`) would pass silently there;
 * the double is stricter on purpose.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") out[key] = value.replace(/^#\//, `${SPEC_ID}#/`);
    else if (key === "nullable" || key === "example" || key === "deprecated") continue;
    else out[key] = toJsonSchema(value);
  }
  if (node["nullable"] === true) {
    const type = node["type"];
    if (typeof type === "string") out["type"] = [type, "null"];
    else if (Object.keys(out).length === 0 || (Object.keys(out).length === 1 && "description" in out)) out["type"] = "null";
  }
  if (isObject(out["properties"]) && !("additionalProperties" in out)) out["additionalProperties"] = false;
  return out;
}

function integerFormat(min: number, max: number) {
  return { type: "number" as const, validate: (value: number) => Number.isInteger(value) && value >= min && value <= max };
}

let cachedOperations: Operation[] | undefined;

/** Compiling every operation's schemas takes a moment, so each test worker does it once. */
function operationsOfSpec(): Operation[] {
  cachedOperations ??= loadOperations();
  return cachedOperations;
}

function loadOperations(): Operation[] {
  const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as JsonObject;
  const components = toJsonSchema(spec["components"] ?? {});
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addFormat("uint", integerFormat(0, Number.MAX_SAFE_INTEGER));
  ajv.addFormat("uint8", integerFormat(0, 255));
  ajv.addFormat("uint32", integerFormat(0, 2 ** 32 - 1));
  ajv.addFormat("uint64", integerFormat(0, Number.MAX_SAFE_INTEGER));
  ajv.addFormat("int64", integerFormat(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  ajv.addFormat("float", { type: "number", validate: (value: number) => Number.isFinite(value) });
  ajv.addFormat("double", { type: "number", validate: (value: number) => Number.isFinite(value) });
  ajv.addFormat("partial-date-time", true);
  ajv.addSchema({ $id: SPEC_ID, components }, SPEC_ID);

  const operations: Operation[] = [];
  const paths = spec["paths"];
  if (!isObject(paths)) throw new Error("OpenAPI document has no paths");
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, rawOperation] of Object.entries(item)) {
      if (!isObject(rawOperation)) continue;
      const operation = toJsonSchema(rawOperation) as JsonObject;
      const parameters = Array.isArray(operation["parameters"]) ? operation["parameters"].filter(isObject) : [];
      const query = parameters
        .filter((parameter) => parameter["in"] === "query")
        .map((parameter) => ({
          name: String(parameter["name"]),
          required: parameter["required"] === true,
          validate: ajv.compile(isObject(parameter["schema"]) ? parameter["schema"] : {}),
        }));
      const requestBody = operation["requestBody"];
      let body: Operation["body"] = null;
      if (isObject(requestBody)) {
        const content = requestBody["content"];
        const schema = isObject(content) && isObject(content["application/json"]) ? content["application/json"]["schema"] : null;
        if (isObject(schema)) body = { required: requestBody["required"] === true, validate: ajv.compile(schema) };
      }
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/]+)")}$`);
      operations.push({ method: method.toUpperCase(), template, pattern, query, body });
    }
  }
  return operations;
}

function templateParams(operation: Operation): number {
  return operation.template.split("{").length - 1;
}

function coerceQueryValue(value: string): unknown {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^-?\d+$/.test(value)) return Number(value);
  return value;
}

/** Problems of one request against the document; empty when it conforms. */
export function validateRequest(
  operations: readonly Operation[],
  method: string,
  url: URL,
  body: unknown,
  hasBody: boolean,
): { operation: Operation | null; problems: string[] } {
  const candidates = operations.filter((operation) => operation.pattern.test(url.pathname));
  // Literal segments beat templated ones (`/collections/aliases` is not a collection named "aliases").
  candidates.sort((a, b) => templateParams(a) - templateParams(b));
  const operation = candidates.find((candidate) => candidate.method === method) ?? null;
  if (operation === null) {
    return { operation: null, problems: [`no ${method} operation for ${url.pathname} in the Qdrant API`] };
  }
  const problems: string[] = [];
  const known = new Set(operation.query.map((parameter) => parameter.name));
  for (const name of url.searchParams.keys()) {
    if (!known.has(name)) problems.push(`unknown query parameter "${name}"`);
  }
  for (const parameter of operation.query) {
    const raw = url.searchParams.get(parameter.name);
    if (raw === null) {
      if (parameter.required) problems.push(`missing required query parameter "${parameter.name}"`);
    } else if (!parameter.validate(coerceQueryValue(raw))) {
      problems.push(`query parameter "${parameter.name}"=${raw}: ${ajvErrors(parameter.validate)}`);
    }
  }
  if (operation.body === null) {
    if (hasBody) problems.push("this operation takes no request body");
  } else if (!hasBody) {
    if (operation.body.required) problems.push("missing required request body");
  } else if (!operation.body.validate(body)) {
    problems.push(`request body: ${ajvErrors(operation.body.validate)}`);
  }
  return { operation, problems };
}

function ajvErrors(validate: ValidateFunction): string {
  const errors = validate.errors ?? [];
  // anyOf failures list every branch; the deepest paths say most about what is actually wrong.
  const deepest = Math.max(...errors.map((error) => error.instancePath.length), 0);
  return errors
    .filter((error) => error.instancePath.length === deepest)
    .slice(0, 5)
    .map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}${formatParams(error.params)}`)
    .join("; ");
}

function formatParams(params: Record<string, unknown>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? "" : ` (${entries.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ")})`;
}

// ---------------------------------------------------------------------------------------------------------------
// (b) In-memory Qdrant semantics

interface SparseVector {
  indices: number[];
  values: number[];
}

interface StoredPoint {
  id: string | number;
  version: number;
  dense: Map<string, number[]>;
  sparse: Map<string, SparseVector>;
  payload: JsonObject;
}

interface Collection {
  vectors: JsonObject;
  sparseVectors: Record<string, { modifier: string }>;
  payloadSchema: JsonObject;
  points: Map<string, StoredPoint>;
  /** As created (Qdrant's defaults are 1 and 1). */
  shardNumber: number;
  replicationFactor: number;
}

class QdrantInputError extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}

function notImplemented(what: string): never {
  throw new QdrantInputError(`Not implemented by the Qdrant double: ${what}`);
}

function pointKey(id: unknown): string {
  if (typeof id === "number") return `n:${id}`;
  if (typeof id === "string") return `u:${id.toLowerCase()}`;
  throw new QdrantInputError(`Wrong input: bad point id ${JSON.stringify(id)}`);
}

function asList<T>(value: T | T[] | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function payloadValues(payload: JsonObject, key: string): Json[] {
  if (key.includes(".") || key.includes("[")) notImplemented(`nested payload key ${key}`);
  return asList(payload[key] as Json | Json[] | undefined);
}

function matchesCondition(point: StoredPoint, condition: JsonObject): boolean {
  if ("must" in condition || "should" in condition || "must_not" in condition) return matchesFilter(point, condition);
  if ("has_id" in condition) return asList(condition["has_id"] as Json[]).some((id) => pointKey(id) === pointKey(point.id));
  if (typeof condition["key"] !== "string") notImplemented(`condition ${JSON.stringify(condition)}`);
  const key = condition["key"];
  const match = condition["match"];
  if (!isObject(match) || Object.keys(condition).some((name) => name !== "key" && name !== "match")) {
    notImplemented(`condition ${JSON.stringify(condition)}`);
  }
  const values = payloadValues(point.payload, key);
  if ("value" in match) return values.some((value) => value === match["value"]);
  if ("any" in match && Array.isArray(match["any"])) {
    const wanted = match["any"];
    return values.some((value) => wanted.includes(value));
  }
  if ("except" in match && Array.isArray(match["except"])) {
    const excluded = match["except"];
    return values.length === 0 || values.some((value) => !excluded.includes(value));
  }
  return notImplemented(`match ${JSON.stringify(match)}`);
}

function matchesFilter(point: StoredPoint, filter: Json | undefined): boolean {
  if (filter === undefined || filter === null) return true;
  if (!isObject(filter)) notImplemented(`filter ${JSON.stringify(filter)}`);
  if (filter["min_should"] !== undefined && filter["min_should"] !== null) notImplemented("min_should");
  const must = asList(filter["must"] as JsonObject | JsonObject[] | null);
  const should = asList(filter["should"] as JsonObject | JsonObject[] | null);
  const mustNot = asList(filter["must_not"] as JsonObject | JsonObject[] | null);
  return (
    must.every((condition) => matchesCondition(point, condition)) &&
    (should.length === 0 || should.some((condition) => matchesCondition(point, condition))) &&
    !mustNot.some((condition) => matchesCondition(point, condition))
  );
}

function isSparse(value: unknown): value is SparseVector {
  return isObject(value) && Array.isArray(value["indices"]) && Array.isArray(value["values"]);
}

function checkSparse(vector: SparseVector, name: string): void {
  if (vector.indices.length !== vector.values.length) {
    throw new QdrantInputError(`Wrong input: sparse vector ${name}: indices and values must have the same length`);
  }
  if (new Set(vector.indices).size !== vector.indices.length) {
    throw new QdrantInputError(`Wrong input: sparse vector ${name}: indices must be unique`);
  }
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

type Scored = { point: StoredPoint; score: number };

function denseSize(collection: Collection, name: string): number {
  const params = name === "" ? collection.vectors : collection.vectors[name];
  if (!isObject(params) || typeof params["size"] !== "number") {
    throw new QdrantInputError(`Wrong input: Not existing vector name error: ${name}`);
  }
  return params["size"];
}

function nearest(collection: Collection, query: Json, using: string, candidates: StoredPoint[]): Scored[] {
  const vector = isObject(query) && "nearest" in query ? query["nearest"] : query;
  if (isSparse(vector)) {
    const config = collection.sparseVectors[using];
    if (config === undefined) throw new QdrantInputError(`Wrong input: Not existing vector name error: ${using}`);
    checkSparse(vector, using);
    const total = [...collection.points.values()].filter((point) => point.sparse.has(using)).length;
    const idf = (index: number) => {
      if (config.modifier !== "idf") return 1;
      let containing = 0;
      for (const point of collection.points.values()) {
        const stored = point.sparse.get(using);
        if (stored !== undefined && stored.indices.includes(index)) containing++;
      }
      return Math.log(1 + (total - containing + 0.5) / (containing + 0.5));
    };
    const weights = vector.indices.map((index, i) => (vector.values[i] ?? 0) * idf(index));
    const scored: Scored[] = [];
    for (const point of candidates) {
      const stored = point.sparse.get(using);
      if (stored === undefined) continue;
      let score = 0;
      let overlaps = false;
      vector.indices.forEach((index, i) => {
        const at = stored.indices.indexOf(index);
        if (at >= 0) {
          overlaps = true;
          score += (weights[i] ?? 0) * (stored.values[at] ?? 0);
        }
      });
      if (overlaps) scored.push({ point, score });
    }
    return scored;
  }
  if (Array.isArray(vector) && vector.every((value) => typeof value === "number")) {
    const size = denseSize(collection, using);
    if (vector.length !== size) {
      throw new QdrantInputError(`Wrong input: Vector dimension error: expected dim: ${size}, got ${vector.length}`);
    }
    return candidates.flatMap((point) => {
      const stored = point.dense.get(using);
      return stored === undefined ? [] : [{ point, score: cosine(vector as number[], stored) }];
    });
  }
  return notImplemented(`query ${JSON.stringify(query).slice(0, 200)}`);
}

function rank(scored: Scored[], limit: number, offset = 0): Scored[] {
  return scored
    .sort((a, b) => b.score - a.score || pointKey(a.point.id).localeCompare(pointKey(b.point.id)))
    .slice(offset, offset + limit);
}

function runQuery(collection: Collection, request: JsonObject): Scored[] {
  const limit = typeof request["limit"] === "number" ? request["limit"] : 10;
  const offset = typeof request["offset"] === "number" ? request["offset"] : 0;
  const using = typeof request["using"] === "string" ? request["using"] : "";
  const candidates = [...collection.points.values()].filter((point) => matchesFilter(point, request["filter"]));
  const prefetches = asList(request["prefetch"] as JsonObject | JsonObject[] | null);
  const query = request["query"];
  if (prefetches.length === 0) {
    if (query === undefined || query === null) notImplemented("query without prefetch or vector");
    return rank(nearest(collection, query, using, candidates), limit, offset);
  }
  const allowed = new Set(candidates.map((point) => pointKey(point.id)));
  const lists = prefetches.map((prefetch) =>
    runQuery(collection, prefetch).filter((scored) => allowed.has(pointKey(scored.point.id))),
  );
  if (isObject(query) && (query["fusion"] === "rrf" || isObject(query["rrf"]))) {
    const rrf = isObject(query["rrf"]) ? query["rrf"] : {};
    const k = typeof rrf["k"] === "number" ? rrf["k"] : QDRANT_RRF_K;
    const weights = Array.isArray(rrf["weights"]) ? (rrf["weights"] as number[]) : [];
    const fused = new Map<string, Scored>();
    lists.forEach((list, listIndex) => {
      const weight = weights[listIndex] ?? 1;
      list.forEach((scored, position) => {
        const key = pointKey(scored.point.id);
        const entry = fused.get(key) ?? { point: scored.point, score: 0 };
        entry.score += weight / (position + k);
        fused.set(key, entry);
      });
    });
    return rank([...fused.values()], limit, offset);
  }
  return notImplemented(`query over prefetch ${JSON.stringify(query)}`);
}

function selectPayload(payload: JsonObject, selector: Json | undefined): JsonObject | null {
  if (selector === undefined || selector === null || selector === false) return null;
  if (selector === true) return payload;
  if (Array.isArray(selector)) {
    return Object.fromEntries(Object.entries(payload).filter(([key]) => selector.includes(key)));
  }
  return notImplemented(`with_payload ${JSON.stringify(selector)}`);
}

function outputId(point: StoredPoint): string | number {
  return point.id;
}

function collectionInfo(collection: Collection): JsonObject {
  return {
    status: "green",
    optimizer_status: "ok",
    segments_count: 1,
    points_count: collection.points.size,
    indexed_vectors_count: 0,
    payload_schema: collection.payloadSchema,
    config: {
      params: {
        vectors: collection.vectors,
        sparse_vectors: collection.sparseVectors as unknown as JsonObject,
        shard_number: collection.shardNumber,
        replication_factor: collection.replicationFactor,
        write_consistency_factor: 1,
        on_disk_payload: true,
      },
      hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10000, max_indexing_threads: 0, on_disk: false },
      optimizer_config: {
        deleted_threshold: 0.2,
        vacuum_min_vector_number: 1000,
        default_segment_number: 0,
        flush_interval_sec: 5,
      },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
    },
  };
}

export async function startQdrantDouble(): Promise<QdrantDouble> {
  const operations = operationsOfSpec();
  const collections = new Map<string, Collection>();
  const violations: Violation[] = [];
  const requests: QdrantDouble["requests"] = [];
  let version = 0;

  function getCollection(name: string): Collection {
    const collection = collections.get(name);
    if (collection === undefined) throw new QdrantInputError(`Not found: Collection \`${name}\` doesn't exist!`, 404);
    return collection;
  }

  function handle(method: string, template: string, name: string, body: JsonObject): Json {
    const route = `${method} ${template}`;
    switch (route) {
      case "GET /collections/{collection_name}/exists":
        return { exists: collections.has(name) };
      case "GET /collections/{collection_name}":
        return collectionInfo(getCollection(name));
      case "PUT /collections/{collection_name}": {
        if (collections.has(name)) throw new QdrantInputError(`Wrong input: Collection \`${name}\` already exists!`, 409);
        const vectors = isObject(body["vectors"]) ? body["vectors"] : {};
        const sparseVectors: Collection["sparseVectors"] = {};
        if (isObject(body["sparse_vectors"])) {
          for (const [vectorName, params] of Object.entries(body["sparse_vectors"])) {
            const modifier = isObject(params) && typeof params["modifier"] === "string" ? params["modifier"] : "none";
            sparseVectors[vectorName] = { modifier };
          }
        }
        collections.set(name, {
          vectors,
          sparseVectors,
          payloadSchema: {},
          points: new Map(),
          shardNumber: typeof body["shard_number"] === "number" ? body["shard_number"] : 1,
          replicationFactor: typeof body["replication_factor"] === "number" ? body["replication_factor"] : 1,
        });
        return true;
      }
      case "DELETE /collections/{collection_name}":
        return collections.delete(name);
      case "PUT /collections/{collection_name}/index": {
        const collection = getCollection(name);
        collection.payloadSchema[String(body["field_name"])] = body["field_schema"] ?? null;
        return { operation_id: ++version, status: "completed" };
      }
      case "PUT /collections/{collection_name}/points": {
        const collection = getCollection(name);
        if (!Array.isArray(body["points"])) notImplemented("batch upsert");
        const points: StoredPoint[] = body["points"].filter(isObject).map((raw) => {
          const vector = raw["vector"];
          if (!isObject(vector)) notImplemented("unnamed vectors");
          const point: StoredPoint = {
            id: typeof raw["id"] === "string" ? raw["id"].toLowerCase() : (raw["id"] as number),
            version: ++version,
            dense: new Map(),
            sparse: new Map(),
            payload: isObject(raw["payload"]) ? raw["payload"] : {},
          };
          for (const [vectorName, value] of Object.entries(vector)) {
            if (isSparse(value)) {
              if (collection.sparseVectors[vectorName] === undefined) {
                throw new QdrantInputError(`Wrong input: Not existing vector name error: ${vectorName}`);
              }
              checkSparse(value, vectorName);
              point.sparse.set(vectorName, value);
            } else if (Array.isArray(value)) {
              const size = denseSize(collection, vectorName);
              if (value.length !== size) {
                throw new QdrantInputError(`Wrong input: Vector dimension error: expected dim: ${size}, got ${value.length}`);
              }
              point.dense.set(vectorName, value as number[]);
            } else {
              notImplemented(`vector ${vectorName}`);
            }
          }
          return point;
        });
        for (const point of points) collection.points.set(pointKey(point.id), point);
        return { operation_id: ++version, status: "completed" };
      }
      case "POST /collections/{collection_name}/points/delete": {
        const collection = getCollection(name);
        if (Array.isArray(body["points"])) {
          for (const id of body["points"]) collection.points.delete(pointKey(id));
        } else {
          for (const [key, point] of collection.points) if (matchesFilter(point, body["filter"])) collection.points.delete(key);
        }
        return { operation_id: ++version, status: "completed" };
      }
      case "POST /collections/{collection_name}/points/count": {
        const collection = getCollection(name);
        return { count: [...collection.points.values()].filter((point) => matchesFilter(point, body["filter"])).length };
      }
      case "POST /collections/{collection_name}/points/scroll": {
        const collection = getCollection(name);
        if (body["order_by"] !== undefined && body["order_by"] !== null) notImplemented("scroll order_by");
        const limit = typeof body["limit"] === "number" ? body["limit"] : 10;
        const sorted = [...collection.points.values()]
          .filter((point) => matchesFilter(point, body["filter"]))
          .sort((a, b) => pointKey(a.id).localeCompare(pointKey(b.id)));
        const start =
          body["offset"] === undefined || body["offset"] === null
            ? 0
            : Math.max(0, sorted.findIndex((point) => pointKey(point.id) >= pointKey(body["offset"])));
        const page = sorted.slice(start, start + limit);
        const next = sorted[start + limit];
        return {
          points: page.map((point) => ({ id: outputId(point), payload: selectPayload(point.payload, body["with_payload"] ?? true) })),
          next_page_offset: next === undefined ? null : outputId(next),
        };
      }
      case "POST /collections/{collection_name}/points/query": {
        const collection = getCollection(name);
        const scored = runQuery(collection, body);
        return {
          points: scored.map(({ point, score }) => ({
            id: outputId(point),
            version: point.version,
            score,
            payload: selectPayload(point.payload, body["with_payload"]),
          })),
        };
      }
      case "POST /collections/{collection_name}/points/query/batch": {
        const collection = getCollection(name);
        if (!Array.isArray(body["searches"])) notImplemented("query batch without searches");
        // Qdrant answers a batch with one { points } per search, in order.
        return (body["searches"] as JsonObject[]).map((search) => ({
          points: runQuery(collection, search).map(({ point, score }) => ({
            id: outputId(point),
            version: point.version,
            score,
            payload: selectPayload(point.payload, search["with_payload"]),
          })),
        }));
      }
      case "POST /collections/{collection_name}/points/query/groups": {
        const collection = getCollection(name);
        const key = typeof body["group_by"] === "string" ? body["group_by"] : notImplemented("group_by that is not a field name");
        const groupSize = typeof body["group_size"] === "number" ? body["group_size"] : 3;
        const limit = typeof body["limit"] === "number" ? body["limit"] : 10;
        // Qdrant groups every matching point by the key's value (points without a string or integer value there are
        // left out), orders the groups by their best hit and keeps `group_size` hits in each.
        const groups = new Map<string | number, Scored[]>();
        for (const scored of runQuery(collection, { ...body, limit: Number.MAX_SAFE_INTEGER, offset: 0 })) {
          const value = scored.point.payload[key];
          if (typeof value !== "string" && typeof value !== "number") continue;
          const hits = groups.get(value) ?? [];
          if (hits.length < groupSize) hits.push(scored);
          groups.set(value, hits);
        }
        return {
          groups: [...groups.entries()].slice(0, limit).map(([id, hits]) => ({
            id,
            hits: hits.map(({ point, score }) => ({
              id: outputId(point),
              version: point.version,
              score,
              payload: selectPayload(point.payload, body["with_payload"]),
            })),
          })),
        };
      }
      default:
        return notImplemented(route);
    }
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const started = performance.now();
      const method = request.method ?? "GET";
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const text = Buffer.concat(chunks).toString("utf8");
      const reply = (status: number, payload: JsonObject) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify({ ...payload, time: (performance.now() - started) / 1000 }));
      };
      let body: unknown;
      try {
        body = text.length === 0 ? undefined : JSON.parse(text);
      } catch {
        violations.push({ method, path: url.pathname, problems: ["request body is not JSON"] });
        reply(400, { status: { error: "Format error in JSON body" } });
        return;
      }
      requests.push({ method, path: `${url.pathname}${url.search}`, body });
      const { operation, problems } = validateRequest(operations, method, url, body, text.length > 0);
      if (problems.length > 0 || operation === null) {
        violations.push({ method, path: `${url.pathname}${url.search}`, problems });
        reply(operation === null ? 404 : 400, { status: { error: `Request breaks the Qdrant API: ${problems.join(" | ")}` } });
        return;
      }
      const name = decodeURIComponent(operation.pattern.exec(url.pathname)?.[1] ?? "");
      try {
        reply(200, { result: handle(method, operation.template, name, isObject(body) ? body : {}), status: "ok" });
      } catch (error) {
        if (error instanceof QdrantInputError) reply(error.status, { status: { error: error.message } });
        else reply(500, { status: { error: `Service internal error: ${String(error)}` } });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    violations,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
