import { describe, expect, it } from "vitest";
import { itemsToLines, layOutPages, type Line } from "./pdf-layout.ts";

const line = (text: string, x: number, endX: number, y: number, fontSize = 12): Line => ({ text, x, endX, y, fontSize, spaceAtStart: false, spaceAtEnd: false });

describe("layOutPages, an outline entry under a line that ends in a year", () => {
  it("does not take a citation's last line ('2020).') for the first line of the section title after it (한글 2018 학위논문)", () => {
    // The thesis's "1.2 연구목적" follows a paragraph whose last line is only "2020)."; its bookmark points above both.
    const lines = [
      line("제 1 장 서론", 94, 200, 742, 15.5),
      line("1.1 연구배경 및 필요성", 94, 220, 700, 15.5),
      line("에서 그 수가 많지는 않은 상황이다 (Sun et al., 2020; Goswami et al.,", 94, 500, 204),
      line("2020).", 94, 126, 184),
      line("1.2 연구목적", 94, 189, 140, 15.5),
      line("본 연구에서는 다양한 구조해석 문제를 PINN을 사용해서 해석한다.", 94, 480, 110),
    ];
    const outline = [
      { title: "제 1 장 서론", level: 1, page: 8, top: 750 },
      { title: "1.1 연구배경 및 필요성", level: 2, page: 8, top: 710 },
      { title: "1.2 연구목적", level: 2, page: 8, top: 218 },
    ];
    const { blocks } = layOutPages([{ page: 8, lines }], outline);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => block.text)).toEqual(["제 1 장 서론", "1.1 연구배경 및 필요성", "1.2 연구목적"]);
    expect(blocks.find((block) => block.text.startsWith("에서 그 수가"))?.text).toMatch(/Goswami et al\., 2020\)\.$/);
  });

  it("still takes a section number on a line of its own over its title for the heading's first line", () => {
    const lines = [line("1.2", 94, 110, 160, 15.5), line("연구목적", 94, 150, 140, 15.5), line("본 연구에서는 다양한 구조해석 문제를 해석한다.", 94, 400, 110)];
    const { blocks } = layOutPages([{ page: 8, lines }], [{ title: "1.2 연구목적", level: 1, page: 8, top: 170 }]);
    expect(blocks[0]).toMatchObject({ kind: "heading", text: "1.2 연구목적" });
  });
});

