/**
 * Generator adapter for any OpenAI-compatible chat endpoint serving EXAONE (vLLM, SGLang, llama.cpp, Ollama,
 * FriendliAI). The only file that imports the `openai` package.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAI } from "openai";
import { z } from "zod";
import { UpstreamError, errorMessage, isRetryableStatus } from "../../errors.ts";
import type { GenerateRequest, Generation, GenerationEvent, Generator } from "./port.ts";
import { createReasoningFilter, splitReasoning } from "./reasoning.ts";

export interface OpenAIGeneratorConfig {
  baseURL: string;
  model: string;
  apiKey?: string;
  /** Extra headers on every call, e.g. FriendliAI's `X-Friendli-Team`. */
  headers?: Record<string, string>;
  /** Time allowed for a whole reply, and between two chunks of a stream. */
  timeoutMs: number;
  /** Retries of retryable failures (408/409/429/5xx, connection errors, timeouts) before any output. */
  maxRetries: number;
  /** EXAONE: below 0.6 without reasoning; 0.1 suits the 1.2B model in Korean. */
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Raw servers may not stop at EXAONE's end-of-turn token by themselves. */
  stop?: string[];
  /** Sends `chat_template_kwargs: { enable_thinking: false }`; servers that reject unknown fields need false. */
  sendChatTemplateKwargs?: boolean;
  /**
   * Holds streamed text until a `</think>`/`</thought>` when the model reasons without an opening tag in its
   * output (EXAONE Deep). Defaults to true when the model name contains "deep".
   */
  holdUntilReasoningEnds?: boolean;
}

const DEFAULT_TEMPERATURE = 0.2;
const DEFAULT_TOP_P = 0.95;
const DEFAULT_MAX_TOKENS = 1024;
const END_OF_TURN_STOP = ["[|endofturn|]"];
/** Local servers usually need no key, but the client insists on one; it is sent, never logged. */
const PLACEHOLDER_API_KEY = "not-needed";

const ReasoningFields = {
  content: z.string().nullish(),
  reasoning: z.string().nullish(),
  reasoning_content: z.string().nullish(),
};

const CompletionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object(ReasoningFields), finish_reason: z.string().nullish() }))
    .min(1),
});

const ChunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object(ReasoningFields).nullish(), finish_reason: z.string().nullish() })),
});

class IdleTimeout extends Error {}

function joinReasoning(...parts: Array<string | null | undefined>): string | null {
  const kept = parts.map((part) => part?.trim() ?? "").filter((part) => part !== "");
  return kept.length === 0 ? null : kept.join("\n\n");
}

function statusKind(status: number): "upstream_unavailable" | "upstream_timeout" | "upstream_error" {
  if (status === 408 || status === 504) return "upstream_timeout";
  if (status === 429 || status === 503) return "upstream_unavailable";
  return "upstream_error";
}

/** Turns whatever the client threw into the typed error the API maps to 502/503/504. */
function toUpstreamError(error: unknown, model: string, idleTimedOut: boolean): unknown {
  if (error instanceof UpstreamError) return error;
  if (idleTimedOut || error instanceof APIConnectionTimeoutError) {
    return new UpstreamError("upstream_timeout", `The model endpoint (${model}) timed out.`, {
      cause: error,
      retryable: true,
    });
  }
  // The caller's own abort is not an upstream failure.
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionError) {
    return new UpstreamError("upstream_unavailable", `The model endpoint (${model}) is unreachable.`, {
      cause: error,
      retryable: true,
    });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    return new UpstreamError(
      statusKind(error.status),
      `The model endpoint (${model}) answered ${error.status}: ${error.message}`,
      { cause: error, retryable: isRetryableStatus(error.status), status: error.status },
    );
  }
  return new UpstreamError("upstream_error", `The model endpoint (${model}) failed: ${errorMessage(error)}`, {
    cause: error,
  });
}

