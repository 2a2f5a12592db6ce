import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toIndexPoint } from "../../src/ingest/points.ts";
import { ANALYZER_VERSION, queryTerms, tokenize } from "../../src/retrieve/tokenize.ts";

/**
 * A fixed bilingual sample: Korean particles and endings, numbers with 조/항/호/원 written against and across a space,
 * English (possessives too), code, loanwords, a mixed-script word, full-width and decomposed Hangul (NFKC), question words.
 */
const SAMPLE = [
  "정책은 개인정보보호 위원회에서 개최하였다. 돈을 1950년에 냈다.",
  "제1조(목적) 이 규정은 연차휴가에 관한 사항을 정한다. 제 3 조의 2 ② 1. 호",
  "제12조 제2항에 따라 2 만 5 천원을 지급한다; 총 1,000,000원, 3.14%",
  "Section 4.2(b): The employee shouldn't exceed 40 hours per week. See gnuplot's fit and bzip2’s -s flag.",
  "const x = fetch('/v1/search', { k: 10 }); // TODO: 5G, IPv6, node_modules",
  "클라우드 서버의 메모리(RAM)를 업그레이드하는 매뉴얼과 AI반도체 로드맵",
  "ＡＢＣ 全角 ᄒᆞᆫ글 \u1112\u1161\u11ab\u1100\u1173\u11af",
  "연차 휴가는 며칠인가요? What is the notice period when I resign?",
];

/** What an index holds for a sample chunk: its terms, sorted, with the clause keys `toIndexPoint` adds. */
function chunkTerms(text: string, clausePath: string | null): Array<[string, number]> {
  const point = toIndexPoint(
    {
      chunkId: "00000000-0000-4000-8000-000000000000",
      documentId: "00000000-0000-4000-8000-000000000001",
      version: 1,
      collection: "기본",
      accessGroups: [],
      title: "취업규칙",
      headingPath: ["제2장 근로시간"],
      clausePath,
      text,
    },
    undefined,
  );
  return [...point.terms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function fingerprint(): string {
  const output = SAMPLE.map((text, i) => ({
    tokenize: tokenize(text),
    query: queryTerms(text),
    chunk: chunkTerms(text, i % 2 === 0 ? "제12조(연차휴가) 제2항" : null),
  }));
  return createHash("sha256").update(JSON.stringify(output)).digest("hex").slice(0, 16);
}

/**
 * Every analyzer version and the fingerprint of its output, oldest first. A change to the tokenizer's output (or to
 * the terms a chunk gets) adds a row here with a new version, and sets ANALYZER_VERSION to it.
 */
const PINNED: ReadonlyArray<{ version: number; fingerprint: string }> = [
  { version: 1, fingerprint: "e4ff4cc752dbe85d" },
  // English possessives read as their word (gnuplot's → gnuplot); the sample gained one, so version 1's row is of the old sample.
  { version: 2, fingerprint: "f7d781c4b90cf43b" },
];

describe("the analyzer version", () => {
  it("changes whenever the tokenizer's output changes", () => {
    const latest = PINNED[PINNED.length - 1]!;
    const now = fingerprint();
    if (now !== latest.fingerprint) {
      expect.fail(
        `The tokenizer's output changed (fingerprint ${now}, pinned ${latest.fingerprint} for version ${latest.version}). ` +
          "Indexes built before now hold other terms than queries produce: bump ANALYZER_VERSION in " +
          `src/retrieve/tokenize.ts to ${latest.version + 1} and add { version: ${latest.version + 1}, fingerprint: "${now}" } ` +
          "to PINNED in this test, so data dirs indexed by the older tokenizer are reported stale until `jikji reindex`.",
      );
    }
    expect(ANALYZER_VERSION, "ANALYZER_VERSION must be the version of the last PINNED row").toBe(latest.version);
  });

  it("only grows, with one fingerprint per version", () => {
    const versions = PINNED.map((pin) => pin.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(new Set(PINNED.map((pin) => pin.fingerprint)).size).toBe(PINNED.length);
  });

  it("sees a change of one term", () => {
    // The fingerprint covers every sample's terms: the same hash over a sample with one word changed differs.
    const changed = createHash("sha256").update(JSON.stringify(SAMPLE.map((text) => tokenize(text.replace("정책", "정채"))))).digest("hex");
    const original = createHash("sha256").update(JSON.stringify(SAMPLE.map((text) => tokenize(text)))).digest("hex");
    expect(changed).not.toBe(original);
  });
});
