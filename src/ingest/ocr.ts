import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { errorMessage } from "../errors.ts";

const run = promisify(execFile);

export interface OcrOptions {
  /** Tesseract languages joined by "+", e.g. "kor+eng"; those not installed are left out with a note. */
  languages: string;
  /** Rendering plus recognition of one page; a page over it is skipped with a note. */
  pageTimeoutMs: number;
  /** Called before each page is recognised, so a supervisor can extend its deadline. */
  onPage?: (page: number) => void;
}

export interface OcrResult {
  /** Recognised text by 1-based page; pages that failed are absent. */
  pages: Map<number, string>;
  /** One line per page: "page 3: OCR (kor+eng)", or why it was skipped. */
  notes: string[];
}

export const OCR_INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-kor tesseract-ocr-eng poppler-utils";

let installedLanguages: Promise<Set<string> | null> | undefined;

/** The languages tesseract has, or null when tesseract or pdftoppm is not installed. Asked once per process. */
function tesseractLanguages(): Promise<Set<string> | null> {
  installedLanguages ??= (async () => {
    try {
      await run("pdftoppm", ["-v"], { timeout: 10_000 });
      const { stdout, stderr } = await run("tesseract", ["--list-langs"], { timeout: 10_000 });
      // Older tesseract versions print the list on stderr.
      const lines = `${stdout}\n${stderr}`.split("\n").map((line) => line.trim());
      return new Set(lines.filter((line) => /^[a-z_]+$/i.test(line)));
    } catch {
      return null;
    }
  })();
  return installedLanguages;
}

/**
 * Recognises the given pages of a PDF: pdftoppm renders each page alone to a grey PNG at 300 dpi, tesseract reads
 * it. Both run from argument arrays (no shell) under a time limit, in a private temp dir removed afterwards.
 */
export async function ocrPdfPages(pdf: Uint8Array, pageNumbers: readonly number[], options: OcrOptions): Promise<OcrResult> {
  const pages = new Map<number, string>();
  const notes: string[] = [];
  if (pageNumbers.length === 0) return { pages, notes };
  const installed = await tesseractLanguages();
  if (installed === null) {
    for (const page of pageNumbers) {
      notes.push(`page ${page} has no text layer; OCR skipped because tesseract/pdftoppm is not installed (${OCR_INSTALL_HINT})`);
    }
    return { pages, notes };
  }
  const wanted = options.languages.split("+").filter((language) => language !== "");
  const languages = wanted.filter((language) => installed.has(language));
  const missing = wanted.filter((language) => !installed.has(language));
  if (languages.length === 0) {
    for (const page of pageNumbers) {
      notes.push(`page ${page} has no text layer; OCR skipped because tesseract has none of the languages ${options.languages} (${OCR_INSTALL_HINT})`);
    }
    return { pages, notes };
  }
  const languageList = languages.join("+");
  const missingNote = missing.length > 0 ? `; ${missing.join(", ")} not installed` : "";

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-ocr-"));
  try {
    const input = path.join(dir, "input.pdf");
    await fs.writeFile(input, pdf);
    for (const page of pageNumbers) {
      options.onPage?.(page);
      const image = path.join(dir, `page-${page}`);
      const started = Date.now();
      try {
        await run("pdftoppm", ["-f", String(page), "-l", String(page), "-r", "300", "-gray", "-png", "-singlefile", input, image], {
          timeout: options.pageTimeoutMs,
          killSignal: "SIGKILL",
        });
        // Automatic layout analysis (psm 3) keeps columns apart but calls some sparse pages empty; a second pass
        // that assumes one uniform block of text (psm 6) reads those.
        let text = "";
        for (const layout of ["3", "6"]) {
          const left = Math.max(1000, options.pageTimeoutMs - (Date.now() - started));
          const { stdout } = await run("tesseract", [`${image}.png`, "stdout", "-l", languageList, "--psm", layout], {
            timeout: left,
            killSignal: "SIGKILL",
            maxBuffer: 16 * 1024 * 1024,
          });
          text = stdout.replace(/\f/g, "").trim();
          if (text !== "") break;
        }
        if (text === "") notes.push(`page ${page}: OCR (${languageList}) found no text${missingNote}`);
        else {
          pages.set(page, text);
          notes.push(`page ${page}: OCR (${languageList})${missingNote}`);
        }
      } catch (error) {
        const timedOut = (error as { killed?: boolean }).killed === true;
        notes.push(
          timedOut
            ? `page ${page}: OCR stopped after ${options.pageTimeoutMs} ms (JIKJI_OCR_PAGE_TIMEOUT_MS)`
            : `page ${page}: OCR failed (${errorMessage(error).split("\n")[0]})`,
        );
      } finally {
        await fs.rm(`${image}.png`, { force: true });
      }
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  return { pages, notes };
}

/** Tesseract separates paragraphs with blank lines and wraps lines as printed; wrapped lines are joined. */
export function ocrParagraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.split("\n").map((line) => line.trim()).filter((line) => line !== "").join(" "))
    .filter((paragraph) => paragraph !== "");
}
