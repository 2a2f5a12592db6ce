import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import { termCounts } from "../../src/retrieve/tokenize.ts";
import { openPglite } from "../../src/store/pglite.ts";
import { createStore } from "../../src/store/store.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FILES = 8;

let root: string;
let docs: string;

/** Runs `jikji` as its own process, as a user would; `killAfter` SIGKILLs it once stderr matches. */
function jikji(args: string[], killAfter?: RegExp): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/jikji.js"), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), JIKJI_OCR: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (killAfter?.test(stderr)) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The store and index exactly as they are on disk: opened without the start-up reconcile that would repair them. */
async function snapshot(dataDir: string) {
  const handle = await openPglite(dataDir);
  const index = createEmbeddedIndex({ dir: path.join(dataDir, "index") });
  try {
    const store = createStore(handle.db);
    const { points } = await index.open(null);
    const documents = await store.listDocuments({ limit: 1000, offset: 0 });
    const bySource = new Map<string, { sha256: string; status: string; chunks: Array<{ ordinal: number; text: string }> }>();
    for (const document of documents) {
      const chunks = await store.chunksOfDocument(document.id, document.version);
      bySource.set(document.source, {
        sha256: document.sha256,
        status: document.status,
        chunks: chunks.map((chunk) => ({ ordinal: chunk.ordinal, text: chunk.text })),
      });
    }
    const ready = await store.readyDocumentVersions();
    const unfinishedJobs = (await store.unfinishedJobs()).length;
    const pointVersions = (await index.documentVersions()).map((entry) => `${entry.documentId}@${entry.version}`).sort();
    // Every file's own marker must find that file's current chunks, and only those.
    const found: Record<string, boolean> = {};
    for (const document of documents) {
      const marker = document.source.replace(/\.md$/, "");
      const hits = await index.search({ terms: [...termCounts(`${marker}marker`).keys()], filter: {}, limit: 3 });
      const visible = await store.visibleChunks(hits.map((hit) => hit.chunkId));
      found[document.source] = hits.length > 0 && visible.get(hits[0]!.chunkId)?.document.source === document.source;
    }
    const chunksInStore = [...bySource.values()].reduce((sum, document) => sum + document.chunks.length, 0);
    return {
      bySource,
      points,
      chunksInStore,
      staged: (await store.documentsWithStagedVersions()).length,
      unfinishedJobs,
      pointVersions,
      readyVersions: [...ready].map(([id, version]) => `${id}@${version}`).sort(),
      found,
    };
  } finally {
    await index.close();
    await handle.close();
  }
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-crash-"));
  docs = path.join(root, "docs");
  await fs.mkdir(docs);
  for (let file = 0; file < FILES; file++) {
    const paragraphs = Array.from(
      { length: 250 },
      (_, p) => `Section ${p} of file${file}marker explains rule ${file * 1000 + p}: every request is logged, reviewed and kept for ${p % 9} years.`,
    );
    await fs.writeFile(path.join(docs, `file${file}.md`), `# Policy ${file}\n\n${paragraphs.join("\n\n")}\n`);
  }
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("ingest killed part-way", () => {
  it("is finished by the next run exactly as a clean ingest would be, and a third run finds nothing to do", async () => {
    const crashed = path.join(root, "crashed");
    const clean = path.join(root, "clean");

    const killed = await jikji(["ingest", docs, "--data-dir", crashed], /^\[2\/8\] /m);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stdout).not.toMatch(/ingested, /); // it never reached its summary

    const second = await jikji(["ingest", docs, "--json", "--data-dir", crashed]);
    expect(second.code, second.stderr).toBe(0);
    const resumed = JSON.parse(second.stdout) as { ingested: number; unchanged: number; failed: unknown[] };
    expect(resumed.failed).toEqual([]);
    expect(resumed.ingested + resumed.unchanged).toBe(FILES);
    // Files finished before the kill are not indexed again.
    expect(resumed.unchanged).toBeGreaterThanOrEqual(2);

    const third = await jikji(["ingest", docs, "--json", "--data-dir", crashed]);
    expect(JSON.parse(third.stdout)).toEqual({ ingested: 0, unchanged: FILES, failed: [] });

    const reference = await jikji(["ingest", docs, "--json", "--data-dir", clean]);
    expect(JSON.parse(reference.stdout)).toEqual({ ingested: FILES, unchanged: 0, failed: [] });

    const after = await snapshot(crashed);
    const expected = await snapshot(clean);
    expect(after.bySource.size).toBe(FILES);
    expect(after.bySource).toEqual(expected.bySource);
    expect(after.staged).toBe(0);
    // The killed run's job is recorded as interrupted, not left "running" for ever.
    expect(after.unfinishedJobs).toBe(0);
    // Index points exist for exactly the versions search may see: no orphans, none missing.
    expect(after.pointVersions).toEqual(after.readyVersions);
    expect(after.points).toBe(after.chunksInStore);
    expect(expected.points).toBe(expected.chunksInStore);
    expect(Object.values(after.found)).toEqual(Array(FILES).fill(true));
  });
});
