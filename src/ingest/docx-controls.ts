/**
 * Word content controls (w:sdt) that still show their prompt. A template's controls hold a prompt until someone fills
 * them in ("[날짜 선택]" under a cover page's author, "[문서 요약을 입력하십시오.]", "Click or tap here to enter text.");
 * Word greys it out and marks the control w:showingPlcHdr, and prints nothing there. mammoth read the prompt as the
 * document's text, so it was indexed, quoted and could become the title. The prompt's text is dropped; the control's
 * paragraphs, cells and rows stay, so a table keeps its shape.
 */

const CONTROL_TAG = /<(\/?)w:sdt(?=[\s>])[^>]*>/g;
const PROMPT_TEXT = /<w:t(?=[\s>])[^>]*>[^<]*<\/w:t>|<w:t(?=[\s>])[^>]*\/>/g;

/** document.xml without the text of the content controls that show their prompt (the same string when there is none). */
export function dropControlPrompts(documentXml: string): string {
  if (!documentXml.includes("showingPlcHdr")) return documentXml;
  // Each control's start and end, matched by depth (controls nest: a cover page's table holds the date's control).
  const spans: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (const tag of documentXml.matchAll(CONTROL_TAG)) {
    if (tag[1] === "") open.push(tag.index);
    else if (open.length > 0) {
      const start = open.pop()!;
      const end = tag.index + tag[0].length;
      const propertiesEnd = documentXml.indexOf("</w:sdtPr>", start);
      if (propertiesEnd >= 0 && propertiesEnd < end && /<w:showingPlcHdr\b(?![^>]*\bw:val="(?:0|false)")[^>]*\/?>/.test(documentXml.slice(start, propertiesEnd))) {
        spans.push({ start, end });
      }
    }
  }
  if (spans.length === 0) return documentXml;
  // Outermost first; a prompt inside a dropped one is already gone.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let from = 0;
  for (const { start, end } of spans) {
    if (start < from) continue;
    const contentStart = documentXml.indexOf("<w:sdtContent", start);
    const body = contentStart >= 0 && contentStart < end ? contentStart : end;
    out += documentXml.slice(from, body) + documentXml.slice(body, end).replace(PROMPT_TEXT, "");
    from = end;
  }
  return out + documentXml.slice(from);
}
