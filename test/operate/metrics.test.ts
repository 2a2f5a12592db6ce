import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/operate/metrics.ts";

function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : undefined;
}

describe("backlog and size gauges", () => {
  it("read the store and the index at scrape time, once per scrape", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let queueReads = 0;
    let indexReads = 0;
    let state = { queued: 2, running: 1, oldestQueuedAt: new Date(Date.now() - 90_000) as Date | null, storeBytes: 1_000_000, points: 10, bytes: 4_096 as number | null };
    metrics.watchSizes({
      queue: async () => {
        queueReads++;
        return { queued: state.queued, running: state.running, oldestQueuedAt: state.oldestQueuedAt };
      },
      storeBytes: async () => state.storeBytes,
      index: async () => {
        indexReads++;
        return { points: state.points, bytes: state.bytes, cacheBytes: state.bytes === null ? null : 3 * state.bytes };
      },
    });
    const first = await metrics.registry.metrics();
    expect(value(first, 'jikji_ingest_jobs{status="queued"}')).toBe(2);
    expect(value(first, 'jikji_ingest_jobs{status="running"}')).toBe(1);
    expect(value(first, "jikji_ingest_queue_oldest_age_seconds")).toBeGreaterThanOrEqual(90);
    expect(value(first, "jikji_store_size_bytes")).toBe(1_000_000);
    expect(value(first, "jikji_index_points")).toBe(10);
    expect(value(first, "jikji_index_size_bytes")).toBe(4_096);
    expect(value(first, "jikji_index_cache_bytes")).toBe(12_288);
    // Several gauges read each source; one call served them all.
    expect(queueReads).toBe(1);
    expect(indexReads).toBe(1);

    state = { queued: 0, running: 0, oldestQueuedAt: null, storeBytes: 2_000_000, points: 25, bytes: null };
    const second = await metrics.registry.metrics();
    expect(value(second, 'jikji_ingest_jobs{status="queued"}')).toBe(0);
    expect(value(second, "jikji_ingest_queue_oldest_age_seconds")).toBe(0);
    expect(value(second, "jikji_store_size_bytes")).toBe(2_000_000);
    expect(value(second, "jikji_index_points")).toBe(25);
    // A remote index (bytes unknown) leaves the byte gauge as it was rather than reporting 0.
    expect(value(second, "jikji_index_size_bytes")).toBe(4_096);
    expect(value(second, "jikji_index_cache_bytes")).toBe(12_288);
  });

  it("keep their last value and never fail the scrape when the store or the index fails", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let failing = false;
    const read = async <T>(result: T): Promise<T> => {
      if (failing) throw new Error("store is busy");
      return result;
    };
    metrics.watchSizes({
      queue: () => read({ queued: 3, running: 0, oldestQueuedAt: null }),
      storeBytes: () => read(777),
      index: () => read({ points: 5, bytes: 100 }),
    });
    await metrics.registry.metrics();
    failing = true;
    const text = await metrics.registry.metrics();
    expect(value(text, 'jikji_ingest_jobs{status="queued"}')).toBe(3);
    expect(value(text, "jikji_store_size_bytes")).toBe(777);
    expect(value(text, "jikji_index_points")).toBe(5);
  });

  it("report a source slower than the wait as its last value", async () => {
    const metrics = createMetrics({ defaultMetrics: false, sourceWaitMs: 1 });
    let stalled = false;
    metrics.watchSizes({
      queue: async () => ({ queued: 0, running: 0, oldestQueuedAt: null }),
      // Never answers while stalled: the scrape must still complete.
      storeBytes: () => (stalled ? new Promise<number>(() => undefined) : Promise.resolve(42)),
      index: async () => ({ points: 0, bytes: 0 }),
    });
    await metrics.registry.metrics();
    stalled = true;
    expect(value(await metrics.registry.metrics(), "jikji_store_size_bytes")).toBe(42);
  });
});
