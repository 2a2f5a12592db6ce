/**
 * Agent assist benchmarks over the example corpus and recorded calls in test/fixtures/assist.
 *
 *   node bench/assist.ts tune
 *     Suggestion quality in-process (no padding): for each language, every threshold from 0 to 0.95 on the tuning
 *     half of the transcripts (01–06), the best one, and the figures it gives on the reporting half (07–12).
 *
 *   node bench/assist.ts explain [tune|report] [--all]
 *     Why each scored turn of a half (default: tuning) went as it did, with the default thresholds: whether the
 *     turn triggers suggestions, the query and what it asks for (a time, an amount, a reason), the three passages
 *     retrieved (marked * when one holds the expected phrase), the extractive draft with its confidence and the
 *     decision, and what was shown. Only the misses unless --all. Read the reporting half only to report.
 *
 *   node bench/assist.ts build <dir> <chunks>
 *     Writes a data dir holding the example documents plus real padding text (KorQuAD paragraphs and the Korean
 *     LibreOffice help pages) up to the given chunk count. Not timed, so no lock.
 *
 *   flock /tmp/jikji-bench.lock node bench/assist.ts latency <dir>...
 *     Each built data dir served over a real socket; every transcript replayed turn by turn through
 *     POST /v1/assist/sessions/:id/turns, five rounds. Latency: from sending a final customer turn to its response
 *     (which carries the first, extractive suggestion), as a whole HTTP round trip. Quality at that index size with
 *     the default thresholds: suggestion precision and silence accuracy, Korean and English separately.
 */
import fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import type { AnswerLanguage } from "../src/answer/language.ts";
import { replay, score, type ReplayScore, type ShownText, type TurnOutcome } from "../src/assist/replay.ts";
import { buildQuery, DEFAULT_WINDOW, triggersSuggestions } from "../src/assist/query.ts";
import { createAssist, sessionFilter } from "../src/assist/session.ts";
import { decide, DEFAULT_THRESHOLDS, draftSuggestion } from "../src/assist/suggest.ts";
import { createServerApp } from "../src/api/server.ts";
import { loadConfig } from "../src/config.ts";
import { percentile } from "../src/retrieve/eval.ts";
import type { Passage } from "../src/retrieve/types.ts";
import { openJikji, type Jikji } from "../src/runtime.ts";
import { ingestAssistDocs, loadTranscripts, type Transcript } from "../test/fixtures/assist/corpus.ts";
import { pad } from "./lib/padding.ts";

const [mode = "tune", ...rest] = process.argv.slice(2);
const transcripts = loadTranscripts();

function pct(part: number, whole: number): string {
  return whole === 0 ? "–" : `${((100 * part) / whole).toFixed(0)} % (${part}/${whole})`;
}

function qualityRow(label: string, s: ReplayScore): string {
  return `| ${label} | ${s.language} | ${pct(s.answered, s.answerTurns)} | ${pct(s.correct, s.shown)} | ${pct(s.silent, s.silenceTurns)} |`;
}

async function openTemp(prefix: string): Promise<{ jikji: Jikji; root: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const jikji = await openJikji(loadConfig({}, { dataDir: path.join(root, "data") }), { scanIndex: false });
  return { jikji, root };
}

async function replayInProcess(jikji: Jikji, chosen: readonly Transcript[], thresholds: Record<AnswerLanguage, number>) {
  const assist = createAssist({ store: jikji.store, retrieve: jikji.search, thresholds });
  const outcomes: TurnOutcome[] = [];
  for (const transcript of chosen) {
    const session = await assist.createSession({ collection: "support", accessGroups: null, language: null, caller: { name: "bench", admin: true } });
    outcomes.push(...(await replay(transcript.lines, async (line) => (await assist.addTurn(session, sessionFilter(session, undefined), line)).suggestions)));
  }
  return outcomes;
}

