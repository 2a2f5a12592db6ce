/**
 * One variant of PDF text extraction, in this process alone, over the PDFs named on the command line; prints one
 * JSON line: the CPU (user + sys, all threads, from process.cpuUsage) of the imports and of the extraction, wall
 * time, and a hash of what was extracted (so variants that claim the same output can be checked to give it).
 * Run by bench/pdf12/pdfjs-cpu.ts, one process per run: pdf.js keeps one (fake) worker per process, and pdf.js 5
 * (LangChain.js's, through pdf-parse 2.4.5) and 6 (jikji's) cannot share one.
 *
 *   node bench/pdf12/extract.ts <variant> a.pdf b.pdf …
 *
 * Variants: see VARIANTS below. "pp5-*" and "pjs5-*" use bench/peers' pdfjs-dist 5.4.296, the rest jikji's 6.5.438.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

type Json = Record<string, unknown>;
interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
  fontName?: string;
  dir?: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const PEERS = join(HERE, "../peers");
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const [variant, ...files] = process.argv.slice(2);
if (variant === undefined || files.length === 0) throw new Error("usage: node bench/pdf12/extract.ts <variant> <pdf>…");
const inputs = await Promise.all(files.map(async (file) => new Uint8Array(await readFile(file))));

/** The text items of every page, hashed in order: str, transform, width, height, hasEOL, dir, font name. */
class ItemHash {
  private readonly hash = createHash("sha256");
  items = 0;
  pages = 0;
  add(items: readonly unknown[]): void {
    this.pages++;
    for (const item of items) {
      if (typeof item !== "object" || item === null || !("str" in item)) continue;
      const text = item as TextItemLike;
      this.items++;
      this.hash.update(`${text.str}\u0000${text.transform.join(",")}\u0000${text.width}\u0000${text.height}\u0000${text.hasEOL}\u0000${text.dir}\u0001`);
    }
  }
  digest(): string {
    return this.hash.digest("hex").slice(0, 16);
  }
}

const jikjiPdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const peersPdfjsRoot = dirname(createRequire(join(PEERS, "package.json")).resolve("pdfjs-dist/package.json"));
const assetsOf = (root: string) => ({
  cMapUrl: join(root, "cmaps") + "/",
  standardFontDataUrl: join(root, "standard_fonts") + "/",
  wasmUrl: join(root, "wasm") + "/",
});
/** jikji's getDocument options (src/ingest/parse-pdf.ts openPdf) for a pdfjs-dist at `root`. */
const jikjiOptions = (root: string): Json => ({ ...assetsOf(root), cMapPacked: true, useSystemFonts: false, disableFontFace: true, verbosity: 0 });

type Pdfjs = { getDocument(options: Json): { promise: Promise<PdfDoc>; destroy(): Promise<void> } };
type PdfPage = {
  getTextContent(options?: Json): Promise<{ items: unknown[] }>;
  cleanup(): boolean;
};
type PdfDoc = { numPages: number; getPage(n: number): Promise<PdfPage>; loadingTask: { destroy(): Promise<void> }; getMetadata(): Promise<unknown> };

interface Plan {
  /** Loads the library; its CPU is reported as import CPU. */
  load(): Promise<(bytes: Uint8Array, hash: ItemHash) => Promise<void>>;
}

/** getTextContent of every page with pdf.js `load`'s getDocument and these options; `cleanup` like jikji/pdf-parse. */
function textContentPlan(
  load: () => Promise<Pdfjs>,
  options: () => Json,
  extra: { textOptions?: Json; cleanup?: boolean; viaUnpdf?: boolean } = {},
): Plan {
  return {
    async load() {
      const pdfjs = await load();
      let open = (data: Uint8Array): Promise<PdfDoc> => pdfjs.getDocument({ ...options(), data }).promise;
      if (extra.viaUnpdf) {
        const unpdf = await import("unpdf");
        await unpdf.definePDFJSModule(async () => pdfjs as never);
        open = (data) => unpdf.getDocumentProxy(data, options() as never) as unknown as Promise<PdfDoc>;
      }
      return async (bytes, hash) => {
        const pdf = await open(bytes.slice());
        try {
          for (let n = 1; n <= pdf.numPages; n++) {
            const page = await pdf.getPage(n);
            hash.add((await page.getTextContent(extra.textOptions)).items);
            if (extra.cleanup !== false) page.cleanup();
          }
        } finally {
          await pdf.loadingTask.destroy();
        }
      };
    },
  };
}

