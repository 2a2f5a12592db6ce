import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../src/cli/serve.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { findAdminEndpoint } from "../../src/operate/admin-endpoint.ts";
import { prepareBackup, readManifest, writeBackupFile } from "../../src/operate/backup.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fakes/openai-server.ts";
import { cli } from "../helpers/cli.ts";

let root: string;
let docs: string;
let fake: FakeOpenAIServer;

const QUERIES = ["연차 휴가를 신청하는 곳", "병가 진단서", "laptop encryption passwords", "고객센터 운영 시간"];
const QUESTION = "연차 휴가는 며칠인가요?";

async function writeDocs(dir: string): Promise<void> {
  await fs.mkdir(path.join(dir, "hr"), { recursive: true });
  await fs.writeFile(
    path.join(dir, "hr", "leave.md"),
    "# 휴가 규정\n\n## 연차 휴가\n\n연차 휴가는 입사일로부터 1년이 지나면 15일이 주어집니다. 신청은 인사 시스템에서 합니다.\n\n## 병가\n\n병가는 진단서를 제출하면 연간 30일까지 쓸 수 있습니다.\n",
  );
  await fs.writeFile(path.join(dir, "security.txt"), "Security policy\n\nLaptops must use full-disk encryption. Passwords are rotated every 90 days.\n");
  await fs.writeFile(
    path.join(dir, "faq.html"),
    "<html><head><title>고객센터 FAQ</title></head><body><h1>고객센터</h1><p>고객센터 운영 시간은 평일 오전 9시부터 오후 6시까지입니다.</p></body></html>",
  );
}

/** What a data dir answers: each query's hits (ids, scores, text) and the extractive answer to one question. */
async function answers(dataDir: string, env: Record<string, string> = {}): Promise<unknown> {
  const result: Record<string, unknown> = {};
  for (const query of QUERIES) {
    const searched = await cli(["search", query, "--json", "--data-dir", dataDir], env);
    expect(searched.code, searched.stderr).toBe(0);
    result[query] = JSON.parse(searched.stdout);
  }
  const asked = await cli(["ask", QUESTION, "--json", "--data-dir", dataDir], env);
  expect(asked.code, asked.stderr).toBe(0);
  result[QUESTION] = JSON.parse(asked.stdout);
  return result;
}

