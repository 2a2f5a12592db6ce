/**
 * Synonym lists (src/retrieve/synonyms.ts): the file format and its errors, how terms are found in a question
 * (particles, endings, spacing, several words), the lexical leg's expansion, and the whole path from an operator's
 * file (JIKJI_SYNONYMS) through search and ask.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractiveAnswer } from "../../src/answer/extractive.ts";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";
import {
  builtinSynonymSets,
  createSynonyms,
  loadSynonyms,
  parseSynonyms,
  synonymExpansion,
  synonymRelated,
  type Synonyms,
} from "../../src/retrieve/synonyms.ts";
import { builtinFeatures, builtinScores, DEFAULT_BUILTIN_WEIGHTS } from "../../src/retrieve/rerank/builtin.ts";
import type { RerankCandidate } from "../../src/retrieve/rerank/port.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { passage } from "../answer/passages.ts";
import { cli } from "../helpers/cli.ts";

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("no ConfigError");
}

/** The alternatives found for each matched span, keyed by the span's words. */
function found(synonyms: Synonyms, text: string): Record<string, string[]> {
  const words = text.normalize("NFKC").toLowerCase();
  return Object.fromEntries(synonyms.find(words).map((match) => [`${match.from}-${match.to}`, match.alternatives]));
}

describe("parseSynonyms", () => {
  it("reads one set per line, skipping comments and blank lines, normalising case and spaces", () => {
    const sets = parseSynonyms("# passwords\n\n비밀번호, 암호,  Password \r\nsign   in, 로그인\n", "ops.txt");
    expect(sets).toEqual([
      ["비밀번호", "암호", "password"],
      ["sign in", "로그인"],
    ]);
  });

  it("names the file and the line of every bad line in one ConfigError", () => {
    const error = configError(() => parseSynonyms("비밀번호, 암호\n품의,\n결재\n결재, 결재\n!!!, 결재\n", "/etc/jikji/synonyms.txt"));
    expect(error.problems).toEqual([
      "JIKJI_SYNONYMS: /etc/jikji/synonyms.txt line 2: an empty term (two commas in a row, or one at an end)",
      "JIKJI_SYNONYMS: /etc/jikji/synonyms.txt line 3: a set needs at least two different terms, separated by commas",
      "JIKJI_SYNONYMS: /etc/jikji/synonyms.txt line 4: a set needs at least two different terms, separated by commas",
      'JIKJI_SYNONYMS: /etc/jikji/synonyms.txt line 5: "!!!" has no letters or digits to search for',
    ]);
  });

  it("rejects terms too long or of too many words", () => {
    expect(configError(() => parseSynonyms(`${"가".repeat(65)}, 나다`, "a.txt")).problems[0]).toMatch(/a\.txt line 1: .* longer than 64/);
    expect(configError(() => parseSynonyms("one two three four five, five", "a.txt")).problems[0]).toMatch(/line 1: .* more than 4 words/);
  });

  it("checks the built-in list with the same rules", () => {
    const sets = builtinSynonymSets();
    expect(sets.length).toBeGreaterThan(300);
    expect(sets.some((set) => set.includes("비밀번호") && set.includes("암호") && set.includes("password"))).toBe(true);
  });
});

