import type { AskResult } from "../answer/ask.ts";

/** `jikji ask` output: the exact result shape with `--json`, else the answer and a numbered source list. */
export function formatAskResult(result: AskResult, options: { json: boolean }): string {
  if (options.json) {
    const { answer, mode, grounded, citations } = result;
    return JSON.stringify({ answer, mode, grounded, citations }, null, 2);
  }
  const lines = [result.answer];
  if (result.citations.length > 0) {
    lines.push("", "Sources:");
    for (const citation of result.citations) {
      const page = (citation.page === null ? "" : `, p. ${citation.page}`) + (citation.section ? ` › ${citation.section}` : "");
      const quote = citation.quote === "" ? "" : ` — "${citation.quote.replace(/\s+/g, " ").trim()}"`;
      lines.push(`[${citation.ref}] ${citation.source}${page}${quote}`);
    }
  }
  return lines.join("\n");
}
