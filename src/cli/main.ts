import { registerFastResolve } from "./module-hooks.ts";

// The hook must be in place before the first import of the command code, hence the dynamic import below.
registerFastResolve();
const { runCli } = await import("./run.ts");

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
// Nothing else should keep the process alive once the command is done (e.g. pools, timers in SDKs).
process.exit();
