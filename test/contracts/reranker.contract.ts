/** What every Reranker must do; run against each adapter (built-in, HTTP /rerank, local ONNX). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RerankCandidate, Reranker } from "../../src/retrieve/rerank/port.ts";

function candidate(id: string, text: string, headingPath: string[] = []): RerankCandidate {
  // Equal first-stage scores: the order must come from the reranker's own judgement.
  return { id, text, headingPath, score: 1 };
}

const ENGLISH = {
  query: "What is the default block size bzip2 uses when compressing?",
  relevant: candidate(
    "en-relevant",
    "The flags -1 through -9 specify the block size to be 100,000 bytes through 900,000 bytes (the default) respectively.",
  ),
  irrelevant: [
    candidate("en-1", "Holiday requests are approved by the team lead within two working days."),
    candidate("en-2", "The cafeteria on the third floor serves lunch from noon until two o'clock."),
  ],
};

const KOREAN = {
  query: "연차 휴가는 며칠 전까지 신청해야 하나요?",
  relevant: candidate("ko-relevant", "연차 휴가를 사용하려면 3일 전까지 팀장에게 휴가 신청서를 제출해야 한다."),
  irrelevant: [
    candidate("ko-1", "서버 백업은 매일 새벽 2시에 자동으로 실행된다."),
    candidate("ko-2", "출장 숙박비는 서울 기준 1박 12만 원을 넘을 수 없다."),
  ],
};

function scoreOf(scores: ReadonlyArray<number | null>, index: number): number {
  const score = scores[index];
  expect(typeof score).toBe("number");
  expect(Number.isFinite(score)).toBe(true);
  return score as number;
}

export function rerankerContract(name: string, make: () => Promise<Reranker>): void {
  describe(`Reranker contract: ${name}`, () => {
    let reranker: Reranker;
    beforeEach(async () => {
      reranker = await make();
    });
    afterEach(async () => {
      await reranker.close();
    });

    it("has a name for logs", () => {
      expect(reranker.name.length).toBeGreaterThan(0);
    });

    it("returns nothing for no candidates", async () => {
      expect(await reranker.score(ENGLISH.query, [])).toEqual([]);
    });

    it.each([
      ["English", ENGLISH],
      ["Korean", KOREAN],
    ])("scores the relevant %s candidate above the irrelevant ones, wherever it stands", async (_label, set) => {
      for (const position of [0, 1, 2]) {
        const candidates = [...set.irrelevant];
        candidates.splice(position, 0, set.relevant);
        const scores = await reranker.score(set.query, candidates);
        expect(scores).toHaveLength(candidates.length);
        const relevant = scoreOf(scores, position);
        candidates.forEach((_, i) => {
          if (i !== position) expect(relevant).toBeGreaterThan(scoreOf(scores, i));
        });
      }
    });

    it("keeps one score per candidate in the candidates' order", async () => {
      const candidates = [KOREAN.relevant, ...KOREAN.irrelevant, ENGLISH.relevant];
      const forward = await reranker.score(KOREAN.query, candidates);
      const backward = await reranker.score(KOREAN.query, [...candidates].reverse());
      expect(backward).toHaveLength(forward.length);
      forward.forEach((score, i) => expect(backward[forward.length - 1 - i]).toBeCloseTo(score as number, 5));
    });

    it("is deterministic", async () => {
      const candidates = [ENGLISH.relevant, ...ENGLISH.irrelevant];
      expect(await reranker.score(ENGLISH.query, candidates)).toEqual(await reranker.score(ENGLISH.query, candidates));
    });

    it("answers concurrent calls each with its own scores", async () => {
      const english = [ENGLISH.relevant, ...ENGLISH.irrelevant];
      const korean = [...KOREAN.irrelevant, KOREAN.relevant];
      const expectedEnglish = await reranker.score(ENGLISH.query, english);
      const expectedKorean = await reranker.score(KOREAN.query, korean);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          i % 2 === 0 ? reranker.score(ENGLISH.query, english) : reranker.score(KOREAN.query, korean),
        ),
      );
      results.forEach((scores, i) => expect(scores).toEqual(i % 2 === 0 ? expectedEnglish : expectedKorean));
    });
  });
}
