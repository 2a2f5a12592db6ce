/**
 * `jikji models check`: loads each configured model the way serve would, runs a probe through it and measures
 * load time and passages per second on this machine, so a site sees before its first ingest whether the folder it
 * copied is complete and how long an ingest will take.
 */
import type { Config } from "../config.ts";
import { errorMessage } from "../errors.ts";
import { embedMany } from "./embed/embed-many.ts";
import { createLocalOnnxEmbedder } from "./embed/local-onnx.ts";
import { createOpenAICompatibleEmbedder, probeEmbeddingDimensions } from "./embed/openai-compatible.ts";
import type { Embedder } from "./embed/port.ts";
import { defaultThreads } from "./onnx/pool.ts";
import { createLocalOnnxReranker } from "./rerank/local-onnx.ts";
import type { RerankCandidate } from "./rerank/port.ts";

export interface ModelReport {
  role: "embedder" | "reranker";
  /** "local-onnx", "endpoint", or "none" when nothing is configured. */
  kind: "local-onnx" | "endpoint" | "none";
  name: string | null;
  settings: Record<string, string | number | boolean | null>;
  ok: boolean;
  error?: string;
  dimensions?: number;
  loadMs?: number;
  probe?: { text: string; result: string };
  passages?: number;
  passagesPerSecond?: number;
}

export const PROBE_QUERY = "연차 휴가는 며칠 전까지 신청해야 하나요?";

const SENTENCES = [
  "연차 휴가를 사용하려면 사용 예정일 3일 전까지 소속 부서장에게 휴가 신청서를 제출하여야 한다.",
  "The flags -1 through -9 specify the block size to be 100,000 bytes through 900,000 bytes respectively.",
  "제12조(연차휴가) ② 1년간 80퍼센트 미만 출근한 근로자에게는 1개월 개근 시 1일의 유급휴가를 주어야 한다.",
  "출장 숙박비는 서울 기준 1박 12만 원을 넘을 수 없으며, 영수증을 첨부하여 정산한다.",
  "서버 백업은 매일 새벽 2시에 자동으로 실행되고, 결과는 운영 담당자에게 메일로 통보된다.",
];

/** `count` passages of about 300 characters (roughly 128–256 tokens), each different. */
export function samplePassages(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const parts: string[] = [];
    for (let k = 0; parts.join(" ").length < 300; k++) parts.push(SENTENCES[(i + k) % SENTENCES.length]!);
    return `${i + 1}. ${parts.join(" ")}`;
  });
}

async function measureEmbedder(embedder: Embedder, passages: number): Promise<Pick<ModelReport, "probe" | "passages" | "passagesPerSecond">> {
  const [vector] = await embedder.embed([PROBE_QUERY], { purpose: "query" });
  const texts = samplePassages(passages);
  const started = performance.now();
  await embedMany(embedder, texts, { concurrency: 2 });
  const seconds = (performance.now() - started) / 1000;
  return {
    probe: { text: PROBE_QUERY, result: `[${vector!.slice(0, 3).map((value) => value.toFixed(4)).join(", ")}, …] (${vector!.length} numbers)` },
    passages,
    passagesPerSecond: passages / seconds,
  };
}

async function checkEmbedder(config: Config, passages: number): Promise<ModelReport> {
  if (config.localEmbedding) {
    const local = config.localEmbedding;
    const report: ModelReport = {
      role: "embedder",
      kind: "local-onnx",
      name: null,
      settings: {
        folder: local.dir,
        quantized: local.quantized,
        pooling: local.pooling,
        normalize: local.normalize,
        queryPrefix: local.queryPrefix,
        passagePrefix: local.passagePrefix,
        maxTokens: local.maxTokens,
        workers: local.workers,
        threads: local.threads ?? defaultThreads(local.workers),
      },
      ok: false,
    };
    try {
      const embedder = await createLocalOnnxEmbedder(local);
      try {
        Object.assign(report, { name: embedder.model, dimensions: embedder.dimensions, loadMs: embedder.loadMs, ok: true });
        Object.assign(report, await measureEmbedder(embedder, passages));
      } finally {
        await embedder.close();
      }
    } catch (error) {
      Object.assign(report, { ok: false, error: errorMessage(error) });
    }
    return report;
  }
  if (config.embedding) {
    const endpoint = config.embedding;
    const report: ModelReport = {
      role: "embedder",
      kind: "endpoint",
      name: endpoint.model,
      settings: { baseUrl: endpoint.baseUrl, dimensions: endpoint.dimensions },
      ok: false,
    };
    try {
      const call = {
        baseURL: endpoint.baseUrl,
        model: endpoint.model,
        ...(endpoint.apiKey ? { apiKey: endpoint.apiKey } : {}),
        timeoutMs: config.upstreamTimeoutMs,
      };
      const started = performance.now();
      const dimensions = endpoint.dimensions ?? (await probeEmbeddingDimensions(call));
      const embedder = createOpenAICompatibleEmbedder({ ...call, dimensions });
      Object.assign(report, { dimensions, loadMs: performance.now() - started, ok: true });
      Object.assign(report, await measureEmbedder(embedder, passages));
    } catch (error) {
      Object.assign(report, { ok: false, error: errorMessage(error) });
    }
    return report;
  }
  return { role: "embedder", kind: "none", name: null, settings: {}, ok: true };
}

async function checkReranker(config: Config, passages: number): Promise<ModelReport> {
  const local = config.localRerank;
  if (!local) return { role: "reranker", kind: "none", name: null, settings: {}, ok: true };
  const report: ModelReport = {
    role: "reranker",
    kind: "local-onnx",
    name: null,
    settings: {
      folder: local.dir,
      quantized: local.quantized,
      maxTokens: local.maxTokens,
      topN: local.topN,
      budgetMs: local.budgetMs,
      workers: local.workers,
      threads: local.threads ?? defaultThreads(local.workers),
    },
    ok: false,
  };
  try {
    // Measured without the budget or the top-N cut, so the figure is the model's own speed.
    const reranker = await createLocalOnnxReranker({ ...local, topN: passages, budgetMs: 24 * 3600_000 });
    try {
      Object.assign(report, { name: reranker.name, loadMs: reranker.loadMs, ok: true });
      const candidates: RerankCandidate[] = samplePassages(passages).map((text, i) => ({ id: String(i), text, headingPath: [], score: 0 }));
      const [probe] = await reranker.score(PROBE_QUERY, candidates.slice(0, 1));
      const started = performance.now();
      await reranker.score(PROBE_QUERY, candidates);
      const seconds = (performance.now() - started) / 1000;
      Object.assign(report, {
        probe: { text: `${PROBE_QUERY} ↔ ${candidates[0]!.text.slice(0, 40)}…`, result: `score ${probe?.toFixed(4)}` },
        passages,
        passagesPerSecond: passages / seconds,
      });
    } finally {
      await reranker.close();
    }
  } catch (error) {
    Object.assign(report, { ok: false, error: errorMessage(error) });
  }
  return report;
}

/** One report per role, in order: the embedder, then the reranker. Never throws for a broken model. */
export async function checkModels(config: Config, options: { passages: number }): Promise<ModelReport[]> {
  return [await checkEmbedder(config, options.passages), await checkReranker(config, options.passages)];
}
