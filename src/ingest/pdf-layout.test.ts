import { describe, expect, it } from "vitest";
import { shiftedHangulFonts, unshiftHangul } from "./pdf-layout.ts";

describe("shiftedHangulFonts", () => {
  it("finds a font whose Latin letters extract as one block of Hangul syllables and puts them back", () => {
    const items = [
      { str: "ko", fontName: "sans" },
      { str: "줮쥔쥅쥘", fontName: "t1" },
      { str: "은 한국어 조판의 표준으로 자리잡은 지도 어언 수년이 흘렀다", fontName: "myeongjo" },
      { str: "줱줮줲 쥃쥔쥁쥎", fontName: "t1" },
      { str: "줬쥐즈지진질집짓", fontName: "myeongjo-c9" },
      { str: "줮쥔", fontName: "few" },
    ];
    const shifted = shiftedHangulFonts(items);
    expect([...shifted]).toEqual([["t1", 0xc900]]);
    expect(unshiftHangul("ko줮쥔쥅쥘을 줱줮줲 쥃쥔쥁쥎 줐케이오텍중", 0xc900)).toBe("ko.TEX을 1.2 CTAN \u201c케이오텍\u201d");
  });

  it("leaves a real Korean font alone even when a page uses few of its syllables", () => {
    expect(shiftedHangulFonts([{ str: "줬다 쥐 줬고 쥐가", fontName: "c9" }]).size).toBe(0);
    expect(shiftedHangulFonts([{ str: "줮쥔쥅쥘줱줲쥃쥁", fontName: undefined }]).size).toBe(0);
    expect(shiftedHangulFonts([{ str: "줱줲줳줴줵줶줷줸", fontName: "digits" }]).size).toBe(0);
  });
});