describe("layOutPages, numbered items after a line that ran to the margin (한글's 규정 and 정관)", () => {
  it("starts an item at '1.' after an article's sentence that filled its line, at the next number, and at a branch number ('7의2.')", () => {
    const lines = [
      line("제4조(사업) 보호원은 제3조의 목적을 달성하기 위하여 다음의 사업을 한다.", 60, 538, 127),
      line("1. 저작권 보호를 위한 시책 수립지원 및 집행", 88, 387, 105),
      line("2. 저작권 침해실태조사 및 통계 작성", 88, 331, 83),
      line("3. 「사법경찰관리의 직무를 수행할 자와 그 직무범위에 관한 법률」 제5조에 따른", 88, 538, 61),
      line("저작권 침해 수사 및 단속 사무 지원", 102, 300, 39),
    ];
    const next = [
      line("7. 법령에 따라 보호원의 업무로 정하거나 위탁하는 업무", 88, 420, 760),
      line("7의2. 저작권 보호를 위한 연구‧교육‧홍보 및 국제협력 <신설 2019.12.20.>", 88, 538, 738),
      line("8. 문화체육관광부장관이 위탁하는 업무", 88, 340, 716),
      line("제16조(직원의 출강 등) ① 직원은 다음 각 호의 어느 하나에 해당하는 경우에 원장의", 60, 538, 690),
      line("허가를 얻어 출강 등을 할 수 있다.", 97, 300, 668),
      line("1. 보호원의 업무와 관련하여 전문적인 지식의 개발·홍보를 위해 출강 등", 97, 530, 646),
      line("의 교육에 임하는 경우", 97, 223, 624),
      line("2. 보호원의 업무와 관련하여 전문적인 학교 교육 또는 연수를 받는 경우", 97, 530, 602),
      line("3. 기타 원장이 필요하다고 인정하는 활동", 97, 328, 580),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }, { page: 2, lines: next }], []);
    expect(blocks.map((block) => block.text)).toEqual([
      "제4조(사업) 보호원은 제3조의 목적을 달성하기 위하여 다음의 사업을 한다.",
      "1. 저작권 보호를 위한 시책 수립지원 및 집행",
      "2. 저작권 침해실태조사 및 통계 작성",
      "3. 「사법경찰관리의 직무를 수행할 자와 그 직무범위에 관한 법률」 제5조에 따른 저작권 침해 수사 및 단속 사무 지원",
      "7. 법령에 따라 보호원의 업무로 정하거나 위탁하는 업무",
      "7의2. 저작권 보호를 위한 연구‧교육‧홍보 및 국제협력 <신설 2019.12.20.>",
      "8. 문화체육관광부장관이 위탁하는 업무",
      "제16조(직원의 출강 등) ① 직원은 다음 각 호의 어느 하나에 해당하는 경우에 원장의 허가를 얻어 출강 등을 할 수 있다.",
      "1. 보호원의 업무와 관련하여 전문적인 지식의 개발·홍보를 위해 출강 등의 교육에 임하는 경우",
      "2. 보호원의 업무와 관련하여 전문적인 학교 교육 또는 연수를 받는 경우",
      "3. 기타 원장이 필요하다고 인정하는 활동",
    ]);
  });

  it("keeps a wrapped line that opens with a number not next in line in its sentence", () => {
    const lines = [
      line("1. 연차유급휴가는 근로기준법 제60조에 따라 부여하되, 휴가일수는 최대", 97, 530, 700),
      line("25일로 한다. 다만 근속기간이 2년 이상인 직원에게는 그 밖에 제", 97, 530, 678),
      line("5. 항에서 정한 휴가를 더한다", 97, 300, 656),
    ];
    expect(layOutPages([{ page: 1, lines }], []).blocks.map((block) => block.text)).toHaveLength(1);
  });
});

describe("itemsToLines, PowerPoint's Wingdings bullets", () => {
  const item = (str: string, x: number, width: number, y: number, fontSize = 18, hasEOL = false) => ({ str, transform: [fontSize, 0, 0, fontSize, x, y], width, hasEOL });

  it("shows a slide's ❖ (Wingdings 'v') and ■ (Wingdings 'n') bullets as the bullets they are, not as private-use boxes", () => {
    const lines = itemsToLines([
      item("\uf076", 37.4, 16, 463),
      item(" ", 53.4, 6.5, 463),
      item("넘파이란?", 60, 80, 463, 18, true),
      item("\uf06e", 73.4, 7.3, 433, 16),
      item(" ", 80.7, 15.3, 433, 16),
      item("파이썬 과학 처리 패키지", 96, 176.8, 433, 16, true),
    ]);
    expect(lines.map((line) => line.text)).toEqual(["❖ 넘파이란?", "■ 파이썬 과학 처리 패키지"]);
  });
});

