import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";

const V1 = [
  "# 여비규정",
  "제1조(목적) 이 규정은 출장 여비의 지급에 관한 사항을 정한다.",
  "제3조(수습직원) 수습직원의 여비는 정규직원과 같다.",
  "제5조(일비) ① 국내 출장의 일비는 1일 2만원으로 한다.",
  "② 당일 출장의 일비는 제1항에 따른 금액의 2분의 1로 한다.",
  "부칙",
  "이 규정은 2024년 1월 1일부터 시행한다.",
].join("\n\n");
const V2 = V1.replace("1일 2만원", "1일 3만원")
  .replace("제3조(수습직원) 수습직원의 여비는 정규직원과 같다.\n\n", "")
  .replace("부칙", "제6조(숙박비) 숙박비는 실비로 지급한다.\n\n부칙")
  .replace("2024년 1월 1일", "2025년 3월 1일");

let root: string;
let dataDir: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-compliance-cli-"));
  dataDir = path.join(root, "data");
  const file = path.join(root, "여비규정.md");
  await fs.writeFile(file, V1);
  expect((await cli(["ingest", file, "--collection", "규정", "--keep-history", "--data-dir", dataDir, "--json"])).code).toBe(0);
  await fs.writeFile(file, V2);
  expect((await cli(["ingest", file, "--collection", "규정", "--data-dir", dataDir, "--json"])).code).toBe(0);
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("jikji diff, --as-of and --strict", () => {
  it("lists changed, added and removed clauses in clause order", async () => {
    const result = await cli(["diff", "여비규정.md", "--from", "2024-06-01", "--to", "2025-06-01", "--data-dir", dataDir, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as { from: { version: number }; to: { version: number }; changes: Array<{ clause: string; change: string }> };
    expect([body.from.version, body.to.version]).toEqual([1, 2]);
    expect(body.changes.map((change) => [change.change, change.clause])).toEqual([
      ["removed", "제3조(수습직원)"],
      ["changed", "제5조(일비) 제1항"],
      ["added", "제6조(숙박비)"],
      ["changed", "부칙"],
    ]);
    const text = await cli(["diff", "여비규정.md", "--from", "2024-06-01", "--to", "2025-06-01", "--data-dir", dataDir]);
    expect(text.stdout).toContain("~ 제5조(일비) 제1항 (changed)");
  });

  it("refuses bad dates with a usage error", async () => {
    const result = await cli(["diff", "여비규정.md", "--from", "2024-02-30", "--data-dir", dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--from");
    expect((await cli(["search", "일비", "--as-of", "yesterday", "--data-dir", dataDir])).code).toBe(2);
  });

  it("searches and answers strictly from the version in force on --as-of", async () => {
    const old = await cli(["search", "제5조 1항", "--as-of", "2024-06-01", "--data-dir", dataDir, "--json"]);
    const hits = (JSON.parse(old.stdout) as { hits: Array<{ text: string; clause: string | null }> }).hits;
    expect(hits[0]).toMatchObject({ clause: "제5조(일비) 제1항" });
    expect(hits[0]!.text).toContain("2만원");
    const answer = await cli(["ask", "제5조 1항 국내 출장 일비", "--strict", "--data-dir", dataDir, "--json"]);
    const body = JSON.parse(answer.stdout) as { answer: string; strict: boolean; quotes: Array<{ quote: string }> };
    expect(body.strict).toBe(true);
    expect(body.answer).toContain("3만원");
    expect(body.quotes.length).toBeGreaterThan(0);
  });
});
