import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/db.ts";
import { databaseTargets } from "../helpers/databases.ts";

const SELECT_NOTE = "select id, body, tags, extra from note where id = any($1::int[]) order by id";

for (const target of databaseTargets) {
  describe(`kept statements on ${target.name}`, () => {
    let handle: DatabaseHandle;

    beforeEach(async () => {
      handle = await target.open();
      await handle.db.execute(sql.raw("CREATE TABLE note (id int primary key, body text, tags text[], extra jsonb)"));
      await handle.db.execute(sql.raw(`INSERT INTO note VALUES (1, 'first', '{a,b}', '{"n": 1}'), (2, NULL, '{}', NULL)`));
    });
    afterEach(async () => {
      await handle.close();
    });

    it("gives the rows an unnamed query gives, typed the same, every run", async () => {
      const unnamed = (await handle.db.execute(sql`select id, body, tags, extra from note where id = any(${sql.param([1, 2, 3])}::int[]) order by id`)) as unknown as {
        rows: unknown[];
      };
      expect(unnamed.rows).toEqual([
        { id: 1, body: "first", tags: ["a", "b"], extra: { n: 1 } },
        { id: 2, body: null, tags: [], extra: null },
      ]);
      // Past the five runs after which Postgres may keep a generic plan.
      for (let run = 0; run < 8; run++) {
        expect(await handle.statements.read("note_by_id", SELECT_NOTE, [[1, 2, 3]])).toEqual(unnamed.rows);
      }
      expect(await handle.statements.read("note_by_id", SELECT_NOTE, [[2]])).toEqual([{ id: 2, body: null, tags: [], extra: null }]);
    });

    it("reports a failing run and runs the next one", async () => {
      await expect(handle.statements.read("note_by_body", "select id from note where body = $1 and id = $2::int", ["first", "not a number"])).rejects.toThrow(
        /invalid input syntax/,
      );
      expect(await handle.statements.read("note_by_body", "select id from note where body = $1 and id = $2::int", ["first", 1])).toEqual([{ id: 1 }]);
      await expect(handle.statements.read("broken", "select nothing from nowhere", [])).rejects.toThrow(/nowhere/);
      expect(await handle.statements.read("note_by_id", SELECT_NOTE, [[1]])).toHaveLength(1);
    });

    it("refuses a name given another text", async () => {
      await handle.statements.read("note_by_id", SELECT_NOTE, [[1]]);
      await expect(handle.statements.read("note_by_id", "select 1", [])).rejects.toThrow(/note_by_id/);
    });
  });
}

describe("kept statements on PGlite", () => {
  it("wait for a transaction in progress instead of running inside it", async () => {
    const pglite = databaseTargets.find((target) => target.name === "pglite")!;
    const handle = await pglite.open();
    try {
      await handle.db.execute(sql.raw("CREATE TABLE note (id int primary key)"));
      let read: Promise<unknown[]> | undefined;
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql.raw("INSERT INTO note VALUES (1)"));
        read = handle.statements.read("notes", "select id from note order by id", []);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await tx.execute(sql.raw("INSERT INTO note VALUES (2)"));
      });
      expect(await read).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      await handle.close();
    }
  });
});
