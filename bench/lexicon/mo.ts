/**
 * A reader of GNU gettext's binary message catalogues (`.mo`), as `msgfmt` writes them: a header of seven 32-bit
 * words in the file's byte order (magic 0x950412de), then two tables of (length, offset) pairs, the original strings
 * and their translations, each string UTF-8 and NUL-terminated. A key may carry a context (`ctxt\x04msgid`) and a
 * plural (`msgid\0msgid_plural`, with the translation's forms NUL-separated). Used by bench/build-lexicon.ts.
 */

export interface Message {
  /** msgctxt, or null. */
  context: string | null;
  /** The English original (msgid). */
  id: string;
  /** msgid_plural, or null. */
  plural: string | null;
  /** The translation's forms (one unless a plural). */
  translations: string[];
}

export class MoFormatError extends Error {
  override readonly name = "MoFormatError";
}

const MAGIC = 0x950412de;
const HEADER_BYTES = 28;

/** The messages of a catalogue, the header entry (empty msgid) left out, in the file's order. */
export function readMo(bytes: Uint8Array, source = "catalogue"): Message[] {
  if (bytes.length < HEADER_BYTES) throw new MoFormatError(`${source}: ${bytes.length} bytes, too short for a .mo header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let little: boolean;
  if (view.getUint32(0, true) === MAGIC) little = true;
  else if (view.getUint32(0, false) === MAGIC) little = false;
  else throw new MoFormatError(`${source}: not a .mo file (magic 0x${view.getUint32(0, true).toString(16)})`);
  const word = (at: number) => view.getUint32(at, little);
  const revision = word(4);
  if (revision >>> 16 > 1) throw new MoFormatError(`${source}: unknown major revision ${revision >>> 16}`);
  const count = word(8);
  const originals = word(12);
  const translations = word(16);
  if (originals + count * 8 > bytes.length || translations + count * 8 > bytes.length) {
    throw new MoFormatError(`${source}: string tables run past the end of the file (${count} messages)`);
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const stringAt = (table: number, index: number): string => {
    const length = word(table + index * 8);
    const offset = word(table + index * 8 + 4);
    if (offset + length > bytes.length) throw new MoFormatError(`${source}: message ${index} runs past the end of the file`);
    try {
      return decoder.decode(bytes.subarray(offset, offset + length));
    } catch (error) {
      throw new MoFormatError(`${source}: message ${index} is not UTF-8`, { cause: error });
    }
  };

  const messages: Message[] = [];
  for (let i = 0; i < count; i++) {
    const key = stringAt(originals, i);
    if (key === "") continue;
    const separator = key.indexOf("\x04");
    const context = separator < 0 ? null : key.slice(0, separator);
    const [id, plural] = (separator < 0 ? key : key.slice(separator + 1)).split("\0");
    messages.push({ context, id: id!, plural: plural ?? null, translations: stringAt(translations, i).split("\0") });
  }
  return messages;
}
