import os from "node:os";
import type { DocumentParser, ParseResult } from "./parser.ts";

/**
 * Several parsers behind one `DocumentParser`: each file goes to the parser with the fewest files in hand, so up to
 * `parsers.length` files parse at once. Each parser keeps its own worker with its own heap limit and deadline
 * (`workerParser`), so a file that crashes, hangs or exhausts memory takes down only its own worker and fails alone.
 */
export function parserPool(parsers: readonly DocumentParser[]): DocumentParser {
  if (parsers.length === 0) throw new Error("parserPool needs at least one parser");
  const inHand = parsers.map(() => 0);
  return {
    async parse(bytes, fileName, extra): Promise<ParseResult> {
      let chosen = 0;
      for (let i = 1; i < parsers.length; i++) if (inHand[i]! < inHand[chosen]!) chosen = i;
      inHand[chosen]!++;
      try {
        return await parsers[chosen]!.parse(bytes, fileName, extra);
      } finally {
        inHand[chosen]!--;
      }
    },
    async close() {
      await Promise.all(parsers.map((parser) => parser.close()));
    },
  };
}

/** One parse worker per core the process may use. */
export function parseWorkerCount(): number {
  return Math.max(1, os.availableParallelism());
}
