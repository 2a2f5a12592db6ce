#!/usr/bin/env node
// Runs the TypeScript CLI directly: Node 24 strips types natively, so there is no build step.
// `npm install` brings Node 24 (the `node` package) and npx/npm scripts put it first on PATH.
import { spawn } from "node:child_process";
import { constants, enableCompileCache } from "node:module";
import { fileURLToPath } from "node:url";

const [major] = process.versions.node.split(".").map(Number);
if (major < 24) {
  console.error(
    `jikji needs Node.js 24 or later, but this is ${process.version}. ` +
      "Run it through npm (npx jikji …, npm start) so the project's Node 24 is used, or install Node 24.",
  );
  process.exit(1);
}

// Node's on-disk compile cache (see src/cli/main.ts) is turned on here, before the first TypeScript file loads: it
// also keeps each file's type-stripped code, so a command whose files are all cached never loads Node's TypeScript
// stripper (amaro and its WebAssembly, ~25 ms of a one-shot command). The child below gets it from the start
// through NODE_COMPILE_CACHE. NODE_DISABLE_COMPILE_CACHE=1 still turns it off.
const compileCache = enableCompileCache();
const cacheEnv =
  compileCache.status === constants.compileCacheStatus.ENABLED || compileCache.status === constants.compileCacheStatus.ALREADY_ENABLED
    ? { NODE_COMPILE_CACHE: compileCache.directory }
    : {};

// PGlite is Postgres compiled to a 9 MB WebAssembly module. V8 first compiles it with its baseline compiler
// (Liftoff), then recompiles the functions Postgres's start-up makes hot with TurboFan on background threads:
// for a one-shot command that optimising pass costs ~0.4 s of CPU and lifts peak RSS from ~250 MB to ~820 MB,
// and it is thrown away when the process exits. V8 reads its WebAssembly flags only at start-up, so these
// commands re-execute Node with --liftoff-only; `serve`, `ingest` and `reindex` live long enough to gain
// from the optimised code and run here as before.
const ONE_SHOT = new Set(["search", "ask", "delete"]);
const command = process.argv[2];
const wantsHelp = process.argv.includes("--help") || process.argv.includes("-h");
const MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const oneShot = ONE_SHOT.has(command) && !wantsHelp && !process.execArgv.includes("--liftoff-only");

// glibc gives threads that allocate their own malloc arenas (up to 8 per core) and keeps what they free: in the
// 10-minute soak at 100k chunks serve's RSS levelled off at ~2.0 GB with the default and at 1.24–1.35 GB with
// MALLOC_ARENA_MAX=2 (BENCHMARKS.md, "Soak on serve"). glibc reads the variable only when a process starts, so
// `serve` starts Node again with it set. An operator's own MALLOC_ARENA_MAX wins; elsewhere than Linux nothing changes.
const boundArenas = command === "serve" && !wantsHelp && process.platform === "linux" && process.env.MALLOC_ARENA_MAX === undefined;

if ((oneShot || boundArenas) && typeof process.execve === "function") {
  // Replace this process rather than start a child: execve keeps the pid, so signals (SIGKILL included) and
  // process managers reach the command itself, and nothing is left behind holding the data dir.
  process.execve(process.execPath, [process.execPath, ...(oneShot ? ["--liftoff-only"] : []), ...process.execArgv, MAIN, ...process.argv.slice(2)], {
    ...process.env,
    ...cacheEnv,
    ...(boundArenas ? { MALLOC_ARENA_MAX: "2" } : {}),
  });
} else if (oneShot) {
  // Where execve is missing (Windows), a child Node with the flag, signals passed on.
  const child = spawn(process.execPath, ["--liftoff-only", ...process.execArgv, MAIN, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, ...cacheEnv },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    if (signal !== null) {
      // End the same way the child did, so a caller sees the signal; our forwarding handlers would swallow it.
      process.removeAllListeners("SIGINT").removeAllListeners("SIGTERM");
      process.kill(process.pid, signal);
    }
    else process.exit(code ?? 1);
  });
} else {
  await import("../src/cli/main.ts");
}
