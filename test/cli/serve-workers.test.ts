import { describe, expect, it } from "vitest";
import { lanceWorkerThreads } from "../../src/cli/serve.ts";

describe("LanceDB's tokio workers for serve", () => {
  it("uses one worker on a machine of two cores or fewer", () => {
    expect(lanceWorkerThreads({}, 1)).toBe("1");
    expect(lanceWorkerThreads({}, 2)).toBe("1");
  });

  it("leaves tokio's default on larger machines, where one worker was not measured", () => {
    expect(lanceWorkerThreads({}, 3)).toBeUndefined();
    expect(lanceWorkerThreads({}, 16)).toBeUndefined();
  });

  it("never overrides an operator's own setting", () => {
    expect(lanceWorkerThreads({ TOKIO_WORKER_THREADS: "4" }, 2)).toBeUndefined();
    expect(lanceWorkerThreads({ TOKIO_WORKER_THREADS: "1" }, 16)).toBeUndefined();
  });
});
