/**
 * A reader that stops early (`jikji search … | head -1`, `jikji ingest docs | head`) closes the pipe under jikji
 * (qa3): the command died of an unhandled EPIPE with a stack, and an ingest would stop mid-folder. The rest of the
 * output is dropped and the command finishes its work.
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let root: string;

/** Runs `jikji` with its stdout's reading end closed at once: every write it makes meets a closed pipe. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/jikji.js"), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), JIKJI_OCR: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-closed-pipe-"));
  await fs.mkdir(path.join(root, "docs"));
  for (let i = 0; i < 3; i++) {
    await fs.writeFile(path.join(root, "docs", `rule${i}.md`), `# Rule ${i}\n\nRule${i}pipe says every request is logged.\n`);
  }
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("a closed stdout (qa3)", () => {
  it("lets an ingest finish every file, and a search end quietly", async () => {
    const data = path.join(root, "data");
    const ingest = await withClosedStdout(["ingest", path.join(root, "docs"), "--data-dir", data]);
    expect(ingest.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(ingest.code).toBe(0);

    const search = await withClosedStdout(["search", "every request is logged", "--data-dir", data]);
    expect(search.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(search.code).toBe(0);

    // Everything was ingested although nobody read the progress.
    const { cli } = await import("../helpers/cli.ts");
    const found = await cli(["search", "Rule2pipe", "--json", "--data-dir", data]);
    expect((JSON.parse(found.stdout) as { hits: Array<{ source: string }> }).hits[0]?.source).toBe("rule2.md");
  });
});
