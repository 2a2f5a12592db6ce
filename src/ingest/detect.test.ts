import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { DocumentUnreadableError, UnsupportedMediaTypeError } from "../errors.ts";
import { detectMediaType } from "./detect.ts";

const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const fixture = async (name: string) =>
  new Uint8Array(await readFile(new URL(`../../test/fixtures/docs/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A stored-only ZIP holding empty files with these names, built the way the format specifies. */
function zipWith(names: string[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: number[] = [];
  const central: number[] = [];
  const u16 = (value: number) => [value & 0xff, value >> 8];
  const u32 = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24];
  for (const name of names) {
    const nameBytes = [...encoder.encode(name)];
    const offset = locals.length;
    locals.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0));
    locals.push(...u32(0), ...u16(nameBytes.length), ...u16(0), ...nameBytes);
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0));
    central.push(...u32(0), ...u32(0), ...u32(0), ...u16(nameBytes.length), ...u16(0), ...u16(0), ...u16(0));
    central.push(...u16(0), ...u32(0), ...u32(offset), ...nameBytes);
  }
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(names.length), ...u16(names.length)];
  end.push(...u32(central.length), ...u32(locals.length), ...u16(0));
  return Uint8Array.from([...locals, ...central, ...end]);
}

describe("detectMediaType", () => {
  it("recognises a PDF by its magic bytes whatever the extension", () => {
    expect(detectMediaType(utf8("%PDF-1.7\n..."), "report.txt")).toBe("application/pdf");
  });

  it("recognises a DOCX by word/document.xml in the ZIP directory, also one LibreOffice wrote", async () => {
    expect(detectMediaType(zipWith(["[Content_Types].xml", "word/document.xml"]), "x.bin")).toBe(docx);
    expect(detectMediaType(await fixture("handbook-ko-en.docx"), "handbook.zip")).toBe(docx);
  });

  it("rejects a ZIP that is not a Word document, naming its entries", () => {
    const xlsx = zipWith(["[Content_Types].xml", "xl/workbook.xml"]);
    expect(() => detectMediaType(xlsx, "sheet.docx")).toThrow(UnsupportedMediaTypeError);
    expect(() => detectMediaType(xlsx, "sheet.docx")).toThrow(/sheet\.docx is a ZIP archive but not a Word or HWPX document.*xl\/workbook\.xml/);
  });

  it("reports a truncated ZIP as unreadable", () => {
    const truncated = zipWith(["word/document.xml"]).subarray(0, 40);
    expect(() => detectMediaType(truncated, "cut.docx")).toThrow(DocumentUnreadableError);
  });

  it("sniffs HTML by content, including XHTML with an XML declaration", () => {
    expect(detectMediaType(utf8("  <!DOCTYPE html><p>x"), "page.txt")).toBe("text/html");
    expect(detectMediaType(utf8('<?xml version="1.0"?>\n<!-- c --><html xmlns="x">'), "faq")).toBe("text/html");
    expect(detectMediaType(utf8("<p>fragment</p>"), "frag.htm")).toBe("text/html");
  });

  it("uses the extension for Markdown and plain text", () => {
    expect(detectMediaType(utf8("# Title"), "README.MD")).toBe("text/markdown");
    expect(detectMediaType(utf8("# Title"), "notes.markdown")).toBe("text/markdown");
    expect(detectMediaType(utf8("# 시작하기\n\n<Intro>\n안내\n</Intro>"), "installation.mdx")).toBe("text/markdown");
    expect(detectMediaType(utf8("# Title"), "notes.txt")).toBe("text/plain");
    expect(detectMediaType(utf8("plain words"), "no-extension")).toBe("text/plain");
  });

  it("reads a Korean file longer than the 64 KiB it samples as text wherever the sample cuts a character", () => {
    // Hangul is three bytes in UTF-8; the sample used to drop up to four trailing bytes, which cut the character
    // before the split one in half, so a long Korean Markdown manual was refused as "binary data".
    for (let ascii = 0; ascii < 6; ascii++) {
      const text = `${"a".repeat(ascii)}${"가".repeat(30_000)}\n`;
      expect(detectMediaType(utf8(text), "long.md")).toBe("text/markdown");
    }
    const eucKr = Uint8Array.from({ length: 70_001 }, (_, index) => (index === 0 ? 0x20 : index % 2 === 1 ? 0xb0 : 0xa1));
    expect(detectMediaType(eucKr, "long.txt")).toBe("text/plain");
  });

  it("treats EUC-KR text as text", async () => {
    expect(detectMediaType(await fixture("euc-kr.txt"), "memo.txt")).toBe("text/plain");
  });

  it("takes nroff's overstrike (bold \"P\\bP\", underline \"_\\bx\") for text: groff -Tascii output such as groff's own pic.txt", () => {
    const bold = (word: string) => [...word].map((char) => `${char}\b${char}`).join("");
    const nroff = `${bold("1.2.")}  ${bold("PIC Versions")}\n\n     The original 1984 pre-_\bd_\bi_\bt_\br_\bo_\bf_\bf(1) version of ${bold("pic")} is long\nobsolete.\n`;
    expect(detectMediaType(utf8(nroff.repeat(20)), "pic.txt")).toBe("text/plain");
  });

  it("rejects binary junk and known binary formats whatever the extension", () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256);
    expect(() => detectMediaType(junk, "notes.txt")).toThrow(UnsupportedMediaTypeError);
    expect(() => detectMediaType(junk, "notes.txt")).toThrow(/notes\.txt is binary data/);
    const highBytesOnly = Uint8Array.from({ length: 4096 }, (_, index) => 0x80 + ((index * 31) % 128));
    expect(() => detectMediaType(highBytesOnly, "notes.md")).toThrow(UnsupportedMediaTypeError);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(() => detectMediaType(png, "scan.pdf")).toThrow(/scan\.pdf is a PNG image/);
  });

  it("names an HWP 3.0 file (HWP 97 and older, \"HWP Document File V3.00\") as unsupported, not as unknown binary data", () => {
    const header = new TextEncoder().encode("HWP Document File V3.00 \u001a\u0001\u0002\u0003\u0004\u0005");
    const old = new Uint8Array(4096);
    old.set(header);
    for (let index = header.length; index < old.length; index++) old[index] = (index * 7919 + 13) % 256;
    expect(() => detectMediaType(old, "공고.hwp")).toThrow(UnsupportedMediaTypeError);
    expect(() => detectMediaType(old, "공고.hwp")).toThrow(/공고\.hwp is an HWP 3\.00 document .*HWP 5.*HWPX/);
  });

  it("reports an empty file as unreadable", () => {
    expect(() => detectMediaType(new Uint8Array(0), "empty.pdf")).toThrow(DocumentUnreadableError);
    expect(() => detectMediaType(new Uint8Array(0), "empty.pdf")).toThrow("empty.pdf is empty");
  });
});
