/**
 * Backup and restore of a built data dir, timed: `jikji backup` taken in-process (what serve does on /admin/backup),
 * then `jikji restore` into a new folder (unpack, SHA-256 checks, load, reindex of a lexical index, counts check).
 *
 *   node bench/assist.ts build /tmp/jikji-backup-bench-100k 100000     (once: a 100k-chunk dir)
 *   flock /tmp/jikji-bench.lock node bench/backup.ts /tmp/jikji-backup-bench-100k
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.ts";
import { prepareBackup, restoreBackup, writeBackupFile, type BackupManifest } from "../src/operate/backup.ts";
import { openJikji } from "../src/runtime.ts";

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

const [source] = process.argv.slice(2);
if (!source) {
  console.error("usage: node bench/backup.ts <data dir>");
  process.exit(2);
}
const work = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-backup-bench-"));
try {
  const file = path.join(work, "backup.tar");
  const jikji = await openJikji(loadConfig({}, { dataDir: source }), { scanIndex: false });
  let backupSeconds: string;
  let manifest: BackupManifest;
  let scrapeMs: number[] = [];
  try {
    // What a /metrics scrape costs with the backlog and size gauges reading the store and the index.
    for (let i = 0; i < 21; i++) {
      const began = performance.now();
      await jikji.observability.metrics.registry.metrics();
      if (i > 0) scrapeMs.push(performance.now() - began);
    }
    scrapeMs = scrapeMs.sort((a, b) => a - b);
    const start = performance.now();
    const prepared = await prepareBackup(jikji);
    await writeBackupFile(prepared.pack(), file).finally(() => prepared.dispose());
    backupSeconds = seconds(start);
    manifest = prepared.manifest;
  } finally {
    await jikji.close();
  }
  const start = performance.now();
  const restored = path.join(work, "restored");
  const report = await restoreBackup(file, { config: loadConfig({}, { dataDir: restored }), dataDir: restored, force: false });
  const restoreSeconds = seconds(start);
  const parts = manifest.parts.map((part) => `${part.name} ${mb(part.bytes)}`).join(", ");
  console.log(`scrape: median ${scrapeMs[10]!.toFixed(1)} ms, max ${scrapeMs.at(-1)!.toFixed(1)} ms over 20 scrapes`);
  console.log("| chunks | data dir MB | backup MB (parts) | backup s | restore s (reindexed chunks) |");
  console.log("| ---: | ---: | --- | ---: | ---: |");
  console.log(
    `| ${manifest.counts.chunks.toLocaleString("en")} | ${mb(await directoryBytes(source))} | ${mb((await fs.stat(file)).size)} (${parts}) | ` +
      `${backupSeconds} | ${restoreSeconds} (${report.reindexed?.toLocaleString("en") ?? "index carried"}) |`,
  );
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
