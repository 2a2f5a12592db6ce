import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { alive } from "../store/lock.ts";

/**
 * How a one-shot CLI command reaches the `serve` process that holds a data dir's lock (the embedded store admits one
 * process). `serve` writes `<dataDir>/jikji.admin.json`, readable by the data dir's owner only: its pid, the
 * loopback URL it answers on and a random token made at start-up for the `/admin/*` routes. Whoever can read the
 * data dir could copy it anyway, so the file grants nothing new; the routes also refuse callers off this machine.
 */
export interface AdminEndpoint {
  pid: number;
  url: string;
  token: string;
}

const FILE = "jikji.admin.json";

export function createAdminToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The URL a local client uses for a server listening on `host`: a wildcard address becomes loopback. */
export function loopbackUrl(host: string, port: number): string {
  const local = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${local.includes(":") ? `[${local}]` : local}:${port}`;
}

/** Writes the endpoint file; the returned function removes it (serve calls it when it stops). */
export async function publishAdminEndpoint(dataDir: string, endpoint: AdminEndpoint): Promise<() => Promise<void>> {
  const file = path.join(dataDir, FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(endpoint)}\n`, { mode: 0o600 });
  await fs.rename(temporary, file);
  return () => fs.rm(file, { force: true });
}

/**
 * The serving process's endpoint, when the data dir's lock is held by a live process that published one; null
 * otherwise (nobody serves it, or a stale file a killed server left).
 */
export async function findAdminEndpoint(dataDir: string): Promise<AdminEndpoint | null> {
  const [lock, text] = await Promise.all([
    fs.readFile(path.join(dataDir, "jikji.lock"), "utf8").catch(() => null),
    fs.readFile(path.join(dataDir, FILE), "utf8").catch(() => null),
  ]);
  if (lock === null || text === null) return null;
  let endpoint: Partial<AdminEndpoint>;
  try {
    endpoint = JSON.parse(text) as Partial<AdminEndpoint>;
  } catch {
    return null;
  }
  const { pid, url, token } = endpoint;
  if (typeof pid !== "number" || typeof url !== "string" || typeof token !== "string") return null;
  if (Number.parseInt(lock, 10) !== pid || !alive(pid)) return null;
  return { pid, url, token };
}