describe("loadSynonyms", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-synonyms-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const config = (file: string | null, builtin: boolean, searchWeight = 0.4) => ({ file, builtin, searchWeight, answerWeight: 0, rerankWeight: 0 });

  it("merges the operator's file with the built-in list, or uses it alone", async () => {
    const file = path.join(dir, "ops.txt");
    await fs.writeFile(file, "품의, 결재 요청\n");
    const merged = loadSynonyms(config(file, true))!;
    expect(merged.size).toBe(builtinSynonymSets().length + 1);
    expect(found(merged, "품의 올리는 법")["0-1"]).toContain("결재 요청");
    const alone = loadSynonyms(config(file, false))!;
    expect(alone.size).toBe(1);
    expect(found(alone, "품의 올리는 법")).toEqual({ "0-1": ["결재 요청"] });
    expect(alone.find("비밀번호")).toEqual([]);
    expect(loadSynonyms(config(null, false))).toBeNull();
  });

  it("checks the operator's file even when no use is switched on, and fails on a missing, large or bad file", async () => {
    const bad = path.join(dir, "bad.txt");
    await fs.writeFile(bad, "품의, 결재\n\n결재\n");
    expect(configError(() => loadSynonyms(config(bad, false, 0))).problems).toEqual([
      `JIKJI_SYNONYMS: ${bad} line 3: a set needs at least two different terms, separated by commas`,
    ]);
    expect(configError(() => loadSynonyms(config(path.join(dir, "missing.txt"), true))).problems[0]).toMatch(/cannot read .*missing\.txt \(ENOENT\)/);
    const large = path.join(dir, "large.txt");
    await fs.writeFile(large, "가, 나\n".repeat(400_000));
    expect(configError(() => loadSynonyms(config(large, true))).problems[0]).toMatch(/large\.txt is \d+ bytes, more than/);
    const binary = path.join(dir, "latin1.txt");
    await fs.writeFile(binary, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x20, 0x63, 0x61, 0x66, 0x65]));
    expect(configError(() => loadSynonyms(config(binary, true))).problems[0]).toMatch(/latin1\.txt is not UTF-8 text/);
  });

  it("is read from the configuration: a file, the built-in switch and the weights, each checked", () => {
    const parsed = loadConfig({ JIKJI_SYNONYMS: "ops.txt", JIKJI_SYNONYMS_BUILTIN: "false", JIKJI_SYNONYM_SEARCH_WEIGHT: "0.25" });
    expect(parsed.synonyms).toMatchObject({ file: path.resolve("ops.txt"), builtin: false, searchWeight: 0.25 });
    // By default the built-in list is used by the reranker only: the one use that held on heldout.
    expect(loadConfig({}).synonyms).toEqual({ file: null, builtin: true, searchWeight: 0, legWeight: 0, answerWeight: 0, rerankWeight: 0.2, rerankCredit: 0, rerankOwnScript: false });
    expect(loadSynonyms(loadConfig({}).synonyms)!.find("비밀번호")[0]!.alternatives).toContain("암호");
    expect(loadSynonyms(loadConfig({ JIKJI_SYNONYM_RERANK_WEIGHT: "0" }).synonyms)).toBeNull();
    expect(loadConfig({ JIKJI_SYNONYMS_BUILTIN: "false" }).synonyms.builtin).toBe(false);
    expect(configError(() => loadConfig({ JIKJI_SYNONYM_ANSWER_WEIGHT: "2" })).problems[0]).toMatch(/JIKJI_SYNONYM_ANSWER_WEIGHT/);
    expect(configError(() => loadConfig({ JIKJI_SYNONYMS_BUILTIN: "maybe" })).problems[0]).toMatch(/JIKJI_SYNONYMS_BUILTIN/);
  });
});

describe("finding terms in a question", () => {
  const synonyms = createSynonyms(
    parseSynonyms(
      ["비밀번호, 비밀 번호, 암호, password", "변경, 바꾸다, change", "sign in, log in, 로그인", "메모리, 램, ram", "설치, 깔다, install"].join("\n"),
      "test",
    ),
  );

  it("finds a Korean term with its particle, ending or light verb, and spaced or not", () => {
    // "비밀 번호" is the same term spaced otherwise, so it is not an alternative to search for.
    expect(found(synonyms, "비밀번호를 잊었어요")).toEqual({ "0-1": ["암호", "password"] });
    expect(found(synonyms, "비밀 번호는")).toEqual({ "0-2": ["암호", "password"] });
    expect(found(synonyms, "암호가 변경되나요")).toEqual({ "0-1": ["비밀번호", "password"], "1-2": ["바꾸", "change"] });
    expect(found(synonyms, "램이 부족")["0-1"]).toEqual(["메모리", "ram"]);
  });

  it("finds a verb by its stem and an English term of several words in order", () => {
    expect(found(synonyms, "프로그램을 깔려면")).toEqual({ "1-2": ["설치", "install"] });
    expect(found(synonyms, "암호를 바꾸려면")["1-2"]).toEqual(["변경", "change"]);
    expect(found(synonyms, "How do I log in?")).toEqual({ "3-5": ["sign in", "로그인"] });
    expect(found(synonyms, "in log")).toEqual({});
  });

  it("does not find a term inside another word", () => {
    expect(found(synonyms, "프로그램 램프 passwords2")).toEqual({});
    expect(found(synonyms, "program")).toEqual({});
  });

  it("expands the lexical leg with the synonyms' terms at the weight, never a term the query holds", () => {
    const expansion = synonymExpansion(synonyms, "비밀번호 변경", 0.4);
    const terms = expansion.map(({ term }) => term);
    expect(terms).toEqual(expect.arrayContaining(["암호", "password", "바꾸", "change"]));
    expect(expansion.every(({ weight }) => weight === 0.4)).toBe(true);
    for (const own of queryTerms("비밀번호 변경")) expect(terms).not.toContain(own);
    // "log in": the function word is not searched for.
    expect(synonymExpansion(synonyms, "로그인 방법", 0.4).map(({ term }) => term)).not.toContain("in");
    expect(synonymExpansion(synonyms, "비밀번호", 0)).toEqual([]);
  });

  it("hands the extractive answer a question word's synonyms, counted where a sentence holds a whole one", () => {
    const question = "비밀번호를 변경하려면 어떻게 하나요?";
    const text = "암호를 바꾸려면 계정 메뉴에서 새 암호를 두 번 입력합니다. 회의실 예약은 포털에서 합니다.";
    expect(extractiveAnswer(question, [passage(1, text)])).toBeNull();
    const related = synonymRelated(synonyms, question, 0.7)!;
    const answer = extractiveAnswer(question, [passage(1, text)], { related, tuning: { relatedWeight: 1 } });
    expect(answer!.answer).toBe("암호를 바꾸려면 계정 메뉴에서 새 암호를 두 번 입력합니다. [1]");
    expect(synonymRelated(synonyms, "회의실 예약", 0.7)).toBeNull();
  });

  it("counts a synonym of several terms only where the sentence holds all of them", () => {
    const english = createSynonyms(parseSynonyms("로그인, sign in", "test"));
    const question = "로그인 오류가 나면?";
    const related = synonymRelated(english, question, 1)!;
    const whole = extractiveAnswer(question, [passage(1, "If you cannot sign in, an error code is shown. Lunch is at noon.")], { related, tuning: { relatedWeight: 1 } });
    expect(whole?.answer).toContain("sign in");
    const part = extractiveAnswer(question, [passage(1, "Sign the form with ink. Lunch is at noon.")], { related, tuning: { relatedWeight: 1 } });
    expect(part).toBeNull();
  });
});

