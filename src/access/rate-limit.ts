import { RateLimitedError } from "../errors.ts";

/**
 * Token buckets by name (a key, an SSO subject, a client address): `perMinute` requests a minute, with bursts
 * of up to that many. In memory, per process: several instances behind a balancer each apply it.
 */
export interface RateLimiter {
  /** Takes one request from `bucket`'s allowance; throws RateLimitedError (with Retry-After) when none is left. */
  take(bucket: string, what: string): void;
}

const MAX_BUCKETS = 100_000;

export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(bucket, what) {
      const t = now();
      let state = buckets.get(bucket);
      if (!state) {
        if (buckets.size >= MAX_BUCKETS) {
          // Full buckets hold no information: dropping them changes nothing for their owners.
          for (const [name, old] of buckets) if (old.tokens + (t - old.at) * perMs >= perMinute) buckets.delete(name);
          if (buckets.size >= MAX_BUCKETS) buckets.clear();
        }
        state = { tokens: perMinute, at: t };
        buckets.set(bucket, state);
      }
      state.tokens = Math.min(perMinute, state.tokens + (t - state.at) * perMs);
      state.at = t;
      if (state.tokens >= 1) {
        state.tokens -= 1;
        return;
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - state.tokens) / perMs / 1000));
      throw new RateLimitedError(`Too many requests from this ${what}; retry in ${retryAfterSeconds} s`, retryAfterSeconds);
    },
  };
}
