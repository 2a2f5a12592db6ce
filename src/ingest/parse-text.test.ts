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

  it("reads a table drawn with box characters as rows of cells, cells that span rows repeated and wrapped cells joined", () => {
    // As w3m prints the installation guide's architecture table (install.ko.txt). Whether a Hangul cut joins is the
    // line joiner's call from the words of the file, which writes "명칭" and "시스템" elsewhere.
    const doc = parseText(
      [
        "표 2.1. 지원하는 아키텍처",
        "",
        "아키텍처의 명칭은 데비안의 명칭입니다. 시스템마다 명칭이 다르고, 시스템의 명칭은 서브 아키텍처의 명칭입니다.",
        "",
        "┌────────────────────────┬────────────┬───────────────────────────┬──────────┐",
        "│        아키텍처        │데비안의 명 │       서브 아키텍처       │   기종   │",
        "│                        │     칭     │                           │          │",
        "├────────────────────────┼────────────┼───────────────────────────┼──────────┤",
        "│AMD64 및 인텔 64        │amd64       │                           │          │",
        "├────────────────────────┼────────────┼───────────────────────────┼──────────┤",
        "│                        │            │일반 x86 컴퓨터            │일반      │",
        "│인텔 x86 기반           │i386        ├───────────────────────────┼──────────┤",
        "│                        │            │Xen PV 도메인 전용         │xen       │",
        "├────────────────────────┼────────────┼───────────────────────────┼──────────┤",
        "│                        │            │MIPS Malta                 │5kc-malta │",
        "│64비트 MIPS (리틀 엔디  │            ├───────────────────────────┼──────────┤",
        "│안)                     │mips64el    │Cavium Octeon              │octeon    │",
        "├────────────────────────┼────────────┼───────────────────────────┼──────────┤",
        "│Power Systems           │ppc64el     │IBM POWER8 또는 그 이후 시 │          │",
        "│                        │            │스템                       │          │",
        "└────────────────────────┴────────────┴───────────────────────────┴──────────┘",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["paragraph", "표 2.1. 지원하는 아키텍처"],
      ["paragraph", "아키텍처의 명칭은 데비안의 명칭입니다. 시스템마다 명칭이 다르고, 시스템의 명칭은 서브 아키텍처의 명칭입니다."],
      [
        "table",
        [
          "아키텍처 | 데비안의 명칭 | 서브 아키텍처 | 기종",
          "AMD64 및 인텔 64 | amd64",
          "인텔 x86 기반 | i386 | 일반 x86 컴퓨터 | 일반",
          "인텔 x86 기반 | i386 | Xen PV 도메인 전용 | xen",
          "64비트 MIPS (리틀 엔디안) | mips64el | MIPS Malta | 5kc-malta",
          "64비트 MIPS (리틀 엔디안) | mips64el | Cavium Octeon | octeon",
          "Power Systems | ppc64el | IBM POWER8 또는 그 이후 시스템",
        ].join("\n"),
      ],
    ]);
  });

  it("reads a drawn table's last row that spans all columns (a footnote) as a row of one cell", () => {
    const doc = parseText(
      [
        "┌──────────┬──────┬───────┐",
        "│설치 방법 │initrd│network│",
        "├──────────┼──────┼───────┤",
        "│netboot   │예    │예^[a] │",
        "├──────────┴──────┴───────┤",
        "│^[a] 네트워크에 연결된    │",
        "│경우에만                  │",
        "└─────────────────────────┘",
      ].join("\n"),
    );
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([["table", "설치 방법 | initrd | network\nnetboot | 예 | 예^[a]\n^[a] 네트워크에 연결된 경우에만"]]);
  });

  it("keeps the space where a drawn cell wrapped short of its edge", () => {
    const doc = parseText(["┌──────────────┬────┐", "│가나다 라마   │1   │", "│바사          │    │", "└──────────────┴────┘"].join("\n"));
    expect(doc.blocks.map((block) => block.text)).toEqual(["가나다 라마 바사 | 1"]);
  });

  it("reads a table of contents without page numbers (a text dump of a manual) as one entry a line, marked as contents", () => {
    const doc = parseText(
      [
        "차례",
        "",
        "1. 데비안에 오신 것을 환영합니다",
        "    1.1. 데비안이란?",
        "    1.2. GNU/리눅스란?",
        "2. 시스템 요구 사항",
        "    2.1. 지원하는 하드웨어",
        "        2.1.1. 지원하는 아키텍처",
        "",
        "1장. 데비안에 오신 것을 환영합니다",
        "",
        "이 장에서는 데비안 프로젝트를 소개합니다.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, role, text }) => ({ kind, role, text }))).toEqual([
      { kind: "paragraph", role: "toc", text: "차례" },
      {
        kind: "list",
        role: "toc",
        text: "1. 데비안에 오신 것을 환영합니다\n1.1. 데비안이란?\n1.2. GNU/리눅스란?\n2. 시스템 요구 사항\n2.1. 지원하는 하드웨어\n2.1.1. 지원하는 아키텍처",
      },
      { kind: "heading", role: undefined, text: "1장. 데비안에 오신 것을 환영합니다" },
      { kind: "paragraph", role: undefined, text: "이 장에서는 데비안 프로젝트를 소개합니다." },
    ]);
  });

  it("joins Hangul that a fixed-width wrap cut inside a word (w3m and lynx dumps), and keeps a wrap at a space a space", () => {
    const paragraphs = KOREAN_PROSE.map((sentences) => sentences.join(" "));
    const cutAnywhere = parseText(paragraphs.map((paragraph) => wrapAt(paragraph, 40, "anywhere")).join("\n\n"));
    const cutAtSpaces = parseText(paragraphs.map((paragraph) => wrapAt(paragraph, 40, "spaces")).join("\n\n"));
    expectDocumentInvariants(cutAnywhere);
    expect(cutAtSpaces.blocks.map((block) => block.text)).toEqual(paragraphs);
    // The words decide each cut from how the file writes them elsewhere; three short paragraphs say little, so a
    // few of the many cuts may go wrong (the real guide's test in test/ingest/unseen-korean.test.ts checks sentences).
    const cuts = paragraphs.map((paragraph) => wrapAt(paragraph, 40, "anywhere")).join("\n").split("\n").length - paragraphs.length;
    expect(cuts).toBeGreaterThanOrEqual(20);
    const wrong = paragraphs.reduce((sum, paragraph, index) => sum + spacingDifferences(paragraph, cutAnywhere.blocks[index]!.text), 0);
    expect(wrong).toBeLessThanOrEqual(3);
  });
});

