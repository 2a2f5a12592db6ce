import { describe, expect, it } from "vitest";
import { extractiveAnswer } from "../../src/answer/extractive.ts";
import { strictAnswer } from "../../src/compliance/strict.ts";
import { parseHtml } from "../../src/ingest/parse-html.ts";
import { parseHwpx } from "../../src/ingest/parse-hwpx.ts";
import { parseMarkdown } from "../../src/ingest/parse-markdown.ts";
import { writeStoredZip } from "../../src/ingest/zip.ts";
import { passage } from "./passages.ts";

// Tables as the parsers store them: a row a line, its cells joined by " | " (HTML, DOCX, HWP/HWPX, Markdown, PDF).
const decision = parseHtml(
  "<html><body><h1>조세심판 결정 요지</h1><table>" +
    "<tr><th>사건번호</th><td>조심2023서1234</td></tr><tr><th>결정유형</th><td>기각</td></tr>" +
    "<tr><th>세목</th><td>법인세</td></tr><tr><th>결정일</th><td>2023.05.10</td></tr></table>" +
    "<p>쟁점광업권의 취득가액을 손금에 산입할 수 있는지 여부를 다툰 사건이다.</p></body></html>",
).text;
/** A 한글 (HWPX) 결정 요지: a two-column table of fields, then the decision's gist. */
function hwpxDecision(): string {
  const paragraph = (inner: string) => `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0">${inner}</hp:run></hp:p>`;
  const cell = (text: string) => `<hp:tc><hp:subList>${paragraph(`<hp:t>${text}</hp:t>`)}</hp:subList></hp:tc>`;
  const fields = [["사건번호", "조심2023서1234"], ["결정유형", "기각"], ["세목", "법인세"], ["결정일", "2023.05.10"]];
  const section =
    `<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">` +
    paragraph("<hp:t>결정 요지</hp:t>") +
    paragraph(`<hp:tbl rowCnt="4" colCnt="2">${fields.map((row) => `<hp:tr>${row.map(cell).join("")}</hp:tr>`).join("")}</hp:tbl>`) +
    paragraph("<hp:t>쟁점광업권의 취득가액을 손금에 산입할 수 있는지 여부를 다툰 사건이다.</hp:t>") +
    `</hs:sec>`;
  const hwpx = writeStoredZip([
    { name: "mimetype", data: new TextEncoder().encode("application/hwp+zip") },
    { name: "Contents/section0.xml", data: new TextEncoder().encode(section) },
  ]);
  return parseHwpx(hwpx, "decision.hwpx", { maxDecompressedBytes: 1024 * 1024, maxEntries: 10, maxCompressionRatio: 100 }).text;
}

const rates =
  "보험금 지급 기준\n\n구분 | 지급사유 | 지급금액\n사망보험금 | 피보험자가 사망한 경우 | 1천만원\n" +
  "입원급여금 | 질병으로 입원한 경우 | 1일당 3만원\n수술급여금 | 수술을 받은 경우 | 1회당 50만원";
const spec =
  "Electrical characteristics\n\nParameter | Min | Typ | Max | Unit\nSupply voltage | 2.7 | 3.3 | 3.6 | V\n" +
  "Operating temperature | -40 | 25 | 85 | °C\nStandby current | - | 1.5 | 5 | µA";
const columns = ["신청기한", "처리기간", "제출서류", "접수처", "수수료", "문의처", "비고", "근거법령", "담당부서", "온라인신청"];
const values = ["수시", "즉시", "신청서 1부", "주민센터 민원실", "400원", "국번없이 110", "무인민원발급기 이용 가능", "주민등록법 제29조", "주민과", "정부24"];
const cells = [...columns, "방문신청", "우편신청", "팩스신청", "대리신청", "위임장", "신분증", "감면대상", "감면비율", "서식"];
const filled = [
  ...values, "방문 신청 가능", "우편 신청 불가", "팩스 신청 불가", "가족 대리 신청 가능", "대리인은 위임장 필요",
  "신분증 원본 필요", "국민기초생활수급자", "수수료 100% 감면", "주민등록법 시행규칙 별지 제1호 서식",
];
const fees = parseMarkdown(
  `# 민원 안내\n\n| 민원 | ${cells.join(" | ")} |\n|${"---|".repeat(cells.length + 1)}\n| 주민등록등본 발급 | ${filled.join(" | ")} |\n`,
).text;
const other = passage(2, "조세심판원은 심판청구를 받으면 조사와 심리를 거쳐 결정한다. 결정은 서면으로 한다.");

