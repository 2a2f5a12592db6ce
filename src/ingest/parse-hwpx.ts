import { Parser } from "htmlparser2";
import { DocumentUnreadableError } from "../errors.ts";
import { buildDocument, collapseWhitespace, openingTitle, withoutBareMarks, type BlockDraft } from "./build-document.ts";
import { equationText } from "./hancom-equation.ts";
import { HandBrokenLines } from "./hancom-lines.ts";
import { PageCounter, TablePaging } from "./hancom-pages.ts";
import { ParagraphNumbers, type NumberedShape, type NumberingLevel } from "./paragraph-numbers.ts";
import type { Furniture, ParsedDocument } from "./types.ts";
import { checkZipDirectory, readZipDirectory, readZipEntry, type ZipEntry, type ZipLimits } from "./zip.ts";
import { decodeXmlEntities } from "./xml-entities.ts";

/** Heading levels found in header.xml: by paragraph shape (OUTLINE headings) and by style ("개요 1", "Outline 1"). */
interface HeadingStyles {
  byParaShape: Map<string, number>;
  byStyle: Map<string, number>;
  /** Paragraph shapes that set a bullet (글머리표) before their paragraphs, which their text does not hold. */
  bulletShapes: Set<string>;
  /** Paragraph shapes that number their paragraphs: NUMBER (a numbering's idRef) or OUTLINE (the section's). */
  numberedShapes: Map<string, NumberedShape>;
  /** hh:numbering definitions by id: each level's (1-based) start, number format and text ("^1.^2."). */
  numberings: Map<string, Map<number, NumberingLevel>>;
}

const OUTLINE_STYLE = /^(?:개요|Outline)\s*(\d+)$/i;

/**
 * HWPX (OWPML, KS X 6101): a ZIP of XML parts. Body text is in Contents/section0.xml, section1.xml…; paragraphs are
 * `hp:p` with text in `hp:t` runs, tables are `hp:tbl` > `hp:tr` > `hp:tc` holding their own paragraphs. Headings
 * are paragraphs whose shape is an OUTLINE heading or whose style is one of the outline styles. The archive is
 * checked against `limits` before anything is inflated, and no entry inflates past its declared size.
 */
export function parseHwpx(bytes: Uint8Array, fileName: string, limits: ZipLimits): ParsedDocument {
  const entries = readZipDirectory(bytes, fileName);
  // The pictures and embedded objects under BinData/ are never inflated: jikji reads the XML parts only.
  checkZipDirectory(entries, fileName, limits, (entry) => !entry.name.startsWith("BinData/"));
  const read = (entry: ZipEntry) => new TextDecoder("utf-8").decode(readZipEntry(bytes, entry, fileName));

  // 한글's 문서 암호 encrypts each part and says so in the manifest; content.hpf stays plain, so without this check the
  // file read as an empty document titled "암호로 보호되는 파일".
  const manifest = entries.find((entry) => entry.name === "META-INF/manifest.xml");
  if (manifest !== undefined && /<(?:\w+:)?encryption-data[\s>/]/.test(read(manifest))) {
    throw new DocumentUnreadableError(`${fileName} is an encrypted (password-protected) HWPX file`);
  }

  const sections = entries
    .filter((entry) => /^Contents\/section\d+\.xml$/.test(entry.name))
    .sort((a, b) => sectionNumber(a.name) - sectionNumber(b.name));
  if (sections.length === 0) throw new DocumentUnreadableError(`${fileName} is an HWPX file without any Contents/section*.xml`);

  const header = entries.find((entry) => entry.name === "Contents/header.xml");
  const headings = header
    ? headingStyles(read(header))
    : { byParaShape: new Map(), byStyle: new Map(), bulletShapes: new Set<string>(), numberedShapes: new Map(), numberings: new Map() };
  const packageFile = entries.find((entry) => entry.name === "Contents/content.hpf");
  const metadataTitle = packageFile ? /<(?:\w+:)?title>([^<]*)<\/(?:\w+:)?title>/.exec(read(packageFile))?.[1] : undefined;

  const drafts: BlockDraft[] = [];
  const furniture: Furniture[] = [];
  const numbers = new ParagraphNumbers(headings);
  const pages = new PageCounter();
  const handBroken = new HandBrokenLines();
  for (const section of sections) {
    const parsed = sectionBlocks(read(section), headings, numbers, pages, handBroken);
    drafts.push(...parsed.blocks);
    furniture.push(...parsed.furniture);
  }
  const pageCount = pages.finish(drafts);
  drafts.splice(0, drafts.length, ...withoutBareMarks(handBroken.join(drafts)));
  const written = metadataTitle === undefined ? null : decodeXmlEntities(metadataTitle);
  const title = written !== null && namesDocument(written, drafts) ? written : openingTitle(drafts, furniture);
  return buildDocument(drafts, {
    title,
    pageCount,
    warnings: [],
    furniture,
    numberedHeadingsOnPages: true,
  });
}

