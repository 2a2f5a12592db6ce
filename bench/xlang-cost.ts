/**
 * CPU per search with the cross-language rendering off and on (issue 8, xlang8), in-process and one question at a
 * time, alternated off / on / off / on over one data dir: 400 questions of bench/lib/serve.ts's Korean/English mix,
 * 50 warm-up searches each time. Also counts the index searches (the English leg adds one where it runs) and the
 * document-frequency calls. Timing: run under `flock /tmp/jikji-bench.lock`.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/xlang-cost.ts <data dir> [switch]
 *
 * `switch` names the setting turned off and on (default JIKJI_CROSS_LANGUAGE; xlang9's
 * JIKJI_CROSS_LANGUAGE_FORMS measures the third pass's word forms and content-word gate alone;
 * JIKJI_CROSS_LANGUAGE_LOANWORDS xlang16's loanwords read back from English pages; JIKJI_CROSS_LANGUAGE_KOREAN_SYNONYMS
 * rankaudit19's Korean evidence read through the unwritten words' Hangul synonyms; JIKJI_CROSS_LANGUAGE_LOANWORD_BOUND
 * rankaudit19's bound counting the loanwords the reader could still translate;
 * JIKJI_SYNONYM_LEG_WEIGHT measures rankaudit16's synonym leg, 0 against `weight`, default 0.7).
 *
 *   flock /tmp/jikji-bench.lock npx node bench/xlang-cost.ts <data dir> JIKJI_SYNONYM_LEG_WEIGHT [weight]
 *
 * JIKJI_SYNONYM_RERANK_CREDIT measures rankaudit17's synonym credit in the built-in reranker (0 against `weight`,
 * default 0.8); settings after the weight (NAME=VALUE) hold on both sides, so the credit can be measured with the leg on:
 *
 *   flock /tmp/jikji-bench.lock npx node bench/xlang-cost.ts <data dir> JIKJI_SYNONYM_RERANK_CREDIT 0.8 JIKJI_SYNONYM_LEG_WEIGHT=0.7
 */
import { loadConfig } from "../src/config.ts";
import { openJikji } from "../src/runtime.ts";
import type { IndexQuery } from "../src/retrieve/index/port.ts";
import { mixedQuestions } from "./lib/serve.ts";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: npx node bench/xlang-cost.ts <data dir> [JIKJI_CROSS_LANGUAGE | JIKJI_CROSS_LANGUAGE_FORMS | JIKJI_SYNONYM_LEG_WEIGHT [weight]]");
const setting = process.argv[3] ?? "JIKJI_CROSS_LANGUAGE";
const SWITCHES: Record<string, [string, string]> = {
  JIKJI_CROSS_LANGUAGE: ["false", "true"],
  JIKJI_CROSS_LANGUAGE_FORMS: ["false", "true"],
  JIKJI_CROSS_LANGUAGE_LOANWORDS: ["false", "true"],
  JIKJI_CROSS_LANGUAGE_KOREAN_SYNONYMS: ["false", "true"],
  JIKJI_CROSS_LANGUAGE_LOANWORD_BOUND: ["false", "true"],
  JIKJI_SYNONYM_LEG_WEIGHT: ["0", process.argv[4] ?? "0.7"],
  JIKJI_SYNONYM_RERANK_CREDIT: ["0", process.argv[4] ?? "0.8"],
};
const both = Object.fromEntries(process.argv.slice(5).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
const values = SWITCHES[setting];
if (values === undefined) throw new Error(`unknown switch ${setting} (one of ${Object.keys(SWITCHES).join(", ")})`);
const questions = (await mixedQuestions()).slice(0, 400);
for (const on of [values[0], values[1], values[0], values[1]]) {
  const jikji = await openJikji(loadConfig({ ...both, [setting]: on }, { dataDir }), { scanIndex: false });
  let searches = 0;
  let frequencies = 0;
  const index = jikji.index;
  const search = index.search.bind(index);
  const documentFrequencies = index.documentFrequencies.bind(index);
  index.search = (query: IndexQuery) => (searches++, search(query));
  index.documentFrequencies = (terms, options) => (frequencies++, documentFrequencies(terms, options));
  try {
    for (const question of questions.slice(0, 50)) await jikji.search({ query: question, k: 10, filter: {} });
    searches = 0;
    frequencies = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const walls: number[] = [];
    for (const question of questions) {
      const at = performance.now();
      await jikji.search({ query: question, k: 10, filter: {} });
      walls.push(performance.now() - at);
    }
    const used = process.cpuUsage(cpu);
    walls.sort((a, b) => a - b);
    const quantile = (q: number) => walls[Math.min(walls.length - 1, Math.floor(q * walls.length))]!.toFixed(2);
    console.log(
      `${setting}=${on}: ${((used.user + used.system) / 1000 / questions.length).toFixed(2)} ms CPU a search, ` +
        `${((performance.now() - started) / questions.length).toFixed(2)} ms wall (p50 ${quantile(0.5)}, p95 ${quantile(0.95)}); ${searches} index searches, ${frequencies} frequency calls`,
    );
  } finally {
    await jikji.close();
  }
}
