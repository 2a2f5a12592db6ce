import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";

const CORPUS = new URL("../fixtures/hostile/", import.meta.url);

/**
 * What must happen to each file of the hostile corpus: a failure whose message names the problem, or a successful
 * ingest. Limits are lowered (20 pages, 200 chunks) so the corpus stays small; OCR is off here (ocr.test.ts has it).
 */
const EXPECTED: Record<string, RegExp | "ingested"> = {
  "truncated.pdf": /truncated\.pdf is not a valid PDF/,
  "corrupt-xref.pdf": /corrupt-xref\.pdf (is not a valid PDF|has no text|could not be read)/,
  "encrypted.pdf": /encrypted\.pdf is encrypted \(password-protected\)/,
  "no-text-layer.pdf": /no-text-layer\.pdf has no text on any of its 1 page\(s\): no text layer and no scanned images/,
  "scanned-korean.pdf": /scanned-korean\.pdf has no text layer.*needs OCR/,
  "too-many-pages.pdf": /too-many-pages\.pdf has 30 pages, over the limit of 20 \(JIKJI_MAX_PAGES\)/,
  "pdf-named.txt": "ingested",
  "zip-bomb.docx": /zip-bomb\.docx looks like a zip bomb: entry word\/document\.xml inflates \d+:1/,
  "lying-zip-bomb.docx": /lying-zip-bomb\.docx: archive entry word\/document\.xml inflates past its declared 4096 bytes/,
  "huge-entry.docx": /huge-entry\.docx would decompress to 900\.0 MB, over the limit of 512 MB \(JIKJI_MAX_DECOMPRESSED_MB\)/,
  "hwpx-bomb.hwpx": /hwpx-bomb\.hwpx looks like a zip bomb/,
  "not-a-docx.docx": /not-a-docx\.docx is a ZIP archive but not a Word or HWPX document.*notes\.txt/,
  "truncated.docx": /truncated\.docx looks like a ZIP archive but its central directory is missing/,
  "empty.pdf": /empty\.pdf is empty/,
  "junk.pdf": /junk\.pdf is binary data of an unknown type/,
  "junk.docx": /junk\.docx is binary data of an unknown type/,
  "junk.md": /junk\.md is binary data of an unknown type/,
  "junk.hwp": /junk\.hwp is a legacy Office file/,
  "png-named.pdf": /png-named\.pdf is a PNG image/,
  "gzip-named.docx": /gzip-named\.docx is a gzip archive/,
  "deeply-nested.html": "ingested",
  "enormous-line.txt": /enormous-line\.txt makes \d+ chunks, over the limit of 200 \(JIKJI_MAX_CHUNKS_PER_DOCUMENT\)/,
  "euc-kr.txt": "ingested",
  "invalid-utf8.md": "ingested",
};

const ENV = { JIKJI_MAX_PAGES: "20", JIKJI_MAX_CHUNKS_PER_DOCUMENT: "200", JIKJI_OCR: "off" };

let root: string;
let dataDir: string;
let hostile: string;

interface Hit {
  source: string;
  page: number | null;
  chunkId: string;
  text: string;
  score: number;
}

async function search(query: string): Promise<Hit[]> {
  const result = await cli(["search", query, "--json", "--k", "5", "--data-dir", dataDir], ENV);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { hits: Hit[] }).hits;
}

