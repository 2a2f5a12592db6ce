/**
 * The page a chunk across pages is cited on (rankaudit15): a cloud-certification guide's chunk runs from page 8 (the
 * law on 클라우드컴퓨팅서비스 and 보안인증) to page 9 (유효기간 5년). Counted term by term, the question "클라우드
 * 보안인증은 몇 년 동안 유효해요?" finds more of its terms on page 8 — 클라우드 alone is three bigrams, and the whole
 * guide holds it — so the answer was cited on the wrong page. Weighted by how rare each term is among the candidates
 * (JIKJI_PAGE_RARITY=on), the page holding the rare word wins.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { bestPage, termRarity } from "../../src/retrieve/pages.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";

const page8 = "클라우드컴퓨팅서비스 보안인증에 관한 법률: 과학기술정보통신부장관은 보안인증 업무를 맡길 수 있다. 매년 1회 점검한다.";
const page9 = "보안인증 유형별 유효기간은 5년으로 운영하며, 갱신평가로 연장한다.";
const text = `${page8}\n\n${page9}`;
const spans = [
  { start: 0, page: 8 },
  { start: page8.length + 2, page: 9 },
];
// The other candidates: the same guide's chunks, each about 클라우드 보안인증, one of them on 유효기간 too.
const others = [
  "클라우드 보안인증 신청 절차와 보안인증 수수료",
  "클라우드 서비스 보안인증 평가 기준, 년 단위 점검",
  "클라우드 보안인증 표시: 인증번호와 유효기간을 함께 표시",
  "클라우드 보안인증 사후평가는 매년",
];
const question = "클라우드 보안인증은 한번 받으면 몇 년 동안 유효해요?";

describe("the page of a chunk across pages, by the question's rare terms", () => {
  it("counts a term by its rarity among the candidates", () => {
    const terms = queryTerms(question);
    const weights = termRarity(terms, [text, ...others]);
    expect(weights.get("유효")!).toBeGreaterThan(weights.get("클라")!);
    expect(weights.get("클라")!).toBeGreaterThan(0);
    // Counted one by one, page 8 holds more of the question; weighted, page 9 does.
    expect(bestPage(text, spans, terms, 8)).toBe(8);
    expect(bestPage(text, spans, terms, 8, weights)).toBe(9);
  });

  it("weighs a term no candidate holds as the rarest, and keeps one-page chunks as they are", () => {
    const weights = termRarity(["유효", "없음"], ["유효기간", "유효"]);
    expect(weights.get("없음")!).toBeGreaterThan(weights.get("유효")!);
    expect(bestPage(page9, [{ start: 0, page: 9 }], ["유효"], null, weights)).toBe(9);
  });

  it("is off unless JIKJI_PAGE_RARITY=on", () => {
    expect(loadConfig({}).pageRarity).toBe(false);
    expect(loadConfig({ JIKJI_PAGE_RARITY: "on" }).pageRarity).toBe(true);
  });
});
