/**
 * The embedded SearchIndex: one LanceDB table in the data directory, no services.
 *
 * Lexical leg: LanceDB's own BM25 full-text search over a `terms` column holding our tokenizer's terms joined by
 * spaces (each repeated by its count), indexed with a whitespace tokenizer and every normalisation switched off,
 * because the terms are already normalised. Dense leg: flat cosine search over `vector`. Both legs filter natively
 * (`where` prefilters) and are fused with RRF.
 */
// Must run before LanceDB loads: it reads its log level once, at load.
import "./lance-log.ts";
import {
  connect,
  Index,
  makeArrowTable,
  MatchQuery,
  Operator,
  Session,
  type Connection,
  type Table,
} from "@lancedb/lancedb";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Field as ArrowField, Schema as ArrowSchema } from "apache-arrow";
import { IndexUnavailableError, InvalidInputError, JikjiError, errorMessage } from "../../errors.ts";
import { bm25Score, DocumentFrequencies } from "../bm25.ts";
import { MemoryLexicalIndex, type MemoryRow } from "./lexical-memory.ts";
import { TermDocuments } from "./term-documents.ts";
import { fuseRrf } from "../rrf.ts";
import { checkAtMost, PUBLIC_ACCESS_GROUP, type IndexHit, type IndexInfo, type IndexPoint, type IndexQuery, type SearchFilter, type SearchIndex, type TermCounts } from "./port.ts";

export interface EmbeddedIndexOptions {
  /** Directory holding the LanceDB database (created when missing). */
  dir: string;
  /** Rows from which `optimize()` builds the vector index (default VECTOR_INDEX_MIN_ROWS; tests use fewer). */
  vectorIndexMinRows?: number;
  /** Bytes LanceDB may keep in memory of index data and of file metadata (default INDEX_CACHE_BYTES / METADATA_CACHE_BYTES). */
  cacheBytes?: { index: number; metadata: number };
  /**
   * Where the lexical leg's candidates come from. "off" (default): LanceDB's full-text index, rescored with
   * `bm25Score`. "background": after `open()`, every row's terms are read into an in-memory inverted index
   * (lexical-memory.ts) while searches still use LanceDB; from when it is ready, the lexical leg scores every
   * matching row in memory, exactly, with no LanceDB call (for `serve`). "at-open": the same, built before `open()`
   * returns (an evaluation that must measure the in-memory leg from its first query). Reading every row costs
   * seconds at 100k chunks, which one-shot commands do not pay.
   */
  lexicalMemory?: LexicalMemoryMode;
  /**
   * A table holding more rows than this is not read into memory (the lexical leg stays on LanceDB, and the callback
   * is told `skipped`); unset: no bound. Writes after the build do not count against it.
   */
  lexicalMemoryMaxRows?: number;
  /** Told when the in-memory lexical index is ready (rows, milliseconds), skipped for size, or failed to build (LanceDB's leg stays). */
  onLexicalMemory?: (
    event: { rows: number; ms: number; terms: number; postings: number } | { skipped: { rows: number; maxRows: number } } | { error: unknown },
  ) => void;
  /**
   * What the dense leg reads of its candidates from LanceDB (JIKJI_DENSE_READ). "columns" (the index's own default;
   * jikji's configuration chooses "row-ids"): chunk id, document id and version. The other two need the in-memory lexical index, and read as "columns" while it is not in
   * use. "ids": only chunk ids; document and version come from the in-memory index (the same query, so the same
   * candidates in the same order; an id it does not hold yet sends the leg back to "columns"). "row-ids": no row at
   * all; LanceDB returns the candidates' row addresses (`_rowid`), mapped to chunk ids by a map of every row's address
   * read from the table when a dense search finds none (~0.1 s, ~10 MB at 100k chunks). Every write drops the map (a
   * merge or a compaction moves rows) and a search whose query overlapped a write discards what it read, so an
   * address is only ever read against the table version the map was read from; until the map is read again, the leg
   * reads as "ids". The configuration's default since the lead's quiet trial (BENCHMARKS.md, "Dense leg, second pass").
   */
  denseRead?: DenseRead;
  /**
   * When `optimize()` folds the rows written since the last fold into LanceDB's indices (JIKJI_INDEX_FOLD; see
   * FOLD_DEFER_FROM_ROWS). "deferred" (default): on a table of FOLD_DEFER_FROM_ROWS rows or more, only once the
   * backlog reaches FOLD_BACKLOG_ROWS rows or FOLD_BACKLOG_FRAGMENTS fragments; below that size, and always with
   * "eager", whenever any row waits.
   */
  fold?: FoldPolicy;
  /** The deferred policy's bounds (defaults: the FOLD_* constants); tests use small ones. */
  foldBounds?: Partial<FoldBounds>;
}

export type FoldPolicy = "eager" | "deferred";
export interface FoldBounds {
  /** Tables of fewer rows fold at every `optimize()` that finds a backlog. */
  deferFromRows: number;
  /** A backlog of this many rows is folded. */
  backlogRows: number;
  /** A backlog spread over this many fragments (one per write) is folded. */
  backlogFragments: number;
}

export type LexicalMemoryMode = "off" | "background" | "at-open";
export type DenseRead = "columns" | "ids" | "row-ids";

/** The embedded adapter, with a way to wait for its in-memory lexical index (tests, benches). */
export interface EmbeddedIndex extends SearchIndex {
  /** Resolves when no build of the in-memory lexical index is pending: true when it is in use. */
  lexicalMemoryReady(): Promise<boolean>;
}

/**
 * LanceDB caches index data and file metadata per session, 6 GB and 1 GB by default, keyed by file: every optimize
 * writes a new full-text index and new scalar indices and compacts data files, and what it cached of the superseded
 * ones is never read again but stays until the cache is full: ~5 MB more per upload job at 10k chunks, part of the
 * RSS climb of the soak on `serve` (bench/soak-memory.ts, bench/load.ts soak; BENCHMARKS.md). What searches need
 * stays far below these bounds: 45 MB after 600 searches at 100k chunks. Larger deployments raise them
 * (JIKJI_INDEX_CACHE_MB).
 */
export const INDEX_CACHE_BYTES = 256 * 1024 * 1024;
export const METADATA_CACHE_BYTES = INDEX_CACHE_BYTES / 4;

const TABLE = "chunks";

/**
 * Arrow as LanceDB loads it. LanceDB is CommonJS and `require`s apache-arrow's CommonJS build; an `import` here
 * would load its ES build as well: a second copy of the same ~134 modules (~0.1 s of a one-shot `jikji search`),
 * whose classes are not the ones LanceDB checks against.
 */
const { DataType, Field, FixedSizeList, Float32, Int32, List, Schema, Utf8 } = createRequire(import.meta.url)("apache-arrow") as typeof import("apache-arrow");

