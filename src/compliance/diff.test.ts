import { describe, expect, it } from "vitest";
import { diffClauses, type ClauseText } from "./diff.ts";

function clauses(entries: Array<[string | null, string]>): ClauseText[] {
  let offset = 0;
  return entries.map(([clausePath, text], ordinal) => {
    const chunk = { clausePath, text, ordinal, charStart: offset, charEnd: offset + text.length };
    offset += text.length + 2;
    return chunk;
  });
}

describe("clause diff", () => {
  it("lists changed, added and removed clauses in clause order, ignoring whitespace-only edits", () => {
    const from = clauses([
      [null, "취업규칙"],
      ["제1조(목적)", "제1조(목적) 이 규칙은 근로조건을 정한다."],
      ["제3조(수습)", "제3조(수습) 수습기간은 3개월로 한다."],
      ["제12조(연차휴가) 제1항", "제12조(연차휴가) ① 15일의 유급휴가를 준다."],
      ["제12조(연차휴가) 제2항", "②  휴가는 신청한다."],
    ]);
    const to = clauses([
      [null, "취업규칙"],
      ["제1조(목적)", "제1조(목적) 이 규칙은 근로조건을 정한다."],
      ["제12조(연차 유급휴가) 제1항", "제12조(연차 유급휴가) ① 16일의 유급휴가를 준다."],
      ["제12조(연차 유급휴가) 제2항", "② 휴가는 신청한다."],
      ["제12조의2(휴가의 이월)", "제12조의2(휴가의 이월) 미사용 휴가는 이월하지 않는다."],
    ]);
    expect(diffClauses(from, to).map((change) => [change.change, change.clause])).toEqual([
      ["removed", "제3조(수습)"],
      ["changed", "제12조(연차 유급휴가) 제1항"],
      ["changed", "제12조(연차 유급휴가) 제2항"],
      ["added", "제12조의2(휴가의 이월)"],
    ]);
    expect(diffClauses(from, from)).toEqual([]);
  });
});
