import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import type { ParsedDocument } from "../../src/ingest/types.ts";
import { debianFile } from "../fixtures/debian.ts";
import { expectChunkInvariants, expectDocumentInvariants } from "./invariants.ts";

/** Facts below were read off `pdftotext -f N -l N` (poppler) for the same files, so they do not come from our parser. */

function blocksOnPage(doc: ParsedDocument, page: number): string {
  return doc.blocks
    .filter((block) => block.page === page)
    .map((block) => block.text)
    .join("\n");
}

function chunkContaining(doc: ParsedDocument, phrase: string) {
  const chunks = chunkDocument(doc, DEFAULT_CHUNK_OPTIONS);
  expectChunkInvariants(doc, chunks, DEFAULT_CHUNK_OPTIONS);
  const chunk = chunks.find((candidate) => candidate.text.includes(phrase));
  expect(chunk, `no chunk contains "${phrase}"`).toBeDefined();
  return chunk!;
}

describe("lshort-ko.pdf (Korean LaTeX manual, texlive-lang-korean)", () => {
  let doc: ParsedDocument;
  beforeAll(async () => {
    const path = await debianFile("texlive-lang-korean", "usr/share/doc/texlive-doc/latex/lshort-korean/lshort-ko.pdf");
    const parsed = await parseDocument(new Uint8Array(await readFile(path)), "lshort-ko.pdf");
    expect(parsed.mediaType).toBe("application/pdf");
    doc = parsed.document;
  });

  it("has all 143 pages and keeps the document invariants", () => {
    expect(doc.pageCount).toBe(143);
    expect(doc.warnings).toEqual([]);
    expectDocumentInvariants(doc);
  });

  it("extracts readable Hangul on the page it is printed on", () => {
    const page1 = blocksOnPage(doc, 1);
    expect(page1).toContain("143 분 동안 익히는");
    expect(page1).toContain("김강수, 조인성 옮김");
    const page25 = blocksOnPage(doc, 25);
    expect(page25).toContain("1.8 큰 규모의 글쓰기");
    expect(page25).toContain("큰 문서를 작업할 때에 여러 부분으로 입력 파일을 나누어놓는 것이 좋다.");
    expect(blocksOnPage(doc, 24)).not.toContain("큰 문서를 작업할 때에");
  });

  it("chunks it with exact offsets and the right page", () => {
    const chunk = chunkContaining(doc, "큰 문서를 작업할 때에 여러 부분으로");
    expect(chunk.pageStart).toBeLessThanOrEqual(25);
    expect(chunk.pageEnd).toBeGreaterThanOrEqual(25);
  });

  it("takes running headers and page numbers out of the text and keeps them per page", () => {
    // Even pages carry "<page> <chapter>", odd pages "<section> <page>", front matter roman numerals.
    expect(doc.furniture).toContainEqual({ page: 4, position: "header", text: "iv 감사의 말" });
    expect(doc.furniture).toContainEqual({ page: 14, position: "header", text: "2 알아두어야 할 기본 사항" });
    expect(doc.furniture).toContainEqual({ page: 15, position: "header", text: "기초 3" });
    expect(doc.furniture).toContainEqual({ page: 13, position: "footer", text: "1" });
    expect(blocksOnPage(doc, 14)).not.toContain("2 알아두어야 할 기본 사항");
    expect(blocksOnPage(doc, 15).startsWith("기초 3")).toBe(false);
    // The chapter title on its opening page is the same words as the running header, and stays.
    expect(doc.blocks).toContainEqual(expect.objectContaining({ page: 13, kind: "heading", text: "알아두어야 할 기본 사항" }));
  });

  it("joins Korean words that pdf.js split at a line end, and keeps the spaces between words", () => {
    // pdftotext -f 6 -l 6: "이용가" ends a line and "능하다" starts the next; the LaTeX source has "이용가능하다".
    expect(blocksOnPage(doc, 6)).toContain("거의 모든 컴퓨터에서 이용가능하다.");
    expect(blocksOnPage(doc, 13)).toContain("초점을 맞추었다.");
    expect(blocksOnPage(doc, 14)).toContain("TEX이 타입세터가 된다.");
    expect(blocksOnPage(doc, 6)).not.toContain("이용가 능하다");
  });

  it("gives every chunk its section path from the PDF outline", () => {
    expect(chunkContaining(doc, "큰 문서를 작업할 때에 여러 부분으로").headingPath).toEqual(["알아두어야 할 기본 사항", "큰 규모의 글쓰기"]);
    expect(doc.blocks).toContainEqual(expect.objectContaining({ page: 13, kind: "heading", level: 2, text: "1.1 간략한 역사" }));
  });

  it("marks the table of contents and the index, and nothing else in the book", () => {
    const chunks = chunkDocument(doc, DEFAULT_CHUNK_OPTIONS);
    const pagesOf = (role: string) => new Set(chunks.filter((chunk) => chunk.role === role).flatMap((chunk) => [chunk.pageStart!, chunk.pageEnd!]));
    expect([...pagesOf("toc")].every((page) => page >= 7 && page <= 12)).toBe(true);
    expect(pagesOf("toc")).toContain(7);
    expect([...pagesOf("index")].every((page) => page >= 128)).toBe(true);
    expect(pagesOf("index").size).toBeGreaterThan(5);
    expect(chunkContaining(doc, "1.1 간략한 역사 .").role).toBe("toc");
  });
});

