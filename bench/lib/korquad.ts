/**
 * The KorQuAD 1.0 dev half (../shared/bench/korquad) as a retrieval task: each paragraph is one document whose text
 * is the article title, a blank line, then the paragraph; each question's relevant document is its paragraph's.
 * The dataset is read in place and written only to temporary folders (its licence forbids publishing altered copies).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const KORQUAD_PATH = "shared/bench/korquad/KorQuAD_v1.0_dev.part-a.json";
/** Beside the main checkout (/work/main → /work/shared), or one level further up from a worktree (/work/wt/<name>). */
export const KORQUAD_FILE = [resolve(HERE, "../../..", KORQUAD_PATH), resolve(HERE, "../../../..", KORQUAD_PATH)].find((file) =>
  existsSync(file),
) ?? resolve(HERE, "../../..", KORQUAD_PATH);

export interface BenchDocument {
  /** File name, also the `relevant` value. */
  name: string;
  title: string;
  body: string;
}

export interface BenchQuestion {
  question: string;
  relevant: string[];
}

interface Squad {
  data: Array<{ title: string; paragraphs: Array<{ context: string; qas: Array<{ question: string }> }> }>;
}

export function loadKorquad(): { documents: BenchDocument[]; questions: BenchQuestion[] } {
  const squad = JSON.parse(readFileSync(KORQUAD_FILE, "utf8")) as Squad;
  const documents: BenchDocument[] = [];
  const questions: BenchQuestion[] = [];
  squad.data.forEach((article, a) => {
    article.paragraphs.forEach((paragraph, p) => {
      const name = `korquad-${String(a).padStart(3, "0")}-${String(p).padStart(3, "0")}.txt`;
      documents.push({ name, title: article.title, body: paragraph.context });
      for (const qa of paragraph.qas) questions.push({ question: qa.question, relevant: [name] });
    });
  });
  return { documents, questions };
}

/** The text a document is ingested as: title, blank line, paragraph. */
export function documentText(document: BenchDocument): string {
  return `${document.title}\n\n${document.body}\n`;
}

export async function writeKorquad(folder: string): Promise<{ qaFile: string; documents: BenchDocument[]; questions: BenchQuestion[] }> {
  const { documents, questions } = loadKorquad();
  await mkdir(join(folder, "docs"), { recursive: true });
  await Promise.all(documents.map((document) => writeFile(join(folder, "docs", document.name), documentText(document))));
  const qaFile = join(folder, "qa.jsonl");
  await writeFile(qaFile, questions.map((question) => JSON.stringify(question)).join("\n") + "\n");
  return { qaFile, documents, questions };
}
