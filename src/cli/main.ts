import { enableCompileCache } from "node:module";
import { registerFastResolve } from "./module-hooks.ts";

// Node keeps the compiled code of the modules a command loads (~500 for a one-shot search) in its on-disk cache
// (NODE_COMPILE_CACHE, else <tmpdir>/node-compile-cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so every
// command after the first skips most parsing and compiling: ~0.2 s of CPU of a one-shot search.
enableCompileCache();

// The hook must be in place before the first import of the command code, hence the dynamic import below.
registerFastResolve();
const { runCli } = await import("./run.ts");

// A reader that stops early (`jikji search … | head -1`) closes the pipe: the rest of the output has no reader, which
// is no failure of the command. It died of an unhandled EPIPE with a stack, and an ingest piped so would stop
// mid-folder; now what it writes is dropped and it finishes its work (qa3).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
});

const shutdown = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  shutdown,
});
// What was written to a pipe may still be queued (a pipe that is full takes the rest later): process.exit()
// would drop it, and `jikji ingest <2,561 files> | …` lost its last lines and the summary. A write's callback
// runs once everything written before it is out.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write("", () => resolve()))));
// Nothing else should keep the process alive once the command is done (e.g. pools, timers in SDKs).
process.exit();
