/**
 * Checks a model folder in the Hugging Face layout before any model is loaded, so a wrong path or a half-copied
 * folder fails at start-up with one message that names every missing file, instead of deep inside ONNX Runtime.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../../errors.ts";

export interface ModelFolder {
  dir: string;
  /** File name inside onnx/ without ".onnx" suffix and without the dtype suffix transformers.js adds. */
  modelFileName: string;
  /** The dtype that makes transformers.js pick `onnx/<modelFileName><suffix>.onnx`. */
  dtype: "fp32" | "q8" | "int8" | "uint8";
  /** Path of the chosen ONNX file, relative to the folder. */
  onnxFile: string;
  /** A sibling `<file>.onnx_data` holds the weights (models over 2 GB). */
  externalData: boolean;
  /** `hidden_size` (or `d_model`) from config.json: the width of the last hidden state. */
  hiddenSize: number | null;
  modelType: string | null;
}

/** Files in onnx/ tried in order; the dtype is what transformers.js needs to find each one. */
const CANDIDATES: Record<"quantized" | "full", Array<{ file: string; dtype: ModelFolder["dtype"] }>> = {
  quantized: [
    { file: "model_quantized.onnx", dtype: "q8" },
    { file: "model_int8.onnx", dtype: "int8" },
    { file: "model_uint8.onnx", dtype: "uint8" },
  ],
  full: [{ file: "model.onnx", dtype: "fp32" }],
};

/**
 * Validates `dir` for one model. `variable` names the setting in messages (e.g. JIKJI_EMBED_MODEL_DIR).
 * Throws ConfigError listing everything missing or unreadable.
 */
export function checkModelFolder(dir: string, options: { quantized: boolean; variable: string }): ModelFolder {
  const problems: string[] = [];
  const where = `${options.variable}=${dir}`;
  if (!existsSync(dir)) throw new ConfigError([`${where}: the folder does not exist`]);

  let config: Record<string, unknown> | null = null;
  const configPath = path.join(dir, "config.json");
  if (!existsSync(configPath)) problems.push(`${where}: config.json is missing`);
  else {
    try {
      const parsed: unknown = JSON.parse(readFileSync(configPath, "utf8"));
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
      else problems.push(`${where}: config.json is not a JSON object`);
    } catch (error) {
      problems.push(`${where}: config.json is not valid JSON (${(error as Error).message})`);
    }
  }
  for (const file of ["tokenizer.json", "tokenizer_config.json"]) {
    if (!existsSync(path.join(dir, file))) problems.push(`${where}: ${file} is missing`);
  }

  const onnxDir = path.join(dir, "onnx");
  const present = existsSync(onnxDir) ? readdirSync(onnxDir).filter((name) => name.endsWith(".onnx")) : [];
  const wanted = CANDIDATES[options.quantized ? "quantized" : "full"];
  const chosen = wanted.find((candidate) => present.includes(candidate.file));
  if (!chosen) {
    const other = options.quantized ? "false" : "true";
    const quantizedSetting = options.variable.replace(/_MODEL_DIR$/, "_QUANTIZED");
    problems.push(
      `${where}: onnx/${wanted.map((c) => c.file).join(" or onnx/")} is missing` +
        (present.length > 0 ? ` (onnx/ holds ${present.join(", ")}; set ${quantizedSetting}=${other}?)` : ""),
    );
  }
  if (problems.length > 0 || !chosen) throw new ConfigError(problems);

  const hidden = config?.hidden_size ?? config?.d_model;
  return {
    dir,
    modelFileName: "model",
    dtype: chosen.dtype,
    onnxFile: `onnx/${chosen.file}`,
    externalData: existsSync(path.join(onnxDir, `${chosen.file}_data`)),
    hiddenSize: typeof hidden === "number" && Number.isInteger(hidden) && hidden > 0 ? hidden : null,
    modelType: typeof config?.model_type === "string" ? config.model_type : null,
  };
}