interface FrequenciesFile {
  tableVersion: number;
  documents: number;
  counts: Array<[string, number]>;
  /** Which documents hold each term (`TermDocuments`); absent in files saved before it was kept. */
  holding?: unknown;
}
/**
 * Rows written since the last index build are still searched (LanceDB scans them flat), but slowly: measured on
 * 20k indexed chunks, each 1,000 unindexed rows add ≈ 35 ms to a full-text query, while `optimize()` (fold them
 * into the FTS index, compact the small fragments upserts leave) costs ≈ 2.5 s whatever the backlog. 2,000 keeps
 * the worst added query latency near 70 ms and bulk ingest at one optimize per 2,000 chunks
 * (bench/index-choice.ts).
 */
const OPTIMIZE_AFTER_UNINDEXED_ROWS = 2_000;
/**
 * The fold (LanceDB's `optimize()`: the rows written since the last one indexed into the full-text, scalar and vector
 * indices, small fragments compacted, old versions pruned) costs in proportion to the table, not to what it folds.
 * Its index update writes every index anew: on a 200k-chunk table a 2-row append made it write 53–56 MB of index
 * files (the full-text index's partition copied whole beside a new one for the 2 rows, the B-trees and bitmaps
 * rewritten) in 1.1 s at load 3 (3.4–6.3 s at load 9–19), compacting nothing (bench/fold-cost.ts); and once a fold has
 * left an indexed fragment beside the big one, the next fold compacts the two as well (both are under LanceDB's
 * 1,048,576-row target and covered by the same indices), which rewrites every row (3.3–3.4 s there at load 3). At 1M chunks a 2-chunk upload's closing optimize() took 2.7–9.5 s (load 5–13), and 3.3 s
 * rising to 42 s when the uploads were kept (BENCHMARKS.md, "Today's defaults at 1M, and small uploads at 1M").
 * LanceDB's Node API (0.39) has no compaction options and no index-only update: `optimize()` does all or nothing.
 *
 * Rows not folded yet are still searched (LanceDB scans them flat, in every leg and under every filter) and deleted
 * rows are gone at once (deletion vectors), so deferring the fold costs searches only that scan. Measured on a 200k
 * table (synthetic 200-term rows, 300 queries, load 9–19, so rough): ~20 µs a query per unfolded row and ~0.15 ms per
 * unfolded fragment (100 rows in one fragment +2.3 ms p50; 30 one-row fragments +4.3 ms). At 1M chunks of real text
 * fragments cost more: 12 two-chunk uploads left unfolded (13 fragments) took search (with the reranker) from 7.5 /
 * 16.2 ms p50 / p95 to 9.5 / 24.2 ms (bench/scale.ts measure --backlog 12, load 5–10, but other queries); with 7
 * (the most these bounds leave at 1M), timed on the same queries before and after, p50 rose 0.8–1.3 ms and p95 stayed
 * within noise (three runs, load 3–5). So from FOLD_DEFER_FROM_ROWS rows on, a job's closing `optimize()` folds only
 * a backlog of FOLD_BACKLOG_ROWS rows or FOLD_BACKLOG_FRAGMENTS fragments: a stream of small uploads pays one fold per
 * 8 jobs. Smaller tables fold every backlog, where a fold costs a few seconds at most and
 * searches keep the indexed speed (the 100k-chunk benchmarks keep their behaviour).
 */
export const FOLD_DEFER_FROM_ROWS = 250_000;
export const FOLD_BACKLOG_ROWS = 200;
export const FOLD_BACKLOG_FRAGMENTS = 8;
/** LanceDB's compaction target: a compacted table holds one fragment per this many rows. */
const LANCE_FRAGMENT_ROWS = 1_048_576;

/**
 * Old table versions are kept this long after an optimize, for reads that started before it. One process owns
 * the data dir and its queries take milliseconds, so a minute is ample; longer left a bulk load's directory at
 * 16× its steady size (bench/latency.ts).
 */
const KEEP_OLD_VERSIONS_MS = 60_000;

/**
 * LanceDB's FTS ranks with BM25 at fixed k1 1.2 / b 0.75, which cost 0.8 points of Recall@1 on the KorQuAD
 * development half against jikji's tuned BM25 (`bm25.ts`). So LanceDB's FTS finds candidates and they are rescored
 * with `bm25Score` over the stored terms, the same sum Qdrant computes. Rescoring LanceDB's top 20 already matched an
 * exhaustive ranking there (with and without 2,561 distractors). Reading the candidates' stored terms is most of
 * what the candidate count costs: at 100k chunks 40 instead of 50 saved ~1 ms of CPU a search (bench/search-cpu.ts),
 * with the same figures on KorQuAD part A (with and without distractors) and on both halves of the real-document
 * set; 30 lost one extractive answer on the real-document heldout half (BENCHMARKS.md, "searchcpu2").
 */
const LEXICAL_CANDIDATES = 40;
/**
 * `documentsHolding`, where neither the in-memory index nor the record kept with the frequencies (`TermDocuments`)
 * can answer, asks LanceDB and reads a word's best rows this deep first: the full read is as deep as the word's chunk
 * count, and most words a question asks are in more documents than a name is.
 */
const HOLDING_PROBE_ROWS = 64;
/** `documentsHolding` answers kept between writes (see `holdingCache`); the cache starts afresh when full. */
const HOLDING_CACHE_ENTRIES = 50_000;

/**
 * The dense leg scanned every vector: at 100k chunks of 384 dimensions that alone was 124 ms p50 (most of what
 * hybrid search cost beyond lexical; bench/hybrid-overhead.ts). From this many rows on, `optimize()` builds an
 * approximate vector index once, and later optimizes fold new rows into it; rows not yet in it are still scanned
 * exactly, and below it the exact scan is fast enough.
 */
export const VECTOR_INDEX_MIN_ROWS = 20_000;

type Row = { chunk_id: string; document_id: string; version: number };

/**
 * A query's rows as plain objects, read column by column from the Arrow table LanceDB hands back. `toArray()` gives
 * row proxies that look each field up through Arrow's visitors and decode it again on every read; the lexical leg
 * reads a candidate's id several times and its terms once, and those proxies were ~0.4 ms of a search's main-thread
 * CPU at 10k chunks (bench/search-cpu.ts, BENCHMARKS.md "Fourth pass").
 */
async function plainRows<T>(search: { toArrow(): Promise<{ numRows: number; getChild(name: string): Iterable<unknown> | null }> }, names: readonly string[]): Promise<T[]> {
  const table = await search.toArrow();
  // No rows come back as a table without columns.
  if (table.numRows === 0) return [];
  const rows = Array.from({ length: table.numRows }, () => ({}) as Record<string, unknown>);
  for (const name of names) {
    const column = table.getChild(name);
    if (column === null) throw new IndexUnavailableError(`LanceDB returned no ${name} column`, { retryable: false });
    let i = 0;
    for (const value of column) rows[i++]![name] = value;
  }
  return rows as T[];
}

