/**
 * CPU of LanceDB's full-text search alone, straight on the embedded index's table, for the lexical leg's shapes:
 * the top 30 or 50 with or without the stored `terms` column the leg rescores from. 300 real questions (bench/lib/
 * serve.ts's mix) tokenized as search does, after 40 warm-up queries, each shape twice. Process CPU, so it holds on
 * a busy machine. The data dir is only read.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/lexical-cpu.ts <data dir>
 */
import path from "node:path";
import { connect, MatchQuery, Operator } from "@lancedb/lancedb";
import { queryTerms } from "../src/retrieve/tokenize.ts";
import { loadAverage, mixedQuestions } from "./lib/serve.ts";

const dataDir = process.argv[2];
if (!dataDir) {
  console.error("usage: npx node bench/lexical-cpu.ts <data dir>");
  process.exit(2);
}
const db = await connect(path.join(dataDir, "index"));
const table = await db.openTable("chunks");
const queries = (await mixedQuestions()).slice(0, 300).map((question) => queryTerms(question));

const search = (terms: string[], limit: number, columns: string[]) =>
  table
    .query()
    .fullTextSearch(new MatchQuery(terms.join(" "), "terms", { operator: Operator.Or }), { columns: "terms" })
    .select(columns)
    .limit(limit)
    .toArray();

async function measure(label: string, limit: number, columns: string[]): Promise<void> {
  for (const terms of queries.slice(0, 40)) await search(terms, limit, columns);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const terms of queries) await search(terms, limit, columns);
  const used = process.cpuUsage(cpu);
  console.log(
    `${label}: ${((used.user + used.system) / 1000 / queries.length).toFixed(3)} ms CPU, ` +
      `${((performance.now() - start) / queries.length).toFixed(3)} ms wall a query; load average ${loadAverage()}`,
  );
}

const withTerms = ["chunk_id", "document_id", "version", "terms", "_score"];
const withoutTerms = ["chunk_id", "document_id", "version", "_score"];
for (let pass = 0; pass < 2; pass++) {
  await measure("top 50 with terms", 50, withTerms);
  await measure("top 40 with terms", 40, withTerms);
  await measure("top 30 with terms", 30, withTerms);
  await measure("top 50 without terms", 50, withoutTerms);
}
console.log(`${(queries.reduce((sum, terms) => sum + terms.length, 0) / queries.length).toFixed(1)} terms a question`);
db.close();
