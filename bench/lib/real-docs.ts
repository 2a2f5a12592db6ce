/**
 * The real-document development set: public manuals and FAQs shipped in Debian packages, fetched with
 * `apt-get download` + `dpkg -x` (test/fixtures/debian.ts) and never committed, plus the questions in
 * bench/real-docs/questions.jsonl (committed). Questions name a page (PDF) or a document (HTML, which has no pages)
 * and the key phrase of the answer. Every question carries a split, chosen by document: the tune split is for
 * choosing parameters, the heldout split is what BENCHMARKS.md reports, and the fresh split (documents of kinds the
 * other two lack: a command reference, Korean end-user help pages) was written after both had been used to keep or
 * reject changes, as the check nobody has tuned on: report its figures, never choose with it. The fresh9 split (issue 8)
 * came once "fresh" had itself been reported after every change: documents of packages no other split or the lexicon
 * uses, of kinds the others lack (Markdown, plain text, Sphinx HTML, a PDF whose Latin letters extract as wrong Hangul),
 * with questions committed before jikji first ran on them. Its misses are only ever reported as counts.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { questionWordsIn } from "../../src/answer/extractive.ts";
import { sentenceSpans } from "../../src/answer/sentences.ts";
import { parseDocument } from "../../src/ingest/parse.ts";
import { containsPhrase, normaliseForContains, parseQaJsonl, rankPages, type AnswerQuotesReport, type QaItem } from "../../src/retrieve/eval.ts";
import type { Passage } from "../../src/retrieve/types.ts";
import { debianFile } from "../../test/fixtures/debian.ts";

export type Split = "tune" | "heldout" | "fresh" | "fresh9";
export const SPLITS: readonly Split[] = ["tune", "heldout", "fresh", "fresh9"];
/** Splits nobody tunes on: benches report their misses as counts only, never question by question. */
export const UNSEEN_SPLITS: readonly Split[] = ["fresh", "fresh9"];

/**
 * The splits a bench's `--splits a,b` names (every split when absent). A bench given a subset ingests only those
 * splits' documents: `--splits tune,heldout` measures the collection as it was before the fresh split's documents
 * joined it, whose figures earlier BENCHMARKS.md sections compare against.
 */
export function parseSplits(value: string | undefined): Split[] {
  if (value === undefined) return [...SPLITS];
  const named = value.split(",").map((part) => part.trim());
  const unknown = named.filter((part) => !SPLITS.includes(part as Split));
  if (unknown.length > 0 || named.length === 0) throw new Error(`--splits takes a comma-separated list of ${SPLITS.join(", ")}; got "${value}"`);
  return SPLITS.filter((split) => named.includes(split));
}

export interface RealDocument {
  /** File name jikji ingests, and the name questions use in `relevant`. */
  name: string;
  pkg: string;
  /** Path inside the package; a `.gz` is gunzipped. */
  file: string;
  language: "ko" | "en";
  split: Split;
  kind: string;
}

const TEX = "usr/share/doc/texlive-doc/latex";
const FAQ_KO = "usr/share/doc/debian/FAQ/ko";
const GIMP_KO = "usr/share/gimp/2.0/help/ko";
const SUDO = "usr/share/doc/sudo";

