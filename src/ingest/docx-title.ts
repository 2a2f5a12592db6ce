import { startsKoreanArticle } from "./clauses.ts";
import { numberedHeadingLevel } from "./structure.ts";
import { decodeXmlEntities } from "./xml-entities.ts";

/**
 * A Word document's title. mammoth's HTML has none, and its first h1 was taken: "제1장 총칙" for a Google Docs 취업규칙
 * whose cover reads "취 업   규 칙" in 36 pt, "0. 개요" for a docx.js proposal, nothing for a plan whose first line
 * is its title in 22 pt over 11 pt text. In order: the opening paragraph when it is set clearly larger than the body
 * text; the title set in the document's properties (docProps/core.xml), which a template often carries over from
 * another document ("변경전", the company's name over its 재해복구지침); the first h1 when it is not a numbered section
 * ("1. …", "제1장 …", "제1조 …"); else none. A candidate without words (a date, a year) is passed over.
 */
export function docxTitle(coreXml: string | null, documentXml: string | null, stylesXml: string | null, firstHeading: string | null): string | null {
  return (
    named(documentXml === null ? null : sizedOpeningTitle(documentXml, stylesXml ?? "")) ??
    named(propertiesTitle(coreXml)) ??
    named(firstHeading !== null && !isNumberedSection(firstHeading) ? firstHeading : null)
  );
}

/** A title names something in words: a 회의록's first date ("7/18") or a year set large is no title. */
function named(title: string | null): string | null {
  return title !== null && (title.match(/\p{L}/gu)?.length ?? 0) >= 2 ? title : null;
}

/** A title is this many times the body text's size at least (Word's Title 28 pt and Heading 1 16 pt over 11 pt). */
const TITLE_SIZE_RATIO = 1.4;
/** How far into the body the opening lines may be: a cover leaves blank lines above its title. */
const OPENING_PARAGRAPHS = 20;
/** How many lines with text open the document, the title among them. */
const OPENING_LINES = 3;

function propertiesTitle(coreXml: string | null): string | null {
  if (coreXml === null) return null;
  const title = decodeXmlEntities(/<dc:title\b[^>]*>([\s\S]*?)<\/dc:title>/.exec(coreXml)?.[1] ?? "").replace(/\s+/g, " ").trim();
  // A template's file name left in its properties ("NICE그룹_공문서_01_240311") names no document.
  return title === "" || /^\S*_\S*$/.test(title) ? null : title;
}

/**
 * The largest of the first `OPENING_LINES` paragraphs with text before any table, when it is set at `TITLE_SIZE_RATIO`
 * times the body text's size or more (its runs' own size, else its style's, else the body's), is short and names no
 * numbered section, with the lines after it set at its size. A form's title may follow the issuing office's line
 * ("NICE평가정보 경영관리본부 기획실").
 */
