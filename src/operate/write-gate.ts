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
  /** Settles when the last exclusive section asked for has ended; null when none is waiting or running. */
  let exclusiveTail: Promise<void> | null = null;
  let onDrained: (() => void) | null = null;
  return {
    async write(work) {
      // Writes asked for after an exclusive section wait for it, so a steady stream of writes cannot starve it.
      while (exclusiveTail !== null) await exclusiveTail;
      writers++;
      try {
        return await work();
      } finally {
        writers--;
        if (writers === 0) onDrained?.();
      }
    },
    exclusive(work) {
      const before = exclusiveTail ?? Promise.resolve();
      let release!: () => void;
      const ended = new Promise<void>((resolve) => (release = resolve));
      const tail = before.then(() => ended);
      exclusiveTail = tail;
      return (async () => {
        await before;
        try {
          if (writers > 0) await new Promise<void>((resolve) => (onDrained = resolve));
          onDrained = null;
          return await work();
        } finally {
          if (exclusiveTail === tail) exclusiveTail = null;
          release();
        }
      })();
    },
  };
}

/**
 * The index with every write (upsert, delete, optimize, reset) passed through the gate; reads go straight through.
 * Every argument is passed on as given (a bulk load's `{ bulk: true }` included).
 */
export function gatedIndex(index: SearchIndex, gate: WriteGate): SearchIndex {
  return {
    open: (...args) => index.open(...args),
    upsert: (...args) => gate.write(() => index.upsert(...args)),
    deleteDocument: (...args) => gate.write(() => index.deleteDocument(...args)),
    search: (...args) => index.search(...args),
    documentFrequencies: (...args) => index.documentFrequencies(...args),
    documentsHolding: (...args) => index.documentsHolding(...args),
    optimize: () => gate.write(() => index.optimize()),
    documentVersions: () => index.documentVersions(),
    reset: (...args) => gate.write(() => index.reset(...args)),
    stats: () => index.stats(),
    close: () => index.close(),
  };
}
