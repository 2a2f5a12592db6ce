/**
 * CPU of `/v1/ask`'s extractive path per answer, in process and repeatable (issue 12 §5: the main thread bounds
 * `/v1/ask` under load, and the picker is the largest part of it). Each question is first asked once as `serve`
 * would (search with neighbours, then the rest of the first hits' pages from the store), and what search and
 * `chunksOnPages` returned is kept; then every round asks the same questions again through `ask` (wired as
 * src/answer/wire.ts wires it: synonyms, lexicon, gaps, page context) with search and the store replaced by what was
 * kept, so a round runs exactly the extractive path on fixed input: building the picker's passages, the picker, the
 * citations. Questions: the real-document set's (all splits) and an evenly spaced sample of KorQuAD dev part A's.
 *
 *   npx node bench/picker-cpu.ts <data dir> [--rounds 7] [--korquad 300]
 *
 * Per round: CPU ms per answer of the main thread (Linux /proc, 10 ms ticks) and of the whole process
 * (`process.cpuUsage`), per question set; the first round warms up and is not counted; then the medians. Every round
 * hashes all answers (text, citations, grounded), and the run fails if two rounds differ; two builds give the same
 * answers when they print the same hash. Then the time of the kept `chunksOnPages` calls, re-run against the store
 * (the statement an answer adds with page context), median of the rounds.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import type { Ask, AskResult } from "../src/answer/ask.ts";
import type { PagePosition } from "../src/answer/page-context.ts";
import { createAnswering } from "../src/answer/wire.ts";
import { loadConfig } from "../src/config.ts";
import type { SearchResult } from "../src/retrieve/types.ts";
import { openJikji } from "../src/runtime.ts";
import type { ChunkRow } from "../src/store/store.ts";
import { loadKorquad } from "./lib/korquad.ts";
import { loadRealQuestions } from "./lib/real-docs.ts";
import { loadAverage, statCpuSeconds } from "./lib/serve.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { rounds: { type: "string", default: "7" }, korquad: { type: "string", default: "300" } },
  allowPositionals: true,
});
const dataDir = positionals[0];
if (!dataDir) {
  console.error("usage: npx node bench/picker-cpu.ts <data dir> [--rounds 7] [--korquad 300]");
  process.exit(2);
}
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 2) throw new Error(`--rounds takes a whole number of at least 2, not "${values.rounds}"`);
const korquadCount = Number(values.korquad);
if (!Number.isInteger(korquadCount) || korquadCount < 1) throw new Error(`--korquad takes a whole number of at least 1, not "${values.korquad}"`);

/** What one question's search and page read returned the first time it was asked. */
interface Kept {
  result: SearchResult;
  pages: PagePosition[] | null;
  rows: ChunkRow[] | null;
}

