import { describe, expect, it } from "vitest";
import { DocumentUnreadableError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../../src/errors.ts";
import { workerParser, type ParserLimits } from "../../src/ingest/parser.ts";

const LIMITS: ParserLimits = { maxPages: 100, maxDecompressedBytes: 64 * 1024 * 1024, parseTimeoutMs: 60_000, parseMemoryMb: 256 };
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("the worker-thread parser", () => {
  it("parses in a reused worker and hands back errors as the same classes", async () => {
    const parser = workerParser(LIMITS, null);
    try {
      const first = await parser.parse(utf8("# 제목\n\n본문입니다."), "a.md");
      expect(first.mediaType).toBe("text/markdown");
      expect(first.document.blocks.map((block) => block.kind)).toEqual(["heading", "paragraph"]);
      await expect(parser.parse(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]), "logo.pdf")).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
      await expect(parser.parse(new Uint8Array(0), "empty.txt")).rejects.toThrow(DocumentUnreadableError);
      expect((await parser.parse(utf8("still here"), "b.txt")).document.text).toBe("still here");
    } finally {
      await parser.close();
    }
  });

  it("stops a parse that outlives its deadline, reports it for that file, and carries on with a new worker", async () => {
    // A 1 ms deadline cannot be met: starting a worker alone takes longer.
    const parser = workerParser({ ...LIMITS, parseTimeoutMs: 1 }, null);
    try {
      await expect(parser.parse(utf8("text"), "slow.txt")).rejects.toThrow(
        /slow\.txt took longer than 1 ms to parse \(JIKJI_PARSE_TIMEOUT_MS\); parsing was stopped/,
      );
    } finally {
      await parser.close();
    }
    const patient = workerParser(LIMITS, null);
    try {
      expect((await patient.parse(utf8("fine"), "ok.txt")).document.text).toBe("fine");
    } finally {
      await patient.close();
    }
  });

  it("turns running out of worker heap into that file's error and serves the next file", async () => {
    const parser = workerParser({ ...LIMITS, parseMemoryMb: 16 }, null);
    try {
      // Tens of megabytes of distinct paragraphs: the parsed blocks cannot fit a 16 MB heap.
      const huge = utf8(Array.from({ length: 400_000 }, (_, i) => `Paragraph number ${i} says something.`).join("\n\n"));
      const failure = await parser.parse(huge, "huge.txt").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PayloadTooLargeError);
      expect((failure as Error).message).toMatch(/huge\.txt needed more than 16 MB of memory to parse \(JIKJI_PARSE_MEMORY_MB\)/);
      expect((await parser.parse(utf8("small again"), "small.txt")).document.text).toBe("small again");
    } finally {
      await parser.close();
    }
  });
});