export const REAL_DOCUMENTS: readonly RealDocument[] = [
  { name: "lshort-ko.pdf", pkg: "texlive-lang-korean", file: `${TEX}/lshort-korean/lshort-ko.pdf`, language: "ko", split: "tune", kind: "LaTeX primer, 143 pp., TOC, running headers, numbered chapters" },
  { name: "oblivoir-simpledoc.pdf", pkg: "texlive-lang-korean", file: `${TEX}/kotex-oblivoir/oblivoir-simpledoc.pdf`, language: "ko", split: "tune", kind: "class manual, 30 pp., TOC, numbered sections" },
  { name: "pkg-basics.ko.html", pkg: "debian-faq-ko", file: `${FAQ_KO}/pkg-basics.ko.html`, language: "ko", split: "tune", kind: "FAQ chapter (HTML)" },
  { name: "pkgtools.ko.html", pkg: "debian-faq-ko", file: `${FAQ_KO}/pkgtools.ko.html`, language: "ko", split: "tune", kind: "FAQ chapter (HTML)" },
  { name: "bzip2-manual.pdf", pkg: "bzip2-doc", file: "usr/share/doc/bzip2/manual.pdf.gz", language: "en", split: "tune", kind: "program manual, 38 pp., TOC, running headers, numbered chapters" },
  { name: "gutenprint-users-manual.pdf", pkg: "gutenprint-doc", file: "usr/share/doc/gutenprint-doc/gutenprint-users-manual.pdf", language: "en", split: "tune", kind: "user manual, 73 pp., TOC, numbered chapters" },
  { name: "kotex-utf-doc.pdf", pkg: "texlive-lang-korean", file: `${TEX}/kotex-utf/kotex-utf-doc.pdf`, language: "ko", split: "heldout", kind: "package manual, 67 pp., TOC, numbered sections" },
  { name: "pmhanguljamo-kdoc.pdf", pkg: "texlive-lang-korean", file: `${TEX}/pmhanguljamo/pmhanguljamo-kdoc.pdf`, language: "ko", split: "heldout", kind: "package manual, 22 pp., numbered sections" },
  { name: "basic-defs.ko.html", pkg: "debian-faq-ko", file: `${FAQ_KO}/basic-defs.ko.html`, language: "ko", split: "heldout", kind: "FAQ chapter (HTML)" },
  { name: "customizing.ko.html", pkg: "debian-faq-ko", file: `${FAQ_KO}/customizing.ko.html`, language: "ko", split: "heldout", kind: "FAQ chapter (HTML)" },
  { name: "debian-faq.en.pdf", pkg: "debian-faq", file: "usr/share/doc/debian/FAQ/debian-faq.en.pdf.gz", language: "en", split: "heldout", kind: "FAQ, 73 pp., TOC, running headers, numbered chapters" },
  { name: "auto-multiple-choice.en.pdf", pkg: "auto-multiple-choice-doc-pdf", file: "usr/share/doc/auto-multiple-choice/auto-multiple-choice.en.pdf", language: "en", split: "heldout", kind: "user manual, 101 pp., TOC, numbered chapters" },
  { name: "gnuplot.pdf", pkg: "gnuplot-doc", file: "usr/share/doc/gnuplot/gnuplot.pdf", language: "en", split: "fresh", kind: "command reference, 311 pp., outline, section titles are command names" },
  { name: "install.ko.pdf", pkg: "installation-guide-amd64", file: "usr/share/doc/installation-guide-amd64/ko/install.ko.pdf.gz", language: "ko", split: "fresh", kind: "installation guide, 151 pp., TOC, running headers, numbered chapters" },
  { name: "gimp-tutorial-quickie-jpeg.ko.html", pkg: "gimp-help-ko", file: `${GIMP_KO}/gimp-tutorial-quickie-jpeg.html`, language: "ko", split: "fresh", kind: "end-user help, how-to (HTML)" },
  { name: "gimp-tool-bucket-fill.ko.html", pkg: "gimp-help-ko", file: `${GIMP_KO}/gimp-tool-bucket-fill.html`, language: "ko", split: "fresh", kind: "end-user help, tool reference with options, Korean and English mixed (HTML)" },
  { name: "gimp-concepts-undo.ko.html", pkg: "gimp-help-ko", file: `${GIMP_KO}/gimp-concepts-undo.html`, language: "ko", split: "fresh", kind: "end-user help, concepts (HTML)" },
  { name: "gimp-using-setup-tile-cache.ko.html", pkg: "gimp-help-ko", file: `${GIMP_KO}/gimp-using-setup-tile-cache.html`, language: "ko", split: "fresh", kind: "end-user help, tuning advice, FAQ-like (HTML)" },
  { name: "gimp-font-problems.ko.html", pkg: "gimp-help-ko", file: `${GIMP_KO}/font-problems.html`, language: "ko", split: "fresh", kind: "end-user help, troubleshooting (HTML)" },
  { name: "gimp-concepts-docks.ko.html", pkg: "gimp-help-ko", file: `${GIMP_KO}/gimp-concepts-docks.html`, language: "ko", split: "fresh", kind: "end-user help, dialog and menu reference (HTML)" },
  { name: "sudo-troubleshooting.md", pkg: "sudo", file: `${SUDO}/TROUBLESHOOTING.md.gz`, language: "en", split: "fresh9", kind: "troubleshooting FAQ (Markdown: a heading per question, answers in block quotes, code blocks)" },
  { name: "screen-faq.txt", pkg: "screen", file: "usr/share/doc/screen/FAQ.gz", language: "en", split: "fresh9", kind: "FAQ (plain text: Q:/A: paragraphs, justified with runs of spaces)" },
  { name: "restic-faq.html", pkg: "restic", file: "usr/share/doc/restic/html/faq.html", language: "en", split: "fresh9", kind: "FAQ (Sphinx HTML: navigation sidebar, code blocks, admonitions)" },
  { name: "hunspell-ko-readme.md", pkg: "hunspell-ko", file: "usr/share/doc/hunspell-ko/README.md.gz", language: "ko", split: "fresh9", kind: "project README (Markdown, Korean: headings, bullet lists, links)" },
  { name: "nabi-readme.txt", pkg: "nabi", file: "usr/share/doc/nabi/README", language: "ko", split: "fresh9", kind: "program README (plain text, Korean with an English part, unmarked headings)" },
  { name: "cjk-ko-doc.pdf", pkg: "texlive-lang-korean", file: `${TEX}/cjk-ko/cjk-ko-doc.pdf`, language: "ko", split: "fresh9", kind: "package manual, 6 pp., TOC, option lists, a table of counters" },
  { name: "kotex-doc.pdf", pkg: "texlive-lang-korean", file: `${TEX}/kotex-utf/kotex-doc.pdf`, language: "ko", split: "fresh9", kind: "overview manual, 18 pp., TOC, chapters; Latin letters, digits and punctuation extract as wrong Hangul (a font without a usable ToUnicode map)" },
];

