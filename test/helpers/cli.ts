import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli/run.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as a user would type it, capturing what it prints. */
export async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const code = await runCli(args, { stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}
