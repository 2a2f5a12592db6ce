/**
 * The extractive answer on KorQuAD-style paragraphs: for each question of KorQuAD dev part A, the passages are its
 * own paragraph and the next two paragraphs of the same article (as distractors, in that order), and the check is
 * whether the answer quotes the gold answer text, and how often it says "not found" instead. Split by article as
 * bench/rerank-tune.ts does (tune = even-numbered articles, heldout = odd-numbered). No retrieval is involved: this
 * measures sentence choice alone, so a change to the answer layer can be checked for regressions on paragraphs.
 *
 *   npx node bench/answer-korquad.ts [--module PATH] [--lexicon W] [--untranslated W] [--inherited W] [--value-neighbour]
 *
 * `--module` loads `extractiveAnswer` from another file (e.g. a copy of an earlier version) to compare with.
 * `--lexicon W` hands the answer each question's learned-lexicon terms as `related` at weight W, as
 * JIKJI_LEXICON_ANSWER_WEIGHT=W does. `--untranslated W` sets the picker's `untranslatedWeight` (as
 * JIKJI_CROSS_LANGUAGE_UNTRANSLATED_WEIGHT=W does; it acts only with related words, so with `--lexicon`).
 * `--inherited W` and `--value-neighbour` set the picker's `inheritedWeight` and `valueNeighbour`, as
 * JIKJI_ANSWER_INHERITED_WEIGHT=W and JIKJI_ANSWER_VALUE_NEIGHBOUR=on do (these paragraphs have no section path, so
 * only the sentence before counts for the first).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { extractiveAnswer as Extractive } from "../src/answer/extractive.ts";
import { containsPhrase } from "../src/retrieve/eval.ts";
import type { Passage } from "../src/retrieve/types.ts";
import { builtinLexicon, lexiconSynonyms } from "../src/retrieve/lexicon.ts";
import { synonymRelated } from "../src/retrieve/synonyms.ts";
import { KORQUAD_FILE } from "./lib/korquad.ts";

const { values } = parseArgs({
  options: {
    module: { type: "string" },
    lexicon: { type: "string" },
    untranslated: { type: "string" },
    inherited: { type: "string" },
    "value-neighbour": { type: "boolean" },
  },
});
const inheritedWeight = values.inherited === undefined ? undefined : Number(values.inherited);
if (inheritedWeight !== undefined && !(inheritedWeight >= 0 && inheritedWeight <= 1)) {
  throw new Error(`--inherited takes a weight from 0 to 1, not "${values.inherited}"`);
}
/** The picker levers asked for, for every question (with or without related words). */
const levers = {
  ...(inheritedWeight === undefined ? {} : { inheritedWeight }),
  ...(values["value-neighbour"] ? { valueNeighbour: true } : {}),
};
const untranslatedWeight = values.untranslated === undefined ? undefined : Number(values.untranslated);
if (untranslatedWeight !== undefined && !(untranslatedWeight >= 0 && untranslatedWeight <= 1)) {
  throw new Error(`--untranslated takes a weight from 0 to 1, not "${values.untranslated}"`);
}
const lexiconWeight = values.lexicon === undefined ? 0 : Number(values.lexicon);
if (!(lexiconWeight >= 0 && lexiconWeight <= 1)) throw new Error(`--lexicon takes a weight from 0 to 1, not "${values.lexicon}"`);
const lexicon = lexiconWeight > 0 ? lexiconSynonyms(builtinLexicon()) : null;
const { extractiveAnswer } = (await import(values.module ? resolve(values.module) : "../src/answer/extractive.ts")) as {
  extractiveAnswer: typeof Extractive;
};

interface Squad {
  data: Array<{
    title: string;
    paragraphs: Array<{ context: string; qas: Array<{ question: string; answers: Array<{ text: string }> }> }>;
  }>;
}

function passage(id: string, title: string, text: string, score: number): Passage {
  return {
    documentId: id,
    source: `${id}.txt`,
    title,
    page: null,
    pageStart: null,
    pageEnd: null,
    pageSpans: [],
    chunkId: id,
    score,
    text,
    headingPath: [],
    clausePath: null,
    version: 1,
    collection: "default",
    charStart: 0,
    charEnd: text.length,
  };
}

const squad = JSON.parse(readFileSync(KORQUAD_FILE, "utf8")) as Squad;
const totals = { tune: { questions: 0, contains: 0, notFound: 0 }, heldout: { questions: 0, contains: 0, notFound: 0 } };
squad.data.forEach((article, a) => {
  const split = a % 2 === 0 ? "tune" : "heldout";
  article.paragraphs.forEach((paragraph, p) => {
    const passages = [0, 1, 2]
      .map((offset) => (p + offset) % article.paragraphs.length)
      .filter((index, i, all) => all.indexOf(index) === i)
      .map((index, rank) => passage(`korquad-${a}-${index}`, article.title, article.paragraphs[index]!.context, 1 / (rank + 1)));
    for (const qa of paragraph.qas) {
      const related = lexicon === null ? null : synonymRelated(lexicon, qa.question, lexiconWeight);
      const tuning = { relatedWeight: 1, ...(untranslatedWeight === undefined ? {} : { untranslatedWeight }), ...levers };
      const built = extractiveAnswer(qa.question, passages, related === null ? { tuning: levers } : { related, tuning });
      totals[split].questions++;
      if (built === null) totals[split].notFound++;
      else if (containsPhrase(built.answer, qa.answers[0]!.text)) totals[split].contains++;
    }
  });
});
console.log(`KorQuAD dev part A, extractive answer over the gold paragraph + 2 more of its article${values.module ? ` (${values.module})` : ""}`);
console.log("| split | questions | answer contains the gold answer | not found |");
console.log("|---|---|---|---|");
for (const [split, total] of Object.entries(totals)) {
  console.log(
    `| ${split} | ${total.questions} | ${(total.contains / total.questions).toFixed(3)} (${total.contains}) | ` +
      `${(total.notFound / total.questions).toFixed(3)} (${total.notFound}) |`,
  );
}