describe("itemsToLines, Microsoft Print To PDF of a 한글 document", () => {
  const item = (str: string, x: number, width: number, hasEOL = false, y = 284) => ({ str, transform: [8.5, 0, 0, 8.5, x, y], width, hasEOL });

  it("puts digits, brackets and dots drawn last back into the gaps pdf.js read as spaces inside one item ('제 조 목적' + '1', '(', ')')", () => {
    // 표준취업규칙 printed to PDF: the line's Hangul is one item whose gaps pdf.js wrote as spaces; "1", "(", ")" and
    // "·" are drawn afterwards, each into its gap.
    const lines = itemsToLines([
      item("", 57.7, 0, true),
      item("제 조 목적", 57.7, 42.3),
      item("1", 66.2, 5.1),
      item(" ", 71.3, 11.3),
      item("(", 79.8, 3.2),
      item(" ", 83.0, 22.8),
      item(") 이", 100.1, 16.8),
      item(" ", 116.9, 6.9),
      item("취업규칙은", 122.1, 42.6),
      item(" ", 164.7, 6.9),
      item("사원의 채용 복무 및", 169.8, 81.2),
      item(" ", 251, 6.9),
      item("근로조건", 256.2, 34.1),
      item("·", 217.5, 2.8, true),
    ]);
    expect(lines.map((line) => line.text)).toEqual(["제1조(목적) 이 취업규칙은 사원의 채용·복무 및 근로조건"]);
  });

  it("leaves an item alone when the text drawn after it lies over a letter, not over one of its gaps (bold drawn twice)", () => {
    const lines = itemsToLines([item("사원의 채용 복무 및", 169.8, 81.2), item("채용", 198.2, 17, true)]);
    expect(lines.map((line) => line.text)).toEqual(["사원의 채용 복무 및 채용"]);
  });
});

describe("itemsToLines, Print To PDF's item numbers drawn after their line", () => {
  const item = (str: string, x: number, width: number, y: number, hasEOL = false) => ({ str, transform: [8.5, 0, 0, 8.5, x, y], width, hasEOL });

  it("puts '1.' and '②' drawn after their line's words back at the line's start", () => {
    const lines = itemsToLines([
      item("이력서", 74.5, 25.6, 715),
      item(" ", 100.1, 12.5, 715),
      item("통", 109.5, 8.5, 715),
      item("1.", 62.6, 7.5, 715),
      item(" ", 70.1, 45.5, 715),
      item("1", 104.3, 5.1, 715, true),
      item("회사는 입사를 지원하는 자에게", 74.5, 120, 672),
      item("②", 62.6, 8.5, 672),
      item(" ", 71.2, 130, 672, true),
    ]);
    expect(lines.map((line) => line.text)).toEqual(["1. 이력서 1통", "② 회사는 입사를 지원하는 자에게"]);
  });

  it("keeps a line's words drawn from the left after a label set at its right margin in their order (texinfo's '[Function]')", () => {
    const lines = itemsToLines([item("[Function]", 500, 40, 700), item("1.", 72, 8, 700), item("word-count", 84, 50, 700, true)]);
    expect(lines.map((line) => line.text)).toEqual(["[Function] 1. word-count"]);
  });
});

describe("layOutPages, a definition that runs on overleaf without a sentence end (한글's 개인정보보호지침)", () => {
  it("carries the definition's last words over the page break back to it, and starts the next item ('1의2.') on its own", () => {
    const first = [
      line("제2조(정의) 이 지침에서 사용하는 용어의 뜻은 다음과 같다.", 60, 300, 700),
      line("다. 가목 또는 나목을 제1호의2에 따라 가명처리함으로써 원래의 상태로 복원", 74, 538, 678),
    ];
    const second = [
      line("하기 위한 추가정보의 사용ㆍ결합 없이는 특정 개인을 알아볼 수 없는 정", 88, 538, 760),
      line("보(이하 “가명정보”라 한다)", 88, 240, 738),
      line("1의2. “가명처리”란 개인정보의 일부를 삭제하거나 일부 또는 전부를 대체하는", 60, 538, 716),
      line("등의 방법으로 처리하는 것을 말한다.", 88, 300, 694),
    ];
    const { blocks } = layOutPages([{ page: 1, lines: first }, { page: 2, lines: second }], []);
    expect(blocks.map((block) => block.text)).toEqual([
      "제2조(정의) 이 지침에서 사용하는 용어의 뜻은 다음과 같다.",
      "다. 가목 또는 나목을 제1호의2에 따라 가명처리함으로써 원래의 상태로 복원하기 위한 추가정보의 사용ㆍ결합 없이는 특정 개인을 알아볼 수 없는 정보(이하 “가명정보”라 한다)",
      "1의2. “가명처리”란 개인정보의 일부를 삭제하거나 일부 또는 전부를 대체하는 등의 방법으로 처리하는 것을 말한다.",
    ]);
  });
});