/**
 * Whether a metadata title names this document. 문서 정보's title is what a template or an earlier file left there as
 * often as the writer's: a number ("3"), the paper size ("210mm"), another file's title ("연구회 유형 및 지원 예산" on a
 * school's club form). A title whose every word the document prints somewhere (spaced or not, in any case) is its
 * own; else the line it opens with names it, as an HWP binary (which keeps no such title) is named.
 */
function namesDocument(title: string, drafts: readonly BlockDraft[]): boolean {
  const tokens = title
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase())
    .filter((word) => word !== "");
  const words = tokens.filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return false;
  const printed = drafts.map((draft) => draft.text.replace(/\s+/g, "").toLowerCase()).join("\n");
  if (!words.every((word) => printed.includes(word))) return false;
  // A bare number is printed anywhere (a page, an item): the document prints it after the word before it, or the
  // title is a template's cut-off line ("2025년 4" over a report that reads "2025년  보고서").
  if (tokens.some((token, at) => at > 0 && /^\p{N}+$/u.test(token) && !printed.includes(`${tokens[at - 1]}${token}`))) return false;
  // A title the document prints only as a field's label ("담당교사" of "담당교사: ◯◯◯, ◯◯◯" on a 평가계획 form) names
  // that field, not the document.
  const whole = tokens.join("");
  let printedAt = printed.indexOf(whole);
  if (printedAt < 0) return true;
  for (; printedAt >= 0; printedAt = printed.indexOf(whole, printedAt + whole.length)) {
    if (!/[:：]/.test(printed[printedAt + whole.length] ?? "")) return true;
  }
  return false;
}

