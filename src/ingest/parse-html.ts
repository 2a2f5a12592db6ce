import { Parser } from "htmlparser2";
import { buildDocument, collapseWhitespace, type BlockDraft } from "./build-document.ts";
import type { ParsedDocument } from "./types.ts";

/** Elements whose content is never document text. <head> is handled apart, because its <title> is wanted. */
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "math", "select", "button"]);

/** Elements that end the running text before and after them, so their text never merges with a neighbour's. */
const BLOCK_BOUNDARIES = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul",
]);

const HEADING_LEVEL: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

export interface HtmlBlocks {
  title: string | null;
  blocks: BlockDraft[];
}

/**
 * Turns HTML into blocks: headings, paragraphs, lists (one item per line), tables (one row per line, cells joined
 * by " | ") and preformatted code. It runs on htmlparser2's streaming callbacks with counters instead of a tree, so
 * pathologically deep markup cannot overflow the stack. Shared by the DOCX parser, which goes through mammoth's HTML.
 */
export function htmlToBlocks(html: string): HtmlBlocks {
  const blocks: BlockDraft[] = [];
  let text = "";
  let titleText: string | null = null;
  let firstH1: string | null = null;

  let inHead = false;
  let inTitle = false;
  let skipDepth = 0;
  let preDepth = 0;
  let headingLevel = 0;
  let listDepth = 0;
  let listItemDepth = 0;
  let tableDepth = 0;

  let listLines: string[] = [];
  let tableRows: string[] = [];
  let rowCells: string[] = [];
  let cellParts: string[] = [];

  const pushBlock = (block: BlockDraft): void => {
    if (block.kind !== "list" && listLines.length > 0) {
      blocks.push({ kind: "list", text: listLines.join("\n"), page: null });
      listLines = [];
    }
    blocks.push(block);
  };

  const flushText = (): void => {
    if (preDepth > 0) return;
    const collapsed = collapseWhitespace(text);
    text = "";
    if (collapsed === "") return;
    if (tableDepth > 0) cellParts.push(collapsed);
    else if (headingLevel > 0) {
      pushBlock({ kind: "heading", level: headingLevel, text: collapsed, page: null });
      if (headingLevel === 1) firstH1 ??= collapsed;
    } else if (listItemDepth > 0) listLines.push(collapsed);
    else pushBlock({ kind: "paragraph", text: collapsed, page: null });
  };

  const endCell = (): void => {
    flushText();
    rowCells.push(cellParts.join(" "));
    cellParts = [];
  };

  const endRow = (): void => {
    if (cellParts.length > 0) endCell();
    if (rowCells.some((cell) => cell !== "")) tableRows.push(rowCells.join(" | "));
    rowCells = [];
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "head") inHead = true;
        else if (name === "body") inHead = false;
        if (name === "title") inTitle = true;
        if (SKIPPED.has(name)) skipDepth++;
        if (skipDepth > 0 || inHead) return;
        if (name === "br") {
          text += preDepth > 0 ? "\n" : " ";
          return;
        }
        if (!BLOCK_BOUNDARIES.has(name)) return;
        flushText();
        if (name === "pre") preDepth++;
        else if (name === "ul" || name === "ol") listDepth++;
        else if (name === "li") listItemDepth++;
        else if (name === "table") tableDepth++;
        else if (HEADING_LEVEL[name] !== undefined && tableDepth === 0) headingLevel = HEADING_LEVEL[name];
      },
      ontext(data) {
        if (inTitle) titleText = (titleText ?? "") + data;
        else if (skipDepth === 0 && !inHead) text += data;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (name === "head") inHead = false;
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0 || inHead || !BLOCK_BOUNDARIES.has(name)) return;
        if (name === "pre" && preDepth > 0) {
          preDepth--;
          if (preDepth === 0) {
            const code = text;
            text = "";
            if (tableDepth > 0) cellParts.push(collapseWhitespace(code));
            else pushBlock({ kind: "code", text: code, page: null });
          }
          return;
        }
        if (tableDepth > 0 && (name === "td" || name === "th")) return endCell();
        if (tableDepth > 0 && name === "tr") return endRow();
        flushText();
        if (name === "li") listItemDepth = Math.max(0, listItemDepth - 1);
        else if ((name === "ul" || name === "ol") && listDepth > 0) {
          listDepth--;
          if (listDepth === 0 && listLines.length > 0) {
            blocks.push({ kind: "list", text: listLines.join("\n"), page: null });
            listLines = [];
          }
        } else if (name === "table" && tableDepth > 0) {
          endRow();
          tableDepth--;
          if (tableDepth === 0 && tableRows.length > 0) {
            pushBlock({ kind: "table", text: tableRows.join("\n"), page: null });
            tableRows = [];
          }
        } else if (HEADING_LEVEL[name] !== undefined) headingLevel = 0;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flushText();
  if (listLines.length > 0) blocks.push({ kind: "list", text: listLines.join("\n"), page: null });

  const title = collapseWhitespace(titleText ?? "");
  return { title: title !== "" ? title : firstH1, blocks };
}

export function parseHtml(html: string): ParsedDocument {
  const { title, blocks } = htmlToBlocks(html);
  return buildDocument(blocks, { title, pageCount: null, warnings: [] });
}
