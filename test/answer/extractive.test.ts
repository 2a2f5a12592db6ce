import { describe, expect, it } from "vitest";
import { extractiveAnswer } from "../../src/answer/extractive.ts";
import { BZIP2, LEAVE, passage } from "./passages.ts";

describe("extractiveAnswer", () => {
  it("answers with the best supporting sentence and cites its passage and page", () => {
    const result = extractiveAnswer("What block size do the flags -1 through -9 specify?", [BZIP2, LEAVE]);
    expect(result).not.toBeNull();
    expect(result!.answer).toContain("The flags -1 through -9 specify the block size");
    expect(result!.answer).toMatch(/\[1\]/);
    expect(result!.citations[0]).toMatchObject({ ref: 1, page: 3, source: "manuals/bzip2.pdf", verified: true });
  });

  it("works for Korean questions", () => {
    const result = extractiveAnswer("휴가 신청은 언제까지 해야 하나요?", [BZIP2, LEAVE]);
    expect(result!.answer).toBe("휴가를 사용하려면 3일 전까지 팀장에게 신청해야 한다. [1]");
    expect(result!.citations).toEqual([expect.objectContaining({ ref: 1, chunkId: LEAVE.chunkId, page: null, verified: true })]);
  });

  it("uses at most three sentences and every marker has a citation", () => {
    const many = passage(1, "Alpha block one. Alpha block two. Alpha block three. Alpha block four. Unrelated.");
    const result = extractiveAnswer("alpha block", [many, BZIP2])!;
    const markers = [...result.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(markers).toHaveLength(3);
    for (const n of markers) expect(result.citations.some((citation) => citation.ref === n)).toBe(true);
  });

  it("leaves out sentences that share only an incidental word with the question", () => {
    const refund = passage(1, "환불은 구매일로부터 14일 이내에 신청할 수 있습니다. 사용한 상품은 환불되지 않습니다.");
    const leave = passage(2, "연차 휴가는 인사 시스템에서 신청합니다. 팀장이 승인하면 신청이 확정됩니다.");
    const result = extractiveAnswer("환불은 언제까지 신청할 수 있나요?", [refund, leave])!;
    expect(result.answer).toContain("14일 이내에 신청할 수 있습니다. [1]");
    expect(result.answer).not.toContain("팀장");
    expect(result.citations.map((citation) => citation.ref)).toEqual([1]);
  });

  it("neutralises bracketed numbers from the document so they cannot pose as citations", () => {
    const cited = passage(1, "As shown in [12], the cache size is 64 MB.");
    const result = extractiveAnswer("cache size", [cited])!;
    expect(result.answer).toBe("As shown in (12), the cache size is 64 MB. [1]");
  });

  it("returns null when no sentence shares a term with the question", () => {
    expect(extractiveAnswer("quantum chromodynamics", [BZIP2, LEAVE])).toBeNull();
  });
});
