/**
 * Ask: question → passages → answer with citations, or a plain "not found in the documents" when the
 * evidence is missing. Generative with a model, extractive without one. Chat: a conversation condensed into
 * a standalone question, then the same.
 */
import { InvalidInputError } from "../errors.ts";
import type { AskTimings } from "../operate/metrics.ts";
import type { SearchFilter } from "../retrieve/index/port.ts";
import type { QueryGap } from "../retrieve/gaps.ts";
import type { Passage, Retrieve } from "../retrieve/types.ts";
import { createMarkerFilter, resolveCitations, type Citation } from "./citations.ts";
import {
  extractiveAnswer,
  unheldQuestionWords,
  type ExtractiveOptions,
  type ExtractiveTuning,
  type QuestionWord,
  type RelatedTerms,
} from "./extractive.ts";
import type { ChatMessage, Generator } from "./generate/port.ts";
import { hitsOnly, type PickerPassages } from "./page-context.ts";
import { NOT_FOUND_ANSWER, isNotFoundAnswer, questionLanguage } from "./language.ts";
import { buildAnswerMessages, buildCondenseMessages, parseCondensedQuestion } from "./prompt.ts";
import { answeringPassages, namedClauseReply, strictAnswer, withListedItems, type VerifiedQuote } from "../compliance/strict.ts";
import type { RelatedClause } from "../compliance/xref.ts";

export type AnswerMode = "generative" | "extractive";

/** The output shape `jikji ask --json` and `POST /v1/ask` promise; tools outside the project depend on it. */
export interface AskResult {
  answer: string;
  mode: AnswerMode;
  grounded: boolean;
  citations: Citation[];
  /** Present (true) in strict mode only, with the fields below: nothing in the answer lacks a verified quote. */
  strict?: true;
  withheld?: number;
  quotes?: VerifiedQuote[];
  related?: RelatedClause[];
  /**
   * Present on an answer only when some of the question's words are in no document of the collection (재택근무 asked
   * of rules that never mention it): the answer is about the question's other words, and says nothing of these.
   */
  missing?: string[];
}

export interface StrictFields {
  /** Generated sentences left out because no verified quote supports them. */
  withheld: number;
  /** The verified quote behind each kept sentence, with offsets into the document's stored text. */
  quotes: VerifiedQuote[];
  /** Clauses the cited clauses refer to ("제5조에 따른", "as defined in Section 2"). */
  related: RelatedClause[];
}

export interface AskRequest {
  question: string;
  filter?: SearchFilter;
  /** Passages to retrieve and show the model. */
  k?: number;
  /** Strict mode; absent means the collection's default. */
  strict?: boolean;
  signal?: AbortSignal;
}

export type AskEvent = { type: "delta"; text: string } | { type: "done"; result: AskResult };

export interface Ask {
  ask(request: AskRequest): Promise<AskResult>;
  /** Answer text as it is written, then the complete result. Text is held until it cites a passage. */
  askStream(request: AskRequest): AsyncIterable<AskEvent>;
}

export interface AskDeps {
  retrieve: Retrieve;
  generator: Generator | null;
  defaultK?: number;
  maxTokens?: number;
  /** Whether answers in this filter's collection are strict unless the request says otherwise. */
  strictByDefault?: (filter: SearchFilter) => Promise<boolean>;
  /** Clauses a cited clause refers to, resolved in its document version. */
  relatedClauses?: (passage: Passage) => Promise<RelatedClause[]>;
  /** Told how long each answer spent retrieving and generating (metrics). */
  onTimings?: (timings: AskTimings) => void;
  /** The extractive answer's related words for a question (synonyms), or null for none. */
  relatedTerms?: (question: string) => RelatedTerms | null;
  /**
   * The extractive answer's related words for the question words retrieval found the collection lacks
   * (`SearchResult.gaps`: a Korean word asked of English pages, with the English terms searched for it), or null.
   */
  gapTerms?: (gaps: readonly QueryGap[]) => RelatedTerms | null;
  /**
   * How much a Korean question word nothing translates counts against an English sentence once other words of the
   * question are translated (`ExtractiveTuning.untranslatedWeight`, JIKJI_CROSS_LANGUAGE_UNTRANSLATED_WEIGHT).
   * Absent: the picker's default.
   */
  untranslatedWeight?: number;
  /**
   * Picker levers from the configuration (`Config.answerPicker`), for non-strict extractive answers (strict answers
   * keep the picker's defaults, as they keep the hits alone). Absent: the picker's defaults.
   */
  pickerTuning?: Pick<Partial<ExtractiveTuning>, "inheritedWeight" | "valueNeighbour" | "tableRows" | "contentsNeighbours">;
  /**
   * What the extractive picker reads besides the hits, in non-strict answers without a model: the rest of the
   * first hits' pages (src/answer/page-context.ts, JIKJI_ANSWER_PAGE_CONTEXT). Absent: the hits alone. Strict
   * answers and the model's prompt keep the hits alone.
   */
  pickerPassages?: (hits: readonly Passage[], filter: SearchFilter) => Promise<PickerPassages>;
  /**
   * How many chunks of the index hold each query term, counted no further than `atMost` (`SearchIndex.
   * documentFrequencies`, which reveals a term's existence only, never a chunk). With it, a grounded answer names the
   * question's words the collection lacks (`AskResult.missing`).
   */
  termFrequencies?: (terms: readonly string[], options: { atMost: number }) => Promise<Map<string, number>>;
}

