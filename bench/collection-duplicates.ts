/**
 * Known-item search over a big collection, as a defect finder for copies of one paragraph across pages (boiler,
 * issue 8 §3): each document's title is asked, and we count the hits in the top k that repeat an earlier hit's text
 * and whether the titled document is first / in the top k, with JIKJI_COLLAPSE_DUPLICATES off and on.
 * Not a tuning set: titles are the documents' own. Run: npx node bench/collection-duplicates.ts <data dir> [--k 5]
 */
import { loadConfig } from "../src/config.ts";
import { openJikji } from "../src/runtime.ts";
import { readChunks } from "./lib/chunks.ts";

const dataDir = process.argv[2];
if (dataDir === undefined || dataDir.startsWith("--")) throw new Error("usage: npx node bench/collection-duplicates.ts <data dir> [--k 5]");
const kAt = process.argv.indexOf("--k");
const k = kAt === -1 ? 5 : Number(process.argv[kAt + 1]);
if (!Number.isInteger(k) || k < 1) throw new Error(`--k takes a positive integer, got "${process.argv[kAt + 1]}"`);

const chunks = await readChunks(dataDir);
const titles = new Map<string, string>();
for (const chunk of chunks) if (chunk.title !== null && chunk.title.trim() !== "") titles.set(chunk.documentId, chunk.title.trim());
const questions = [...titles.entries()].map(([documentId, title]) => ({ documentId, title }));
const key = (text: string) => text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

for (const setting of ["off", "on"]) {
  const jikji = await openJikji(loadConfig({ JIKJI_COLLAPSE_DUPLICATES: setting }, { dataDir }), { scanIndex: false });
  let first = 0;
  let found = 0;
  let copies = 0;
  let hitsSeen = 0;
  let withCopies = 0;
  try {
    for (const question of questions) {
      const { hits } = await jikji.search({ query: question.title, k, filter: {} });
      if (hits[0]?.documentId === question.documentId) first++;
      if (hits.some((hit) => hit.documentId === question.documentId)) found++;
      const seen = new Set<string>();
      let repeated = 0;
      for (const hit of hits) {
        const text = key(hit.text);
        if (seen.has(text)) repeated++;
        seen.add(text);
      }
      copies += repeated;
      hitsSeen += hits.length;
      if (repeated > 0) withCopies++;
    }
  } finally {
    await jikji.close();
  }
  const n = questions.length;
  console.log(
    `JIKJI_COLLAPSE_DUPLICATES=${setting}: ${n} title questions, k=${k}: titled document first ${first} (${(first / n).toFixed(3)}), ` +
      `in top ${k} ${found} (${(found / n).toFixed(3)}); hits repeating an earlier hit's text ${copies}/${hitsSeen}; questions with such a hit ${withCopies}`,
  );
}
