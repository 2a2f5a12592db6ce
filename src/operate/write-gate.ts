import type { SearchIndex } from "../retrieve/index/port.ts";

/**
 * Index writes against snapshots. Writes run side by side; `exclusive` waits for the writes in flight to finish,
 * holds new ones back while it runs (searches go on: reads never pass through the gate), then lets them continue.
 * A backup copies the index inside it, so the copy never holds half a batch.
 */
export interface WriteGate {
  write<T>(work: () => Promise<T>): Promise<T>;
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export function createWriteGate(): WriteGate {
  let writers = 0;
  /** Set while an exclusive section waits or runs; writes arriving then wait for it. */
  let held: Promise<void> | null = null;
  let onDrained: (() => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async write(work) {
      while (held !== null) await held;
      writers++;
      try {
        return await work();
      } finally {
        writers--;
        if (writers === 0) onDrained?.();
      }
    },
    exclusive(work) {
      const run = queue.then(async () => {
        let release!: () => void;
        held = new Promise<void>((resolve) => (release = resolve));
        try {
          if (writers > 0) await new Promise<void>((resolve) => (onDrained = resolve));
          onDrained = null;
          return await work();
        } finally {
          held = null;
          release();
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** The index with every write (upsert, delete, optimize, reset) passed through the gate; reads go straight through. */
export function gatedIndex(index: SearchIndex, gate: WriteGate): SearchIndex {
  return {
    open: (dimensions) => index.open(dimensions),
    upsert: (points) => gate.write(() => index.upsert(points)),
    deleteDocument: (documentId, options) => gate.write(() => index.deleteDocument(documentId, options)),
    search: (query) => index.search(query),
    optimize: () => gate.write(() => index.optimize()),
    documentVersions: () => index.documentVersions(),
    reset: (dimensions) => gate.write(() => index.reset(dimensions)),
    stats: () => index.stats(),
    close: () => index.close(),
  };
}
