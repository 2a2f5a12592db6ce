import { parentPort } from "node:worker_threads";
import { JikjiError, errorMessage } from "../errors.ts";
import { parseDocument, type ParseOptions } from "./parse.ts";

/** A parse request from the supervisor in parser.ts. Options are plain data; callbacks are added here. */
export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
}

export type ParseReply =
  | { id: number; type: "done"; result: Awaited<ReturnType<typeof parseDocument>> }
  | { id: number; type: "error"; code: string; message: string }
  | { id: number; type: "ocr-page"; page: number };

/** The worker's side: parse one file at a time and post the result or the error's code and message. */
if (parentPort !== null) {
  const port = parentPort;
  port.on("message", async (request: ParseRequest) => {
    const options: ParseOptions = { ...request.options };
    if (options.ocr) options.ocr = { ...options.ocr, onPage: (page) => port.postMessage({ id: request.id, type: "ocr-page", page }) };
    let reply: ParseReply;
    try {
      reply = { id: request.id, type: "done", result: await parseDocument(request.bytes, request.fileName, options) };
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
