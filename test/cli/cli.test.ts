import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";

let root: string;
let docs: string;
let dataDir: string;

async function searchJson(query: string, extra: string[] = []) {
  const result = await cli(["search", query, "--json", "--data-dir", dataDir, ...extra]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {
    query: string;
    hits: Array<{ documentId: string; source: string; title: string | null; page: number | null; chunkId: string; score: number; text: string }>;
  };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-cli-"));
  docs = path.join(root, "docs");
  dataDir = path.join(root, "data");
  await fs.mkdir(path.join(docs, "hr"), { recursive: true });
  await fs.writeFile(
    path.join(docs, "hr", "leave.md"),
    "# 휴가 규정\n\n## 연차 휴가\n\n연차 휴가는 입사일로부터 1년이 지나면 15일이 주어집니다. 신청은 인사 시스템에서 합니다.\n\n## 병가\n\n병가는 진단서를 제출하면 연간 30일까지 쓸 수 있습니다.\n",
  );
  await fs.writeFile(
    path.join(docs, "security.txt"),
    "Security policy\n\nLaptops must use full-disk encryption. Passwords are rotated every 90 days.\n",
  );
  await fs.writeFile(
    path.join(docs, "faq.html"),
    "<html><head><title>고객센터 FAQ</title></head><body><h1>고객센터</h1><p>고객센터 운영 시간은 평일 오전 9시부터 오후 6시까지입니다.</p></body></html>",
  );
  await fs.writeFile(path.join(docs, "logo.png"), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("jikji CLI on the embedded default", () => {
  it("ingests a folder and prints the documented JSON shape", async () => {
    const result = await cli(["ingest", docs, "--json", "--data-dir", dataDir]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ingested: 3, unchanged: 0, failed: [], skipped: ["logo.png"] });
  });

  it("finds Korean text whatever particle is attached, with the source relative to the folder", async () => {
    const { hits } = await searchJson("연차 휴가를 신청하는 곳");
    expect(hits[0]).toMatchObject({ source: "hr/leave.md", title: "휴가 규정", page: null });
    expect(hits[0]!.text).toContain("인사 시스템");
    expect(Object.keys(hits[0]!).sort()).toEqual(["chunkId", "clause", "documentId", "page", "score", "section", "source", "text", "title"]);
    expect(hits[0]).toMatchObject({ section: "휴가 규정 > 연차 휴가" });
  });

  it("finds English text and honours --k", async () => {
    const { hits } = await searchJson("how often are passwords rotated", ["--k", "1"]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.source).toBe("security.txt");
  });

  it("reports the same files as unchanged the second time", async () => {
    const result = await cli(["ingest", docs, "--json", "--data-dir", dataDir]);
    expect(JSON.parse(result.stdout)).toEqual({ ingested: 0, unchanged: 3, failed: [], skipped: ["logo.png"] });
  });

  it("replaces a changed file: the new text is found and the old is gone", async () => {
    await fs.writeFile(
      path.join(docs, "security.txt"),
      "Security policy\n\nLaptops must use full-disk encryption. Passwords are rotated every 180 days.\n",
    );
    const result = await cli(["ingest", docs, "--json", "--data-dir", dataDir]);
    expect(JSON.parse(result.stdout)).toEqual({ ingested: 1, unchanged: 2, failed: [], skipped: ["logo.png"] });
    const { hits } = await searchJson("passwords rotated days");
    const texts = hits.filter((hit) => hit.source === "security.txt").map((hit) => hit.text);
    expect(texts.join("\n")).toContain("180 days");
    expect(texts.join("\n")).not.toContain("90 days");
  });

  it("ingests every file it can and exits non-zero naming each failure", async () => {
    const bad = path.join(root, "bad");
    await fs.mkdir(bad);
    await fs.writeFile(path.join(bad, "empty.txt"), "");
    // Binary junk behind a document extension (a text file named .pdf would be read as text, by content).
    await fs.writeFile(path.join(bad, "fake.pdf"), new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 73) % 256)));
    await fs.writeFile(path.join(bad, "ok.md"), "# 공지\n\n사내 식당은 오전 11시 30분에 문을 엽니다.\n");
    const result = await cli(["ingest", bad, "--json", "--data-dir", dataDir, "--collection", "bad"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ingested).toBe(1);
    expect(report.failed.map((f: { source: string }) => f.source).sort()).toEqual(["empty.txt", "fake.pdf"]);
    for (const failure of report.failed) expect(failure.error).toMatch(/\S{5,}/);
    const { hits } = await searchJson("사내 식당", ["--collection", "bad"]);
    expect(hits.map((hit) => hit.source)).toEqual(["ok.md"]);
  });

  it("filters by collection", async () => {
    const { hits } = await searchJson("휴가", ["--collection", "bad"]);
    expect(hits.every((hit) => hit.source === "ok.md")).toBe(true);
  });

  it("names a collection that does not exist instead of answering 'no matches' or 'not in the documents'", async () => {
    for (const command of ["search", "ask"]) {
      const result = await cli([command, "연차 휴가", "--collection", "규졍", "--data-dir", dataDir]);
      expect(result.code, command).toBe(1);
      expect(result.stdout, command).toBe("");
      expect(result.stderr, command).toMatch(/No collection named "규졍" \(collections: .*default/);
    }
  });

  it("deletes a document by source so it is never found again", async () => {
    const result = await cli(["delete", "hr/leave.md", "--data-dir", dataDir]);
    expect(result.code).toBe(0);
    const { hits } = await searchJson("연차 휴가");
    expect(hits.some((hit) => hit.source === "hr/leave.md")).toBe(false);
    const again = await cli(["delete", "hr/leave.md", "--data-dir", dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No document/);
  });

  it("names the files of a folder it does not read and says why, without failing the files it did ingest", async () => {
    const folder = path.join(root, "mixed");
    await fs.mkdir(folder);
    await fs.writeFile(path.join(folder, "handbook.odt"), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    await fs.writeFile(path.join(folder, "rules.md"), "# Rules\n\nBadges are worn at all times.\n");
    const ingest = await cli(["ingest", folder, "--collection", "mixed", "--data-dir", dataDir]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain("✓ ingested  rules.md");
    expect(ingest.stderr).toContain("Skipped 1 file(s) of a type jikji does not read (it reads PDF, DOCX, HWP, HWPX, HTML, Markdown and text): handbook.odt");
    // --json says the same: a script sees the skipped file, not a count that silently lacks it.
    await fs.writeFile(path.join(folder, "rules.md"), "# Rules\n\nBadges are worn on site.\n");
    const json = await cli(["ingest", folder, "--collection", "mixed", "--json", "--data-dir", dataDir]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ingested: 1, failed: [], skipped: ["handbook.odt"] });
  });

  it("stores a decomposed Hangul file name (copied from a Mac) composed, and a name's escape codes never reach the terminal", async () => {
    const folder = path.join(root, "from-mac");
    await fs.mkdir(folder);
    await fs.writeFile(path.join(folder, "출장 규정.md".normalize("NFD")), "# 출장\n\n출장비는 실비로 정산한다.\n");
    await fs.writeFile(path.join(folder, "notice\u001b[2J.txt"), "The cafeteria opens at eight.\n");
    const ingest = await cli(["ingest", folder, "--collection", "mac", "--data-dir", dataDir]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain("✓ ingested  notice[2J.txt");
    expect(ingest.stdout).toContain("✓ ingested  출장 규정.md\n");
    expect(ingest.stdout).not.toContain("\u001b");
    const { hits } = await searchJson("출장비 정산", ["--collection", "mac"]);
    expect(hits[0]!.source).toBe("출장 규정.md");
    const result = await cli(["delete", "출장 규정.md", "--collection", "mac", "--data-dir", dataDir]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("rebuilds the index from the store", async () => {
    const before = await searchJson("고객센터 운영 시간");
    const result = await cli(["reindex", "--data-dir", dataDir]);
    expect(result.code).toBe(0);
    const after = await searchJson("고객센터 운영 시간");
    expect(after.hits.map((hit) => hit.chunkId)).toEqual(before.hits.map((hit) => hit.chunkId));
    expect(after.hits[0]!.source).toBe("faq.html");
  });

  it("answers bad usage with a message and exit code 2", async () => {
    const noQuery = await cli(["search", "--data-dir", dataDir]);
    expect(noQuery.code).toBe(2);
    expect(noQuery.stderr).toMatch(/needs a query/);
    const badK = await cli(["search", "x", "--k", "zero", "--data-dir", dataDir]);
    expect(badK.code).toBe(2);
    expect(badK.stderr).toMatch(/--k/);
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    // A collection or group the API would refuse is refused here too, before anything is stored.
    const blank = await cli(["ingest", docs, "--collection", "  ", "--data-dir", dataDir]);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toMatch(/--collection must not be empty/);
    const bell = await cli(["ingest", docs, "--access-group", "hr\u0007", "--data-dir", dataDir]);
    expect(bell.code).toBe(2);
    expect(bell.stderr).toMatch(/--access-group must not contain control characters/);
    const everything = await cli(["search", "휴가", "--collection", "", "--data-dir", dataDir]);
    expect(everything.code).toBe(2);
    // Two different files that would be one document: the second would silently replace the first.
    await fs.mkdir(path.join(root, "other"), { recursive: true });
    await fs.writeFile(path.join(root, "other", "security.txt"), "Another policy.\n");
    const clash = await cli(["ingest", path.join(docs, "security.txt"), path.join(root, "other", "security.txt"), "--data-dir", dataDir]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/would both be stored as "security\.txt"/);
    const missing = await cli(["ingest", path.join(root, "nope"), "--data-dir", dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such file or folder/);
  });

  it("says a data dir holds nothing instead of creating it and answering 'No matches' (a typo or a forgotten --data-dir)", async () => {
    const typo = path.join(root, "dta");
    for (const args of [["search", "휴가"], ["ask", "휴가는 며칠?"], ["delete", "leave.md"]]) {
      const result = await cli([...args, "--data-dir", typo]);
      expect(result.code, args[0]).toBe(1);
      expect(result.stdout, args[0]).toBe("");
      expect(result.stderr, args[0]).toContain(`${typo} holds no jikji data`);
    }
    await expect(fs.stat(typo)).rejects.toThrow();
  });

  it("names the path the system refused (a missing folder, a file for a data dir) without a stack trace", async () => {
    const missing = await cli(["export", "--collection", "default", "--out", path.join(root, "no-such-folder", "x.jsonl"), "--data-dir", dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^jikji export: ENOENT: no such file or directory, open '.*no-such-folder/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const aFile = path.join(docs, "security.txt");
    const fileAsDataDir = await cli(["ingest", docs, "--data-dir", aFile]);
    expect(fileAsDataDir.code).toBe(1);
    expect(fileAsDataDir.stderr).toContain(aFile);
    expect(fileAsDataDir.stderr).not.toMatch(/\n\s+at /);
  });

  it("names the variable when the configuration is wrong", async () => {
    const result = await cli(["search", "x", "--data-dir", dataDir], { QDRANT_URL: "not-a-url" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/QDRANT_URL/);
  });

  it("cuts chunks to JIKJI_CHUNK_MAX_CHARS at ingest, and names a bad chunk setting", async () => {
    const folder = path.join(root, "geometry");
    await fs.mkdir(folder);
    const sentences = Array.from({ length: 12 }, (_, i) => `백업 절차 ${i + 1}단계에서는 서버 ${i + 1}번의 설정 파일을 복사합니다.`).join(" ");
    await fs.writeFile(path.join(folder, "backup.txt"), `백업 안내\n\n${sentences}\n`);
    const texts = async (env: Record<string, string>) => {
      const dir = path.join(root, `geometry-${Object.values(env).join("-") || "default"}`);
      const ingest = await cli(["ingest", folder, "--json", "--data-dir", dir], env);
      expect(ingest.code, ingest.stderr).toBe(0);
      const result = await cli(["search", "백업 절차 설정 파일", "--json", "--k", "20", "--data-dir", dir], env);
      return (JSON.parse(result.stdout) as { hits: Array<{ text: string }> }).hits.map((hit) => hit.text);
    };
    expect(await texts({})).toHaveLength(1);
    const small = await texts({ JIKJI_CHUNK_MAX_CHARS: "200" });
    expect(small.length).toBeGreaterThan(1);
    for (const text of small) expect(text.length).toBeLessThanOrEqual(200);
    const bad = await cli(["search", "x", "--data-dir", dataDir], { JIKJI_CHUNK_MAX_CHARS: "300", JIKJI_CHUNK_OVERLAP_CHARS: "300" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/JIKJI_CHUNK_OVERLAP_CHARS: must be smaller than the chunk size/);
  });

  it("says a port that is taken is taken, naming the setting, with no stack trace", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const result = await cli(["serve", "--port", String(port), "--data-dir", path.join(root, "serve-busy")], { JIKJI_LOG_LEVEL: "silent" });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`JIKJI_PORT/--port: 127\\.0\\.0\\.1:${port} is already in use`));
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    // The data dir was closed again: another command may open it.
    const after = await cli(["search", "x", "--json", "--data-dir", path.join(root, "serve-busy")]);
    expect(after.code, after.stderr).toBe(0);
  });

  it("refuses to open a data dir another live process holds", async () => {
    await fs.writeFile(path.join(dataDir, "jikji.lock"), `${process.ppid}\n`);
    const result = await cli(["search", "x", "--data-dir", dataDir]);
    await fs.rm(path.join(dataDir, "jikji.lock"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in use by another jikji process/);
  });

  it("stops an ingest into a new data dir another live process holds, though it began parsing before the lock was tried", async () => {
    const fresh = path.join(root, "held-new");
    await fs.mkdir(fresh);
    await fs.writeFile(path.join(fresh, "jikji.lock"), `${process.ppid}\n`);
    const result = await cli(["ingest", docs, "--json", "--data-dir", fresh]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in use by another jikji process/);
    expect(result.stdout).toBe("");
    expect(await fs.readdir(fresh)).toEqual(["jikji.lock"]);
  });
});

describe("collection and group flags", () => {
  it("keep a decomposed (NFD) name composed (NFC), as the API does, so a name typed on macOS is the same collection", async () => {
    const { collectionFlag, groupsFlag } = await import("../../src/cli/run.ts");
    expect(await collectionFlag("인사규정".normalize("NFD"), "--collection")).toBe("인사규정".normalize("NFC"));
    expect(await groupsFlag([" 인사팀 ".normalize("NFD"), ""], "--access-group")).toEqual(["인사팀".normalize("NFC")]);
  });
});
