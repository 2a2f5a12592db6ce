import { collapseWhitespace } from "./build-document.ts";

/**
 * An equation of 한글's 수식 editor as text (HWP EQEDIT, HWPX hp:script): its script, which is what a reader would
 * type ("x^{2}+1", "{a} over {b}", "sqrt {2}"), with the editor's spacing marks (` and ~) as spaces and a one-token
 * superscript or subscript unbraced ("x  ^{2}" → "x^2"). Hancom's own text preview leaves equations out, which made
 * a 문제지 read "1. 의 값은?".
 */
export function equationText(script: string): string {
  let text = script.replace(/[`~]/g, " ");
  // Sizing and font keywords print nothing: "LEFT ( x RIGHT )" is "( x )", "rm P" is "P".
  text = text.replace(/\b(?:left|right)\s*(?=[()[\]{}|<>])/gi, "").replace(/\b(?:rm|it|bold)\s+/g, "").replace(/\{\s*\}/g, " ");
  for (const [keyword, symbol] of EQUATION_SYMBOLS) text = text.replace(keyword, ` ${symbol} `);
  return collapseWhitespace(text.replace(/\s*([\^_])\s*/g, "$1").replace(/([\^_])\{([^{}\s]+)\}/g, "$1$2"));
}

/** Operator keywords of the script as the symbols the editor draws. */
const EQUATION_SYMBOLS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:times|TIMES)\b/g, "×"],
  [/\b(?:div|DIV)\b/g, "÷"],
  [/\b(?:geq|GEQ|ge|GE)\b/g, "≥"],
  [/\b(?:leq|LEQ|le|LE)\b/g, "≤"],
  [/\b(?:neq|NEQ)\b|!=/g, "≠"],
  [/\b(?:rarrow|RARROW)\b|->/g, "→"],
  [/\b(?:larrow|LARROW)\b|<-/g, "←"],
];
