import { describe, expect, it } from "vitest";
import { createAsk, type AskDeps, type AskResult } from "../../src/answer/ask.ts";
import { withPageContext, type PageChunks, type PagePosition } from "../../src/answer/page-context.ts";
import { createAnswering } from "../../src/answer/wire.ts";
import { loadConfig } from "../../src/config.ts";
import type { Passage, Retrieve } from "../../src/retrieve/types.ts";
import type { ChunkRow } from "../../src/store/store.ts";
import { passage } from "./passages.ts";

const DOCUMENT = "doc-manual";

function chunk(ordinal: number, text: string, page: number, headingPath: string[] = ["3 Networking"]): ChunkRow {
  return {
    id: `manual-${ordinal}`,
    documentId: DOCUMENT,
    version: 2,
    ordinal,
    text,
    pageStart: page,
    pageEnd: page,
    headingPath,
    clausePath: null,
    tableHeader: null,
    pageSpans: [{ start: 0, page }],
    charStart: ordinal * 1000,
    charEnd: ordinal * 1000 + text.length,
    role: "body",
  };
}

/** A manual's stored chunks: page 5 holds four of them, page 6 one. */
const CHUNKS: ChunkRow[] = [
  chunk(0, "Networking is set up once, when the service is installed for the first time on a host.", 5),
  chunk(1, "The service listens for client connections on a port and accepts them while it runs.", 5),
  chunk(2, "Logging writes each connection to the journal, with the address it came from.", 5),
  chunk(3, "The default port of the service is 8080, and a port below 1024 needs root.", 5, ["3 Networking", "3.2 Ports"]),
  chunk(4, "The default port of the admin console is 9090.", 6),
];

/** `Store.chunksOnPages` over CHUNKS, recording what it was asked. */
function pagesFrom(rows: readonly ChunkRow[], asked: Array<{ pages: readonly PagePosition[]; asOf?: string }> = []): PageChunks {
  return async (pages, asOf) => {
    asked.push({ pages, ...(asOf !== undefined ? { asOf } : {}) });
    return rows.filter((row) =>
      pages.some((at) => at.documentId === row.documentId && at.version === row.version && row.pageStart! <= at.page && at.page <= row.pageEnd!),
    );
  };
}

/** The hit search found: chunk 1 of the manual, its neighbour before it attached. */
function hit(overrides: Partial<Passage> = {}): Passage {
  const row = CHUNKS[1]!;
  return passage(1, row.text, {
    documentId: DOCUMENT,
    source: "manuals/service.pdf",
    chunkId: row.id,
    version: 2,
    page: 5,
    pageStart: 5,
    pageEnd: 5,
    headingPath: ["3 Networking"],
    neighbours: {
      before: { chunkId: CHUNKS[0]!.id, text: CHUNKS[0]!.text, pageStart: 5, pageEnd: 5, pageSpans: [{ start: 0, page: 5 }], charStart: 0, charEnd: 10 },
      after: null,
    },
    ...overrides,
  });
}

const OTHER = passage(2, "Ports of other products are listed in their own manuals.", { documentId: "doc-other", page: 5, pageStart: 5, pageEnd: 5 });

function retrieveReturning(hits: Passage[]): Retrieve {
  return async (request) => ({ query: request.query, hits });
}

describe("withPageContext", () => {
  it("adds the other chunks of the first hits' pages after their hit, in document order, nothing twice", async () => {
    const asked: Array<{ pages: readonly PagePosition[]; asOf?: string }> = [];
    const picker = await withPageContext([hit(), OTHER], pagesFrom(CHUNKS, asked), { pageHits: 1, asOf: "2025-04-01" });
    // Only the first hit's page is read, in its version and on the day searched for.
    expect(asked).toEqual([{ pages: [{ documentId: DOCUMENT, version: 2, page: 5 }], asOf: "2025-04-01" }]);
    // The hit itself and its neighbour (chunk 0) are not added again; page 6's chunk is not on the page.
    expect(picker.passages.map((p) => p.chunkId)).toEqual(["manual-1", "manual-2", "manual-3", OTHER.chunkId]);
    expect(picker.context).toEqual([false, true, true, false]);
    expect(picker.passages[2]).toMatchObject({
      documentId: DOCUMENT,
      source: "manuals/service.pdf",
      version: 2,
      score: 0,
      page: 5,
      headingPath: ["3 Networking", "3.2 Ports"],
      text: CHUNKS[3]!.text,
    });
  });

  it("reads the pages of as many hits as asked, and none for a hit without pages", async () => {
    const asked: Array<{ pages: readonly PagePosition[]; asOf?: string }> = [];
    const pageless = passage(3, "A web page has no printed pages.", { page: null });
    const twice = await withPageContext([pageless, OTHER], pagesFrom(CHUNKS, asked), { pageHits: 2 });
    expect(asked[0]!.pages).toEqual([{ documentId: "doc-other", version: 1, page: 5 }]);
    expect(twice.passages).toHaveLength(2);
    expect(await withPageContext([pageless], pagesFrom(CHUNKS, asked), { pageHits: 2 })).toEqual({ passages: [pageless], context: [false] });
    expect(asked).toHaveLength(1);
  });
});

