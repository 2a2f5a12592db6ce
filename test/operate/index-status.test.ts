/**
 * A data dir an older jikji wrote, on both index adapters (and on PostgreSQL where the store suite runs it): the store
 * without `index_builds` (the previous schema, migrations up to 0007), index points holding an older tokenizer's terms
 * (no number + unit pair across a space, "제 3 항에" → 3항, which 0e45b18 added) and a collection name and an access
 * group stored decomposed (NFD, before names were kept composed). Opening it reports the stale index, ingest refuses it, and
 * `jikji reindex` fixes it without losing a document.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { toIndexPoint } from "../../src/ingest/points.ts";
import { indexStatusOf } from "../../src/operate/index-status.ts";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";
import { createQdrantIndex } from "../../src/retrieve/index/qdrant.ts";
import { ANALYZER_VERSION } from "../../src/retrieve/tokenize.ts";
import { embeddedIndexDir, openJikji } from "../../src/runtime.ts";
import { pgliteDir } from "../../src/store/data-dir.ts";
import { migrationJournal } from "../../src/store/db.ts";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { openPostgres } from "../../src/store/postgres.ts";
import { createStore } from "../../src/store/store.ts";
import { startQdrantDouble, type QdrantDouble } from "../fakes/qdrant-double.ts";
import { cli } from "../helpers/cli.ts";

const COLLECTION = "인사규정";
const DECOMPOSED = COLLECTION.normalize("NFD");
const GROUP = "인사팀";
/** A reader of GROUP, named as the API and keys name groups: composed. */
const READER_TOKEN = "hr-reader-token-0123456789abcdef";

let qdrant: QdrantDouble;
beforeAll(async () => {
  qdrant = await startQdrantDouble();
});
afterAll(async () => {
  await qdrant.close();
});

type Env = Record<string, string>;

