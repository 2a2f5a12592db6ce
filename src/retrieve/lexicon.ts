/**
 * The learned lexicon (issue 8): English↔Korean term translations (password / 암호, font / 글꼴) and Korean
 * paraphrases (팔레트 / 색상표, 인수 / 인자), derived by bench/build-lexicon.ts from the Korean UI translations Debian
 * ships (gettext catalogues of LibreOffice, GNOME, Xfce, KDE apps, coreutils, apt …). It is a second source beside
 * the hand-written synonym list, with weights of its own (JIKJI_LEXICON_SEARCH_WEIGHT, _ANSWER_WEIGHT,
 * _RERANK_WEIGHT) for the same three uses, and is matched the same way (src/retrieve/synonyms.ts): each entry is a set
 * of two terms. An entry's weight in the file (its alignment's strength) chose what was kept; the uses count every
 * kept entry alike.
 */
import { readFileSync } from "node:fs";
import { createSynonyms, type Synonyms } from "./synonyms.ts";
import { tokenize, wordsOf } from "./tokenize.ts";

export interface LexiconEntry {
  a: string;
  b: string;
  /** The alignment's strength in (0, 1]: Dice of the links for a translation, the pivot probability for a paraphrase. */
  weight: number;
}

export class LexiconFormatError extends Error {
  override readonly name = "LexiconFormatError";
}

const MAX_TERM_WORDS = 4;

/** Entries of the lexicon format: `term<TAB>term<TAB>weight` a line, `#` comments and blank lines skipped. */
export function parseLexicon(text: string, source: string): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const fields = line.split("\t");
    const where = `${source} line ${i + 1}`;
    if (fields.length !== 3) throw new LexiconFormatError(`${where}: ${fields.length} tab-separated fields, not 3 (term, term, weight)`);
    const [a, b, w] = fields as [string, string, string];
    for (const term of [a, b]) {
      if (term !== term.normalize("NFKC").toLowerCase().trim() || term === "") throw new LexiconFormatError(`${where}: "${term}" is not a normalised term`);
      if (tokenize(term).length === 0) throw new LexiconFormatError(`${where}: "${term}" has no letters or digits to search for`);
      if (wordsOf(term).length > MAX_TERM_WORDS) throw new LexiconFormatError(`${where}: "${term}" has more than ${MAX_TERM_WORDS} words`);
    }
    if (a === b) throw new LexiconFormatError(`${where}: both terms are "${a}"`);
    const weight = Number(w);
    if (!/^\d(?:\.\d+)?$/u.test(w) || !(weight > 0 && weight <= 1)) throw new LexiconFormatError(`${where}: weight "${w}" is not in (0, 1]`);
    entries.push({ a, b, weight });
  });
  return entries;
}

const BUILTIN_FILE = new URL("./lexicon.txt", import.meta.url);
let builtin: LexiconEntry[] | undefined;

/** The built-in lexicon (src/retrieve/lexicon.txt), read once per process. */
export function builtinLexicon(): LexiconEntry[] {
  builtin ??= parseLexicon(readFileSync(BUILTIN_FILE, "utf8"), "src/retrieve/lexicon.txt");
  return builtin;
}

/** Entries as synonym sets of two terms each, matched as the synonym list is. */
export function lexiconSynonyms(entries: readonly LexiconEntry[]): Synonyms {
  return createSynonyms(entries.map(({ a, b }) => [a, b]));
}

export interface LexiconConfig {
  /** Weight of a lexicon term's terms on the lexical leg (0: not expanded). */
  searchWeight: number;
  /** Weight of a lexicon term in the extractive answer (0: not used). */
  answerWeight: number;
  /** Weight of the built-in reranker's lexicon feature (0: not used). */
  rerankWeight: number;
}

/** The built-in lexicon when a use is switched on, read on first use; null otherwise. */
export function loadLexicon(config: LexiconConfig): Synonyms | null {
  if (!(config.searchWeight > 0 || config.answerWeight > 0 || config.rerankWeight > 0)) return null;
  let built: Synonyms | undefined;
  const lexicon = () => (built ??= lexiconSynonyms(builtinLexicon()));
  return {
    get size() {
      return lexicon().size;
    },
    find: (text, options) => lexicon().find(text, options),
  };
}