/** A document's format, as the fresh9 split is reported by kind: PDF, HTML, Markdown or plain text. */
export function formatOf(name: string): string {
  if (name.endsWith(".pdf")) return "PDF";
  if (name.endsWith(".html")) return "HTML";
  if (name.endsWith(".md")) return "Markdown";
  return "plain text";
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const QUESTIONS_FILE = resolve(HERE, "../real-docs/questions.jsonl");

/** The bytes of one document, fetched into test/.cache/debian on first use. */
export async function realDocumentBytes(document: RealDocument): Promise<Uint8Array> {
  const raw = new Uint8Array(await readFile(await debianFile(document.pkg, document.file)));
  return document.file.endsWith(".gz") ? new Uint8Array(gunzipSync(raw)) : raw;
}

/** Writes the documents (every one unless told) into `folder` under their set names; returns the folder. */
export async function writeRealDocuments(folder: string, documents: readonly RealDocument[] = REAL_DOCUMENTS): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (const document of documents) {
    const bytes = await realDocumentBytes(document);
    await writeFile(join(folder, document.name), bytes);
  }
  return folder;
}

export async function loadRealQuestions(): Promise<QaItem[]> {
  return parseQaJsonl(await readFile(QUESTIONS_FILE, "utf8"));
}

/** A question's document name and page (null for a page-less document). */
export function targetOf(item: QaItem): { name: string; page: number | null } {
  const key = item.relevant[0]!;
  const match = /^(.+)#(\d+)$/.exec(key);
  return match === null ? { name: key, page: null } : { name: match[1]!, page: Number(match[2]) };
}

/** Whether a question's page (or page-less document) is among the passages, their neighbours included. */
export function pageAmongPassages(item: QaItem, passages: readonly Passage[]): boolean {
  const { name, page } = targetOf(item);
  return passages.some((passage) => {
    if (!passage.source.endsWith(name)) return false;
    if (page === null) return true;
    const chunks = [passage, passage.neighbours?.before, passage.neighbours?.after].filter((chunk) => chunk);
    return chunks.some((chunk) => chunk!.pageStart !== null && chunk!.pageStart <= page && (chunk!.pageEnd ?? chunk!.pageStart) >= page);
  });
}

/**
 * Where a question's wanted page stands among the passages an answer is built from: "first" when the first passage's
 * page is a wanted one (page top-1 of these passages), "among" when another passage or a neighbour holds it, else
 * "outside". Splits answer misses into the picker's (the page was in hand) and the ranking's.
 */
