/**
 * What an upgraded jikji checks in, and fixes of, data an older one wrote: which analyzer built each search index
 * (`index_builds`), and collection and access-group names stored decomposed (NFD) before names were kept composed
 * (NFC). Written against drizzle's Postgres core like the rest of the store, so PGlite and PostgreSQL share it.
 */
import { arrayOverlaps, count, eq, inArray, sql } from "drizzle-orm";
import { ConflictError } from "../errors.ts";
import type { Database } from "./db.ts";
import { apiKeys, assistSessions, chunks, collections, conversations, documents, indexBuilds, ingestJobs } from "./schema.ts";

/** A collection name an older jikji stored decomposed, and the composed name it takes. */
export interface CollectionRename {
  from: string;
  to: string;
  /** The collection was empty and another one already held the composed name: it was removed, not renamed. */
  merged: boolean;
}

/** An access-group name an older jikji stored decomposed, and the composed name every row holding it now holds. */
export interface GroupRename {
  from: string;
  to: string;
}

/**
 * Every column that holds access-group names, with its table's key: documents (what the index filters on, rebuilt from
 * here), collections' default groups, keys, assist sessions and queued ingest jobs (whose documents are yet to be written).
 */
const GROUP_COLUMNS = [
  { table: documents, id: documents.id, groups: documents.accessGroups, field: "accessGroups" },
  { table: collections, id: collections.id, groups: collections.defaultGroups, field: "defaultGroups" },
  { table: apiKeys, id: apiKeys.id, groups: apiKeys.accessGroups, field: "accessGroups" },
  { table: assistSessions, id: assistSessions.id, groups: assistSessions.accessGroups, field: "accessGroups" },
  { table: ingestJobs, id: ingestJobs.id, groups: ingestJobs.accessGroups, field: "accessGroups" },
] as const;

/** The decomposed group names the columns hold, sorted. */
async function decomposedGroupsIn(db: Pick<Database, "selectDistinct">): Promise<string[]> {
  const names = new Set<string>();
  for (const column of GROUP_COLUMNS) {
    const rows = await db.selectDistinct({ name: sql<string>`unnest(${column.groups})` }).from(column.table);
    for (const { name } of rows) if (composed(name) !== name) names.add(name);
  }
  return [...names].sort();
}

/** How many of a colliding collection's documents the error lists, so its user can delete them by id. */
const COLLISION_LISTED_DOCUMENTS = 10;

/** The name as the API and the CLI keep it (`collectionField`): composed. */
function composed(name: string): string {
  return name.normalize("NFC");
}

