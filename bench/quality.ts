/**
 * (a) Retrieval quality on KorQuAD 1.0 dev articles 0–69 (433 paragraph documents, 2,865 questions) through jikji's
 * real pipeline — `jikji ingest` into a temporary data dir, then `jikji eval` — beside every peer in the same run.
 * Embedded default, no embedding model. Run: npx node bench/quality.ts [--no-peers] [--env NAME=VALUE]...
 * (`--env`, repeatable: configuration jikji runs with, for one row of an ablation; the peers ignore it).
 */
import { envArguments } from "./lib/cli.ts";
import { qualityRun } from "./lib/quality.ts";

await qualityRun({ distractors: false, peers: !process.argv.includes("--no-peers"), env: envArguments() });
