import fs from "node:fs/promises";
import { replay, parseTranscript, score, type TurnOutcome } from "../assist/replay.ts";
import { createAssist, sessionFilter } from "../assist/session.ts";
import { errorMessage } from "../errors.ts";
import { percentile } from "../retrieve/eval.ts";
import { configFrom, parse, UsageError, withJikji, writeJson, type CliIo } from "./run.ts";

/**
 * `jikji assist replay` plays a recorded call through the same assist core the API uses, one line at a time, and
 * prints each turn's latency and whether the expected answer was suggested; `jikji assist feedback` summarises the
 * feedback agents gave, per collection.
 */
export async function assistCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, {
    collection: { type: "string" },
    "access-group": { type: "string", multiple: true },
    json: { type: "boolean", default: false },
  });
  if (sub === "replay") {
    if (positionals.length !== 1) throw new UsageError("replay takes one transcript file");
    const file = positionals[0]!;
    const content = await fs.readFile(file, "utf8").catch((error: unknown) => {
      throw new UsageError(`cannot read ${file}: ${errorMessage(error)}`);
    });
    const lines = parseTranscript(content, file);
    const config = await configFrom(io, values);
    const groups = values["access-group"];
    const outcomes: TurnOutcome[] = await withJikji(config, false, async (jikji) => {
      const assist = createAssist({ store: jikji.store, retrieve: jikji.search });
      const caller = { name: "cli", admin: true };
      const session = await assist.createSession({ collection: values.collection ?? null, accessGroups: groups ?? null, language: null, caller });
      const played = await replay(lines, async (line) => (await assist.addTurn(session, sessionFilter(session, groups), line)).suggestions);
      await assist.close(session.id, caller);
      return played;
    }, { io, command: "assist replay" });
    const finals = outcomes.filter((o) => o.final && o.speaker === "customer").map((o) => o.latencyMs);
    const summary = {
      turns: outcomes.length,
      latencyMs: { p50: round(percentile(finals, 50)), p95: round(percentile(finals, 95)) },
      scores: score(outcomes),
    };
    if (values.json) {
      writeJson(io, { turns: outcomes.map((o) => ({ ...o, latencyMs: round(o.latencyMs) })), summary });
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
      io.stdout.write(`${s.language}: expected answer suggested ${s.answered}/${s.answerTurns}, silence kept ${s.silent}/${s.silenceTurns}\n`);
    }
    return 0;
  }
  if (sub === "feedback") {
    if (positionals.length > 0) throw new UsageError("feedback takes no file");
    const config = await configFrom(io, values);
    const summaries = await withJikji(config, false, (jikji) =>
      jikji.store.assistFeedbackSummary(values.collection === undefined ? {} : { collection: values.collection }),
    );
    if (values.json) {
      writeJson(io, { collections: summaries });
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
  throw new UsageError(sub === undefined ? "assist needs a subcommand: replay or feedback" : `unknown assist subcommand "${sub}"`);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
