/**
 * The agent-assist part of the store: sessions (one per contact), their turns, the suggestions shown per turn
 * and the feedback on them. Written against drizzle's Postgres core like the rest of the store.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, isNull, lt, notExists, sql } from "drizzle-orm";
import { ConflictError } from "../errors.ts";
import type { Database } from "./db.ts";
import {
  assistFeedback,
  assistSessions,
  assistSuggestions,
  assistTurns,
  documents,
  type AssistCitation,
  type AssistFeedbackEvent,
} from "./schema.ts";

export type AssistSessionRow = typeof assistSessions.$inferSelect;
export type AssistTurnRow = typeof assistTurns.$inferSelect;
export type AssistSuggestionRow = typeof assistSuggestions.$inferSelect;
export type AssistFeedbackRow = typeof assistFeedback.$inferSelect;

export interface NewAssistSuggestion {
  sessionId: string;
  turnId: string;
  kind: "answer" | "article";
  mode: "extractive" | "generative";
  text: string;
  citations: AssistCitation[];
  confidence: number;
  query: string;
  queryTerms: string[];
}

export interface FeedbackSummary {
  /** Collection the sessions were scoped to; null for sessions over every collection. */
  collection: string | null;
  suggestions: number;
  displayed: number;
  clicked: number;
  copied: number;
  helpful: number;
  notHelpful: number;
  /** Suggestions clicked among those displayed (0 when none was displayed). */
  clickRate: number;
  /** helpful / (helpful + not helpful), 0 when nobody rated. */
  helpfulRate: number;
  /** Documents most often cited by suggestions marked not helpful. */
  notHelpfulDocuments: Array<{ documentId: string; source: string | null; count: number }>;
}