describe("ask with the hits' pages", () => {
  const question = "What is the default port of the service?";

  it("quotes a chunk of the hit's page and cites that chunk, page and section", async () => {
    const deps: AskDeps = { retrieve: retrieveReturning([hit(), OTHER]), generator: null };
    const off = await createAsk(deps).ask({ question });
    expect(off.answer).not.toContain("8080");

    const on = await createAsk({ ...deps, pickerPassages: (hits) => withPageContext(hits, pagesFrom(CHUNKS), { pageHits: 2 }) }).ask({ question });
    expect(on.grounded).toBe(true);
    expect(on.answer).toContain("8080");
    // Page 6's sentence (the admin console's port) was never read.
    expect(on.answer).not.toContain("9090");
    expect(on.citations.map((citation) => citation.ref)).toEqual(on.citations.map((_, i) => i + 1));
    for (const match of on.answer.matchAll(/\[(\d+)\]/g)) expect(Number(match[1])).toBeLessThanOrEqual(on.citations.length);
    const cited = on.citations.find((citation) => citation.quote.includes("8080"))!;
    expect(cited).toMatchObject({
      documentId: DOCUMENT,
      source: "manuals/service.pdf",
      chunkId: "manual-3",
      page: 5,
      section: "3 Networking > 3.2 Ports",
      verified: true,
    });
    expect(CHUNKS[3]!.text).toContain(cited.quote);
  });

  it("streams the same answer, read from the page", async () => {
    const ask = createAsk({
      retrieve: retrieveReturning([hit(), OTHER]),
      generator: null,
      pickerPassages: (hits) => withPageContext(hits, pagesFrom(CHUNKS), { pageHits: 2 }),
    });
    let text = "";
    let done: AskResult | undefined;
    for await (const event of ask.askStream({ question })) {
      if (event.type === "delta") text += event.text;
      else done = event.result;
    }
    expect(done).toEqual(await ask.ask({ question }));
    expect(text).toBe(done!.answer);
    expect(done!.citations.find((citation) => citation.quote.includes("8080"))).toMatchObject({ chunkId: "manual-3", page: 5 });
  });

  it("leaves strict answers alone, and the hits alone when the switch is off", async () => {
    let calls = 0;
    const deps: AskDeps = {
      retrieve: retrieveReturning([hit(), OTHER]),
      generator: null,
      pickerPassages: async (hits) => {
        calls++;
        return withPageContext(hits, pagesFrom(CHUNKS), { pageHits: 2 });
      },
    };
    const strict = await createAsk(deps).ask({ question, strict: true });
    expect(calls).toBe(0);
    expect(strict.strict).toBe(true);
    expect(strict.answer).not.toContain("8080");

    // Wired from configuration: off reads no page; on (the default) reads the first hits' pages.
    const asked: Array<{ pages: readonly PagePosition[] }> = [];
    const wired = (env: Record<string, string>) =>
      createAnswering({ config: { ...loadConfig({ JIKJI_DATA_DIR: "/nonexistent", ...env }), llm: null }, search: retrieveReturning([hit(), OTHER]), pageChunks: pagesFrom(CHUNKS, asked) }).ask;
    const plain = await wired({ JIKJI_ANSWER_PAGE_CONTEXT: "off" }).ask({ question });
    expect(asked).toHaveLength(0);
    expect(plain.answer).not.toContain("8080");
    const byDefault = await wired({}).ask({ question });
    expect(asked.pop()!.pages).toEqual([
      { documentId: DOCUMENT, version: 2, page: 5 },
      { documentId: "doc-other", version: 1, page: 5 },
    ]);
    expect(byDefault.answer).toContain("8080");
    const read = await wired({ JIKJI_ANSWER_PAGE_CONTEXT: "on", JIKJI_ANSWER_PAGE_CONTEXT_HITS: "1" }).ask({ question, filter: { asOf: "2025-04-01" } });
    expect(asked).toEqual([{ pages: [{ documentId: DOCUMENT, version: 2, page: 5 }], asOf: "2025-04-01" }]);
    expect(read.answer).toContain("8080");
  });
});
