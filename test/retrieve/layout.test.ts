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
    "UTF-8 Support",
    "회전 후 FD 비동기 문제 (이슈 #614)",
  ])("%s is page furniture", (line) => {
    expect(isLayoutLine(line)).toBe(true);
  });

  it.each([
    "The flags -1 through -9 specify the block size.",
    "휴가를 사용하려면 3일 전까지 팀장에게 신청해야 한다",
    "서울 숙박비 1박 한도 120,000원",
    "1. Run the installer.",
    "데비안은 데브-이안으로 발음합니다.",
    "Documentation: Medical certificate required for >3 consecutive days",
    "Monthly fee ~5 dollars per seat",
    "",
  ])("%s is content", (line) => {
    expect(isLayoutLine(line)).toBe(false);
  });

  it("measures the share of furniture lines", () => {
    expect(layoutShare("Contents\n\nIntro ........ 1\nUsage ........ 4\nThe end is near.")).toBe(0.75);
    expect(layoutShare("")).toBe(0);
  });
});
