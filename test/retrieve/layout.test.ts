import { describe, expect, it } from "vitest";
import { isLayoutLine, layoutShare } from "../../src/retrieve/layout.ts";

describe("layout lines", () => {
  it.each([
    "How to use bzip2",
    "2.5. MEMORY MANAGEMENT",
    "4",
    "- 12 -",
    "Page 7",
    "제3장 총칙",
    "Shared MIME-info Database",
    "Introduction ........ 3",
    "1.2 Installing the package 17",
    "연차 휴가 ··· 5",
  ])("%s is page furniture", (line) => {
    expect(isLayoutLine(line)).toBe(true);
  });

  it.each([
    "The flags -1 through -9 specify the block size.",
    "휴가를 사용하려면 3일 전까지 팀장에게 신청해야 한다",
    "서울 숙박비 1박 한도 120,000원",
    "1. Run the installer.",
    "데비안은 데브-이안으로 발음합니다.",
    "",
  ])("%s is content", (line) => {
    expect(isLayoutLine(line)).toBe(false);
  });

  it("measures the share of furniture lines", () => {
    expect(layoutShare("Contents\n\nIntro ........ 1\nUsage ........ 4\nThe end is near.")).toBe(0.75);
    expect(layoutShare("")).toBe(0);
  });
});

/** isLayoutLine before its last-character guard: the guard must not change a single answer. */
function unguardedLayoutLine(line: string): boolean {
  const text = line.trim();
  if (text === "") return false;
  if (/^(?:page\s+)?[-–—]?\s*\p{N}{1,4}\s*(?:[-–—]|\/\s*\p{N}{1,4}|쪽|페이지)?$/iu.test(text)) return true;
  if (/(?:\.{3,}|…|·\s?·\s?·|\s{3,})\s*\p{N}+\s*$/u.test(text)) return true;
  const title = text.replace(/^(?:\p{N}+(?:\.\p{N}+)*\.?\s+|제\s?\p{N}+\s?[장절편관조항]\s*|chapter\s+\p{N}+\.?\s*)/iu, "");
  if (/^\p{L}[^.!?。,]{0,70}\s\p{N}{1,4}$/u.test(title) && !/(?:^|[\s(])\p{N}/u.test(title.replace(/\s\p{N}+$/u, ""))) {
    return true;
  }
  if (text.length > 80 || /[.!?。？！:;]["'”’)\]]*$|[다요죠음임함됨]$/u.test(text)) return false;
  return !/(?:^|[\s(])\p{N}/u.test(title);
}

describe("layout lines: the last-character guard", () => {
  it("answers as the unguarded rules do on every combination of heads, middles and ends", () => {
    // Ends that are numbers in other scripts and outside the BMP (𝟓, 𐒡 Osmanya one), Roman numerals (\p{N}, not
    // digits), a lone surrogate, and whitespace the trim removes.
    const heads = ["", "2.5. ", "제3장 ", "Chapter 4 ", "3 ", "Page ", "- ", "연차 휴가", "Introduction", "\uDC00", "𝟓"];
    const middles = ["", " ", " ........ ", " ··· ", " … ", "   ", " 설치 방법 ", "The flags -1 through", ", ", "! "];
    const ends = ["", "4", "17", "12345", "٣", "四", "Ⅻ", "𝟓", "𐒡", "\uD835", "\uDFCF", "쪽", " -", "다", ".", "x", "4 ", "\t9\u3000"];
    let compared = 0;
    for (const head of heads) {
      for (const middle of middles) {
        for (const end of ends) {
          const line = `${head}${middle}${end}`;
          expect(isLayoutLine(line), JSON.stringify(line)).toBe(unguardedLayoutLine(line));
          compared++;
        }
      }
    }
    expect(compared).toBe(heads.length * middles.length * ends.length);
  });
});
