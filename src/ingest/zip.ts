import { crc32, inflateRawSync } from "node:zlib";
import { DocumentUnreadableError, PayloadTooLargeError, errorMessage } from "../errors.ts";

/** What a ZIP's central directory says about one entry, before anything is decompressed. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused when the entry is read. */
  method: number;
  compressedSize: number;
  /** As declared; `readZipEntry` never produces more than this. */
  size: number;
  localHeaderOffset: number;
}

/** Bounds applied to the central directory before any entry is decompressed. */
export interface ZipLimits {
  /** Sum of the declared sizes of all entries. */
  maxDecompressedBytes: number;
  maxEntries: number;
  /** Largest allowed size / compressedSize for an entry bigger than `RATIO_FLOOR_BYTES`. */
  maxCompressionRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxDecompressedBytes: 512 * 1024 * 1024,
  maxEntries: 10_000,
  maxCompressionRatio: 200,
};

/** Small entries (XML full of repeated tags) legitimately compress very well; only big ones are judged by ratio. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

const MB = 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/**
 * Reads a ZIP's central directory: find the end-of-central-directory record (in the last 22 + up to 65,535
 * comment bytes), then walk the fixed-size headers it points at. ZIP64 archives are refused: no document format
 * jikji reads needs entries over 4 GB, and their markers are a common way to hide a bomb's real size.
 */
