import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collectFiles } from "./files.ts";

describe("collectFiles", () => {
  it("picks up MDX pages in a folder (Docusaurus and Next.js doc sites) and reports what it skips", async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-files-"));
    try {
      await fs.mkdir(path.join(folder, "docs"));
      await fs.writeFile(path.join(folder, "docs", "설치.mdx"), "# 설치\n\n<Tabs>\n안내\n</Tabs>\n");
      await fs.writeFile(path.join(folder, "docs", "intro.md"), "# Intro\n");
      await fs.writeFile(path.join(folder, "docs", "logo.png"), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      const { files, skipped } = await collectFiles([folder]);
      expect(files.map((file) => file.source)).toEqual(["docs/intro.md", "docs/설치.mdx"]);
      expect(skipped).toEqual(["docs/logo.png"]);
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it("picks up e-mails kept as files (.eml) in a folder, as it does saved pages", async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-files-"));
    try {
      await fs.writeFile(path.join(folder, "공지.eml"), "From: hr@example.co.kr\nSubject: 공지\nMIME-Version: 1.0\nContent-Type: text/plain\n\n본문\n");
      await fs.writeFile(path.join(folder, "page.mhtml"), "MIME-Version: 1.0\nContent-Type: text/html\n\n<p>x</p>\n");
      const { files, skipped } = await collectFiles([folder]);
      expect(files.map((file) => file.source).sort()).toEqual(["page.mhtml", "공지.eml"]);
      expect(skipped).toEqual([]);
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});
