import type { Generator } from "../answer/generate/port.ts";
import type { Embedder } from "../retrieve/embed/port.ts";
import type { Metrics } from "./metrics.ts";
import { secondsSince } from "./seconds.ts";

/** The embedder, with each call's latency and failures counted. */
export function observedEmbedder(embedder: Embedder, metrics: Metrics): Embedder {
  return {
    get model() {
      return embedder.model;
    },
    get dimensions() {
      return embedder.dimensions;
    },
    get maxEmbeddingsPerCall() {
      return embedder.maxEmbeddingsPerCall;
    },
    async embed(texts, options) {
      const start = performance.now();
      try {
        const vectors = await embedder.embed(texts, options);
        metrics.upstream("embedding", secondsSince(start), true);
        return vectors;
      } catch (error) {
        metrics.upstream("embedding", secondsSince(start), false);
        throw error;
      }
    },
  };
}

/** The generator, with each call's latency (to the last streamed token) and failures counted. */
export function observedGenerator(generator: Generator, metrics: Metrics): Generator {
  return {
    get model() {
      return generator.model;
    },
    async generate(request) {
      const start = performance.now();
      try {
        const generation = await generator.generate(request);
        metrics.upstream("generation", secondsSince(start), true);
        return generation;
      } catch (error) {
        metrics.upstream("generation", secondsSince(start), false);
        throw error;
      }
    },
    async *stream(request) {
      const start = performance.now();
      try {
        yield* generator.stream(request);
        metrics.upstream("generation", secondsSince(start), true);
      } catch (error) {
        metrics.upstream("generation", secondsSince(start), false);
        throw error;
      }
    },
  };
}
