import { describe, expect, it } from "vitest";
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

/** A 보고서 citing its sources in footnotes and one endnote, as Word writes them. */
async function reportWithNotes(): Promise<Uint8Array> {
  const body =
    `<w:p>${run("연차휴가는 1년간 80퍼센트 이상 출근한 근로자에게 15일을 준다.")}${reference("footnote", 1)}</w:p>` +
    `<w:p>${run("계속 근로 기간이 1년 미만이면 1개월 개근 시 1일을 준다.")}${reference("footnote", 2)}${run(" 사용하지 않은 휴가는 수당으로 지급한다.")}${reference("endnote", 1)}</w:p>`;
  return docxPackage({
    body,
    footnotes: notes("footnote", { 1: "근로기준법 제60조 제1항.", 2: "근로기준법 제60조 제2항." }),
    endnotes: notes("endnote", { 1: "미사용 연차휴가 수당은 통상임금으로 계산한다." }),
  });
}

describe("Word footnotes and endnotes", () => {
  it("are read with the number their reference shows, without the converter's back-link arrows", async () => {
    const { document } = await parseDocument(await reportWithNotes(), "보고서.docx");
    expectDocumentInvariants(document);
    expect(document.text).not.toContain("↑");
    expect(document.text).toContain("15일을 준다.[1]");
    expect(document.text).toContain("1일을 준다.[2] 사용하지 않은 휴가는 수당으로 지급한다.[3]");
    expect(document.text).toContain("[1] 근로기준법 제60조 제1항.");
    expect(document.text).toContain("[2] 근로기준법 제60조 제2항.");
    expect(document.text).toContain("[3] 미사용 연차휴가 수당은 통상임금으로 계산한다.");
  });
});
