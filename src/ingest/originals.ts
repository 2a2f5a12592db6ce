import fs from "node:fs/promises";
import path from "node:path";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The original bytes of each ingested document version, kept so the source viewer can show a PDF page as it was.
 * Uploads are deleted once their job ends and the CLI reads from the filesystem, so without this nothing of the
 * original would remain. Two adapters: files under the data dir (`createOriginalStore`, the embedded default, named
 * `<dir>/<document id>/<version>`, never by the user's file name) and rows in a shared PostgreSQL store
 * (`createStoreOriginalStore`).
 */
export interface OriginalStore {
  put(documentId: string, version: number, bytes: Uint8Array): Promise<void>;
  /** The bytes of that version, or null when they were never kept (documents ingested before this store). */
  get(documentId: string, version: number): Promise<Uint8Array | null>;
  /** Whether that version's bytes are kept, without reading them. */
  has(documentId: string, version: number): Promise<boolean>;
  /** Every kept version of a document. */
  remove(documentId: string): Promise<void>;
}

function folder(dir: string, documentId: string): string {
  if (!UUID.test(documentId)) throw new Error(`not a document id: ${documentId.slice(0, 60)}`);
  return path.join(dir, documentId.toLowerCase());
}

export function createOriginalStore(dir: string): OriginalStore {
  return {
    async put(documentId, version, bytes) {
      const target = folder(dir, documentId);
      await fs.mkdir(target, { recursive: true });
      // Written aside then renamed, so a reader never sees half a file.
      const file = path.join(target, String(Math.trunc(version)));
      const temporary = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, file);
    },
    async get(documentId, version) {
      try {
        return new Uint8Array(await fs.readFile(path.join(folder(dir, documentId), String(Math.trunc(version)))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async has(documentId, version) {
      return fs.access(path.join(folder(dir, documentId), String(Math.trunc(version)))).then(
        () => true,
        () => false,
      );
    },
    async remove(documentId) {
      await fs.rm(folder(dir, documentId), { recursive: true, force: true });
    },
  };
}

/** The store methods the shared adapter needs (PostgreSQL's `original_files`). */
export interface OriginalRows {
  putOriginal(documentId: string, version: number, bytes: Uint8Array): Promise<void>;
  getOriginal(documentId: string, version: number): Promise<Uint8Array | null>;
  hasOriginal(documentId: string, version: number): Promise<boolean>;
  removeOriginals(documentId: string): Promise<void>;
}

/**
 * Originals kept in the store (bytea rows, in parts), so every instance on one PostgreSQL can show any version,
 * whichever instance ingested it. Same contract as the data dir adapter.
 */
export function createStoreOriginalStore(rows: OriginalRows): OriginalStore {
  const checked = (documentId: string) => {
    if (!UUID.test(documentId)) throw new Error(`not a document id: ${documentId.slice(0, 60)}`);
    return documentId.toLowerCase();
  };
  return {
    put: async (documentId, version, bytes) => rows.putOriginal(checked(documentId), Math.trunc(version), bytes),
    get: async (documentId, version) => rows.getOriginal(checked(documentId), Math.trunc(version)),
    has: async (documentId, version) => rows.hasOriginal(checked(documentId), Math.trunc(version)),
    remove: async (documentId) => rows.removeOriginals(checked(documentId)),
  };
}
