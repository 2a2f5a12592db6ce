import { describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { docxPackage, W_NS as W } from "../fixtures/docx.ts";
import { expectDocumentInvariants } from "./invariants.ts";

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const reference = (kind: "footnote" | "endnote", id: number) => `<w:r><w:${kind}Reference w:id="${id}"/></w:r>`;
const notes = (kind: "footnote" | "endnote", bodies: Record<number, string>) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:${kind}s ${W}>` +
  `<w:${kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:${kind}>` +
  `<w:${kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:${kind}>` +
  Object.entries(bodies)
    .map(([id, text]) => `<w:${kind} w:id="${id}"><w:p><w:r><w:${kind}Ref/></w:r>${run(` ${text}`)}</w:p></w:${kind}>`)
    .join("") +
  `</w:${kind}s>`;

/** A 보고서 citing its sources in footnotes and one endnote, as Word writes them; one reference sits in a table. */
async function reportWithNotes(): Promise<Uint8Array> {
  const cell = (content: string) => `<w:tc><w:p>${content}</w:p></w:tc>`;
  const body =
    `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run("제1조(연차휴가)")}</w:p>` +
    `<w:p>${run("연차휴가는 1년간 80퍼센트 이상 출근한 근로자에게 15일을 준다.")}${reference("footnote", 1)}</w:p>` +
    `<w:p>${run("계속 근로 기간이 1년 미만이면 1개월 개근 시 1일을 준다.")}${reference("footnote", 2)}${run(" 사용하지 않은 휴가는 수당으로 지급한다.")}${reference("endnote", 1)}</w:p>` +
    `<w:tbl><w:tr>${cell(run("구분"))}${cell(run("일수"))}</w:tr><w:tr>${cell(run("장기근속"))}${cell(`${run("25일")}${reference("footnote", 3)}`)}</w:tr></w:tbl>` +
    `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run("부칙")}</w:p>` +
    `<w:p>${run("이 규정은 2026년 1월 1일부터 시행한다.")}</w:p>`;
  return docxPackage({
    body,
    footnotes: notes("footnote", { 1: "근로기준법 제60조 제1항.", 2: "근로기준법 제60조 제2항.", 3: "근로기준법 제60조 제4항." }),
    endnotes: notes("endnote", { 1: "미사용 연차휴가 수당은 통상임금으로 계산한다." }),
  });
}

describe("Word footnotes and endnotes", () => {
  it("follow the paragraph or table that cites them, numbered as the reference shows, without back-link arrows", async () => {
    const { document } = await parseDocument(await reportWithNotes(), "보고서.docx");
    expectDocumentInvariants(document);
    expect(document.text).not.toContain("↑");
    expect(document.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "제1조(연차휴가)"],
      ["paragraph", "연차휴가는 1년간 80퍼센트 이상 출근한 근로자에게 15일을 준다.[1]"],
      ["paragraph", "[1] 근로기준법 제60조 제1항."],
      ["paragraph", "계속 근로 기간이 1년 미만이면 1개월 개근 시 1일을 준다.[2] 사용하지 않은 휴가는 수당으로 지급한다.[3]"],
      ["paragraph", "[2] 근로기준법 제60조 제2항."],
      ["paragraph", "[3] 미사용 연차휴가 수당은 통상임금으로 계산한다."],
      ["table", "구분 | 일수\n장기근속 | 25일[4]"],
      ["paragraph", "[4] 근로기준법 제60조 제4항."],
      ["heading", "부칙"],
      ["paragraph", "이 규정은 2026년 1월 1일부터 시행한다."],
    ]);
    // Under the article that cites it, not under the last heading (부칙) where the converter lists the notes.
    const note = chunkDocument(document, DEFAULT_CHUNK_OPTIONS).find((chunk) => chunk.text.includes("[4] 근로기준법"));
    expect(note?.headingPath).toEqual(["제1조(연차휴가)"]);
  });
});
