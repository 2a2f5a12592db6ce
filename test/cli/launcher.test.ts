import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let dataDir: string;

/** `jikji` as its own process, through bin/jikji.js, as a user runs it. */
function jikji(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/jikji.js"), ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: os.homedir() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-launcher-"));
  // search refuses a data dir that holds no store, so the one-shot searches below read one document without "연차".
  const docs = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-launcher-seed-"));
  try {
    await fs.writeFile(path.join(docs, "notice.md"), "# 안내\n\n점검은 월요일에 한다.\n");
    const seeded = await jikji(["ingest", docs, "--data-dir", dataDir]);
    if (seeded.code !== 0) throw new Error(`seeding the data dir failed: ${seeded.stderr}`);
  } finally {
    await fs.rm(docs, { recursive: true, force: true });
  }
}, 120_000);

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("the jikji launcher", () => {
  it("prints usage for --help and for a command's --help", async () => {
    for (const args of [["--help"], ["search", "--help"]]) {
      const result = await jikji(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^jikji — answers from your documents/);
    }
  });

  it("runs a one-shot search in its child process and passes its output and exit code through", async () => {
    const found = await jikji(["search", "연차", "--json", "--data-dir", dataDir]);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout)).toEqual({ query: "연차", hits: [] });

    const refused = await jikji(["search", "--k", "0", "연차", "--data-dir", dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--k must be a whole number from 1 to 100/);
  });

  it("keeps the index library's own log lines out of a first ingest's output", async () => {
    const docs = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-launcher-docs-"));
    const fresh = path.join(dataDir, "fresh");
    try {
      await fs.writeFile(path.join(docs, "leave.md"), "# 휴가\n\n연차 휴가는 15일입니다.\n");
      const result = await jikji(["ingest", docs, "--data-dir", fresh]);
      expect(result.code, result.stderr).toBe(0);
      // LanceDB warns "No existing dataset at …, it will be created" on stderr unless told otherwise.
      expect(result.stderr).not.toMatch(/WARN\s+lance/);
      expect(result.stdout).not.toMatch(/WARN\s+lance/);
    } finally {
      await fs.rm(docs, { recursive: true, force: true });
    }
  });

  it.runIf(process.platform === "linux")("starts serve as the same process with glibc's malloc arenas bounded and LanceDB's workers sized to the cores", { timeout: 180_000 }, async () => {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = net.createServer().once("error", reject);
      probe.listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const child = spawn(process.execPath, [path.join(ROOT, "bin/jikji.js"), "serve", "--port", String(port), "--data-dir", path.join(dataDir, "serve")], {
      env: { PATH: process.env.PATH ?? "", HOME: os.homedir() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const seen = (chunk: Buffer) => {
          output += chunk;
          if (/jikji listening on/.test(output)) resolve();
        };
        child.stdout.on("data", seen);
        child.stderr.on("data", seen);
        child.once("exit", (code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)));
      });
      // The pid we started is the server itself (execve, not a child of a launcher), with the variable set.
      const environ = (await fs.readFile(`/proc/${child.pid}/environ`, "utf8")).split("\0");
      expect(environ).toContain("MALLOC_ARENA_MAX=2");
      expect(await fs.readFile(`/proc/${child.pid}/cmdline`, "utf8")).toContain("serve");
      // On two cores or fewer, LanceDB's tokio runtime runs one worker: serve set the variable before the runtime read
      // it. Tokio's blocking-pool threads carry the same name and leave after 10 s idle, so the count settles at the
      // runtime's own workers; with the default (one per core) it never reaches 1 here.
      if (os.availableParallelism() <= 2) {
        const tokioThreads = async () => {
          const tasks = await fs.readdir(`/proc/${child.pid}/task`);
          const names = await Promise.all(tasks.map((task) => fs.readFile(`/proc/${child.pid}/task/${task}/comm`, "utf8").catch(() => "")));
          return names.filter((name) => name.trim() === "tokio-rt-worker").length;
        };
        let count = await tokioThreads();
        for (let tries = 0; count !== 1 && tries < 120; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          count = await tokioThreads();
        }
        expect(count).toBe(1);
      }
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("runs a one-shot command as one process: the launcher becomes it (same pid), it does not start a child", async () => {
    const marks = path.join(dataDir, "marks.txt");
    const probe = path.join(dataDir, "probe.mjs");
    // Loaded by every Node image the command runs in (execArgv is passed on): each writes its pid and flags.
    await fs.writeFile(
      probe,
      `import fs from "node:fs"; fs.appendFileSync(${JSON.stringify(marks)}, process.pid + " " + process.execArgv.includes("--liftoff-only") + "\\n");\n`,
    );
    const result = await new Promise<{ code: number | null; pid: number | undefined; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", probe, path.join(ROOT, "bin/jikji.js"), "search", "연차", "--json", "--data-dir", dataDir], {
        env: { PATH: process.env.PATH ?? "", HOME: os.homedir() },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, pid: child.pid, stdout }));
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ query: "연차", hits: [] });
    const lines = (await fs.readFile(marks, "utf8")).trim().split("\n");
    expect(lines).toEqual([`${result.pid} false`, `${result.pid} true`]);
  });
});
