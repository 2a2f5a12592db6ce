import fs from "node:fs/promises";
import path from "node:path";
import { InvalidInputError } from "../errors.ts";

/** Extensions a folder walk picks up; a file named explicitly is always attempted. */
export const DOCUMENT_EXTENSIONS = new Set([".pdf", ".docx", ".hwp", ".hwpx", ".html", ".htm", ".md", ".markdown", ".txt", ".text"]);

export interface LocalFile {
  absolutePath: string;
  /** Path relative to the ingested folder with "/" separators, or the file name for a single file. */
  source: string;
  sizeBytes: number;
}

export interface CollectedFiles {
  files: LocalFile[];
  /** Files in walked folders that are not documents (images, archives…), by source. */
  skipped: string[];
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
      files.push({ absolutePath: absolute, source: path.basename(absolute), sizeBytes: stat.size });
      continue;
    }
    if (!stat.isDirectory()) throw new InvalidInputError(`Not a file or folder: ${given}`);
    const entries = await fs.readdir(absolute, { recursive: true, withFileTypes: true });
    const found: LocalFile[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue; // symlinks and specials are not followed
      const full = path.join(entry.parentPath, entry.name);
      const relative = path.relative(absolute, full).split(path.sep).join("/");
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
  return { files, skipped };
}
