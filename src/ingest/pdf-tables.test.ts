import { describe, expect, it } from "vitest";
import { itemsToLines, layOutPages } from "./pdf-layout.ts";

// PDF tables read row by row (JIKJI_PDF_TABLES=on), producer by producer: items as pdf.js gives them.
const at = (str: string, x: number, y: number, width: number, size: number, hasEOL = false) => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width,
  hasEOL,
});

/** A line's items: its words, the gaps between them as blank items the width of the gap (as pdf.js reports pdfTeX's). */
const line = (y: number, size: number, words: Array<[string, number, number]>) =>
  words.flatMap(([text, x, width], index) => {
    const next = words[index + 1];
    return next === undefined ? [at(text, x, y, width, size, true)] : [at(text, x, y, width, size), at(" ", x + width, y, next[1] - x - width, size)];
  });

const tables = (items: ReturnType<typeof at>[]) =>
  layOutPages([{ page: 1, lines: itemsToLines(items, { tables: true }) }], [], { tables: true }).blocks.map((block) => [block.kind, block.text]);

describe("PDF tables, LaTeX tabular (pdfTeX)", () => {
  it("parts a tabular's cells at its column separation (2 × \\tabcolsep = 12 pt, 1.1 em at 10.9 pt), its header with them", () => {
    // Roa Logic's AHB-Lite APB4 Bridge datasheet, table 4.5: "Direction" and "Description" 12 pt apart, as are
    // "HADDR SIZE" and "Integer" in table 3.1; read as one cell, the header had three columns, the rows four.
    const size = 10.9;
    const blocks = tables([
      ...line(667.5, size, [["complete description of the signals.", 99, 168]]),
      ...line(640, size, [["Port", 146.6, 21.1], ["Size", 222.8, 18.8], ["Direction", 277.7, 44.1], ["Description", 333.8, 54.5]]),
      ...line(621, size, [["PRESETn", 146.6, 40.4], ["1", 229.2, 5.5], ["Input", 287.2, 26], ["Asynchronous active low reset", 333.8, 144.4]]),
      ...line(607.5, size, [["PCLK", 146.6, 22.4], ["1", 229.2, 5.5], ["Input", 287.2, 26], ["Clock Input", 333.8, 57.2]]),
      ...line(593.9, size, [["PSTRB", 146.6, 30.4], ["PDATA SIZE/8", 201, 64], ["Output", 281.9, 35.1], ["Byte Lane Indicator", 333.8, 96]]),
      ...line(560, size, [["Table 4.5: APB4 Interface Ports", 230, 160]]),
    ]);
    expect(blocks).toContainEqual([
      "table",
      "Port | Size | Direction | Description\nPRESETn | 1 | Input | Asynchronous active low reset\nPCLK | 1 | Input | Clock Input\nPSTRB | PDATA SIZE/8 | Output | Byte Lane Indicator",
    ]);
  });

  it("keeps words apart by a narrower column gap together when one side is a single letter spaced out ('구 분'), and prose as prose", () => {
    const size = 10;
    const blocks = tables([
      ...line(700, size, [["구", 90, 10], ["분", 102, 10], ["내", 200, 10], ["용", 212, 10]]),
      ...line(686, size, [["일반", 90, 20], ["평일 09:00부터 18:00까지 운영합니다", 200, 160]]),
      ...line(672, size, [["특별", 90, 20], ["주말 10:00부터 16:00까지 운영합니다", 200, 160]]),
      ...line(640, size, [["The results were", 90, 80], ["reviewed", 182, 40], ["by the committee and the board in its March session.", 234, 230]]),
      ...line(628, size, [["and a second line with", 90, 100], ["one gap", 201, 35], ["elsewhere in it before the end of the sentence.", 248, 215]]),
    ]);
    expect(blocks[0]).toEqual(["table", "구분 | 내용\n일반 | 평일 09:00부터 18:00까지 운영합니다\n특별 | 주말 10:00부터 16:00까지 운영합니다"]);
    expect(blocks.slice(1).map(([, text]) => text).join("\n")).not.toContain(" | ");
  });
});

