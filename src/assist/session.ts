/**
 * Agent assist over a contact: sessions and turns in the store, one query per turn from the call so far,
 * an extractive suggestion or silence, streamed to whoever listens to the session. With a model configured a
 * generative suggestion may follow on the stream; the turn's reply never waits for it.
 */
import type { Ask } from "../answer/ask.ts";
import type { AnswerLanguage } from "../answer/language.ts";
import { ConflictError, InvalidInputError, NotFoundError, PayloadTooLargeError } from "../errors.ts";
import type { SearchFilter } from "../retrieve/index/port.ts";
import type { Passage, Retrieve } from "../retrieve/types.ts";
import type { AssistSessionRow, AssistSuggestionRow, AssistTurnRow } from "../store/assist.ts";
import type { AssistFeedbackEvent } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import { createAssistHub, type AssistEvent, type AssistHub } from "./hub.ts";
import { buildQuery, DEFAULT_WINDOW, triggersSuggestions, type Speaker } from "./query.ts";
import { DEFAULT_THRESHOLDS, decide, draftSuggestion, type SuggestionDraft } from "./suggest.ts";

export interface AssistDeps {
  store: Store;
  retrieve: Retrieve;
  /** Generative answers (a model is configured), or null for extractive suggestions only. */
  generative?: Ask | null;
  thresholds?: Readonly<Record<AnswerLanguage, number>>;
  /** Customer turns the query reads. */
  window?: number;
  /** Passages retrieved per turn. */
  k?: number;
  /** Longest turn text accepted, in characters. */
  maxTurnChars?: number;
  /** Sessions untouched for longer are deleted (checked at most hourly, when a session opens). */
  retentionDays?: number;
  onError?: (error: unknown) => void;
}

/** A suggestion as the API and the console show it. */
export interface Suggestion {
  id: string;
  turnId: string;
  kind: "answer" | "article";
  mode: "extractive" | "generative";
  text: string;
  citations: AssistSuggestionRow["citations"];
  confidence: number;
}

/** Who calls: a session belongs to the principal that opened it (admins may use any). */
export interface AssistCaller {
  name: string;
  admin: boolean;
}

export interface TurnInput {
  speaker: Speaker;
  text: string;
  final: boolean;
}

export const MAX_TURN_CHARS = 4000;
// The extractive answer reads the top three passages; fetching more only costs hydration.
const DEFAULT_K = 3;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export function presentSuggestion(row: AssistSuggestionRow): Suggestion {
  return {
    id: row.id,
    turnId: row.turnId,
    kind: row.kind,
    mode: row.mode,
    text: row.text,
    citations: row.citations,
    confidence: row.confidence,
  };
}