describe("bzip2 manual.pdf (bzip2-doc)", () => {
  let doc: ParsedDocument;
  beforeAll(async () => {
    const path = await debianFile("bzip2-doc", "usr/share/doc/bzip2/manual.pdf.gz");
    const parsed = await parseDocument(new Uint8Array(gunzipSync(await readFile(path))), "manual.pdf");
    doc = parsed.document;
  });

  it("has 38 pages, a title from its first line, and the block-size flags on page 8", () => {
    expect(doc.pageCount).toBe(38);
    expect(doc.title).toBe("bzip2 and libbzip2, version 1.0.8");
    expectDocumentInvariants(doc);
    const page8 = blocksOnPage(doc, 8);
    expect(page8).toContain("-1 (or --fast) to -9 (or -best) Set the block size to 100 k, 200 k ... 900 k when compressing.");
    expect(page8).toContain("The flags -1 through -9 specify the block size to be 100,000 bytes through 900,000 bytes");
  });

  it("puts the memory-management facts in a chunk that starts on page 8", () => {
    const chunk = chunkContaining(doc, "Compression: 400k + ( 8 x block size )");
    expect(chunk.pageStart).toBe(8);
  });

  it("drops the running header and the page numbers, and joins hyphenated words", () => {
    expect(doc.furniture).toContainEqual({ page: 8, position: "header", text: "How to use bzip2" });
    expect(doc.furniture).toContainEqual({ page: 8, position: "footer", text: "5" });
    expect(blocksOnPage(doc, 8)).not.toContain("How to use bzip2");
    // pdftotext -f 7 -l 7 prints "decompres-" at a line end and "sion" on the next line.
    expect(blocksOnPage(doc, 7)).toContain("This really performs a trial decompression and throws away the result.");
    expect(doc.text).not.toContain("decompres-sion");
  });

  it("marks each chapter's short table of contents, not the chapter text that follows it on the page", () => {
    expect(chunkContaining(doc, "3.1. Top-level structure . .").role).toBe("toc");
    expect(chunkContaining(doc, "libbzip2 is a flexible library for compressing and decompressing data").role).toBe("body");
    expect(chunkContaining(doc, "This chapter contains a copy of the bzip2 man page").role).toBe("body");
  });

  it("has no outline, so the section path comes from the numbered headings", () => {
    const chunk = chunkContaining(doc, "900,000 bytes");
    expect(chunk.headingPath).toEqual(["2. How to use bzip2", "2.5. MEMORY MANAGEMENT"]);
    expect(chunkContaining(doc, "trial decompression").headingPath).toEqual(["2. How to use bzip2", "2.4. OPTIONS"]);
  });

  it("with page breaks, crosses a page only with a tiny piece or a heading waiting for its text", () => {
    const options = { ...DEFAULT_CHUNK_OPTIONS, pageBreaks: true };
    const chunks = chunkDocument(doc, options);
    expectChunkInvariants(doc, chunks, options);
    const across = (list: typeof chunks) => list.filter((chunk) => chunk.pageEnd !== chunk.pageStart);
    // Measured: 32 of 113 chunks span two pages by default, 3 of 122 with page breaks.
    expect(across(chunkDocument(doc, DEFAULT_CHUNK_OPTIONS)).length).toBeGreaterThan(20);
    expect(across(chunks).length).toBeLessThanOrEqual(5);
    for (const chunk of across(chunks)) {
      const onFirstPage = doc.blocks.filter((block) => block.page === chunk.pageStart && block.end > chunk.charStart && block.start < chunk.charEnd);
      const headingsOnly = onFirstPage.every((block) => block.kind === "heading");
      const firstPageEnd = Math.max(...onFirstPage.map((block) => block.end));
      expect(headingsOnly || firstPageEnd - chunk.charStart < 200, `chunk ${chunk.ordinal} on pages ${chunk.pageStart}-${chunk.pageEnd}`).toBe(true);
    }
    // The memory-management facts still sit in one chunk on page 8, now without page 7's text before them.
    const memory = chunks.find((chunk) => chunk.text.includes("Compression: 400k + ( 8 x block size )"))!;
    expect([memory.pageStart, memory.pageEnd]).toEqual([8, 8]);
  });
});

