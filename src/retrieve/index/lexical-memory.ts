/**
 * The embedded index's lexical leg held in memory (issue 12, part 5): an inverted index of every stored row's
 * terms, so a long-running process (`serve`) scores every matching row with jikji's own BM25 (`bm25Score`'s sum, to
 * the bit) instead of asking LanceDB's full-text index for candidates and reading their `terms` strings back.
 *
 * Layout, for 1M chunks: rows are slots in typed arrays (version, BM25 length norm, collection and access-group
 * set as interned numbers, alive flag) plus their chunk and document ids. Postings are compressed-row (CSR) typed
 * arrays built once from all rows (slot and term count per term), plus small per-term lists for rows written
 * since; deleted and replaced rows are only marked dead and skipped, and the postings are rebuilt from memory when
 * what was written or deleted since the last build passes a quarter of it.
 */
import { BM25_AVGDL, BM25_B, BM25_K1 } from "../bm25.ts";
import { PUBLIC_ACCESS_GROUP, type SearchFilter, type WeightedTerm } from "./port.ts";

/** One stored row as the table holds it: `terms` is the tokenizer's terms joined by spaces, each repeated by its count. */
export interface MemoryRow {
  chunkId: string;
  documentId: string;
  version: number;
  collection: string;
  /** As stored: rows without groups hold [PUBLIC_ACCESS_GROUP]. */
  accessGroups: readonly string[];
  terms: string;
}

export interface MemoryHit {
  chunkId: string;
  documentId: string;
  version: number;
  score: number;
}

/** Term counts from this on are kept in a side map (one byte a posting holds the rest). */
const WIDE = 0xff;
const K1_PLUS_1 = BM25_K1 + 1;

/** `bm25TermWeight`'s length part, computed with the same operations in the same order, so scores match to the bit. */
function lengthNorm(length: number): number {
  return BM25_K1 * (1 - BM25_B + (BM25_B * length) / BM25_AVGDL);
}

function grown<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(array: T, wanted: number): T {
  if (wanted <= array.length) return array;
  // By half again, not double: the build's row-major buffers hold every posting once.
  const next = new (array.constructor as new (length: number) => T)(Math.max(wanted, Math.ceil(array.length * 1.5), 1024));
  next.set(array);
  return next;
}

/** Slack for comparing sums added in another order (their roundings differ by a few units in the last place). */
function margin(a: number, b: number): number {
  return 1e-9 * (Math.abs(a) + Math.abs(b)) + 1e-12;
}

/** The `heap.length`-th largest of the scores of the first `count` slots (count ≥ heap.length), in a min-heap. */
function kthLargest(scores: Float64Array, slots: Uint32Array, count: number, heap: Float64Array): number {
  const size = heap.length;
  for (let j = 0; j < size; j++) heap[j] = scores[slots[j]!]!;
  for (let start = (size >> 1) - 1; start >= 0; start--) siftDownMin(heap, start);
  for (let j = size; j < count; j++) {
    const score = scores[slots[j]!]!;
    if (score <= heap[0]!) continue;
    heap[0] = score;
    siftDownMin(heap, 0);
  }
  return heap[0]!;
}

function siftDownMin(heap: Float64Array, from: number): void {
  const size = heap.length;
  let at = from;
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let least = at;
    if (left < size && heap[left]! < heap[least]!) least = left;
    if (right < size && heap[right]! < heap[least]!) least = right;
    if (least === at) return;
    const held = heap[at]!;
    heap[at] = heap[least]!;
    heap[least] = held;
    at = least;
  }
}

function findCount(slots: ArrayLike<number>, counts: ArrayLike<number>, from: number, to: number, slot: number): number {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const held = slots[middle]!;
    if (held === slot) return counts[middle]!;
    if (held < slot) low = middle + 1;
    else high = middle - 1;
  }
  return 0;
}

interface DeltaPostings {
  slots: number[];
  counts: number[];
}

export class MemoryLexicalIndex {
  // Rows, by slot. Slots are never reused; a compaction drops dead rows' postings, not their slots.
  #slots = 0;
  #chunkIds: string[] = [];
  #documentIds: string[] = [];
  #versions = new Int32Array(0);
  #norms = new Float64Array(0);
  #collections = new Uint32Array(0);
  #groupSets = new Uint32Array(0);
  #alive = new Uint8Array(0);
  #live = new Map<string, number>();
  #byDocument = new Map<string, number[]>();
  #collectionIds = new Map<string, number>();
  #groupSetIds = new Map<string, number>();
  #groupSetMembers: string[][] = [];

