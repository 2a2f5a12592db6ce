import { describe, expect, it } from "vitest";
import { buildDocument } from "./build-document.ts";
import { chunkDocument } from "./chunk.ts";
import { chunkClauseKeys, clauseBoundaries, clauseKeys, formatClausePath, startsAppendix } from "./clauses.ts";

const RULES = [
  "제1장 총칙",
  "제1조(목적) 이 규칙은 직원의 근로조건을 정함을 목적으로 한다.",
  "제2조(적용범위) ① 이 규칙은 모든 직원에게 적용한다.\n② 다만, 단시간 근로자는 별도로 정한다.",
  "제2장 휴가",
  "제12조(연차휴가) ① 1년간 80퍼센트 이상 출근한 직원에게 15일의 유급휴가를 준다.",
  "② 다음 각 호의 경우에는 출근한 것으로 본다.\n1. 업무상 부상으로 휴업한 기간\n2. 출산전후휴가 기간\n가. 유산·사산 휴가를 포함한다.",
  "제12조의2(연차휴가의 사용촉진) 회사는 제12조에 따른 휴가의 사용을 촉진할 수 있다.",
  "부칙",
  "제1조(시행일) 이 규칙은 2025년 3월 1일부터 시행한다.",
  "[별표 1] 여비 지급 기준표",
];

function doc(paragraphs: readonly string[]) {
  return buildDocument(
    paragraphs.map((text) => ({ kind: "paragraph" as const, text, page: null })),
    { title: "취업규칙", pageCount: null, warnings: [] },
  );
}

