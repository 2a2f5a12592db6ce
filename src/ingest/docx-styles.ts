/**
 * Heading styles mammoth does not know. mammoth turns Word's built-in "Heading 1"–"Heading 6" into h1–h6 and every
 * other paragraph style into <p>, while a company template's own heading styles ("Heading 2 Numbered", "Appendix
 * Title", "heading 2 invisible num") carry their level as an outline level, set on the style or inherited from the
 * heading style it is based on. Their titles came out as body paragraphs: no section path under them, and the
 * section above swallowed theirs. This reads styles.xml and maps each such style to h1–h6 by its outline level.
 */
import { decodeXmlEntities } from "./xml-entities.ts";

/** Built-in names mammoth already maps (by name or by id), and Word's "heading 7"–"heading 9", mapped here too. */
const MAMMOTH_HEADING_NAME = /^(?:heading [1-6]|heading)$/i;
/** Word's "toc 1"…, "index 1"…: levels of generated tables, never section titles, whatever they inherit. */
const GENERATED_NAME = /^(?:toc|index|table of figures)\b/i;

interface ParagraphStyle {
  name: string | null;
  basedOn: string | null;
  /** w:outlineLvl set on the style itself: 0 for a top-level heading, 9 for body text. */
  outlineLevel: number | null;
}

/** mammoth style-map rules ("p[style-name='Appendix Title'] => h1:fresh") for styles.xml's own heading styles. */
export function outlineHeadingStyleMap(stylesXml: string): string[] {
  const styles = new Map<string, ParagraphStyle>();
  for (const [, attributes, body] of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    if (!/\bw:type="paragraph"/.test(attributes!)) continue;
    const id = /\bw:styleId="([^"]*)"/.exec(attributes!)?.[1];
    if (id === undefined) continue;
    const outline = /<w:outlineLvl\b[^>]*\bw:val="(\d+)"/.exec(body!)?.[1];
    styles.set(id, {
      name: /<w:name\b[^>]*\bw:val="([^"]*)"/.exec(body!)?.[1] ?? null,
      basedOn: /<w:basedOn\b[^>]*\bw:val="([^"]*)"/.exec(body!)?.[1] ?? null,
      outlineLevel: outline === undefined ? null : Number(outline),
    });
  }
  const levelOf = (start: string): number | null => {
    const seen = new Set<string>();
    for (let id: string | null = start; id !== null && !seen.has(id); ) {
      seen.add(id);
      const style = styles.get(id);
      if (style === undefined) return null;
      if (style.outlineLevel !== null) return style.outlineLevel;
      id = style.basedOn;
    }
    return null;
  };
  const rules: string[] = [];
  for (const [id, style] of styles) {
    const name = decodeXmlEntities(style.name ?? "");
    if (name === "" || MAMMOTH_HEADING_NAME.test(name) || GENERATED_NAME.test(name) || /^(?:title|heading[1-6]?)$/i.test(id)) continue;
    const level = levelOf(id);
    if (level === null || level > 8) continue;
    rules.push(`p[style-name='${name.replace(/[\\']/g, "\\$&")}'] => h${Math.min(6, level + 1)}:fresh`);
  }
  return rules;
}