function sectionNumber(name: string): number {
  return Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

function headingStyles(xml: string): HeadingStyles {
  const byParaShape = new Map<string, number>();
  const byStyle = new Map<string, number>();
  const bulletShapes = new Set<string>();
  const numberedShapes: HeadingStyles["numberedShapes"] = new Map();
  const numberings: HeadingStyles["numberings"] = new Map();
  let paraShape: string | null = null;
  let numbering: Map<number, NumberingLevel> | null = null;
  let paraHead: NumberingLevel | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const local = localName(name);
        if (local === "paraPr") paraShape = attributes.id ?? null;
        else if (local === "heading" && paraShape !== null) {
          const level = Number(attributes.level ?? 0);
          if (attributes.type === "OUTLINE") byParaShape.set(paraShape, level + 1);
          if (attributes.type === "BULLET") bulletShapes.add(paraShape);
          if ((attributes.type === "OUTLINE" || attributes.type === "NUMBER") && Number.isInteger(level)) {
            numberedShapes.set(paraShape, { type: attributes.type, numbering: attributes.idRef ?? "", level: level + 1 });
          }
        } else if (local === "style" && attributes.id !== undefined) {
          const match = OUTLINE_STYLE.exec(attributes.engName ?? "") ?? OUTLINE_STYLE.exec(attributes.name ?? "");
          if (match) byStyle.set(attributes.id, Number(match[1]));
        } else if (local === "numbering" && attributes.id !== undefined) {
          numbering = new Map();
          numberings.set(attributes.id, numbering);
        } else if (local === "paraHead" && numbering !== null) {
          const level = Number(attributes.level);
          const start = Number(attributes.start ?? 1);
          paraHead = { start: Number.isInteger(start) ? start : 1, format: attributes.numFormat ?? "DIGIT", text: "" };
          if (Number.isInteger(level)) numbering.set(level, paraHead);
        }
      },
      ontext(text) {
        if (paraHead !== null) paraHead.text += decodeXmlEntities(text);
      },
      onclosetag(name) {
        const local = localName(name);
        if (local === "paraPr") paraShape = null;
        else if (local === "paraHead") paraHead = null;
        else if (local === "numbering") numbering = null;
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.end(xml);
  return { byParaShape, byStyle, bulletShapes, numberedShapes, numberings };
}

interface OpenParagraph {
  text: string;
  level: number | undefined;
  paraShape: string | undefined;
  /** A paragraph of the body (not of a cell, a text box, a header or footer, a note): its lines are body lines. */
  body: boolean;
  /** The page of its first line, once its hp:linesegarray (after its runs) is read. */
  page: number | null;
  /**
   * Blocks read inside it (its tables, its text boxes' paragraphs, a framing table's paragraphs): they take its page,
   * plus the pages a framing table's cells ran on over before them, when its lines come.
   */
  anchored: Array<{ block: BlockDraft; offset: number }>;
  /** The tables anchored in it, placed after its lines: their height, the pages their cells ran on over, the last cell line. */
  objects: Array<{ height: number | null; extra: number; lastPosition: number }>;
  /** In a cell of a top-level table: the pages the table had run on over at this paragraph's first line. */
  cellOffset: number | null;
  /** Its saved lines (hp:lineseg): where each starts in its text, its text height and width (HWPUNIT). */
  lines: Array<{ textpos: number; textHeight: number; width: number }>;
  /** It holds an object (a table, a picture, an equation), whose width its text does not tell. */
  holdsObject: boolean;
  /** In a cell: the tables nested in it, as blocks that follow its own (a framing table gives them back in place). */
  nested: BlockDraft[];
}

interface OpenTable {
  /** Its hp:sz height, read before its first row. */
  height: number | null;
  started: boolean;
  rows: string[];
  cells: string[];
  cellParts: string[];
  /** Each cell's paragraphs as blocks, and the number of cells in each row: a one-column table frames text. */
  cellBlocks: BlockDraft[][];
  rowCells: number[];
  /** Paging inside a top-level table. */
  paging: TablePaging;
}

/**
 * One section's paragraphs and tables in reading order. Paragraphs inside a table cell become that cell's text;
 * those of the page header and footer (`hp:header`, `hp:footer`) are furniture, not text.
 */
function sectionBlocks(
  xml: string,
  headings: HeadingStyles,
  numbers: ParagraphNumbers,
  pages: PageCounter,
  handBroken: HandBrokenLines,
): { blocks: BlockDraft[]; furniture: Furniture[] } {
  const blocks: BlockDraft[] = [];
  const furniture: Furniture[] = [];
  const edges: Array<"header" | "footer"> = [];
  const paragraphs: OpenParagraph[] = [];
  const tables: OpenTable[] = [];
  let inText = 0;
  /** The script of the open hp:equation (수식), read from its hp:script; null outside one. */
  let script: string | null = null;
  /** Open hp:hiddenComment elements (숨은 설명): their paragraphs are neither shown nor printed. */
  let hiddenComments = 0;
  /** Open hp:footNote and hp:endNote elements: their paragraphs are the note's. */
  let notes = 0;
  /**
   * An open drawing object set as a drop cap (문단 첫 글자 장식, dropcapstyle "DoubleLine"…), its element's name and the
   * paragraph it stands in: its letter begins that paragraph's first word ("기" + "초생활수급자인 A씨는 …").
   */
  let dropCap: { name: string; paragraph: OpenParagraph } | null = null;
  /**
   * Notes read inside a body paragraph (and its tables' cells): they follow that paragraph, as in HWP, not its cell's
   * text (a boxed section title's note joined the title) nor come before it (a note's paragraph closes first).
   */
  let heldNotes: BlockDraft[] = [];
  const flushNotes = () => {
    blocks.push(...heldNotes);
    heldNotes = [];
  };
  /** The open hp:pagePr's paper height (its hp:margin gives the body's). */
  let paperHeight: number | null = null;
  /** The pages a top-level table had run on over at a cell paragraph's first line. */
  const blockOffsets = new Map<BlockDraft, number>();
  /** A block read now takes the page of the body paragraph around it, known when that paragraph's lines come. */
  const place = (block: BlockDraft) => {
    const anchor = paragraphs[0];
    if (anchor !== undefined && anchor.body && anchor.page === null) anchor.anchored.push({ block, offset: 0 });
    else block.page = anchor?.page ?? pages.page;
  };

  /** This section's body, as the place of a paragraph in no cell: lines join within one place only. */
  const body = {};
  /** A paragraph's lines as Hancom saved them, for joining lines the author broke by hand (hancom-lines.ts). */
  const measure = (paragraph: OpenParagraph, block: BlockDraft, container: object) => {
    const starts = paragraph.lines.map((line) => line.textpos);
    if (paragraph.holdsObject || starts.some((start, index) => start > paragraph.text.length || (index > 0 && start < starts[index - 1]!))) return;
    // The automatic number ("1.", "가.") is not in the text but leads its first line.
    const label = block.text.slice(0, block.text.length - collapseWhitespace(paragraph.text).length);
    const lines = paragraph.lines.map((line, index) => ({
      text: (index === 0 ? label : "") + paragraph.text.slice(line.textpos, starts[index + 1] ?? paragraph.text.length),
      textHeight: line.textHeight,
      width: line.width,
    }));
    handBroken.measure(block, container, lines, headings.bulletShapes.has(paragraph.paraShape ?? ""));
  };

  const append = (text: string) => {
    const paragraph = paragraphs[paragraphs.length - 1];
    if (paragraph) paragraph.text += text;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const holder = paragraphs[paragraphs.length - 1];
        if (dropCap === null && holder !== undefined && attributes.dropcapstyle !== undefined && attributes.dropcapstyle !== "None") {
          dropCap = { name, paragraph: holder };
          holder.holdsObject = true;
        }
        switch (localName(name)) {
          case "p": {
            const level =
              headings.byStyle.get(attributes.styleIDRef ?? "") ?? headings.byParaShape.get(attributes.paraPrIDRef ?? "");
            if (paragraphs.length === 0 && tables.length === 0) flushNotes();
            const body = paragraphs.length === 0 && tables.length === 0 && edges.length === 0 && hiddenComments === 0;
            if (body && attributes.pageBreak === "1") pages.pageBreak();
            paragraphs.push({
              text: "",
              level: level !== undefined ? Math.min(6, Math.max(1, level)) : undefined,
              paraShape: attributes.paraPrIDRef,
              body,
              page: null,
              anchored: [],
              objects: [],
              cellOffset: null,
              lines: [],
              holdsObject: false,
              nested: [],
            });
            break;
          }
          case "lineseg": {
            const paragraph = paragraphs[paragraphs.length - 1];
            paragraph?.lines.push({
              textpos: Number(attributes.textpos) || 0,
              textHeight: Number(attributes.textheight) || 0,
              width: Number(attributes.horzsize) || 0,
            });
            const position = Number(attributes.vertpos ?? 0) || 0;
            const table = tables[0];
            if (paragraph !== undefined && paragraphs.length === 2 && paragraphs[0]!.body && tables.length === 1 && table !== undefined) {
              // A line of a top-level table's cell: placed from the cell's top, and from the top again on each new page.
              table.paging.cellLine(position, pages);
              paragraph.cellOffset ??= table.paging.cellPages;
              break;
            }
            if (paragraph === undefined || !paragraph.body || paragraphs.length !== 1) break;
            pages.line(position);
            if (paragraph.page === null) {
              paragraph.page = pages.page;
              for (const { block, offset } of paragraph.anchored) block.page = pages.page + offset;
            }
            break;
          }
          case "pagePr": {
            const width = Number(attributes.width);
            const height = Number(attributes.height);
            paperHeight = attributes.landscape === "NARROWLY" ? width : height;
            if (!Number.isFinite(paperHeight)) paperHeight = null;
            break;
          }
          case "margin":
            if (paperHeight !== null) {
              const margins = ["header", "footer", "top", "bottom"].reduce((sum, key) => sum + (Number(attributes[key]) || 0), 0);
              pages.bodyHeight = paperHeight - margins;
            }
            break;
          case "colPr":
            if (paragraphs.length === 1 && paragraphs[0]!.body && attributes.colCount !== undefined) pages.setColumns(Number(attributes.colCount) || 1);
            break;
          case "sz": {
            const table = tables[tables.length - 1];
            if (table !== undefined && !table.started && table.height === null) table.height = Number(attributes.height) || 0;
            break;
          }
          case "tr": {
            const table = tables[tables.length - 1];
            if (table !== undefined) {
              table.started = true;
              table.rowCells.push(0);
              // A new row starts on the page where the rows before it ended.
              table.paging.startRow();
            }
            break;
          }
          case "secPr":
            if (attributes.outlineShapeIDRef !== undefined) numbers.outlineNumbering = attributes.outlineShapeIDRef;
            break;
          case "t":
            inText++;
            break;
          case "script":
            script = "";
            break;
          case "equation":
          case "pic":
            if (paragraphs.length > 0) paragraphs[paragraphs.length - 1]!.holdsObject = true;
            break;
          case "tab":
            append("\t");
            break;
          // 묶음 빈칸 ("2026.<hp:nbSpace/>9.") and 고정폭 빈칸 print a space.
          case "nbSpace":
          case "fwSpace":
            append(" ");
            break;
          case "lineBreak":
            append("\n");
            break;
          case "tbl":
            if (paragraphs.length > 0) paragraphs[paragraphs.length - 1]!.holdsObject = true;
            tables.push({
              height: null,
              started: false,
              rows: [],
              cells: [],
              cellParts: [],
              cellBlocks: [],
              rowCells: [],
              paging: new TablePaging(),
            });
            break;
          case "tc": {
            const table = tables[tables.length - 1];
            if (table === undefined) break;
            table.cellParts = [];
            table.cellBlocks.push([]);
            if (table.rowCells.length > 0) table.rowCells[table.rowCells.length - 1]!++;
            table.paging.startCell();
            break;
          }
          case "header":
          case "footer":
            edges.push(localName(name) as "header" | "footer");
            break;
          case "hiddenComment":
            hiddenComments++;
            break;
          case "footNote":
          case "endNote":
            notes++;
            break;
        }
      },
      ontext(text) {
        if (inText > 0) append(decodeXmlEntities(text));
        else if (script !== null) script += decodeXmlEntities(text);
      },
      onclosetag(name) {
        if (dropCap !== null && name === dropCap.name && paragraphs[paragraphs.length - 1] === dropCap.paragraph) dropCap = null;
        switch (localName(name)) {
          case "script":
            // The equation stands where its object is in the run: "1. " + "x^2 + 1" + " 의 값은?".
            if (script !== null) append(` ${equationText(script)} `);
            script = null;
            break;
          case "t":
            inText = Math.max(0, inText - 1);
            break;
          case "p": {
            const paragraph = paragraphs.pop();
            if (paragraph === undefined) break;
            if (paragraph.body) {
              // Lines that never came: the paragraph is on the page of the line before it.
              for (const { block, offset } of paragraph.anchored) block.page ??= pages.page + offset;
              paragraph.page ??= pages.page;
              for (const object of paragraph.objects) {
                if (object.extra > 0) pages.tableRanOn(object.extra, object.lastPosition);
                else if (object.height !== null) pages.object(object.height);
              }
            }
            const typed = collapseWhitespace(paragraph.text);
            if (hiddenComments > 0) break;
            if (dropCap !== null && paragraph !== dropCap.paragraph) {
              dropCap.paragraph.text += typed;
              break;
            }
            const holder = tables[tables.length - 1];
            const holderCell = holder !== undefined && paragraphInsideCell(tables.length, paragraphs.length) ? holder.cellBlocks.at(-1) : undefined;
            if (typed === "") {
              holderCell?.push(...paragraph.nested);
              break;
            }
            if (edges.length > 0) {
              furniture.push({ page: null, position: edges.at(-1)!, text: typed });
              break;
            }
            if (notes > 0) {
              const block: BlockDraft = { kind: "paragraph", text: typed, page: null };
              place(block);
              heldNotes.push(block);
              break;
            }
            // An empty numbered paragraph shows no number in Hancom and does not count.
            const label = numbers.label(paragraph.paraShape);
            const text = label === null ? typed : `${label} ${typed}`;
            const table = tables[tables.length - 1];
            // A paragraph opened inside a cell belongs to it; the paragraph that holds a table is a block of its own.
            if (table !== undefined && paragraphInsideCell(tables.length, paragraphs.length)) {
              table.cellParts.push(text);
              const block: BlockDraft =
                paragraph.level !== undefined ? { kind: "heading", level: paragraph.level, text, page: null } : { kind: "paragraph", text, page: null };
              const cell = table.cellBlocks[table.cellBlocks.length - 1];
              if (cell !== undefined) {
                cell.push(block, ...paragraph.nested);
                if (tables.length === 1) measure(paragraph, block, cell);
              }
              const anchor = paragraphs[0];
              if (tables.length === 1 && anchor !== undefined && anchor.body) {
                blockOffsets.set(block, paragraph.cellOffset ?? table.paging.cellPages);
              }
            } else {
              const block: BlockDraft =
                paragraph.level !== undefined
                  ? { kind: "heading", level: paragraph.level, text, page: paragraph.page }
                  : { kind: "paragraph", text, page: paragraph.page };
              if (!paragraph.body) place(block);
              else measure(paragraph, block, body);
              blocks.push(block);
            }
            break;
          }
          case "tc": {
            const table = tables[tables.length - 1];
            if (table) table.cells.push(table.cellParts.join(" "));
            break;
          }
          case "tr": {
            const table = tables[tables.length - 1];
            if (table && table.cells.some((cell) => cell !== "")) table.rows.push(table.cells.join(" | "));
            if (table) table.cells = [];
            break;
          }
          case "header":
          case "footer":
            edges.pop();
            break;
          case "hiddenComment":
            hiddenComments = Math.max(0, hiddenComments - 1);
            break;
          case "footNote":
          case "endNote":
            notes = Math.max(0, notes - 1);
            break;
          case "pagePr":
            paperHeight = null;
            break;
          case "tbl": {
            const table = tables.pop();
            if (table === undefined || table.rows.length === 0) break;
            const outer = tables[tables.length - 1];
            // A table nested in a cell joins that cell's text; a top-level table is its own block. The cell's paragraph
            // also keeps it as a block, for a framing table to give back: a 입찰공고's schedule (구분 | 공고기간 | …) sat
            // in the one-column box of its "1. 입찰개요" and was lost with the cell text the box is not read as.
            if (outer !== undefined) {
              outer.cellParts.push(table.rows.join(" / "));
              const holder = paragraphs[paragraphs.length - 1];
              const frames = table.rowCells.length > 0 && table.rowCells.every((count) => count === 1);
              const nested: BlockDraft[] = frames ? table.cellBlocks.flat() : [{ kind: "table", text: table.rows.join("\n"), page: null }];
              if (tables.length === 1 && paragraphs[0]?.body === true) {
                for (const block of nested) if (!blockOffsets.has(block)) blockOffsets.set(block, outer.paging.cellPages);
              }
              holder?.nested.push(...nested);
            } else {
              const anchor = paragraphs[paragraphs.length - 1];
              if (anchor !== undefined && anchor.body) {
                anchor.objects.push({ height: table.height, extra: table.paging.ranOver, lastPosition: table.paging.lastPosition });
              }
              // A one-column table frames text (a notice in a box, a decision's 주문/이유): its paragraphs are the body's.
              if (table.rowCells.length > 0 && table.rowCells.every((count) => count === 1)) {
                for (const block of table.cellBlocks.flat()) {
                  if (anchor !== undefined && anchor.body && anchor.page === null) anchor.anchored.push({ block, offset: blockOffsets.get(block) ?? 0 });
                  else block.page = anchor?.page ?? pages.page;
                  blocks.push(block);
                }
                break;
              }
              const block: BlockDraft = { kind: "table", text: table.rows.join("\n"), page: null };
              place(block);
              blocks.push(block);
            }
            break;
          }
        }
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.end(xml);
  flushNotes();
  return { blocks, furniture };
}

/**
 * A table sits inside a paragraph (`hp:p` > `hp:run` > `hp:tbl` > `hp:tr` > `hp:tc` > `hp:p`), so each open table
 * accounts for one enclosing open paragraph. A paragraph that closes with as many paragraphs still open as there
 * are open tables was opened inside the innermost table's cell.
 */
function paragraphInsideCell(openTables: number, openParagraphs: number): boolean {
  return openParagraphs >= openTables;
}
