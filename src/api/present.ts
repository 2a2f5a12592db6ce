/**
 * The public shapes of what the API returns, as zod schemas: the presenters below build them, the OpenAPI document
 * (`/openapi.json`) describes them, and test/api/openapi.test.ts checks real responses against that description.
 * Objects are strict, so a field added to a response without being added here fails that test.
 */
import { z } from "zod";
import type { DocumentSummary, JobRow } from "../store/store.ts";
import { ERROR_CODES } from "./errors.ts";

const timestamp = z.iso.datetime({ offset: true });
const isoDay = z.string().meta({ description: "An ISO day, e.g. 2025-03-01", example: "2025-03-01" });
const uuid = z.uuid();
const groups = z.array(z.string());

export const DocumentSchema = z
  .strictObject({
    id: uuid,
    collection: z.string(),
    source: z.string().meta({ description: "The file's path relative to the ingested folder, or its name" }),
    title: z.string().nullable(),
    mediaType: z.string(),
    sha256: z.string(),
    sizeBytes: z.int(),
    version: z.int().meta({ description: "The version search reads" }),
    status: z.enum(["indexing", "ready", "failed"]),
    pageCount: z.int().nullable(),
    chunkCount: z.int(),
    accessGroups: groups.meta({ description: "Groups that may read it; empty: the collection's rule for documents without groups" }),
    metadata: z.record(z.string(), z.unknown()),
    warnings: z.array(z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Document" });

export const DocumentList = z
  .strictObject({ documents: z.array(DocumentSchema), limit: z.int(), offset: z.int() })
  .meta({ id: "DocumentList" });

/** The public shape of a document: what clients may rely on, nothing internal. */
export function presentDocument(document: DocumentSummary): z.infer<typeof DocumentSchema> {
  return {
    id: document.id,
    collection: document.collection,
    source: document.source,
    title: document.title,
    mediaType: document.mediaType,
    sha256: document.sha256,
    sizeBytes: document.sizeBytes,
    version: document.version,
    status: document.status,
    pageCount: document.pageCount,
    chunkCount: document.chunkCount,
    accessGroups: document.accessGroups,
    metadata: document.metadata,
    warnings: document.warnings,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}

export const JobSchema = z
  .strictObject({
    id: uuid,
    status: z.enum(["queued", "running", "succeeded", "failed", "partial"]),
    counters: z.strictObject({
      filesTotal: z.int(),
      filesDone: z.int(),
      ingested: z.int(),
      unchanged: z.int(),
      failed: z.int(),
      pages: z.int(),
      chunks: z.int(),
      deleted: z.int().optional().meta({ description: "Documents removed by a folder sync; absent otherwise" }),
    }),
    files: z.array(
      z.strictObject({
        source: z.string(),
        action: z.enum(["ingested", "unchanged", "failed", "deleted"]),
        documentId: uuid.optional(),
        error: z.string().optional(),
        code: z.enum(ERROR_CODES).optional().meta({ description: "With `error`: its code, as in error bodies" }),
        warnings: z.array(z.string()).optional(),
      }),
    ),
    error: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: "Job" });

export function presentJob(job: JobRow): z.infer<typeof JobSchema> {
  return {
    id: job.id,
    status: job.status,
    counters: job.counters,
    files: job.files,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** The answer to an upload or a re-ingest: a job to follow at `Location`. */
export const JobAccepted = z
  .strictObject({ jobId: uuid, status: z.literal("queued"), collection: z.string(), files: z.array(z.string()) })
  .meta({ id: "JobAccepted" });

export const Health = z
  .strictObject({
    status: z.enum(["ok", "unavailable"]),
    store: z.string().optional(),
    index: z.string().optional(),
    embedder: z.string().nullable().optional(),
    generator: z.string().nullable().optional(),
    documents: z.int().optional(),
    chunks: z.int().optional(),
    jobsQueued: z.int().optional(),
    indexStatus: z
      .strictObject({
        state: z.enum(["current", "stale"]),
        analyzerBuilt: z.int().nullable().optional().meta({ description: "Analyzer version the index was built with; null: unknown (an older jikji)" }),
        analyzerCurrent: z.int().optional(),
        decomposedCollections: z.array(z.string()).optional(),
        decomposedGroups: z.array(z.string()).optional().meta({ description: "Access-group names an older jikji stored decomposed (NFD); jikji reindex composes them" }),
        message: z.string().nullable().optional().meta({ description: "Why the index is stale and the command that rebuilds it (jikji reindex)" }),
      })
      .optional()
      .meta({ description: "Whether the search index was built by this jikji's tokenizer; stale: searches miss documents until `jikji reindex`" }),
  })
  .meta({ id: "Health", description: "Always the status; the rest only for an identified caller (or when no keys are configured)" });

export const SearchHit = z
  .strictObject({
    documentId: uuid,
    source: z.string(),
    title: z.string().nullable(),
    page: z.int().nullable().meta({ description: "1-based page where the match is; null for formats without pages" }),
    chunkId: uuid,
    score: z.number(),
    text: z.string(),
    section: z.string().nullable(),
    clause: z.string().nullable().meta({ description: 'Clause path, e.g. "제12조(연차휴가) 제2항"' }),
    collection: z.string(),
    headingPath: z.array(z.string()),
    pageEnd: z.int().nullable(),
    version: z.int(),
    tableHeader: z
      .string()
      .nullable()
      .optional()
      .meta({ description: "The header row of the table the passage begins inside, when that row lies before it; not part of `text`" }),
  })
  .meta({ id: "SearchHit" });

export const SearchResponse = z
  .strictObject({
    query: z.string(),
    hits: z.array(SearchHit),
    rerank: z
      .strictObject({ reranker: z.string(), status: z.enum(["applied", "fallback"]), warning: z.string().optional() })
      .optional()
      .meta({ description: "The second ranking stage, when one ran" }),
  })
  .meta({ id: "SearchResponse" });

export const Citation = z
  .strictObject({
    ref: z.int().meta({ description: "The [n] marker in the answer" }),
    documentId: uuid,
    source: z.string(),
    page: z.int().nullable(),
    section: z.string().nullable().optional(),
    chunkId: uuid,
    clause: z.string().nullable(),
    quote: z.string(),
    verified: z.boolean().meta({ description: "The quote was found verbatim in the stored text" }),
    tableHeader: z
      .string()
      .optional()
      .meta({ description: "For a quoted table row whose header row is not in the cited chunk: the header's cells over the quoted cells, shown as context, not part of the quote" }),
  })
  .meta({ id: "Citation" });

const VerifiedQuote = z
  .strictObject({
    ref: z.int(),
    documentId: uuid,
    version: z.int(),
    chunkId: uuid,
    clause: z.string().nullable(),
    quote: z.string(),
    start: z.int(),
    end: z.int(),
  })
  .meta({ id: "VerifiedQuote" });

const RelatedClause = z
  .strictObject({
    reference: z.string(),
    clause: z.string().nullable(),
    chunkId: uuid,
    text: z.string(),
    start: z.int(),
    end: z.int(),
  })
  .meta({ id: "RelatedClause" });

/** Strict mode's extra fields: present (with `strict: true`) only when the answer was strict. */
const strictFields = {
  strict: z.literal(true).optional(),
  withheld: z.int().optional().meta({ description: "Sentences left out because no verified quote supports them" }),
  quotes: z.array(VerifiedQuote).optional(),
  related: z.array(RelatedClause).optional(),
};

/** Present on a grounded answer only when the collection holds none of these question words (재택근무 asked of rules that never say it). */
const missingField = {
  missing: z
    .array(z.string())
    .optional()
    .meta({ description: "The question's words no document holds: the answer is about the question's other words" }),
};

const answerFields = {
  answer: z.string(),
  mode: z.enum(["generative", "extractive"]),
  grounded: z.boolean().meta({ description: "False when the documents do not hold the answer" }),
  citations: z.array(Citation),
  ...strictFields,
  ...missingField,
};

export const AskResponse = z.strictObject(answerFields).meta({ id: "AskResult" });

/** `POST /v1/ask` with `stream: true`: one `data:` line per event. */
export const AskStreamEvent = z
  .union([
    z.strictObject({ type: z.literal("delta"), text: z.string() }),
    z.strictObject({ type: z.literal("done"), ...answerFields }),
    z.strictObject({ type: z.literal("error"), error: ErrorFields() }),
  ])
  .meta({ id: "AskStreamEvent", description: "The `data` of one server-sent event of `POST /v1/ask` with `stream: true`" });

function ErrorFields() {
  return z.strictObject({ code: z.string(), message: z.string() });
}

const jikjiFields = z.strictObject({
  mode: z.enum(["generative", "extractive"]),
  grounded: z.boolean(),
  question: z.string().optional().meta({ description: "The standalone question the conversation asked" }),
  conversationId: uuid.optional().meta({ description: "The stored conversation the exchange went into (when the request named one)" }),
  messageId: uuid.optional().meta({ description: "The stored answer's id, for feedback (when the request named a conversation)" }),
  ...strictFields,
  ...missingField,
});

export const ChatCompletion = z
  .strictObject({
    id: z.string(),
    object: z.literal("chat.completion"),
    created: z.int(),
    model: z.string(),
    choices: z.array(
      z.strictObject({
        index: z.int(),
        message: z.strictObject({ role: z.literal("assistant"), content: z.string() }),
        logprobs: z.null(),
        finish_reason: z.literal("stop"),
      }),
    ),
    usage: z.strictObject({ prompt_tokens: z.int(), completion_tokens: z.int(), total_tokens: z.int() }),
    citations: z.array(Citation),
    jikji: jikjiFields,
  })
  .meta({ id: "ChatCompletion", description: "OpenAI-compatible, with jikji's citations added" });

export const ChatCompletionChunk = z
  .union([
    z.strictObject({
      id: z.string(),
      object: z.literal("chat.completion.chunk"),
      created: z.int(),
      model: z.string(),
      choices: z.array(
        z.strictObject({
          index: z.int(),
          delta: z.strictObject({ role: z.literal("assistant").optional(), content: z.string().optional() }),
          logprobs: z.null(),
          // A union, not `.nullable()`: zod-to-openapi 9.1 leaves null out of a nullable literal's enum.
          finish_reason: z.union([z.literal("stop"), z.null()]),
        }),
      ),
      citations: z.array(Citation).optional().meta({ description: "On the last chunk" }),
      jikji: jikjiFields.optional().meta({ description: "On the last chunk" }),
    }),
    z.strictObject({ error: ErrorFields() }),
  ])
  .meta({
    id: "ChatCompletionChunk",
    description: "The `data` of one server-sent event of a streamed chat completion; the stream ends with `data: [DONE]`",
  });

export const Principal = z
  .strictObject({
    name: z.string(),
    via: z.enum(["local", "token", "key", "sso"]),
    role: z.enum(["reader", "editor", "admin"]),
    groups: groups.readonly().nullable().meta({ description: "Groups the caller reads; null: every document" }),
    collections: z.array(z.string()).readonly().nullable().meta({ description: "Collections the caller may use; null: all" }),
  })
  .meta({ id: "Principal" });

export const KeyDescription = z
  .strictObject({
    id: uuid,
    name: z.string(),
    prefix: z.string().meta({ description: "The key's first characters, to tell keys apart; never the key" }),
    role: z.enum(["reader", "editor", "admin"]),
    groups: groups.nullable(),
    collections: z.array(z.string()).nullable(),
    expiresAt: timestamp.nullable(),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: "Key" });

export const KeyList = z.strictObject({ keys: z.array(KeyDescription) }).meta({ id: "KeyList" });

export const NewKey = z
  .strictObject({ key: z.string().meta({ description: "The key itself, shown this once only" }), ...KeyDescription.shape })
  .meta({ id: "NewKey" });

export const AuditEntry = z
  .strictObject({
    at: timestamp,
    actor: z.string().nullable(),
    keyId: uuid.nullable(),
    via: z.string().nullable(),
    clientAddress: z.string().nullable(),
    method: z.string(),
    route: z.string(),
    status: z.int(),
    outcome: z.enum(["ok", "unauthorized", "forbidden", "rate_limited", "invalid", "error"]),
    query: z.string().nullable().meta({ description: "The query as sent, or its SHA-256 when queries are hashed" }),
    documentIds: z.array(z.string()),
    chunkIds: z.array(z.string()),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEntry" });

export const AuditList = z.strictObject({ entries: z.array(AuditEntry) }).meta({ id: "AuditList" });

export const DocumentVersions = z
  .strictObject({
    documentId: uuid,
    source: z.string(),
    versions: z.array(
      z.strictObject({
        version: z.int(),
        current: z.boolean(),
        effectiveFrom: isoDay.nullable(),
        effectiveTo: isoDay.nullable(),
        title: z.string().nullable(),
        sha256: z.string(),
        chunkCount: z.int(),
        createdAt: timestamp,
      }),
    ),
  })
  .meta({ id: "DocumentVersions" });

export const TextSpan = z
  .strictObject({
    documentId: uuid,
    source: z.string(),
    version: z.int(),
    start: z.int(),
    end: z.int(),
    text: z.string(),
    before: z.string(),
    after: z.string(),
    clauses: z.array(z.string()),
    page: z.int().nullable(),
  })
  .meta({ id: "TextSpan", description: "A span of a document's stored text with its surroundings" });

export const DocumentChunks = z
  .strictObject({
    document: z.strictObject({
      id: uuid,
      source: z.string(),
      title: z.string().nullable(),
      mediaType: z.string(),
      pageCount: z.int().nullable(),
      version: z.int(),
    }),
    chunks: z.array(
      z.strictObject({
        id: uuid,
        ordinal: z.int(),
        text: z.string(),
        pageStart: z.int().nullable(),
        pageEnd: z.int().nullable(),
        section: z.string(),
        role: z.enum(["body", "toc", "index", "boilerplate"]),
      }),
    ),
  })
  .meta({ id: "DocumentChunks" });

const AssistCitation = z
  .strictObject({
    documentId: uuid,
    source: z.string(),
    title: z.string().nullable(),
    page: z.int().nullable(),
    section: z.string().nullable(),
    chunkId: uuid,
    quote: z.string(),
    verified: z.boolean(),
  })
  .meta({ id: "AssistCitation" });

export const AssistSuggestion = z
  .strictObject({
    id: uuid,
    turnId: uuid,
    kind: z.enum(["answer", "article"]),
    mode: z.enum(["extractive", "generative"]),
    text: z.string(),
    citations: z.array(AssistCitation),
    confidence: z.number(),
  })
  .meta({ id: "AssistSuggestion" });

const speaker = z.enum(["customer", "agent"]);
const AssistTurn = z.strictObject({ id: uuid, ordinal: z.int(), speaker, text: z.string(), final: z.boolean() }).meta({ id: "AssistTurn" });

export const AssistSession = z
  .strictObject({ id: uuid, collection: z.string().nullable(), language: z.string().nullable(), status: z.enum(["open", "closed"]) })
  .meta({ id: "AssistSession" });

export const AssistTurnResult = z
  .strictObject({ turnId: uuid, turn: AssistTurn, suggestions: z.array(AssistSuggestion) })
  .meta({ id: "AssistTurnResult" });

export const AssistClosed = z.strictObject({ id: uuid, status: z.literal("closed") }).meta({ id: "AssistClosed" });

export const AssistFeedbackRecorded = z
  .strictObject({ id: uuid, suggestionId: uuid, event: z.enum(["displayed", "clicked", "copied", "helpful", "not_helpful"]) })
  .meta({ id: "AssistFeedbackRecorded" });

export const AssistTranscript = z
  .strictObject({
    id: uuid,
    status: z.enum(["open", "closed"]),
    collection: z.string().nullable(),
    language: z.string().nullable(),
    createdAt: timestamp,
    closedAt: timestamp.nullable(),
    turns: z.array(z.strictObject({ ...AssistTurn.shape, suggestions: z.array(AssistSuggestion) })),
  })
  .meta({ id: "AssistTranscript" });

export const AssistFeedbackSummary = z
  .strictObject({
    collections: z.array(
      z.strictObject({
        collection: z.string().nullable(),
        suggestions: z.int(),
        displayed: z.int(),
        clicked: z.int(),
        copied: z.int(),
        helpful: z.int(),
        notHelpful: z.int(),
        clickRate: z.number(),
        helpfulRate: z.number(),
        notHelpfulDocuments: z.array(z.strictObject({ documentId: z.string(), source: z.string().nullable(), count: z.int() })),
      }),
    ),
  })
  .meta({ id: "AssistFeedbackSummary" });

/** The `data` of the assist event stream's events; the SSE `event` field repeats `type` (plus `ready`). */
export const AssistStreamEvent = z
  .union([
    z.strictObject({ sessionId: uuid }).meta({ description: "event: ready" }),
    z.strictObject({ type: z.literal("turn"), turn: AssistTurn }),
    z.strictObject({ type: z.literal("suggestions"), turnId: uuid, suggestions: z.array(AssistSuggestion) }),
    z.strictObject({ type: z.literal("closed") }),
    z.strictObject({}).meta({ description: "event: closed, when the session was already closed" }),
  ])
  .meta({ id: "AssistStreamEvent", description: "The `data` of one server-sent event of an assist session's stream" });

/** A stored workspace conversation (its owner is the caller, and is not shown). */
const conversationFields = {
  id: uuid,
  title: z.string().meta({ description: "The first question until renamed; empty before the first answer" }),
  collection: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const ConversationSchema = z.strictObject(conversationFields).meta({ id: "Conversation" });

export const ConversationList = z
  .strictObject({
    conversations: z.array(z.strictObject({ ...conversationFields, messageCount: z.int() })),
    limit: z.int(),
    offset: z.int(),
  })
  .meta({ id: "ConversationList" });

/** A citation as stored with an answer (the shape `Citation` had when the answer was given). */
const StoredCitation = z
  .object({
    ref: z.int(),
    documentId: z.string(),
    chunkId: z.string(),
    source: z.string(),
    page: z.int().nullable(),
    section: z.string().nullable().optional(),
    clause: z.string().nullable().optional(),
    quote: z.string(),
    verified: z.boolean(),
  })
  .meta({ id: "StoredCitation" });

export const ConversationWithMessages = z
  .strictObject({
    ...conversationFields,
    messages: z.array(
      z.strictObject({
        id: uuid,
        role: z.enum(["user", "assistant"]),
        content: z.string(),
        mode: z.enum(["generative", "extractive"]).nullable().optional(),
        grounded: z.boolean().nullable().optional(),
        citations: z.array(StoredCitation).optional(),
        createdAt: timestamp,
      }),
    ),
  })
  .meta({ id: "ConversationWithMessages" });

export const FeedbackSaved = z
  .strictObject({ messageId: uuid, rating: z.enum(["up", "down"]), comment: z.string().nullable(), updatedAt: timestamp })
  .meta({ id: "FeedbackSaved" });

export const FeedbackList = z
  .strictObject({
    feedback: z.array(
      z.strictObject({
        id: uuid,
        owner: z.string().meta({ description: "Who gave it: a key's name (key:…), an SSO subject, or local" }),
        rating: z.enum(["up", "down"]),
        comment: z.string().nullable(),
        question: z.string(),
        answer: z.string(),
        mode: z.enum(["generative", "extractive"]).nullable(),
        grounded: z.boolean().nullable(),
        citations: z.array(StoredCitation),
        conversationId: uuid.nullable().meta({ description: "Null once the conversation was deleted" }),
        messageId: uuid.nullable(),
        createdAt: timestamp,
        updatedAt: timestamp,
      }),
    ),
    limit: z.int(),
    offset: z.int(),
  })
  .meta({ id: "FeedbackList" });
