/** Real-text padding for large data dirs (the 100k-chunk benches: assist latency, load on serve, hybrid overhead). */
import { runIngestJob } from "../../src/ingest/jobs.ts";
import type { Jikji } from "../../src/runtime.ts";
import { distractorDocuments } from "./distractors.ts";
import { loadKorquad } from "./korquad.ts";

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Pads the index with documents of real sentences (KorQuAD, LibreOffice help) until it holds `target` chunks. */
export async function pad(jikji: Jikji, target: number): Promise<void> {
  const korquad = loadKorquad().documents.flatMap((document) => document.body.split(/(?<=[.!?])\s+/));
  const help = (await distractorDocuments()).flatMap((document) => document.text.split(/\n+|(?<=[.!?])\s+/));
  const sentences = [...korquad, ...help].map((s) => s.trim()).filter((s) => s.length > 20);
  const random = seeded(target);
  const pick = () => sentences[Math.floor(random() * sentences.length)]!;
  let chunks = (await jikji.store.counts()).chunks;
  let file = 0;
  while (chunks < target) {
    const files = [];
    for (let i = 0; i < 200; i++, file++) {
      // About twenty 500-character paragraphs: about twenty chunks.
      const paragraphs: string[] = [];
      for (let p = 0; p < 20; p++) {
        let paragraph = "";
        while (paragraph.length < 450) paragraph += `${pick()} `;
        paragraphs.push(paragraph.trim());
      }
      const bytes = new TextEncoder().encode(paragraphs.join("\n\n"));
      files.push({ source: `pad-${String(file).padStart(6, "0")}.txt`, sizeBytes: bytes.byteLength, read: async () => bytes });
    }
    const job = await jikji.store.createJob(null, files.length);
    await runIngestJob(jikji, { jobId: job.id, collection: "support", accessGroups: [], maxFileBytes: 1024 * 1024, files });
    chunks = (await jikji.store.counts()).chunks;
    process.stderr.write(`\r${chunks} chunks`);
  }
  process.stderr.write("\n");
}

