import { describe, expect, it } from "vitest";
import { citationFor } from "../../src/answer/citations.ts";
import { passage } from "./passages.ts";

describe("citationFor", () => {
  it("names the section of the chunk its quote comes from, as it names that chunk's clause", () => {
    // A regulation whose articles are headings: the hit is in 제11조, the quote in the next chunk, 제12조.
    const hit = passage(1, "① 출장을 마친 자는 귀임한 날부터 7일 이내에 여비를 청구하여야 한다.", {
      page: null,
      headingPath: ["제4장 여비의 정산", "제11조(여비의 청구)"],
      clausePath: "제11조(여비의 청구) 제1항",
      neighbours: {
        before: null,
        after: {
          chunkId: "next",
          text: "여비를 미리 지급받은 자가 출장을 취소한 경우에는 5일 이내에 차액을 반납하여야 한다.",
          pageStart: null,
          pageEnd: null,
          pageSpans: [],
          charStart: 60,
          charEnd: 110,
          clausePath: "제12조(여비의 반납)",
          headingPath: ["제4장 여비의 정산", "제12조(여비의 반납)"],
        },
      },
    });
    const fromNeighbour = citationFor(1, hit, "출장을 취소하면 차액을 반납하여야 한다");
    expect([fromNeighbour.section, fromNeighbour.clause]).toEqual(["제4장 여비의 정산 > 제12조(여비의 반납)", "제12조(여비의 반납)"]);
    const fromHit = citationFor(1, hit, "귀임한 날부터 7일 이내에 청구");
    expect([fromHit.section, fromHit.clause]).toEqual(["제4장 여비의 정산 > 제11조(여비의 청구)", "제11조(여비의 청구) 제1항"]);
  });
});
