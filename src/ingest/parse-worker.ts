import { parentPort } from "node:worker_threads";
import { JikjiError, errorMessage } from "../errors.ts";
import type { PdfPagesPart, PdfPartRange } from "./parse-pdf.ts";
import { assemblePdfParts, parseDocument, parsePdfPart, type ParseOptions } from "./parse.ts";

/**
 * A request from the supervisor in parser.ts. Options are plain data; callbacks are added here. Without a task the
 * file is parsed whole; a PDF split across workers (`parserPool`) is read as parts of its pages, then assembled.
 */
export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
  task?: { kind: "pdf-part"; range: Omit<PdfPartRange, "onPageCount"> } | { kind: "pdf-assemble"; parts: PdfPagesPart[] };
}

export type ParseReply =
  | { id: number; type: "done"; result: unknown }
  | { id: number; type: "error"; code: string; message: string }
  | { id: number; type: "ocr-page"; page: number }
  | { id: number; type: "page-count"; pageCount: number };

/** The worker's side: run one request at a time and post the result or the error's code and message. */
if (parentPort !== null) {
  const port = parentPort;
  port.on("message", async (request: ParseRequest) => {
    const options: ParseOptions = { ...request.options };
    if (options.ocr) options.ocr = { ...options.ocr, onPage: (page) => port.postMessage({ id: request.id, type: "ocr-page", page }) };
    let reply: ParseReply;
    try {
      const { task } = request;
      const result =
        task === undefined
          ? await parseDocument(request.bytes, request.fileName, options)
          : task.kind === "pdf-part"
            ? await parsePdfPart(
                request.bytes,
                request.fileName,
                { ...task.range, onPageCount: (pageCount) => port.postMessage({ id: request.id, type: "page-count", pageCount }) },
                options,
              )
            : await assemblePdfParts(task.parts, request.bytes, request.fileName, options);
      reply = { id: request.id, type: "done", result };
    } catch (error) {
      reply = {
        id: request.id,
        type: "error",
        code: error instanceof JikjiError ? error.code : "internal",
        message: errorMessage(error),
      };
    }
    port.postMessage(reply);
  });
}
