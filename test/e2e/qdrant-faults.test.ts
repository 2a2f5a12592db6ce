/**
 * Qdrant failing under jikji (qa3): unreachable, answering 5xx, answering too late, and answering "nothing found"
 * stay four distinct outcomes through search, ask and ingest, and a failed index write never leaves the store ahead
 * of the index. A fault proxy sits between jikji and the OpenAPI-checked double and is switched per step.
 */
import fs from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { startQdrantDouble, type QdrantDouble } from "../fakes/qdrant-double.ts";

type Mode = "pass" | "refuse" | "error503" | "hang";

let root: string;
let qdrant: QdrantDouble;
let proxy: Server;
let mode: Mode = "pass";
const sockets = new Set<Socket>();
let jikji: Jikji;
let collectionId: string;

const TIMEOUT_MS = 1_000;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-qdrant-faults-"));
  qdrant = await startQdrantDouble();
  const target = new URL(qdrant.url);
  proxy = createServer((req, res) => {
    if (mode === "refuse") {
      req.socket.destroy();
      return;
    }
    if (mode === "error503") {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: { error: "Service Unavailable: shard is recovering" }, time: 0 }));
      return;
    }
    if (mode === "hang") return; // never answers; the socket is destroyed at the end
    const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  proxy.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const config = loadConfig({ QDRANT_URL: url, QDRANT_COLLECTION: "faults", JIKJI_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) }, { dataDir: path.join(root, "data") });
  jikji = await openJikji(config, { scanIndex: true, observe: false });
  collectionId = await jikji.store.ensureCollection("default");
});

afterAll(async () => {
  await jikji?.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await qdrant.close();
  await fs.rm(root, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);
const ingest = (source: string, text: string) => ingestFile(jikji, { collectionId, collection: "default", source, bytes: bytes(text), accessGroups: [] });
const search = (query: string) => jikji.search({ query, k: 3, filter: {} });

async function failureOf(run: () => Promise<unknown>): Promise<{ name: string; code: string; message: string; retryable: boolean }> {
  const error = (await run().then(
    () => null,
    (caught: unknown) => caught,
  )) as { name: string; code: string; message: string; retryable: boolean } | null;
  expect(error, "expected a failure").not.toBeNull();
  return { name: error!.name, code: error!.code, message: error!.message, retryable: error!.retryable };
}

describe("Qdrant failing under jikji (qa3)", () => {
  it("keeps unreachable, 5xx, too late and nothing found apart in search and ask", async () => {
    await ingest("travel.md", "# Travel\n\nTravel abroad needs the director's written approval.\n");
    mode = "pass";
    expect((await search("zebra xylophone quokka")).hits).toEqual([]); // nothing found: no error
    expect((await search("travel approval")).hits[0]?.source).toBe("travel.md");

    mode = "refuse";
    const refused = await failureOf(() => search("travel approval"));
    expect(refused).toMatchObject({ name: "IndexUnavailableError", code: "index_unavailable", retryable: true });
    expect(refused.message).toMatch(/could not be reached/);

    mode = "error503";
    const unavailable = await failureOf(() => search("travel approval"));
    expect(unavailable).toMatchObject({ name: "IndexUnavailableError", code: "index_unavailable", retryable: true });
    expect(unavailable.message).toMatch(/HTTP 503.*shard is recovering/);

    mode = "hang";
    const late = await failureOf(() => search("travel approval"));
    expect(late).toMatchObject({ name: "IndexUnavailableError", code: "index_unavailable" });
    expect(late.message).toMatch(new RegExp(`did not answer within ${TIMEOUT_MS} ms`));

    // ask goes through the same search: the failure surfaces, it is not an answer "not in the documents".
    mode = "refuse";
    const asked = await failureOf(() => jikji.ask.ask({ question: "Who approves travel abroad?" }));
    expect(asked).toMatchObject({ name: "IndexUnavailableError", code: "index_unavailable" });
    mode = "pass";
  });

  it("fails an ingest whose index write fails without publishing it, keeps the old version searchable, and heals on retry", async () => {
    mode = "pass";
    await ingest("leave.md", "# Leave\n\nAnnual leave is fifteen days.\n");
    const before = await jikji.store.findDocumentBySource(collectionId, "leave.md");

    for (const failing of ["refuse", "error503", "hang"] as const) {
      mode = failing;
      const failed = await failureOf(() => ingest("leave.md", "# Leave\n\nAnnual leave is twenty days.\n"));
      expect(failed.code, failing).toBe("index_unavailable");
      mode = "pass";
      // The store is not ahead of the index: the new version was not published, none is left staged.
      const after = await jikji.store.findDocumentBySource(collectionId, "leave.md");
      expect(after, failing).toMatchObject({ version: before!.version, status: "ready", pendingVersion: null });
      const hits = (await search("annual leave days")).hits;
      expect(hits[0]?.text, failing).toContain("fifteen");
    }
    // A brand-new document whose write fails is not published either.
    mode = "refuse";
    expect((await failureOf(() => ingest("new.md", "# New\n\nA rule about parking permits.\n"))).code).toBe("index_unavailable");
    mode = "pass";
    expect((await jikji.store.findDocumentBySource(collectionId, "new.md"))?.status ?? "absent").not.toBe("ready");
    expect((await search("parking permits")).hits.map((hit) => hit.source)).not.toContain("new.md");

    // The retry heals both.
    expect(await ingest("leave.md", "# Leave\n\nAnnual leave is twenty days.\n")).toMatchObject({ action: "ingested" });
    expect(await ingest("new.md", "# New\n\nA rule about parking permits.\n")).toMatchObject({ action: "ingested" });
    expect((await search("annual leave days")).hits[0]?.text).toContain("twenty");
    expect((await search("parking permits")).hits[0]?.source).toBe("new.md");
    // The index holds exactly the published versions: nothing orphaned by the failed writes.
    const ready = await jikji.store.readyDocumentVersions();
    const inIndex = (await jikji.index.documentVersions()).map((entry) => `${entry.documentId}@${entry.version}`).sort();
    expect(inIndex).toEqual([...ready].flatMap(([id, versions]) => versions.map((version) => `${id}@${version}`)).sort());
    expect(qdrant.violations).toEqual([]);
  });
});