async function tune(): Promise<void> {
  const { jikji, root } = await openTemp("jikji-assist-tune-");
  try {
    await ingestAssistDocs(jikji);
    const tuning = transcripts.filter((t) => t.split === "tune");
    const reporting = transcripts.filter((t) => t.split === "report");
    const best: Record<AnswerLanguage, { threshold: number; correct: number }> = {
      ko: { threshold: 0, correct: -1 },
      en: { threshold: 0, correct: -1 },
    };
    console.log("| threshold | language | tuning: expected answer suggested | suggestions holding it | silence kept |");
    console.log("|---|---|---|---|---|");
    for (let step = 0; step <= 19; step++) {
      const threshold = step * 0.05;
      const scores = score(await replayInProcess(jikji, tuning, { ko: threshold, en: threshold }));
      for (const s of scores) {
        console.log(qualityRow(threshold.toFixed(2), s));
        // Turns where the call went right (answer shown or silence kept), less the wrong suggestions shown, since
        // a wrong suggestion costs the agent more than a missing one; ties go to the higher threshold.
        const correct = s.answered + s.silent - (s.shown - s.correct);
        if (correct >= best[s.language].correct) best[s.language] = { threshold, correct };
      }
    }
    const chosen = { ko: best.ko.threshold, en: best.en.threshold };
    console.log(`\nBest on the tuning half: ko ${chosen.ko.toFixed(2)}, en ${chosen.en.toFixed(2)} (in use: ko ${DEFAULT_THRESHOLDS.ko}, en ${DEFAULT_THRESHOLDS.en})\n`);
    console.log("| split | language | expected answer suggested | suggestions holding it | silence kept |");
    console.log("|---|---|---|---|---|");
    for (const [label, set] of [["tuning", tuning], ["reporting", reporting]] as const) {
      for (const s of score(await replayInProcess(jikji, set, { ...DEFAULT_THRESHOLDS }))) console.log(qualityRow(label, s));
    }
  } finally {
    await jikji.close();
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function latency(dirs: string[]): Promise<void> {
  console.log(`Node ${process.version}, ${os.cpus().length} cores; ${transcripts.length} transcripts × 5 rounds`);
  console.log("| chunks | final customer turns | p50 ms | p95 ms | max ms | ko: answer suggested / precision / silence | en: answer suggested / precision / silence |");
  console.log("|---|---|---|---|---|---|---|");
  for (const dir of dirs) {
    const jikji = await openJikji(loadConfig({}, { dataDir: dir }), { scanIndex: false });
    try {
      const { app } = createServerApp(jikji);
      const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const post = async (url: string, body: unknown) => {
        const response = await fetch(`${base}${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
        return response.json() as Promise<{ id: string; suggestions: ShownText[] }>;
      };
      const timings: number[] = [];
      let lastRound: TurnOutcome[] = [];
      for (let round = 0; round < 6; round++) {
        const outcomes: TurnOutcome[] = [];
        for (const transcript of transcripts) {
          const { id } = await post("/v1/assist/sessions", { collection: "support" });
          outcomes.push(...(await replay(transcript.lines, async (line) => (await post(`/v1/assist/sessions/${id}/turns`, line)).suggestions)));
        }
        // Round 0 warms the process up (JIT, the index's first reads) and is not counted.
        if (round > 0) for (const o of outcomes) if (o.final && o.speaker === "customer") timings.push(o.latencyMs);
        lastRound = outcomes;
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const scores = new Map(score(lastRound).map((s) => [s.language, s]));
      const cell = (language: AnswerLanguage) => {
        const s = scores.get(language);
        return s ? `${pct(s.answered, s.answerTurns)} / ${pct(s.correct, s.shown)} / ${pct(s.silent, s.silenceTurns)}` : "–";
      };
      const chunks = (await jikji.store.counts()).chunks;
      console.log(
        `| ${chunks.toLocaleString("en")} | ${timings.length} | ${percentile(timings, 50).toFixed(1)} | ${percentile(timings, 95).toFixed(1)} | ` +
          `${Math.max(...timings).toFixed(1)} | ${cell("ko")} | ${cell("en")} |`,
      );
    } finally {
      await jikji.close();
    }
  }
}

async function explain(half: "tune" | "report", all: boolean): Promise<void> {
  const { jikji, root } = await openTemp("jikji-assist-explain-");
  try {
    await ingestAssistDocs(jikji);
    const assist = createAssist({ store: jikji.store, retrieve: jikji.search, thresholds: DEFAULT_THRESHOLDS });
    const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
    for (const transcript of transcripts.filter((t) => t.split === half)) {
      const session = await assist.createSession({ collection: "support", accessGroups: null, language: null, caller: { name: "bench", admin: true } });
      const filter = sessionFilter(session, undefined);
      // Each scored line explained right after the session took it, from what the session then held.
      const notes = new Map<number, string[]>();
      let line = 0;
      const outcomes = await replay(transcript.lines, async (input) => {
        line++;
        const { turn, suggestions } = await assist.addTurn(session, filter, input);
        if (!input.final || input.expect === undefined) return suggestions;
        const history = await jikji.store.assistTurns(session.id, DEFAULT_WINDOW * 4);
        const query = buildQuery(history.map((row) => ({ speaker: row.speaker, text: row.text })), { window: DEFAULT_WINDOW });
        const hits = query.text === "" ? [] : (await jikji.search({ query: query.text, k: 3, filter })).hits;
        const draft = draftSuggestion(query, hits);
        const shown = (await jikji.store.assistSuggestions(session.id)).filter((row) => row.turnId !== turn.id);
        const decision = draft && decide(draft, query, shown.map((row) => ({ text: row.text, chunkIds: row.citations.map((c) => c.chunkId), queryTerms: row.queryTerms })));
        const expected = input.expect?.toLowerCase();
        const holds = (passage: Passage) => expected !== undefined && oneLine(passage.text).toLowerCase().includes(expected);
        notes.set(line, [
          `  turn:    ${input.text}${triggersSuggestions(input) ? "" : "  (not a trigger)"}`,
          `  query:   ${query.text}`,
          `  asks:    ${query.asks}`,
          ...hits.map((passage, rank) => `  ${holds(passage) ? "*" : " "} hit ${rank + 1}: ${passage.source} > ${passage.headingPath.join(" > ")}`),
          `  draft:   ${draft ? `${draft.confidence.toFixed(3)} ${decision!.show ? "show" : decision!.reason} ${draft.text}` : "none"}`,
        ]);
        return suggestions;
      });
      for (const outcome of outcomes) {
        if (outcome.expected === undefined || (outcome.met && !all)) continue;
        console.log(`\n${transcript.name}:${outcome.line} ${outcome.met ? "met" : "MISSED"} expect ${JSON.stringify(outcome.expected)}`);
        for (const note of notes.get(outcome.line) ?? []) console.log(note);
        for (const shown of outcome.suggestions) console.log(`  shown:   ${shown.confidence.toFixed(3)} ${oneLine(shown.text)}`);
      }
    }
  } finally {
    await jikji.close();
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function build(dir: string, size: number): Promise<void> {
  const jikji = await openJikji(loadConfig({}, { dataDir: dir }), { scanIndex: false });
  try {
    await ingestAssistDocs(jikji);
    await pad(jikji, size);
    await jikji.index.optimize();
  } finally {
    await jikji.close();
  }
}

if (mode === "tune") await tune();
else if (mode === "explain" && rest.filter((arg) => arg !== "--all").every((arg) => arg === "tune" || arg === "report")) {
  await explain(rest.includes("report") ? "report" : "tune", rest.includes("--all"));
} else if (mode === "build" && rest.length === 2 && Number(rest[1]) > 0) await build(rest[0]!, Number(rest[1]));
else if (mode === "latency" && rest.length > 0) await latency(rest);
else {
  console.error("usage: node bench/assist.ts tune | explain [tune|report] [--all] | build <dir> <chunks> | latency <dir>...");
  process.exit(2);
}
