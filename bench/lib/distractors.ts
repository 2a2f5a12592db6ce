/**
 * Distractors: the Korean LibreOffice help pages from Debian's `libreoffice-help-ko` (~2,500 HTML pages),
 * fetched with `apt-get download` and unpacked with `dpkg -x` into test/.cache/debian/ (gitignored) on first use.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parseDocument } from "../../src/ingest/parse.ts";
import { debianFile } from "../../test/fixtures/debian.ts";
import type { CorpusDocument } from "./peers.ts";

const HELP_ROOT = "usr/share/libreoffice/help/ko";

export async function distractorFolder(): Promise<string> {
  const probe = await debianFile("libreoffice-help-ko", `${HELP_ROOT}/text/shared/find_toolbar.html`);
  return probe.slice(0, probe.indexOf(HELP_ROOT) + HELP_ROOT.length);
}

/** Every help page (HTML file) of the package, as a whole-folder ingest reads them. */
export async function distractorPages(): Promise<string[]> {
  const root = await distractorFolder();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

let withText: Promise<string[]> | null = null;

/**
 * The help pages that hold text. Ten pages (screenshot and video lists, an empty sample-files page) have no words
 * but the side columns jikji leaves out as site chrome; ingest reports such a page as failed, so they are not used.
 */
export function distractorFiles(): Promise<string[]> {
  withText ??= (async () => {
    const kept: string[] = [];
    for (const file of await distractorPages()) {
      const { document } = await parseDocument(new Uint8Array(await readFile(file)), file);
      if (document.text.trim() !== "") kept.push(file);
    }
    return kept;
  })();
  return withText;
}

/** The distractors as the peers see them: the text jikji's own HTML parser extracts, named like the files. */
export async function distractorDocuments(): Promise<CorpusDocument[]> {
  const root = await distractorFolder();
  const documents: CorpusDocument[] = [];
  for (const file of await distractorFiles()) {
    const { document } = await parseDocument(new Uint8Array(await readFile(file)), file);
    if (document.text.trim() === "") continue;
    documents.push({ name: `lo-${relative(root, file).replaceAll("/", "-")}`, title: document.title ?? "", text: document.text });
  }
  return documents;
}
