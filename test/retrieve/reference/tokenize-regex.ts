// How the tokenizer found words before it scanned the characters (commit 8517c65): the WORD regex, then each word's
// start found again with indexOf, kept as the reference test/retrieve/tokenize-scan.test.ts compares the scan with.
// What turns words into terms did not change in that commit, so the Hangul stemming and the query's stop list are
// imported from the product rather than copied. Not used by the product.
import { hangulTerms, isQuestionWord, pairsWithNumber } from "../../../src/retrieve/tokenize.ts";

const HANGUL = /\p{Script=Hangul}/u;
const DIGIT = /\p{N}/u;
const LETTER = /\p{L}/u;
/** A Hangul run, or a run of other letters/digits (inner ' . , kept: don't, 3.14, 1,000). */
export const WORD =
  /\p{Script=Hangul}+|(?:(?!\p{Script=Hangul})[\p{L}\p{M}\p{N}])+(?:['’.,](?:(?!\p{Script=Hangul})[\p{L}\p{M}\p{N}])+)*/gu;
const LETTERS_OR_DIGITS = /\p{L}+|\p{N}+/gu;
const STARTS_WITH_NUMBER = /^\p{N}/u;

interface Words {
  words: string[];
  starts: number[];
  text: string;
}

function words(text: string): Words {
  const normalised = text.normalize("NFKC").toLowerCase();
  const found = normalised.match(WORD) ?? [];
  const starts = new Array<number>(found.length);
  let from = 0;
  for (let i = 0; i < found.length; i++) {
    const start = normalised.indexOf(found[i]!, from);
    starts[i] = start;
    from = start + found[i]!.length;
  }
  return { words: found, starts, text: normalised };
}

function termsOf({ words: list, starts, text }: Words): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    if (HANGUL.test(word)) {
      const number = i > 0 ? list[i - 1]! : undefined;
      if (number !== undefined && STARTS_WITH_NUMBER.test(number) && pairsWithNumber(number, starts[i - 1]!, word, starts[i]!, text)) {
        out.push(`${number}${word[0]}`);
      }
      hangulTerms(word, out);
    } else {
      // An English possessive is its word (analyzer version 2): gnuplot's → gnuplot.
      const own = word.replace(/^(.+)['’]s$/u, "$1");
      out.push(own);
      if (LETTER.test(word) && DIGIT.test(word)) for (const part of own.match(LETTERS_OR_DIGITS) ?? []) out.push(part);
    }
  }
  return out;
}

export function wordsOf(text: string): string[] {
  return words(text).words;
}

export function tokenize(text: string): string[] {
  return termsOf(words(text));
}

export function queryTerms(query: string): string[] {
  const all = words(query);
  const kept: Words = { words: [], starts: [], text: all.text };
  all.words.forEach((word, i) => {
    if (isQuestionWord(word)) return;
    kept.words.push(word);
    kept.starts.push(all.starts[i]!);
  });
  return termsOf(kept.words.length > 0 ? kept : all);
}
