import { canRead } from "../access/scope.ts";
import type { SearchTimings } from "../operate/metrics.ts";
import { errorMessage, RerankUnavailableError } from "../errors.ts";
import type { ChunkWithDocument, Store, VisibleChunk } from "../store/store.ts";
import type { Embedder } from "./embed/port.ts";
import type { IndexHit, SearchFilter, SearchIndex, WeightedTerm } from "./index/port.ts";
import { bestPage, termRarity } from "./pages.ts";
import { clauseKeys } from "../ingest/clauses.ts";
import { searchableText } from "../ingest/points.ts";
import type { RerankCandidate, Reranker } from "./rerank/port.ts";
import { queryVectorCache } from "./query-vectors.ts";
import { gapExpansion, type QueryGap } from "./gaps.ts";
import { applyDocumentPrior, namedDocuments, type DocumentPriorSettings } from "./document-prior.ts";
import { collapseDuplicates } from "./duplicates.ts";
import { contentTerms, englishBound, englishEvidence, isEnglishText, koreanEvidence, loanwordBound, RARITY_CAP, renderingWeight, unwritten, weighQuestion, withLoanwords, type EnglishRendering, type EvidenceText, type WeightedQuestion } from "./crosslang.ts";
import { mergeExpansions, type SynonymLegQuery } from "./synonyms.ts";
import { searchTerms } from "./tokenize.ts";
import { chunkPassage, type NeighbourChunk, type Passage, type RerankReport, type SearchRequest, type SearchResult } from "./types.ts";

export interface SearchDeps {
  store: Store;
  index: SearchIndex;
  embedder: Embedder | null;
  /** The dense leg's weight in fusion (lexical = 1). */
  denseWeight?: number;
  /** The second ranking stage over the best first-stage candidates; none keeps the first-stage order. */
  reranker?: Reranker | null;
  /** How many first-stage candidates the reranker sees. */
  rerankDepth?: number;
  /** Query vectors kept for repeated questions (default QUERY_VECTOR_CACHE_SIZE). */
  queryVectorCacheSize?: number;
  /** Told how long each search spent retrieving and reranking (metrics). */
  onTimings?: (timings: SearchTimings) => void;
  /** Extra lexical terms for a query at reduced weights (synonyms of its words). */
  expandQuery?: (query: string) => WeightedTerm[];
  /**
   * The synonym leg (synonyms.ts `synonymLegQuery`): the question with its synonym-bearing words replaced by their
   * synonyms, searched beside the first leg; a chunk it finds scores `weight` × its score there when that is more
   * than its first-leg score, so a page holding only the synonym becomes a candidate, and one holding the question's
   * own word and its synonym is not counted twice.
   */
  synonymLeg?: { query: (query: string) => SynonymLegQuery | null; weight: number };
  /**
   * Gap-only expansion (src/retrieve/gaps.ts): the question words the collection lacks, found by asking the index;
   * their alternatives join the lexical leg at `searchWeight`, and the result carries the gaps for the answer.
   */
  gaps?: { find: (query: string) => Promise<QueryGap[]>; searchWeight: number };
  /**
   * Korean questions on English chunks (src/retrieve/crosslang.ts): a Korean question's English rendering is searched
   * as a second lexical leg whose English chunks join the candidates at `legWeight` × (their score in that leg / its
   * best) × the first leg's best score; the rendering goes to the reranker and, as related words, to the answer.
   * Only English chunks (by their text) take anything from it.
   */
  crossLanguage?: {
    render: (query: string) => EnglishRendering | null;
    legWeight: number;
    rerank?: boolean;
    /**
     * Whether the rendering's weight is read from the evidence (crosslang.ts `renderingWeight`): false counts it fully
     * for every Korean question.
     */
    gated?: boolean;
    /** How much more of the question the English chunks must hold for the rendering to count fully (0: a step). */
    margin?: number;
    /** Korean evidence at or above which the rendering counts nothing (0: none). */
    ceiling?: number;
    /** How many of the first leg's best chunks the Korean evidence is read from. */
    evidenceDepth?: number;
    /** Whether the evidences weigh only the question's content terms (crosslang.ts `contentTerms`). */
    contentEvidence?: boolean;
    /** Whether untranslated loanwords are read back from the candidates' English words (crosslang.ts `withLoanwords`). */
    loanwords?: boolean;
    /** Whether the Korean evidence reads the translated words' Hangul synonyms (crosslang.ts `koreanEvidence`). */
    koreanSynonyms?: boolean;
    /** Whether the bound counts the loanwords the reader could still translate (crosslang.ts `loanwordBound`). */
    loanwordBound?: boolean;
  };
  /**
   * The document a question names (src/retrieve/document-prior.ts): hits in documents that the question's
   * collection-rare, document-concentrated words point at score more in the first stage.
   */
  documentPrior?: DocumentPriorSettings;
  /** Drop a hit whose text a better-ranked hit already has (src/retrieve/duplicates.ts); off unless set. */
  collapseDuplicates?: boolean;
  /**
   * A chunk across pages is cited on the page holding the most of the question weighted by each term's rarity among
   * the candidates (pages.ts `termRarity`), not by the count of terms; off unless set (JIKJI_PAGE_RARITY).
   */
  pageRarity?: boolean;
}