const config = { ...loadConfig(process.env, { dataDir }), llm: null };
const jikji = await openJikji(config, { scanIndex: false, observe: false });
try {
  const real = [...new Set((await loadRealQuestions()).map((item) => item.question.trim()))];
  const allKorean = [...new Set(loadKorquad().questions.map((item) => item.question.trim()))];
  const step = Math.max(1, Math.floor(allKorean.length / korquadCount));
  const korean = allKorean.filter((_, i) => i % step === 0).slice(0, korquadCount);
  const sets: ReadonlyArray<[string, string[]]> = [
    ["real-document", real],
    ["KorQuAD", korean],
  ];

  // Questions are asked one at a time, so the page read that follows a search is that search's question's.
  const kept = new Map<string, Kept>();
  let current: Kept | undefined;
  const recording = createAnswering({
    config,
    search: async (request) => {
      current = { result: await jikji.search(request), pages: null, rows: null };
      kept.set(request.query, current);
      return current.result;
    },
    synonyms: jikji.synonyms,
    lexicon: jikji.lexicon,
    pageChunks: async (pages, asOf) => {
      const rows = await jikji.store.chunksOnPages(pages, asOf);
      current!.pages = [...pages];
      current!.rows = rows;
      return rows;
    },
  });
  for (const [, questions] of sets) for (const question of questions) await recording.ask.ask({ question });

  let replaying: Kept | undefined;
  const { ask } = createAnswering({
    config,
    search: async (request) => {
      replaying = kept.get(request.query);
      if (replaying === undefined) throw new Error(`no search kept for "${request.query}"`);
      return replaying.result;
    },
    synonyms: jikji.synonyms,
    lexicon: jikji.lexicon,
    pageChunks: async () => {
      if (replaying === undefined || replaying.rows === null) throw new Error("a page read the first asking did not make");
      return replaying.rows;
    },
  });

  const mainThreadSeconds = () => statCpuSeconds(`/proc/self/task/${process.pid}/stat`);
  const answerAll = async (questions: readonly string[], into: AskResult[], using: Ask) => {
    const main = mainThreadSeconds();
    const cpu = process.cpuUsage();
    for (const question of questions) into.push(await using.ask({ question }));
    const used = process.cpuUsage(cpu);
    return { main: ((mainThreadSeconds() - main) * 1000) / questions.length, all: (used.user + used.system) / 1000 / questions.length };
  };

  console.log(
    `${sets.map(([name, questions]) => `${questions.length} ${name}`).join(" + ")} questions, ${rounds} rounds (the first warms up); ` +
      `Node ${process.version}, ${os.cpus().length} cores; load average ${loadAverage()}`,
  );
  const perSet = new Map<string, { main: number[]; all: number[] }>(sets.map(([name]) => [name, { main: [], all: [] }]));
  const overall = { main: [] as number[], all: [] as number[] };
  const hashes = new Set<string>();
  let answered = 0;
  for (let round = 0; round < rounds; round++) {
    const results: AskResult[] = [];
    const cells: string[] = [];
    let main = 0;
    let all = 0;
    for (const [name, questions] of sets) {
      const spent = await answerAll(questions, results, ask);
      main += spent.main * questions.length;
      all += spent.all * questions.length;
      if (round > 0) {
        perSet.get(name)!.main.push(spent.main);
        perSet.get(name)!.all.push(spent.all);
      }
      cells.push(`${name} ${spent.main.toFixed(2)} / ${spent.all.toFixed(2)}`);
    }
    const count = results.length;
    if (round > 0) {
      overall.main.push(main / count);
      overall.all.push(all / count);
    }
    const hash = createHash("sha256").update(JSON.stringify(results)).digest("hex").slice(0, 16);
    hashes.add(hash);
    answered = results.filter((result) => result.grounded).length;
    console.log(
      `round ${round + 1}${round === 0 ? " (warm-up)" : ""}: ms CPU an answer, main thread / process: ${cells.join("; ")}; ` +
        `all ${(main / count).toFixed(2)} / ${(all / count).toFixed(2)}; answers ${hash}; load average ${loadAverage()}`,
    );
  }
  if (hashes.size !== 1) throw new Error(`the rounds gave different answers: ${[...hashes].join(", ")}`);
  const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  for (const [name, spent] of perSet) {
    console.log(`median, ${name}: ${median(spent.main).toFixed(2)} ms main thread, ${median(spent.all).toFixed(2)} ms process CPU an answer`);
  }
  console.log(
    `median, all: ${median(overall.main).toFixed(2)} ms main thread, ${median(overall.all).toFixed(2)} ms process CPU an answer; ` +
      `${answered} of ${[...kept.keys()].length} answered; answers ${[...hashes][0]}`,
  );

  // The page read itself, against the store, on the positions the answers asked for.
  const reads = [...kept.values()].filter((entry) => entry.pages !== null).map((entry) => entry.pages!);
  const readMedians: number[] = [];
  for (let round = 0; round < rounds && reads.length > 0; round++) {
    const times: number[] = [];
    for (const pages of reads) {
      const start = performance.now();
      await jikji.store.chunksOnPages(pages);
      times.push(performance.now() - start);
    }
    if (round > 0) readMedians.push(median(times));
  }
  console.log(
    `chunksOnPages: ${reads.length} of the answers read pages (${(reads.reduce((sum, pages) => sum + pages.length, 0) / Math.max(1, reads.length)).toFixed(1)} ` +
      `pages a read); median of the rounds' median read ${reads.length === 0 ? "–" : median(readMedians).toFixed(2)} ms (wall); ` +
      `load average ${loadAverage()}`,
  );
} finally {
  await jikji.close();
}
