/**
 * Why the tune split's wanted page is not first (issue 8, rank8c): for every tune question whose wanted page (or
 * page-less document) is not the first of the pages of the search's 30 chunks, as `jikji eval` ranks them, what stands
 * above it and what the wanted page holds. Never the heldout or fresh questions (they are ingested, as the collection
 * the figures are taken on, but not read).
 *
 *   npx node bench/rank8c-diag.ts --data-dir DIR [--env NAME=VALUE]... [--all]
 *
 * DIR keeps the ingested tune + heldout documents (ingested on the first run). Per miss it prints: the wanted rank,
 * its rank in the first stage alone (JIKJI_RERANK=off), the first page's document and distance, whether the first
 * chunk crosses onto the wanted page, the share of the question's distinct terms each page holds, the chunk ranks of
 * the wanted page's candidates and of the chunk holding the key phrase, and a cause (the first that applies, in the
 * order of `CAUSES`). `--all` also lists the questions that are first. Ends with counts per cause.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { normaliseForContains, rankPages, type QaItem } from "../src/retrieve/eval.ts";
import { queryTerms, tokenize } from "../src/retrieve/tokenize.ts";
import type { Passage } from "../src/retrieve/types.ts";
import { openJikji } from "../src/runtime.ts";
import { readChunks, type StoredChunk } from "./lib/chunks.ts";
import { jikji as jikjiCli } from "./lib/cli.ts";
import { REAL_DOCUMENTS, UNSEEN_SPLITS, loadRealQuestions, targetOf, writeRealDocuments } from "./lib/real-docs.ts";

const { values } = parseArgs({
  options: { "data-dir": { type: "string" }, env: { type: "string", multiple: true }, all: { type: "boolean" } },
});
if (values["data-dir"] === undefined) throw new Error("--data-dir DIR is required (it keeps the ingested documents)");
const env = Object.fromEntries((values.env ?? []).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
const root = values["data-dir"];
const dataDir = join(root, "data");
const DOCUMENTS = REAL_DOCUMENTS.filter((document) => !UNSEEN_SPLITS.includes(document.split));
const CANDIDATES = 30;

{
  const probe = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
  const empty = (await probe.store.counts()).documents === 0;
  await probe.close();
  if (empty) await jikjiCli(["ingest", await writeRealDocuments(join(root, "docs"), DOCUMENTS), "--json", "--data-dir", dataDir], env);
}

const chunks = await readChunks(dataDir, env);
const fileOf = (source: string) => source.split(/[\\/]/).at(-1)!;
/** Each (document, page)'s text, from the chunks' page spans (a page-less document is one unit keyed by its name). */
const pageTexts = new Map<string, string>();
const add = (key: string, text: string) => pageTexts.set(key, `${pageTexts.get(key) ?? ""}\n${text}`);
for (const chunk of chunks) {
  const name = fileOf(chunk.source);
  if (chunk.pageSpans.length === 0) add(chunk.pageStart === null ? name : `${name}#${chunk.pageStart}`, chunk.text);
  chunk.pageSpans.forEach((span, i) => add(`${name}#${span.page}`, chunk.text.slice(span.start, chunk.pageSpans[i + 1]?.start ?? chunk.text.length)));
}
const termSets = new Map<string, Set<string>>();
const termsOn = (key: string) => {
  let set = termSets.get(key);
  if (!set) termSets.set(key, (set = new Set(tokenize(pageTexts.get(key) ?? ""))));
  return set;
};
const englishDocuments = new Set(DOCUMENTS.filter((document) => document.language === "en").map((document) => document.name));

const ranked = new Map<string, Passage[]>();
for (const [label, extra] of [["reranked", {}], ["first stage", { JIKJI_RERANK: "off" }]] as const) {
  const app = await openJikji(loadConfig({ ...env, ...extra }, { dataDir }), { scanIndex: false });
  try {
    for (const item of (await loadRealQuestions()).filter((candidate) => candidate.split === "tune")) {
      ranked.set(`${label}\n${item.question}`, (await app.search({ query: item.question, k: CANDIDATES, filter: {} })).hits);
    }
  } finally {
    await app.close();
  }
}

/** The key of a hit's page, as the eval names it ("manual.pdf#7", or the document for a page-less one). */
const keyOf = (hit: Passage) => (hit.page === null ? fileOf(hit.source) : `${fileOf(hit.source)}#${hit.page}`);
const covers = (hit: { pageStart: number | null; pageEnd: number | null; source: string }, name: string, page: number | null) =>
  fileOf(hit.source) === name && (page === null || (hit.pageStart !== null && hit.pageStart <= page && (hit.pageEnd ?? hit.pageStart) >= page));
const share = (terms: readonly string[], key: string | undefined) => {
  if (key === undefined || terms.length === 0) return 0;
  const on = termsOn(key);
  return terms.filter((term) => on.has(term)).length / terms.length;
};
const f2 = (value: number) => value.toFixed(2);