export function createUpgradeRepository(db: Database) {
  /** The analyzer version recorded for `index`, or null when none is (built before versions were kept, or being rebuilt). */
  const indexAnalyzerVersion = async (index: string): Promise<number | null> => {
    const [row] = await db.select({ version: indexBuilds.analyzerVersion }).from(indexBuilds).where(eq(indexBuilds.index, index));
    return row?.version ?? null;
  };
  return {
    indexAnalyzerVersion,

    /** Records that `index` now holds terms of `analyzerVersion`; null forgets it (a rebuild began). */
    async recordIndexBuild(index: string, analyzerVersion: number | null): Promise<void> {
      if (analyzerVersion === null) {
        await db.delete(indexBuilds).where(eq(indexBuilds.index, index));
        return;
      }
      await db
        .insert(indexBuilds)
        .values({ index, analyzerVersion })
        .onConflictDoUpdate({ target: indexBuilds.index, set: { analyzerVersion, builtAt: sql`now()` } });
    },

    /**
     * Records `analyzerVersion` for `index` when nothing is recorded and the store holds no chunk, so nothing can be in
     * the index yet: a new data dir (or a new Qdrant collection on a new database) starts current. Returns what is
     * recorded afterwards.
     */
    async recordIndexBuildIfEmpty(index: string, analyzerVersion: number): Promise<number | null> {
      const recorded = await indexAnalyzerVersion(index);
      if (recorded !== null) return recorded;
      const [anyChunk] = await db.select({ one: sql<number>`1` }).from(chunks).limit(1);
      if (anyChunk !== undefined) return null;
      await db.insert(indexBuilds).values({ index, analyzerVersion }).onConflictDoNothing();
      return indexAnalyzerVersion(index);
    },

    /** Collection names stored decomposed: the API and the CLI, which compose every name, can no longer reach them. */
    async decomposedCollectionNames(): Promise<string[]> {
      const rows = await db.select({ name: collections.name }).from(collections);
      return rows.map((row) => row.name).filter((name) => composed(name) !== name);
    },

    /**
     * Access-group names stored decomposed anywhere. A key, the API and the CLI name groups composed, so a document
     * filed under a decomposed group is out of reach of the very readers it was filed for (never of others: the
     * filter fails closed).
     */
    decomposedGroupNames: () => decomposedGroupsIn(db),

    /**
     * Composes every access-group name stored decomposed, in one transaction, in every column that holds groups (a row
     * holding both forms keeps one). The index takes the composed names when it is rebuilt from the documents.
     */
    async composeGroupNames(): Promise<GroupRename[]> {
      return db.transaction(async (tx) => {
        const decomposed = await decomposedGroupsIn(tx);
        if (decomposed.length === 0) return [];
        for (const column of GROUP_COLUMNS) {
          const rows = await tx.select({ id: column.id, groups: column.groups }).from(column.table).where(arrayOverlaps(column.groups, decomposed));
          for (const row of rows) {
            if (row.groups === null) continue;
            await tx
              .update(column.table)
              .set({ [column.field]: [...new Set(row.groups.map(composed))] })
              .where(eq(column.id, row.id));
          }
        }
        return decomposed.map((from) => ({ from, to: composed(from) }));
      });
    },

    /**
     * Renames every collection stored decomposed to its composed name, and the names keys, assist sessions and
     * conversations hold with it. A decomposed collection that holds no document, whose composed name another collection
     * already has, is removed instead (nothing is lost; its name was unreachable). Two collections with documents whose
     * names compose alike are a conflict jikji cannot decide: nothing is changed, and the error names both and lists the
     * decomposed one's documents, so that its user can delete or move them and run the command again.
     */
    async composeCollectionNames(): Promise<CollectionRename[]> {
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: collections.id, name: collections.name, documents: count(documents.id) })
          .from(collections)
          .leftJoin(documents, eq(documents.collectionId, collections.id))
          .groupBy(collections.id, collections.name);
        const byComposed = new Map<string, typeof rows>();
        for (const row of rows) byComposed.set(composed(row.name), [...(byComposed.get(composed(row.name)) ?? []), row]);

        const renames: Array<CollectionRename & { id: string }> = [];
        const conflicts: string[] = [];
        for (const [to, group] of byComposed) {
          if (group.every((row) => row.name === to)) continue;
          // The collection that keeps the composed name: the one already holding it, unless it is empty and another is not.
          const holding = group.filter((row) => row.documents > 0);
          if (holding.length > 1) {
            conflicts.push(await describeCollision(tx, to, holding));
            continue;
          }
          const keeper = holding[0] ?? group.find((row) => row.name === to) ?? group[0]!;
          for (const row of group) {
            if (row.id === keeper.id) {
              if (row.name !== to) renames.push({ id: row.id, from: row.name, to, merged: false });
            } else renames.push({ id: row.id, from: row.name, to, merged: true });
          }
        }
        if (conflicts.length > 0) {
          throw new ConflictError(
            `Collection names stored decomposed (NFD) by an older jikji collide with other collections once composed (NFC); ` +
              `nothing was changed. ${conflicts.join(" ")} Delete the documents of one of the two (jikji delete <document id>), ` +
              "then run jikji reindex again. / 예전 버전이 분해형(NFD)으로 저장한 컬렉션 이름이 다른 컬렉션 이름과 겹칩니다. " +
              "둘 중 한 컬렉션의 문서를 지운 뒤(jikji delete <문서 id>) jikji reindex를 다시 실행하세요.",
          );
        }
        // Removals first: an empty collection holding the composed name gives it up to a decomposed one with documents.
        for (const rename of renames.filter((r) => r.merged)) await tx.delete(collections).where(eq(collections.id, rename.id));
        for (const rename of renames.filter((r) => !r.merged)) await tx.update(collections).set({ name: rename.to }).where(eq(collections.id, rename.id));
        for (const { from, to } of renames) {
          await tx.update(assistSessions).set({ collection: to }).where(eq(assistSessions.collection, from));
          await tx.update(conversations).set({ collection: to }).where(eq(conversations.collection, from));
        }
        const keys = await tx.select({ id: apiKeys.id, collections: apiKeys.collections }).from(apiKeys);
        for (const key of keys) {
          if (key.collections === null || key.collections.every((name) => composed(name) === name)) continue;
          await tx
            .update(apiKeys)
            .set({ collections: [...new Set(key.collections.map(composed))] })
            .where(eq(apiKeys.id, key.id));
        }
        return renames.map(({ from, to, merged }) => ({ from, to, merged }));
      });
    },
  };
}

/** One collision for the error: both names (code points shown, since they look the same) and the documents to act on. */
async function describeCollision(
  tx: Pick<Database, "select">,
  to: string,
  holding: ReadonlyArray<{ id: string; name: string; documents: number }>,
): Promise<string> {
  const decomposed = holding.filter((row) => row.name !== to);
  const listed = await tx
    .select({ id: documents.id, source: documents.source })
    .from(documents)
    .where(inArray(documents.collectionId, decomposed.map((row) => row.id)))
    .orderBy(documents.source)
    .limit(COLLISION_LISTED_DOCUMENTS);
  const names = holding.map((row) => `"${row.name}" (${row.name === to ? "composed" : "decomposed"}, ${row.documents} documents)`).join(" and ");
  const more = decomposed.reduce((sum, row) => sum + row.documents, 0) - listed.length;
  return (
    `${names} are both "${to}". Documents of the decomposed one: ` +
    `${listed.map((row) => `${row.source} (${row.id})`).join(", ")}${more > 0 ? `, and ${more} more` : ""}.`
  );
}
