/**
 * Collection audit: aggregates over every visible chunk of a data dir, to find what repeats across a collection's
 * documents (footers, navigation, disclaimers) and other systemic chunking defects.
 * Run: npx node bench/collection-audit.ts <data dir> [--min-docs N] [--share 0.8] [--short 40] [--top 20]
 * --min-docs defaults to max(3, 2% of the documents).
 */
import { auditCollection, type Counted } from "./lib/collection-audit.ts";
import { readChunks } from "./lib/chunks.ts";

function flag(name: string, fallback: number | undefined): number | undefined {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value)) throw new Error(`${name} takes a number, got "${process.argv[at + 1]}"`);
  return value;
}

const dataDir = process.argv[2];
if (dataDir === undefined || dataDir.startsWith("--")) throw new Error("usage: npx node bench/collection-audit.ts <data dir> [--min-docs N] [--share 0.8] [--short 40] [--top 20]");
const chunks = await readChunks(dataDir);
const documents = new Set(chunks.map((chunk) => chunk.documentId)).size;
const minDocuments = flag("--min-docs", undefined) ?? Math.max(3, Math.ceil(documents * 0.02));
const options = { minDocuments, repeatedShare: flag("--share", 0.8)!, shortChars: flag("--short", 40)! };
const audit = auditCollection(chunks, options, flag("--top", 20));

const clip = (text: string, width = 110) => {
  const line = text.replace(/\s+/g, " ");
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
};
const pct = (n: number) => `${((100 * n) / Math.max(1, audit.chunks)).toFixed(1)}%`;
const table = (rows: Counted[]) => rows.map((row) => `  ${String(row.documents).padStart(5)} docs ${String(row.chunks).padStart(5)} chunks  ${clip(row.example)}`).join("\n");

console.log(`# collection audit of ${dataDir}: ${audit.documents} documents, ${audit.chunks} chunks`);
console.log(`# roles: ${Object.entries(audit.roles).map(([role, n]) => `${role} ${n}`).join(", ")}`);
console.log(`# repeated = a normalised sentence (case, spaces, digits folded) in >= ${minDocuments} documents\n`);
console.log(`## sentences repeated across documents (top ${audit.repeatedSentences.length})\n${table(audit.repeatedSentences)}\n`);
console.log(`## chunks >= ${options.repeatedShare * 100}% repeated text: ${audit.mostlyRepeated.count} (${pct(audit.mostlyRepeated.count)})`);
for (const example of audit.mostlyRepeated.examples) console.log(`  ${(example.share * 100).toFixed(0)}% ${example.role.padEnd(11)} ${example.source}: ${clip(example.text)}`);
console.log(`\n## chunks with no section path: ${audit.noSectionPath.count} (${pct(audit.noSectionPath.count)})`);
for (const example of audit.noSectionPath.examples) console.log(`  ${example.source}: ${clip(example.text)}`);
console.log(`\n## chunks under ${options.shortChars} chars: ${audit.short.count} (${pct(audit.short.count)})\n${table(audit.short.byText)}`);
console.log(`\n## chunks that are only a heading: ${audit.headingOnly.count} (${pct(audit.headingOnly.count)})\n${table(audit.headingOnly.byText)}`);
console.log(`\n## duplicate chunks: ${audit.duplicates.groups} texts in ${audit.duplicates.chunks} chunks (${pct(audit.duplicates.chunks)})\n${table(audit.duplicates.byText)}`);
