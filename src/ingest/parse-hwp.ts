import CFB from "cfb";
import { inflateRawSync } from "node:zlib";
import { DocumentUnreadableError, PayloadTooLargeError, errorMessage } from "../errors.ts";
import { buildDocument, collapseWhitespace, openingTitle, withoutBareMarks, type BlockDraft } from "./build-document.ts";
import { equationText } from "./hancom-equation.ts";
import { HandBrokenLines } from "./hancom-lines.ts";
import { PageCounter, TablePaging } from "./hancom-pages.ts";
import { HWP_NUMBER_FORMATS, ParagraphNumbers, type NumberingDefinitions, type NumberingLevel } from "./paragraph-numbers.ts";
import type { Furniture, ParsedDocument } from "./types.ts";

/** Record tags from the HWP 5.0 specification (HWPTAG_BEGIN = 0x10): DocInfo's, then BodyText's. */
const TAG = {
  NUMBERING: 0x10 + 7,
  PARA_SHAPE: 0x10 + 9,
  PARA_HEADER: 0x10 + 50,
  PARA_TEXT: 0x10 + 51,
  PARA_LINE_SEG: 0x10 + 53,
  CTRL_HEADER: 0x10 + 55,
  LIST_HEADER: 0x10 + 56,
  PAGE_DEF: 0x10 + 57,
  TABLE: 0x10 + 61,
  EQEDIT: 0x10 + 72,
} as const;

/** Control characters that occupy 8 UTF-16 units (the code, 12 bytes of data, the code again). */
const WIDE_CONTROLS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
/** The wide controls that are objects with a CTRL_HEADER record after the paragraph's text, in the order they stand. */
const EXTENDED_CONTROLS = new Set([1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23]);
/** Where an extended control stands in a paragraph's text while its controls are read (an equation's script goes there). */
const CONTROL_MARK = "\ufffc";

const MB = 1024 * 1024;

interface HwpRecord {
  tag: number;
  level: number;
  data: Uint8Array;
}

/**
 * HWP 5.0: a CFB (OLE) compound file. FileHeader says whether streams are compressed (raw deflate) or encrypted;
 * DocInfo holds the styles; BodyText/Section0, Section1… hold the paragraphs as tagged records. Text is
 * HWPTAG_PARA_TEXT (UTF-16LE with inline controls), tables are a `tbl ` control followed by one LIST_HEADER per
 * cell. Every stream is inflated within what is left of `maxDecompressedBytes`.
 */
export function parseHwp(bytes: Uint8Array, fileName: string, maxDecompressedBytes: number): ParsedDocument {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: "buffer" });
  } catch (error) {
    throw new DocumentUnreadableError(`${fileName} is a corrupt HWP file (${errorMessage(error)})`, { cause: error });
  }
  const stream = (path: string): Uint8Array | null => {
    const entry = CFB.find(container, path);
    return entry?.content ? new Uint8Array(entry.content as ArrayLike<number>) : null;
  };

  const header = stream("/FileHeader");
  if (header === null || new TextDecoder("latin1").decode(header.subarray(0, 17)) !== "HWP Document File") {
    throw new DocumentUnreadableError(`${fileName} is a compound file but not an HWP 5.0 document (no HWP FileHeader)`);
  }
  const properties = new DataView(header.buffer, header.byteOffset, header.byteLength).getUint32(36, true);
  if (properties & 0b10) throw new DocumentUnreadableError(`${fileName} is an encrypted (password-protected) HWP file`);
  if (properties & 0b100) {
    throw new DocumentUnreadableError(`${fileName} is an HWP distribution document (배포용 문서), whose text is encrypted`);
  }
  const compressed = (properties & 0b1) !== 0;

  let budget = maxDecompressedBytes;
  const records = (raw: Uint8Array, name: string): HwpRecord[] => {
    let data = raw;
    if (compressed) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
          throw new PayloadTooLargeError(
            `${fileName} would decompress past the limit of ${(maxDecompressedBytes / MB).toFixed(0)} MB (JIKJI_MAX_DECOMPRESSED_MB)`,
          );
        }
        throw new DocumentUnreadableError(`${fileName}: the ${name} stream could not be decompressed (${errorMessage(error)})`, { cause: error });
      }
      budget -= data.length;
    }
    return readRecords(data, fileName, name);
  };

  const docInfo = stream("/DocInfo");
  const styles = docInfo ? documentStyles(records(docInfo, "DocInfo")) : documentStyles([]);
  const numbers = new ParagraphNumbers(styles);

  const drafts: BlockDraft[] = [];
  const furniture: Furniture[] = [];
  const pages = new PageCounter();
  const handBroken = new HandBrokenLines();
  for (let section = 0; ; section++) {
    const raw = stream(`/BodyText/Section${section}`);
    if (raw === null) {
      if (section === 0) throw new DocumentUnreadableError(`${fileName} is an HWP file without BodyText/Section0`);
      break;
    }
    const parsed = sectionBlocks(records(raw, `BodyText/Section${section}`), styles, numbers, pages, handBroken);
    drafts.push(...parsed.blocks);
    furniture.push(...parsed.furniture);
  }
  const pageCount = pages.finish(drafts);
  drafts.splice(0, drafts.length, ...withoutBareMarks(handBroken.join(drafts)));
  return buildDocument(drafts, {
    title: openingTitle(drafts, furniture),
    pageCount,
    warnings: [],
    furniture,
    numberedHeadingsOnPages: true,
  });
}

