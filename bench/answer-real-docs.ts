/**
 * The extractive answer alone on the real-document set (bench/lib/real-docs.ts), per split (tune, heldout, fresh):
 * the share of answers containing the key phrase, with the passages `ask` gets (the default search, reranker and
 * neighbours), and where each miss comes from. The documents are ingested once; each question's passages are
 * retrieved once, then every variant of the answer (one row per change, for the ablation table) is built from the
 * same passages.
 *
 *   npx node bench/answer-real-docs.ts [--data-dir DIR] [--explain] [--k N] [--grid JSON | --rows JSON] [--module PATH]
 *     [--splits tune,heldout,fresh,fresh9] [--miss-kinds]
 *
 * DIR keeps the ingested documents between runs (one DIR per `--splits`: only the named splits' documents are
 * ingested, every split's by default, and only their questions answered). `--grid` (tune split only, for choosing)
 * and `--rows` (every split, for the ablation table; the fresh split is reported, never chosen with) take a JSON list
 * of [label, ExtractiveOptions]. `--module` loads
 * `extractiveAnswer` from another file, e.g. a copy of an earlier version. `--synonyms builtin|lexicon|FILE` hands every
 * variant each question's synonyms through `related` (src/retrieve/synonyms.ts). `--explain` lists, for the tune split only, each miss with its
 * cause: (a) the wanted page is not among the passages, (b) it is but another sentence was quoted, (c) the key
 * phrase's sentence was quoted but cut, (d) no answer at all (grounded false) although the page was there.
 * `--off-topic` lists, for the tune split only, each answer of the first variant that quotes a document the question
 * does not name, with those quotes. Every row also gives the answers' quotes against the questions' documents:
 * quotes from another document of all quotes, answers holding one of all answers given (those whose first quote is
 * from another document / those whose first quote is right and a later one is not: padding from another topic), and
 * answers by their number of citations (0 = not found); a quote from the right document's other page is not counted
 * as off-document. The last column is the picker's figure per split: answers among the questions whose wanted page is
 * the first passage's, and among those whose page is in the passages but not first (the rest are the ranking's
 * misses). `--miss-kinds` then counts, per split, the first variant's misses with the page in hand by kind
 * (bench/lib/real-docs.ts missKind): counts only, so heldout and fresh questions are never printed.
 * A row's options may hold `"pageHits": N` (this bench's own key, not an ExtractiveOptions field): the picker then
 * also reads the other stored chunks on the pages of the first N passages, as `ask` does with
 * JIKJI_ANSWER_PAGE_CONTEXT=on and JIKJI_ANSWER_PAGE_CONTEXT_HITS=N (src/answer/page-context.ts), e.g.
 * `--rows '[["off",{}],["page context 2",{"pageHits":2}]]'`.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_ASK_K } from "../src/answer/ask.ts";
import type { ExtractiveOptions, extractiveAnswer as Extractive } from "../src/answer/extractive.ts";
import { loadConfig } from "../src/config.ts";
import { containsPhrase, lastSegment, normaliseForContains, tallyQuotes, wantedDocuments } from "../src/retrieve/eval.ts";
import { pageAt } from "../src/retrieve/pages.ts";
import { builtinLexicon, lexiconSynonyms } from "../src/retrieve/lexicon.ts";
import { builtinSynonymSets, createSynonyms, parseSynonyms, synonymRelated } from "../src/retrieve/synonyms.ts";
import type { Passage } from "../src/retrieve/types.ts";
import { hitsOnly, withPageContext, type PickerPassages } from "../src/answer/page-context.ts";
import { openJikji } from "../src/runtime.ts";
import { jikji as jikjiCli } from "./lib/cli.ts";
import {
  REAL_DOCUMENTS,
  loadRealQuestions,
  missKind,
  pageAmongPassages,
  pagePlace,
  parseSplits,
  pickerFigures,
  quoteFigures,
  type PagePlace,
  writeRealDocuments,
  type Split,
} from "./lib/real-docs.ts";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" },
    explain: { type: "boolean" },
    "off-topic": { type: "boolean" },
    /** Per split, the first variant's misses with the wanted page in hand, by kind, as counts (no question printed). */
    "miss-kinds": { type: "boolean" },
    k: { type: "string" },
    /** JSON list of [label, options]: tune-split answers only, for choosing parameters without looking at heldout. */
    grid: { type: "string" },
    /** JSON list of [label, options]: rows of the ablation table, every split. */
    rows: { type: "string" },
    /** Another file's `extractiveAnswer` (e.g. a copy of an earlier version), to compare with. */
    module: { type: "string" },
    /**
     * "builtin", "lexicon" (the learned one, src/retrieve/lexicon.txt) or a synonym file: every variant gets each
     * question's synonyms as `related` at weight 1, so a row's `tuning.relatedWeight` is the weight a synonym counts
     * at (JIKJI_SYNONYM_ANSWER_WEIGHT, JIKJI_LEXICON_ANSWER_WEIGHT).
     */
    synonyms: { type: "string" },
    /** Comma-separated splits whose documents are ingested and whose questions are answered (default: every one). */
    splits: { type: "string" },
  },
});
const { extractiveAnswer } = (await import(values.module ? resolve(values.module) : "../src/answer/extractive.ts")) as {
  extractiveAnswer: typeof Extractive;
};
const k = Number(values.k ?? DEFAULT_ASK_K);
const synonyms =
  values.synonyms === undefined
    ? null
    : values.synonyms === "lexicon"
      ? lexiconSynonyms(builtinLexicon())
      : createSynonyms(values.synonyms === "builtin" ? builtinSynonymSets() : parseSynonyms(await readFile(values.synonyms, "utf8"), values.synonyms));
