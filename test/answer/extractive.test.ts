import { describe, expect, it } from "vitest";
import { extractiveAnswer, questionKind } from "../../src/answer/extractive.ts";
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

  it.each([
    ["연차 휴가는 며칠인가요?", "quantity"],
    ["How many blocks does a file use?", "quantity"],
    ["숙박비 한도는 얼마인가요?", "quantity"],
    ["언제까지 신청해야 하나요?", "date"],
    ["When was the policy adopted?", "date"],
    ["What is a block-sorting compressor?", "definition"],
    ["연차휴가란 무엇인가요?", "definition"],
    ["How do I recover a damaged file?", "steps"],
    ["휴가는 어떻게 신청하나요?", "steps"],
    ["Who maintains bzip2?", "other"],
  ])("reads %s as a %s question", (question, kind) => {
    expect(questionKind(question)).toBe(kind);
  });

  it("prefers the sentence with the number when the question asks how much", () => {
    const rules = passage(1, "출장 숙박비는 실비로 정산한다. 서울의 숙박비 한도는 1박 120,000원이다. 숙박비 영수증은 반드시 제출한다.");
    const result = extractiveAnswer("서울 숙박비 한도는 얼마인가요?", [rules])!;
    expect(result.answer.startsWith("서울의 숙박비 한도는 1박 120,000원이다. [1]")).toBe(true);
  });

  it("prefers the sentence that defines the term when the question asks what it is", () => {
    const text =
      "Many tools ship a MIME database. The shared MIME-info database is a single database of file types that all desktops read. " +
      "Updating the shared MIME-info database needs update-mime-database.";
    const result = extractiveAnswer("What is the shared MIME-info database?", [passage(1, text)])!;
    expect(result.citations[0]!.quote).toBe("The shared MIME-info database is a single database of file types that all desktops read.");
  });

  it("never quotes running headers, headings, page numbers, contents lines or the question itself", () => {
    const header = "Shared MIME-info Database";
    const first = passage(
      1,
      `${header}\n\n2.3. Subclassing\n\nWhat is a subclass of a MIME type?\n\nA type is a subclass of another type if any instance of the first type is also an instance of the second.\n\n12`,
    );
    const second = passage(2, `${header}\n\nSubclassing ........ 12\n\nApplications may use subclass information to offer more handlers for a type.`);
    const result = extractiveAnswer("What is a subclass of a MIME type?", [first, second])!;
    expect(result).not.toBeNull();
    const quotes = result.citations.map((citation) => citation.quote);
    expect(quotes[0]).toBe("A type is a subclass of another type if any instance of the first type is also an instance of the second.");
    for (const furniture of [header, "2.3. Subclassing", "What is a subclass of a MIME type?", "12", "Subclassing ........ 12"]) {
      expect(quotes).not.toContain(furniture);
      expect(result.answer).not.toContain(`${furniture} [`);
    }
  });

  it("quotes a sentence once even when overlapping passages both hold it, numbering citations 1, 2, … in order", () => {
    const shared = "The default block size is 900,000 bytes.";
    const a = passage(1, `Compression works in blocks. ${shared}`);
    const b = passage(2, `${shared} Smaller blocks use less memory when compressing.`);
    const result = extractiveAnswer("What block size is the default when compressing?", [a, b])!;
    const quotes = result.citations.map((citation) => citation.quote);
    expect(quotes.filter((quote) => quote === shared)).toHaveLength(1);
    expect(result.citations.map((citation) => citation.ref)).toEqual(quotes.map((_, i) => i + 1));
    const markers = [...result.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(markers).toEqual(result.citations.map((citation) => citation.ref));
  });

  it("adds the start of a sentence a page break cut, from the chunk before when search attached it", () => {
    const before = {
      chunkId: "chunk-before",
      text: "Larger blocks compress better. The ratio between",
      pageStart: 5,
      pageEnd: 5,
      pageSpans: [{ start: 0, page: 5 }],
      charStart: 0,
      charEnd: 48,
    };
    const hit = passage(1, "worst-case and average-case compression time is in the region of 10:1.", {
      page: 6,
      pageStart: 6,
      pageEnd: 6,
      pageSpans: [{ start: 0, page: 6 }],
      charStart: 48,
      neighbours: { before, after: null },
    });
    const result = extractiveAnswer("What is the ratio of worst-case to average-case compression time?", [hit])!;
    expect(result.citations.map((citation) => [citation.quote, citation.chunkId, citation.page])).toEqual([
      ["The ratio between", "chunk-before", 5],
      ["worst-case and average-case compression time is in the region of 10:1.", "chunk-1", 6],
    ]);
    expect(result.answer).toBe("The ratio between [1] worst-case and average-case compression time is in the region of 10:1. [2]");
  });

  it("says not found when the best sentence covers too little of the question", () => {
    const unrelated = passage(1, "The cafeteria serves lunch from noon. Parking is free for visitors on weekends.");
    // "visitors" is shared, but one word of six is not an answer.
    expect(extractiveAnswer("What is the maximum upload size for visitors of the document portal?", [unrelated])).toBeNull();
  });
});