describe("clause boundaries", () => {
  it("reads an annex titled in angle brackets ('<별표1> …') as the annex, so its paragraphs leave the 부칙", () => {
    // A real Word 규정 (audit13kdocx): "<별표2>" was not an annex, and its ① … ⑧ read as "부칙 제1조(시행일) 제4항".
    const text = doc(["부칙", "제1조(시행일) 이 규정은 2022년 11월 25일 시행한다.", "<별표2> 보안대책 마련 기준", "1. 접근통제", "① 접근권한을 최소한으로 부여한다.", "〈별지 제3호〉 서약서"]).text;
    const paths = clauseBoundaries(text).map((boundary) => formatClausePath(boundary.path));
    expect(paths).toEqual(["부칙", "부칙 제1조(시행일)", "별표 2", "별지 제3호"]);
  });

  it("takes no clause from a contents entry ('부 칙 ······ 75'): the articles after the contents are not in the 부칙", () => {
    // 고용노동부's 표준취업규칙 printed to PDF: its contents page ends "부 칙 ····· 75", and every article of the rules
    // was filed as "부칙 제N조", with no section path, because a chapter keeps the 부칙 it is in.
    const text = doc([
      "제1장 총칙 ······································· 1",
      "제1조 목적 ········································ 1",
      "부 칙 ··············································· 75",
      "제1장 총칙",
      "제1조(목적) 이 규칙은 직원의 근로조건을 정함을 목적으로 한다.",
      "부칙",
      "제1조(시행일) 이 규칙은 2025년 3월 1일부터 시행한다.",
    ]).text;
    const paths = clauseBoundaries(text).map((boundary) => formatClausePath(boundary.path));
    expect(paths).toEqual([null, "제1조(목적)", "부칙", "부칙 제1조(시행일)"]);
    const chunks = chunkDocument(doc(["부 칙 ··············································· 75", "제2장 복무", "제10조(지각) 사원은 지각하게 되면 미리 알려야 한다."]), { maxChars: 400, overlapChars: 0 });
    expect(chunks.at(-1)?.clausePath).toBe("제10조(지각)");
    expect(chunks.at(-1)?.headingPath).toEqual(["제2장 복무"]);
  });

  it("reads an item that names a form ('1. [별지 4] … 서약서') as the item, not as the form itself", () => {
    // A real Word 지침 (audit13kdocx): the item's own "1." was read as a sentence end, so "[별지 4]" opened an
    // appendix and cut the chunk between "1." and its text.
    const text = doc(["제31조(서류 제출) ① 다음 각 호의 서류를 제출해야 한다.", "1. [별지 4] 거래제한준수 서약서", "2. [별지 5] 이해 상충 여부 확인서", "[별지 4]", "서약서"]).text;
    const paths = clauseBoundaries(text).map((boundary) => formatClausePath(boundary.path));
    expect(paths).toEqual(["제31조(서류 제출) 제1항", "제31조(서류 제출) 제1항 제1호", "제31조(서류 제출) 제1항 제2호", "별지 제4호"]);
  });

  it("reads Korean articles, branches, paragraphs, items, sub-items, 부칙 and 별표", () => {
    const text = doc(RULES).text;
    const paths = clauseBoundaries(text).map((boundary) => formatClausePath(boundary.path));
    expect(paths).toEqual([
      null,
      "제1조(목적)",
      "제2조(적용범위) 제1항",
      "제2조(적용범위) 제2항",
      null,
      "제12조(연차휴가) 제1항",
      "제12조(연차휴가) 제2항",
      "제12조(연차휴가) 제2항 제1호",
      "제12조(연차휴가) 제2항 제2호",
      "제12조(연차휴가) 제2항 제2호 가목",
      "제12조의2(연차휴가의 사용촉진)",
      "부칙",
      "부칙 제1조(시행일)",
      "별표 1",
    ]);
  });

  it("does not take a cross-reference for an article", () => {
    const boundaries = clauseBoundaries("제5조에 따른 휴가는 유급으로 한다.\n제5조 및 제6조의 경우도 같다.");
    expect(boundaries).toEqual([]);
  });

  it("does not take a bulleted citation of another rule's titled article for an article of this document (a 제안요청서)", () => {
    // 제안요청서 (한글 2022): "o (계약예규) 협상에 의한 계약체결기준 제6조(제안서 등의 제출) (시행 …)에 따라" filed every
    // later chunk, through the evaluation chapters, under "제6조(제안서 등의 제출)".
    const cited = "o (계약예규) 협상에 의한 계약체결기준 제6조(제안서 등의 제출) (시행 2024.9.13., 기획재정부계약예규 제721호)에 따라 제출 절차를 진행하며";
    expect(clauseBoundaries(`${cited}
제출장소는 입찰공고에 따른다.`)).toEqual([]);
    expect(clauseBoundaries("- 국가계약법 시행령 제12조(경쟁입찰의 참가자격) 각 호의 요건을 갖춘 자")).toEqual([]);
    // A rule's own title joined to its first article still opens it.
    expect(clauseBoundaries("여비규정 제1조(목적) 이 규정은 여비에 관한 사항을 정한다.").map((boundary) => formatClausePath(boundary.path))).toEqual(["제1조(목적)"]);
  });

  it("does not take a table cell's citation of another law's article for an article of this document", () => {
    // A real tax decision (HWP) opens with a header table whose 관련법령 cell cites "법인세법 제14조【…】": every
    // later chunk, the decision itself included, was filed under "제14조(각 사업년도의 소득)".
    const text = "[ 문서번호 ] | 국세청적부2013-0554\n[ 관련법령 ] | 법인세법 제14조【각 사업년도의 소득】\n\n이 건 과세전적부심사청구는 불채택 결정합니다.";
    expect(clauseBoundaries(text).filter((boundary) => boundary.path.length > 0)).toEqual([]);
  });

  it("does not take an article that a note cites after its statute's name in corner brackets for an article of this document", () => {
    // A 교육청's 세출예산 집행지침 notes "※ ｢전자서명법｣ 제24조(벌칙): …" on its page 13: 90 of its chunks, to page 123,
    // carried "제24조(벌칙)" and the 지침's own numbered lines as that article's items.
    for (const text of [
      "○ 공인인증서 관리를 철저히 한다.\n※ ｢전자서명법｣ 제24조(벌칙): 제19조제2항제2호 위반 시 1년 이하의 징역\n3. 예산의 적기집행",
      "※ 「근로기준법」 제60조(연차 유급휴가)에 따른 휴가를 준다.\n1. 휴가의 사용",
      "- 『지방재정법』 제42조(계속비) 참조\n2. 계속비",
    ]) {
      expect(clauseBoundaries(text).filter((boundary) => boundary.path.length > 0)).toEqual([]);
    }
  });

  it("finds a titled article and a paragraph in the middle of an extracted line", () => {
    const text = "제3조(정의) 이 규칙에서 쓰는 용어의 뜻은 다음과 같다. 제4조(채용) ① 직원은 공개 채용한다. ② 채용은 서류로 한다.";
    const paths = clauseBoundaries(text).map((boundary) => [text.slice(boundary.offset, boundary.offset + 6), formatClausePath(boundary.path)]);
    expect(paths).toEqual([
      ["제3조(정의", "제3조(정의)"],
      ["제4조(채용", "제4조(채용) 제1항"],
      ["② 채용은 ", "제4조(채용) 제2항"],
    ]);
  });

  it("reads English articles, sections, lettered and roman items, schedules", () => {
    const text = [
      "Article 3 Data retention",
      "Section 3.1 Retention periods",
      "(a) Customer records are kept for five years.",
      "(i) Invoices are kept for seven years.",
      "(b) Logs are kept for one year.",
      "4.2 Deletion",
      "Schedule 1 Retention table",
    ].join("\n");
    expect(clauseBoundaries(text).map((boundary) => formatClausePath(boundary.path))).toEqual([
      "Article 3",
      "Article 3 Section 3.1",
      "Article 3 Section 3.1(a)",
      "Article 3 Section 3.1(a)(i)",
      "Article 3 Section 3.1(b)",
      "Article 3 Section 4.2",
      "Schedule 1",
    ]);
  });

  it("takes a schedule that follows a title on its line, not one a sentence names after a capitalised word", () => {
    const title = "DATA RETENTION POLICY Schedule 1 Retention table";
    expect(clauseBoundaries(title).map((boundary) => [title.slice(boundary.offset, boundary.offset + 10), formatClausePath(boundary.path)])).toEqual([
      ["Schedule 1", "Schedule 1"],
    ]);
    // An ISO 27001 template's risk report: "ISO Annex A" is the standard's annex, named inside a sentence.
    const sentence = "Indicate if you have put these controls in place or not. Justify the decision to leave controls out of ISO Annex A.";
    expect(clauseBoundaries(sentence)).toEqual([]);
    // A user group's bylaws under "Section B: Affiliations" of Article I: "See Article II, Section A for details" names
    // another article; it opened Article II there, and the rest of Article I sat in Article II.
    for (const reference of ["See Article II, Section A for details on membership.", "Under Section 4.2 the fee is refunded.", "Per Schedule 2 the rates apply."]) {
      expect(clauseBoundaries(`Article I\nThe name of this organization is CASSUG.\n${reference}`).map((boundary) => formatClausePath(boundary.path))).toEqual(["Article I"]);
    }
  });

  it("does not take a version number on a line of its own for a section (Javadoc's \"Since:\" then \"3.12.0\", then \"See Also:\")", () => {
    const text = "The false String \"false\".\n\nSince:\n\n3.12.0\n\nSee Also:\n\nConstant Field Values\n\n4.2 Deletion";
    expect(clauseBoundaries(text).map((boundary) => [text.slice(boundary.offset, boundary.offset + 5), formatClausePath(boundary.path)])).toEqual([
      ["4.2 D", "Section 4.2"],
    ]);
  });

  it("opens a form headed as 법제처 heads one (\"■ 법령명 [별지 제1호서식]\"), closing the 부칙 before it", () => {
    // 식약처's 일부개정고시(안): its forms after the 부칙 were filed under "부칙".
    const text = [
      "부칙",
      "이 고시는 고시한 날부터 시행한다.",
      "■ 생산·수입 중단 보고대상 의료기기 및 보고 방법 [별지 제1호서식]",
      "생산·수입중단 보고대상 의료기기 추천서",
      "■ 생산·수입 중단 보고대상 의료기기 및 보고 방법 [별지 제2호서식] <개정 2021.5.4.>",
      "의료기기 중단 보고서",
    ].join("\n");
    expect(clauseBoundaries(text).map((boundary) => formatClausePath(boundary.path))).toEqual(["부칙", "별지 제1호", "별지 제2호"]);
    expect(startsAppendix("■ 의료기기법 시행규칙 [별표 3]")).toBe(true);
    // A bullet that names a form in its sentence opens nothing.
    expect(clauseBoundaries("부칙\n■ 신청인은 [별지 제1호서식]의 신청서를 제출한다.").map((boundary) => formatClausePath(boundary.path))).toEqual(["부칙"]);
  });

  it("does not take a Korean outline heading whose title opens in Latin capitals (\"2.1 AI시스템 구축\") for an English section", () => {
    // 중소벤처기업부's 중간보고서 form: "Section 3.6" opened at "3.6 Application 시스템 세부내용" and stayed over every
    // section after it ("4.2 산출물 목록 Section 3.6"), as Korean headings never close it.
    const text = ["2.1 AI시스템 구축", "AI 통합시스템 구성도를 적는다.", "3.6 Application 시스템 세부내용", "4.1 사업 진척도", "5.4 N/W 구축비(D)"].join("\n");
    expect(clauseBoundaries(text)).toEqual([]);
    // An English section title on its own line is still one.
    expect(clauseBoundaries("3.6 Application details\n본문이다.").map((boundary) => formatClausePath(boundary.path))).toEqual(["Section 3.6"]);
  });

  it("does not take a sentence that starts by citing a section ('Section 1519 of title 18 can be used…') for that section", () => {
    const text =
      "Section 1519 of title 18 can be used to prosecute persons seeking to gain advantage of bankruptcy.\n\n" +
      "Section 347(a) of the Bankruptcy Code requires the trustee to stop payment on any unpaid check.\n\n" +
      "§ 4.2 applies to every filing.\n\nSection 5. Records\n\nSection 6 Retention\n\nSECTION 7 — AUDITS\n\n§ 8: Fees";
    expect(clauseBoundaries(text).map((boundary) => formatClausePath(boundary.path))).toEqual(["Section 5", "Section 6", "Section 7", "Section 8"]);
  });
});