const pdfjs6 = async () => (await import("pdfjs-dist/legacy/build/pdf.mjs")) as unknown as Pdfjs;
const pdfjs5 = async () => (await import(pathToFileURL(join(peersPdfjsRoot, "legacy/build/pdf.mjs")).href)) as Pdfjs;
/** pdf-parse 2.4.5's own getDocument options: `{ data, verbosity: ERRORS }`, everything else pdf.js's default. */
const pdfParseOptions = (): Json => ({ verbosity: 0 });
const noCmaps = (root: string) => (): Json => {
  const { cMapUrl: _url, cMapPacked: _packed, ...rest } = jikjiOptions(root);
  return rest;
};

/** jikji's own code: readPdfPages (+ assemblePdf) as the parse worker runs it, in this thread. */
function jikjiPlan(mode: "read" | "read+assemble" | "read+clone" | `part${number}of${number}`): Plan {
  return {
    async load() {
      const { readPdfPages, assemblePdf } = await import("../../src/ingest/parse-pdf.ts");
      return async (bytes, hash) => {
        const part = /^part(\d+)of(\d+)$/.exec(mode);
        const range = part ? { index: Number(part[1]), of: Number(part[2]) } : { index: 0, of: 1 };
        const pages = await readPdfPages(bytes, "x.pdf", {}, range);
        let result: unknown = pages;
        if (mode === "read+assemble") result = await assemblePdf([pages], bytes, "x.pdf");
        if (mode === "read+clone") result = structuredClone(pages);
        hash.add([{ str: JSON.stringify(result), transform: [], width: 0, height: 0, hasEOL: false }]);
        hash.pages = pages.to - pages.from + 1;
      };
    },
  };
}

/**
 * The whole file through jikji's parse worker (src/ingest/parser.ts workerParser, default limits, no OCR): worker
 * start-up, the copy of the bytes into it, parseDocument there, and the structured clone of the document back. The
 * worker starts on the first file, so its start-up counts in the extraction, not the imports.
 */
const workerPlan: Plan = {
  async load() {
    const { workerParser } = await import("../../src/ingest/parser.ts");
    const parser = workerParser({ maxPages: 5000, maxDecompressedBytes: 512 * 1024 * 1024, parseTimeoutMs: 600_000, parseMemoryMb: 1024 }, null);
    process.once("beforeExit", () => void parser.close());
    return async (bytes, hash) => {
      const result = await parser.parse(bytes, "x.pdf");
      hash.add([{ str: JSON.stringify(result), transform: [], width: 0, height: 0, hasEOL: false }]);
    };
  },
};

/**
 * jikji's parse worker (src/ingest/parse-worker.ts) started here with other resource limits than workerParser's
 * (`maxYoungGenerationSizeMb: 64`, old generation 1024 MB): young generation `young` MB, or V8's default when 0,
 * old generation `old` MB;
 * "none": no resource limits at all.
 */
function rawWorkerPlan(young: number | "none", old = 1024): Plan {
  return {
    async load() {
      const { Worker } = await import("node:worker_threads");
      const worker = new Worker(new URL("../../src/ingest/parse-worker.ts", import.meta.url), {
        resourceLimits:
          young === "none" ? {} : young > 0 ? { maxOldGenerationSizeMb: old, maxYoungGenerationSizeMb: young } : { maxOldGenerationSizeMb: old },
      });
      worker.unref();
      let id = 0;
      return (bytes, hash) =>
        new Promise((resolve, reject) => {
          const request = { id: ++id, bytes, fileName: "x.pdf", options: { maxPages: 5000 } };
          const onMessage = (reply: { id: number; type: string; result?: unknown; message?: string }) => {
            if (reply.id !== request.id || (reply.type !== "done" && reply.type !== "error")) return;
            worker.off("message", onMessage);
            if (reply.type === "error") return reject(new Error(reply.message));
            hash.add([{ str: JSON.stringify(reply.result), transform: [], width: 0, height: 0, hasEOL: false }]);
            resolve();
          };
          worker.on("message", onMessage);
          worker.postMessage(request);
        });
    },
  };
}