/**
 * Candidates fetched per wanted hit: some may belong to versions replaced since they were indexed, or to history
 * versions not in force on the day asked about.
 */
const OVERFETCH = 3;
export const DEFAULT_RERANK_DEPTH = 30;
const OVERFETCH_WITH_HISTORY = 6;
/**
 * When the question names documents, the first stage reads this many times deeper before the prior reorders it: the
 * named document's chunks may rank far down by BM25 (that is the case the prior is for).
 */
const PRIOR_OVERFETCH = 4;

function visibleTo(filter: SearchFilter, collection: string, accessGroups: readonly string[], collectionGroups: readonly string[]): boolean {
  if (filter.scope) return canRead(filter.scope, { collection, accessGroups, collectionGroups });
  if (filter.collection !== undefined && filter.collection !== collection) return false;
  if (filter.accessGroups === undefined) return true;
  // A caller that names groups without a scope (a route not yet on `requestFilter`) fails closed: a document
  // without groups belongs to its collection's default groups, as under the default policy.
  const effective = accessGroups.length > 0 ? accessGroups : collectionGroups;
  return effective.some((group) => filter.accessGroups!.includes(group));
}

/**
 * Reorders `hits` by the reranker's scores: scored ones by score, then unscored ones in first-stage order, then
 * the hits beyond the rerank depth. A failing reranker leaves the order as it was and says so.
 */
async function rerank(
  reranker: Reranker,
  query: string,
  hits: Array<{ passage: Passage; role: string | undefined }>,
  depth: number,
  signal: AbortSignal | undefined,
  gaps: readonly QueryGap[],
  rendering: EnglishRendering | null,
): Promise<{ hits: Passage[]; report: RerankReport }> {
  const head = hits.slice(0, depth);
  const tail = hits.slice(depth).map((hit) => hit.passage);
  const candidates: RerankCandidate[] = head.map(({ passage, role }) => ({
    id: passage.chunkId,
    text: passage.text,
    // The clause path is part of where the passage sits: a question naming "제6조 2항" must still find ②. So is the
    // header row of the table a chunk of later rows is cut from: its columns name what the rows' cells are.
    headingPath: [...passage.headingPath, ...[passage.clausePath, passage.tableHeader].filter((part): part is string => part != null && part !== "")],
    ...(role !== undefined ? { role } : {}),
    score: passage.score,
  }));
  let scores: Array<number | null>;
  try {
    scores = await reranker.score(query, candidates, {
      ...(signal ? { signal } : {}),
      ...(gaps.length > 0 ? { gaps } : {}),
      ...(rendering !== null ? { english: rendering } : {}),
    });
    if (scores.length !== candidates.length) {
      throw new RerankUnavailableError(`${reranker.name} returned ${scores.length} scores for ${candidates.length} candidates`);
    }
  } catch (error) {
    if (!(error instanceof RerankUnavailableError)) throw error;
    return {
      hits: hits.map((hit) => hit.passage),
      report: { reranker: reranker.name, status: "fallback", warning: `reranker unavailable, first-stage order kept: ${errorMessage(error)}` },
    };
  }
  const scored = head
    .map(({ passage }, i) => ({ passage, score: scores[i] ?? null, i }))
    .sort((a, b) => {
      if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.i - b.i : 1) : -1;
      return b.score - a.score || a.i - b.i;
    });
  return {
    hits: [...scored.map(({ passage, score }) => (score === null ? passage : { ...passage, score })), ...tail],
    report: { reranker: reranker.name, status: "applied" },
  };
}