describe("clause keys", () => {
  it("give the same keys for a stored path and the ways people write it in a query", () => {
    const stored = clauseKeys("제12조(연차휴가) 제2항 제1호");
    expect(stored).toEqual(["§12조", "§12조.2항", "§12조.2항.1호"]);
    expect(clauseKeys("제12조 2항은 뭐라고 하나요?")).toEqual(["§12조", "§12조.2항"]);
    expect(clauseKeys("12조 제2항")).toEqual(["§12조", "§12조.2항"]);
    expect(clauseKeys("제12조②")).toEqual(["§12조", "§12조.2항"]);
    expect(clauseKeys("제12조의2")).toEqual(["§12조의2"]);
    expect(clauseKeys("부칙 제1조(시행일)")).toEqual(["§부칙", "§부칙.1조"]);
    expect(clauseKeys("What does Section 4.2(b) require?")).toEqual(["§s4.2", "§s4.2(b)"]);
    expect(clauseKeys("Article 3 Section 3.1(a)")).toEqual(["§a3", "§s3.1", "§s3.1(a)"]);
    expect(clauseKeys("연차휴가는 15일이다")).toEqual([]);
  });

  it("index a chunk under its path and the items that begin inside it", () => {
    expect(chunkClauseKeys("제12조(연차휴가) 제2항", "② 다음 각 호.\n1. 업무상 부상\n2. 출산")).toEqual([
      "§12조",
      "§12조.2항",
      "§12조.2항.1호",
      "§12조.2항.2호",
    ]);
    expect(chunkClauseKeys("Section 4.2", "4.2 Deletion\n(a) Data is erased.\n(b) Backups expire.")).toEqual([
      "§s4.2",
      "§s4.2(a)",
      "§s4.2(b)",
    ]);
    expect(chunkClauseKeys(null, "제1조(목적)")).toEqual([]);
  });
});