/** Where two texts with the same characters but spaces differ in whether a space follows a character. */
function spacingDifferences(expected: string, actual: string): number {
  const spaceAfter = (text: string) => [...text].flatMap((character, index) => (character === " " ? [] : [text[index + 1] === " "]));
  const left = spaceAfter(expected);
  const right = spaceAfter(actual);
  expect(right.length).toBe(left.length);
  return left.filter((spaced, index) => spaced !== right[index]).length;
}

/** Paragraphs of a regulation, as a Korean text file holds them before it is wrapped. */
const KOREAN_PROSE: string[][] = [
  [
    "이 규정은 재단 임직원이 공무로 여행하는 경우에 지급하는 여비에 관하여 필요한 사항을 정함을 목적으로 한다.",
    "여비란 운임, 일비, 숙박비, 식비, 이전비, 가족여비 및 준비금을 말한다.",
    "근무지 외 출장이란 근무지 내 출장에 해당하지 아니하는 출장을 말한다.",
  ],
  [
    "철도운임은 실제 소요되는 요금으로 지급하되, 고속철도를 이용하는 경우에는 일반실 요금을 기준으로 한다.",
    "항공운임은 이사장의 사전 승인을 받은 경우에 한하여 지급하며, 승인 없이 항공기를 이용한 경우에는 철도운임에 상당하는 금액만 지급한다.",
    "일비는 출장 일수에 따라 지급하며, 공용차량을 이용하는 경우에는 일비의 2분의 1을 감액하여 지급한다.",
  ],
  [
    "출장을 마친 자는 귀임한 날부터 7일 이내에 출장 복명서와 증빙서류를 첨부하여 여비를 청구하여야 한다.",
    "증빙서류를 제출하지 아니한 운임 및 숙박비는 지급하지 아니한다.",
    "여비를 미리 지급받은 자가 출장을 취소한 경우에는 그 사유가 발생한 날부터 5일 이내에 차액을 반납하여야 한다.",
    "각 부서의 장은 소속 직원의 출장 계획을 미리 검토하고, 불필요한 출장이 발생하지 아니하도록 관리하여야 한다.",
  ],
];

/**
 * Wraps a paragraph at `width` columns (Hangul two wide) as a text dumper does: "anywhere" cuts between any two
 * characters as w3m does with Hangul, "spaces" only at spaces as fmt does. A space the cut falls on is dropped.
 */
function wrapAt(paragraph: string, width: number, cut: "anywhere" | "spaces"): string {
  const columnsOf = (text: string) => [...text].reduce((sum, character) => sum + (/[\uac00-\ud7a3]/.test(character) ? 2 : 1), 0);
  const lines: string[] = [];
  if (cut === "spaces") {
    let line = "";
    for (const word of paragraph.split(" ")) {
      if (line !== "" && columnsOf(`${line} ${word}`) > width) {
        lines.push(line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    return [...lines, line].join("\n");
  }
  let line = "";
  for (const character of paragraph) {
    if (columnsOf(line + character) > width) {
      lines.push(line.trimEnd());
      line = character === " " ? "" : character;
    } else line += character;
  }
  return [...lines, line].join("\n");
}