/** Every stored row for the in-memory lexical index, batch by batch as LanceDB streams them. */
async function* storedRows(current: Table): AsyncGenerator<MemoryRow[]> {
  for await (const batch of current.query().select(["chunk_id", "document_id", "version", "collection", "access_groups", "terms"])) {
    const column = (name: string) => {
      const found = batch.getChild(name);
      if (found === null) throw new IndexUnavailableError(`LanceDB returned no ${name} column`, { retryable: false });
      return found;
    };
    const [chunkIds, documentIds, versions, collections, groups, terms] = [
      column("chunk_id"), column("document_id"), column("version"), column("collection"), column("access_groups"), column("terms"),
    ];
    const rows: MemoryRow[] = [];
    for (let i = 0; i < batch.numRows; i++) {
      const held = groups.get(i) as Iterable<string | null> | null;
      rows.push({
        chunkId: String(chunkIds.get(i)),
        documentId: String(documentIds.get(i)),
        version: Number(versions.get(i)),
        collection: String(collections.get(i)),
        accessGroups: held === null ? [] : [...held].filter((group): group is string => group !== null),
        terms: String(terms.get(i) ?? ""),
      });
    }
    yield rows;
  }
}

const SPACE = 0x20;

/**
 * Counts of the `wanted` terms in a stored `terms` text (terms joined by single spaces), and its total term count.
 * The text is searched, not split: splitting the 50 candidates' texts made ~20k strings a query, 9 % of a search's
 * main-thread time at 100k chunks (bench/search-cpu.ts). A term matches where spaces or the text's ends bound it;
 * a term holding a space could only match across two stored terms, so it counts nothing, as with a split.
 */
export function countWanted(text: string, wanted: ReadonlySet<string>): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  if (text === "") return { counts, length: 0 };
  let length = 1;
  for (let at = text.indexOf(" "); at !== -1; at = text.indexOf(" ", at + 1)) length++;
  for (const term of wanted) {
    if (term === "" || term.includes(" ")) continue;
    let count = 0;
    // No match can start inside a previous one: a bounded match starts after a space, and terms hold none.
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
      const end = at + term.length;
      if ((at === 0 || text.charCodeAt(at - 1) === SPACE) && (end === text.length || text.charCodeAt(end) === SPACE)) count++;
    }
    if (count > 0) counts.set(term, count);
  }
  return { counts, length };
}

/** A SQL string literal for LanceDB's `where`: single quotes doubled, so user input stays inside the literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new InvalidInputError(`Expected an integer, got ${value}`);
  return String(value);
}

function filterSql(filter: SearchFilter): string | null {
  const clauses: string[] = [];
  if (filter.collection !== undefined) clauses.push(`collection = ${sqlString(filter.collection)}`);
  if (filter.accessGroups !== undefined) {
    const groups = [PUBLIC_ACCESS_GROUP, ...filter.accessGroups].map(sqlString).join(", ");
    clauses.push(`array_has_any(access_groups, [${groups}])`);
  }
  return clauses.length === 0 ? null : clauses.join(" AND ");
}

function termsText(terms: TermCounts): string {
  const words: string[] = [];
  for (const [term, count] of terms) for (let i = 0; i < count; i++) words.push(term);
  return words.join(" ");
}

function tableSchema(dimensions: number | null): ArrowSchema {
  const fields: ArrowField[] = [
    new Field("chunk_id", new Utf8(), false),
    new Field("document_id", new Utf8(), false),
    new Field("version", new Int32(), false),
    new Field("collection", new Utf8(), false),
    new Field("access_groups", new List(new Field("item", new Utf8(), true)), false),
    new Field("terms", new Utf8(), false),
  ];
  if (dimensions !== null) {
    fields.push(new Field("vector", new FixedSizeList(dimensions, new Field("item", new Float32(), true)), false));
  }
  return new Schema(fields);
}

function storedDimensions(schema: ArrowSchema): number | null {
  const vector = schema.fields.find((field) => field.name === "vector");
  if (vector === undefined) return null;
  // LanceDB may hand back types from its own apache-arrow copy, so test the type id, not the class.
  return DataType.isFixedSizeList(vector.type) ? vector.type.listSize : Number.NaN;
}

function ftsIndex(): { config: Index } {
  return {
    config: Index.fts({
      baseTokenizer: "whitespace",
      lowercase: false,
      stem: false,
      removeStopWords: false,
      asciiFolding: false,
      withPosition: false,
      // Counted in bytes; a long Hangul stem with its `$` marker passes 40, the default.
      maxTokenLength: 128,
    }),
  };
}

/**
 * Scalar indices, so that nothing a request does reads every row: the collection and access-group prefilters of a
 * search, the `chunk_id IN (…)` lookup and merge of an upsert, and a document's deletion by `document_id`. Without
 * them each of these scanned the whole table (bench/scale.ts: LanceDB's plan reads every row's collection and
 * groups before the full-text search at 1M chunks). They are brought up to date by the same optimize() that folds
 * the full-text index.
 */
const SCALAR_INDICES: ReadonlyArray<{ column: string; config: () => Index }> = [
  { column: "chunk_id", config: () => Index.btree() },
  { column: "document_id", config: () => Index.btree() },
  { column: "collection", config: () => Index.bitmap() },
  { column: "access_groups", config: () => Index.labelList() },
];

/** Creates whichever of the table's indices are missing (a new table, or one written by an older jikji). */
async function ensureIndices(table: Table): Promise<void> {
  const indexed = new Set((await table.listIndices()).flatMap((index) => index.columns));
  // A crash between creating the table and its FTS index leaves it without one; build it now.
  if (!indexed.has("terms")) await table.createIndex("terms", ftsIndex());
  for (const { column, config } of SCALAR_INDICES) {
    if (!indexed.has(column)) await table.createIndex(column, { config: config() });
  }
}

function describeDimensions(dimensions: number | null): string {
  return dimensions === null ? "no vectors (lexical only)" : `${dimensions}-dimensional vectors`;
}

function checkDimensions(dimensions: number | null): void {
  if (dimensions !== null && (!Number.isSafeInteger(dimensions) || dimensions <= 0)) {
    throw new InvalidInputError(`Vector dimensions must be a positive integer or null, got ${dimensions}`);
  }
}

/** Bytes of the regular files under `dir`; files that vanish while it walks (an optimize's cleanup) are skipped. */
async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const stat = await fs.stat(path.join(entry.parentPath, entry.name)).catch(() => null);
    total += stat?.size ?? 0;
  }
  return total;
}

