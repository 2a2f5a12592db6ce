/**
 * Opens a data dir's embedded index and runs optimize(): a frequencies file saved before the record of documents is
recounted once and saved with it (cost8).
 *
 *   npx node bench/optimize-index.ts <data dir>
 */
import { connect } from "@lancedb/lancedb";
import path from "node:path";
import { createEmbeddedIndex } from "../src/retrieve/index/embedded.ts";

const dir = path.join(process.argv[2]!, "index");
const db = await connect(dir);
const table = await db.openTable("chunks");
const vector = (await table.schema()).fields.find((field) => field.name === "vector");
const dimensions = vector === undefined ? null : (vector.type as { listSize: number }).listSize;
table.close();
db.close();
const index = createEmbeddedIndex({ dir });
const started = performance.now();
await index.open(dimensions);
await index.optimize();
console.log(`optimize with recount: ${((performance.now() - started) / 1000).toFixed(1)} s, dimensions ${dimensions}`);
await index.close();
