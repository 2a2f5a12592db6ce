// Times a full recount of a data dir's table: terms only into DocumentFrequencies (before cost8) against terms and
// document ids into DocumentFrequencies and TermDocuments (cost8), alternated; then the saved file's size and parse.
import { connect } from "@lancedb/lancedb";
import fs from "node:fs/promises";
import path from "node:path";
import { DocumentFrequencies } from "../src/retrieve/bm25.ts";
import { TermDocuments } from "../src/retrieve/index/term-documents.ts";

const dir = path.join(process.argv[2]!, "index");
const db = await connect(dir);
const table = await db.openTable("chunks");
async function before(): Promise<number> {
  const counts = new DocumentFrequencies();
  for await (const batch of table.query().select(["terms"])) {
    const column = batch.getChild("terms");
    for (let i = 0; i < batch.numRows; i++) {
      const text = column?.get(i);
      if (typeof text === "string") counts.add(text === "" ? [] : text.split(" "));
    }
  }
  return counts.documents;
}
async function after(): Promise<number> {
  const counts = new DocumentFrequencies();
  const held = new TermDocuments();
  for await (const batch of table.query().select(["terms", "document_id"])) {
    const column = batch.getChild("terms");
    const documents = batch.getChild("document_id");
    for (let i = 0; i < batch.numRows; i++) {
      const text = column?.get(i);
      const documentId = documents?.get(i);
      if (typeof text !== "string" || typeof documentId !== "string") continue;
      const terms = new Set(text === "" ? [] : text.split(" "));
      counts.add(terms);
      held.add(documentId, terms);
    }
  }
  return counts.documents;
}
for (let round = 0; round < 3; round++) {
  for (const [label, run] of [["terms only", before], ["terms + record", after]] as const) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run();
    const used = process.cpuUsage(cpu);
    console.log(`round ${round} ${label}: wall ${((performance.now() - started) / 1000).toFixed(2)} s, CPU ${((used.user + used.system) / 1e6).toFixed(2)} s`);
  }
}
const file = path.join(dir, "document-frequencies.json");
const text = await fs.readFile(file, "utf8");
for (let round = 0; round < 3; round++) {
  const started = performance.now();
  const parsed = JSON.parse(text) as { counts: unknown[]; holding?: unknown };
  const parseMs = performance.now() - started;
  const counted = JSON.stringify({ ...parsed, holding: undefined }).length;
  console.log(`file ${(text.length / 1e6).toFixed(2)} MB (${(counted / 1e6).toFixed(2)} MB without the record), JSON.parse ${parseMs.toFixed(1)} ms`);
}
table.close();
db.close();
// Heap held: the counts alone, then the counts and the record (needs --expose-gc).
const gc = (globalThis as { gc?: () => void }).gc;
if (gc !== undefined) {
  const db2 = await connect(dir);
  const t2 = await db2.openTable("chunks");
  const rows: Array<[string, string[]]> = [];
  for await (const batch of t2.query().select(["terms", "document_id"])) {
    const column = batch.getChild("terms");
    const documents = batch.getChild("document_id");
    for (let i = 0; i < batch.numRows; i++) rows.push([String(documents?.get(i)), String(column?.get(i)).split(" ")]);
  }
  gc();
  const base = process.memoryUsage().heapUsed;
  const counts = new DocumentFrequencies();
  for (const [, terms] of rows) counts.add(terms);
  gc();
  const withCounts = process.memoryUsage().heapUsed;
  const held = new TermDocuments();
  for (const [documentId, terms] of rows) held.add(documentId, terms);
  gc();
  const withRecord = process.memoryUsage().heapUsed;
  console.log(`heap: counts ${((withCounts - base) / 1e6).toFixed(1)} MB, record ${((withRecord - withCounts) / 1e6).toFixed(1)} MB (${rows.length} rows, ${counts.toSnapshot().counts.length} terms); ${held.toSnapshot().terms.filter(([, e]) => Array.isArray(e)).length} terms listed`);
  t2.close();
  db2.close();
}
