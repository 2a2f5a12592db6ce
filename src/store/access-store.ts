import { and, count, desc, eq, gte, isNull, lt, or } from "drizzle-orm";
import type { Database } from "./db.ts";
import { apiKeys, auditLog } from "./schema.ts";

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

/** Keys and the audit trail: what `src/access` keeps in the store. */
export function createAccessStore(db: Database) {
  return {
    async insertKey(key: NewApiKey): Promise<ApiKeyRow> {
      const [row] = await db.insert(apiKeys).values(key).returning();
      return row!;
    },

    async keyByHash(keyHash: string): Promise<ApiKeyRow | null> {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
      return row ?? null;
    },

    async listKeys(): Promise<ApiKeyRow[]> {
      return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
    },

    /** Keys that still open the door: not revoked (expired ones count: their holders get a clear 401). */
    async activeKeyCount(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(apiKeys).where(isNull(apiKeys.revokedAt));
      return row?.n ?? 0;
    },

    /** Revokes the unrevoked key with this id or name; null when there is none. */
    async revokeKey(idOrName: string): Promise<ApiKeyRow | null> {
      const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(isNull(apiKeys.revokedAt), isId ? or(eq(apiKeys.id, idOrName), eq(apiKeys.name, idOrName)) : eq(apiKeys.name, idOrName)))
        .returning();
      return row ?? null;
    },

    async touchKeys(ids: readonly string[], at: Date): Promise<void> {
      for (const id of ids) await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
    },

    async insertAudit(rows: readonly NewAuditRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db.insert(auditLog).values([...rows]);
    },

    async readAudit(options: { since?: Date; keyId?: string; actor?: string; limit: number }): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditLog)
        .where(
          and(
            options.since ? gte(auditLog.at, options.since) : undefined,
            options.keyId ? eq(auditLog.keyId, options.keyId) : undefined,
            options.actor ? eq(auditLog.actor, options.actor) : undefined,
          ),
        )
        .orderBy(desc(auditLog.at))
        .limit(options.limit);
    },

    /** Deletes audit rows older than `before`; returns how many. */
    async pruneAudit(before: Date): Promise<number> {
      const deleted = await db.delete(auditLog).where(lt(auditLog.at, before)).returning({ id: auditLog.id });
      return deleted.length;
    },
  };
}

export type AccessStore = ReturnType<typeof createAccessStore>;
