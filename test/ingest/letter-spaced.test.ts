import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/ingest/parse.ts";
import { buildFile, type Format } from "../fixtures/compliance/corpus.ts";
import { expectDocumentInvariants } from "./invariants.ts";

/**
 * Korean documents space a short title or a table header out letter by letter to fill its width ("요 약", "구 분",
 * "비 고"): one word, which a query types unspaced. A block or cell that is nothing but 2–5 single syllables is
 * joined; running prose, where "이 책", "할 수" are words, is left as written (audit11ko, issue 8 §3).
 */
const PROSE = "이 규정은 재단의 여비 지급 기준을 정한다. 이 책에 적힌 대로 할 수 있다.";

describe("letter-spaced short titles and table headers", () => {
  for (const format of ["pdf", "docx", "hwpx"] as const satisfies readonly Format[]) {
    it(`joins a title spaced out letter by letter in ${format}, not prose`, async () => {
      const bytes = await buildFile(format, "여비규정", ["요 약", PROSE, "목   차", "제1조 목적"]);
      const { document } = await parseDocument(bytes, `규정.${format}`);
      expectDocumentInvariants(document);
      // (This PDF writer sets a title like body text, so the PDF's "요약" may open the paragraph after it.)
      expect(document.text).toMatch(/(?:^|\s)요약(?:\s|$)/);
      expect(document.text).toMatch(/(?:^|\s)목차(?:\s|$)/);
      expect(document.text).not.toMatch(/요 약|목 +차/);
      expect(document.text).toContain(PROSE);
    });
  }

  it("joins a bracketed letter-spaced label (\"[ 제 목 ]\", \"【 주 문 】\"), as Korean tax rulings head their rows", async () => {
    // The National Tax Service's rulings (HWP) lay out every document as a table of "[ 제 목 ]", "[ 요 지 ]" rows.
    const html = `<html><body><table>
      <tr><td>[ 제 목 ]</td><td>총괄납부사업자의 조기환급계산</td></tr>
      <tr><td>【 요 지 】</td><td>< 회 신 ></td><td>( 가 )</td><td>[ 이 책 ]을</td></tr></table><p>${PROSE}</p></body></html>`;
    const { document } = await parseDocument(new TextEncoder().encode(html), "질의회신.html");
    const table = document.blocks.find((block) => block.kind === "table")!;
    expect(table.text.split("\n")).toEqual(["[ 제목 ] | 총괄납부사업자의 조기환급계산", "【 요지 】 | < 회신 > | ( 가 ) | [ 이 책 ]을"]);
  });

  it("joins a letter-spaced header cell of an HTML table, not a cell of words", async () => {
    const html = `<html><body><h1>여 비</h1><table>
      <tr><th>구 분</th><th>비 고</th><th>금 액 합 계</th></tr>
      <tr><td>할 수 있다</td><td>이 책</td><td>2만원 이상</td></tr></table><p>${PROSE}</p></body></html>`;
    const { document } = await parseDocument(new TextEncoder().encode(html), "표.html");
    expectDocumentInvariants(document);
    const table = document.blocks.find((block) => block.kind === "table")!;
    expect(table.text.split("\n")[0]).toBe("구분 | 비고 | 금액합계");
    // A cell with a word of two syllables is words, not a spaced-out word. (A whole cell of one-syllable words, "이 책",
    // cannot be told from a spaced header and is joined: BENCHMARKS.md, audit11ko.)
    expect(table.text.split("\n")[1]).toBe("할 수 있다 | 이책 | 2만원 이상");
    expect(document.blocks.find((block) => block.kind === "heading")!.text).toBe("여비");
    expect(document.text).toContain(PROSE);
  });
});
