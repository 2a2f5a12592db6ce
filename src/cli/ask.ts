import type { AskResult } from "../answer/ask.ts";
import { missingWordsNotice, questionLanguage } from "../answer/language.ts";
import { clauseAfterSection } from "../retrieve/types.ts";

/** `jikji ask` output: the exact result shape with `--json`, else the answer and a numbered source list. */
export function formatAskResult(result: AskResult, options: { json: boolean }): string {
  if (options.json) {
    const { answer, mode, grounded, citations } = result;
    const strict = result.strict ? { strict: true, withheld: result.withheld, quotes: result.quotes, related: result.related } : {};
    const missing = result.missing ? { missing: result.missing } : {};
    return JSON.stringify({ answer, mode, grounded, citations, ...strict, ...missing }, null, 2);
  }
  const lines = [result.answer];
  if (result.missing && result.missing.length > 0) {
    lines.push("", missingWordsNotice(result.missing, questionLanguage(`${result.answer} ${result.missing.join(" ")}`)));
  }
  if (result.citations.length > 0) {
    lines.push("", "Sources:");
    for (const citation of result.citations) {
      const page = (citation.page === null ? "" : `, p. ${citation.page}`) + (citation.section ? ` › ${citation.section}` : "");
      const quote = citation.quote === "" ? "" : ` — "${citation.quote.replace(/\s+/g, " ").trim()}"`;
      const clausePart = clauseAfterSection(citation.section, citation.clause);
      const clause = clausePart === null ? "" : ` ${clausePart}`;
      lines.push(`[${citation.ref}] ${citation.source}${page}${clause}${quote}`);
    }
  }
  if (result.strict) {
    if ((result.withheld ?? 0) > 0) lines.push("", `Withheld: ${result.withheld} sentence(s) no verified quote supports.`);
    if ((result.related ?? []).length > 0) {
      lines.push("", "Related clauses:");
      for (const clause of result.related ?? []) lines.push(`- ${clause.reference} → ${clause.clause ?? "?"}: ${clause.text.replace(/\s+/g, " ").slice(0, 160)}`);
    }
  }
  return lines.join("\n");
}
