import { describe, expect, it } from "vitest";
import { hangulSkeleton, latinSkeleton, latinSkeletons } from "../../src/answer/loanwords.ts";

describe("loanword skeletons", () => {
  it("reduces a Korean transcription and its English source to the same consonants", () => {
    const pairs = [
      ["파티션", "partition"], ["메모리", "memory"], ["디렉터리", "directory"], ["프린터", "printer"], ["커널", "kernel"],
      ["패키지", "package"], ["폰트", "font"], ["인치", "inch"], ["밀리미터", "millimeter"], ["밀리미터", "millimetre"],
      ["센티미터", "centimetre"], ["인터넷", "internet"], ["링크", "link"],
    ] as const;
    for (const [korean, english] of pairs) expect([korean, hangulSkeleton(korean)]).toEqual([korean, latinSkeleton(english)]);
  });

  it("keeps words apart that sound different", () => {
    expect(hangulSkeleton("메모리")).not.toBe(latinSkeleton("member"));
    expect(hangulSkeleton("파티션")).not.toBe(latinSkeleton("position"));
    expect(hangulSkeleton("서버")).not.toBe(latinSkeleton("surface"));
  });

  it("reads the Latin words of a mixed sentence, three letters or more", () => {
    expect(latinSkeletons("1 inch는 25.4 mm, 파티션 partition")).toEqual(new Set(["NJ", "PTSN"]));
  });
});
