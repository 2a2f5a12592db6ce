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

  it("drops the running header and footer of form-feed pages (RFC style), numbers the pages and joins a sentence the page cut", () => {
    const header = (page: number) => (page === 1 ? "" : "RFC 9999             Widget Transfer Protocol            March 2026\n\n\n");
    const footer = (page: number) => `\n\nDoe & Roe                    Standards Track                    [Page ${page}]\n`;
    const pages = [
      "   The Widget Transfer Protocol moves widgets between hosts.  It is a\n   simple protocol.\n\n1.  Introduction\n\n   A client opens a connection and sends",
      "   its request on one line, and the server answers with a status\n   line.\n\n2.  Requests\n\n   Requests are case-sensitive.",
      "   Every response ends with an empty line.",
    ];
    const doc = parseText(pages.map((body, index) => `${header(index + 1)}${body}\n${footer(index + 1)}`).join("\f\n"));
    expectDocumentInvariants(doc);
    expect(doc.text).not.toMatch(/Standards Track|\[Page|RFC 9999/);
    expect(doc.blocks.map(({ text, page }) => [text, page])).toEqual([
      ["The Widget Transfer Protocol moves widgets between hosts. It is a simple protocol.", 1],
      ["1. Introduction", 1],
      ["A client opens a connection and sends its request on one line, and the server answers with a status line.", 1],
      ["2. Requests", 2],
      ["Requests are case-sensitive.", 2],
      ["Every response ends with an empty line.", 3],
    ]);
    expect(doc.pageCount).toBe(3);
    expect(doc.furniture.filter((item) => item.position === "footer").map((item) => item.page)).toEqual([1, 2, 3]);
  });

  it("drops nroff's centred page numbers (\"-2-\", groff -ms -Tascii) and joins the sentence they interrupt", () => {
    const blank = "\n".repeat(8);
    const doc = parseText(
      `Making Pictures With GNU PIC\n\n     The original version of pic is long obsolete.  Messing with spacing is\n` +
        `a recipe for bugs, but point size and${blank}                             -2-\n\n\n` +
        `font changes are usually safe.\n\n1.2.  PIC Versions${blank}                             -3-\n\n\n` +
        `     Where differences need to be described, original pic is called DWB pic.\n`,
    );
    expectDocumentInvariants(doc);
    expect(doc.text).not.toMatch(/-[23]-/);
    expect(doc.blocks.map(({ text, page }) => [text, page])).toEqual([
      ["Making Pictures With GNU PIC", 1],
      ["The original version of pic is long obsolete. Messing with spacing is a recipe for bugs, but point size and font changes are usually safe.", 1],
      ["1.2. PIC Versions", 2],
      ["Where differences need to be described, original pic is called DWB pic.", 3],
    ]);
  });
});
