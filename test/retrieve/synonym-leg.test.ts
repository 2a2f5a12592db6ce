/**
 * The synonym leg (rankaudit16): synonyms in the first stage. The list's sets used to act only in the reranker's
 * feature over the first stage's candidates, so a page that holds only the synonym of the question's word (중도상환수수료
 * where the question says 위약금) was never a candidate at all. The leg searches the question with that word replaced
 * by its synonyms, each synonym weighted to count no more than the word, and fuses the two legs by the larger score.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";
import { createSynonyms, MAX_LEG_ALTERNATIVES, MAX_LEG_TERMS, synonymLegQuery } from "../../src/retrieve/synonyms.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";
import { openJikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

const LIST = createSynonyms([
  ["위약금", "중도상환수수료", "prepayment penalty"],
  ["비밀번호", "암호"],
]);

describe("synonymLegQuery", () => {
  it("replaces the synonym-bearing word by its synonyms, each counting no more than the word", () => {
    const question = "대출을 일찍 갚으면 위약금이 있나요?";
    const leg = synonymLegQuery(LIST, question)!;
    expect(leg.terms).toEqual(queryTerms(question).filter((term) => !["위약", "약금", "금이"].includes(term)));
    const weights = Object.fromEntries(leg.expansion.map(({ term, weight }) => [term, weight]));
    // 위약금 is two terms (위약, 약금); 중도상환수수료 six bigrams at 2/6 each, "prepayment penalty" two words at 1.
    for (const term of ["중도", "도상", "상환", "환수", "수수", "수료"]) expect(weights[term]).toBeCloseTo(2 / 6, 10);
    expect(weights.prepayment).toBe(1);
    expect(weights.penalty).toBe(1);
  });

  it("is null for a question without a listed word, and keeps the question's own terms when every word is listed", () => {
    expect(synonymLegQuery(LIST, "대출 금리는 어떻게 정해지나요?")).toBeNull();
    const leg = synonymLegQuery(LIST, "비밀번호")!;
    expect(leg.terms).toEqual(queryTerms("비밀번호"));
    expect(leg.expansion.map(({ term }) => term)).toEqual(["암호"]);
  });

  it("replaces an English word only by synonyms without Hangul: an English question is not sent to Korean pages", () => {
    const list = createSynonyms([["print", "인쇄", "printing"], ["delete", "삭제", "remove"]]);
    const leg = synonymLegQuery(list, "Which file should I delete before I print?")!;
    const searched = leg.expansion.map(({ term }) => term);
    expect(searched).toEqual(expect.arrayContaining(["printing", "remove"]));
    expect(searched.some((term) => /\p{Script=Hangul}/u.test(term))).toBe(false);
    // A Korean word keeps its English synonyms (the loanword bridge).
    expect(synonymLegQuery(LIST, "위약금")!.expansion.map(({ term }) => term)).toEqual(expect.arrayContaining(["prepayment"]));
    // An English word with only Korean synonyms gives no leg.
    expect(synonymLegQuery(createSynonyms([["print", "인쇄"]]), "print a page")).toBeNull();
  });

  it("searches at most MAX_LEG_ALTERNATIVES synonyms of a word and MAX_LEG_TERMS terms in all", () => {
    const many = createSynonyms(
      Array.from({ length: 12 }, (_, set) => [`word${set}`, ...Array.from({ length: 20 }, (_, i) => `alt${set}x${i} extra${set}x${i}`)]),
    );
    const question = Array.from({ length: 12 }, (_, set) => `word${set}`).join(" ");
    const leg = synonymLegQuery(many, question)!;
    expect(leg.expansion.length).toBeLessThanOrEqual(MAX_LEG_TERMS);
    const perWord = leg.expansion.filter(({ term }) => term.startsWith("alt0x")).length;
    expect(perWord).toBe(MAX_LEG_ALTERNATIVES);
  });
});

describe("the synonym leg through search", () => {
  let root: string;
  let dataDir: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-synonym-leg-"));
    await fs.mkdir(path.join(root, "docs"));
    // The page that answers says 중도상환수수료 and none of the question's words; the others hold the question's words.
    await fs.writeFile(path.join(root, "docs", "fees.md"), "# 수수료 안내\n\n중도상환수수료는 실행 후 3년 이내에 갚는 금액의 1.2%입니다.\n");
    await fs.writeFile(path.join(root, "docs", "rent.md"), "# 임대차\n\n임대차 계약을 해지하면 위약금으로 보증금의 10%를 냅니다.\n");
    await fs.writeFile(path.join(root, "docs", "loan.md"), "# 대출 신청\n\n대출은 영업점에서 신청합니다. 서류를 갖추면 일찍 끝납니다.\n");
    await fs.writeFile(path.join(root, "synonyms.txt"), "위약금, 중도상환수수료\n");
    const result = await cli(["ingest", path.join(root, "docs"), "--json", "--data-dir", path.join(root, "data")]);
    expect(result.code).toBe(0);
    dataDir = path.join(root, "data");
  }, 180_000);

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const sources = async (env: Record<string, string>, query: string) => {
    const jikji = await openJikji(
      loadConfig({ JIKJI_SYNONYMS: path.join(root, "synonyms.txt"), JIKJI_SYNONYMS_BUILTIN: "false", ...env }, { dataDir }),
      { scanIndex: false },
    );
    try {
      return (await jikji.search({ query, k: 5, filter: {} })).hits.map((hit) => hit.source);
    } finally {
      await jikji.close();
    }
  };

  it("makes the page holding only the synonym a candidate, and only with the switch", async () => {
    const question = "대출금을 일찍 갚으면 위약금이 얼마예요?";
    const off = await sources({}, question);
    expect(off).not.toContain("fees.md");
    const on = await sources({ JIKJI_SYNONYM_LEG_WEIGHT: "0.8" }, question);
    expect(on).toContain("fees.md");
    // The chunks the first leg found are all still there.
    for (const source of off) expect(on).toContain(source);
  }, 180_000);

  it("changes nothing for a question without a listed word", async () => {
    const question = "대출은 어디서 신청하나요?";
    expect(await sources({ JIKJI_SYNONYM_LEG_WEIGHT: "0.8" }, question)).toEqual(await sources({}, question));
  }, 180_000);

  it("is off unless JIKJI_SYNONYM_LEG_WEIGHT is set, and refuses a weight outside 0 to 1", () => {
    expect(loadConfig({}).synonyms.legWeight).toBe(0);
    expect(loadConfig({ JIKJI_SYNONYM_LEG_WEIGHT: "0.5" }).synonyms.legWeight).toBe(0.5);
    expect(() => loadConfig({ JIKJI_SYNONYM_LEG_WEIGHT: "2" })).toThrow(ConfigError);
    expect(() => loadConfig({ JIKJI_SYNONYM_LEG_WEIGHT: "2" })).toThrow("JIKJI_SYNONYM_LEG_WEIGHT");
  });
});