describe("layOutPages, a Word 2010 contents page with underscore leaders", () => {
  it("reads entries with '____' leaders, and Word's '오류! 책갈피가 정의되어 있지 않습니다.' for a page number, as contents, not as headings", () => {
    const entries = [
      "INDEX",
      "1. ARPA-GO 소개 __________________________",
      "1.1 ARPA-GO 란? ___________________________________________ 5",
      "1.2 기능과 특성 ____________________________________________ 5",
      "2. 실행 및 설치 ____________________________",
      "2.1 Pycharm ________________________________________________ 7",
      "2.1.1 Python 설치 _________________________________________ 7",
      "2.2 exe File _______________________________________________ 18",
      "2.2.3 실행 _________________________________________ 오류! 책갈피가 정의",
      "되어 있지 않습니다.",
      "3. CODE _________________________________",
      "3.1 Codes _________________________________________________ 24",
      "3.1.1 Python 표준 라이브러리____________________________ 24",
      "4. 부록 __________________________________",
      "4.1 추가 기능______________________________________________ 53",
    ];
    const lines = entries.map((text, index) => line(text, text.startsWith("되어") ? 140 : 90, text.length > 40 ? 520 : 330, 760 - index * 24));
    const body = [line("1. ARPA-GO 소개", 90, 200, 760, 16), line("이 장에서는 ARPA-GO에 대한 정의와 기능, 특징을 설명합니다.", 90, 400, 730)];
    const { blocks } = layOutPages([{ page: 4, lines }, { page: 6, lines: body }], []);
    expect(blocks.filter((block) => block.page === 4 && (block.kind === "heading" || block.role === undefined)).map((block) => block.text)).toEqual([]);
    expect(blocks.filter((block) => block.page === 6).map((block) => block.role ?? "body")).toEqual(["body", "body"]);
  });

  it("leaves a form's blanks to fill in ('성명 ________') as the form's text", () => {
    const form = ["별지 제1호 서식", "출장 신청서", "성명 ____________________", "소속 ____________________", "출장지 __________________", "기간 ____________________"];
    const { blocks } = layOutPages([{ page: 9, lines: form.map((text, index) => line(text, 90, 330, 760 - index * 24)) }], []);
    expect(blocks.every((block) => block.role === undefined)).toBe(true);
  });
});

describe("itemsToLines, a line's words drawn in two passes (한글 printed through PScript5 to Acrobat Distiller)", () => {
  const item = (str: string, x: number, width: number, hasEOL = false) => ({ str, transform: [18, 0, 0, 18, x, 784], width, hasEOL });

  it("puts a word drawn after its line, ending where the line's first word starts, before that word", () => {
    // A 공고's title: the Hangul is drawn first with blanks where the digits and Latin letters go, then "2025" (left
    // of everything drawn) and "ICT" (over a blank). In drawing order the year landed mid-title.
    const lines = itemsToLines([
      item("년도", 128.2, 36),
      item(" ", 164.2, 45.4),
      item("분야 국가", 209.5, 81),
      item("2025", 92.2, 36),
      item(" ", 128.2, 45),
      item("ICT", 173.2, 27.4),
      item(" ", 200.6, 89.8),
      item("·", 290.4, 5.8),
      item("민간 자격검정 시행 공고", 296.3, 207, true),
    ]);
    expect(lines.map((line) => line.text)).toEqual(["2025년도 ICT 분야 국가·민간 자격검정 시행 공고"]);
  });

  it("keeps a word drawn after its line that ends away from the line's first word where it was drawn", () => {
    // A label at the left margin drawn after the line, a column gap away from it, is no piece of the line's first word.
    const lines = itemsToLines([item("자격검정 시행 공고", 200, 160), item("붙임", 92, 36, true)]);
    expect(lines.map((line) => line.text)).toEqual(["자격검정 시행 공고 붙임"]);
  });
});

