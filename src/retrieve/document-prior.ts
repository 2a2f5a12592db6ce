/**
 * The document a question names (issue 8, first stage). A word like bzip2, Gutenprint or oblivoir sits in nearly
 * every chunk of its own manual, so its chunk-level IDF is low and BM25 barely rewards it; yet in the collection it
 * is decisive, since one document holds it. The prior finds such words from index statistics (how many chunks hold a
 * term, `SearchIndex.documentFrequencies`, and which documents, `SearchIndex.documentsHolding`) and raises the
 * first-stage score of the hits in the documents they point at.
 *
 * A word fires only when few documents hold it, in several chunks each and in most of their chunks: a word in every
 * document points nowhere, nor does a word a long manual happens to use on a few of its pages, and where each document is one chunk (a paragraph collection) no word is ever more
 * concentrated in its documents than in its chunks, so the prior never fires there.
 */
import type { IndexHit, SearchIndex } from "./index/port.ts";

export interface DocumentPriorSettings {
  /** A hit in a document that every naming word points at alone scores (1 + weight) × its first-stage score. */
  weight: number;
  /** A word names documents only when at most this many documents hold it. */
  maxDocuments: number;
  /** ... and the chunks holding it are at least this many per such document. */
  minChunksPerDocument: number;
  /** ... and at least this share of those documents' chunks hold it (a name is on most of its manual's pages). */
  minCoverage: number;
}

export const DEFAULT_DOCUMENT_PRIOR: DocumentPriorSettings = { weight: 4, maxDocuments: 3, minChunksPerDocument: 3, minCoverage: 0.5 };

/**
 * Words held by more chunks than this are not looked up (a lookup reads one row per chunk holding the word). A word
 * in at most `maxDocuments` documents is in this many chunks only if those documents are huge manuals.
 */
export const MAX_CHUNKS_LOOKED_UP = 2_000;

/** What the store says of a document a word points at: its chunks, and whether the caller may read it. */
export interface NamedDocument {
  chunks: number;
  readable: boolean;
}

/** A word of the question and the documents it names. */
export interface NamingTerm {
  term: string;
  documents: readonly string[];
}

/**
 * The question's terms that name documents, given how many chunks hold each (`chunks`), which documents
 * (`documents`: null for more than `maxDocuments`; a term missing from either map names nothing) and how many chunks
 * those documents have (`sizes`; a document of unknown size counts as held by every chunk of the term).
 */
export function namingTerms(
  terms: readonly string[],
  chunks: ReadonlyMap<string, number>,
  documents: ReadonlyMap<string, readonly string[] | null>,
  sizes: ReadonlyMap<string, number>,
  settings: Pick<DocumentPriorSettings, "maxDocuments" | "minChunksPerDocument" | "minCoverage">,
): NamingTerm[] {
  const naming: NamingTerm[] = [];
  for (const term of new Set(terms)) {
    const holding = documents.get(term);
    const count = chunks.get(term) ?? 0;
    if (holding === undefined || holding === null || holding.length === 0 || holding.length > settings.maxDocuments) continue;
    if (count < settings.minChunksPerDocument * holding.length) continue;
    const size = holding.reduce((sum, document) => sum + (sizes.get(document) ?? 0), 0);
    if (size > 0 && count < settings.minCoverage * size) continue;
    naming.push({ term, documents: holding });
  }
  return naming;
}

/**
 * Each named document's share of the naming words, in (0, 1]: a word counts 1 split among the documents it names,
 * and the sum is divided by the number of naming words (a document every naming word names alone has 1).
 */
export function documentShares(naming: readonly NamingTerm[]): Map<string, number> {
  const shares = new Map<string, number>();
  for (const { documents } of naming) {
    for (const document of documents) shares.set(document, (shares.get(document) ?? 0) + 1 / documents.length / naming.length);
  }
  return shares;
}

/** The hits with the prior applied, best first (ties keep their order): score × (1 + weight × share of the hit's document). */
export function applyDocumentPrior(hits: readonly IndexHit[], shares: ReadonlyMap<string, number>, weight: number): IndexHit[] {
  return hits
    .map((hit, i) => ({ hit: { ...hit, score: hit.score * (1 + weight * (shares.get(hit.documentId) ?? 0)) }, i }))
    .sort((a, b) => b.hit.score - a.hit.score || a.i - b.i)
    .map(({ hit }) => hit);
}

/**
 * The shares of the documents a question's terms name, asked of the index: the chunk counts of every term in one
 * call, then the documents of those held by enough chunks to name any (and few enough to look up), then those
 * documents' sizes in chunks and whether the caller may read them (`documentsOf`, from the store). Only documents the
 * caller may read get a share. Empty when no term names a document.
 */
export async function namedDocuments(
  index: Pick<SearchIndex, "documentFrequencies" | "documentsHolding">,
  documentsOf: (documentIds: readonly string[]) => Promise<ReadonlyMap<string, NamedDocument>>,
  terms: readonly string[],
  settings: DocumentPriorSettings,
): Promise<Map<string, number>> {
  const distinct = [...new Set(terms)];
  if (distinct.length === 0) return new Map();
  const chunks = await index.documentFrequencies(distinct, { atMost: MAX_CHUNKS_LOOKED_UP + 1 });
  const looked = distinct.filter((term) => {
    const count = chunks.get(term) ?? 0;
    return count >= settings.minChunksPerDocument && count <= MAX_CHUNKS_LOOKED_UP;
  });
  if (looked.length === 0) return new Map();
  const documents = await index.documentsHolding(looked, { atMost: settings.maxDocuments });
  const named = [...new Set([...documents.values()].flatMap((holding) => holding ?? []))];
  const known = named.length === 0 ? new Map<string, NamedDocument>() : await documentsOf(named);
  const sizes = new Map([...known].map(([id, document]) => [id, document.chunks]));
  const shares = documentShares(namingTerms(looked, chunks, documents, sizes, settings));
  // A document the caller may not read takes no share: its chunks are never lifted over ones the caller can see.
  for (const id of shares.keys()) if (known.get(id)?.readable !== true) shares.delete(id);
  return shares;
}
