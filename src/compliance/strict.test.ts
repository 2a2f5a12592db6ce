import { describe, expect, it } from "vitest";
import { passage } from "../../test/answer/passages.ts";
import { answeringPassages, strictAnswer, withListedItems } from "./strict.ts";
import { findReferences, resolveReferences } from "./xref.ts";

const LEAVE_TEXT = "② 다음 각 호의 경우에는 출근한 것으로 본다.\n1. 업무상 부상으로 휴업한 기간\n2. 출산전후휴가 기간";
const LEAVE = passage(1, "① 1년간 80퍼센트 이상 출근한 직원에게   15일의 유급휴가를 준다.", {
  clausePath: "제12조(연차휴가) 제1항",
  charStart: 500,
  charEnd: 540,
});
const LEAVE2 = passage(2, LEAVE_TEXT, { clausePath: "제12조(연차휴가) 제2항", charStart: 600 });
const PRIVACY = passage(3, "4.2 Retention\n(a) Personal data is deleted within 30 days after the purpose is fulfilled.", {
  clausePath: "Section 4.2",
  charStart: 1000,
});

describe("strict answers", () => {
  it("keeps verbatim quotes with offsets into the stored text and withholds invented sentences", () => {
    const reply =
      "1년간 80퍼센트 이상 출근한 직원에게 15일의 유급휴가를 준다 [1]. 연차휴가는 회사 사정에 따라 언제든지 취소될 수 있습니다 [1]. 출산전후휴가 기간 [2]";
    const result = strictAnswer(reply, [LEAVE, LEAVE2]);
    expect(result.withheld).toBe(1);
    expect(result.answer).toBe("1년간 80퍼센트 이상 출근한 직원에게 15일의 유급휴가를 준다. [1] 출산전후휴가 기간 [2]");
    expect(result.quotes).toHaveLength(2);
    const [first] = result.quotes;
    // Whitespace in the stored text differs from the model's; the offsets still cover exactly the quoted span.
    expect(first!.quote).toBe("1년간 80퍼센트 이상 출근한 직원에게   15일의 유급휴가를 준다.");
    const documentText = " ".repeat(500) + LEAVE.text;
    expect(documentText.slice(first!.start, first!.end)).toBe(first!.quote);
    expect(result.citations.map((citation) => [citation.ref, citation.clause, citation.verified])).toEqual([
      [1, "제12조(연차휴가) 제1항", true],
      [2, "제12조(연차휴가) 제2항", true],
    ]);
  });

  it("keeps a sentence whose quoted words occur in the clause and that adds nothing else, but not a paraphrase", () => {
    const backed = 'Under Section 4.2, "Personal data is deleted within 30 days" [1].';
    expect(strictAnswer(backed, [PRIVACY])).toMatchObject({ withheld: 0, answer: 'Under Section 4.2, "Personal data is deleted within 30 days". [1]' });
    const embellished = 'Under Section 4.2, "Personal data is deleted within 30 days" unless the CEO objects [1].';
    expect(strictAnswer(embellished, [PRIVACY])).toMatchObject({ withheld: 1, answer: "" });
    expect(strictAnswer("Data is removed a month after use [1].", [PRIVACY])).toMatchObject({ withheld: 1, answer: "" });
  });

  it("answers a question naming a clause only from that clause, and refuses near misses", () => {
    expect(answeringPassages("제12조 2항은 무엇을 정하나요?", [LEAVE, LEAVE2])).toEqual([LEAVE2]);
    expect(answeringPassages("제13조 2항은?", [LEAVE, LEAVE2])).toEqual([]);
    expect(answeringPassages("연차 유급휴가는 며칠인가요?", [LEAVE, LEAVE2])[0]).toBe(LEAVE);
    expect(answeringPassages("주차장 이용 요금은 얼마인가요?", [LEAVE, LEAVE2])).toEqual([]);
  });
});

describe("lists", () => {
  it("follow the quoted sentence that introduces them, and pass the strict check", () => {
    const reply = withListedItems("② 다음 각 호의 경우에는 출근한 것으로 본다. [1]", [LEAVE2]);
    expect(reply).toBe("② 다음 각 호의 경우에는 출근한 것으로 본다. [1] 1. 업무상 부상으로 휴업한 기간 [1] 2. 출산전후휴가 기간 [1]");
    expect(strictAnswer(reply, [LEAVE2])).toMatchObject({ withheld: 0 });
    expect(withListedItems("출산전후휴가 기간 [1]", [LEAVE2])).toBe("출산전후휴가 기간 [1]");
  });
});

describe("cross-references", () => {
  it("finds the clauses a clause refers to, not its own heading", () => {
    const text = "제13조(연차휴가의 사용) ① 제12조제1항에 따른 휴가는 제5조에 따라 신청한다. 다만, 별표 1의 기준과 제13조제2항을 따른다.";
    expect(findReferences(text, "제13조(연차휴가의 사용) 제1항")).toEqual([
      { text: "제12조제1항", key: "§12조.1항" },
      { text: "제5조", key: "§5조" },
      { text: "제13조제2항", key: "§13조.2항" },
      { text: "별표 1", key: "§별표1" },
    ]);
    expect(findReferences("Terms are as defined in Section 2 and Schedule 1.", "Section 4.2")).toEqual([
      { text: "Section 2", key: "§s2" },
      { text: "Schedule 1", key: "§schedule1" },
    ]);
  });

  it("resolves references to the chunks of the clauses they name", () => {
    const chunks = [
      { id: "a", clausePath: "제5조(휴가의 신청)", text: "제5조(휴가의 신청) 휴가는 3일 전까지 신청한다.", charStart: 0, charEnd: 30 },
      { id: "b", clausePath: "제12조(연차휴가) 제1항", text: LEAVE.text, charStart: 40, charEnd: 80 },
      { id: "c", clausePath: "제12조(연차휴가) 제2항", text: LEAVE_TEXT, charStart: 90, charEnd: 150 },
    ];
    const related = resolveReferences(findReferences("제12조제1항에 따른 휴가는 제5조에 따라 신청한다.", null), chunks);
    expect(related.map((clause) => [clause.reference, clause.chunkId, clause.clause])).toEqual([
      ["제12조제1항", "b", "제12조(연차휴가) 제1항"],
      ["제5조", "a", "제5조(휴가의 신청)"],
    ]);
  });
});
