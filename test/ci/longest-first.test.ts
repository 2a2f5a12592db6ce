import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { longestFirst } from "../helpers/longest-first.ts";

describe("the order a fresh clone runs test files in", () => {
  it("starts the files a CI run found slow, longest first, then every other file in the order given", () => {
    const files = ["a.test.ts", "small-but-slow.test.ts", "b.test.ts", "slow.test.ts", "c.test.ts"];
    expect(longestFirst(files, (file) => file, { "slow.test.ts": 40, "small-but-slow.test.ts": 140, "gone.test.ts": 99 })).toEqual([
      "small-but-slow.test.ts",
      "slow.test.ts",
      "a.test.ts",
      "b.test.ts",
      "c.test.ts",
    ]);
    expect(longestFirst(files, (file) => file, {})).toEqual(files);
  });

  it("names only test files that exist, with their seconds", () => {
    const seconds = JSON.parse(fs.readFileSync(new URL("../durations.json", import.meta.url), "utf8")) as Record<string, number>;
    expect(Object.keys(seconds).length).toBeGreaterThan(10);
    for (const [file, time] of Object.entries(seconds)) {
      expect(fs.existsSync(new URL(`../../${file}`, import.meta.url)), file).toBe(true);
      expect(time).toBeGreaterThan(0);
    }
  });
});
