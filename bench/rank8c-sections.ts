/**
 * A bonus for chunks that hold a whole section (issue 8, rank8c), simulated over one split's searches: of the tune
 * misses whose wanted page is among the candidates, several lose with a short chunk that is an entire small section
 * (a heading and its few sentences) to a 1,100-character chunk of another section that holds more of the question's
 * words. Each question is searched once (30 chunks with neighbours, as `jikji eval` ranks pages); a hit whose chunks
 * before and after sit under other section paths (or do not exist) gains `beta` on its reranked score; the hits are
 * re-sorted and collapsed to pages. Beta 0 is today's order. Only the tune split's changed questions are printed with
 * their text; other splits print rank moves alone.
 *
 *   npx node bench/rank8c-sections.ts --data-dir DIR [--split tune|heldout]
 *
 * DIR is a data dir of the tune + heldout documents, e.g. the one `bench/rank8c-diag.ts --data-dir DIR` ingests.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { rankPages, summarise, type QuestionOutcome } from "../src/retrieve/eval.ts";
import type { Passage } from "../src/retrieve/types.ts";
import { openJikji } from "../src/runtime.ts";
import { loadRealQuestions } from "./lib/real-docs.ts";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, split: { type: "string", default: "tune" } } });
if (values["data-dir"] === undefined) throw new Error("--data-dir DIR is required");
const split = values.split!;
const app = await openJikji(loadConfig({}, { dataDir: join(values["data-dir"], "data") }), { scanIndex: false });
const fileOf = (source: string) => source.split(/[\\/]/).at(-1)!;
const BETAS = [0, 0.02, 0.05, 0.1, 0.2];
const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((part, i) => part === b[i]);

const outcomes = new Map<number, QuestionOutcome[]>(BETAS.map((beta) => [beta, []]));
const moves = new Map<number, string[]>(BETAS.map((beta) => [beta, []]));
try {
  for (const item of (await loadRealQuestions()).filter((candidate) => candidate.split === split)) {
    const hits = (await app.search({ query: item.question, k: 30, filter: {}, neighbours: true })).hits;
    // Neighbours carry no section path: it is read from the store.
    const around = hits.flatMap((hit) => [hit.neighbours?.before?.chunkId, hit.neighbours?.after?.chunkId].filter((id) => id !== undefined));
    const rows = await app.store.visibleChunks(around);
    const pathOf = (id: string | undefined) => (id === undefined ? null : (rows.get(id)?.chunk.headingPath ?? null));
    const whole = hits.map((hit) =>
      [hit.neighbours?.before?.chunkId, hit.neighbours?.after?.chunkId].every((id) => {
        const path = pathOf(id);
        return path === null || !samePath(path, hit.headingPath);
      }),
    );
    const rankOf = (ranked: readonly Passage[]) => rankPages(ranked).map(fileOf).findIndex((key) => item.relevant.includes(key)) + 1;
    const base = rankOf(hits);
    for (const beta of BETAS) {
      const order = hits
        .map((hit, i) => ({ hit, score: hit.score + (whole[i] ? beta : 0), i }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .map(({ hit }) => hit);
      outcomes.get(beta)!.push({ ranked: rankPages(order).map(fileOf).slice(0, 10), relevant: item.relevant, latencyMs: 0 });
      const rank = rankOf(order);
      if (rank !== base) moves.get(beta)!.push(`${base || "-"} -> ${rank || "-"}${split === "tune" ? ` ${item.question}` : ""}`);
    }
  }
} finally {
  await app.close();
}
console.log(`${split}: beta | top-1 | top-3 | R@5 | MRR@10 | wanted page's rank moves (- = not among the pages)`);
for (const beta of BETAS) {
  const report = summarise(outcomes.get(beta)!);
  const figures = [report["recall@1"], report["recall@3"], report["recall@5"], report["mrr@10"]].map((value) => value.toFixed(3));
  console.log(`| ${beta} | ${figures.join(" | ")} | ${moves.get(beta)!.join("; ")} |`);
}