export function readZipDirectory(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const unreadable = (problem: string) => new DocumentUnreadableError(`${fileName} looks like a ZIP archive but ${problem}`);
  const endRecordSize = 22;
  const earliest = Math.max(0, bytes.length - endRecordSize - 0xffff);
  let endRecord = -1;
  for (let i = bytes.length - endRecordSize; i >= earliest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      endRecord = i;
      break;
    }
  }
  if (endRecord === -1) throw unreadable("its central directory is missing (truncated or corrupt file)");

  const entryCount = view.getUint16(endRecord + 10, true);
  let position = view.getUint32(endRecord + 16, true);
  if (entryCount === 0xffff || position === 0xffffffff) throw unreadable("it is a ZIP64 archive, which jikji does not read");
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder("utf-8");
  for (let entry = 0; entry < entryCount; entry++) {
    if (position + 46 > bytes.length || view.getUint32(position, true) !== 0x02014b50) {
      throw unreadable(`its central directory is corrupt at entry ${entry + 1} of ${entryCount}`);
    }
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    entries.push({
      // The format's separator is "/"; Windows tools (.NET Framework's ZipFile before 4.6.1) wrote a backslash, so an HWPX
      // they re-zipped named its parts "Contents\section0.xml" and was no HWPX at all. No entry name needs a backslash.
      name: decoder.decode(bytes.subarray(position + 46, position + 46 + nameLength)).replaceAll("\\", "/"),
      method: view.getUint16(position + 10, true),
      compressedSize: view.getUint32(position + 20, true),
      size: view.getUint32(position + 24, true),
      localHeaderOffset: view.getUint32(position + 42, true),
    });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses an archive whose directory promises more than the limits allow: too many entries, too much data in
 * total, or an entry that inflates suspiciously far (a zip bomb's signature). Runs before any decompression.
 * `inflated` says which entries the reader will decompress: only those are judged by ratio, since a flat-coloured
 * bitmap the reader never opens (an HWPX's BinData/image3.bmp, 6.2 MB deflated to 8.7 KB) compresses as a bomb does.
 */
export function checkZipDirectory(
  entries: readonly ZipEntry[],
  fileName: string,
  limits: ZipLimits,
  inflated: (entry: ZipEntry) => boolean = () => true,
): void {
  if (entries.length > limits.maxEntries) {
    throw new PayloadTooLargeError(`${fileName} has ${entries.length} archive entries, over the limit of ${limits.maxEntries}`);
  }
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total > limits.maxDecompressedBytes) {
    throw new PayloadTooLargeError(
      `${fileName} would decompress to ${(total / MB).toFixed(1)} MB, over the limit of ` +
        `${(limits.maxDecompressedBytes / MB).toFixed(0)} MB (JIKJI_MAX_DECOMPRESSED_MB)`,
    );
  }
  for (const entry of entries) {
    if (entry.size > RATIO_FLOOR_BYTES && entry.size > entry.compressedSize * limits.maxCompressionRatio && inflated(entry)) {
      throw new PayloadTooLargeError(
        `${fileName} looks like a zip bomb: entry ${entry.name} inflates ${Math.round(entry.size / Math.max(1, entry.compressedSize))}:1 ` +
          `(${(entry.size / MB).toFixed(1)} MB), over the ratio limit of ${limits.maxCompressionRatio}:1`,
      );
    }
  }
}

/**
 * Decompresses one entry, never producing more than its declared size: an archive that lies about a size
 * fails here instead of filling memory.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, fileName: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
    throw new DocumentUnreadableError(`${fileName}: archive entry ${entry.name} is missing or corrupt`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw new DocumentUnreadableError(`${fileName}: archive entry ${entry.name} is truncated`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new DocumentUnreadableError(`${fileName}: archive entry ${entry.name} is corrupt`);
    return data;
  }
  if (entry.method !== 8) {
    throw new DocumentUnreadableError(`${fileName}: archive entry ${entry.name} uses compression method ${entry.method}, which jikji does not read`);
  }
  let inflated: Buffer;
  try {
    // One byte of headroom tells "exactly the declared size" from "more than declared".
    inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size + 1) });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new PayloadTooLargeError(`${fileName}: archive entry ${entry.name} inflates past its declared ${entry.size} bytes (a zip bomb)`);
    }
    throw new DocumentUnreadableError(`${fileName}: archive entry ${entry.name} could not be decompressed (${errorMessage(error)})`, { cause: error });
  }
  if (inflated.length !== entry.size) {
    const problem = inflated.length > entry.size ? "inflates past its declared size (a zip bomb)" : "is shorter than declared (corrupt)";
    const ErrorClass = inflated.length > entry.size ? PayloadTooLargeError : DocumentUnreadableError;
    throw new ErrorClass(`${fileName}: archive entry ${entry.name} ${problem}`);
  }
  return inflated;
}

/**
 * Checks the directory, then inflates every entry within its declared size, so the sizes are known to be honest.
 * `read` says which entries are read for their content (`checkZipDirectory`'s `inflated`): only those are judged by
 * ratio; the others are still inflated here within their declared sizes, all under the total limit.
 */
export function verifyZip(bytes: Uint8Array, fileName: string, limits: ZipLimits, read?: (entry: ZipEntry) => boolean): ZipEntry[] {
  const entries = readZipDirectory(bytes, fileName);
  checkZipDirectory(entries, fileName, limits, read);
  for (const entry of entries) if (!entry.name.endsWith("/")) readZipEntry(bytes, entry, fileName);
  return entries;
}

/**
 * A ZIP of stored (uncompressed) entries, UTF-8 names: how a container is handed on after one of its parts was
 * rewritten (docx-numbering.ts gives mammoth the document with Word's numbers written in).
 */
export function writeStoredZip(files: ReadonlyArray<{ name: string; data: Uint8Array }>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const crc = crc32(file.data);
    const local = new Uint8Array(30 + name.length);
    const localView = new DataView(local.buffer);
    localView.setUint32(0, 0x04034b50, true);
    localView.setUint16(4, 20, true);
    localView.setUint16(6, 0x0800, true);
    localView.setUint32(14, crc, true);
    localView.setUint32(18, file.data.length, true);
    localView.setUint32(22, file.data.length, true);
    localView.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const centralView = new DataView(central.buffer);
    centralView.setUint32(0, 0x02014b50, true);
    centralView.setUint16(4, 20, true);
    centralView.setUint16(6, 20, true);
    centralView.setUint16(8, 0x0800, true);
    centralView.setUint32(16, crc, true);
    centralView.setUint32(20, file.data.length, true);
    centralView.setUint32(24, file.data.length, true);
    centralView.setUint16(28, name.length, true);
    centralView.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, file.data);
    centrals.push(central);
    offset += local.length + file.data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, files.length, true);
  endView.setUint16(10, files.length, true);
  endView.setUint32(12, centralSize, true);
  endView.setUint32(16, offset, true);
  const zip = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    zip.set(part, at);
    at += part.length;
  }
  return zip;
}