/** A variant's options for one question, with its synonyms when --synonyms is given. */
const withSynonyms = (question: string, options: ExtractiveOptions): ExtractiveOptions => {
  const related = synonyms === null ? null : synonymRelated(synonyms, question, 1);
  return related === null ? options : { ...options, related };
};

/** One row per change: the answer as it is now, and each change switched back off. */
const VARIANTS: Array<[string, ExtractiveOptions & { pageHits?: number }]> = JSON.parse(values.grid ?? values.rows ?? '[["default", {}]]');
/** The rows' page-context depths (0: the hits alone). */
const PAGE_HITS = [...new Set(VARIANTS.map(([, options]) => options.pageHits ?? 0))];
const MEASURED = parseSplits(values.splits);
const SPLITS: Split[] = values.grid ? MEASURED.filter((split) => split === "tune") : MEASURED;

const temporary = values["data-dir"] === undefined ? await mkdtemp(join(tmpdir(), "jikji-answer-real-")) : null;
const root = values["data-dir"] ?? temporary!;
const dataDir = join(root, "data");
try {
  const config = loadConfig({}, { dataDir });
  let app = await openJikji(config, { scanIndex: false });
  if ((await app.store.counts()).documents === 0) {
    await app.close();
    const documents = REAL_DOCUMENTS.filter((document) => MEASURED.includes(document.split));
    await jikjiCli(["ingest", await writeRealDocuments(join(root, "docs"), documents), "--json", "--data-dir", dataDir]);
    app = await openJikji(config, { scanIndex: false });
  }
  const items = (await loadRealQuestions()).filter((item) => item.answer && MEASURED.includes(item.split as Split));
  const retrieved = new Map<string, Passage[]>();
  /** Per page-context depth and question, what the picker reads: the hits, and the rest of the first hits' pages. */
  const pickerPassages = new Map<number, Map<string, PickerPassages>>(PAGE_HITS.map((n) => [n, new Map()]));
  for (const item of items) {
    const hits = (await app.search({ query: item.question, k, filter: {}, neighbours: true })).hits;
    retrieved.set(item.question, hits);
    for (const n of PAGE_HITS) {
      pickerPassages.get(n)!.set(item.question, n === 0 ? hitsOnly(hits) : await withPageContext(hits, app.store.chunksOnPages, { pageHits: n }));
    }
  }
  await app.close();

  console.log(`Real-document set, extractive answers from the top ${k} passages with neighbours`);
  console.log(
    "| answer | tune answers | heldout answers | fresh answers | fresh9 answers | heldout: answered of those with the wanted page among the passages " +
      "| tune: off-document quotes; answers with one (first quote off / padded off); answers by citations 0/1/2/3 | heldout: the same " +
      "| picker: answers among questions whose wanted page is the first passage's / in the passages but not first (tune; heldout; fresh; fresh9) |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  /** The first variant's tune answers, for `--off-topic`. */
  const firstAnswers = new Map<string, ReturnType<typeof extractiveAnswer>>();
  const f = (n: number) => n.toFixed(3);
  /** In a grid, the tune questions each variant gets right, to list where it differs from the first. */
  const firstRight = new Set<string>();
  for (const [label, { pageHits, ...options }] of VARIANTS) {
    const share: Record<string, string> = {};
    for (const split of SPLITS) {
      const inSplit = items.filter((item) => item.split === split);
      let contained = 0;
      let reachable = 0;
      let containedReachable = 0;
      const cited: Array<{ relevant: readonly string[]; cited: string[] }> = [];
      const picked: Array<{ place: PagePlace; contains: boolean }> = [];
      for (const item of inSplit) {
        const passages = retrieved.get(item.question)!;
        const picker = pickerPassages.get(pageHits ?? 0)!.get(item.question)!;
        const context = picker.context.some(Boolean) ? { context: picker.context } : {};
        const built = extractiveAnswer(item.question, picker.passages, withSynonyms(item.question, { ...options, ...context }));
        if (label === VARIANTS[0]![0] && split === "tune") firstAnswers.set(item.question, built);
        const answer = built?.answer ?? "";
        cited.push({ relevant: item.relevant, cited: (built?.citations ?? []).map((citation) => citation.source) });
        const ok = containsPhrase(answer, item.answer!);
        if (values.grid && label === VARIANTS[0]![0] && ok) firstRight.add(item.question);
        if (values.grid && label !== VARIANTS[0]![0] && ok !== firstRight.has(item.question)) {
          console.log(`  ${label}: ${ok ? "gains" : "loses"} "${item.question}"`);
        }
        const there = pageAmongPassages(item, passages);
        picked.push({ place: pagePlace(item, passages), contains: ok });
        if (ok) contained++;
        if (there) reachable++;
        if (ok && there) containedReachable++;
      }
      share[split] = `${f(contained / inSplit.length)} (${contained}/${inSplit.length})`;
      share[`${split} quotes`] = quoteFigures(tallyQuotes(cited));
      share[`${split} picker`] = pickerFigures(picked);
      if (split === "heldout") share.reach = `${containedReachable}/${reachable}`;
    }
    console.log(
      `| ${label} | ${share.tune} | ${share.heldout ?? "–"} | ${share.fresh ?? "–"} | ${share.fresh9 ?? "–"} | ${share.reach ?? "–"} | ${share["tune quotes"]} | ${share["heldout quotes"] ?? "–"} | ${SPLITS.map((split) => `${split} ${share[`${split} picker`]}`).join("; ")} |`,
    );
  }

  if (values["miss-kinds"]) {
    console.log(`\nMisses of "${VARIANTS[0]![0]}" whose wanted page is among the passages, by kind (counts only, every split):`);
    for (const split of SPLITS) {
      const kinds: Record<string, number> = {};
      for (const item of items.filter((candidate) => candidate.split === split)) {
        const passages = retrieved.get(item.question)!;
        if (pagePlace(item, passages) === "outside") continue;
        const built = extractiveAnswer(item.question, passages, withSynonyms(item.question, VARIANTS[0]![1]));
        if (containsPhrase(built?.answer ?? "", item.answer!)) continue;
        const kind = missKind(item.question, item.answer!, passages, built === null);
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
      console.log(`  ${split}: ${Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join("; ") || "none"}`);
    }
  }

  if (values["off-topic"]) {
    console.log(`\ntune split, answers of "${VARIANTS[0]![0]}" quoting a document the question does not name:`);
    for (const item of items.filter((candidate) => candidate.split === "tune")) {
      const built = firstAnswers.get(item.question)!;
      const wanted = wantedDocuments(item.relevant);
      const off = (built?.citations ?? []).filter((citation) => !wanted.has(lastSegment(citation.source)));
      if (off.length === 0) continue;
      console.log(`\n- ${item.question} (wanted ${item.relevant[0]}; key phrase ${containsPhrase(built!.answer, item.answer!) ? "in" : "NOT in"} the answer)`);
      console.log(`  answer: ${built!.answer.replace(/\s+/g, " ").slice(0, 500)}`);
      for (const citation of off) console.log(`  [${citation.ref}] from ${lastSegment(citation.source)}#${citation.page ?? "-"}`);
    }
  }

  if (values.explain) {
    const causes = { a: 0, b: 0, c: 0, d: 0 };
    console.log("\ntune split, answers without the key phrase:");
    for (const item of items.filter((candidate) => candidate.split === "tune")) {
      const passages = retrieved.get(item.question)!;
      const built = extractiveAnswer(item.question, passages);
      const answer = built?.answer ?? "";
      if (containsPhrase(answer, item.answer!)) continue;
      const wanted = normaliseForContains(item.answer!);
      const holder = passages.findIndex((passage) =>
        [passage.text, passage.neighbours?.before?.text ?? "", passage.neighbours?.after?.text ?? ""].some((text) =>
          normaliseForContains(text).includes(wanted),
        ),
      );
      const cut = built !== null && wanted.length > 8 && normaliseForContains(answer).includes(wanted.slice(0, Math.floor(wanted.length / 2)));
      const cause = !pageAmongPassages(item, passages) && holder < 0 ? "a" : built === null ? "d" : cut ? "c" : "b";
      causes[cause]++;
      const pages = passages.map((passage) => `${passage.source}#${pageAt(passage.pageSpans, 0, passage.pageStart) ?? "-"}`);
      console.log(`\n- (${cause}) ${item.question}\n  wanted ${item.relevant[0]}, key phrase "${item.answer}" in passage ${holder + 1 || "none"}; passages: ${pages.join(", ")}`);
      console.log(`  answer: ${answer.replace(/\s+/g, " ").slice(0, 400) || "(not found)"}`);
    }
    console.log(`\ncauses on tune: ${JSON.stringify(causes)}`);
  }
} finally {
  if (temporary) await rm(temporary, { recursive: true, force: true });
}
