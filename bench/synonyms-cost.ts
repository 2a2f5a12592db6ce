/**
 * What synonyms cost per query, in-process: reading the built-in list, finding a query's synonyms and building the
 * expansion, the embedded index's lexical search with and without those terms (the same terms, the same data dir),
 * and the built-in reranker over 30 candidates with and without its synonym feature. Queries are written here, not
 * taken from an evaluation set.
 *
 *   flock /tmp/jikji-bench.lock npx node bench/synonyms-cost.ts --data-dir DIR [--weight 0.4] [--rounds 30] [--lexicon]
 *
 * `--lexicon` measures the learned lexicon (src/retrieve/lexicon.ts) in the list's place: its expansion, and the
 * reranker's lexicon feature at the weight. The heap it holds is the heap's growth over reading and indexing it
 * (after a garbage collection when node runs with --expose-gc).
 *
 * DIR is an ingested data dir (e.g. the one `bench/answer-real-docs.ts --data-dir` leaves, under `data`).
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { openJikji } from "../src/runtime.ts";
import { builtinScores, DEFAULT_BUILTIN_WEIGHTS, TextModels } from "../src/retrieve/rerank/builtin.ts";
import { builtinLexicon, lexiconSynonyms } from "../src/retrieve/lexicon.ts";
import { builtinSynonymSets, createSynonyms, synonymExpansion } from "../src/retrieve/synonyms.ts";
import { queryTerms } from "../src/retrieve/tokenize.ts";

const { values } = parseArgs({
  options: { "data-dir": { type: "string" }, weight: { type: "string" }, rounds: { type: "string" }, lexicon: { type: "boolean" } },
});
const useLexicon = values.lexicon === true;
if (values["data-dir"] === undefined) throw new Error("--data-dir DIR is required (an ingested data dir)");
const weight = Number(values.weight ?? 0.4);
const rounds = Number(values.rounds ?? 30);

const QUERIES = [
  "비밀번호를 변경하려면 어떻게 하나요?", "메모리가 부족할 때 어떻게 하나요", "글꼴 크기를 바꾸는 방법", "프로그램을 깔려면",
  "페이지 번호를 넣으려면", "파일을 삭제하면 복구할 수 있나요?", "업데이트가 실패합니다", "프린터 용지 걸림",
  "폴더 경로는 어디에 설정하나요", "환불은 언제까지 신청하나요", "How do I change my password?", "How can I remove a package?",
  "Which font size is the default?", "Where are the settings stored?", "How do I print a page range?",
  "What happens when the disk is full?", "How do I download the latest version?", "Can I restore a deleted file?",
  "연차 휴가 신청 방법", "설치 후 재부팅해야 하나요?",
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const readStart = performance.now();
const sets = useLexicon ? builtinLexicon() : builtinSynonymSets();
const readMs = performance.now() - readStart;
const buildStart = performance.now();
const synonyms = useLexicon ? lexiconSynonyms(builtinLexicon()) : createSynonyms(builtinSynonymSets());
const buildMs = performance.now() - buildStart;
gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

const expansionUs: number[] = [];
for (let round = 0; round < rounds; round++) {
  const start = performance.now();
  for (const query of QUERIES) synonymExpansion(synonyms, query, weight);
  expansionUs.push(((performance.now() - start) * 1000) / QUERIES.length);
}

const app = await openJikji(loadConfig({}, { dataDir: values["data-dir"] }), { scanIndex: false, observe: false });
try {
  const leg = async (withExpansion: boolean): Promise<number> => {
    const perQuery: number[] = [];
    for (const query of QUERIES) {
      const terms = queryTerms(query);
      const expansion = withExpansion ? synonymExpansion(synonyms, query, weight) : [];
      const times: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const start = performance.now();
        await app.index.search({ terms, ...(expansion.length > 0 ? { expansion } : {}), filter: {}, limit: 30 });
        times.push(performance.now() - start);
      }
      perQuery.push(median(times));
    }
    return median(perQuery);
  };
  await leg(false); // warm-up: caches, JIT
  const plainMs = await leg(false);
  const expandedMs = await leg(true);
  const terms = QUERIES.map((query) => synonymExpansion(synonyms, query, weight).length);
  // The reranker's input as search hands it over: the 30 best first-stage passages, their texts already read
  // (a warm TextModels cache, as in a serving process).
  const rerank = async (withSynonyms: boolean): Promise<number> => {
    const perQuery: number[] = [];
    for (const query of QUERIES) {
      const hits = (await app.search({ query, k: 30, filter: {} })).hits;
      const candidates = hits.map((hit) => ({ id: hit.chunkId, text: hit.text, headingPath: hit.headingPath, score: hit.score }));
      const texts = new TextModels();
      const run = useLexicon
        ? () => builtinScores(query, candidates, { ...DEFAULT_BUILTIN_WEIGHTS, lexicon: weight }, texts, null, withSynonyms ? synonyms : null)
        : () => builtinScores(query, candidates, DEFAULT_BUILTIN_WEIGHTS, texts, withSynonyms ? synonyms : null);
      run();
      const times: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const start = performance.now();
        run();
        times.push(performance.now() - start);
      }
      perQuery.push(median(times));
    }
    return median(perQuery);
  };
  const rerankPlainMs = await rerank(false);
  const rerankSynonymMs = await rerank(true);
  console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(" ")}; ${QUERIES.length} queries × ${rounds} rounds, weight ${weight}`);
  console.log("| step | per query |");
  console.log("|---|---|");
  const source = useLexicon ? "the learned lexicon" : "the built-in list";
  const entries = useLexicon ? "entries" : "sets";
  console.log(
    `| read + check ${source} (once per process) | ${readMs.toFixed(1)} ms (${sets.length} ${entries}), index ${buildMs.toFixed(1)} ms, ` +
      `heap ${gc ? "" : "(no --expose-gc) "}+${heapMb.toFixed(1)} MB |`,
  );
  console.log(`| find synonyms + build the expansion | ${median(expansionUs).toFixed(1)} µs (median ${median(terms)} extra terms) |`);
  console.log(`| lexical leg (index.search, 30 hits), no expansion | ${plainMs.toFixed(2)} ms (median over queries) |`);
  console.log(`| lexical leg with the expansion | ${expandedMs.toFixed(2)} ms |`);
  console.log(`| built-in reranker, 30 candidates, without the ${useLexicon ? "lexicon" : "synonym"} feature | ${rerankPlainMs.toFixed(3)} ms |`);
  console.log(`| built-in reranker, 30 candidates, with it | ${rerankSynonymMs.toFixed(3)} ms |`);
} finally {
  await app.close();
}