const CAUSES = [
  "outside the 30 candidates, the page holds under half the question's terms (vocabulary gap)",
  "outside the 30 candidates, the page holds the words",
  "table of contents / index chunk first",
  "same document, the first chunk crosses onto the wanted page and is credited to the other",
  "same document, neighbouring page (±1) first",
  "same document, a page further away first",
  "another document first, a page-less HTML chapter",
  "another document first, a PDF page",
] as const;
type Cause = (typeof CAUSES)[number];
const counts = new Map<Cause, number>();
const koreanOnEnglish = new Map<Cause, number>();

const items = (await loadRealQuestions()).filter((item) => item.split === "tune");
for (const item of items) {
  const hits = ranked.get(`reranked\n${item.question}`)!;
  const firstStage = ranked.get(`first stage\n${item.question}`)!;
  const pages = rankPages(hits).map(fileOf);
  const stagePages = rankPages(firstStage).map(fileOf);
  const rank = pages.findIndex((key) => item.relevant.includes(key)) + 1;
  const stageRank = stagePages.findIndex((key) => item.relevant.includes(key)) + 1;
  if (rank === 1 && !values.all) continue;
  const { name, page } = targetOf(item);
  const wantedKey = item.relevant[0]!;
  const terms = [...new Set(queryTerms(item.question))];
  const top = hits[0];
  const topKey = top === undefined ? undefined : keyOf(top);
  const onWanted = hits.flatMap((hit, i) => (keyOf(hit) === wantedKey ? [i + 1] : []));
  const crossingOnto = hits.flatMap((hit, i) => (keyOf(hit) !== wantedKey && covers(hit, name, page) ? [i + 1] : []));
  const phrase = normaliseForContains(item.answer ?? "");
  const holding = (chunk: StoredChunk) => fileOf(chunk.source) === name && normaliseForContains(chunk.text).includes(phrase);
  const phraseChunks = new Set(chunks.filter(holding).map((chunk) => chunk.id));
  const phraseRanks = hits.flatMap((hit, i) => (phraseChunks.has(hit.chunkId) ? [i + 1] : []));
  const korean = /[가-힣]/u.test(item.question) && englishDocuments.has(name);
  let cause: Cause | null = null;
  if (rank !== 1) {
    const topFile = top === undefined ? "" : fileOf(top.source);
    if (rank === 0) cause = share(terms, wantedKey) < 0.5 ? CAUSES[0] : CAUSES[1];
    else if (top!.role === "toc" || top!.role === "index") cause = CAUSES[2];
    else if (topFile === name && covers(top!, name, page)) cause = CAUSES[3];
    else if (topFile === name && page !== null && top!.page !== null && Math.abs(top!.page - page) === 1) cause = CAUSES[4];
    else if (topFile === name) cause = CAUSES[5];
    else if (top!.page === null) cause = CAUSES[6];
    else cause = CAUSES[7];
    counts.set(cause, (counts.get(cause) ?? 0) + 1);
    if (korean) koreanOnEnglish.set(cause, (koreanOnEnglish.get(cause) ?? 0) + 1);
  }
  console.log(`\n- ${item.question}${korean ? "  [Korean on English]" : ""}`);
  console.log(
    `  wanted ${wantedKey}: rank ${rank || `> ${pages.length}`} (first stage ${stageRank || `> ${stagePages.length}`}); ` +
      `first ${topKey} (role ${top?.role ?? "-"}, chunk pages ${top?.pageStart ?? "-"}–${top?.pageEnd ?? "-"}); top 3 ${pages.slice(0, 3).join(", ")}`,
  );
  console.log(
    `  question terms ${terms.length}: on wanted page ${f2(share(terms, wantedKey))}, on first page ${f2(share(terms, topKey))}; ` +
      `wanted page's chunks at ${onWanted.slice(0, 5).join(",") || "none"}; other-credited chunks covering it at ${crossingOnto.slice(0, 5).join(",") || "none"}; ` +
      `key-phrase chunk at ${phraseRanks.slice(0, 3).join(",") || (phraseChunks.size === 0 ? "(phrase in no single chunk)" : "none")}`,
  );
  const missing = terms.filter((term) => !termsOn(wantedKey).has(term));
  if (missing.length > 0) console.log(`  terms not on the wanted page: ${missing.join(" ")}`);
  if (cause !== null) console.log(`  cause: ${cause}`);
}

console.log(`\ntune ranking misses by cause (${[...counts.values()].reduce((a, b) => a + b, 0)} of ${items.length}; Korean-on-English among them):`);
for (const cause of CAUSES) console.log(`| ${cause} | ${counts.get(cause) ?? 0} | ${koreanOnEnglish.get(cause) ?? 0} |`);
