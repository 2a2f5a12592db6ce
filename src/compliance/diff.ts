/**
 * Which clauses changed between two versions of a regulation: compared clause by clause (the chunks sharing a
 * clause path), listed in clause order (the newer version's order, removed clauses where they stood before).
 */
import { normaliseText } from "./normalise.ts";

export interface ClauseText {
  clausePath: string | null;
  text: string;
  ordinal: number;
  charStart: number;
  charEnd: number;
}

export interface ClauseChange {
  clause: string;
  change: "changed" | "added" | "removed";
  before: string | null;
  after: string | null;
}

/** Text per clause in document order; chunks of one clause (a long paragraph) are joined without their overlap. */
function byClause(chunks: readonly ClauseText[]): Map<string, string> {
  const clauses = new Map<string, { text: string; end: number }>();
  for (const chunk of [...chunks].sort((a, b) => a.ordinal - b.ordinal)) {
    if (chunk.clausePath === null) continue;
    const known = clauses.get(chunk.clausePath);
    if (known === undefined) {
      clauses.set(chunk.clausePath, { text: chunk.text, end: chunk.charEnd });
      continue;
    }
    const fresh = chunk.charStart < known.end ? chunk.text.slice(known.end - chunk.charStart) : chunk.text;
    clauses.set(chunk.clausePath, { text: `${known.text} ${fresh}`, end: Math.max(known.end, chunk.charEnd) });
  }
  return new Map([...clauses].map(([clause, entry]) => [clause, normaliseText(entry.text)]));
}

/**
 * A clause is matched across versions by its path without the title ("제12조" whether titled 연차휴가 or 연차
 * 유급휴가), so a retitled clause shows as changed, not as removed and added.
 */
function identity(clausePath: string): string {
  return clausePath.replace(/[(（【][^)）】]*[)）】]/gu, "").replace(/\s+/g, " ").trim();
}

export function diffClauses(from: readonly ClauseText[], to: readonly ClauseText[]): ClauseChange[] {
  const before = byClause(from);
  const after = byClause(to);
  const beforeById = new Map([...before].map(([clause, text]) => [identity(clause), { clause, text }]));
  const afterIds = new Set([...after.keys()].map(identity));
  const changes: ClauseChange[] = [];
  const removedBefore = (clause: string): ClauseChange[] => {
    // Removed clauses that stood before `clause` in the older version and have not been listed yet.
    const out: ClauseChange[] = [];
    for (const [oldClause, text] of before) {
      if (identity(oldClause) === identity(clause)) break;
      if (!afterIds.has(identity(oldClause)) && !listed.has(oldClause)) {
        listed.add(oldClause);
        out.push({ clause: oldClause, change: "removed", before: text, after: null });
      }
    }
    return out;
  };
  const listed = new Set<string>();
  for (const [clause, text] of after) {
    const old = beforeById.get(identity(clause));
    if (old !== undefined) changes.push(...removedBefore(old.clause));
    if (old === undefined) changes.push({ clause, change: "added", before: null, after: text });
    else if (old.text !== text || old.clause !== clause) changes.push({ clause, change: "changed", before: old.text, after: text });
  }
  for (const [oldClause, text] of before) {
    if (!afterIds.has(identity(oldClause)) && !listed.has(oldClause)) changes.push({ clause: oldClause, change: "removed", before: text, after: null });
  }
  return changes;
}