describe("PDF tables, a first cell spanning rows (LaTeX \\multirow)", () => {
  it("reads each line under a spanning first cell as a row of its own, the spanning cell repeated, and stops at the caption", () => {
    // Roa Logic's datasheet, table 4.5 (HPROT): each bit's number spans its two values, "1" and "0", each with its
    // meaning; read as wrapped lines the row became "3 | 1 0 | Cacheable region addressed Non-cacheable region
    // addressed", and the caption a line of the last row's description.
    const size = 10.9;
    const blocks = tables([
      ...line(511.1, size, [["to implement a level of protection.", 99, 165]]),
      ...line(483.6, size, [["Bit#", 192, 28], ["Value", 232, 31], ["Description", 275, 63]]),
      ...line(464.6, size, [["3", 204, 5.5], ["1", 245, 5.5], ["Cacheable region addressed", 275, 131]]),
      ...line(451, size, [["0", 245, 5.5], ["Non-cacheable region addressed", 275, 151]]),
      ...line(437.5, size, [["2", 204, 5.5], ["1", 245, 5.5], ["Bufferable", 275, 48]]),
      ...line(423.9, size, [["0", 245, 5.5], ["Non-bufferable", 275, 70]]),
      ...line(407.6, size, [["Table 4.5: HPROT Indicators", 239, 143]]),
    ]);
    expect(blocks).toEqual([
      ["paragraph", "to implement a level of protection."],
      ["table", "Bit# | Value | Description\n3 | 1 | Cacheable region addressed\n3 | 0 | Non-cacheable region addressed\n2 | 1 | Bufferable\n2 | 0 | Non-bufferable"],
      ["paragraph", "Table 4.5: HPROT Indicators"],
    ]);
  });

  it("still joins a row's cells wrapped in every column onto the row (each line filled its cell)", () => {
    const size = 10;
    const blocks = tables([
      ...line(700, size, [["항목", 90, 20], ["화면 문구", 186, 35], ["조치", 322, 20]]),
      ...line(686, size, [["로그인", 90, 30], ["사용자명 또는 비밀번호가 올바르지", 186, 118], ["입력한 값을 다시 확인하고", 322, 88]]),
      ...line(674, size, [["않습니다.", 186, 32], ["재시도합니다.", 322, 45]]),
      ...line(660, size, [["권한", 90, 20], ["관리자만 접근할 수 있습니다.", 186, 98], ["관리자에게 요청합니다.", 322, 80]]),
    ]);
    expect(blocks).toEqual([
      ["table", "항목 | 화면 문구 | 조치\n로그인 | 사용자명 또는 비밀번호가 올바르지 않습니다. | 입력한 값을 다시 확인하고 재시도합니다.\n권한 | 관리자만 접근할 수 있습니다. | 관리자에게 요청합니다."],
    ]);
  });
});

describe("PDF tables, a merged first cell drawn after its rows (Excel → Acrobat PDFMaker)", () => {
  it("does not give rows the first cell of the row above when their own is drawn later, centred between them", () => {
    // 위임전결규정 (HR): "교육" centred over its three rows and drawn after the whole table; the row above is 승급's.
    const size = 6;
    const blocks = tables([
      ...line(468.5, size, [["인사고과", 35, 24], ["다. 인사고과 결과반영", 89, 60], ["O", 363, 5]]),
      ...line(455.3, size, [["승급", 41, 12], ["가. 승급", 89, 22], ["O", 363, 5]]),
      ...line(442.1, size, [["가. 교육계획 수립 및 주요 변경", 89, 84], ["O", 363, 5]]),
      ...line(428.9, size, [["나. 교육결과보고", 89, 46], ["O", 363, 5]]),
      ...line(415.7, size, [["다. 정부·공공 인재육성 제도 운영 관리", 89, 103], ["O", 307, 5]]),
      ...line(402.5, size, [["복무관리", 35, 24], ["가. 제증명 발급", 89, 42], ["O", 252, 5]]),
      ...line(300, size, [["작성 기준일 2025. 1. 1.", 35, 60]]),
      ...line(429.4, size, [["교육", 41, 12]]),
    ]);
    expect(blocks[0]![1]).not.toContain("승급 | 가. 교육계획");
  });
});