export function createEmbeddedIndex(options: EmbeddedIndexOptions): EmbeddedIndex {
  const { dir } = options;
  const memoryMode = options.lexicalMemory ?? "off";
  const denseRead = options.denseRead ?? "columns";
  const foldPolicy = options.fold ?? "deferred";
  const foldBounds: FoldBounds = {
    deferFromRows: options.foldBounds?.deferFromRows ?? FOLD_DEFER_FROM_ROWS,
    backlogRows: options.foldBounds?.backlogRows ?? FOLD_BACKLOG_ROWS,
    backlogFragments: options.foldBounds?.backlogFragments ?? FOLD_BACKLOG_FRAGMENTS,
  };
  // Row address → chunk id, for the table as it was when no write had started since `writeEpoch` took its value.
  let rowIds: Map<number, string> | null = null;
  let rowIdsPending = false;
  let writeEpoch = 0;
  /** The in-memory lexical index once built, kept in step by every write; null: the lexical leg asks LanceDB. */
  let memory: MemoryLexicalIndex | null = null;
  let memoryBuild: Promise<unknown> = Promise.resolve();
  /** Counts opens, resets and closes, so a build for a table no longer open is not kept. */
  let opens = 0;
  let connection: Connection | null = null;
  let session: Session | null = null;
  let table: Table | null = null;
  let dimensions: number | null = null;
  /** Document frequencies for IDF: read from the table on the first search, then kept in step by every write. */
  let frequencies: DocumentFrequencies | null = null;
  /**
   * Which documents hold each term, counted, kept and saved with `frequencies` (null whenever they are, and when the
   * saved file predates it): `documentsHolding` answers from it without a query.
   */
  let holders: TermDocuments | null = null;
  /** Counts writes, so frequencies read while a write ran are not kept. */
  let writes = 0;
  /**
   * `documentsHolding` answers read from LanceDB (term and cap → documents), valid while `writes` stays at
   * `holdingAt`: questions share words, and each answer is a full-text query as deep as the word's chunks.
   */
  const holdingCache = new Map<string, string[] | null>();
  let holdingAt = 0;
  /**
   * LanceDB commits optimistically: an `optimize()` (a compaction) that overlaps a delete fails with "retryable
   * commit conflict … preempted by concurrent transaction Delete", which failed an upload job whose file was already
   * stored while `serve` answered a DELETE (bench/load.ts soak). One process owns the data dir, so its writes to
   * the table go one at a time; reads are not held up.
   */
  let writeTail: Promise<unknown> = Promise.resolve();
  /**
   * Writes under way: a write changes the counts and the record before the table, so what a read sees meanwhile may
   * lag them, and is not settled into the record.
   */
  let writing = 0;
  function oneWriteAtATime<T>(run: () => Promise<T>, { reads = false }: { reads?: boolean } = {}): Promise<T> {
    // A write may move rows: the row-address map is dropped as it starts, before its first LanceDB call.
    const start = async () => {
      if (!reads) {
        writeEpoch++;
        rowIds = null;
      }
      writing++;
      try {
        return await run();
      } finally {
        writing--;
      }
    };
    const result = writeTail.then(start, start);
    writeTail = result.catch(() => undefined);
    return result;
  }

  async function guard<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof JikjiError) throw error;
      throw new IndexUnavailableError(`The embedded search index in ${dir} failed to ${action}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }

  function opened(): Table {
    if (table === null) throw new IndexUnavailableError(`The embedded search index in ${dir} is not open`, { retryable: false });
    return table;
  }

  async function createTable(db: Connection, wanted: number | null): Promise<Table> {
    const created = await db.createEmptyTable(TABLE, tableSchema(wanted), { mode: "overwrite" });
    await ensureIndices(created);
    return created;
  }

  function checkVector(vector: readonly number[] | undefined, what: string): void {
    if (vector === undefined) return;
    if (dimensions === null) {
      throw new InvalidInputError(`${what} has a vector, but the search index was opened without dimensions`);
    }
    if (vector.length !== dimensions) {
      throw new InvalidInputError(`${what} has ${vector.length} dimensions; the search index holds ${dimensions}`);
    }
  }

  /**
   * Reading every chunk's terms costs ~4 s at 100k chunks, which a one-shot `jikji search` would pay each time;
   * so `optimize()` saves the counts with the table version they describe, and a process whose table is still
   * at that version starts from the file. Any write moves the version on, so a stale file is never used.
   */
  const frequenciesFile = path.join(dir, "document-frequencies.json");

  /**
   * Present from a `reset()` until the `optimize()` that ends the bulk load after it: a rebuild that stopped (killed,
   * disk full, embedder down) leaves it, and `open()` then refuses the part-filled index instead of answering
   * "No matches" for every document it never reached (qa3).
   */
  const rebuildMarker = path.join(dir, "rebuild-incomplete.json");
  let resetHere = false;

  /** When the stopped rebuild began, or null when none stopped (a marker cut short still counts as one). */
  async function readRebuildMarker(): Promise<string | null> {
    let text: string;
    try {
      text = await fs.readFile(rebuildMarker, "utf8");
    } catch {
      return null; // absent, or a directory that is no directory: LanceDB's own open says what is wrong
    }
    try {
      return (JSON.parse(text) as { startedAt?: string }).startedAt ?? "an unknown time";
    } catch {
      return "an unknown time";
    }
  }

  async function savedFrequencies(current: Table): Promise<{ counts: DocumentFrequencies; holders: TermDocuments | null } | null> {
    try {
      const saved = JSON.parse(await fs.readFile(frequenciesFile, "utf8")) as FrequenciesFile;
      if (saved.tableVersion !== (await current.version())) return null;
      return { counts: DocumentFrequencies.fromSnapshot(saved), holders: TermDocuments.fromSnapshot(saved.holding) };
    } catch {
      return null; // absent or unreadable: count from the table
    }
  }

  /** Re-labels a frequencies file saved for table version `from` as describing `to` (same rows, new indices). */
  async function carryFrequencies(from: number, to: number): Promise<void> {
    if (from === to) return;
    let saved: FrequenciesFile;
    try {
      saved = JSON.parse(await fs.readFile(frequenciesFile, "utf8")) as FrequenciesFile;
    } catch {
      return; // absent or unreadable: the first search counts from the table
    }
    if (saved.tableVersion !== from) return;
    const temporary = `${frequenciesFile}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify({ ...saved, tableVersion: to }));
    await fs.rename(temporary, frequenciesFile);
  }

  async function saveFrequencies(current: Table): Promise<void> {
    let counts = await documentFrequencies(current);
    let held = holders;
    if (held === null) {
      // Counts from a file saved before the record of documents was kept: both are counted again from the table,
      // once (a data dir's first optimize after the upgrade; ~6 s CPU at 100k chunks, bench/term-record-cost.ts). Only
      // writes call this, one at a time.
      const counted = await countTable(current);
      frequencies = counts = counted.counts;
      holders = held = counted.holders;
    }
    const file: FrequenciesFile = { tableVersion: await current.version(), ...counts.toSnapshot(), holding: held.toSnapshot() };
    const temporary = `${frequenciesFile}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(file));
    await fs.rename(temporary, frequenciesFile);
  }

  async function documentFrequencies(current: Table): Promise<DocumentFrequencies> {
    if (frequencies !== null) return frequencies;
    const fromFile = await savedFrequencies(current);
    if (fromFile !== null) {
      holders = fromFile.holders;
      return (frequencies = fromFile.counts);
    }
    const startedAt = writes;
    const counted = await countTable(current);
    if (writes === startedAt) {
      frequencies = counted.counts;
      holders = counted.holders;
    }
    return counted.counts;
  }

  /** Every row's terms counted into document frequencies and, with its document id, the record of holders. */
  async function countTable(current: Table): Promise<{ counts: DocumentFrequencies; holders: TermDocuments }> {
    const counts = new DocumentFrequencies();
    const held = new TermDocuments();
    for await (const batch of current.query().select(["terms", "document_id"])) {
      const column = batch.getChild("terms");
      const documents = batch.getChild("document_id");
      for (let i = 0; i < batch.numRows; i++) {
        const text = column?.get(i);
        const documentId = documents?.get(i);
        if (typeof text !== "string") continue;
        if (typeof documentId !== "string") throw new IndexUnavailableError("LanceDB returned a row without a document_id", { retryable: false });
        // Each row's distinct terms once, for both.
        const terms = new Set(text === "" ? [] : text.split(" "));
        counts.add(terms);
        held.add(documentId, terms);
      }
    }
    return { counts, holders: held };
  }

  /**
   * Before a write, starts from the saved counts when they describe the table as it is, so the write keeps them in
   * step. Otherwise a process that writes before it searches (`jikji ingest`, a job after a restart) left them
   * unknown, and its closing optimize() recounted every row's terms to save them: minutes at 1M chunks.
   */
  async function frequenciesBeforeWrite(current: Table): Promise<void> {
    if (frequencies !== null) return;
    const saved = await savedFrequencies(current);
    if (frequencies !== null || saved === null) return;
    frequencies = saved.counts;
    holders = saved.holders;
  }

  /** Takes the terms of the rows matching `predicate` out of the frequencies, before they are replaced or deleted. */
  async function forgetTerms(current: Table, predicate: string): Promise<void> {
    if (frequencies === null) return;
    const rows = (await current.query().where(predicate).select(["terms", "document_id"]).toArray()) as Array<{ terms: string; document_id: string }>;
    for (const row of rows) {
      const terms = row.terms === "" ? [] : row.terms.split(" ");
      frequencies?.remove(terms);
      holders?.remove(row.document_id, terms);
    }
  }

  async function fold(current: Table): Promise<void> {
    await current.optimize({ cleanupOlderThan: new Date(Date.now() - KEEP_OLD_VERSIONS_MS) });
  }

  async function maybeOptimize(current: Table, threshold: number): Promise<void> {
    const stats = await current.indexStats("terms_idx");
    if (stats !== undefined && stats.numUnindexedRows >= threshold) await fold(current);
  }

  /** Whether the closing `optimize()` folds the backlog, under the fold policy (see FOLD_DEFER_FROM_ROWS). */
  async function foldDue(current: Table): Promise<boolean> {
    const stats = await current.indexStats("terms_idx");
    if (stats === undefined || stats.numUnindexedRows === 0) return false;
    if (foldPolicy === "eager") return true;
    const { numRows, fragmentStats } = await current.stats();
    return backlogWantsFold({ rows: stats.numUnindexedRows, tableRows: numRows, fragments: fragmentStats.numFragments }, foldBounds);
  }

  /** One leg's rows and its ranked list, for fusion. */
interface Leg {
  found: Row[];
  list: Array<{ id: string; score: number }>;
}

/** A vector already at hand, not one still being computed. */
function isVector(value: IndexQuery["vector"]): value is readonly number[] {
  return Array.isArray(value);
}

/**
 * The approximate vector index: IVF-HNSW with scalar-quantised vectors, cosine. At 100k chunks of 384 dimensions
 * (hashing vectors, loaded machine) it answered the dense leg in 15 ms p50 instead of 124 ms for the exact scan,
 * with 84 % of the exact top 40 among its 120 candidates (bench/hybrid-overhead.ts, BENCHMARKS.md issue 12).
 */
function vectorIndex(): Index {
  return Index.hnswSq({ distanceType: "cosine" });
}

/** Builds the vector index once the table is large enough for it to pay (see VECTOR_INDEX_MIN_ROWS). */
  async function ensureVectorIndex(current: Table): Promise<void> {
    if (dimensions === null) return;
    const indices = await current.listIndices();
    if (indices.some((index) => index.columns.includes("vector"))) return;
    if ((await current.countRows()) < (options.vectorIndexMinRows ?? VECTOR_INDEX_MIN_ROWS)) return;
    await current.createIndex("vector", { config: vectorIndex() });
  }

  /** Lets go of the open table and everything cached about it, keeping (or making) the connection. */
  async function detach(): Promise<Connection> {
    table?.close();
    table = null;
    frequencies = null;
    holders = null;
    memory = null;
    rowIds = null;
    writeEpoch++;
    opens++;
    writes++;
    if (connection === null) {
      session = new Session(
        BigInt(options.cacheBytes?.index ?? INDEX_CACHE_BYTES),
        BigInt(options.cacheBytes?.metadata ?? METADATA_CACHE_BYTES),
      );
      // LanceDB's `connect` reads the session from the options only: one passed as its third argument is ignored
      // and its unbounded default session used (which is how an earlier bound here had no effect).
      connection = await connect(dir, { session });
    }
    return connection;
  }

  /**
   * Reads every row into a new in-memory lexical index. It holds the write lock meanwhile, so no write can slip
   * between the rows read and the index taking over (writes wait seconds at 100k chunks; searches do not wait).
   */
  function buildMemory(current: Table): Promise<unknown> {
    const generation = opens;
    const startedAt = performance.now();
    const run = oneWriteAtATime(async () => {
      if (opens !== generation || memory !== null) return;
      const maxRows = options.lexicalMemoryMaxRows;
      if (maxRows !== undefined) {
        const rows = await current.countRows();
        if (opens !== generation) return;
        if (rows > maxRows) {
          options.onLexicalMemory?.({ skipped: { rows, maxRows } });
          return;
        }
      }
      const built = await MemoryLexicalIndex.build(untilClosed(storedRows(current), generation));
      if (opens !== generation) return;
      memory = built;
      options.onLexicalMemory?.({ rows: built.size, ms: performance.now() - startedAt, terms: built.terms, postings: built.postings });
    }, { reads: true }).catch((error: unknown) => {
      options.onLexicalMemory?.({ error });
    });
    memoryBuild = run;
    return run;
  }

  /** The rows, until the index is closed (or reopened): a build left for a closed index ends at its next batch. */
  async function* untilClosed<T>(rows: AsyncGenerator<T>, generation: number): AsyncGenerator<T> {
    for await (const batch of rows) {
      if (opens !== generation) return;
      yield batch;
    }
  }

  /**
   * Reads every row's address and chunk id (`denseRead` "row-ids"), in the write queue so that no write runs meanwhile; the
   * map is kept only if no write started and the table was not reopened since.
   */
  function buildRowIds(current: Table): void {
    if (rowIds !== null || rowIdsPending) return;
    rowIdsPending = true;
    const generation = opens;
    void oneWriteAtATime(async () => {
      const epoch = writeEpoch;
      if (opens !== generation) return;
      const map = new Map<number, string>();
      for await (const batch of current.query().select(["chunk_id"]).withRowId()) {
        const ids = batch.getChild("chunk_id");
        const addresses = batch.getChild("_rowid");
        if (ids === null || addresses === null) throw new IndexUnavailableError("LanceDB returned no chunk_id or _rowid column", { retryable: false });
        for (let i = 0; i < batch.numRows; i++) map.set(Number(addresses.get(i)), String(ids.get(i)));
      }
      if (opens === generation && writeEpoch === epoch) rowIds = map;
    }, { reads: true })
      // A failed read leaves the leg on ids; the next dense search tries again.
      .catch(() => {})
      .finally(() => {
        rowIdsPending = false;
      });
  }

  /**
   * After a write that failed, LanceDB may or may not hold it: the in-memory index is dropped and rebuilt from the
   * table (searches use LanceDB meanwhile).
   */
  function rebuildMemoryAfterFailure(current: Table): void {
    if (memory === null) return;
    memory = null;
    void buildMemory(current);
  }

  return {
    async lexicalMemoryReady() {
      await memoryBuild;
      return memory !== null;
    },

    async open(wanted) {
      checkDimensions(wanted);
      return guard("open", async (): Promise<IndexInfo> => {
        // This instance's own reset is no stopped rebuild: its bulk load is still under way.
        const started = resetHere ? null : await readRebuildMarker();
        if (started !== null) {
          throw new IndexUnavailableError(
            `The search index in ${dir} is incomplete: a rebuild started at ${started} (jikji reindex, or a restore) ` +
              "stopped before it finished, so documents in the store are missing from search. Run `jikji reindex` to " +
              "rebuild it from the store.",
            { retryable: false },
          );
        }
        const db = await detach();
        const names = await db.tableNames();
        if (names.includes(TABLE)) {
          const existing = await db.openTable(TABLE);
          const stored = storedDimensions(await existing.schema());
          if (stored !== wanted) {
            existing.close();
            throw new IndexUnavailableError(
              `The search index in ${dir} holds ${describeDimensions(stored)} but ${describeDimensions(wanted)} ` +
                "were asked for (the embedding model changed?). Run `jikji reindex` to rebuild it.",
              { retryable: false },
            );
          }
          const versionBefore = await existing.version();
          await ensureIndices(existing);
          // Building an index moves the table version on but changes no row, so the saved document frequencies
          // still hold; without this, the first search after an upgrade recounted them (147 s at 1M chunks).
          await carryFrequencies(versionBefore, await existing.version());
          table = existing;
        } else {
          table = await createTable(db, wanted);
        }
        dimensions = wanted;
        const info = { dimensions, points: await table.countRows() };
        if (memoryMode === "at-open") await buildMemory(table);
        else if (memoryMode === "background") void buildMemory(table);
        return info;
      });
    },

    async upsert(points, upsertOptions) {
      const current = opened();
      if (points.length === 0) return;
      const latest = new Map<string, IndexPoint>();
      for (const point of points) {
        checkVector(point.vector, `Chunk ${point.chunkId}`);
        if (dimensions !== null && point.vector === undefined) {
          throw new InvalidInputError(`Chunk ${point.chunkId} has no vector; the search index holds ${dimensions} dimensions`);
        }
        sqlInteger(point.version);
        if (point.accessGroups.includes(PUBLIC_ACCESS_GROUP)) {
          throw new InvalidInputError(`Chunk ${point.chunkId}: "${PUBLIC_ACCESS_GROUP}" is reserved and cannot be an access group`);
        }
        latest.set(point.chunkId, point);
      }
      const rows = [...latest.values()].map((point) => ({
        chunk_id: point.chunkId,
        document_id: point.documentId,
        version: point.version,
        collection: point.collection,
        access_groups: point.accessGroups.length === 0 ? [PUBLIC_ACCESS_GROUP] : [...point.accessGroups],
        terms: termsText(point.terms),
        ...(point.vector === undefined ? {} : { vector: [...point.vector] }),
      }));
      const memoryRows = (): MemoryRow[] =>
        rows.map((row) => ({
          chunkId: row.chunk_id,
          documentId: row.document_id,
          version: row.version,
          collection: row.collection,
          accessGroups: row.access_groups,
          terms: row.terms,
        }));
      await oneWriteAtATime(() => guard("write chunks", async () => {
        try {
          await writeChunks();
        } catch (error) {
          rebuildMemoryAfterFailure(current);
          throw error;
        }
      }));
      async function writeChunks(): Promise<void> {
        if (!upsertOptions?.bulk) await frequenciesBeforeWrite(current);
        writes++;
        // A bulk load's or a new document's ids are new (the caller says so): nothing to forget, no lookup to pay.
        const allNew = upsertOptions?.bulk === true || upsertOptions?.allNew === true;
        if (!allNew) await forgetTerms(current, `chunk_id IN (${[...latest.keys()].map(sqlString).join(", ")})`);
        for (const point of latest.values()) {
          frequencies?.add(point.terms.keys());
          holders?.add(point.documentId, point.terms.keys());
        }
        const data = makeArrowTable(rows, { schema: tableSchema(dimensions) });
        if (upsertOptions?.bulk) {
          // A bulk load: each fold compacts the table into one fragment (a rewrite of every row, until it holds
          // 1M) and a merge joins against every row, so both cost more with each batch: 1M chunks folded every
          // 5,000 rows would take hours (bench/scale.ts). Appending and folding once at the end is linear.
          await current.add(data);
          memory?.upsert(memoryRows());
          return;
        }
        // A merge looks every id up in the table (a join against the chunk_id index and the unindexed rows) before
        // it writes; new ids have nothing to match, so they are appended (bench/ingest-chunks.ts).
        if (allNew) await current.add(data);
        else await current.mergeInsert("chunk_id").whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(data);
        memory?.upsert(memoryRows());
        await maybeOptimize(current, OPTIMIZE_AFTER_UNINDEXED_ROWS);
      }
    },

    async deleteDocument(documentId, deleteOptions) {
      const current = opened();
      let predicate = `document_id = ${sqlString(documentId)}`;
      const keep = [
        ...(deleteOptions?.keepVersion === undefined ? [] : [deleteOptions.keepVersion]),
        ...(deleteOptions?.keepVersions ?? []),
      ];
      if (keep.length > 0) predicate += ` AND version NOT IN (${keep.map(sqlInteger).join(", ")})`;
      await oneWriteAtATime(() => guard("delete a document", async () => {
        await frequenciesBeforeWrite(current);
        writes++;
        await forgetTerms(current, predicate);
        try {
          await current.delete(predicate);
        } catch (error) {
          rebuildMemoryAfterFailure(current);
          throw error;
        }
        memory?.deleteDocument(documentId, keep);
      }));
    },

    async search(query: IndexQuery): Promise<IndexHit[]> {
      const current = opened();
      if (!Number.isSafeInteger(query.limit) || query.limit <= 0) {
        throw new InvalidInputError(`Search limit must be a positive integer, got ${query.limit}`);
      }
      const pending = query.vector;
      if (isVector(pending)) checkVector(pending, "The query");
      const where = filterSql(query.filter);
      const lexical = query.terms.length > 0;
      const dense = pending !== undefined;
      if (!lexical && !dense) return [];
      const depth = lexical && dense ? Math.max(query.limit * 4, 40) : query.limit;

      const expansion = query.expansion ?? [];
      const searched = [...query.terms, ...expansion.map(({ term }) => term)];
      const memoryLeg = async (held: MemoryLexicalIndex): Promise<Leg> => {
        const df = await documentFrequencies(current);
        const hits = held.search(query.terms, expansion, (term) => df.idf(term), query.filter, depth);
        return {
          found: hits.map((hit) => ({ chunk_id: hit.chunkId, document_id: hit.documentId, version: hit.version })),
          list: hits.map((hit) => ({ id: hit.chunkId, score: hit.score })),
        };
      };
      const lexicalLeg = async (): Promise<Leg> => {
        if (memory !== null) return memoryLeg(memory);
        let search = current
          .query()
          .fullTextSearch(new MatchQuery(searched.join(" "), "terms", { operator: Operator.Or }), { columns: "terms" })
          .select(["chunk_id", "document_id", "version", "terms", "_score"])
          .limit(Math.max(depth, LEXICAL_CANDIDATES));
        if (where !== null) search = search.where(where);
        const [found, df] = await Promise.all([
          plainRows<Row & { terms: string }>(search, ["chunk_id", "document_id", "version", "terms"]),
          documentFrequencies(current),
        ]);
        const idf = (term: string) => df.idf(term);
        const wanted = new Set(searched);
        const list = found
          .map((row) => {
            const { counts, length } = countWanted(row.terms, wanted);
            return { id: row.chunk_id, score: bm25Score(query.terms, counts, length, idf, undefined, expansion) };
          })
          .sort(byScoreThenId)
          .slice(0, depth);
        return { found, list };
      };
      const denseSearch = (vector: readonly number[], columns: string[]) => {
        const search = current.vectorSearch([...vector]).distanceType("cosine").select(columns).limit(depth);
        return where === null ? search : search.where(where);
      };
      const denseLeg = async (vector: readonly number[]): Promise<Leg> => {
        // `denseRead` (see its options' comment): reading 120 candidates' three columns was ~3.3 ms of a ~5.2 ms leg
        // at 100k chunks, chunk ids alone ~1.7 (bench/dense-leg.ts).
        const held = denseRead === "columns" ? null : memory;
        if (held !== null && denseRead === "row-ids") {
          const map = rowIds;
          const epoch = writeEpoch;
          if (map === null) buildRowIds(current);
          else {
            const hits = await plainRows<{ _rowid: bigint; _distance: number }>(denseSearch(vector, ["_distance"]).withRowId(), ["_rowid", "_distance"]);
            // A write that started meanwhile may have moved rows: what was read is dropped, not mapped.
            if (writeEpoch === epoch) {
              const found: Row[] = [];
              const list: Array<{ id: string; score: number }> = [];
              for (const hit of hits) {
                const chunkId = map.get(Number(hit._rowid));
                const known = chunkId === undefined ? undefined : held.row(chunkId);
                if (chunkId === undefined || known === undefined) break;
                found.push({ chunk_id: chunkId, document_id: known.documentId, version: known.version });
                list.push({ id: chunkId, score: 1 - hit._distance });
              }
              if (found.length === hits.length) return { found, list };
            }
          }
        }
        if (held !== null) {
          const ids = await plainRows<{ chunk_id: string; _distance: number }>(denseSearch(vector, ["chunk_id", "_distance"]), ["chunk_id", "_distance"]);
          const found: Row[] = [];
          for (const row of ids) {
            const known = held.row(row.chunk_id);
            if (known === undefined) break;
            found.push({ chunk_id: row.chunk_id, document_id: known.documentId, version: known.version });
          }
          if (found.length === ids.length) return { found, list: ids.map((row) => ({ id: row.chunk_id, score: 1 - row._distance })) };
        }
        const found = await plainRows<Row & { _distance: number }>(denseSearch(vector, ["chunk_id", "document_id", "version", "_distance"]), ["chunk_id", "document_id", "version", "_distance"]);
        return { found, list: found.map((row) => ({ id: row.chunk_id, score: 1 - row._distance })) };
      };

      // The two legs are independent reads, run side by side on LanceDB's threads. The lexical leg starts at once,
      // while the query's embedding may still be on its way (hybrid search's round trip to the embedding server
      // then hides the lexical leg instead of adding to it); the dense leg starts when the vector arrives.
      const lexicalRun: Promise<Leg | null> = lexical ? guard("search", lexicalLeg) : Promise.resolve(null);
      // Awaited below; if the embedding call fails first, its error is the one the caller sees, not this.
      lexicalRun.catch(() => {});
      // The embedding call's own error goes to the caller as it is, never as "index unreachable".
      const vector = await pending;
      checkVector(vector, "The query");
      const denseRun: Promise<Leg | null> = vector === undefined ? Promise.resolve(null) : guard("search", () => denseLeg(vector));
      const legs = (await Promise.all([lexicalRun, denseRun])).filter((leg): leg is Leg => leg !== null);
      const rows = new Map<string, Row>();
      for (const leg of legs) for (const row of leg.found) rows.set(row.chunk_id, row);
      const lists = legs.map((leg) => leg.list);
      const ranked = lists.length === 1 ? (lists[0] ?? []) : fuseRrf(lists, { weights: [1, query.denseWeight ?? 1] });
      return ranked.slice(0, query.limit).flatMap((item) => {
        const row = rows.get(item.id);
        return row === undefined
          ? []
          : [{ chunkId: row.chunk_id, documentId: row.document_id, version: Number(row.version), score: item.score }];
      });
    },

    async documentFrequencies(terms, { atMost }) {
      const current = opened();
      checkAtMost(atMost);
      // The counts the lexical leg's IDF already keeps (in memory, in step with every write): no LanceDB call.
      const df = await guard("count document frequencies", () => documentFrequencies(current));
      return new Map(terms.map((term) => [term, Math.min(df.frequency(term), atMost)]));
    },

    async documentsHolding(terms, { atMost }) {
      const current = opened();
      checkAtMost(atMost);
      const distinct = [...new Set(terms)];
      if (distinct.length === 0) return new Map();
      // The in-memory lexical index, when built, walks each term's postings: no LanceDB call.
      const held = memory;
      if (held !== null) return new Map(distinct.map((term) => [term, held.documentsHolding(term, atMost)]));
      return guard("list the documents holding terms", async () => {
        const startedAt = writes;
        if (holdingAt !== startedAt || holdingCache.size >= HOLDING_CACHE_ENTRIES) {
          holdingCache.clear();
          holdingAt = startedAt;
        }
        const df = await documentFrequencies(current);
        // The record kept with the frequencies answers a term with no query, unless it is unsure of the term (rows
        // of a term in more documents than its cap were removed) or the cap asked is above its own.
        const record = holders;
        // Otherwise one full-text query per term, as deep as the chunks holding it (the counts kept for the IDF),
        // reading only document ids; a term no chunk holds costs no query.
        const listed = await Promise.all(
          distinct.map(async (term): Promise<string[] | null> => {
            const recorded = record?.holding(term, atMost);
            if (recorded !== undefined) return recorded;
            const key = `${atMost}\u0000${term}`;
            const known = holdingCache.get(key);
            if (known !== undefined) return known === null ? null : [...known];
            const found = await holdingFromTable(term);
            // Kept only when no write ran meanwhile (it may or may not be in what was read).
            if (writes === startedAt && holdingAt === startedAt) holdingCache.set(key, found);
            return found;
          }),
        );
        return new Map(distinct.map((term, i) => [term, listed[i]!]));

        async function holdingFromTable(term: string): Promise<string[] | null> {
          const chunks = df.frequency(term);
          if (chunks === 0) return [];
          // A term the record is unsure of is settled from the same reads (when no write ran meanwhile, nor was under
          // way as they started: a write changes the record before the table): they count
          // documents up to the record's cap, and a read to the end gives every row's document.
          const settling = record !== null && writing === 0 && record.unsure(term) ? record : null;
          const enough = Math.max(atMost, settling?.cap ?? 0);
          // The full-text index splits the stored terms on spaces and nothing else (ftsIndex), so its matches for one
          // term are exactly the rows holding it: only their document ids are read. Null: more than `enough` documents.
          const rowsOf = async (depth: number): Promise<string[] | null> => {
            const search = current
              .query()
              .fullTextSearch(new MatchQuery(term, "terms", { operator: Operator.Or }), { columns: "terms" })
              .select(["document_id", "_score"])
              .limit(depth);
            const rows: string[] = [];
            const documents = new Set<string>();
            for (const row of await plainRows<{ document_id: string }>(search, ["document_id"])) {
              rows.push(row.document_id);
              documents.add(row.document_id);
              if (documents.size > enough) return null;
            }
            return rows;
          };
          // A word in many documents shows more than `atMost` of them among its best few rows, so a shallow read
          // answers it; only a word those rows leave at `atMost` documents or fewer is read to the end.
          const shallow = Math.min(chunks, HOLDING_PROBE_ROWS);
          const probed = await rowsOf(shallow);
          const rows = probed === null || shallow === chunks ? probed : await rowsOf(chunks);
          if (settling !== null && writes === startedAt && holders === settling) settling.settle(term, rows);
          if (rows === null) return null;
          const documents = [...new Set(rows)].sort();
          return documents.length > atMost ? null : documents;
        }
      });
    },

    async documentVersions() {
      const current = opened();
      return guard("list document versions", async () => {
        const rows = (await current.query().select(["document_id", "version"]).toArray()) as Array<
          Pick<Row, "document_id" | "version">
        >;
        const seen = new Map<string, { documentId: string; version: number }>();
        for (const row of rows) {
          const version = Number(row.version);
          seen.set(`${version}\u0000${row.document_id}`, { documentId: row.document_id, version });
        }
        return [...seen.values()];
      });
    },

    async optimize() {
      const current = opened();
      // At the end of a batch a backlog is worth folding in while the table is small: a few hundred flat-scanned rows
      // in one-document fragments cost a small corpus ~40 ms a query (bench/quality.ts before this call existed). On
      // a large table the fold waits for a larger backlog (foldDue). Either way the counts and the record of holders
      // are saved for the table as it now is, so a new process starts from them.
      await oneWriteAtATime(() => guard("optimize", async () => {
        if (await foldDue(current)) await fold(current);
        await ensureVectorIndex(current);
        await saveFrequencies(current);
        // The bulk load after a reset ended here (the port's contract): the index is whole again.
        await fs.rm(rebuildMarker, { force: true });
        resetHere = false;
      }));
    },

    async reset(wanted) {
      checkDimensions(wanted);
      return guard("reset", async (): Promise<IndexInfo> => {
        // Written before the old rows are dropped, so no moment on disk holds a part-filled index without it.
        await fs.mkdir(dir, { recursive: true });
        await fs.writeFile(rebuildMarker, `${JSON.stringify({ startedAt: new Date().toISOString(), pid: process.pid })}\n`);
        resetHere = true;
        table = await createTable(await detach(), wanted);
        await fs.rm(frequenciesFile, { force: true });
        dimensions = wanted;
        // An empty table: the in-memory index starts empty, no read needed.
        if (memoryMode !== "off") memory = new MemoryLexicalIndex();
        return { dimensions, points: 0 };
      });
    },

    async stats() {
      const current = opened();
      return guard("count its points", async () => ({
        points: await current.countRows(),
        bytes: await directoryBytes(dir),
        cacheBytes: session === null ? null : Number(session.sizeBytes()),
      }));
    },

    async close() {
      // Background work in the write queue (the in-memory lexical build, the row-address map) reads the table, and
      // LanceDB refuses to close a table a read still borrows ("The same native value cannot be borrowed mutably"):
      // such work sees the index closed at its next step and stops, and the table closes after it (qa3).
      opens++;
      await writeTail;
      table?.close();
      connection?.close();
      table = null;
      frequencies = null;
      holders = null;
      memory = null;
      connection = null;
      session = null;
    },
  };
}

/**
 * The deferred fold policy's decision for a table of `tableRows` rows in `fragments` fragments, `rows` of them not
 * folded yet: fold every backlog of a table under `deferFromRows`; on a larger one, a backlog of `backlogRows` rows, or
 * one spread over `backlogFragments` fragments beyond those a compacted table of this size holds.
 */
export function backlogWantsFold(backlog: { rows: number; tableRows: number; fragments: number }, bounds: FoldBounds): boolean {
  if (backlog.rows === 0) return false;
  if (backlog.tableRows < bounds.deferFromRows || backlog.rows >= bounds.backlogRows) return true;
  return backlog.fragments - Math.ceil(backlog.tableRows / LANCE_FRAGMENT_ROWS) >= bounds.backlogFragments;
}

/**
 * Higher score first; equal scores by chunk id. LanceDB hands back equally scored rows (repeated sentences) in an
 * order that can change from one run to the next, so without the id the same query could list them differently.
 */
export function byScoreThenId(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