describe("layOutPages, a title that opens with its year", () => {
  it("takes a larger line standing apart that opens with a year ('2025년도 … 공고', '2024 정보보호 실태조사') for a title", () => {
    const body = (first: string, y: number) =>
      [first, "검정시행계획을 아래와 같이 공고합니다. 원서접수는 큐넷 홈페이지에서 합니다.", "자세한 사항은 시행처 홈페이지를 참고하여 주시기 바랍니다."].map((text, index) =>
        line(text, 50, 540, y - index * 22, 14),
      );
    const page1 = [line("2025년도 ICT 분야 국가·민간 자격검정 시행 공고", 92, 503, 784, 18), ...body("◇ 국가기술자격법시행령 제15조의 규정에 따라", 738)];
    const page2 = [line("2024 정보보호 실태조사 결과", 92, 400, 784, 18), ...body("조사 결과는 다음과 같습니다.", 738), ...body("응답 기업은 모두 1,200곳입니다.", 640)];
    const page3 = [760, 680, 600, 520].flatMap((y) => body("그 밖의 사항은 다음과 같습니다.", y));
    const { blocks } = layOutPages([{ page: 1, lines: page1 }, { page: 2, lines: page2 }, { page: 3, lines: page3 }], []);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => block.text)).toEqual(["2025년도 ICT 분야 국가·민간 자격검정 시행 공고", "2024 정보보호 실태조사 결과"]);
  });
});

describe("layOutPages, a 규정's articles set with a hanging indent (한글's 복무 규정)", () => {
  it("starts an article at its title after an article whose last line ran to the margin, ended a sentence or closed an amendment note", () => {
    const lines = [
      line("제2조(적용범위) 임직원의 복무는 법령, 정관 및 다른 규정에서 따로 정하", 70.9, 524.1, 700, 13),
      line("는 것을 제외하고는 이 규정이 정하는 바에 의한다. <개정 2019. 6. 28.>", 83.8, 514.9, 679, 13),
      line("제3조(정의) 이 규정에서 임원이라 함은 정관 제4조의 상임임원을 말하며,", 70.9, 524.2, 653, 13),
      line("직원이라 함은 인사규정 제9조 내지 제10조에 의하여 진흥원에 임용된", 83.8, 524.1, 632, 13),
      line("자를 말한다.", 83.8, 150, 611, 13),
      line("제4조(시행일) 이 규정은 이사회의 의결을 받은 날부터 시행한다.", 70.9, 459.3, 585, 13),
      line("제5조(경과조치) 진흥원 설립 당시 한국무선국관리사업단(이하 “진흥원”라", 70.9, 524.1, 559, 13),
      line("한다) 직원은 무선관리단 재직기간을 진흥원의 근속기간으로 합산하여 계", 83.8, 524.1, 538, 13),
      line("산한다.", 83.8, 126, 517, 13),
      line("⑤ 제4항에 따른 유급 가족돌봄휴가에 한하여 시간단위로 분할하여 사용", 83.8, 524.1, 491, 13),
      line("할 수 있다. <신설 2024. 10. 30.>", 83.8, 300, 470, 13),
      line("제27조3(가족돌봄 등을 위한 근로시간 단축) ① 원장은 직원이 다음 각 호", 70.9, 524.1, 449, 13),
      line("의 어느 하나에 해당하는 사유로 근로시간의 단축을 신청하는 경우에 이", 83.8, 524.1, 428, 13),
      line("를 허용하여야 한다.", 83.8, 200, 407, 13),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text.slice(0, 9))).toEqual(["제2조(적용범위)", "제3조(정의) 이", "제4조(시행일) ", "제5조(경과조치)", "⑤ 제4항에 따른", "제27조3(가족돌"]);
  });

  it("keeps a wrapped line that opens with an article cited mid-sentence in its paragraph", () => {
    const lines = [
      line("제9조(겸직금지) ① 직원은 다음 각 호의 어느 하나에 해당하는 업무에 종사할 수 없다. 다만,", 70.9, 524.1, 700, 13),
      line("제3조(정의)에 따른 임원은 그러하지 아니하다.", 83.8, 300, 679, 13),
      line("② 직원은 사전에 허가를 받아야 한다. 이 경우 허가의 기준은", 83.8, 524.1, 653, 13),
      line("제10조(허가기준) 및 제11조의 규정을 따른다.", 83.8, 300, 632, 13),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text.slice(0, 9))).toEqual(["제9조(겸직금지)", "② 직원은 사전에"]);
  });
});

