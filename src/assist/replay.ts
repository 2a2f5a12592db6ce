/**
 * Replaying a recorded call: transcript lines `{speaker, text, final, expect?}` sent turn by turn, the time each
 * took, and whether the expected answer was suggested. `expect` is a key phrase the suggestion must contain,
 * `null` when nothing should be suggested, absent when the turn is not scored.
 */
import { z } from "zod";
import { questionLanguage, type AnswerLanguage } from "../answer/language.ts";
import { InvalidInputError } from "../errors.ts";
import type { Speaker } from "./query.ts";

export interface TranscriptLine {
  speaker: Speaker;
  text: string;
  final: boolean;
  expect?: string | null;
}

const Line = z
  .object({
    speaker: z.enum(["customer", "agent"]),
    text: z.string().min(1),
    final: z.boolean(),
    expect: z.string().min(1).nullable().optional(),
  })
  // As the assist core (and the API) refuse it: a final turn of spaces would replace the partial text with nothing.
  .refine((line) => !line.final || line.text.trim() !== "", { path: ["text"], message: "a final turn must not be empty" });

/** Parses a JSONL transcript; a bad line is reported with its number and field. */
export function parseTranscript(content: string, name = "transcript"): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new InvalidInputError(`${name}:${i + 1}: not valid JSON`, { cause: error });
    }
    const parsed = Line.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InvalidInputError(`${name}:${i + 1}: ${issue.path.join(".") || "line"}: ${issue.message}`);
    }
    lines.push(parsed.data as TranscriptLine);
  });
  if (lines.length === 0) throw new InvalidInputError(`${name}: no turns`);
  return lines;
}

export interface ShownText {
  text: string;
  confidence: number;
}

export interface TurnOutcome {
  line: number;
  speaker: Speaker;
  text: string;
  final: boolean;
  language: AnswerLanguage;
  latencyMs: number;
  suggestions: ShownText[];
  /** Scored turns only: whether the expectation was met (phrase suggested, or silence kept). */
  expected?: string | null;
  met?: boolean;
}

function comparable(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, " ").toLowerCase().trim();
}

/** Whether any of the suggestions holds the key phrase. */
export function suggests(suggestions: readonly ShownText[], phrase: string): boolean {
  const wanted = comparable(phrase);
  return suggestions.some((suggestion) => comparable(suggestion.text).includes(wanted));
}

/**
 * Sends each line through `send` (which returns the suggestions the turn produced) and scores the final turns
 * that carry `expect`. Suggestions produced by a turn's partial text count for that turn.
 */
export async function replay(
  lines: readonly TranscriptLine[],
  send: (line: TranscriptLine) => Promise<ShownText[]>,
): Promise<TurnOutcome[]> {
  const outcomes: TurnOutcome[] = [];
  let sinceTurnStart: ShownText[] = [];
  for (const [i, line] of lines.entries()) {
    const started = performance.now();
    const suggestions = await send(line);
    const latencyMs = performance.now() - started;
    sinceTurnStart.push(...suggestions);
    const outcome: TurnOutcome = {
      line: i + 1,
      speaker: line.speaker,
      text: line.text,
      final: line.final,
      language: questionLanguage(line.text),
      latencyMs,
      suggestions,
    };
    if (line.final && line.expect !== undefined) {
      outcome.expected = line.expect;
      outcome.met = line.expect === null ? sinceTurnStart.length === 0 : suggests(sinceTurnStart, line.expect);
      outcome.suggestions = [...sinceTurnStart];
    }
    if (line.final) sinceTurnStart = [];
    outcomes.push(outcome);
  }
  return outcomes;
}

export interface ReplayScore {
  language: AnswerLanguage;
  /** Turns expecting an answer, and those where it was suggested. */
  answerTurns: number;
  answered: number;
  /** Turns expecting silence, and those that stayed silent. */
  silenceTurns: number;
  silent: number;
  /** Suggestions shown on scored turns, and those holding the expected phrase. */
  shown: number;
  correct: number;
}

export function score(outcomes: readonly TurnOutcome[]): ReplayScore[] {
  const byLanguage = new Map<AnswerLanguage, ReplayScore>();
  for (const outcome of outcomes) {
    if (outcome.expected === undefined) continue;
    let entry = byLanguage.get(outcome.language);
    if (!entry) {
      entry = { language: outcome.language, answerTurns: 0, answered: 0, silenceTurns: 0, silent: 0, shown: 0, correct: 0 };
      byLanguage.set(outcome.language, entry);
    }
    entry.shown += outcome.suggestions.length;
    if (outcome.expected === null) {
      entry.silenceTurns++;
      if (outcome.met) entry.silent++;
    } else {
      entry.answerTurns++;
      if (outcome.met) entry.answered++;
      entry.correct += outcome.suggestions.filter((s) => suggests([s], outcome.expected!)).length;
    }
  }
  return [...byLanguage.values()].sort((a, b) => a.language.localeCompare(b.language));
}

export function languageOfTranscript(lines: readonly TranscriptLine[]): AnswerLanguage {
  return questionLanguage(lines.map((line) => line.text).join(" "));
}
