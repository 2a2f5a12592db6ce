/**
 * Passages whose text another document of the collection repeats word for word. Exported sites and document families
 * carry the same paragraph in many pages (LibreOffice's help: "Reset Resets changes made to the current tab…" in 17
 * dialog pages, an ODF note in 46 function pages); every copy is indexed and, being the same text, scores the same,
 * so a few copies can fill the hits a question gets. Only the best-ranked copy is kept.
 */
import type { Passage } from "./types.ts";

/** Case, whitespace and Unicode form folded: copies differ in those only after an export or a reflow. */
function sameTextKey(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The hits in order, each text kept once: a later passage with the same text (any document) is dropped. */
export function collapseDuplicates<T extends Pick<Passage, "text">>(hits: readonly T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = sameTextKey(hit.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