/** Runs `jikji serve` in this process until the returned stop() is called. */
async function startServe(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const stdout = new PassThrough();
  let out = "";
  const listening = new Promise<string>((resolve) => {
    stdout.on("data", (chunk) => {
      out += String(chunk);
      const match = /jikji listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
  });
  let stop!: () => void;
  const shutdown = new Promise<void>((resolve) => (stop = resolve));
  const running = serve(loadConfig({}, { dataDir, port: 0 }), { stdout, stderr: new PassThrough(), env: {}, shutdown });
  const url = await Promise.race([listening, running.then(() => Promise.reject(new Error(`serve stopped: ${out}`)))]);
  return {
    url,
    stop: async () => {
      stop();
      await running;
    },
  };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-backup-"));
  docs = path.join(root, "docs");
  await writeDocs(docs);
  fake = await startFakeOpenAIServer();
});

afterAll(async () => {
  await fake?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("backup and restore, lexical index (rebuilt on restore)", () => {
  let source: string;
  let file: string;
  let expected: unknown;

  beforeAll(async () => {
    source = path.join(root, "lexical");
    file = path.join(root, "lexical.tar");
    const ingested = await cli(["ingest", docs, "--json", "--data-dir", source]);
    expect(ingested.code, ingested.stderr).toBe(0);
    expected = await answers(source);
  });

  it("takes the backup through a running serve, which keeps answering, and restores a dir that answers identically", async () => {
    const server = await startServe(source);
    try {
      expect(await findAdminEndpoint(source)).toMatchObject({ pid: process.pid });
      const [backedUp, searched] = await Promise.all([
        cli(["backup", file, "--data-dir", source]),
        fetch(`${server.url}/v1/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERIES[0] }) }),
      ]);
      expect(backedUp.code, backedUp.stderr).toBe(0);
      expect(backedUp.stdout).toMatch(/Backed up 3 documents, \d+ chunks in 1 collections .*taken by the serving process/);
      expect(backedUp.stdout).toContain("restore rebuilds it");
      expect(searched.status).toBe(200);
      // export goes through the server too
      const exported = await cli(["export", "--collection", "default", "--data-dir", source]);
      expect(exported.code, exported.stderr).toBe(0);
      const lines = exported.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.length).toBeGreaterThanOrEqual(3);
      const leave = lines.find((line) => line.source === "hr/leave.md" && String(line.text).includes("15일"));
      expect(leave).toMatchObject({ collection: "default", version: 1, current: true, title: "휴가 규정", accessGroups: [], clausePath: null });
      expect(leave!.sectionPath).toEqual(["휴가 규정", "연차 휴가"]);
      expect(Object.keys(leave!)).toEqual(
        expect.arrayContaining(["documentId", "chunkId", "ordinal", "pageStart", "pageEnd", "sectionPath", "clausePath", "accessGroups", "text"]),
      );
      const unknown = await cli(["export", "--collection", "nope", "--data-dir", source]);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('No collection named "nope"');
    } finally {
      await server.stop();
    }
    expect(await findAdminEndpoint(source)).toBeNull();

    const manifest = await readManifest(file);
    expect(manifest).toMatchObject({
      format: "jikji-backup",
      formatVersion: 1,
      jikjiVersion: expect.any(String),
      store: { kind: "pglite", migration: expect.stringMatching(/^\d{4}_/) },
      index: { kind: "embedded", included: false, dimensions: null },
      counts: { collections: 1, documents: 3, points: null },
    });
    expect(manifest.parts.map((part) => part.name)).toEqual(expect.arrayContaining(["store.tar.gz", "originals.tar"]));
    for (const part of manifest.parts) expect(part.sha256).toMatch(/^[0-9a-f]{64}$/);

    const restored = path.join(root, "restored-lexical");
    const result = await cli(["restore", file, "--data-dir", restored]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("the index was rebuilt from the store");
    expect(await answers(restored)).toEqual(expected);
    // The source viewer's original bytes came along.
    const restoredOriginals = await fs.readdir(path.join(restored, "originals"));
    expect(restoredOriginals.sort()).toEqual((await fs.readdir(path.join(source, "originals"))).sort());
  });

  it("exports to a file without a server, and refuses an unknown collection", async () => {
    const out = path.join(root, "export.jsonl");
    const result = await cli(["export", "--collection", "default", "--format", "jsonl", "--out", out, "--data-dir", source]);
    expect(result.code, result.stderr).toBe(0);
    const lines = (await fs.readFile(out, "utf8")).trim().split("\n");
    expect(lines.every((line) => typeof (JSON.parse(line) as { text: unknown }).text === "string")).toBe(true);
    const bad = await cli(["export", "--collection", "missing", "--data-dir", source]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('No collection named "missing" (collections: default)');
    expect((await cli(["export", "--collection", "default", "--format", "csv", "--data-dir", source])).code).toBe(2);
  });

  it("refuses a truncated, damaged or foreign file with a clear error and leaves the target as it was", async () => {
    const target = path.join(root, "restored-lexical");
    const before = await answers(target);
    const bytes = await fs.readFile(file);
    const truncated = path.join(root, "truncated.tar");
    await fs.writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const damaged = path.join(root, "damaged.tar");
    const flipped = Buffer.from(bytes);
    // A byte inside the first part after the manifest (the store dump): the tar still reads, the checksum fails.
    const manifest = await readManifest(file);
    const firstPart = manifest.parts[0]!;
    const manifestBlocks = Math.ceil(Buffer.byteLength(`${JSON.stringify(manifest, null, 2)}\n`) / 512);
    const offset = 512 * (1 + manifestBlocks) + 512 + Math.floor(firstPart.bytes / 2);
    flipped[offset] = flipped[offset]! ^ 0xff;
    await fs.writeFile(damaged, flipped);
    const foreign = path.join(root, "foreign.tar");
    await fs.writeFile(foreign, "this is not a backup\n".repeat(100));

    const truncatedRun = await cli(["restore", truncated, "--data-dir", target, "--force"]);
    expect(truncatedRun.code).toBe(1);
    expect(truncatedRun.stderr).toMatch(/truncated|cut off/);
    const damagedRun = await cli(["restore", damaged, "--data-dir", target, "--force"]);
    expect(damagedRun.code).toBe(1);
    expect(damagedRun.stderr).toContain(`part ${firstPart.name} fails its SHA-256 check`);
    const foreignRun = await cli(["restore", foreign, "--data-dir", target, "--force"]);
    expect(foreignRun.code).toBe(1);
    expect(foreignRun.stderr).toMatch(/not a (readable backup|jikji backup)/);
    // Without --force a non-empty target is refused before anything is read.
    const occupied = await cli(["restore", file, "--data-dir", target]);
    expect(occupied.code).toBe(1);
    expect(occupied.stderr).toContain("is not empty");

    expect(await answers(target)).toEqual(before);
    // No half-restored folders were left beside it.
    expect((await fs.readdir(root)).filter((name) => name.includes(".restore-"))).toEqual([]);
  });

  it("points PostgreSQL deployments at pg_dump", async () => {
    const result = await cli(["backup", path.join(root, "pg.tar"), "--data-dir", source], { DATABASE_URL: "postgres://jikji@127.0.0.1:1/jikji" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("pg_dump");
    expect(result.stderr).toContain("snapshot");
  });
});

describe("backup during an ingest, dense index (carried in the backup)", () => {
  let env: Record<string, string>;
  let dataDir: string;
  let jikji: Jikji;

  beforeAll(async () => {
    env = { JIKJI_EMBED_BASE_URL: fake.baseURL, JIKJI_EMBED_MODEL: "BAAI/bge-m3", JIKJI_EMBED_DIMENSIONS: String(fake.embeddingDimensions) };
    dataDir = path.join(root, "dense");
    const ingested = await cli(["ingest", docs, "--json", "--data-dir", dataDir], env);
    expect(ingested.code, ingested.stderr).toBe(0);
  });

  async function open(): Promise<Jikji> {
    return openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
  }

  /** Pauses the first call of `method` on the index (after the store work before it) until released. */
  function pauseIndex(target: Jikji, method: "upsert" | "deleteDocument") {
    const original = target.index[method].bind(target.index) as (...args: unknown[]) => Promise<void>;
    let reached!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    let paused = false;
    (target.index as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (!paused) {
        paused = true;
        reached();
        await gate;
      }
      return original(...args);
    };
    return { arrived, release };
  }

  async function restoreAndAnswer(file: string, name: string): Promise<unknown> {
    const restored = path.join(root, name);
    const result = await cli(["restore", file, "--data-dir", restored, "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { reindexed: unknown }).reindexed).toBeNull();
    return answers(restored, env);
  }

  it("holds none of a version whose points were still being written", async () => {
    const before = await answers(dataDir, env);
    jikji = await open();
    const file = path.join(root, "dense-none.tar");
    let ingest: Promise<unknown>;
    try {
      const collectionId = await jikji.store.ensureCollection("default");
      const paused = pauseIndex(jikji, "upsert");
      ingest = ingestFile(jikji, {
        collectionId,
        collection: "default",
        source: "new-policy.md",
        bytes: new TextEncoder().encode("# 재택근무\n\n재택근무는 주 2회까지 팀장 승인으로 할 수 있습니다.\n"),
        accessGroups: [],
      });
      await paused.arrived;
      const prepared = await prepareBackup(jikji);
      try {
        expect(prepared.manifest.index).toMatchObject({ included: true, dimensions: fake.embeddingDimensions });
        expect(prepared.manifest.counts.documents).toBe(3);
        await writeBackupFile(prepared.pack(), file);
      } finally {
        await prepared.dispose();
      }
      paused.release();
      await ingest;
    } finally {
      await jikji.close();
    }
    const restored = await restoreAndAnswer(file, "dense-none");
    expect(restored).toEqual(before);
    const search = await cli(["search", "재택근무", "--json", "--data-dir", path.join(root, "dense-none")], env);
    // The dense leg always returns its nearest chunks; none of them is the unpublished document's.
    expect((JSON.parse(search.stdout) as { hits: Array<{ source: string }> }).hits.map((hit) => hit.source)).not.toContain("new-policy.md");
  });

  it("holds the whole new version once it is published, even while the old points are still being removed", async () => {
    jikji = await open();
    const file = path.join(root, "dense-whole.tar");
    try {
      const collectionId = await jikji.store.ensureCollection("default");
      const paused = pauseIndex(jikji, "deleteDocument");
      const ingest = ingestFile(jikji, {
        collectionId,
        collection: "default",
        source: "security.txt",
        bytes: new TextEncoder().encode("Security policy\n\nLaptops must use full-disk encryption. Passwords are rotated every 30 days and never shared.\n"),
        accessGroups: [],
      });
      await paused.arrived;
      const prepared = await prepareBackup(jikji);
      await writeBackupFile(prepared.pack(), file).finally(() => prepared.dispose());
      paused.release();
      await ingest;
    } finally {
      await jikji.close();
    }
    // The source after the ingest finished (old points gone) is what the restored dir must answer.
    const after = await answers(dataDir, env);
    const restored = await restoreAndAnswer(file, "dense-whole");
    expect(restored).toEqual(after);
    expect(JSON.stringify(restored)).toContain("every 30 days");
    expect(JSON.stringify(restored)).not.toContain("every 90 days");
    // Without the embedding model the carried index could not answer: refused, nothing written.
    const elsewhere = path.join(root, "dense-without-model");
    const refused = await cli(["restore", file, "--data-dir", elsewhere]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${fake.embeddingDimensions}-dimension embeddings`);
    await expect(fs.access(elsewhere)).rejects.toThrow();
  });
});
