import fs from "node:fs/promises";
import path from "node:path";
import { InvalidInputError } from "../errors.ts";

/** Extensions a folder walk picks up; a file named explicitly is always attempted. */
export const DOCUMENT_EXTENSIONS = new Set([".pdf", ".docx", ".hwp", ".hwpx", ".html", ".htm", ".mhtml", ".mht", ".eml", ".md", ".markdown", ".mdx", ".txt", ".text"]);

export interface LocalFile {
  absolutePath: string;
  /**
   * Path relative to the ingested folder with "/" separators, or the file name for a single file, as `sourceName`
   * cleans it (never opened: `absolutePath` is).
   */
  source: string;
  sizeBytes: number;
}

export interface CollectedFiles {
  files: LocalFile[];
  /** Files in walked folders that are not documents (images, archives…), by source. */
  skipped: string[];
}

/**
 * A file name as jikji stores, prints and looks it up: Unicode NFC, without control characters. macOS writes Hangul
 * names decomposed (NFD: 보 as ㅂ+ㅗ), and copies, zips and browsers from it keep them so, while a name typed on Linux
 * or Windows is composed: without this the same file is two documents, and `jikji delete 보고서.pdf` does not find the
 * one ingested from a Mac folder. A control character (an escape sequence in a name from an unpacked archive) would
 * reach the terminal that `ingest` and `search` print the name to, and a bidirectional override makes a name read
 * as another one wherever it is shown ("report\u202Efdp.md" reads as "reportdm.pdf").
 */
export function sourceName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.normalize("NFC").replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
}

/** Expands the paths given on the command line into files, in a stable order. */
export async function collectFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const files: LocalFile[] = [];
  const skipped: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    const stat = await fs.stat(absolute).catch(() => null);
    if (!stat) throw new InvalidInputError(`No such file or folder: ${given}`);
    if (stat.isFile()) {
      files.push({ absolutePath: absolute, source: sourceName(path.basename(absolute)), sizeBytes: stat.size });
      continue;
    }
    if (!stat.isDirectory()) throw new InvalidInputError(`Not a file or folder: ${given}`);
    const entries = await fs.readdir(absolute, { recursive: true, withFileTypes: true });
    const found: LocalFile[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue; // symlinks and specials are not followed
      const full = path.join(entry.parentPath, entry.name);
      const relative = sourceName(path.relative(absolute, full).split(path.sep).join("/"));
      if (relative.split("/").some((part) => part.startsWith("."))) continue;
      if (!DOCUMENT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        skipped.push(relative);
        continue;
      }
      const { size } = await fs.stat(full);
      found.push({ absolutePath: full, source: relative, sizeBytes: size });
    }
    found.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
    files.push(...found);
  }
  return { files: distinctSources(files), skipped };
}

/**
 * A collection holds one document per source, so two different files under one source would quietly leave only the
 * second (`ingest a/notes.md b/notes.md`, or two folders with the same inner path): that is refused, naming both. The
 * same file given twice is read once.
 */
function distinctSources(files: readonly LocalFile[]): LocalFile[] {
  const bySource = new Map<string, LocalFile>();
  for (const file of files) {
    const earlier = bySource.get(file.source);
    if (earlier === undefined) bySource.set(file.source, file);
    else if (earlier.absolutePath !== file.absolutePath) {
      throw new InvalidInputError(
        `${earlier.absolutePath} and ${file.absolutePath} would both be stored as "${file.source}" (a collection holds one document per name): ingest them into different collections, or ingest their common folder`,
      );
    }
  }
  return [...bySource.values()];
}
