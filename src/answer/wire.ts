import type { Hono } from "hono";
import type { ApiEnv } from "../api/auth.ts";
import type { Config } from "../config.ts";
import type { Retrieve } from "../retrieve/types.ts";
import type { Store } from "../store/store.ts";
import { createRelatedClauses, createStrictDefault } from "../compliance/related.ts";
import { createAnswerRoutes } from "./api.ts";
import { createAsk, createChat, type Ask } from "./ask.ts";
import { createOpenAIGenerator } from "./generate/openai.ts";
import type { Generator } from "./generate/port.ts";

export interface AnswerLayer {
  ask: Ask;
  routes: Hono<ApiEnv>;
  /** The model writing answers, or null in extractive mode. */
  generatorModel: string | null;
}

/** The generator chosen by configuration: EXAONE (or any OpenAI-compatible model) or none. */
export function generatorFrom(config: Config): Generator | null {
  if (!config.llm) return null;
  return createOpenAIGenerator({
    baseURL: config.llm.baseUrl,
    model: config.llm.model,
    ...(config.llm.apiKey ? { apiKey: config.llm.apiKey } : {}),
    headers: config.llm.headers,
    timeoutMs: config.upstreamTimeoutMs,
    maxRetries: 2,
  });
}

/** Ask and chat over a retrieval function, with the generator the configuration names (or none). */
export function createAnswering(deps: { config: Config; search: Retrieve; store?: Store }) {
  const generator = generatorFrom(deps.config);
  const ask = createAsk({
    retrieve: deps.search,
    generator,
    ...(deps.store ? { strictByDefault: createStrictDefault(deps.store), relatedClauses: createRelatedClauses(deps.store) } : {}),
  });
  return { ask, chat: createChat({ ask, generator }), generatorModel: deps.config.llm?.model ?? null };
}

/** The same, with its HTTP routes, for the server. */
export function buildAnswerRoutes(deps: { config: Config; search: Retrieve; store?: Store }): AnswerLayer {
  const { ask, chat, generatorModel } = createAnswering(deps);
  return { ask, routes: createAnswerRoutes({ ask, chat, modelName: "jikji" }), generatorModel };
}
