import { buildDocument, type BlockDraft } from "./build-document.ts";
import { INVISIBLE } from "./decode-text.ts";
import { htmlToBlocks } from "./parse-html.ts";
import { decodeHtmlEntities } from "./xml-entities.ts";
import { closedLiquidTags, DIRECTIVE_LINE, labelled, liquidTagsOf, readFrontMatter, shownByDirective, shownByLiquidTags, TEMPLATE_DIRECTIVE } from "./site-syntax.ts";
import type { ParsedDocument } from "./types.ts";

/** A list item that is only a link to a place on the page: `[설치](#설치)`, `[1. 개요](#1-개요)`. */
const ANCHOR_LINK_ITEM = /^[ \t]*\[[^\]]+\]\(#[^)\s]*\)[ \t]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A code fence inside a list item, at any depth. */
const LIST_ITEM_FENCE = /^[ \t]+(`{3,}|~{3,})/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
/** `[zlib]: https://…` defines a link; `[^1]: …` is a footnote, whose text is content (not matched here). */
const LINK_REFERENCE_DEFINITION = /^ {0,3}\[([^\]^][^\]]*)\]:\s*\S+/;
const BLOCKQUOTE = /^ {0,3}> ?/;
/**
 * An alert's or a callout's label on a quote's first line: GitHub's and DocFX's `> [!NOTE]`, Obsidian's `> [!tip] 제목`
 * or folded `> [!faq]- 질문?`, whose title labels the quote's text.
 */
const CALLOUT =
  /^[ \t]*\[!(?:note|tip|important|warning|caution|abstract|summary|tldr|info|todo|hint|success|check|done|question|help|faq|attention|failure|fail|missing|danger|error|bug|example|quote|cite)\][+-]?(?:[ \t]+(.*?))?[ \t]*$/i;
/** An indented code line: four spaces or a tab before text. */
const INDENTED_CODE = /^(?: {4}|\t)/;
/**
 * A heading's id, which the page never shows: `{#id}` with optional classes (Hugo, VitePress, Docusaurus, Pandoc)
 * or MDX's comment form, the id in a JS block comment in braces (ko.react.dev writes one on every heading).
 */
const HEADING_ID = /[ \t]*(?:\{#[^\s{}]+(?:[ \t]+[^{}]*)?\}|\{\/\*[^]*?\*\/\})[ \t]*$/;
/**
 * A container directive line (Docusaurus, VitePress, markdown-it-container): `:::tip 제목`, `:::note[제목]`,
 * `::: code-group`, or a closing `:::`. The page shows the title, if any, over the box.
 */
const CONTAINER_FENCE = /^ {0,3}:{3,}[ \t]*(?:[A-Za-z][\w-]*)?(?:\[([^\]]*)\]|[ \t]+(.*?))?[ \t]*(?:\{[^{}]*\})?[ \t]*$/;
/**
 * A Python-Markdown admonition or content tab (MkDocs, pymdown-extensions): `!!! note "제목"`, `??? warning`,
 * `???+ tip`, `=== "Windows"` (a tab always has its label, so a setext `===` underline is not one). Its body is the lines indented four spaces below it.
 */
const INDENTED_CONTAINER = /^ {0,3}(?:(?:!!!|\?\?\?\+?)[ \t]*[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)*(?:[ \t]+"([^"]*)")?|===\+?[ \t]+"([^"]*)")[ \t]*$/;
/** The first character of a container, admonition, directive line or ES import. */
const SITE_SYNTAX_START = /^ {0,3}[:!?={i]/;
/** HTML blocks whose content the page does not show as text (CommonMark's type 1, less `<pre>`/`<textarea>`). */
const HIDDEN_HTML_BLOCK = /^ {0,3}<(script|style)(?:[ \t][^>]*)?>/i;
/**
 * A line that starts an HTML block (CommonMark's type 6, block-level tags; lower case, so an MDX component such as
 * `<Table>` is not one): `<h1 align="center">`, `<table>`, `<div className="card">`.
 */
const HTML_BLOCK_START =
  /^ {0,3}<\/?(?:address|article|aside|blockquote|center|dd|dialog|div|dl|dt|fieldset|figcaption|figure|footer|h[1-6]|header|main|nav|ol|p|section|table|tbody|td|tfoot|th|thead|tr|ul)(?:[ \t/>]|$)/;
/**
 * What the HTML reader reads better than the inline stripping: a heading (a README's centred title), a table, or
 * preformatted code (a Jupyter notebook's exported cells), whose lines the stripping ran into the paragraph after it.
 */
const HTML_STRUCTURE = /<(?:h[1-6]|table|pre)\b/i;

/** An ES import line at the margin of an MDX page or a VitePress one: `import Tabs from '@theme/Tabs';`. */
const ESM_IMPORT = /^import[ \t]+(?:[\w*{}\s,$]+[ \t]+from[ \t]+)?["'][^"']+["'];?[ \t]*$/;

/**
 * An MDX component's opening tag alone on its line (Mintlify, Docusaurus, Starlight, Nextra): `<Accordion title="…">`,
 * `<TabItem value="win" label="Windows">`, `<Note>`; or HTML's `<details>`, its `<summary>` on the same line or the next.
 */
const COMPONENT_OPEN = /^[ \t]*<([A-Z][\w.]*|details)((?:[ \t]+[^<>]*)?)>[ \t]*(?:<summary(?:[ \t][^>]*)?>(.*)<\/summary>[ \t]*)?$/;
const COMPONENT_CLOSE = /^[ \t]*<\/([A-Z][\w.]*|details)>[ \t]*$/;
const SUMMARY_LINE = /^[ \t]*<summary(?:[ \t][^>]*)?>(.*)<\/summary>[ \t]*$/;
/** The title a component shows over its body: its title, label or summary attribute (`title="…"`, `label={"…"}`). */
const COMPONENT_TITLE = /(?:^|[ \t])(?:title|label|summary)=(?:"([^"]*)"|'([^']*)'|\{["'`]([^"'`]*)["'`]\})/;
/**
 * Components whose title names a section of the page: an accordion (a FAQ's question over its answer), an
 * expandable or collapsible (Expo's `<Collapsible summary="…?">`), a step, a <details> under its <summary>. Other titles (a tab's, a callout's) label their body's text.
 */
