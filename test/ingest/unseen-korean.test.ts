import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import type { ParsedDocument } from "../../src/ingest/types.ts";
import { debianFile } from "../fixtures/debian.ts";
import { expectChunkInvariants, expectDocumentInvariants } from "./invariants.ts";

/**
 * Korean documents no split of the real-document set uses (audit10ko, issue 8 §3): parse defects found on them.
 * The expected text comes from the same guide's HTML chapters (ch05s01.html), which are not wrapped.
 */
describe("install.ko.txt (the Korean installation guide as a w3m text dump, installation-guide-amd64)", () => {
  let doc: ParsedDocument;
  beforeAll(async () => {
    const path = await debianFile("installation-guide-amd64", "usr/share/doc/installation-guide-amd64/ko/install.ko.txt.gz");
    const parsed = await parseDocument(new Uint8Array(gunzipSync(await readFile(path))), "install.ko.txt");
    expect(parsed.mediaType).toBe("text/plain");
    doc = parsed.document;
    expectDocumentInvariants(doc);
  });

  it("joins the Hangul words its 80-column wrap cut in two", () => {
    for (const sentence of [
      "이중 아키텍쳐 이미지의 경우 각 설치 옵션마다 아래에 64비트 옵션이 있어서 옵션 수가 두 배로 늘어납니다.",
      "\"Advanced options\" 항목으로 들어가면 전문가 모드, 응급 모드, 자동 설치 관련 메뉴가 나타납니다.",
      "단, 이 시점에서 키보드는 아직 QWERTY로 설정되어 있습니다.",
      "사용하는 설치 방법에 따라 \"Graphical install\" 옵션을 사용할 수 없을 수도 있습니다.",
    ]) {
      expect(doc.text).toContain(sentence);
    }
  });

  it("takes its chapters for headings and a numbered step for none", () => {
    const chunks = chunkDocument(doc, DEFAULT_CHUNK_OPTIONS);
    expectChunkInvariants(doc, chunks, DEFAULT_CHUNK_OPTIONS);
    const paths = chunks.map((chunk) => chunk.headingPath.join(" > "));
    expect(paths.filter((path) => path.includes("간단한 방법은"))).toEqual([]);
    expect(paths.some((path) => path.startsWith("7장. 새로운 데비안 시스템으로 부팅하기"))).toBe(true);
    expect(paths).toContain("1장. 데비안에 오신 것을 환영합니다 > 1.1. 데비안이란?");
  });

  it("reads its tables, drawn with box characters, as rows of cells", () => {
    const tables = doc.blocks.filter((block) => block.kind === "table").map((block) => block.text.split("\n"));
    expect(tables.length).toBeGreaterThanOrEqual(12);
    expect(tables[0]).toContain("인텔 x86 기반 | i386 | Xen PV 도메인 전용 | xen");
    expect(tables.flat()).toContain("데스크톱 포함 | 1기가바이트 | 2기가바이트 | 10기가바이트");
  });

  it("marks its tables of contents, which print no page numbers, as contents, one entry a line", () => {
    const contents = doc.blocks.filter((block) => block.role === "toc");
    expect(contents.some((block) => block.text.split("\n").includes("1.1. 데비안이란?"))).toBe(true);
    expect(contents.some((block) => block.text.split("\n").includes("3.2. 추천하는 최소 시스템 요구사항"))).toBe(true);
    const body = doc.blocks.filter((block) => block.role === undefined).map((block) => block.text);
    expect(body.filter((text) => text.includes("1.1. 데비안이란?") && text.includes("1.2. GNU/리눅스란?"))).toEqual([]);
  });
});

describe("ob-mathleading-doc.pdf (oblivoir package manual with display math, texlive-lang-korean)", () => {
  let doc: ParsedDocument;
  beforeAll(async () => {
    const path = await debianFile("texlive-lang-korean", "usr/share/doc/texlive-doc/latex/kotex-oblivoir/ob-mathleading-doc.pdf");
    doc = (await parseDocument(new Uint8Array(await readFile(path)), "ob-mathleading-doc.pdf")).document;
    expectDocumentInvariants(doc);
  });

  it("keeps a paragraph's lines together on a page whose matrices are set tighter than its text", () => {
    // pdftotext -layout: page 1 wraps "…수식의 행간격이 느" / "슨해지는 것을…", page 3 "…의존하지" / "않는다.".
    const paragraphsOn = (page: number) => doc.blocks.filter((block) => block.page === page).map((block) => block.text);
    // (Whether "느" + "슨" is joined is the line joiner's call; that both lines are one paragraph is this one's.)
    expect(paragraphsOn(1).some((text) => /수식의 행간격이 느 ?슨해지는 것을 방지하기 위하여/.test(text))).toBe(true);
    expect(paragraphsOn(3)).toContain(
      "이 패키지는 (이름에 나타난 바와 같이) oblivoir를 위하여 작성되기는 하였지만 oblivoir 클래스에 의존하지 않는다. 그러므로 다른 클래스의 문서에서도 동작할 것이다.",
    );
  });
});

describe("ch02s01.html (the Korean installation guide's hardware chapter, installation-guide-amd64)", () => {
  it("reads each row of the architecture table with the cells that span down to it", async () => {
    const path = await debianFile("installation-guide-amd64", "usr/share/doc/installation-guide-amd64/ko/ch02s01.html");
    const doc = (await parseDocument(new Uint8Array(await readFile(path)), "ch02s01.html")).document;
    expectDocumentInvariants(doc);
    const table = doc.blocks.find((block) => block.kind === "table")!.text.split("\n");
    expect(table).toContain("인텔 x86 기반 | i386 | Xen PV 도메인 전용 | xen");
    expect(table).toContain("64비트 MIPS (리틀 엔디안) | mips64el | Loongson 3 | loongson-3");
    expect(table).toContain("32비트 MIPS (리틀 엔디안) | mipsel | Cavium Octeon | octeon");
  });
});
