import { describe, expect, it } from "vitest";
import { progressWorthWriting } from "../../src/ingest/jobs.ts";

describe("how often a job's row is written while it runs", () => {
  it("after each of the first 50 files, then every 2 % of the files done, a few hundred times for thousands", () => {
    const written = (total: number) => Array.from({ length: total }, (_, i) => i + 1).filter(progressWorthWriting);
    expect(written(50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const large = written(2_561);
    expect(large.length).toBeLessThan(300);
    expect(large.length).toBeGreaterThan(100);
    // Never more than 2 % of the work (and at least one file) between two writes.
    for (let i = 1; i < large.length; i++) expect(large[i]! - large[i - 1]!).toBeLessThanOrEqual(Math.max(1, Math.ceil(large[i]! / 50)));
    // The row's bytes grow with the files listed: about n²/2 outcomes written one by one, far fewer here.
    const outcomesWritten = large.reduce((sum, done) => sum + done, 0);
    expect(outcomesWritten).toBeLessThan((2_561 * 2_562) / 2 / 5);
  });
});
