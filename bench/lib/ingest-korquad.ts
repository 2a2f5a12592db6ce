import { runIngestJob } from "../../src/ingest/jobs.ts";
import type { Jikji } from "../../src/runtime.ts";
import { documentText, loadKorquad, type BenchDocument, type BenchQuestion } from "./korquad.ts";

/** Ingests the KorQuAD paragraphs straight from memory (no temp files) into `collection`. */
export async function ingestKorquad(
  jikji: Jikji,
  collection = "korquad",
): Promise<{ documents: BenchDocument[]; questions: BenchQuestion[]; seconds: number }> {
  const { documents, questions } = loadKorquad();
  const job = await jikji.store.createJob(null, documents.length);
  const started = performance.now();
  const report = await runIngestJob(jikji, {
    jobId: job.id,
    collection,
    accessGroups: [],
    maxFileBytes: 1024 * 1024,
    files: documents.map((document) => {
      const bytes = new TextEncoder().encode(documentText(document));
      return { source: document.name, sizeBytes: bytes.byteLength, read: async () => bytes };
    }),
  });
  if (report.counters.failed > 0) throw new Error(`KorQuAD ingest failed: ${JSON.stringify(report.files.slice(0, 3))}`);
  return { documents, questions, seconds: (performance.now() - started) / 1000 };
}
