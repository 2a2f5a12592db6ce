/**
 * (b) The same as bench/quality.ts with ~2,500 Korean LibreOffice help pages (Debian's libreoffice-help-ko, fetched
 * on first use) ingested beside the KorQuAD paragraphs as distractors.
 * Run: npx node bench/distractors.ts [--no-peers] [--env NAME=VALUE ...]
 */
import { envArguments } from "./lib/cli.ts";
import { qualityRun } from "./lib/quality.ts";

await qualityRun({ distractors: true, peers: !process.argv.includes("--no-peers"), env: envArguments() });
