import os from "node:os";
import type { DocumentParser, ParseResult } from "./parser.ts";

/**
 * Several parsers behind one `DocumentParser`, fed from one queue: files wait in the order they were asked for, and
 * whichever parser is free takes the next, so up to `parsers.length` files parse at once and a slow file never holds
 * up a file queued behind it while another parser idles (files used to be dealt to a parser when asked for, and
 * could wait behind a large PDF in one worker while the other had finished). A free parser with a lower index is
 * preferred, so a job of one file starts one worker. Each parser keeps its own worker with its own heap limit and
 * deadline (`workerParser`), so a file that crashes, hangs or exhausts memory takes down only its own worker and
 * fails alone.
 */
export function parserPool(parsers: readonly DocumentParser[]): DocumentParser {
  if (parsers.length === 0) throw new Error("parserPool needs at least one parser");
  const busy = parsers.map(() => false);
  const waiting: Array<{ run: (parser: DocumentParser) => Promise<unknown>; reject: (error: Error) => void }> = [];
  const pump = () => {
    for (let i = 0; i < parsers.length && waiting.length > 0; i++) {
      if (busy[i]) continue;
      busy[i] = true;
      void waiting.shift()!.run(parsers[i]!).finally(() => {
        busy[i] = false;
        pump();
      });
    }
  };
  return {
    parse(bytes, fileName, extra): Promise<ParseResult> {
      return new Promise<ParseResult>((resolve, reject) => {
        waiting.push({ run: async (parser) => parser.parse(bytes, fileName, extra).then(resolve, reject), reject });
        pump();
      });
    },
    async close() {
      // Files not yet taken are not started: a closed parser would start a new worker for them.
      for (const { reject } of waiting.splice(0)) reject(new Error("the parser was closed before this file's turn"));
      await Promise.all(parsers.map((parser) => parser.close()));
    },
  };
}

/**
 * How many files a job reads and parses ahead of the one being written: two per worker, so a worker that is done
 * has the next file to take while another still parses a large one. Bounded, because each holds its bytes and text.
 */
export function parseAheadDepth(workers: number = parseWorkerCount()): number {
  return 2 * workers;
}

/** One parse worker per core the process may use. */
export function parseWorkerCount(): number {
  return Math.max(1, os.availableParallelism());
}
