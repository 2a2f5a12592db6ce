// The source viewer: the cited document beside the answer, at the cited place, with the quote highlighted.
// PDFs are drawn by pdf.js (served by jikji); other formats show their extracted text. Document text is only ever
// inserted with textContent or as text nodes, never as HTML.

import { request, responseError } from "/workspace/i18n.js";

let pdfjs = null;
async function loadPdfjs() {
  if (!pdfjs) {
    pdfjs = await import("/workspace/vendor/pdf.min.mjs");
    pdfjs.GlobalWorkerOptions.workerSrc = "/workspace/vendor/pdf.worker.min.mjs";
  }
  return pdfjs;
}

const squeeze = (text) => text.replace(/\s+/g, "");

/** Indexes (into `pieces`) of the pieces that, joined, contain the quote (spacing ignored); empty when absent. */
export function piecesCovering(pieces, quote) {
  const wanted = squeeze(quote);
  if (wanted === "") return [];
  let joined = "";
  const owner = [];
  pieces.forEach((piece, i) => {
    const text = squeeze(piece);
    joined += text;
    for (let k = 0; k < text.length; k++) owner.push(i);
  });
  // A long quote may cross a page break: its head is enough to place it.
  for (const probe of [wanted, wanted.slice(0, 60), wanted.slice(0, 25)]) {
    if (probe.length < 2) continue;
    const at = joined.indexOf(probe);
    if (at >= 0) return [...new Set(owner.slice(at, at + probe.length))];
  }
  return [];
}

/** Appends `text` to `parent` with the first occurrence of `quote` (spacing ignored) wrapped in <mark>. */
export function appendMarked(parent, text, quote) {
  const wanted = squeeze(quote ?? "");
  if (wanted.length >= 2) {
    // Map positions in the squeezed text back to the original text.
    const positions = [];
    for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i])) positions.push(i);
    const squeezed = squeeze(text);
    let probe = wanted;
    let at = squeezed.indexOf(probe);
    if (at < 0) { probe = wanted.slice(0, 25); at = probe.length >= 2 ? squeezed.indexOf(probe) : -1; }
    if (at >= 0) {
      const start = positions[at];
      const end = positions[at + probe.length - 1] + 1;
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      parent.append(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
      return mark;
    }
  }
  parent.append(document.createTextNode(text));
  return null;
}

/** The hash that reopens the viewer at a citation (never sent to the server). */
export function linkFor(citation) {
  const params = new URLSearchParams({ doc: citation.documentId });
  for (const key of ["chunkId", "page", "source", "section", "quote"]) {
    if (citation[key] !== null && citation[key] !== undefined && citation[key] !== "") params.set(key, String(citation[key]));
  }
  return params.toString();
}

/** The citation a shared link names, or null. */
export function citationFromLink(hash) {
  if (!hash.startsWith("#doc=")) return null;
  const params = new URLSearchParams(hash.slice(1));
  const page = Number(params.get("page"));
  return {
    documentId: params.get("doc"),
    chunkId: params.get("chunkId"),
    page: Number.isInteger(page) && page > 0 ? page : null,
    source: params.get("source") ?? "",
    section: params.get("section") ?? "",
    quote: params.get("quote") ?? "",
  };
}

