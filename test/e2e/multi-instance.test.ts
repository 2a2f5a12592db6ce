/**
 * Several `serve` processes on one PostgreSQL and one Qdrant (issue 13): two instances started together through the
 * real CLI, sharing the PostgreSQL that `.ci/run` starts and the OpenAPI-checked Qdrant double run as its own HTTP
 * server. Uploads go to both; the instance running a job is SIGKILLed mid-job (held deterministically between two
 * files by the JIKJI_TEST_PAUSE_FILE hook, never by timing); the other takes the job over once its short lease
 * runs out and finishes it. Searches through either instance give the same hits, every file is ingested exactly
 * once, and the double's points are exactly the store's published chunks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQdrantDouble, type QdrantDouble } from "../fakes/qdrant-double.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const serverUrl = process.env.JIKJI_TEST_DATABASE_URL;
if (!serverUrl) {
  console.warn(
    "Multi-instance test skipped: JIKJI_TEST_DATABASE_URL is not set (.ci/run starts a PostgreSQL 15 and sets it)",
  );
}

const COLLECTION = "jikji_multi";
const SLOW_JOB: Array<[string, string]> = [
  ["출장.md", "# 출장 규정\n\n해외 출장은 대표이사의 서면 승인이 필요합니다.\n"],
  ["vpn.txt", "Remote access\n\nThe VPN requires two-factor authentication for every employee.\n"],
  ["휴가.md", "# 휴가 규정\n\n연차 휴가는 입사 1년 후 15일이 주어집니다.\n"],
  ["expenses.txt", "Expense claims\n\nReceipts above fifty dollars must be attached to every expense claim.\n"],
];
const OTHER_JOB: Array<[string, string]> = [["보안.md", "# 보안 규정\n\n외부 저장장치는 보안팀의 허가를 받아야 사용할 수 있습니다.\n"]];
const QUERIES = ["해외 출장 승인", "VPN two-factor", "연차 휴가 15일", "expense receipts", "외부 저장장치 허가"];

interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

let root: string;
let databaseUrl: string;
let databaseName: string;
let qdrant: QdrantDouble;
let db: pg.Client;
const instances: Instance[] = [];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `jikji serve` as its own process; resolves once it listens. */
async function startServe(name: string, pauseFile: string): Promise<Instance> {
  const port = await freePort();
  const dataDir = path.join(root, name);
  const child = spawn(process.execPath, [path.join(ROOT, "bin/jikji.js"), "serve", "--port", String(port)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: os.homedir(),
      JIKJI_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      QDRANT_URL: qdrant.url,
      QDRANT_COLLECTION: COLLECTION,
      QDRANT_SHARD_NUMBER: "2",
      QDRANT_REPLICATION_FACTOR: "2",
      JIKJI_OCR: "off",
      JIKJI_LOG_LEVEL: "warn",
      JIKJI_JOB_LEASE_MS: "1500",
      JIKJI_JOB_POLL_MS: "100",
      JIKJI_TEST_PAUSE_FILE: pauseFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/jikji listening on/.test(output)) resolve();
    };
    child.stdout!.on("data", check);
    child.once("exit", (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before listening:\n${output}`)));
  });
  const instance = { name, child, url: `http://127.0.0.1:${port}`, output: () => output };
  instances.push(instance);
  return instance;
}

async function upload(instance: Instance, files: Array<[string, string]>): Promise<string> {
  const form = new FormData();
  for (const [source, body] of files) form.append("file", new Blob([body]), source);
  form.append("collection", "policies");
  const response = await fetch(`${instance.url}/v1/documents`, { method: "POST", body: form });
  expect(response.status).toBe(202);
  return ((await response.json()) as { jobId: string }).jobId;
}

async function search(instance: Instance, query: string) {
  const response = await fetch(`${instance.url}/v1/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, k: 5 }),
  });
  expect(response.status).toBe(200);
  const { hits } = (await response.json()) as { hits: Array<{ chunkId: string; source: string; text: string }> };
  return hits.map((hit) => `${hit.source}|${hit.chunkId}|${hit.text}`);
}

interface JobState {
  status: string;
  lease_owner: string | null;
  attempts: number;
  files: Array<{ source: string; action: string }>;
  counters: { filesDone: number };
}

async function job(id: string): Promise<JobState> {
  const { rows } = await db.query<JobState>("select status, lease_owner, attempts, files, counters from ingest_jobs where id = $1", [id]);
  return rows[0]!;
}

/** Polls a condition on what the store shows (no deadline of its own: the test's timeout is the bound). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await sleep(50);
  }
}

/** Every point id in the double's collection. */
async function pointIds(): Promise<string[]> {
  const ids: string[] = [];
  let offset: string | null = null;
  for (;;) {
    const response = await fetch(`${qdrant.url}/collections/${COLLECTION}/points/scroll`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ limit: 100, with_payload: false, with_vector: false, ...(offset === null ? {} : { offset }) }),
    });
    const { result } = (await response.json()) as { result: { points: Array<{ id: string }>; next_page_offset: string | null } };
    ids.push(...result.points.map((point) => point.id));
    if (result.next_page_offset === null) return ids;
    offset = result.next_page_offset;
  }
}

beforeAll(async () => {
  if (!serverUrl) return;
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-multi-"));
  databaseName = `jikji_multi_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const target = new URL(serverUrl);
  target.pathname = `/${databaseName}`;
  databaseUrl = target.toString();
  qdrant = await startQdrantDouble();
});

afterAll(async () => {
  if (!serverUrl) return;
  for (const instance of instances) if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill("SIGKILL");
  await db?.end();
  await qdrant?.close();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await admin.end();
  await fs.rm(root, { recursive: true, force: true });
});

describe.skipIf(!serverUrl)("several serve instances on one PostgreSQL and one Qdrant", () => {
  it("shares jobs, survives a SIGKILL mid-job, and answers the same through every instance", { timeout: 600_000 }, async () => {
    const pauseFile = path.join(root, "pause");
    await fs.writeFile(path.join(root, "pause"), "");

    // Started together: migrations, start-up repair and the Qdrant collection are created once between them.
    const [a, b] = await Promise.all([startServe("a", pauseFile), startServe("b", pauseFile)]);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();

    // The collection carries the configured sharding and replication, and a tenant index on the collection field.
    const info = (await (await fetch(`${qdrant.url}/collections/${COLLECTION}`)).json()) as {
      result: { config: { params: { shard_number: number; replication_factor: number } }; payload_schema: Record<string, unknown> };
    };
    expect(info.result.config.params).toMatchObject({ shard_number: 2, replication_factor: 2 });
    expect(info.result.payload_schema["collection"]).toEqual({ type: "keyword", is_tenant: true });

    // A four-file job through a; whichever instance claims it finishes the first file and holds before the second.
    const slowJob = await upload(a!, SLOW_JOB);
    const held = await until(
      () => job(slowJob),
      (state) => state.status === "running" && state.counters.filesDone === 1,
    );
    const holderPid = Number(held.lease_owner!.split("/")[1]);
    const holder = [a!, b!].find((instance) => instance.child.pid === holderPid)!;
    const other = holder === a ? b! : a!;
    expect(holder).toBeDefined();

    // A one-file job through the other instance (never held: it has no second file) is done there meanwhile.
    const otherJob = await upload(other, OTHER_JOB);
    const otherDone = await until(
      () => job(otherJob),
      (state) => state.status !== "queued" && state.status !== "running",
    );
    expect(otherDone.status).toBe("succeeded");
    expect(Number(otherDone.lease_owner!.split("/")[1])).toBe(other.child.pid);

    // SIGKILL mid-job; the other instance takes the job over after the lease (1.5 s) runs out and finishes it.
    const exited = new Promise((resolve) => holder.child.once("exit", resolve));
    holder.child.kill("SIGKILL");
    await exited;
    await fs.rm(pauseFile);
    const finished = await until(
      () => job(slowJob),
      (state) => state.status !== "queued" && state.status !== "running",
    );
    expect(finished.status).toBe("succeeded");
    expect(Number(finished.lease_owner!.split("/")[1])).toBe(other.child.pid);
    expect(finished.attempts).toBe(2);
    // Each file reported once, in order: the first by the dead instance, the rest by the survivor.
    expect(finished.files.map((file) => [file.source, file.action])).toEqual(SLOW_JOB.map(([source]) => [source, "ingested"]));

    // A replacement instance starts (its start-up repair runs while the survivor serves); both give the same hits.
    const replacement = await startServe("c", pauseFile);
    for (const query of QUERIES) {
      const [fromSurvivor, fromReplacement] = await Promise.all([search(other, query), search(replacement, query)]);
      expect(fromSurvivor.length).toBeGreaterThan(0);
      expect(fromReplacement).toEqual(fromSurvivor);
    }
    expect((await search(other, "해외 출장 승인"))[0]).toMatch(/^출장\.md\|/);

    // Each file ingested exactly once: one document per source, published at version 1, nothing staged or left over.
    const { rows: documents } = await db.query<{ source: string; version: number; pending_version: number | null; status: string }>(
      "select source, version, pending_version, status from documents order by source",
    );
    expect(documents.map((row) => row.source).sort()).toEqual([...SLOW_JOB, ...OTHER_JOB].map(([source]) => source).sort());
    expect(documents.every((row) => row.version === 1 && row.pending_version === null && row.status === "ready")).toBe(true);
    const { rows: staged } = await db.query<{ n: number }>("select count(*)::int as n from staged_files");
    expect(staged[0]!.n).toBe(0);
    const { rows: originals } = await db.query<{ n: number }>("select count(distinct document_id)::int as n from original_files");
    expect(originals[0]!.n).toBe(documents.length);

    // No orphans either way: the double's points are exactly the chunks of the published versions.
    const { rows: chunks } = await db.query<{ id: string }>(
      "select c.id from chunks c join documents d on d.id = c.document_id and d.version = c.version",
    );
    const { rows: allChunks } = await db.query<{ n: number }>("select count(*)::int as n from chunks");
    expect(allChunks[0]!.n).toBe(chunks.length);
    expect((await pointIds()).sort()).toEqual(chunks.map((row) => row.id).sort());
    expect(qdrant.violations).toEqual([]);
  });
});
