import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli/run.ts";

/** Runs a jikji CLI command in this process and returns what it printed; throws when it fails. */
export async function jikji(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const code = await runCli(args, { stdout, stderr, env });
  if (code !== 0) throw new Error(`jikji ${args[0]} exited with ${code}: ${err}`);
  return out;
}
