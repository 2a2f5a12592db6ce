/** The README's example, run as written against the committed example documents. */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";

const readme = await fs.readFile(new URL("../../README.md", import.meta.url), "utf8");
const commands = [...readme.matchAll(/^npx jikji (.+)$/gm)].map((match) => splitArgs(match[1]!));
const shownAnswer = readme.match(/The last one answers[^\n]*\n\n```\n([\s\S]*?)```/)?.[1];

function splitArgs(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-readme-"));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("README example", () => {
  it("lists the commands and the answer it promises", () => {
    expect(commands.map((args) => args[0])).toEqual(["ingest", "search", "search", "ask"]);
    expect(shownAnswer).toBeDefined();
  });

  it("works exactly as written", async () => {
    const dataDir = ["--data-dir", path.join(root, "data")];
    const cwd = process.cwd();
    process.chdir(fileURLToPath(new URL("../..", import.meta.url)));
    try {
      const outputs = [];
      for (const args of commands) {
        const result = await cli([...args, ...dataDir]);
        expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
        outputs.push(result.stdout);
      }
      expect(outputs[0]).toMatch(/3 ingested, 0 unchanged, 0 failed/);
      expect(outputs[1]).toMatch(/^1\. 휴가-규정\.md/);
      expect(JSON.parse(outputs[2]!).hits[0].source).toBe("security-policy.html");
      expect(outputs[3]).toBe(shownAnswer);
    } finally {
      process.chdir(cwd);
    }
  });
});
