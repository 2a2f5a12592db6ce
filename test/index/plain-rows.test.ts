import { describe, expect, it } from "vitest";
import { plainRows, type BatchStream } from "../../src/retrieve/index/embedded.ts";

type Batch = { numRows: number; getChild(name: string): Iterable<unknown> | null };

function batch(columns: Record<string, unknown[]>): Batch {
  const numRows = Object.values(columns)[0]?.length ?? 0;
  return { numRows, getChild: (name) => columns[name] ?? null };
}

/** A stream of batches that records how many it was asked for, and whether it was asked past its last one. */
function stream(batches: Batch[]): BatchStream & { pulls: number; askedForEnd: boolean } {
  const state = {
    pulls: 0,
    askedForEnd: false,
    async *[Symbol.asyncIterator]() {
      for (const b of batches) {
        state.pulls++;
        yield b;
      }
      state.askedForEnd = true;
    },
  };
  return state;
}

describe("plainRows", () => {
  it("stops once the limit's rows have come, without asking the stream for its end", async () => {
    const source = stream([batch({ id: ["a", "b"], n: [1, 2] }), batch({ id: ["c"], n: [3] }), batch({ id: ["d"], n: [4] })]);
    const rows = await plainRows<{ id: string; n: number }>(source, ["id", "n"], 3);
    expect(rows).toEqual([{ id: "a", n: 1 }, { id: "b", n: 2 }, { id: "c", n: 3 }]);
    expect(source.pulls).toBe(2);
    expect(source.askedForEnd).toBe(false);
  });

  it("reads every batch when fewer rows than the limit come, across batches, empty ones skipped", async () => {
    const source = stream([batch({ id: ["a"] }), { numRows: 0, getChild: () => null }, batch({ id: ["b", "c"] })]);
    const rows = await plainRows<{ id: string }>(source, ["id"], 40);
    expect(rows).toEqual([{ id: "a" }, { id: "b" }, { id: "c" }]);
    expect(source.askedForEnd).toBe(true);
  });

  it("gives no rows for a stream without batches, and refuses a batch missing a column", async () => {
    expect(await plainRows(stream([]), ["id"], 10)).toEqual([]);
    await expect(plainRows(stream([batch({ id: ["a"] })]), ["id", "terms"], 10)).rejects.toThrow(/no terms column/);
  });
});
