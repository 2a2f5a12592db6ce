import { defineConfig } from "vitest/config";
import LongestFirstSequencer from "./test/helpers/longest-first.ts";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // initdb and the migrations once per run: new PGlite stores in every file are loaded from that copy.
    globalSetup: ["test/helpers/pglite-global.ts"],
    setupFiles: ["test/helpers/pglite-setup.ts"],
    // A fresh clone has no timings: the slow files of the last CI run (test/durations.json) start first, so that no
    // long file starts last and runs alone on one core.
    sequence: { sequencer: LongestFirstSequencer },
    // Two cores: PGlite and LanceDB are heavy per worker, so keep the pool small.
    maxWorkers: 2,
    // Timeouts only catch hangs. Several tests spawn whole CLI processes or ingest real PDFs, which take 15-20 s on
    // an idle machine and several times that while other work keeps both cores busy (a 60 s limit failed there).
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
