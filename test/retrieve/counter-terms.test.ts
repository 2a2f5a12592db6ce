/**
 * A counter written against a number in a question ("1년에", "2회까지", "90일마다", rankaudit18). The tokenizer keeps a
 * two-syllable word's particle bigram when stripping would leave one syllable (년에 → 년 + 년에), so the question's
 * "1년에" searched for 년에, which names no subject and is in every chunk that writes "매 2년에 대하여": a page about
 * annual leave came above the page that answers a question about books "per year". The search and the reranker
 * read such a counter as its unit (년), without the particle; documents keep their terms.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { queryTerms, searchTerms, tokenize } from "../../src/retrieve/tokenize.ts";
import { openJikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

describe("searchTerms", () => {
  it("reads a counter after a number as its unit, without the particle's bigram", () => {
    const terms = searchTerms("책은 1년에 몇 권까지 돼요?");
    expect(terms).toEqual(expect.arrayContaining(["1", "1년", "년"]));
    expect(terms).not.toContain("년에");
    const twice = searchTerms("재택근무는 2회까지 되나요?");
    expect(twice).toEqual(expect.arrayContaining(["2", "2회", "회"]));
    expect(twice).not.toContain("회까");
    expect(twice).not.toContain("까지");
    // A counter of two syllables keeps its bigram; a counter without a particle is as before.
    expect(searchTerms("3개월이 지나면")).toEqual(expect.arrayContaining(["3개", "개월"]));
    expect(searchTerms("3개월 지나면")).toEqual(queryTerms("3개월 지나면"));
  });

  it("is queryTerms for every other word, and leaves the analyzer (tokenize, queryTerms) as it was", () => {
    for (const question of ["연차 휴가는 며칠인가요?", "What block size does bzip2 use?", "제 3 조의 2에 따르면", "2023 년 최저임금"]) {
      expect(searchTerms(question)).toEqual(queryTerms(question));
    }
    expect(queryTerms("1년에 며칠")).toContain("년에");
    expect(tokenize("매 2년에 대하여")).toContain("년에");
  });
});

describe("a counter in a question, through search", () => {
  let root: string;
  let dataDir: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-counter-terms-"));
    await fs.mkdir(path.join(root, "docs"));
    await fs.writeFile(
      path.join(root, "docs", "annual.md"),
      "# 연차 가산\n\n3년 이상 근속하면 매 2년에 대하여 1일을 가산한다. 입사 1년 미만은 1개월 개근 시 1일을 준다.\n",
    );
    await fs.writeFile(path.join(root, "docs", "books.md"), "# 도서 지원\n\n직원이 책을 사면 도서 구입비를 1년 기준 30만원까지 지원한다.\n");
    await fs.writeFile(path.join(root, "docs", "trip.md"), "# 출장\n\n출장은 팀장 승인 후 간다. 숙박비는 실비로 정산한다.\n");
    const result = await cli(["ingest", path.join(root, "docs"), "--json", "--data-dir", path.join(root, "data")]);
    expect(result.code).toBe(0);
    dataDir = path.join(root, "data");
  }, 180_000);

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("puts the page about the question's subject above the page that only shares the counter's particle", async () => {
    const jikji = await openJikji(loadConfig({}, { dataDir }), { scanIndex: false });
    try {
      const hits = (await jikji.search({ query: "책은 1년에 몇 권까지 돼요?", k: 3, filter: {} })).hits;
      expect(hits[0]?.source).toBe("books.md");
    } finally {
      await jikji.close();
    }
  }, 180_000);
});
