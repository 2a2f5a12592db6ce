import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, RerankUnavailableError } from "../../src/errors.ts";
import { createLocalOnnxReranker, type LocalOnnxRerankerConfig } from "../../src/retrieve/rerank/local-onnx.ts";
import type { RerankCandidate } from "../../src/retrieve/rerank/port.ts";
import { TINY_SHAPE, writeModelFolder } from "../fixtures/onnx-model.ts";
import { rerankerContract } from "../contracts/reranker.contract.ts";

const root = mkdtempSync(path.join(tmpdir(), "jikji-onnx-rerank-"));
const dir = path.join(root, "tiny-bge-reranker");
writeModelFolder(dir, { ...TINY_SHAPE, kind: "rerank" });
writeModelFolder(path.join(root, "tiny-bge-reranker-int8"), { ...TINY_SHAPE, kind: "rerank", quantized: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const base: LocalOnnxRerankerConfig = { dir, quantized: false, maxTokens: 96, topN: 20, budgetMs: 60_000, threads: 1 };

function candidate(id: string, text: string, score = 1, headingPath: string[] = []): RerankCandidate {
  return { id, text, headingPath, score };
}

const QUERY = "연차 휴가는 며칠 전까지 신청해야 하나요?";
const RELEVANT = candidate("relevant", "연차 휴가를 사용하려면 3일 전까지 팀장에게 휴가 신청서를 제출해야 한다.");
const OTHERS = [
  candidate("backup", "서버 백업은 매일 새벽 2시에 자동으로 실행된다."),
  candidate("hotel", "출장 숙박비는 서울 기준 1박 12만 원을 넘을 수 없다."),
];

async function withReranker<T>(config: LocalOnnxRerankerConfig, use: (reranker: Awaited<ReturnType<typeof createLocalOnnxReranker>>) => Promise<T>): Promise<T> {
  const reranker = await createLocalOnnxReranker(config);
  try {
    return await use(reranker);
  } finally {
    await reranker.close();
  }
}

rerankerContract("local ONNX", () => createLocalOnnxReranker({ dir, quantized: false, maxTokens: 128, topN: 50, budgetMs: 60_000, threads: 1 }));

describe("local ONNX reranker", () => {
  it("names itself after the folder and scores nothing for no candidates", async () => {
    await withReranker(base, async (reranker) => {
      expect(reranker.name).toBe("local-onnx:tiny-bge-reranker");
      expect(await reranker.score(QUERY, [])).toEqual([]);
    });
  });

  it("scores the passage sharing the query's words above the others, wherever it stands, the same on every call", async () => {
    await withReranker(base, async (reranker) => {
      for (const position of [0, 1, 2]) {
        const candidates = [...OTHERS];
        candidates.splice(position, 0, RELEVANT);
        const scores = (await reranker.score(QUERY, candidates)) as number[];
        expect(scores).toHaveLength(3);
        for (const [i, score] of scores.entries()) if (i !== position) expect(scores[position]).toBeGreaterThan(score);
        expect(await reranker.score(QUERY, candidates)).toEqual(scores);
      }
    });
  });

  it("runs the int8 variant too", async () => {
    await withReranker({ ...base, dir: path.join(root, "tiny-bge-reranker-int8"), quantized: true }, async (reranker) => {
      const scores = (await reranker.score(QUERY, [OTHERS[0]!, RELEVANT])) as number[];
      expect(scores[1]).toBeGreaterThan(scores[0]!);
    });
  });

  it("lets the section path speak for a passage", async () => {
    await withReranker(base, async (reranker) => {
      const bare = candidate("bare", "제출 기한은 아래와 같다.");
      const titled = candidate("titled", "제출 기한은 아래와 같다.", 1, ["연차 휴가", "신청 절차"]);
      const [plain, withHeading] = (await reranker.score(QUERY, [bare, titled])) as number[];
      expect(withHeading).toBeGreaterThan(plain!);
    });
  });

  it("scores only the top candidates and leaves the rest unscored", async () => {
    await withReranker({ ...base, topN: 2 }, async (reranker) => {
      const scores = await reranker.score(QUERY, [OTHERS[0]!, OTHERS[1]!, RELEVANT]);
      expect(typeof scores[0]).toBe("number");
      expect(typeof scores[1]).toBe("number");
      expect(scores[2]).toBeNull();
    });
  });

  it("returns what the budget allowed: scored candidates first, the unscored ones as null after them", async () => {
    const many = Array.from({ length: 60 }, (_, i) => candidate(`c${i}`, `${OTHERS[i % 2]!.text} ${"문단 ".repeat(20)} ${i}`));
    await withReranker({ ...base, topN: 60, budgetMs: 1, batchSize: 2 }, async (reranker) => {
      const scores = await reranker.score(QUERY, many);
      expect(scores).toHaveLength(60);
      const firstNull = scores.indexOf(null);
      expect(firstNull).toBeGreaterThanOrEqual(0);
      expect(scores.slice(firstNull).every((score) => score === null)).toBe(true);
    });
    await withReranker({ ...base, topN: 60, batchSize: 8, workers: 2 }, async (reranker) => {
      const scores = await reranker.score(QUERY, many);
      expect(scores.every((score) => typeof score === "number")).toBe(true);
    });
  });

  it("rejects when the caller aborts, and throws RerankUnavailableError when the model cannot run", async () => {
    const reranker = await createLocalOnnxReranker(base);
    const controller = new AbortController();
    const pending = reranker.score(QUERY, [RELEVANT], { signal: controller.signal });
    controller.abort(new Error("request closed"));
    await expect(pending).rejects.toThrow("request closed");
    await reranker.close();
    await expect(reranker.score(QUERY, [RELEVANT])).rejects.toBeInstanceOf(RerankUnavailableError);
  });

  it("fails at start-up naming what the folder lacks", async () => {
    const error = await createLocalOnnxReranker({ ...base, dir: path.join(root, "tiny-bge-reranker-int8") }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toContain("JIKJI_RERANK_MODEL_DIR=");
    expect((error as ConfigError).problems[0]).toContain("JIKJI_RERANK_QUANTIZED=true");
  });
});