const QUERIES = ["연차 휴가는 며칠인가요", "how often are passwords rotated", "data retention period"];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-hostile-"));
  dataDir = path.join(root, "data");
  const good = path.join(root, "good");
  hostile = path.join(root, "hostile");
  await fs.mkdir(good);
  await fs.mkdir(hostile);
  await fs.writeFile(path.join(good, "leave.md"), "# 휴가 규정\n\n연차 휴가는 입사일로부터 1년이 지나면 15일이 주어집니다.\n");
  await fs.writeFile(path.join(good, "security.txt"), "Security policy\n\nPasswords are rotated every 90 days. Data retention period is five years.\n");
  const ingested = await cli(["ingest", good, "--json", "--data-dir", dataDir], ENV);
  expect(JSON.parse(ingested.stdout)).toEqual({ ingested: 2, unchanged: 0, failed: [] });
  for (const name of Object.keys(EXPECTED)) await fs.copyFile(new URL(name, CORPUS), path.join(hostile, name));
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("a batch of hostile and broken files", () => {
  it("holds at least 20 files, each with an expected outcome", async () => {
    const committed = (await fs.readdir(CORPUS)).filter((name) => name !== "README.md" && name !== "generate.ts");
    expect(committed.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(committed.length).toBeGreaterThanOrEqual(20);
  });

  it("rejects each bad file with an error naming its problem, ingests the readable ones, and leaves earlier documents as they were", async () => {
    const before = await Promise.all(QUERIES.map(search));
    expect(before[0]![0]!.source).toBe("leave.md");

    const result = await cli(["ingest", hostile, "--json", "--data-dir", dataDir], ENV);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ingested: number; unchanged: number; failed: Array<{ source: string; error: string }> };
    const readable = Object.entries(EXPECTED).filter(([, outcome]) => outcome === "ingested").map(([name]) => name);
    expect(report.ingested).toBe(readable.length);
    const errors = new Map(report.failed.map((failure) => [failure.source, failure.error]));
    for (const [name, outcome] of Object.entries(EXPECTED)) {
      if (outcome === "ingested") expect(errors.has(name), `${name}: ${errors.get(name)}`).toBe(false);
      else expect(errors.get(name), name).toMatch(outcome);
    }

    const after = await Promise.all(QUERIES.map(search));
    // Scores move with corpus statistics (BM25's IDF); what was found, and where, must not.
    const visible = (hits: Hit[]) =>
      hits
        .filter((hit) => hit.source === "leave.md" || hit.source === "security.txt")
        .map(({ source, page, chunkId, text }) => ({ source, page, chunkId, text }));
    expect(after.map(visible)).toEqual(before.map(visible));
  });

  it("reads what it could: a PDF named .txt, EUC-KR, invalid UTF-8 and deep nesting", async () => {
    expect((await search("wears a txt extension"))[0]).toMatchObject({ source: "pdf-named.txt", page: 1 });
    expect((await search("열다섯 날"))[0]!.source).toBe("euc-kr.txt");
    expect((await search("the rest is readable"))[0]!.source).toBe("invalid-utf8.md");
    expect((await search("twenty thousand divs nesting"))[0]!.source).toBe("deeply-nested.html");
  });

  it("names the problem per file in human output too, with the replacement warning for invalid UTF-8", async () => {
    await fs.appendFile(path.join(hostile, "invalid-utf8.md"), "Changed.\n");
    const result = await cli(["ingest", hostile, "--data-dir", dataDir], ENV);
    expect(result.stdout).toMatch(/✓ ingested\s+invalid-utf8\.md\n\s+the text is not valid UTF-8 or EUC-KR; 3 undecodable/);
    expect(result.stdout).toMatch(/✗ failed\s+encrypted\.pdf — encrypted\.pdf is encrypted/);
    // Not a terminal: one plain progress line per file on stderr.
    expect(result.stderr).toMatch(/^\[1\/24\] failed corrupt-xref\.pdf — /m);
    expect(result.stderr.match(/^\[\d+\/24\] /gm)).toHaveLength(24);
  });

  it("opens the encrypted PDF with --pdf-password, and says when the password is wrong", async () => {
    const file = path.join(hostile, "encrypted.pdf");
    const wrong = await cli(["ingest", file, "--pdf-password", "guess", "--json", "--data-dir", dataDir], ENV);
    expect(JSON.parse(wrong.stdout).failed[0].error).toMatch(/encrypted\.pdf is encrypted \(password-protected\); the password given is wrong/);
    const right = await cli(["ingest", file, "--pdf-password", "secret", "--json", "--data-dir", dataDir], ENV);
    expect(JSON.parse(right.stdout)).toEqual({ ingested: 1, unchanged: 0, failed: [] });
    expect((await search("secret text"))[0]!.source).toBe("encrypted.pdf");
  });
});
