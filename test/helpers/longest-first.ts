import fs from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files `seconds` names (a CI run's slow files, test/durations.json), longest first, then every other file in the
 * order it came. Without it a fresh clone, which has no timings of its own, runs larger files first: a small file
 * with a long run (test/store/store.test.ts, ten lines running the whole store contract) then starts last and runs
 * alone while the other worker idles.
 */
export function longestFirst<T>(files: readonly T[], pathOf: (file: T) => string, seconds: Readonly<Record<string, number>>): T[] {
  const known = files.filter((file) => seconds[pathOf(file)] !== undefined);
  known.sort((a, b) => seconds[pathOf(b)]! - seconds[pathOf(a)]!);
  return [...known, ...files.filter((file) => seconds[pathOf(file)] === undefined)];
}

/** vitest's order when it has timings of every file from an earlier run here; else `longestFirst` over test/durations.json. */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    if (files.every((file) => this.ctx.cache.getTestSpecificationResult(file) !== undefined)) return sorted;
    const seconds = JSON.parse(fs.readFileSync(new URL("../durations.json", import.meta.url), "utf8")) as Record<string, number>;
    const root = this.ctx.config.root.replace(/\/?$/, "/");
    return longestFirst(sorted, (file) => (file.moduleId.startsWith(root) ? file.moduleId.slice(root.length) : file.moduleId), seconds);
  }
}