export type PagePlace = "first" | "among" | "outside";

export function pagePlace(item: QaItem, passages: readonly Passage[]): PagePlace {
  const first = rankPages(passages)[0];
  if (first !== undefined && item.relevant.includes(basename(first))) return "first";
  return pageAmongPassages(item, passages) ? "among" : "outside";
}

/**
 * The picker's figure: answers holding the key phrase among the questions whose wanted page is the first passage's,
 * and among those whose page is in the passages but not first, as "first a/b; among c/d".
 */
export function pickerFigures(outcomes: ReadonlyArray<{ place: PagePlace; contains: boolean }>): string {
  const cell = (place: PagePlace) => {
    const inPlace = outcomes.filter((outcome) => outcome.place === place);
    return `${inPlace.filter((outcome) => outcome.contains).length}/${inPlace.length}`;
  };
  return `first ${cell("first")}; among ${cell("among")}`;
}

/**
 * Why an answer missed although the wanted page was among its passages, read from the text only: refused; the key
 * phrase in none of the passages' chunks (another chunk of the page); the key phrase across two of the picker's
 * sentences (cut by segmentation or the length limit); else by the sentence holding it: a line after a lead-in
 * ending in ":", a line of its own without a full stop (list item, table row, command or code line), one sharing no
 * question word with the question (vocabulary), or one that holds a question word but scored below another (holding
 * half the question's words or more, or fewer).
 */
