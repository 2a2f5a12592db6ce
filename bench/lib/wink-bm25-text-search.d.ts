/** The part of wink-bm25-text-search (which ships no types) that bench/lib/peers.ts uses. */
declare module "wink-bm25-text-search" {
  interface WinkBm25 {
    defineConfig(config: { fldWeights: Record<string, number>; bm25Params?: { k1?: number; b?: number; k?: number } }): boolean;
    definePrepTasks(tasks: Array<(input: string) => string[]>, field?: string): number;
    addDoc(document: Record<string, string>, id: number | string): number;
    consolidate(precision?: number): boolean;
    search(text: string, limit?: number): Array<[number | string, number]>;
  }
  const winkBm25: () => WinkBm25;
  export default winkBm25;
}
