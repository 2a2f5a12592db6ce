import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OriginalStore } from "../../src/ingest/originals.ts";

export interface OriginalStoreTarget {
  name: string;
  /** A fresh, empty store, and a document id it may keep versions for. */
  open(): Promise<{ originals: OriginalStore; newDocument(): Promise<string>; close(): Promise<void> }>;
}

/**
 * The OriginalStore contract: the data dir adapter (embedded default) and the store adapter (PostgreSQL, shared by
 * every instance) keep and return the same bytes. Run from test/ingest/originals.test.ts for each adapter.
 */
export function originalStoreContract(target: OriginalStoreTarget): void {
  describe(`original store on ${target.name}`, () => {
    let opened: Awaited<ReturnType<OriginalStoreTarget["open"]>>;
    beforeEach(async () => {
      opened = await target.open();
    });
    afterEach(async () => {
      await opened.close();
    });

    it("returns each version's bytes exactly, large ones included, and null for a version never kept", async () => {
      const { originals } = opened;
      const id = await opened.newDocument();
      const large = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) % 256);
      const small = new TextEncoder().encode("%PDF-1.7 원본");
      await originals.put(id, 1, small);
      await originals.put(id, 2, large);
      expect(await originals.get(id, 1)).toEqual(small);
      expect(await originals.get(id, 2)).toEqual(large);
      expect(await originals.has(id, 2)).toBe(true);
      expect(await originals.has(id, 3)).toBe(false);
      expect(await originals.get(id, 3)).toBeNull();
    });

    it("replaces a version written again, and removes every version of a document and nothing else", async () => {
      const { originals } = opened;
      const id = await opened.newDocument();
      const other = await opened.newDocument();
      await originals.put(id, 1, new Uint8Array([1, 2, 3, 4]));
      await originals.put(id, 1, new Uint8Array([9]));
      await originals.put(other, 1, new Uint8Array([7]));
      expect(await originals.get(id, 1)).toEqual(new Uint8Array([9]));
      await originals.remove(id);
      expect(await originals.has(id, 1)).toBe(false);
      expect(await originals.get(other, 1)).toEqual(new Uint8Array([7]));
    });

    it("refuses anything but a document id, so a name can never become a path or a key", async () => {
      await expect(opened.originals.put("../../etc/passwd", 1, new Uint8Array([1]))).rejects.toThrow(/not a document id/);
      await expect(opened.originals.get(randomUUID().slice(0, 20), 1)).rejects.toThrow(/not a document id/);
    });
  });
}
