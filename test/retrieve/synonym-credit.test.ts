/**
 * The built-in reranker counting a listed synonym as the question's own word (`synonymCredit`): a page that says 암호
 * where the question says 비밀번호 is covered, and near the question's other words, at the credit's share of the word.
 */
import { describe, expect, it } from "vitest";
import { builtinFeatures, builtinScores, DEFAULT_BUILTIN_WEIGHTS } from "../../src/retrieve/rerank/builtin.ts";
import type { RerankCandidate } from "../../src/retrieve/rerank/port.ts";
import { createSynonyms } from "../../src/retrieve/synonyms.ts";

const synonyms = createSynonyms([["비밀번호", "암호", "패스워드"], ["maternity leave", "출산휴가"]]);

const candidate = (id: string, text: string, score = 1): RerankCandidate => ({ id, text, headingPath: [], score });

// The question's word repeated where it does not answer, against the answer written with the synonym.
const question = "아웃룩 비밀번호 변경 방법";
const repeats = candidate(
  "repeats",
  "아웃룩 비밀번호 초기화 버튼이 비활성화된 경우의 해결 방법. 비밀번호 정책은 관리자가 정합니다. 비밀번호 만료 알림은 메일로 옵니다.",
);
const answers = candidate("answers", "아웃룩 설정에서 보안을 고릅니다. 암호 변경을 누르고 새 암호를 두 번 입력합니다.");
const filler = [
  candidate("a", "달력 공유는 설정의 공유 메뉴에서 합니다."),
  candidate("b", "메일 규칙을 만들어 받은 편지함을 정리합니다."),
  candidate("c", "서명은 메일 작성 창에서 넣습니다."),
];
const candidates = [repeats, answers, ...filler];

describe("synonym credit in the built-in reranker", () => {
  it("counts a synonym as the question's word in coverage and proximity, at the credit", () => {
    const plain = builtinFeatures(question, candidates, 24, undefined, synonyms);
    const credited = builtinFeatures(question, candidates, 24, undefined, synonyms, null, [], 0.8);
    // Without credit the answer holds 아웃룩 and 변경 only; with it, 암호 stands for 비밀번호 at 0.8.
    expect(credited[1]!.coverage).toBeGreaterThan(plain[1]!.coverage);
    expect(credited[1]!.proximity).toBeGreaterThan(plain[1]!.proximity);
    // A page holding the word itself gains nothing (the word is rarer no longer: its share can only fall).
    expect(credited[0]!.coverage).toBeLessThanOrEqual(plain[0]!.coverage + 1e-12);
    // Credit 0 is the plain reading, to the digit.
    expect(builtinFeatures(question, candidates, 24, undefined, synonyms, null, [], 0)).toEqual(plain);
  });

  it("a credited synonym counts less than the word itself", () => {
    const own = candidate("own", "아웃룩 설정에서 보안을 고릅니다. 비밀번호 변경을 누르고 새 비밀번호를 두 번 입력합니다.");
    const features = builtinFeatures(question, [own, answers, ...filler], 24, undefined, synonyms, null, [], 0.8);
    expect(features[1]!.coverage).toBeLessThan(features[0]!.coverage);
    expect(features[1]!.proximity).toBeLessThan(features[0]!.proximity);
  });

  it("lets the page written with the synonym come first", () => {
    const off = builtinScores(question, candidates, DEFAULT_BUILTIN_WEIGHTS, undefined, synonyms);
    expect(off[0]!).toBeGreaterThan(off[1]!);
    const on = builtinScores(question, candidates, { ...DEFAULT_BUILTIN_WEIGHTS, synonymCredit: 0.8 }, undefined, synonyms);
    expect(on[1]!).toBeGreaterThan(on[0]!);
  });

  it("reads a synonym of several terms only where its terms follow each other", () => {
    const list = createSynonyms([["sick leave", "medical leave"]]);
    const asked = "sick leave days";
    const together = candidate("together", "Medical leave: up to ten days a year.");
    const apart = candidate("apart", "Medical records are kept safe. Leave the building by the side door on busy days.");
    const none = candidate("none", "Parking passes.");
    const plain = builtinFeatures(asked, [together, apart, none], 24, undefined, list);
    const credited = builtinFeatures(asked, [together, apart, none], 24, undefined, list, null, [], 1);
    // No candidate writes "sick": plainly both hold all that counts (leave, days).
    expect(plain[0]!.coverage).toBeCloseTo(plain[1]!.coverage, 10);
    // "Medical leave" stands for "sick"; "Medical … Leave" apart is no "medical leave".
    expect(credited[0]!.coverage).toBeGreaterThan(credited[1]!.coverage);
  });

  it("credits only synonyms in the word's own script: other languages are the English rendering's", () => {
    const asked = "maternity leave weeks";
    const korean = candidate("korean", "출산휴가 기간은 12주입니다.");
    const other = candidate("other", "Parking passes for weeks.");
    const plain = builtinFeatures(asked, [korean, other], 24, undefined, synonyms);
    expect(builtinFeatures(asked, [korean, other], 24, undefined, synonyms, null, [], 1)).toEqual(plain);
  });

  it("stands a synonym for the word as listed, not for its ending's terms", () => {
    const list = createSynonyms([["압축", "압착"]]);
    // 압축하는데 is 압축 + 축하 + 하는 + 는데; 압착 stands for 압축 only, so a page with 압착 does not hold 하는 / 는데.
    const asked = "압축하는데 시간";
    const page = candidate("page", "압착 시간");
    const other = candidate("other", "무엇을 하는데 쓰나요");
    const features = builtinFeatures(asked, [page, other, candidate("x", "주차 안내")], 24, undefined, list, null, [], 1);
    expect(features[0]!.coverage).toBeGreaterThan(0);
    expect(features[0]!.coverage).toBeLessThan(1);
  });

  it("does nothing without a synonym list", () => {
    const plain = builtinScores(question, candidates, DEFAULT_BUILTIN_WEIGHTS);
    expect(builtinScores(question, candidates, { ...DEFAULT_BUILTIN_WEIGHTS, synonymCredit: 0.8 })).toEqual(plain);
  });
});

describe("JIKJI_SYNONYM_RERANK_CREDIT", () => {
  it("reaches the built-in reranker, off by default", async () => {
    const { loadConfig } = await import("../../src/config.ts");
    const { rerankerFrom } = await import("../../src/runtime.ts");
    const { loadSynonyms } = await import("../../src/retrieve/synonyms.ts");
    expect(loadConfig({}, { dataDir: "/nonexistent" }).synonyms.rerankCredit).toBe(0);
    const config = loadConfig({ JIKJI_SYNONYM_RERANK_CREDIT: "0.8" }, { dataDir: "/nonexistent" });
    expect(config.synonyms.rerankCredit).toBe(0.8);
    expect(() => loadConfig({ JIKJI_SYNONYM_RERANK_CREDIT: "2" }, { dataDir: "/nonexistent" })).toThrow(/JIKJI_SYNONYM_RERANK_CREDIT/);
    // The built-in list holds 비밀번호 / 암호: the page written with 암호 comes first only with the credit.
    const on = await rerankerFrom(config, loadSynonyms(config.synonyms));
    const off = await rerankerFrom(loadConfig({}, { dataDir: "/nonexistent" }), loadSynonyms(loadConfig({}, { dataDir: "/nonexistent" }).synonyms));
    const [a, b] = await on!.score(question, candidates);
    const [c, d] = await off!.score(question, candidates);
    expect(b!).toBeGreaterThan(a!);
    expect(c!).toBeGreaterThan(d!);
  });
});
