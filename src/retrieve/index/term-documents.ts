/**
 * Which documents hold each term, kept beside the document frequencies (issue 8 / issue 12, cost8): the document
 * prior asks it of every question word held by 3 – 2,000 chunks, and on LanceDB each answer was a full-text query
 * (~5 ms CPU a search at 100k chunks). Counted with the frequencies (a recount reads each row's document id with its
 * terms), kept in step by the same writes and saved in the same file, it answers with no query.
 *
 * Each term keeps its documents' chunk counts while at most `cap` documents hold it, so a delete knows when a
 * document stops holding it. A term held by more documents keeps only that fact ("many"): adding rows never makes it
 * false, but removing a row of such a term leaves its count of documents unknown ("unsure"), and such a term, or a
 * cap above `cap`, is answered by the table (`holding` returns undefined). A term absent holds no document: the
 * record is exact for every term it was counted for, since it starts from every row.
 */
import { InvalidInputError } from "../../errors.ts";

/** The largest `atMost` answered from the record (the document prior asks 3). */
export const TERM_DOCUMENTS_CAP = 8;

/** More than `cap` documents hold the term. */
const MANY = 0;
/** More than `cap` documents held the term, and rows holding it were removed since: ask the table. */
const UNSURE = 1;
/** [document number, chunks holding the term, …] (at most `cap` pairs), or MANY or UNSURE. */
type Entry = number[] | typeof MANY | typeof UNSURE;

/** The record as saved: document ids once, each term's entry with document numbers into that list. */
export interface TermDocumentsSnapshot {
  cap: number;
  documents: string[];
  terms: Array<[string, Entry]>;
}

export class TermDocuments {
  readonly cap: number;
  #ids: string[] = [];
  #numbers = new Map<string, number>();
  #terms = new Map<string, Entry>();

  constructor(cap: number = TERM_DOCUMENTS_CAP) {
    if (!Number.isSafeInteger(cap) || cap <= 0) throw new InvalidInputError(`TermDocuments cap must be a positive integer, got ${cap}`);
    this.cap = cap;
  }

  #number(documentId: string): number {
    let number = this.#numbers.get(documentId);
    if (number === undefined) {
      number = this.#ids.length;
      this.#ids.push(documentId);
      this.#numbers.set(documentId, number);
    }
    return number;
  }

  /** One row (chunk) of `documentId` holding `terms` (repeats count once; a Set is taken as it is). */
  add(documentId: string, terms: Iterable<string>): void {
    const document = this.#number(documentId);
    for (const term of terms instanceof Set ? (terms as Set<string>) : new Set(terms)) {
      const entry = this.#terms.get(term);
      if (entry === undefined) {
        this.#terms.set(term, [document, 1]);
        continue;
      }
      if (entry === MANY || entry === UNSURE) continue;
      let at = 0;
      while (at < entry.length && entry[at] !== document) at += 2;
      if (at < entry.length) entry[at + 1]!++;
      else if (entry.length / 2 < this.cap) entry.push(document, 1);
      else this.#terms.set(term, MANY);
    }
  }

  /** Takes back one row `add` counted (same document and terms). */
  remove(documentId: string, terms: Iterable<string>): void {
    const document = this.#numbers.get(documentId);
    for (const term of new Set(terms)) {
      const entry = this.#terms.get(term);
      if (entry === undefined || entry === UNSURE) continue;
      if (entry === MANY) {
        this.#terms.set(term, UNSURE);
        continue;
      }
      let at = 0;
      while (at < entry.length && entry[at] !== document) at += 2;
      if (at === entry.length) continue;
      if (--entry[at + 1]! > 0) continue;
      entry.splice(at, 2);
      if (entry.length === 0) this.#terms.delete(term);
    }
  }

  /**
   * The documents holding `term`, sorted, or null when more than `atMost` do; undefined when the record cannot say
   * (`atMost` above the cap for a term held by more documents than the cap, or an unsure term).
   */
  holding(term: string, atMost: number): string[] | null | undefined {
    const entry = this.#terms.get(term);
    if (entry === undefined) return [];
    if (entry === UNSURE) return undefined;
    if (entry === MANY) return atMost <= this.cap ? null : undefined;
    if (entry.length / 2 > atMost) return null;
    const documents: string[] = [];
    for (let at = 0; at < entry.length; at += 2) documents.push(this.#ids[entry[at]!]!);
    return documents.sort();
  }

  /**
   * What the table said of a term the record is unsure of, read when no write ran since: every row holding it
   * (`rows`, their document ids), or only that more than the cap of documents hold it (`rows` null).
   */
  settle(term: string, rows: readonly string[] | null): void {
    if (this.#terms.get(term) !== UNSURE) return;
    if (rows === null) {
      this.#terms.set(term, MANY);
      return;
    }
    const counts = new Map<number, number>();
    for (const documentId of rows) {
      const document = this.#number(documentId);
      counts.set(document, (counts.get(document) ?? 0) + 1);
    }
    if (counts.size === 0) this.#terms.delete(term);
    else if (counts.size > this.cap) this.#terms.set(term, MANY);
    else this.#terms.set(term, [...counts].flat());
  }

  /** Whether the record is unsure of `term` (its documents are to be read from the table). */
  unsure(term: string): boolean {
    return this.#terms.get(term) === UNSURE;
  }

  /** A plain snapshot for the frequencies file; documents no term points at are left out. */
  toSnapshot(): TermDocumentsSnapshot {
    const renumbered = new Map<number, number>();
    const documents: string[] = [];
    const terms: Array<[string, Entry]> = [];
    for (const [term, entry] of this.#terms) {
      if (entry === MANY || entry === UNSURE) {
        terms.push([term, entry]);
        continue;
      }
      const saved: number[] = [];
      for (let at = 0; at < entry.length; at += 2) {
        const old = entry[at]!;
        let number = renumbered.get(old);
        if (number === undefined) {
          number = documents.length;
          documents.push(this.#ids[old]!);
          renumbered.set(old, number);
        }
        saved.push(number, entry[at + 1]!);
      }
      terms.push([term, saved]);
    }
    return { cap: this.cap, documents, terms };
  }

  /** The record a snapshot describes; null when the snapshot is missing or malformed (the caller recounts). */
  static fromSnapshot(snapshot: unknown): TermDocuments | null {
    if (typeof snapshot !== "object" || snapshot === null) return null;
    const { cap, documents, terms } = snapshot as Partial<TermDocumentsSnapshot>;
    if (typeof cap !== "number" || !Number.isSafeInteger(cap) || cap <= 0 || !Array.isArray(documents) || !Array.isArray(terms)) return null;
    const restored = new TermDocuments(cap);
    restored.#ids = documents;
    restored.#numbers = new Map(documents.map((id, number) => [id, number]));
    restored.#terms = new Map(terms);
    return restored;
  }
}
