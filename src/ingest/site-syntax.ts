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

/** A Liquid tag: its name and its arguments (`{% swagger-parameter in="query" name="id" %}`, `{% api_property cpu 'object' %}`). */
const LIQUID_TAG = /\{%-?[ \t]*([A-Za-z][\w-]*)((?:[^%]|%(?!\}))*?)-?%\}/g;
/** A tag's `name="value"`, `name='value'` or `name=value` arguments (GitBook writes `required=true` unquoted in old pages). */
const LIQUID_ATTRIBUTE = /([A-Za-z][\w-]*)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s"'%]+))/g;
/** A positional argument: a quoted string or a bare word (Hexo's `{% api_method transferEnergy 'target, [amount]' A %}`). */
const LIQUID_ARGUMENT = /"([^"]*)"|'([^']*)'|(\S+)/g;

/** What a documentation site shows for a line of Liquid tags: a section heading, a label of the text below, or nothing. */
export interface LiquidShown {
  heading: string;
  label: string;
}

/**
 * What GitBook and Hexo themes show for the Liquid tags on a line of their own, which otherwise read as nothing:
 * GitBook's API block (`{% swagger method="get" path="/api/post" summary="게시글 조회" %}`, the older `{% api-method %}`)
 * is a section titled by its summary and request; its parameters (`{% swagger-parameter name="postIdx" type="number"
 * in="query" required="true" %}`) and responses (`status="200: OK" description="성공"`) label the text below them, as
 * does a tab's or a code block's `title`. The Screeps docs' Hexo tags `{% api_property cooldown 'number' %}` and
 * `{% api_method transferEnergy 'target, [amount]' %}` are the headings of the page's properties and methods.
 * Markup inside an argument (`'<a href="#Store">Store</a>'`) is left to the caller's inline reading.
 */
export function shownByLiquidTags(line: string): LiquidShown {
  const shown: LiquidShown = { heading: "", label: "" };
  for (const tag of line.matchAll(LIQUID_TAG)) {
    const name = tag[1]!.toLowerCase();
    const args = tag[2]!;
    if (name === "api_property" || name === "api_method") {
      const [member = "", detail = ""] = [...args.matchAll(LIQUID_ARGUMENT)].map((arg) => arg[1] ?? arg[2] ?? arg[3] ?? "");
      if (member !== "") shown.heading = name === "api_method" ? `${member}(${detail})` : detail === "" ? member : `${member} (${detail})`;
      continue;
    }
    const attributes = new Map<string, string>();
    for (const attribute of args.matchAll(LIQUID_ATTRIBUTE)) {
      attributes.set(attribute[1]!.toLowerCase(), (attribute[2] ?? attribute[3] ?? attribute[4] ?? "").replace(/\s+/g, " ").trim());
    }
    const get = (key: string): string => attributes.get(key) ?? "";
    if (name === "swagger" || name === "api-method") {
      const request = [get("method").toUpperCase(), get("path")].filter((part) => part !== "").join(" ");
      const summary = get("summary");
      shown.heading = summary === "" ? request : request === "" ? summary : `${summary} (${request})`;
    } else if (/-parameter$/.test(name) && (get("name") !== "" || get("type") !== "")) {
      // GitBook shows a parameter's name over its type; a page that left the name out put the name in the type.
      const named = get("name") !== "";
      const details = [named ? get("type") : "", get("in"), get("required") === "true" ? "required" : ""].filter((part) => part !== "");
      const title = named ? get("name") : get("type");
      shown.label = details.length === 0 ? title : `${title} (${details.join(", ")})`;
    } else if (/-response(?:-example)?$/.test(name) && (get("status") !== "" || get("httpcode") !== "")) {
      shown.label = [get("status") || get("httpcode"), get("description")].filter((part) => part !== "").join(" ");
    } else if (get("title") !== "") shown.label = get("title");
  }
  return shown;
}

/** The names of the Liquid tags a text closes (`{% endhint %}` closes "hint"): the block tags that have a body. */
export function closedLiquidTags(text: string): Set<string> {
  return new Set([...text.matchAll(/\{%-?[ \t]*end([A-Za-z][\w-]*)/g)].map((end) => end[1]!.toLowerCase()));
}

/** The Liquid tags a line opens or closes, in order: `{ name, closes }`. */
export function liquidTagsOf(line: string): Array<{ name: string; closes: boolean }> {
  return [...line.matchAll(LIQUID_TAG)].map((tag) => {
    const name = tag[1]!.toLowerCase();
    return name.startsWith("end") ? { name: name.slice(3), closes: true } : { name, closes: false };
  });
}
