import { createHash } from "node:crypto";

/**
 * A chunk's id, derived from what identifies it, formatted as a UUID so it can be a Qdrant point id.
 * The same document version always yields the same ids, so re-writing a chunk's point is idempotent.
 */
export function chunkId(documentId: string, version: number, ordinal: number): string {
  const hash = createHash("sha256").update(`${documentId}\u0000${version}\u0000${ordinal}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version nibble 5: name-based
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
