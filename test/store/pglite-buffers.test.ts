import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite.ts";

let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "jikji-pglite-buffers-"));
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function setting(handle: DatabaseHandle, name: string): Promise<string> {
  const result = (await handle.db.execute(sql.raw(`SHOW ${name}`))) as unknown as { rows: Array<Record<string, string>> };
  return result.rows[0]![name]!;
}

describe("openPglite's buffer cache (one-shot commands)", () => {
  it("starts Postgres with the buffer cache asked for, and with its default otherwise, on the same data dir", async () => {
    const dir = path.join(root, "data");
    const longLived = await openPglite(dir);
    expect(await setting(longLived, "shared_buffers")).toBe("128MB");
    await longLived.db.execute(sql.raw("CREATE TABLE note (body text)"));
    await longLived.db.execute(sql.raw("INSERT INTO note VALUES ('written by the long-lived open')"));
    await longLived.close();

    const oneShot = await openPglite(dir, { sharedBuffers: "4MB" });
    expect(await setting(oneShot, "shared_buffers")).toBe("4MB");
    // The setting lives only in that process's start-up parameters: nothing in the data dir changes.
    const rows = (await oneShot.db.execute(sql.raw("SELECT body FROM note"))) as unknown as { rows: Array<{ body: string }> };
    expect(rows.rows).toEqual([{ body: "written by the long-lived open" }]);
    await oneShot.close();

    const again = await openPglite(dir);
    expect(await setting(again, "shared_buffers")).toBe("128MB");
    await again.close();
  });

  it("applies it to a new data dir made from the cached template too", async () => {
    const cacheDir = path.join(root, "cache");
    // The first new data dir writes the template, the second is made from it.
    const first = await openPglite(path.join(root, "first"), { cacheDir, sharedBuffers: "4MB" });
    expect(await setting(first, "shared_buffers")).toBe("4MB");
    await first.close();
    expect(fs.readdirSync(cacheDir).some((name) => name.endsWith(".tar"))).toBe(true);
    const copied = await openPglite(path.join(root, "copied"), { cacheDir, sharedBuffers: "4MB" });
    expect(await setting(copied, "shared_buffers")).toBe("4MB");
    await copied.close();
  });
});