function readRecords(data: Uint8Array, fileName: string, streamName: string): HwpRecord[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: HwpRecord[] = [];
  let position = 0;
  while (position + 4 <= data.length) {
    const header = view.getUint32(position, true);
    position += 4;
    let size = header >>> 20;
    if (size === 0xfff) {
      if (position + 4 > data.length) break;
      size = view.getUint32(position, true);
      position += 4;
    }
    if (position + size > data.length) {
      throw new DocumentUnreadableError(`${fileName}: the ${streamName} stream is truncated (a record runs past its end)`);
    }
    out.push({ tag: header & 0x3ff, level: (header >>> 10) & 0x3ff, data: data.subarray(position, position + size) });
    position += size;
  }
  return out;
}

/**
 * What DocInfo says about paragraphs: heading levels by paragraph shape, and their numbering. A paragraph is a heading
 * when its own shape's 문단 머리 is an outline level (개요), as Hancom's outline view and 차례 collect them. A style's
 * name does not decide: writers apply "개요 1" and then change the paragraph's shape to a plain one (a real tax
 * decision did so for one "나." line among "1." … "5." typed in 바탕글), and one stray heading would turn off the
 * numbered-heading inference for the whole document.
 */
interface DocumentStyles extends NumberingDefinitions {
  /** Paragraph shape index → heading level, for shapes whose 문단 머리 is an outline level. */
  headingByParaShape: Map<number, number>;
  /** Paragraph shapes whose 문단 머리 is a bullet (글머리표): their paragraphs open an item with no mark in their text. */
  bulletShapes: Set<number>;
}

/**
 * Reads DocInfo's PARA_SHAPE and NUMBERING records. A paragraph shape's first UINT32 holds its 문단 머리 kind
 * (bits 23–24: 0 none, 1 outline, 2 numbering, 3 bullet) and 0-based level (bits 25–27); the UINT16 at offset 30 is
 * its numbering (or bullet) id, 1-based in the order of the NUMBERING records. A NUMBERING record is seven levels of
 * [12-byte head info whose first UINT32 has the number format in bits 5–8, a length-prefixed text "^1.^2."], the
 * UINT16 start number, then (from 5.0.2.5) each level's UINT32 start.
 */
function documentStyles(records: readonly HwpRecord[]): DocumentStyles {
  const styles: DocumentStyles = { headingByParaShape: new Map(), bulletShapes: new Set(), numberedShapes: new Map(), numberings: new Map() };
  let shapeIndex = 0;
  let numberingId = 1;
  for (const record of records) {
    if (record.tag === TAG.PARA_SHAPE) {
      if (record.data.length >= 32) {
        const view = new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength);
        const properties = view.getUint32(0, true);
        const head = (properties >>> 23) & 0b11;
        const level = ((properties >>> 25) & 0b111) + 1;
        if (head === 1) {
          styles.headingByParaShape.set(shapeIndex, Math.min(6, level));
          styles.numberedShapes.set(String(shapeIndex), { type: "OUTLINE", numbering: "", level });
        } else if (head === 2) {
          styles.numberedShapes.set(String(shapeIndex), { type: "NUMBER", numbering: String(view.getUint16(30, true)), level });
        } else if (head === 3) styles.bulletShapes.add(shapeIndex);
      }
      shapeIndex++;
    } else if (record.tag === TAG.NUMBERING) {
      styles.numberings.set(String(numberingId++), numberingLevels(record.data));
    }
  }
  return styles;
}

