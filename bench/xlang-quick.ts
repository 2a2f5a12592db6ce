/**
 * Quick rows for the cross-language lever (issue 8, xlang8): ingests the tune and heldout documents once into
 * `--data-dir` (kept between runs, so a row costs only the evals), then prints the Korean-on-English-document
 * ("cross") and "other" figures of tune and heldout with the `--env` settings, as `bench/real-docs.ts --splits
 * tune,heldout` prints them (same `jikji eval --answers` runs over the same subsets; the lever reads chunk text at
 * query time, so the index does not depend on it).
 *
 *   npx node bench/xlang-quick.ts --data-dir /tmp/x [--splits tune] [--env NAME=VALUE]...
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EvalReport, QaItem } from "../src/retrieve/eval.ts";
import { envArguments, jikji } from "./lib/cli.ts";
import { QUESTIONS_FILE, REAL_DOCUMENTS, targetOf, writeRealDocuments } from "./lib/real-docs.ts";

const at = process.argv.indexOf("--data-dir");
if (at < 0 || !process.argv[at + 1]) throw new Error("--data-dir DIR is required");
const dataDir = process.argv[at + 1]!;
const splitsAt = process.argv.indexOf("--splits");
const splits = splitsAt >= 0 ? process.argv[splitsAt + 1]!.split(",") : ["tune", "heldout"];
const ENV = envArguments();
const root = await mkdtemp(join(tmpdir(), "jikji-xlang-quick-"));
if (!existsSync(dataDir)) {
  const docs = await writeRealDocuments(join(root, "docs"), REAL_DOCUMENTS.filter((d) => d.split === "tune" || d.split === "heldout"));
  await jikji(["ingest", docs, "--json", "--data-dir", dataDir], {});
}
const isKoreanOnEnglish = (item: QaItem) =>
  /[가-힣]/u.test(item.question) && REAL_DOCUMENTS.some((document) => document.language === "en" && document.name === targetOf(item).name);
const lines = (await readFile(QUESTIONS_FILE, "utf8")).split("\n").filter((line) => line.trim() !== "");
const cells: string[] = [];
for (const split of splits) {
  for (const [name, test] of [
    ["cross", isKoreanOnEnglish],
    ["other", (item: QaItem) => !isKoreanOnEnglish(item)],
  ] as const) {
    const chosen = lines.filter((line) => {
      const item = JSON.parse(line) as QaItem;
      return item.split === split && test(item);
    });
    const subset = join(root, `${split}-${name}.jsonl`);
    await writeFile(subset, chosen.join("\n") + "\n");
    const r = JSON.parse(await jikji(["eval", "--qa", subset, "--answers", "--json", "--data-dir", dataDir], ENV)) as EvalReport;
    const n = r.questions;
    const a = r.answerContains ? Math.round(r.answerContains.extractive * r.answerContains.questions) : NaN;
    cells.push(
      name === "cross"
        ? `${split} cross ${Math.round(r["recall@1"] * n)}/${Math.round(r["recall@3"] * n)}/${Math.round(r["recall@5"] * n)} of ${n}, answers ${a}`
        : `${split} other ${r["recall@1"].toFixed(3)}/${r["recall@3"].toFixed(3)}/${r["recall@5"].toFixed(3)} MRR ${r["mrr@10"].toFixed(3)}, answers ${a}`,
    );
  }
}
console.log(`${JSON.stringify(ENV)}\n  ${cells.join("\n  ")}`);
