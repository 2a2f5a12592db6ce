import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text.ts";

const fixture = (name: string) => new URL(`../../test/fixtures/docs/${name}`, import.meta.url);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

describe("decodeText", () => {
  it("decodes UTF-8, dropping a BOM, normalising newlines and composing Hangul (NFC)", () => {
    const decomposed = "한글".normalize("NFD");
    const bytes = new TextEncoder().encode(`\uFEFF${decomposed}\r\nline2\rline3`);
    expect(decodeText(bytes)).toEqual({ text: "한글\nline2\nline3", encoding: "utf-8", warnings: [] });
  });

  it("decodes UTF-16 in both byte orders by BOM", () => {
    expect(decodeText(utf16("직지 text", true))).toMatchObject({ text: "직지 text", encoding: "utf-16le" });
    expect(decodeText(utf16("직지 text", false))).toMatchObject({ text: "직지 text", encoding: "utf-16be" });
  });

  it("falls back to EUC-KR when the bytes are not UTF-8 but read as Korean", async () => {
    // Made with: printf '...' | iconv -f utf-8 -t euc-kr (see test/fixtures/docs/README.md).
    const decoded = decodeText(new Uint8Array(await readFile(fixture("euc-kr.txt"))));
    expect(decoded.encoding).toBe("euc-kr");
    expect(decoded.warnings).toEqual([]);
    expect(decoded.text).toBe("한글 인코딩 시험입니다. 이 파일은 EUC-KR로 저장되었습니다.\n둘째 줄: 직지심체요절\n");
  });

  it("decodes undecodable bytes lossily with a warning when they are neither UTF-8 nor Korean", () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode("caf"), 0xe9, 0x20, 0x6f, 0x6b]);
    const decoded = decodeText(latin1);
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.text).toBe("caf\uFFFD ok");
    expect(decoded.warnings).toEqual([
      "the text is not valid UTF-8 or EUC-KR; 1 undecodable byte sequence(s) were replaced with U+FFFD",
    ]);
  });
});