describe("chunking regulations", () => {
  it("never lets a chunk span two articles or two paragraphs, and labels each with its clause", () => {
    const parsed = doc(RULES);
    const chunks = chunkDocument(parsed, { maxChars: 1200, overlapChars: 200 });
    expect(chunks.map((chunk) => chunk.clausePath)).toEqual([
      "제1조(목적)",
      "제2조(적용범위) 제1항",
      "제2조(적용범위) 제2항",
      "제12조(연차휴가) 제1항",
      "제12조(연차휴가) 제2항",
      "제12조의2(연차휴가의 사용촉진)",
      "부칙 제1조(시행일)",
      "별표 1",
    ]);
    // The chapter title stays with its first article instead of standing alone.
    expect(chunks[0]!.text.startsWith("제1장 총칙")).toBe(true);
    expect(chunks[3]!.text.startsWith("제2장 휴가")).toBe(true);
    for (const chunk of chunks) {
      expect(parsed.text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
      expect(chunk.text.match(/제\d+조(의\d+)?\(/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it("splits an article that PDF extraction joined into one line", () => {
    const parsed = doc(["제3조(정의) 용어의 뜻은 다음과 같다. 제4조(채용) ① 직원은 공개 채용한다. ② 채용은 서류로 한다."]);
    const chunks = chunkDocument(parsed, { maxChars: 1200, overlapChars: 200 });
    expect(chunks.map((chunk) => [chunk.clausePath, chunk.text])).toEqual([
      ["제3조(정의)", "제3조(정의) 용어의 뜻은 다음과 같다."],
      ["제4조(채용) 제1항", "제4조(채용) ① 직원은 공개 채용한다."],
      ["제4조(채용) 제2항", "② 채용은 서류로 한다."],
    ]);
  });

  it("keeps an article's title on a line of its own with the article's first paragraph", () => {
    const parsed = doc(["제5조(보험금의 분담)", "① 다른 계약이 있는 경우에는 비율에 따라 보상합니다.", "② 이 경우 회사는 계약자에게 알려드립니다."]);
    const chunks = chunkDocument(parsed, { maxChars: 1200, overlapChars: 200 });
    expect(chunks.map((chunk) => [chunk.clausePath, chunk.text.replace(/\s+/g, " ")])).toEqual([
      ["제5조(보험금의 분담) 제1항", "제5조(보험금의 분담) ① 다른 계약이 있는 경우에는 비율에 따라 보상합니다."],
      ["제5조(보험금의 분담) 제2항", "② 이 경우 회사는 계약자에게 알려드립니다."],
    ]);
  });

  it("leaves documents without clauses as they were, with no clause path", () => {
    const chunks = chunkDocument(doc(["첫 문단입니다.", "둘째 문단입니다."]), { maxChars: 1200, overlapChars: 200 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.clausePath).toBeNull();
  });
});
