import { cli } from "../../test/helpers/cli.ts";

/** Runs a jikji CLI command in this process and returns what it printed; throws when it fails. */
export async function jikji(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const result = await cli(args, env);
  // `ingest` reports a file it could not read (a parse over JIKJI_PARSE_TIMEOUT_MS on a loaded machine) on stdout.
  if (result.code !== 0) throw new Error(`jikji ${args[0]} exited with ${result.code}: ${result.stderr.trim() || result.stdout.trim().split("\n").slice(-5).join("\n")}`);
  return result.stdout;
}

/**
 * The `--env NAME=VALUE` arguments (repeatable) of a bench's command line: configuration the jikji commands it runs
 * get, for one row of an ablation table; nothing else from the bench's own environment reaches them.
 */
export function envArguments(argv: readonly string[] = process.argv): Record<string, string> {
  return Object.fromEntries(
    argv.flatMap((arg, i) => {
      if (argv[i - 1] !== "--env") return [];
      const at = arg.indexOf("=");
      if (at < 1) throw new Error(`--env takes NAME=VALUE, got "${arg}"`);
      return [[arg.slice(0, at), arg.slice(at + 1)]];
    }),
  );
}