describe("Korean Debian FAQ HTML (debian-faq-ko)", () => {
  let doc: ParsedDocument;
  beforeAll(async () => {
    const path = await debianFile("debian-faq-ko", "usr/share/doc/debian/FAQ/ko/basic-defs.ko.html");
    const parsed = await parseDocument(new Uint8Array(await readFile(path)), "basic-defs.ko.html");
    expect(parsed.mediaType).toBe("text/html");
    doc = parsed.document;
  });

  it("keeps the navigation bars out of the text and marks the chapter's table of contents", () => {
    expect(doc.furniture.length).toBeGreaterThan(0);
    expect(doc.furniture.every((line) => line.position === "navigation")).toBe(true);
    expect(doc.blocks.find((block) => block.text === "차례")?.role).toBe("toc");
    expect(doc.blocks.find((block) => block.kind === "heading" && block.level === 2)?.role).toBeUndefined();
  });

  it("reads Hangul headings with their levels and the title", () => {
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("1장. 정의 및 개관");
    const headings = doc.blocks.filter((block) => block.kind === "heading").map((block) => [block.level, block.text]);
    expect(headings).toContainEqual([1, "1장. 정의 및 개관"]);
    expect(headings).toContainEqual([2, "1.1. 이 FAQ는 무엇인가요?"]);
    expect(headings).toContainEqual([2, "1.7. Debian은 어떻게 발음하며 이 단어 뜻은 무엇인가요?"]);
  });

  it("chunks under the right heading path", () => {
    const chunk = chunkContaining(doc, "간단히 말해서 리눅스는 유닉스 계열 운영 체제의 커널입니다.");
    expect(chunk.headingPath).toEqual(["1장. 정의 및 개관", "1.3. 좋아요. 이제 데비안이 무엇인지 알겠어요... 리눅스는 무엇인가요?"]);
    expect(chunk.pageStart).toBeNull();
  });
});

describe("DOCX written by LibreOffice (test/fixtures/docs/handbook-ko-en.docx)", () => {
  let doc: ParsedDocument;
  beforeAll(async () => {
    const bytes = await readFile(new URL("../fixtures/docs/handbook-ko-en.docx", import.meta.url));
    const parsed = await parseDocument(new Uint8Array(bytes), "handbook-ko-en.docx");
    expect(parsed.mediaType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    doc = parsed.document;
  });

  it("keeps Word headings, their levels and the table cells", () => {
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("사내 출장 규정");
    expect(doc.blocks.filter((block) => block.kind === "heading").map((block) => [block.level, block.text])).toEqual([
      [1, "사내 출장 규정"],
      [2, "숙박비 한도"],
      [2, "Travel approval"],
      [3, "Exceptions"],
    ]);
    const table = doc.blocks.find((block) => block.kind === "table");
    expect(table?.text).toBe("지역 | 1박 한도 | Notes\n서울 | 120,000원 | Capital area\n부산 | 100,000원 | Includes breakfast");
  });

  it("chunks by heading with nested heading paths", () => {
    const chunk = chunkContaining(doc, "Emergency trips may be approved afterwards");
    expect(chunk.headingPath).toEqual(["사내 출장 규정", "Travel approval", "Exceptions"]);
    expect(chunkContaining(doc, "부산 | 100,000원").headingPath).toEqual(["사내 출장 규정", "숙박비 한도"]);
  });
});
