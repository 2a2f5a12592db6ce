/**
 * The workspace's conversations, kept per person, and the thumbs up/down people leave on answers. Written against
 * drizzle's Postgres core like the rest of the store, so PGlite and PostgreSQL share it.
 *
 * Every read and write names the owner: a conversation someone else owns is treated exactly like a missing one.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import { ConflictError } from "../errors.ts";
import type { Database } from "./db.ts";
import { answerFeedback, conversationMessages, conversations, type ConversationCitation } from "./schema.ts";

export type ConversationRow = typeof conversations.$inferSelect;
export type ConversationMessageRow = typeof conversationMessages.$inferSelect;
export type AnswerFeedbackRow = typeof answerFeedback.$inferSelect;

/** A turn as the chat request carries it. */
export interface ExchangeTurn {
  role: "user" | "assistant";
  content: string;
}

/** The answer the server produced for the last user turn. */
export interface ExchangeAnswer {
  content: string;
  mode: "extractive" | "generative";
  grounded: boolean;
  citations: ConversationCitation[];
}

/** Titles are the first question, cut at a word boundary near this many characters. */
const TITLE_CHARS = 80;

export function titleFrom(question: string): string {
  const flat = question.replace(/\s+/g, " ").trim();
  if (flat.length <= TITLE_CHARS) return flat;
  const cut = flat.slice(0, TITLE_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

export function createConversationRepository(db: Database) {
  async function owned(owner: string, id: string): Promise<ConversationRow | null> {
    const [row] = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.owner, owner)));
    return row ?? null;
  }

  return {
    async createConversation(input: { owner: string; title: string; collection: string | null }): Promise<ConversationRow> {
      const [row] = await db
        .insert(conversations)
        .values({ id: randomUUID(), owner: input.owner, title: input.title, collection: input.collection })
        .returning();
      return row!;
    },

    /** The owner's conversations, most recently used first, with how many messages each holds. */
    async listConversations(owner: string, page: { limit: number; offset: number }) {
      return db
        .select({
          id: conversations.id,
          title: conversations.title,
          collection: conversations.collection,
          createdAt: conversations.createdAt,
          updatedAt: conversations.updatedAt,
          // Spelled out: drizzle leaves columns unqualified here, and inside the subquery "id" would be the message's.
          messageCount: sql<number>`(select count(*)::int from conversation_messages m where m.conversation_id = conversations.id)`,
        })
        .from(conversations)
        .where(eq(conversations.owner, owner))
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(page.limit)
        .offset(page.offset);
    },

    getConversation: owned,

    async conversationMessages(conversationId: string): Promise<ConversationMessageRow[]> {
      return db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.conversationId, conversationId))
        .orderBy(asc(conversationMessages.ordinal));
    },

    async renameConversation(owner: string, id: string, title: string): Promise<ConversationRow | null> {
      const [row] = await db
        .update(conversations)
        .set({ title, updatedAt: new Date() })
        .where(and(eq(conversations.id, id), eq(conversations.owner, owner)))
        .returning();
      return row ?? null;
    },

    /** Deletes the conversation and its messages; feedback given on them stays, detached (it holds its own copy). */
    async deleteConversation(owner: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(conversations)
        .where(and(eq(conversations.id, id), eq(conversations.owner, owner)))
        .returning({ id: conversations.id });
      return rows.length > 0;
    },

    /**
     * Stores one exchange: the turns the request carried, then the server's answer to the last of them. The stored
     * transcript follows the request: stored messages that match the request's turns (same role and text, in order)
     * are kept with their citations; from the first difference on (a regenerated answer, an edited question) the
     * stored messages are replaced. `from` is the stored position of the first turn, when a long conversation sends
     * only its latest messages; the messages before it are kept as they are. Returns the stored answer's id, or null
     * when the owner has no such conversation.
     */
    async recordExchange(owner: string, id: string, turns: readonly ExchangeTurn[], answer: ExchangeAnswer, from = 0): Promise<string | null> {
      return db.transaction(async (tx) => {
        const [conversation] = await tx
          .select()
          .from(conversations)
          .where(and(eq(conversations.id, id), eq(conversations.owner, owner)))
          .for("update");
        if (!conversation) return null;
        const stored = await tx
          .select({ ordinal: conversationMessages.ordinal, role: conversationMessages.role, content: conversationMessages.content })
          .from(conversationMessages)
          .where(eq(conversationMessages.conversationId, id))
          .orderBy(asc(conversationMessages.ordinal));
        if (from > stored.length) {
          throw new ConflictError(`Conversation ${id} holds ${stored.length} messages; the request's start ${from} is past its end`);
        }
        let same = 0;
        const at = (i: number) => stored[from + i];
        while (from + same < stored.length && same < turns.length && at(same)!.role === turns[same]!.role && at(same)!.content === turns[same]!.content) {
          same++;
        }
        if (from + same < stored.length) {
          await tx
            .delete(conversationMessages)
            .where(and(eq(conversationMessages.conversationId, id), gte(conversationMessages.ordinal, from + same)));
        }
        const rows: Array<typeof conversationMessages.$inferInsert> = turns.slice(same).map((turn, i) => ({
          id: randomUUID(),
          conversationId: id,
          ordinal: from + same + i,
          role: turn.role,
          content: turn.content,
        }));
        const answerId = randomUUID();
        rows.push({
          id: answerId,
          conversationId: id,
          ordinal: from + turns.length,
          role: "assistant",
          content: answer.content,
          mode: answer.mode,
          grounded: answer.grounded,
          citations: answer.citations,
        });
        await tx.insert(conversationMessages).values(rows);
        const firstQuestion = turns.find((turn) => turn.role === "user")?.content;
        await tx
          .update(conversations)
          .set({ updatedAt: new Date(), ...(conversation.title === "" && firstQuestion ? { title: titleFrom(firstQuestion) } : {}) })
          .where(eq(conversations.id, id));
        return answerId;
      });
    },

    /**
     * Thumbs up or down on a stored answer of the owner's conversation (given again, it replaces the earlier one).
     * Null when there is no such answer for this owner.
     */
    async rateAnswer(input: {
      owner: string;
      conversationId: string;
      messageId: string;
      rating: "up" | "down";
      comment: string | null;
    }): Promise<AnswerFeedbackRow | null> {
      return db.transaction(async (tx) => {
        const [conversation] = await tx
          .select({ id: conversations.id })
          .from(conversations)
          .where(and(eq(conversations.id, input.conversationId), eq(conversations.owner, input.owner)));
        if (!conversation) return null;
        const [message] = await tx
          .select()
          .from(conversationMessages)
          .where(and(eq(conversationMessages.id, input.messageId), eq(conversationMessages.conversationId, input.conversationId)));
        if (!message || message.role !== "assistant") return null;
        const [question] = await tx
          .select({ content: conversationMessages.content })
          .from(conversationMessages)
          .where(and(eq(conversationMessages.conversationId, input.conversationId), eq(conversationMessages.ordinal, message.ordinal - 1)));
        const values = {
          owner: input.owner,
          rating: input.rating,
          comment: input.comment,
          question: question?.content ?? "",
          answer: message.content,
          mode: message.mode,
          grounded: message.grounded,
          citations: message.citations,
          updatedAt: new Date(),
        };
        const [row] = await tx
          .insert(answerFeedback)
          .values({ id: randomUUID(), messageId: message.id, conversationId: input.conversationId, ...values })
          .onConflictDoUpdate({ target: answerFeedback.messageId, set: values })
          .returning();
        return row!;
      });
    },

    /** Every piece of feedback, newest first (for admins), optionally only ups or downs. */
    async listFeedback(query: { rating?: "up" | "down"; limit: number; offset: number }): Promise<AnswerFeedbackRow[]> {
      return db
        .select()
        .from(answerFeedback)
        .where(query.rating ? eq(answerFeedback.rating, query.rating) : undefined)
        .orderBy(desc(answerFeedback.updatedAt), desc(answerFeedback.id))
        .limit(query.limit)
        .offset(query.offset);
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
