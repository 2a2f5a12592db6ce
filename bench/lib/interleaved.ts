/**
 * The harness the per-request cost benches share: several apps on real loopback sockets, and the same search
 * requests sent to each in turn (rotating which goes first, so none always follows another's warm-up), so machine
 * load touches every variant alike.
 */
import { serve, type ServerType } from "@hono/node-server";

export interface Served {
  name: string;
  server: ServerType;
  url: string;
  /** Round-trip times in ms after the warm-up, in request order. */
  times: number[];
}

export async function serveVariants(variants: Record<string, { fetch: (request: Request) => Response | Promise<Response> }>): Promise<Served[]> {
  return Promise.all(
    Object.entries(variants).map(async ([name, app]) => {
      const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
      await new Promise((resolve) => server.once("listening", resolve));
      const address = server.address();
      return { name, server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, times: [] };
    }),
  );
}

/**
 * POSTs `/v1/search` for every query to every variant, interleaved; the first `warmUp` queries are not timed.
 * Returns the hits counted over all responses. A non-200 answer stops the bench.
 */
export async function interleaveSearches(
  servers: Served[],
  queries: readonly string[],
  options: { warmUp: number; headers: (index: number) => Record<string, string> },
): Promise<number> {
  let hits = 0;
  for (const [i, query] of queries.entries()) {
    for (let j = 0; j < servers.length; j++) {
      const target = servers[(i + j) % servers.length]!;
      const t0 = performance.now();
      const response = await fetch(`${target.url}/v1/search`, {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers(i) },
        body: JSON.stringify({ query, k: 10 }),
      });
      const body = (await response.json()) as { hits?: unknown[] };
      const elapsed = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${target.name}: HTTP ${response.status}`);
      hits += body.hits?.length ?? 0;
      if (i >= options.warmUp) target.times.push(elapsed);
    }
  }
  return hits;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
