import { describe, expect, it } from "vitest";
import { buildQuery } from "../../src/assist/query.ts";
import { replay, score, suggests } from "../../src/assist/replay.ts";
import { confidenceOf, decide, draftSuggestion, quotedPassage, withoutHeadingLines } from "../../src/assist/suggest.ts";
import type { Passage } from "../../src/retrieve/types.ts";

function passage(text: string, headingPath: string[], chunkId = "c1"): Passage {
  return {
    documentId: `doc-${chunkId}`,
    source: "배송-안내.md",
    title: headingPath[0] ?? null,
    page: null,
    pageStart: null,
    pageEnd: null,
    pageSpans: [],
    chunkId,
    score: 1,
    text,
    headingPath,
    clausePath: null,
    version: 1,
    collection: "support",
    charStart: 0,
    charEnd: text.length,
  };
}

const FEES = passage("배송비\n\n주문 금액이 30,000원 이상이면 배송비가 무료입니다. 30,000원 미만 주문의 배송비는 3,000원입니다.", ["배송 안내", "배송비"]);
const customer = (text: string) => ({ speaker: "customer" as const, text });

describe("suggestion drafts", () => {
  it("quotes one verified sentence, never the heading, with the article and section", () => {
    const draft = draftSuggestion(buildQuery([customer("어 그 삼만 원 넘으면 배송비 무료인가요")]), [FEES])!;
    expect(draft.text).toBe("주문 금액이 30,000원 이상이면 배송비가 무료입니다.");
    expect(draft.citations).toEqual([
      expect.objectContaining({ source: "배송-안내.md", section: "배송 안내 > 배송비", verified: true, chunkId: "c1" }),
    ]);
    expect(draft.confidence).toBeGreaterThan(0.5);
    expect(draft.confidence).toBeLessThanOrEqual(1);
    expect(withoutHeadingLines(FEES).text).toHaveLength(FEES.text.length);
    expect(withoutHeadingLines(FEES).text.startsWith("   ")).toBe(true);
  });

  it("answers a question about when with the sentence that says when, not another figure", () => {
    const customs = passage(
      "해외 배송 상품의 관세와 부가세는 받는 분이 부담합니다.\n150달러를 넘는 해외 배송 주문은 통관 시 관세가 부과될 수 있습니다.",
      ["배송 안내", "해외 배송 관세"],
      "customs",
    );
    const times = passage(
      "평일 오후 2시 이전에 결제한 주문은 당일 출고됩니다.\n국내 배송은 출고 후 보통 1~2영업일 안에 도착합니다.\n해외 배송은 출고 후 7~14영업일이 걸리며 통관 과정에서 늦어질 수 있습니다.",
      ["배송 안내", "배송 기간"],
      "times",
    );
    const address = passage(
      "배송지는 출고 전까지 마이페이지의 주문 내역에서 바꿀 수 있습니다.\n이미 출고된 주문은 택배사 고객센터에 직접 연락해 배송지를 바꿔야 합니다.",
      ["배송 안내", "배송지 변경"],
      "address",
    );
    // The three passages search finds for the turn, in its order; the answer layer ranks the customs figure first.
    const when = buildQuery([customer("해외배송으로 주문했는데 언제쯤 와요")]);
    expect(when.asks).toBe("time");
    expect(draftSuggestion(when, [customs, times, address])?.text).toBe("해외 배송은 출고 후 7~14영업일이 걸리며 통관 과정에서 늦어질 수 있습니다.");
    // Asked how much, the figure the answer layer ranks first stands.
    const howMuch = buildQuery([customer("해외배송 주문 관세 얼마예요")]);
    expect(draftSuggestion(howMuch, [customs, times, address])?.text).toContain("150달러");
  });

  it("cites a neighbour chunk the answer layer quotes as that chunk, and no chunk it was not given", () => {
    const hit = {
      ...passage("배송지는 출고 전까지 마이페이지의 주문 내역에서 바꿀 수 있습니다.", ["배송 안내", "배송지 변경"], "hit"),
      neighbours: {
        before: null,
        after: {
          chunkId: "after",
          text: "주문 금액이 30,000원 이상이면 배송비가 무료입니다. 30,000원 미만 주문의 배송비는 3,000원입니다.",
          pageStart: null,
          pageEnd: null,
          pageSpans: [],
          charStart: 40,
          charEnd: 100,
        },
      },
    };
    const draft = draftSuggestion(buildQuery([customer("삼만 원 넘으면 배송비 무료인가요")]), [hit])!;
    expect(draft.text).toBe("주문 금액이 30,000원 이상이면 배송비가 무료입니다.");
    // The quote is verified against the neighbour's own text; its section is not claimed.
    expect(draft.citations).toEqual([expect.objectContaining({ chunkId: "after", documentId: "doc-hit", section: null, verified: true })]);
    expect(draft.confidence).toBeGreaterThan(0);
    expect(quotedPassage([hit], "after")?.text).toBe(hit.neighbours.after.text);
    expect(quotedPassage([hit], "hit")).toBe(hit);
    expect(quotedPassage([hit], "elsewhere")).toBeNull();
  });

  it("gives no confidence when the passage holds under half of what was asked", () => {
    const query = buildQuery([customer("오늘 서울 날씨 배송비 어때요")]);
    expect(confidenceOf(query, FEES, "주문 금액이 30,000원 이상이면 배송비가 무료입니다.")).toBe(0);
  });
});

describe("the decision", () => {
  const query = buildQuery([customer("삼만 원 넘으면 배송비 무료인가요")]);
  const draft = draftSuggestion(query, [FEES])!;

  it("stays silent below the language's threshold", () => {
    expect(decide(draft, query, [], { ko: 0.99, en: 0 })).toEqual({ show: false, reason: "below_threshold" });
    expect(decide(draft, query, [], { ko: 0, en: 0.99 })).toEqual({ show: true });
  });

  it("does not repeat a quote for the same question but does when the question changed", () => {
    const shown = [{ text: draft.text, chunkIds: ["c1"], queryTerms: query.terms }];
    expect(decide(draft, query, shown, { ko: 0, en: 0 })).toEqual({ show: false, reason: "already_shown" });
    const changed = buildQuery([customer("제주도 도서 산간 지역 추가 요금 무료 기준")]);
    expect(decide(draft, changed, shown, { ko: 0, en: 0 })).toEqual({ show: true });
  });
});

describe("replay scoring", () => {
  it("counts suggestions from a turn's partial text for that turn and scores silence", async () => {
    const outcomes = await replay(
      [
        { speaker: "customer", text: "배송비", final: false },
        { speaker: "customer", text: "배송비 무료 기준", final: true, expect: "30,000원 이상" },
        { speaker: "customer", text: "감사합니다", final: true, expect: null },
        { speaker: "customer", text: "thanks", final: true, expect: null },
      ],
      async (line) => (line.text === "배송비" ? [{ text: "주문 금액이 30,000원 이상이면 배송비가 무료입니다.", confidence: 0.7 }] : line.text === "thanks" ? [{ text: "x", confidence: 0.9 }] : []),
    );
    expect(outcomes.map((o) => o.met)).toEqual([undefined, true, true, false]);
    expect(score(outcomes)).toEqual([
      { language: "en", answerTurns: 0, answered: 0, silenceTurns: 1, silent: 0, shown: 1, correct: 0 },
      { language: "ko", answerTurns: 1, answered: 1, silenceTurns: 1, silent: 1, shown: 1, correct: 1 },
    ]);
    expect(suggests([{ text: "A  b", confidence: 1 }], "a b")).toBe(true);
  });
});