const SECTION_COMPONENT = /^(?:Accordion|Expandable|Collapsible|Step|details)$/;

/**
 * A deliberately small Markdown reader, line by line: enough structure for chunking (headings, paragraphs, lists,
 * fenced code, pipe tables) with inline markup removed so the stored text reads like prose. Soft-wrapped lines of
 * a paragraph are joined with spaces, so sentences that wrap are still one sentence. As in CommonMark, a line
 * indented four spaces after a blank line or a heading starts an indented code block (commands and error messages
 * in older READMEs and FAQs), and a block quote's empty ">" line ends a paragraph.
 */
export function parseMarkdown(markdown: string): ParsedDocument {
  const lines = gitBookExportLines(componentsOnTheirOwnLines(markdown.replace(/\r\n?/g, "\n").replace(INVISIBLE, "").split("\n")));
  const blocks: BlockDraft[] = [];
  /** An admonition's or a tab's title until the text it labels comes ("경고: …"); alone when no paragraph follows. */
  let label: string | null = null;
  const push = (block: BlockDraft): void => {
    if (label !== null) {
      if (block.kind === "paragraph") block = { ...block, text: labelled(label, block.text) };
      else blocks.push({ kind: "paragraph", text: label, page: null });
      label = null;
    }
    blocks.push(block);
  };
  const flushLabel = (): void => {
    if (label !== null) blocks.push({ kind: "paragraph", text: label, page: null });
    label = null;
  };
  let paragraph: string[] = [];
  let listItems: string[] = [];
  /** Each item's number as the page shows it ("3."), "" for a bullet; and the lists open, by indent. */
  let listMarkers: string[] = [];
  let openLists: Array<{ indent: number; delimiter: string; next: number }> = [];
  let firstHeading: string | null = null;
  const references = referenceLabels(lines);
  const strip = (text: string): string => stripInline(text, references);

  const endParagraph = (): void => {
    if (paragraph.length > 0) push({ kind: "paragraph", text: strip(paragraph.join(" ")), page: null });
    paragraph = [];
  };
  /** The items read so far as one list block; the lists stay open, so items after an item's code count on. */
  const flushListItems = (): void => {
    if (listItems.length > 0) {
      const text = listItems.map((item, at) => (listMarkers[at] === "" ? strip(item) : `${listMarkers[at]} ${strip(item)}`)).join("\n");
      // A list of nothing but links to the page's own headings ("- [설치](#설치)", a README's 목차) is its contents;
      // one such link ("다음에서 참조됨: - [query](#query)") is a cross-reference.
      const contents = listItems.length >= 2 && listItems.every((item) => ANCHOR_LINK_ITEM.test(item));
      push({ kind: "list", text, page: null, ...(contents ? { role: "toc" as const } : {}) });
    }
    listItems = [];
    listMarkers = [];
  };
  const endList = (): void => {
    flushListItems();
    openLists = [];
  };
  /**
   * The number an ordered item shows, as CommonMark renders it: a list counts up from its first item's number
   * whatever the later items say ("1. 1. 1." shows 1, 2, 3); a bullet or another delimiter at the same indent ends it.
   */
  const itemMarker = (indent: string, marker: string): string => {
    const width = indent.replaceAll("\t", "    ").length;
    while (openLists.length > 0 && openLists.at(-1)!.indent > width) openLists.pop();
    const delimiter = /\d/.test(marker) ? marker.slice(-1) : "bullet";
    const top = openLists.at(-1);
    if (top !== undefined && top.indent === width && top.delimiter === delimiter) {
      if (delimiter === "bullet") return "";
      return `${top.next++}.`;
    }
    if (top !== undefined && top.indent === width) openLists.pop();
    const written = Number.parseInt(marker, 10);
    openLists.push({ indent: width, delimiter, next: delimiter === "bullet" ? 0 : written + 1 });
    return delimiter === "bullet" ? "" : `${written}.`;
  };
  const addHeading = (level: number, raw: string): void => {
    endParagraph();
    endList();
    const text = strip(raw.replace(HEADING_ID, ""));
    push({ kind: "heading", level, text, page: null });
    if (level === 1) firstHeading ??= text;
  };

  /** The level of the last Markdown heading, and the sections components open (their heading's level, where they end). */
  let markdownHeadingLevel = 0;
  const componentSections: Array<{ end: number; level: number }> = [];
  /** The level of the sections Liquid tags open (an API block, a Screeps property), until a shallower Markdown heading. */
  let liquidLevel: number | null = null;
  /** An ATX heading ("## …"), on its own line or as a list item's content. */
  const addMarkdownHeading = (level: number, raw: string): void => {
    markdownHeadingLevel = level;
    if (liquidLevel !== null && level < liquidLevel) liquidLevel = null;
    addHeading(level, raw);
  };
  /** The Liquid block tags open here (`{% hint %}` before its `{% endhint %}`); only tags the file closes count. */
  const liquidBlocks = closedLiquidTags(markdown);
  const openLiquid: string[] = [];
  const componentEnds = componentClosings(lines);
  /** Lines of a component's body, where indentation never makes code (MDX has no indented code). */
  const inComponent: boolean[] = [];
  const frontMatter = readFrontMatter(lines);
  // Plain text, shown as written (react.dev titles a page "<Suspense>"), not Markdown.
  const frontMatterTitle = frontMatter.title.replace(/\s+/g, " ").trim();
  let index = frontMatter.end;
  /** Lines where a quote's or an admonition's body ended: what follows starts a new block. */
  const blockEnds = new Set<number>();
  while (index < lines.length) {
    if (blockEnds.size > 0) for (const end of blockEnds) {
      if (end > index) continue;
      blockEnds.delete(end);
      endParagraph();
      endList();
      flushLabel();
    }
    while (componentSections.length > 0 && componentSections.at(-1)!.end <= index) componentSections.pop();
    const line = lines[index]!;

    // An MDX component (or <details>) that closes: its title over its body, which is read as Markdown of its own, at
    // the margin (MDX has no indented code: a component's body is indented for the eye), and ends a block.
    const component = componentEnds.has(index) ? COMPONENT_OPEN.exec(line) : null;
    if (component !== null) {
      endParagraph();
      endList();
      flushLabel();
      const name = component[1]!;
      const end = componentEnds.get(index)!;
      let title = component[3] ?? COMPONENT_TITLE.exec(component[2] ?? "")?.slice(1).find((value) => value !== undefined) ?? "";
      if (name === "details" && component[3] === undefined) {
        let first = index + 1;
        while (first < end && lines[first]!.trim() === "") first++;
        const summary = first < end ? SUMMARY_LINE.exec(lines[first]!) : null;
        if (summary !== null) {
          title = summary[1]!;
          lines[first] = "";
        }
      } else if (name !== "details") {
        outdentBody(lines, index + 1, end);
        for (let at = index + 1; at < end; at++) inComponent[at] = true;
      }
      lines[end] = "";
      blockEnds.add(end);
      title = strip(title.trim());
      if (title !== "" && SECTION_COMPONENT.test(name)) {
        const level = Math.min(6, Math.max(componentSections.at(-1)?.level ?? markdownHeadingLevel, 1) + 1);
        addHeading(level, title);
        componentSections.push({ end, level });
      } else if (title !== "") label = title;
      index++;
      continue;
    }

    // A fence inside a list item may stand as deep as the item's text (four spaces under "1." in MkDocs pages).
    const inItem = openLists.length > 0 && paragraph.length === 0;
    const fence = FENCE.exec(line) ?? (inItem ? LIST_ITEM_FENCE.exec(line) : null);
    if (fence !== null) {
      endParagraph();
      if (inItem) flushListItems();
      else endList();
      const marker = fence[1]!;
      const closing = new RegExp(`^${inItem ? "[ \\t]*" : " {0,3}"}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
      // As in CommonMark, the fence's own indentation is taken off each line of the code (an item's "  " before it).
      const indent = columns(/^[ \t]*/.exec(line)![0]);
      const code: string[] = [];
      index++;
      while (index < lines.length && !closing.test(lines[index]!)) code.push(outdent(lines[index++]!, indent));
      index++;
      // mdBook's `{{#include file}}` lines stand for a file the page inlines, which is not in the document.
      const shown = code.filter((codeLine) => !/^[ \t]*\{\{#[^]*\}\}[ \t]*$/.test(codeLine));
      if (shown.length > 0 || code.length === 0) push({ kind: "code", text: shown.join("\n"), page: null });
      continue;
    }

    // A block comment, or a <script>/<style> block (VitePress's <script setup>): the page shows none of it. Only a
    // block that closes is skipped, so prose that starts with "<script> 태그는…" never swallows the rest of the file.
    const hidden = HIDDEN_HTML_BLOCK.exec(line);
    if (/^ {0,3}<!--/.test(line) || hidden !== null) {
      const closing = hidden === null ? /-->/ : new RegExp(`</${hidden[1]}\\s*>`, "i");
      let last = index;
      while (last < lines.length && !closing.test(lines[last]!)) last++;
      if (last < lines.length) {
        endParagraph();
        endList();
        index = last + 1;
        continue;
      }
    }

    // An HTML block holding headings or a table (a README's <h1 align="center">, a 명령어 table with merged cells, an MDX
    // page's cards with <h3> titles) is read by the HTML reader, as a browser shows it: its headings stay headings and
    // its spanned cells repeat in each row. The block ends at a blank line, as in CommonMark; a table at its
    // </table>, since the browser joins a table's rows across the blank lines between them.
    if (HTML_BLOCK_START.test(line)) {
      let end = index;
      if (/^ {0,3}<table\b/i.test(line)) {
        while (end < lines.length && !/<\/table\s*>/i.test(lines[end]!)) end++;
        // Markdown written inside the cells (a README's code fence in a <td>) is read as Markdown, block by block.
        if (end === lines.length || lines.slice(index, end + 1).some((text) => text.trim() !== "" && !text.trimStart().startsWith("<"))) end = index;
      }
      if (end === index) while (end + 1 < lines.length && lines[end + 1]!.trim() !== "") end++;
      end = preformattedEnd(lines, index, end);
      const html = lines.slice(index, end + 1).join("\n");
      if (HTML_STRUCTURE.test(html)) {
        endParagraph();
        endList();
        for (const read of htmlToBlocks(html, { listNumbers: true }).blocks) {
          // Markdown and site syntax written in the HTML's text (an image's `![](…)`, a Liquid `{% tag %}`) go, as elsewhere.
          const block = read.kind === "code" ? read : { ...read, text: strip(read.text) };
          if (block.text === "") continue;
          if (block.kind === "heading" && block.level !== undefined) {
            markdownHeadingLevel = block.level;
            if (block.level === 1) firstHeading ??= block.text;
          }
          push(block);
        }
        index = end + 1;
        continue;
      }
    }

    // Site syntax starts with one of these characters; other lines skip its tests.
    const siteSyntax = SITE_SYNTAX_START.test(line);
    const indented = siteSyntax ? INDENTED_CONTAINER.exec(line) : null;
    if (indented !== null) {
      endParagraph();
      endList();
      const title = strip((indented[1] ?? indented[2] ?? "").trim());
      flushLabel();
      if (title !== "") label = title;
      // The body, out-dented in place, is read as Markdown of its own (paragraphs, fences, lists), and ends a block.
      let end = index + 1;
      while (end < lines.length && (INDENTED_CODE.test(lines[end]!) || lines[end]!.trim() === "")) end++;
      while (end > index + 1 && lines[end - 1]!.trim() === "") end--;
      for (let at = index + 1; at < end; at++) lines[at] = lines[at]!.replace(INDENTED_CODE, "");
      blockEnds.add(end);
      index++;
      continue;
    }

    const container = siteSyntax ? CONTAINER_FENCE.exec(line) : null;
    if (siteSyntax && (container !== null || (DIRECTIVE_LINE.test(line) && !/\btext[ \t]*=/.test(line)) || ESM_IMPORT.test(line))) {
      endParagraph();
      endList();
      const liquid = container === null ? shownByLiquidTags(line) : { heading: "", label: "" };
      const title = container === null ? strip(liquid.label) : strip((container[1] ?? container[2] ?? "").trim());
      // The title labels the box's first paragraph; a box that ends (its closing ":::") before one keeps it alone.
      flushLabel();
      if (liquid.heading !== "") {
        // Sibling API blocks and members share one level, below the Markdown heading they follow.
        liquidLevel ??= Math.min(6, Math.max(markdownHeadingLevel, 1) + 1);
        addHeading(liquidLevel, liquid.heading);
      }
      if (title !== "") label = title;
      for (const tag of container === null ? liquidTagsOf(line) : []) {
        if (!tag.closes && liquidBlocks.has(tag.name)) openLiquid.push(tag.name);
        else if (tag.closes && openLiquid.includes(tag.name)) openLiquid.length = openLiquid.lastIndexOf(tag.name);
      }
      index++;
      continue;
    }

    // A block quote is read as the Markdown inside it, in place: its code fences (the Rust book quotes compiler
    // output), lists and paragraphs, an empty ">" line being a blank line. A GitHub alert's "[!NOTE]" is its label.
    if (BLOCKQUOTE.test(line)) {
      endParagraph();
      endList();
      let end = index;
      while (end < lines.length && BLOCKQUOTE.test(lines[end]!)) end++;
      // Rewritten in place, not spliced: a file of many quotes (a mail archive) stays linear.
      for (let at = index; at < end; at++) lines[at] = lines[at]!.replace(BLOCKQUOTE, "");
      const callout = CALLOUT.exec(lines[index]!);
      if (callout !== null) {
        lines[index] = "";
        flushLabel();
        const title = strip((callout[1] ?? "").trim());
        if (title !== "") label = title;
      }
      blockEnds.add(end);
      continue;
    }

    // Indented code cannot interrupt a paragraph, and inside a list an indented line continues the item.
    if (INDENTED_CODE.test(line) && line.trim() !== "" && paragraph.length === 0 && listItems.length === 0 && openLists.length === 0 && inComponent[index] !== true) {
      const code: string[] = [];
      while (index < lines.length && (INDENTED_CODE.test(lines[index]!) || lines[index]!.trim() === "")) {
        code.push(lines[index++]!.replace(INDENTED_CODE, ""));
      }
      while (code.length > 0 && code.at(-1)!.trim() === "") code.pop();
      push({ kind: "code", text: code.join("\n"), page: null });
      continue;
    }

    if (line.trim() === "") {
      endParagraph();
      // A blank line inside a list only ends it when what follows is not another item or its continuation.
      let after = index + 1;
      while (after < lines.length && lines[after]!.trim() === "") after++;
      const next = lines[after];
      if (next === undefined || !(LIST_ITEM.test(next) || /^[ \t]{2,}\S/.test(next))) endList();
      index++;
      continue;
    }

    const atx = ATX_HEADING.exec(line);
    if (atx !== null) {
      addMarkdownHeading(atx[1]!.length, atx[2] ?? "");
      index++;
      continue;
    }

    const setext = SETEXT_UNDERLINE.exec(line);
    // Inside a Liquid block (Hexo's `{% api_method_params %}`) a line of "=" separates its entries; it underlines nothing.
    if (setext !== null && openLiquid.length > 0 && setext[1]!.startsWith("=")) {
      endParagraph();
      endList();
      index++;
      continue;
    }
    if (setext !== null && paragraph.length > 0) {
      const raw = paragraph.join(" ");
      paragraph = [];
      markdownHeadingLevel = setext[1]!.startsWith("=") ? 1 : 2;
      addHeading(markdownHeadingLevel, raw);
      index++;
      continue;
    }

    if (THEMATIC_BREAK.test(line)) {
      endParagraph();
      endList();
      index++;
      continue;
    }

    if (LINK_REFERENCE_DEFINITION.test(line) && paragraph.length === 0) {
      index++;
      continue;
    }

    const nextLine = lines[index + 1];
    if (line.includes("|") && nextLine !== undefined && TABLE_DELIMITER.test(nextLine) && nextLine.includes("-")) {
      endParagraph();
      endList();
      const rows = [tableCells(line)];
      index += 2;
      while (index < lines.length && lines[index]!.includes("|") && lines[index]!.trim() !== "") {
        rows.push(tableCells(lines[index++]!));
      }
      push({ kind: "table", text: rows.map((cells) => cells.map(strip).join(" | ")).join("\n"), page: null });
      continue;
    }

    const item = LIST_ITEM.exec(line);
    // As in CommonMark, only a bullet or "1." may interrupt a paragraph, so "2024. 3. 15." in prose stays prose.
    const interruptsParagraph = item !== null && (!/^\s*\d/.test(line) || /^\s*1[.)]/.test(line));
    if (item !== null && (paragraph.length === 0 || interruptsParagraph)) {
      endParagraph();
      const marker = itemMarker(item[1]!, item[2]!);
      // An item that is a heading ("1. ##### 목적", as Obsidian notes number a policy's sections) is that heading with
      // its number, the items under it its body: read as a list line, "##### " stayed in the text and the section
      // had no title.
      const heading = ATX_HEADING.exec(item[3] ?? "");
      if (heading !== null && (heading[2] ?? "").trim() !== "") {
        addMarkdownHeading(heading[1]!.length, marker === "" ? heading[2]! : `${marker} ${heading[2]!}`);
      } else {
        listItems.push(withoutHardBreak(item[3] ?? ""));
        listMarkers.push(marker);
      }
      index++;
      continue;
    }

    const content = withoutHardBreak(line.trim());
    const previousBlank = index > 0 && lines[index - 1]!.trim() === "";
    const continuesItem = listItems.length > 0 && paragraph.length === 0 && (/^[ \t]+\S/.test(line) || !previousBlank);
    if (continuesItem) {
      listItems[listItems.length - 1] += ` ${content}`;
    } else {
      // Indented text after an item's code is the item's own paragraph: the list goes on after it.
      if (!(openLists.length > 0 && listItems.length === 0 && /^[ \t]+\S/.test(line))) endList();
      paragraph.push(content);
    }
    index++;
  }
  endParagraph();
  endList();
  flushLabel();
  // A site generator prints the front matter's title as the page's heading; a body with its own # title keeps that.
  if (firstHeading === null && frontMatterTitle !== "") {
    firstHeading = frontMatterTitle;
    blocks.unshift({ kind: "heading", level: 1, text: frontMatterTitle, page: null });
  }
  firstHeading ??= openingTitle(blocks);
  return buildDocument(blocks, { title: firstHeading, pageCount: null, warnings: [] });
}

/**
 * A page with no level-1 heading and no front-matter title whose first block is its only heading at the shallowest
 * level used: that heading titles the page (an mdBook sub-chapter opens on "## Variables and Mutability"). Two such
 * headings, or text before the first, are sections of an untitled page.
 */
function openingTitle(blocks: readonly BlockDraft[]): string | null {
  const first = blocks[0];
  if (first?.kind !== "heading" || first.level === undefined) return null;
  const top = Math.min(...blocks.filter((block) => block.kind === "heading").map((block) => block.level ?? Infinity));
  if (first.level !== top) return null;
  const atTop = blocks.filter((block) => block.kind === "heading" && block.level === top).length;
  return atTop === 1 && first.text !== "" ? first.text : null;
}

/** A titled component opened and closed on one line: `<TabItem label="별">시리우스, 베가</TabItem>`. */
const ONE_LINE_COMPONENT = /^([ \t]*)(<([A-Z][\w.]*)(?:[ \t]+[^<>]*)?>)(.*\S.*)(<\/\3>)[ \t]*$/;

/**
 * The lines with each titled component written on one line (Starlight's `<TabItem label="별">시리우스, 베가</TabItem>`)
 * set out as the opening tag, the body and the closing tag on lines of their own, so its title labels its body as it
 * does when the page writes them apart: read as one line, each tab's label was lost and the tabs ran into one paragraph.
 * Lines in code fences stay as written.
 */
function componentsOnTheirOwnLines(lines: string[]): string[] {
  if (!lines.some((line) => ONE_LINE_COMPONENT.test(line))) return lines;
  const out: string[] = [];
  const fenceOf = fenceTracker();
  for (const line of lines) {
    const component = fenceOf(line) === null ? ONE_LINE_COMPONENT.exec(line) : null;
    if (component === null || !COMPONENT_TITLE.test(component[2]!) || component[4]!.includes(`</${component[3]}>`)) out.push(line);
    else out.push(`${component[1]}${component[2]}`, `${component[1]}${component[4]!.trim()}`, `${component[1]}${component[5]}`);
  }
  return out;
}

/** A heading GitBook's export wrote right after an HTML block's closing tag: `<figure>…</figure>## 내보내기 보기 버튼`. */
const HEADING_AFTER_HTML = /^(.*<\/(?:figure|div|p|table|details|picture)>)[ \t]*(#{1,6}[ \t]+\S.*)$/i;
const CONTENT_REF_OPEN = /^[ \t]*\{%-?[ \t]*content-ref\b/;
const CONTENT_REF_CLOSE = /\{%-?[ \t]*endcontent-ref[ \t]*-?%\}/;

/**
 * The lines as GitBook shows them: a heading its export glued after a figure's closing tag stands on its own line
 * after a blank one (it read as the figure's caption, "설치 화면 ## 요구 사항", and the section was lost), and a
 * `{% content-ref %}` card, a link to another page with that page's name, goes (it read as a paragraph "configuration.md").
 * Lines in code fences stay as written.
 */
function gitBookExportLines(lines: string[]): string[] {
  if (!lines.some((line) => HEADING_AFTER_HTML.test(line) || CONTENT_REF_OPEN.test(line))) return lines;
  const out: string[] = [];
  const fenceOf = fenceTracker();
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at]!;
    const fenced = fenceOf(line) !== null;
    if (fenced) {
      out.push(line);
      continue;
    }
    if (CONTENT_REF_OPEN.test(line)) {
      let end = at;
      while (end < lines.length && !CONTENT_REF_CLOSE.test(lines[end]!)) end++;
      if (end < lines.length) {
        at = end;
        continue;
      }
    }
    const glued = HEADING_AFTER_HTML.exec(line);
    if (glued === null) out.push(line);
    else out.push(glued[1]!, "", glued[2]!);
  }
  return out;
}

/** How deep components nest and are still read as components (Mintlify's deepest is about four: Tabs > Tab > Steps > Step). */
const MAX_COMPONENT_DEPTH = 12;

/**
 * Where each component that opens on a line of its own closes, by the line it opens on: `<Accordion …>` … `</Accordion>`,
 * nested ones each with their own, found in one pass (lines inside code fences aside). One never closed is not one.
 */
function componentClosings(lines: readonly string[]): Map<number, number> {
  const closings = new Map<number, number>();
  const open: Array<{ name: string; at: number }> = [];
  const fenceOf = fenceTracker();
  lines.forEach((line, at) => {
    if (fenceOf(line) !== null || !line.trimStart().startsWith("<")) return;
    const opening = COMPONENT_OPEN.exec(line);
    if (opening !== null && !/\/[ \t]*$/.test(opening[2] ?? "")) {
      // Deeper nesting is not read as components: each level re-reads its body, so hostile depth would cost its square.
      if (open.length >= MAX_COMPONENT_DEPTH) return;
      open.push({ name: opening[1]!, at });
      return;
    }
    const closing = COMPONENT_CLOSE.exec(line)?.[1];
    if (closing === undefined) return;
    const match = open.findLastIndex((candidate) => candidate.name === closing);
    if (match === -1) return;
    closings.set(open[match]!.at, at);
    open.length = match;
  });
  return closings;
}

/**
 * Reads lines in order and gives each the code fence it stands in, its opening and closing lines included, or null:
 * a fence closes at a line of its own marker character, at least as long, and nothing else.
 */
function fenceTracker(): (line: string) => { marker: string; indent: number } | null {
  let fence: { marker: string; indent: number } | null = null;
  return (line) => {
    const marker = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null) {
      if (marker !== undefined) fence = { marker, indent: columns(/^[ \t]*/.exec(line)![0]) };
      return fence;
    }
    const current = fence;
    if (marker !== undefined && marker[0] === fence.marker[0] && marker.length >= fence.marker.length && line.trim() === marker) fence = null;
    return current;
  };
}

/**
 * Takes a component's indentation off its body's lines, in place: as much as its least indented text line has. A code
 * fence in the body may stand at the margin (MDX allows it); its lines lose only what the fence line itself loses.
 */
function outdentBody(lines: string[], from: number, to: number): void {
  const fenced: boolean[] = [];
  const fenceIndents: number[] = [];
  const fenceOf = fenceTracker();
  let indent = Infinity;
  for (let at = from; at < to; at++) {
    const line = lines[at]!;
    const fence = fenceOf(line);
    fenced[at] = fence !== null;
    if (fence !== null) fenceIndents[at] = fence.indent;
    // A list written at the margin inside an indented body (it happens) does not set the body's indentation.
    else if (line.trim() !== "" && !LIST_ITEM.test(line)) indent = Math.min(indent, columns(/^[ \t]*/.exec(line)![0]));
  }
  if (indent === 0) return;
  for (let at = from; at < to; at++) lines[at] = outdent(lines[at]!, fenced[at] ? Math.min(indent, fenceIndents[at]!) : indent);
}

/**
 * Where an HTML block from `start` to `end` ends when a <pre> in it is still open: at the line that closes it, since
 * preformatted code keeps its blank lines (CommonMark's HTML block of type 1); `end` when none does.
 */
function preformattedEnd(lines: readonly string[], start: number, end: number): number {
  const balance = (line: string): number => (line.match(/<pre\b/gi)?.length ?? 0) - (line.match(/<\/pre\s*>/gi)?.length ?? 0);
  let open = 0;
  for (let at = start; at <= end; at++) open += balance(lines[at]!);
  if (open <= 0) return end;
  for (let at = end + 1; at < lines.length; at++) {
    open += balance(lines[at]!);
    if (open <= 0) {
      // The block goes on to the blank line after the closing tag, as an HTML block does.
      let last = at;
      while (last + 1 < lines.length && lines[last + 1]!.trim() !== "") last++;
      return last;
    }
  }
  return end;
}

/** A line without the backslash that ends it: CommonMark's hard line break, not text (an escaped "\\" stays). */
function withoutHardBreak(line: string): string {
  return line.replace(/(?<!\\)\\$/u, "").trimEnd();
}

/** The width of leading whitespace, a tab counting four columns. */
function columns(indent: string): number {
  return indent.replaceAll("\t", "    ").length;
}

/** A code line without up to `width` columns of the indentation before it. */
function outdent(line: string, width: number): string {
  if (width === 0) return line;
  const leading = /^[ \t]*/.exec(line)![0];
  return " ".repeat(Math.max(0, columns(leading) - width)) + line.slice(leading.length);
}

function tableCells(row: string): string[] {
  const cells = row.trim().split(/(?<!\\)\|/).map((cell) => cell.trim());
  if (cells[0] === "") cells.shift();
  if (cells.at(-1) === "") cells.pop();
  return cells;
}

/** The labels a document defines links for ("[zlib]: https://…"), normalised as CommonMark matches them. */
function referenceLabels(lines: readonly string[]): Set<string> {
  const labels = new Set<string>();
  for (const line of lines) {
    const definition = LINK_REFERENCE_DEFINITION.exec(line);
    if (definition !== null) labels.add(normaliseLabel(definition[1]!));
  }
  return labels;
}

function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Text without what documentation platforms write around Markdown's own syntax, as their pages show it: Adobe's UI and
 * product-name markers (`[!UICONTROL Save]`, `[!DNL Adobe Commerce]`) keep their words; DocFX's video and include
 * markers and kramdown's attribute lists (`{width="700"}`) go; Obsidian's wikilinks show their alias or page (`[[규정|휴가
 * 규정]]`), its embeds (`![[조직도.png]]`) and comments (`%%메모%%`) go, its highlight (`==중요==`) keeps its words.
 */
function withoutSiteMarkers(text: string): string {
  if (!/\[|\{|%%|==/.test(text)) return text;
  return text
    .replace(/\[!(?:UICONTROL|DNL)[ \t]+([^\]]+)\]/g, "$1")
    .replace(/\[!INCLUDE[ \t]*\[[^\]]*\]\([^)]*\)\]|\[!(?:VIDEO|div)\b[^\]]*\]/gi, "")
    .replace(/\{:?[ \t]*(?:[\w-]+=(?:"[^"]*"|'[^']*')[ \t]*)+\}/g, "")
    .replace(/!\[\[[^\]]*\]\]/g, "")
    .replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_link, page: string, alias: string | undefined) => alias ?? page.replace(/#\^?/, " > "))
    .replace(/[ \t]*%%[^]*?%%/g, "")
    .replace(/==(?=\S)([^=]*?\S)==/g, "$1");
}

/**
 * A link's or an image's destination and title in parentheses, which may hold parentheses of their own, as CommonMark
 * allows: a wiki page's address (`…/wiki/Andromeda_(constellation)`), one in angle brackets, a title "(참고)". Cut at the
 * first ")" they left the rest of the address in the text ("안드로메다 별자리>)는"). One left unbalanced is cut at its first ")" as before.
 */
const DESTINATION = String.raw`\((?:[^()\n]|\([^()\n]*\))*\)`;
const IMAGE = new RegExp(String.raw`!\[[^\]]*\]${DESTINATION}`, "g");
const LINK = new RegExp(String.raw`\[([^\]]+)\]${DESTINATION}`, "g");

/**
 * Removes inline markup but keeps the words: images go, links keep their text, emphasis and code marks go, and a
 * link whose only content was an image (a README's badges) goes with it. `references` are the labels the document
 * defines links for: "[zlib]" and "[zlib][]" are links to them and keep only their text; other brackets stay.
 * Code spans and backslash escapes are set aside first so the markup characters inside them stay literal.
 */
export function stripInline(text: string, references: ReadonlySet<string> = new Set()): string {
  const literals: string[] = [];
  const protect = (literal: string): string => {
    literals.push(literal);
    return `\u0000${literals.length - 1}\u0000`;
  };
  const withoutLiterals = text
    .replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_match, _ticks: string, code: string) => protect(code.trim()))
    .replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, (_match, escaped: string) => protect(escaped));
  const stripped = withoutSiteMarkers(withoutLiterals)
    .replace(/\{\/\*[^]*?\*\/\}/g, "")
    // MDX's space written as a JSX expression (`</Tabs>{' '}`, `계정{" "}설정`): the space it renders.
    .replace(/\{[ \t]*(?:'[ \t]*'|"[ \t]*")[ \t]*\}/g, " ")
    .replace(/\[\^[^\]\s]+\]:?/g, "")
    .replace(TEMPLATE_DIRECTIVE, shownByDirective)
    .replace(/\{%(?:[^%]|%(?!\}))*%\}/g, "")
    .replace(IMAGE, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, "")
    .replace(LINK, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/\[\s*\](?:\([^)]*\)|\[[^\]]*\])/g, "")
    .replace(/\[([^\]\u0000]+)\](?![(:])/g, (link, label: string) => (references.has(normaliseLabel(label)) ? label : link))
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1")
    .replace(/<!--[\s\S]*?-->/g, "")
    // An HTML table's cells and rows read as a pipe table's; a block tag (a cell's <p>s, a <br>) parts the words either side.
    .replace(/<\/t[dh]>\s*<t[dh](?:\s[^>]*)?>/gi, " | ")
    .replace(/<\/tr>\s*(?:<\/?(?:thead|tbody|tfoot)\b[^>]*>\s*)*<tr(?:\s[^>]*)?>/gi, "\n")
    .replace(/[^\S\n]*(?:<\/?(?:br|p|div|li|ul|ol|dl|dt|dd|tr|td|th|thead|tbody|table|h[1-6]|blockquote|figure|figcaption|section|hr)\b[^>]*>[^\S\n]*)+/gi, " ")
    .replace(/<\/?[A-Za-z][^>]*>/g, "")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(?<!\*)\*(?=\S)([^*]*?\S)\*(?!\*)/g, "$1")
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}])/gu, "$1")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1");
  return decodeHtmlEntities(stripped)
    .replace(/\u00a0/g, " ")
    .replace(INVISIBLE, "")
    .replace(/\u0000(\d+)\u0000/g, (_match, index: string) => literals[Number(index)] ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => !/^[|\s]*$/u.test(line))
    .join("\n");
}
