import { describe, expect, it } from "vitest";
import { isQuestion, normalizeSpeech, sinoKoreanValue, stripPoliteEnding } from "../../src/assist/normalize.ts";
import { askedFor, buildQuery, contentText, englishStem, extractEntities, triggersSuggestions } from "../../src/assist/query.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";

describe("speech-recognizer text", () => {
  it("splits a question word off the run it was glued to and drops the polite ending and fillers", () => {
    expect(normalizeSpeech("음 저기요 환불기간이언제까지에요")).toBe("환불기간이 언제까지");
    // The question word then leaves the query, and the noun keeps the terms the document has.
    expect(queryTerms(normalizeSpeech("환불기간이언제까지에요"))).toEqual(queryTerms("환불기간"));
  });

  it("drops Korean and English fillers only as whole words", () => {
    expect(normalizeSpeech("어 그 배송비 음 얼마예요")).toBe("배송비 얼마");
    expect(normalizeSpeech("um so uh how many days")).toBe("so how many days");
    expect(normalizeSpeech("어린이 요금")).toBe("어린이 요금");
    expect(normalizeSpeech("umbrella policy")).toBe("umbrella policy");
  });

  it("drops tags and bracketed recognizer annotations, keeping the words between tags", () => {
    expect(normalizeSpeech("[noise] 배송비 얼마예요 [laughter]")).toBe("배송비 얼마");
    expect(normalizeSpeech("<unk> how much is <b>express</b> shipping")).toBe("how much is express shipping");
    expect(contentText("[inaudible] [noise]")).toBe("");
    expect(isQuestion("배송비 얼마예요 [noise]")).toBe(true);
    expect(isQuestion("<unk> how much is it")).toBe(true);
    // Comparisons are not tags.
    expect(normalizeSpeech("orders < 50 dollars")).toBe("orders < 50 dollars");
  });

  it("writes numbers spoken in Korean as the figures documents print", () => {
    expect(normalizeSpeech("삼만 원 넘으면")).toBe("30,000원 넘으면");
    expect(normalizeSpeech("이십사 시간 안에")).toBe("24시간 안에");
    expect(normalizeSpeech("삼만오천원")).toBe("35,000원");
    expect(normalizeSpeech("3만 원")).toBe("30,000원");
    expect(normalizeSpeech("환불은칠일이내에")).toBe("환불은 7일이내에");
    expect(normalizeSpeech("한 달 요금")).toBe("1달 요금");
    expect(sinoKoreanValue("십오만")).toBe(150_000);
    expect(sinoKoreanValue("배송")).toBeNull();
  });

  it("leaves words that only look like numbers alone", () => {
    expect(normalizeSpeech("회사원인데요")).toBe("회사원");
    expect(normalizeSpeech("이사 갈 때")).toBe("이사 갈 때");
  });

  it("writes English number words as digits", () => {
    expect(normalizeSpeech("twenty four hours")).toBe("24 hours");
    expect(normalizeSpeech("a hundred and fifty dollars")).toBe("150 dollars");
    expect(normalizeSpeech("thirty days")).toBe("30 days");
    expect(normalizeSpeech("which one")).toBe("which one");
  });

  it("strips polite endings down to the stem", () => {
    expect(stripPoliteEnding("환불되나요")).toBe("환불");
    expect(stripPoliteEnding("변경할수있나요")).toBe("변경");
    expect(stripPoliteEnding("요금")).toBe("요금");
  });

  it("tells a question from a statement without punctuation", () => {
    expect(isQuestion("배송 언제 와요")).toBe(true);
    expect(isQuestion("환불 되나요")).toBe(true);
    expect(isQuestion("how long does it take")).toBe(true);
    expect(isQuestion("네 알겠습니다")).toBe(false);
    expect(isQuestion("thanks that's all")).toBe(false);
    // A spoken question may open with a conjunction or an acknowledgement.
    expect(isQuestion("and how much is express shipping")).toBe(true);
    expect(isQuestion("okay so what about gift cards")).toBe(true);
    expect(isQuestion("hi um how much is express shipping")).toBe(true);
    expect(isQuestion("I'd like to know how long it takes")).toBe(true);
    // A greeting before a question word does not make an agent's opener a question.
    expect(isQuestion("hello how can I help you today")).toBe(false);
    expect(isQuestion("and I bought it last week")).toBe(false);
  });

  it("stems English words for the query", () => {
    expect(["shipping", "files", "downgrades", "policies", "boxes"].map(englishStem)).toEqual(["ship", "file", "downgrade", "policy", "box"]);
    expect(["lost", "paid", "pays", "forgotten", "lose"].map(englishStem)).toEqual(["lose", "pay", "pay", "forget", "lose"]);
    // The index does not stem: a base also searches its irregular past form, and the two count as one word.
    const query = buildQuery([{ speaker: "customer", text: "did I lose any files" }]);
    expect(query.text.split(" ")).toEqual(expect.arrayContaining(["lose", "lost", "files"]));
    expect(query.words).toHaveLength(2);
    // A short base's forms are one word too: "paid" searches "pay" and "pays", and all three count once.
    expect(buildQuery([{ speaker: "customer", text: "actually I paid with PayPal" }]).words).toHaveLength(2);
  });
});

