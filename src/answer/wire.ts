import type { Config } from "../config.ts";
import type { SearchIndex } from "../retrieve/index/port.ts";
import type { Retrieve } from "../retrieve/types.ts";
import type { Store } from "../store/store.ts";
import { gapRelated, type QueryGap } from "../retrieve/gaps.ts";
import { mergeRelated, synonymRelated, type Synonyms } from "../retrieve/synonyms.ts";
import { createRelatedClauses, createStrictDefault } from "../compliance/related.ts";
import { createAsk, createChat, type AskDeps } from "./ask.ts";
import { lazyGenerator } from "./generate/lazy.ts";
import type { Generator } from "./generate/port.ts";
import { withPageContext, type PageChunks } from "./page-context.ts";

/**
 * The generator chosen by configuration: EXAONE (or any OpenAI-compatible model) or none. Its client is imported
 * on the first answer it writes, so commands and servers that never call the model do not load it.
 */
export function generatorFrom(config: Config): Generator | null {
  const llm = config.llm;
  if (!llm) return null;
  return lazyGenerator(llm.model, async () =>
    (await import("./generate/openai.ts")).createOpenAIGenerator({
      baseURL: llm.baseUrl,
      model: llm.model,
      ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
      headers: llm.headers,
      timeoutMs: config.upstreamTimeoutMs,
      maxRetries: 2,
    }),
  );
}

/** Ask and chat over a retrieval function, with the generator the configuration names (or none). */
export function createAnswering(deps: {
  config: Config;
  search: Retrieve;
  /** Strict-by-default collections and related clauses are read from it. */
  store?: Store;
  /** Wraps the generator (metrics) before ask and chat use it. */
  wrapGenerator?: (generator: Generator) => Generator;
  onTimings?: AskDeps["onTimings"];
  /** Synonyms the extractive answer counts at `config.synonyms.answerWeight`. */
  synonyms?: Synonyms | null;
  /** The learned lexicon, counted at `config.lexicon.answerWeight`. */
  lexicon?: Synonyms | null;
  /**
   * Where extractive answers read the rest of the first hits' pages when `config.answerPageContext` is on; the
   * store's `chunksOnPages` by default.
   */
  pageChunks?: PageChunks;
  /**
   * How many chunks of the index hold each term (`SearchIndex.documentFrequencies`): with it, an answer names the
   * question's words no document holds (`AskResult.missing`).
   */
  termFrequencies?: SearchIndex["documentFrequencies"];
}) {
  const configured = generatorFrom(deps.config);
  const generator = configured && deps.wrapGenerator ? deps.wrapGenerator(configured) : configured;
  const synonyms = deps.synonyms ?? null;
  const answerWeight = synonyms === null ? 0 : deps.config.synonyms.answerWeight;
  const lexicon = deps.lexicon ?? null;
  const lexiconWeight = lexicon === null ? 0 : deps.config.lexicon.answerWeight;
  const pageChunks = deps.pageChunks ?? deps.store?.chunksOnPages;
  const pageHits = deps.config.answerPageContext;
  const ask = createAsk({
    retrieve: deps.search,
    generator,
    ...(pageHits > 0 && pageChunks
      ? { pickerPassages: (hits, filter) => withPageContext(hits, pageChunks, { pageHits, ...(filter.asOf !== undefined ? { asOf: filter.asOf } : {}) }) }
      : {}),
    ...(deps.store ? { strictByDefault: createStrictDefault(deps.store), relatedClauses: createRelatedClauses(deps.store) } : {}),
    ...(deps.onTimings ? { onTimings: deps.onTimings } : {}),
    pickerTuning: deps.config.answerPicker,
    ...(deps.termFrequencies ? { termFrequencies: deps.termFrequencies } : {}),
    ...(answerWeight > 0 || lexiconWeight > 0
      ? {
          relatedTerms: (question: string) =>
            mergeRelated(
              answerWeight > 0 ? synonymRelated(synonyms!, question, answerWeight) : null,
              lexiconWeight > 0 ? synonymRelated(lexicon!, question, lexiconWeight) : null,
            ),
        }
      : {}),
    // Gaps and a Korean question's English rendering (crosslang.ts) reach the answer the same way: as related words.
    ...(deps.config.gaps.answerWeight > 0 || (deps.config.crossLanguage.enabled && deps.config.crossLanguage.answerWeight > 0)
      ? {
          gapTerms: (gaps: readonly QueryGap[]) =>
            gapRelated(gaps, Math.max(deps.config.gaps.answerWeight, deps.config.crossLanguage.enabled ? deps.config.crossLanguage.answerWeight : 0)),
          untranslatedWeight: deps.config.crossLanguage.untranslatedWeight,
        }
      : {}),
  });
  return { ask, chat: createChat({ ask, generator }), generatorModel: deps.config.llm?.model ?? null };
}
