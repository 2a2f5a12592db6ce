import { describe, expect, it } from "vitest";
import { createWriteGate, gatedIndex } from "../../src/operate/write-gate.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe("index write gate", () => {
  it("lets a snapshot wait for the write in flight and holds later writes until it ends", async () => {
    const gate = createWriteGate();
    const events: string[] = [];
    const firstWrite = deferred();
    const snapshotBody = deferred();

    const write1 = gate.write(async () => {
      events.push("write1 start");
      await firstWrite.promise;
      events.push("write1 end");
    });
    const snapshot = gate.exclusive(async () => {
      events.push("snapshot start");
      await snapshotBody.promise;
      events.push("snapshot end");
      return "copy";
    });
    const write2 = gate.write(async () => {
      events.push("write2");
    });

    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["write1 start"]);
    firstWrite.resolve();
    await write1;
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["write1 start", "write1 end", "snapshot start"]);
    snapshotBody.resolve();
    expect(await snapshot).toBe("copy");
    await write2;
    expect(events).toEqual(["write1 start", "write1 end", "snapshot start", "snapshot end", "write2"]);
  });

  it("runs writes side by side, and a failed snapshot releases them", async () => {
    const gate = createWriteGate();
    const both = deferred();
    let running = 0;
    let most = 0;
    const work = () =>
      gate.write(async () => {
        running++;
        most = Math.max(most, running);
        await both.promise;
        running--;
      });
    const writes = [work(), work()];
    await new Promise((resolve) => setImmediate(resolve));
    both.resolve();
    await Promise.all(writes);
    expect(most).toBe(2);

    await expect(gate.exclusive(async () => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
    expect(await gate.write(async () => "after")).toBe("after");
  });

  it("passes every argument of a gated write on to the index (a reindex's bulk load stays a bulk load)", async () => {
    const calls: unknown[][] = [];
    const record =
      (name: string) =>
      async (...args: unknown[]) => {
        calls.push([name, ...args]);
      };
    const index = {
      upsert: record("upsert"),
      deleteDocument: record("deleteDocument"),
      reset: record("reset"),
    } as unknown as SearchIndex;
    const gated = gatedIndex(index, createWriteGate());
    await gated.upsert([], { bulk: true });
    await gated.deleteDocument("doc-1", { keepVersions: [2] });
    await gated.reset(384);
    expect(calls).toEqual([
      ["upsert", [], { bulk: true }],
      ["deleteDocument", "doc-1", { keepVersions: [2] }],
      ["reset", 384],
    ]);
  });
});
