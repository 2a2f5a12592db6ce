import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { errorMessage } from "../errors.ts";
import { checkModels, type ModelReport } from "../retrieve/models-check.ts";
import type { CliIo } from "./run.ts";

const USAGE_LINE = "jikji models check [--passages N] [--json]";

function fail(io: CliIo, message: string): number {
  io.stderr.write(`jikji models: ${message}\nUsage: ${USAGE_LINE}\n`);
  return 2;
}

function formatReport(report: ModelReport): string {
  if (report.kind === "none") {
    const hint = report.role === "embedder" ? "JIKJI_EMBED_MODEL_DIR or JIKJI_EMBED_BASE_URL" : "JIKJI_RERANK_MODEL_DIR";
    return `${report.role}: none configured (${hint} not set)\n`;
  }
  const lines = [`${report.role}: ${report.kind}${report.name ? ` ${report.name}` : ""} — ${report.ok ? "ok" : "FAILED"}`];
  for (const [key, value] of Object.entries(report.settings)) {
    lines.push(`  ${key.padEnd(14)} ${typeof value === "string" ? JSON.stringify(value) : String(value ?? "default")}`);
  }
  if (report.error) lines.push(`  error          ${report.error.replaceAll("\n", "\n                 ")}`);
  if (report.dimensions !== undefined) lines.push(`  dimensions     ${report.dimensions}`);
  if (report.loadMs !== undefined) lines.push(`  load           ${Math.round(report.loadMs)} ms`);
  if (report.probe) lines.push(`  probe          ${report.probe.text} → ${report.probe.result}`);
  if (report.passagesPerSecond !== undefined) {
    lines.push(`  speed          ${report.passagesPerSecond.toFixed(1)} passages/s (${report.passages} passages of ~300 characters)`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `jikji models check`: prints what is configured, loads each model, runs a probe sentence through it and reports
 * dimensions, load time and passages per second. Exits 1 when a configured model fails to load or run.
 */
export async function modelsCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { passages: { type: "string" }, json: { type: "boolean", default: false }, "data-dir": { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return fail(io, errorMessage(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== "check") return fail(io, "the only subcommand is check");
  const passages = values.passages === undefined ? 32 : Number(values.passages);
  if (!Number.isInteger(passages) || passages < 1 || passages > 10_000) return fail(io, "--passages must be a whole number from 1 to 10000");

  const config = loadConfig(io.env, values["data-dir"] !== undefined ? { dataDir: values["data-dir"] } : {});
  const reports = await checkModels(config, { passages });
  if (values.json) io.stdout.write(`${JSON.stringify(reports)}\n`);
  else for (const report of reports) io.stdout.write(formatReport(report));
  return reports.every((report) => report.ok) ? 0 : 1;
}