describe("layOutPages, a 공고's lettered items and typed rules (한글 2022's 입찰공고)", () => {
  it("starts a lettered item whose mark runs into a bracket ('나.『중소기업…』') back at the item's left edge", () => {
    const lines = [
      line("3. 입찰참가자격(공동수급은 불가합니다)", 42.5, 270.3, 298.4),
      line("가. 국가를 당사자로 하는 계약에 관한 법률 시행령 제12조 및 동법 시행규칙 제14조의", 60.4, 546.2, 280.4),
      line("규정에 의거 당해사업에 관한 사업자등록증을 교부받은 업체", 84.4, 420.3, 262.4),
      line("나.『중소기업제품 구매촉진 및 판로지원에 관한 법률』제2조제1항 및 「중소기업기", 60.4, 528.2, 244.4),
      line("본법」제2조제2항에 따른 소기업 또는 「소상공인 보호 및 지원에 관한 법률」", 84.4, 522.2, 226.4),
      line("다. 나라장터(G2B)에 경쟁입찰참가자격 등록을 필한 업체", 60.4, 400, 208.5),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text.slice(0, 6))).toEqual(["3. 입찰참", "가. 국가를", "나.『중소기", "다. 나라장"]);
  });

  it("leaves out a rule typed as a row of asterisks and ends the paragraphs around it", () => {
    const stars = "*".repeat(109);
    const lines = [
      line("시설자재 입찰공고", 196.9, 400.8, 749.9, 24),
      line(stars, 42.5, 552.3, 702.2),
      line("규격 착오 또는 규정의 미숙지 등으로 입찰자가 계약을 체결하지 않거나, 계약을 체결하고 불이행하는 경우 관계법령", 42.5, 555.2, 688.3, 10),
      line("격서 및 계약관련규정을 철저히 숙지하신 후 입찰에 참가하여 주시기 바랍니다", 42.5, 406, 672.2, 10),
      line(stars, 42.5, 552.3, 656.3),
      line("1. 입찰에 부치는 사항", 42.5, 168.4, 620),
    ];
    const { blocks } = layOutPages([{ page: 1, lines }], []);
    expect(blocks.map((block) => block.text.slice(0, 8))).toEqual(["시설자재 입찰공", "규격 착오 또는", "1. 입찰에 부"]);
  });
});

describe("itemsToLines, a chapter's title spaced out letter by letter (한글's 규정)", () => {
  const item = (str: string, x: number, width: number, hasEOL = false) => ({ str, transform: [15, 0, 0, 15, x, 269.2], width, hasEOL });

  it("joins the title's syllables set two ems apart ('제 1 장 총 칙' reads '제 1 장 총칙'), not a title of words", () => {
    const chapter = itemsToLines([
      item("제", 237.7, 15),
      item(" ", 252.7, 31),
      item("1", 256.4, 7.5),
      item(" ", 263.9, 30.8),
      item("장", 267.6, 15),
      item(" ", 282.6, 125),
      item("총", 297.6, 15),
      item(" ", 312.6, 249),
      item("칙", 342.4, 15, true),
    ]);
    expect(chapter.map((line) => line.text)).toEqual(["제 1 장 총칙"]);
    const words = itemsToLines([item("제3장", 237.7, 45), item("금지", 297.6, 30), item("사항", 360, 30), item("및", 420, 15), item("벌칙", 470, 30, true)]);
    expect(words.map((line) => line.text)).toEqual(["제3장 금지 사항 및 벌칙"]);
  });
});