function numberingLevels(data: Uint8Array): Map<number, NumberingLevel> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const levels = new Map<number, NumberingLevel>();
  let offset = 0;
  for (let level = 1; level <= 7 && offset + 14 <= data.length; level++) {
    const format = HWP_NUMBER_FORMATS[(view.getUint32(offset, true) >>> 5) & 0b1111] ?? "DIGIT";
    const [text, next] = lengthPrefixedString(data, offset + 12);
    levels.set(level, { start: 1, format, text });
    offset = next;
  }
  offset += 2;
  for (let level = 1; level <= 7 && offset + 4 <= data.length; level++, offset += 4) {
    const head = levels.get(level);
    if (head !== undefined) head.start = view.getUint32(offset, true);
  }
  return levels;
}

function lengthPrefixedString(data: Uint8Array, offset: number): [string, number] {
  if (offset + 2 > data.length) return ["", offset];
  const length = data[offset]! | (data[offset + 1]! << 8);
  const end = Math.min(data.length, offset + 2 + length * 2);
  return [new TextDecoder("utf-16le").decode(data.subarray(offset + 2, end)), end];
}

/**
 * The readable text of a PARA_TEXT record: wide controls (tables, fields, footnote anchors) are skipped, or with
 * `marks`, an object control (a table, a picture, an equation) leaves CONTROL_MARK where it stands.
 */
function paragraphText(data: Uint8Array, marks = false): string {
  const units = new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.byteLength & ~1)));
  let text = "";
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (unit >= 32) text += String.fromCharCode(unit);
    else if (unit === 9) {
      text += "\t";
      i += 7;
    } else if (WIDE_CONTROLS.has(unit)) {
      if (marks && EXTENDED_CONTROLS.has(unit)) text += CONTROL_MARK;
      i += 7;
    } else if (unit === 10) text += "\n";
    // 묶음 빈칸 (a bound, non-breaking space) and 고정폭 빈칸 (a fixed-width space) both print a space. The 하이픈 (24)
    // is a soft hyphen, printed only where a line breaks at it ("Ver·fassungs·prinzip"), as HWPX's hp:hyphen.
    else if (unit === 30 || unit === 31) text += " ";
  }
  return text;
}

interface OpenTable {
  /** Level of the table's control record; the table ends at the next record at or above it. */
  level: number;
  /** The page of its anchor line. */
  page: number;
  /** Its height (the control's common object properties), the estimate of where it ends when its cells tell nothing. */
  height: number;
  rowSizes: number[];
  /** Each cell's paragraphs, as blocks: a one-column table that frames text gives them back as the body's blocks. */
  cells: BlockDraft[][];
  /** Paging inside a top-level table. */
  paging: TablePaging;
  /** Index of the first cell of the next row. */
  nextRowAt: number;
  rowIndex: number;
}

/** Controls whose paragraphs print on every page: the page header and footer. */
const EDGE_CONTROLS: Readonly<Record<string, "header" | "footer">> = { head: "header", foot: "footer" };