export function createOpenAIGenerator(config: OpenAIGeneratorConfig): Generator {
  const client = new OpenAI({
    baseURL: config.baseURL,
    apiKey: config.apiKey ?? PLACEHOLDER_API_KEY,
    defaultHeaders: config.headers,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    // The client would otherwise read OPENAI_LOG and could print request details.
    logLevel: "off",
  });
  const holdUntilClose = config.holdUntilReasoningEnds ?? /deep/i.test(config.model);

  const body = (request: GenerateRequest, forceThinkingOff: boolean) => {
    const params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming & Record<string, unknown> = {
      model: config.model,
      messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
      temperature: config.temperature ?? DEFAULT_TEMPERATURE,
      top_p: config.topP ?? DEFAULT_TOP_P,
      max_tokens: request.maxTokens ?? config.maxTokens ?? DEFAULT_MAX_TOKENS,
    };
    const stop = config.stop ?? END_OF_TURN_STOP;
    if (stop.length > 0) params.stop = stop;
    if (forceThinkingOff || (config.sendChatTemplateKwargs ?? true)) {
      params.chat_template_kwargs = { enable_thinking: false };
    }
    return params;
  };

  const complete = async (request: GenerateRequest, forceThinkingOff: boolean): Promise<Generation> => {
    let response: unknown;
    try {
      response = await client.chat.completions.create(body(request, forceThinkingOff), { signal: request.signal });
    } catch (error) {
      throw toUpstreamError(error, config.model, false);
    }
    const parsed = CompletionSchema.safeParse(response);
    if (!parsed.success) {
      throw new UpstreamError("upstream_error", `The model endpoint (${config.model}) sent a malformed reply.`, {
        cause: parsed.error,
      });
    }
    const choice = parsed.data.choices[0]!;
    const split = splitReasoning(choice.message.content ?? "");
    return {
      text: split.text,
      reasoning: joinReasoning(choice.message.reasoning_content, choice.message.reasoning, split.reasoning),
      finishReason: choice.finish_reason ?? null,
    };
  };

  async function* streamOnce(
    request: GenerateRequest,
    forceThinkingOff: boolean,
    outcome: { reasoningOnly: boolean },
  ): AsyncGenerator<GenerationEvent> {
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener("abort", onCallerAbort, { once: true });
    let idleTimedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const armIdleTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idleTimedOut = true;
        controller.abort(new IdleTimeout("stream idle"));
      }, config.timeoutMs);
    };
    const filter = createReasoningFilter({ holdUntilClose });
    let separateReasoning = "";
    let emitted = false;
    let finishReason: string | null = null;
    try {
      armIdleTimer();
      const stream = await client.chat.completions.create(
        { ...body(request, forceThinkingOff), stream: true },
        { signal: controller.signal },
      );
      for await (const raw of stream) {
        armIdleTimer();
        const chunk = ChunkSchema.safeParse(raw);
        if (!chunk.success) {
          throw new UpstreamError("upstream_error", `The model endpoint (${config.model}) sent a malformed chunk.`, {
            cause: chunk.error,
          });
        }
        for (const choice of chunk.data.choices.slice(0, 1)) {
          separateReasoning += (choice.delta?.reasoning_content ?? "") + (choice.delta?.reasoning ?? "");
          const text = filter.push(choice.delta?.content ?? "");
          if (text !== "") {
            emitted = true;
            yield { type: "text", delta: text };
          }
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
      }
      if (finishReason === null) {
        // The idle timer's abort ends the client's stream quietly, as if the endpoint had ended it.
        if (idleTimedOut) {
          throw new UpstreamError(
            "upstream_timeout",
            `The model endpoint (${config.model}) stopped sending for ${config.timeoutMs} ms in the middle of its answer (timed out).`,
            { retryable: true },
          );
        }
        throw new UpstreamError("upstream_error", `The model endpoint (${config.model}) ended the stream early.`);
      }
      const tail = filter.end();
      if (tail !== "") {
        emitted = true;
        yield { type: "text", delta: tail };
      }
      if (!emitted && joinReasoning(separateReasoning, filter.reasoning) !== null) {
        outcome.reasoningOnly = true;
        return;
      }
      yield { type: "done", finishReason };
    } catch (error) {
      throw toUpstreamError(error, config.model, idleTimedOut);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onCallerAbort);
      controller.abort();
    }
  }

  return {
    model: config.model,
    async generate(request) {
      const first = await complete(request, false);
      if (first.text !== "" || first.reasoning === null) return first;
      const retry = await complete(request, true);
      return { ...retry, reasoning: joinReasoning(first.reasoning, retry.reasoning) };
    },
    async *stream(request) {
      const outcome = { reasoningOnly: false };
      yield* streamOnce(request, false, outcome);
      if (!outcome.reasoningOnly) return;
      const retry = { reasoningOnly: false };
      yield* streamOnce(request, true, retry);
      if (retry.reasoningOnly) yield { type: "done", finishReason: "reasoning_only" };
    },
  };
}
