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
