import { describe, expect, it } from "vitest";
import { citationFor } from "../../src/answer/citations.ts";
import { extractiveAnswer } from "../../src/answer/extractive.ts";
import type { ChunkRole } from "../../src/store/schema.ts";
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

/** data.go.kr's Open API 활용가이드: its error-code table follows the last service's example response. */
const neighbour = (chunkId: string, text: string, headingPath: string[], role?: ChunkRole) => ({
  chunkId,
  text,
  pageStart: null,
  pageEnd: null,
  pageSpans: [],
  charStart: 0,
  charEnd: text.length,
  clausePath: null,
  headingPath,
  ...(role === undefined ? {} : { role }),
});

describe("extractiveAnswer citations", () => {
  it("name the section of the chunk each quote comes from, a neighbour's as well as the hit's", () => {
    const hit = passage(1, "에러코드 | 에러메세지 | 설명\n22 | LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR | 서비스 요청제한횟수 초과에러", {
      page: null,
      headingPath: ["2. OpenAPI 에러 코드정리"],
      neighbours: {
        before: neighbour("example", "응답메시지의 totalCount는 전체 결과 수이며 서비스 요청제한횟수를 넘으면 결과가 오지 않는다.", ["1. 서비스 명세", "다. 상세기능내역"]),
        after: null,
      },
    });
    const result = extractiveAnswer("서비스 요청제한횟수 초과에러는 어떤 경우인가요? totalCount 결과 수", [hit])!;
    const sections = new Map(result.citations.map((citation) => [citation.chunkId, citation.section]));
    expect(sections.get("example")).toBe("1. 서비스 명세 > 다. 상세기능내역");
    expect(sections.get("chunk-1")).toBe("2. OpenAPI 에러 코드정리");
  });

  it("never quote a table of contents shown next to the hit, with contentsNeighbours off (JIKJI_ANSWER_CONTENTS_NEIGHBOURS)", () => {
    const hit = passage(1, "① 활용신청하고자 하는 API를 검색하여 제목을 클릭한다.\n② 서비스정보와 상세기능 확인 후, 활용신청 버튼을 클릭한다.", {
      page: null,
      headingPath: ["서비스 사용", "1.1. 서비스 Key 발급 및 활용", "가. 서비스 Key발급(인증신청 및 발급)"],
      neighbours: {
        before: neighbour("contents", "목차\n\n1.1. 서비스 Key 발급 및 활용 3\n\n가. 서비스 Key발급(인증신청 및 발급) 3\n\n나. 서비스 인증키 활용 4", [], "toc"),
        after: null,
      },
    });
    const quoted = (contentsNeighbours: boolean) =>
      extractiveAnswer("서비스 Key 발급은 어떻게 신청하나요?", [hit], { tuning: { contentsNeighbours } })?.citations.map((citation) => citation.chunkId) ?? [];
    expect(quoted(false)).not.toContain("contents");
    // On by default: fresh9 loses an answer without it (BENCHMARKS.md "Korean Word documents from other writers").
    expect(quoted(true)).toContain("contents");
  });
});