export function createAssistRepository(db: Database) {
  return {
    async createAssistSession(input: {
      collection: string | null;
      accessGroups: string[] | null;
      language: string | null;
      principal: string;
    }): Promise<AssistSessionRow> {
      const [row] = await db
        .insert(assistSessions)
        .values({ id: randomUUID(), ...input, status: "open" })
        .returning();
      return row!;
    },

    async getAssistSession(id: string): Promise<AssistSessionRow | null> {
      const [row] = await db.select().from(assistSessions).where(eq(assistSessions.id, id));
      return row ?? null;
    },

    async closeAssistSession(id: string): Promise<void> {
      await db
        .update(assistSessions)
        .set({ status: "closed", closedAt: new Date(), updatedAt: new Date() })
        .where(eq(assistSessions.id, id));
    },

    /**
     * Records recognizer text: a partial updates the speaker's open turn when it is the latest one, a final
     * closes it; otherwise a new turn starts. Returns the turn as stored.
     */
    async recordAssistTurn(sessionId: string, input: { speaker: "customer" | "agent"; text: string; final: boolean }): Promise<AssistTurnRow> {
      for (let attempt = 0; ; attempt++) {
        const [last] = await db
          .select()
          .from(assistTurns)
          .where(eq(assistTurns.sessionId, sessionId))
          .orderBy(desc(assistTurns.ordinal))
          .limit(1);
        if (last && !last.final && last.speaker === input.speaker) {
          const [updated] = await db
            .update(assistTurns)
            .set({ text: input.text, final: input.final, updatedAt: new Date() })
            .where(and(eq(assistTurns.id, last.id), eq(assistTurns.final, false)))
            .returning();
          if (updated) return updated;
        } else {
          // No transaction on the hot path: the unique (session, ordinal) index settles a race, and the loser
          // reads the new last turn and tries again.
          const [created] = await db
            .insert(assistTurns)
            .values({ id: randomUUID(), sessionId, ordinal: (last?.ordinal ?? -1) + 1, ...input })
            .onConflictDoNothing()
            .returning();
          if (created) return created;
        }
        if (attempt >= 5) throw new ConflictError(`Assist session ${sessionId} is taking turns too fast; retry`);
      }
    },

    async assistTurns(sessionId: string, limit?: number): Promise<AssistTurnRow[]> {
      const query = db.select().from(assistTurns).where(eq(assistTurns.sessionId, sessionId)).orderBy(desc(assistTurns.ordinal));
      const rows = limit === undefined ? await query : await query.limit(limit);
      return rows.reverse();
    },

    async addAssistSuggestion(input: NewAssistSuggestion): Promise<AssistSuggestionRow> {
      const [row] = await db
        .insert(assistSuggestions)
        .values({ id: randomUUID(), ...input })
        .returning();
      return row!;
    },

    async assistSuggestions(sessionId: string): Promise<AssistSuggestionRow[]> {
      return db
        .select()
        .from(assistSuggestions)
        .where(eq(assistSuggestions.sessionId, sessionId))
        .orderBy(asc(assistSuggestions.createdAt));
    },

    async getAssistSuggestion(id: string): Promise<AssistSuggestionRow | null> {
      const [row] = await db.select().from(assistSuggestions).where(eq(assistSuggestions.id, id));
      return row ?? null;
    },

    async addAssistFeedback(input: {
      sessionId: string;
      suggestion: AssistSuggestionRow;
      event: AssistFeedbackEvent;
      comment: string | null;
    }): Promise<AssistFeedbackRow> {
      const citations = input.suggestion.citations;
      const [row] = await db
        .insert(assistFeedback)
        .values({
          id: randomUUID(),
          sessionId: input.sessionId,
          suggestionId: input.suggestion.id,
          event: input.event,
          comment: input.comment,
          chunkIds: [...new Set(citations.map((citation) => citation.chunkId))],
          documentIds: [...new Set(citations.map((citation) => citation.documentId))],
        })
        .returning();
      return row!;
    },

    /** Feedback per collection; `collection` undefined = every collection, null = sessions over all of them. */
    async assistFeedbackSummary(options: { collection?: string | null; topDocuments?: number } = {}): Promise<FeedbackSummary[]> {
      const scope =
        options.collection === undefined
          ? undefined
          : options.collection === null
            ? isNull(assistSessions.collection)
            : eq(assistSessions.collection, options.collection);
      const suggestions = await db
        .select({ id: assistSuggestions.id, collection: assistSessions.collection })
        .from(assistSuggestions)
        .innerJoin(assistSessions, eq(assistSessions.id, assistSuggestions.sessionId))
        .where(scope);
      const events = await db
        .select({
          suggestionId: assistFeedback.suggestionId,
          event: assistFeedback.event,
          documentIds: assistFeedback.documentIds,
          collection: assistSessions.collection,
        })
        .from(assistFeedback)
        .innerJoin(assistSessions, eq(assistSessions.id, assistFeedback.sessionId))
        .where(scope);

      const byCollection = new Map<string | null, { suggestions: number; events: typeof events }>();
      const bucket = (collection: string | null) => {
        let entry = byCollection.get(collection);
        if (!entry) byCollection.set(collection, (entry = { suggestions: 0, events: [] }));
        return entry;
      };
      for (const suggestion of suggestions) bucket(suggestion.collection).suggestions++;
      for (const event of events) bucket(event.collection).events.push(event);

      const documentIds = [...new Set(events.filter((e) => e.event === "not_helpful").flatMap((e) => e.documentIds))];
      const sources = new Map<string, string>();
      if (documentIds.length > 0) {
        const rows = await db.select({ id: documents.id, source: documents.source }).from(documents).where(inArray(documents.id, documentIds));
        for (const row of rows) sources.set(row.id, row.source);
      }

      const summaries: FeedbackSummary[] = [];
      for (const [collection, entry] of byCollection) {
        const withEvent = (event: AssistFeedbackEvent) =>
          new Set(entry.events.filter((e) => e.event === event).map((e) => e.suggestionId));
        const displayed = withEvent("displayed");
        const clicked = withEvent("clicked");
        const helpful = entry.events.filter((e) => e.event === "helpful").length;
        const notHelpful = entry.events.filter((e) => e.event === "not_helpful");
        const counts = new Map<string, number>();
        for (const event of notHelpful) for (const id of event.documentIds) counts.set(id, (counts.get(id) ?? 0) + 1);
        summaries.push({
          collection,
          suggestions: entry.suggestions,
          displayed: displayed.size,
          clicked: clicked.size,
          copied: withEvent("copied").size,
          helpful,
          notHelpful: notHelpful.length,
          clickRate: displayed.size === 0 ? 0 : [...clicked].filter((id) => displayed.has(id)).length / displayed.size,
          helpfulRate: helpful + notHelpful.length === 0 ? 0 : helpful / (helpful + notHelpful.length),
          notHelpfulDocuments: [...counts]
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, options.topDocuments ?? 5)
            .map(([documentId, count]) => ({ documentId, source: sources.get(documentId) ?? null, count })),
        });
      }
      return summaries.sort((a, b) => (a.collection ?? "").localeCompare(b.collection ?? ""));
    },

    /** Deletes sessions (with their turns, suggestions and feedback) untouched since `before`. */
    async purgeAssistSessions(before: Date): Promise<number> {
      // A session is touched by its turns; their times are checked here instead of writing the session per turn.
      const recentTurn = db
        .select({ one: sql`1` })
        .from(assistTurns)
        .where(and(eq(assistTurns.sessionId, assistSessions.id), gte(assistTurns.updatedAt, before)));
      const deleted = await db
        .delete(assistSessions)
        .where(and(lt(assistSessions.updatedAt, before), notExists(recentTurn)))
        .returning({ id: assistSessions.id });
      return deleted.length;
    },

    async countAssistSessions(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(assistSessions).where(and());
      return row?.n ?? 0;
    },
  };
}
