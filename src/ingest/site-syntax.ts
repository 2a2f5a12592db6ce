/**
 * What documentation sites write around their Markdown (and MDN's HTML) that the published page does not show as
 * written: front matter, Hugo shortcodes, mdBook includes, MDN's KumaScript macros, Liquid tags.
 */

/** Arguments in parentheses, whose quoted strings may hold parentheses: `("Array.prototype.map()", "map()")`. */
const MACRO_ARGUMENTS = String.raw`\((?:"[^"]*"|'[^']*'|[^()"'])*\)`;
/** Hugo's `{{< … >}}`/`{{% … %}}`, mdBook's `{{#include …}}`, MDN's `{{macro(…)}}` (a bare `{{name}}` only on a line of its own). */
const DIRECTIVE = String.raw`\{\{(?:<(?:[^>]|>(?!\}\}))*>|%(?:[^%]|%(?!\}\}))*%|#[^}]*|-?[ \t]*[A-Za-z][\w-]*[ \t]*${MACRO_ARGUMENTS}[ \t]*-?)\}\}`;
/** A template directive that renders as nothing or as its `text` argument. */
export const TEMPLATE_DIRECTIVE = new RegExp(DIRECTIVE, "g");
/** A line that is nothing but such directives (and Liquid tags, `{{Compat}}`), starting at the margin: a block boundary. */
export const DIRECTIVE_LINE = new RegExp(String.raw`^(?:(?:${DIRECTIVE}|\{\{[A-Za-z][\w-]*\}\}|\{%(?:[^%]|%(?!\}))*%\})[ \t]*)+$`);
/** MDN's KumaScript macro with arguments in a page's text: `{{jsxref("Array")}}`, `{{PreviousNext("…", "…")}}`. */
const MACRO_CALL = new RegExp(String.raw`\{\{[ \t]*[A-Za-z][\w-]*[ \t]*${MACRO_ARGUMENTS}[ \t]*\}\}`, "g");
/** A text that is nothing but bare macros (`{{Compat}}`, `{{LearnSidebar}}`): a block that shows no text. */
const BARE_MACROS_ONLY = /^(?:\{\{[A-Za-z][\w-]*\}\}[ \t]*)+$/;

/**
 * A block's text of an HTML page as MDN's renderer shows it: each macro call replaced by its label (or nothing), and a
 * block of bare macros (`<div>{{LearnSidebar}}</div>`) emptied. Other double braces (a template language's
 * `{{ name }}`, `{{#each}}`, a bare `{{name}}` within a sentence) are left as written.
 */
export function withoutMacros(text: string): string {
  if (!text.includes("{{")) return text;
  const shown = text.replace(MACRO_CALL, shownByDirective).trim();
  return BARE_MACROS_ONLY.test(shown) ? "" : shown;
}

/**
 * YAML (---) or TOML (+++) front matter is metadata for site generators, not document text, except its top-level
 * `title`, which the generated page shows as its heading. Returns where the body starts and that title as written ("" if none).
 */
export function readFrontMatter(lines: readonly string[]): { end: number; title: string } {
  const opener = lines[0]?.trim();
  if (opener !== "---" && opener !== "+++") return { end: 0, title: "" };
  let title = "";
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === opener || (opener === "---" && line.trim() === "...")) return { end: index + 1, title };
    const field = (opener === "---" ? /^title:[ \t]*(.*?)[ \t]*$/ : /^title[ \t]*=[ \t]*(.*?)[ \t]*$/).exec(line);
    // A block scalar (`title: >`) or a list/map is not read; nor is a nested `title` (indented).
    if (field !== null && title === "" && !/^(?:[>|][+-]?\d*|[[{].*)$/.test(field[1]!)) title = unquote(field[1]!);
  }
  return { end: 0, title: "" };
}

/** A YAML or TOML scalar without its quotes ('' inside single quotes is one '). */
function unquote(value: string): string {
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(value) ?? /^'((?:[^']|'')*)'$/.exec(value);
  if (quoted === null) return value.replace(/[ \t]+#.*$/, "");
  return value.startsWith('"') ? quoted[1]!.replace(/\\(["\\])/g, "$1") : quoted[1]!.replace(/''/g, "'");
}

/**
 * What a template directive shows in the text: a Hugo shortcode's `text="…"` (k8s's glossary_tooltip), an MDN
 * cross-reference macro's label (`{{jsxref("Array.prototype.map()", "map()")}}` shows "map()",
 * `{{HTMLElement("select")}}` "select"); navigation, embeds and notes' open/close tags show nothing here.
 */
export function shownByDirective(directive: string): string {
  if (directive.startsWith("{{<") || directive.startsWith("{{%")) return /\btext[ \t]*=[ \t]*"([^"]*)"/.exec(directive)?.[1] ?? "";
  const macro = /^\{\{-?[ \t]*([A-Za-z][\w-]*)[ \t]*\(([^]*)\)/.exec(directive);
  if (macro === null) return "";
  const name = macro[1]!.toLowerCase();
  if (!/(?:xref|element|attr|glossary|header|method|status|event)$/.test(name)) return "";
  const args = [...macro[2]!.matchAll(/"([^"]*)"|'([^']*)'/g)].map((arg) => arg[1] ?? arg[2] ?? "");
  const label = /(?:xref|glossary)$/.test(name) && (args[1] ?? "") !== "" ? args[1]! : args[0];
  return label ?? "";
}

/**
 * A label and the text it labels, read as one unit: a term and its definition ("연회비: 1만원"), an admonition's title
 * and its text ("경고: …"). A label ending in its own colon, question or exclamation mark or full stop keeps it ("문의:
 * …", "어떤 호스트가 안전한가요? …", "설치 완료! …"); one ending in anything else gets a colon, a key's name ending in
 * a dot too ("Ctrl + .: 배경색으로 채우기").
 */
export function labelled(label: string, text: string): string {
  return /[:：?？!！]$/u.test(label) || /[\p{L}\p{N})][.。]$/u.test(label) ? `${label} ${text}` : `${label}: ${text}`;
}
