/**
 * Ask: question → passages → answer with citations, or a plain "not found in the documents" when the
 * evidence is missing. Generative with a model, extractive without one. Chat: a conversation condensed into
 * a standalone question, then the same.
 */
import { InvalidInputError } from "../errors.ts";
import type { AskTimings } from "../operate/metrics.ts";
import type { SearchFilter } from "../retrieve/index/port.ts";
import type { Passage, Retrieve } from "../retrieve/types.ts";
import { createMarkerFilter, resolveCitations, type Citation } from "./citations.ts";
import { extractiveAnswer } from "./extractive.ts";
import type { ChatMessage, Generator } from "./generate/port.ts";
import { NOT_FOUND_ANSWER, isNotFoundAnswer, questionLanguage } from "./language.ts";
import { buildAnswerMessages, buildCondenseMessages, parseCondensedQuestion } from "./prompt.ts";

export type AnswerMode = "generative" | "extractive";

/** The output shape `jikji ask --json` and `POST /v1/ask` promise; tools outside the project depend on it. */
export interface AskResult {
  answer: string;
  mode: AnswerMode;
  grounded: boolean;
  citations: Citation[];
}

export interface AskRequest {
  question: string;
  filter?: SearchFilter;
  /** Passages to retrieve and show the model. */
  k?: number;
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
  /** Told how long each answer spent retrieving and generating (metrics). */
  onTimings?: (timings: AskTimings) => void;
}

const DEFAULT_K = 6;
const VALID_MARKER = /\[\d+\]/;

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

  const passagesFor = async (request: AskRequest): Promise<Passage[]> => {
    const question = request.question.trim();
    if (question === "") throw new InvalidInputError("question must not be empty");
    const result = await deps.retrieve({
      query: question,
      k: request.k ?? deps.defaultK ?? DEFAULT_K,
      filter: request.filter ?? {},
      // The chunks around each hit: a procedure or a sentence cut at a chunk boundary is seldom in one chunk.
      neighbours: true,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    return result.hits;
  };

  const extractive = (question: string, passages: readonly Passage[]): AskResult => {
    const built = extractiveAnswer(question, passages);
    if (built === null) return notFound(question, "extractive");
    return { answer: built.answer, mode: "extractive", grounded: true, citations: built.citations };
  };

  return {
    async ask(request) {
      const start = performance.now();
      const passages = await passagesFor(request);
      const retrieveSeconds = (performance.now() - start) / 1000;
      if (passages.length === 0 || deps.generator === null) {
        deps.onTimings?.({ retrieveSeconds });
        return passages.length === 0 ? notFound(request.question, mode) : extractive(request.question, passages);
      }
      const generation = await deps.generator.generate({
        messages: buildAnswerMessages(request.question, passages),
        maxTokens: deps.maxTokens,
        signal: request.signal,
      });
      deps.onTimings?.({ retrieveSeconds, generateSeconds: (performance.now() - start) / 1000 - retrieveSeconds });
      return groundedResult(request.question, generation.text, passages);
    },

    async *askStream(request) {
      const start = performance.now();
      const passages = await passagesFor(request);
      const retrieveSeconds = (performance.now() - start) / 1000;
      let result: AskResult;
      if (passages.length === 0) {
        deps.onTimings?.({ retrieveSeconds });
        result = notFound(request.question, mode);
      } else if (deps.generator === null) {
        deps.onTimings?.({ retrieveSeconds });
        result = extractive(request.question, passages);
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
        if (open) {
          yield { type: "done", result };
          return;
        }
      }
      yield { type: "delta", text: result.answer };
      yield { type: "done", result };
    },
  };
}

export interface ChatRequest {
  messages: readonly ChatMessage[];
  filter?: SearchFilter;
  k?: number;
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
      const result = await deps.ask.ask({ question, filter: request.filter, k: request.k, signal: request.signal });
      return { ...result, question };
    },
    async *chatStream(request) {
      const question = await condense(request);
      yield* deps.ask.askStream({ question, filter: request.filter, k: request.k, signal: request.signal });
    },
  };
}
