/**
 * Cross-references inside a clause ("제5조에 따른", "제3조제2항", "as defined in Section 2") and their
 * resolution to the clauses they name in the same document version.
 */
import { chunkClauseKeys, clauseKeys } from "../ingest/clauses.ts";

export interface ClauseReference {
  /** The words as written, e.g. "제5조제1항" or "Section 2". */
  text: string;
  /** The most specific clause key it names, e.g. "§5조.1항". */
  key: string;
}

const KOREAN_REFERENCE = /(?:부칙\s*)?제\s*\d+\s*조(?:\s*의\s*\d+)?(?:\s*제\s*\d+\s*항)?(?:\s*제\s*\d+\s*호)?/gu;
const ENGLISH_REFERENCE = /\b(?:Section|Sec\.|§)\s*\d+(?:\.\d+)*(?:\([a-z]{1,4}\))*|\bArticle\s+(?:\d+|[IVXLC]+)\b|\b(?:Schedule|Annex|Appendix)\s+[A-Z0-9]+\b/gu;
const APPENDIX_REFERENCE = /(?:별표|별지)\s*(?:제\s*)?\d+/gu;

/**
 * References a clause's text makes to other clauses. The clause's own heading ("제12조(연차휴가)" at the start) and
 * references to itself are not cross-references.
 */
export function findReferences(text: string, ownClausePath: string | null): ClauseReference[] {
  const own = new Set(ownClausePath === null ? [] : clauseKeys(ownClausePath));
  const found = new Map<string, ClauseReference>();
  for (const pattern of [KOREAN_REFERENCE, ENGLISH_REFERENCE, APPENDIX_REFERENCE]) {
    for (const match of text.matchAll(pattern)) {
      const written = match[0].trim();
      // An article's own heading at the start of its text.
      if (match.index === 0 && pattern === KOREAN_REFERENCE && /^\s*[(（【]/u.test(text.slice(written.length))) continue;
      const keys = clauseKeys(written);
      const key = keys.reduce((a, b) => (b.length > a.length ? b : a), "");
      if (key === "" || own.has(key) || found.has(key)) continue;
      found.set(key, { text: written, key });
    }
  }
  return [...found.values()];
}

/** A stored chunk as resolution needs it. */
export interface ClauseChunk {
  id: string;
  clausePath: string | null;
  text: string;
  charStart: number;
  charEnd: number;
}

export interface RelatedClause {
  /** The reference as written in the cited clause. */
  reference: string;
  clause: string | null;
  chunkId: string;
  text: string;
  start: number;
  end: number;
}

/** The chunks each reference names, in document order (the first chunks of an article named as a whole). */
export function resolveReferences(references: readonly ClauseReference[], chunks: readonly ClauseChunk[], perReference = 2): RelatedClause[] {
  const related: RelatedClause[] = [];
  for (const reference of references) {
    const matching = chunks.filter((chunk) => chunkClauseKeys(chunk.clausePath, chunk.text).includes(reference.key));
    for (const chunk of matching.slice(0, perReference)) {
      related.push({
        reference: reference.text,
        clause: chunk.clausePath,
        chunkId: chunk.id,
        text: chunk.text,
        start: chunk.charStart,
        end: chunk.charEnd,
      });
    }
  }
  return related;
}
