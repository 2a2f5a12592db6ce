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
