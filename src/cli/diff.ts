import { parseArgs } from "node:util";
import { diffClauses, type ClauseChange } from "../compliance/diff.ts";
import { loadConfig } from "../config.ts";
import { ConfigError, JikjiError, NotFoundError, errorMessage } from "../errors.ts";
import { parseIsoDay } from "../ingest/effective-date.ts";
import { openJikji } from "../runtime.ts";
import { isoDay } from "../store/store.ts";
import type { CliIo } from "./run.ts";

function fail(io: CliIo, message: string, code = 2): number {
  io.stderr.write(`jikji diff: ${message}\n${code === 2 ? 'Run "jikji --help" for usage.\n' : ""}`);
  return code;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formatChange(change: ClauseChange): string {
  const mark = change.change === "added" ? "+" : change.change === "removed" ? "-" : "~";
  const lines = [`${mark} ${change.clause} (${change.change})`];
  if (change.before !== null) lines.push(`    - ${change.before}`);
  if (change.after !== null) lines.push(`    + ${change.after}`);
  return lines.join("\n");
}

/**
 * `jikji diff <document id or source> --from DATE [--to DATE] [--collection NAME] [--json]`: the clauses that
 * changed, were added or were removed between the versions in force on the two days (default `--to`: today).
 */
export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        collection: { type: "string" },
        json: { type: "boolean", default: false },
        "data-dir": { type: "string" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return fail(io, errorMessage(error));
  }
  const { values, positionals } = parsed;
  const target = positionals.join(" ").trim();
  if (target === "") return fail(io, "diff needs a document id or source");
  const from = values.from === undefined ? null : parseIsoDay(values.from);
  if (from === null) return fail(io, `--from must be a date like 2025-03-01${values.from === undefined ? "" : `, got "${values.from}"`}`);
  const to = values.to === undefined ? isoDay(new Date()) : parseIsoDay(values.to);
  if (to === null) return fail(io, `--to must be a date like 2025-03-01, got "${values.to}"`);

  let jikji;
  try {
    jikji = await openJikji(loadConfig(io.env, values["data-dir"] !== undefined ? { dataDir: values["data-dir"] } : {}), { scanIndex: false });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof JikjiError) return fail(io, error.message, error instanceof ConfigError ? 2 : 1);
    throw error;
  }
  try {
    const { store } = jikji;
    let document = UUID.test(target) ? await store.getDocument(target) : null;
    if (document === null) {
      const collectionId = values.collection ? await store.findCollection(values.collection) : undefined;
      if (collectionId === null) throw new NotFoundError(`No collection named "${values.collection}"`);
      const matches = await store.findDocumentsBySource(target, collectionId);
      if (matches.length > 1) throw new NotFoundError(`"${target}" is in several collections; add --collection`);
      document = matches[0] ?? null;
    }
    if (document === null) throw new NotFoundError(`No document with id or source "${target}"`);
    const before = await store.versionInForce(document.id, from);
    const after = await store.versionInForce(document.id, to);
    if (before === null || after === null) throw new NotFoundError(`No version of ${document.source} was in force on ${before === null ? from : to}`);
    const changes =
      before.version === after.version
        ? []
        : diffClauses(await store.chunksOfDocument(document.id, before.version), await store.chunksOfDocument(document.id, after.version));
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ documentId: document.id, source: document.source, from: { date: from, version: before.version }, to: { date: to, version: after.version }, changes })}\n`);
    } else {
      io.stdout.write(`${document.source}: version ${before.version} (${from}) → version ${after.version} (${to})\n`);
      io.stdout.write(changes.length === 0 ? "No clause changed.\n" : `${changes.map(formatChange).join("\n")}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof JikjiError) return fail(io, error.message, 1);
    throw error;
  } finally {
    await jikji.close();
  }
}
