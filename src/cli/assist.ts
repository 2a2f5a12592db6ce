import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { replay, parseTranscript, score, type TurnOutcome } from "../assist/replay.ts";
import { createAssist, sessionFilter } from "../assist/session.ts";
import { loadConfig, type Config } from "../config.ts";
import { ConfigError, JikjiError, errorMessage } from "../errors.ts";
import { percentile } from "../retrieve/eval.ts";
import { openJikji } from "../runtime.ts";
import type { CliIo } from "./run.ts";

const USAGE = `Usage:
  jikji assist replay <transcript.jsonl> [--collection NAME] [--access-group G]... [--json]
  jikji assist feedback [--collection NAME] [--json]`;

function fail(io: CliIo, message: string): number {
  io.stderr.write(`jikji assist: ${message}\n${USAGE}\n`);
  return 2;
}

function configOf(io: CliIo, dataDir: string | undefined): Config {
  return loadConfig(io.env, dataDir === undefined ? {} : { dataDir });
}

/**
 * `jikji assist replay` plays a recorded call through the same assist core the API uses, one line at a time, and
 * prints each turn's latency and whether the expected answer was suggested; `jikji assist feedback` summarises the
 * feedback agents gave, per collection.
 */
export async function assistCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        collection: { type: "string" },
        "access-group": { type: "string", multiple: true },
        json: { type: "boolean", default: false },
        "data-dir": { type: "string" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return fail(io, errorMessage(error));
  }
  const { values, positionals } = parsed;
  try {
    if (sub === "replay") {
      if (positionals.length !== 1) return fail(io, "replay takes one transcript file");
      let content: string;
      try {
        content = await fs.readFile(positionals[0]!, "utf8");
      } catch (error) {
        return fail(io, `cannot read ${positionals[0]}: ${errorMessage(error)}`);
      }
      const lines = parseTranscript(content, positionals[0]);
      const config = configOf(io, values["data-dir"]);
      const jikji = await openJikji(config, { scanIndex: false });
      let outcomes: TurnOutcome[];
      try {
        const assist = createAssist({ store: jikji.store, retrieve: jikji.search });
        const groups = values["access-group"];
        const session = await assist.createSession({
          collection: values.collection ?? null,
          accessGroups: groups ?? null,
          language: null,
          caller: { name: "cli", admin: true },
        });
        outcomes = await replay(lines, async (line) => (await assist.addTurn(session, sessionFilter(session, groups), line)).suggestions);
        await assist.close(session.id, { name: "cli", admin: true });
      } finally {
        await jikji.close();
      }
      const finals = outcomes.filter((o) => o.final && o.speaker === "customer").map((o) => o.latencyMs);
      const summary = {
        turns: outcomes.length,
        latencyMs: { p50: round(percentile(finals, 50)), p95: round(percentile(finals, 95)) },
        scores: score(outcomes),
      };
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ turns: outcomes.map((o) => ({ ...o, latencyMs: round(o.latencyMs) })), summary })}\n`);
        return 0;
      }
      for (const outcome of outcomes) {
        const mark = outcome.met === undefined ? " " : outcome.met ? "✓" : "✗";
        const expectation =
          outcome.expected === undefined ? "" : outcome.expected === null ? " (expect silence)" : ` (expect "${outcome.expected}")`;
        io.stdout.write(
          `${mark} ${String(outcome.line).padStart(3)} ${outcome.speaker.padEnd(8)} ${outcome.final ? "final  " : "partial"} ` +
            `${outcome.latencyMs.toFixed(1).padStart(7)} ms  ${outcome.text}${expectation}\n`,
        );
        for (const suggestion of outcome.suggestions) {
          io.stdout.write(`      → ${suggestion.text} (confidence ${suggestion.confidence.toFixed(2)})\n`);
        }
      }
      io.stdout.write(`final customer turns: p50 ${summary.latencyMs.p50} ms, p95 ${summary.latencyMs.p95} ms\n`);
      for (const s of summary.scores) {
        io.stdout.write(
          `${s.language}: expected answer suggested ${s.answered}/${s.answerTurns}, silence kept ${s.silent}/${s.silenceTurns}\n`,
        );
      }
      return 0;
    }
    if (sub === "feedback") {
      if (positionals.length > 0) return fail(io, "feedback takes no file");
      const config = configOf(io, values["data-dir"]);
      const jikji = await openJikji(config, { scanIndex: false });
      let summaries;
      try {
        summaries = await jikji.store.assistFeedbackSummary(values.collection === undefined ? {} : { collection: values.collection });
      } finally {
        await jikji.close();
      }
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ collections: summaries })}\n`);
        return 0;
      }
      if (summaries.length === 0) io.stdout.write("No assist suggestions recorded yet.\n");
      for (const s of summaries) {
        const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
        io.stdout.write(
          `${s.collection ?? "(all collections)"}: ${s.suggestions} suggestions, displayed→clicked ${percent(s.clickRate)} ` +
            `(${s.clicked}/${s.displayed}), helpful ${percent(s.helpfulRate)} (${s.helpful}/${s.helpful + s.notHelpful})\n`,
        );
        for (const document of s.notHelpfulDocuments) {
          io.stdout.write(`    not helpful ×${document.count}: ${document.source ?? document.documentId}\n`);
        }
      }
      return 0;
    }
    return fail(io, sub === undefined ? "name a subcommand" : `unknown subcommand "${sub}"`);
  } catch (error) {
    if (error instanceof ConfigError) return fail(io, error.message);
    if (!(error instanceof JikjiError)) throw error;
    io.stderr.write(`jikji assist: ${error.message}\n`);
    return 1;
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