describe("the built-in reranker's synonym feature", () => {
  const synonyms = createSynonyms(parseSynonyms("비밀번호, 암호\n변경, 바꾸다", "test"));
  const candidate = (id: string, text: string): RerankCandidate => ({ id, text, headingPath: [], score: 1 });
  const candidates = [
    candidate("meeting", "회의실 예약은 포털에서 합니다. 회의실 변경은 하루 전까지 합니다."),
    candidate("account", "암호를 바꾸려면 계정 메뉴에서 새 암호를 두 번 입력합니다."),
  ];

  it("counts the share of the query's words a chunk holds only as a synonym", () => {
    const features = builtinFeatures("비밀번호 변경", candidates, undefined, undefined, synonyms);
    // 비밀번호 → 암호 and 변경 → 바꾸 in "account"; "meeting" holds 변경 itself, which is not a synonym's doing.
    expect(features.map((f) => f.synonyms)).toEqual([0, 1]);
    expect(builtinFeatures("비밀번호 변경", candidates).map((f) => f.synonyms)).toEqual([0, 0]);
  });

  it("adds its weight to the chunk that says the same thing in other words, nothing to the others", () => {
    const weights = { ...DEFAULT_BUILTIN_WEIGHTS, synonyms: 0.2 };
    const plain = builtinScores("비밀번호 변경", candidates, weights);
    const withSynonyms = builtinScores("비밀번호 변경", candidates, weights, undefined, synonyms);
    expect(withSynonyms[0]).toBe(plain[0]);
    expect(withSynonyms[1]! - plain[1]!).toBeCloseTo(0.2, 10);
    expect(builtinScores("비밀번호 변경", candidates, { ...weights, synonyms: 0 }, undefined, synonyms)).toEqual(plain);
  });
});

describe("an operator's synonyms through search and ask", () => {
  let root: string;
  let jikji: Jikji;
  let without: Jikji | null = null;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-synonyms-search-"));
    await fs.mkdir(path.join(root, "docs"));
    await fs.writeFile(path.join(root, "docs", "account.md"), "# 계정\n\n암호를 바꾸려면 계정 메뉴에서 새 암호를 두 번 입력합니다.\n");
    await fs.writeFile(path.join(root, "docs", "rooms.md"), "# 회의실\n\n회의실 예약은 사내 포털에서 신청합니다. 변경은 하루 전까지 합니다.\n");
    await fs.writeFile(path.join(root, "synonyms.txt"), "# our words\n비밀번호, 암호\n변경, 바꾸다\n");
    const result = await cli(["ingest", path.join(root, "docs"), "--json", "--data-dir", path.join(root, "data")]);
    expect(result.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await without?.close();
    await jikji?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it("finds a chunk that only says 암호를 바꾸려면 for 비밀번호 변경, and answers from it", async () => {
    const dataDir = path.join(root, "data");
    without = await openJikji(loadConfig({ JIKJI_SYNONYMS_BUILTIN: "false" }, { dataDir }), { scanIndex: false });
    const plain = await without.search({ query: "비밀번호 변경", k: 2, filter: {} });
    expect(plain.hits.map((hit) => hit.source)).not.toContain("account.md");
    await without.close();
    without = null;

    const env = {
      JIKJI_SYNONYMS: path.join(root, "synonyms.txt"),
      JIKJI_SYNONYMS_BUILTIN: "false",
      JIKJI_SYNONYM_SEARCH_WEIGHT: "0.4",
      JIKJI_SYNONYM_ANSWER_WEIGHT: "0.7",
    };
    jikji = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
    const expanded = await jikji.search({ query: "비밀번호 변경", k: 2, filter: {} });
    expect(expanded.hits.map((hit) => hit.source)).toContain("account.md");

    const asked = await jikji.ask.ask({ question: "비밀번호를 변경하려면 어떻게 하나요?" });
    expect(asked.grounded).toBe(true);
    expect(asked.answer).toContain("암호를 바꾸려면 계정 메뉴에서 새 암호를 두 번 입력합니다.");
  });
});
