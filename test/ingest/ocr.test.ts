import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ocrAvailable } from "../fixtures/ocr.ts";
import { cli } from "../helpers/cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCAN = fileURLToPath(new URL("../fixtures/hostile/scanned-korean.pdf", import.meta.url));

let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-ocr-"));
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const haveOcr = await ocrAvailable("OCR test");

describe("OCR of pages without a text layer", () => {
  it.runIf(haveOcr)("makes a scanned Korean page searchable and says which page was OCR'd", async () => {
    const dataDir = path.join(root, "with-ocr");
    const ingested = await cli(["ingest", SCAN, "--data-dir", dataDir]);
    expect(ingested.code, ingested.stdout + ingested.stderr).toBe(0);
    expect(ingested.stdout).toMatch(/✓ ingested\s+scanned-korean\.pdf\n\s+page 1: OCR \(kor\+eng\)/);

    const found = await cli(["search", "금속활자본", "--json", "--data-dir", dataDir]);
    const { hits } = JSON.parse(found.stdout) as { hits: Array<{ source: string; page: number; text: string }> };
    expect(hits[0]).toMatchObject({ source: "scanned-korean.pdf", page: 1 });
    expect(hits[0]!.text).toContain("직지심체요절");
  });

  it("explains, without failing the batch, that OCR was skipped when tesseract is not on the PATH", async () => {
    const dataDir = path.join(root, "without-ocr");
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      // Only node's own directory on the PATH: no tesseract, no pdftoppm.
      const child = spawn(process.execPath, [path.join(ROOT, "bin/jikji.js"), "ingest", SCAN, "--json", "--data-dir", dataDir], {
        env: { PATH: path.dirname(process.execPath) },
        stdio: ["ignore", "pipe", "ignore"],
      });
      let stdout = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { failed: Array<{ source: string; error: string }> };
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]!.error).toMatch(
      /scanned-korean\.pdf has no text layer.*needs OCR \(page 1 has no text layer; OCR skipped because tesseract\/pdftoppm is not installed \(apt-get install tesseract-ocr/,
    );
  });
});
