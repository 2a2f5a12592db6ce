import { cli } from "../../test/helpers/cli.ts";

/** Runs a jikji CLI command in this process and returns what it printed; throws when it fails. */
export async function jikji(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const result = await cli(args, env);
  if (result.code !== 0) throw new Error(`jikji ${args[0]} exited with ${result.code}: ${result.stderr}`);
  return result.stdout;
}