export function createAssist(deps: AssistDeps) {
  const hub: AssistHub = createAssistHub();
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const window = deps.window ?? DEFAULT_WINDOW;
  const maxTurnChars = deps.maxTurnChars ?? MAX_TURN_CHARS;
  let lastPurge = 0;
  const pending = new Set<Promise<void>>();

  const sessionFor = async (id: string, caller: AssistCaller): Promise<AssistSessionRow> => {
    const session = await deps.store.getAssistSession(id);
    // Another principal's session is reported as missing, so its existence is not revealed.
    if (!session || (!caller.admin && session.principal !== caller.name)) throw new NotFoundError(`No assist session with id ${id}`);
    return session;
  };

  const suggestGenerative = async (
    session: AssistSessionRow,
    turn: AssistTurnRow,
    question: string,
    queryTerms: string[],
    filter: SearchFilter,
    passages: readonly Passage[],
  ): Promise<void> => {
    const result = await deps.generative!.ask({ question, filter });
    if (!result.grounded || result.citations.length === 0) return;
    const byChunk = new Map(passages.map((passage) => [passage.chunkId, passage]));
    const row = await deps.store.addAssistSuggestion({
      sessionId: session.id,
      turnId: turn.id,
      kind: "answer",
      mode: "generative",
      text: result.answer,
      citations: result.citations.map((citation) => ({
        documentId: citation.documentId,
        source: citation.source,
        title: byChunk.get(citation.chunkId)?.title ?? null,
        page: citation.page,
        section: byChunk.get(citation.chunkId)?.headingPath.join(" > ") || null,
        chunkId: citation.chunkId,
        quote: citation.quote,
        verified: citation.verified,
      })),
      // A grounded model answer is as sure as the retrieval the extractive suggestion was measured on.
      confidence: 1,
      query: question,
      queryTerms,
    });
    hub.publish(session.id, { type: "suggestions", turnId: turn.id, suggestions: [presentSuggestion(row)] });
  };

  return {
    hub,

    async createSession(input: {
      collection: string | null;
      accessGroups: string[] | null;
      language: AnswerLanguage | null;
      caller: AssistCaller;
    }): Promise<AssistSessionRow> {
      if (deps.retentionDays !== undefined && Date.now() - lastPurge > PURGE_INTERVAL_MS) {
        lastPurge = Date.now();
        await deps.store.purgeAssistSessions(new Date(Date.now() - deps.retentionDays * 24 * 60 * 60 * 1000));
      }
      return deps.store.createAssistSession({
        collection: input.collection,
        accessGroups: input.accessGroups,
        language: input.language,
        principal: input.caller.name,
      });
    },

    session: sessionFor,

    async close(id: string, caller: AssistCaller): Promise<void> {
      const session = await sessionFor(id, caller);
      if (session.status === "closed") return;
      await deps.store.closeAssistSession(id);
      hub.publish(id, { type: "closed" });
      hub.end(id);
    },

    /**
     * Stores the turn and returns the suggestions it produced (possibly none). `filter` is what the caller may read
     * within the session's scope (the API builds it with the one access check every read route uses); suggestions
     * never cite anything else.
     */
    async addTurn(
      session: AssistSessionRow,
      filter: SearchFilter,
      input: TurnInput,
    ): Promise<{ turn: AssistTurnRow; suggestions: Suggestion[] }> {
      if (session.status === "closed") throw new ConflictError(`Assist session ${session.id} is closed`);
      if (input.text.length > maxTurnChars) {
        throw new PayloadTooLargeError(`body.text: a turn may hold at most ${maxTurnChars} characters`);
      }
      // A final turn with no words would replace the speaker's partial text with nothing and suggest over nothing.
      if (input.final && input.text.trim() === "") {
        throw new InvalidInputError("body.text: a final turn must not be empty (send partial text with final: false)");
      }
      const turn = await deps.store.recordAssistTurn(session.id, input);
      hub.publish(session.id, {
        type: "turn",
        turn: { id: turn.id, ordinal: turn.ordinal, speaker: turn.speaker, text: turn.text, final: turn.final },
      });
      if (!triggersSuggestions(input)) return { turn, suggestions: [] };

      const history = await deps.store.assistTurns(session.id, window * 4);
      const query = buildQuery(
        history.map((row) => ({ speaker: row.speaker, text: row.text })),
        { window },
      );
      if (query.text === "") return { turn, suggestions: [] };
      // What the session already showed is read while the index is searched.
      const [{ hits }, shown] = await Promise.all([
        deps.retrieve({ query: query.text, k: deps.k ?? DEFAULT_K, filter }),
        deps.store.assistSuggestions(session.id),
      ]);
      const draft: SuggestionDraft | null = draftSuggestion(query, hits);
      if (draft === null) return { turn, suggestions: [] };
      const decision = decide(
        draft,
        query,
        shown.map((row) => ({ text: row.text, chunkIds: row.citations.map((c) => c.chunkId), queryTerms: row.queryTerms })),
        thresholds,
      );
      if (!decision.show) return { turn, suggestions: [] };
      const row = await deps.store.addAssistSuggestion({
        sessionId: session.id,
        turnId: turn.id,
        ...draft,
        query: query.text,
        queryTerms: query.terms,
      });
      const suggestions = [presentSuggestion(row)];
      hub.publish(session.id, { type: "suggestions", turnId: turn.id, suggestions });
      if (deps.generative && input.final) {
        const work = suggestGenerative(session, turn, query.text, query.terms, filter, hits)
          .catch((error: unknown) => deps.onError?.(error))
          .finally(() => pending.delete(work));
        pending.add(work);
      }
      return { turn, suggestions };
    },

    async transcript(session: AssistSessionRow) {
      const [turns, suggestions] = await Promise.all([deps.store.assistTurns(session.id), deps.store.assistSuggestions(session.id)]);
      return {
        id: session.id,
        status: session.status,
        collection: session.collection,
        language: session.language,
        createdAt: session.createdAt.toISOString(),
        closedAt: session.closedAt?.toISOString() ?? null,
        turns: turns.map((turn) => ({
          id: turn.id,
          ordinal: turn.ordinal,
          speaker: turn.speaker,
          text: turn.text,
          final: turn.final,
          suggestions: suggestions.filter((row) => row.turnId === turn.id).map(presentSuggestion),
        })),
      };
    },

    async feedback(session: AssistSessionRow, input: { suggestionId: string; event: AssistFeedbackEvent; comment: string | null }) {
      const suggestion = await deps.store.getAssistSuggestion(input.suggestionId);
      if (!suggestion || suggestion.sessionId !== session.id) {
        throw new NotFoundError(`No suggestion ${input.suggestionId} in assist session ${session.id}`);
      }
      return deps.store.addAssistFeedback({ sessionId: session.id, suggestion, event: input.event, comment: input.comment });
    },

    feedbackSummary: (collection?: string | null) => deps.store.assistFeedbackSummary(collection === undefined ? {} : { collection }),

    subscribe: (sessionId: string, listener: (event: AssistEvent) => void, onEnd?: () => void) =>
      hub.subscribe(sessionId, listener, onEnd),

    /** Resolves when background (generative) suggestions have finished; for tests and shutdown. */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

export type Assist = ReturnType<typeof createAssist>;

/** The filter of a session for a trusted local caller (CLI replay, benches): its collection and groups. */
export function sessionFilter(session: AssistSessionRow, accessGroups: readonly string[] | undefined): SearchFilter {
  return {
    ...(session.collection !== null ? { collection: session.collection } : {}),
    ...(accessGroups !== undefined ? { accessGroups } : {}),
  };
}
