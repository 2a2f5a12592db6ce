import { timingSafeEqual } from "node:crypto";
import { Readable } from "node:stream";
import { Hono } from "hono";
import { stream } from "hono/streaming";
import { z } from "zod";
import { isLoopback } from "../config.ts";
import { ForbiddenError, UnauthorizedError } from "../errors.ts";
import type { PreparedBackup } from "../operate/backup.ts";
import { clientAddress, type ApiEnv } from "./auth.ts";
import { collectionField, parseInput, queryOf } from "./fields.ts";

export interface AdminDeps {
  /** The token `serve` made at start-up and wrote to `<dataDir>/jikji.admin.json` (src/operate/admin-endpoint.ts). */
  token: string;
  backup: () => Promise<PreparedBackup>;
  exportCollection: (collection: string) => Promise<AsyncIterable<string>>;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const exportQuery = z.object({ collection: collectionField, format: z.literal("jsonl").default("jsonl") });

/**
 * `/admin/backup` and `/admin/export`: what `jikji backup` and `jikji export` call while `serve` holds the data dir.
 * Loopback callers with the start-up token only; API keys never open them (a backup holds every document).
 */
export function createAdminRoutes(deps: AdminDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.use("/admin/*", async (c, next) => {
    if (!isLoopback(clientAddress(c).replace(/^::ffff:/, ""))) throw new ForbiddenError("/admin answers loopback callers only");
    const header = c.req.header("authorization") ?? "";
    const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
    if (!sameToken(given, deps.token)) throw new UnauthorizedError("/admin needs the token in the data dir's jikji.admin.json");
    await next();
  });

  routes.post("/admin/backup", async (c) => {
    const prepared = await deps.backup();
    try {
      const body = prepared.pack();
      // Sent, failed or abandoned by the client: the work folder goes once the stream closes.
      body.once("close", () => void prepared.dispose());
      return c.body(Readable.toWeb(body) as ReadableStream, 200, { "content-type": "application/x-tar" });
    } catch (error) {
      await prepared.dispose();
      throw error;
    }
  });

  routes.get("/admin/export", async (c) => {
    const { collection } = parseInput(exportQuery, queryOf(c), "query");
    // Resolved before the first byte, so an unknown collection is a 404, not a broken stream.
    const lines = await deps.exportCollection(collection);
    c.header("content-type", "application/x-ndjson; charset=utf-8");
    return stream(c, async (out) => {
      for await (const chunk of lines) await out.write(chunk);
    });
  });
  return routes;
}
