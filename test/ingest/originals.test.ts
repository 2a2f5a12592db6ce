import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { originalStoreContract } from "../contracts/original-store.contract.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createOriginalStore, createStoreOriginalStore } from "../../src/ingest/originals.ts";
import { createStore } from "../../src/store/store.ts";

// The data dir adapter (embedded default).
originalStoreContract({
  name: "the data dir",
  async open() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-originals-"));
    return {
      originals: createOriginalStore(dir),
      newDocument: async () => randomUUID(),
      close: () => fs.rm(dir, { recursive: true, force: true }),
    };
  },
});

// The store adapter, on every database the suite has (its rows reference real documents).
for (const target of databaseTargets) {
  originalStoreContract({
    name: `the ${target.name} store`,
    async open() {
      const handle = await target.open();
      const store = createStore(handle.db, { shared: handle.kind === "postgres" });
      const collectionId = await store.ensureCollection("originals");
      return {
        originals: createStoreOriginalStore(store),
        async newDocument() {
          const staged = await store.stageVersion(
            {
              collectionId,
              source: `${randomUUID()}.pdf`,
              title: null,
              mediaType: "application/pdf",
              sha256: "0".repeat(64),
              sizeBytes: 1,
              pageCount: 1,
              accessGroups: [],
              metadata: {},
              warnings: [],
            },
            [],
            () => randomUUID(),
          );
          return staged.documentId;
        },
        close: () => handle.close(),
      };
    },
  });
}
