import { describe, expect, it } from "vitest";
import { DocumentUnreadableError } from "../errors.ts";
import { expectDocumentInvariants } from "../../test/ingest/invariants.ts";
import { isMhtml } from "./mhtml.ts";
import { parseDocument } from "./parse.ts";

/** Quoted-printable as Chrome writes it: non-ASCII bytes and "=" as =XX, lines of at most 76 with soft breaks. */
function quotedPrintable(text: string): string {
  const encoded = [...new TextEncoder().encode(text)]
    .map((byte) => (byte === 0x3d || byte >= 0x80 ? `=${byte.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(byte)))
    .join("");
  const lines: string[] = [];
  for (let at = 0; at < encoded.length; ) {
    let end = Math.min(at + 75, encoded.length);
    // A soft break never splits an =XX escape.
    const escape = encoded.lastIndexOf("=", end - 1);
    if (end < encoded.length && escape > end - 3) end = escape;
    lines.push(encoded.slice(at, end) + (end < encoded.length ? "=" : ""));
    at = end;
  }
  return lines.join("\r\n");
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe("web pages saved as one file (MHTML, audit18html)", () => {
  it("reads Chrome's .mhtml as the page it saved: quoted-printable UTF-8 HTML, its images and styles left out", async () => {
    const html =
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>자주 묻는 질문 | 고객센터</title><style>.x{color:red}</style></head>' +
      '<body><nav class="navbar">홈 | 로그인</nav><main><h1>자주 묻는 질문</h1><h2>계좌 개설은 어떻게 하나요?</h2>' +
      "<p>영업점 방문 없이 모바일 앱에서 비대면으로 계좌를 개설할 수 있습니다. 신분증과 본인 명의 휴대폰이 필요합니다.</p>" +
      "<table><tr><th>구분</th><th>수수료</th></tr><tr><td>타행 이체</td><td>500원</td></tr></table></main></body></html>";
    const file = [
      "From: <Saved by Blink>",
      "Snapshot-Content-Location: https://bank.example.co.kr/faq",
      "Subject: =?utf-8?Q?=EC=9E=90=EC=A3=BC_=EB=AC=BB=EB=8A=94_=EC=A7=88=EB=AC=B8?=",
      "MIME-Version: 1.0",
      "Content-Type: multipart/related;",
      '\ttype="text/html";',
      '\tboundary="----MultipartBoundary--abc123----"',
      "",
      "",
      "------MultipartBoundary--abc123----",
      "Content-Type: text/css",
      "Content-Transfer-Encoding: quoted-printable",
      "Content-Location: https://bank.example.co.kr/site.css",
      "",
      "body { font-family: =EB=8F=8B=EC=9B=80; }",
      "------MultipartBoundary--abc123----",
      "Content-Type: text/html",
      "Content-ID: <frame-1@mhtml.blink>",
      "Content-Transfer-Encoding: quoted-printable",
      "Content-Location: https://bank.example.co.kr/faq",
      "",
      quotedPrintable(html),
      "------MultipartBoundary--abc123----",
      "Content-Type: image/png",
      "Content-Transfer-Encoding: base64",
      "Content-Location: https://bank.example.co.kr/logo.png",
      "",
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "",
      "------MultipartBoundary--abc123------",
      "",
    ].join("\r\n");
    const { mediaType, document } = await parseDocument(ascii(file), "faq.mhtml");
    expectDocumentInvariants(document);
    expect(mediaType).toBe("text/html");
    expect(document.title).toBe("자주 묻는 질문");
    expect(document.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "자주 묻는 질문"],
      ["heading", "계좌 개설은 어떻게 하나요?"],
      ["paragraph", "영업점 방문 없이 모바일 앱에서 비대면으로 계좌를 개설할 수 있습니다. 신분증과 본인 명의 휴대폰이 필요합니다."],
      ["table", "구분 | 수수료\n타행 이체 | 500원"],
    ]);
  });

  it("reads Internet Explorer's .mht: a base64 EUC-KR part named by the message's start, its Subject the title of a page without one", async () => {
    const html = "<html><body><p>2024년 하반기 보안 점검 일정을 안내합니다. 모든 직원은 10월 31일까지 PC 점검을 마쳐야 합니다.</p></body></html>";
    const eucKr = Buffer.from(new TextEncoderEucKr().encode(html)).toString("base64");
    const subject = Buffer.from(new TextEncoderEucKr().encode("보안 점검 공지")).toString("base64");
    const file = [
      "From: <Saved by Windows Internet Explorer 8>",
      `Subject: =?ks_c_5601-1987?B?${subject}?=`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; type="text/html"; start="<main@page>"; boundary="----=_NextPart_000_0000_01D0A1B2.C3D4E5F0"',
      "",
      "This is a multi-part message in MIME format.",
      "",
      "------=_NextPart_000_0000_01D0A1B2.C3D4E5F0",
      "Content-Type: text/html; charset=us-ascii",
      "Content-Location: http://intra.example.co.kr/banner.html",
      "",
      "<html><body><p>banner</p></body></html>",
      "------=_NextPart_000_0000_01D0A1B2.C3D4E5F0",
      'Content-Type: text/html; charset="ks_c_5601-1987"',
      "Content-Transfer-Encoding: base64",
      "Content-ID: <main@page>",
      "",
      ...(eucKr.match(/.{1,76}/g) ?? []),
      "",
      "------=_NextPart_000_0000_01D0A1B2.C3D4E5F0--",
    ].join("\r\n");
    const { document } = await parseDocument(ascii(file), "notice.mht");
    expectDocumentInvariants(document);
    expect(document.title).toBe("보안 점검 공지");
    expect(document.blocks.map((block) => block.text)).toEqual(["2024년 하반기 보안 점검 일정을 안내합니다. 모든 직원은 10월 31일까지 PC 점검을 마쳐야 합니다."]);
  });

  it("reads a saved page's frames where the page shows them (Chrome's cid: frames), and frames no element names after its text", async () => {
    const page = '<html><head><title>공지</title></head><body><h1>사내 공지</h1><iframe src="cid:frame-B1@mhtml.blink"></iframe><p>끝.</p></body></html>';
    const frame = (text: string): string => `<html><head><title>frame</title></head><body><p>${text}</p></body></html>`;
    const file = [
      "From: <Saved by Blink>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; type="text/html"; boundary="X"',
      "",
      "--X",
      "Content-Type: text/html",
      "Content-ID: <frame-A0@mhtml.blink>",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      quotedPrintable(page),
      "--X",
      "Content-Type: text/html",
      "Content-ID: <frame-C2@mhtml.blink>",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      quotedPrintable(frame("스크립트가 채운 프레임의 안내문입니다.")),
      "--X",
      "Content-Type: text/html",
      "Content-ID: <frame-B1@mhtml.blink>",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      quotedPrintable(frame("회의실 예약은 그룹웨어에서 합니다.")),
      "--X--",
    ].join("\r\n");
    const { document } = await parseDocument(ascii(file), "notice.mhtml");
    expectDocumentInvariants(document);
    expect(document.title).toBe("공지");
    expect(document.blocks.map((block) => block.text)).toEqual(["사내 공지", "회의실 예약은 그룹웨어에서 합니다.", "끝.", "스크립트가 채운 프레임의 안내문입니다."]);
  });

  it("reads Internet Explorer's one-part .mht (a page without images): the message itself is the page", async () => {
    const file = [
      'From: "Saved by Windows Internet Explorer 8"',
      "Subject: ",
      "MIME-Version: 1.0",
      "Content-Type: text/html;",
      '\tcharset="utf-8"',
      "Content-Transfer-Encoding: quoted-printable",
      "Content-Location: http://intra.example.co.kr/rules.html",
      "",
      quotedPrintable("<html><head><title>복무 규정</title></head><body><h1>복무 규정</h1><p>출근 시각은 09:00입니다.</p></body></html>"),
    ].join("\r\n");
    const { document } = await parseDocument(ascii(file), "rules.mht");
    expectDocumentInvariants(document);
    expect(document.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "복무 규정"],
      ["paragraph", "출근 시각은 09:00입니다."],
    ]);
  });

  it("names what is missing when a saved page has no boundary or no HTML part, and leaves other texts alone", async () => {
    const noBoundary = ["MIME-Version: 1.0", "Content-Type: multipart/related", "", "<html><body>x</body></html>"].join("\r\n");
    await expect(parseDocument(ascii(noBoundary), "a.mhtml")).rejects.toThrow(DocumentUnreadableError);
    await expect(parseDocument(ascii(noBoundary), "a.mhtml")).rejects.toThrow(/names no boundary/);
    const noHtml = [
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; boundary="b"',
      "",
      "--b",
      "Content-Type: image/png",
      "Content-Transfer-Encoding: base64",
      "",
      "iVBORw0KGgo=",
      "--b--",
    ].join("\r\n");
    await expect(parseDocument(ascii(noHtml), "b.mht")).rejects.toThrow(/without an HTML part \(parts: image\/png\)/);
    // A note that quotes such a header in its text is a text, not a saved page.
    expect(isMhtml(ascii("메일 헤더 예시입니다.\nContent-Type: multipart/related; boundary=\"b\"\n"))).toBe(false);
    expect(isMhtml(ascii("<html><body>Content-Type: multipart/related</body></html>"))).toBe(false);
  });
});

/** EUC-KR bytes of Hangul and ASCII text, from the platform's decoder's table (Node has no EUC-KR encoder). */
class TextEncoderEucKr {
  private static table: Map<string, number[]> | null = null;
  encode(text: string): Uint8Array {
    if (TextEncoderEucKr.table === null) {
      const table = new Map<string, number[]>();
      const decoder = new TextDecoder("euc-kr");
      for (let lead = 0xb0; lead <= 0xc8; lead++) {
        for (let trail = 0xa1; trail <= 0xfe; trail++) table.set(decoder.decode(Uint8Array.of(lead, trail)), [lead, trail]);
      }
      TextEncoderEucKr.table = table;
    }
    const out: number[] = [];
    for (const char of text) {
      if (char.charCodeAt(0) < 0x80) out.push(char.charCodeAt(0));
      else out.push(...(TextEncoderEucKr.table.get(char) ?? [0x3f]));
    }
    return Uint8Array.from(out);
  }
}

describe("a saved page whose HTML part is in 8-bit transfer encoding (raw bytes, as some savers write it)", () => {
  it("reads its UTF-8 bytes as they are: bytes 0x80–0x9F are not Windows-1252 characters", async () => {
    // "한글 안내" in UTF-8 holds 0x95 and 0x9C, which Windows-1252 reads as • and œ: read back as bytes through that
    // table they came out as other bytes, and the page's Korean was garbled.
    const head = [
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/html; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      "",
    ].join("\r\n");
    const page = "<html><body><h1>한글 안내</h1><p>휴가 신청은 5일 전까지 전자결재로 올립니다.</p></body></html>";
    const bytes = new Uint8Array([...new TextEncoder().encode(head), ...new TextEncoder().encode(page), ...new TextEncoder().encode("\r\n--b1--\r\n")]);
    const { document } = await parseDocument(bytes, "notice.mhtml");
    expect(document.blocks.map((block) => block.text)).toEqual(["한글 안내", "휴가 신청은 5일 전까지 전자결재로 올립니다."]);
  });
});

describe("e-mails kept as files (.eml, audit19html)", () => {
  const base64 = (text: string): string => Buffer.from(text, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");
  const subject = `=?UTF-8?B?${Buffer.from("2024년 연말정산 안내", "utf8").toString("base64")}?=`;

  it("reads an e-mail's HTML part (multipart/alternative, base64), titled by its Subject, with its sender and date", async () => {
    const file = [
      `From: =?UTF-8?B?${Buffer.from("인사팀", "utf8").toString("base64")}?= <hr@example.co.kr>`,
      "To: all@example.co.kr",
      `Subject: ${subject}`,
      "Date: Mon, 4 Mar 2024 09:00:00 +0900",
      "MIME-Version: 1.0",
      'Content-Type: multipart/alternative; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64("연말정산 서류는 3월 15일까지 제출하세요."),
      "--b1",
      "Content-Type: text/html; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64("<html><head><title>사내 뉴스레터</title></head><body><p>연말정산 서류는 <b>3월 15일</b>까지 제출하세요.</p></body></html>"),
      "--b1--",
      "",
    ].join("\r\n");
    const { mediaType, document } = await parseDocument(ascii(file), "notice.eml");
    expectDocumentInvariants(document);
    expect(mediaType).toBe("text/html");
    expect(document.title).toBe("2024년 연말정산 안내");
    expect(document.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "2024년 연말정산 안내"],
      ["paragraph", "From: 인사팀 <hr@example.co.kr>\nDate: Mon, 4 Mar 2024 09:00:00 +0900"],
      ["paragraph", "연말정산 서류는 3월 15일까지 제출하세요."],
    ]);
  });

  it("finds the text of an e-mail with attachments (mixed > alternative) and leaves an attached page out; a plain-text e-mail reads as its paragraphs", async () => {
    const mixed = [
      "From: it@example.co.kr",
      `Subject: ${subject}`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="outer"',
      "",
      "--outer",
      'Content-Type: multipart/alternative; boundary="inner"',
      "",
      "--inner",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "본문",
      "--inner",
      "Content-Type: text/html; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64("<p>첨부한 양식을 작성해 회신해 주세요.</p>"),
      "--inner--",
      "--outer",
      'Content-Type: text/html; name="form.html"',
      'Content-Disposition: attachment; filename="form.html"',
      "Content-Transfer-Encoding: base64",
      "",
      base64("<p>첨부 양식의 내용</p>"),
      "--outer--",
      "",
    ].join("\r\n");
    const read = (await parseDocument(ascii(mixed), "mail.eml")).document;
    expectDocumentInvariants(read);
    expect(read.blocks.map((block) => block.text)).toEqual(["2024년 연말정산 안내", "From: it@example.co.kr", "첨부한 양식을 작성해 회신해 주세요."]);

    const plain = [
      "From: it@example.co.kr",
      "Date: Tue, 5 Mar 2024 10:00:00 +0900",
      `Subject: ${subject}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64("서류 제출 기한은 3월 15일입니다.\n\n문의: 인사팀 (내선 1234)\n담당: 김직지"),
    ].join("\r\n");
    const text = (await parseDocument(ascii(plain), "plain.eml")).document;
    expectDocumentInvariants(text);
    expect(text.title).toBe("2024년 연말정산 안내");
    expect(text.blocks.map((block) => block.text)).toEqual([
      "2024년 연말정산 안내",
      "From: it@example.co.kr\nDate: Tue, 5 Mar 2024 10:00:00 +0900",
      "서류 제출 기한은 3월 15일입니다.",
      "문의: 인사팀 (내선 1234)\n담당: 김직지",
    ]);
    // A note that shows an e-mail's headers in its text is a text, not an e-mail.
    expect(isMhtml(ascii("메일 예시입니다.\nFrom: a@example.com\nSubject: 안내\nMIME-Version: 1.0\nContent-Type: text/plain\n"))).toBe(false);
  });
});
