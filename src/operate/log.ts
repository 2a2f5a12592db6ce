import { Writable } from "node:stream";
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/**
 * A pino logger: JSON lines, or one readable line per record when `pretty` (a terminal). Never give it tokens,
 * keys, Authorization headers, query or document text; `redact` is a last line of defence, not the rule.
 */
export function createLogger(options: { level: LogLevel; destination?: DestinationStream; pretty?: boolean }): Logger {
  const destination: DestinationStream = options.destination ?? process.stdout;
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: ["authorization", "*.authorization", "token", "apiKey", "*.apiKey"], censor: "[redacted]" },
    },
    options.pretty ? prettyStream(destination) : destination,
  );
}

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

/** Formats one pino JSON line as `HH:MM:SS.mmm LEVEL msg key=value …` for a person at a terminal. */
export function formatLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { level, time, msg, ...rest } = record;
  const when = typeof time === "number" ? new Date(time).toISOString().slice(11, 23) : "";
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  return `${when} ${(LEVELS[Number(level)] ?? String(level)).padEnd(5)} ${String(msg ?? "")}${fields ? ` ${fields}` : ""}`;
}

function prettyStream(destination: DestinationStream): DestinationStream {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of String(chunk).split("\n")) if (line !== "") destination.write(`${formatLine(line)}\n`);
      callback();
    },
  });
}
