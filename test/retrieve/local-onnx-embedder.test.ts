import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { createLocalOnnxEmbedder, type LocalOnnxEmbedderConfig } from "../../src/retrieve/embed/local-onnx.ts";
import { describeEmbedderContract } from "../contracts/embedder.contract.ts";
import { TINY_SHAPE, writeModelFolder } from "../fixtures/onnx-model.ts";

const root = mkdtempSync(path.join(tmpdir(), "jikji-onnx-embed-"));
const full = path.join(root, "tiny-e5");
const quantized = path.join(root, "tiny-e5-int8");
writeModelFolder(full, { ...TINY_SHAPE, kind: "embed" });
writeModelFolder(quantized, { ...TINY_SHAPE, kind: "embed", quantized: true });

const base: LocalOnnxEmbedderConfig = {
  dir: full,
  quantized: false,
  pooling: "mean",
  normalize: true,
  queryPrefix: "",
  passagePrefix: "",
  maxTokens: 64,
  maxEmbeddingsPerCall: 4,
  threads: 1,
};

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i]!, 0);
}

async function problemsOf(config: LocalOnnxEmbedderConfig): Promise<string[]> {
  const error = await createLocalOnnxEmbedder(config).then(
    async (embedder) => {
      await embedder.close();
      return null;
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return [...(error as ConfigError).problems];
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describeEmbedderContract("local ONNX adapter on a generated tiny BERT", async () => {
  const embedder = await createLocalOnnxEmbedder(base);
  return { embedder, close: () => embedder.close() };
});

describeEmbedderContract("local ONNX adapter on a generated tiny BERT, two workers", async () => {
  const embedder = await createLocalOnnxEmbedder({ ...base, workers: 2 });
  return { embedder, close: () => embedder.close() };
});

describe("local ONNX embedder", () => {
  const texts = ["연차 휴가는 며칠 전까지 신청하나요?", "bzip2 block size", "서버 백업은 매일 새벽에 실행된다."];
  let reference: number[][];
  beforeAll(async () => {
    const embedder = await createLocalOnnxEmbedder(base);
    reference = await embedder.embed(texts);
    await embedder.close();
  });

  it("gives the model's width, the same vectors on every load, and the same vector alone as in a padded batch", async () => {
    const embedder = await createLocalOnnxEmbedder(base);
    try {
      expect(embedder.dimensions).toBe(TINY_SHAPE.hidden);
      expect(embedder.model).toBe("local-onnx:tiny-e5");
      expect(await embedder.embed(texts)).toEqual(reference);
      const alone = await embedder.embed([texts[1]!]);
      alone[0]!.forEach((value, i) => expect(value).toBeCloseTo(reference[1]![i]!, 5));
    } finally {
      await embedder.close();
    }
  });

  it("L2-normalises when asked to and leaves the pooled vector alone otherwise", async () => {
    for (const vector of reference) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    const raw = await createLocalOnnxEmbedder({ ...base, normalize: false });
    try {
      const vectors = await raw.embed(texts);
      vectors.forEach((vector, row) => {
        const norm = Math.hypot(...vector);
        expect(Math.abs(norm - 1)).toBeGreaterThan(0.01);
        vector.forEach((value, i) => expect(value / norm).toBeCloseTo(reference[row]![i]!, 5));
      });
    } finally {
      await raw.close();
    }
  });

  it("pools the first token with cls instead of averaging", async () => {
    const cls = await createLocalOnnxEmbedder({ ...base, pooling: "cls" });
    try {
      const vectors = await cls.embed(texts);
      vectors.forEach((vector, row) => expect(dot(vector, reference[row]!)).toBeLessThan(0.999));
    } finally {
      await cls.close();
    }
  });

  it("puts the query prefix before queries and the passage prefix before passages", async () => {
    const e5 = await createLocalOnnxEmbedder({ ...base, queryPrefix: "query: ", passagePrefix: "passage: " });
    const plain = await createLocalOnnxEmbedder(base);
    try {
      const [query] = await e5.embed([texts[0]!], { purpose: "query" });
      const [passage] = await e5.embed([texts[0]!]);
      const [explicitPassage] = await e5.embed([texts[0]!], { purpose: "passage" });
      const [byHandQuery, byHandPassage] = await plain.embed([`query: ${texts[0]}`, `passage: ${texts[0]}`]);
      query!.forEach((value, i) => expect(value).toBeCloseTo(byHandQuery![i]!, 5));
      passage!.forEach((value, i) => expect(value).toBeCloseTo(byHandPassage![i]!, 5));
      expect(explicitPassage).toEqual(passage);
      expect(dot(query!, passage!)).toBeLessThan(0.999);
    } finally {
      await Promise.all([e5.close(), plain.close()]);
    }
  });

  it("truncates texts to the token limit", async () => {
    const short = await createLocalOnnxEmbedder({ ...base, maxTokens: 8 });
    try {
      const long = `${texts[0]} ${"추가 문장 ".repeat(200)}`;
      const [cut] = await short.embed([long]);
      const [sameStart] = await short.embed([`${texts[0]} 다른 끝`]);
      cut!.forEach((value, i) => expect(value).toBeCloseTo(sameStart![i]!, 5));
    } finally {
      await short.close();
    }
  });

  it("runs an int8 model, whose vectors shift slightly with the batch (activation ranges are per batch)", async () => {
    const int8 = await createLocalOnnxEmbedder({ ...base, dir: quantized, quantized: true });
    try {
      const batch = await int8.embed(texts);
      const alone = await int8.embed([texts[1]!]);
      expect(int8.dimensions).toBe(TINY_SHAPE.hidden);
      expect(dot(alone[0]!, batch[1]!)).toBeGreaterThan(0.999);
      expect(dot(batch[0]!, batch[1]!)).toBeLessThan(0.99);
      expect(await int8.embed(texts)).toEqual(batch);
    } finally {
      await int8.close();
    }
  });

  it("answers concurrent calls each with its own vectors", async () => {
    const embedder = await createLocalOnnxEmbedder({ ...base, workers: 2 });
    try {
      const calls = Array.from({ length: 12 }, (_, i) => [texts[i % 3]!, `문서 ${i}`]);
      const results = await Promise.all(calls.map((batch) => embedder.embed(batch)));
      results.forEach((vectors, i) => vectors[0]!.forEach((value, k) => expect(value).toBeCloseTo(reference[i % 3]![k]!, 5)));
      expect(dot(results[0]![1]!, results[1]![1]!)).toBeLessThan(0.999);
    } finally {
      await embedder.close();
    }
  });

  it("stops waiting when the caller aborts", async () => {
    const embedder = await createLocalOnnxEmbedder(base);
    try {
      const controller = new AbortController();
      const pending = embedder.embed(texts, { signal: controller.signal });
      controller.abort(new Error("caller gave up"));
      await expect(pending).rejects.toThrow("caller gave up");
      expect(await embedder.embed([texts[0]!])).toHaveLength(1);
    } finally {
      await embedder.close();
    }
  });
});

describe("local ONNX embedder start-up errors", () => {
  it("names every file missing from the folder", async () => {
    const broken = path.join(root, "broken");
    cpSync(full, broken, { recursive: true });
    rmSync(path.join(broken, "tokenizer.json"));
    rmSync(path.join(broken, "onnx"), { recursive: true });
    const problems = await problemsOf({ ...base, dir: broken });
    expect(problems.join("\n")).toContain("tokenizer.json is missing");
    expect(problems.join("\n")).toContain("onnx/model.onnx is missing");
    expect(problems.join("\n")).toContain(`JIKJI_EMBED_MODEL_DIR=${broken}`);
  });

  it("says when the folder does not exist", async () => {
    expect(await problemsOf({ ...base, dir: path.join(root, "nowhere") })).toEqual([
      `JIKJI_EMBED_MODEL_DIR=${path.join(root, "nowhere")}: the folder does not exist`,
    ]);
  });

  it("points at the quantised setting when only the other variant is there", async () => {
    const [problem] = await problemsOf({ ...base, quantized: true });
    expect(problem).toContain("onnx/model_quantized.onnx");
    expect(problem).toContain("JIKJI_EMBED_QUANTIZED=false");
  });

  it("reports a model file ONNX Runtime cannot read", async () => {
    const corrupt = path.join(root, "corrupt");
    cpSync(full, corrupt, { recursive: true });
    writeFileSync(path.join(corrupt, "onnx", "model.onnx"), "not a model");
    const [problem] = await problemsOf({ ...base, dir: corrupt });
    expect(problem).toContain("onnx/model.onnx could not be loaded");
  });

  it("refuses a model whose width differs from the configured dimensions", async () => {
    const [problem] = await problemsOf({ ...base, dimensions: 1024 });
    expect(problem).toContain("JIKJI_EMBED_DIMENSIONS: is 1024");
    expect(problem).toContain(`${TINY_SHAPE.hidden}-dimensional`);
  });
});

describe("local ONNX embedder without a network", () => {
  it("loads and embeds with fetch and sockets blocked in every thread, and never tries them", async () => {
    const script = path.join(root, "offline.ts");
    const adapter = fileURLToPath(new URL("../../src/retrieve/embed/local-onnx.ts", import.meta.url));
    writeFileSync(
      script,
      `import { createLocalOnnxEmbedder } from ${JSON.stringify(adapter)};
const embedder = await createLocalOnnxEmbedder(${JSON.stringify({ ...base, dir: quantized, quantized: true })});
const vectors = await embedder.embed(["망분리 환경의 문서 검색", "offline search"]);
await embedder.close();
let missing = "";
try {
  await createLocalOnnxEmbedder(${JSON.stringify({ ...base, dir: path.join(root, "no-such-model") })});
} catch (error) {
  missing = error.message;
}
console.log(JSON.stringify({ rows: vectors.length, width: vectors[0].length, missing }));
`,
    );
    const blocker = fileURLToPath(new URL("../helpers/block-network.ts", import.meta.url));
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(process.execPath, ["--import", blocker, script], { timeout: 60_000 }, (error, out, err) =>
        error ? reject(Object.assign(error, { stderr: err })) : resolve({ stdout: out, stderr: err }),
      );
    });
    expect(stderr).toContain("network blocked in main thread");
    expect(stderr).toContain("network blocked in worker thread");
    expect(stderr).not.toContain("NETWORK ATTEMPT");
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result).toMatchObject({ rows: 2, width: TINY_SHAPE.hidden });
    expect(result.missing).toContain("the folder does not exist");
  });
});