/** Every [n] of an answer resolves to a citation whose quote is verbatim in the text it names. */
function expectVerified(result: NonNullable<ReturnType<typeof extractiveAnswer>>, texts: readonly string[]) {
  const markers = [...result.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
  expect(markers.length).toBeGreaterThan(0);
  for (const n of markers) {
    const citation = result.citations.find((candidate) => candidate.ref === n)!;
    expect(citation.verified).toBe(true);
    expect(texts.some((text) => text.includes(citation.quote))).toBe(true);
  }
}

describe("extractive answers from table rows (tableRows)", () => {
  it("quotes the row a question names by its label, as label | value", () => {
    const passages = [passage(1, decision), other];
    const result = extractiveAnswer("결정유형은 무엇인가요?", passages)!;
    expect(result.answer.startsWith("결정유형 | 기각 [1]")).toBe(true);
    expect(result.citations[0]!.quote).toBe("결정유형 | 기각");
    expectVerified(result, [decision]);
    // Strict mode finds the quoted row verbatim in its passage.
    expect(strictAnswer(result.answer, passages).answer).toContain("결정유형 | 기각");
    // Read as lines, the short row was a heading and another row answered.
    expect(extractiveAnswer("결정유형은 무엇인가요?", passages, { tuning: { tableRows: false } })?.answer ?? "").not.toContain("기각");
  });

  it("quotes a row of a HWPX table the same way", () => {
    const text = hwpxDecision();
    expect(text).toContain("결정유형 | 기각");
    const result = extractiveAnswer("쟁점광업권 사건의 결정유형은?", [passage(1, text, { page: null }), other])!;
    expect(result.answer).toContain("결정유형 | 기각 [");
    expectVerified(result, [text]);
  });

  it("does not refuse when the first passage holds the row with the question's label words", () => {
    const passages = [passage(1, decision), other];
    const result = extractiveAnswer("쟁점광업권 사건의 결정유형은?", passages);
    expect(result?.answer).toContain("결정유형 | 기각");
    expect(extractiveAnswer("세목은?", passages)?.answer).toBe("세목 | 법인세 [1]");
    expect(extractiveAnswer("세목은?", passages, { tuning: { tableRows: false } })).toBeNull();
  });

  it("reads a row with its header row, not with the rows around it", () => {
    // 지급금액 is only in the header: the row that holds 입원급여금 answers, and its neighbours' labels do not count.
    const result = extractiveAnswer("입원급여금 지급금액은 얼마인가요?", [passage(1, rates), other])!;
    expect(result.answer.startsWith("입원급여금 | 질병으로 입원한 경우 | 1일당 3만원 [1]")).toBe(true);
    expectVerified(result, [rates]);
    const english = extractiveAnswer("What is the maximum supply voltage?", [passage(1, spec), other])!;
    expect(english.answer).toBe("Supply voltage | 2.7 | 3.3 | 3.6 | V [1]");
  });

  it("cuts a long row at cells: from its label to the cell that answers", () => {
    const row = fees.split("\n").find((line) => line.startsWith("주민등록등본"))!;
    expect(row.length).toBeGreaterThan(200);
    // The cell of the kind asked (an amount), and the cell under the header the question names.
    const fee = extractiveAnswer("주민등록등본 발급 수수료는 얼마인가요?", [passage(1, fees), other])!;
    expect(fee.citations[0]!.quote).toBe("주민등록등본 발급 | 수시 | 즉시 | 신청서 1부 | 주민센터 민원실 | 400원");
    expectVerified(fee, [fees]);
    const office = extractiveAnswer("주민등록등본 발급 담당부서는?", [passage(1, fees), other])!;
    expect(office.citations[0]!.quote.endsWith("| 주민과")).toBe(true);
    expect(office.citations[0]!.quote.length).toBeLessThanOrEqual(200);
    expectVerified(office, [fees]);
    expect(strictAnswer(office.answer, [passage(1, fees), other]).answer).toContain("주민과");
    // Off, the row is quoted in pieces cut at spaces, none of them naming the column asked.
    expect(extractiveAnswer("주민등록등본 발급 담당부서는?", [passage(1, fees), other], { tuning: { tableRows: false } })?.citations[0]?.quote).not.toBe(
      office.citations[0]!.quote,
    );
  });

  it("reads a row with a cell of prose too long to quote as sentences", () => {
    const prose =
      "청구인은 쟁점광업권을 취득하면서 지급한 금액 전액을 광업권의 취득가액으로 보아 감가상각하였으나 처분청은 그중 일부가 " +
      "영업권의 대가에 해당한다고 보아 손금산입을 부인하였다. 조세심판원은 청구인이 제출한 감정평가서와 매매계약서를 살펴본 결과 " +
      "쟁점광업권의 매장량 평가가 합리적이라고 보기 어렵고 대가의 구분 근거가 부족하다는 처분청의 의견을 받아들여 청구를 기각하였다. " +
      "이에 따라 처분청이 법인세를 경정하여 고지한 처분에는 잘못이 없으며 청구인의 주장은 받아들이기 어렵다고 판단하였다.";
    expect(prose.length).toBeGreaterThan(260);
    const text = `결정 요지\n\n판단 | ${prose}\n결정유형 | 기각`;
    const result = extractiveAnswer("조세심판원은 감정평가서를 살펴본 결과 어떻게 판단했나요?", [passage(1, text), other])!;
    for (const citation of result.citations) expect(citation.quote.length).toBeLessThanOrEqual(250);
    expect(result.answer).toContain("감정평가서");
    expectVerified(result, [text]);
  });

  it("keeps the answer's rules: at most three quotes, no duplicates, and contents rows are not quoted", () => {
    // The same rows twice (overlapping chunks of one page-less document) are quoted once.
    const again = passage(3, rates, { documentId: "doc-1", page: null });
    const result = extractiveAnswer("보험금 지급금액은 얼마인가요?", [passage(1, rates, { page: null }), again, other])!;
    const quotes = result.citations.map((citation) => citation.quote);
    expect(quotes.length).toBeLessThanOrEqual(3);
    expect(new Set(quotes).size).toBe(quotes.length);
    const contents = passage(1, "차례\n\n제1장 결정유형 | 3\n제2장 세목 | 9");
    expect(extractiveAnswer("결정유형은?", [contents])).toBeNull();
  });
});
