/**
 * The cases every SearchIndex adapter must pass. Each adapter's test file calls `searchIndexContract` with a
 * factory for a fresh, empty index, so the embedded engine, the Qdrant double and a live Qdrant answer the same
 * questions the same way.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IndexUnavailableError, InvalidInputError } from "../../src/errors.ts";
import { PUBLIC_ACCESS_GROUP, type IndexHit, type IndexPoint, type SearchFilter, type SearchIndex } from "../../src/retrieve/index/port.ts";
import { queryTerms, termCounts } from "../../src/retrieve/tokenize.ts";

export interface IndexUnderTest {
  index: SearchIndex;
  /** Another adapter instance over the same storage, for reopen and dimension-change cases. */
  reopen: () => SearchIndex;
  cleanup: () => Promise<void>;
  /** Runs after every case before cleanup; the Qdrant double asserts that no request broke the API spec. */
  verify?: () => void;
}

interface PointSpec {
  documentId?: string;
  version?: number;
  collection?: string;
  accessGroups?: readonly string[];
  text: string;
  vector?: readonly number[];
}

export function searchIndexContract(name: string, makeIndex: () => Promise<IndexUnderTest>): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let subject: IndexUnderTest;
    let index: SearchIndex;
    /** Readable names for the random UUIDs the chunks get. */
    const chunkIds = new Map<string, string>();
    const chunkNames = new Map<string, string>();

    beforeEach(async () => {
      chunkIds.clear();
      chunkNames.clear();
      subject = await makeIndex();
      index = subject.index;
    });

    afterEach(async () => {
      try {
        subject.verify?.();
      } finally {
        await index.close();
        await subject.cleanup();
      }
    });

    function idOf(chunk: string): string {
      let id = chunkIds.get(chunk);
      if (id === undefined) {
        id = randomUUID();
        chunkIds.set(chunk, id);
        chunkNames.set(id, chunk);
      }
      return id;
    }

    function point(chunk: string, spec: PointSpec): IndexPoint {
      return {
        chunkId: idOf(chunk),
        documentId: spec.documentId ?? `doc-${chunk}`,
        version: spec.version ?? 1,
        collection: spec.collection ?? "default",
        accessGroups: spec.accessGroups ?? [],
        terms: termCounts(spec.text),
        ...(spec.vector === undefined ? {} : { vector: spec.vector }),
      };
    }

    function names(hits: readonly IndexHit[]): string[] {
      return hits.map((hit) => chunkNames.get(hit.chunkId) ?? `unknown:${hit.chunkId}`);
    }

    async function find(question: string, filter: SearchFilter = {}, limit = 10): Promise<string[]> {
      return names(await index.search({ terms: queryTerms(question), filter, limit }));
    }

    const CORPUS: Record<string, string> = {
      privacy: "회사는 개인정보 보호 정책을 매년 검토하고 개정한다.",
      travel: "The travel expense policy covers train tickets and hotel nights.",
      rooms: "회의실 예약은 사내 포털에서 신청한다.",
    };

    async function writeCorpus(): Promise<void> {
      await index.upsert(Object.entries(CORPUS).map(([chunk, text]) => point(chunk, { text })));
    }

    it("opens empty, and a reopened index keeps its points", async () => {
      expect(await index.open(null)).toEqual({ dimensions: null, points: 0 });
      await writeCorpus();
      await index.close();

      index = subject.reopen();
      expect(await index.open(null)).toEqual({ dimensions: null, points: 3 });
      expect(await find("travel")).toEqual(["travel"]);
    });

    it("reports the points it holds (and bytes where it can tell) for the size metrics", async () => {
      await index.open(null);
      const empty = await index.stats();
      expect(empty.points).toBe(0);
      await writeCorpus();
      const full = await index.stats();
      expect(full.points).toBe(3);
      if (full.bytes !== null) expect(full.bytes).toBeGreaterThan(empty.bytes ?? 0);
    });

    it("finds a chunk through weighted expansion terms alone, ranked below one holding the query's own terms", async () => {
      await index.open(null);
      await index.upsert([
        point("own", { text: "비밀번호 변경은 설정 화면에서 한다." }),
        point("synonym", { text: "암호를 바꾸려면 계정 메뉴를 연다." }),
        point("unrelated", { text: "회의실 예약은 사내 포털에서 신청한다." }),
      ]);
      const terms = queryTerms("비밀번호");
      expect(names(await index.search({ terms, filter: {}, limit: 5 }))).toEqual(["own"]);
      const hits = await index.search({ terms, expansion: [{ term: "암호", weight: 0.4 }], filter: {}, limit: 5 });
      expect(names(hits)).toEqual(["own", "synonym"]);
      // The expansion term counts at its weight: the same query with the term at full weight scores it higher.
      const full = await index.search({ terms, expansion: [{ term: "암호", weight: 1 }], filter: {}, limit: 5 });
      const scoreOf = (list: readonly IndexHit[]) => list.find((hit) => chunkNames.get(hit.chunkId) === "synonym")!.score;
      expect(scoreOf(full)).toBeGreaterThan(scoreOf(hits) * 2);
    });

    it("counts the chunks holding each term in one call, up to a cap, and keeps the counts in step with writes", async () => {
      await index.open(null);
      await index.upsert([
        point("a", { text: "The printer prints on both sides of the page." }),
        point("b", { text: "Duplex printing needs a printer that can turn the page." }),
        point("c", { text: "프린터 양면 인쇄 설정", collection: "other", accessGroups: ["hr"] }),
      ]);
      const counts = async (terms: string[], atMost = 10) => Object.fromEntries(await index.documentFrequencies(terms, { atMost }));
      // Every collection and group counts: the index is asked whether a term exists at all, never for a chunk.
      expect(await counts(["printer", "page", "duplex", "양면", "zebra"])).toEqual({ printer: 2, page: 2, duplex: 1, 양면: 1, zebra: 0 });
      // A count above the cap reads as the cap; a term asked twice is answered once.
      expect(await counts(["printer", "printer", "duplex"], 1)).toEqual({ printer: 1, duplex: 1 });
      expect(await counts([])).toEqual({});
      await expect(index.documentFrequencies(["printer"], { atMost: 0 })).rejects.toBeInstanceOf(InvalidInputError);
      await index.deleteDocument("doc-a");
      expect(await counts(["printer", "sides"])).toEqual({ printer: 1, sides: 0 });
      await index.upsert([point("b", { text: "Both sides of the sheet." })]);
      await index.optimize();
      expect(await counts(["printer", "sides", "sheet"])).toEqual({ printer: 0, sides: 1, sheet: 1 });
    });

    it("lists the documents holding each term, up to a cap, across collections, groups and versions, in step with writes", async () => {
      await index.open(null);
      await index.upsert([
        point("bz1", { documentId: "bzip2", text: "bzip2 compresses files with the Burrows-Wheeler transform." }),
        point("bz2", { documentId: "bzip2", text: "bzip2 -d decompresses; bunzip2 does the same." }),
        point("bz3", { documentId: "bzip2", version: 2, text: "bzip2recover rescues data from a damaged bzip2 file." }),
        point("gz", { documentId: "gzip", text: "gzip compresses files; gunzip decompresses them." }),
        point("tar", { documentId: "tar", text: "tar archives files; 압축 파일은 gzip or bzip2 filters.", collection: "other", accessGroups: ["ops"] }),
      ]);
      await index.optimize();
      const holding = async (terms: string[], atMost = 5) => Object.fromEntries(await index.documentsHolding(terms, { atMost }));
      expect(await holding(["bzip2", "bunzip2", "compresses", "files", "압축", "zebra"])).toEqual({
        bzip2: ["bzip2", "tar"],
        bunzip2: ["bzip2"],
        compresses: ["bzip2", "gzip"],
        files: ["bzip2", "gzip", "tar"],
        압축: ["tar"],
        zebra: [],
      });
      // More documents than the cap: null, not a partial list; a term asked twice is answered once.
      expect(await holding(["files", "files", "bunzip2"], 2)).toEqual({ files: null, bunzip2: ["bzip2"] });
      expect(await holding([])).toEqual({});
      await expect(index.documentsHolding(["files"], { atMost: 0 })).rejects.toBeInstanceOf(InvalidInputError);
      await index.deleteDocument("tar");
      await index.deleteDocument("bzip2", { keepVersion: 2 });
      expect(await holding(["bzip2", "bunzip2", "files"])).toEqual({ bzip2: ["bzip2"], bunzip2: [], files: ["gzip"] });
    });

    it("lists every document of a term held by many chunks of one document and one long chunk of another", async () => {
      await index.open(null);
      // The other document's chunk is long, so it ranks last for the term: a list read only from the best rows misses it.
      await index.upsert([
        ...Array.from({ length: 80 }, (_, i) => point(`manual${i}`, { documentId: "manual", text: `gutenprint page ${i}` })),
        point("mention", { documentId: "faq", text: `gutenprint ${"printer driver setup notes ".repeat(40)}` }),
      ]);
      await index.optimize();
      expect(Object.fromEntries(await index.documentsHolding(["gutenprint", "page"], { atMost: 3 }))).toEqual({ gutenprint: ["faq", "manual"], page: ["manual"] });
      expect(Object.fromEntries(await index.documentsHolding(["gutenprint"], { atMost: 1 }))).toEqual({ gutenprint: null });
    });

    it("finds Korean text through particles and English text through words", async () => {
      await index.open(null);
      await writeCorpus();

      const korean = await find("정책은 무엇인가요?");
      expect(korean[0]).toBe("privacy");
      expect(korean).not.toContain("rooms");
      expect(korean).not.toContain("travel");

      expect((await find("회의실을 어디서 예약하나요"))[0]).toBe("rooms");
      expect(await find("What does the expense policy cover?")).toEqual(["travel"]);
      expect(await find("zebra")).toEqual([]);
    });

    it("ranks the passage with more of the query's terms first", async () => {
      await index.open(null);
      await index.upsert([
        point("one", { text: "budget report" }),
        point("both", { text: "annual budget approval process" }),
        point("none", { text: "cafeteria menu" }),
      ]);
      const hits = await index.search({ terms: queryTerms("budget approval"), filter: {}, limit: 10 });
      expect(names(hits)).toEqual(["both", "one"]);
      expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
      expect(hits[0]).toMatchObject({ documentId: "doc-both", version: 1 });
    });

    it("is idempotent on chunk id: re-upserting replaces, never duplicates", async () => {
      await index.open(null);
      await writeCorpus();
      await writeCorpus();
      await index.upsert([point("travel", { text: "The travel policy now covers flights." })]);

      expect((await index.open(null)).points).toBe(3);
      const hits = await find("travel policy flights hotel");
      expect(hits.filter((hit) => hit === "travel")).toHaveLength(1);
      expect(await find("hotel")).toEqual([]);
      expect(await find("flights")).toEqual(["travel"]);
    });

    it("keeps one copy when a batch holds the same chunk twice", async () => {
      await index.open(null);
      await index.upsert([point("twice", { text: "first draft" }), point("twice", { text: "final text" })]);
      expect((await index.open(null)).points).toBe(1);
      expect(await find("final")).toEqual(["twice"]);
    });

    it("filters by collection, with quotes in collection names kept literal", async () => {
      await index.open(null);
      await index.upsert([
        point("hr", { text: "vacation policy", collection: "hr" }),
        point("quoted", { text: "vacation policy", collection: "it's" }),
        point("injection", { text: "vacation policy", collection: "x' OR '1'='1" }),
        point("backslash", { text: "vacation policy", collection: "a\\b" }),
      ]);
      expect(await find("vacation", { collection: "hr" })).toEqual(["hr"]);
      expect(await find("vacation", { collection: "it's" })).toEqual(["quoted"]);
      expect(await find("vacation", { collection: "x' OR '1'='1" })).toEqual(["injection"]);
      expect(await find("vacation", { collection: "a\\b" })).toEqual(["backslash"]);
      expect(await find("vacation", { collection: "nowhere" })).toEqual([]);
      expect((await find("vacation")).sort()).toEqual(["backslash", "hr", "injection", "quoted"]);
    });

    it("filters before ranking, so a weak match in the filtered collection is not crowded out", async () => {
      await index.open(null);
      const strong = Array.from({ length: 30 }, (_, i) =>
        point(`strong-${i}`, { text: "invoice invoice invoice approval", collection: "finance" }),
      );
      await index.upsert([...strong, point("weak", { text: "invoice archive storage rules", collection: "archive" })]);
      expect(await find("invoice approval", { collection: "archive" }, 1)).toEqual(["weak"]);
    });

    it("shows public chunks to everyone and group chunks only to members", async () => {
      await index.open(null);
      await index.upsert([
        point("public", { text: "holiday calendar" }),
        point("hr", { text: "holiday calendar", accessGroups: ["hr"] }),
        point("eng", { text: "holiday calendar", accessGroups: ["eng", "o'brien"] }),
      ]);
      expect((await find("holiday", { accessGroups: ["hr"] })).sort()).toEqual(["hr", "public"]);
      expect((await find("holiday", { accessGroups: ["o'brien"] })).sort()).toEqual(["eng", "public"]);
      expect(await find("holiday", { accessGroups: [] })).toEqual(["public"]);
      expect(await find("holiday", { accessGroups: ["' OR true OR '"] })).toEqual(["public"]);
      expect((await find("holiday")).sort()).toEqual(["eng", "hr", "public"]);
      expect(await find("holiday", { accessGroups: ["hr"], collection: "elsewhere" })).toEqual([]);
    });

    it("refuses the reserved public marker as a group name, so it cannot make a chunk public", async () => {
      await index.open(null);
      await expect(
        index.upsert([point("sneaky", { text: "salary table", accessGroups: [PUBLIC_ACCESS_GROUP] })]),
      ).rejects.toBeInstanceOf(InvalidInputError);
      expect(await find("salary", { accessGroups: [] })).toEqual([]);
    });

    it("deletes a document's old versions, then the whole document", async () => {
      await index.open(null);
      await index.upsert([
        point("d1v1a", { documentId: "d1", version: 1, text: "pension rules 2023" }),
        point("d1v1b", { documentId: "d1", version: 1, text: "pension rules appendix" }),
        point("d1v2", { documentId: "d1", version: 2, text: "pension rules 2024" }),
        point("d2", { documentId: "d2", version: 7, text: "pension fund report" }),
      ]);
      await index.deleteDocument("d1", { keepVersion: 2 });
      expect((await find("pension")).sort()).toEqual(["d1v2", "d2"]);
      expect(sortVersions(await index.documentVersions())).toEqual([
        { documentId: "d1", version: 2 },
        { documentId: "d2", version: 7 },
      ]);

      await index.deleteDocument("d1");
      expect(await find("pension")).toEqual(["d2"]);
      await index.deleteDocument("never-indexed");
      expect(await index.documentVersions()).toEqual([{ documentId: "d2", version: 7 }]);
    });

    it("keeps the versions a collection holds as history when deleting the others", async () => {
      await index.open(null);
      await index.upsert([
        point("h1", { documentId: "h", version: 1, text: "travel allowance 2023" }),
        point("h2", { documentId: "h", version: 2, text: "travel allowance 2024" }),
        point("h3", { documentId: "h", version: 3, text: "travel allowance 2025" }),
        point("h4", { documentId: "h", version: 4, text: "travel allowance draft" }),
      ]);
      await index.deleteDocument("h", { keepVersion: 3, keepVersions: [1, 2] });
      expect((await find("travel")).sort()).toEqual(["h1", "h2", "h3"]);
      await index.deleteDocument("h", { keepVersions: [2] });
      expect(await find("travel")).toEqual(["h2"]);
    });

    it("lists distinct document versions", async () => {
      await index.open(null);
      expect(await index.documentVersions()).toEqual([]);
      await index.upsert([
        point("a1", { documentId: "a", version: 1, text: "one" }),
        point("a2", { documentId: "a", version: 1, text: "two" }),
        point("a3", { documentId: "a", version: 2, text: "three" }),
        point("b1", { documentId: "b", version: 1, text: "four" }),
      ]);
      expect(sortVersions(await index.documentVersions())).toEqual([
        { documentId: "a", version: 1 },
        { documentId: "a", version: 2 },
        { documentId: "b", version: 1 },
      ]);
    });

    it("finds the nearest vector when the query has no terms", async () => {
      expect(await index.open(4)).toEqual({ dimensions: 4, points: 0 });
      await index.upsert([
        point("east", { text: "alpha", vector: [1, 0, 0, 0] }),
        point("north", { text: "beta", vector: [0, 1, 0, 0] }),
        point("up", { text: "gamma", vector: [0, 0, 1, 0] }),
      ]);
      const hits = await index.search({ terms: [], vector: [0.1, 0.9, 0.05, 0], filter: {}, limit: 2 });
      expect(names(hits)).toEqual(["north", "east"]);
      expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
      expect(hits[0]?.score).toBeLessThanOrEqual(1.0001);

      const filtered = await index.search({
        terms: [],
        vector: [0.1, 0.9, 0.05, 0],
        filter: { accessGroups: [] },
        limit: 2,
      });
      expect(names(filtered)).toEqual(["north", "east"]);
    });

    /** One passage winning both legs, one each leg alone, one neither. */
    const fourWays = () => [
      point("both", { text: "quarterly budget forecast", vector: [0.9, 0.1, 0, 0] }),
      point("lexical", { text: "quarterly budget", vector: [0, 0, 1, 0] }),
      point("dense", { text: "weather report", vector: [0.8, 0.3, 0, 0] }),
      point("neither", { text: "lunch menu", vector: [0, 0, 0, 1] }),
    ];

    it("ranks first the passage that wins both the lexical and the dense leg", async () => {
      await index.open(4);
      await index.upsert(fourWays());
      const hits = await index.search({
        terms: queryTerms("quarterly budget forecast"),
        vector: [1, 0, 0, 0],
        filter: {},
        limit: 3,
      });
      expect(names(hits)[0]).toBe("both");
      expect(names(hits)).toHaveLength(3);
      expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
    });

    it("takes a query vector still on its way: the same hits as the vector at hand, lexical only when none comes", async () => {
      await index.open(4);
      await index.upsert(fourWays());
      const terms = queryTerms("quarterly budget forecast");
      const atHand = await index.search({ terms, vector: [1, 0, 0, 0], filter: {}, limit: 3 });
      let arrive!: (vector: number[] | undefined) => void;
      const onItsWay = new Promise<number[] | undefined>((resolve) => (arrive = resolve));
      const searching = index.search({ terms, vector: onItsWay, filter: {}, limit: 3 });
      arrive([1, 0, 0, 0]);
      expect(await searching).toEqual(atHand);
      // An embedder with nothing to say: the lexical leg alone, as with no vector at all.
      expect(names(await index.search({ terms, vector: Promise.resolve(undefined), filter: {}, limit: 3 }))).toEqual(
        names(await index.search({ terms, filter: {}, limit: 3 })),
      );
    });

    it("passes the embedding call's own error on, never as an unreachable index", async () => {
      await index.open(4);
      await index.upsert([point("both", { text: "quarterly budget forecast", vector: [0.9, 0.1, 0, 0] })]);
      const failure = new Error("embedding server said 502");
      const failed = Promise.reject(failure);
      await expect(index.search({ terms: queryTerms("quarterly budget"), vector: failed, filter: {}, limit: 3 })).rejects.toBe(failure);
      await expect(index.search({ terms: [], vector: Promise.resolve([1, 0]), filter: {}, limit: 1 })).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    });

    it("weighs the dense leg against the lexical one in fusion", async () => {
      await index.open(4);
      // The lexical winner is the dense leg's last; fillers sit between, matching no term.
      const fillers = [0.9, 0.8, 0.7, 0.6, 0.5].map((x, i) => point(`filler${i}`, { text: "lunch menu", vector: [x, 1 - x, 0, 0] }));
      await index.upsert([
        point("lexical", { text: "quarterly budget forecast", vector: [0, 0, 1, 0] }),
        point("dense", { text: "weather report", vector: [1, 0, 0, 0] }),
        ...fillers,
      ]);
      const query = { terms: queryTerms("quarterly budget forecast"), vector: [1, 0, 0, 0], filter: {}, limit: 3 };
      expect(names(await index.search({ ...query, denseWeight: 0.2 }))[0]).toBe("lexical");
      expect(names(await index.search({ ...query, denseWeight: 50 }))[0]).toBe("dense");
    });

    it("applies filters to the dense leg too", async () => {
      await index.open(4);
      await index.upsert([
        point("secret", { text: "plan", vector: [1, 0, 0, 0], accessGroups: ["board"] }),
        point("open", { text: "plan", vector: [0, 1, 0, 0] }),
      ]);
      const hits = await index.search({ terms: [], vector: [1, 0, 0, 0], filter: { accessGroups: ["staff"] }, limit: 5 });
      expect(names(hits)).toEqual(["open"]);
    });

    it("rejects vectors of the wrong size", async () => {
      await index.open(4);
      await expect(index.upsert([point("short", { text: "x", vector: [1, 0] })])).rejects.toBeInstanceOf(InvalidInputError);
      await expect(index.search({ terms: [], vector: [1, 0], filter: {}, limit: 1 })).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    });

    it("refuses to open with other dimensions and says to reindex", async () => {
      await index.open(4);
      await index.upsert([point("v", { text: "x", vector: [1, 0, 0, 0] })]);
      await index.close();

      index = subject.reopen();
      const other = index.open(8);
      await expect(other).rejects.toBeInstanceOf(IndexUnavailableError);
      await expect(other).rejects.toThrow(/jikji reindex/);
      await expect(index.open(null)).rejects.toThrow(/jikji reindex/);
      expect(await index.open(4)).toEqual({ dimensions: 4, points: 1 });
    });

    it("resets to other dimensions without opening the old index (reindex after a model change)", async () => {
      await index.open(4);
      await index.upsert([point("v", { text: "x", vector: [1, 0, 0, 0] })]);
      await index.close();

      index = subject.reopen();
      expect(await index.reset(8)).toEqual({ dimensions: 8, points: 0 });
      await index.upsert([point("w", { text: "x", vector: [0, 0, 0, 0, 0, 0, 0, 1] })]);
      // The rebuild ends as reindex ends it; an engine may refuse to reopen one that never did.
      await index.optimize();
      await index.close();
      index = subject.reopen();
      expect(await index.open(8)).toEqual({ dimensions: 8, points: 1 });
    });

    it("returns no hits from an empty index, for either leg", async () => {
      await index.open(4);
      expect(await index.search({ terms: queryTerms("anything at all"), filter: {}, limit: 5 })).toEqual([]);
      expect(await index.search({ terms: [], vector: [1, 0, 0, 0], filter: {}, limit: 5 })).toEqual([]);
      expect(
        await index.search({ terms: ["x"], vector: [1, 0, 0, 0], filter: { collection: "c", accessGroups: ["g"] }, limit: 5 }),
      ).toEqual([]);
      expect(await index.search({ terms: [], filter: {}, limit: 5 })).toEqual([]);
    });

    it("keeps every point searchable across optimize, which may run any time and twice", async () => {
      await index.open(null);
      await writeCorpus();
      const before = await find("travel");
      await index.optimize();
      await index.optimize();
      expect(await find("travel")).toEqual(before);
      await index.upsert([point("late", { text: "travel late" })]);
      await index.optimize();
      expect(await find("travel")).toContain("late");
    });

    it("takes a bulk load after a reset: found as plain upserts are after optimize, and later upserts replace its points", async () => {
      await index.open(null);
      await writeCorpus();
      await index.optimize();
      const questions = ["travel policy", "개인정보 정책", "회의실 예약"];
      const plain = await Promise.all(questions.map((question) => index.search({ terms: queryTerms(question), filter: {}, limit: 5 })));
      await index.reset(null);
      const points = Object.entries(CORPUS).map(([chunk, text]) => point(chunk, { text }));
      await index.upsert(points.slice(0, 2), { bulk: true });
      await index.upsert(points.slice(2), { bulk: true });
      await index.optimize();
      const bulk = await Promise.all(questions.map((question) => index.search({ terms: queryTerms(question), filter: {}, limit: 5 })));
      expect(bulk.map(names)).toEqual(plain.map(names));
      bulk.forEach((hits, i) => hits.forEach((hit, j) => expect(hit.score).toBeCloseTo(plain[i]![j]!.score, 6)));
      await index.upsert([point("travel", { text: "The travel policy now covers flights." })]);
      expect((await index.open(null)).points).toBe(3);
      expect(await find("hotel")).toEqual([]);
      expect(await find("flights")).toEqual(["travel"]);
    });

    it("finds a new document's points written as all new at once, scores them as merged ones, and replaces them later", async () => {
      await index.open(null);
      await index.upsert([point("a", { text: "travel policy for staff" }), point("b", { text: "회의실 예약 방법" })]);
      await index.upsert([point("new-1", { documentId: "fresh", text: "travel allowance for new staff" }), point("new-2", { documentId: "fresh", text: "회의실 예약은 전날까지" })], { allNew: true });
      // Searchable without an optimize(): an ingest job's searches run between its files.
      expect(await find("travel allowance")).toEqual(["new-1", "a"]);
      expect(new Set(await find("회의실 예약"))).toEqual(new Set(["new-2", "b"]));
      expect((await index.open(null)).points).toBe(4);
      // The next version of that document goes in as a plain upsert and replaces the chunk's point: one point, new text.
      await index.upsert([point("new-1", { documentId: "fresh", text: "travel allowance was withdrawn" })]);
      expect((await index.open(null)).points).toBe(4);
      expect(await find("withdrawn")).toEqual(["new-1"]);
      expect(await find("staff")).toEqual(["a"]);
    });

    it("resets to empty and stays usable", async () => {
      await index.open(null);
      await writeCorpus();
      expect(await index.reset(null)).toEqual({ dimensions: null, points: 0 });
      expect(await index.open(null)).toEqual({ dimensions: null, points: 0 });
      expect(await find("travel")).toEqual([]);
      expect(await index.documentVersions()).toEqual([]);
      await index.upsert([point("again", { text: "travel again" })]);
      expect(await find("travel")).toEqual(["again"]);
    });
  });
}

function sortVersions(pairs: Array<{ documentId: string; version: number }>) {
  return [...pairs].sort((a, b) => a.documentId.localeCompare(b.documentId) || a.version - b.version);
}
