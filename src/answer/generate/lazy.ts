import type { GenerateRequest, Generation, GenerationEvent, Generator } from "./port.ts";

/**
 * A generator whose adapter is loaded on its first call. The OpenAI client is ~240 modules (~80 ms of start-up);
 * a one-shot `jikji search`, an extractive `ask` or a server that never reaches the model should not pay it.
 * A failed load is not remembered, so the next call tries again.
 */
export function lazyGenerator(model: string, load: () => Promise<Generator>): Generator {
  let loading: Promise<Generator> | null = null;
  const adapter = (): Promise<Generator> => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  return {
    model,
    async generate(request: GenerateRequest): Promise<Generation> {
      return (await adapter()).generate(request);
    },
    async *stream(request: GenerateRequest): AsyncIterable<GenerationEvent> {
      yield* (await adapter()).stream(request);
    },
  };
}
