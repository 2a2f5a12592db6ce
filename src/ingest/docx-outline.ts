import { currentProperties, PARAGRAPH_START } from "./docx-paragraphs.ts";

/**
 * Outline levels set on a paragraph itself (Word's Paragraph ▸ Outline level) rather than through its style. Korean
 * public-sector templates (data.go.kr's "Open API 활용가이드") title their sections "1. 서비스 명세", "가. API 서비스
 * 개요" this way in the body style, and Word shows them in its navigation pane and table of contents like any
 * heading; mammoth reads only styles, so they came out as body paragraphs and every later section sat under the last
 * styled heading. Each such paragraph gets a style id of ours that the style map turns into h1–h6. Level 9 is Word's
 * "Body Text" and changes nothing.
 */

const OUTLINE_STYLE = "JikjiOutlineLevel";

/** mammoth style-map rules for the style ids `markOutlineLevels` gives: outline level 0 → h1 … 5 and below → h6. */
export const OUTLINE_LEVEL_STYLE_MAP = Array.from({ length: 9 }, (_, level) => `p.${OUTLINE_STYLE}${level} => h${Math.min(6, level + 1)}:fresh`);

/** document.xml with each paragraph that has its own outline level 0–8 styled for `OUTLINE_LEVEL_STYLE_MAP`. */
export function markOutlineLevels(documentXml: string): string {
  return documentXml.replace(PARAGRAPH_START, (start: string, properties: string | undefined) => {
    if (properties === undefined) return start;
    const current = currentProperties(properties);
    const level = /<w:outlineLvl\b[^>]*\bw:val="([0-8])"/.exec(current)?.[1];
    if (level === undefined) return start;
    const paragraphTag = start.slice(0, start.length - properties.length);
    return `${paragraphTag}${current.replace(/<w:pStyle\b[^>]*\/>/, "").replace("<w:pPr>", `<w:pPr><w:pStyle w:val="${OUTLINE_STYLE}${level}"/>`)}`;
  });
}