export const DEFAULT_ASK_K = 6;
const VALID_MARKER = /\[\d+\]/;
/**
 * A grounded answer names the question's missing words (`AskResult.missing`) when they carry at least this share of
 * its words' weight, each word weighing ln(1 + MISSING_DF_CAP / (1 + the chunks holding it)).
 */
const MISSING_SHARE = 0.4;
const MISSING_DF_CAP = 1000;

function notFound(question: string, mode: AnswerMode): AskResult {
  return { answer: NOT_FOUND_ANSWER[questionLanguage(question)], mode, grounded: false, citations: [] };
}

/** A generated reply becomes a result only when it cites at least one real passage. */
function groundedResult(question: string, reply: string, passages: readonly Passage[]): AskResult {
  if (isNotFoundAnswer(reply)) return notFound(question, "generative");
  const cited = resolveCitations(reply, passages);
  if (cited.citations.length === 0) return notFound(question, "generative");
  return { answer: cited.answer, mode: "generative", grounded: true, citations: cited.citations };
}

export function createAsk(deps: AskDeps): Ask {
  const mode: AnswerMode = deps.generator === null ? "extractive" : "generative";

  /** Question words the last retrieval of each passage list found the collection lacking (see `gapTerms`). */
  const gapsOf = new WeakMap<readonly Passage[], readonly QueryGap[]>();

  const passagesFor = async (request: AskRequest): Promise<Passage[]> => {
    const question = request.question.trim();
    if (question === "") throw new InvalidInputError("question must not be empty");
    const result = await deps.retrieve({
      query: question,
      k: request.k ?? deps.defaultK ?? DEFAULT_ASK_K,
      filter: request.filter ?? {},
      // The chunks around each hit: a procedure or a sentence cut at a chunk boundary is seldom in one chunk.
      neighbours: true,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    if (result.gaps !== undefined && result.gaps.length > 0) gapsOf.set(result.hits, result.gaps);
    return result.hits;
  };

  const extractiveOptions = (question: string, retrieved: readonly Passage[]): ExtractiveOptions => {
    const gaps = gapsOf.get(retrieved);
    const fromGaps = gaps === undefined ? null : (deps.gapTerms?.(gaps) ?? null);
    const fromQuestion = deps.relatedTerms?.(question) ?? null;
    const related: RelatedTerms | null =
      fromGaps === null ? fromQuestion : fromQuestion === null ? fromGaps : (term) => [...fromQuestion(term), ...fromGaps(term)];
    // The hook's weights are the configured synonym weight itself, not a share of the default relatedWeight.
    const untranslated = deps.untranslatedWeight === undefined ? {} : { untranslatedWeight: deps.untranslatedWeight };
    return related === null ? {} : { related, tuning: { relatedWeight: 1, ...untranslated } };
  };

  /** The hits and what the picker reads with them (the rest of their pages, when configured). */
  const pickerPassagesFor = (request: AskRequest, hits: readonly Passage[]): Promise<PickerPassages> =>
    deps.pickerPassages ? deps.pickerPassages(hits, request.filter ?? {}) : Promise.resolve(hitsOnly(hits));

  const extractive = (question: string, retrieved: readonly Passage[], picker: PickerPassages): AskResult => {
    const added = picker.context.filter(Boolean).length;
    const base = extractiveOptions(question, retrieved);
    const options: ExtractiveOptions = {
      ...base,
      ...(deps.pickerTuning ? { tuning: { ...base.tuning, ...deps.pickerTuning } } : {}),
      ...(added > 0 ? { context: picker.context } : {}),
    };
    const built = extractiveAnswer(question, picker.passages, options);
    if (built === null) return notFound(question, "extractive");
    return { answer: built.answer, mode: "extractive", grounded: true, citations: built.citations };
  };

  /**
   * The question's words that no passage holds (nor a synonym, gap alternative or translation of them) and no chunk
   * of the index holds either: asked of the index only for the few words the passages lack, by the word's first term
   * (a Korean word spaced otherwise in the text still has its first bigram: 재택근무 / 재택 근무).
   */
  const withMissing = async (request: AskRequest, retrieved: readonly Passage[], result: AskResult): Promise<AskResult> => {
    if (!result.grounded || deps.termFrequencies === undefined) return result;
    const { unheld, words } = unheldQuestionWords(request.question, retrieved, extractiveOptions(request.question, retrieved).related);
    if (unheld.length === 0) return result;
    const counts = await deps.termFrequencies([...new Set(words.map((word) => word.terms[0]!))], { atMost: MISSING_DF_CAP });
    // Each word weighs what its rarity tells (a word no chunk holds the most, 방법 or 신청 little): a rare word or two
    // of a long question missing is how people paraphrase (colleague, 뜨면); half the question's weight is its topic.
    const weight = (word: QuestionWord) => Math.log(1 + MISSING_DF_CAP / (1 + (counts.get(word.terms[0]!) ?? 0)));
    const lacked = unheld.filter((word) => (counts.get(word.terms[0]!) ?? 0) === 0);
    const total = words.reduce((sum, word) => sum + weight(word), 0);
    const share = lacked.reduce((sum, word) => sum + weight(word), 0) / total;
    return share < MISSING_SHARE ? result : { ...result, missing: [...new Set(lacked.map((word) => word.word))] };
  };

  const isStrict = async (request: AskRequest): Promise<boolean> =>
    request.strict ?? (deps.strictByDefault ? await deps.strictByDefault(request.filter ?? {}) : false);

  /** Strict mode: only clauses that answer, only verified sentences, "not in the documents" otherwise. */
  const strict = async (request: AskRequest, retrieved: readonly Passage[]): Promise<AskResult> => {
    const refusal = (withheld: number): AskResult => ({
      ...notFound(request.question, mode),
      strict: true,
      withheld,
      quotes: [],
      related: [],
    });
    const passages = answeringPassages(request.question, retrieved);
    if (passages.length === 0) return refusal(0);
    let reply: string;
    if (deps.generator === null) {
      // A question naming a clause gets that clause's words; otherwise the sentences that best match it.
      const named = namedClauseReply(request.question, passages);
      const built = named === null ? extractiveAnswer(request.question, passages, extractiveOptions(request.question, retrieved)) : { answer: named };
      if (built === null) return refusal(0);
      reply = withListedItems(built.answer, passages);
    } else {
      const generation = await deps.generator.generate({
        messages: buildAnswerMessages(request.question, passages),
        maxTokens: deps.maxTokens,
        signal: request.signal,
      });
      if (isNotFoundAnswer(generation.text)) return refusal(0);
      reply = generation.text;
    }
    const checked = strictAnswer(reply, passages);
    if (checked.answer === "") return refusal(checked.withheld);
    const related: RelatedClause[] = [];
    if (deps.relatedClauses) {
      const cited = new Set(checked.citations.map((citation) => citation.chunkId));
      for (const passage of passages.filter((candidate) => cited.has(candidate.chunkId))) {
        for (const clause of await deps.relatedClauses(passage)) {
          if (!cited.has(clause.chunkId) && !related.some((known) => known.chunkId === clause.chunkId)) related.push(clause);
        }
      }
    }
    return {
      answer: checked.answer,
      mode,
      grounded: true,
      citations: checked.citations,
      strict: true,
      withheld: checked.withheld,
      quotes: checked.quotes,
      related,
    };
  };

  /** The answer from the retrieved passages, strict, extractive or written by the model; `start`: when retrieving began. */
  const answerFrom = async (request: AskRequest, passages: readonly Passage[], start: number): Promise<AskResult> => {
    const retrieveSeconds = (performance.now() - start) / 1000;
    if (await isStrict(request)) {
      deps.onTimings?.({ retrieveSeconds });
      return strict(request, passages);
    }
    if (passages.length === 0) {
      deps.onTimings?.({ retrieveSeconds });
      return notFound(request.question, mode);
    }
    if (deps.generator === null) {
      // Reading the hits' pages is part of retrieving: the timings count it there.
      const picker = await pickerPassagesFor(request, passages);
      deps.onTimings?.({ retrieveSeconds: (performance.now() - start) / 1000 });
      return extractive(request.question, passages, picker);
    }
    const generation = await deps.generator.generate({
      messages: buildAnswerMessages(request.question, passages),
      maxTokens: deps.maxTokens,
      signal: request.signal,
    });
    deps.onTimings?.({ retrieveSeconds, generateSeconds: (performance.now() - start) / 1000 - retrieveSeconds });
    return groundedResult(request.question, generation.text, passages);
  };

  return {
    async ask(request) {
      const start = performance.now();
      const passages = await passagesFor(request);
      return withMissing(request, passages, await answerFrom(request, passages, start));
    },

    async *askStream(request) {
      const start = performance.now();
      const passages = await passagesFor(request);
      const retrieveSeconds = (performance.now() - start) / 1000;
      let result: AskResult;
      /** Whether the model's text has already been streamed as it was written. */
      let shown = false;
      if (await isStrict(request)) {
        // Nothing is shown before every sentence is verified.
        deps.onTimings?.({ retrieveSeconds });
        result = await strict(request, passages);
      } else if (passages.length === 0) {
        deps.onTimings?.({ retrieveSeconds });
        result = notFound(request.question, mode);
      } else if (deps.generator === null) {
        const picker = await pickerPassagesFor(request, passages);
        deps.onTimings?.({ retrieveSeconds: (performance.now() - start) / 1000 });
        result = extractive(request.question, passages, picker);
      } else {
        const markers = createMarkerFilter(passages.length);
        let streamed = "";
        // Until the text cites a passage it may turn out to be ungrounded, so none of it is shown yet.
        let held = "";
        let open = false;
        const release = function* (text: string): Iterable<AskEvent> {
          if (text === "") return;
          streamed += text;
          if (open) {
            yield { type: "delta", text };
            return;
          }
          held += text;
          if (VALID_MARKER.test(held)) {
            open = true;
            yield { type: "delta", text: held };
            held = "";
          }
        };
        const events = deps.generator.stream({
          messages: buildAnswerMessages(request.question, passages),
          maxTokens: deps.maxTokens,
          signal: request.signal,
        });
        for await (const event of events) {
          if (event.type === "text") yield* release(markers.push(event.delta));
        }
        yield* release(markers.end());
        deps.onTimings?.({ retrieveSeconds, generateSeconds: (performance.now() - start) / 1000 - retrieveSeconds });
        result = groundedResult(request.question, streamed, passages);
        shown = open;
      }
      result = await withMissing(request, passages, result);
      // Text already streamed is not said again.
      if (!shown) yield { type: "delta", text: result.answer };
      yield { type: "done", result };
    },
  };
}

export interface ChatRequest {
  messages: readonly ChatMessage[];
  filter?: SearchFilter;
  k?: number;
  strict?: boolean;
  signal?: AbortSignal;
}

export interface Chat {
  /** The standalone question the conversation asks. */
  condense(request: ChatRequest): Promise<string>;
  chat(request: ChatRequest): Promise<AskResult & { question: string }>;
  chatStream(request: ChatRequest): AsyncIterable<AskEvent>;
}

export function createChat(deps: { ask: Ask; generator: Generator | null }): Chat {
  const condense = async (request: ChatRequest): Promise<string> => {
    const users = request.messages.filter((message) => message.role === "user");
    const last = users.at(-1)?.content.trim() ?? "";
    if (last === "") throw new InvalidInputError("messages must end with a non-empty user message");
    const hasHistory = request.messages.some((message) => message.role === "assistant") || users.length > 1;
    if (!hasHistory || deps.generator === null) return last;
    const reply = await deps.generator.generate({
      messages: buildCondenseMessages(request.messages),
      maxTokens: 200,
      signal: request.signal,
    });
    const question = parseCondensedQuestion(reply.text);
    // A condensation in another language than the user's would answer in the wrong language.
    return question !== "" && questionLanguage(question) === questionLanguage(last) ? question : last;
  };

  return {
    condense,
    async chat(request) {
      const question = await condense(request);
      const result = await deps.ask.ask({ question, filter: request.filter, k: request.k, strict: request.strict, signal: request.signal });
      return { ...result, question };
    },
    async *chatStream(request) {
      const question = await condense(request);
      yield* deps.ask.askStream({ question, filter: request.filter, k: request.k, strict: request.strict, signal: request.signal });
    },
  };
}
