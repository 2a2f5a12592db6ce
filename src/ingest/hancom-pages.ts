import type { BlockDraft } from "./build-document.ts";

/**
 * Pages as Hancom laid them out when it saved the file, for HWP 5 and HWPX alike. Neither stores page breaks, but
 * both store every line's vertical position on its page (HWP PARA_LINE_SEG, HWPX hp:lineseg vertpos; HWPUNIT from
 * the top of the body), so a body line placed higher than the body line before it starts a new page (or the next
 * column of a multi-column section). A table is one line of its anchor paragraph,
 * as tall as the table: one taller than what is left of the page runs on over the next pages, and the lines after it
 * are compared with where it ends. Lines of cells, headers, footers, notes and text boxes are not body lines.
 */
export class PageCounter {
  page = 1;
  /** True once a line sits below the top of the body or a table is placed: a file without a saved layout has none. */
  laidOut = false;
  /** The paper height less its margins (HWP PAGE_DEF, HWPX hp:pagePr and hp:margin); null before one is read. */
  bodyHeight: number | null = null;
  columns = 1;
  private column = 0;
  private previous: number | null = null;

  line(position: number): void {
    if (this.previous !== null && position < this.previous) {
      // A page break ends the page whatever column it is in.
      this.column++;
      if (this.column >= this.columns) {
        this.page++;
        this.column = 0;
      }
    }
    this.previous = position;
    if (position > 0) this.laidOut = true;
  }

  /** A paragraph that starts with a page break (its header's break bit 2): its first line is on a new page. */
  pageBreak(): void {
    if (this.previous !== null) this.previous = Number.POSITIVE_INFINITY;
    this.column = this.columns - 1;
  }

  /**
   * A table whose cells ran on over `extra` more pages (their lines started again at the top): the body goes on on
   * its last page, below the last cell line.
   */
  tableRanOn(extra: number, lastPosition: number): void {
    this.page += extra;
    this.previous = lastPosition;
  }

  /** A table anchored on the last line, `height` tall. Its end is an estimate, so a line a little above it is no new page. */
  object(height: number): void {
    if (this.bodyHeight === null || this.bodyHeight <= 0 || this.previous === null || this.columns > 1) return;
    if (height > 0) this.laidOut = true;
    // A twentieth of the body's height for the table's outer margins: a table that overruns its page by a hair (a form
    // drawn to the full page) still fits, and a line just above the estimated end is no new page.
    const bottom = Math.max(0, this.previous + height - this.bodyHeight / 20);
    this.page += Math.floor(bottom / this.bodyHeight);
    this.previous = bottom % this.bodyHeight;
  }

  /**
   * The document's page count, or null when the writer saved no layout (no line positions, or every line at the top
   * of the page): then every block's page is unknown too.
   */
  finish(drafts: readonly BlockDraft[]): number | null {
    if (this.laidOut) return this.page;
    for (const draft of drafts) draft.page = null;
    return null;
  }

  setColumns(count: number): void {
    this.columns = Math.max(1, count);
    this.column = 0;
  }
}


/**
 * Paging inside a top-level table, HWP 5 and HWPX alike: a cell's line placed higher than the line before it in the
 * same cell is on the cell's next page, a row starts on the page where the rows before it ended, and the table ends
 * on the page of its longest last row.
 */
export class TablePaging {
  /** The last cell line's position: where the body goes on below a table that ran over pages. */
  lastPosition = 0;
  /** Pages the finished rows ran on over. */
  private rowsExtra = 0;
  /** The most pages any cell of the open row has run on over. */
  private rowExtra = 0;
  /** Pages the open cell has run on over, past its row's first page. */
  private cellExtra = 0;
  private cellPrevious: number | null = null;

  /** A line of the open cell, placed `position` below the top of its cell's page. */
  cellLine(position: number, pages: PageCounter): void {
    if (this.cellPrevious !== null && position < this.cellPrevious) {
      this.cellExtra++;
      this.rowExtra = Math.max(this.rowExtra, this.cellExtra);
    }
    this.cellPrevious = position;
    this.lastPosition = position;
    if (position > 0) pages.laidOut = true;
  }

  startRow(): void {
    this.rowsExtra += this.rowExtra;
    this.rowExtra = 0;
  }

  startCell(): void {
    this.cellExtra = 0;
    this.cellPrevious = null;
  }

  /** Pages past the table's first on which the open cell's current line stands. */
  get cellPages(): number {
    return this.rowsExtra + this.cellExtra;
  }

  /** Pages past its first that the whole table ran on over, its open row included. */
  get ranOver(): number {
    return this.rowsExtra + this.rowExtra;
  }
}