export function missKind(question: string, phrase: string, passages: readonly Passage[], refused: boolean): string {
  if (refused) return "refused";
  const wanted = normaliseForContains(phrase);
  const head = wanted.slice(0, Math.min(wanted.length, 12));
  for (const passage of passages) {
    for (const chunk of [passage.neighbours?.before, passage, passage.neighbours?.after]) {
      if (!chunk || !normaliseForContains(chunk.text).includes(wanted)) continue;
      const spans = sentenceSpans(chunk.text);
      const at = spans.findIndex((span) => normaliseForContains(chunk.text.slice(span.start, span.end)).includes(head));
      if (at < 0 || !normaliseForContains(chunk.text.slice(spans[at]!.start, spans[at]!.end)).includes(wanted)) return "key phrase across sentences";
      const text = chunk.text.slice(spans[at]!.start, spans[at]!.end).trim();
      const previous = at > 0 ? chunk.text.slice(spans[at - 1]!.start, spans[at - 1]!.end).trim() : "";
      const ownLine = /\n\s*$/u.test(chunk.text.slice(0, spans[at]!.start)) || spans[at]!.start === 0;
      if (/[:：]$/u.test(previous)) return "line after a lead-in";
      if (ownLine && !/(?:[.!?。？！]|[다요죠])["'”’)\]]*$/u.test(text)) return "list item, table row or code line";
      const { held, asked } = questionWordsIn(question, text);
      if (held === 0) return "sentence shares no question word";
      return held * 2 >= asked ? "sentence holding half the question words or more scored below another" : "sentence holding under half the question words scored below another";
    }
  }
  return "key phrase in another chunk";
}

/** Each document's pages, parsed once per process (a check and a bench both walk every document, some twice). */
const pagesOf = new Map<string, Promise<{ pages: string[] | null; text: string }>>();

/**
 * The text of each page of a parsed document as jikji's parser sees it (index 0 = page 1), or the whole text. The
 * documents are fixed files, so each is parsed once per process and the same (frozen) result given to every caller.
 */
export function documentPages(document: RealDocument): Promise<{ pages: string[] | null; text: string }> {
  const key = JSON.stringify([document.pkg, document.file, document.name]);
  let pages = pagesOf.get(key);
  if (pages === undefined) {
    pages = parsedPages(document);
    pagesOf.set(key, pages);
    // A failed parse (a fetch that failed) is tried again by the next caller.
    pages.catch(() => pagesOf.delete(key));
  }
  return pages;
}

async function parsedPages(document: RealDocument): Promise<{ pages: string[] | null; text: string }> {
  const { document: parsed } = await parseDocument(await realDocumentBytes(document), document.name);
  if (parsed.pageCount === null) return Object.freeze({ pages: null, text: parsed.text });
  const pages = Array.from({ length: parsed.pageCount }, () => "");
  for (const block of parsed.blocks) if (block.page !== null) pages[block.page - 1] += `${block.text}\n`;
  return Object.freeze({ pages: Object.freeze(pages) as string[], text: parsed.text });
}

/**
 * Other pages of the same document, and other documents, that also hold a question's key phrase: not an error (an
 * index page or a recap may repeat it), but each is worth a look, since a second place that answers equally well
 * would count a correct ranking as a miss, or a wrong one as an answer.
 */
export async function pagesRepeatingPhrases(items: readonly QaItem[]): Promise<string[]> {
  const notes: string[] = [];
  const parsed = new Map<string, Awaited<ReturnType<typeof documentPages>>>();
  for (const document of REAL_DOCUMENTS) parsed.set(document.name, await documentPages(document));
  items.forEach((item, i) => {
    const { name, page } = targetOf(item);
    const own = parsed.get(name);
    if (own === undefined || item.answer === undefined) return;
    const phrase = item.answer;
    const where = `question ${i + 1}: "${phrase}" (${name}${page === null ? "" : ` page ${page}`})`;
    if (own.pages !== null && page !== null) {
      const others = own.pages.flatMap((text, p) => (p + 1 !== page && containsPhrase(text, phrase) ? [p + 1] : []));
      if (others.length > 0) notes.push(`${where} is also on page ${others.join(", ")}`);
    }
    for (const [other, { text }] of parsed) {
      if (other !== name && containsPhrase(text, phrase)) notes.push(`${where} is also in ${other}`);
    }
  });
  return notes;
}

/**
 * Everything wrong with the question set, as readable lines: unknown documents, a page a document lacks, a key
 * phrase absent from that page's text, a split that disagrees with the document's, pages named for a page-less
 * document or missing for a paged one.
 */
export async function validateRealQuestions(items: readonly QaItem[]): Promise<string[]> {
  const problems: string[] = [];
  const byName = new Map(REAL_DOCUMENTS.map((document) => [document.name, document]));
  const parsed = new Map<string, Awaited<ReturnType<typeof documentPages>>>();
  for (const document of REAL_DOCUMENTS) parsed.set(document.name, await documentPages(document));
  items.forEach((item, i) => {
    const where = `question ${i + 1} ("${item.question}")`;
    if (item.relevant.length !== 1) problems.push(`${where}: name exactly one page or document`);
    const { name, page } = targetOf(item);
    const document = byName.get(name);
    if (document === undefined) return problems.push(`${where}: unknown document ${name}`);
    if (item.split !== document.split) problems.push(`${where}: split "${item.split}" but ${name} is in "${document.split}"`);
    if (item.answer === undefined) problems.push(`${where}: no "answer" key phrase`);
    const { pages, text } = parsed.get(name)!;
    if (pages === null && page !== null) return problems.push(`${where}: ${name} has no pages, name the document alone`);
    if (pages !== null && page === null) return problems.push(`${where}: ${name} has pages, name one`);
    if (pages !== null && page !== null && page > pages.length) return problems.push(`${where}: ${name} has ${pages.length} pages, not ${page}`);
    const haystack = pages === null || page === null ? text : pages[page - 1]!;
    if (item.answer !== undefined && !containsPhrase(haystack, item.answer)) {
      problems.push(`${where}: key phrase "${item.answer}" is not in ${name}${page === null ? "" : ` page ${page}`}`);
    }
  });
  return problems;
}

/**
 * Where extractive answers' quotes come from, as both real-document benches print it: quotes from a document the
 * question does not name, of all quotes (their share); answers holding one, of those answered (first quote off /
 * only a later one); answers by their number of citations 0/1/2/3.
 */
export function quoteFigures(quotes: AnswerQuotesReport): string {
  const byCitations = [0, 1, 2, 3].map((n) => quotes.byCitations[n] ?? 0).join("/");
  return (
    `${quotes.offDocument}/${quotes.quotes} (${quotes.offDocumentShare.toFixed(3)}); ` +
    `${quotes.answersOffDocument}/${quotes.answered} (${quotes.firstOffDocument} / ${quotes.paddedOffDocument}); ${byCitations}`
  );
}
