import { describe, expect, it } from "vitest";
import { createMarkerFilter, resolveCitations, rewriteMarkers } from "../../src/answer/citations.ts";
import { sentenceSpans } from "../../src/answer/sentences.ts";
import { BZIP2, LEAVE, passage } from "./passages.ts";

function markers(answer: string): number[] {
  return [...answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}

describe("resolveCitations", () => {
  it("maps [n] to the n-th passage with document, source, page and chunk", () => {
    const result = resolveCitations("The default block size is 900,000 bytes [1].", [BZIP2, LEAVE]);
    expect(result.citations).toHaveLength(1);
    expect(result.citations[0]).toMatchObject({
      ref: 1,
      documentId: BZIP2.documentId,
      source: "manuals/bzip2.pdf",
      page: 3,
      chunkId: BZIP2.chunkId,
      verified: true,
    });
  });

  it("quotes the sentence of the passage that supports the claim, verbatim", () => {
    const { citations } = resolveCitations("The default block size is 900,000 bytes [1].", [BZIP2]);
    expect(citations[0]!.quote).toBe(
      "The flags -1 through -9 specify the block size to be 100,000 bytes through 900,000 bytes (the default) respectively.",
    );
    expect(BZIP2.text).toContain(citations[0]!.quote);
    expect(citations[0]!.quote.length).toBeLessThanOrEqual(200);
  });

  it("picks the supporting Korean sentence despite particles", () => {
    const { citations } = resolveCitations("휴가는 3일 전까지 팀장에게 신청해야 합니다 [2].", [BZIP2, LEAVE]);
    expect(citations[0]!.quote).toBe("휴가를 사용하려면 3일 전까지 팀장에게 신청해야 한다.");
    expect(citations[0]!.page).toBeNull();
  });

  it("removes and counts markers that point at no passage", () => {
    const result = resolveCitations("Claim one [1]. Claim two [7]. Claim three [0][2].", [BZIP2, LEAVE]);
    expect(result.answer).toBe("Claim one [1]. Claim two. Claim three [2].");
    expect(result.droppedRefs).toBe(2);
    expect(result.citations.map((citation) => citation.ref)).toEqual([1, 2]);
  });

  it("splits [n, m] into [n][m], keeps every remaining marker backed by a citation", () => {
    const result = resolveCitations("Both say so [2, 1, 5]. Again [1][1].", [BZIP2, LEAVE]);
    expect(result.answer).toBe("Both say so [2][1]. Again [1].");
    const refs = new Set(result.citations.map((citation) => citation.ref));
    for (const n of markers(result.answer)) expect(refs.has(n)).toBe(true);
    expect(result.droppedRefs).toBe(1);
  });

  it("has no citations when nothing is cited", () => {
    expect(resolveCitations("No markers at all.", [BZIP2]).citations).toEqual([]);
  });

  it("puts the quote on the page it is on when the passage spans pages", () => {
    const text = "First page sentence about alpha. Second page sentence about the block size.";
    const spanning = passage(4, text, {
      page: 7,
      pageEnd: 8,
      pageSpans: [
        { start: 0, page: 7 },
        { start: text.indexOf("Second"), page: 8 },
      ],
    });
    const { citations } = resolveCitations("The block size is on the second page [1].", [spanning]);
    expect(citations[0]!.quote).toBe("Second page sentence about the block size.");
    expect(citations[0]!.page).toBe(8);
  });

  it("marks a citation unverified when there is no quote to check", () => {
    const empty = passage(5, "");
    expect(resolveCitations("Claim [1].", [empty]).citations[0]).toMatchObject({ quote: "", verified: false });
  });
});

describe("createMarkerFilter", () => {
  it("gives the same text as rewriteMarkers however the stream is split", () => {
    const text = "A claim [1]. Another [9]. Both [1, 2][3]. End [2]";
    const expected = rewriteMarkers(text, 2).text;
    for (const size of [1, 2, 3, 5, 8]) {
      const filter = createMarkerFilter(2);
      let out = "";
      for (let i = 0; i < text.length; i += size) out += filter.push(text.slice(i, i + size));
      out += filter.end();
      expect(out).toBe(expected);
      expect(out).not.toContain("[9]");
      expect(out).not.toContain("[3]");
    }
  });

  it("does not hold ordinary brackets forever", () => {
    const filter = createMarkerFilter(2);
    expect(filter.push("see [the manual] now")).toBe("see [the manual] now");
  });
});

describe("sentenceSpans", () => {
  it("splits English and Korean sentences and caps long ones at 250 characters", () => {
    // A lower-case word after "!" would make it a macro's name ("format! macro"): the next sentence is capitalised.
    const text = `첫 문장이다. Second sentence! Then ${"word ".repeat(80)}end.`;
    const spans = sentenceSpans(text).map((span) => text.slice(span.start, span.end));
    expect(spans[0]).toBe("첫 문장이다.");
    expect(spans[1]).toBe("Second sentence!");
    for (const span of spans) expect(span.length).toBeLessThanOrEqual(250);
    expect(spans.length).toBeGreaterThan(3);
  });
});