/**
 * All the PDFs given at once to a pool of `workers` parse workers (parserPool over workerParser, as `jikji ingest`
 * builds it, split off): the whole-command parse cost of running in parallel. The first call starts every file;
 * per-file CPU is then meaningless, only the extraction total counts.
 */
function poolPlan(workers: number): Plan {
  return {
    async load() {
      const { workerParser } = await import("../../src/ingest/parser.ts");
      const { parserPool } = await import("../../src/ingest/pool.ts");
      const limits = { maxPages: 5000, maxDecompressedBytes: 512 * 1024 * 1024, parseTimeoutMs: 600_000, parseMemoryMb: 1024 };
      const pool = parserPool(Array.from({ length: workers }, () => workerParser(limits, null)));
      let started: Array<Promise<unknown>> | undefined;
      let next = 0;
      return async (_bytes, hash) => {
        started ??= inputs.map((bytes) => pool.parse(bytes, "x.pdf"));
        hash.add([{ str: JSON.stringify(await started[next++]), transform: [], width: 0, height: 0, hasEOL: false }]);
      };
    },
  };
}

/** pdf-parse 2.4.5 as LangChain.js's PDFLoader drives it: getText() then getInfo(), then destroy. */
const pdfParsePlan: Plan = {
  async load() {
    const { PDFParse } = (await import(pathToFileURL(join(PEERS, "node_modules/pdf-parse/dist/pdf-parse/esm/index.js")).href)) as {
      PDFParse: new (options: Json) => { getText(): Promise<{ pages: Array<{ text: string }> }>; getInfo(): Promise<unknown>; destroy(): Promise<void> };
    };
    return async (bytes, hash) => {
      const parser = new PDFParse({ data: bytes.slice() });
      try {
        const text = await parser.getText();
        await parser.getInfo();
        for (const page of text.pages) hash.add([{ str: page.text, transform: [], width: 0, height: 0, hasEOL: false }]);
      } finally {
        await parser.destroy();
      }
    };
  },
};

/** getTextContent + jikji's itemsToLines per page, timing itemsToLines alone (reported as `linesCpuMs`). */
let linesCpu = 0;
const linesPlan: Plan = {
  async load() {
    const pdfjs = await pdfjs6();
    const { itemsToLines } = await import("../../src/ingest/pdf-layout.ts");
    return async (bytes, hash) => {
      const pdf = await pdfjs.getDocument({ ...jikjiOptions(jikjiPdfjsRoot), data: bytes.slice() }).promise;
      try {
        for (let n = 1; n <= pdf.numPages; n++) {
          const page = await pdf.getPage(n);
          const { items } = await page.getTextContent();
          hash.add(items);
          const before = cpuMs();
          itemsToLines(items.flatMap((item) => (typeof item === "object" && item !== null && "str" in item ? [item as TextItemLike] : [])));
          linesCpu += cpuMs() - before;
          page.cleanup();
        }
      } finally {
        await pdf.loadingTask.destroy();
      }
    };
  },
};

