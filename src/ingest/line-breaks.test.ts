import { describe, expect, it } from "vitest";
import { learnLineJoining } from "./line-breaks.ts";

const atEdge = { reachesRightEdge: true, spaceInTextLayer: false };

/** Korean prose whose words the joiner learns from: 가능 is always written together, 을 always ends a word. */
const KOREAN = Array.from({ length: 12 }, (_, index) => `처음 이 기능을 이용하면 작업이 가능하다 ${index}번 문서를 작성할 수 있다 끝`);

describe("learnLineJoining", () => {
  it("joins a Korean word wrapped inside it and keeps the space at a real word boundary", () => {
    const join = learnLineJoining(KOREAN);
    expect(join("작업이 가", "능하다", atEdge)).toBe("작업이 가능하다");
    expect(join("이 기능을", "이용하면", atEdge)).toBe("이 기능을 이용하면");
  });

  it("keeps the space after a short line or when the text layer has one", () => {
    const join = learnLineJoining(KOREAN);
    expect(join("작업이 가", "능하다", { reachesRightEdge: false, spaceInTextLayer: false })).toBe("작업이 가 능하다");
    expect(join("작업이 가", "능하다", { reachesRightEdge: true, spaceInTextLayer: true })).toBe("작업이 가 능하다");
  });

  it("joins every Hangul line break of text written without spaces", () => {
    const unspaced = Array.from({ length: 10 }, () => "연차휴가는근로자가청구한시기에주어야한다사용자는");
    const join = learnLineJoining(unspaced);
    expect(join("연차휴가는근로자가청", "구한시기에주어야한다", atEdge)).toBe("연차휴가는근로자가청구한시기에주어야한다");
  });

  it("joins TeX-hyphenated English words but keeps compound hyphens", () => {
    const join = learnLineJoining([
      "a well-known tool that is well tested and known to work",
      "the information is here and the information is there",
    ]);
    expect(join("more infor-", "mation follows", atEdge)).toBe("more information follows");
    expect(join("this trial decompres-", "sion step", atEdge)).toBe("this trial decompression step");
    expect(join("a well-", "known tool", atEdge)).toBe("a well-known tool");
    expect(join("WYSI-", "WYG editors", atEdge)).toBe("WYSI-WYG editors");
  });

  it("joins other lines with one space", () => {
    expect(learnLineJoining([])("first line", "second line", atEdge)).toBe("first line second line");
  });

  it("joins a web address that LaTeX broke after a dot or a slash, and keeps the space after one that ends", () => {
    // From Sphinx/LaTeX PDFs (the Debian Developer's Reference): url breaks inside an address, at a dot or a slash.
    const join = learnLineJoining([]);
    expect(join("You can generate them on https://sso.debian.", "org.", atEdge)).toBe("You can generate them on https://sso.debian.org.");
    expect(join("Details can be found at https://keyring.debian.org/", "replacing_keys.html.", atEdge)).toBe(
      "Details can be found at https://keyring.debian.org/replacing_keys.html.",
    );
    expect(join("see https://bugs.", "debian.org/packagename.", atEdge)).toBe("see https://bugs.debian.org/packagename.");
    expect(join("at https://www.debian.org/doc/", "debian-policy/ch-archive.html#s-subsections.", atEdge)).toBe(
      "at https://www.debian.org/doc/debian-policy/ch-archive.html#s-subsections.",
    );
    // An address that ends before the break keeps the space.
    expect(join("Look at https://tracker.debian.org/", "that lists them.", atEdge)).toBe("Look at https://tracker.debian.org/ that lists them.");
    expect(join("Visit https://www.debian.org.", "It has news.", atEdge)).toBe("Visit https://www.debian.org. It has news.");
    expect(join("Visit https://www.debian.org.", "next time.", atEdge)).toBe("Visit https://www.debian.org. next time.");
    // The text layer's own space, or a short line, is a real space.
    expect(join("at https://keyring.debian.org/", "replacing_keys.html.", { reachesRightEdge: true, spaceInTextLayer: true })).toBe(
      "at https://keyring.debian.org/ replacing_keys.html.",
    );
  });
});
