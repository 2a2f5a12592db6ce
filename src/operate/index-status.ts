/**
 * Whether the search index still matches this jikji: built by the same analyzer (`ANALYZER_VERSION`, the terms the
 * tokenizer gives), under collection and access-group names the API can reach. An upgraded jikji queries with its own terms; an index
 * whose chunks hold another tokenizer's terms misses documents without any error, so a stale index is reported
 * (health route, CLI, log), ingest into it is refused, and `jikji reindex` (or JIKJI_AUTO_REINDEX=on) rebuilds it.
 *
 * The store records the version per index (`index_builds`): it is shared by every instance, works the same on PGlite
 * and PostgreSQL, and needs nothing of either index engine. A data dir made before versions were recorded has no row
 * and counts as stale; a store without chunks has nothing in its index to be stale and is recorded current at open.
 *
 * Parsers and the chunker have no version: they change what a document's chunks are, not how chunks become terms, so
 * old chunks stay searchable as they are and a document gets the new parse when it is ingested again (re-ingest).
 */
import type { Config } from "../config.ts";
import { StaleIndexError } from "../errors.ts";
import { reindex, type IngestDeps } from "../ingest/ingest.ts";
import { ANALYZER_VERSION } from "../retrieve/tokenize.ts";
import type { Store } from "../store/store.ts";
import type { CollectionRename, GroupRename } from "../store/upgrade.ts";

export interface IndexStatus {
  /** "stale": built by another analyzer or an unknown one, or under collection or group names stored decomposed. */
  state: "current" | "stale";
  /** Which index: "embedded", or "qdrant:<collection>". */
  index: string;
  /** The analyzer version the index was built with (null: unknown, before versions were recorded) and this jikji's. */
  analyzer: { built: number | null; current: number };
  /** Collection names stored decomposed (NFD) by an older jikji, which no request can name until the rebuild. */
  decomposedCollections: string[];
  /** Access-group names stored decomposed (NFD) by an older jikji: their documents are out of their readers' reach. */
  decomposedGroups: string[];
  /** Why it is stale and what to run, in English and Korean; null when current. */
  message: string | null;
}

/** The name the store records an index's build under: one per Qdrant collection, one for the data dir's own. */
export function indexName(config: Pick<Config, "qdrant">): string {
  return config.qdrant ? `qdrant:${config.qdrant.collection}` : "embedded";
}

/** The index's status from the store; a store with no chunk yet is recorded as built by this analyzer. */
export async function readIndexStatus(store: Store, index: string): Promise<IndexStatus> {
  const [built, decomposed, groups] = await Promise.all([
    store.recordIndexBuildIfEmpty(index, ANALYZER_VERSION),
    store.decomposedCollectionNames(),
    store.decomposedGroupNames(),
  ]);
  return indexStatusOf(index, built, decomposed, groups);
}

export function indexStatusOf(index: string, built: number | null, decomposedCollections: string[], decomposedGroups: string[] = []): IndexStatus {
  const reasons: string[] = [];
  const reasonsKo: string[] = [];
  if (built !== ANALYZER_VERSION) {
    reasons.push(
      `the search index was built by ${built === null ? "an older jikji (analyzer version unknown)" : `analyzer version ${built}`} ` +
        `and this jikji's tokenizer (version ${ANALYZER_VERSION}) gives queries other terms, so searches miss documents`,
    );
    reasonsKo.push(
      `검색 색인이 ${built === null ? "이전 버전의 jikji(분석기 버전 알 수 없음)" : `분석기 버전 ${built}`}로 만들어져 ` +
        `지금의 토크나이저(버전 ${ANALYZER_VERSION})로 만든 검색어와 맞지 않아 문서를 놓칠 수 있습니다`,
    );
  }
  if (decomposedCollections.length > 0) {
    const names = decomposedCollections.map((name) => `"${name.normalize("NFC")}"`).join(", ");
    reasons.push(`collection names stored decomposed (NFD) by an older jikji cannot be searched by name: ${names}`);
    reasonsKo.push(`이전 버전이 분해형(NFD)으로 저장한 컬렉션 이름은 이름으로 검색할 수 없습니다: ${names}`);
  }
  if (decomposedGroups.length > 0) {
    const names = decomposedGroups.map((name) => `"${name.normalize("NFC")}"`).join(", ");
    reasons.push(`access groups stored decomposed (NFD) by an older jikji hide their documents from the keys of those groups: ${names}`);
    reasonsKo.push(`이전 버전이 분해형(NFD)으로 저장한 접근 그룹의 문서는 그 그룹의 키로도 보이지 않습니다: ${names}`);
  }
  const message =
    reasons.length === 0
      ? null
      : `${capitalised(reasons.join("; "))}. Rebuild it: jikji reindex (embedded data dir: stop jikji serve first). ` +
        `/ ${reasonsKo.join("; ")}. jikji reindex 로 색인을 다시 만드세요(내장 데이터 디렉터리는 jikji serve 를 먼저 멈추세요).`;
  return {
    state: message === null ? "current" : "stale",
    index,
    analyzer: { built, current: ANALYZER_VERSION },
    decomposedCollections,
    decomposedGroups,
    message,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Refuses to write into a stale index: new chunks would hold this analyzer's terms beside the old ones'. */
export function requireCurrentIndex(status: IndexStatus): void {
  if (status.state === "stale") throw new StaleIndexError(`Ingest refused: ${status.message}`);
}

/** What a rebuild composed of the names an older jikji stored decomposed. */
export interface ComposedNames {
  collections: CollectionRename[];
  groups: GroupRename[];
}

/**
 * The first half of a rebuild, before anything is dropped: collection names are composed (a conflict stops here with
 * the index as it was), then access-group names, and the recorded analyzer is forgotten, so a rebuild that dies
 * half-way leaves the index stale. The rebuild writes the documents' composed groups into the index.
 */
export async function prepareRebuild(store: Store, index: string): Promise<ComposedNames> {
  const collections = await store.composeCollectionNames();
  const groups = await store.composeGroupNames();
  await store.recordIndexBuild(index, null);
  return { collections, groups };
}

/** The second half: every visible chunk written again with this analyzer's terms, then the analyzer recorded. */
export async function rebuildIndex(
  deps: Omit<IngestDeps, "chunkOptions">,
  index: string,
  onProgress?: (done: number) => void,
): Promise<{ chunks: number }> {
  const rebuilt = await reindex(deps, onProgress);
  await deps.store.recordIndexBuild(index, ANALYZER_VERSION);
  return rebuilt;
}