describe("query from the turn window", () => {
  it("drops conversation and keeps what may match a document", () => {
    expect(contentText("아 네 그럼 배송비는 얼마예요")).toBe("배송비는 얼마");
    expect(contentText("hi yeah so I was wondering about express shipping")).toBe("express shipping");
    // Greetings once normalisation has cut their endings, pronouns and negated auxiliaries.
    expect(contentText("여보세요 배송비 때문에 전화드렸는데요")).toBe("배송비");
    expect(contentText("안녕하세요 어제 인터넷이 안 됐어요")).not.toContain("안녕");
    expect(contentText("what happens if they can't find it")).toBe("find");
    expect(contentText("my files weren't syncing")).toBe("files syncing");
  });

  it("sets context without asking: a greeting and one topic word trigger nothing", () => {
    expect(triggersSuggestions({ speaker: "customer", text: "여보세요 배송비 때문에 전화드렸는데요" })).toBe(false);
    expect(triggersSuggestions({ speaker: "customer", text: "and how much is express shipping" })).toBe(true);
    // Annotations alone are no customer words.
    expect(triggersSuggestions({ speaker: "customer", text: "[noise] [inaudible]" })).toBe(false);
    expect(buildQuery([{ speaker: "customer", text: "[noise] 배송비 얼마예요" }]).terms).not.toContain("noise");
    expect(extractEntities("<b>프리미엄</b> 요금제")).toEqual([{ kind: "plan", text: "프리미엄" }]);
  });

  it("reads what is asked for from the words that ask, not from the topic", () => {
    expect(buildQuery([{ speaker: "customer", text: "해외배송으로 주문했는데 언제쯤 와요" }]).asks).toBe("time");
    expect(askedFor("해외 배송은 얼마나 걸려요")).toBe("time");
    expect(askedFor("uh how long do I have to return it")).toBe("time");
    expect(askedFor("and how much is express shipping")).toBe("amount");
    expect(askedFor("배송비 얼마예요")).toBe("amount");
    expect(askedFor("why was I charged twice")).toBe("reason");
    // 요금 (fee) is what the customer asks about; the question asks whether, not how much.
    expect(askedFor("그 장애 때문에 요금 감면 같은 거 받을 수 있나요")).toBe("other");
    expect(askedFor("관세는 누가 내는 거예요")).toBe("other");
  });

  it("reads a short clarifying turn with the customer's turn before it", () => {
    const query = buildQuery([
      { speaker: "customer", text: "환불 기간이 언제까지예요" },
      { speaker: "agent", text: "받으신 날부터 칠 일입니다" },
      { speaker: "customer", text: "전자책이에요" },
    ]);
    expect(query.terms).toEqual(expect.arrayContaining(["환불", "전자", "자책"]));
  });

  it("keeps a standalone question on its own", () => {
    const query = buildQuery([
      { speaker: "customer", text: "환불 기간이 언제까지예요" },
      { speaker: "customer", text: "그럼 제주도 추가 배송비는 얼마예요" },
    ]);
    expect(query.terms).not.toContain("환불");
    expect(query.terms).toContain("배송");
  });

  it("carries a plan named earlier into a later question, and a newer name replaces it", () => {
    const turns = [
      { speaker: "customer" as const, text: "저 프리미엄 요금제 쓰고 있는데요" },
      { speaker: "agent" as const, text: "네 확인했습니다" },
      { speaker: "customer" as const, text: "음 날씨 좋네요" },
      { speaker: "customer" as const, text: "해외 로밍 데이터는 얼마나 주나요" },
    ];
    const query = buildQuery(turns, { window: 1 });
    expect(query.carried).toEqual([{ kind: "plan", text: "프리미엄" }]);
    expect(query.text).toContain("프리미엄");

    const switched = buildQuery([...turns, { speaker: "customer", text: "아니 베이직 요금제 데이터 속도 제한이요" }], { window: 1 });
    expect(switched.entities.map((entity) => entity.text)).toContain("베이직");
    expect(switched.carried).toEqual([]);
  });

  it("finds plans, products and order types in both languages", () => {
    expect(extractEntities("I'm on the Pro plan and ordered a router for international delivery")).toEqual([
      { kind: "plan", text: "pro" },
      { kind: "product", text: "router" },
      { kind: "orderType", text: "international" },
    ]);
    expect(extractEntities("해외배송으로 노트북 샀어요").map((entity) => entity.kind).sort()).toEqual(["orderType", "product"]);
  });

  it("lets agent turns trigger suggestions only when they ask", () => {
    expect(triggersSuggestions({ speaker: "agent", text: "네 확인해 드리겠습니다" })).toBe(false);
    expect(triggersSuggestions({ speaker: "agent", text: "디지털 상품 환불 기간이 어떻게 되죠?" })).toBe(true);
    expect(triggersSuggestions({ speaker: "customer", text: "I'm on the pro plan" })).toBe(false);
    expect(triggersSuggestions({ speaker: "customer", text: "my package hasn't moved in seven days" })).toBe(true);
  });
});
