import { Worker } from "node:worker_threads";
import type { IngestLimits } from "../config.ts";
import {
  DocumentUnreadableError,
  InvalidInputError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  type JikjiError,
} from "../errors.ts";
import type { OcrOptions } from "./ocr.ts";
import { assemblePdfParts, parseDocument, parsePdfPart, type ParseOptions, type PdfPartOutcome } from "./parse.ts";
import type { PdfPagesPart, PdfPartRange } from "./parse-pdf.ts";
import type { ParseReply, ParseRequest } from "./parse-worker.ts";
import { parseWorkerCount, parserPool } from "./pool.ts";
import { DEFAULT_ZIP_LIMITS } from "./zip.ts";

export type ParseResult = Awaited<ReturnType<typeof parseDocument>>;

/** Parses one file at a time; `close` releases whatever it holds. */
export interface DocumentParser {
  parse(bytes: Uint8Array, fileName: string, extra?: { pdfPassword?: string }): Promise<ParseResult>;
  /**
   * A PDF's pages split across parsers (`parserPool`): one part of its pages (`parsePdfPart`), then the document
   * from all parts (`assemblePdfParts`). Parsers without them are only given whole files.
   */
  pdfPart?(bytes: Uint8Array, fileName: string, range: PdfPartRange, extra?: { pdfPassword?: string }): Promise<PdfPartOutcome>;
  pdfAssemble?(parts: PdfPagesPart[], bytes: Uint8Array, fileName: string, extra?: { pdfPassword?: string }): Promise<ParseResult>;
  close(): Promise<void>;
}

export type ParserLimits = Pick<IngestLimits, "maxPages" | "maxDecompressedBytes" | "parseTimeoutMs" | "parseMemoryMb">;

function parseOptionsFor(limits: ParserLimits, ocr: Omit<OcrOptions, "onPage"> | null, pdfTables: boolean): ParseOptions {
  return {
    maxPages: limits.maxPages,
    zip: { ...DEFAULT_ZIP_LIMITS, maxDecompressedBytes: limits.maxDecompressedBytes },
    ocr,
    pdfTables,
  };
}

/** Parses on the calling thread: no isolation, for tests and for measuring what the worker costs. */
export function inProcessParser(options: ParseOptions): DocumentParser {
  return {
    parse: (bytes, fileName, extra) => parseDocument(bytes, fileName, { ...options, ...extra }),
    pdfPart: (bytes, fileName, range, extra) => parsePdfPart(bytes, fileName, range, { ...options, ...extra }),
    pdfAssemble: (parts, bytes, fileName, extra) => assemblePdfParts(parts, bytes, fileName, { ...options, ...extra }),
    close: async () => undefined,
  };
}

const WORKER_URL = new URL("./parse-worker.ts", import.meta.url);

/**
 * Parses in a worker thread with a heap limit and a deadline, because pdf.js and mammoth run synchronously on
 * whatever thread calls them: a pathological file would otherwise stall or crash the whole service. One worker
 * is reused across files; it is terminated on a timeout and replaced after a crash or an out-of-memory, and each
 * of those becomes that file's error. OCR pages extend the deadline by their own time limit as they start.
 */
