/**
 * (c) jikji and its peers (MiniSearch, Orama, LangChain.js BM25Retriever, wink-bm25-text-search) on the same data in
 * one run: KorQuAD dev part A alone, then with the LibreOffice distractors. Run: npx node bench/peers.ts
 */
import { qualityRun } from "./lib/quality.ts";

await qualityRun({ distractors: false, peers: true });
console.log();
await qualityRun({ distractors: true, peers: true });