describe("PDF tables, a cell broken by the writer's own line break (한글)", () => {
  it("keeps the broken cell's second line in its row when a cell of the row is centred onto that line", () => {
    // 청년주택 모집공고 p30: "임대료 결제(카드)," / "임대료 수납관리" in one cell, the row's "주소, 계약자번호" centred
    // between the two lines and read with the second; "임대료" would have fitted on the first.
    const size = 10;
    const blocks = tables([
      ...line(700, size, [["개인정보를 제공받는 자", 70, 100], ["개인정보 이용목적", 200, 80], ["제공항목", 380, 40]]),
      ...line(684, size, [["입주자 만족도조사", 70, 80], ["입주자 만족도 조사", 200, 80], ["성명, 연락처, 주소", 380, 80]]),
      ...line(668, size, [["카드사․결제대행사", 70, 80], ["임대료 결제(카드),", 200, 85]]),
      ...line(656, size, [["임대료 수납관리", 200, 70], ["주소, 계약자번호", 380, 75]]),
    ]);
    expect(blocks).toEqual([
      [
        "table",
        "개인정보를 제공받는 자 | 개인정보 이용목적 | 제공항목\n입주자 만족도조사 | 입주자 만족도 조사 | 성명, 연락처, 주소\n카드사․결제대행사 | 임대료 결제(카드), 임대료 수납관리 | 주소, 계약자번호",
      ],
    ]);
  });
});

describe("PDF tables, cells drawn one after another (pandoc → LaTeX longtable, p{} columns)", () => {
  it("puts a row back together when its first cell's wrapped lines are drawn before the next cell's", () => {
    // MiCT's HIPAA mapping: TeX draws the first cell's two lines, then the second cell's, each a paragraph of its own.
    const size = 10;
    const blocks = tables([
      ...line(583.1, size, [["HIPAA Administrative Controls", 138, 157], ["MiCT Policies and Controls", 312, 121]]),
      at("Security Management Process -", 138, 566.1, 137, size, true),
      at("164.308(a)(1)(i)", 138, 554.2, 68, size, true),
      at("Risk Management", 312, 566.1, 78, size, true),
      at("Information Access Management -", 138, 542.2, 149, size, true),
      at("164.308(a)(4)(i)", 138, 530.3, 68, size, true),
      at("Access Policy; Data Management;", 311, 542.2, 148, size, true),
      at("and Data Protection", 312, 530.3, 89, size, true),
      ...line(518.3, size, [["Evaluation - 164.308(a)(8)", 138, 115], ["Compliance Audits and System", 312, 137]]),
      at("Audits", 311, 506.4, 29, size, true),
      at("1", 300, 100, 5, size, true),
    ]);
    expect(blocks[0]).toEqual([
      "table",
      "HIPAA Administrative Controls | MiCT Policies and Controls\nSecurity Management Process - 164.308(a)(1)(i) | Risk Management\nInformation Access Management - 164.308(a)(4)(i) | Access Policy; Data Management; and Data Protection\nEvaluation - 164.308(a)(8) | Compliance Audits and System Audits",
    ]);
  });
});

describe("PDF tables, a row whose cells 한글 centres in it", () => {
  it("does not take the next row's first cell, a paragraph's gap lower, for a wrapped line of the row above", () => {
    // 영구임대 모집공고 p11: the 국가유공자 row, each cell two lines drawn cell by cell; the next row's first cell
    // (three lines) 22 pt lower, its other cells centred at other baselines. Read as a wrap, two rows became one cell.
    const size = 10;
    const blocks = tables([
      ...line(693.3, size, [["북한이탈주민", 31, 60], ["북한이탈주민등록확인서", 229, 112], ["시․군․구청", 507, 46]]),
      at("국가유공자(5․18민주유공자, 보훈보상", 31, 669.3, 138, size, true),
      at("대상자, 특수임무수행자 포함) 또는 그 유족", 31, 654.6, 162, size, true),
      at("국가유공자 확인원, 보훈보상대상자 확인원, 영구임대주택", 229, 669.6, 244, size, true),
      at("지원대상 확인서, 5.18민주유공자 확인원", 229, 655.7, 172, size, true),
      at("국가보훈처/", 501, 669.6, 53, size, true),
      at("행정복지센터", 498, 655.7, 60, size, true),
      at("만65세이상의 직계존속(배우자 직계존속", 31, 632.2, 172, size, true),
      at("포함)을 부양하는 자로서 생계․의료급여수급자", 31, 618.2, 181, size, true),
    ]);
    expect(blocks[0]).toEqual([
      "table",
      "북한이탈주민 | 북한이탈주민등록확인서 | 시․군․구청\n국가유공자(5․18민주유공자, 보훈보상 대상자, 특수임무수행자 포함) 또는 그 유족 | 국가유공자 확인원, 보훈보상대상자 확인원, 영구임대주택 지원대상 확인서, 5.18민주유공자 확인원 | 국가보훈처/ 행정복지센터",
    ]);
  });
});