/** Where a passage or a stored chunk stands: its collection, source, version and first character. */
type Place = { collection: string; source: string; version: number; charStart: number };

/**
 * Equal scores in one fixed order: collection, source, version, then place in the document. Document ids are random
 * and the index's order of equal scores follows the order files finished parsing, so without it two ingests of one
 * corpus ranked identical passages (duplicated paragraphs, a question matching only a shared title) differently.
 */
function comparePlace(a: Place, b: Place): number {
  if (a.collection !== b.collection) return a.collection < b.collection ? -1 : 1;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.version - b.version || a.charStart - b.charStart;
}

function placeOf(row: VisibleChunk): Place {
  return { collection: row.collection, source: row.document.source, version: row.chunk.version, charStart: row.chunk.charStart };
}

/** Higher score first; equal scores in `comparePlace`'s order. */
function byScore(a: Passage, b: Passage): number {
  return b.score - a.score || comparePlace(a, b);
}

/** A visible chunk as a passage, its page the one of its page spans where `terms` are. */
function passageOf(row: VisibleChunk, score: number, terms: readonly string[], weights?: ReadonlyMap<string, number>): Passage {
  const page = bestPage(row.chunk.text, row.chunk.pageSpans, terms, row.chunk.pageStart, weights);
  return chunkPassage(row.chunk, { ...row.document, collection: row.collection }, page, score);
}

function neighbourOf(row: ChunkWithDocument["chunk"] | undefined): NeighbourChunk | null {
  if (!row) return null;
  return {
    chunkId: row.id,
    text: row.text,
    pageStart: row.pageStart,
    pageEnd: row.pageEnd,
    pageSpans: row.pageSpans,
    charStart: row.charStart,
    charEnd: row.charEnd,
    clausePath: row.clausePath,
    headingPath: row.headingPath,
    tableHeader: row.tableHeader,
    role: row.role,
  };
}

/**
 * Lexical (+ dense when an embedder is configured) search under a filter, fused in the index,
 * then hydrated from the store and reranked. The store decides what is visible: a point of a replaced version
 * or a document whose access groups changed never reaches the caller, even before the index catches up.
 */
