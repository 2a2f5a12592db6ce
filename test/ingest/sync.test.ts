import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";

let root: string;
let folder: string;
let dataDir: string;

async function sources(query: string, collection?: string): Promise<string[]> {
  const result = await cli(["search", query, "--json", "--data-dir", dataDir, ...(collection ? ["--collection", collection] : [])]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { hits: Array<{ source: string }> }).hits.map((hit) => hit.source);
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-sync-"));
  folder = path.join(root, "share");
  dataDir = path.join(root, "data");
  await fs.mkdir(path.join(folder, "hr"), { recursive: true });
  await fs.writeFile(path.join(folder, "hr", "leave.md"), "# 휴가\n\n연차 휴가는 열닷새입니다.\n");
  await fs.writeFile(path.join(folder, "travel.md"), "# 출장\n\n출장비 정산은 귀국 후 일주일 안에 합니다.\n");
  await fs.writeFile(path.join(folder, "parking.txt"), "Parking permits are renewed every January.\n");
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("ingest --sync", () => {
  it("adds every file of the folder and lists each action", async () => {
    const result = await cli(["ingest", folder, "--sync", "--json", "--data-dir", dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ingested: 3,
      unchanged: 0,
      failed: [],
      deleted: [],
      actions: [
        { source: "hr/leave.md", action: "ingested" },
        { source: "parking.txt", action: "ingested" },
        { source: "travel.md", action: "ingested" },
      ],
    });
    expect(await sources("출장비 정산")).toContain("travel.md");
  });

  it("mirrors the folder: a deleted file's chunks leave search, a changed one is re-indexed, a new one is added, other collections stay", async () => {
    await cli(["ingest", path.join(folder, "travel.md"), "--collection", "archive", "--data-dir", dataDir]);
    await fs.rm(path.join(folder, "travel.md"));
    await fs.writeFile(path.join(folder, "parking.txt"), "Parking permits are renewed every July.\n");
    await fs.writeFile(path.join(folder, "hr", "remote.md"), "# 재택근무\n\n재택근무는 주 이틀까지 가능합니다.\n");

    const result = await cli(["ingest", folder, "--sync", "--json", "--data-dir", dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ingested: 2,
      unchanged: 1,
      failed: [],
      deleted: ["travel.md"],
      actions: [
        { source: "hr/leave.md", action: "unchanged" },
        { source: "hr/remote.md", action: "ingested" },
        { source: "parking.txt", action: "ingested" },
        { source: "travel.md", action: "deleted" },
      ],
    });
    expect(await sources("출장비 정산", "default")).not.toContain("travel.md");
    expect(await sources("출장비 정산", "archive")).toEqual(["travel.md"]);
    expect(await sources("재택근무 가능")).toContain("hr/remote.md");
    expect(await sources("parking permits renewed July")).toContain("parking.txt");
  });

  it("says so in human output, and refuses anything but one folder", async () => {
    await fs.rm(path.join(folder, "parking.txt"));
    const human = await cli(["ingest", folder, "--sync", "--data-dir", dataDir]);
    expect(human.stdout).toMatch(/^- deleted\s+parking\.txt$/m);
    expect(human.stdout).toMatch(/0 ingested, 2 unchanged, 0 failed, 1 deleted/);
    expect(human.stderr).toMatch(/^\[sync\] deleted parking\.txt$/m);

    const twoPaths = await cli(["ingest", folder, path.join(folder, "hr"), "--sync", "--data-dir", dataDir]);
    expect(twoPaths.code).toBe(2);
    expect(twoPaths.stderr).toMatch(/--sync takes exactly one folder/);
    const aFile = await cli(["ingest", path.join(folder, "hr", "leave.md"), "--sync", "--data-dir", dataDir]);
    expect(aFile.code).toBe(2);
  });
});
