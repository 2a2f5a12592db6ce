/**
 * The extractive answer reads a table row that opens its chunk (a long table cut across chunks) by the header row the
 * chunk carries, or by the chunk before it: the quote stays a verified slice of the row's own chunk, the header is
 * shown with it as its context.
 */
import { describe, expect, it } from "vitest";
import { extractiveAnswer } from "../../src/answer/extractive.ts";
import { passage } from "./passages.ts";

const HEADER = "상품명 | 가입기간 | 기본금리 | 우대금리";
const ROWS = ["자유적금 | 36개월 | 연 2.25% | 연 0.10%", "청년희망적금 | 24개월 | 연 2.40% | 연 0.30%", "햇살정기예금 | 36개월 | 연 3.65% | 연 0.20%"];
const later = ROWS.join("\n");

describe("a row of a table cut across chunks", () => {
  it("is quoted from its own chunk with the carried header's cells shown before it", () => {
    const hit = passage(1, later, { page: null, tableHeader: HEADER, charStart: 900, charEnd: 900 + later.length });
    const result = extractiveAnswer("햇살정기예금의 기본금리는?", [hit])!;
    const citation = result.citations[0]!;
    expect(citation.quote).toBe(ROWS[2]);
    expect(citation.verified).toBe(true);
    expect(citation.tableHeader).toBe(HEADER);
    expect(result.answer.startsWith(`(${HEADER}) ${ROWS[2]} [1]`)).toBe(true);
  });

  it("takes the header row from the chunk before when the chunk carries none (a chunk stored before headers were kept)", () => {
    const before = `${HEADER}\n${ROWS[0]}\n${ROWS[1]}`;
    const hit = passage(1, `${ROWS[1]}\n${ROWS[2]}`, {
      page: null,
      charStart: 1000,
      charEnd: 1000 + ROWS[1]!.length + 1 + ROWS[2]!.length,
      neighbours: {
        before: { chunkId: "chunk-0", text: before, pageStart: null, pageEnd: null, pageSpans: [], charStart: 1000 - HEADER.length - ROWS[0]!.length - 2, charEnd: 1000 + ROWS[1]!.length },
        after: null,
      },
    });
    const result = extractiveAnswer("햇살정기예금의 기본금리는?", [hit])!;
    const citation = result.citations.find((candidate) => candidate.quote === ROWS[2])!;
    expect(citation.chunkId).toBe("chunk-1");
    expect(citation.tableHeader).toBe(HEADER);
  });

  it("is cut at the cell the carried header names, as it is under a header row in its own chunk", () => {
    const columns = ["민원", "신청기한", "처리기간", "제출서류", "접수처", "수수료", "문의처", "비고", "근거법령", "담당부서", "온라인신청", "방문신청", "우편신청", "팩스신청", "대리신청"];
    const cells = (name: string, fee: string) =>
      [name, "수시", "즉시", "신청서 1부", "주민센터 민원실", fee, "국번없이 110", "무인민원발급기 이용 가능", "주민등록법 제29조", "주민과", "정부24", "방문 신청 가능", "우편 신청 불가", "팩스 신청 불가", "가족 대리 신청 가능"].join(" | ");
    const rows = `${cells("가족관계증명서 발급", "1,000원")}\n${cells("주민등록등본 발급", "400원")}`;
    const carried = extractiveAnswer("주민등록등본 발급 수수료는?", [passage(1, rows, { page: null, tableHeader: columns.join(" | ") })])!;
    const inChunk = extractiveAnswer("주민등록등본 발급 수수료는?", [passage(1, `${columns.join(" | ")}\n${rows}`, { page: null })])!;
    const citation = carried.citations[0]!;
    expect(citation.quote).toBe(inChunk.citations[0]!.quote);
    expect(citation.quote.startsWith("주민등록등본 발급")).toBe(true);
    expect(citation.quote.endsWith("400원")).toBe(true);
    expect(citation.verified).toBe(true);
    // The header's cells over the quoted cells only.
    expect(citation.tableHeader).toBe("민원 | 신청기한 | 처리기간 | 제출서류 | 접수처 | 수수료");
  });

  it("carries nothing when the header row is in the row's own chunk", () => {
    const text = `${HEADER}\n${later}`;
    const result = extractiveAnswer("햇살정기예금의 기본금리는?", [passage(1, text, { page: null })])!;
    expect(result.citations[0]!.quote).toBe(ROWS[2]);
    expect(result.citations[0]!.tableHeader).toBeUndefined();
    expect(result.answer.startsWith(`${ROWS[2]} [1]`)).toBe(true);
  });
});
