import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { UnsupportedMediaTypeError } from "../errors.ts";
import { expectDocumentInvariants } from "../../test/ingest/invariants.ts";
import { buildDocument, parseDocument } from "./parse.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("buildDocument", () => {
  it("joins blocks with a blank line, records exact offsets, normalises to NFC and drops empty blocks", () => {
    const doc = buildDocument(
      [
        { kind: "heading", level: 1, text: "  제목 ", page: 1 },
        { kind: "paragraph", text: "   ", page: 1 },
        { kind: "code", text: "\n\n  indented()\n\n  more()  \n", page: 2 },
        { kind: "paragraph", text: "한글".normalize("NFD"), page: 2 },
      ],
      { title: "  The\n title ", pageCount: 2, warnings: ["w"] },
    );
    expectDocumentInvariants(doc);
    expect(doc.text).toBe("제목\n\n  indented()\n\n  more()\n\n한글");
    expect(doc.blocks.map(({ kind, level, page, start, end }) => ({ kind, level, page, start, end }))).toEqual([
      { kind: "heading", level: 1, page: 1, start: 0, end: 2 },
      { kind: "code", level: undefined, page: 2, start: 4, end: 26 },
      { kind: "paragraph", level: undefined, page: 2, start: 28, end: 30 },
    ]);
    expect(doc).toMatchObject({ title: "The title", pageCount: 2, warnings: ["w"] });
  });

  it("reads Kangxi radicals as the ideographs they look like (Chromium's 'Save as PDF' writes 工 as ⼯, U+2F2F)", () => {
    const doc = buildDocument(
      [
        { kind: "heading", level: 1, text: "\u2f2f\u4f5c\u65f6\u95f4", page: 1 },
        { kind: "paragraph", text: "\u2f47\u672c \u6cd5 \u2f08", page: 1 },
      ],
      { title: "\u2f2f\u4f5c", pageCount: 1, warnings: [] },
    );
    expectDocumentInvariants(doc);
    expect(doc.text).toBe("工作时间\n\n日本 法 人");
    expect(doc.title).toBe("工作");
  });
});

describe("parseDocument", () => {
  it("dispatches on the detected type, not only the extension", async () => {
    const html = await parseDocument(utf8("<!doctype html><title>T</title><h1>H</h1><p>P.</p>"), "page.txt");
    expect(html.mediaType).toBe("text/html");
    expect(html.document.blocks.map((block) => block.kind)).toEqual(["heading", "paragraph"]);

    const markdown = await parseDocument(utf8("# 제목\n\n- 항목"), "notes.md");
    expect(markdown.mediaType).toBe("text/markdown");
    expect(markdown.document.blocks.map((block) => block.kind)).toEqual(["heading", "list"]);

    const text = await parseDocument(utf8("# not a heading"), "notes.txt");
    expect(text.mediaType).toBe("text/plain");
    expect(text.document.blocks.map((block) => block.kind)).toEqual(["paragraph"]);
  });

  it("decodes EUC-KR text files and reports lossy decoding as a warning", async () => {
    const euckr = await readFile(new URL("../../test/fixtures/docs/euc-kr.txt", import.meta.url));
    const korean = await parseDocument(new Uint8Array(euckr), "memo.txt");
    expect(korean.document.title).toBe("한글 인코딩 시험입니다. 이 파일은 EUC-KR로 저장되었습니다.");
    expect(korean.document.warnings).toEqual([]);

    const latin1 = await parseDocument(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), "cafe.txt");
    expect(latin1.document.text).toBe("caf\uFFFD");
    expect(latin1.document.warnings).toHaveLength(1);
  });

  it("parses a DOCX and keeps the invariants", async () => {
    const docx = await readFile(new URL("../../test/fixtures/docs/handbook-ko-en.docx", import.meta.url));
    const { document } = await parseDocument(new Uint8Array(docx), "handbook.docx");
    expectDocumentInvariants(document);
    expect(document.blocks.map((block) => block.kind)).toContain("table");
  });

  it("rejects what detection rejects", async () => {
    await expect(parseDocument(Uint8Array.from([0, 1, 2, 3]), "x.md")).rejects.toThrow(UnsupportedMediaTypeError);
  });
});
