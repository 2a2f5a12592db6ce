import { diffClauses, type ClauseChange } from "../compliance/diff.ts";
import { NotFoundError } from "../errors.ts";
import { parseIsoDay } from "../ingest/effective-date.ts";
import { findByIdOrSource } from "../ingest/uploads.ts";
import { isoDay } from "../store/store.ts";
import { collectionFlag, configFrom, ONE_SHOT, parse, requireIngestedDataDir, UsageError, withJikji, writeJson, type CliIo } from "./run.ts";

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
  const { values, positionals } = parse(args, {
    from: { type: "string" },
    to: { type: "string" },
    collection: { type: "string" },
    json: { type: "boolean", default: false },
  });
  const target = positionals.join(" ").trim();
  if (target === "") throw new UsageError("diff needs a document id or source");
  const from = values.from === undefined ? null : parseIsoDay(values.from);
  if (from === null) throw new UsageError(`--from must be a date like 2025-03-01${values.from === undefined ? "" : `, got "${values.from}"`}`);
  const to = values.to === undefined ? isoDay(new Date()) : parseIsoDay(values.to);
  if (to === null) throw new UsageError(`--to must be a date like 2025-03-01, got "${values.to}"`);

  const collection = values.collection === undefined ? undefined : await collectionFlag(values.collection, "--collection");
  const config = await configFrom(io, values);
  await requireIngestedDataDir(config);
  return withJikji(config, ONE_SHOT, async ({ store }) => {
    const document = await findByIdOrSource(store, target, collection !== undefined ? { collection } : {});
    const before = await store.versionInForce(document.id, from);
    const after = await store.versionInForce(document.id, to);
    if (before === null || after === null) throw new NotFoundError(`No version of ${document.source} was in force on ${before === null ? from : to}`);
    const changes =
      before.version === after.version
        ? []
        : diffClauses(await store.chunksOfDocument(document.id, before.version), await store.chunksOfDocument(document.id, after.version));
    if (values.json) {
      writeJson(io, { documentId: document.id, source: document.source, from: { date: from, version: before.version }, to: { date: to, version: after.version }, changes });
    } else {
      io.stdout.write(`${document.source}: version ${before.version} (${from}) → version ${after.version} (${to})\n`);
      io.stdout.write(changes.length === 0 ? "No clause changed.\n" : `${changes.map(formatChange).join("\n")}\n`);
    }
    return 0;
  });
}
