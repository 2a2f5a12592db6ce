/** Generator: chat messages → an answer. Adapter: any OpenAI-compatible chat endpoint (`openai.ts`). */

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface GenerateRequest {
  messages: readonly ChatMessage[];
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface Generation {
  /** The answer only; reasoning is never part of it. */
  text: string;
  /** The model's reasoning when it sent any, kept apart from the answer. */
  reasoning: string | null;
  finishReason: string | null;
}

/** Stream events carry answer text only; reasoning is never emitted. */
export type GenerationEvent = { type: "text"; delta: string } | { type: "done"; finishReason: string | null };

export interface Generator {
  readonly model: string;
  generate(request: GenerateRequest): Promise<Generation>;
  stream(request: GenerateRequest): AsyncIterable<GenerationEvent>;
}
