import { describe, expect, it } from "vitest";
import { expectDocumentInvariants } from "../../test/ingest/invariants.ts";
import { parseText } from "./parse-text.ts";

describe("parseText", () => {
  it("splits paragraphs at blank lines and joins wrapped lines", () => {
    const doc = parseText("\n  회의록\n\n첫 문단은 두 줄에\n걸쳐 있습니다.\r\n \r\nSecond paragraph.\n\n\n");
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("회의록");
    expect(doc.blocks.map((block) => block.text)).toEqual(["회의록", "첫 문단은 두 줄에 걸쳐 있습니다.", "Second paragraph."]);
    expect(doc.blocks.every((block) => block.kind === "paragraph" && block.page === null)).toBe(true);
    expect(doc.pageCount).toBeNull();
  });

  it("joins an English word hyphenated at a line's end, keeps a hyphen the document writes, and leaves other wraps a space", () => {
    const doc = parseText(
      [
        "Screen is a full-screen window manager that multiplexes a physical ter-",
        "minal between several processes, typically interactive shells. A well-",
        "known trick: see the full-",
        "screen mode. UTF-",
        "8 works, and so does a dash -",
        "alone. 한글 줄은",
        "띄어 씁니다.",
        "",
        "As is well known, it works.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      "Screen is a full-screen window manager that multiplexes a physical terminal between several processes, typically " +
        "interactive shells. A well-known trick: see the full-screen mode. UTF-8 works, and so does a dash - alone. 한글 줄은 띄어 씁니다.",
      "As is well known, it works.",
    ]);
  });

  it("has no title when the first line is long prose", () => {
    expect(parseText(`${"word ".repeat(30)}\n\nmore`).title).toBeNull();
  });

  it("gives an empty document for whitespace-only text", () => {
    const doc = parseText(" \n\n\t\n");
    expect(doc.blocks).toEqual([]);
    expect(doc.text).toBe("");
    expect(doc.title).toBeNull();
  });

  it("reads a README's structure: an underlined line is a heading, a rule alone a separator, bulleted lines a list", () => {
    const doc = parseText(
      [
        "Nabi 나비",
        "=========",
        "",
        "nabi는  X   Window의",
        "한글 입력기입니다.",
        "",
        "기능과 특징",
        " * 두벌식, 세벌식최종 자판 지원",
        " * libhangul을 이용하여 한자의 뜻까지",
        "   보여줌",
        "",
        "------------------------",
        "For non-korean users.",
        "",
        "Building",
        "--------",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("Nabi 나비");
    expect(doc.blocks.map(({ kind, level, text }) => ({ kind, level, text }))).toEqual([
      { kind: "heading", level: 1, text: "Nabi 나비" },
      { kind: "paragraph", level: undefined, text: "nabi는 X Window의 한글 입력기입니다." },
      { kind: "paragraph", level: undefined, text: "기능과 특징" },
      { kind: "list", level: undefined, text: "두벌식, 세벌식최종 자판 지원\nlibhangul을 이용하여 한자의 뜻까지 보여줌" },
      { kind: "paragraph", level: undefined, text: "For non-korean users." },
      { kind: "heading", level: 2, text: "Building" },
    ]);
  });

  it("keeps one dash- or number-led line in prose: a list needs two items, an underline a short line alone above it", () => {
    const doc = parseText("The range is\n- as the manual says - wide.\n\n1) 항목 하나뿐인 문단\n\nA long first line that goes on and on\nand wraps\n-----");
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["paragraph", "The range is - as the manual says - wide."],
      ["paragraph", "1) 항목 하나뿐인 문단"],
      ["paragraph", "A long first line that goes on and on and wraps"],
    ]);
  });

  it("reads nroff's overstrike as the letters it prints: bold \"P\\bP\" and underlined \"_\\bd\" are one letter each", () => {
    const bold = (word: string) => [...word].map((char) => `${char}\b${char}`).join("");
    const doc = parseText(
      `${bold("1.2.")}  ${bold("PIC Versions")}\n\n     The original 1984 pre-_\bd_\bi_\bt_\br_\bo_\bf_\bf(1) version of ${bold("pic")} is long\nobsolete.\n`,
    );
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("1.2. PIC Versions");
    expect(doc.blocks.map(({ text }) => text)).toEqual(["1.2. PIC Versions", "The original 1984 pre-ditroff(1) version of pic is long obsolete."]);
    expect(doc.text).not.toContain("\b");
  });
});
