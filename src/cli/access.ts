import { createKey, describeKey, keyNameField, parseDuration, type KeyDescription } from "../access/keys.ts";
import { auditSince, presentAudit, keyIdOf } from "../api/access-routes.ts";
import { NotFoundError } from "../errors.ts";
import { collectionFlag, configFrom, groupsFlag, ONE_SHOT, parse, UsageError, withJikji, writeJson, type CliIo } from "./run.ts";

function list(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function keyLine(key: KeyDescription): string {
  const state = key.revokedAt ? "revoked" : key.expiresAt && Date.parse(key.expiresAt) <= Date.now() ? "expired" : "active";
  return (
    `${key.name.padEnd(20)} ${key.role.padEnd(6)} ${state.padEnd(7)} ${key.prefix}…  groups: ${key.groups?.join(",") ?? "(all)"}` +
    `${key.collections ? `  collections: ${key.collections.join(",")}` : ""}` +
    `${key.expiresAt ? `  expires ${key.expiresAt.slice(0, 10)}` : ""}  last used: ${key.lastUsedAt?.slice(0, 19) ?? "never"}  id ${key.id}\n`
  );
}

/** `jikji keys create|list|revoke`: keys live in the store, hashed; the key text is printed once. */
export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parse(rest, {
    name: { type: "string" },
    role: { type: "string" },
    groups: { type: "string" },
    collections: { type: "string" },
    expires: { type: "string" },
    json: { type: "boolean", default: false },
  });
  const config = await configFrom(io, values);
  if (action === "create") {
    const name = keyNameField.safeParse(values.name ?? "");
    if (!name.success) throw new UsageError(`--name: ${name.error.issues[0]?.message ?? "required"}`);
    const role = values.role ?? "reader";
    if (role !== "reader" && role !== "editor" && role !== "admin") throw new UsageError("--role must be reader, editor or admin");
    const groups = values.groups === undefined ? null : await groupsFlag(list(values.groups) ?? [], "--groups");
    const collections =
      values.collections === undefined
        ? null
        : await Promise.all((list(values.collections) ?? []).map((collection) => collectionFlag(collection, "--collections")));
    if (role !== "admin" && (groups === null || groups.length === 0)) {
      throw new UsageError("--groups: a reader or editor key needs at least one group (only admin keys read everything)");
    }
    const created = await withJikji(config, ONE_SHOT, (jikji) =>
      createKey(jikji.accessStore, {
        name: name.data,
        role,
        groups,
        collections,
        expiresInMs: values.expires === undefined ? null : parseDuration(values.expires),
      }),
    );
    if (values.json) writeJson(io, { key: created.key, ...created.description });
    else {
      io.stdout.write(`${created.key}\n`);
      io.stderr.write(`Key "${created.description.name}" (${created.description.role}) created. It is shown only now: store it safely.\n`);
    }
    return 0;
  }
  if (action === "list") {
    const keys = await withJikji(config, ONE_SHOT, async (jikji) => (await jikji.accessStore.listKeys()).map(describeKey));
    if (values.json) writeJson(io, { keys });
    else if (keys.length === 0) io.stdout.write("No keys. Create one with: jikji keys create --name NAME --role reader --groups G\n");
    else for (const key of keys) io.stdout.write(keyLine(key));
    return 0;
  }
  if (action === "revoke") {
    const target = positionals.join(" ").trim();
    if (target === "") throw new UsageError("keys revoke needs a key name or id");
    const revoked = await withJikji(config, ONE_SHOT, (jikji) => jikji.accessStore.revokeKey(target));
    if (!revoked) throw new NotFoundError(`No active key with name or id "${target}"`);
    if (values.json) writeJson(io, describeKey(revoked));
    else io.stdout.write(`Revoked key "${revoked.name}" (${revoked.id}).\n`);
    return 0;
  }
  throw new UsageError("keys needs an action: create, list or revoke");
}

/** "24h" / "7d" ago, or an ISO date. */
function sinceDate(text: string): Date {
  const at = /^\d+[dhm]$/.test(text) ? auditSince(new Date(Date.now() - parseDuration(text)).toISOString()) : auditSince(text);
  if (at === null) throw new UsageError(`--since must be a date (2026-01-31) or a duration (24h, 7d), got "${text}"`);
  return at;
}

/** `jikji audit [--since] [--key] [--json]`: newest first. */
export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    since: { type: "string" },
    key: { type: "string" },
    limit: { type: "string" },
    json: { type: "boolean", default: false },
  });
  const limit = values.limit === undefined ? 1000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new UsageError("--limit must be a whole number from 1 to 100000");
  const since = values.since === undefined ? undefined : sinceDate(values.since);
  const config = await configFrom(io, values);
  const rows = await withJikji(config, ONE_SHOT, async (jikji) => {
    const keyId = values.key === undefined ? undefined : await keyIdOf(jikji.accessStore, values.key);
    return jikji.accessStore.readAudit({
      ...(since ? { since } : {}),
      ...(keyId ? { keyId } : values.key ? { actor: values.key } : {}),
      limit,
    });
  });
  const entries = rows.map(presentAudit);
  if (values.json) {
    for (const entry of entries) writeJson(io, entry);
    return 0;
  }
  for (const entry of entries) {
    io.stdout.write(
      `${entry.at}  ${(entry.actor ?? "-").padEnd(16)} ${entry.method.padEnd(6)} ${entry.route.padEnd(24)} ${String(entry.status).padEnd(4)} ${entry.outcome}` +
        `${entry.query ? `  "${entry.query.slice(0, 60).replace(/\s+/g, " ")}"` : ""}${entry.documentIds.length ? `  docs: ${entry.documentIds.length}` : ""}\n`,
    );
  }
  if (entries.length === 0) io.stderr.write("No audit entries.\n");
  return 0;
}

/** `jikji collection default-groups <name> [G,G]`: shows or sets who reads the collection's documents without groups. */
export async function collectionCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parse(rest, { json: { type: "boolean", default: false } });
  if (action !== "default-groups" || positionals.length === 0) {
    throw new UsageError("usage: jikji collection default-groups <name> [G,G]");
  }
  const name = await collectionFlag(positionals[0]!, "the collection name");
  const newGroups = positionals[1] === undefined ? undefined : await groupsFlag(list(positionals[1]) ?? [], "the groups");
  const config = await configFrom(io, values);
  const groups = await withJikji(config, ONE_SHOT, async (jikji) => {
    if (newGroups !== undefined) await jikji.store.setCollectionDefaultGroups(name, newGroups);
    const current = await jikji.store.collectionDefaultGroups(name);
    if (current === null) throw new NotFoundError(`No collection named "${name}"`);
    return current;
  });
  if (values.json) writeJson(io, { collection: name, defaultGroups: groups });
  else if (config.access.ungroupedDocuments === "public") {
    io.stdout.write(`Collection "${name}": default groups ${groups.join(", ") || "(none)"}; JIKJI_UNGROUPED_DOCUMENTS=public lets every caller read documents without groups.\n`);
  } else io.stdout.write(`Collection "${name}": documents without groups are read by ${groups.length ? groups.join(", ") : "admins only"}.\n`);
  return 0;
}
