/**
 * What LanceDB's optimize() (the embedded index's fold) does when a small write meets a large indexed table.
 *
 *   nice -n 10 npx node bench/fold-cost.ts <scratch dir> [--rows 200000]
 *
 * Builds a table of `--rows` synthetic chunks (80 terms drawn from a 30,000-word vocabulary, skewed like prose) through
 * the embedded adapter as a bulk load, folded once. Then, straight against LanceDB (measurement only): three rounds of
 * a 2-row append, optimize(), and the rows' deletion (as bench/scale.ts's uploads); then three rounds of a 1-row
 * append that is kept, each optimized. Each round prints the optimize() time, LanceDB's compaction statistics
 * (fragments removed and added) and the bytes of index files it wrote. The scratch dir is replaced.
 */
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { connect } from "@lancedb/lancedb";
import { createEmbeddedIndex } from "../src/retrieve/index/embedded.ts";
import { PUBLIC_ACCESS_GROUP, type IndexPoint } from "../src/retrieve/index/port.ts";
import { termCounts } from "../src/retrieve/tokenize.ts";

const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { rows: { type: "string", default: "200000" } } });
const dir = positionals[0];
if (dir === undefined) throw new Error("usage: bench/fold-cost.ts <scratch dir> [--rows N]");
const rows = Number(values.rows);

const vocabulary = Array.from({ length: 30_000 }, (_, i) => `w${i.toString(36)}`);
let seed = 7;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const text = () => Array.from({ length: 80 }, () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)]).join(" ");
const point = (i: number, documentId: string): IndexPoint => ({
  chunkId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  documentId,
  version: 1,
  collection: "default",
  accessGroups: [],
  terms: termCounts(text()),
});

async function indexFiles(): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for (const entry of await readdir(join(dir!, "chunks.lance", "_indices"), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name), (await stat(join(entry.parentPath, entry.name))).size);
  }
  return files;
}

await rm(dir, { recursive: true, force: true });
const index = createEmbeddedIndex({ dir });
await index.open(null);
for (let start = 0; start < rows; start += 5_000) {
  await index.upsert(Array.from({ length: Math.min(5_000, rows - start) }, (_, k) => point(start + k, `doc-${Math.floor((start + k) / 40)}`)), { bulk: true });
}
const built = performance.now();
await index.optimize();
console.log(`built ${rows.toLocaleString("en")} rows; the closing fold ${((performance.now() - built) / 1000).toFixed(1)} s`);
await index.close();

const db = await connect(dir);
const table = await db.openTable("chunks");
let next = rows;
async function round(label: string, count: number, documentId: string): Promise<void> {
  const before = await indexFiles();
  await table.add(
    Array.from({ length: count }, () => ({
      chunk_id: `00000000-0000-4000-8000-${String(next++).padStart(12, "0")}`,
      document_id: documentId,
      version: 1,
      collection: "default",
      access_groups: [PUBLIC_ACCESS_GROUP],
      terms: text(),
    })),
  );
  const started = performance.now();
  const { compaction } = await table.optimize({ cleanupOlderThan: new Date(Date.now() - 60_000) });
  const ms = performance.now() - started;
  let written = 0;
  for (const [file, bytes] of await indexFiles()) if (!before.has(file)) written += bytes;
  const { fragmentStats } = await table.stats();
  console.log(
    `RESULT ${label}: optimize ${ms.toFixed(0)} ms; fragments removed ${compaction.fragmentsRemoved}, added ${compaction.fragmentsAdded}; ` +
      `index files written ${(written / 2 ** 20).toFixed(1)} MB; ${fragmentStats.numFragments} fragments after`,
  );
}
try {
  for (let i = 0; i < 3; i++) {
    await round(`2 rows appended then deleted, round ${i + 1}`, 2, `deleted-${i}`);
    await table.delete(`document_id = 'deleted-${i}'`);
  }
  for (let i = 0; i < 3; i++) await round(`1 row appended and kept, round ${i + 1}`, 1, `kept-${i}`);
} finally {
  table.close();
  db.close();
}
