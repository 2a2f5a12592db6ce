/**
 * Whether two data dirs hold the same ingested documents: every document's source, title, media type, page count,
 * status, warnings and metadata (furniture included), and every chunk's text, ordinal, pages, page spans, section
 * path, clause path, character offsets and role, compared as one canonical dump (ids and times left out). For
 * checking that a change to parsing or ingest leaves the stored output unchanged, e.g. a tree before and after:
 *
 *   node bench/ingest-same-chunks.ts <data dir A> <data dir B>     (exit 1 and the first difference when unequal)
 *   node bench/ingest-same-chunks.ts <data dir>                    (counts and the dump's hash)
 */
import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { pgliteDir } from "../src/store/data-dir.ts";

async function dump(dataDir: string): Promise<{ lines: string[]; documents: number; chunks: number }> {
  const client = new PGlite(pgliteDir(dataDir));
  try {
    const documents = await client.query<Record<string, unknown>>(
      `SELECT source, title, media_type, page_count, chunk_count, status, warnings, metadata FROM documents ORDER BY source`,
    );
    const chunks = await client.query<Record<string, unknown>>(
      `SELECT d.source, c.ordinal, c.text, c.page_start, c.page_end, c.page_spans, c.heading_path, c.clause_path,
              c.char_start, c.char_end, c.role
         FROM chunks c JOIN documents d ON d.id = c.document_id AND d.version = c.version
        ORDER BY d.source, c.ordinal`,
    );
    return {
      lines: [...documents.rows.map((row) => `document ${JSON.stringify(row)}`), ...chunks.rows.map((row) => `chunk ${JSON.stringify(row)}`)],
      documents: documents.rows.length,
      chunks: chunks.rows.length,
    };
  } finally {
    await client.close();
  }
}

const [first, second] = process.argv.slice(2);
if (first === undefined) throw new Error("usage: node bench/ingest-same-chunks.ts <data dir> [<other data dir>]");
const a = await dump(first);
const hash = (lines: string[]) => createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16);
console.log(`${first}: ${a.documents} documents, ${a.chunks} chunks, dump ${hash(a.lines)}`);
if (second !== undefined) {
  const b = await dump(second);
  console.log(`${second}: ${b.documents} documents, ${b.chunks} chunks, dump ${hash(b.lines)}`);
  const at = a.lines.findIndex((line, i) => line !== b.lines[i]);
  if (at === -1 && a.lines.length === b.lines.length) console.log("identical");
  else {
    const i = at === -1 ? Math.min(a.lines.length, b.lines.length) : at;
    console.log(`DIFFERENT at line ${i + 1}:\n- ${a.lines[i]?.slice(0, 400)}\n+ ${b.lines[i]?.slice(0, 400)}`);
    process.exitCode = 1;
  }
}
