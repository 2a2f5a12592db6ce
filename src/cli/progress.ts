import type { JobCounters, JobFileOutcome } from "../store/schema.ts";

export interface ProgressSink {
  update(counters: JobCounters, current: string | null, finished?: JobFileOutcome): void;
  done(): void;
}

const BAR_WIDTH = 24;

/** A one-line progress bar redrawn in place on a terminal (files, pages, chunks, current file). */
export function terminalProgress(stream: NodeJS.WritableStream & { columns?: number }): ProgressSink {
  let lastLength = 0;
  return {
    update(counters, current) {
      const ratio = counters.filesTotal === 0 ? 1 : counters.filesDone / counters.filesTotal;
      const filled = Math.round(ratio * BAR_WIDTH);
      const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
      let line =
        `${bar} ${counters.filesDone}/${counters.filesTotal} files · ${counters.pages} pages · ` +
        `${counters.chunks} chunks${counters.failed > 0 ? ` · ${counters.failed} failed` : ""}`;
      if (current) line += ` · ${current}`;
      const width = (stream.columns ?? 100) - 1;
      if (line.length > width) line = `${line.slice(0, width - 1)}…`;
      stream.write(`\r${line}${" ".repeat(Math.max(0, lastLength - line.length))}`);
      lastLength = line.length;
    },
    done() {
      if (lastLength > 0) stream.write("\n");
    },
  };
}

/**
 * Where a bar cannot be redrawn (a pipe, a log file, CI), one plain line per finished file:
 * "[3/10] ingested hr/leave.md (2 pages, 5 chunks so far)".
 */
export function lineProgress(stream: NodeJS.WritableStream): ProgressSink {
  return {
    update(counters, _current, finished) {
      if (finished === undefined) return;
      const position = finished.action === "deleted" ? "[sync]" : `[${counters.filesDone}/${counters.filesTotal}]`;
      const detail = finished.error ? ` — ${finished.error}` : "";
      stream.write(`${position} ${finished.action} ${finished.source}${detail}\n`);
    },
    done() {},
  };
}

export const silentProgress: ProgressSink = { update() {}, done() {} };