/** Statements run on a store as they are, outside jikji (which would migrate it). */
interface RawSql {
  query(text: string, params?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

interface Target {
  name: string;
  /** The store is PostgreSQL, shared by instances. */
  shared?: boolean;
  /** The environment of a test's data dir (`id` tells tests apart), and what removes what it made. */
  setUp(id: string): Promise<{ env: Env; tearDown(): Promise<void> }>;
  /** The index that data dir's jikji uses, opened directly. */
  openIndex(dataDir: string, env: Env): SearchIndex;
  openStore(dataDir: string, env: Env): Promise<DatabaseHandle>;
  rawSql(dataDir: string, env: Env): Promise<RawSql>;
}

const qdrantIndex = (env: Env) => createQdrantIndex({ url: env.QDRANT_URL!, collection: env.QDRANT_COLLECTION!, timeoutMs: 10_000 });

async function pgliteSql(dataDir: string): Promise<RawSql> {
  const client = new PGlite(pgliteDir(dataDir));
  return { query: (text, params) => client.query(text, params), close: () => client.close() };
}

async function postgresSql(url: string): Promise<RawSql> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { query: (text, params) => client.query(text, params), close: () => client.end() };
}

const postgresUrl = process.env.JIKJI_TEST_DATABASE_URL;

const targets: Target[] = [
  {
    name: "the embedded index and store",
    setUp: async () => ({ env: {}, tearDown: async () => undefined }),
    openIndex: (dataDir) => createEmbeddedIndex({ dir: embeddedIndexDir(dataDir) }),
    openStore: (dataDir) => openPglite(dataDir),
    rawSql: (dataDir) => pgliteSql(dataDir),
  },
  {
    name: "Qdrant (the OpenAPI-checked double) and the embedded store",
    setUp: async (id) => ({ env: { QDRANT_URL: qdrant.url, QDRANT_COLLECTION: `jikji_upgrade_${id}` }, tearDown: async () => undefined }),
    openIndex: (_dataDir, env) => qdrantIndex(env),
    openStore: (dataDir) => openPglite(dataDir),
    rawSql: (dataDir) => pgliteSql(dataDir),
  },
  // PostgreSQL where the store suite runs it (JIKJI_TEST_DATABASE_URL, set by .ci/run).
  ...(postgresUrl
    ? [
        {
          name: "Qdrant (the double) and PostgreSQL",
          shared: true,
          async setUp(id: string) {
            const database = `jikji_upgrade_${id}`.toLowerCase();
            const admin = await postgresSql(postgresUrl);
            await admin.query(`CREATE DATABASE ${database}`);
            await admin.close();
            const url = new URL(postgresUrl);
            url.pathname = `/${database}`;
            return {
              env: { QDRANT_URL: qdrant.url, QDRANT_COLLECTION: `jikji_upgrade_${id}`, DATABASE_URL: url.toString() },
              async tearDown() {
                const cleanup = await postgresSql(postgresUrl);
                await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
                await cleanup.close();
              },
            };
          },
          openIndex: (_dataDir: string, env: Env) => qdrantIndex(env),
          openStore: (_dataDir: string, env: Env) => openPostgres(env.DATABASE_URL!),
          rawSql: (_dataDir: string, env: Env) => postgresSql(env.DATABASE_URL!),
        },
      ]
    : []),
];

/**
 * Turns the data dir jikji just wrote into one an older jikji left: the store back to the previous schema (no
 * `index_builds`, its migration not applied), the collection's name and the documents' group decomposed, and every
 * point rewritten with the terms the tokenizer gave before a number paired with a clause or amount unit across a space,
 * under the decomposed names.
 */
async function makeOld(dataDir: string, env: Env, target: Target): Promise<void> {
  const store = await target.openStore(dataDir, env);
  const rows = await createStore(store.db).visibleChunksPage(null, 1000);
  await store.close();
  const index = target.openIndex(dataDir, env);
  await index.open(null);
  await index.upsert(
    rows.map((row) =>
      toIndexPoint(
        {
          chunkId: row.chunk.id,
          documentId: row.document.id,
          version: row.chunk.version,
          collection: DECOMPOSED,
          accessGroups: row.document.accessGroups.map((group) => group.normalize("NFD")),
          title: row.document.title,
          headingPath: row.chunk.headingPath,
          clausePath: row.chunk.clausePath,
          // A tab keeps the words apart as the space did, without the pairing the space now allows.
          text: row.chunk.text.replace(/(\d) (?=[조항호장절편관만천원])/g, "$1\t"),
          role: row.chunk.role,
        },
        undefined,
      ),
    ),
  );
  await index.close();

  // The data dir as jikji 0007 left it: the migrations from 0008 on (index_builds, chunks.table_header) undone.
  const journal = migrationJournal();
  const undone = journal.slice(journal.findIndex((entry) => entry.tag === "0008_index_builds"));
  expect(undone.map((entry) => entry.tag)).toEqual(["0008_index_builds", "0009_chunk_table_header"]);
  const raw = await target.rawSql(dataDir, env);
  await raw.query("ALTER TABLE chunks DROP COLUMN table_header");
  await raw.query("DROP TABLE index_builds");
  for (const entry of undone) await raw.query("DELETE FROM drizzle.__drizzle_migrations WHERE created_at = $1", [entry.when]);
  await raw.query("UPDATE collections SET name = $1 WHERE name = $2", [DECOMPOSED, COLLECTION]);
  await raw.query("UPDATE documents SET access_groups = $1", [[GROUP.normalize("NFD")]]);
  await raw.close();
}

/** The sources a reader of GROUP (a bootstrap token naming it composed) finds through the API. */
async function readerFinds(dataDir: string, env: Env, query: string): Promise<string[]> {
  const config = loadConfig({ ...env, JIKJI_API_TOKENS: JSON.stringify({ [READER_TOKEN]: { name: "hr", groups: [GROUP] } }) }, { dataDir });
  const jikji = await openJikji(config, { scanIndex: false });
  try {
    const response = await createServerApp(jikji).app.request("/v1/search", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${READER_TOKEN}` },
      body: JSON.stringify({ query, collection: COLLECTION }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { hits: Array<{ source: string }> }).hits.map((hit) => hit.source);
  } finally {
    await jikji.close();
  }
}

/** How many chunks of the index hold each term. */
async function holding(openIndex: () => SearchIndex, terms: string[]): Promise<Map<string, number>> {
  const index = openIndex();
  await index.open(null);
  try {
    return await index.documentFrequencies(terms, { atMost: 100 });
  } finally {
    await index.close();
  }
}

for (const target of targets) {
  describe(`an index an older jikji built, on ${target.name}`, () => {
    let root: string;
    let dataDir: string;
    let env: Env;
    let tearDown: () => Promise<void>;
    let openIndex: () => SearchIndex;
    const makeDataDirOld = () => makeOld(dataDir, env, target);

    beforeEach(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-upgrade-"));
      dataDir = path.join(root, "data");
      ({ env, tearDown } = await target.setUp(path.basename(root).replace(/\W/g, "_")));
      openIndex = () => target.openIndex(dataDir, env);
      const docs = path.join(root, "docs");
      await fs.mkdir(docs);
      await fs.writeFile(path.join(docs, "취업규칙.md"), "# 취업규칙\n\n제 1 조 (목적) 이 규칙은 근로조건을 정한다.\n\n제 2 조 (수당) 휴일 수당은 제 3 항에 따른다.\n");
      await fs.writeFile(path.join(docs, "vpn.txt"), "Remote access\n\nThe VPN requires two-factor authentication.\n");
      const ingested = await cli(["ingest", docs, "--collection", COLLECTION, "--access-group", GROUP, "--json", "--data-dir", dataDir], env);
      expect(JSON.parse(ingested.stdout)).toMatchObject({ ingested: 2, failed: [] });
      expect(ingested.stderr).toBe("");
    });

    afterEach(async () => {
      await tearDown();
      await fs.rm(root, { recursive: true, force: true });
    });

    it("is reported by search, refused by ingest, and rebuilt by reindex without losing a document", async () => {
      expect((await holding(openIndex, ["3항"])).get("3항")).toBe(1);
      await makeDataDirOld();
      expect((await holding(openIndex, ["3항"])).get("3항")).toBe(0);

      const stale = await cli(["search", "근로조건", "--json", "--data-dir", dataDir], env);
      expect(stale.code).toBe(0);
      expect(stale.stderr).toContain("warning: The search index was built by an older jikji (analyzer version unknown)");
      expect(stale.stderr).toContain("jikji reindex");
      expect(stale.stderr).toContain(`"${COLLECTION}"`);
      expect(stale.stderr).toContain("검색 색인");
      expect(stale.stderr).toContain(`access groups stored decomposed (NFD) by an older jikji hide their documents from the keys of those groups: "${GROUP}"`);
      // The very readers the documents were filed for find nothing: the index holds the decomposed group.
      expect(await readerFinds(dataDir, env, "근로조건")).toEqual([]);
      expect(JSON.parse(stale.stdout).hits.map((hit: { source: string }) => hit.source)).toContain("취업규칙.md");

      const more = path.join(root, "more.txt");
      await fs.writeFile(more, "제 3 조 (퇴직) 퇴직은 30일 전에 알린다.\n");
      const refused = await cli(["ingest", more, "--collection", COLLECTION, "--data-dir", dataDir], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("jikji ingest: Ingest refused: The search index was built by an older jikji");
      expect(refused.stderr).not.toContain("warning");
      expect(refused.stderr).toContain("jikji reindex");

      const reindexed = await cli(["reindex", "--data-dir", dataDir], env);
      expect(reindexed.stderr).toBe("");
      expect(reindexed.code).toBe(0);
      expect(reindexed.stdout).toContain(`Renamed the collection "${COLLECTION}"`);
      expect(reindexed.stdout).toContain(`Renamed the access group "${GROUP}" stored decomposed`);
      expect(reindexed.stdout).toContain(`Reindexed 3 chunks from the store (analyzer version ${ANALYZER_VERSION})`);
      expect((await holding(openIndex, ["3항"])).get("3항")).toBe(1);

      // Current now: no warning, every document found under the composed name, and ingest accepted again.
      const current = await cli(["search", "제1조 목적", "--collection", COLLECTION, "--json", "--data-dir", dataDir], env);
      expect(current.stderr).toBe("");
      expect(JSON.parse(current.stdout).hits[0].source).toBe("취업규칙.md");
      const vpn = await cli(["search", "two-factor VPN", "--collection", COLLECTION, "--json", "--data-dir", dataDir], env);
      expect(JSON.parse(vpn.stdout).hits[0].source).toBe("vpn.txt");
      expect(await readerFinds(dataDir, env, "근로조건")).toEqual(["취업규칙.md"]);
      const accepted = await cli(["ingest", more, "--collection", COLLECTION, "--json", "--data-dir", dataDir], env);
      expect(JSON.parse(accepted.stdout)).toMatchObject({ ingested: 1, failed: [] });
      expect(qdrant.violations).toEqual([]);
    });

    it("is rebuilt at open when JIKJI_AUTO_REINDEX=on", async () => {
      await makeDataDirOld();
      const rebuilt = await cli(["search", "제1조", "--collection", COLLECTION, "--json", "--data-dir", dataDir], { ...env, JIKJI_AUTO_REINDEX: "on" });
      expect(rebuilt.stderr).toContain("rebuilding it first (JIKJI_AUTO_REINDEX=on)");
      expect(rebuilt.stderr).toContain("rebuilt the search index (3 chunks)");
      expect(rebuilt.stderr).not.toContain("warning");
      expect(JSON.parse(rebuilt.stdout).hits[0].source).toBe("취업규칙.md");
      expect((await holding(openIndex, ["3항"])).get("3항")).toBe(1);
      // Commands that neither search nor write the index leave the rebuild to one that does.
      await makeDataDirOld();
      expect((await cli(["keys", "list", "--data-dir", dataDir], { ...env, JIKJI_AUTO_REINDEX: "on" })).code).toBe(0);
      expect((await holding(openIndex, ["3항"])).get("3항")).toBe(0);
    });

    it.runIf(target.shared)("is rebuilt once when two instances open it together with JIKJI_AUTO_REINDEX=on", async () => {
      await makeDataDirOld();
      const config = loadConfig({ ...env, JIKJI_AUTO_REINDEX: "on" }, { dataDir });
      const told: string[] = [];
      const open = (name: string) => openJikji(config, { scanIndex: false, autoReindex: () => told.push(name) });
      const instances = await Promise.all([open("a"), open("b")]);
      try {
        // One rebuilt it under the maintenance lock; the other found it current, after waiting for the lock when it
        // too saw it stale (both do when their opens overlap, as they do unless the machine is busy).
        expect(told.length).toBeGreaterThan(0);
        expect(instances.map((jikji) => jikji.upgraded.rebuiltChunks).sort()).toEqual([3, null]);
        expect(instances.map((jikji) => jikji.indexStatus().state)).toEqual(["current", "current"]);
      } finally {
        for (const jikji of instances) await jikji.close();
      }
      expect((await holding(openIndex, ["3항"])).get("3항")).toBe(1);
    });
  });
}

describe("the health route and uploads on a stale index", () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-upgrade-api-"));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("shows the status, answers an upload 409 naming jikji reindex, and sees another instance's reindex", async () => {
    const config = loadConfig({}, { dataDir: root });
    const first = await openJikji(config, { scanIndex: false });
    // A new data dir: nothing indexed yet, so it starts current.
    expect(first.indexStatus()).toMatchObject({ state: "current", index: "embedded", analyzer: { built: ANALYZER_VERSION } });
    const current = await createServerApp(first).app.request("/v1/search", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "본문" }) });
    expect(current.status).toBe(200);
    expect(current.headers.get("x-jikji-index")).toBeNull();
    const collectionId = await first.store.ensureCollection("c");
    await first.store.publishVersion(
      ...(await (async () => {
        const input = { collectionId, source: "a.txt", title: null, mediaType: "text/plain", sha256: "a", sizeBytes: 1, pageCount: null, accessGroups: [], metadata: {}, warnings: [] };
        const chunk = { ordinal: 0, text: "본문", pageStart: null, pageEnd: null, headingPath: [], pageSpans: [], charStart: 0, charEnd: 2 };
        const { chunkId } = await import("../../src/ingest/ids.ts");
        const staged = await first.store.stageVersion(input, [chunk], chunkId);
        return [staged.documentId, staged.version, input, 1] as const;
      })()),
    );
    await first.store.recordIndexBuild("embedded", null);
    await first.close();

    const jikji = await openJikji(config, { scanIndex: false });
    try {
      const { app, queue } = createServerApp(jikji);
      const health = await (await app.request("/healthz")).json();
      expect(health).toMatchObject({
        status: "ok",
        indexStatus: { state: "stale", analyzerBuilt: null, analyzerCurrent: ANALYZER_VERSION, decomposedCollections: [], decomposedGroups: [] },
      });
      expect(health.indexStatus.message).toContain("jikji reindex");

      const form = new FormData();
      form.append("file", new File(["새 문서"], "b.txt", { type: "text/plain" }));
      const upload = await app.request("/v1/documents", { method: "POST", body: form });
      expect(upload.status).toBe(409);
      expect(upload.headers.get("x-jikji-index")).toBe("stale; run jikji reindex");
      const search = await app.request("/v1/search", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "본문" }) });
      expect(search.status).toBe(200);
      expect(search.headers.get("x-jikji-index")).toBe("stale; run jikji reindex");
      const body = (await upload.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("index_stale");
      expect(body.error.message).toContain("jikji reindex");
      expect(queue.size).toBe(0);

      // Another instance's `jikji reindex` (PostgreSQL) records the index current: this one sees it without a restart.
      await jikji.store.recordIndexBuild("embedded", ANALYZER_VERSION);
      expect(await (await app.request("/healthz")).json()).toMatchObject({ indexStatus: { state: "current", message: null } });
      const retry = new FormData();
      retry.append("file", new File(["새 문서"], "b.txt", { type: "text/plain" }));
      const accepted = await app.request("/v1/documents", { method: "POST", body: retry });
      expect(accepted.status).toBe(202);
      expect(accepted.headers.get("x-jikji-index")).toBeNull();
    } finally {
      await jikji.close();
    }
  });
});

describe("indexStatusOf", () => {
  it("is current only for this analyzer and composed names", () => {
    expect(indexStatusOf("embedded", ANALYZER_VERSION, [])).toMatchObject({ state: "current", message: null });
    expect(indexStatusOf("embedded", ANALYZER_VERSION - 1, []).message).toContain(`analyzer version ${ANALYZER_VERSION - 1}`);
    expect(indexStatusOf("embedded", null, []).state).toBe("stale");
    const names = indexStatusOf("qdrant:c", ANALYZER_VERSION, [DECOMPOSED]);
    expect(names.state).toBe("stale");
    expect(names.message).toContain(`"${COLLECTION}"`);
    expect(names.message).not.toContain("analyzer version");
    const groups = indexStatusOf("embedded", ANALYZER_VERSION, [], [GROUP.normalize("NFD")]);
    expect(groups).toMatchObject({ state: "stale", decomposedGroups: [GROUP.normalize("NFD")] });
    expect(groups.message).toContain(`Access groups stored decomposed (NFD) by an older jikji hide their documents from the keys of those groups: "${GROUP}"`);
    expect(groups.message).toContain("접근 그룹");
  });
});