const j6 = () => jikjiOptions(jikjiPdfjsRoot);
const VARIANTS: Record<string, Plan> = {
  // (a) LangChain.js's path
  "pp5-langchain": pdfParsePlan,
  "pjs5-ppopts": textContentPlan(pdfjs5, pdfParseOptions),
  "pjs5-jikjiopts": textContentPlan(pdfjs5, () => jikjiOptions(peersPdfjsRoot)),
  "pjs5-jikjiopts-noeval": textContentPlan(pdfjs5, () => ({ ...jikjiOptions(peersPdfjsRoot), isEvalSupported: false })),
  // (b) jikji's pdf.js 6.5 with jikji's options, through unpdf as jikji calls it, text content only
  "pjs6-jikji": textContentPlan(pdfjs6, j6, { viaUnpdf: true }),
  // (d) variations of (b)
  "pjs6-direct": textContentPlan(pdfjs6, j6),
  "pjs6-ppopts": textContentPlan(pdfjs6, pdfParseOptions),
  "pjs6-nocmaps": textContentPlan(pdfjs6, noCmaps(jikjiPdfjsRoot)),
  "pjs6-nostdfonts": textContentPlan(pdfjs6, () => {
    const { standardFontDataUrl: _url, ...rest } = j6();
    return rest;
  }),
  "pjs6-nowasm": textContentPlan(pdfjs6, () => {
    const { wasmUrl: _url, ...rest } = j6();
    return rest;
  }),
  "pjs6-fontface": textContentPlan(pdfjs6, () => ({ ...j6(), disableFontFace: false })),
  "pjs6-systemfonts": textContentPlan(pdfjs6, () => ({ ...j6(), useSystemFonts: true })),
  "pjs6-fontextra": textContentPlan(pdfjs6, () => ({ ...j6(), fontExtraProperties: true })),
  "pjs6-marked": textContentPlan(pdfjs6, j6, { textOptions: { includeMarkedContent: true } }),
  "pjs6-nonorm": textContentPlan(pdfjs6, j6, { textOptions: { disableNormalization: true } }),
  "pjs6-nocleanup": textContentPlan(pdfjs6, j6, { cleanup: false }),
  "pjs6-lines": linesPlan,
  // (c) jikji's own code
  "jikji-read": jikjiPlan("read"),
  "jikji-read-assemble": jikjiPlan("read+assemble"),
  "jikji-read-clone": jikjiPlan("read+clone"),
  "jikji-worker": workerPlan,
  "jikji-pool1": poolPlan(1),
  "jikji-pool2": poolPlan(2),
  "worker-young64": rawWorkerPlan(64),
  "worker-young16": rawWorkerPlan(16),
  "worker-youngdefault": rawWorkerPlan(0),
  "worker-nolimits": rawWorkerPlan("none"),
  "worker-young32": rawWorkerPlan(32),
  "worker-young64-old2048": rawWorkerPlan(64, 2048),
  "worker-young64-old4096": rawWorkerPlan(64, 4096),
  "worker-young128": rawWorkerPlan(128),
  "jikji-part0of2": jikjiPlan("part0of2"),
  "jikji-part1of2": jikjiPlan("part1of2"),
};

const plan = VARIANTS[variant];
if (plan === undefined) throw new Error(`unknown variant ${variant}; one of ${Object.keys(VARIANTS).join(", ")}`);
const cpuStart = cpuMs();
const run = await plan.load();
const importCpuMs = cpuMs() - cpuStart;
const perFile: Array<{ file: string; cpuMs: number; hash: string; items: number; pages: number }> = [];
const wallStart = performance.now();
const extractStart = cpuMs();
for (const [index, bytes] of inputs.entries()) {
  const before = cpuMs();
  const hash = new ItemHash();
  await run(bytes, hash);
  perFile.push({ file: files[index]!.split("/").pop()!, cpuMs: Math.round(cpuMs() - before), hash: hash.digest(), items: hash.items, pages: hash.pages });
}
// PDF12_PASSES=2: the same PDFs again in this process, JIT warm (pdf.js compiled and optimised by the first pass).
const passes = Number(process.env.PDF12_PASSES ?? "1");
if (!Number.isInteger(passes) || passes < 1) throw new Error("PDF12_PASSES must be a positive integer");
const laterPassCpuMs: number[] = [];
const extractCpuMs = Math.round(cpuMs() - extractStart);
const extractWallMs = Math.round(performance.now() - wallStart);
for (let pass = 2; pass <= passes; pass++) {
  const before = cpuMs();
  for (const bytes of inputs) await run(bytes, new ItemHash());
  laterPassCpuMs.push(Math.round(cpuMs() - before));
}
const out = {
  variant,
  ...(passes > 1 ? { laterPassCpuMs } : {}),
  importCpuMs: Math.round(importCpuMs),
  extractCpuMs,
  extractWallMs,
  totalCpuMs: Math.round(cpuMs()),
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  ...(variant === "pjs6-lines" ? { linesCpuMs: Math.round(linesCpu) } : {}),
  perFile,
};
process.stdout.write(JSON.stringify(out) + "\n");
