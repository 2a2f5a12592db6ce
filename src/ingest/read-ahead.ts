import type { Store } from "../store/store.ts";
import { sha256Hex } from "./ids.ts";
import type { DocumentParser, ParseResult } from "./parser.ts";

export interface AheadFile {
  source: string;
  read(): Promise<Uint8Array>;
}

/**
 * Reads and parses the next `depth` files of a job while the current one is chunked, stored and indexed, so the
 * parse workers (one per core, fed from one queue by `parserPool`) and the thread that writes work at the same time.
 * `parserFor(i)` hands `ingestFile` a parser that returns file i's early parse when asked for those same bytes.
 *
 * A file whose bytes match the stored, published document is not parsed early: it is most likely "unchanged"
 * and `ingestFile` will not parse it at all. The rule that decides stays in `ingestFile`; a wrong guess here only
 * costs the overlap. With `store: null` nothing is stored yet (a data dir being created), so every file is parsed:
 * `begin()` then starts the first files while the data dir opens.
 */
export function readAhead(options: {
  files: readonly AheadFile[];
  depth: number;
  parser: DocumentParser;
  /** Where "unchanged" is looked up, in `collectionId`; null when nothing can be stored yet. */
  store: Pick<Store, "findDocumentBySource"> | null;
  collectionId: string | null;
  /** Files that will be refused before reading (too large) are not read ahead. */
  skip: (index: number) => boolean;
  pdfPassword?: string;
}) {
  const { files, depth, parser, store, collectionId } = options;
  const extra = options.pdfPassword !== undefined ? { pdfPassword: options.pdfPassword } : undefined;
  const reads = new Map<number, Promise<Uint8Array>>();
  /** Early parses; null when the file looked unchanged (it is then parsed on demand, if at all). */
  const parses = new Map<number, Promise<ParseResult | null>>();

  function start(index: number): void {
    if (index >= files.length || reads.has(index) || options.skip(index)) return;
    const file = files[index]!;
    const bytes = file.read();
    const parsed = bytes.then(async (read) => {
      const existing = store === null || collectionId === null ? null : await store.findDocumentBySource(collectionId, file.source);
      if (existing?.status === "ready" && existing.sha256 === sha256Hex(read)) return null;
      return parser.parse(read, file.source, extra);
    });
    // Failures surface when the file's turn comes; until then they must not count as unhandled.
    bytes.catch(() => undefined);
    parsed.catch(() => undefined);
    reads.set(index, bytes);
    parses.set(index, parsed);
  }

  return {
    /** Starts the first files (the first one and `depth` after it) before the job's loop asks for any. */
    begin(): void {
      for (let index = 0; index <= depth; index++) start(index);
    },
    /** File `index`'s bytes (read early when it was in reach), and starts the files after it. */
    async bytes(index: number): Promise<Uint8Array> {
      start(index);
      for (let ahead = index + 1; ahead <= index + depth; ahead++) start(ahead);
      return reads.get(index) ?? files[index]!.read();
    },
    /** A parser that answers file `index`'s parse with the early one, and parses anything else on demand. */
    parserFor(index: number, bytes: Uint8Array): DocumentParser {
      const early = parses.get(index);
      return {
        async parse(asked, fileName, askedExtra) {
          if (early !== undefined && asked === bytes) {
            const result = await early;
            if (result !== null) return result;
          }
          return parser.parse(asked, fileName, askedExtra);
        },
        close: async () => undefined,
      };
    },
    /** Forgets file `index` once it is done, so its bytes and parse can be collected. */
    done(index: number): void {
      reads.delete(index);
      parses.delete(index);
    },
  };
}

export type ReadAhead = ReturnType<typeof readAhead>;