export function createSearch(deps: SearchDeps) {
  const depth = deps.reranker ? (deps.rerankDepth ?? DEFAULT_RERANK_DEPTH) : 0;

  const attachNeighbours = async (hits: Passage[], positions: Map<string, { version: number; ordinal: number }>) => {
    const around = hits.flatMap((hit) => {
      const at = positions.get(hit.chunkId)!;
      return [at.ordinal - 1, at.ordinal + 1]
        .filter((ordinal) => ordinal >= 0)
        .map((ordinal) => ({ documentId: hit.documentId, version: at.version, ordinal }));
    });
    const rows = await deps.store.chunksAt(around);
    const byPosition = new Map(rows.map((row) => [`${row.documentId}/${row.version}/${row.ordinal}`, row]));
    return hits.map((hit) => {
      const at = positions.get(hit.chunkId)!;
      const key = (ordinal: number) => `${hit.documentId}/${at.version}/${ordinal}`;
      return {
        ...hit,
        neighbours: { before: neighbourOf(byPosition.get(key(at.ordinal - 1))), after: neighbourOf(byPosition.get(key(at.ordinal + 1))) },
      };
    });
  };

  /**
   * Chunks of each document's current version, from the store, and whether the request may read it (a document
   * deleted meanwhile is left out).
   */
  const namedDocumentsOf = (filter: SearchFilter) => async (documentIds: readonly string[]) => {
    const found = await Promise.all(documentIds.map((id) => deps.store.getDocument(id)));
    return new Map(
      found.flatMap((document) =>
        document === null
          ? []
          : [[document.id, { chunks: document.chunkCount, readable: visibleTo(filter, document.collection, document.accessGroups, document.collectionGroups) }] as const],
      ),
    );
  };

  const queryVectors = deps.embedder ? queryVectorCache(deps.queryVectorCacheSize) : null;
  return async function search(request: SearchRequest): Promise<SearchResult> {
    const start = performance.now();
    // A caller who may read no collection gets nothing, before any embedding call is paid for.
    if (request.filter.scope?.collections?.length === 0) return { query: request.query, hits: [] };
    // A clause the question names ("제12조 2항", "Section 4.2(b)") matches the keys indexed with that clause.
    const asked = searchTerms(request.query);
    const terms = [...asked, ...clauseKeys(request.query)];
    // Not awaited here: the index starts its lexical leg while the embedding call is on its way.
    const pendingVector = queryVectors && deps.embedder ? queryVectors.vectorOf(deps.embedder, request.query) : undefined;
    const vector = terms.length > 0 ? pendingVector : await pendingVector;
    if (terms.length === 0 && !vector) return { query: request.query, hits: [] };

    const [gaps, shares] = await Promise.all([
      terms.length > 0 && deps.gaps ? deps.gaps.find(request.query) : [],
      asked.length > 0 && deps.documentPrior ? namedDocuments(deps.index, namedDocumentsOf(request.filter), asked, deps.documentPrior) : null,
    ]);
    const prior = shares !== null && shares.size > 0 ? { shares, weight: deps.documentPrior!.weight } : null;
    const expansion =
      terms.length === 0
        ? []
        : mergeExpansions(deps.expandQuery?.(request.query) ?? [], gapExpansion(gaps, request.query, deps.gaps?.searchWeight ?? 0));
    const limit = Math.max(request.k * (request.filter.asOf !== undefined ? OVERFETCH_WITH_HISTORY : OVERFETCH), depth);
    let rendered = terms.length > 0 && deps.crossLanguage ? deps.crossLanguage.render(request.query) : null;
    const cross = deps.crossLanguage;
    const gated = cross?.gated ?? true;
    // How many chunks hold the question's terms and the rendering's, for the evidence (beside the first leg).
    // Settled here, so a failure while the first leg runs is not an unhandled rejection; thrown where it is awaited.
    const counted =
      rendered !== null && gated
        ? deps.index
            .documentFrequencies([...new Set([...asked, ...rendered.terms])], { atMost: RARITY_CAP })
            .then((frequencies) => ({ frequencies }), (error: unknown) => ({ error }))
        : null;
    const legQuery = terms.length > 0 && deps.synonymLeg !== undefined && deps.synonymLeg.weight > 0 ? deps.synonymLeg.query(request.query) : null;
    // Started beside the first leg (settled here so a failure is not an unhandled rejection; thrown where awaited).
    const synonymRun =
      legQuery === null
        ? null
        : deps.index
            .search({ terms: legQuery.terms, expansion: legQuery.expansion, filter: request.filter, limit })
            .then((hits) => ({ hits }), (error: unknown) => ({ error }));
    const searched = await deps.index.search({
      terms,
      ...(expansion.length > 0 ? { expansion } : {}),
      ...(vector ? { vector } : {}),
      ...(deps.denseWeight !== undefined ? { denseWeight: deps.denseWeight } : {}),
      filter: request.filter,
      limit: prior === null ? limit : limit * PRIOR_OVERFETCH,
    });
    const candidates = prior === null ? searched : applyDocumentPrior(searched, prior.shares, prior.weight).slice(0, limit);
    const firstLeg = new Set(candidates.map((hit) => hit.chunkId));
    let rows = await deps.store.visibleChunks(
      candidates.map((hit) => hit.chunkId),
      request.filter.asOf,
    );
    // Another leg's chunks the first leg did not find (nor an earlier leg), read from the store beside its rows.
    const readRows = async (hits: readonly IndexHit[]): Promise<void> => {
      const more = hits.filter((hit) => !firstLeg.has(hit.chunkId) && !rows.has(hit.chunkId)).map((hit) => hit.chunkId);
      if (more.length > 0) rows = new Map([...rows, ...(await deps.store.visibleChunks(more, request.filter.asOf))]);
    };
    // Each candidate as the evidence reads it: its text, and what it is searched by (title, section and clause path).
    const textsOf = (hits: readonly { chunkId: string }[]): EvidenceText[] =>
      hits
        .flatMap((hit) => {
          const row = rows.get(hit.chunkId);
          if (!row || !visibleTo(request.filter, row.collection, row.document.accessGroups, row.collectionGroups)) return [];
          const { title } = row.document;
          const { headingPath, clausePath, tableHeader, text } = row.chunk;
          return [{ text, searchable: searchableText({ title, headingPath, clausePath, tableHeader, text }) }];
        })
        .slice(0, cross?.evidenceDepth ?? 10);
    let english: IndexHit[] = [];
    let rendering: EnglishRendering | null = null;
    if (rendered !== null) {
      // The English leg runs only where it can win: the best Korean chunk holds under the ceiling of the question, and
      // the rendering's words the index holds could stand for more of it than that chunk holds as asked.
      const settled = counted === null ? null : await counted;
      if (settled !== null && "error" in settled) throw settled.error;
      const frequencies = settled === null ? null : settled.frequencies;
      // The question's terms weighed once, for the Korean evidence, the English bound and the English evidence.
      const weighed =
        frequencies === null ? null : weighQuestion(cross!.contentEvidence === true ? contentTerms(request.query, asked) : asked, frequencies, RARITY_CAP);
      // What English chunks could hold of the question: the rendering's words the index holds, and (with the switch)
      // the loanwords the reader could still translate, once some rendered word is held at all.
      const boundOf = (question: WeightedQuestion, rendering: EnglishRendering, held: ReadonlyMap<string, number>): number => {
        const bound = englishBound(question, rendering, held);
        return cross!.loanwordBound === true && bound > 0 ? Math.min(1, bound + loanwordBound(question, rendering, request.query)) : bound;
      };
      const korean = weighed === null ? 0 : koreanEvidence(weighed, textsOf(candidates), cross!.koreanSynonyms === true && frequencies !== null ? unwritten(rendered.korean ?? [], frequencies) : []);
      const ceiling = cross!.ceiling ?? 0;
      const possible =
        frequencies === null || weighed === null || ((ceiling <= 0 || korean < ceiling) && boundOf(weighed, rendered, frequencies) > korean);
      if (possible) {
        const searchEnglish = async (terms: string[]): Promise<void> => {
          if (cross!.legWeight <= 0) return;
          english = await deps.index.search({ terms, filter: request.filter, limit });
          await readRows(english);
        };
        await searchEnglish(rendered.terms);
        if (cross!.loanwords === true) {
          // Loanwords the lists do not translate, read back from the English words found: searched again with them.
          const read = withLoanwords(rendered, request.query, [...textsOf(english), ...textsOf(candidates)]);
          if (read !== rendered) {
            rendered = read;
            await searchEnglish(rendered.terms);
          }
        }
        // Whether English chunks, read through the rendering, answer more of the question than Korean ones as asked.
        const weight =
          weighed === null
            ? 1
            : renderingWeight(korean, englishEvidence(weighed, rendered, textsOf(english.length > 0 ? english : candidates)), {
                ceiling,
                margin: cross!.margin ?? 0,
              });
        rendering = weight > 0 ? { ...rendered, weight } : null;
      }
    }
    // An English chunk's page is found by the rendering's words as well as the question's.
    const renderedTerms = rendering !== null ? [...terms, ...rendering.terms] : terms;
    const pageTerms = (text: string) => (rendering !== null && isEnglishText(text) ? renderedTerms : terms);
    const rarity = deps.pageRarity
      ? termRarity(renderedTerms, candidates.flatMap((hit) => { const row = rows.get(hit.chunkId); return row ? [row.chunk.text] : []; }))
      : undefined;
    const wanted = Math.max(request.k, depth);
    const visible: Array<{ passage: Passage; role: string | undefined }> = [];
    const positions = new Map<string, { version: number; ordinal: number }>();
    const shown = candidates
      .flatMap((candidate) => {
        const row = rows.get(candidate.chunkId);
        return row && visibleTo(request.filter, row.collection, row.document.accessGroups, row.collectionGroups) ? [{ row, score: candidate.score }] : [];
      })
      .sort((a, b) => b.score - a.score || comparePlace(placeOf(a.row), placeOf(b.row)))
      .slice(0, wanted);
    for (const { row, score } of shown) {
      positions.set(row.chunk.id, { version: row.chunk.version, ordinal: row.chunk.ordinal });
      visible.push({ role: row.chunk.role, passage: passageOf(row, score, pageTerms(row.chunk.text), rarity) });
    }

    // The English leg's English chunks: those the first leg missed join the candidates, those it found keep the
    // larger of their two scores; the list is then in score order again. Nothing changes without English chunks.
    let crossed = false;
    if (english.length > 0 && rendering !== null) {
      const bestFirst = Math.max(0, ...candidates.map((hit) => hit.score));
      const bestEnglish = Math.max(0, ...english.map((hit) => hit.score));
      const scale = bestEnglish > 0 ? ((rendering.weight ?? 1) * deps.crossLanguage!.legWeight * (bestFirst > 0 ? bestFirst : 1)) / bestEnglish : 0;
      const at = new Map(visible.map((hit, i) => [hit.passage.chunkId, i]));
      for (const hit of english) {
        const row = rows.get(hit.chunkId);
        if (!row || !isEnglishText(row.chunk.text)) continue;
        const score = hit.score * scale;
        const known = at.get(hit.chunkId);
        if (known !== undefined) {
          if (score > visible[known]!.passage.score) ((visible[known]!.passage.score = score), (crossed = true));
          continue;
        }
        if (firstLeg.has(hit.chunkId) || !visibleTo(request.filter, row.collection, row.document.accessGroups, row.collectionGroups)) continue;
        positions.set(row.chunk.id, { version: row.chunk.version, ordinal: row.chunk.ordinal });
        at.set(hit.chunkId, visible.length);
        crossed = true;
        visible.push({ role: row.chunk.role, passage: passageOf(row, score, renderedTerms, rarity) });
      }
      if (crossed) {
        visible.sort((a, b) => byScore(a.passage, b.passage));
        visible.length = Math.min(visible.length, wanted);
      }
    }

    // The synonym leg's chunks: those the first stage missed join the candidates at `weight` × their leg score, those
    // it found keep the larger of their two scores; the list is then in score order again.
    if (synonymRun !== null) {
      const settled = await synonymRun;
      if ("error" in settled) throw settled.error;
      const weight = deps.synonymLeg!.weight;
      const firstScores = new Map(candidates.map((hit) => [hit.chunkId, hit.score]));
      const at = new Map(visible.map((hit, i) => [hit.passage.chunkId, i]));
      await readRows(settled.hits);
      const legTerms = [...terms, ...legQuery!.expansion.map(({ term }) => term)];
      let changed = false;
      for (const hit of settled.hits) {
        const score = hit.score * weight;
        const known = at.get(hit.chunkId);
        if (known !== undefined) {
          if (score > visible[known]!.passage.score) ((visible[known]!.passage.score = score), (changed = true));
          continue;
        }
        const row = rows.get(hit.chunkId);
        if (!row || !visibleTo(request.filter, row.collection, row.document.accessGroups, row.collectionGroups)) continue;
        const first = firstScores.get(hit.chunkId) ?? 0;
        positions.set(row.chunk.id, { version: row.chunk.version, ordinal: row.chunk.ordinal });
        at.set(hit.chunkId, visible.length);
        changed = true;
        const pageTermsOf = rendering !== null && isEnglishText(row.chunk.text) ? [...legTerms, ...rendering.terms] : legTerms;
        visible.push({ role: row.chunk.role, passage: passageOf(row, Math.max(score, first), pageTermsOf, rarity) });
      }
      if (changed) {
        visible.sort((a, b) => byScore(a.passage, b.passage));
        visible.length = Math.min(visible.length, wanted);
      }
    }

    let hits = visible.map((hit) => hit.passage);
    let report: RerankReport | undefined;
    const retrieved = performance.now();
    let rerankSeconds: number | undefined;
    if (deps.reranker && visible.length > 1) {
      const reranked = await rerank(deps.reranker, request.query, visible, depth, request.signal, gaps, deps.crossLanguage?.rerank === false ? null : rendering);
      hits = reranked.hits;
      report = reranked.report;
      rerankSeconds = (performance.now() - retrieved) / 1000;
    }
    deps.onTimings?.({ retrieveSeconds: (retrieved - start) / 1000, ...(rerankSeconds !== undefined ? { rerankSeconds } : {}) });
    if (deps.collapseDuplicates) hits = collapseDuplicates(hits);
    hits = hits.slice(0, request.k);
    if (request.neighbours) hits = await attachNeighbours(hits, positions);
    const related = rendering !== null ? [...gaps, ...rendering.words] : gaps;
    return { query: request.query, hits, ...(report ? { rerank: report } : {}), ...(related.length > 0 ? { gaps: related } : {}) };
  };
}
