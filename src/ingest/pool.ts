import os from "node:os";
import type { PdfPagesPart } from "./parse-pdf.ts";
import type { PdfPartOutcome } from "./parse.ts";
import type { DocumentParser, ParseResult } from "./parser.ts";

/**
 * A PDF is split across the parsers when each would read at least this many pages. Below it, a second part costs
 * more than it saves: each part opens the document and loads the fonts its pages use (kotex-doc.pdf, 18 pages
 * heavy with fonts, took 0.78 s in two halves against 0.40 s whole; lshort-ko.pdf, 143 pages, 1.46 s against 1.34).
 */
export const PDF_MIN_PAGES_PER_PART = 32;

export interface PoolOptions {
  /**
   * Split a large PDF's pages across the parsers (`PDF_MIN_PAGES_PER_PART` pages a part at least): each part is a
   * request of its own in the one queue, with its worker's heap limit and deadline, and the document is assembled
   * (running headers and footers found across all pages) by one more request once every part is back. A part that
   * fails fails the file with its error. Off by default (JIKJI_PDF_SPLIT=on): measured, not adopted.
   */
  splitPdfPages?: boolean;
}

/**
 * Several parsers behind one `DocumentParser`, fed from one queue: files wait in the order they were asked for, and
 * whichever parser is free takes the next, so up to `parsers.length` files parse at once and a slow file never holds
 * up a file queued behind it while another parser idles (files used to be dealt to a parser when asked for, and
 * could wait behind a large PDF in one worker while the other had finished). A free parser with a lower index is
 * preferred, so a job of one file starts one worker. Each parser keeps its own worker with its own heap limit and
 * deadline (`workerParser`), so a file that crashes, hangs or exhausts memory takes down only its own worker and
 * fails alone.
 */
export function parserPool(parsers: readonly DocumentParser[], options: PoolOptions = {}): DocumentParser {
  if (parsers.length === 0) throw new Error("parserPool needs at least one parser");
  const busy = parsers.map(() => false);
  const waiting: Array<{ run: (parser: DocumentParser) => Promise<unknown>; reject: (error: Error) => void }> = [];
  const split = options.splitPdfPages === true && parsers.length > 1 && parsers.every((parser) => parser.pdfPart && parser.pdfAssemble);
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
  /** Runs `work` on the next free parser; `first` puts it before the files waiting (a split file's last step). */
  const enqueue = <T>(work: (parser: DocumentParser) => Promise<T>, first = false): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const entry = { run: async (parser: DocumentParser) => work(parser).then(resolve, reject), reject };
      if (first) waiting.unshift(entry);
      else waiting.push(entry);
      pump();
    });
  const parseSplit = async (bytes: Uint8Array, fileName: string, extra: { pdfPassword?: string } | undefined): Promise<ParseResult> => {
    const of = parsers.length;
    const minPagesPerPart = PDF_MIN_PAGES_PER_PART;
    // The first part opens the document and tells the page count before reading a page; only a PDF long enough to
    // split queues the other parts (the first part then reads its own share), so a short one is opened once.
    let rest: Promise<PdfPartOutcome[]> = Promise.resolve([]);
    const onPageCount = (pageCount: number) => {
      if (pageCount < minPagesPerPart * of) return;
      rest = Promise.all(
        Array.from({ length: of - 1 }, (_, i) =>
          enqueue((parser) => parser.pdfPart!(bytes, fileName, { index: i + 1, of, minPagesPerPart }, extra)),
        ),
      );
      // Awaited below unless the first part fails; then the file already has its error.
      rest.catch(() => undefined);
    };
    const first = await enqueue((parser) => parser.pdfPart!(bytes, fileName, { index: 0, of, minPagesPerPart, onPageCount }, extra));
    if (first.kind === "whole") return first.result;
    const parts: PdfPagesPart[] = [];
    for (const outcome of [first, ...(await rest)]) {
      if (outcome.kind === "whole") return outcome.result;
      if (outcome.kind === "pages") parts.push(outcome.part);
    }
    return enqueue((parser) => parser.pdfAssemble!(parts, bytes, fileName, extra), true);
  };
  return {
    parse(bytes, fileName, extra): Promise<ParseResult> {
      if (split && looksLikePdf(bytes)) {
        return parseSplit(bytes, fileName, extra);
      }
      return enqueue((parser) => parser.parse(bytes, fileName, extra));
    },
    async close() {
      // Files not yet taken are not started: a closed parser would start a new worker for them.
      for (const { reject } of waiting.splice(0)) reject(new Error("the parser was closed before this file's turn"));
      await Promise.all(parsers.map((parser) => parser.close()));
    },
  };
}

/**
 * The PDF signature where `detectMediaType` looks for it (the first 1,024 bytes), checked here without parsing
 * anything on the calling thread. A file that is not a PDF after all is parsed whole by the first part.
 */
function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes("%PDF-");
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