export function createViewer({ T, authHeaders, onClose }) {
  const pane = document.getElementById("viewer");
  const body = document.getElementById("viewerBody");
  const title = document.getElementById("viewerTitle");
  const where = document.getElementById("viewerWhere");
  const pager = document.getElementById("pager");
  const pageLabel = document.getElementById("pageLabel");
  let state = null;

  document.getElementById("viewerClose").addEventListener("click", close);
  document.getElementById("prevPage").addEventListener("click", () => state?.pdf && showPdfPage(state.page - 1));
  document.getElementById("nextPage").addEventListener("click", () => state?.pdf && showPdfPage(state.page + 1));
  pane.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
    if (state?.pdf && event.key === "PageDown") showPdfPage(state.page + 1);
    if (state?.pdf && event.key === "PageUp") showPdfPage(state.page - 1);
  });

  function close() {
    pane.hidden = true;
    if (location.hash.startsWith("#doc=")) history.replaceState(null, "", location.pathname + location.search);
    state = null;
    body.replaceChildren();
    onClose?.();
  }

  async function get(url) {
    const res = await request(T, url, { headers: authHeaders() });
    if (!res.ok) throw Object.assign(await responseError(T, res), { status: res.status });
    return res;
  }

  function describe(citation, page) {
    const parts = [citation.source];
    if (page !== null && page !== undefined) parts.push(T.page(page));
    if (citation.section) parts.push(citation.section);
    return parts.join(" · ");
  }

  async function showPdfPage(number) {
    const { pdf, quote } = state;
    if (number < 1 || number > pdf.numPages) return;
    state.page = number;
    const page = await pdf.getPage(number);
    const base = page.getViewport({ scale: 1 });
    const scale = Math.min(2, Math.max(0.6, (body.clientWidth || 600) / base.width));
    const viewport = page.getViewport({ scale });
    const canvas = document.createElement("canvas");
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", T.pageOf(number, pdf.numPages));
    const wrap = document.createElement("div");
    wrap.className = "page-wrap";
    wrap.dataset.page = String(number);
    wrap.append(canvas);
    body.replaceChildren(wrap);
    await page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
    pageLabel.textContent = T.pageOf(number, pdf.numPages);
    where.textContent = describe(state.citation, number);
    const content = await page.getTextContent();
    const items = content.items.filter((item) => typeof item.str === "string");
    const hits = number === state.citedPage ? piecesCovering(items.map((item) => item.str), quote) : [];
    const ratio = canvas.clientWidth ? canvas.clientWidth / canvas.width : 1;
    for (const i of hits) {
      const item = items[i];
      const m = pdfjs.Util.transform(viewport.transform, item.transform);
      const height = Math.hypot(m[2], m[3]);
      const box = document.createElement("div");
      box.className = "hl";
      box.style.left = `${m[4] * ratio}px`;
      box.style.top = `${(m[5] - height) * ratio}px`;
      box.style.width = `${item.width * scale * ratio}px`;
      box.style.height = `${height * 1.15 * ratio}px`;
      box.dataset.text = item.str;
      wrap.append(box);
    }
    wrap.dataset.highlights = String(hits.length);
    // A scanned page has no text layer to highlight: its OCR text (what was indexed and quoted) goes beside it.
    body.classList.toggle("scan", false);
    if (!items.some((item) => item.str.trim() !== "")) showOcrText(number);
    // Drawn, labelled and highlighted: what a test (or a screen reader's live region) may now rely on.
    wrap.dataset.ready = "true";
  }

  /** The OCR text of a scanned PDF page, from the chunks on that page, with the quote marked on the cited page. */
  function showOcrText(number) {
    const onPage = (state.chunks ?? []).filter((chunk) => chunk.pageStart !== null && chunk.pageStart <= number && (chunk.pageEnd ?? chunk.pageStart) >= number);
    if (onPage.length === 0) return;
    const box = document.createElement("section");
    box.className = "ocr-text";
    box.dataset.page = String(number);
    box.setAttribute("aria-label", T.ocrText);
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = T.ocrText;
    box.append(note);
    let marked = 0;
    for (const chunk of onPage) {
      const p = document.createElement("p");
      p.dataset.chunk = chunk.id;
      const cited = number === state.citedPage && chunk.id === state.citation.chunkId;
      if (cited && appendMarked(p, chunk.text, state.quote)) marked++;
      else if (!cited) p.append(document.createTextNode(chunk.text));
      box.append(p);
    }
    box.dataset.highlights = String(marked);
    body.classList.add("scan");
    // First, so that on a narrow viewer the marked quote is in view without scrolling past the page image.
    body.prepend(box);
  }

  async function showText(citation, chunks, note) {
    const container = document.createElement("div");
    container.className = "extract";
    if (note) { const p = document.createElement("p"); p.className = "muted"; p.textContent = note; container.append(p); }
    let lastSection = null;
    let target = null;
    for (const chunk of chunks) {
      if (chunk.section && chunk.section !== lastSection) {
        const heading = document.createElement("div");
        heading.className = "section";
        heading.textContent = chunk.section;
        container.append(heading);
        lastSection = chunk.section;
      }
      const p = document.createElement("p");
      p.dataset.chunk = chunk.id;
      if (chunk.pageStart !== null) p.title = T.page(chunk.pageStart);
      const cited = chunk.id === citation.chunkId;
      if (cited) { p.classList.add("cited"); target = appendMarked(p, chunk.text, citation.quote) ?? p; }
      else p.append(document.createTextNode(chunk.text));
      container.append(p);
    }
    body.replaceChildren(container);
    pager.hidden = true;
    where.textContent = describe(citation, citation.page);
    target?.scrollIntoView({ block: "center" });
  }

  /** Opens `citation` ({documentId, chunkId, source, page, section, quote}). */
  async function open(citation) {
    pane.hidden = false;
    title.textContent = citation.source;
    where.textContent = describe(citation, citation.page);
    body.replaceChildren();
    state = { citation, quote: citation.quote, citedPage: citation.page, pdf: null, page: citation.page ?? 1 };
    // The address now names this place, so it can be shared; whoever opens it signs in first.
    history.replaceState(null, "", location.pathname + location.search + "#" + linkFor(citation));
    const current = state;
    try {
      const { document: info, chunks } = await (await get(`/v1/documents/${citation.documentId}/chunks`)).json();
      if (state !== current) return;
      title.textContent = info.title || info.source;
      state.chunks = chunks;
      if (info.mediaType === "application/pdf") {
        let bytes = null;
        try {
          bytes = new Uint8Array(await (await get(`/v1/documents/${citation.documentId}/original`)).arrayBuffer());
        } catch (error) {
          if (error.status !== 404) throw error;
        }
        if (bytes) {
          const lib = await loadPdfjs();
          state.pdf = await lib.getDocument({ data: bytes, isEvalSupported: false }).promise;
          pager.hidden = false;
          await showPdfPage(Math.min(Math.max(1, citation.page ?? 1), state.pdf.numPages));
          body.focus({ preventScroll: true });
          return;
        }
        return showText(citation, chunks, T.noOriginal);
      }
      await showText(citation, chunks, null);
      body.focus({ preventScroll: true });
    } catch (error) {
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = error.message;
      body.replaceChildren(p);
    }
  }

  return { open, close };
}