function sizedOpeningTitle(documentXml: string, stylesXml: string): string | null {
  const bodyStart = documentXml.indexOf("<w:body>");
  if (bodyStart < 0) return null;
  const sizes = styleSizes(stylesXml);
  const bodySize = sizes.defaultParagraph ?? 20;
  const opening: { text: string; size: number }[] = [];
  let seen = 0;
  for (const [paragraph] of documentXml.slice(bodyStart).matchAll(/<w:(?:p|tbl)\b[^>]*?(?:\/>|>[\s\S]*?<\/w:(?:p|tbl)>)/g)) {
    // A table, a text box or a drawing's own paragraphs end the opening lines.
    if (paragraph.startsWith("<w:tbl") || paragraph.includes("<w:txbxContent") || ++seen > OPENING_PARAGRAPHS) break;
    const allRuns = [...paragraph.matchAll(/<w:r\b[^>]*>([\s\S]*?)<\/w:r>/g)];
    const runs = allRuns.filter(([, run]) => /<w:t\b/.test(run!));
    // A tab or a line break between a title's words parts them ("Phase 3", tabs, "User manual" on a Google Docs cover).
    const text = decodeXmlEntities(allRuns.map(([, run]) => [...run!.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:(?:tab|br|cr)\b[^>]*\/>/g)].map((t) => t[1] ?? " ").join("")).join(""))
      .replace(/\s+/g, " ")
      .trim();
    if (text === "") continue;
    const paragraphStyle = /<w:pStyle\b[^>]*\bw:val="([^"]*)"/.exec(paragraph)?.[1];
    const paragraphSize = (paragraphStyle === undefined ? undefined : sizes.of(paragraphStyle)) ?? bodySize;
    const size = Math.max(
      ...runs.map(([, run]) => {
        const own = /<w:rPr>[\s\S]*?<w:sz\b[^>]*\bw:val="(\d+)"[\s\S]*?<\/w:rPr>/.exec(run!)?.[1];
        const runStyle = /<w:rStyle\b[^>]*\bw:val="([^"]*)"/.exec(run!)?.[1];
        return own !== undefined ? Number(own) : ((runStyle === undefined ? undefined : sizes.of(runStyle)) ?? paragraphSize);
      }),
    );
    opening.push({ text, size });
    if (opening.length === OPENING_LINES) break;
  }
  if (opening.length === 0) return null;
  const size = Math.max(...opening.map((line) => line.size));
  const first = opening.findIndex((line) => line.size === size);
  // A title set over two lines ("금융소비자 보호에" / "관한 내부통제규정") is one title.
  let end = first + 1;
  while (end < opening.length && opening[end]!.size === size) end++;
  const title = opening.slice(first, end).map((line) => line.text).join(" ");
  return size >= bodySize * TITLE_SIZE_RATIO && title.length <= 100 && !isNumberedSection(title) ? title : null;
}

/** Each style's font size (half-points), its own or inherited through w:basedOn, and the default paragraph style's. */
function styleSizes(stylesXml: string): { defaultParagraph: number | null; of: (id: string) => number | undefined } {
  const styles = new Map<string, { size: number | null; basedOn: string | null }>();
  let defaultParagraph: string | null = null;
  for (const [, attributes, body] of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = /\bw:styleId="([^"]*)"/.exec(attributes!)?.[1];
    if (id === undefined) continue;
    if (/\bw:type="paragraph"/.test(attributes!) && /\bw:default="(?:1|true)"/.test(attributes!)) defaultParagraph = id;
    const size = /<w:rPr>[\s\S]*?<w:sz\b[^>]*\bw:val="(\d+)"[\s\S]*?<\/w:rPr>/.exec(body!)?.[1];
    styles.set(id, { size: size === undefined ? null : Number(size), basedOn: /<w:basedOn\b[^>]*\bw:val="([^"]*)"/.exec(body!)?.[1] ?? null });
  }
  const documentDefault = /<w:rPrDefault>[\s\S]*?<w:sz\b[^>]*\bw:val="(\d+)"[\s\S]*?<\/w:rPrDefault>/.exec(stylesXml)?.[1];
  const of = (start: string): number | undefined => {
    const seen = new Set<string>();
    for (let id: string | null = start; id !== null && !seen.has(id); ) {
      seen.add(id);
      const style = styles.get(id);
      if (style === undefined) break;
      if (style.size !== null) return style.size;
      id = style.basedOn;
    }
    return documentDefault === undefined ? undefined : Number(documentDefault);
  };
  return { defaultParagraph: (defaultParagraph === null ? undefined : of(defaultParagraph)) ?? (documentDefault === undefined ? null : Number(documentDefault)), of };
}

/** "1. 파일 명명 규칙", "0. 개요", "제1장 총칙", "제1조(목적)": a section of the document, not its name. */
function isNumberedSection(text: string): boolean {
  return startsKoreanArticle(text) || numberedHeadingLevel(text, 1) !== null || /^\d{1,2}(?:\.\d{1,2})*\.?\s/.test(text.trim());
}