export function workerParser(limits: ParserLimits, ocr: Omit<OcrOptions, "onPage"> | null, pdfTables = false): DocumentParser {
  const options = parseOptionsFor(limits, ocr, pdfTables);
  let worker: Worker | null = null;
  let nextId = 1;
  let tail: Promise<unknown> = Promise.resolve();

  const spawn = (): Worker => {
    const created = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: limits.parseMemoryMb, maxYoungGenerationSizeMb: 64 },
      stdout: false,
      stderr: false,
    });
    created.unref();
    // A worker that fails or ends for any reason is never handed another file. An error between files (a parser's
    // late cleanup running out of heap) is nobody's file's error, and without a listener it would crash the caller.
    const retire = () => {
      if (worker === created) worker = null;
    };
    created.on("error", retire);
    created.once("exit", retire);
    return created;
  };

  const runOnce = <T>(
    bytes: Uint8Array,
    fileName: string,
    extra: { pdfPassword?: string } | undefined,
    task: ParseRequest["task"],
    onPageCount: ((pageCount: number) => void) | undefined,
  ) =>
    new Promise<T>((resolve, reject) => {
      const current = (worker ??= spawn());
      const id = nextId++;
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: { result: T } | { error: JikjiError }, discardWorker: boolean) => {
        clearTimeout(timer);
        current.off("message", onMessage);
        current.off("error", onError);
        current.off("exit", onExit);
        current.unref();
        if (discardWorker) {
          if (worker === current) worker = null;
          void current.terminate();
        }
        if ("result" in outcome) resolve(outcome.result);
        else reject(outcome.error);
      };
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          finish(
            {
              error: new DocumentUnreadableError(
                `${fileName} took longer than ${limits.parseTimeoutMs} ms to parse (JIKJI_PARSE_TIMEOUT_MS); parsing was stopped`,
              ),
            },
            true,
          );
        }, ms);
      };
      const onMessage = (reply: ParseReply) => {
        if (reply.id !== id) return;
        if (reply.type === "ocr-page") arm(limits.parseTimeoutMs + (ocr?.pageTimeoutMs ?? 0));
        else if (reply.type === "page-count") onPageCount?.(reply.pageCount);
        else if (reply.type === "done") finish({ result: reply.result as T }, false);
        else finish({ error: errorFromCode(reply.code, reply.message, fileName) }, false);
      };
      const onError = (error: Error & { code?: string }) => {
        const outOfMemory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
        finish(
          {
            error: outOfMemory
              ? new PayloadTooLargeError(
                  `${fileName} needed more than ${limits.parseMemoryMb} MB of memory to parse (JIKJI_PARSE_MEMORY_MB); parsing was stopped`,
                )
              : new DocumentUnreadableError(`the parser crashed on ${fileName}: ${error.message}`, { cause: error }),
          },
          true,
        );
      };
      const onExit = (code: number) => {
        finish({ error: new DocumentUnreadableError(`the parser stopped (exit code ${code}) while reading ${fileName}`) }, true);
      };
      current.on("message", onMessage);
      current.on("error", onError);
      current.on("exit", onExit);
      current.ref();
      arm(limits.parseTimeoutMs);
      const request: ParseRequest = { id, bytes, fileName, options: { ...options, ...extra }, ...(task ? { task } : {}) };
      current.postMessage(request);
    });

  // One request at a time per worker: each has the whole deadline, and a crash is that request's file's error.
  const run = <T>(
    bytes: Uint8Array,
    fileName: string,
    extra: { pdfPassword?: string } | undefined,
    task?: ParseRequest["task"],
    onPageCount?: (pageCount: number) => void,
  ) => {
    const result = tail.then(() => runOnce<T>(bytes, fileName, extra, task, onPageCount));
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    parse: (bytes, fileName, extra) => run<ParseResult>(bytes, fileName, extra),
    pdfPart: (bytes, fileName, { onPageCount, ...range }, extra) =>
      run<PdfPartOutcome>(bytes, fileName, extra, { kind: "pdf-part", range }, onPageCount),
    pdfAssemble: (parts, bytes, fileName, extra) => run<ParseResult>(bytes, fileName, extra, { kind: "pdf-assemble", parts }),
    async close() {
      await tail;
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}

/** The worker posts a JikjiError's code and message; the same class is rebuilt here so callers can branch on it. */
function errorFromCode(code: string, message: string, fileName: string): JikjiError {
  switch (code) {
    case "payload_too_large":
      return new PayloadTooLargeError(message);
    case "unsupported_media_type":
      return new UnsupportedMediaTypeError(message);
    case "invalid_input":
      return new InvalidInputError(message);
    case "document_unreadable":
      return new DocumentUnreadableError(message);
    default:
      return new DocumentUnreadableError(`${fileName} could not be parsed: ${message}`);
  }
}

/**
 * The parser the CLI and server use: one worker thread per core, each bounded by the configured limits, with OCR
 * when enabled, large PDFs split across the workers when `splitPdfPages`. Workers start on their first request, so
 * a job of one small file starts one worker.
 */
export function parserFromConfig(
  config: { limits: ParserLimits; ocr: { enabled: boolean; languages: string; pageTimeoutMs: number }; splitPdfPages?: boolean; pdfTables?: boolean },
  workers: number = parseWorkerCount(),
): DocumentParser {
  const ocr = config.ocr.enabled ? { languages: config.ocr.languages, pageTimeoutMs: config.ocr.pageTimeoutMs } : null;
  return parserPool(
    Array.from({ length: workers }, () => workerParser(config.limits, ocr, config.pdfTables === true)),
    { splitPdfPages: config.splitPdfPages ?? false },
  );
}