function sectionBlocks(
  records: readonly HwpRecord[],
  styles: DocumentStyles,
  numbers: ParagraphNumbers,
  pages: PageCounter,
  handBroken: HandBrokenLines,
): { blocks: BlockDraft[]; furniture: Furniture[] } {
  const blocks: BlockDraft[] = [];
  const furniture: Furniture[] = [];
  /** The open header or footer control: records nested deeper than its level belong to it. */
  let edge: { level: number; position: "header" | "footer" } | null = null;
  /** The level of an open hidden comment (숨은 설명, `tcmt`): records nested deeper are neither shown nor printed. */
  let hiddenComment: number | null = null;
  /** The level of an open footnote or endnote control (`fn  `, `en  `): records nested deeper are the note's. */
  let note: number | null = null;
  /** Notes anchored in a table's cells: they follow the table, not the cell's text (a boxed title's note joined the title). */
  let heldNotes: BlockDraft[] = [];
  const tables: OpenTable[] = [];
  let pendingHeading: number | undefined;
  let pendingShape: string | undefined;
  // The section definition (the first paragraph's `secd` control, recorded after that paragraph's text) names the
  // outline numbering: its UINT16 at offset 18 is a 1-based numbering id.
  const sectionDefinition = records.find((record) => record.tag === TAG.CTRL_HEADER && controlId(record.data) === "secd");
  if (sectionDefinition !== undefined && sectionDefinition.data.length >= 20) {
    numbers.outlineNumbering = String(sectionDefinition.data[18]! | (sectionDefinition.data[19]! << 8));
  }
  let pendingTableLevel: number | null = null;
  let pendingTablePage = pages.page;
  let pendingTableHeight = 0;
  /** The block of the body paragraph being read: its first line decides its page. */
  let unplaced: BlockDraft | null = null;
  /** The paragraph being read, text only, to measure its last line against its saved width (hancom-lines.ts). */
  let measurable: { block: BlockDraft; data: Uint8Array; label: string | null; container: object } | null = null;
  /**
   * Paragraphs whose object controls are being read, by the level of their text and controls: the text with a mark
   * for each object, its number, the equations' scripts so far, and where the block goes if only an equation fills it.
   */
  const controlled = new Map<number, { block: BlockDraft; marked: string; label: string | null; controls: number; equation: number | null; scripts: Map<number, string>; into: BlockDraft[] | null }>();

  /** A one-column table nested in a cell, read as a block of its cell: the paragraphs a framing table gives back for it. */
  const framed = new Map<BlockDraft, BlockDraft[]>();
  const framedBlocks = (cells: readonly BlockDraft[][]): BlockDraft[] => cells.flat().flatMap((block) => framed.get(block) ?? [block]);
  const closeTablesAbove = (level: number) => {
    while (tables.length > 0 && level <= tables[tables.length - 1]!.level) {
      const table = tables.pop()!;
      const outer = tables[tables.length - 1];
      if (outer === undefined) {
        const extra = table.paging.ranOver;
        if (extra > 0) pages.tableRanOn(extra, table.paging.lastPosition);
        else if (table.level === 1) pages.object(table.height);
        // A one-column table frames text (a decision, a notice in a box): its paragraphs are the body's.
        if (table.rowSizes.length > 0 && table.rowSizes.every((size) => size === 1)) {
          blocks.push(...framedBlocks(table.cells));
          continue;
        }
      }
      const rows: string[] = [];
      let cell = 0;
      for (const size of table.rowSizes.length > 0 ? table.rowSizes : [table.cells.length]) {
        const row = table.cells
          .slice(cell, cell + size)
          .map((parts) => collapseWhitespace(parts.map((part) => (part.kind === "table" ? part.text.replaceAll("\n", " / ") : part.text)).join(" ")));
        cell += size;
        if (row.some((text) => text !== "")) rows.push(row.join(" | "));
      }
      if (rows.length === 0) continue;
      // A table nested in a cell joins the cell's text, and a framing table gives it back as a table of its own (a
      // 모집공고's "주 택 명 | … / 주택관리번호 | …" in its box) or, framing text itself, as its paragraphs.
      if (outer !== undefined) {
        const nested: BlockDraft = { kind: "table", text: rows.join("\n"), page: table.page };
        if (table.rowSizes.length > 0 && table.rowSizes.every((size) => size === 1)) framed.set(nested, framedBlocks(table.cells));
        outer.cells[outer.cells.length - 1]?.push(nested);
      } else blocks.push({ kind: "table", text: rows.join("\n"), page: table.page });
    }
    if (tables.length === 0 && heldNotes.length > 0) {
      blocks.push(...heldNotes);
      heldNotes = [];
    }
  };
  /** The top-level table whose cells' own paragraphs a record at `level` belongs to (not a nested table's). */
  const cellOfTopTable = (level: number): OpenTable | undefined => (tables[0] !== undefined && level === tables[0].level + 2 ? tables[0] : undefined);

  for (const record of records) {
    if (hiddenComment !== null && record.level <= hiddenComment) hiddenComment = null;
    if (hiddenComment !== null) continue;
    if (note !== null && record.level <= note) note = null;
    if (note !== null) {
      // A note's paragraphs follow the paragraph that holds its anchor, or the table whose cell does.
      if (record.tag === TAG.PARA_TEXT) {
        const text = collapseWhitespace(paragraphText(record.data));
        const top = tables[0];
        const block: BlockDraft = { kind: "paragraph", text, page: top === undefined ? pages.page : top.page + top.paging.cellPages };
        if (text !== "") (top === undefined ? blocks : heldNotes).push(block);
      }
      continue;
    }
    if (edge !== null && record.level <= edge.level) edge = null;
    if (edge !== null) {
      if (record.tag === TAG.PARA_TEXT) {
        const text = collapseWhitespace(paragraphText(record.data));
        if (text !== "") furniture.push({ page: null, position: edge.position, text });
      }
      continue;
    }
    if (record.tag === TAG.CTRL_HEADER || record.tag === TAG.PARA_HEADER) closeTablesAbove(record.level);
    switch (record.tag) {
      case TAG.PARA_HEADER: {
        unplaced = null;
        measurable = null;
        if (record.level === 0 && record.data.length > 11 && (record.data[11]! & 0b100) !== 0) pages.pageBreak();
        const shape = record.data.length > 10 ? record.data[8]! | (record.data[9]! << 8) : undefined;
        pendingHeading = shape === undefined ? undefined : styles.headingByParaShape.get(shape);
        pendingShape = shape === undefined ? undefined : String(shape);
        break;
      }
      case TAG.PARA_TEXT: {
        for (const level of controlled.keys()) if (level >= record.level) controlled.delete(level);
        const marked = paragraphText(record.data, true);
        const typed = collapseWhitespace(marked.replaceAll(CONTROL_MARK, ""));
        if (typed === "" && !marked.includes(CONTROL_MARK)) break;
        // An empty numbered paragraph shows no number in Hancom and does not count.
        const label = typed === "" ? null : numbers.label(pendingShape);
        const text = label === null ? typed : `${label} ${typed}`;
        const table = tables[tables.length - 1];
        const top = tables[0];
        const page = top === undefined ? pages.page : top.page + top.paging.cellPages;
        const block: BlockDraft =
          pendingHeading !== undefined ? { kind: "heading", level: pendingHeading, text, page } : { kind: "paragraph", text, page };
        const into = table !== undefined && table.cells.length > 0 ? table.cells[table.cells.length - 1]! : blocks;
        // A paragraph holding nothing but objects is a block only if one of them is an equation.
        if (typed !== "") into.push(block);
        if (marked.includes(CONTROL_MARK)) {
          controlled.set(record.level, { block, marked, label, controls: 0, equation: null, scripts: new Map(), into: typed === "" ? into : null });
        }
        if (record.level === 1 || cellOfTopTable(record.level) !== undefined) unplaced = block;
        measurable = typed !== "" && !marked.includes(CONTROL_MARK) ? { block, data: record.data, label, container: into } : null;
        break;
      }
      case TAG.EQEDIT: {
        const paragraph = controlled.get(record.level - 1);
        if (paragraph === undefined || paragraph.equation === null || record.data.length < 6) break;
        const [script] = lengthPrefixedString(record.data, 4);
        paragraph.scripts.set(paragraph.equation, equationText(script));
        paragraph.equation = null;
        let index = 0;
        const typed = collapseWhitespace(paragraph.marked.replaceAll(CONTROL_MARK, () => ` ${paragraph.scripts.get(index++) ?? ""} `));
        paragraph.block.text = paragraph.label === null ? typed : `${paragraph.label} ${typed}`;
        if (paragraph.into !== null && typed !== "") {
          paragraph.into.push(paragraph.block);
          paragraph.into = null;
        }
        break;
      }
      case TAG.PARA_LINE_SEG: {
        const table = cellOfTopTable(record.level);
        if (record.level !== 1 && table === undefined) break;
        const view = new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength);
        for (let offset = 0; offset + 36 <= record.data.length; offset += 36) {
          const position = view.getInt32(offset + 4, true);
          if (table === undefined) pages.line(position);
          else table.paging.cellLine(position, pages);
          if (offset === 0 && unplaced !== null) unplaced.page = table === undefined ? pages.page : table.page + table.paging.cellPages;
        }
        unplaced = null;
        if (measurable !== null) {
          // Each line's text runs from its start (a UTF-16 offset into PARA_TEXT) to the next line's.
          const starts: number[] = [];
          for (let offset = 0; offset + 36 <= record.data.length; offset += 36) starts.push(view.getUint32(offset, true));
          const { block, data, label, container } = measurable;
          const lines = starts.map((start, index) => {
            const text = paragraphText(data.subarray(Math.min(data.length, start * 2), Math.min(data.length, (starts[index + 1] ?? data.length) * 2)));
            return {
              text: index === 0 && label !== null ? `${label} ${text}` : text,
              textHeight: view.getInt32(index * 36 + 12, true),
              width: view.getInt32(index * 36 + 28, true),
            };
          });
          if (starts.every((start, index) => index === 0 || start >= starts[index - 1]!)) {
            handBroken.measure(block, container, lines, styles.bulletShapes.has(Number(pendingShape)));
          }
        }
        measurable = null;
        break;
      }
      case TAG.PAGE_DEF: {
        if (record.data.length < 40) break;
        const view = new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength);
        const landscape = (view.getUint32(36, true) & 1) !== 0;
        const margins = [16, 20, 24, 28].reduce((sum, offset) => sum + view.getUint32(offset, true), 0);
        pages.bodyHeight = view.getUint32(landscape ? 0 : 4, true) - margins;
        break;
      }
      case TAG.CTRL_HEADER: {
        const id = controlId(record.data);
        const paragraph = controlled.get(record.level);
        if (paragraph !== undefined) {
          paragraph.equation = id === "eqed" ? paragraph.controls : null;
          paragraph.controls++;
        }
        // A control nested in the table's caption (its auto-number) comes before the TABLE record: only a control at
        // the table's level or above ends the wait for it.
        if (id === "tbl ") {
          pendingTableLevel = record.level;
          pendingTablePage = pages.page;
          // Its common object properties: ctrl id, property, vertical and horizontal offset, width, height (offset 20).
          pendingTableHeight =
            record.data.length >= 24 ? new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength).getUint32(20, true) : 0;
        } else if (pendingTableLevel !== null && record.level <= pendingTableLevel) pendingTableLevel = null;
        const position = EDGE_CONTROLS[id];
        if (position !== undefined) edge = { level: record.level, position };
        if (id === "tcmt") hiddenComment = record.level;
        if (id === "fn  " || id === "en  ") note = record.level;
        // A column definition: the UINT16 property's bits 2–9 are the number of columns.
        if (id === "cold" && record.level === 1 && record.data.length >= 6) pages.setColumns(((record.data[4]! | (record.data[5]! << 8)) >>> 2) & 0xff);
        break;
      }
      case TAG.TABLE: {
        if (pendingTableLevel === null) break;
        const view = new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength);
        const rowCount = record.data.length >= 6 ? view.getUint16(4, true) : 0;
        const rowSizes: number[] = [];
        for (let row = 0; row < rowCount && 18 + row * 2 + 2 <= record.data.length; row++) rowSizes.push(view.getUint16(18 + row * 2, true));
        // A nested table's page is its cell's in the top-level table.
        const top = tables[0];
        const page = top === undefined ? pendingTablePage : top.page + top.paging.cellPages;
        tables.push({
          level: pendingTableLevel,
          page,
          height: pendingTableHeight,
          rowSizes,
          cells: [],
          paging: new TablePaging(),
          nextRowAt: 0,
          rowIndex: 0,
        });
        pendingTableLevel = null;
        break;
      }
      case TAG.LIST_HEADER: {
        const table = tables[tables.length - 1];
        if (table === undefined || record.level !== table.level + 1) break;
        // A new row starts on the page where the rows before it ended.
        if (table.cells.length === table.nextRowAt) {
          table.paging.startRow();
          table.nextRowAt += table.rowSizes[table.rowIndex++] ?? Number.POSITIVE_INFINITY;
        }
        table.paging.startCell();
        table.cells.push([]);
        break;
      }
    }
  }
  closeTablesAbove(0);
  return { blocks, furniture };
}

/** A control's four-letter id ("tbl ", "secd", "head"), stored as a little-endian UINT32. */
function controlId(data: Uint8Array): string {
  return data.length >= 4 ? String.fromCharCode(data[3]!, data[2]!, data[1]!, data[0]!) : "";
}