  // Terms and postings.
  #termIds = new Map<string, number>();
  #baseTerms = 0;
  #baseOffsets = new Uint32Array(1);
  #baseSlots = new Uint32Array(0);
  #baseCounts = new Uint8Array(0);
  #delta = new Map<number, DeltaPostings>();
  #wide = new Map<number, Map<number, number>>();
  #deltaPostings = 0;
  #deadPostings = 0;
  #postingsOf = new Uint32Array(0);

  // Scratch for a search (searches are synchronous, so one set serves them all).
  #scores = new Float64Array(0);
  #stamps = new Uint32Array(0);
  #stamp = 0;
  #touched = new Uint32Array(0);

  /** Rows searchable now. */
  get size(): number {
    return this.#live.size;
  }

  /**
   * The document and version of a chunk held now, or undefined: the dense leg's when it reads no more than ids from
   * LanceDB (`denseRead` in embedded.ts).
   */
  row(chunkId: string): { documentId: string; version: number } | undefined {
    const slot = this.#live.get(chunkId);
    return slot === undefined ? undefined : { documentId: this.#documentIds[slot]!, version: this.#versions[slot]! };
  }

  /** Bytes the typed arrays hold (ids, strings and maps not counted). */
  get typedBytes(): number {
    return (
      this.#versions.byteLength + this.#norms.byteLength + this.#collections.byteLength + this.#groupSets.byteLength +
      this.#alive.byteLength + this.#baseOffsets.byteLength + this.#baseSlots.byteLength + this.#baseCounts.byteLength +
      this.#postingsOf.byteLength + this.#scores.byteLength + this.#stamps.byteLength + this.#touched.byteLength
    );
  }

  /** Postings held: built ones plus those written since (dead ones included until the next compaction). */
  get postings(): number {
    return this.#baseSlots.length + this.#deltaPostings;
  }

  get terms(): number {
    return this.#termIds.size;
  }

  /** Builds the index from every stored row at once (rows of one chunk id: the last wins, as in a merge). */
  static async build(batches: AsyncIterable<readonly MemoryRow[]> | Iterable<readonly MemoryRow[]>): Promise<MemoryLexicalIndex> {
    const index = new MemoryLexicalIndex();
    // Row-major postings first (term id and count per row), counting each term's rows; then laid out by term.
    let rowTerms = new Uint32Array(1 << 16);
    let rowCounts = new Uint16Array(1 << 16);
    let rowStarts = new Uint32Array(1024);
    let filled = 0;
    let termRows = new Uint32Array(1024);
    let scratch = new Uint32Array(1024);
    const seen: number[] = [];
    for await (const batch of batches) {
      for (const row of batch) {
        const slot = index.#newSlot(row);
        rowStarts = grown(rowStarts, slot + 2);
        rowStarts[slot] = filled;
        seen.length = 0;
        for (const term of row.terms === "" ? [] : row.terms.split(" ")) {
          if (term === "") continue;
          const id = index.#termId(term);
          scratch = grown(scratch, id + 1);
          if (scratch[id] === 0) seen.push(id);
          scratch[id] = scratch[id]! + 1;
        }
        rowTerms = grown(rowTerms, filled + seen.length);
        rowCounts = grown(rowCounts, filled + seen.length);
        termRows = grown(termRows, index.#termIds.size);
        for (const id of seen) {
          rowTerms[filled] = id;
          const count = scratch[id]!;
          // Counts past a Uint16 are rare enough to keep aside until the postings are laid out.
          if (count >= 0xffff) index.#setWide(id, slot, count);
          rowCounts[filled++] = Math.min(count, 0xffff);
          termRows[id] = termRows[id]! + 1;
          scratch[id] = 0;
        }
        rowStarts[slot + 1] = filled;
      }
    }
    const terms = index.#termIds.size;
    const offsets = new Uint32Array(terms + 1);
    for (let id = 0; id < terms; id++) offsets[id + 1] = offsets[id]! + termRows[id]!;
    const slots = new Uint32Array(filled);
    const counts = new Uint8Array(filled);
    const next = offsets.slice(0, terms);
    const postingsOf = new Uint32Array(index.#slots);
    for (let slot = 0; slot < index.#slots; slot++) {
      const start = rowStarts[slot]!;
      const end = rowStarts[slot + 1]!;
      postingsOf[slot] = end - start;
      const dead = index.#alive[slot] === 0;
      for (let at = start; at < end; at++) {
        const id = rowTerms[at]!;
        const place = next[id]!++;
        slots[place] = slot;
        const count = rowCounts[at]!;
        counts[place] = Math.min(count, WIDE);
        if (count >= WIDE && count < 0xffff) index.#setWide(id, slot, count);
        if (dead) index.#deadPostings++;
      }
    }
    index.#baseTerms = terms;
    index.#baseOffsets = offsets;
    index.#baseSlots = slots;
    index.#baseCounts = counts;
    index.#postingsOf = postingsOf;
    return index;
  }

  /** Adds rows written to the table; a row whose chunk id is held already replaces it. */
  upsert(rows: Iterable<MemoryRow>): void {
    for (const row of rows) {
      const slot = this.#newSlot(row);
      const counts = new Map<number, number>();
      for (const term of row.terms === "" ? [] : row.terms.split(" ")) {
        if (term === "") continue;
        const id = this.#termId(term);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      this.#postingsOf = grown(this.#postingsOf, slot + 1);
      this.#postingsOf[slot] = counts.size;
      for (const [id, count] of counts) {
        let delta = this.#delta.get(id);
        if (delta === undefined) this.#delta.set(id, (delta = { slots: [], counts: [] }));
        delta.slots.push(slot);
        delta.counts.push(Math.min(count, WIDE));
        if (count >= WIDE) this.#setWide(id, slot, count);
      }
      this.#deltaPostings += counts.size;
    }
    this.#maybeCompact();
  }

  /** Takes out a document's rows, except those of the versions kept (as `deleteDocument`'s predicate does). */
  deleteDocument(documentId: string, keepVersions: readonly number[] = []): void {
    const slots = this.#byDocument.get(documentId);
    if (slots === undefined) return;
    const kept: number[] = [];
    for (const slot of slots) {
      if (this.#alive[slot] === 0) continue;
      if (keepVersions.includes(this.#versions[slot]!)) kept.push(slot);
      else this.#kill(slot);
    }
    if (kept.length === 0) this.#byDocument.delete(documentId);
    else this.#byDocument.set(documentId, kept);
    this.#maybeCompact();
  }

  /**
   * The `depth` best rows for the query under the filter, by `bm25Score`'s sum over query terms (each repeat
   * counting again) then expansion terms at their weights; equal scores by chunk id. Exact over every row holding
   * one of the terms, but not every posting is read (MaxScore): terms are scanned rarest (highest bound) first,
   * and once the `depth`-th best partial score passes what the terms left could add to a row, no row they alone
   * hold can make the list, so they are not scanned; the rows that still could are then scored in full, term by
   * term in the query's order, as `bm25Score` does, so the scores are its own to the bit.
   */
  search(
    queryTerms: readonly string[],
    expansion: readonly WeightedTerm[],
    idf: (term: string) => number,
    filter: SearchFilter,
    depth: number,
  ): MemoryHit[] {
    const slotCount = this.#slots;
    this.#scores = grown(this.#scores, slotCount);
    this.#stamps = grown(this.#stamps, slotCount);
    this.#touched = grown(this.#touched, slotCount);
    // Each search marks the rows it has seen with its own stamp: `scored` (a row that passes the filter, its score
    // started) or `skipped` (dead or filtered out); rows with an older stamp are not seen yet.
    if (this.#stamp >= 0xfffffffd) {
      this.#stamps.fill(0);
      this.#stamp = 0;
    }
    const scored = (this.#stamp += 2) - 1;
    const skipped = this.#stamp;
    const scores = this.#scores;
    const stamps = this.#stamps;
    const touched = this.#touched;
    let touchedCount = 0;
    const alive = this.#alive;
    const norms = this.#norms;

    const collection = filter.collection === undefined ? -1 : (this.#collectionIds.get(filter.collection) ?? -2);
    if (collection === -2) return [];
    let groupAllowed: Uint8Array | null = null;
    if (filter.accessGroups !== undefined) {
      const wanted = new Set([PUBLIC_ACCESS_GROUP, ...filter.accessGroups]);
      groupAllowed = new Uint8Array(this.#groupSetMembers.length);
      this.#groupSetMembers.forEach((members, id) => {
        if (members.some((group) => wanted.has(group))) groupAllowed![id] = 1;
      });
    }
    const collections = this.#collections;
    const groupSets = this.#groupSets;
    const filtered = collection >= 0 || groupAllowed !== null;

    // One term's postings into the (partial) scores.
    const scan = (slots: ArrayLike<number>, counts: ArrayLike<number>, from: number, to: number, coefficient: number, wide: Map<number, number> | undefined): void => {
      for (let at = from; at < to; at++) {
        const slot = slots[at]!;
        const stamp = stamps[slot]!;
        if (stamp !== scored) {
          if (stamp === skipped) continue;
          if (alive[slot] === 0 || (filtered && ((collection >= 0 && collections[slot] !== collection) || (groupAllowed !== null && groupAllowed[groupSets[slot]!] === 0)))) {
            stamps[slot] = skipped;
            continue;
          }
          stamps[slot] = scored;
          scores[slot] = 0;
          touched[touchedCount++] = slot;
        }
        let tf = counts[at]!;
        if (tf === WIDE && wide !== undefined) tf = wide.get(slot) ?? tf;
        scores[slot] = scores[slot]! + coefficient * ((tf * K1_PLUS_1) / (tf + norms[slot]!));
      }
    };
    // The query's terms (repeats and expansion terms merged), each with its coefficient and a bound on what it can
    // add to a row: a term weight is below k1 + 1 (tf (k1 + 1) / (tf + norm), norm > 0).
    const order: Array<{ id: number; coefficient: number }> = [];
    const place = new Map<number, number>();
    const coefficients: Array<{ id: number; coefficient: number }> = [];
    const consider = (term: string, coefficient: number): void => {
      const id = this.#termIds.get(term);
      if (id === undefined) return;
      coefficients.push({ id, coefficient });
      const at = place.get(id);
      if (at === undefined) {
        place.set(id, order.length);
        order.push({ id, coefficient });
      } else order[at]!.coefficient += coefficient;
    };
    for (const term of queryTerms) consider(term, idf(term));
    for (const { term, weight } of expansion) consider(term, weight * idf(term));
    if (depth <= 0 || order.length === 0) return [];
    const prunable = order.every(({ coefficient }) => coefficient > 0 && Number.isFinite(coefficient));
    if (prunable) order.sort((a, b) => b.coefficient - a.coefficient);
    const bounds = order.map(({ coefficient }) => coefficient * K1_PLUS_1);
    let left = bounds.reduce((sum, bound) => sum + bound, 0);
    let threshold = Number.NEGATIVE_INFINITY;
    let pruned = false;
    let next = order.length;
    const ranked = new Float64Array(depth);
    for (let i = 0; i < order.length; i++) {
      if (prunable && touchedCount >= depth) {
        // The depth-th best partial score (a lower bound of the depth-th best final one), by a min-heap.
        threshold = kthLargest(scores, touched, touchedCount, ranked);
        if (threshold > left + margin(threshold, left)) {
          pruned = true;
          next = i;
          break;
        }
      }
      const { id, coefficient } = order[i]!;
      const wide = this.#wide.get(id);
      if (id < this.#baseTerms) scan(this.#baseSlots, this.#baseCounts, this.#baseOffsets[id]!, this.#baseOffsets[id + 1]!, coefficient, wide);
      const delta = this.#delta.get(id);
      if (delta !== undefined) scan(delta.slots, delta.counts, 0, delta.slots.length, coefficient, wide);
      left -= bounds[i]!;
    }
    if (!pruned) {
      left = 0;
      threshold = Number.NEGATIVE_INFINITY;
      if (touchedCount >= depth) threshold = kthLargest(scores, touched, touchedCount, ranked);
    }
    // Keeps the rows that can still make the list: those whose partial score plus what the terms left could add
    // reaches the depth-th best partial score.
    const narrow = (): void => {
      const cut = threshold - margin(threshold, left);
      let kept = 0;
      for (let j = 0; j < touchedCount; j++) {
        const slot = touched[j]!;
        if (scores[slot]! + left >= cut) touched[kept++] = slot;
      }
      touchedCount = kept;
    };
    narrow();
    // The terms not scanned, added to those rows only (a binary search in the term's postings each), narrowing them
    // again after each term.
    for (let i = next; i < order.length; i++) {
      const { id, coefficient } = order[i]!;
      for (let j = 0; j < touchedCount; j++) {
        const slot = touched[j]!;
        const tf = this.#count(id, slot);
        if (tf > 0) scores[slot] = scores[slot]! + coefficient * ((tf * K1_PLUS_1) / (tf + norms[slot]!));
      }
      left = i === order.length - 1 ? 0 : left - bounds[i]!;
      threshold = kthLargest(scores, touched, touchedCount, ranked);
      narrow();
    }
    // What is left (the list and rows tied with its last), scored again exactly: bm25Score's terms in the query's
    // order and its operations, so the sums are its own to the bit.
    let kept = 0;
    for (let j = 0; j < touchedCount; j++) {
      const slot = touched[j]!;
      let score = 0;
      for (const { id, coefficient } of coefficients) {
        const tf = this.#count(id, slot);
        if (tf > 0) score += coefficient * ((tf * K1_PLUS_1) / (tf + norms[slot]!));
      }
      scores[slot] = score;
      touched[kept++] = slot;
    }
    touchedCount = kept;

    // The best `depth` by a bounded heap whose root is the worst kept (lower score, or equal and larger id).
    const heap: number[] = [];
    const ids = this.#chunkIds;
    const worse = (a: number, b: number): boolean => {
      const sa = scores[a]!;
      const sb = scores[b]!;
      return sa < sb || (sa === sb && ids[a]! > ids[b]!);
    };
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      if (heap.length < depth) {
        heap.push(slot);
        for (let at = heap.length - 1; at > 0; ) {
          const parent = (at - 1) >> 1;
          if (!worse(heap[at]!, heap[parent]!)) break;
          [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
          at = parent;
        }
        continue;
      }
      // Most rows score below the worst kept: one comparison, no id read.
      if (scores[slot]! < scores[heap[0]!]! || !worse(heap[0]!, slot)) continue;
      heap[0] = slot;
      for (let at = 0; ; ) {
        const left = 2 * at + 1;
        const right = left + 1;
        let worst = at;
        if (left < heap.length && worse(heap[left]!, heap[worst]!)) worst = left;
        if (right < heap.length && worse(heap[right]!, heap[worst]!)) worst = right;
        if (worst === at) break;
        [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
        at = worst;
      }
    }
    return heap
      .sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0))
      .map((slot) => ({ chunkId: ids[slot]!, documentId: this.#documentIds[slot]!, version: this.#versions[slot]!, score: scores[slot]! }));
  }

  /**
   * The distinct documents of the rows held now that hold `term` (every collection and group), sorted; null when more
   * than `atMost` do (the walk stops there).
   */
  documentsHolding(term: string, atMost: number): string[] | null {
    const id = this.#termIds.get(term);
    if (id === undefined) return [];
    const documents = new Set<string>();
    const walk = (slots: ArrayLike<number>, from: number, to: number): boolean => {
      for (let at = from; at < to; at++) {
        const slot = slots[at]!;
        if (this.#alive[slot] === 0) continue;
        documents.add(this.#documentIds[slot]!);
        if (documents.size > atMost) return false;
      }
      return true;
    };
    if (id < this.#baseTerms && !walk(this.#baseSlots, this.#baseOffsets[id]!, this.#baseOffsets[id + 1]!)) return null;
    const delta = this.#delta.get(id);
    if (delta !== undefined && !walk(delta.slots, 0, delta.slots.length)) return null;
    return [...documents].sort();
  }

  /** A row's count of a term: a binary search in the term's postings (each list is in slot order). */
  #count(id: number, slot: number): number {
    let count = 0;
    if (id < this.#baseTerms) count = findCount(this.#baseSlots, this.#baseCounts, this.#baseOffsets[id]!, this.#baseOffsets[id + 1]!, slot);
    if (count === 0) {
      const delta = this.#delta.get(id);
      if (delta !== undefined) count = findCount(delta.slots, delta.counts, 0, delta.slots.length, slot);
    }
    if (count === WIDE) count = this.#wide.get(id)?.get(slot) ?? count;
    return count;
  }

  #termId(term: string): number {
    let id = this.#termIds.get(term);
    if (id === undefined) this.#termIds.set(term, (id = this.#termIds.size));
    return id;
  }

  #setWide(id: number, slot: number, count: number): void {
    let counts = this.#wide.get(id);
    if (counts === undefined) this.#wide.set(id, (counts = new Map()));
    counts.set(slot, count);
  }

  #newSlot(row: MemoryRow): number {
    const previous = this.#live.get(row.chunkId);
    if (previous !== undefined) this.#kill(previous);
    const slot = this.#slots++;
    this.#versions = grown(this.#versions, slot + 1);
    this.#norms = grown(this.#norms, slot + 1);
    this.#collections = grown(this.#collections, slot + 1);
    this.#groupSets = grown(this.#groupSets, slot + 1);
    this.#alive = grown(this.#alive, slot + 1);
    this.#chunkIds[slot] = row.chunkId;
    this.#documentIds[slot] = row.documentId;
    this.#versions[slot] = row.version;
    // `countWanted`'s length: the words between single spaces, empty ones included.
    let length = 0;
    if (row.terms !== "") {
      length = 1;
      for (let at = row.terms.indexOf(" "); at !== -1; at = row.terms.indexOf(" ", at + 1)) length++;
    }
    this.#norms[slot] = lengthNorm(length);
    let collection = this.#collectionIds.get(row.collection);
    if (collection === undefined) this.#collectionIds.set(row.collection, (collection = this.#collectionIds.size));
    this.#collections[slot] = collection;
    const groups = [...new Set(row.accessGroups)].sort();
    const key = groups.join("\u0000");
    let groupSet = this.#groupSetIds.get(key);
    if (groupSet === undefined) {
      this.#groupSetIds.set(key, (groupSet = this.#groupSetMembers.length));
      this.#groupSetMembers.push(groups);
    }
    this.#groupSets[slot] = groupSet;
    this.#alive[slot] = 1;
    this.#live.set(row.chunkId, slot);
    const ofDocument = this.#byDocument.get(row.documentId);
    if (ofDocument === undefined) this.#byDocument.set(row.documentId, [slot]);
    else ofDocument.push(slot);
    return slot;
  }

  #kill(slot: number): void {
    if (this.#alive[slot] === 0) return;
    this.#alive[slot] = 0;
    const chunkId = this.#chunkIds[slot]!;
    if (this.#live.get(chunkId) === slot) this.#live.delete(chunkId);
    this.#deadPostings += this.#postingsOf[slot] ?? 0;
  }

  /** Rebuilds the postings from memory once writes since the last build reach a quarter of them. */
  #maybeCompact(): void {
    const changed = this.#deltaPostings + this.#deadPostings;
    if (changed < 50_000 || changed * 4 < this.#baseSlots.length) return;
    this.#compact();
  }

  #compact(): void {
    const terms = this.#termIds.size;
    const rows = new Uint32Array(terms);
    const alive = this.#alive;
    for (let id = 0; id < this.#baseTerms; id++) {
      for (let at = this.#baseOffsets[id]!, end = this.#baseOffsets[id + 1]!; at < end; at++) if (alive[this.#baseSlots[at]!] === 1) rows[id] = rows[id]! + 1;
    }
    for (const [id, delta] of this.#delta) for (const slot of delta.slots) if (alive[slot] === 1) rows[id] = rows[id]! + 1;
    const offsets = new Uint32Array(terms + 1);
    for (let id = 0; id < terms; id++) offsets[id + 1] = offsets[id]! + rows[id]!;
    const slots = new Uint32Array(offsets[terms]!);
    const counts = new Uint8Array(offsets[terms]!);
    for (let id = 0; id < terms; id++) {
      let place = offsets[id]!;
      if (id < this.#baseTerms) {
        for (let at = this.#baseOffsets[id]!, end = this.#baseOffsets[id + 1]!; at < end; at++) {
          const slot = this.#baseSlots[at]!;
          if (alive[slot] === 0) continue;
          slots[place] = slot;
          counts[place++] = this.#baseCounts[at]!;
        }
      }
      const delta = this.#delta.get(id);
      if (delta === undefined) continue;
      for (let i = 0; i < delta.slots.length; i++) {
        const slot = delta.slots[i]!;
        if (alive[slot] === 0) continue;
        slots[place] = slot;
        counts[place++] = delta.counts[i]!;
      }
    }
    for (const [id, wide] of this.#wide) {
      for (const slot of wide.keys()) if (alive[slot] === 0) wide.delete(slot);
      if (wide.size === 0) this.#wide.delete(id);
    }
    this.#baseTerms = terms;
    this.#baseOffsets = offsets;
    this.#baseSlots = slots;
    this.#baseCounts = counts;
    this.#delta.clear();
    this.#deltaPostings = 0;
    this.#deadPostings = 0;
  }
}
